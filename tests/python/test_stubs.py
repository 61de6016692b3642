"""python/okrkit/_core.pyi is generated (./scripts/stubs) and true to the module.

1. The committed stub is exactly what scripts/stubs produces from the
   extension these tests import: a hand edit, or a binding changed without
   regenerating, fails here (fix: ./scripts/stubs).
2. mypy.stubtest finds no difference between the stub and the module beyond
   tests/python/stubtest_allowlist.txt (each entry says why).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ALLOWLIST = Path(__file__).with_name("stubtest_allowlist.txt")


def _env_for_runtime() -> dict[str, str]:
    """The environment that imports the same okrkit._core as these tests."""
    import okrkit

    env = dict(os.environ)
    pkg_parent = str(Path(okrkit.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (pkg_parent, env.get("PYTHONPATH")) if p)
    return env


def test_committed_stub_is_what_scripts_stubs_generates() -> None:
    pytest.importorskip("pybind11_stubgen", reason="pybind11-stubgen is not installed")
    if shutil.which("bash") is None:
        pytest.skip("scripts/stubs is a bash script")
    env = _env_for_runtime()
    env["OKRKIT_PYTHON"] = sys.executable
    r = subprocess.run(
        ["bash", str(ROOT / "scripts" / "stubs"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert r.returncode == 0, (
        "python/okrkit/_core.pyi differs from the generated stub; run ./scripts/stubs "
        "(never edit it by hand):\n" + r.stderr[-6000:]
    )


def test_stubtest_finds_no_difference_beyond_the_allowlist() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed")
    env = _env_for_runtime()
    # The stub under test is the source tree's (python/), found before any
    # installed copy; the runtime module is the one these tests import.
    env["MYPYPATH"] = str(ROOT / "python")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy.stubtest",
            "okrkit._core",
            "--concise",
            "--allowlist",
            str(ALLOWLIST),
            "--mypy-config-file",
            str(ROOT / "pyproject.toml"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    # Every pybind11 class has the private metaclass pybind11_type, which no
    # stub can name: that one message is expected for every class, nothing else.
    problems = [ln for ln in lines if not ln.endswith("is inconsistent, metaclass differs")]
    assert r.returncode in (0, 1), r.stdout[-4000:] + r.stderr[-4000:]
    assert problems == [], (
        "mypy.stubtest: the stub and okrkit._core differ (regenerate with ./scripts/stubs; "
        "a class without a constructor on purpose goes in tests/python/stubtest_allowlist.txt "
        "with a comment):\n" + "\n".join(problems) + "\n" + r.stderr[-2000:]
    )
