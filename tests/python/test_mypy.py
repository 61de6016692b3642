"""mypy --strict on the package (with the _core stubs) and on the docs' examples."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_strict_on_package_and_examples() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed")
    targets = [str(ROOT / "python" / "okrkit")]
    ex = ROOT / "docs" / "examples"
    if ex.is_dir():
        targets += sorted(str(p) for p in ex.glob("*.py"))
    env = dict(os.environ)
    # Check the sources, not a copy: the package dir with stubs is the source tree.
    env["MYPYPATH"] = str(ROOT / "python")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            os.devnull,
            *targets,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert r.returncode == 0, r.stdout + r.stderr
