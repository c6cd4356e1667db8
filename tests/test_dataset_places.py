"""Units belong to the plan's place: a plan of another city (the 丽水 excerpt in tests/corpus) gets its
own Department nodes, never Quzhou's rows, and the bundled plan's graph is what it is alone."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.analysis.plans import plan_breakdown, scope
from graph.analysis.workload import unit_loads
from graph.interface.ask import route
from graph.model.build import build_graph
from graph.model.dataset import load_dataset, load_graph, sources_for
from graph.model.lint import lint
from graph.model.lookup import Lookup
from loaders.records import LoadError

ROOT = Path(__file__).resolve().parents[1]
QUZHOU = ROOT / "data" / "quzhou-2024-business-environment-plan.txt"
LISHUI = ROOT / "tests" / "corpus" / "lishui-2023-gov-report.txt"
QZ, LS = QUZHOU.stem, LISHUI.stem
# The units the 丽水 excerpt's measures 1-8 name, typed from its 责任单位 lines.
LISHUI_WRITTEN = {"市发改委", "市经信局", "市科技局"}


def graph_of(*plans, data_dir=None):
    ds = load_dataset(sources_for(plans, data_dir))
    return build_graph(ds.nodes, ds.rels), ds


def units_of(g, plan: str) -> dict[str, dict]:
    return {g.nodes[u]["key"]: g.nodes[u] for u, m, d in g.edges(data=True)
            if d["type"] == "RESPONSIBLE_FOR" and g.nodes[m].get("plan") == plan}


@pytest.fixture(scope="module")
def both():
    return graph_of(QUZHOU, LISHUI)[0]


def test_lishuis_units_are_its_own(both):
    lishui, quzhou = units_of(both, LS), units_of(both, QZ)
    assert not set(lishui) & set(quzhou)
    assert LISHUI_WRITTEN <= {d["written"] for d in lishui.values()}
    for key, d in lishui.items():
        assert d["city"] == "丽水市" and key == d["name"]
        assert key.startswith("丽水市") or key.endswith("（丽水市）"), key
        assert not any("衢州" in str(d.get(p) or "") for p in ("full_name", "english", "aliases", "note"))
        assert "english" not in d and "full_name" not in d
    assert both.nodes["Department:丽水市发改委"]["written"] == "市发改委"
    # 衢州's unit is untouched by 丽水's plan
    qz = both.nodes["Department:市发改委"]
    assert qz["full_name"] == "衢州市发展和改革委员会" and "city" not in qz and "written" not in qz
    assert {both.nodes[m]["plan"] for _, m, d in both.out_edges("Department:市发改委", data=True)
            if d["type"] == "RESPONSIBLE_FOR"} == {QZ}


def test_lishui_alone_gets_no_quzhou_names():
    g, _ = graph_of(LISHUI)
    lishui = units_of(g, LS)
    assert LISHUI_WRITTEN <= {d["written"] for d in lishui.values()}
    for d in lishui.values():
        assert d["city"] == "丽水市" and "衢州" not in str(d.get("full_name") or ""), d
    # the ledgers' units (project services, problems) are the home city's, as before
    assert g.nodes["Department:市经信局"]["full_name"] == "衢州市经济和信息化局"


def test_the_quzhou_part_is_the_graph_it_gives_alone(both):
    alone, _ = load_graph(sources_for([QUZHOU]))
    part = scope(both, [QZ])
    extra = set(part.nodes) - set(alone.nodes)
    assert all(part.nodes[n].get("city") == "丽水市" for n in extra)  # only 丽水's units are new
    assert all(part.nodes[n] == alone.nodes[n] for n in alone.nodes)
    assert all(part.edges[e] == alone.edges[e] for e in alone.edges(keys=True))
    assert set(alone.edges(keys=True)) <= set(part.edges(keys=True))


def test_two_plans_of_the_same_city_share_their_units(tmp_path):
    second = tmp_path / "lishui-copy.txt"
    shutil.copy(LISHUI, second)
    g, _ = graph_of(QUZHOU, LISHUI, second)
    plans = {g.nodes[m]["plan"] for _, m, d in g.out_edges("Department:丽水市发改委", data=True)
             if d["type"] == "RESPONSIBLE_FOR"}
    assert plans == {LS, "lishui-copy"}


def _folder_with_rows(tmp_path: Path, *rows: str, units_text: str | None = None) -> Path:
    shutil.copytree(ROOT / "data" / "chains", tmp_path / "chains")
    text = units_text or (ROOT / "data" / "units.csv").read_text(encoding="utf-8")
    lines = text.rstrip("\n").split("\n")
    lines[0] += ",city"
    (tmp_path / "units.csv").write_text("\n".join(lines + list(rows)) + "\n", encoding="utf-8")
    return tmp_path


def test_a_row_for_lishui_is_used_for_lishuis_plan_only(tmp_path):
    folder = _folder_with_rows(tmp_path, "市发改委,丽水市发展和改革委员会,government,市发展改革委,,"
                                         "Lishui Development & Reform Commission,,丽水市")
    g, _ = graph_of(QUZHOU, LISHUI, data_dir=folder)
    ls = g.nodes["Department:丽水市发改委"]
    assert (ls["full_name"], ls["kind"], ls["city"], ls["written"]) == (
        "丽水市发展和改革委员会", "government", "丽水市", "市发改委")
    assert g.nodes["Department:市发改委"]["full_name"] == "衢州市发展和改革委员会"
    assert units_of(g, LS)["丽水市发改委"] is ls
    alone, _ = graph_of(QUZHOU, data_dir=folder)
    assert "Department:丽水市发改委" not in alone  # not a unit Quzhou's plan names


def test_a_table_naming_no_city_with_plans_of_two_places_is_refused(tmp_path):
    text = "name,full_name,kind,aliases,affiliate_of,english,note\n市发改委,,government,,,,\n"
    folder = _folder_with_rows(tmp_path, units_text=text)
    (folder / "chains").rename(folder / "no-chains")
    with pytest.raises(LoadError, match=r"units.csv.*cannot tell whose units.*丽水市 and 衢州市.*city=丽水市"):
        graph_of(QUZHOU, LISHUI, data_dir=folder)
    g, _ = graph_of(LISHUI, data_dir=folder)  # one place: the table is that place's
    assert g.nodes["Department:市发改委"].get("city") is None


def test_workload_is_kept_apart_per_city(both):
    alone, _ = load_graph(sources_for([QUZHOU]))
    loads, loads_alone = unit_loads(both), unit_loads(alone)
    assert loads["市发改委"] == loads_alone["市发改委"]
    assert loads["丽水市发改委"].measures == 3  # three 责任单位 lines of the excerpt name 市发改委
    df = plan_breakdown(both)["workload_by_plan"]
    assert set(df[df.department == "市发改委"].plan) == {QZ}
    assert set(df[df.department == "丽水市发改委"].plan) == {LS}
    assert (df[df.department == "丽水市发改委"].plans == 1).all()


def test_lint_says_whose_unit_it_is():
    found = [f for f in lint(sources_for([QUZHOU, LISHUI])) if f.kind == "unknown_unit"]
    lishui = [f.message for f in found if f.file.endswith(LISHUI.name)]
    assert lishui and all("of 丽水市" in m and "city=丽水市" in m and "(add it, or an alias)" not in m
                          for m in lishui)
    assert any("'丽水市发改委'" in m for m in lishui)


@pytest.mark.parametrize("question,unit", [
    ("丽水市发展改革委负责哪些任务", "丽水市发改委"),
    ("丽水市发改委负责哪些任务", "丽水市发改委"),
    ("丽水的市发改委负责哪些任务", "丽水市发改委"),
    ("2023年方案中市发改委负责哪些任务", "丽水市发改委"),   # the 丽水 plan is the one for 2023
    ("2024年方案中市发改委负责哪些任务", "市发改委"),
    ("衢州市发改委负责哪些任务", "市发改委"),
])
def test_ask_finds_the_unit_of_the_place(both, question, unit):
    d = route(question, Lookup.of_graph(both))
    assert d.query and d.params["department"] == unit, d.message


@pytest.mark.parametrize("question", ["市发改委负责哪些任务", "发改委牵头哪些任务"])
def test_ask_does_not_guess_between_cities(both, question):
    d = route(question, Lookup.of_graph(both))
    assert d.query is None and d.refusal == "ambiguous"
    assert "丽水市发改委" in d.suggestions and "市发改委" in d.suggestions and "which city" in d.message


COUNTY_PLAN = """{county}2024年优化营商环境工作要点
{signed}人民政府办公室
一、重点任务
1.加快项目审批。推进项目审批提速。(责任单位:区发改局、市发改委)
2.优化政务服务。推进一网通办。(责任单位:区财政局、区行政服务中心)
"""


def _county_graph(tmp_path, county, signed):
    path = tmp_path / "county-2024.txt"
    path.write_text(COUNTY_PLAN.format(county=county, signed=signed), encoding="utf-8")
    return units_of(graph_of(path)[0], "county-2024")


def test_a_county_plan_of_quzhou_uses_quzhous_city_units(tmp_path):
    units = _county_graph(tmp_path, "柯城区", "衢州市柯城区")
    assert units["市发改委"]["full_name"] == "衢州市发展和改革委员会"  # 市-level: the city's own row
    assert {k: d["city"] for k, d in units.items() if k != "市发改委"} == {
        "衢州市柯城区发改局": "衢州市柯城区", "衢州市柯城区财政局": "衢州市柯城区", "衢州市柯城区行政服务中心": "衢州市柯城区"}


def test_a_county_plan_of_another_city(tmp_path):
    units = _county_graph(tmp_path, "海曙区", "宁波市海曙区")
    assert units["宁波市发改委"]["city"] == "宁波市" and "full_name" not in units["宁波市发改委"]
    assert units["宁波市海曙区发改局"]["city"] == "宁波市海曙区"
    alone = _county_graph(tmp_path, "海曙区", "海曙区")  # the city is not named: the county's own
    assert set(alone) == {"市发改委（海曙区）", "海曙区发改局", "海曙区财政局", "海曙区行政服务中心"}


def test_ledgers_name_home_city_units_only(tmp_path):
    folder = _folder_with_rows(tmp_path, "市发改委,丽水市发展和改革委员会,government,,,,,丽水市")
    problems = folder / "chains" / "problems.csv"
    problems.write_text(problems.read_text(encoding="utf-8").replace(",市资源规划局,", ",丽水市发改委,", 1),
                        encoding="utf-8")
    with pytest.raises(LoadError, match=r"problems.csv row 2: unit: '丽水市发改委' is not a unit"):
        graph_of(QUZHOU, LISHUI, data_dir=folder)


GUANGZHOU_TABLE = ROOT / "tests" / "corpus" / "guangzhou-2021-gov-report-table.csv"  # names no place


def _units_of(g, plan_id: str) -> set[str]:
    return {g.nodes[u]["key"] for u, m, d in g.edges(data=True)
            if d["type"] == "RESPONSIBLE_FOR" and g.nodes[m].get("plan") == plan_id}


def test_place_says_whose_a_plan_is_when_its_text_does_not():
    plan_id = GUANGZHOU_TABLE.stem
    home, _ = load_graph(sources_for([QUZHOU, GUANGZHOU_TABLE]))
    assert "市科技局" in _units_of(home, plan_id)  # read as Quzhou's: the text cannot say otherwise
    told, _ = load_graph(sources_for([QUZHOU, GUANGZHOU_TABLE], place="广州"))
    units = _units_of(told, plan_id)
    assert "广州市科技局" in units and "市科技局" not in units
    assert told.nodes[f"Plan:{plan_id}"]["city"] == "广州市"
    # the Quzhou plan names its place, which --place never overrides
    assert told.nodes[f"Plan:{QUZHOU.stem}"]["city"] == home.nodes[f"Plan:{QUZHOU.stem}"]["city"]
    assert _units_of(told, QUZHOU.stem) == _units_of(home, QUZHOU.stem)
    told_lint = [f.message for f in lint(sources_for([GUANGZHOU_TABLE], place="广州市"))]
    assert told_lint and not any("names no place" in m for m in told_lint)
    assert any("--place" in f.message for f in lint(sources_for([GUANGZHOU_TABLE])))


def test_place_on_the_command_line(capsys):
    from graph.interface.cli import main
    code = main(["query", "departments_for_measure", "--plan", str(GUANGZHOU_TABLE), "--place", "广州市",
                 "--param", "measure=1", "--backend", "embedded", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0 and "广州市科技局" in out
    with pytest.raises(SystemExit) as e:
        main(["lint", "--place", "gz"])
    assert e.value.code == 2 and "--place" in capsys.readouterr().err
