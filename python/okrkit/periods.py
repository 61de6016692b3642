"""Calendars, periods and aggregation of measurements to periods.

Periods are Gregorian months / quarters / halves / years and days, ISO 8601
weeks, fiscal quarters / halves / years with any start month, retail 52/53-week
weeks / periods / quarters / years (4-4-5, 4-5-4, 5-4-4), and Solar Hijri
(Jalali) days / months / quarters / halves / years. See docs/calendars.md.

Labels parse and format round-trip::

    >>> Period("2025-Q2").start
    datetime.date(2025, 4, 1)
    >>> Period("FY2026-Q1", fiscal_start_month=4).end
    datetime.date(2025, 6, 30)
    >>> Period.of(datetime.date(2025, 6, 22), "jalali_quarter")
    Period('1404-Q2')
"""

from __future__ import annotations

import datetime as _dt
import functools
from typing import Any, Union

import numpy as np

from . import _core
from ._core import RetailCalendar

__all__ = [
    "Period",
    "RetailCalendar",
    "aggregate",
    "period_kinds",
    "period_range",
    "iso_week_date",
    "to_jalali",
    "from_jalali",
    "jalali_is_leap",
    "parse_jalali_date",
]

DateLike = Union[_dt.date, str]

_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

# pandas-style aliases accepted as `freq` besides okrkit's own kind names.
_ALIASES = {
    "D": "day",
    "daily": "day",
    "W": "iso_week",
    "W-SUN": "iso_week",
    "week": "iso_week",
    "weekly": "iso_week",
    "M": "month",
    "MS": "month",
    "ME": "month",
    "monthly": "month",
    "Q": "quarter",
    "QS": "quarter",
    "QE": "quarter",
    "quarterly": "quarter",
    "Y": "year",
    "YS": "year",
    "YE": "year",
    "A": "year",
    "yearly": "year",
}


def period_kinds() -> list[str]:
    """The period kind names okrkit knows ("day", "iso_week", "month", ...)."""
    return list(_core.period_kinds())


def _settings(fiscal_start_month: int, retail: RetailCalendar | None) -> Any:
    return _core.CalendarSettings(
        fiscal_start_month=fiscal_start_month,
        retail=retail if retail is not None else RetailCalendar(),
    )


def _period_type(
    freq: str, fiscal_start_month: int = 1, retail: RetailCalendar | None = None
) -> Any:
    """A _core.PeriodType from a kind name or a pandas-style alias.

    "Q-MAR" / "QE-MAR" (quarters of a fiscal year ending in March) and
    "Y-MAR" / "A-MAR" / "YE-MAR" become fiscal quarters / years starting in
    April; "Q-DEC" and "Y-DEC" are calendar quarters and years.
    """
    kind = _ALIASES.get(freq, freq)
    head, _, tail = freq.upper().partition("-")
    if tail in _MONTHS and head in ("Q", "QE", "Y", "YE", "A"):
        end = _MONTHS.index(tail) + 1
        if end == 12:
            kind = "quarter" if head.startswith("Q") else "year"
        else:
            kind = "fiscal_quarter" if head.startswith("Q") else "fiscal_year"
            fiscal_start_month = end % 12 + 1
    return _core.PeriodType(kind, _settings(fiscal_start_month, retail))


