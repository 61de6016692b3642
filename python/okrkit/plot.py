"""Plots of KPIs, forecasts and scorecards (matplotlib, an optional dependency).

Every function draws on ``ax`` (a new figure when omitted) and returns the
Axes, so plots compose with the rest of matplotlib. Colours follow
:data:`okrkit.display.STATUS_COLOURS` so the charts match the HTML views.

Functions
---------
kpi_series(dates, values, ...)
    A KPI's measurements with its target line and the expected-progress line
    (baseline at the start date to target at the due date).
series_from_store(store, series_id)
    One series of a :class:`okrkit.SeriesStore` as a pandas Series, for
    :func:`kpi_series` and :func:`forecast`.
forecast(history, table, ...)
    History, point forecast and the prediction-interval fan.
okr_progress(scorecard, model=None)
    Horizontal bars: score of each objective, coloured by status, with the
    expected progress marked.
heatmap(scorecard, model)
    Mean score by unit × perspective.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Optional

import numpy as np
import pandas as pd

from .display import STATUS_COLOURS, _names

if TYPE_CHECKING:  # pragma: no cover - typing only
    from matplotlib.axes import Axes

__all__ = ["forecast", "heatmap", "kpi_series", "okr_progress", "series_from_store"]


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - exercised only without matplotlib
        raise ImportError(
            "okrkit.plot needs matplotlib, an optional dependency: "
            "pip install matplotlib"
        ) from e
    return plt


def _axes(ax: Optional[Axes], figsize: tuple[float, float] = (7.0, 3.5)) -> Axes:
    if ax is not None:
        return ax
    _, new_ax = _pyplot().subplots(figsize=figsize)
    return new_ax  # type: ignore[no-any-return]


def series_from_store(store: Any, series_id: str) -> pd.Series:
    """The measurements of ``series_id`` as a float Series indexed by date."""
    from .measurements import to_frame

    df = to_frame(store)
    df = df[df["series"] == series_id]
    if df.empty:
        raise KeyError(series_id)
    return pd.Series(
        df["value"].to_numpy(), index=pd.DatetimeIndex(df["date"]), name=series_id
    )


def kpi_series(
    dates: Any,
    values: Any = None,
    *,
    target: Optional[float] = None,
    baseline: Optional[float] = None,
    start: Any = None,
    due: Any = None,
    title: Optional[str] = None,
    label: str = "value",
    ax: Optional[Axes] = None,
) -> Axes:
    """Plot a KPI's measurements with its target and expected-progress lines.

    Parameters
    ----------
    dates : array-like of dates, or pandas.Series
        A Series indexed by date may be passed alone (``values`` omitted).
    values : array-like of float, optional
    target : float, optional
        Drawn as a dashed horizontal line labelled ``target``.
    baseline : float, optional
        With ``start``, ``due`` and ``target``: the expected-progress line from
        (start, baseline) to (due, target) — the linear plan.
    start, due : date-like, optional
    title : str, optional
    label : str
        Legend label of the measurements.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    if values is None:
        s = pd.Series(dates)
        x = pd.to_datetime(s.index)
        y = s.to_numpy(dtype=float)
    else:
        x = pd.to_datetime(pd.Index(dates))
        y = np.asarray(values, dtype=float)
    ax = _axes(ax)
    ax.plot(x, y, marker="o", ms=3, color="#0969da", label=label)
    if target is not None:
        ax.axhline(target, color="#1a7f37", ls="--", lw=1.2, label="target")
    if baseline is not None and target is not None and start is not None and due is not None:
        ax.plot(
            pd.to_datetime([start, due]),
            np.array([baseline, target], dtype=float),
            color="#8c959f",
            ls=":",
            lw=1.5,
            label="expected progress",
        )
    if title:
        ax.set_title(title)
    ax.legend(loc="best", fontsize="small")
    ax.figure.autofmt_xdate()
    return ax


