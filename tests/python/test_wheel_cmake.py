"""One artifact for C++ and Python: the installed wheel carries the headers,
the static library and the CMake package, and a host product builds against
it with find_package(okrkit) (tests/cmake/find_package, the consumer the CMake
install is tested with too).

Skipped for a developer build on PYTHONPATH (no wheel layout); ./scripts/test
runs the Python suite against the pip-installed wheel, where it must pass.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import okrkit

ROOT = Path(__file__).resolve().parents[2]


def _cmake_dir() -> Path:
    try:
        return Path(okrkit.cmake_dir())
    except FileNotFoundError as e:
        pytest.skip(f"not a wheel install: {e}")


def test_developer_build_says_where_to_look(tmp_path: Path) -> None:
    from okrkit import _paths

    with pytest.raises(FileNotFoundError, match="only a wheel"):
        _paths._existing(tmp_path / "nothing", "CMake package")


def test_wheel_carries_headers_library_and_package() -> None:
    d = _cmake_dir()
    assert (d / "okrkitConfig.cmake").is_file()
    assert (d / "okrkitConfigVersion.cmake").is_file()
    inc = Path(okrkit.include_dir())
    assert (inc / "okrkit" / "okrkit.hpp").is_file()
    assert (inc / "okrkit" / "scoring" / "scorecard.hpp").is_file()
    assert list(d.parent.parent.glob("libokrkit.*")), "the compiled library"
    out = subprocess.run([sys.executable, "-m", "okrkit", "--cmake-dir"], capture_output=True,
                         text=True, check=True)
    assert Path(out.stdout.strip()) == d


@pytest.mark.skipif(shutil.which("cmake") is None or shutil.which("ninja") is None,
                    reason="needs cmake and ninja")
def test_find_package_consumer_builds_against_the_wheel(tmp_path: Path) -> None:
    d = _cmake_dir()
    build = tmp_path / "consumer"
    env = {k: v for k, v in os.environ.items() if k != "CMAKE_PREFIX_PATH"}
    subprocess.run(["cmake", "-S", str(ROOT / "tests" / "cmake" / "find_package"), "-B", str(build),
                    "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release", f"-Dokrkit_DIR={d}"],
                   check=True, capture_output=True, text=True, env=env)
    cache = (build / "CMakeCache.txt").read_text()
    # found the wheel's package, not another install
    assert re.search(rf"^okrkit_DIR:\w+={re.escape(str(d))}$", cache, re.M), "okrkit_DIR"
    subprocess.run(["cmake", "--build", str(build)], check=True, capture_output=True, text=True)
    run = subprocess.run([str(build / "consumer"), str(ROOT / "examples" / "acme.json")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
