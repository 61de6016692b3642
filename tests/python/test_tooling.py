"""The tree keeps its own rules: C++ formatting and Python format + lint
(scripts/lint; docs/development.md says how to fix a failure: run
./scripts/lint --no-tidy)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600, **kw)  # type: ignore[call-overload,no-any-return]


def _tracked(*patterns: str) -> list[str]:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (the file list comes from git ls-files)")
    r = _run(["git", "ls-files", *patterns])
    return [f for f in r.stdout.split() if not f.startswith("tests/bad_inputs/")]


def test_cpp_files_are_clang_formatted() -> None:
    exe = shutil.which("clang-format")
    if exe is None:
        pytest.skip("clang-format is not installed (scripts/lib.sh installs it)")
    files = _tracked("*.cpp", "*.hpp")
    r = _run([exe, "--dry-run", "--Werror", *files])
    assert r.returncode == 0, "run ./scripts/lint --no-tidy to format:\n" + r.stderr[-4000:]


def test_python_files_are_ruff_clean() -> None:
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.skip("ruff is not installed in this environment (requirements-dev.txt has it)")
    files = _tracked("*.py")
    fmt = _run([str(ruff), "format", "--check", *files])
    assert fmt.returncode == 0, "run ./scripts/lint --no-tidy to format:\n" + fmt.stdout[-4000:]
    lint = _run([str(ruff), "check", *files])
    assert lint.returncode == 0, lint.stdout[-4000:]