def forecast(
    history: Any,
    table: pd.DataFrame,
    *,
    index: Any = None,
    target: Optional[float] = None,
    title: Optional[str] = None,
    ax: Optional[Axes] = None,
) -> Axes:
    """Plot history, the point forecast and its prediction-interval fan.

    Parameters
    ----------
    history : pandas.Series or array-like
        Observed values (a Series keeps its index as the x axis).
    table : pandas.DataFrame
        ``mean`` and ``lower_<level>`` / ``upper_<level>`` columns, one row
        per step ahead (``EtsResult.forecast()`` in ``okrkit.forecast``).
    index : array-like, optional
        x positions of the forecast rows (default: the table's index if the
        history has a DatetimeIndex and the table's does too, else positions
        continuing the history's).
    target : float, optional
        A dashed target line.
    title : str, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    h = history if isinstance(history, pd.Series) else pd.Series(np.asarray(history, float))
    if index is not None:
        fx = pd.Index(index)
    elif isinstance(table.index, pd.DatetimeIndex):
        fx = table.index
    else:
        start = len(h)
        fx = pd.RangeIndex(start, start + len(table))
        if not isinstance(h.index, pd.RangeIndex):
            h = h.reset_index(drop=True)
    ax = _axes(ax)
    ax.plot(h.index, h.to_numpy(dtype=float), color="#0969da", marker="o", ms=3, label="observed")
    levels = sorted(
        (float(c[len("lower_"):]) for c in table.columns if str(c).startswith("lower_")),
        reverse=True,
    )
    for i, lv in enumerate(levels):
        key = f"{lv:g}"
        ax.fill_between(
            fx,
            table[f"lower_{key}"].to_numpy(dtype=float),
            table[f"upper_{key}"].to_numpy(dtype=float),
            color="#0969da",
            alpha=0.12 + 0.12 * i,
            lw=0,
            label=f"{key}% interval",
        )
    ax.plot(fx, table["mean"].to_numpy(dtype=float), color="#0969da", ls="--", label="forecast")
    if target is not None:
        ax.axhline(target, color="#1a7f37", ls="--", lw=1.2, label="target")
    if title:
        ax.set_title(title)
    ax.legend(loc="best", fontsize="small")
    return ax


def okr_progress(
    scorecard: Any,
    model: Any = None,
    *,
    kind: str = "objective",
    title: Optional[str] = None,
    ax: Optional[Axes] = None,
) -> Axes:
    """Horizontal bar chart of each objective's score, coloured by status,
    with the expected progress at the as-of date as a black tick.

    Parameters
    ----------
    scorecard : okrkit.Scorecard
    model : okrkit.Model, optional
        Names for the bars (default: the scorecard's model, else the ids).
    kind : {"objective", "key_result", "kpi", "csf", "unit"}
        Which rows to draw.
    title : str, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    model = model if model is not None else getattr(scorecard, "model", None)
    names = _names(model)
    c = scorecard._core.columns()
    rows = [i for i, k in enumerate(c["kind"]) if k == kind]
    labels = [names.get(c["id"][i], c["id"][i]) for i in rows]
    att = np.array([c["attainment"][i] for i in rows], dtype=float)
    exp = np.array([c["expected"][i] for i in rows], dtype=float)
    colours = [STATUS_COLOURS.get(c["status"][i], "#8c959f") for i in rows]
    ax = _axes(ax, (7.0, 0.5 + 0.45 * max(len(rows), 1)))
    y = np.arange(len(rows))
    ax.barh(y, np.nan_to_num(att), color=colours, height=0.6)
    ok = ~np.isnan(exp)
    ax.scatter(exp[ok], y[ok], marker="|", s=300, color="black", label="expected", zorder=3)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, max(1.0, float(np.nanmax(att)) if len(att) and not np.all(np.isnan(att)) else 1.0))
    ax.set_xlabel("score")
    ax.set_title(title or f"{kind.replace('_', ' ')} progress as of {scorecard.as_of.isoformat()}")
    return ax


def heatmap(
    scorecard: Any,
    model: Any = None,
    *,
    title: Optional[str] = None,
    cmap: str = "RdYlGn",
    ax: Optional[Axes] = None,
) -> Axes:
    """Heat map of the mean score of objectives and KPIs by unit × perspective.

    Parameters
    ----------
    scorecard : okrkit.Scorecard
    model : okrkit.Model, optional
        Gives each node's perspective and the unit / perspective names
        (default: the scorecard's model; required one way or the other).
    title : str, optional
    cmap : str
        A matplotlib colormap name (0 = first colour, 1 = last).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Cells without any scored node are blank; each cell is annotated with
        its value.
    """
    model = model if model is not None else getattr(scorecard, "model", None)
    if model is None:
        raise ValueError("heatmap: needs the model (node perspectives)")
    persp: dict[str, str] = {}
    for o in model.objectives:
        persp[o.id] = o.perspective
    for k in model.kpis:
        persp[k.id] = k.perspective
    c = scorecard._core.columns()
    df = pd.DataFrame(
        {
            "id": c["id"],
            "unit": c["unit"],
            "attainment": np.asarray(c["attainment"], dtype=float),
        }
    )
    df["perspective"] = df["id"].map(persp)
    df = df[df["perspective"].notna() & (df["perspective"] != "")]
    units: list[str] = [u.id for u in model.units if u.id in set(df["unit"])]
    persps: list[str] = [p.id for p in model.perspectives] or sorted(set(df["perspective"]))
    table = (
        df.groupby(["unit", "perspective"])["attainment"].mean().unstack("perspective")
        .reindex(index=units, columns=persps)
    )
    names = _names(model)
    pnames = {p.id: (p.name or p.id) for p in model.perspectives}
    ax = _axes(ax, (1.6 + 1.4 * len(persps), 0.8 + 0.5 * max(len(units), 1)))
    data = table.to_numpy(dtype=float)
    im = ax.imshow(np.ma.masked_invalid(data), cmap=cmap, vmin=0.0, vmax=1.0, aspect="auto")
    ax.set_xticks(range(len(persps)), [pnames.get(p, p) for p in persps])
    ax.set_yticks(range(len(units)), [names.get(u, u) for u in units])
    for (i, j), v in np.ndenumerate(data):
        if not math.isnan(v):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize="small")
    ax.figure.colorbar(im, ax=ax, label="score")
    ax.set_title(title or f"score by unit × perspective, {scorecard.as_of.isoformat()}")
    return ax
