"""Finding and running the okrkit CLI from the Python tests (shared helper).

The CLI is OKRKIT_CLI when set, else `okrkit` on PATH, else the build tree's
build/cpp/okrkit; tests that need it are skipped (not failed) without one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def find_cli() -> str | None:
    """Path of the okrkit command, or None when there is none."""
    built = ROOT / "build" / "cpp" / "okrkit"
    return (
        os.environ.get("OKRKIT_CLI")
        or shutil.which("okrkit")
        or (str(built) if built.exists() else None)
    )


needs_cli = pytest.mark.skipif(find_cli() is None, reason="okrkit CLI not found (set OKRKIT_CLI)")


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `okrkit ARGS...`, capturing text output; never raises on exit status."""
    cli = find_cli()
    assert cli is not None
    return subprocess.run(
        [cli, *args], capture_output=True, text=True, timeout=timeout, check=False
    )
