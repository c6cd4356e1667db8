"""Chain ledgers: the bundled sample, a hand-checked minimal fixture, the Excel route, and bad rows."""
from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from graph.model.build import build_graph
from loaders.ledger import TABLES, LedgerError, parse_ledgers, read_ledgers
from loaders.records import Node

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "chains"
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "ledgers" / "minimal"
PLAN = "quzhou-2024-business-environment-plan"
MEASURES = set(range(1, 27))

# the units the bundled ledgers use, written out by hand: the plan's (from its responsibility lists)
# and 市生态环境局, which the unit table adds for 环评
UNITS = {"市生态环境局", "市发改委", "市经信局", "市资源规划局", "市住建局", "国网衢州供电公司", "市水利局", "市金融办",
         "市人行", "智造新城管委会", "智慧新城管委会", "衢州海关", "市人力社保局", "市市场监管局",
         "市税务局", "市交通运输局", "市科技局"}
CNPEC = "cnpec.net/news/show-34609.html"
VERYGIF = "verygif.com/techdevelop/detail/id/14783.html"


def load(folder: Path = BUNDLED, units=UNITS, measures=MEASURES):
    return read_ledgers(folder, known_units=units, known_measures={PLAN: measures})


@pytest.fixture(scope="module")
def bundled():
    nodes, rels = load()
    return nodes, rels


def ends(rels, rel_type):
    return {(r.start[1], r.end[1]) for r in rels if r.type == rel_type}


# ------------------------------------------------------------------ the bundled sample

def test_units_used_are_named_in_the_plan_or_added_for_environmental_approval():
    text = (ROOT / "data" / "quzhou-2024-business-environment-plan.txt").read_text(encoding="utf-8")
    assert {u for u in UNITS if u not in text} == {"市生态环境局"}


def test_bundled_counts(bundled):
    nodes, rels = bundled
    assert Counter(n.label for n in nodes) == {
        "Chain": 6, "Segment": 35, "Enterprise": 34, "Project": 26, "Problem": 16}
    assert Counter(r.type for r in rels) == {
        "PART_OF": 35, "FEEDS": 36, "LEADS": 3, "OPERATES_IN": 39, "INVESTS_IN": 26, "IN_SEGMENT": 26,
        "SERVES": 49, "SUPPORTS": 4, "RAISED": 15, "IN_CHAIN": 16, "ASSIGNED_TO": 16}


def test_six_flagship_chains(bundled):
    chains = {n.key: n.props for n in bundled[0] if n.label == "Chain"}
    assert {k: p["name"] for k, p in chains.items()} == {
        "new-materials": "新材料", "new-energy": "新能源", "ic": "集成电路",
        "high-end-equipment": "高端装备", "life-health": "生命健康", "special-paper": "特种纸"}
    assert all(p["flagship"] and not p["illustrative"] and p["reference"] for p in chains.values())


def test_juhua_leads_new_materials_with_its_reference(bundled):
    nodes, rels = bundled
    (lead,) = [r for r in rels if r.type == "LEADS" and r.start == ("Enterprise", "juhua")]
    assert lead.end == ("Chain", "new-materials")
    assert lead.props["reference"] == CNPEC and lead.props["illustrative"] is False
    juhua = next(n for n in nodes if n.key == "juhua")
    assert juhua.props["name"] == "巨化集团" and juhua.props["chain_leader"] is True
    assert ends(rels, "LEADS") == {("juhua", "new-materials"), ("xianhe", "special-paper"),
                                   ("demo-pharma-api", "life-health")}


def test_huajin_precursor_project(bundled):
    nodes, rels = bundled
    p = next(n for n in nodes if n.key == "prj-huajin-precursor")
    assert p.props["investment"] == 30.0 and p.props["status"] == "trial_production"
    assert p.props["reference"] == VERYGIF and p.props["illustrative"] is False
    assert ("huajin", "prj-huajin-precursor") in ends(rels, "INVESTS_IN")
    assert ("prj-huajin-precursor", "ne-precursor") in ends(rels, "IN_SEGMENT")
    zt = next(n for n in nodes if n.key == "prj-zt-silicone")
    assert zt.props["investment"] == 20.8


