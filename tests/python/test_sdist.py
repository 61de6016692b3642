"""The sdist carries what `pip install okrkit-*.tar.gz` needs to build the one
artifact for C++ and Python: every public header, the sources, the bindings,
the CMake package template and the Python package; and no build trees.

Building the sdist takes seconds and no compiler (scikit-build-core's
build_sdist hook, the one `pip` and `python -m build` call). Building and
installing the wheel *from* it compiles everything, which CI's time budget has
no room for: ./scripts/package does that into a fresh venv, repairs the wheel
with auditwheel and runs the installed package's tests (docs/installation.md).
"""

from __future__ import annotations

import os
import re
import subprocess
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tracked(prefix: str) -> set[str]:
    out = subprocess.run(
        ["git", "ls-files", prefix], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], str]:
    build = pytest.importorskip("scikit_build_core.build", reason="scikit-build-core is missing")
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True).returncode:
        pytest.skip("not a git checkout (the sdist lists the files git tracks)")
    out = tmp_path_factory.mktemp("sdist")
    here = Path.cwd()
    os.chdir(ROOT)  # the hook builds the project in the current directory
    try:
        name = build.build_sdist(str(out))
    finally:
        os.chdir(here)
    with tarfile.open(out / name) as tar:
        names = tar.getnames()
        top = names[0].split("/")[0]
        member = tar.extractfile(f"{top}/PKG-INFO")
        assert member is not None
        pkg_info = member.read().decode()
    files = {n.split("/", 1)[1] for n in names if "/" in n}
    return files, pkg_info


def test_sdist_has_every_public_header_and_source(sdist: tuple[set[str], str]) -> None:
    files, _ = sdist
    for prefix in ("include/okrkit", "src", "bindings", "python/okrkit", "cmake"):
        missing = _tracked(prefix) - files
        assert not missing, f"{prefix}: {sorted(missing)[:5]}"
    for f in ("CMakeLists.txt", "pyproject.toml", "README.md", "cmake/okrkitConfig.cmake.in"):
        assert f in files, f


def test_sdist_has_no_build_trees(sdist: tuple[set[str], str]) -> None:
    files, _ = sdist
    assert not {f for f in files if f.startswith(("build/", ".venv/", "dist/"))}
    assert not {f for f in files if f.endswith((".so", ".o", ".a", ".pyc"))}


def test_sdist_metadata_declares_the_documented_minimums(sdist: tuple[set[str], str]) -> None:
    _, pkg_info = sdist
    requires = dict(
        re.findall(r"^Requires-Dist: (numpy|pandas)\s*(>=[0-9.]+)\s*$", pkg_info, re.MULTILINE)
    )
    assert requires == {"numpy": ">=1.23", "pandas": ">=2.2"}
    install = (ROOT / "docs" / "installation.md").read_text(encoding="utf-8")
    assert "numpy 1.23" in install and "pandas 2.2" in install
