"""Calendars and periods against independent references: Python's
datetime.isocalendar(), pandas Period / FY5253 / FY5253Quarter, and the
jalaali-js Nowruz tables in tests/data (see tests/data/README_calendars.md)."""

from __future__ import annotations

import csv
import datetime as dt
import pickle
from pathlib import Path

import numpy as np
import okrkit
import pandas as pd
import pytest
from okrkit.periods import (
    Period,
    RetailCalendar,
    aggregate,
    from_jalali,
    iso_week_date,
    jalali_is_leap,
    parse_jalali_date,
    period_kinds,
    period_range,
    to_jalali,
)

DATA = Path(__file__).resolve().parents[1] / "data"
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def days(first: str, last: str) -> list[dt.date]:
    a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [a + dt.timedelta(i) for i in range((b - a).days + 1)]


# ---------------------------------------------------------------- ISO weeks
def test_iso_weeks_match_isocalendar_every_day_1990_2040() -> None:
    for d in days("1990-01-01", "2040-12-31"):
        y, w, wd = d.isocalendar()
        assert iso_week_date(d) == (y, w, wd)
        p = Period.of(d, "iso_week")
        assert p.label == f"{y}-W{w:02d}"
        assert p.start == dt.date.fromisocalendar(y, w, 1)


# ---------------------------------------------------------------- fiscal quarters
@pytest.mark.parametrize("end_month", range(1, 13))
def test_fiscal_quarters_match_pandas(end_month: int) -> None:
    freq = f"Q-{MONTHS[end_month - 1]}"
    start_month = end_month % 12 + 1
    for pp in pd.period_range("1990Q1", "2040Q4", freq=freq):
        ours = Period(f"FY{pp.qyear}-Q{pp.quarter}", fiscal_start_month=start_month)
        assert ours.start == pp.start_time.date()
        assert ours.end == pp.end_time.date()
        assert ours.to_pandas() == pp
        back = Period.from_pandas(pp)  # Q-DEC comes back as a calendar quarter
        assert (back.start, back.end) == (ours.start, ours.end)
    # every day, through the bulk path: one count per day, grouped by pandas' quarter
    ds = pd.date_range("1990-01-01", "2040-12-31", freq="D")
    df = pd.DataFrame({"series": 0, "date": ds, "value": 1.0})
    got = aggregate(df, freq, "count")
    ref = df.groupby(ds.to_period(freq))["value"].count()
    assert list(got["count"]) == list(ref)
    # labels: "FY<qyear>-Q<n>" (Q-DEC: calendar quarters "<year>-Q<n>")
    assert [f"{p.qyear}-Q{p.quarter}" for p in ref.index] == [
        lbl.removeprefix("FY") for lbl in got["period"]
    ]
    assert list(got["start"].dt.date) == [p.start_time.date() for p in ref.index]


def test_fiscal_years_match_pandas() -> None:
    for end_month in range(1, 12):
        freq = f"Y-{MONTHS[end_month - 1]}"
        for pp in pd.period_range("1995", "2035", freq=freq):
            ours = Period.of(pp.start_time.date(), "fiscal_year", fiscal_start_month=end_month + 1)
            assert ours.label == f"FY{pp.year}"
            assert ours.end == pp.end_time.date()
            assert ours.to_pandas() == pp


# ---------------------------------------------------------------- retail 52/53
@pytest.mark.parametrize("variation", ["last", "nearest"])
def test_retail_years_match_pandas_fy5253(variation: str) -> None:
    for month in range(1, 13):
        for weekday in range(7):
            off = pd.offsets.FY5253(weekday=weekday, startingMonth=month, variation=variation)
            cal = RetailCalendar(end_month=month, weekday=weekday, variation=variation)
            for end in pd.date_range("1990-01-01", "2040-12-31", freq=off):
                e = end.date()
                # okrkit names a retail year after its end month's calendar year
                y = e.year if not (month == 12 and e.month == 1) else e.year - 1
                assert cal.year_end(y) == e
                p = Period.of(e, "retail_year", retail=cal)
                assert p.label == f"R{y}"
                assert p.end == e
                assert p.length == (e - off.rollback(end - pd.Timedelta(days=1)).date()).days


