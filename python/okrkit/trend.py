"""Trend statistics of a KPI series.

Pythonic wrappers over the C++ core (``okrkit._core``): array-likes or pandas
Series in, frozen dataclasses out (each with ``to_dict()``). Missing values are
``NaN`` and are handled the way the reference tools do (see docs/trend.md);
every result reports how many values were dropped.

The functions and their reference tools:

======================================  ==================================================
``linear_trend``                        OLS (R ``lm``, ``scipy.stats.linregress``)
``theil_sen``                           ``scipy.stats.theilslopes``
``sens_slope``                          ``pymannkendall.sens_slope`` / ``seasonal_sens_slope``
``mann_kendall``                        ``pymannkendall.original_test``
``seasonal_mann_kendall``               ``pymannkendall.seasonal_test``
``correlated_seasonal_mann_kendall``    ``pymannkendall.correlated_seasonal_test``
``hamed_rao``                           ``pymannkendall.hamed_rao_modification_test``
``yue_wang``                            ``pymannkendall.yue_wang_modification_test``
``period_change``                       ``pandas.Series.diff`` / ``pct_change``
``year_over_year``                      same, lag = periods per year
``cagr``, ``cagr_series``               compound annual growth rate
``sma``, ``ema``                        ``pandas`` ``rolling().mean()`` / ``ewm(adjust=False)``
``xmr``                                 XmR individuals chart (Wheeler) with run rules
``linear_trend_rows``                   ``linear_trend`` on every row of a 2-D array
``mann_kendall_rows``                   ``mann_kendall`` on every row of a 2-D array
======================================  ==================================================
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal, Union

import numpy as np
import pandas as pd

from . import _core

ArrayLike = Union[np.ndarray, pd.Series, "list[float]", "tuple[float, ...]"]

__all__ = [
    "LinearTrend",
    "TheilSen",
    "SenSlope",
    "MannKendall",
    "PeriodChange",
    "XmR",
    "linear_trend",
    "theil_sen",
    "sens_slope",
    "mann_kendall",
    "seasonal_mann_kendall",
    "correlated_seasonal_mann_kendall",
    "hamed_rao",
    "yue_wang",
    "period_change",
    "year_over_year",
    "cagr",
    "cagr_series",
    "sma",
    "ema",
    "xmr",
    "linear_trend_rows",
    "mann_kendall_rows",
]


def _values(y: Any, name: str = "y") -> np.ndarray:
    """A contiguous 1-D float64 array from an array-like or Series (NaN kept)."""
    if isinstance(y, (pd.Series, pd.Index)):
        arr = y.to_numpy(dtype=float, na_value=np.nan)
    else:
        arr = np.asarray(y, dtype=float)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {arr.shape}")
    return np.ascontiguousarray(arr)


def _like(y: Any, values: np.ndarray) -> np.ndarray | pd.Series:
    """Wrap ``values`` as a Series with y's index and name when y is a Series."""
    if isinstance(y, pd.Series):
        return pd.Series(values, index=y.index, name=y.name)
    return values


#: Categories of ``MannKendall.trend`` (ordered down to up) in DataFrames.
TREND_CATEGORIES = ("decreasing", "no trend", "increasing")


