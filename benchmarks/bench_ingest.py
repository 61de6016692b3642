"""Benchmark: ingest speed of every measurements source (issue 18, item 6).

10M measurements of 10k series (1,000 days each) read into a SeriesStore
through each path, in one run:

* csv      -- okrkit.load_measurements on a CSV file (the C++ reader);
* pandas   -- okrkit.measurements_from_frame on a DataFrame (object series
              ids, datetime64 dates), the pandas path;
* pyarrow  -- okrkit.measurements_from_arrow on a pyarrow Table (string ids,
              date32 dates), the Arrow path;
* polars   -- okrkit.measurements_from_arrow on a polars DataFrame;
* duckdb   -- okrkit.measurements_from_sql on a DuckDB connection (Arrow stream);
* sqlite   -- okrkit.measurements_from_sql on a sqlite3 connection (DB-API rows).

Building the inputs (files, frames, tables) is not timed. Every store must
hold the same rows and series (checked). Prints rows/s per path and ends with
ratio=<t(pandas path) / t(Arrow path)>; goal >= 2.

    PYTHONPATH=build/cpp/python python benchmarks/bench_ingest.py [--rows N] [--reps K]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from typing import Any

import duckdb
import numpy as np
import okrkit
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv

SERIES = 10_000


def make_table(rows: int) -> pa.Table:
    """`rows` measurements: series s00000..s09999, each on consecutive days."""
    per = max(1, rows // SERIES)
    n = per * SERIES
    rng = np.random.default_rng(18)
    ids = np.array([f"s{i:05d}" for i in range(SERIES)], dtype=object)
    codes = np.repeat(np.arange(SERIES), per)
    days = np.tile(np.arange(per, dtype=np.int32), SERIES) + np.int32(
        (pd.Timestamp("2020-01-01") - pd.Timestamp("1970-01-01")).days
    )
    return pa.table(
        {
            "series": pa.array(ids[codes], type=pa.string()),
            "date": pa.array(days, type=pa.date32()),
            "value": pa.array(rng.normal(100.0, 15.0, n).round(3)),
        }
    )


def timed(f: Callable[[], Any], reps: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--reps", type=int, default=3, help="best of K runs (SQLite: 1)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    table = make_table(args.rows)
    rows = table.num_rows
    frame = table.to_pandas()  # object series ids, dates as datetime64
    frame["date"] = pd.to_datetime(frame["date"])
    polars_frame = pl.from_arrow(table)
    tmp = tempfile.mkdtemp(prefix="okrkit_bench_ingest_")
    csv_path = os.path.join(tmp, "m.csv")
    pacsv.write_csv(table, csv_path)
    duck = duckdb.connect()
    duck.register("arrow_m", table)
    duck.execute("CREATE TABLE m AS SELECT * FROM arrow_m")
    duck.unregister("arrow_m")
    lite_path = os.path.join(tmp, "m.db")
    lite = sqlite3.connect(lite_path)
    lite.execute("CREATE TABLE m (series TEXT, date TEXT, value REAL)")
    lite.executemany(
        "INSERT INTO m VALUES (?, ?, ?)",
        zip(
            table.column("series").to_pylist(),
            pa.compute.strftime(table.column("date"), "%Y-%m-%d").to_pylist(),
            table.column("value").to_pylist(),
        ),
    )
    lite.commit()
    print(
        f"{rows:,} measurements of {SERIES:,} series; inputs built in "
        f"{time.perf_counter() - t0:.1f} s (not timed)"
    )

    paths: list[tuple[str, Callable[[], Any], int]] = [
        ("csv", lambda: okrkit.load_measurements(csv_path), args.reps),
        ("pandas", lambda: okrkit.measurements_from_frame(frame), args.reps),
        ("pyarrow", lambda: okrkit.measurements_from_arrow(table), args.reps),
        ("polars", lambda: okrkit.measurements_from_arrow(polars_frame), args.reps),
        ("duckdb", lambda: okrkit.measurements_from_sql("SELECT * FROM m", duck), args.reps),
        ("sqlite", lambda: okrkit.measurements_from_sql("SELECT * FROM m", lite), 1),
    ]
    times: dict[str, float] = {}
    for name, f, reps in paths:
        t, store = timed(f, reps)
        # The same rows from every path.
        assert len(store) == rows and store.series_count == SERIES, (name, len(store))
        times[name] = t
        print(f"{name:8s} {t:8.3f} s  {rows / t / 1e6:8.2f} M rows/s")
    lite.close()
    duck.close()
    for f in os.listdir(tmp):
        os.remove(os.path.join(tmp, f))
    os.rmdir(tmp)
    print(f"ratio={times['pandas'] / times['pyarrow']:.2f}")


if __name__ == "__main__":
    main()