def _check_quarters(cal: RetailCalendar, off: pd.offsets.FY5253Quarter) -> None:
    ends = pd.date_range("2010-01-01", "2030-12-31", freq=off)
    for prev, end in zip(ends[:-1], ends[1:]):
        p = Period.of(end.date(), "retail_quarter", retail=cal)
        assert p.end == end.date()
        assert p.start == (prev + pd.Timedelta(days=1)).date()
        assert p.length // 7 == off.get_weeks(pd.Timestamp(p.start))[int(p.label[-1]) - 1]


@pytest.mark.parametrize("qtr", [1, 2, 3, 4])
def test_retail_quarters_match_pandas_fy5253quarter(qtr: int) -> None:
    # the NRF shape (Saturday nearest the end of January) and a "last" variant
    for month, weekday, variation in [(1, 5, "nearest"), (8, 5, "last"), (12, 6, "nearest")]:
        off = pd.offsets.FY5253Quarter(
            weekday=weekday, startingMonth=month, qtr_with_extra_week=qtr, variation=variation
        )
        for pattern in ["445", "454", "544"]:
            cal = RetailCalendar(
                end_month=month,
                weekday=weekday,
                variation=variation,
                pattern=pattern,
                extra_week_quarter=qtr,
            )
            _check_quarters(cal, off)


def test_retail_quarters_every_month_end_match_pandas() -> None:
    for month in range(1, 13):
        for variation in ["last", "nearest"]:
            off = pd.offsets.FY5253Quarter(
                weekday=3, startingMonth=month, qtr_with_extra_week=4, variation=variation
            )
            _check_quarters(RetailCalendar(end_month=month, weekday=3, variation=variation), off)


