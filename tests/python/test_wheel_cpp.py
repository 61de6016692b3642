"""One artifact for C++ and Python (issue 16): the installed wheel carries the
headers, libokrkit.a and the CMake package, and tests/cmake/find_package
builds and runs against it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import okrkit
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _from_wheel() -> bool:
    try:
        okrkit.cmake_dir()
    except FileNotFoundError:
        return False
    return True


needs_wheel = pytest.mark.skipif(
    not _from_wheel(), reason="okrkit on PYTHONPATH is a developer build, not the installed wheel"
)


@needs_wheel
def test_paths_point_into_the_package() -> None:
    pkg = Path(okrkit.__file__).resolve().parent
    assert okrkit.cmake_dir() == pkg / "lib" / "cmake" / "okrkit"
    assert (okrkit.include_dir() / "okrkit" / "scoring" / "scorecard.hpp").is_file()
    assert (pkg / "lib" / "libokrkit.a").is_file()
    out = subprocess.run(
        [sys.executable, "-m", "okrkit", "--cmake-dir"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert Path(out) == okrkit.cmake_dir()


@needs_wheel
@pytest.mark.skipif(
    shutil.which("cmake") is None or shutil.which("ninja") is None,
    reason="cmake and ninja are needed to build the consumer",
)
def test_find_package_consumer_builds_against_the_wheel(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    build = tmp_path / "build"
    subprocess.run(
        [
            "cmake",
            "-S",
            str(ROOT / "tests" / "cmake" / "find_package"),
            "-B",
            str(build),
            "-G",
            "Ninja",
            "-DCMAKE_BUILD_TYPE=Release",
            f"-Dokrkit_DIR={okrkit.cmake_dir()}",
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    subprocess.run(["cmake", "--build", str(build)], check=True, capture_output=True, env=env)
    r = subprocess.run(
        [str(build / "consumer"), str(ROOT / "examples" / "acme.json")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip()


def test_cmake_dir_explains_a_developer_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from okrkit import _paths

    monkeypatch.setattr(_paths, "_ROOT", tmp_path)
    with pytest.raises(FileNotFoundError, match="not installed from its wheel"):
        okrkit.cmake_dir()