def test_every_chain_has_four_segments_over_all_stages(bundled):
    stages: dict[str, list[str]] = {}
    for n in bundled[0]:
        if n.label == "Segment":
            stages.setdefault(n.props["chain"], []).append(n.props["stage"])
    assert len(stages) == 6
    for chain, found in stages.items():
        assert len(found) >= 4, chain
        assert set(found) == {"upstream", "midstream", "downstream"}, chain


def test_chain_gaps_and_the_projects_that_fill_them(bundled):
    nodes, rels = bundled
    segments = {n.key for n in nodes if n.label == "Segment"}
    empty = segments - {s for _, s in ends(rels, "OPERATES_IN")}
    assert empty == {"nm-silicon", "ne-recycling", "ic-package", "lh-devices", "sp-chemicals"}
    gap_projects = {n.key for n in nodes if n.label == "Project" and n.props["fills_gap"]}
    assert gap_projects == {"prj-demo-ic-package", "prj-demo-devices"}
    filled = {s for p, s in ends(rels, "IN_SEGMENT") if p in gap_projects}
    assert filled <= empty and empty - filled == {"nm-silicon", "ne-recycling", "sp-chemicals"}


def test_provenance_on_every_record(bundled):
    nodes, rels = bundled
    for rec in [*nodes, *rels]:
        assert rec.props["source"].startswith("chains/") and ":" in rec.props["source"]
        assert isinstance(rec.props["illustrative"], bool)
        # reported rows cite where; illustrative rows do not pretend to
        assert bool(rec.props["reference"]) != rec.props["illustrative"], rec
    for n in nodes:
        if n.label == "Enterprise" and n.props["illustrative"]:
            assert "示例" in n.props["name"]


def test_problems_cover_2024_with_open_and_closed(bundled):
    problems = [n.props for n in bundled[0] if n.label == "Problem"]
    assert all(p["raised"].startswith("2024-") for p in problems)
    assert Counter(p["status"] for p in problems) == {"closed": 10, "open": 6}
    assert all((p["status"] == "closed") == bool(p["closed"]) for p in problems)


def test_bundled_records_build_a_graph(bundled):
    nodes, rels = bundled
    plan_side = [Node("Department", u, {}) for u in UNITS] + \
                [Node("Measure", f"{PLAN}#M{i}", {"number": i}) for i in MEASURES]
    g = build_graph([*nodes, *plan_side], rels)
    assert g.number_of_edges() == len(rels)  # SERVES at several steps stay separate edges


# ------------------------------------------------------------------ the minimal fixture, by hand

FIXTURE_UNITS = {"市发改委", "市住建局", "市资源规划局"}


def load_min(folder: Path = MINIMAL, **kw):
    kw = {"known_units": FIXTURE_UNITS, "known_measures": {PLAN: MEASURES}, **kw}
    return read_ledgers(folder, **kw)


