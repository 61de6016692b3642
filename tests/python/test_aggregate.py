"""okrkit.periods.aggregate against pandas groupby / resample on generated data."""

from __future__ import annotations

import numpy as np
import okrkit
import pandas as pd
import pytest
from okrkit.periods import aggregate


def make_data(seed: int = 7, n: int = 20_000, n_series: int = 40) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = np.datetime64("2023-01-01")
    df = pd.DataFrame(
        {
            "series": rng.integers(0, n_series, n),
            "date": (start + rng.integers(0, 3 * 365, n).astype("timedelta64[D]")).astype(
                "datetime64[ns]"
            ),
            "value": rng.normal(100, 30, n),
            "numerator": rng.integers(0, 50, n).astype(float),
            "denominator": rng.integers(50, 500, n).astype(float),
        }
    )
    df.loc[rng.random(n) < 0.03, "value"] = np.nan
    # shuffle, then a stable sort by date so that "first"/"last" are well defined in pandas
    return df.sample(frac=1.0, random_state=seed).sort_values("date", kind="stable")


def pandas_reference(df: pd.DataFrame, freq: str, how: str) -> pd.Series:
    g = df.groupby(["series", pd.Grouper(key="date", freq=freq)])["value"]
    if how == "sum":
        return g.sum(min_count=1)  # okrkit: a sum of nothing is missing, not 0
    return getattr(g, how)()


@pytest.mark.parametrize("how", ["sum", "mean", "min", "max", "first", "last", "count"])
@pytest.mark.parametrize(
    ("freq", "pandas_freq", "label_side"),
    [
        ("month", "MS", "start"),
        ("iso_week", "W-SUN", "end"),
        ("quarter", "QS-JAN", "start"),
        ("fiscal_quarter", "QS-APR", "start"),
    ],
)
def test_matches_pandas_groupby(how: str, freq: str, pandas_freq: str, label_side: str) -> None:
    df = make_data()
    got = aggregate(df, freq, how, fiscal_start_month=4)
    ref = pandas_reference(df, pandas_freq, how)
    # pandas emits empty bins between a series' first and last; okrkit reports them as gaps
    ref = ref[df.groupby(["series", pd.Grouper(key="date", freq=pandas_freq)]).size() > 0]
    key = got[label_side].to_numpy().astype("datetime64[ns]")
    ours = pd.Series(got["value"].to_numpy(), index=pd.MultiIndex.from_arrays([got["series"], key]))
    ref.index = ref.index.set_names([None, None])
    assert len(ours) == len(ref)
    np.testing.assert_allclose(
        ours.to_numpy(), ref.to_numpy(dtype=float), rtol=1e-12, equal_nan=True
    )
    assert (ours.index.get_level_values(0) == ref.index.get_level_values(0)).all()
    assert (ours.index.get_level_values(1) == ref.index.get_level_values(1)).all()


def test_matches_resample_for_one_series() -> None:
    df = make_data(seed=3)
    one = df[df["series"] == 5]
    ref = one.set_index("date")["value"].resample("MS").mean()
    got = aggregate(one, "M", "mean")
    ref = ref[one.set_index("date")["value"].resample("MS").size() > 0]
    np.testing.assert_allclose(got["value"], ref.to_numpy(), rtol=1e-12, equal_nan=True)
    assert list(got["start"]) == list(ref.index)


def test_ratio_of_sums_is_not_mean_of_ratios() -> None:
    df = make_data(seed=11)
    got = aggregate(df, "month", "ratio")
    g = df.groupby(["series", pd.Grouper(key="date", freq="MS")])
    ref = (g["numerator"].sum() / g["denominator"].sum()).to_numpy()
    np.testing.assert_allclose(got["value"], ref, rtol=1e-12)
    mean_of_ratios = (
        (df["numerator"] / df["denominator"])
        .groupby([df["series"], df["date"].dt.to_period("M")])
        .mean()
    )
    assert not np.allclose(got["value"], mean_of_ratios.to_numpy(), rtol=1e-3)
    # hand example: 2/100 and 30/200 -> 32/300, not (0.02 + 0.15) / 2
    small = pd.DataFrame(
        {
            "series": ["c", "c"],
            "date": pd.to_datetime(["2025-06-01", "2025-06-02"]),
            "numerator": [2.0, 30.0],
            "denominator": [100.0, 200.0],
        }
    )
    assert aggregate(small, "month", "ratio")["value"].iloc[0] == pytest.approx(32 / 300)


