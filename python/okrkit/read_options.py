"""The options every measurement reader takes, defined once.

:func:`okrkit.measurements_from_frame`, :func:`okrkit.measurements_from_arrow`,
:func:`okrkit.measurements_from_sql` and :func:`okrkit.load_measurements` take
the same three keyword-only options, with the meanings of the CSV reader and
the CLI (docs/model-format.md, "Dates mean one thing" and "Duplicates are a
decision"):

calendar
    ``"gregorian"`` (default) or ``"jalali"``: the calendar of text dates
    (``"1404-03-10"`` with ``"jalali"`` is 2025-05-31). A Gregorian year
    outside 1700..2300 is an error whose message says when the text is a valid
    Solar Hijri date. Dates given as date / datetime values are calendar days
    and need no calendar.
date_format
    ``"iso"`` (default) or ``"excel"``: with ``"excel"``, numbers in the date
    column are Excel serial days (1900 system; 45808 is 2025-05-31); without
    it a number is an error that names this option.
duplicates
    Two rows with the same series and date: ``"error"`` (default, naming both
    rows), or ``"last"`` / ``"first"`` (that row wins) / ``"sum"`` / ``"mean"``
    (missing values skipped). The store's ``notes`` and the scorecard's
    ``diagnostics`` (info ``duplicates-resolved``) say what was combined.

Every reader checks the three with :meth:`ReadOptions.of` before reading, so a
misspelt option is a ``ValueError`` on every path (also where the dates are
already date values and the calendar would otherwise never be looked at).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

__all__ = ["Calendar", "DateFormat", "Duplicates", "ReadOptions"]

Calendar = Literal["gregorian", "jalali"]
DateFormat = Literal["iso", "excel"]
Duplicates = Literal["error", "last", "first", "sum", "mean"]


@dataclass(frozen=True)
class ReadOptions:
    """Calendar, date format and duplicate policy of a measurement read
    (see the module documentation for what each value does).

    >>> ReadOptions(calendar="jalali")
    ReadOptions(calendar='jalali', date_format='iso', duplicates='error')
    >>> ReadOptions(duplicates="add")
    Traceback (most recent call last):
    ...
    ValueError: unknown duplicates 'add' (choose from error, last, first, sum, mean)
    """

    calendar: Calendar = "gregorian"
    date_format: DateFormat = "iso"
    duplicates: Duplicates = "error"

    def __post_init__(self) -> None:
        for name, kind in (
            ("calendar", Calendar),
            ("date_format", DateFormat),
            ("duplicates", Duplicates),
        ):
            value = getattr(self, name)
            choices = get_args(kind)
            if value not in choices:
                raise ValueError(f"unknown {name} {value!r} (choose from {', '.join(choices)})")

    @classmethod
    def of(
        cls,
        *,
        calendar: Calendar = "gregorian",
        date_format: DateFormat = "iso",
        duplicates: Duplicates = "error",
    ) -> ReadOptions:
        """The checked options of a reader's keyword arguments."""
        return cls(calendar=calendar, date_format=date_format, duplicates=duplicates)

    def as_kwargs(self) -> dict[str, str]:
        """The three options as keyword arguments of a reader."""
        return {
            "calendar": self.calendar,
            "date_format": self.date_format,
            "duplicates": self.duplicates,
        }