def test_retail_445_periods_hand_checked() -> None:
    # 4-4-5: P1..P3 = 4, 4, 5 weeks; R2025 (NRF "fiscal 2024") begins 2024-02-04
    assert Period("R2025-P01").start == dt.date(2024, 2, 4)
    assert [Period(f"R2025-P{i:02d}").length // 7 for i in (1, 2, 3)] == [4, 4, 5]
    cal = RetailCalendar(pattern="544")
    assert [Period(f"R2025-P{i:02d}", retail=cal).length // 7 for i in (1, 2, 3)] == [5, 4, 4]


# ---------------------------------------------------------------- Jalali
def _nowruz(name: str) -> list[tuple[int, dt.date, bool]]:
    with open(DATA / name) as f:
        return [
            (int(r["jalali_year"]), dt.date.fromisoformat(r["nowruz_gregorian"]), r["leap"] == "1")
            for r in csv.DictReader(f)
        ]


@pytest.mark.parametrize("table", ["jalali_nowruz_1354_1454.csv", "jalali_nowruz_1000_2000.csv"])
def test_jalali_against_nowruz_tables(table: str) -> None:
    rows = _nowruz(table)
    for year, nowruz, leap in rows:
        assert from_jalali(year, 1, 1) == nowruz
        assert to_jalali(nowruz) == (year, 1, 1)
        assert jalali_is_leap(year) == leap
        assert to_jalali(nowruz - dt.timedelta(1)) == (
            year - 1,
            12,
            30 if jalali_is_leap(year - 1) else 29,
        )
        p = Period(f"{year}" if year < 1700 else f"SH{year}")
        assert p.start == nowruz
        assert p.length == (366 if leap else 365)


def test_jalali_labels_and_errors() -> None:
    assert Period("1404-01").start == dt.date(2025, 3, 21)
    assert Period("1404-Q2").start == dt.date(2025, 6, 22)  # 1 Tir
    assert Period.of(dt.date(2025, 3, 20), "jalali_year") == Period("1403")
    assert parse_jalali_date("1403-12-30") == dt.date(2025, 3, 20)
    with pytest.raises(okrkit.ParseError, match="1404 is not a leap year"):
        Period("1404-12-30")
    with pytest.raises(okrkit.ParseError):
        parse_jalali_date("1404-12-30")
    with pytest.raises(okrkit.DomainError):
        from_jalali(1404, 12, 30)


# ---------------------------------------------------------------- Period object
LABELS = [
    "2025-06",
    "2025-Q2",
    "2025-H1",
    "2025",
    "2025-06-03",
    "2025-W23",
    "FY2026-Q1",
    "FY2026-H2",
    "FY2026",
    "R2025",
    "R2025-Q1",
    "R2025-P03",
    "R2025-W05",
    "1404-Q2",
    "1404-01",
    "1404",
    "1404-H1",
    "1404-01-01",
]


@pytest.mark.parametrize("label", LABELS)
def test_labels_round_trip(label: str) -> None:
    p = Period(label, fiscal_start_month=4)
    assert p.label == label
    assert Period(p.label, fiscal_start_month=4) == p
    assert str(p) == label
    assert eval(repr(p), {"Period": Period}) == p
    assert pickle.loads(pickle.dumps(p)) == p
    assert p.next().previous() == p
    assert p.next().start == p.end + dt.timedelta(1)
    assert p.start in p and p.end in p
    assert Period.of(p.end, p.kind, fiscal_start_month=4) == p


def test_comparison_hash_arithmetic() -> None:
    a, b = Period("2025-Q1"), Period("2025-Q2")
    assert a < b and b > a and a != b
    assert len({a, Period("2025-Q1"), b}) == 2
    assert a + 1 == b and b - 1 == a and b - a == 1
    assert sorted([b, a]) == [a, b]
    assert [p.label for p in period_range("2025-11", "2026-01")] == [
        "2025-11",
        "2025-12",
        "2026-01",
    ]
    assert b.elapsed_fraction(dt.date(2025, 5, 15)) == pytest.approx(45 / 91)
    assert b.elapsed_fraction("2025-03-01") == 0.0
    assert Period("FY2026-Q1", fiscal_start_month=4) != Period("FY2026-Q1", fiscal_start_month=10)
    assert "iso_week" in period_kinds()


@pytest.mark.parametrize(
    ("label", "freq"),
    [
        ("2025-06-03", "D"),
        ("2025-W23", "W-SUN"),
        ("2025-06", "M"),
        ("2025-Q2", "Q-DEC"),
        ("2025", "Y-DEC"),
    ],
)
def test_to_pandas(label: str, freq: str) -> None:
    p = Period(label)
    pp = p.to_pandas()
    assert pp == pd.Period(p.start, freq=freq)
    assert pp.start_time.date() == p.start and pp.end_time.date() == p.end
    assert Period.from_pandas(pp) == p


def test_to_pandas_without_equivalent() -> None:
    for label in ["2025-H1", "1404-Q2", "R2025"]:
        with pytest.raises(ValueError, match="pandas has no period frequency"):
            Period(label).to_pandas()


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("2025-Q5", "quarter must be 1..4"),
        ("2025-13", "month must be 01..12"),
        ("2025-02-30", "date does not exist"),
        ("2025-W53", "2025 has 52 iso weeks"),
        ("FY2026-03", "expected Qn or Hn"),
        ("2025/06", "expected '-' after the year"),
        ("June 2025", "expected a 4-digit year"),
        ("", "period label is empty"),
    ],
)
def test_bad_labels(label: str, message: str) -> None:
    with pytest.raises(okrkit.ParseError, match=message):
        Period(label)
    assert issubclass(okrkit.ParseError, ValueError)


def test_numpy_ints_shift_periods() -> None:
    assert Period("2025-01") + np.int64(2) == Period("2025-03")
