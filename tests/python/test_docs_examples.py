"""The scripts under docs/examples/ run (they are also type-checked by test_mypy)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_quickstart_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mod = runpy.run_path(str(ROOT / "docs" / "examples" / "quickstart.py"))
    history = mod["main"](tmp_path)
    assert set(history["as_of"].dt.strftime("%Y-%m-%d")) == {"2025-04-30", "2025-05-31"}
    assert (
        (tmp_path / "scorecard.html").read_text(encoding="utf-8").startswith('<div class="okrkit">')
    )
    assert "[0.5 1. ]" in capsys.readouterr().out