@functools.total_ordering
class Period:
    """One calendar period: a kind ("month", "fiscal_quarter", "jalali_year",
    ...) and its position in time.

    Parameters
    ----------
    label : str
        "2025-06", "2025-Q2", "2025-H1", "2025", "2025-06-03", "2025-W23",
        "FY2026-Q1", "R2025-P03", "1404-Q2", "1404-01", ... Plain years below
        1700 are Solar Hijri; prefixes "SH" / "CE" force the calendar.
    fiscal_start_month : int, default 1
        First month of the fiscal year for "FY" labels (4 = April).
    retail : RetailCalendar, optional
        The 52/53-week calendar for "R" labels (default: years ending on the
        Saturday nearest the end of January, 4-4-5).

    Raises
    ------
    okrkit.ParseError
        When the label does not parse; the message says why.
    """

    __slots__ = ("_p",)

    def __init__(
        self,
        label: str | Period,
        *,
        fiscal_start_month: int = 1,
        retail: RetailCalendar | None = None,
    ) -> None:
        self._p: _core.Period
        if isinstance(label, Period):
            self._p = label._p
        else:
            self._p = _core.parse_period(label, _settings(fiscal_start_month, retail))

    @classmethod
    def _wrap(cls, p: Any) -> Period:
        obj = cls.__new__(cls)
        obj._p = p
        return obj

    @classmethod
    def of(
        cls,
        date: DateLike,
        freq: str = "month",
        *,
        fiscal_start_month: int = 1,
        retail: RetailCalendar | None = None,
    ) -> Period:
        """The period of kind `freq` (a kind name or pandas alias) holding `date`."""
        return cls._wrap(_period_type(freq, fiscal_start_month, retail).of(date))

    # ------------------------------------------------------------ properties
    @property
    def label(self) -> str:
        """The label, e.g. "2025-Q2"; Period(p.label) == p (same settings)."""
        return str(self._p.label)

    @property
    def kind(self) -> str:
        """The kind name: "month", "iso_week", "fiscal_quarter", "jalali_year", ..."""
        return str(self._p.kind)

    @property
    def fiscal_start_month(self) -> int:
        """First month of the fiscal year (fiscal kinds; 1 otherwise)."""
        return int(self._p.type.fiscal_start_month)

    @property
    def start(self) -> _dt.date:
        """First day (inclusive)."""
        return self._p.start

    @property
    def end(self) -> _dt.date:
        """Last day (inclusive)."""
        return self._p.end

    @property
    def length(self) -> int:
        """Number of days, both ends included."""
        return int(self._p.length_days)

    @property
    def index(self) -> int:
        """Position on the kind's time line (consecutive periods differ by 1)."""
        return int(self._p.index)

    # ------------------------------------------------------------ arithmetic
    def next(self) -> Period:
        """The following period."""
        return Period._wrap(self._p.next())

    def previous(self) -> Period:
        """The preceding period."""
        return Period._wrap(self._p.previous())

    def __add__(self, n: int) -> Period:
        if not isinstance(n, (int, np.integer)):
            return NotImplemented
        return Period._wrap(self._p.shift(int(n)))

    __radd__ = __add__

    def __sub__(self, other: int | Period) -> Any:
        if isinstance(other, Period):
            return int(self._p.distance(other._p))
        if isinstance(other, (int, np.integer)):
            return Period._wrap(self._p.shift(-int(other)))
        return NotImplemented

    def __contains__(self, date: DateLike) -> bool:
        return bool(self._p.contains(date))

    def elapsed_fraction(self, at: DateLike) -> float:
        """Share of the period elapsed at the end of day `at`: 0 before the
        period, 1/length on its first day, 1 on its last day and after."""
        return float(self._p.elapsed_fraction(at))

    # ------------------------------------------------------------ protocol
    def __repr__(self) -> str:
        extra = ""
        if self.kind.startswith("fiscal_") and self.fiscal_start_month != 1:
            extra = f", fiscal_start_month={self.fiscal_start_month}"
        return f"Period({self.label!r}{extra})"

    def __str__(self) -> str:
        return self.label

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return bool(self._p == other._p)

    def __lt__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return bool(self._p < other._p)

    def __hash__(self) -> int:
        return hash(self._p.__hash__())

    def __reduce__(self) -> Any:
        # pickles by label and settings (labels are the stable form)
        t = self._p.type
        r = t.retail
        retail = None
        if self.kind.startswith("retail_"):
            retail = (r.end_month, r.weekday, r.variation, r.pattern, r.extra_week_quarter)
        return (_unpickle, (self.label, t.fiscal_start_month, retail))

    # ------------------------------------------------------------ pandas
    def to_pandas(self) -> Any:
        """The equivalent ``pandas.Period``.

        day -> "D", iso_week -> "W-SUN" (Monday..Sunday), month -> "M",
        quarter -> "Q-DEC", year -> "Y-DEC", fiscal_quarter / fiscal_year ->
        "Q-<end month>" / "Y-<end month>" (pandas also names a fiscal year
        after the year it ends in).

        Raises
        ------
        ValueError
            For halves, retail and Jalali periods, which pandas has no
            frequency for.
        """
        import pandas as pd

        end_month = _MONTHS[(self.fiscal_start_month - 2) % 12]
        freq = {
            "day": "D",
            "iso_week": "W-SUN",
            "month": "M",
            "quarter": "Q-DEC",
            "year": "Y-DEC",
            "fiscal_quarter": f"Q-{end_month}",
            "fiscal_year": f"Y-{end_month}",
        }.get(self.kind)
        if freq is None:
            raise ValueError(f"pandas has no period frequency for {self.kind} periods")
        return pd.Period(self.start, freq=freq)

    @classmethod
    def from_pandas(cls, p: Any) -> Period:
        """The okrkit Period of a ``pandas.Period`` with a D, W-SUN, M, Q-<MON>
        or Y-<MON> frequency."""
        freq = p.freqstr
        if freq.startswith("W") and freq != "W-SUN":
            raise ValueError(f"only W-SUN (ISO) weeks map to okrkit periods, got {freq}")
        return cls.of(p.start_time.date(), freq)


