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
kr_burnup(actual, ...)
    A key result's burn-up: actual vs expected vs plan, the forecast fan and
    the target line.
objective_tree(scorecard, model=None)
    The objective alignment tree with key results, each box coloured by status.
control_chart(values, ...)
    A KPI's XmR (individuals) chart with its limits and run-rule signals.
calibration(appraisal)
    Each rater's leniency before and after calibration.
setup()
    Apply okrkit's style: the font fallback, the colour-blind-safe palette.

Style
-----
Figures made here use constrained layout, so titles, tick labels and legends
are never clipped when saved. Series use the Okabe–Ito palette
(:data:`PALETTE`, safe for the common colour-vision deficiencies); statuses use
:data:`okrkit.display.STATUS_COLOURS`, the colours of the HTML report.

Chinese and Persian text: the first plot (or :func:`setup`) sets
``font.family`` to the fallback chain :data:`FONT_FALLBACK` — Noto Sans, DejaVu
Sans, Noto Sans Arabic, Noto Sans CJK SC (Debian: fonts-noto-core,
fonts-noto-cjk) — unless you set ``font.family`` yourself; matplotlib takes
each glyph from the first font that has it. Persian and Arabic are shaped and
laid out right to left by matplotlib itself when it has libraqm (3.11+), else
by arabic-reshaper + python-bidi when installed (docs/development.md "Fonts in
plots").
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .display import STATUS_COLOURS, _names

if TYPE_CHECKING:  # pragma: no cover - typing only
    from matplotlib.axes import Axes

__all__ = [
    "FONT_FALLBACK",
    "PALETTE",
    "calibration",
    "control_chart",
    "forecast",
    "heatmap",
    "kpi_series",
    "kr_burnup",
    "objective_tree",
    "okr_progress",
    "series_from_store",
    "setup",
]

#: Okabe–Ito colours (Okabe & Ito 2008, "Color Universal Design"): blue,
#: orange, bluish green, vermillion, reddish purple, sky blue, yellow, black.
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
)
_ACTUAL, _PLAN, _TARGET, _SIGNAL, _GREY = PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3], "#6e7781"

#: Font fallback chain, first font first: Latin, then Persian/Arabic, then
#: Chinese (Noto Sans CJK SC also has Japanese and Korean glyphs).
FONT_FALLBACK: tuple[str, ...] = (
    "Noto Sans",
    "DejaVu Sans",
    "Noto Sans Arabic",
    "Noto Sans CJK SC",
)

_styled = False
_reorder_rtl: bool | None = None  # None: not decided yet
_RTL = ("\u0590", "\u08ff")  # Hebrew, Arabic, Syriac, Thaana, ... blocks


def setup(*, force: bool = False) -> dict[str, Any]:
    """Apply okrkit's plot style to matplotlib's ``rcParams``.

    Sets ``font.family`` to the installed fonts of :data:`FONT_FALLBACK`
    (unless ``font.family`` was changed from matplotlib's default, or
    ``force``) and the colour cycle to :data:`PALETTE`. Every plot function
    calls it once; call it yourself before drawing your own figures with
    Chinese or Persian text.

    Parameters
    ----------
    force : bool, default False
        Replace ``font.family`` even when it is not the default.

    Returns
    -------
    dict
        ``fonts``: the fallback chain in use; ``missing``: fonts of the chain
        that are not installed; ``rtl``: how right-to-left text is laid out
        (``"libraqm"``, ``"arabic-reshaper + python-bidi"`` or ``"none"``).
    """
    global _styled
    plt = _pyplot()
    from cycler import cycler
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    fonts = [f for f in FONT_FALLBACK if f in installed]
    missing = [f for f in FONT_FALLBACK if f not in installed]
    rc = plt.rcParams
    if fonts and (force or list(rc["font.family"]) == ["sans-serif"]):
        rc["font.family"] = fonts
    rc["axes.prop_cycle"] = cycler(color=list(PALETTE))
    _styled = True
    rtl = "none"
    if _has_raqm():
        rtl = "libraqm"
    elif _bidi() is not None:
        rtl = "arabic-reshaper + python-bidi"
    return {"fonts": list(rc["font.family"]), "missing": missing, "rtl": rtl}


