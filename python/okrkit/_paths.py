"""Where the C++ side of an installed okrkit wheel lives.

A wheel built from this repository carries the public headers, the static
library and the CMake package config inside the package (pyproject.toml,
``[tool.scikit-build.cmake.define]``), so a C++ product and a notebook can use
one installed artifact::

    cmake -S . -B build -Dokrkit_DIR="$(python -m okrkit --cmake-dir)"

The package config still finds Eigen, Boost and nlohmann/json on the system
(cmake/okrkitConfig.cmake.in), like an install from CMake does.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["cmake_dir", "include_dir"]

_ROOT = Path(__file__).resolve().parent


def _existing(path: Path, what: str) -> str:
    if not path.is_dir():
        raise FileNotFoundError(
            f"{path}: no {what} in this okrkit: only a wheel (pip install .) carries the C++ "
            "headers and CMake package; a developer build on PYTHONPATH does not — use "
            "the build tree instead (-Dokrkit_DIR=<build dir>)"
        )
    return str(path)


def cmake_dir() -> str:
    """The directory holding ``okrkitConfig.cmake`` in the installed wheel.

    Pass it as ``-Dokrkit_DIR=`` (or put its grandparent's parent on
    ``CMAKE_PREFIX_PATH``) for ``find_package(okrkit)``.

    Raises
    ------
    FileNotFoundError
        When okrkit was not installed from a wheel (a developer build).
    """
    return _existing(_ROOT / "lib" / "cmake" / "okrkit", "CMake package")


def include_dir() -> str:
    """The directory to add to the include path for ``#include <okrkit/okrkit.hpp>``."""
    return _existing(_ROOT / "include", "C++ headers")