def _unpickle(label: str, fiscal_start_month: int, retail: Any) -> Period:
    rc = None
    if retail is not None:
        end_month, weekday, variation, pattern, extra = retail
        rc = RetailCalendar(
            end_month=end_month,
            weekday=weekday,
            variation=variation,
            pattern=pattern,
            extra_week_quarter=extra,
        )
    return Period(label, fiscal_start_month=fiscal_start_month, retail=rc)


def period_range(first: str | Period, last: str | Period, **settings: Any) -> list[Period]:
    """Every period from `first` to `last` inclusive (labels or Periods of one kind)."""
    a = first if isinstance(first, Period) else Period(first, **settings)
    b = last if isinstance(last, Period) else Period(last, **settings)
    n = b - a
    return [a + i for i in range(n + 1)]


def iso_week_date(date: DateLike) -> tuple[int, int, int]:
    """(ISO year, week, weekday 1..7), as ``datetime.date.isocalendar()``."""
    return tuple(_core.iso_week_date(date))  # type: ignore[return-value]


def to_jalali(date: DateLike) -> tuple[int, int, int]:
    """(year, month, day) in the Solar Hijri calendar (jalaali break-year algorithm)."""
    return tuple(_core.to_jalali(date))  # type: ignore[return-value]


def from_jalali(year: int, month: int, day: int) -> _dt.date:
    """The Gregorian date of a Solar Hijri date; okrkit.DomainError if it does not exist."""
    return _core.from_jalali(year, month, day)


def jalali_is_leap(year: int) -> bool:
    """True when Esfand of `year` SH has 30 days."""
    return bool(_core.jalali_is_leap(year))


def parse_jalali_date(text: str) -> _dt.date:
    """Parse "YYYY-MM-DD" as a Solar Hijri date; okrkit.ParseError if it does not exist."""
    return _core.parse_jalali_date(text)


# ---------------------------------------------------------------- aggregation
_TICKS_PER_DAY = {
    "D": 1,
    "s": 86_400,
    "ms": 86_400_000,
    "us": 86_400_000_000,
    "ns": 86_400_000_000_000,
}


def _day_ticks(col: Any) -> tuple[np.ndarray, int]:
    import pandas as pd

    if isinstance(col.dtype, pd.DatetimeTZDtype):
        col = col.dt.tz_localize(None)  # the local calendar day counts
    if col.dtype.kind != "M":
        col = pd.to_datetime(col)
    arr = col.to_numpy()
    unit, step = np.datetime_data(arr.dtype)
    if unit not in _TICKS_PER_DAY or step != 1:
        arr = arr.astype("datetime64[s]")
        unit = "s"
    return arr.view(np.int64), _TICKS_PER_DAY[unit]


def _series_codes(col: Any) -> tuple[np.ndarray, int, Any]:
    """(int64 codes, number of codes, codes -> output values)."""
    import pandas as pd

    if isinstance(col.dtype, pd.CategoricalDtype):
        codes = col.cat.codes.to_numpy()
        if len(codes) and codes.min() < 0:
            raise ValueError("the series column has missing values")
        cats = col.cat.categories
        return codes, len(cats), lambda c: pd.Categorical.from_codes(c, dtype=col.dtype)
    arr = col.to_numpy()
    if arr.dtype.kind in "iu" and len(arr):
        lo, hi = int(arr.min()), int(arr.max())
        if lo >= 0 and hi < 50_000_000:  # integer ids are their own codes
            return arr, hi + 1, lambda c: c.astype(arr.dtype, copy=False)
    codes, uniques = pd.factorize(col, sort=True)
    if len(codes) and codes.min() < 0:
        raise ValueError("the series column has missing values")
    return codes, max(len(uniques), 1), lambda c: uniques.take(c)


