"""Measurements from where the data lives: Arrow producers, Parquet files and
SQL connections (docs/data-sources.md).

Everything here ends in the same binding as :func:`okrkit.measurements_from_frame`
(``SeriesStore.from_codes``), so a store read from Parquet, polars, DuckDB or a
database is the store the CSV reader would build from the same rows, with the
same checks. pyarrow is needed for the Arrow paths; it is imported only when
one of them is used.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Union

import numpy as np

from . import _core
from .measurements import from_frame
from .read_options import Calendar, DateFormat, Duplicates, ReadOptions

__all__ = ["load_measurements", "measurements_from_arrow", "measurements_from_sql"]

#: Dates the store accepts (Gregorian years 1700..2300, as the CSV reader).
_EPOCH = np.datetime64("1970-01-01", "D")
_MIN_DAY = int((np.datetime64("1700-01-01", "D") - _EPOCH).astype(np.int64))
_MAX_DAY = int((np.datetime64("2300-12-31", "D") - _EPOCH).astype(np.int64))
_UNITS_PER_DAY = {
    "s": 86_400,
    "ms": 86_400_000,
    "us": 86_400_000_000,
    "ns": 86_400_000_000_000,
}

Params = Union[Sequence[Any], Mapping[str, Any], None]


def _pyarrow() -> Any:
    try:
        import pyarrow  # type: ignore[import-untyped,unused-ignore]
    except ImportError as e:  # pragma: no cover - pyarrow is a test dependency
        raise ImportError(
            "okrkit's Arrow, Parquet and DuckDB sources need pyarrow: pip install pyarrow"
        ) from e
    return pyarrow


def _as_table(obj: Any) -> Any:
    """A pyarrow Table from anything speaking the Arrow PyCapsule stream protocol."""
    pa = _pyarrow()
    if isinstance(obj, pa.Table):
        return obj
    if isinstance(obj, pa.RecordBatchReader):
        return obj.read_all()
    if isinstance(obj, pa.RecordBatch):
        return pa.Table.from_batches([obj])
    if hasattr(obj, "__arrow_c_stream__"):
        return pa.RecordBatchReader.from_stream(obj).read_all()
    raise TypeError(
        f"measurements_from_arrow: {type(obj).__name__} is not an Arrow stream (it has no "
        "__arrow_c_stream__); pass a pyarrow Table / RecordBatchReader, a polars DataFrame or a "
        "DuckDB relation, or a pandas DataFrame to measurements_from_frame"
    )


def _type_error(name: str, role: str, typ: Any, expected: str) -> _core.DomainError:
    return _core.DomainError(
        f"measurements column {name!r} ({role}) has Arrow type {typ}; expected {expected}"
    )


def _first_null(col: Any) -> int:
    pc = _pyarrow().compute
    return int(pc.index(pc.is_null(col), True).as_py())


def _contiguous(col: Any) -> Any:
    """One Array from a ChunkedArray (no copy when it has one chunk)."""
    pa = _pyarrow()
    if isinstance(col, pa.ChunkedArray):
        if col.num_chunks == 1:
            return col.chunk(0)
        if col.num_chunks == 0:
            return pa.array([], type=col.type)
        return col.combine_chunks()
    return col


def _is_text(t: Any) -> bool:
    pa = _pyarrow()
    view = getattr(pa.types, "is_string_view", None)
    return bool(
        pa.types.is_string(t) or pa.types.is_large_string(t) or (view is not None and view(t))
    )


def _series_codes(col: Any, name: str) -> tuple[np.ndarray, list[str]]:
    pa = _pyarrow()
    pc = pa.compute
    t = col.type
    expected = "text (string, dictionary<string>) or integer ids"
    if not isinstance(col, pa.ChunkedArray):
        col = pa.chunked_array([col])
    if pa.types.is_dictionary(t):
        vt = t.value_type
        if not (_is_text(vt) or pa.types.is_integer(vt)):
            raise _type_error(name, "series", t, expected)
        if not (pa.types.is_string(vt) or pa.types.is_integer(vt)):
            # string_view / large_string dictionaries (polars): plain strings
            col = pa.chunked_array(
                [
                    pa.DictionaryArray.from_arrays(c.indices, c.dictionary.cast(pa.string()))
                    for c in col.chunks
                ],
                type=pa.dictionary(t.index_type, pa.string()),
            )
        if col.num_chunks > 1:
            col = col.unify_dictionaries()
    elif _is_text(t) or pa.types.is_integer(t):
        if not (pa.types.is_string(t) or pa.types.is_integer(t)):
            col = pc.cast(col, pa.string())
        col = pc.dictionary_encode(col)
    else:
        raise _type_error(name, "series", t, expected)
    if col.null_count:
        raise _core.DomainError(f"row {_first_null(col)}: field {name!r}: missing series id")
    chunks = col.chunks if isinstance(col, pa.ChunkedArray) else [col]
    if not chunks:
        return np.zeros(0, dtype=np.int64), []
    categories = [str(x) for x in chunks[0].dictionary.to_pylist()]
    if "" in categories or any(c != c.strip() for c in categories):
        used = set(
            np.unique(np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks]))
        )
        for k, c in enumerate(categories):
            if k in used and c.strip() == "":
                codes = np.concatenate([ch.indices.to_numpy(zero_copy_only=False) for ch in chunks])
                row = int(np.flatnonzero(codes == k)[0])
                raise _core.DomainError(f"row {row}: field {name!r}: series id is empty")
        # The CSV reader trims cells: ' a ' and 'a' are one series there, so here.
        categories = [c.strip() for c in categories]
    codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks])
    return codes.astype(np.int64, copy=False), categories


def _days(col: Any, name: str) -> np.ndarray | None:
    """Day numbers of a date column, or None for a text column (parsed by the
    pandas path, which knows calendars and date formats)."""
    pa = _pyarrow()
    t = col.type
    if _is_text(t):
        return None
    if col.null_count:
        raise _core.DomainError(f"row {_first_null(col)}: field {name!r}: missing date")
    arr = _contiguous(col)
    if pa.types.is_date32(t):
        days = arr.view(pa.int32()).to_numpy(zero_copy_only=True).astype(np.int64)
    elif pa.types.is_date64(t):
        ms = arr.view(pa.int64()).to_numpy(zero_copy_only=True)
        days = np.floor_divide(ms, _UNITS_PER_DAY["ms"])
    elif pa.types.is_timestamp(t):
        if t.tz is not None:
            raise _core.DomainError(
                f"measurements column {name!r} (date) has Arrow type {t}: the dates are timezone-"
                "aware; okrkit reads calendar days, so convert them to local dates first (pyarrow: "
                "pc.local_timestamp(col); polars: .dt.replace_time_zone(None); DuckDB: "
                "CAST(ts AT TIME ZONE 'Europe/Berlin' AS DATE))"
            )
        raw = arr.view(pa.int64()).to_numpy(zero_copy_only=True)
        # floor, not truncation: 1969-12-31T23:00 is day -1
        days = np.floor_divide(raw, _UNITS_PER_DAY[t.unit])
    else:
        raise _type_error(name, "date", t, "date32, date64, a timezone-naive timestamp or text")
    bad = (days < _MIN_DAY) | (days > _MAX_DAY)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        iso = str(np.datetime64(int(days[i]), "D"))
        raise _core.DomainError(
            f"row {i}: field {name!r}: date {iso} is outside the Gregorian years 1700..2300"
        )
    out: np.ndarray = days.astype(np.int32)
    return out


def _numbers(col: Any, name: str, role: str) -> np.ndarray:
    """float64 values; nulls are missing values (NaN). Zero-copy for a float64
    column in one chunk without nulls."""
    pa = _pyarrow()
    t = col.type
    if not (
        pa.types.is_floating(t)
        or pa.types.is_integer(t)
        or pa.types.is_decimal(t)
        or pa.types.is_null(t)
    ):
        raise _type_error(name, role, t, "a number (float, integer or decimal)")
    arr = _contiguous(col)
    if not pa.types.is_float64(t):
        arr = arr.cast(pa.float64())
    if arr.null_count == 0:
        out: np.ndarray = arr.to_numpy(zero_copy_only=True)
        return out
    return np.asarray(arr.to_numpy(zero_copy_only=False), dtype=np.float64)


def measurements_from_arrow(
    obj: Any,
    *,
    series: str = "series",
    date: str = "date",
    value: str = "value",
    numerator: str | None = "numerator",
    denominator: str | None = "denominator",
    calendar: Calendar = "gregorian",
    date_format: DateFormat = "iso",
    duplicates: Duplicates = "error",
) -> _core.SeriesStore:
    """Build a :class:`SeriesStore` from an Arrow table.

    Parameters
    ----------
    obj
        Anything with the Arrow PyCapsule stream protocol (``__arrow_c_stream__``):
        a pyarrow ``Table`` / ``RecordBatchReader``, a polars ``DataFrame``, a
        DuckDB relation.
    series
        Series ids: ``string``, ``large_string``, ``dictionary<string>`` (polars
        ``Categorical``) or integers (read as their decimal text).
    date
        ``date32``, ``date64``, a timezone-naive ``timestamp`` of any unit (the
        day is kept; times are dropped) or text (read as by
        :func:`okrkit.measurements_from_frame`). Timezone-aware timestamps are an
        error: which day 23:30 UTC falls on depends on the zone.
    value, numerator, denominator
        Numbers (float, integer or decimal); nulls are missing values. The ratio
        columns are used when the table has them (as in the CSV reader);
        ``None`` ignores them.
    calendar, date_format, duplicates
        The reader options of :class:`okrkit.ReadOptions` (checked before
        reading, also when the dates are date values).

    Returns
    -------
    SeriesStore
        The store the CSV reader builds from the same rows. A float64 column in
        one chunk without nulls is read without a copy.

    Raises
    ------
    okrkit.DomainError
        A column is absent or of a type that cannot be read (the message names
        the column and its Arrow type), a series id or date is missing, a date
        is timezone-aware or outside 1700..2300.
    """
    opts = ReadOptions.of(calendar=calendar, date_format=date_format, duplicates=duplicates)
    table = _as_table(obj)
    names = table.column_names
    for col in (series, date, value):
        if col not in names:
            raise _core.DomainError(
                f"measurements table has no column {col!r} (columns: {', '.join(names)})"
            )
    days = _days(table.column(date), date)
    # Series ids are checked here on both paths (type, nulls, blanks).
    codes, categories = _series_codes(table.column(series), series)
    if days is None:
        # Text dates: the pandas path parses them (calendars, formats, checks).
        keep = [c for c in (series, date, value, numerator, denominator) if c and c in names]
        return from_frame(
            table.select(keep).to_pandas(),
            series=series,
            date=date,
            value=value,
            numerator=numerator,
            denominator=denominator,
            calendar=opts.calendar,
            date_format=opts.date_format,
            duplicates=opts.duplicates,
        )

    def optional(col: str | None, role: str) -> np.ndarray | None:
        if col is None or col not in names:
            return None
        return _numbers(table.column(col), col, role)

    return _core.SeriesStore.from_codes(
        codes=codes,
        categories=categories,
        days=days,
        values=_numbers(table.column(value), value, "value"),
        numerators=optional(numerator, "numerator"),
        denominators=optional(denominator, "denominator"),
        duplicates=opts.duplicates,
    )


def load_measurements(
    path: str | os.PathLike[str],
    *,
    calendar: Calendar = "gregorian",
    date_format: DateFormat = "iso",
    duplicates: Duplicates = "error",
) -> _core.SeriesStore:
    """Read measurements from a file: ``.parquet`` through pyarrow
    (:func:`measurements_from_arrow`, standard column names), anything else as
    CSV (series, date, value[, numerator, denominator]; the C++ reader).
    ``calendar``, ``date_format`` and ``duplicates``: :class:`okrkit.ReadOptions`
    (docs/model-format.md)."""
    opts = ReadOptions.of(calendar=calendar, date_format=date_format, duplicates=duplicates)
    p = Path(path)
    if p.suffix.lower() == ".parquet":
        _pyarrow()
        import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

        if not p.exists():
            raise _core.IoError(f"{p}: no such file")
        return measurements_from_arrow(
            pq.read_table(p),
            calendar=opts.calendar,
            date_format=opts.date_format,
            duplicates=opts.duplicates,
        )
    return _core.load_measurements(
        p, calendar=opts.calendar, date_format=opts.date_format, duplicates=opts.duplicates
    )


def _is_duckdb(connection: Any) -> bool:
    return type(connection).__module__.split(".")[0] in ("duckdb", "_duckdb")


def measurements_from_sql(
    query: str,
    connection: Any,
    *,
    params: Params = None,
    series: str = "series",
    date: str = "date",
    value: str = "value",
    numerator: str | None = "numerator",
    denominator: str | None = "denominator",
    calendar: Calendar = "gregorian",
    date_format: DateFormat = "iso",
    duplicates: Duplicates = "error",
) -> _core.SeriesStore:
    """Run ``query`` on ``connection`` and build a :class:`SeriesStore` from the rows.

    Parameters
    ----------
    query
        SQL returning the columns named by ``series``, ``date``, ``value`` (and
        optionally the ratio columns); alias them in the query
        (``SELECT kpi AS series, day AS date, amount AS value FROM ...``).
    connection
        A DuckDB connection (read through Arrow: ``connection.sql(query)``, a
        relation, streamed through ``__arrow_c_stream__``), an
        ADBC connection (``adbc_driver_sqlite``, ``adbc_driver_postgresql``: read
        through Arrow with ``cursor.fetch_arrow_table()``) or any DB-API 2.0
        connection (``sqlite3``, ``psycopg``: rows through pandas, then
        :func:`okrkit.measurements_from_frame`).
    params
        Query parameters in the driver's paramstyle (never format values into
        the query text).
    series, date, value, numerator, denominator
        Column names, as in :func:`okrkit.measurements_from_arrow`.
    calendar, date_format, duplicates
        The reader options of :class:`okrkit.ReadOptions` (checked before the
        query runs).

    Returns
    -------
    SeriesStore
    """
    read = ReadOptions.of(calendar=calendar, date_format=date_format, duplicates=duplicates)
    opts: dict[str, Any] = {
        "series": series,
        "date": date,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        **read.as_kwargs(),
    }
    if _is_duckdb(connection):
        # A relation streams its result through __arrow_c_stream__ (no copy of
        # the rows; DuckDB 2 warns that execute(...).to_arrow_table() makes one).
        rel = connection.sql(query, params=params) if params is not None else connection.sql(query)
        if rel is None:
            raise _core.DomainError("measurements_from_sql: the query returned no result set")
        return measurements_from_arrow(rel, **opts)
    cursor = connection.cursor()
    try:
        if params is None:
            cursor.execute(query)
        else:
            cursor.execute(query, params)
        if hasattr(cursor, "fetch_arrow_table"):
            return measurements_from_arrow(cursor.fetch_arrow_table(), **opts)
        if cursor.description is None:
            raise _core.DomainError("measurements_from_sql: the query returned no result set")
        cols = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    finally:
        cursor.close()
    import pandas as pd

    frame = pd.DataFrame.from_records(rows, columns=cols)
    for col in (series, date, value):
        if col not in frame.columns:
            raise _core.DomainError(
                f"measurements query returned no column {col!r} (columns: {', '.join(cols)})"
            )
    if len(frame) and frame[series].isna().any():
        row = int(np.flatnonzero(frame[series].isna().to_numpy())[0])
        raise _core.DomainError(f"row {row}: field {series!r}: missing series id")
    return from_frame(frame, **opts)