class _Result:
    """Mixin: ``to_dict()`` and ``to_frame()`` for the frozen result dataclasses."""

    def to_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (tuples and arrays kept as they are)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    def to_frame(self, name: Any = None) -> pd.DataFrame:
        """The result as a one-row DataFrame (concatenate many to compare series).

        Parameters
        ----------
        name : hashable, optional
            Row label (e.g. the series id); default 0.

        Returns
        -------
        pandas.DataFrame
            One column per field: float64 numbers, int64 counts (``n``,
            ``dropped``, ``lag``, ``missing``), bool ``significant``, and an
            ordered categorical ``trend`` (decreasing < no trend < increasing).
            Index positions (XmR) are left out: use :meth:`XmR.to_frame` with
            the values for a per-point table.
        """
        data: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            v = getattr(self, f.name)
            if isinstance(v, (tuple, np.ndarray, pd.Series)):
                continue
            if isinstance(v, (bool, np.bool_)):
                data[f.name] = np.array([v], dtype=bool)
            elif isinstance(v, (int, np.integer)):
                data[f.name] = np.array([v], dtype=np.int64)
            elif isinstance(v, str):
                data[f.name] = pd.Categorical([v], categories=list(TREND_CATEGORIES), ordered=True)
            else:
                data[f.name] = np.array([v], dtype=np.float64)
        return pd.DataFrame(data, index=pd.Index([0 if name is None else name]))


@dataclass(frozen=True)
class LinearTrend(_Result):
    """Least-squares line ``y = intercept + slope * t`` with its inference.

    Standard errors and the two-sided p-value of ``slope = 0`` use the Student t
    distribution with ``n - 2`` degrees of freedom. ``r_squared`` is 1 when
    the residual sum of squares is 0 (this includes a constant series).
    """

    slope: float
    intercept: float
    r_squared: float
    slope_se: float
    intercept_se: float
    residual_sd: float
    residual_ss: float
    t_value: float
    p_value: float
    confidence: float
    slope_low: float
    slope_high: float
    intercept_low: float
    intercept_high: float
    n: int
    dropped: int

    def predict(self, t: Any) -> Any:
        """Fitted value(s) at time(s) ``t``."""
        return self.intercept + self.slope * np.asarray(t, dtype=float)


@dataclass(frozen=True)
class TheilSen(_Result):
    """Theil–Sen line and the confidence interval of its slope (Sen 1968)."""

    slope: float
    intercept: float
    slope_low: float
    slope_high: float
    confidence: float
    n: int
    dropped: int


@dataclass(frozen=True)
class SenSlope(_Result):
    """Sen's slope with the Conover intercept (per cycle if seasonal)."""

    slope: float
    intercept: float
    n: int
    dropped: int


@dataclass(frozen=True)
class MannKendall(_Result):
    """Result of a Mann–Kendall test (fields named as in pyMannKendall).

    ``trend`` is ``"increasing"``, ``"decreasing"`` or ``"no trend"``;
    ``significant`` is pyMannKendall's ``h``; ``slope`` and ``intercept`` are
    Sen's slope (seasonal Sen's slope for the seasonal test).
    """

    trend: str
    significant: bool
    p: float
    z: float
    tau: float
    s: float
    var_s: float
    slope: float
    intercept: float
    alpha: float
    n: int
    dropped: int


@dataclass(frozen=True, repr=False)
class PeriodChange(_Result):
    """Change against the value ``lag`` periods earlier.

    ``absolute`` is ``y[i] - y[i-lag]``, ``relative`` is that divided by
    ``y[i-lag]`` (as pandas ``pct_change(fill_method=None)``); both NaN where
    either end is missing. Series in, Series out.
    """

    absolute: np.ndarray | pd.Series
    relative: np.ndarray | pd.Series
    lag: int
    missing: int

    def to_frame(self, name: Any = None) -> pd.DataFrame:
        """The changes as a DataFrame: float64 columns ``absolute`` and
        ``relative``, indexed like the input Series (0-based positions for
        arrays). ``name`` is ignored (kept for the common signature)."""
        index = self.absolute.index if isinstance(self.absolute, pd.Series) else None
        return pd.DataFrame(
            {
                "absolute": np.asarray(self.absolute, dtype=np.float64),
                "relative": np.asarray(self.relative, dtype=np.float64),
            },
            index=index,
        )

    def __repr__(self) -> str:
        return (
            f"PeriodChange(lag={self.lag}, n={len(self.absolute)}, "
            f"missing={self.missing}, last_relative={np.asarray(self.relative)[-1]!r})"
        )


