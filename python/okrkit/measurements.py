"""Measurements: pandas DataFrames in and out of the columnar series store.

Dates mean one thing (docs/guide.md, "Dates and duplicates"): text dates are
Gregorian unless ``calendar="jalali"``; a year outside 1700..2300 is an error;
numbers in the date column (Excel serial days) are an error unless
``date_format="excel"``; two rows with the same series and date are an error
unless ``duplicates=`` says how to combine them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from . import _core
from .read_options import Calendar, DateFormat, Duplicates, ReadOptions

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["from_frame", "to_frame"]

_EPOCH = np.datetime64("1970-01-01", "D")
# Gregorian years accepted in measurement dates (include/okrkit/time/date_input.hpp).
_MIN_DAY = int((np.datetime64("1700-01-01", "D") - _EPOCH).astype(np.int64))
_MAX_DAY = int((np.datetime64("2300-12-31", "D") - _EPOCH).astype(np.int64))
# Excel's 1900 date system: serial 25569 is 1970-01-01; 60 is the fictitious
# 1900-02-29 (Excel's leap-year bug), so serials below 60 are one day later.
_EXCEL_EPOCH = 25569
_EXCEL_MAX = _EXCEL_EPOCH + _MAX_DAY


def _fail(row: int, date: str, message: str) -> None:
    raise _core.DomainError(f"row {row}: field {date!r}: {message}")


def _date_message(text: str, calendar: Calendar) -> str:
    """The C++ reader's message for a date text ("" when it is fine)."""
    try:
        _core.parse_date(text, calendar=calendar, what="")
    except _core.ParseError as e:
        return str(e)
    return ""


def _excel_days(serial: np.ndarray, rows: np.ndarray, date: str) -> np.ndarray:
    s = np.floor(serial)
    bad = ~(s >= 1) | (s > _EXCEL_MAX) | (s == 60)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        v = serial[i]
        why = (
            "Excel serial date 60 is 1900-02-29, a day that does not exist (Excel's 1900 leap-year bug)"
            if s[i] == 60
            else f"Excel serial date {v!r} is outside 1 (1900-01-01) .. {_EXCEL_MAX} (2300-12-31)"
        )
        _fail(int(rows[i]), date, why)
    result: np.ndarray = (s - np.where(s < 60, _EXCEL_EPOCH - 1, _EXCEL_EPOCH)).astype(np.int64)
    return result


def _text_days(texts: Any, rows: np.ndarray, date: str, calendar: Calendar) -> np.ndarray:
    import pandas as pd

    out = np.empty(len(rows), dtype=np.int64)
    if calendar == "gregorian":
        try:
            parsed = pd.to_datetime(pd.Series(texts, dtype=object)).to_numpy(dtype="datetime64[D]")
        except (ValueError, OverflowError, TypeError):  # OutOfBoundsDatetime is a ValueError
            parsed = None
        if parsed is not None:
            nat = np.isnat(parsed)
            if nat.any():
                _fail(int(rows[int(np.flatnonzero(nat)[0])]), date, "missing date")
            return (parsed - _EPOCH).astype(np.int64)
    # Jalali text, or text pandas cannot read: okrkit's own reader, row by row.
    for k, t in enumerate(texts):
        if t is None or (isinstance(t, float) and t != t):
            _fail(int(rows[k]), date, "missing date")
        text = str(t).strip()
        if len(text) > 10 and text[10] in "T ":
            text = text[:10]
        msg = _date_message(text, calendar)
        if msg:
            _fail(int(rows[k]), date, msg)
        d = _core.parse_date(text, calendar=calendar, what="")
        out[k] = (np.datetime64(d, "D") - _EPOCH).astype(np.int64)
    return out