def test_minimal_records_exactly():
    nodes, rels = load_min()
    assert [(n.label, n.key) for n in nodes] == [
        ("Chain", "sp"), ("Chain", "nm"), ("Segment", "sp-pulp"), ("Segment", "sp-base"),
        ("Segment", "sp-use"), ("Segment", "nm-f"), ("Enterprise", "xh"), ("Enterprise", "demo"),
        ("Enterprise", "e3"), ("Project", "p1"), ("Project", "p2"), ("Problem", "pr1"), ("Problem", "pr2")]
    assert [(r.type, r.start, r.end) for r in rels if r.type not in ("PART_OF", "FEEDS")] == [
        ("LEADS", ("Enterprise", "xh"), ("Chain", "sp")),
        ("LEADS", ("Enterprise", "demo"), ("Chain", "sp")),
        ("LEADS", ("Enterprise", "demo"), ("Chain", "nm")),
        ("OPERATES_IN", ("Enterprise", "xh"), ("Segment", "sp-base")),
        ("OPERATES_IN", ("Enterprise", "demo"), ("Segment", "nm-f")),
        ("INVESTS_IN", ("Enterprise", "xh"), ("Project", "p1")),
        ("IN_SEGMENT", ("Project", "p1"), ("Segment", "sp-base")),
        ("INVESTS_IN", ("Enterprise", "e3"), ("Project", "p2")),
        ("IN_SEGMENT", ("Project", "p2"), ("Segment", "sp-use")),
        ("SERVES", ("Department", "市发改委"), ("Project", "p2")),
        ("SERVES", ("Department", "市住建局"), ("Project", "p2")),
        ("SUPPORTS", ("Measure", f"{PLAN}#M12"), ("Chain", "sp")),
        ("RAISED", ("Enterprise", "e3"), ("Problem", "pr1")),
        ("IN_CHAIN", ("Problem", "pr1"), ("Chain", "sp")),
        ("ASSIGNED_TO", ("Problem", "pr1"), ("Department", "市资源规划局")),
        ("IN_CHAIN", ("Problem", "pr2"), ("Chain", "nm")),
        ("ASSIGNED_TO", ("Problem", "pr2"), ("Department", "市发改委"))]
    props = {n.key: n.props for n in nodes}
    assert props["demo"] == {"name": "示例企业（示例）", "county": "", "listed": False, "chain_leader": True,
                             "source": "minimal/enterprises.csv:3", "illustrative": True, "reference": ""}
    assert props["p2"] == {"name": "终端应用补链项目（示例）", "investment": 1.5, "status": "under_construction",
                           "start": "2024-03-01", "expected": "2025-06-30", "fills_gap": True,
                           "source": "minimal/projects.csv:3", "illustrative": True, "reference": ""}
    assert props["pr2"]["closed"] is None and props["pr1"]["closed"] == "2024-03-01"
    serves = [r.props for r in rels if r.type == "SERVES"]
    assert [s["stage"] for s in serves] == ["立项备案", "施工许可"]
    (supports,) = [r.props for r in rels if r.type == "SUPPORTS"]
    assert supports["basis"] == "工业产品生产许可覆盖食品接触用纸" and supports["derived"] is False


