"""``python -m okrkit --cmake-dir`` / ``--include-dir``: paths for C++ builds.

    cmake -S . -B build -Dokrkit_DIR="$(python -m okrkit --cmake-dir)"
"""

from __future__ import annotations

import argparse
import sys

from . import __version__
from ._paths import cmake_dir, include_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m okrkit",
                                     description="Paths of the C++ side of this okrkit wheel.")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--cmake-dir", action="store_true",
                       help="directory of okrkitConfig.cmake (for -Dokrkit_DIR=)")
    group.add_argument("--include-dir", action="store_true", help="the C++ include directory")
    group.add_argument("--version", action="store_true", help="the okrkit version")
    args = parser.parse_args(argv)
    try:
        if args.version:
            print(__version__)
        elif args.cmake_dir:
            print(cmake_dir())
        else:
            print(include_dir())
    except FileNotFoundError as e:
        print(f"okrkit: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
