"""Hierarchical forecast reconciliation: frames in, frames out.

The computation is in C++ (``include/okrkit/forecast/reconcile.hpp``); this
module turns pandas frames into the hierarchy's row order and back. Public
names are re-exported by :mod:`okrkit.forecast`. See ``docs/forecast.md``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import _core

Method = Literal[
    "bottom_up",
    "average_proportions",
    "proportion_averages",
    "forecast_proportions",
    "ols",
    "wls_struct",
    "wls_var",
    "mint_cov",
    "mint_shrink",
    "middle_out",
]

TopDownMethod = Literal["forecast_proportions", "average_proportions", "proportion_averages"]

METHODS: tuple[str, ...] = (
    "bottom_up",
    "average_proportions",
    "proportion_averages",
    "forecast_proportions",
    "ols",
    "wls_struct",
    "wls_var",
    "mint_cov",
    "mint_shrink",
    "middle_out",
)
TOP_DOWN: tuple[str, ...] = ("forecast_proportions", "average_proportions", "proportion_averages")


class Hierarchy:
    """An aggregation structure: nodes (aggregates first, then bottom series)
    and the summing matrix S with y = S·b.

    Build it with :meth:`from_parents` (a frame of node and parent, as an
    organisation's units) or :meth:`from_summing_matrix`.
    """

    def __init__(self, core: Any) -> None:
        self._core = core
        # The node names cross the C++ boundary once, not on every call.
        self._nodes: list[str] = list(core.nodes)
        self._index = pd.Index(self._nodes)

    @classmethod
    def from_parents(cls, edges: Any, *, node: str = "node", parent: str = "parent") -> Hierarchy:
        """Tree from (node, parent) pairs.

        ``edges`` is a DataFrame with columns ``node`` and ``parent`` (names
        configurable), a mapping node → parent, or a sequence of pairs. A
        missing or empty parent marks a top node; nodes without children are
        the bottom series.
        """
        if isinstance(edges, pd.DataFrame):
            missing = [c for c in (node, parent) if c not in edges.columns]
            if missing:
                raise ValueError(
                    f"hierarchy: the frame has no column {missing[0]!r} "
                    f"(columns: {list(edges.columns)}); pass node=/parent= to name them"
                )
            nodes = edges[node].tolist()
            parents = edges[parent].tolist()
        elif isinstance(edges, dict):
            nodes, parents = list(edges.keys()), list(edges.values())
        else:
            pairs = list(edges)
            nodes = [p[0] for p in pairs]
            parents = [p[1] for p in pairs]

        def _name(v: Any) -> str:
            return "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)

        return cls(
            _core.hierarchy_from_parents([_name(v) for v in nodes], [_name(v) for v in parents])
        )

    @classmethod
    def from_summing_matrix(cls, S: Any, nodes: Any = None) -> Hierarchy:
        """Hierarchy from a summing matrix (rows: all nodes, aggregates first;
        the last rows the identity over the bottom series, as hierarchicalforecast's
        ``S``).

        ``S`` is a DataFrame indexed by node (or with a ``unique_id`` column, as
        hierarchicalforecast's ``S_df``), a numpy array or a scipy.sparse
        matrix; ``nodes`` names the rows when ``S`` is not a frame.
        """
        if isinstance(S, pd.DataFrame):
            frame = S.set_index("unique_id") if "unique_id" in S.columns else S
            names = [str(v) for v in frame.index]
            mat: Any = frame.to_numpy(dtype=float)
        else:
            mat = S
            if nodes is None:
                raise ValueError("hierarchy: pass nodes= with the row names of S")
            names = [str(v) for v in nodes]
        if hasattr(mat, "tocoo"):  # scipy.sparse
            coo = mat.tocoo()
            rows, cols, vals = coo.row, coo.col, coo.data
            shape = coo.shape
        else:
            arr = np.asarray(mat, dtype=float)
            if arr.ndim != 2:
                raise ValueError(f"hierarchy: S must be 2-dimensional, got shape {arr.shape}")
            rows, cols = np.nonzero(arr)
            vals = arr[rows, cols]
            shape = arr.shape
        bad = np.flatnonzero(vals != 1.0)
        if bad.size:
            i = bad[0]
            raise ValueError(
                f"hierarchy: S[{names[rows[i]]!r}, column {cols[i]}] is {vals[i]:g}; "
                "entries must be 0 or 1"
            )
        return cls(
            _core.hierarchy_from_summing_matrix(
                [int(v) for v in rows], [int(v) for v in cols], int(shape[0]), int(shape[1]), names
            )
        )

    @property
    def nodes(self) -> list[str]:
        """All nodes in the row order of S (aggregates, then bottom series)."""
        return list(self._nodes)

    @property
    def n_bottom(self) -> int:
        """Number of bottom series."""
        return int(self._core.n_bottom)

    @property
    def bottom(self) -> list[str]:
        """The bottom series."""
        return self.nodes[len(self.nodes) - self.n_bottom :]

    @property
    def parents(self) -> pd.Series[Any]:
        """Parent of each node (None for a top node); empty if not a tree."""
        nodes = self.nodes
        par = list(self._core.parent)
        return pd.Series(
            [None if p < 0 else nodes[p] for p in par], index=nodes[: len(par)], dtype=object
        )

    def summing_matrix(self) -> pd.DataFrame:
        """S as a dense 0/1 frame (index: nodes, columns: bottom series)."""
        rows, cols = self._core.s_triplets()
        S = np.zeros((len(self.nodes), self.n_bottom))
        S[rows.astype(int), cols.astype(int)] = 1.0
        return pd.DataFrame(S, index=self.nodes, columns=self.bottom)

    def __len__(self) -> int:
        return len(self._nodes)

    def __repr__(self) -> str:
        return f"Hierarchy(nodes={len(self)}, bottom={self.n_bottom}, tree={len(self._core.parent) > 0})"


def hierarchy_from_model(model: _core.Model) -> Hierarchy:
    """The hierarchy a model implies: a cascaded key result sums the key
    results in its ``cascade_from``, a KPI with ``sum_of`` sums those KPIs
    (docs/forecast.md). Only nodes that take part in a sum are in it; node
    names are the model ids. A child in two sums gives a grouped structure
    (no parents; top-down methods need a tree).

    Raises :class:`okrkit.ValidationError` naming the node and field for an
    unknown child, a node summing itself, a cycle or a series counted twice.
    """
    return Hierarchy(_core.hierarchy_from_model(model))


def _as_hierarchy(h: Any) -> Hierarchy:
    if isinstance(h, Hierarchy):
        return h
    if isinstance(h, pd.DataFrame) and {"node", "parent"} <= set(h.columns):
        return Hierarchy.from_parents(h)
    if isinstance(h, pd.DataFrame):
        return Hierarchy.from_summing_matrix(h)
    raise TypeError(
        "reconcile: the structure must be a Hierarchy, a frame of (node, parent) or a "
        f"summing-matrix frame, got {type(h).__name__}"
    )


def _rows(x: Any, h: Hierarchy, what: str) -> tuple[np.ndarray, pd.Index | None, Any]:
    """``x`` as a float matrix in the hierarchy's row order, with the order to return in."""
    if isinstance(x, pd.DataFrame):
        idx = x.index.astype(str)
        if idx.has_duplicates:
            dup = idx[idx.duplicated()][0]
            raise ValueError(f"reconcile: {what} has node {dup!r} twice")
        known = set(h._nodes)
        extra = [v for v in idx if v not in known]
        if extra:
            raise ValueError(
                f"reconcile: {what} has node {extra[0]!r}, which is not in the hierarchy"
            )
        have = set(idx)
        missing = [v for v in h._nodes if v not in have]
        if missing:
            raise ValueError(
                f"reconcile: {what} has no row for node {missing[0]!r} "
                f"({len(missing)} nodes missing); every node needs a row"
            )
        frame = x.copy()
        frame.index = idx
        return frame.loc[h._index].to_numpy(dtype=float), x.index, x.columns
    arr = np.asarray(x, dtype=float)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] != len(h):
        raise ValueError(
            f"reconcile: {what} must have one row per node ({len(h)}), got shape {arr.shape}"
        )
    return arr, None, None


def _frame(values: np.ndarray, h: Hierarchy, index: Any, columns: Any) -> pd.DataFrame:
    if index is None:
        return pd.DataFrame(values, index=h._index)
    frame = pd.DataFrame(values, index=h._index, columns=columns)
    frame = frame.loc[[str(v) for v in index]]
    frame.index = index
    return frame


def _run(
    base: Any,
    hierarchy: Any,
    method: str,
    residuals: Any,
    history: Any,
    nonnegative: bool,
    shrink_ridge: float,
    sigma: Any,
    middle_level: int | None,
    top_down: str,
) -> tuple[dict[str, Any], Hierarchy, Any, Any]:
    h, b, index, columns, r, y, lv = _inputs(
        base, hierarchy, method, residuals, history, middle_level, top_down
    )
    sd = np.zeros((len(h), 0)) if sigma is None else _rows(sigma, h, "sigma")[0]
    out = _core.reconcile(
        h._core, b, r, y, method, nonnegative, float(shrink_ridge), sd, lv, top_down
    )
    for note in out["notes"]:
        warnings.warn(f"reconcile: {note}", stacklevel=3)
    return out, h, index, columns


def _inputs(
    base: Any,
    hierarchy: Any,
    method: str,
    residuals: Any,
    history: Any,
    middle_level: int | None,
    top_down: str,
) -> tuple[Hierarchy, np.ndarray, Any, Any, np.ndarray, np.ndarray, int]:
    if method not in METHODS:
        raise ValueError(f"reconcile: unknown method {method!r}; use one of {', '.join(METHODS)}")
    if top_down not in TOP_DOWN:
        raise ValueError(
            f"reconcile: unknown top_down method {top_down!r}; use one of {', '.join(TOP_DOWN)}"
        )
    if method == "middle_out":
        if middle_level is None:
            raise ValueError(
                "reconcile: method 'middle_out' needs the middle level (0 = the top node, "
                "1 = its children, ...)"
            )
        if isinstance(middle_level, bool) or not isinstance(middle_level, (int, np.integer)):
            raise TypeError(f"reconcile: the middle level must be an int, got {middle_level!r}")
        if middle_level < 0:
            raise ValueError(f"reconcile: the middle level must be >= 0, got {middle_level}")
    h = _as_hierarchy(hierarchy)
    b, index, columns = _rows(base, h, "base")
    empty = np.zeros((len(h), 0))
    r = empty if residuals is None else _rows(residuals, h, "residuals")[0]
    y = empty if history is None else _rows(history, h, "history")[0]
    return h, b, index, columns, r, y, int(middle_level or 0)


def reconcile(
    base: Any,
    hierarchy: Any,
    *,
    method: Method,
    residuals: Any = None,
    history: Any = None,
    nonnegative: bool = False,
    shrink_ridge: float = 2e-8,
    level: int | None = None,
    top_down: TopDownMethod = "forecast_proportions",
) -> pd.DataFrame:
    """Coherent forecasts from base forecasts of every node.

    Parameters
    ----------
    base : DataFrame or array
        Base forecasts, one row per node (index: node names, any order;
        columns: horizons). An array must be in the hierarchy's node order.
    hierarchy : Hierarchy, or DataFrame
        The structure; a frame with ``node`` and ``parent`` columns or a
        summing-matrix frame is converted.
    method : str
        ``bottom_up``; top-down ``average_proportions``,
        ``proportion_averages`` (need ``history``) or ``forecast_proportions``;
        MinT ``ols``, ``wls_struct``, ``wls_var``, ``mint_cov``,
        ``mint_shrink`` (the last three need ``residuals``); ``middle_out``
        (needs ``level``). Named and computed as hierarchicalforecast's.
    residuals : DataFrame or array, optional
        In-sample residuals (actual − fitted), one row per node, columns time.
    history : DataFrame or array, optional
        In-sample actuals, one row per node, for the historical proportions.
    nonnegative : bool
        Set negative bottom forecasts to 0 after reconciling and sum up again.
    shrink_ridge : float
        ``mint_shrink``: lower bound of the covariance diagonal.
    level : int, optional
        ``middle_out``: the level whose base forecasts are kept, by depth
        (0 = the top node, 1 = its children, ...); the levels above are their
        sums, the levels below are split from them by ``top_down``
        (hierarchicalforecast's ``MiddleOut``). A leaf above that depth keeps
        its own base forecast.
    top_down : str
        ``middle_out``: ``forecast_proportions`` (default),
        ``average_proportions`` or ``proportion_averages`` (need ``history``).

    Returns
    -------
    DataFrame
        Reconciled forecasts, same index and columns as ``base`` (hierarchy
        order when ``base`` is an array). ``attrs`` holds ``method``,
        ``shrinkage`` (mint_shrink: 1 − λ) and ``clipped``. What was skipped
        or changed is reported as a warning.
    """
    out, h, index, columns = _run(
        base,
        hierarchy,
        method,
        residuals,
        history,
        nonnegative,
        shrink_ridge,
        None,
        level,
        top_down,
    )
    frame = _frame(out["mean"], h, index, columns)
    frame.attrs.update(method=method, shrinkage=out["shrinkage"], clipped=out["clipped"])
    return frame


def reconcile_normal(
    base: Any,
    hierarchy: Any,
    *,
    sigma: Any,
    method: Method,
    level: Sequence[float] = (80.0, 95.0),
    residuals: Any = None,
    history: Any = None,
    shrink_ridge: float = 2e-8,
    middle_level: int | None = None,
    top_down: TopDownMethod = "forecast_proportions",
) -> dict[str, pd.DataFrame]:
    """Reconciled forecasts with prediction intervals under normality, as
    hierarchicalforecast's ``intervals_method="normality"``.

    ``sigma`` holds the base forecasts' standard deviations (same shape and
    index as ``base``). The base covariance at each horizon is
    ``diag(sigma)·R·diag(sigma)`` with ``R`` the correlation matrix of the
    method's ``W`` (identity for bottom-up, top-down proportions and OLS); the
    reconciled one is ``S·P·…·P'·S'``. Returns frames keyed ``mean``, ``sd``
    and ``lo-<level>`` / ``hi-<level>`` (``mean ∓ z·sd``). Not for
    ``forecast_proportions`` (nor ``middle_out`` splitting by it); no
    ``nonnegative``. ``middle_out`` takes its level as ``middle_level`` here
    (``level`` is the intervals').
    """
    from statistics import NormalDist

    levels = _levels(level, "reconcile_normal")
    out, h, index, columns = _run(
        base,
        hierarchy,
        method,
        residuals,
        history,
        False,
        shrink_ridge,
        sigma,
        middle_level,
        top_down,
    )
    mean = _frame(out["mean"], h, index, columns)
    sd = _frame(out["sd"], h, index, columns)
    res: dict[str, pd.DataFrame] = {"mean": mean, "sd": sd}
    for lv in levels:
        z = NormalDist().inv_cdf(0.5 + lv / 200.0)
        label = f"{lv:g}"
        res[f"lo-{label}"] = mean - z * sd
        res[f"hi-{label}"] = mean + z * sd
    return res


def _levels(level: Sequence[float], who: str) -> list[float]:
    levels = [float(v) for v in level]
    for lv in levels:
        if not 0.0 < lv < 100.0:
            raise ValueError(f"{who}: level {lv:g} must be in (0, 100)")
    return levels


def reconcile_bootstrap(
    base: Any,
    hierarchy: Any,
    *,
    residuals: Any,
    method: Method,
    level: Sequence[float] = (80.0, 95.0),
    samples: int = 1000,
    seed: int = 0,
    starts: Sequence[int] | None = None,
    history: Any = None,
    shrink_ridge: float = 2e-8,
    middle_level: int | None = None,
    top_down: TopDownMethod = "forecast_proportions",
) -> dict[str, pd.DataFrame]:
    """Reconciled forecasts with bootstrap prediction intervals, as
    hierarchicalforecast's ``intervals_method="bootstrap"`` (Panagiotelis et
    al. 2023).

    Each of ``samples`` sample paths is ``base`` plus a block of ``h``
    consecutive columns of ``residuals`` (in-sample actual − fitted, one row
    per node, more columns than horizons) starting at a random column in
    ``[0, T − h)``; every path is reconciled by ``method`` and the intervals
    are the sample quantiles (numpy's default, type 7) ``(100 − level)/200``
    and that ``+ level/100``. The starts are drawn from ``seed`` (the same
    seed gives the same intervals on every platform); ``starts`` gives them
    instead (e.g. the ones hierarchicalforecast drew). Every method works,
    ``forecast_proportions`` too.

    Returns frames keyed ``mean`` (the reconciled ``base``) and
    ``lo-<level>`` / ``hi-<level>``; ``mean.attrs["starts"]`` holds the block
    starts used.
    """
    levels = _levels(level, "reconcile_bootstrap")
    if isinstance(samples, bool) or int(samples) < 1:
        raise ValueError(f"reconcile_bootstrap: samples must be >= 1, got {samples!r}")
    if int(seed) < 0:
        raise ValueError(f"reconcile_bootstrap: seed must be >= 0, got {seed}")
    if residuals is None:
        raise ValueError("reconcile_bootstrap: residuals are needed (the bootstrap resamples them)")
    h, b, index, columns, r, y, lv = _inputs(
        base, hierarchy, method, residuals, history, middle_level, top_down
    )
    st = [] if starts is None else [int(v) for v in starts]
    if any(v < 0 for v in st):
        raise ValueError("reconcile_bootstrap: starts must be >= 0")
    out = _core.reconcile_bootstrap(
        h._core,
        b,
        r,
        y,
        method,
        float(shrink_ridge),
        lv,
        top_down,
        int(samples),
        int(seed),
        levels,
        st,
    )
    for note in out["notes"]:
        warnings.warn(f"reconcile: {note}", stacklevel=2)
    mean = _frame(out["mean"], h, index, columns)
    mean.attrs.update(method=method, shrinkage=out["shrinkage"], starts=list(out["starts"]))
    res: dict[str, pd.DataFrame] = {"mean": mean}
    for lvl, lo, hi in zip(levels, out["lo"], out["hi"]):
        label = f"{lvl:g}"
        res[f"lo-{label}"] = _frame(lo, h, index, columns)
        res[f"hi-{label}"] = _frame(hi, h, index, columns)
    return res
