"""Dates as users pass them: one meaning for each text (docs/guide.md, "Dates").

A date string is Gregorian ``YYYY-MM-DD`` unless ``calendar="jalali"`` says it
is a Solar Hijri date; a Gregorian year outside 1700..2300 is an error whose
message says when the text is a valid Solar Hijri date. ``NaT``, ``None``,
numbers and timezone-aware timestamps are refused with a message saying what
to pass instead, never cast silently.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import numpy as np

from . import _core

__all__ = ["as_of_date", "parse_date"]

Calendar = Literal["gregorian", "jalali"]


def parse_date(text: str, *, calendar: Calendar = "gregorian") -> dt.date:
    """``"YYYY-MM-DD"`` in ``calendar`` as a ``datetime.date``.

    >>> parse_date("1404-03-10", calendar="jalali")
    datetime.date(2025, 5, 31)

    Raises
    ------
    okrkit.ParseError
        Not a date, or a Gregorian year outside 1700..2300 (the message names
        the Solar Hijri reading when there is one).
    """
    d: dt.date = _core.parse_date(text, calendar=calendar, what="")
    return d


def as_of_date(value: Any, *, calendar: Calendar = "gregorian", what: str = "as_of") -> dt.date:
    """The as-of date of ``value``: a ``datetime.date``, a naive
    ``datetime``/``pandas.Timestamp``/``numpy.datetime64`` (its calendar day),
    or a ``"YYYY-MM-DD"`` string in ``calendar``.

    Raises
    ------
    TypeError
        ``None`` or a value that is not a date (a number: an Excel serial?).
    ValueError
        ``NaT`` / NaN, or a timezone-aware timestamp (which day it is depends
        on the zone: pass ``ts.date()`` or ``ts.tz_convert(zone).date()``).
    okrkit.ParseError
        A string that is not a date, or a year outside 1700..2300.
    """
    if value is None:
        raise TypeError(
            f"{what} is None: pass the date to score at (datetime.date or 'YYYY-MM-DD')"
        )
    if isinstance(value, str):
        d: dt.date = _core.parse_date(value, calendar=calendar, what=what)
        return d
    try:
        missing = bool(value != value)  # NaT and NaN are not equal to themselves
    except (TypeError, ValueError):
        missing = False
    if missing or (isinstance(value, np.datetime64) and np.isnat(value)):
        raise ValueError(f"{what} is {value!r}, a missing date: pass the date to score at")
    if isinstance(value, np.datetime64):
        value = value.astype("datetime64[D]").item()
        if not isinstance(value, dt.date):
            raise ValueError(f"{what} {value!r} is outside the dates okrkit reads (1700..2300)")
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and value.tzinfo.utcoffset(value) is not None:
            raise ValueError(
                f"{what} {value!r} is timezone-aware: okrkit scores calendar days; pass "
                f"{what}.date() for the day in its own zone, or tz_convert(zone) first"
            )
        value = value.date()
    if isinstance(value, dt.date):
        # Same year window and message as a string date (always Gregorian here).
        d2: dt.date = _core.parse_date(value.isoformat(), calendar="gregorian", what=what)
        return d2
    if isinstance(value, (bool, int, float, np.integer, np.floating)):
        raise TypeError(
            f"{what} is the number {value!r}, not a date: pass a datetime.date or 'YYYY-MM-DD' "
            "(an Excel serial date? convert it first)"
        )
    raise TypeError(
        f"{what} must be a datetime.date or a 'YYYY-MM-DD' string, got {type(value).__name__}"
    )