def _frame_days(col: Any, date: str, calendar: Calendar, date_format: str) -> np.ndarray:
    """Day numbers (days since 1970-01-01) of a frame's date column."""
    import pandas as pd
    from pandas.api import types as pdt

    n = len(col)
    rows = np.arange(n)
    if isinstance(col.dtype, pd.DatetimeTZDtype):
        raise _core.DomainError(
            f"field {date!r}: the dates are timezone-aware ({col.dtype}); okrkit reads calendar days: "
            f"convert them first (df[{date!r}].dt.tz_localize(None) keeps each local day)"
        )
    if pdt.is_datetime64_any_dtype(col.dtype):
        d = col.to_numpy(dtype="datetime64[D]")
        if np.isnat(d).any():
            _fail(int(np.flatnonzero(np.isnat(d))[0]), date, "missing date")
        days: np.ndarray = (d - _EPOCH).astype(np.int64)
        texts: Any = None
    else:
        values = col.to_numpy(dtype=object)
        is_bool = np.fromiter(
            (isinstance(v, (bool, np.bool_)) for v in values), dtype=bool, count=n
        )
        if is_bool.any():
            _fail(
                int(np.flatnonzero(is_bool)[0]),
                date,
                f"{values[int(np.flatnonzero(is_bool)[0])]!r} is not a date",
            )
        numbers = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(
            dtype=np.float64
        )
        is_num = ~np.isnan(numbers)
        if is_num.any() and date_format != "excel":
            i = int(np.flatnonzero(is_num)[0])
            _fail(
                i,
                date,
                f"{values[i]!r} is a number, not a date; if the column holds Excel serial dates, "
                'pass date_format="excel"',
            )
        days = np.zeros(n, dtype=np.int64)
        if is_num.any():
            days[is_num] = _excel_days(numbers[is_num], rows[is_num], date)
        rest = ~is_num
        texts = values
        if rest.any():
            days[rest] = _text_days(values[rest], rows[rest], date, calendar)
    out_of_window = (days < _MIN_DAY) | (days > _MAX_DAY)
    if out_of_window.any():
        i = int(np.flatnonzero(out_of_window)[0])
        if texts is None or not isinstance(texts[i], str):  # a datetime value: no calendar question
            iso = str(np.datetime64(int(days[i]), "D"))
            _fail(
                i,
                date,
                f"date {iso} has year {iso[:4].lstrip('0')}, outside the Gregorian years 1700..2300",
            )
        text = str(texts[i]).strip()[:10]
        _fail(
            i,
            date,
            _date_message(text, "gregorian") or f"date {text!r} is outside the years 1700..2300",
        )
    result: np.ndarray = days.astype(np.int32)
    return result


def from_frame(
    df: pd.DataFrame,
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
    """Build a :class:`SeriesStore` from a long DataFrame.

    Parameters
    ----------
    df
        One row per measurement.
    series, date, value
        Column names of the series id, the date and the value. Dates are
        datetime64 values or text (anything ``pd.to_datetime`` reads; times
        are dropped: okrkit works at day resolution).
    numerator, denominator
        Optional ratio columns (used by ``aggregation="ratio"``); ignored when
        the frame has no such column.
    calendar, date_format, duplicates
        The reader options of :class:`okrkit.ReadOptions` (documented there
        once for every reader): the calendar and format of the dates, and what
        two rows with the same series and date do.

    Returns
    -------
    SeriesStore
        Sorted by series and date; missing values stay missing (NaN).

    Raises
    ------
    okrkit.DomainError
        A required column is absent, a date is missing, not a date, timezone-
        aware, outside 1700..2300 (the message suggests ``calendar="jalali"``
        when the text is a valid Solar Hijri date) or a number without
        ``date_format="excel"``.
    okrkit.ValidationError
        Duplicate rows under ``duplicates="error"`` (both rows named).
    """
    import pandas as pd

    opts = ReadOptions.of(calendar=calendar, date_format=date_format, duplicates=duplicates)
    for col in (series, date, value):
        if col not in df.columns:
            raise _core.DomainError(f"measurements frame has no column {col!r}")
    cat = pd.Categorical(df[series].astype(str))
    days = _frame_days(df[date], date, opts.calendar, opts.date_format)
    values = pd.to_numeric(df[value], errors="raise").to_numpy(dtype=np.float64)

    def optional(col: str | None) -> np.ndarray | None:
        if col is None or col not in df.columns:
            return None
        return pd.to_numeric(df[col], errors="raise").to_numpy(dtype=np.float64)

    return _core.SeriesStore.from_codes(
        codes=cat.codes.astype(np.int64),
        categories=[str(c) for c in cat.categories],
        days=days,
        values=values,
        numerators=optional(numerator),
        denominators=optional(denominator),
        duplicates=opts.duplicates,
    )


def to_frame(store: _core.SeriesStore) -> pd.DataFrame:
    """The measurements as a long DataFrame (series: category, date:
    ``datetime64[s]``, which holds every date a store can hold; pandas < 2,
    which has only nanoseconds, raises for dates outside 1677..2262 instead of
    wrapping them)."""
    import pandas as pd

    cols = store.columns()
    ids = store.series_ids
    dates = cols["days"].astype("timedelta64[D]") + _EPOCH
    if int(pd.__version__.split(".")[0]) >= 2:
        date_col = dates.astype("datetime64[s]")
    else:  # pragma: no cover - pandas 1.x
        lo, hi = np.datetime64("1677-09-22", "D"), np.datetime64("2262-04-11", "D")
        if len(dates) and (dates.min() < lo or dates.max() > hi):
            raise _core.DomainError(
                "measurements_to_frame: dates outside 1677-09-22..2262-04-11 need pandas >= 2 "
                "(datetime64[ns] cannot hold them)"
            )
        date_col = dates.astype("datetime64[ns]")
    data = {
        "series": pd.Categorical.from_codes(cols["codes"], categories=pd.Index(ids)),
        "date": date_col,
        "value": cols["values"],
    }
    if "numerators" in cols:
        data["numerator"] = cols["numerators"]
        data["denominator"] = cols["denominators"]
    return pd.DataFrame(data)
