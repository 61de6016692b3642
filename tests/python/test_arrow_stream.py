"""The C++ Arrow C stream importer and exporter through the PyCapsule protocol
(include/okrkit/io/arrow_stream.hpp, bindings/register_arrow.cpp,
docs/data-sources.md).

References: stores are compared with the C++ CSV reader's store of the same
rows (dump_measurements); exported tables with the scorecard's own pandas
frame (Scorecard.to_frame, built by another path: the field-table binding) and
with values read off examples/acme-measurements.csv.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import okrkit
import pytest
from okrkit.appraisal import appraise
from okrkit.lint import lint

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")

AS_OF = "2025-05-31"
SMALL_CSV = (
    "series,date,value\na,2025-01-31,1.5\na,2025-02-28,\nb,1969-12-31,3\nb,2025-03-01,-4.25\n"
)


def dump(store: Any) -> str:
    return str(okrkit.dump_measurements(store))


@pytest.fixture(scope="module")
def acme(examples: Path) -> dict[str, Any]:
    model = okrkit.load_model(str(examples / "acme.json"))
    store = okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    return {"model": model, "store": store, "card": okrkit.evaluate(model, store, AS_OF)}


def small_polars() -> Any:
    return pl.DataFrame(
        {
            "series": ["a", "a", "b", "b"],
            "date": [
                dt.date(2025, 1, 31),
                dt.date(2025, 2, 28),
                dt.date(1969, 12, 31),
                dt.date(2025, 3, 1),
            ],
            "value": [1.5, None, 3.0, -4.25],
        }
    )


def test_polars_string_categorical_date_and_datetime() -> None:
    want = dump(okrkit.parse_measurements(SMALL_CSV))
    df = small_polars()
    assert dump(okrkit.measurements_from_arrow(df)) == want  # String (string_view), Date
    cat = df.with_columns(pl.col("series").cast(pl.Categorical))
    assert dump(okrkit.measurements_from_arrow(cat)) == want  # dictionary-encoded ids
    # Datetime[us] at 23:00 on 1969-12-31 floors to that day
    stamps = df.with_columns(
        (pl.col("date").cast(pl.Datetime("us")) + pl.duration(hours=23)).alias("date")
    )
    assert dump(okrkit.measurements_from_arrow(stamps)) == want
    aware = stamps.with_columns(pl.col("date").dt.replace_time_zone("UTC"))
    with pytest.raises(
        okrkit.DomainError, match=r"timestamp\[us, tz=UTC\]: the dates are timezone-aware"
    ):
        okrkit.measurements_from_arrow(aware)


def test_duckdb_relation_and_pyarrow_views() -> None:
    want = dump(okrkit.parse_measurements(SMALL_CSV))
    df = small_polars()  # noqa: F841 - read by DuckDB's replacement scan below
    rel = duckdb.sql("SELECT series, date, value FROM df")
    assert dump(okrkit.measurements_from_arrow(rel)) == want
    t = pa.table(
        {
            "series": pa.array(["a", "a", "b", "b"], pa.string_view()),
            "date": pa.array([20119, 20147, -1, 20148], pa.date32()),
            "value": pa.array([1.5, None, 3.0, -4.25]),
        }
    )
    assert dump(okrkit.measurements_from_arrow(t)) == want
    # large_string ids and date64
    t2 = t.set_column(0, "series", pa.array(["a", "a", "b", "b"], pa.large_string())).set_column(
        1, "date", t["date"].cast(pa.date64())
    )
    assert dump(okrkit.measurements_from_arrow(t2)) == want


def test_converted_numbers_say_so_and_big_integers_are_refused() -> None:
    t = pa.table(
        {
            "series": ["a", "b"],
            "date": pa.array([dt.date(2025, 1, 31)] * 2),
            "value": pa.array([1, 2], pa.int32()),
        }
    )
    s = okrkit.measurements_from_arrow(t)
    assert [n.code for n in s.notes] == ["arrow-converted"]
    assert s.notes[0].message == (
        "measurements column 'value' (value) has Arrow type int32; its numbers were converted "
        "to float64"
    )
    assert (
        okrkit.measurements_from_arrow(t.set_column(2, "value", pa.array([1.0, 2.0]))).notes == []
    )
    big = t.set_column(2, "value", pa.array([1, 2**53 + 1], pa.int64()))
    with pytest.raises(
        okrkit.DomainError,
        match="row 1: field 'value': 9007199254740993 cannot be held exactly by a float64 number",
    ):
        okrkit.measurements_from_arrow(big)


def test_a_consumed_capsule_is_refused() -> None:
    cap = small_polars().__arrow_c_stream__()
    okrkit._core.measurements_from_arrow_stream(cap)
    with pytest.raises(ValueError, match="already consumed"):
        okrkit._core.measurements_from_arrow_stream(cap)


# --- out: scorecards, lint findings, appraisals -----------------------------


def test_scorecard_into_pyarrow_polars_and_duckdb(acme: dict[str, Any]) -> None:
    card = acme["card"]
    frame = card.to_frame()
    fields = [f.name for f in okrkit.FIELDS]
    table = pa.table(card)
    assert table.column_names == fields  # the NodeScore field table, in its order
    assert table.num_rows == len(card)
    assert table.schema.field("status").type == pa.dictionary(pa.int32(), pa.string(), ordered=True)
    assert table.schema.field("value_date").type == pa.date32()
    assert table.schema.field("incomplete").type == pa.bool_()
    assert table.schema.field("history_periods").type == pa.int64()
    # kr-traffic: organic_sessions 61000 at 2025-05-31 (examples/acme-measurements.csv)
    row = next(r for r in table.to_pylist() if r["id"] == "kr-traffic")
    assert row["value"] == 61000.0
    assert row["value_date"] == dt.date(2025, 5, 31)
    # every number column matches the pandas frame (NaN there, null here)
    for f in okrkit.FIELDS:
        if f.kind == "number":
            got = table[f.name].to_numpy(zero_copy_only=False)
            want = frame[f.name].to_numpy(dtype=float)
            np.testing.assert_array_equal(np.asarray(got, dtype=float), want, err_msg=f.name)
        elif f.kind in ("category", "text") and f.name != "id":
            got = ["" if v is None else v for v in table[f.name].to_pylist()]
            want = ["" if v is None or v != v else str(v) for v in frame[f.name]]
            assert got == want, f.name
    assert card.to_arrow().equals(table)

    df = pl.DataFrame(card)
    assert df.columns == fields
    assert df.filter(pl.col("id") == "kr-traffic")["value"].item() == 61000.0
    assert df["status"].dtype in (pl.Categorical, pl.Enum)
    got = duckdb.sql("SELECT id, progress FROM card ORDER BY id").fetchall()
    want_rows = sorted(zip(frame.index, frame["progress"]))
    assert [g[0] for g in got] == [w[0] for w in want_rows]
    np.testing.assert_array_equal(
        np.array([np.nan if g[1] is None else g[1] for g in got]),
        np.array([w[1] for w in want_rows]),
    )
    # polars.from_arrow: a DataFrame (polars 1) or one struct Series (polars 2 reads
    # any stream object so); either way the same rows
    obj = pl.from_arrow(card)
    as_df = obj if isinstance(obj, pl.DataFrame) else obj.struct.unnest()
    assert as_df.columns == fields
    assert as_df.height == len(card)


def test_lint_findings_into_arrow(acme: dict[str, Any]) -> None:
    report = lint(acme["model"], acme["store"], as_of=AS_OF)
    assert len(report) > 0
    table = pa.table(report)
    assert table.column_names == list(report.to_frame().columns)
    assert table["rule"].to_pylist() == report.rule_ids
    assert table["line"].to_pylist() == [int(x) for x in report.to_frame()["line"]]
    assert pl.DataFrame(report).height == len(report)
    assert duckdb.sql("SELECT count(*) FROM report").fetchall() == [(len(report),)]


def test_appraisal_into_arrow(acme: dict[str, Any], examples: Path) -> None:
    import pandas as pd

    a = appraise(
        examples / "acme-ratings.csv", pd.read_csv(examples / "acme-scores.csv"), acme["model"]
    )
    frame = a.to_frame()
    table = pa.table(a)
    assert table.column_names == list(frame.columns)
    assert table["person"].to_pylist() == list(frame["person"])
    assert table["kpi_from"].to_pylist() == [list(x) for x in frame["kpi_from"]]
    np.testing.assert_array_equal(
        np.asarray(table["final_score"].to_numpy(zero_copy_only=False), dtype=float),
        frame["final_score"].to_numpy(dtype=float),
    )
    assert pl.DataFrame(a).height == len(frame)
    got = duckdb.sql("SELECT person FROM a ORDER BY cycle, person").fetchall()
    assert [g[0] for g in got] == list(frame.sort_values(["cycle", "person"])["person"])
