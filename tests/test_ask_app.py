"""The overview's ask box uses the same `ask` code as the command line: answers and refusals."""
from __future__ import annotations

import pytest

from tests.test_app import start


@pytest.fixture(scope="module", autouse=True)
def _apptest_tmpdir():
    yield
    from streamlit.testing.v1 import app_test
    app_test.TMP_DIR.cleanup()


def _ask(question: str):
    at = start("overview")
    at.text_input(key="question").input(question)
    at.button(key="FormSubmitter:ask_form-回答").click().run()
    assert not at.exception
    return at


def test_a_unit_by_its_short_form_is_answered():
    at = _ask("发改委牵头哪些举措")
    assert any("measures_led_by" in m.value and "市发改委" in m.value for m in at.markdown)
    assert list(at.dataframe[-1].value.iloc[:, 0]) == [20]  # 市发改委 leads measure 20 only


def test_a_refusal_shows_its_reason_and_what_can_be_asked():
    at = _ask("第30条由哪些部门负责")
    assert any("the plan has 26 measures" in i.value for i in at.info)
    assert any("departments_for_measure" in c.value for c in at.code)
