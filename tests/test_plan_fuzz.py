"""A small sample of benchmarks/fuzz_plan.py in the suite: every kind of detectable damage to the
bundled plan is refused or reported, never a crash or a silent partial graph. The full run
(10,000 variants) is `python benchmarks/fuzz_plan.py`."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "fuzz_plan", Path(__file__).resolve().parents[1] / "benchmarks" / "fuzz_plan.py")
fuzz = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fuzz)


@pytest.mark.parametrize("kind", sorted(fuzz.KINDS))
def test_fuzz_sample(kind):
    import random
    rng = random.Random(kind)
    outcomes = [fuzz.classify(fuzz.KINDS[kind](rng)) for _ in range(12)]
    assert "CRASH" not in outcomes and "SILENT" not in outcomes, outcomes
