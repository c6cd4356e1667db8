"""Status lights around a date on the analysis graph.

Status used: M2 done (whole measure), M4-D1 done (one milestone), M5 in progress.
On 2024-06-15: M1-D1 (03-31) overdue by 76 days; the 06-30 deadlines are 15 days off: M1-D2 and M5-D1
due soon, M2-D1 and M4-D1 done; M7-D1 (07-31, 46 days) upcoming; M3-D1 undated.
On 2024-07-01: M1-D2 and M5-D1 are overdue by 1 day, M1-D1 by 92; M7-D1 is exactly 30 days off: due soon.
"""
from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph.analysis import LIGHTS, milestone_light, overdue_by_unit, status_lights
from loaders.status import StatusFile
from tests.fixtures.analysis_graph import analysis_graph

STATUS = StatusFile({"M2": "done", "M4-D1": "done", "M5": "in_progress"})


@pytest.fixture(scope="module")
def g():
    return nx.freeze(analysis_graph())


def _lights(df):
    return dict(zip(df["milestone"], df["light"]))


def test_lights_mid_june(g):
    df = status_lights(g, dt.date(2024, 6, 15), STATUS)
    assert _lights(df) == {"M1-D1": "overdue", "M1-D2": "due_soon", "M2-D1": "done", "M4-D1": "done",
                           "M5-D1": "due_soon", "M7-D1": "upcoming", "M4-D2": "upcoming", "M6-D1": "upcoming",
                           "M3-D1": "undated"}
    assert list(df["milestone"]) == ["M1-D1", "M1-D2", "M2-D1", "M4-D1", "M5-D1", "M7-D1", "M4-D2", "M6-D1",
                                     "M3-D1"]  # by due date, undated last
    row = df.set_index("milestone").loc["M1-D1"]
    assert (row["days"], row["leads"], row["progress"]) == (-76, ["市营商办"], "")
    assert df.set_index("milestone").loc["M5-D1", "progress"] == "in_progress"
    assert df.set_index("milestone").loc["M3-D1", "leads"] == ["市国资委", "衢控集团"]


def test_lights_on_the_first_of_july(g):
    df = status_lights(g, dt.date(2024, 7, 1), STATUS)
    lights = _lights(df)
    assert (lights["M1-D2"], lights["M5-D1"], lights["M7-D1"]) == ("overdue", "overdue", "due_soon")
    assert df.set_index("milestone").loc["M7-D1", "days"] == 30


def test_without_a_status_file_nothing_is_done(g):
    lights = _lights(status_lights(g, dt.date(2024, 7, 1)))
    assert "done" not in lights.values()
    assert lights["M2-D1"] == "overdue"


def test_overdue_grouped_by_lead_unit(g):
    df = overdue_by_unit(g, dt.date(2024, 7, 1), STATUS)
    assert df.values.tolist() == [["市营商办", 2, 1, 92, ["M1-D1", "M1-D2"]],
                                  ["市市场监管局", 1, 0, 1, ["M5-D1"]]]


def test_overdue_counts_an_affiliate_pair_for_both():
    h = analysis_graph()
    h.nodes["Milestone:fx#M3-D1"]["due"] = "2024-01-31"
    df = overdue_by_unit(h, dt.date(2024, 7, 1), STATUS).set_index("department")
    assert df.loc["市国资委", "milestones"] == df.loc["衢控集团", "milestones"] == ["M3-D1"]


@pytest.mark.parametrize("as_of, light", [
    (dt.date(2024, 7, 1), "overdue"), (dt.date(2024, 6, 30), "due_soon"), (dt.date(2024, 5, 31), "due_soon"),
    (dt.date(2024, 5, 30), "upcoming")])
def test_light_boundaries(as_of, light):
    assert milestone_light(dt.date(2024, 6, 30), as_of, done=False) == light
    assert light in LIGHTS


def test_soon_window_is_a_parameter(g):
    lights = _lights(status_lights(g, dt.date(2024, 6, 15), STATUS, soon_days=50))
    assert lights["M7-D1"] == "due_soon"
