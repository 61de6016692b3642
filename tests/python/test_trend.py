"""okrkit.trend compared live with the reference tools on generated series.

scipy (linregress, theilslopes, kendalltau, t), pymannkendall and pandas are
test-only dependencies; every comparison is to <= 1e-9 relative (p-values
also to 1e-15 absolute: pyMannKendall forms 1 - Phi(|z|), which cannot
resolve smaller tails).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from typing import Callable

import numpy as np
import okrkit
import pandas as pd
import pymannkendall as pmk
import pytest
from okrkit import trend
from scipy import stats

REL = 1e-9


def close(got: float, want: float, rel: float = REL, abs_: float = 0.0) -> bool:
    if math.isnan(want):
        return math.isnan(got)
    return abs(got - want) <= max(rel * abs(want), abs_)


def series(kind: str, n: int, rng: np.random.Generator) -> np.ndarray:
    t = np.arange(n, dtype=float)
    if kind == "random":
        return rng.normal(50, 10, n)
    if kind == "ties":
        return rng.integers(0, 6, n).astype(float)
    if kind == "trend":
        return 100 + 0.3 * t + rng.normal(0, 5, n)
    if kind == "ar1":  # autocorrelated noise around a weak trend
        e = np.zeros(n)
        for i in range(1, n):
            e[i] = 0.7 * e[i - 1] + rng.normal()
        return 10 + 0.02 * t + e
    if kind == "nan":
        y = 20 + 0.1 * t + rng.normal(0, 3, n)
        y[rng.random(n) < 0.12] = np.nan
        y[1] = np.nan
        return y
    if kind == "nan_ties":
        y = np.round(rng.normal(0, 2, n))
        y[rng.random(n) < 0.15] = np.nan
        return y
    raise AssertionError(kind)


KINDS = ["random", "ties", "trend", "ar1", "nan", "nan_ties"]


def cases(count: int, seed: int) -> Iterator[tuple[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        n = int(rng.integers(12, 160))
        yield kind, series(kind, n, rng)


# --- OLS ------------------------------------------------------------------


@pytest.mark.parametrize("kind,y", list(cases(60, 1)))
def test_linear_trend_matches_scipy_linregress(kind: str, y: np.ndarray) -> None:
    t = np.arange(len(y), dtype=float)
    ok = ~np.isnan(y)
    if np.ptp(y[ok]) == 0:
        pytest.skip("constant")
    ref = stats.linregress(t[ok], y[ok])
    got = trend.linear_trend(y)
    assert got.n == ok.sum() and got.dropped == (~ok).sum()
    assert close(got.slope, ref.slope)
    assert close(got.intercept, ref.intercept)
    assert close(got.r_squared, ref.rvalue**2)
    assert close(got.slope_se, ref.stderr)
    assert close(got.intercept_se, ref.intercept_stderr)
    assert close(got.p_value, ref.pvalue, abs_=1e-15)
    q = stats.t.ppf(0.975, got.n - 2)
    assert close(got.slope_high, ref.slope + q * ref.stderr)
    assert close(got.intercept_low, ref.intercept - q * ref.intercept_stderr)


def test_linear_trend_with_times_and_series() -> None:
    rng = np.random.default_rng(7)
    t = np.sort(rng.uniform(19000, 20000, 40))  # day numbers
    y = pd.Series(1e9 + 0.001 * t + rng.normal(0, 0.5, 40))
    got = trend.linear_trend(y, t, confidence=0.9)
    ref = stats.linregress(t, y.to_numpy())
    assert close(got.slope, ref.slope, 1e-8)  # scipy's np.cov loses digits at 1e9
    assert got.confidence == 0.9
    assert "slope=" in repr(got)
    assert got.to_dict()["n"] == 40


def test_linear_trend_errors() -> None:
    with pytest.raises(
        okrkit.DomainError, match=r"linear_trend: need at least 3 non-missing values, got n=2"
    ):
        trend.linear_trend([1.0, np.nan, 2.0])
    with pytest.raises(okrkit.DomainError, match="all 3 values are missing"):
        trend.linear_trend([np.nan] * 3)
    flat = trend.linear_trend([4.0] * 6)
    assert (flat.slope, flat.r_squared, flat.p_value) == (0.0, 1.0, 1.0)


def test_linear_trend_rows_matches_single_calls() -> None:
    rng = np.random.default_rng(3)
    y = rng.normal(size=(50, 24)).cumsum(axis=1)
    y[4, :] = np.nan
    df = trend.linear_trend_rows(y)
    for i in (0, 17, 49):
        one = trend.linear_trend(y[i])
        assert df.loc[i, "slope"] == one.slope and df.loc[i, "p_value"] == one.p_value
    assert math.isnan(df.loc[4, "slope"]) and "missing" in df.loc[4, "error"]
    wide = pd.DataFrame(y, index=[f"kpi{i}" for i in range(50)])
    df2 = trend.linear_trend_rows(wide, threads=3)
    assert df2.index[17] == "kpi17"
    np.testing.assert_array_equal(df2["slope"].to_numpy(), df["slope"].to_numpy())


# --- Theil-Sen ------------------------------------------------------------


@pytest.mark.parametrize("kind,y", list(cases(36, 2)))
@pytest.mark.parametrize("method", ["separate", "joint"])
def test_theil_sen_matches_scipy(kind: str, y: np.ndarray, method: str) -> None:
    t = np.arange(len(y), dtype=float)
    ok = ~np.isnan(y)
    ref = stats.theilslopes(y[ok], t[ok], 0.9, method=method)
    got = trend.theil_sen(y, confidence=0.9, method=method)  # type: ignore[arg-type]
    assert got.dropped == (~ok).sum()
    for a, b in [
        (got.slope, ref.slope),
        (got.intercept, ref.intercept),
        (got.slope_low, ref.low_slope),
        (got.slope_high, ref.high_slope),
    ]:
        assert close(a, b, abs_=1e-12)


def test_theil_sen_with_tied_x() -> None:
    rng = np.random.default_rng(5)
    x = rng.integers(0, 10, 30).astype(float)
    y = x * 2 + rng.normal(size=30)
    ref = stats.theilslopes(y, x, 0.95)
    got = trend.theil_sen(y, x)
    assert (got.slope, got.slope_low, got.slope_high) == pytest.approx(
        (ref.slope, ref.low_slope, ref.high_slope), rel=REL
    )


# --- Mann-Kendall family ----------------------------------------------------

MK_FIELDS = ["trend", "h", "p", "z", "Tau", "s", "var_s", "slope", "intercept"]


def check_mk(got: trend.MannKendall, ref: tuple) -> None:  # type: ignore[type-arg]
    r = dict(zip(MK_FIELDS, ref))
    assert got.trend == r["trend"]
    assert got.significant == bool(r["h"])
    assert got.s == r["s"]
    assert close(got.var_s, r["var_s"])
    assert close(got.z, r["z"])
    assert close(got.p, r["p"], abs_=1e-15)
    assert close(got.tau, r["Tau"])
    assert close(got.slope, r["slope"], abs_=1e-14)
    assert close(got.intercept, r["intercept"], abs_=1e-12)


def quiet(f: Callable[..., tuple], *a: object, **k: object) -> tuple:  # type: ignore[type-arg]
    with warnings.catch_warnings():  # pyMannKendall's own numpy warnings
        warnings.simplefilter("ignore", RuntimeWarning)
        return f(*a, **k)


@pytest.mark.parametrize("kind,y", list(cases(60, 3)))
def test_original_test_matches_pymannkendall(kind: str, y: np.ndarray) -> None:
    got = trend.mann_kendall(y)
    check_mk(got, quiet(pmk.original_test, y))
    assert got.dropped == np.isnan(y).sum()


@pytest.mark.parametrize("kind,y", list(cases(30, 4)))
def test_modified_tests_match_pymannkendall(kind: str, y: np.ndarray) -> None:
    if np.nanstd(y) == 0:
        pytest.skip("constant: pyMannKendall gives NaN variance")
    check_mk(trend.hamed_rao(y), quiet(pmk.hamed_rao_modification_test, y))
    check_mk(trend.yue_wang(y), quiet(pmk.yue_wang_modification_test, y))
    check_mk(trend.hamed_rao(y, lag=3), quiet(pmk.hamed_rao_modification_test, y, lag=3))
    check_mk(
        trend.yue_wang(y, lag=1, alpha=0.1),
        quiet(pmk.yue_wang_modification_test, y, alpha=0.1, lag=1),
    )


@pytest.mark.parametrize("period", [4, 12])
@pytest.mark.parametrize("kind,y", list(cases(18, 5)))
def test_seasonal_test_matches_pymannkendall(kind: str, y: np.ndarray, period: int) -> None:
    y = np.concatenate([y, series(kind, 3 * period, np.random.default_rng(9))])
    got = trend.seasonal_mann_kendall(y, period=period)
    check_mk(got, quiet(pmk.seasonal_test, y, period=period))
    s = trend.sens_slope(y, period=period)
    ref = quiet(pmk.seasonal_sens_slope, y, period=period)
    assert close(s.slope, ref.slope, abs_=1e-14) and close(s.intercept, ref.intercept, abs_=1e-12)


@pytest.mark.parametrize("kind,y", list(cases(24, 6)))
def test_score_agrees_with_scipy_kendalltau(kind: str, y: np.ndarray) -> None:
    ok = ~np.isnan(y)
    v = y[ok]
    n = len(v)
    n0 = n * (n - 1) / 2
    _, counts = np.unique(v, return_counts=True)
    n2 = float((counts * (counts - 1) / 2).sum())
    tau_b = stats.kendalltau(np.arange(n), v).statistic
    got = trend.mann_kendall(y)
    assert close(got.s, tau_b * math.sqrt(n0 * (n0 - n2)), abs_=1e-9)  # tau_b → S
    assert close(got.tau, got.s / n0)  # tau-a


def test_mann_kendall_rows_and_errors() -> None:
    rng = np.random.default_rng(11)
    y = rng.normal(size=(20, 30))
    y[3, 1:] = np.nan
    df = trend.mann_kendall_rows(y, threads=2)
    one = trend.mann_kendall(y[7])
    assert df.loc[7, "s"] == one.s and df.loc[7, "p"] == one.p
    assert df.loc[7, "trend"] == {"increasing": 1, "decreasing": -1, "no trend": 0}[one.trend]
    assert math.isnan(df.loc[3, "z"]) and "got n=1" in df.loc[3, "error"]
    with pytest.raises(okrkit.DomainError, match="mann_kendall: need at least 3"):
        trend.mann_kendall([1.0, np.nan, 2.0])
    with pytest.raises(ValueError, match="lag"):
        trend.hamed_rao([1.0, 2.0, 3.0], lag=0)


# --- changes and moving averages ------------------------------------------


@pytest.mark.parametrize("kind,y", list(cases(12, 7)))
def test_changes_and_moving_averages_match_pandas(kind: str, y: np.ndarray) -> None:
    s = pd.Series(y + 1.0, index=pd.date_range("2020-01-31", periods=len(y), freq="ME"))
    c = trend.period_change(s)
    pd.testing.assert_series_equal(c.absolute, s.diff(), rtol=REL)
    pd.testing.assert_series_equal(c.relative, s.pct_change(fill_method=None), rtol=REL, atol=1e-15)
    yoy = trend.year_over_year(s, periods_per_year=12)
    pd.testing.assert_series_equal(
        yoy.relative, s.pct_change(12, fill_method=None), rtol=REL, atol=1e-15
    )
    pd.testing.assert_series_equal(trend.sma(s, 5), s.rolling(5).mean(), rtol=REL)
    pd.testing.assert_series_equal(
        trend.sma(s, 5, min_periods=2), s.rolling(5, min_periods=2).mean(), rtol=REL
    )
    pd.testing.assert_series_equal(
        trend.ema(s, alpha=0.25), s.ewm(alpha=0.25, adjust=False).mean(), rtol=REL
    )
    pd.testing.assert_series_equal(
        trend.ema(s, span=6), s.ewm(span=6, adjust=False).mean(), rtol=REL
    )


def test_cagr() -> None:
    assert trend.cagr(100, 121, 2) == pytest.approx(0.1, rel=1e-15)
    assert trend.cagr_series(
        [np.nan, 50, 55, 72.0] + [np.nan] * 0, periods_per_year=1
    ) == pytest.approx((72 / 50) ** 0.5 - 1, rel=1e-14)
    with pytest.raises(okrkit.DomainError):
        trend.cagr(0, 1, 1)


def test_xmr() -> None:
    c = trend.xmr([10, 11, np.nan, 10, 12, 11, 10, 11, 30, 11, 10])
    assert c.beyond_limits == (8,)
    assert c.centre == pytest.approx(12.6)
    assert c.mean_moving_range == pytest.approx(46 / 9)
    assert c.dropped == 1
    assert c.to_dict()["upper"] == c.upper
    assert trend.xmr([5, 1, 2, 3, 4, 5, 6, 2]).trend_run == (1, 2, 3, 4, 5, 6)


# --- pandas tables --------------------------------------------------------------


def test_results_to_frame_have_proper_dtypes() -> None:
    y = pd.Series([1.0, 3.0, 2.0, 5.0, 4.0, 6.0, 8.0, 7.0])
    mk = trend.mann_kendall(y)
    df = mk.to_frame(name="kpi-1")
    assert list(df.index) == ["kpi-1"]
    assert str(df["trend"].dtype) == "category" and df["trend"].cat.ordered
    assert list(df["trend"].cat.categories) == ["decreasing", "no trend", "increasing"]
    assert df["trend"].iloc[0] == mk.trend
    assert df["significant"].dtype == bool and df["n"].dtype == np.int64
    assert df["p"].dtype == np.float64 and df["p"].iloc[0] == mk.p
    # many series side by side: one row each, categories comparable
    both = pd.concat(
        [trend.mann_kendall(y).to_frame("up"), trend.mann_kendall(-y).to_frame("down")]
    )
    assert both["trend"].cat.codes.tolist() == [2, 0]  # increasing, decreasing
    lt = trend.linear_trend(y).to_frame()
    assert lt.index.tolist() == [0] and lt["dropped"].dtype == np.int64
    assert set(lt.columns) == set(trend.linear_trend(y).to_dict())
    xm = trend.xmr(y).to_frame()
    assert "beyond_limits" not in xm.columns and xm["centre"].iloc[0] == pytest.approx(
        y.mean(), rel=1e-12
    )


def test_period_change_to_frame_matches_pandas() -> None:
    y = pd.Series(
        [100.0, 110.0, np.nan, 121.0, 133.1], index=pd.period_range("2025-01", periods=5, freq="M")
    )
    df = trend.period_change(y).to_frame()
    assert df.index.equals(y.index)
    assert (df.dtypes == np.float64).all()
    pd.testing.assert_series_equal(df["absolute"], y.diff(), check_names=False)
    pd.testing.assert_series_equal(
        df["relative"], y.pct_change(fill_method=None), check_names=False
    )
    arr = trend.period_change([1.0, 2.0, 4.0]).to_frame()
    assert arr.index.tolist() == [0, 1, 2] and arr["relative"].tolist()[1:] == [1.0, 1.0]


def test_xmr_points_table() -> None:
    y = pd.Series(
        [10, 11, np.nan, 10, 12, 11, 10, 11, 30, 11, 10],
        dtype=float,
        index=pd.date_range("2025-01-01", periods=11, freq="D"),
    )
    c = trend.xmr(y)
    pts = c.points(y)
    assert pts.index.equals(y.index)
    # the moving ranges average to the chart's MR-bar (gaps skipped, as the chart)
    assert pts["moving_range"].isna().tolist()[:3] == [True, False, True]
    assert pts["moving_range"].iloc[3] == 1.0  # |10 - 11| across the gap
    assert pts["moving_range"].mean() == pytest.approx(c.mean_moving_range, rel=1e-12)
    assert pts["beyond_limits"].dtype == bool
    assert np.flatnonzero(pts["beyond_limits"].to_numpy()).tolist() == list(c.beyond_limits)
    assert (pts["upper"] == c.upper).all() and (pts["centre"] == c.centre).all()
    with pytest.raises(ValueError, match="11"):
        c.points(y.iloc[:5])


@pytest.mark.parametrize("period", [3, 4, 12])
@pytest.mark.parametrize("kind,y", list(cases(30, 7)))
def test_correlated_seasonal_test_matches_pymannkendall(
    kind: str, y: np.ndarray, period: int
) -> None:
    y = np.concatenate([y, series(kind, 4 * period + 1, np.random.default_rng(11))])
    try:
        got = trend.correlated_seasonal_mann_kendall(y, period=period)
    except okrkit.DomainError as e:  # too few complete cycles or constant seasons
        assert "complete cycles" in str(e) or "Var(S) is 0" in str(e)
        return
    ref = dict(zip(MK_FIELDS, quiet(pmk.correlated_seasonal_test, y, period=period)))
    assert got.s == ref["s"]
    assert close(got.var_s, ref["var_s"], rel=1e-10)
    assert close(got.z, ref["z"], rel=1e-10)
    assert close(got.p, ref["p"], abs_=1e-12)
    assert close(got.tau, ref["Tau"])
    assert got.trend == ref["trend"]
    assert close(got.slope, ref["slope"], abs_=1e-14)
    assert close(got.intercept, ref["intercept"], abs_=1e-12)
    assert got.n % period == 0 and got.n + got.dropped == len(y)


def test_correlated_seasonal_test_reference_values() -> None:
    # The two-season example worked by hand in tests/cpp/trend/test_mann_kendall.cpp.
    r = trend.correlated_seasonal_mann_kendall([1, 2, 3, 1, 2, 4, 5], period=2)
    assert (r.s, r.n, r.dropped) == (2, 6, 1)
    assert close(r.var_s, 4.0) and close(r.z, 1.0)
    with pytest.raises(ValueError, match="period must be at least 1"):
        trend.correlated_seasonal_mann_kendall([1, 2, 3], period=0)