@dataclass(frozen=True)
class XmR(_Result):
    """XmR (individuals / moving range) chart with run-rule flags.

    Limits are ``centre ± 2.66 * mean_moving_range``; ``range_upper`` is the
    moving-range chart's limit ``3.268 * mean_moving_range``. The index tuples
    are 0-based positions in the input (missing values keep their positions).
    """

    centre: float
    mean_moving_range: float
    upper: float
    lower: float
    range_upper: float
    beyond_limits: tuple[int, ...]
    one_side_run: tuple[int, ...]
    trend_run: tuple[int, ...]
    n: int
    dropped: int

    def points(self, y: ArrayLike) -> pd.DataFrame:
        """The chart as a table, one row per value of ``y`` (the series given
        to :func:`xmr`): float64 ``value``, ``moving_range`` (the absolute
        difference from the previous non-missing value; NaN for the first and missing values), ``centre``, ``lower``,
        ``upper``, and bool flags ``beyond_limits``, ``one_side_run``,
        ``trend_run``. Indexed like ``y`` when it is a Series."""
        v = _values(y)
        if len(v) != self.n + self.dropped:
            raise ValueError(
                f"xmr points: y has {len(v)} values, the chart was made from {self.n + self.dropped}"
            )
        # as the chart: the values on either side of a gap count as consecutive
        mr = np.full(len(v), np.nan)
        seen = np.flatnonzero(~np.isnan(v))
        mr[seen[1:]] = np.abs(np.diff(v[seen]))

        def flags(pos: tuple[int, ...]) -> np.ndarray:
            f = np.zeros(len(v), dtype=bool)
            f[list(pos)] = True
            return f

        return pd.DataFrame(
            {
                "value": v,
                "moving_range": mr,
                "centre": np.full(len(v), self.centre),
                "lower": np.full(len(v), self.lower),
                "upper": np.full(len(v), self.upper),
                "beyond_limits": flags(self.beyond_limits),
                "one_side_run": flags(self.one_side_run),
                "trend_run": flags(self.trend_run),
            },
            index=y.index if isinstance(y, pd.Series) else None,
        )


def linear_trend(
    y: ArrayLike, t: ArrayLike | None = None, *, confidence: float = 0.95
) -> LinearTrend:
    """Ordinary least-squares trend of ``y`` on time.

    Parameters
    ----------
    y : array-like or pandas.Series
        Values; NaN are dropped (with their times).
    t : array-like, optional
        Times (e.g. day numbers or fractional years). Default: 0-based
        positions, so the slope is per period.
    confidence : float, default 0.95
        Level of the t-based confidence intervals.

    Returns
    -------
    LinearTrend

    Raises
    ------
    okrkit.DomainError
        Fewer than 3 non-missing values, all times equal, or all values missing.
    """
    tv = None if t is None else _values(t, "t")
    return LinearTrend(**_core.linear_trend(_values(y), tv, confidence))


def theil_sen(
    y: ArrayLike,
    x: ArrayLike | None = None,
    *,
    confidence: float = 0.95,
    method: Literal["separate", "joint"] = "separate",
) -> TheilSen:
    """Theil–Sen slope with confidence interval, as ``scipy.stats.theilslopes``.

    Parameters
    ----------
    y : array-like
        Values; pairs with a NaN are dropped (scipy's ``nan_policy="omit"``).
    x : array-like, optional
        Times; default 0-based positions.
    confidence : float, default 0.95
        Level of the slope interval (like scipy, 0.1 and 0.9 both mean 90%).
    method : {"separate", "joint"}
        Intercept ``median(y) - slope*median(x)`` or ``median(y - slope*x)``.
    """
    xv = None if x is None else _values(x, "x")
    return TheilSen(**_core.theil_sen(_values(y), xv, confidence, method))