def test_year_to_date_matches_pandas_cumsum() -> None:
    df = make_data(seed=5)
    got = aggregate(df, "month", "sum", cumulative="year")
    monthly = df.groupby(["series", pd.Grouper(key="date", freq="MS")])["value"].sum(min_count=1)
    monthly = monthly[df.groupby(["series", pd.Grouper(key="date", freq="MS")]).size() > 0]
    years = monthly.index.get_level_values(1).year
    ytd = monthly.fillna(0).groupby([monthly.index.get_level_values(0), years]).cumsum()
    np.testing.assert_allclose(got["value"], ytd.to_numpy(), rtol=1e-12)
    # cycle-to-date mean over quarters
    ctd = aggregate(df, "month", "mean", cumulative="quarter")
    q = df.dropna(subset=["value"]).copy()
    q["quarter"] = q["date"].dt.to_period("Q")
    q["month"] = q["date"].dt.to_period("M")
    s = q.groupby(["series", "quarter", "month"])["value"].agg(["sum", "count"])
    s = s.groupby(level=[0, 1]).cumsum()
    np.testing.assert_allclose(ctd["value"], (s["sum"] / s["count"]).to_numpy(), rtol=1e-12)


def test_gaps_and_missing_values_are_reported_not_filled() -> None:
    df = pd.DataFrame(
        {
            "series": ["kpi"] * 4,
            "date": pd.to_datetime(["2025-01-10", "2025-02-10", "2025-05-01", "2025-05-02"]),
            "value": [1.0, np.nan, 3.0, 4.0],
        }
    )
    got = aggregate(df, "month", "sum")
    assert list(got["period"].astype(str)) == ["2025-01", "2025-02", "2025-05"]
    assert np.isnan(got["value"].iloc[1]) and got["count"].iloc[1] == 0
    codes = {d["code"]: d for d in got.attrs["diagnostics"]}
    assert codes["gap"]["message"] == (
        "2 periods without measurements between 2025-01 and 2025-05: 2025-03, 2025-04"
    )
    assert codes["gap"]["series"] == "kpi"
    assert codes["missing-value"]["message"] == "1 missing value skipped"


def test_jalali_months_and_categorical_series() -> None:
    df = pd.DataFrame(
        {
            "series": pd.Categorical(["b", "a", "a"], categories=["a", "b"]),
            "date": pd.to_datetime(["2025-03-21", "2025-03-20", "2025-03-21"]),
            "value": [5.0, 1.0, 2.0],
        }
    )
    got = aggregate(df, "jalali_month", "sum")
    assert list(got["series"].astype(str)) == ["a", "a", "b"]
    assert list(got["period"].astype(str)) == ["1403-12", "1404-01", "1404-01"]
    assert list(got["value"]) == [1.0, 2.0, 5.0]
    assert isinstance(got["series"].dtype, pd.CategoricalDtype)


def test_string_series_and_python_dates() -> None:
    import datetime as dt

    df = pd.DataFrame(
        {
            "series": ["x", "y", "x"],
            "date": [dt.date(2025, 1, 1), dt.date(2025, 1, 2), dt.date(2025, 2, 1)],
            "value": [1.0, 2.0, 3.0],
        }
    )
    got = aggregate(df, "Q", "count")
    assert list(got["series"]) == ["x", "y"]
    assert list(got["value"]) == [2.0, 1.0]


def test_errors() -> None:
    df = pd.DataFrame({"series": [1], "date": pd.to_datetime(["2025-01-01"]), "value": [1.0]})
    with pytest.raises(KeyError, match="numerator"):
        aggregate(df, "month", "ratio")
    with pytest.raises(okrkit.DomainError, match="unknown aggregation"):
        aggregate(df, "month", "median")
    with pytest.raises(okrkit.DomainError, match="unknown period kind"):
        aggregate(df, "fortnight", "sum")
    nat = pd.DataFrame({"series": [1], "date": pd.to_datetime([None]), "value": [1.0]})
    with pytest.raises(okrkit.DomainError, match="row 0: date is missing"):
        aggregate(nat, "month", "sum")
    with pytest.raises(ValueError, match="missing values"):
        aggregate(
            pd.DataFrame({"series": [None], "date": pd.to_datetime(["2025-01-01"]), "value": [1.0]})
        )
    with pytest.raises(okrkit.DomainError, match="does not lie within one year"):
        aggregate(
            pd.DataFrame({"series": [1], "date": pd.to_datetime(["2024-12-31"]), "value": [1.0]}),
            "iso_week",
            "sum",
            cumulative="year",
        )


def test_empty_frame() -> None:
    df = pd.DataFrame({"series": pd.Series([], dtype=int), "date": pd.to_datetime([]), "value": []})
    got = aggregate(df)
    assert len(got) == 0
    assert list(got.columns) == ["series", "period", "start", "end", "value", "count"]


@pytest.mark.parametrize(
    "ids", [[7, 7], ["k", "k"], pd.Categorical(["k", "k"], categories=["j", "k"])]
)
def test_diagnostics_name_the_series(ids: object) -> None:
    df = pd.DataFrame(
        {"series": ids, "date": pd.to_datetime(["2025-01-01", "2025-03-01"]), "value": [1.0, 2.0]}
    )
    (diag,) = aggregate(df, "month", "sum").attrs["diagnostics"]
    assert diag["code"] == "gap"
    assert diag["series"] == str(list(ids)[0])
