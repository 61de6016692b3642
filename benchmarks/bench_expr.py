"""Derived-KPI expressions over 10M rows: okrkit.formulas.Expression vs numpy.

Both sides compute the same values (checked) from the same float64 columns,
each in a fresh output array; times are the best of several runs in this
process. Target: okrkit within 1.5x of numpy (ratio >= 0.67).
Prints one line per expression and ends with
``ratio=<total numpy time / total okrkit time>``.

    PYTHONPATH=build/cpp/python python benchmarks/bench_expr.py [--rows N] [--repeat R]
"""

from __future__ import annotations

import argparse
import platform
import time
from typing import Callable

import numpy as np
from okrkit.formulas import Expression


def best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    n = args.rows

    rng = np.random.default_rng(2025)
    promoters = rng.integers(0, 400, n).astype(np.float64)
    detractors = rng.integers(0, 200, n).astype(np.float64)
    responses = promoters + detractors + rng.integers(0, 300, n)  # a few zeros
    cols = {"promoters": promoters, "detractors": detractors, "responses": responses}

    def np_nps() -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return (promoters - detractors) / responses * 100

    def np_guarded() -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(responses > 0, np.minimum(promoters / responses, 1.0) * 100, 0.0)

    cases = [
        ("(promoters - detractors) / responses * 100", np_nps),
        ("if(responses > 0, min(promoters / responses, 1) * 100, 0)", np_guarded),
    ]
    print(
        f"rows={n:,} repeat={args.repeat} numpy={np.__version__} "
        f"python={platform.python_version()} machine={platform.machine()}"
    )
    total_np = total_ok = 0.0
    for text, np_fn in cases:
        e = Expression(text)
        use = {k: cols[k] for k in e.names}
        ours = e.evaluate(**use)
        ref = np_fn()
        # okrkit gives NaN (with an issue) where numpy gives inf/nan for x / 0.
        ref = np.where(np.isfinite(ref), ref, np.nan)
        np.testing.assert_array_equal(ours, ref)
        t_ok = best_of(lambda: e.evaluate(**use), args.repeat)
        t_np = best_of(np_fn, args.repeat)
        total_np += t_np
        total_ok += t_ok
        print(
            f"{text:60s} okrkit {t_ok * 1e3:8.1f} ms  numpy {t_np * 1e3:8.1f} ms  "
            f"numpy/okrkit {t_np / t_ok:5.2f}"
        )
    print(f"total: okrkit {total_ok * 1e3:.1f} ms, numpy {total_np * 1e3:.1f} ms")
    print(f"ratio={total_np / total_ok:.2f}")


if __name__ == "__main__":
    main()
