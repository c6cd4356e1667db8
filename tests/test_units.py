"""The unit table: bundled data covers the plan exactly; resolve; validation; records."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.model.schema import DEPARTMENT_KINDS
from loaders.units import COLUMNS, UnitTableError, parse_units, read_units

DATA = Path(__file__).resolve().parents[1] / "data"
UNITS_CSV = DATA / "units.csv"
PLAN = DATA / "quzhou-2024-business-environment-plan.txt"

# The 26 responsibility lists, copied by hand from the parentheses closing each measure, in plan
# order. "市国资委〔衢控集团〕" is written as its two units.
PLAN_LISTS: dict[int, list[str]] = {
    1: ["市经信局", "市发改委", "市招商中心", "市营商办", "市工商联", "市农业农村局", "市文旅局"],
    2: ["市资源规划局", "市水利局", "市银保监局", "市人行", "市科技局", "市委组织部", "市发改委",
        "市经信局", "市人力社保局", "智造新城管委会"],
    3: ["市国资委", "衢控集团", "市财政局", "市招商中心", "市金融办", "市经信局", "智造新城管委会",
        "智慧新城管委会"],
    4: ["市财政局", "市营商办", "市经信局", "市科技局", "智造新城管委会", "智慧新城管委会"],
    5: ["市委组织部", "市科技局", "市营商办", "市人力社保局", "市工商联", "市市场监管局", "市国资委"],
    6: ["市经信局", "市资源规划局", "市发改委", "智造新城管委会", "智慧新城管委会"],
    7: ["市经信局", "市资源规划局", "市住建局", "市人力社保局", "市营商办", "市国资委",
        "市公积金中心", "智造新城管委会", "智慧新城管委会"],
    8: ["市市场监管局", "市税务局", "市营商办", "智造新城管委会"],
    9: ["市住建局", "市发改委", "市资源规划局", "市营商办", "国网衢州供电公司", "市国资委", "城投集团"],
    10: ["市资源规划局", "市住建局", "市营商办", "市发改委", "市人行", "市公积金中心", "市法院",
         "市银保监局", "市财政局", "市司法局"],
    11: ["衢州海关", "市商务局", "市交通运输局", "市市场监管局", "市贸促会"],
    12: ["市市场监管局"],
    13: ["市营商办", "市大数据局", "市科技局", "市人力社保局", "市经信局", "市税务局", "市公积金中心",
         "国网衢州供电公司"],
    14: ["市司法局", "市营商办", "市人大法工委", "市人大财经工委", "市政协社法委", "市工商联"],
    15: ["市司法局", "市营商办", "市经信局", "市法院"],
    16: ["市综合执法局", "市营商办", "市市场监管局", "市司法局", "市税务局", "衢州海关"],
    17: ["市市场监管局", "市金融办", "市公安局", "市检察院", "市法院"],
    18: ["市法院", "市财政局", "市大数据局", "市市场监管局", "智慧新城管委会"],
    19: ["市司法局", "市总工会", "市委统战部", "市检察院", "市贸促会", "市商务局", "市市场监管局"],
    20: ["市发改委", "市商务局", "市市场监管局", "市营商办"],
    21: ["市财政局", "市民政局", "市发改委", "市银保监局", "市市场监管局", "市人行", "市金融办",
         "市经信局", "市国资委", "衢控集团"],
    22: ["市市场监管局", "市监管办", "市司法局"],
    23: ["市监管办", "市财政局", "市营商办", "市发改委", "市住建局", "市交通运输局", "市水利局", "市人行"],
    24: ["市委组织部", "市工商联", "市营商办", "智造新城管委会"],
    25: ["市纪委市监委", "市委统战部", "市委宣传部", "市营商办"],
    26: ["市委统战部", "市委宣传部", "市委网信办", "团市委", "市工商联"],
}
PLAN_UNITS = {u for names in PLAN_LISTS.values() for u in names}


@pytest.fixture(scope="module")
def table():
    return read_units(UNITS_CSV)


def row(name, kind="government", aliases="", affiliate_of="", **extra):
    return {"name": name, "full_name": "", "kind": kind, "aliases": aliases,
            "affiliate_of": affiliate_of, "english": "", "note": "", **extra}


def problems_of(rows, file="bad.csv"):
    with pytest.raises(UnitTableError) as info:
        parse_units(rows, file=file)
    return info.value, str(info.value)


# --- the bundled table -----------------------------------------------------------------------

def test_hand_lists_are_from_the_plan():
    # Guards the hand-written lists against typos: every name occurs in the plan text.
    text = PLAN.read_text(encoding="utf-8")
    assert len(PLAN_LISTS) == 26
    assert [u for u in sorted(PLAN_UNITS) if u not in text] == []


def test_table_covers_every_plan_unit(table):
    assert sorted(PLAN_UNITS - set(table.units)) == []


def test_table_has_no_unit_outside_the_plan_but_those_the_ledgers_need(table):
    # 市生态环境局 is in no responsibility list; the chain ledgers name it for 环评 on projects.
    extra = {n for n, u in table.units.items() if u.kind != "collective"} - PLAN_UNITS
    assert sorted(extra) == ["市生态环境局"]


def test_collective_rows(table):
    collective = {n for n, u in table.units.items() if u.kind == "collective"}
    assert collective == {"市级各有关部门", "各有关部门", "各县（市、区）政府", "各部门"}


def test_kinds_of_named_units(table):
    kinds = {n: u.kind for n, u in table.units.items()}
    assert kinds["市纪委市监委"] == "party"
    assert kinds["市人大法工委"] == kinds["市人大财经工委"] == "congress"
    assert kinds["市政协社法委"] == "cppcc"
    assert kinds["市法院"] == "court" and kinds["市检察院"] == "procuratorate"
    assert kinds["智造新城管委会"] == kinds["智慧新城管委会"] == "zone"
    assert kinds["衢控集团"] == kinds["城投集团"] == "soe"
    assert kinds["国网衢州供电公司"] == "utility"
    assert {kinds[n] for n in ("衢州海关", "市税务局", "市银保监局", "市人行")} == {"vertical"}
    assert {kinds[n] for n in ("市工商联", "市贸促会", "市总工会")} == {"association"}
    assert table.units["市住建局"].full_name == "衢州市住房和城乡建设局"


def test_bundled_csv_has_the_documented_header():
    with UNITS_CSV.open(encoding="utf-8", newline="") as f:
        assert tuple(next(csv.reader(f))) == COLUMNS


# --- resolve ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name, unit", [
    ("水利部门", "市水利局"),
    ("市水利局", "市水利局"),
    ("衢州金融监管分局", "市银保监局"),
    ("人行衢州市分行", "市人行"),
    ("各县（市、区）政府", "各县（市、区）政府"),
    ("各县(市、区)政府", "各县（市、区）政府"),
    ("各县 (市,区) 政府", None),  # a different comma is a different name: no guessing
    (" 市住建局\n", "市住建局"),
    ("巨化集团", None),  # an enterprise the plan mentions, not a responsible unit
    ("市纪委", None),  # ambiguous half of 市纪委市监委, deliberately not an alias
    ("不存在的局", None),
])
def test_resolve(table, name, unit):
    assert table.resolve(name) == unit


# --- validation ------------------------------------------------------------------------------

def test_missing_column_names_file_and_header_row():
    rows = [{k: v for k, v in row("市甲局").items() if k != "kind"}]
    err, msg = problems_of(rows, file="units-x.csv")
    assert err.file == "units-x.csv"
    assert "units-x.csv: row 1: missing column(s): kind" in msg


def test_bad_kind():
    _, msg = problems_of([row("市甲局"), row("市乙局", kind="ministry")])
    assert "bad.csv: row 3: 市乙局: kind 'ministry' is not one of" in msg


def test_duplicate_name_even_across_bracket_widths():
    _, msg = problems_of([row("各县(市、区)政府", "collective"), row("市甲局"),
                          row("各县（市、区）政府", "collective")])
    assert "bad.csv: row 4: duplicate name '各县（市、区）政府' (first at row 2)" in msg


def test_alias_claimed_by_two_units():
    _, msg = problems_of([row("市甲局", aliases="甲部门"), row("市乙局", aliases="乙部门|甲部门")])
    assert "bad.csv: row 3: 市乙局: alias '甲部门' is also claimed by 市甲局 (row 2)" in msg


def test_alias_equal_to_another_units_name():
    _, msg = problems_of([row("市甲局"), row("市乙局", aliases="市甲局")])
    assert "bad.csv: row 3: 市乙局: alias '市甲局' is the name of another unit (row 2)" in msg


def test_affiliate_of_unknown_unit():
    _, msg = problems_of([row("市国资委"), row("衢控集团", "soe", affiliate_of="市国资局")])
    assert "bad.csv: row 3: 衢控集团: affiliate_of '市国资局' is not another unit" in msg


def test_all_problems_reported_together_in_row_order():
    err, msg = problems_of([
        row("市甲局", aliases="甲"),
        row("市乙局", kind="bureau", aliases="甲"),
        row("市甲局"),
        row("集团", "soe", affiliate_of="无"),
    ])
    assert [where for where, _ in err.problems] == ["row 3", "row 3", "row 4", "row 5"]
    assert len(msg.splitlines()) == 4 and all(line.startswith("bad.csv: row ") for line in msg.splitlines())


def test_empty_table_is_an_error():
    _, msg = problems_of([])
    assert "missing column(s)" in msg and "no data rows" in msg


# --- reading files ---------------------------------------------------------------------------

def test_read_csv_with_bom_and_xlsx(tmp_path):
    rows = [row("市国资委"), row("衢控集团", "soe", affiliate_of="市国资委")]
    path = tmp_path / "u.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    assert set(read_units(path).units) == {"市国资委", "衢控集团"}

    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    xlsx = tmp_path / "u.xlsx"
    pd.DataFrame(rows, columns=COLUMNS).to_excel(xlsx, index=False)
    assert read_units(xlsx).units["衢控集团"].affiliate_of == "市国资委"


def test_read_error_names_the_path(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text("name,kind\n市甲局,government\n", encoding="utf-8")
    with pytest.raises(UnitTableError, match="broken.csv: row 1: missing column"):
        read_units(path)


# --- records ---------------------------------------------------------------------------------

def test_records(table):
    nodes, rels = table.records("data/units.csv")
    assert len(nodes) == len(table.units)
    assert {n.label for n in nodes} == {"Department"}
    assert all(n.props["kind"] in DEPARTMENT_KINDS for n in nodes)
    by_key = {n.key: n for n in nodes}
    assert by_key["市水利局"].props["aliases"] == ["水利部门"]
    assert by_key["市住建局"].props["source"] == f"data/units.csv:{table.units['市住建局'].row}"

    affiliations = {(r.start, r.end) for r in rels if r.type == "AFFILIATE_OF"}
    assert affiliations == {(("Department", "衢控集团"), ("Department", "市国资委")),
                            (("Department", "城投集团"), ("Department", "市国资委"))}


# --- the city column: rows of other places ----------------------------------------------------------------

def test_home_city_is_the_one_the_full_names_name(table):
    assert table.home == "衢州市"
    assert parse_units([row("市发改委")], file="t.csv").home is None


def test_a_short_name_may_be_a_row_of_two_cities():
    t = parse_units([row("市发改委", full_name="衢州市发展和改革委员会"),
                     row("市发改委", aliases="市发展改革委", city="丽水市"),
                     row("市数据局", affiliate_of="市发改委", city="丽水")], file="t.csv")
    assert set(t.units) == {"市发改委", "丽水市发改委", "丽水市数据局"}
    assert t.resolve("市发改委") == "市发改委" and t.resolve("市发改委", "衢州") == "市发改委"
    assert t.resolve("市发展改革委", "丽水市") == "丽水市发改委" and t.resolve("市发展改革委") is None
    assert t.resolve("市发改委", "温州市") is None
    assert t.home_names() == {"市发改委"} and t.places() == ["丽水市"]
    nodes, rels = t.records("t.csv")
    ls = next(n for n in nodes if n.key == "丽水市发改委").props
    assert (ls["name"], ls["written"], ls["city"]) == ("丽水市发改委", "市发改委", "丽水市")
    assert [(r.start[1], r.end[1]) for r in rels] == [("丽水市数据局", "丽水市发改委")]


def test_a_home_city_row_may_say_so():
    t = parse_units([row("市发改委", full_name="衢州市发展和改革委员会", city="衢州市")], file="t.csv")
    assert set(t.units) == {"市发改委"} and t.home_names() == {"市发改委"}


def test_duplicates_and_affiliates_are_checked_within_a_city():
    err, text = problems_of([row("市发改委", full_name="衢州市发展和改革委员会"),
                             row("市发改委", city="丽水市"), row("市发改委", city="丽水市"),
                             row("市数据局", affiliate_of="市经信局", city="丽水市"), row("市经信局")])
    assert "row 4: duplicate name '市发改委' for 丽水市 (first at row 3)" in text
    assert "row 5: 市数据局: affiliate_of '市经信局' is not another unit of this table for 丽水市" in text
