"""Measurements: pandas DataFrames in and out of the columnar series store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import _core

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["from_frame", "to_frame"]

_EPOCH = np.datetime64("1970-01-01", "D")


def from_frame(
    df: pd.DataFrame,
    *,
    series: str = "series",
    date: str = "date",
    value: str = "value",
    numerator: str | None = "numerator",
    denominator: str | None = "denominator",
) -> _core.SeriesStore:
    """Build a :class:`SeriesStore` from a long DataFrame.

    Parameters
    ----------
    df
        One row per measurement.
    series, date, value
        Column names of the series id, the date (anything ``pd.to_datetime``
        reads; times are dropped: okrkit works at day resolution) and the value.
    numerator, denominator
        Optional ratio columns (used by ``aggregation="ratio"``); ignored when
        the frame has no such column.

    Returns
    -------
    SeriesStore
        Sorted by series and date; missing values stay missing (NaN).

    Raises
    ------
    okrkit.DomainError
        If a required column is absent or a date is missing.
    """
    import pandas as pd

    for col in (series, date, value):
        if col not in df.columns:
            raise _core.DomainError(f"measurements frame has no column {col!r}")
    cat = pd.Categorical(df[series].astype(str))
    dates = pd.to_datetime(df[date]).to_numpy(dtype="datetime64[D]")
    if np.isnat(dates).any():
        row = int(np.flatnonzero(np.isnat(dates))[0])
        raise _core.DomainError(f"row {row}: field {date!r}: missing date")
    days = (dates - _EPOCH).astype(np.int32)
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
    )


def to_frame(store: _core.SeriesStore) -> pd.DataFrame:
    """The measurements as a long DataFrame (series: category, date: datetime64)."""
    import pandas as pd

    cols = store.columns()
    ids = store.series_ids
    data = {
        "series": pd.Categorical.from_codes(cols["codes"], categories=pd.Index(ids)),
        "date": (cols["days"].astype("timedelta64[D]") + _EPOCH).astype("datetime64[ns]"),
        "value": cols["values"],
    }
    if "numerators" in cols:
        data["numerator"] = cols["numerators"]
        data["denominator"] = cols["denominators"]
    return pd.DataFrame(data)