def sens_slope(y: ArrayLike, *, period: int | None = None) -> SenSlope:
    """Sen's slope (``period=None``) or seasonal Sen's slope, as pyMannKendall.

    Missing values are skipped but keep their positions. The seasonal slope is
    per full cycle of ``period`` values.
    """
    if period is not None and period < 1:
        raise ValueError("sens_slope: period must be at least 1")
    return SenSlope(**_core.sens_slope(_values(y), 0 if period is None else int(period)))


def _mk(y: ArrayLike, test: str, alpha: float, period: int, lag: int | None) -> MannKendall:
    if lag is not None and lag < 1:
        raise ValueError(f"{test}: lag must be at least 1")
    return MannKendall(**_core.mann_kendall(_values(y), test, alpha, period, lag or 0))


def mann_kendall(y: ArrayLike, *, alpha: float = 0.05) -> MannKendall:
    """Original Mann–Kendall test (``pymannkendall.original_test``).

    NaN values are dropped before S is computed (Sen's slope keeps positions).
    """
    return _mk(y, "original", alpha, 12, None)


def seasonal_mann_kendall(y: ArrayLike, *, period: int = 12, alpha: float = 0.05) -> MannKendall:
    """Seasonal Mann–Kendall test (Hirsch & Slack 1984; ``pymannkendall.seasonal_test``)."""
    return _mk(y, "seasonal", alpha, period, None)


def correlated_seasonal_mann_kendall(
    y: ArrayLike, *, period: int = 12, alpha: float = 0.05
) -> MannKendall:
    """Correlated seasonal Mann–Kendall test (Hirsch & Slack 1984 covariance
    between seasons; ``pymannkendall.correlated_seasonal_test``, R
    ``trend::csmk.test``).

    Only complete cycles of ``period`` values without a missing value are used
    (``dropped`` counts every value left out, including an incomplete last
    cycle). ``z`` has no continuity correction. ``slope``/``intercept`` are the
    seasonal Sen's slope over all non-missing values. Needs at least 2 complete
    cycles.
    """
    if period < 1:
        raise ValueError("correlated_seasonal_mann_kendall: period must be at least 1")
    return _mk(y, "correlated_seasonal", alpha, period, None)


def hamed_rao(y: ArrayLike, *, alpha: float = 0.05, lag: int | None = None) -> MannKendall:
    """Hamed & Rao (1998) modified test; ``lag=None`` uses every lag (as pyMannKendall)."""
    return _mk(y, "hamed_rao", alpha, 12, lag)


def yue_wang(y: ArrayLike, *, alpha: float = 0.05, lag: int | None = None) -> MannKendall:
    """Yue & Wang (2004) modified test; ``lag=None`` uses every lag (as pyMannKendall)."""
    return _mk(y, "yue_wang", alpha, 12, lag)


def period_change(y: ArrayLike, *, lag: int = 1) -> PeriodChange:
    """Period-over-period change against the value ``lag`` periods earlier."""
    if lag < 1:
        raise ValueError("period_change: lag must be at least 1")
    d = _core.period_change(_values(y), lag)
    return PeriodChange(
        absolute=_like(y, d["absolute"]),
        relative=_like(y, d["relative"]),
        lag=d["lag"],
        missing=d["missing"],
    )


def year_over_year(y: ArrayLike, *, periods_per_year: int = 12) -> PeriodChange:
    """Year-over-year change: ``period_change`` with ``lag=periods_per_year``."""
    return period_change(y, lag=periods_per_year)


def cagr(first: float, last: float, years: float) -> float:
    """Compound annual growth rate ``(last/first)**(1/years) - 1``.

    Raises ``okrkit.DomainError`` unless ``first > 0``, ``last >= 0`` and ``years > 0``.
    """
    return float(_core.cagr(first, last, years))


def cagr_series(y: ArrayLike, *, periods_per_year: float = 12) -> float:
    """CAGR between the first and last non-missing values of a regular series."""
    return float(_core.cagr_series(_values(y), periods_per_year))


