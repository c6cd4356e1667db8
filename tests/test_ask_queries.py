"""The queries added for questions about one measure and lead-only questions, and the name index:
rows derived by hand from the toy graph (tests/fixtures/toy_graph.py). `CASES` runs in test_queries
with the other hand-derived cases."""
from __future__ import annotations

from graph.named import run_named

CASES = [
    ("milestones_for_measure", {"measure": 9}, [
        (9, "优化工程建设审批", "toy#M9-D1", "2024-06-30", "6月底前", "上线联合审批系统", "toy"),
        (9, "优化工程建设审批", "toy#M9-D2", "2024-12-31", "年底前", "全面推行联合审批", "toy")]),
    ("milestones_for_measure", {"measure": 3}, [  # undated: still listed, with no due date
        (3, "发挥产业基金作用", "toy#M3-D1", None, "全年", "持续推进基金招引", "toy")]),
    ("milestones_for_measure", {"measure": 9, "plan": "toy"}, [
        (9, "优化工程建设审批", "toy#M9-D1", "2024-06-30", "6月底前", "上线联合审批系统", "toy"),
        (9, "优化工程建设审批", "toy#M9-D2", "2024-12-31", "年底前", "全面推行联合审批", "toy")]),
    ("leads_for_measure", {"measure": 3}, [  # the affiliate pair leads together
        (3, "发挥产业基金作用", "市国资委", "lead", "government", "toy"),
        (3, "发挥产业基金作用", "衢控集团", "lead", "soe", "toy")]),
    ("leads_for_measure", {"measure": 7}, [(7, "建立企业会商机制", "市营商办", "sole", "government", "toy")]),
    ("measures_led_by", {"department": "市营商办"}, [  # co-owner of 1, 3, 9: only the one it owns counts
        (7, "建立企业会商机制", "市营商办", "sole", 1, "2024-09-30", "toy")]),
    ("measures_led_by", {"department": "市经济和信息化局"}, [  # alias of 市经信局
        (1, "完善产业链图谱", "市经信局", "lead", 2, "2024-03-31", "toy")]),
    ("measures_led_by", {"department": "市发改委"}, []),  # never first on a list
    ("measures_led_by", {"department": "市国资委", "plan": "toy"}, [
        (3, "发挥产业基金作用", "市国资委", "lead", 1, None, "toy")]),
    # June: M1-D2 (市经信局 市发改委 市营商办; the collective left out), M2-D1 (市资源规划局 市发改委 市经信局),
    # M9-D1 (市住建局 市发改委 市资源规划局 市营商办): 3 milestones, 3 measures, 5 units. M3's is undated.
    ("deadlines_by_month", {}, [("2024-06", 3, 3, 5, "toy"), ("2024-03", 1, 1, 3, "toy"),
                                ("2024-09", 1, 1, 1, "toy"), ("2024-12", 1, 1, 4, "toy")]),
    ("deadlines_by_month", {"plan": "toy"}, [("2024-06", 3, 3, 5, "toy"), ("2024-03", 1, 1, 3, "toy"),
                                             ("2024-09", 1, 1, 1, "toy"), ("2024-12", 1, 1, 4, "toy")]),
    ("problems_for_department", {"department": "市发改委"}, [
        ("市发改委", "pr2", "电价偏高", "新材料", "巨化集团", "2024-01-15", "closed", "2024-03-01")]),
    ("problems_for_department", {"department": "市自然资源和规划局"}, [  # alias of 市资源规划局
        ("市资源规划局", "pr1", "用地指标紧张", "新能源", "华金新能源材料", "2024-02-01", "open", None)]),
    ("problems_for_department", {"department": "市营商办"}, []),
    # 市营商办 is on measures 1, 3 and 9 (co) and owns 7 alone; M3's milestone is undated, so it comes last
    ("deadlines_for_department", {"department": "市营商办"}, [
        ("市营商办", 1, "完善产业链图谱", "co", "toy#M1-D1", "2024-03-31", "3月底前", "完成产业链图谱编制", "toy"),
        ("市营商办", 1, "完善产业链图谱", "co", "toy#M1-D2", "2024-06-30", "6月底前", "发布产业链图谱", "toy"),
        ("市营商办", 9, "优化工程建设审批", "co", "toy#M9-D1", "2024-06-30", "6月底前", "上线联合审批系统", "toy"),
        ("市营商办", 7, "建立企业会商机制", "sole", "toy#M7-D1", "2024-09-30", "9月底前", "建立重点企业会商机制", "toy"),
        ("市营商办", 9, "优化工程建设审批", "co", "toy#M9-D2", "2024-12-31", "年底前", "全面推行联合审批", "toy"),
        ("市营商办", 3, "发挥产业基金作用", "co", "toy#M3-D1", None, "全年", "持续推进基金招引", "toy")]),
    ("deadlines_for_department", {"department": "市营商办", "month": 6}, [
        ("市营商办", 1, "完善产业链图谱", "co", "toy#M1-D2", "2024-06-30", "6月底前", "发布产业链图谱", "toy"),
        ("市营商办", 9, "优化工程建设审批", "co", "toy#M9-D1", "2024-06-30", "6月底前", "上线联合审批系统", "toy")]),
    ("deadlines_for_department", {"department": "市营商办", "start": "2024-06-30", "end": "2024-09-30",
                                  "plan": "toy"}, [  # both ends inclusive
        ("市营商办", 1, "完善产业链图谱", "co", "toy#M1-D2", "2024-06-30", "6月底前", "发布产业链图谱", "toy"),
        ("市营商办", 9, "优化工程建设审批", "co", "toy#M9-D1", "2024-06-30", "6月底前", "上线联合审批系统", "toy"),
        ("市营商办", 7, "建立企业会商机制", "sole", "toy#M7-D1", "2024-09-30", "9月底前", "建立重点企业会商机制", "toy")]),
    ("measures_for_chain", {"chain": "新材料"}, [
        ("新材料", 1, "完善产业链图谱", ["完善六大标志性产业链图谱"], "市经信局", "toy"),
        ("新材料", 3, "发挥产业基金作用", ["绿色石化与新材料产业集群基金"], "市国资委、衢控集团", "toy"),
        ("新材料", 7, "建立企业会商机制", ["巨化集团会商机制"], "市营商办", "toy")]),
    ("measures_for_chain", {"chain": "special-paper", "plan": "toy"}, [
        ("特种纸", 1, "完善产业链图谱", ["完善六大标志性产业链图谱"], "市经信局", "toy")]),
]


def test_name_index_holds_every_written_name(toy):
    rows = run_named("name_index", {}, graph=toy)
    forms = {(r["kind"], r["key"], r["field"], r["form"]) for r in rows}
    assert ("department", "市发改委", "alias", "市发展改革委") in forms
    assert ("chain", "special-paper", "english", "Special paper") in forms
    assert ("enterprise", "xianhe", "name", "仙鹤股份") in forms
    assert ("plan", "toy", "year", "2024") in forms
    assert ("pillar", "toy#P2", "name", "聚焦育商") in forms
    assert ("measure", "toy#M9", "title", "优化工程建设审批") in forms
    assert ("measure", "toy#M9", "number", "9") in forms
    assert all(r["plan"] == "toy" for r in rows if r["kind"] in ("plan", "pillar", "measure"))
    assert not any(r["form"] in (None, "") for r in rows)  # 市住建局 has no full name in the toy graph
    assert rows == sorted(rows, key=lambda r: (r["kind"], r["key"], r["field"], r["form"]))
