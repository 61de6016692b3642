"""HTML rendering for Jupyter (``_repr_html_``) and for one-file reports.

Everything here returns a string of self-contained HTML (inline CSS, no
scripts, no external assets), so the output also survives nbconvert and can be
pasted into an e-mail. Names are user text in any script: every text cell is
HTML-escaped and carries ``dir="auto"`` so Persian / Arabic titles lay out
right-to-left while numbers and Latin names stay left-to-right; cells wrap
long words (``overflow-wrap: anywhere``) so nothing spills out of its box.

Functions
---------
model_html(model)
    The OKR tree of a model: objectives (nested by alignment) with their key
    results, and the KPI list.
scorecard_html(scorecard, model=None)
    The OKR tree with progress bars and status colours, and a KPI table with
    health; names come from ``model`` (ids are shown without it).
forecast_html(table, title=None)
    A forecast table (``mean``, ``lower_<level>``, ``upper_<level>``).
ets_html(result, h=None, title=None)
    A fitted ETS model: parameters, forecast table with intervals and, when a
    target is attached, the probability of meeting it.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "HEALTH_COLOURS",
    "STATUS_COLOURS",
    "ets_html",
    "forecast_html",
    "model_html",
    "scorecard_html",
]

#: Background colour of each status badge (colour-blind safe pairs with text).
STATUS_COLOURS: dict[str, str] = {
    "done": "#1a7f37",
    "on_track": "#2da44e",
    "behind": "#bf8700",
    "at_risk": "#e16f24",
    "off_track": "#cf222e",
    "no_data": "#8c959f",
}
#: Colour of each KPI health value.
HEALTH_COLOURS: dict[str, str] = {
    "green": "#2da44e",
    "yellow": "#d4a72c",
    "red": "#cf222e",
    "none": "#8c959f",
}

# One style block per rendered fragment, scoped by a class so notebook themes
# and other outputs are not affected.
_CSS = """<style>
.okrkit{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans Arabic",
"Noto Sans CJK SC",sans-serif;font-size:13px;max-width:100%}
.okrkit table{border-collapse:collapse;table-layout:fixed;width:100%;margin:4px 0 12px 0}
.okrkit th,.okrkit td{border-bottom:1px solid #d0d7de;padding:3px 6px;text-align:start;
vertical-align:top;overflow-wrap:anywhere;word-break:normal}
.okrkit th{background:#f6f8fa;font-weight:600}
.okrkit td.num{text-align:right;font-variant-numeric:tabular-nums}
.okrkit .obj td{font-weight:600;background:#fbfcfd}
.okrkit .bar{display:block;position:relative;height:12px;background:#eaeef2;border-radius:3px;
overflow:hidden;min-width:40px}
.okrkit .bar>span{display:block;height:100%}
.okrkit .badge{display:inline-block;max-width:100%;box-sizing:border-box;padding:0 6px;
border-radius:8px;color:#fff;font-size:11px;white-space:nowrap;overflow:hidden;
text-overflow:ellipsis}
.okrkit h4{margin:6px 0 2px 0;overflow-wrap:anywhere}
</style>"""


def _esc(x: object) -> str:
    return html.escape("" if x is None else str(x), quote=True)


def _text(x: object, *, indent: int = 0, tag: str = "td") -> str:
    """A text cell: escaped, direction from its content."""
    pad = f' style="padding-inline-start:{6 + 18 * indent}px"' if indent else ""
    return f'<{tag} dir="auto"{pad}>{_esc(x)}</{tag}>'


def _fmt(v: float) -> str:
    """Thousands separators for large numbers, 4 significant digits otherwise."""
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.4g}"


def _num(x: Any, fmt: str | None = None) -> str:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return '<td class="num"></td>'
    text = "–" if math.isnan(v) else (_fmt(v) if fmt is None else fmt.format(v))
    return '<td class="num">' + _esc(text) + "</td>"


def _pct(x: Any) -> str:
    return _num(x, "{:.0%}")


def _bar(fraction: float, colour: str) -> str:
    """A progress bar filled to ``fraction`` (clamped to [0, 1]; NaN = empty)."""
    f = 0.0 if math.isnan(fraction) else min(max(fraction, 0.0), 1.0)
    return (
        f'<td><span class="bar" role="progressbar" aria-valuenow="{f * 100:.0f}" '
        f'aria-valuemin="0" aria-valuemax="100"><span style="width:{f * 100:.1f}%;'
        f'background:{colour}"></span></span></td>'
    )


def _badge(label: str, colour: str, tip: str = "") -> str:
    return (
        f'<td><span class="badge" style="background:{colour}" '
        f'title="{_esc(tip or label)}">{_esc(label.replace("_", " "))}</span></td>'
    )


def _wrap(title: str | None, body: str) -> str:
    head = f'<h4 dir="auto">{_esc(title)}</h4>' if title else ""
    return f'<div class="okrkit">{_CSS}{head}{body}</div>'


def _children(
    ids: Sequence[str], parent_of: Mapping[str, str]
) -> tuple[list[str], dict[str, list[str]]]:
    """Roots and children lists of a forest given by ``parent_of`` (a parent
    that is not in ``ids`` makes a root; cycles are cut where found)."""
    known = set(ids)
    kids: dict[str, list[str]] = {i: [] for i in ids}
    roots: list[str] = []
    for i in ids:
        p = parent_of.get(i, "")
        if p and p in known and p != i:
            kids[p].append(i)
        else:
            roots.append(i)
    # Nodes on an alignment cycle have no root above them: show them at the top.
    seen: set[str] = set()

    def walk(i: str) -> None:
        if i in seen:
            return
        seen.add(i)
        for c in kids[i]:
            walk(c)

    for r in roots:
        walk(r)
    for i in ids:
        if i not in seen:
            roots.append(i)
            walk(i)
    return roots, kids


def _preorder(roots: Iterable[str], kids: Mapping[str, list[str]]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    seen: set[str] = set()

    def walk(i: str, depth: int) -> None:
        if i in seen:
            return
        seen.add(i)
        out.append((i, depth))
        for c in kids.get(i, []):
            walk(c, depth + 1)

    for r in roots:
        walk(r, 0)
    return out


# --- model ------------------------------------------------------------------


def _target_text(t: Any) -> str:
    kind = str(getattr(t.kind, "name", t.kind))
    parts = [kind]
    if t.baseline is not None:
        parts.append(f"{t.baseline:g} →")
    if t.target is not None:
        parts.append(f"{t.target:g}" if isinstance(t.target, float) else str(t.target))
    if t.lo is not None and t.hi is not None:
        parts.append(f"[{t.lo:g}, {t.hi:g}]")
    return " ".join(parts)


def model_html(model: Any) -> str:
    """HTML of a model's OKR tree and KPI list.

    Parameters
    ----------
    model : okrkit.Model

    Returns
    -------
    str
        A ``<div class="okrkit">`` fragment.
    """
    objectives = list(model.objectives)
    parent = {o.id: (o.aligns_to[0].parent if len(o.aligns_to) else "") for o in objectives}
    by_id = {o.id: o for o in objectives}
    roots, kids = _children([o.id for o in objectives], parent)
    krs: dict[str, list[Any]] = {}
    for k in model.key_results:
        krs.setdefault(k.objective, []).append(k)
    rows = []
    for oid, depth in _preorder(roots, kids):
        o = by_id[oid]
        rows.append(
            '<tr class="obj">'
            + _text(o.title or o.id, indent=2 * depth)
            + _text(str(getattr(o.type, "name", o.type)))
            + _text(o.owner)
            + "</tr>"
        )
        for k in krs.get(oid, []):
            rows.append(
                "<tr>"
                + _text(k.title or k.id, indent=2 * depth + 1)
                + _text(_target_text(k.target))
                + _text(k.owner)
                + "</tr>"
            )
    body = (
        '<table><colgroup><col style="width:60%"><col style="width:25%">'
        '<col style="width:15%"></colgroup>'
        "<thead><tr><th>objective / key result</th><th>type / target</th><th>owner</th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    kpis = list(model.kpis)
    if kpis:
        krows = "".join(
            "<tr>"
            + _text(k.name or k.id)
            + _text(_target_text(k.target))
            + _text(str(getattr(k.frequency, "name", k.frequency)))
            + _text(k.owner)
            + "</tr>"
            for k in kpis
        )
        body += (
            '<table><colgroup><col style="width:45%"><col style="width:25%">'
            '<col style="width:15%"><col style="width:15%"></colgroup>'
            "<thead><tr><th>KPI</th><th>target</th><th>frequency</th><th>owner</th></tr>"
            "</thead><tbody>" + krows + "</tbody></table>"
        )
    return _wrap(model.name or "okrkit model", body)


# --- scorecard ---------------------------------------------------------------


def _names(model: Any) -> dict[str, str]:
    if model is None:
        return {}
    out: dict[str, str] = {}
    for o in model.objectives:
        out[o.id] = o.title or o.id
    for k in model.key_results:
        out[k.id] = k.title or k.id
    for k in model.kpis:
        out[k.id] = k.name or k.id
    for c in model.csfs:
        out[c.id] = c.name or c.id
    for u in model.units:
        out[u.id] = u.name or u.id
    return out


def scorecard_html(scorecard: Any, model: Any = None) -> str:
    """HTML of a scorecard: the OKR tree with progress bars and status
    colours, then a KPI table with health.

    Parameters
    ----------
    scorecard : okrkit.Scorecard
    model : okrkit.Model, optional
        Gives the titles and names; without it the ids are shown.

    Returns
    -------
    str
        A ``<div class="okrkit">`` fragment.
    """
    c = scorecard._core.columns() if hasattr(scorecard, "_core") else scorecard.columns()
    names = _names(model)
    n = len(c["id"])
    ids: list[str] = list(c["id"])
    row = {ids[i]: i for i in range(n)}
    kind: list[str] = list(c["kind"])
    obj_ids = [ids[i] for i in range(n) if kind[i] == "objective"]
    parent = {ids[i]: c["parent"][i] for i in range(n)}
    roots, kids = _children(obj_ids, parent)
    krs: dict[str, list[str]] = {}
    for i in range(n):
        if kind[i] == "key_result":
            krs.setdefault(c["parent"][i], []).append(ids[i])

    def score_row(nid: str, depth: int, cls: str) -> str:
        i = row[nid]
        st = str(c["status"][i])
        colour = STATUS_COLOURS.get(st, "#8c959f")
        att = float(c["attainment"][i])
        return (
            f'<tr class="{cls}">'
            + _text(names.get(nid, nid), indent=depth)
            + _bar(att, colour)
            + _pct(att)
            + _pct(c["expected"][i])
            + _badge(st, colour, f"{st}: {c['reason'][i]}" if c["reason"][i] else st)
            + "</tr>"
        )

    rows = []
    for oid, depth in _preorder(roots, kids):
        rows.append(score_row(oid, 2 * depth, "obj"))
        for k in krs.get(oid, []):
            rows.append(score_row(k, 2 * depth + 1, "kr"))
    body = (
        '<table class="okr"><colgroup><col style="width:44%"><col style="width:20%">'
        '<col style="width:9%"><col style="width:9%"><col style="width:18%"></colgroup>'
        "<thead><tr><th>objective / key result</th><th>progress</th><th>score</th>"
        "<th>expected</th><th>status</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    kpi_rows = []
    for i in range(n):
        if kind[i] != "kpi":
            continue
        h = str(c["health"][i])
        kpi_rows.append(
            "<tr>"
            + _text(names.get(ids[i], ids[i]))
            + _num(c["value"][i])
            + _num(c["target"][i])
            + _pct(c["attainment"][i])
            + _badge(
                h,
                HEALTH_COLOURS.get(h, "#8c959f"),
                f"{h}: {c['reason'][i]}" if c["reason"][i] else h,
            )
            + "</tr>"
        )
    if kpi_rows:
        body += (
            '<table class="kpi"><colgroup><col style="width:44%"><col style="width:15%">'
            '<col style="width:15%"><col style="width:10%"><col style="width:16%"></colgroup>'
            "<thead><tr><th>KPI</th><th>value</th><th>target</th><th>score</th>"
            "<th>health</th></tr></thead><tbody>" + "".join(kpi_rows) + "</tbody></table>"
        )
    title = f"Scorecard as of {scorecard.as_of.isoformat()}"
    if model is not None and model.name:
        title = f"{model.name} — {title}"
    return _wrap(title, body)


# --- forecast ----------------------------------------------------------------


def forecast_html(table: Any, title: str | None = None) -> str:
    """HTML of a forecast table: one row per step ahead with the point
    forecast and each prediction interval.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``mean`` and pairs ``lower_<level>`` / ``upper_<level>`` (as
        returned by ``okrkit.forecast`` results' ``forecast()``), any index.
    title : str, optional

    Returns
    -------
    str
    """
    return _wrap(title or "Forecast", _forecast_table(table))


def _forecast_table(table: Any) -> str:
    cols = [str(x) for x in table.columns]
    levels = [c[len("lower_") :] for c in cols if c.startswith("lower_")]
    head = "<th>step</th><th>forecast</th>" + "".join(
        f"<th>{_esc(lv)}% interval</th>" for lv in levels
    )
    rows = []
    for idx, r in table.iterrows():
        step = idx.date().isoformat() if hasattr(idx, "date") and callable(idx.date) else idx
        cells = _text(step) + _num(r["mean"])
        for lv in levels:
            lo, hi = float(r[f"lower_{lv}"]), float(r[f"upper_{lv}"])
            cells += f'<td class="num">{_fmt(lo)} – {_fmt(hi)}</td>'
        rows.append("<tr>" + cells + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"


def _future_index(index: Any, h: int) -> Any:
    """Dates of the h periods after a regular DatetimeIndex, else None."""
    import pandas as pd

    if not isinstance(index, pd.DatetimeIndex) or len(index) < 3:
        return None
    freq = index.freq or pd.infer_freq(index)
    if freq is None:
        return None
    return pd.date_range(index[-1], periods=h + 1, freq=freq)[1:]


def ets_html(result: Any, *, h: int | None = None, title: str | None = None) -> str:
    """HTML of a fitted ETS model (``okrkit.forecast.EtsResult``): the model and
    its parameters, the point forecast with 80% and 95% intervals, and — when
    a target is attached (``result.with_target``) — the probability of meeting
    it at the due date, the required run-rate and the periods to target.

    Parameters
    ----------
    result : okrkit.forecast.EtsResult
    h : int, optional
        Periods to forecast; default the target's horizon, else two seasons
        (seasonal models) or 4.
    title : str, optional

    Returns
    -------
    str
    """
    target = result.target
    if h is None:
        h = target["h"] if target else (2 * result.period if result.period > 1 else 4)
    params = {k: v for k, v in result.params.items() if k != "beta_star" and not math.isnan(v)}
    if "phi" in params and "d" not in result.model:
        del params["phi"]
    head = "".join(f"<th>{_esc(k)}</th>" for k in params) + (
        "<th>σ²</th><th>AICc</th><th>observations</th>"
    )
    cells = "".join(_num(v) for v in params.values()) + (
        _num(result.sigma2) + _num(result.aicc) + _num(result.n_obs)
    )
    fit_table = f"<table><thead><tr>{head}</tr></thead><tbody><tr>{cells}</tr></tbody></table>"
    table = result.forecast(h, level=(80, 95))
    dates = _future_index(result._index, h)
    if dates is not None:
        table.index = dates
    parts = [
        f'<p dir="auto">ETS({_esc(",".join(_components(result.model)))}) · '
        f"{_esc(result.method)} fit · period {result.period}</p>",
        fit_table,
        _forecast_table(table),
    ]
    if target:
        t, th, direction = target["target"], target["h"], target["direction"]
        o = result.target_outlook(t, th, direction)
        op = "≥" if direction == "higher" else "≤"
        ptt = o["periods_to_target"]
        rows = [
            ("target", _num(t)),
            (f"P(value {op} target at h={th})", _pct(o["probability"])),
            (f"point forecast at h={th}", _num(o["projected"])),
            ("required run-rate per period", _num(o["run_rate"])),
            ("forecast run-rate per period", _num(o["forecast_rate"])),
            ("periods to target", _text("not within the horizon" if ptt is None else ptt)),
        ]
        parts.append(
            "<table><tbody>"
            + "".join(f"<tr>{_text(k, tag='th')}{v}</tr>" for k, v in rows)
            + "</tbody></table>"
        )
    return _wrap(title or "Forecast", "".join(parts))


def _components(code: str) -> list[str]:
    """R's code "AAdN" as its three components ["A", "Ad", "N"]."""
    return [code[0], code[1:-1], code[-1]]
