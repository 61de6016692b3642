"""SQLite from the CLI (`--data sqlite:...`, `score --to sqlite:...`) and the
shipped examples/acme.db (examples/make_sqlite.py; docs/data-sources.md).

The reference is the CSV path: the same model scored from the CSV and from the
database gives byte-identical CSV output; rows written back are compared with
the Python binding's scorecard frame.
"""

from __future__ import annotations

import math
import runpy
import sqlite3
import subprocess
from pathlib import Path

import okrkit
from cli_support import needs_cli, run_cli

AS_OF = "2025-05-31"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, timeout=120)


def table_rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return list(con.execute(sql).fetchall())
    finally:
        con.close()


def test_shipped_db_matches_the_generator(examples: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "acme.db"
    runpy.run_path(str(examples / "make_sqlite.py"))["build"](fresh)
    sql = "SELECT series, date, value, numerator, denominator FROM measurements ORDER BY rowid"
    assert table_rows(examples / "acme.db", sql) == table_rows(fresh, sql)
    assert len(table_rows(fresh, sql)) == 45


def test_shipped_db_through_python_scores_like_csv(examples: Path) -> None:
    model = okrkit.load_model(str(examples / "acme.json"))
    csv_store = okrkit.load_measurements(examples / "acme-measurements.csv")
    con = sqlite3.connect(examples / "acme.db")
    try:
        db_store = okrkit.measurements_from_sql("SELECT * FROM measurements", con)
    finally:
        con.close()
    assert okrkit.dump_measurements(db_store) == okrkit.dump_measurements(csv_store)
    a = okrkit.evaluate(model, db_store, AS_OF).to_frame()
    b = okrkit.evaluate(model, csv_store, AS_OF).to_frame()
    import pandas as pd

    pd.testing.assert_frame_equal(a, b)


@needs_cli
def test_cli_data_from_sqlite_scores_like_csv(examples: Path) -> None:
    model = str(examples / "acme.json")
    want = run(
        "score",
        model,
        "--data",
        str(examples / "acme-measurements.csv"),
        "--as-of",
        AS_OF,
        "--format",
        "csv",
    )
    assert want.returncode == 0, want.stderr
    db = examples / "acme.db"
    for data in (
        f"sqlite:{db}?table=measurements",
        f"sqlite:{db}?query=SELECT * FROM measurements WHERE value IS NOT NULL OR 1",
        # query= takes the rest of the argument: '&series=s' is SQL text, not a parameter
        (
            f"sqlite:{db}?query=SELECT series AS s, date AS d, value AS v, numerator, "
            "denominator FROM measurements&series=s"
        ),
    ):
        got = run("score", model, "--data", data, "--as-of", AS_OF, "--format", "csv")
        if "&series=s" in data:
            assert got.returncode == 1  # the '&series=s' became part of the SQL
            assert "SQLite cannot prepare the statement" in got.stderr
            continue
        assert got.returncode == 0, got.stderr
        assert got.stdout == want.stdout
    mapped = run(
        "score",
        model,
        "--as-of",
        AS_OF,
        "--format",
        "csv",
        "--data",
        f"sqlite:{db}?series=s&date=d&value=v&query=SELECT series AS s, date AS d, value AS v, numerator, "
        "denominator FROM measurements",
    )
    assert mapped.returncode == 0, mapped.stderr
    assert mapped.stdout == want.stdout


@needs_cli
def test_cli_usage_errors(examples: Path) -> None:
    model = str(examples / "acme.json")
    db = examples / "acme.db"
    r = run("score", model, "--as-of", AS_OF, "--data", f"sqlite:{db}?tabel=measurements")
    assert r.returncode == 2
    assert (
        "unknown parameter 'tabel' (known: table, query, series, date, value, numerator, "
        "denominator, after_date, after_id, id_column)" in r.stderr
    )
    r = run("score", model, "--as-of", AS_OF, "--data", f"sqlite:{db}")
    assert r.returncode == 2
    assert "give exactly one of ?table=NAME and ?query=SQL" in r.stderr
    r = run("score", model, "--as-of", AS_OF, "--data", f"sqlite:{db}?table=nope")
    assert r.returncode == 1
    assert "no such table: nope" in r.stderr
    r = run(
        "score",
        model,
        "--as-of",
        AS_OF,
        "--data",
        str(examples / "acme-measurements.csv"),
        "--to",
        "scores.db",
    )
    assert r.returncode == 2
    assert "'scores.db' is not a sqlite:PATH?table=NAME target" in r.stderr


@needs_cli
def test_cli_score_to_sqlite(examples: Path, tmp_path: Path) -> None:
    model_path = str(examples / "acme.json")
    out = tmp_path / "scores.db"
    target = f"sqlite:{out}?table=okr_scores&scorecard=acme"
    for as_of, evaluation in (("2025-04-30", 1), (AS_OF, 2), (AS_OF, 3)):
        r = run(
            "score",
            model_path,
            "--data",
            str(examples / "acme-measurements.csv"),
            "--as-of",
            as_of,
            "--to",
            target,
            "-o",
            str(tmp_path / "out.txt"),
        )
        assert r.returncode == 0, r.stderr
        assert f"(scorecard 'acme', as_of {as_of}, evaluation {evaluation})" in r.stderr
    # Re-scoring 2025-05-31 replaced its rows; 2025-04-30 stays.
    counts = table_rows(
        out,
        "SELECT as_of, count(*), max(evaluation) FROM okr_scores GROUP BY as_of ORDER BY as_of",
    )
    card = okrkit.evaluate(
        okrkit.load_model(model_path),
        okrkit.load_measurements(examples / "acme-measurements.csv"),
        AS_OF,
    )
    assert counts == [("2025-04-30", len(card), 1), (AS_OF, len(card), 3)]
    # The values are the scorecard's (the Python binding's frame as reference).
    frame = card.to_frame()
    con = sqlite3.connect(out)
    con.row_factory = sqlite3.Row
    try:
        rows = {
            r["node"]: r for r in con.execute("SELECT * FROM okr_scores WHERE as_of = ?", (AS_OF,))
        }
    finally:
        con.close()
    assert set(rows) == set(frame.index)
    for node, row in rows.items():
        for col in ("value", "target", "progress", "attainment", "expected"):
            want = float(frame.loc[node, col])
            got = row[col]
            assert (got is None and math.isnan(want)) or got == want, (node, col)
        assert row["status"] == str(frame.loc[node, "status"])
        assert row["kind"] == str(frame.loc[node, "kind"])
        assert row["incomplete"] == int(frame.loc[node, "incomplete"])


@needs_cli
def test_cli_sqlite_honours_calendar_date_format_and_duplicates(
    examples: Path, tmp_path: Path
) -> None:
    # The acme measurements with Solar Hijri dates (okrkit.to_jalali; e.g.
    # 2025-05-31 is 1404-03-10) and the first row repeated with value 0: the
    # CSV and SQLite paths with the same options give the same scores, and the
    # Gregorian-scored original equals the Jalali + duplicates="first" read.
    import pandas as pd

    model = str(examples / "acme.json")
    df = pd.read_csv(examples / "acme-measurements.csv", dtype={"date": str})
    jal = df.copy()
    jal["date"] = [
        "{:04d}-{:02d}-{:02d}".format(*okrkit.to_jalali(pd.Timestamp(d).date())) for d in df["date"]
    ]
    assert okrkit.to_jalali(pd.Timestamp("2025-05-31").date()) == (1404, 3, 10)
    extra = jal.iloc[[0]].copy()
    extra["value"] = 0.0
    jal = pd.concat([jal, extra], ignore_index=True)
    csv = tmp_path / "jalali.csv"
    jal.to_csv(csv, index=False)
    db = tmp_path / "jalali.db"
    con = sqlite3.connect(db)
    try:
        jal.to_sql("m", con, index=False)
    finally:
        con.close()
    want = run(
        "score",
        model,
        "--data",
        str(examples / "acme-measurements.csv"),
        "--as-of",
        AS_OF,
        "--format",
        "csv",
    )
    assert want.returncode == 0, want.stderr
    opts = ["--calendar", "jalali", "--duplicates", "first", "--format", "csv"]
    as_of = ["--as-of", "1404-03-10"]
    from_csv = run("score", model, "--data", str(csv), *as_of, *opts)
    from_db = run("score", model, "--data", f"sqlite:{db}?table=m", *as_of, *opts)
    assert from_csv.returncode == 0, from_csv.stderr
    assert from_db.returncode == 0, from_db.stderr
    assert from_db.stdout == from_csv.stdout == want.stdout
    # the note says how the duplicate was resolved, naming the rowids
    n = len(df) + 1
    assert f"(rowids 1 and {n})" in from_db.stderr
    # without the options: the errors of the CSV path
    bad = run("score", model, "--data", f"sqlite:{db}?table=m", "--as-of", AS_OF)
    assert bad.returncode != 0
    assert "pass --calendar jalali" in bad.stderr
    dup = run("score", model, "--data", f"sqlite:{db}?table=m", *as_of, "--calendar", "jalali")
    assert dup.returncode != 0
    assert f"(rowids 1 and {n}): remove one" in dup.stderr
