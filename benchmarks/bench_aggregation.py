"""Aggregate 10M (series, date, value) rows of 10k series to monthly and ISO-week
periods: okrkit.periods.aggregate from Python vs pandas
groupby([series, pd.Grouper(freq=...)]) in the same run.

Prints each timing (best of --repeat) and ends with `ratio=<x>`, the smaller of
the two speed-ups (month, week).

    PYTHONPATH=build/cpp/python python benchmarks/bench_aggregation.py [--rows N]
"""

from __future__ import annotations

import argparse
import time
from typing import Any, Callable

import numpy as np
import pandas as pd
from okrkit.periods import aggregate


def best_of(n: int, f: Callable[[], Any]) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(n):
        t0 = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--series", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--how", default="sum")
    args = ap.parse_args()

    rng = np.random.default_rng(2025)
    n, k = args.rows, args.series
    # Series-major rows (as exported per series), dates in random order within a
    # series over three years, 1% missing values.
    series = np.repeat(np.arange(k, dtype=np.int64), n // k)
    n = len(series)
    days = rng.integers(0, 3 * 365, n)
    date = (np.datetime64("2022-01-01") + days.astype("timedelta64[D]")).astype("datetime64[ns]")
    value = rng.normal(100.0, 20.0, n)
    value[rng.random(n) < 0.01] = np.nan
    df = pd.DataFrame({"series": series, "date": date, "value": value})
    print(f"rows={n} series={k} how={args.how} pandas={pd.__version__} numpy={np.__version__}")

    ratios = []
    for name, freq, pandas_freq in [("month", "month", "MS"), ("iso week", "iso_week", "W-SUN")]:
        t_ok, got = best_of(args.repeat, lambda: aggregate(df, freq, args.how))

        def pandas_run() -> Any:
            g = df.groupby(["series", pd.Grouper(key="date", freq=pandas_freq)])["value"]
            return (
                getattr(g, args.how)(min_count=1) if args.how == "sum" else getattr(g, args.how)()
            )

        t_pd, ref = best_of(args.repeat, pandas_run)
        # same numbers (pandas also lists the empty bins between observed ones)
        ref = ref.dropna()
        ok_vals = got["value"].to_numpy()
        assert len(ref) == np.count_nonzero(~np.isnan(ok_vals)), (len(ref), len(ok_vals))
        np.testing.assert_allclose(ok_vals[~np.isnan(ok_vals)], ref.to_numpy(), rtol=1e-9)
        ratio = t_pd / t_ok
        ratios.append(ratio)
        print(
            f"{name:9s} okrkit {t_ok * 1e3:8.1f} ms  pandas {t_pd * 1e3:8.1f} ms  "
            f"speed-up {ratio:5.2f}x  ({len(got)} period rows)"
        )
    print(f"ratio={min(ratios):.2f}")


if __name__ == "__main__":
    main()
