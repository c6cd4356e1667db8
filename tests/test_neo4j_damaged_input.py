"""A refused load leaves Neo4j as it was: damaged plan files and tables stop `load-neo4j` (with
--wipe too) in one line before anything is written, and the database still holds the last good load."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.interface.cli import main
from tests.neo4j_support import ROOT, snapshot, subprocess_env

pytestmark = pytest.mark.neo4j

PLAN = ROOT / "data" / "quzhou-2024-business-environment-plan.txt"
TEXT = PLAN.read_text(encoding="utf-8")


def _plan(tmp: Path, data: bytes) -> list[str]:
    path = tmp / PLAN.name
    path.write_bytes(data)
    return ["--plan", str(path)]


def _ledger(tmp: Path, damage) -> list[str]:
    copy = tmp / "data"
    shutil.copytree(ROOT / "data", copy)
    damage(copy / "chains" / "projects.csv")
    return ["--data", str(copy)]


DAMAGE = {
    "gbk plan": lambda tmp: _plan(tmp, TEXT.encode("gbk")),
    "cut plan": lambda tmp: _plan(tmp, TEXT.encode("utf-8")[:9001]),
    "lost measure": lambda tmp: _plan(tmp, (TEXT[:TEXT.index("10.持续深化")] + TEXT[TEXT.index("11."):]).encode()),
    "mojibake plan": lambda tmp: _plan(tmp, TEXT.encode("utf-8").decode("gbk", errors="replace").encode()),
    "quote never closed": lambda tmp: _ledger(tmp, lambda p: p.write_text(
        p.read_text(encoding="utf-8").replace(",", ',"', 1), encoding="utf-8")),
    "cut ledger": lambda tmp: _ledger(tmp, lambda p: p.write_bytes(p.read_bytes().rstrip(b"\r\n")[:-12])),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_refused_load_leaves_the_database_as_it_was(loaded_real, neo4j_settings, monkeypatch, capsys, tmp_path,
                                                      damage):
    wipe = damage != "gbk plan"  # --wipe too: nothing is wiped before the input has been read whole
    for key, value in subprocess_env(neo4j_settings).items():
        if key.startswith("NEO4J_"):
            monkeypatch.setenv(key, value)
    before = snapshot(neo4j_settings)
    capsys.readouterr()
    code = main(["load-neo4j", *DAMAGE[damage](tmp_path), *(["--wipe"] if wipe else [])])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and err.startswith("error: "), err
    assert snapshot(neo4j_settings) == before
