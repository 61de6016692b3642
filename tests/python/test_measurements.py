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
