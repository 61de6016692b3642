"""Measurements from Arrow producers, Parquet and SQL connections
(okrkit/sources.py, docs/data-sources.md).

The reference for every path is the C++ CSV reader: a source must give the
store the CSV reader builds from the same rows (compared through
dump_measurements), and the bundled example must score identically through
each source (scorecard frames compared exactly).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import okrkit
import pandas as pd
import pytest

pa = pytest.importorskip("pyarrow")
pc = pytest.importorskip("pyarrow.compute")
pq = pytest.importorskip("pyarrow.parquet")
pacsv = pytest.importorskip("pyarrow.csv")

AS_OF = "2025-05-31"

# Hand-made rows and the CSV text the C++ reader parses into the same store.
SMALL_CSV = (
    "series,date,value\n"
    "a,2025-01-31,1.5\n"
    "a,2025-02-28,\n"  # missing value, kept
    "b,1969-12-31,3\n"
    "b,2025-03-01,-4.25\n"
)
SMALL_SERIES = ["a", "a", "b", "b"]
SMALL_DAYS = [
    dt.date(2025, 1, 31),
    dt.date(2025, 2, 28),
    dt.date(1969, 12, 31),
    dt.date(2025, 3, 1),
]
SMALL_VALUES = [1.5, None, 3.0, -4.25]


def dump(store: Any) -> str:
    return str(okrkit.dump_measurements(store))


def small_reference() -> str:
    return dump(okrkit.parse_measurements(SMALL_CSV))


def small_table(date_array: Any, series_array: Any = None) -> Any:
    return pa.table(
        {
            "series": series_array if series_array is not None else pa.array(SMALL_SERIES),
            "date": date_array,
            "value": pa.array(SMALL_VALUES, type=pa.float64()),
        }
    )


# --- the bundled example through every source ---------------------------


@pytest.fixture(scope="module")
def acme(examples: Path) -> dict[str, Any]:
    model = okrkit.load_model(str(examples / "acme.json"))
    csv_path = examples / "acme-measurements.csv"
    store = okrkit.load_measurements(str(csv_path))
    card = okrkit.evaluate(model, store, AS_OF)
    # An Arrow table read by pyarrow's own CSV reader (date32, nulls for empty cells).
    table = pacsv.read_csv(csv_path)
    return {
        "model": model,
        "csv": csv_path,
        "store": store,
        "frame": card.to_frame(),
        "table": table,
    }


def scores_like_csv(acme: dict[str, Any], store: Any) -> None:
    assert dump(store) == dump(acme["store"])
    frame = okrkit.evaluate(acme["model"], store, AS_OF).to_frame()
    pd.testing.assert_frame_equal(frame, acme["frame"])


def test_arrow_csv_table_has_the_expected_types(acme: dict[str, Any]) -> None:
    t = acme["table"]
    assert t.schema.field("date").type == pa.date32()
    assert t.schema.field("numerator").type == pa.int64()  # with nulls: cast, not zero-copy
    assert t.num_rows == 45


def test_pyarrow_table_and_reader(acme: dict[str, Any]) -> None:
    scores_like_csv(acme, okrkit.measurements_from_arrow(acme["table"]))
    reader = pa.RecordBatchReader.from_batches(
        acme["table"].schema, acme["table"].to_batches(max_chunksize=7)
    )
    scores_like_csv(acme, okrkit.measurements_from_arrow(reader))


def test_parquet_file(acme: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "m.parquet"
    pq.write_table(acme["table"], path, row_group_size=10)
    scores_like_csv(acme, okrkit.load_measurements(path))
    scores_like_csv(acme, okrkit.load_measurements(str(path)))


def test_parquet_missing_file(tmp_path: Path) -> None:
    with pytest.raises(okrkit.IoError, match="no such file"):
        okrkit.load_measurements(tmp_path / "absent.parquet")


def test_csv_path_unchanged(acme: dict[str, Any]) -> None:
    scores_like_csv(acme, okrkit.load_measurements(acme["csv"]))


def test_polars(acme: dict[str, Any]) -> None:
    pl = pytest.importorskip("polars")
    df = pl.read_csv(acme["csv"], try_parse_dates=True)
    assert df.schema["date"] == pl.Date
    scores_like_csv(acme, okrkit.measurements_from_arrow(df))
    # categorical series ids (dictionary<string_view> in polars 2)
    cat = df.with_columns(pl.col("series").cast(pl.Categorical))
    scores_like_csv(acme, okrkit.measurements_from_arrow(cat))


def test_duckdb_relation_and_connection(acme: dict[str, Any]) -> None:
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    rel = con.read_csv(str(acme["csv"]))
    scores_like_csv(acme, okrkit.measurements_from_arrow(rel))
    con.execute(f"CREATE TABLE m AS SELECT * FROM read_csv('{acme['csv']}')")
    scores_like_csv(acme, okrkit.measurements_from_sql("SELECT * FROM m", con))
    # parameters in DuckDB's paramstyle; aliases map other column names
    store = okrkit.measurements_from_sql(
        "SELECT series AS kpi, date AS day, value AS amount FROM m WHERE series = ?",
        con,
        params=["organic_sessions"],
        series="kpi",
        date="day",
        value="amount",
    )
    assert store.series_ids == ["organic_sessions"]
    assert len(store) == 5


def make_sqlite(path: Path, csv_path: Path) -> None:
    rows = pd.read_csv(csv_path, dtype={"series": str, "date": str})
    with sqlite3.connect(path) as con:
        con.execute(
            "CREATE TABLE m (series TEXT, date TEXT, value REAL, numerator REAL, denominator REAL)"
        )
        con.executemany(
            "INSERT INTO m VALUES (?, ?, ?, ?, ?)",
            [tuple(None if pd.isna(x) else x for x in r) for r in rows.itertuples(index=False)],
        )
    con.close()


def test_sqlite3_dbapi(acme: dict[str, Any], tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    make_sqlite(db, acme["csv"])
    con = sqlite3.connect(db)
    try:
        scores_like_csv(acme, okrkit.measurements_from_sql("SELECT * FROM m", con))
        store = okrkit.measurements_from_sql(
            "SELECT * FROM m WHERE date > :after", con, params={"after": "2025-04-30"}
        )
        assert len(store) == 10  # the ten May rows (grep -c 2025-05 examples/acme-measurements.csv)
    finally:
        con.close()


def test_adbc_sqlite(acme: dict[str, Any], tmp_path: Path) -> None:
    adbc = pytest.importorskip("adbc_driver_sqlite.dbapi")
    db = tmp_path / "m.db"
    make_sqlite(db, acme["csv"])
    with adbc.connect(str(db)) as con:
        scores_like_csv(acme, okrkit.measurements_from_sql("SELECT * FROM m", con))


def test_sql_missing_column(tmp_path: Path) -> None:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE m (kpi TEXT, date TEXT, value REAL)")
    with pytest.raises(okrkit.DomainError, match="no column 'series'"):
        okrkit.measurements_from_sql("SELECT * FROM m", con)
    con.close()


# --- hand-made tables ----------------------------------------------------


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_timestamp_units_date32_date64_agree(unit: str) -> None:
    ref = small_reference()
    # a time of day is dropped; 1969-12-31T23:00 is still 1969-12-31 (floor, not truncation)
    stamps = [dt.datetime.combine(d, dt.time(23, 0)) for d in SMALL_DAYS]
    assert (
        dump(okrkit.measurements_from_arrow(small_table(pa.array(stamps, type=pa.timestamp(unit)))))
        == ref
    )
    assert (
        dump(okrkit.measurements_from_arrow(small_table(pa.array(SMALL_DAYS, type=pa.date32()))))
        == ref
    )
    assert (
        dump(okrkit.measurements_from_arrow(small_table(pa.array(SMALL_DAYS, type=pa.date64()))))
        == ref
    )


def test_text_dates_go_through_the_frame_path() -> None:
    texts = pa.array([d.isoformat() for d in SMALL_DAYS])
    assert dump(okrkit.measurements_from_arrow(small_table(texts))) == small_reference()


def test_dictionary_series() -> None:
    series = pa.array(SMALL_SERIES).dictionary_encode()
    table = small_table(pa.array(SMALL_DAYS, type=pa.date32()), series)
    assert pa.types.is_dictionary(table.schema.field("series").type)
    assert dump(okrkit.measurements_from_arrow(table)) == small_reference()


def test_dictionary_series_in_chunks_with_different_dictionaries() -> None:
    c1 = pa.DictionaryArray.from_arrays(pa.array([0, 0], type=pa.int32()), pa.array(["a", "zzz"]))
    c2 = pa.DictionaryArray.from_arrays(pa.array([1, 1], type=pa.int32()), pa.array(["zzz", "b"]))
    series = pa.chunked_array([c1, c2])
    table = pa.table(
        {
            "series": series,
            "date": pa.chunked_array(
                [
                    pa.array(SMALL_DAYS[:2], pa.date32()),
                    pa.array(SMALL_DAYS[2:], pa.date32()),
                ]
            ),
            "value": pa.chunked_array(
                [
                    pa.array(SMALL_VALUES[:2], pa.float64()),
                    pa.array(SMALL_VALUES[2:], pa.float64()),
                ]
            ),
        }
    )
    store = okrkit.measurements_from_arrow(table)
    assert dump(store) == small_reference()
    assert store.series_ids == ["a", "b"]  # the unused 'zzz' is no series


def test_integer_series_ids_and_values() -> None:
    table = pa.table(
        {
            "series": pa.array([7, 7, 12], pa.int64()),
            "date": pa.array(SMALL_DAYS[:3], pa.date32()),
            "value": pa.array([1, None, 3], pa.int32()),
        }
    )
    ref = okrkit.parse_measurements(
        "series,date,value\n7,2025-01-31,1\n7,2025-02-28,\n12,1969-12-31,3\n"
    )
    assert dump(okrkit.measurements_from_arrow(table)) == dump(ref)


def test_ratio_columns_and_renamed_columns() -> None:
    table = pa.table(
        {
            "kpi": ["conv", "conv"],
            "day": pa.array([dt.date(2025, 1, 31), dt.date(2025, 2, 28)], pa.date32()),
            "rate": [0.1, 0.2],
            "won": pa.array([10, 20], pa.int64()),
            "leads": pa.array([100, None], pa.float64()),
        }
    )
    store = okrkit.measurements_from_arrow(
        table,
        series="kpi",
        date="day",
        value="rate",
        numerator="won",
        denominator="leads",
    )
    ref = okrkit.parse_measurements(
        "series,date,value,numerator,denominator\nconv,2025-01-31,0.1,10,100\nconv,2025-02-28,0.2,20,\n"
    )
    assert dump(store) == dump(ref)
    no_ratio = okrkit.measurements_from_arrow(
        table, series="kpi", date="day", value="rate", numerator=None, denominator=None
    )
    assert not no_ratio.has_ratio_columns


def test_decimal_values() -> None:
    from decimal import Decimal

    table = small_table(pa.array(SMALL_DAYS, pa.date32()))
    table = table.set_column(
        2,
        "value",
        pa.array([Decimal("1.50"), None, Decimal(3), Decimal("-4.25")], pa.decimal128(10, 2)),
    )
    assert dump(okrkit.measurements_from_arrow(table)) == small_reference()


@pytest.mark.parametrize(
    ("column", "array", "message"),
    [
        (
            "value",
            pa.array(["1", "2", "3", "4"]),
            "measurements column 'value' (value) has Arrow type string; expected a number (float, integer or decimal)",
        ),
        (
            "value",
            pa.array([True, False, True, True]),
            "measurements column 'value' (value) has Arrow type bool; expected a number",
        ),
        (
            "date",
            pa.array([20250131, 20250228, 19691231, 20250301], pa.int64()),
            "measurements column 'date' (date) has Arrow type int64; expected date32, date64, a timezone-naive timestamp or text",
        ),
        (
            "series",
            pa.array([1.0, 1.0, 2.0, 2.0]),
            "measurements column 'series' (series) has Arrow type double; expected text",
        ),
    ],
)
def test_wrong_column_types_are_named(column: str, array: Any, message: str) -> None:
    table = small_table(pa.array(SMALL_DAYS, pa.date32()))
    table = table.set_column(table.column_names.index(column), column, array)
    with pytest.raises(okrkit.DomainError) as e:
        okrkit.measurements_from_arrow(table)
    assert str(e.value).startswith(message)


def test_timezone_aware_timestamps_refused() -> None:
    stamps = pa.array([dt.datetime(2025, 1, 31, 23, 30)] * 4, pa.timestamp("us", tz="UTC"))
    with pytest.raises(
        okrkit.DomainError,
        match=r"column 'date' \(date\) has Arrow type timestamp\[us, tz=UTC\]: the dates are timezone-aware",
    ):
        okrkit.measurements_from_arrow(small_table(stamps))


def test_missing_cells_are_named_by_row() -> None:
    dates = pa.array([SMALL_DAYS[0], None, SMALL_DAYS[2], SMALL_DAYS[3]], pa.date32())
    with pytest.raises(okrkit.DomainError, match="row 1: field 'date': missing date"):
        okrkit.measurements_from_arrow(small_table(dates))
    series = pa.array(["a", "a", None, "b"])
    with pytest.raises(okrkit.DomainError, match="row 2: field 'series': missing series id"):
        okrkit.measurements_from_arrow(small_table(pa.array(SMALL_DAYS, pa.date32()), series))
    series = pa.array(["a", "a", "  ", "b"])
    with pytest.raises(okrkit.DomainError, match="row 2: field 'series': series id is empty"):
        okrkit.measurements_from_arrow(small_table(pa.array(SMALL_DAYS, pa.date32()), series))


def test_text_dates_with_null_series_ids_are_named() -> None:
    texts = pa.array([d.isoformat() for d in SMALL_DAYS])
    series = pa.array(["a", None, "b", "b"])
    with pytest.raises(okrkit.DomainError, match="row 1: field 'series': missing series id"):
        okrkit.measurements_from_arrow(small_table(texts, series))


def test_dates_outside_the_window_refused() -> None:
    dates = pa.array([dt.date(1650, 1, 1)] + SMALL_DAYS[1:], pa.date32())
    with pytest.raises(
        okrkit.DomainError,
        match="row 0: field 'date': date 1650-01-01 is outside the Gregorian years 1700..2300",
    ):
        okrkit.measurements_from_arrow(small_table(dates))


def test_missing_column_and_non_arrow_object() -> None:
    with pytest.raises(okrkit.DomainError, match=r"no column 'value' \(columns: series, date\)"):
        okrkit.measurements_from_arrow(
            pa.table({"series": ["a"], "date": pa.array([dt.date(2025, 1, 1)])})
        )
    with pytest.raises(TypeError, match="not an Arrow stream"):
        okrkit.measurements_from_arrow([1, 2, 3])


def test_empty_table() -> None:
    table = small_table(pa.array(SMALL_DAYS, pa.date32())).slice(0, 0)
    assert len(okrkit.measurements_from_arrow(table)) == 0


# --- the scorecard out through Arrow --------------------------------------


def test_scorecard_to_arrow(acme: dict[str, Any]) -> None:
    card = okrkit.evaluate(acme["model"], acme["store"], AS_OF)
    table = card.to_arrow()
    assert table.column_names[0] == "id"
    assert table.num_rows == len(card)
    back = table.to_pandas(date_as_object=False).set_index("id")
    frame = acme["frame"]
    for f in okrkit.FIELDS:  # date32 arrives as datetime64[ms]; the frame has [us]
        if f.kind == "date":
            back[f.name] = back[f.name].astype(frame[f.name].dtype)
    pd.testing.assert_frame_equal(back, frame)
    assert pa.table(card).equals(table)  # through __arrow_c_stream__
    # kr-traffic: organic_sessions 61000 at 2025-05-31 (examples/acme-measurements.csv)
    row = table.filter(pc.equal(table["id"], "kr-traffic")).to_pylist()[0]
    assert row["value"] == 61000.0


def test_scorecard_into_polars_and_duckdb(acme: dict[str, Any]) -> None:
    pl = pytest.importorskip("polars")
    duckdb = pytest.importorskip("duckdb")
    card = okrkit.evaluate(acme["model"], acme["store"], AS_OF)
    frame = acme["frame"]
    df = pl.DataFrame(card)
    assert df.shape == (len(frame), len(frame.columns) + 1)
    assert df.filter(pl.col("id") == "kr-traffic")["value"].item() == 61000.0
    assert pl.from_arrow(card.to_arrow()).shape == df.shape
    got = duckdb.sql("SELECT id, progress FROM card ORDER BY id").fetchall()
    want = sorted(zip(frame.index, frame["progress"]))
    assert [g[0] for g in got] == [w[0] for w in want]
    np.testing.assert_array_equal(
        np.array([np.nan if g[1] is None else g[1] for g in got]),
        np.array([w[1] for w in want]),
    )