def test_optional_tables_may_be_missing(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    for name in ("problems", "measure_chains", "project_services"):
        (folder / f"{name}.csv").unlink()
    nodes, rels = load_min(folder)
    assert "Problem" not in {n.label for n in nodes}
    assert not {"SERVES", "SUPPORTS", "ASSIGNED_TO"} & {r.type for r in rels}


def test_measure_check_is_skipped_without_known_measures(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    edit(folder, "measure_chains", 2, "measure", "99")
    load_min(folder, known_measures=None, plan_id=PLAN)


# ------------------------------------------------------------------ Excel

def csv_to_xlsx(src: Path, dst: Path) -> None:
    for path in src.glob("*.csv"):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame.to_excel(dst / f"{path.stem}.xlsx", index=False)


def comparable(records, ext: str):
    """Records as plain tuples, with the file extension taken out of `source`."""
    nodes, rels = records
    def props(p):
        assert f".{ext}:" in p["source"]
        return {**p, "source": p["source"].replace(f".{ext}:", ".*:")}
    return ([(n.label, n.key, props(n.props)) for n in nodes],
            [(r.type, r.start, r.end, props(r.props)) for r in rels])


def test_xlsx_ledgers_give_the_same_records(tmp_path):
    folder = tmp_path / "chains"
    folder.mkdir()
    csv_to_xlsx(BUNDLED, folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.xlsx" for t in TABLES)
    assert comparable(load(folder), "xlsx") == comparable(load(), "csv")


def test_xlsx_with_native_cell_types(tmp_path):
    """Numbers, dates and booleans typed into Excel cells read like their CSV text."""
    folder = copy(MINIMAL, tmp_path)
    frame = pd.read_csv(folder / "projects.csv", dtype=str, keep_default_na=False)
    frame["investment"] = frame["investment"].astype(float)
    frame["fills_gap"] = frame["fills_gap"].map({"false": False, "1": True})
    frame["start"] = pd.to_datetime(frame["start"])
    frame.to_excel(folder / "projects.xlsx", index=False)
    (folder / "projects.csv").unlink()
    measures = pd.DataFrame({"measure": [12], "chain": ["sp"], "basis": ["b"]})  # 12 as a number
    measures.to_excel(folder / "measure_chains.xlsx", index=False)
    (folder / "measure_chains.csv").unlink()
    nodes, rels = load_min(folder)
    p2 = next(n.props for n in nodes if n.key == "p2")
    assert (p2["investment"], p2["start"], p2["fills_gap"]) == (1.5, "2024-03-01", True)
    assert p2["source"] == "minimal/projects.xlsx:3"
    assert ("Measure", f"{PLAN}#M12") in {r.start for r in rels}


def test_csv_and_xlsx_for_one_table_is_an_error(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    pd.read_csv(folder / "chains.csv", dtype=str).to_excel(folder / "chains.xlsx", index=False)
    with pytest.raises(LedgerError, match=r"chains\.csv: both chains\.csv and chains\.xlsx exist") as exc:
        load_min(folder)
    assert len(exc.value.issues) == 1


# ------------------------------------------------------------------ bad rows

def copy(src: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(src, tmp_path / src.name))


def rows_of(folder: Path, table: str) -> list[list[str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write(folder: Path, table: str, rows: list[list[str]]) -> None:
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def edit(folder: Path, table: str, row: int, column: str, value: str) -> None:
    """Set one cell; `row` is the spreadsheet row (header = 1)."""
    rows = rows_of(folder, table)
    rows[row - 1][rows[0].index(column)] = value
    write(folder, table, rows)


def only_issue(folder: Path) -> str:
    with pytest.raises(LedgerError) as exc:
        load_min(folder)
    assert len(exc.value.issues) == 1, str(exc.value)
    return str(exc.value)


def test_missing_column(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    write(folder, "segments", [r[:4] + r[5:] for r in rows_of(folder, "segments")])  # drop stage
    assert "minimal/segments.csv row 1: missing column 'stage' (header row)" in only_issue(folder)


@pytest.mark.parametrize("table, row, column, value, expected", [
    ("projects", 2, "investment", "两亿七", "minimal/projects.csv row 2: investment: '两亿七' is not a number"),
    ("projects", 3, "start", "3/1/2024", "minimal/projects.csv row 3: start: '3/1/2024' is not a date in YYYY-MM-DD form"),
    ("projects", 3, "expected", "2025-02-30", "minimal/projects.csv row 3: expected: '2025-02-30' is not a real calendar date"),
    ("enterprises", 4, "listed", "maybe", "minimal/enterprises.csv row 4: listed: 'maybe' is not a yes/no value"),
    ("measure_chains", 2, "measure", "twelve", "minimal/measure_chains.csv row 2: measure: 'twelve' is not a whole number"),
    ("problems", 2, "raised", "", "minimal/problems.csv row 2: raised: a value is required"),
])
def test_bad_type(tmp_path, table, row, column, value, expected):
    folder = copy(MINIMAL, tmp_path)
    edit(folder, table, row, column, value)
    assert expected in only_issue(folder)


@pytest.mark.parametrize("table, row, column, value, expected", [
    ("segments", 3, "stage", "middle", "minimal/segments.csv row 3: stage: 'middle' is not one of upstream, midstream, downstream"),
    ("projects", 2, "status", "started", "minimal/projects.csv row 2: status: 'started' is not one of signed"),
    ("project_services", 3, "step", "审批", "minimal/project_services.csv row 3: step: '审批' is not one of 立项备案"),
    ("enterprises", 2, "county", "杭州市", "minimal/enterprises.csv row 2: county: '杭州市' is not one of 柯城区"),
])
def test_bad_enum(tmp_path, table, row, column, value, expected):
    folder = copy(MINIMAL, tmp_path)
    edit(folder, table, row, column, value)
    assert expected in only_issue(folder)


def test_duplicate_key(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    rows = rows_of(folder, "enterprises")
    write(folder, "enterprises", rows + [["xh", "仙鹤另一行", "", "false", "false", "", "true", ""]])
    assert "minimal/enterprises.csv row 5: duplicate key id = 'xh' (first at row 2)" in only_issue(folder)


def test_duplicate_composite_key(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    write(folder, "project_services", rows_of(folder, "project_services") + [["p2", "市住建局", "施工许可", "true", ""]])
    assert "minimal/project_services.csv row 4: duplicate key project, unit, step" in only_issue(folder)


def test_unknown_segment(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    edit(folder, "projects", 3, "segment", "sp-coating")
    assert ("minimal/projects.csv row 3: segment: 'sp-coating' is not an id in minimal/segments.csv"
            in only_issue(folder))


def test_enterprise_leading_an_unknown_chain(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    edit(folder, "enterprises", 3, "chains", "sp|new-materials")
    assert "minimal/enterprises.csv row 3: chains: 'new-materials' is not an id in minimal/chains.csv" in only_issue(folder)


def test_unknown_unit(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    edit(folder, "project_services", 2, "unit", "市生态环境局")
    message = only_issue(folder)
    assert "minimal/project_services.csv row 2: unit: '市生态环境局' is not a unit in the unit table" in message


def test_unknown_unit_suggests_a_near_name(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    edit(folder, "problems", 3, "unit", "市发展改革委")
    assert "did you mean 市发改委" in only_issue(folder)


def test_unknown_measure(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    edit(folder, "measure_chains", 2, "measure", "27")
    assert f"minimal/measure_chains.csv row 2: measure: 27 is not a measure number of plan {PLAN}" \
        in only_issue(folder)


@pytest.mark.parametrize("table, row, column, value, expected", [
    ("enterprises", 4, "chain_leader", "true", "row 4: chain_leader is true but chains names no chain"),
    ("enterprises", 2, "chain_leader", "false", "row 2: chains lists chains it leads but chain_leader is false"),
    ("problems", 2, "closed", "", "problems.csv row 2: closed: a closed problem needs its closing date"),
    ("problems", 3, "closed", "2024-06-01", "problems.csv row 3: closed: an open problem has no closing date"),
    ("problems", 2, "closed", "2024-01-01", "problems.csv row 2: closed 2024-01-01 is before raised 2024-02-01"),
    ("projects", 3, "expected", "2023-12-31", "projects.csv row 3: expected 2023-12-31 is before start 2024-03-01"),
    ("segment_links", 2, "to", "sp-pulp", "segment_links.csv row 2: a segment cannot feed itself"),
])
def test_rows_that_contradict_themselves(tmp_path, table, row, column, value, expected):
    folder = copy(MINIMAL, tmp_path)
    edit(folder, table, row, column, value)
    assert expected in only_issue(folder)


def test_missing_required_table(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    (folder / "segment_links.csv").unlink()
    assert "segment_links.csv: table 'segment_links' is missing" in only_issue(folder)


def test_blank_lines_keep_spreadsheet_row_numbers(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    rows = rows_of(folder, "segments")
    write(folder, "segments", rows[:2] + [[], [""] * 7] + rows[2:])
    edit(folder, "segments", 6, "stage", "end")
    assert "minimal/segments.csv row 6: stage" in only_issue(folder)


def test_cells_beyond_the_header(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    rows = rows_of(folder, "segment_links")
    rows[2].append("stray note")
    write(folder, "segment_links", rows)
    assert "minimal/segment_links.csv row 3: more cells than header columns" in only_issue(folder)


def test_every_problem_is_reported_together_and_nothing_is_returned(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    edit(folder, "segments", 4, "stage", "down")
    edit(folder, "projects", 2, "investment", "n/a")
    edit(folder, "projects", 3, "enterprise", "nobody")
    edit(folder, "project_services", 2, "unit", "市环保局")
    edit(folder, "problems", 3, "status", "pending")
    result = None
    with pytest.raises(LedgerError) as exc:
        result = load_min(folder)
    assert result is None
    assert [(i.file, i.row) for i in exc.value.issues] == [
        ("minimal/segments.csv", 4), ("minimal/projects.csv", 2), ("minimal/projects.csv", 3),
        ("minimal/project_services.csv", 2), ("minimal/problems.csv", 3)]
    lines = str(exc.value).splitlines()
    assert len(lines) == 5 and all(line.startswith(str(folder)) for line in lines)


def test_parse_ledgers_takes_rows_from_any_source():
    tables = {name: [] for name in TABLES}
    tables["chains"] = [{"id": "c", "name": "特种纸", "flagship": True}]
    tables["segments"] = [{"id": "s", "chain": "c", "name": "原纸", "stage": "midstream"}, {}]
    nodes, rels = parse_ledgers(tables, files={"segments": "seg.xlsx"}, known_units=set(),
                                known_measures=None, plan_id="p")
    assert [n.props["source"] for n in nodes] == ["chains.csv:2", "seg.xlsx:2"]
    assert [(r.type, r.props["source"]) for r in rels] == [("PART_OF", "seg.xlsx:2")]


# ------------------------------------------------------------------ the plan column of measure_chains

def with_plan_column(folder: Path, plans: list[str]) -> None:
    """Add a `plan` column to measure_chains.csv with one value per data row."""
    rows = rows_of(folder, "measure_chains")
    write(folder, "measure_chains", [["plan", *rows[0]]] + [[p, *r] for p, r in zip(plans, rows[1:])])


def test_empty_plan_means_the_only_loaded_plan(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    with_plan_column(folder, [""])
    _, rels = load_min(folder, known_measures={"qz-2025": {12}})
    assert [(r.start, r.end) for r in rels if r.type == "SUPPORTS"] == [(("Measure", "qz-2025#M12"), ("Chain", "sp"))]


def test_rows_name_their_plan_when_several_are_loaded(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    rows = rows_of(folder, "measure_chains")
    rows.append(["3", "sp", "另一方案的措施3", "true", ""])
    write(folder, "measure_chains", rows)
    with_plan_column(folder, ["qz-2024", "qz-2025"])
    _, rels = load_min(folder, known_measures={"qz-2024": {12}, "qz-2025": {3}})
    assert [r.start for r in rels if r.type == "SUPPORTS"] == [("Measure", "qz-2024#M12"), ("Measure", "qz-2025#M3")]


def test_empty_plan_with_several_plans_loaded_is_an_error(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    with pytest.raises(LedgerError) as exc:
        load_min(folder, known_measures={"qz-2024": {12}, "qz-2025": {12}})
    assert "minimal/measure_chains.csv row 2: plan: empty, but 2 plans are loaded (qz-2024, qz-2025); " \
           "name the plan measure 12 belongs to" in str(exc.value)


def test_a_measure_number_is_checked_against_its_own_plan(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    with_plan_column(folder, ["qz-2025"])
    with pytest.raises(LedgerError, match="row 2: measure: 12 is not a measure number of plan qz-2025"):
        load_min(folder, known_measures={"qz-2024": {12}, "qz-2025": {1, 2}})


def test_rows_of_a_plan_that_is_not_loaded_are_left_out(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    with_plan_column(folder, ["qz-2023"])
    _, rels = load_min(folder, known_measures={"qz-2024": {12}})
    assert not [r for r in rels if r.type == "SUPPORTS"]


def test_same_measure_and_chain_in_two_plans_is_no_duplicate(tmp_path):
    folder = copy(MINIMAL, tmp_path)
    rows = rows_of(folder, "measure_chains")
    write(folder, "measure_chains", rows + [rows[1]])
    with_plan_column(folder, ["qz-2024", "qz-2025"])
    _, rels = load_min(folder, known_measures={"qz-2024": {12}, "qz-2025": {12}})
    assert len([r for r in rels if r.type == "SUPPORTS"]) == 2
    with_plan_column_again = rows_of(folder, "measure_chains")
    with_plan_column_again[2][0] = "qz-2024"
    write(folder, "measure_chains", with_plan_column_again)
    with pytest.raises(LedgerError, match="row 3: duplicate key plan, measure, chain"):
        load_min(folder, known_measures={"qz-2024": {12}, "qz-2025": {12}})
