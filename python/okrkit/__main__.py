"""``python -m okrkit --cmake-dir`` / ``--include-dir``: where the wheel keeps
okrkit's C++ package, for ``-Dokrkit_DIR=`` or ``CMAKE_PREFIX_PATH``."""

from __future__ import annotations

import argparse
import sys

from ._paths import cmake_dir, include_dir


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m okrkit", description=__doc__)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument(
        "--cmake-dir", action="store_true", help="print the directory of okrkitConfig.cmake"
    )
    g.add_argument("--include-dir", action="store_true", help="print the C++ include directory")
    a = ap.parse_args(argv)
    try:
        print(cmake_dir() if a.cmake_dir else include_dir())
    except FileNotFoundError as e:
        print(f"okrkit: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