def sma(y: ArrayLike, window: int, *, min_periods: int | None = None) -> np.ndarray | pd.Series:
    """Trailing simple moving average, as ``pandas.Series.rolling(window).mean()``."""
    if window < 1:
        raise ValueError("sma: window must be at least 1")
    mp = 0 if min_periods is None else int(min_periods)
    if min_periods is not None and mp < 1:
        raise ValueError("sma: min_periods must be at least 1")
    return _like(y, _core.sma(_values(y), int(window), mp))


def ema(
    y: ArrayLike, *, alpha: float | None = None, span: float | None = None
) -> np.ndarray | pd.Series:
    """Exponential moving average, as ``pandas ewm(..., adjust=False).mean()``.

    Give exactly one of ``alpha`` (in (0, 1]) or ``span`` (>= 1, alpha = 2/(span+1)).
    ``s[0] = y[0]``, ``s[t] = (1 - alpha) * s[t-1] + alpha * y[t]``; see docs/trend.md
    for missing values.
    """
    if (alpha is None) == (span is None):
        raise ValueError("ema: give exactly one of alpha or span")
    if span is not None:
        if not span >= 1:
            raise ValueError("ema: span must be >= 1")
        alpha = 2.0 / (span + 1.0)
    assert alpha is not None
    return _like(y, _core.ema(_values(y), float(alpha)))


def xmr(y: ArrayLike, *, run_length: int = 8, trend_length: int = 6) -> XmR:
    """XmR chart limits and the points flagged by the run rules."""
    d = _core.xmr(_values(y), run_length, trend_length)
    for k in ("beyond_limits", "one_side_run", "trend_run"):
        d[k] = tuple(int(i) for i in d[k])
    return XmR(**d)


def _rows(y: Any) -> tuple[np.ndarray, pd.Index | None]:
    if isinstance(y, pd.DataFrame):
        return np.ascontiguousarray(y.to_numpy(dtype=float, na_value=np.nan)), y.index
    arr = np.ascontiguousarray(np.asarray(y, dtype=float))
    if arr.ndim != 2:
        raise ValueError(f"y must be 2-D (series x time), got shape {arr.shape}")
    return arr, None


def linear_trend_rows(y: Any, *, confidence: float = 0.95, threads: int = 0) -> pd.DataFrame:
    """``linear_trend`` of every row of a 2-D array or wide DataFrame.

    Parameters
    ----------
    y : 2-D array-like or pandas.DataFrame
        One series per row, time along the columns (NaN = missing).
    confidence : float, default 0.95
        Level of the slope interval.
    threads : int, default 0
        Worker threads (0 = all cores). Runs in C++ with the GIL released.

    Returns
    -------
    pandas.DataFrame
        One row per series: slope, intercept, r_squared, slope_se, p_value,
        slope_low, slope_high, n, dropped, error. Rows where the trend is
        undefined (too few values) are NaN with the reason in ``error``.
    """
    arr, index = _rows(y)
    d = _core.linear_trend_rows(arr, confidence, threads)
    df = pd.DataFrame(d, index=index)
    df[["n", "dropped"]] = df[["n", "dropped"]].astype(int)
    return df


def mann_kendall_rows(y: Any, *, alpha: float = 0.05, threads: int = 0) -> pd.DataFrame:
    """Original Mann–Kendall test of every row of a 2-D array or wide DataFrame.

    Columns s, var_s, z, p, tau, slope, intercept, trend (-1 / 0 / +1 for
    decreasing / none / increasing), n, dropped, error. Undefined rows are NaN
    (trend 0) with the reason in ``error``. ``threads=0`` uses all cores; the
    GIL is released.
    """
    arr, index = _rows(y)
    d = _core.mann_kendall_rows(arr, alpha, threads)
    df = pd.DataFrame(d, index=index)
    df[["n", "dropped", "trend"]] = df[["n", "dropped", "trend"]].astype(int)
    return df
