"""Measurements from where the data lives: Arrow producers, Parquet files and
SQL connections (docs/data-sources.md).

Arrow producers (pyarrow, polars, DuckDB, ADBC) are read by the C++ importer
through the Arrow PyCapsule stream protocol (include/okrkit/io/arrow_stream.hpp);
DB-API rows go through :func:`okrkit.measurements_from_frame`. Either way the
store is the one the CSV reader would build from the same rows, with the same
duplicate rules. pyarrow is needed only to read Parquet files.
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

Params = Union[Sequence[Any], Mapping[str, Any], None]


def _pyarrow() -> Any:
    try:
        import pyarrow  # type: ignore[import-untyped,unused-ignore]
    except ImportError as e:  # pragma: no cover - pyarrow is a test dependency
        raise ImportError(
            "okrkit's Arrow, Parquet and DuckDB sources need pyarrow: pip install pyarrow"
        ) from e
    return pyarrow


def _stream_capsule(obj: Any) -> Any:
    """The Arrow C stream capsule of anything speaking the Arrow PyCapsule
    stream protocol (pyarrow, polars, DuckDB, nanoarrow, ...)."""
    if hasattr(obj, "__arrow_c_stream__"):
        return obj.__arrow_c_stream__()
    if hasattr(obj, "__arrow_c_array__") and type(obj).__module__.split(".")[0] == "pyarrow":
        # a pyarrow RecordBatch without the stream method (older pyarrow)
        pa = _pyarrow()
        return pa.Table.from_batches([obj]).__arrow_c_stream__()
    raise TypeError(
        f"measurements_from_arrow: {type(obj).__name__} is not an Arrow stream (it has no "
        "__arrow_c_stream__); pass a pyarrow Table / RecordBatchReader, a polars DataFrame or a "
        "DuckDB relation, or a pandas DataFrame to measurements_from_frame"
    )


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
        day is kept, floor; times are dropped) or text (read by the CSV
        reader's rules, with ``calendar`` and ``date_format``). Timezone-aware
        timestamps are an error: which day 23:30 UTC falls on depends on the
        zone. A null date is an error naming the row.
    value, numerator, denominator
        Numbers: ``float64`` (read in place), ``float32``, integers and
        ``decimal128`` (converted; an info note ``arrow-converted`` on the
        store's ``notes`` says so, and an integer beyond 2**53 is an error);
        nulls are missing values, as empty CSV cells. The ratio columns are
        used when the table has them (as in the CSV reader); ``None`` ignores
        them.
    calendar, date_format, duplicates
        The reader options of :class:`okrkit.ReadOptions` (checked before
        reading, also when the dates are date values).

    Returns
    -------
    SeriesStore
        The store the CSV reader builds from the same rows, read by the C++
        importer (include/okrkit/io/arrow_stream.hpp) straight from the Arrow
        buffers: neither pyarrow nor pandas is needed.

    Raises
    ------
    okrkit.DomainError
        A column is absent or of a type that cannot be read (the message names
        the column and its Arrow type), a series id or date is missing, a date
        is timezone-aware or outside 1700..2300.
    """
    opts = ReadOptions.of(calendar=calendar, date_format=date_format, duplicates=duplicates)
    capsule = _stream_capsule(obj)
    # The C++ importer (include/okrkit/io/arrow_stream.hpp) reads the Arrow
    # buffers directly: no pyarrow, no pandas, no copy of a float64 column.
    return _core.measurements_from_arrow_stream(
        capsule,
        series=series,
        date=date,
        value=value,
        numerator=numerator or "",
        denominator=denominator or "",
        calendar=opts.calendar,
        date_format=opts.date_format,
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
