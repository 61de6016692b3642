"""Benchmark: the Python overhead of bulk scoring (issue 6).

The same work twice on the same 10M rows: okrkit.scoring.score_bulk from
Python (argument checks, kind codes, the binding, GIL released around the C++
loop) and okrkit::score_bulk called directly from C++ by
benchmarks/bench_overhead.cpp. The rows are generated here (numpy, seed 42,
the mix of benchmarks/bench_scoring.py: increase and decrease targets, some
b == t rows and NaN values, a per-row cap of 1.0 or 1.2) and written to a
temporary raw file that the C++ program reads, so both sides score identical
arrays; the C++ results are checked against Python's to the bit. Both sides
write into preallocated outputs reused between repetitions and report the
best of 15 runs, on one thread and on all cores; the runs alternate between
C++ and Python in 5 rounds so that a busy machine slows both alike. Ends with
ratio=<C++ time / Python time> on one thread (goal >= 0.83, i.e. Python
within 1.2x of C++).

    cmake -S . -B build/cpp -DOKRKIT_BUILD_BENCHMARKS=ON ...
    cmake --build build/cpp --target _core okrkit_python_sources bench_overhead
    PYTHONPATH=build/cpp/python python benchmarks/bench_overhead.py [rows] [path/to/bench_overhead]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from okrkit import scoring

ROOT = Path(__file__).resolve().parents[1]
ROUNDS, REPS = 5, 3  # rounds alternate C++ and Python; best of ROUNDS x REPS each


def rows(n: int) -> dict[str, np.ndarray]:
    """The benchmark rows (the same recipe as bench_scoring.py)."""
    rng = np.random.default_rng(42)
    kind = rng.integers(0, 2, n).astype(np.uint8)  # 0 increase, 1 decrease
    b = rng.uniform(10, 100, n)
    step = rng.uniform(5, 50, n)
    t = np.where(kind == 1, b - step, b + step)
    same = rng.random(n) < 0.001
    t[same] = b[same]  # b == t rows
    v = b + rng.uniform(-0.5, 1.5, n) * (t - b)
    v[rng.random(n) < 0.001] = np.nan
    cap = np.where(rng.random(n) < 0.5, 1.0, 1.2)
    return {"kind": kind, "baseline": b, "target": t, "value": v, "cap": cap}


def write_rows(path: Path, r: dict[str, np.ndarray]) -> None:
    """uint64 n, kind[n] uint8, then baseline, target, value, cap as float64."""
    with open(path, "wb") as f:
        np.array([len(r["kind"])], dtype=np.uint64).tofile(f)
        for name in ("kind", "baseline", "target", "value", "cap"):
            r[name].tofile(f)


def find_cpp(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("OKRKIT_BENCH_OVERHEAD")
    if env:
        return Path(env)
    for p in (
        ROOT / "build" / "cpp" / "benchmarks" / "bench_overhead",
        ROOT / "build" / "benchmarks" / "bench_overhead",
    ):
        if p.exists():
            return p
    sys.exit(
        "bench_overhead: build the C++ side first (-DOKRKIT_BUILD_BENCHMARKS=ON, "
        "target bench_overhead) or pass its path"
    )


def run_cpp(exe: Path, data: Path, threads: int, out: Path | None = None) -> float:
    cmd = [str(exe), str(data), str(threads), str(REPS if out is None else 1)]
    if out is not None:
        cmd += ["--out", str(out)]
    line = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()
    fields = dict(x.split("=", 1) for x in line.split())
    return float(fields["seconds"])


def run_python(r: dict[str, np.ndarray], threads: int, out: tuple[np.ndarray, np.ndarray]) -> float:
    best = float("inf")
    for _ in range(REPS):
        t0 = time.perf_counter()
        scoring.score_bulk(
            kind=r["kind"],
            baseline=r["baseline"],
            target=r["target"],
            value=r["value"],
            cap=r["cap"],
            threads=threads,
            out=out,
        )
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    exe = find_cpp(sys.argv[2] if len(sys.argv) > 2 else None)
    r = rows(n)
    cores = os.cpu_count() or 1
    out = (np.empty(n), np.empty(n))
    with tempfile.TemporaryDirectory(prefix="okrkit-bench-") as tmp:
        data, check = Path(tmp) / "rows.bin", Path(tmp) / "out.bin"
        write_rows(data, r)
        # correctness first: C++ and Python give the same numbers, bit for bit
        run_cpp(exe, data, 1, check)
        res = scoring.score_bulk(
            kind=r["kind"],
            baseline=r["baseline"],
            target=r["target"],
            value=r["value"],
            cap=r["cap"],
        )
        got = np.fromfile(check, dtype=np.float64)
        np.testing.assert_array_equal(got[:n], res.progress)
        np.testing.assert_array_equal(got[n:], res.attainment)
        check.unlink()

        figures = {}
        for threads in sorted({1, cores}):
            t_cpp = t_py = float("inf")
            for _ in range(ROUNDS):
                t_cpp = min(t_cpp, run_cpp(exe, data, threads))
                t_py = min(t_py, run_python(r, threads, out))
            figures[threads] = (t_cpp, t_py)
    print(
        f"rows: {n:,}  (best of {ROUNDS * REPS}, alternating; preallocated outputs on both sides)"
    )
    for threads, (t_cpp, t_py) in figures.items():
        print(
            f"threads={threads}: C++ {t_cpp * 1e3:8.2f} ms ({n / t_cpp / 1e6:7.1f} M rows/s)   "
            f"Python {t_py * 1e3:8.2f} ms ({n / t_py / 1e6:7.1f} M rows/s)   "
            f"Python/C++ {t_py / t_cpp:.3f}x"
        )
    t_cpp, t_py = figures[1]
    print(f"ratio={t_cpp / t_py:.3f}")


if __name__ == "__main__":
    main()
