"""The scenario data sets under examples/scenarios/ are what the seeded
generator (examples/generate_scenarios.py) writes, byte for byte: the
notebooks' numbers come from a script anyone can rerun, not from hand edits."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(p.name for p in (ROOT / "examples" / "scenarios").iterdir() if p.is_dir())


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_files_are_the_generators_output(name: str, tmp_path: Path) -> None:
    gen = runpy.run_path(str(ROOT / "examples" / "generate_scenarios.py"))
    make = gen["SCENARIOS"][name]
    make.__globals__["OUT"] = tmp_path  # write into tmp_path/<name>
    make()
    committed = ROOT / "examples" / "scenarios" / name
    written = sorted(p.name for p in (tmp_path / name).iterdir())
    assert written == sorted(p.name for p in committed.iterdir())
    for f in written:
        assert (tmp_path / name / f).read_bytes() == (committed / f).read_bytes(), f
