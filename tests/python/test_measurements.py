from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import okrkit
import pandas as pd
import pytest


def test_csv_and_frame_agree(examples: Path) -> None:
    store = okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    df = okrkit.measurements_to_frame(store)
    assert len(df) == 45
    # seconds, not nanoseconds: every date a store holds fits (issue 15)
    assert df["date"].dtype == np.dtype("datetime64[s]")
    assert isinstance(df["series"].dtype, pd.CategoricalDtype)
    conv = df[df["series"] == "visitor_lead_conversion"]
    assert conv["numerator"].sum() / conv["denominator"].sum() == pytest.approx(
        (3700 + 3900 + 4000 + 5085 + 6100) / (48200 + 49100 + 50000 + 56500 + 61000)
    )
    again = okrkit.measurements_from_frame(df)
    assert okrkit.dump_measurements(again) == okrkit.dump_measurements(store)


def test_frame_with_missing_values_keeps_them() -> None:
    df = pd.DataFrame(
        {
            "series": ["a", "a", "b"],
            "date": ["2025-01-31", "2025-02-28", "2025-01-31"],
            "value": [1.0, np.nan, 3.0],
        }
    )
    store = okrkit.measurements_from_frame(df)
    assert len(store) == 3
    back = okrkit.measurements_to_frame(store)
    assert math.isnan(back["value"][1])
    assert not store.has_ratio_columns


def test_frame_without_value_column_is_an_error() -> None:
    with pytest.raises(okrkit.DomainError, match="no column 'value'"):
        okrkit.measurements_from_frame(pd.DataFrame({"series": ["a"], "date": ["2025-01-01"]}))


def test_bad_csv_rows_are_reported_together() -> None:
    text = "series,date,value\na,2025-02-30,1\nb,2025-01-01,x\n"
    with pytest.raises(okrkit.ValidationError) as info:
        okrkit.parse_measurements(text, "d.csv")
    assert [(p["line"], p["field"]) for p in info.value.problems] == [(2, "date"), (3, "value")]


# --- one window and one set of reader options everywhere --------------------


def test_plain_string_dates_have_the_reader_window() -> None:
    # 1404-03-10 SH is 2025-05-31 (docs/model-format.md): as a Gregorian
    # string it is the year 1404, an error naming calendar="jalali".
    s = okrkit.SeriesStore()
    with pytest.raises(okrkit.ParseError) as e:
        s.add("s", "1404-03-10", 1.0)
    assert str(e.value) == (
        "date '1404-03-10' has year 1404, outside the Gregorian years 1700..2300; it is a "
        "valid Solar Hijri date (2025-05-31): to read the dates as Solar Hijri, pass "
        '--calendar jalali (Python: calendar="jalali")'
    )
    with pytest.raises(okrkit.ParseError, match="outside the Gregorian years 1700..2300$"):
        s.add("s", "2400-01-01", 1.0)
    s.add("s", "2025-05-31", 1.0)  # inside the window: unchanged
    s.finalize()
    # the same window for an as-of date given as text
    model = okrkit.Model()
    with pytest.raises(okrkit.ParseError, match="valid Solar Hijri date \\(2025-05-31\\)"):
        okrkit.evaluate(model, s, "1404-03-10")


def test_read_options_are_checked_once_for_every_reader() -> None:
    import datetime as dt

    assert okrkit.ReadOptions() == okrkit.ReadOptions.of()
    with pytest.raises(
        ValueError, match=r"unknown calendar 'jalaly' \(choose from gregorian, jalali\)"
    ):
        okrkit.ReadOptions(calendar="jalaly")  # type: ignore[arg-type]
    df = pd.DataFrame({"series": ["a"], "date": [dt.date(2025, 5, 31)], "value": [1.0]})
    # date values need no calendar, yet a misspelt one is refused on every path
    with pytest.raises(ValueError, match="unknown calendar 'jalaly'"):
        okrkit.measurements_from_frame(df, calendar="jalaly")  # type: ignore[arg-type]
    pa = pytest.importorskip("pyarrow")
    with pytest.raises(ValueError, match="unknown duplicates 'add'"):
        okrkit.measurements_from_arrow(pa.Table.from_pandas(df), duplicates="add")  # type: ignore[arg-type]
    import sqlite3

    con = sqlite3.connect(":memory:")
    with pytest.raises(ValueError, match="unknown date_format 'serial'"):
        okrkit.measurements_from_sql("SELECT 1", con, date_format="serial")  # type: ignore[arg-type]
    con.close()


def test_duplicates_note_reaches_the_scorecard() -> None:
    # Rows 0 and 2 share 2025-05-01: summed, 10 + 20 = 30, and the scorecard
    # says so (info duplicates-resolved), not only the store.
    df = pd.DataFrame(
        {
            "series": ["rev", "rev", "rev"],
            "date": ["2025-05-01", "2025-04-01", "2025-05-01"],
            "value": [10.0, 5.0, 20.0],
        }
    )
    store = okrkit.measurements_from_frame(df, duplicates="sum")
    sc = okrkit.evaluate(okrkit.Model(), store, "2025-05-31")
    diags = sc.diagnostics
    codes = list(diags["code"]) if isinstance(diags, pd.DataFrame) else [d["code"] for d in diags]
    assert codes == ["duplicates-resolved"]
    row = diags.iloc[0] if isinstance(diags, pd.DataFrame) else diags[0]
    assert row["severity"] == "info"
    assert row["message"] == (
        "1 date with more than one row (1 extra row) combined by duplicates=sum; first: "
        "2025-05-01 (frame rows 0 and 2)"
    )