def _has_raqm() -> bool:
    from matplotlib import ft2font

    return bool(getattr(ft2font, "__libraqm_version__", None))


def _bidi() -> Any:
    try:
        import arabic_reshaper  # type: ignore[import-untyped]
        from bidi import get_display  # type: ignore[import-untyped]
    except ImportError:
        return None
    return lambda text: get_display(arabic_reshaper.reshape(text))


def _t(text: Any) -> Any:
    """Text as matplotlib must receive it: right-to-left runs reshaped and put
    in visual order when matplotlib cannot lay them out itself."""
    global _reorder_rtl
    if not isinstance(text, str) or not any(_RTL[0] <= ch <= _RTL[1] for ch in text):
        return text
    if _reorder_rtl is None:
        _reorder_rtl = not _has_raqm()
    if not _reorder_rtl:
        return text
    fix = _bidi()
    return fix(text) if fix is not None else text


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - exercised only without matplotlib
        raise ImportError(
            "okrkit.plot needs matplotlib, an optional dependency: pip install matplotlib"
        ) from e
    return plt


def _axes(ax: Axes | None, figsize: tuple[float, float] = (7.0, 3.5)) -> Axes:
    if not _styled:
        setup()
    if ax is not None:
        return ax
    _, new_ax = _pyplot().subplots(figsize=figsize, layout="constrained")
    return new_ax  # type: ignore[no-any-return]


def _dates_axis(ax: Axes) -> None:
    """Concise date ticks (no rotation, no overlap) on the x axis."""
    import matplotlib.dates as mdates

    loc = mdates.AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(loc)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))  # type: ignore[no-untyped-call]


def series_from_store(store: Any, series_id: str) -> pd.Series:
    """The measurements of ``series_id`` as a float Series indexed by date."""
    from .measurements import to_frame

    df = to_frame(store)
    df = df[df["series"] == series_id]
    if df.empty:
        raise KeyError(series_id)
    return pd.Series(df["value"].to_numpy(), index=pd.DatetimeIndex(df["date"]), name=series_id)


