"""Where the installed wheel keeps okrkit's C++ side.

The wheel is one artifact for Python and C++: besides the extension it
carries the public headers, the static library libokrkit.a and the CMake
package, so a C++ product can build against the same okrkit a notebook
imports::

    cmake -S . -B build -Dokrkit_DIR="$(python -m okrkit --cmake-dir)"

(the host needs Eigen 3, Boost headers and nlohmann/json, which okrkit's
headers and CMake package refer to).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["cmake_dir", "include_dir"]

_ROOT = Path(__file__).resolve().parent


def cmake_dir() -> Path:
    """The directory holding ``okrkitConfig.cmake`` (for ``-Dokrkit_DIR=``).

    Raises FileNotFoundError when this okrkit was not installed from a wheel
    that carries the C++ package (e.g. a developer build on PYTHONPATH).
    """
    d = _ROOT / "lib" / "cmake" / "okrkit"
    if not (d / "okrkitConfig.cmake").is_file():
        raise FileNotFoundError(
            f"no CMake package in {d}: this okrkit was not installed from its wheel "
            "(pip install .); a developer build has it in its build directory"
        )
    return d


def include_dir() -> Path:
    """The directory holding ``okrkit/okrkit.hpp`` (for ``-I``)."""
    d = _ROOT / "include"
    if not (d / "okrkit" / "okrkit.hpp").is_file():
        raise FileNotFoundError(
            f"no C++ headers in {d}: this okrkit was not installed from its wheel"
        )
    return d