def aggregate(
    df: Any,
    freq: str = "month",
    how: str = "sum",
    *,
    series: str = "series",
    date: str = "date",
    value: str = "value",
    numerator: str = "numerator",
    denominator: str = "denominator",
    cumulative: str | None = None,
    fiscal_start_month: int = 1,
    retail: RetailCalendar | None = None,
    report_gaps: bool = True,
) -> Any:
    """Aggregate a long table of measurements to periods, per series.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per measurement: `series` id, `date`, `value` and, for
        ``how="ratio"``, `numerator` and `denominator`. Any row order.
    freq : str
        A period kind ("month", "iso_week", "quarter", "fiscal_quarter",
        "retail_period", "jalali_month", ...; see :func:`period_kinds`) or a
        pandas alias ("M", "W", "Q", "Y", "Q-MAR", "Y-JUN", ...).
    how : {"sum", "mean", "min", "max", "first", "last", "count", "ratio"}
        "ratio" is Σnumerator / Σdenominator (never a mean of ratios).
    cumulative : str, optional
        A coarser kind that resets a running aggregate: "year" gives
        year-to-date values, the cycle's kind ("quarter") cycle-to-date.
    fiscal_start_month, retail
        Calendar settings for fiscal and retail kinds.
    report_gaps : bool
        Report periods without measurements between a series' first and last.

    Returns
    -------
    pandas.DataFrame
        Columns series, period (ordered categorical of labels), start, end
        (first / last day), value and count (measurements used), sorted by
        series then period. Only periods with measurements appear; gaps are
        never filled. ``result.attrs["diagnostics"]`` lists the gaps, skipped
        missing values and zero denominators (dicts with severity, code,
        message, series).
    """
    import pandas as pd

    ptype = _period_type(freq, fiscal_start_month, retail)
    cum = _period_type(cumulative, fiscal_start_month, retail) if cumulative else None
    for col in [series, date] + ([numerator, denominator] if how == "ratio" else [value]):
        if col not in df.columns:
            raise KeyError(f"aggregate: column {col!r} is missing")
    codes, n_codes, decode = _series_codes(df[series])
    ticks, per_day = _day_ticks(df[date])

    def floats(name: str) -> np.ndarray | None:
        if name not in df.columns:
            return None
        return np.ascontiguousarray(df[name].to_numpy(dtype=np.float64, na_value=np.nan))

    vals = floats(value) if how != "ratio" else None
    num = floats(numerator) if how == "ratio" else None
    den = floats(denominator) if how == "ratio" else None
    r = _core.aggregate_columns(
        codes.astype(np.int64, copy=False),
        n_codes,
        ticks,
        per_day,
        vals,
        num,
        den,
        ptype,
        how,
        cum,
        report_gaps,
    )
    diagnostics = list(r["diagnostics"])
    if diagnostics:
        # the core names series "#<code>"; decode the codes of these rows only
        ids = decode(np.array([int(d["series"][1:]) for d in diagnostics], dtype=np.int64))
        for d, sid in zip(diagnostics, ids):
            d["series"] = str(sid)
    period = r["period"]
    if len(period):
        lo, hi = int(period.min()), int(period.max())
        span = np.arange(lo, hi + 2, dtype=np.int64)
        starts = np.array([ptype.start_day(int(i)) for i in span], dtype="datetime64[D]")
        labels = [ptype.at(int(i)).label for i in span[:-1]]
        rel = (period - lo).astype(np.int64)
        start = starts[rel].astype("datetime64[s]")
        end = (starts[rel + 1] - np.timedelta64(1, "D")).astype("datetime64[s]")
        # categories: the periods that occur, in time order (bincount, not a sort)
        used = np.bincount(rel, minlength=len(labels)) > 0
        if not used.all():
            rel = (np.cumsum(used) - 1)[rel]
            labels = [lbl for lbl, u in zip(labels, used) if u]
        cat: Any = pd.Categorical.from_codes(rel, dtype=pd.CategoricalDtype(labels, ordered=True))
    else:
        cat = pd.Categorical([], categories=[], ordered=True)
        start = end = np.array([], dtype="datetime64[s]")
    out = pd.DataFrame(
        {
            series: decode(r["series"].astype(np.int64)),
            "period": cat,
            "start": start,
            "end": end,
            "value": r["value"],
            "count": r["count"].astype(np.int64),
        },
        copy=False,
    )
    out.attrs["diagnostics"] = diagnostics
    return out
