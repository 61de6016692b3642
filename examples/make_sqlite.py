"""Build examples/acme.db (SQLite) from examples/acme-measurements.csv.

    python examples/make_sqlite.py [OUT.db]

One table, ``measurements (series TEXT, date TEXT, value REAL, numerator REAL,
denominator REAL)``: the CSV's rows in file order, empty cells as NULL, dates as
'YYYY-MM-DD' text (SQLite has no date type). tests/python/test_sqlite_cli.py
regenerates it and checks the shipped file holds the same rows, and that it
scores identically to the CSV (docs/data-sources.md).
"""

from __future__ import annotations

import csv
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build(out: Path, csv_path: Path = HERE / "acme-measurements.csv") -> None:
    out.unlink(missing_ok=True)
    with csv_path.open(newline="", encoding="utf-8") as f:
        rows = [
            (
                r["series"],
                r["date"],
                float(r["value"]) if r["value"] else None,
                float(r["numerator"]) if r["numerator"] else None,
                float(r["denominator"]) if r["denominator"] else None,
            )
            for r in csv.DictReader(f)
        ]
    con = sqlite3.connect(out)
    try:
        with con:
            con.execute(
                "CREATE TABLE measurements (series TEXT NOT NULL, date TEXT NOT NULL, "
                "value REAL, numerator REAL, denominator REAL)"
            )
            con.executemany("INSERT INTO measurements VALUES (?, ?, ?, ?, ?)", rows)
        con.execute("VACUUM")
    finally:
        con.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "acme.db")