def kpi_series(
    dates: Any,
    values: Any = None,
    *,
    target: float | None = None,
    baseline: float | None = None,
    start: Any = None,
    due: Any = None,
    title: str | None = None,
    label: str = "value",
    ax: Axes | None = None,
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
    ax.plot(x, y, marker="o", ms=3, color=_ACTUAL, label=_t(label))
    if target is not None:
        ax.axhline(target, color=_TARGET, ls="--", lw=1.2, label="target")
    if baseline is not None and target is not None and start is not None and due is not None:
        ax.plot(
            pd.to_datetime([start, due]),
            np.array([baseline, target], dtype=float),
            color=_GREY,
            ls=":",
            lw=1.5,
            label="expected progress",
        )
    if title:
        ax.set_title(_t(title))
    ax.legend(loc="best", fontsize="small")
    _dates_axis(ax)
    return ax


def forecast(
    history: Any,
    table: pd.DataFrame,
    *,
    index: Any = None,
    target: float | None = None,
    title: str | None = None,
    ax: Axes | None = None,
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
    ax.plot(h.index, h.to_numpy(dtype=float), color=_ACTUAL, marker="o", ms=3, label="observed")
    _fan(ax, fx, table, _ACTUAL)
    ax.plot(fx, table["mean"].to_numpy(dtype=float), color=_ACTUAL, ls="--", label="forecast")
    if target is not None:
        ax.axhline(target, color=_TARGET, ls="--", lw=1.2, label="target")
    if title:
        ax.set_title(_t(title))
    ax.legend(loc="best", fontsize="small")
    if isinstance(fx, pd.DatetimeIndex):
        _dates_axis(ax)
    return ax


def okr_progress(
    scorecard: Any,
    model: Any = None,
    *,
    kind: str = "objective",
    title: str | None = None,
    ax: Axes | None = None,
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
    ax.set_yticks(y, [_t(x) for x in labels])
    ax.invert_yaxis()
    ax.set_xlim(
        0, max(1.0, float(np.nanmax(att)) if len(att) and not np.all(np.isnan(att)) else 1.0)
    )
    ax.set_xlabel("score")
    ax.set_title(
        _t(title or f"{kind.replace('_', ' ')} progress as of {scorecard.as_of.isoformat()}")
    )
    return ax


def heatmap(
    scorecard: Any,
    model: Any = None,
    *,
    title: str | None = None,
    cmap: str = "RdYlGn",
    ax: Axes | None = None,
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
        df.groupby(["unit", "perspective"])["attainment"]
        .mean()
        .unstack("perspective")
        .reindex(index=units, columns=persps)
    )
    names = _names(model)
    pnames = {p.id: (p.name or p.id) for p in model.perspectives}
    ax = _axes(ax, (1.6 + 1.4 * len(persps), 0.8 + 0.5 * max(len(units), 1)))
    data = table.to_numpy(dtype=float)
    im = ax.imshow(np.ma.masked_invalid(data), cmap=cmap, vmin=0.0, vmax=1.0, aspect="auto")
    ax.set_xticks(range(len(persps)), [_t(pnames.get(p, p)) for p in persps])
    ax.set_yticks(range(len(units)), [_t(names.get(u, u)) for u in units])
    for (i, j), v in np.ndenumerate(data):
        if not math.isnan(v):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize="small")
    ax.figure.colorbar(im, ax=ax, label="score")
    ax.set_title(_t(title or f"score by unit × perspective, {scorecard.as_of.isoformat()}"))
    return ax


def _fan(ax: Axes, fx: Any, table: pd.DataFrame, colour: str) -> None:
    """Prediction-interval bands of ``table`` (widest first, lightest)."""
    levels = sorted(
        (float(c[len("lower_") :]) for c in table.columns if str(c).startswith("lower_")),
        reverse=True,
    )
    for i, lv in enumerate(levels):
        key = f"{lv:g}"
        ax.fill_between(
            fx,
            table[f"lower_{key}"].to_numpy(dtype=float),
            table[f"upper_{key}"].to_numpy(dtype=float),
            color=colour,
            alpha=0.12 + 0.12 * i,
            lw=0,
            label=f"{key}% interval",
        )


def _plan_series(plan: Any, baseline: float | None, target: float, start: Any) -> pd.Series:
    if isinstance(plan, pd.Series):
        return pd.Series(plan.to_numpy(dtype=float), index=pd.to_datetime(plan.index))
    points = getattr(plan, "points", None)
    if points is not None:  # an okrkit.Plan: fractions of the way from baseline to target
        if baseline is None:
            raise ValueError(
                "kr_burnup: an okrkit.Plan needs the baseline (plan points are "
                "fractions of the way from baseline to target)"
            )
        dates = [p.date for p in points]
        vals = [baseline + p.fraction * (target - baseline) for p in points]
        if start is not None and (not dates or pd.Timestamp(start) < pd.Timestamp(dates[0])):
            dates, vals = [start, *dates], [baseline, *vals]
        return pd.Series(vals, index=pd.to_datetime(dates), dtype=float)
    if isinstance(plan, dict):
        return pd.Series(list(plan.values()), index=pd.to_datetime(list(plan)), dtype=float)
    pairs = list(plan)
    return pd.Series(
        [float(v) for _, v in pairs], index=pd.to_datetime([d for d, _ in pairs]), dtype=float
    )


def kr_burnup(
    actual: pd.Series,
    *,
    target: float,
    baseline: float | None = None,
    start: Any = None,
    due: Any = None,
    plan: Any = None,
    forecast: pd.DataFrame | None = None,
    title: str | None = None,
    unit: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Burn-up chart of a key result: where it is, where it should be, where
    it is heading.

    Parameters
    ----------
    actual : pandas.Series
        Measured values indexed by date (cumulative for a count that builds
        up, the level for a rate).
    target : float
        The key result's target, drawn as a horizontal line.
    baseline : float, optional
        With ``start`` and ``due``: the expected progress, a straight line from
        (start, baseline) to (due, target) — what linear progress would show.
    start, due : date-like, optional
    plan : pandas.Series, okrkit.Plan, dict or list of (date, value), optional
        The planned path when it is not linear (an ``okrkit.Plan``'s points
        are fractions of the way from ``baseline`` to ``target``).
    forecast : pandas.DataFrame, optional
        ``mean`` and ``lower_<level>`` / ``upper_<level>`` columns indexed by
        date (``EtsResult.forecast()`` with a DatetimeIndex): the forecast
        line and its fan, joined to the last actual value.
    title, unit : str, optional
        Title and y-axis label (any script: Latin, Persian, Chinese).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Lines labelled ``actual``, ``expected``, ``plan``, ``forecast`` and
        ``target`` (those given), and one band per interval level.
    """
    ax = _axes(ax)
    a = pd.Series(np.asarray(actual, dtype=float), index=pd.to_datetime(actual.index))
    ax.plot(a.index, a.to_numpy(), color=_ACTUAL, marker="o", ms=3, lw=2, label="actual", zorder=4)
    if baseline is not None and start is not None and due is not None:
        ax.plot(
            pd.to_datetime([start, due]),
            [float(baseline), float(target)],
            color=_GREY,
            ls=":",
            lw=1.5,
            label="expected",
        )
    if plan is not None:
        ps = _plan_series(plan, baseline, float(target), start)
        ax.plot(
            ps.index, ps.to_numpy(), color=_PLAN, ls="-.", lw=1.5, label="plan", drawstyle="default"
        )
    if forecast is not None and len(forecast):
        fx: pd.Index = pd.to_datetime(forecast.index)
        if len(a):  # join the fan to the last observation
            last = a.dropna()
            if len(last):
                head = pd.DataFrame(
                    {c: [float(last.iloc[-1])] for c in forecast.columns},
                    index=pd.DatetimeIndex([last.index[-1]]),
                )
                joined = pd.concat([head, forecast.set_axis(fx)])
                fx, forecast = joined.index, joined
        _fan(ax, fx, forecast, _ACTUAL)
        ax.plot(
            fx, forecast["mean"].to_numpy(dtype=float), color=_ACTUAL, ls="--", label="forecast"
        )
    ax.axhline(float(target), color=_TARGET, ls="--", lw=1.2, label="target")
    if due is not None:
        ax.axvline(pd.Timestamp(due), color=_GREY, lw=0.8)  # type: ignore[arg-type]
    if title:
        ax.set_title(_t(title))
    if unit:
        ax.set_ylabel(_t(unit))
    ax.legend(loc="upper left", fontsize="small")
    _dates_axis(ax)
    return ax


def _wrap(text: str, width: int = 26) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def objective_tree(
    scorecard: Any,
    model: Any = None,
    *,
    key_results: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """The objective alignment tree, each node a box coloured by its status.

    Objectives hang under the objective they align to (their first
    ``aligns_to``; further alignments are drawn as dotted links), key results
    under their objective. Each box shows the name and the score.

    Parameters
    ----------
    scorecard : okrkit.Scorecard
    model : okrkit.Model, optional
        Default: the scorecard's model (required one way or the other).
    key_results : bool, default True
        Draw the key results as leaves.
    title : str, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One text box per node (``ax.texts``, in drawing order: depth first),
        its face colour the status colour of :data:`okrkit.display.STATUS_COLOURS`.
    """
    model = model if model is not None else getattr(scorecard, "model", None)
    if model is None:
        raise ValueError("objective_tree: needs the model (alignments)")
    c = scorecard._core.columns()
    row = {(c["kind"][i], c["id"][i]): i for i in range(len(c["id"]))}
    names = _names(model)
    objs = {o.id: o for o in model.objectives}
    children: dict[str | None, list[tuple[str, str]]] = {}
    extra: list[tuple[str, str]] = []
    for o in model.objectives:
        parents = [al.parent for al in o.aligns_to if al.parent in objs]
        children.setdefault(parents[0] if parents else None, []).append(("objective", o.id))
        extra += [(o.id, p) for p in parents[1:]]
    if key_results:
        for k in model.key_results:
            if k.objective in objs:
                children.setdefault(k.objective, []).append(("key_result", k.id))
    pos: dict[tuple[str, str], tuple[float, float]] = {}
    order: list[tuple[str, str]] = []
    leaf = [0]

    def place(node: tuple[str, str], depth: int) -> float:
        order.append(node)
        kids = children.get(node[1], []) if node[0] == "objective" else []
        if kids:
            ys = [place(k, depth + 1) for k in kids]
            y = float(np.mean(ys))
        else:
            y = float(leaf[0])
            leaf[0] += 1
        pos[node] = (float(depth), y)
        return y

    for root in children.get(None, []):
        place(root, 0)
    depth = int(max((x for x, _ in pos.values()), default=0.0)) + 1
    ax = _axes(ax, (3.0 * depth + 1.0, 0.8 + 0.62 * max(leaf[0], 1)))
    for node in order:
        x, y = pos[node]
        kids = children.get(node[1], []) if node[0] == "objective" else []
        for k in kids:
            kx, ky = pos[k]
            ax.plot([x, x + 0.5, x + 0.5, kx], [y, y, ky, ky], color="#afb8c1", lw=1, zorder=1)
    for child, parent in extra:
        (cx, cy), (px, py) = pos[("objective", child)], pos[("objective", parent)]
        ax.plot([px, cx], [py, cy], color="#afb8c1", lw=1, ls=":", zorder=1)
    for node in order:
        x, y = pos[node]
        i = row.get(node)
        st = c["status"][i] if i is not None else "no_data"
        att = float(c["attainment"][i]) if i is not None else math.nan
        score = "–" if math.isnan(att) else f"{att:.0%}"
        label = _t(_wrap(names.get(node[1], node[1]))) + f"\n{score}"
        ax.text(
            x,
            y,
            label,
            ha="center",
            va="center",
            zorder=3,
            fontsize="small" if node[0] == "objective" else "x-small",
            color="white",
            fontweight="bold" if node[0] == "objective" else "normal",
            bbox=dict(boxstyle="round,pad=0.4", fc=STATUS_COLOURS.get(st, "#8c959f"), ec="none"),
        )
    from matplotlib.patches import Patch

    seen = [
        s
        for s in STATUS_COLOURS
        if any((c["status"][row[n]] if n in row else "no_data") == s for n in order)
    ]
    ax.legend(
        handles=[Patch(color=STATUS_COLOURS[s], label=s.replace("_", " ")) for s in seen],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=max(len(seen), 1),
        fontsize="small",
        frameon=False,
    )
    ax.set_xlim(-0.6, depth - 0.4)
    ax.set_ylim(leaf[0] - 0.4, -0.6)
    ax.set_axis_off()
    ax.set_title(_t(title or f"objectives as of {scorecard.as_of.isoformat()}"))
    return ax


def control_chart(
    values: Any,
    dates: Any = None,
    *,
    run_length: int = 8,
    trend_length: int = 6,
    title: str | None = None,
    unit: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """XmR (individuals) control chart of a KPI with its run-rule signals.

    The limits and signals are :func:`okrkit.trend.xmr`'s: centre ± 2.66 ×
    mean moving range; a point beyond a limit, a run of ``run_length`` points
    on one side of the centre, a trend of ``trend_length`` points rising or
    falling (docs/trend.md).

    Parameters
    ----------
    values : pandas.Series or array-like
        A Series indexed by date may be passed alone.
    dates : array-like of dates, optional
        x positions (default: the Series' index, else 0, 1, ...).
    run_length, trend_length : int
        Passed to :func:`okrkit.trend.xmr`.
    title, unit : str, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Lines ``value``, ``centre``, ``limits`` (two lines); markers
        ``beyond limits``, ``run on one side`` and ``trend`` for the flagged
        points (only those with any).
    """
    from .trend import xmr

    x: Any
    if isinstance(values, pd.Series):
        y = values.to_numpy(dtype=float)
        x = (
            pd.to_datetime(values.index)
            if dates is None and isinstance(values.index, pd.DatetimeIndex)
            else values.index
        )
    else:
        y = np.asarray(values, dtype=float)
        x = np.arange(len(y))
    if dates is not None:
        x = pd.to_datetime(pd.Index(dates))
    r = xmr(y, run_length=run_length, trend_length=trend_length)
    ax = _axes(ax)
    ax.plot(x, y, color=_ACTUAL, marker="o", ms=3, lw=1.2, label="value", zorder=3)
    ax.axhline(r.centre, color=_GREY, lw=1.2, label="centre")
    ax.axhline(r.upper, color=_SIGNAL, lw=1, ls="--", label="limits")
    ax.axhline(r.lower, color=_SIGNAL, lw=1, ls="--")
    xs = np.asarray(x)
    for idx, colour, marker, label in (
        (r.one_side_run, PALETTE[1], "s", f"run of {run_length} on one side"),
        (r.trend_run, PALETTE[4], "^", f"trend of {trend_length}"),
        (r.beyond_limits, _SIGNAL, "o", "beyond limits"),
    ):
        if idx:
            sel = list(idx)
            ax.scatter(
                xs[sel],
                y[sel],
                s=60,
                facecolors="none",
                edgecolors=colour,
                marker=marker,
                lw=1.6,
                label=label,
                zorder=4,
            )
    if title:
        ax.set_title(_t(title))
    if unit:
        ax.set_ylabel(_t(unit))
    ax.legend(loc="best", fontsize="small")
    if isinstance(x, pd.DatetimeIndex):
        _dates_axis(ax)
    return ax


def calibration(
    appraisal: Any,
    *,
    centre: float = 3.0,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Each rater's leniency before and after calibration (a dumbbell chart).

    Leniency is a rater's mean rating minus the calibration centre (positive:
    lenient, negative: severe). After ``mean_centre`` or ``z_score``
    calibration a rater's calibrated ratings average exactly the centre
    (docs/appraisal.md, "Per-rater calibration"), so their leniency is 0;
    raters left raw (``raw``, ``raw: rated 1 person``) keep theirs.

    Parameters
    ----------
    appraisal : okrkit.appraisal.Appraisal or pandas.DataFrame
        The result of :func:`okrkit.appraisal.appraise`, or its ``raters``
        table (``rater``, ``mean``, ``treatment``, optionally ``cycle``).
    centre : float, default 3.0
        The calibration centre (``calibration_centre``; default the midpoint
        of the 1..5 scale).
    title : str, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Two scatter collections labelled ``before`` and ``after``, one point
        per rater, raters sorted from most severe to most lenient.
    """
    raters = appraisal if isinstance(appraisal, pd.DataFrame) else appraisal.raters
    df = raters.copy()
    df["before"] = df["mean"].astype(float) - centre
    raw = df["treatment"].astype(str).str.startswith("raw")
    df["after"] = np.where(raw, df["before"], 0.0)
    many = "cycle" in df and df["cycle"].nunique() > 1
    df["label"] = [
        f"{r} ({c})" if many else str(r)
        for r, c in zip(df["rater"], df["cycle"] if "cycle" in df else df["rater"])
    ]
    df = df.sort_values("before", kind="stable").reset_index(drop=True)
    ax = _axes(ax, (6.5, 0.8 + 0.3 * max(len(df), 1)))
    y = np.arange(len(df))
    ax.hlines(y, df["before"], df["after"], color="#afb8c1", lw=1.5, zorder=1)
    ax.scatter(df["before"], y, color=_SIGNAL, s=28, label="before", zorder=3)
    ax.scatter(df["after"], y, color=_ACTUAL, marker="D", s=22, label="after", zorder=3)
    ax.axvline(0.0, color=_GREY, lw=0.8)
    ax.set_yticks(y, [_t(x) for x in df["label"]])
    ax.set_xlabel(f"leniency: mean rating − {centre:g}")
    ax.set_title(_t(title or "rater leniency before and after calibration"))
    ax.legend(loc="lower right", fontsize="small")
    return ax
