"""Exponential smoothing (ETS) forecasts and "will we hit the target?" questions.

The models and formulas are in the C++ core (``include/okrkit/forecast/ets.hpp``,
``forecast.hpp``); this module is the pythonic surface: numpy / pandas in and
out, keyword options, numpydoc docstrings. See ``docs/forecast.md``.

Examples
--------
>>> import numpy as np
>>> from okrkit import forecast as fc
>>> y = np.array([17.55, 21.86, 23.89, 26.93, 26.89, 28.83, 30.08, 30.95])
>>> res = fc.fit(y, model="AAdN")
>>> table = res.forecast(4, level=(80, 95))
>>> p = res.probability_of_reaching(40.0, h=4, direction="higher")
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import _core
from ._pickling import checked_state, versioned_state
from ._reconcile import (
    Hierarchy,
    hierarchy_from_model,
    reconcile,
    reconcile_bootstrap,
    reconcile_normal,
)

__all__ = [
    "BatchResult",
    "EtsResult",
    "Hierarchy",
    "fit",
    "fit_many",
    "hierarchy_from_model",
    "reconcile",
    "reconcile_bootstrap",
    "reconcile_normal",
]

Direction = Literal["higher", "lower"]
_PARAM_NAMES = ("alpha", "beta", "gamma", "phi")


def _as_1d(y: Any) -> np.ndarray:
    arr = np.asarray(y, dtype=float)
    if arr.ndim != 1:
        raise ValueError(f"y must be 1-dimensional, got shape {arr.shape}")
    return arr


def _levels(level: float | Sequence[float]) -> list[float]:
    if np.isscalar(level):
        return [float(level)]  # type: ignore[arg-type]
    return [float(v) for v in level]  # type: ignore[union-attr]


def _label(v: float) -> str:
    return f"{v:g}"


class EtsResult:
    """A fitted exponential-smoothing model.

    Attributes
    ----------
    model : str
        R's code of the model, e.g. ``"AAdN"``.
    params : dict
        ``alpha``, ``beta`` (ETS β = α·β*), ``beta_star`` (Holt's β*), ``gamma``,
        ``phi``; NaN for components the model does not have.
    fitted, residuals : numpy.ndarray
        One-step forecasts and ``y - fitted`` (NaN where y is missing).
    sse, mse, sigma2 : float
        Sum / mean of squared residuals; innovation variance Σe²/(n − k).
    loglik : float
        Gaussian log-likelihood (as statsmodels ``ETSModel``'s ``llf``).
    loglik_r : float
        R ``ets``'s ``loglik`` (−0.5·n·log Σe², minus Σlog|ŷ| for M errors).
    aic, aicc, bic : float
        Information criteria as R defines them (from ``loglik_r``).
    """

    #: Version of the pickle state written by :meth:`__getstate__`.
    _STATE_VERSION = 1

    def __init__(self, core: Any, index: pd.Index | None = None) -> None:
        self._core = core
        self._index = index
        #: Target question shown by the HTML view (:meth:`with_target`), or None.
        self._target: dict[str, Any] | None = None

    # -- pickling ------------------------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        # Versioned so results pickled by an older okrkit stay readable; the
        # C++ fit pickles itself (also versioned).
        return versioned_state(
            self._STATE_VERSION, core=self._core, index=self._index, target=self._target
        )

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = checked_state(state, "EtsResult", self._STATE_VERSION)
        self._core = state["core"]
        self._index = state["index"]
        self._target = state["target"]

    def with_target(self, target: float, *, h: int, direction: Direction = "higher") -> EtsResult:
        """The same fit with a target question attached (for the HTML view).

        The notebook view then forecasts ``h`` periods and shows the probability
        of meeting ``target`` at ``h``, the required run-rate and the periods
        to target. The fit itself is shared, not refitted.

        Parameters
        ----------
        target : float
        h : int
            Periods from the last observation to the due date (>= 1).
        direction : {"higher", "lower"}
            Whether the target is met from above (``"higher"``: y >= target)
            or below.
        """
        if int(h) < 1:
            raise ValueError(f"h must be at least 1, got {h}")
        if direction not in ("higher", "lower"):
            raise ValueError(f"direction must be 'higher' or 'lower', got {direction!r}")
        out = EtsResult(self._core, self._index)
        out._target = {"target": float(target), "h": int(h), "direction": direction}
        return out

    @property
    def target(self) -> dict[str, Any] | None:
        """The attached target question (``target``, ``h``, ``direction``) or None."""
        return None if self._target is None else dict(self._target)

    def _repr_html_(self) -> str:
        from .display import ets_html

        return ets_html(self)

    # -- numbers -------------------------------------------------------------
    @property
    def model(self) -> str:
        return str(self._core.model)

    @property
    def period(self) -> int:
        return int(self._core.period)

    @property
    def params(self) -> dict[str, float]:
        c = self._core
        return {
            "alpha": c.alpha,
            "beta": c.beta,
            "beta_star": c.beta_star,
            "gamma": c.gamma,
            "phi": c.phi,
        }

    @property
    def initial_state(self) -> dict[str, Any]:
        """Level, trend and seasonals (time order) before the first observation."""
        return dict(self._core.initial_state)

    @property
    def last_state(self) -> dict[str, Any]:
        """State after the last observation (the forecast origin)."""
        return dict(self._core.last_state)

    @property
    def fitted(self) -> np.ndarray:
        return np.asarray(self._core.fitted)

    @property
    def residuals(self) -> np.ndarray:
        return np.asarray(self._core.residuals)

    def __getattr__(self, name: str) -> Any:
        if name in (
            "sse",
            "mse",
            "sigma2",
            "loglik",
            "loglik_r",
            "aic",
            "aicc",
            "bic",
            "n",
            "n_obs",
            "n_params",
            "last_value",
            "method",
            "innovations",
            "diagnostics",
            "evaluations",
        ):
            return getattr(self._core, name)
        raise AttributeError(name)

    def __repr__(self) -> str:
        p = ", ".join(
            f"{k}={v:.4g}"
            for k, v in self.params.items()
            if k != "beta_star" and not np.isnan(v) and not (k == "phi" and v == 1.0)
        )
        return (
            f"EtsResult(model={self.model!r}, period={self.period}, {p}, "
            f"sigma2={self.sigma2:.4g}, aicc={self.aicc:.4g})"
        )

    # -- forecasts -----------------------------------------------------------
    def forecast(
        self,
        h: int,
        *,
        level: float | Sequence[float] = (80, 95),
        method: Literal["auto", "analytic", "simulation"] = "auto",
        n_paths: int = 5000,
        seed: int = 42,
    ) -> pd.DataFrame:
        """Point forecasts and prediction intervals for h = 1..h.

        Parameters
        ----------
        h : int
            Horizon (periods after the last observation).
        level : float or sequence of float
            Interval coverages in percent.
        method : {"auto", "analytic", "simulation"}
            ``auto``: analytic formulas for ANN/AAN/AAdN/ANA/AAA/AAdA, simulated
            sample paths (``n_paths``, ``seed``) for the other models.

        Returns
        -------
        pandas.DataFrame
            Columns ``mean``, ``sd`` and ``lower_<level>`` / ``upper_<level>``,
            indexed by ``h`` (1..h).
        """
        levels = _levels(level)
        d = _core._ets_forecast(self._core, int(h), levels, method, int(n_paths), int(seed))
        out = pd.DataFrame(
            {"mean": d["mean"], "sd": d["sd"]}, index=pd.RangeIndex(1, h + 1, name="h")
        )
        for lv, lo, hi in zip(levels, d["lower"], d["upper"]):
            out[f"lower_{_label(lv)}"] = lo
            out[f"upper_{_label(lv)}"] = hi
        out.attrs["simulated"] = bool(d["simulated"])
        return out

    def simulate(self, h: int, *, n_paths: int = 5000, seed: int = 42) -> np.ndarray:
        """Simulated future sample paths, shape (n_paths, h); reproducible by seed."""
        return np.asarray(_core._ets_simulate(self._core, int(h), int(n_paths), int(seed)))

    # -- target questions ----------------------------------------------------
    def probability_of_reaching(
        self,
        target: float,
        h: int,
        direction: Direction = "higher",
        *,
        any_time: bool = False,
        method: Literal["auto", "analytic", "simulation"] = "auto",
        n_paths: int = 5000,
        seed: int = 42,
    ) -> float:
        """Probability that the target is met at the due date h periods ahead.

        ``direction="higher"`` gives P(Y_h ≥ target), ``"lower"`` P(Y_h ≤ target).
        With ``any_time=True``: probability that some value in 1..h meets it
        (simulated).
        """
        return float(
            _core._ets_probability(
                self._core,
                float(target),
                int(h),
                direction,
                bool(any_time),
                method,
                int(n_paths),
                int(seed),
            )
        )

    def required_run_rate(self, target: float, h: int) -> float:
        """(target − last observed value) / h: the change needed per remaining period."""
        return float(_core._ets_required_run_rate(self._core, float(target), int(h)))

    def periods_to_target(
        self, target: float, direction: Direction = "higher", *, max_h: int = 120
    ) -> int | None:
        """First period at which the point forecast meets the target (0 if the
        last value already does), or None within ``max_h``."""
        r = _core._ets_periods_to_target(self._core, float(target), direction, int(max_h))
        return None if r is None else int(r)

    def target_outlook(
        self,
        target: float,
        h: int,
        direction: Direction = "higher",
        *,
        level: float = 95.0,
        method: Literal["auto", "analytic", "simulation"] = "auto",
        n_paths: int = 5000,
        seed: int = 42,
        max_h: int = 0,
    ) -> dict[str, Any]:
        """Projected value, interval, probability, run-rates and periods to target."""
        return dict(
            _core._ets_target_outlook(
                self._core,
                float(target),
                int(h),
                direction,
                float(level),
                method,
                int(n_paths),
                int(seed),
                int(max_h),
            )
        )


def _model_options(
    model: str,
    period: int,
    method: str,
    init: str,
    parameterization: str | None,
    alpha: float | None,
    beta: float | None,
    gamma: float | None,
    phi: float | None,
) -> dict[str, Any]:
    """The model keywords :func:`fit` and :func:`fit_many` both pass to the
    core: the model, how it is estimated and the parameters held fixed.
    ``parameterization=None`` means Holt's for least squares (as statsmodels'
    ``ExponentialSmoothing``) and ETS otherwise (as R and ``ETSModel``)."""
    if parameterization is None:
        parameterization = "holt" if method == "ls" else "ets"
    return {
        "model": model,
        "period": int(period),
        "method": method,
        "init": init,
        "parameterization": parameterization,
        "alpha": alpha,
        "beta": beta,
        "gamma": gamma,
        "phi": phi,
    }


def fit(
    y: Any,
    model: str = "auto",
    *,
    period: int = 1,
    method: Literal["ml", "ls"] = "ml",
    init: Literal["estimated", "simple", "known"] = "estimated",
    parameterization: Literal["ets", "holt"] | None = None,
    alpha: float | None = None,
    beta: float | None = None,
    gamma: float | None = None,
    phi: float | None = None,
    initial_level: float | None = None,
    initial_trend: float | None = None,
    initial_seasonal: Sequence[float] | None = None,
    bounds: Sequence[float] | None = None,
    allow_multiplicative: bool = True,
    allow_damped: bool = True,
    criterion: Literal["aicc", "aic", "bic"] = "aicc",
    allow_multiplicative_trend: bool = False,
) -> EtsResult:
    """Fit an exponential-smoothing model (or choose one automatically).

    Parameters
    ----------
    y : array-like or pandas.Series
        Observations in time order; NaN = missing (state propagated).
    model : str
        ``"auto"`` (R ``ets``-style choice by ``criterion``) or an R code:
        ``"ANN"`` (SES), ``"AAN"`` (Holt), ``"AAdN"`` (damped Holt), ``"AAA"`` /
        ``"AAM"`` / ``"AAdA"`` (Holt–Winters), ``"MAM"``, ..., and the
        multiplicative-trend ``"MMN"``, ``"MMdN"``, ``"MMM"``, ``"MMdM"``
        (``initial_trend`` is then a growth ratio > 0).
    period : int
        Seasonal period m (12 monthly, 4 quarterly).
    method : {"ml", "ls"}
        Maximum likelihood (R ``ets`` / statsmodels ``ETSModel``; R's bounds) or
        least squares (statsmodels ``ExponentialSmoothing``; its bounds).
    init : {"estimated", "simple", "known"}
        Initial states estimated with the parameters, from the fpp/statsmodels
        "simple" heuristic, or given (``initial_level``, ``initial_trend``,
        ``initial_seasonal`` in time order).
    parameterization : {"ets", "holt"}, optional
        How ``beta`` (and its bounds) is read: ETS β (default for ``ml``) or
        Holt's β* = β/α (default for ``ls``, as statsmodels' ``smoothing_trend``).
    alpha, beta, gamma, phi : float, optional
        Parameters to hold fixed; the others are estimated.
    bounds : sequence of 8 floats, optional
        (α lo, α hi, β lo, β hi, γ lo, γ hi, φ lo, φ hi).
    allow_multiplicative_trend : bool
        With ``model="auto"``, let MMN, MMdN, MMM and MMdM compete too (off by
        default, like R ``ets(allow.multiplicative.trend = FALSE)``).

    Returns
    -------
    EtsResult
    """
    idx = y.index if isinstance(y, pd.Series) else None
    arr = _as_1d(y)
    if model == "auto":
        core = _core._ets_auto(
            arr,
            period=int(period),
            allow_trend=True,
            allow_damped=allow_damped,
            allow_multiplicative=allow_multiplicative,
            criterion=criterion,
            allow_multiplicative_trend=allow_multiplicative_trend,
        )
        return EtsResult(core, idx)
    if init == "known" and initial_level is None:
        raise ValueError("init='known' needs initial_level (and trend / seasonal)")
    core = _core._ets_fit(
        arr,
        **_model_options(model, period, method, init, parameterization, alpha, beta, gamma, phi),
        initial_level=initial_level,
        initial_trend=initial_trend,
        initial_seasonal=None if initial_seasonal is None else [float(v) for v in initial_seasonal],
        bounds=None if bounds is None else [float(v) for v in bounds],
    )
    return EtsResult(core, idx)


@dataclass
class BatchResult:
    """Result of :func:`fit_many`.

    Attributes
    ----------
    summary : pandas.DataFrame
        One row per series: model, parameters, sse, sigma2, loglik, aic, aicc,
        bic, n_obs, error ("" when the fit succeeded).
    forecasts : pandas.DataFrame or None
        Long table (series, h, mean, lower_<lv>, upper_<lv>) when ``h > 0``.
    """

    summary: pd.DataFrame
    forecasts: pd.DataFrame | None


def fit_many(
    data: Any,
    model: str = "auto",
    *,
    period: int = 1,
    h: int = 0,
    level: float | Sequence[float] = (80, 95),
    method: Literal["ml", "ls"] = "ml",
    init: Literal["estimated", "simple"] = "estimated",
    parameterization: Literal["ets", "holt"] | None = None,
    alpha: float | None = None,
    beta: float | None = None,
    gamma: float | None = None,
    phi: float | None = None,
    id_col: str = "series",
    time_col: str | None = "date",
    value_col: str = "value",
    threads: int = 0,
    interval_method: Literal["auto", "analytic", "simulation"] = "auto",
    n_paths: int = 5000,
    seed: int = 42,
) -> BatchResult:
    """Fit (and forecast) many series in one call, in parallel C++ threads.

    Parameters
    ----------
    data : 2-D array-like or pandas.DataFrame
        Either a 2-D array whose rows are series (leading / trailing NaN padding
        is trimmed), or a long DataFrame with columns ``id_col``, ``value_col``
        and optionally ``time_col`` (rows are sorted by it within a series).
    model, period, method, init, parameterization, alpha, beta, gamma, phi
        As in :func:`fit`; ``model="auto"`` chooses per series.
    h : int
        Forecast horizon (0 = fit only).
    threads : int
        Worker threads (0 = all cores). Results do not depend on it.

    Returns
    -------
    BatchResult
    """
    levels = _levels(level)
    if isinstance(data, pd.DataFrame):
        df = data
        if time_col is not None and time_col in df.columns:
            df = df.sort_values([id_col, time_col], kind="stable")
        else:
            df = df.sort_values(id_col, kind="stable")
        ids = pd.unique(df[id_col])
        groups = df.groupby(id_col, sort=False)[value_col]
        sizes = groups.size().reindex(ids).to_numpy()
        values = (
            np.concatenate([groups.get_group(i).to_numpy(dtype=float) for i in ids])
            if len(ids)
            else np.empty(0)
        )
        offsets: Any = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        labels: Any = pd.Index(ids, name=id_col)
    else:
        arr = np.asarray(data, dtype=float)
        if arr.ndim != 2:
            raise ValueError(f"data must be 2-D (rows = series), got shape {arr.shape}")
        labels = pd.RangeIndex(arr.shape[0], name=id_col)
        values, offsets = arr, None  # rows of a matrix: no offsets
    # one call for both layouts: ragged (values + offsets) or a 2-D matrix
    d = _core._ets_batch(
        values,
        offsets,
        **_model_options(model, period, method, init, parameterization, alpha, beta, gamma, phi),
        h=int(h),
        levels=levels,
        interval_method=interval_method,
        n_paths=int(n_paths),
        seed=int(seed),
        threads=int(threads),
    )
    summary = pd.DataFrame(
        {
            k: d[k]
            for k in (
                "model",
                "alpha",
                "beta",
                "gamma",
                "phi",
                "sse",
                "sigma2",
                "loglik",
                "aic",
                "aicc",
                "bic",
                "n_obs",
                "error",
            )
        },
        index=labels,
    )
    forecasts = None
    if h > 0:
        n = len(labels)
        cols: dict[str, Any] = {
            id_col: np.repeat(np.asarray(labels), h),
            "h": np.tile(np.arange(1, h + 1), n),
            "mean": np.asarray(d["mean"]).ravel(),
        }
        for lv, lo, hi in zip(levels, d["lower"], d["upper"]):
            cols[f"lower_{_label(lv)}"] = np.asarray(lo).ravel()
            cols[f"upper_{_label(lv)}"] = np.asarray(hi).ravel()
        forecasts = pd.DataFrame(cols)
    return BatchResult(summary=summary, forecasts=forecasts)
