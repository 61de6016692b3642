#!/usr/bin/env python3
"""Benchmark: what including okrkit costs a host product's compile.

Compiles three one-line translation units in one run, with the flags the
CMake package exports (C++17, okrkit's and Eigen's include directories) plus
-O2 as a Release build of the host would use:

  (a) #include <okrkit/okrkit.hpp>          everything
  (b) #include <okrkit/scoring.hpp>         the scoring umbrella
  (c) string, vector, map, optional, iostream, algorithm   (the baseline)

Each is compiled --repeat times (default 3); the best wall time and the peak
memory (max RSS of the compiler) are printed. The last line is
ratio=<t(c)/t(a)>: 1.0 would mean okrkit costs no more than the standard
headers. Goal (issue 14): ratio >= 0.25, and (b) at most 2x (c).

  bench_compile.py [--cxx g++] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SOURCES = {
    "a: <okrkit/okrkit.hpp>": "#include <okrkit/okrkit.hpp>\nint main() { return 0; }\n",
    "b: <okrkit/scoring.hpp>": "#include <okrkit/scoring.hpp>\nint main() { return 0; }\n",
    "c: standard headers": (
        "#include <algorithm>\n#include <iostream>\n#include <map>\n#include <optional>\n"
        "#include <string>\n#include <vector>\nint main() { return 0; }\n"
    ),
}


def eigen_include() -> str:
    try:
        out = subprocess.run(
            ["pkg-config", "--cflags-only-I", "eigen3"], capture_output=True, text=True, check=True
        ).stdout.split()
        return out[0][2:] if out else "/usr/include/eigen3"
    except (OSError, subprocess.CalledProcessError):
        return "/usr/include/eigen3"


def compile_once(cxx: str, flags: list[str], src: Path) -> float:
    """Wall seconds of one compile."""
    t0 = time.perf_counter()
    r = subprocess.run(
        [cxx, *flags, "-c", str(src), "-o", os.devnull], capture_output=True, text=True
    )
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"bench_compile: {src.name} failed to compile:\n{r.stderr[-2000:]}")
    return wall


def peak_mb(cxx: str, flags: list[str], src: Path) -> float | None:
    """Peak memory (max RSS, MB) of one compile, from GNU time's %M."""
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if gnu_time is None:
        return None
    r = subprocess.run(
        [gnu_time, "-f", "%M", cxx, *flags, "-c", str(src), "-o", os.devnull],
        capture_output=True,
        text=True,
    )
    try:
        return int(r.stderr.strip().splitlines()[-1]) / 1024.0
    except (ValueError, IndexError):
        return None


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--cxx", default=os.environ.get("CXX", "g++"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    flags = ["-std=c++17", "-O2", f"-I{ROOT / 'include'}", f"-I{eigen_include()}"]
    print(f"compiler: {args.cxx}; flags: {' '.join(flags)}; best of {args.repeat}")
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in SOURCES.items():
            src = Path(tmp) / (name[0] + ".cpp")
            src.write_text(text)
            best = min(compile_once(args.cxx, flags, src) for _ in range(args.repeat))
            mb = peak_mb(args.cxx, flags, src)
            times[name[0]] = best
            mem = f"{mb:.0f} MB" if mb is not None else "n/a (no /usr/bin/time)"
            print(f"{name:28s} {best:7.3f} s   peak {mem}")
    print(f"scoring umbrella / standard headers: {times['b'] / times['c']:.2f}x (goal <= 2)")
    print(f"okrkit.hpp / standard headers: {times['a'] / times['c']:.2f}x (goal <= 4)")
    print(f"ratio={times['c'] / times['a']:.3f}")


if __name__ == "__main__":
    main()
