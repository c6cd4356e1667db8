"""The app with two plans in its data folder: the bundled plan and the edited FIXTURE
(tests/fixtures/plans/quzhou-2025-edited.txt). The sidebar's plan picker scopes every page; the plan
diff page compares the two."""
from __future__ import annotations


import pytest

from tests.fixtures.two_plan_folder import BUNDLED_ID, EDITED_ID, two_plan_folder
from tests.test_app import _apptest_tmpdir, start  # noqa: F401  (the fixture cleans AppTest's temp dir)

OLD_ID, NEW_ID = BUNDLED_ID, EDITED_ID


@pytest.fixture(scope="module")
def two_plan_data(tmp_path_factory) -> str:
    return str(two_plan_folder(tmp_path_factory.mktemp("two-plans")))


def test_every_plan_is_chosen_by_default(two_plan_data):
    at = start("measures", data_dir=two_plan_data)
    assert at.sidebar.multiselect(key="plans").value == [OLD_ID, NEW_ID]
    table = at.dataframe[0].value
    assert len(table) == 52  # 26 measures in each


def test_picking_one_plan_scopes_the_pages(two_plan_data):
    at = start("measures", data_dir=two_plan_data)
    at.sidebar.multiselect(key="plans").set_value([NEW_ID]).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 26
    at.selectbox(key="measure").set_value(f"Measure:{NEW_ID}#M9").run()
    units = at.dataframe[1].value
    assert units.iloc[0]["部门"] == "市发改委"  # the fixture moved the lead of measure 9


def test_one_plan_loaded_shows_no_picker():
    at = start("measures")
    assert not [w for w in at.sidebar.multiselect if w.key == "plans"]


def test_plan_diff_page(two_plan_data):
    at = start("plan_diff", data_dir=two_plan_data)
    assert at.selectbox(key="diff_old").value == OLD_ID and at.selectbox(key="diff_new").value == NEW_ID
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"相同": "21", "有变化": "4", "新增": "1", "删除": "1"}  # counts in words, not codes
    changes = at.dataframe[0].value
    assert len(changes) == 9
    assert "目标调整" in set(changes["变化"]) and not set(changes["变化"]) & {"target_changed", "unit_added"}
    assert at.selectbox(key="diff_change").options[0].startswith("目标调整 · 2 → 2")
    first = next(m.value for m in at.markdown if "<mark>" in m.value)
    assert "<mark>4000 亩以上</mark>" in first  # the first change: measure 2's target, old words marked


def test_plan_diff_page_with_one_plan_asks_for_another():
    at = start("plan_diff")
    assert at.info and "只加载了一个方案" in at.info[0].value


def test_departments_and_overview_with_two_plans(two_plan_data):
    at = start("departments", data_dir=two_plan_data)
    workload = at.dataframe[0].value
    assert set(workload["方案"]) == {OLD_ID, NEW_ID}  # one row per unit and plan in the table
    assert len(at.get("vega_lite_chart")) >= 2
    at = start("overview", data_dir=two_plan_data)
    pillars = at.dataframe[0].value
    assert len(pillars) == 12 and pillars["举措数"].sum() == 52 and "方案" in pillars.columns


def test_bottlenecks_follow_the_chosen_plans(two_plan_data):
    at = start("bottlenecks", data_dir=two_plan_data)
    assert any(e.label == "各方案工作量" for e in at.expander)  # per-plan breakdowns with two plans
    at.sidebar.multiselect(key="plans").set_value([OLD_ID]).run()
    assert not at.exception
    assert not any(e.label == "各方案工作量" for e in at.expander)  # the cached report follows the choice


def test_a_unit_of_another_city_by_deep_link(tmp_path):
    from pathlib import Path
    import shutil
    from streamlit.testing.v1 import AppTest
    from tests.test_app import APP
    root = Path(__file__).resolve().parents[1]
    shutil.copy(root / "data" / "units.csv", tmp_path)
    shutil.copytree(root / "data" / "chains", tmp_path / "chains")
    shutil.copy(root / "data" / f"{BUNDLED_ID}.txt", tmp_path)
    shutil.copy(root / "tests" / "corpus" / "lishui-2023-gov-report.txt", tmp_path)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["data_dir"] = str(tmp_path)
    at.query_params["unit"] = "丽水市发改委"
    at.run()
    at.switch_page("app/pages/departments.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="department").value == "丽水市发改委"
    assert any("丽水市的单位" in c.value and "市发改委" in c.value for c in at.caption)
    assert "衢州市发展和改革委员会" not in " ".join(c.value for c in at.caption)
