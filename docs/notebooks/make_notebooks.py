"""Write the docs notebooks (unexecuted) from the cell sources below.

Run ``python docs/notebooks/make_notebooks.py [NAME ...]`` after editing (names
limit it to those notebooks, e.g. ``lint appraisal``); the tests
(tests/python/test_notebooks.py) execute every notebook with nbclient, and
the documentation build (docs/conf.py, myst-nb) executes them again and shows
their outputs. Do not switch matplotlib to Agg in a notebook: the kernel's
inline backend already draws headless, and with Agg the figures would never
reach the page (tests/python/test_docs_build.py counts them).
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent


def nb(cells: list[tuple[str, str]], requires: tuple[str, ...] = ()) -> Any:
    out = new_notebook(
        cells=[new_markdown_cell(s) if k == "md" else new_code_cell(s) for k, s in cells]
    )
    for i, c in enumerate(out.cells):
        c.id = f"cell-{i:02d}"  # stable ids: regenerating does not churn the files
    out.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    if requires:
        out.metadata["okrkit"] = {"requires": list(requires)}
    return out


QUICKSTART = [
    (
        "md",
        "# okrkit quick start\n\nLoad the bundled example, score it, plot it and "
        "forecast a key result — in a few cells. See `docs/guide.md` for the concepts.",
    ),
    (
        "code",
        "import okrkit\nfrom okrkit import plot\n\n"
        "model = okrkit.load_model('../../examples/acme.json')\n"
        "data = okrkit.load_measurements('../../examples/acme-measurements.csv')\nmodel",
    ),
    ("md", "The model renders as its OKR tree. Score it at the end of May 2025:"),
    ("code", "sc = okrkit.evaluate(model, data, '2025-05-31')\nsc"),
    ("md", "The scorecard is also a pandas DataFrame (categorical statuses, datetime64 dates):"),
    (
        "code",
        "df = sc.to_frame()\n"
        "df.loc[df.kind == 'objective', ['attainment', 'expected', 'status', 'incomplete']]",
    ),
    (
        "code",
        "assert set(df.status.cat.categories) >= {'on_track', 'off_track'}\n"
        "ax = plot.okr_progress(sc)",
    ),
    ("code", "ax = plot.heatmap(sc)"),
    ("md", "A KPI's measurements against its target and the linear plan:"),
    (
        "code",
        "traffic = plot.series_from_store(data, 'organic_sessions')\n"
        "ax = plot.kpi_series(traffic, target=70000, baseline=50000,\n"
        "                     start='2025-04-01', due='2025-06-30', title='Organic sessions')",
    ),
    (
        "md",
        "## Forecast\n\nFit exponential smoothing to the traffic series and ask "
        "whether June reaches 70 000 sessions.",
    ),
    (
        "code",
        "from okrkit import forecast as fc\n\n"
        "res = fc.fit(traffic.to_numpy(), model='AAN')\n"
        "table = res.forecast(1, level=(80, 95))\n"
        "p = res.probability_of_reaching(70000.0, h=1, direction='higher')\n"
        "print(f'P(June >= 70k) = {p:.2f}')\n"
        "table",
    ),
    (
        "code",
        "import pandas as pd\n"
        "table.index = pd.date_range(traffic.index[-1], periods=2, freq='ME')[1:]\n"
        "ax = plot.forecast(traffic, table, target=70000)",
    ),
]

BULK = [
    (
        "md",
        "# Bulk scorecards\n\nOne model template, many stores: score each store's "
        "measurements and compare. `okrkit.bulk.score_groups` runs in one process; "
        "`okrkit.dask.score_groups` / `okrkit.spark.score_groups` give the same rows on a cluster.",
    ),
    (
        "code",
        "import numpy as np\nimport pandas as pd\nimport okrkit\nfrom okrkit import bulk\n\n"
        "model = okrkit.load_model('../../examples/acme.json')\n"
        "long = okrkit.measurements_to_frame(okrkit.load_measurements('../../examples/acme-measurements.csv'))\n"
        "rng = np.random.default_rng(7)\n"
        "stores = pd.concat([long.assign(store=f'store-{i:03d}', value=long['value'] * rng.uniform(0.8, 1.2))\n"
        "                    for i in range(50)], ignore_index=True)\n"
        "out = bulk.score_groups(model, stores, '2025-05-31', by='store', progress=False)\n"
        "out.shape",
    ),
    (
        "code",
        "objectives = out[out.kind == 'objective']\n"
        "table = objectives.pivot(index='store', columns='id', values='attainment')\n"
        "table.describe().T[['mean', 'min', 'max']]",
    ),
    (
        "code",
        "counts = objectives.groupby(['id', 'status'], observed=True).size().unstack(fill_value=0)\n"
        "assert counts.to_numpy().sum() == 50 * len(table.columns)\ncounts",
    ),
    ("md", "Many dates for one model: a monthly history of the scorecard."),
    (
        "code",
        "data = okrkit.load_measurements('../../examples/acme-measurements.csv')\n"
        "hist = bulk.evaluate_many(model, data, ['2025-04-30', '2025-05-31', '2025-06-30'], progress=False)\n"
        "hist[hist.kind == 'objective'].pivot(index='as_of', columns='id', values='attainment')",
    ),
    (
        "md",
        "Millions of targets at once: `okrkit.score_bulk` works on numpy arrays "
        "without copies and with the GIL released.",
    ),
    (
        "code",
        "n = 1_000_000\nb = np.zeros(n); t = np.full(n, 100.0); v = rng.uniform(0, 120, n)\n"
        "r = okrkit.score_bulk(kind='increase', baseline=b, target=t, value=v)\n"
        "assert np.allclose(r.progress, v / 100)\n"
        "float(r.attainment.mean())",
    ),
]


def forecast_cells(
    series: str,
    target: float,
    h: int,
    *,
    model: str = "AAN",
    direction: str = "higher",
    what: str = "",
) -> list[tuple[str, str]]:
    """Fit ETS to one measured series, attach the target question (the result
    renders as a table with intervals and P(target)), and plot the fan."""
    return [
        ("md", f"## Forecast\n\n{what}"),
        (
            "code",
            "from okrkit import forecast as fc\n\n"
            f"hist = plot.series_from_store(data, {series!r})\n"
            f"res = fc.fit(hist, model={model!r}).with_target({target!r}, h={h}, "
            f"direction={direction!r})\n"
            f"o = res.target_outlook({target!r}, {h}, {direction!r})\n"
            "p = o['probability']\n"
            "assert 0.0 <= p <= 1.0\n"
            f"print(f\"{h} periods ahead: {{o['projected']:,.5g}} \"\n"
            "      f\"(95% interval {o['lower']:,.5g} to {o['upper']:,.5g}), \"\n"
            "      f\"P(target) = {p:.0%}, needed {o['run_rate']:.3g} per period, \"\n"
            "      f\"forecast pace {o['forecast_rate']:.3g}\")\n"
            "res",
        ),
        (
            "code",
            f"table = res.forecast({h}, level=(80, 95))\n"
            f"ax = plot.forecast(hist, table, target={target!r}, "
            f"title=f'{series}: P(target) = {{p:.0%}}')",
        ),
    ]


def scenario(
    title: str,
    story: str,
    model: dict[str, Any],
    rows: list[tuple[str, str, float]],
    as_of: str,
    kpi_series: str,
    kpi_target: float,
) -> list[tuple[str, str]]:
    return [
        ("md", f"# {title}\n\n{story}"),
        (
            "code",
            "import pandas as pd\n"
            "import okrkit\nfrom okrkit import plot\n\n"
            'model = okrkit.parse_model("""\n'
            + json.dumps(model, ensure_ascii=False, indent=1)
            + '\n""")\n'
            "model",
        ),
        (
            "code",
            "rows = " + json.dumps(rows, ensure_ascii=False, indent=0) + "\n"
            "df = pd.DataFrame(rows, columns=['series', 'date', 'value'])\n"
            "data = okrkit.measurements_from_frame(df)\n"
            f"sc = okrkit.evaluate(model, data, {as_of!r})\nsc",
        ),
        (
            "code",
            "frame = sc.to_frame()\n"
            "frame[['kind', 'value', 'target', 'attainment', 'expected', 'status', 'health']]",
        ),
        ("code", "ax = plot.okr_progress(sc)"),
        (
            "code",
            f"s = plot.series_from_store(data, {kpi_series!r})\n"
            f"ax = plot.kpi_series(s, target={kpi_target!r}, title={kpi_series!r})",
        ),
    ]


def _m(
    name: str,
    objectives: list[dict[str, Any]],
    krs: list[dict[str, Any]],
    kpis: list[dict[str, Any]],
    start: str,
    end: str,
    period: str,
    **extra: Any,
) -> dict[str, Any]:
    """A one-cycle model; ``extra`` adds units, perspectives, csfs, ..."""
    for o in objectives:
        o.setdefault("cycle", "c")
    return {
        "okrkit": 1,
        "name": name,
        **extra,
        "cycles": [{"id": "c", "period": period, "start": start, "end": end}],
        "objectives": objectives,
        "key_results": krs,
        "kpis": kpis,
    }


def _monthly(series: str, first: str, values: list[float]) -> list[tuple[str, str, float]]:
    """Month-end measurements of one series from month ``first`` ("2025-01")."""
    y, m = (int(x) for x in first.split("-"))
    out = []
    for v in values:
        nxt = (y + m // 12, m % 12 + 1)
        end = _dt.date(nxt[0], nxt[1], 1) - _dt.timedelta(days=1)
        out.append((series, end.isoformat(), v))
        y, m = nxt
    return out


# Product: a consumer app's year. Monthly history Jan-Aug 2025, scored at the
# end of August; the forecast asks whether weekly actives reach 20k by December.
PRODUCT_MODEL = _m(
    "Product 2025",
    [
        {"id": "o-habit", "title": "Make the app a weekly habit", "type": "aspirational"},
        {"id": "o-quality", "title": "Ship a stable, fast app", "type": "committed"},
    ],
    [
        {
            "id": "kr-wau",
            "objective": "o-habit",
            "title": "Weekly active users from 12k to 20k",
            "kind": "increase",
            "baseline": 12000,
            "target": 20000,
            "series": "wau",
        },
        {
            "id": "kr-d30",
            "objective": "o-habit",
            "title": "Day-30 retention from 30% to 40%",
            "kind": "increase",
            "baseline": 0.30,
            "target": 0.40,
            "series": "d30_retention",
        },
        {
            "id": "kr-p95",
            "objective": "o-quality",
            "title": "p95 screen load from 2.4 s to 1.2 s",
            "kind": "decrease",
            "baseline": 2.4,
            "target": 1.2,
            "series": "p95_load_s",
        },
    ],
    [
        {
            "id": "kpi-crash-free",
            "name": "Crash-free sessions",
            "kind": "at_least",
            "target": 0.995,
            "thresholds": {"green": 0.995, "yellow": 0.99},
            "frequency": "monthly",
            "series": "crash_free",
        },
        {
            "id": "kpi-activation",
            "name": "Sign-up to activation",
            "kind": "at_least",
            "target": 0.5,
            "thresholds": {"green": 0.5, "yellow": 0.42},
            "frequency": "monthly",
            "series": "activation",
        },
    ],
    "2025-01-01",
    "2025-12-31",
    "2025",
)
PRODUCT_ROWS = (
    _monthly("wau", "2025-01", [12100, 12900, 13200, 13650, 14800, 15050, 15900, 16450])
    + _monthly("d30_retention", "2025-01", [0.30, 0.305, 0.31, 0.325, 0.33, 0.34, 0.345, 0.35])
    + _monthly("p95_load_s", "2025-01", [2.4, 2.3, 2.1, 2.0, 1.8, 1.75, 1.6, 1.55])
    + _monthly("crash_free", "2025-01", [0.989, 0.991, 0.992, 0.994, 0.993, 0.995, 0.996, 0.996])
    + _monthly("activation", "2025-01", [0.41, 0.42, 0.44, 0.43, 0.45, 0.47, 0.46, 0.48])
)

# Strategy: a balanced scorecard. Four perspectives, a group and two
# divisions, objectives and KPIs per perspective, critical success factors
# measured by KPIs; history Jan-Jun 2025 (the operating margin from Jan 2024),
# scored at the end of June.
STRATEGY_MODEL = _m(
    "Strategy map 2025",
    [
        {
            "id": "o-profit",
            "title": "Grow profitably",
            "unit": "group",
            "perspective": "financial",
            "type": "committed",
        },
        {
            "id": "o-loyal",
            "title": "Be the customers' first choice",
            "unit": "group",
            "perspective": "customer",
            "type": "aspirational",
            "aligns_to": [{"objective": "o-profit"}],
        },
        {
            "id": "o-delivery",
            "title": "Deliver fast and right",
            "unit": "retail",
            "perspective": "internal",
            "type": "committed",
            "aligns_to": [{"objective": "o-loyal"}],
        },
        {
            "id": "o-skills",
            "title": "Build digital skills",
            "unit": "online",
            "perspective": "learning",
            "type": "committed",
            "aligns_to": [{"objective": "o-delivery"}],
        },
    ],
    [
        {
            "id": "kr-margin",
            "objective": "o-profit",
            "title": "Operating margin from 8% to 11%",
            "kind": "increase",
            "baseline": 0.08,
            "target": 0.11,
            "series": "op_margin",
        },
        {
            "id": "kr-repeat",
            "objective": "o-loyal",
            "title": "Repeat customers from 35% to 45%",
            "kind": "increase",
            "baseline": 0.35,
            "target": 0.45,
            "series": "repeat_share",
        },
        {
            "id": "kr-lead",
            "objective": "o-delivery",
            "title": "Order lead time from 5 to 3 days",
            "kind": "decrease",
            "baseline": 5,
            "target": 3,
            "series": "lead_time_days",
        },
        {
            "id": "kr-certified",
            "objective": "o-skills",
            "title": "Staff certified in analytics 10% → 40%",
            "kind": "increase",
            "baseline": 0.10,
            "target": 0.40,
            "series": "certified",
        },
    ],
    [
        {
            "id": "kpi-growth",
            "name": "Revenue growth (YoY)",
            "unit": "group",
            "perspective": "financial",
            "kind": "at_least",
            "target": 0.08,
            "thresholds": {"green": 0.08, "yellow": 0.05},
            "frequency": "monthly",
            "series": "rev_growth",
        },
        {
            "id": "kpi-nps-retail",
            "name": "NPS (stores)",
            "unit": "retail",
            "perspective": "customer",
            "kind": "at_least",
            "target": 40,
            "thresholds": {"green": 40, "yellow": 30},
            "frequency": "monthly",
            "series": "nps_retail",
        },
        {
            "id": "kpi-nps-online",
            "name": "NPS (online)",
            "unit": "online",
            "perspective": "customer",
            "kind": "at_least",
            "target": 40,
            "thresholds": {"green": 40, "yellow": 30},
            "frequency": "monthly",
            "series": "nps_online",
        },
        {
            "id": "kpi-otif",
            "name": "Orders on time in full",
            "unit": "retail",
            "perspective": "internal",
            "kind": "at_least",
            "target": 0.95,
            "thresholds": {"green": 0.95, "yellow": 0.9},
            "frequency": "monthly",
            "series": "otif",
        },
        {
            "id": "kpi-uptime",
            "name": "Web shop availability",
            "unit": "online",
            "perspective": "internal",
            "kind": "at_least",
            "target": 0.999,
            "thresholds": {"green": 0.999, "yellow": 0.995},
            "frequency": "monthly",
            "series": "uptime",
        },
        {
            "id": "kpi-training",
            "name": "Training hours per person",
            "unit": "online",
            "perspective": "learning",
            "kind": "at_least",
            "target": 20,
            "thresholds": {"green": 20, "yellow": 12},
            "frequency": "monthly",
            "series": "training_h",
        },
    ],
    "2025-01-01",
    "2025-12-31",
    "2025",
    units=[
        {"id": "group", "name": "Group", "kind": "company"},
        {"id": "retail", "name": "Retail stores", "parent": "group", "kind": "division"},
        {"id": "online", "name": "Online shop", "parent": "group", "kind": "division"},
    ],
    perspectives=[
        {"id": "financial", "name": "Financial", "weight": 0.3},
        {"id": "customer", "name": "Customer", "weight": 0.3},
        {"id": "internal", "name": "Internal process", "weight": 0.2},
        {"id": "learning", "name": "Learning & growth", "weight": 0.2},
    ],
    csfs=[
        {
            "id": "csf-delivery",
            "name": "Reliable delivery",
            "unit": "retail",
            "objective": "o-loyal",
            "measured_by": [{"kpi": "kpi-otif", "weight": 2}, "kpi-nps-retail"],
        },
        {
            "id": "csf-digital",
            "name": "Digital talent and a shop that is always up",
            "unit": "online",
            "objective": "o-skills",
            "measured_by": ["kpi-training", "kpi-uptime", "kpi-nps-online"],
        },
    ],
)
STRATEGY_ROWS = (
    _monthly(
        "op_margin",
        "2024-01",
        [
            0.072,
            0.070,
            0.074,
            0.075,
            0.073,
            0.077,
            0.078,
            0.076,
            0.079,
            0.080,
            0.078,
            0.081,
            0.081,
            0.083,
            0.082,
            0.086,
            0.088,
            0.093,
        ],
    )
    + _monthly("repeat_share", "2025-01", [0.35, 0.36, 0.36, 0.37, 0.38, 0.385])
    + _monthly("lead_time_days", "2025-01", [5.0, 4.8, 4.7, 4.3, 4.2, 4.0])
    + _monthly("certified", "2025-01", [0.10, 0.12, 0.15, 0.17, 0.18, 0.20])
    + _monthly("rev_growth", "2025-01", [0.05, 0.055, 0.06, 0.07, 0.072, 0.078])
    + _monthly("nps_retail", "2025-01", [31, 33, 34, 36, 37, 39])
    + _monthly("nps_online", "2025-01", [42, 41, 43, 44, 44, 45])
    + _monthly("otif", "2025-01", [0.88, 0.89, 0.91, 0.92, 0.92, 0.93])
    + _monthly("uptime", "2025-01", [0.9992, 0.9985, 0.9994, 0.9991, 0.9996, 0.9993])
    + _monthly("training_h", "2025-01", [6, 8, 11, 12, 14, 15])
)


SCENARIOS: dict[str, list[tuple[str, str]]] = {
    "scenario-marketing": scenario(
        "Marketing: awareness and qualified leads",
        "Traffic up 40% (a target relative to the baseline), and a conversion-rate KPI "
        "that must stay at least 10%.",
        _m(
            "Marketing Q2 2025",
            [
                {
                    "id": "o-mkt",
                    "title": "Increase brand awareness and qualified leads",
                    "type": "aspirational",
                }
            ],
            [
                {
                    "id": "kr-traffic",
                    "objective": "o-mkt",
                    "title": "Organic traffic +40%",
                    "kind": "increase",
                    "baseline": 50000,
                    "target": "+40%",
                    "series": "sessions",
                },
                {
                    "id": "kr-leads",
                    "objective": "o-mkt",
                    "title": "800 qualified leads",
                    "kind": "increase",
                    "baseline": 0,
                    "target": 800,
                    "series": "leads_cum",
                },
            ],
            [
                {
                    "id": "kpi-conv",
                    "name": "Visitor-to-lead conversion",
                    "kind": "at_least",
                    "target": 0.10,
                    "thresholds": {"green": 0.10, "yellow": 0.08},
                    "frequency": "monthly",
                    "series": "conversion",
                }
            ],
            "2025-04-01",
            "2025-06-30",
            "2025-Q2",
        ),
        [
            ("sessions", "2025-04-30", 56500.0),
            ("sessions", "2025-05-31", 61800.0),
            ("leads_cum", "2025-04-30", 240.0),
            ("leads_cum", "2025-05-31", 520.0),
            ("conversion", "2025-04-30", 0.085),
            ("conversion", "2025-05-31", 0.093),
        ],
        "2025-05-31",
        "sessions",
        70000.0,
    ),
    "scenario-finance": scenario(
        "Finance: budget and liquidity",
        "Keep the budget execution rate inside [0.95, 1.05] (a *range* target) and the "
        "current ratio at least 1.5.",
        _m(
            "Finance FY2025",
            [{"id": "o-fin", "title": "Spend to plan and stay liquid", "type": "committed"}],
            [
                {
                    "id": "kr-opex",
                    "objective": "o-fin",
                    "title": "Cut opex from 4.0M to 3.6M",
                    "kind": "decrease",
                    "baseline": 4.0e6,
                    "target": 3.6e6,
                    "series": "opex_run_rate",
                }
            ],
            [
                {
                    "id": "kpi-budget",
                    "name": "Budget execution rate",
                    "kind": "range",
                    "lo": 0.95,
                    "hi": 1.05,
                    "frequency": "monthly",
                    "series": "budget_exec",
                },
                {
                    "id": "kpi-current",
                    "name": "Current ratio",
                    "kind": "at_least",
                    "target": 1.5,
                    "thresholds": {"green": 1.5, "yellow": 1.2},
                    "frequency": "quarterly",
                    "series": "current_ratio",
                },
            ],
            "2025-01-01",
            "2025-12-31",
            "2025",
        ),
        [
            ("opex_run_rate", "2025-03-31", 3.95e6),
            ("opex_run_rate", "2025-06-30", 3.82e6),
            ("budget_exec", "2025-03-31", 0.91),
            ("budget_exec", "2025-06-30", 0.98),
            ("current_ratio", "2025-03-31", 1.31),
            ("current_ratio", "2025-06-30", 1.44),
        ],
        "2025-06-30",
        "opex_run_rate",
        3.6e6,
    ),
    "scenario-project": scenario(
        "Project: launch on time",
        "A project objective scored by milestones (weighted share done) and an on-time "
        "delivery KPI.",
        _m(
            "New production line",
            [{"id": "o-line", "title": "Launch the new production line", "type": "committed"}],
            [
                {
                    "id": "kr-milestones",
                    "objective": "o-line",
                    "title": "Line launched",
                    "kind": "milestone",
                    "milestones": [
                        {"title": "Equipment ordered", "weight": 1, "done": True},
                        {"title": "Installed", "weight": 2, "done": True},
                        {"title": "Staff trained", "weight": 1, "done": False},
                        {"title": "First batch shipped", "weight": 2, "done": False},
                    ],
                },
                {
                    "id": "kr-yield",
                    "objective": "o-line",
                    "title": "First-pass yield from 80% to 95%",
                    "kind": "increase",
                    "baseline": 0.80,
                    "target": 0.95,
                    "series": "yield",
                },
            ],
            [
                {
                    "id": "kpi-otd",
                    "name": "On-time delivery of work packages",
                    "kind": "at_least",
                    "target": 0.9,
                    "thresholds": {"green": 0.9, "yellow": 0.8},
                    "frequency": "monthly",
                    "series": "on_time",
                }
            ],
            "2025-04-01",
            "2025-09-30",
            "2025-Q2",
        ),
        [
            ("yield", "2025-05-31", 0.84),
            ("yield", "2025-06-30", 0.88),
            ("on_time", "2025-05-31", 0.82),
            ("on_time", "2025-06-30", 0.86),
        ],
        "2025-06-30",
        "on_time",
        0.9,
    ),
    "scenario-product": scenario(
        "Product: a weekly habit on a stable app",
        "A product team's year: grow weekly active users and day-30 retention, cut "
        "the p95 screen load time (a *decrease* target), and keep crash-free sessions "
        "and activation healthy. Eight months of history; will the user target be "
        "reached by December?",
        PRODUCT_MODEL,
        PRODUCT_ROWS,
        "2025-08-31",
        "crash_free",
        0.995,
    )
    + forecast_cells(
        "wau",
        20000.0,
        4,
        model="AAN",
        what="Holt's linear trend on weekly actives, four months ahead "
        "(September to December): the table shows the point forecast, "
        "80% and 95% intervals and the probability of reaching 20 000.",
    )
    + forecast_cells(
        "p95_load_s",
        1.2,
        4,
        model="AAdN",
        direction="lower",
        what="The load time must come *down* to 1.2 s: a damped trend, and the "
        "probability that December is at or below the target.",
    ),
    "scenario-strategy": scenario(
        "Strategy: a balanced scorecard",
        "A retailer's strategy map on the four balanced-scorecard perspectives "
        "(financial, customer, internal process, learning & growth): objectives aligned "
        "bottom-up, KPIs per unit and perspective, and critical success factors (CSFs) "
        "scored from the KPIs that measure them.",
        STRATEGY_MODEL,
        STRATEGY_ROWS,
        "2025-06-30",
        "otif",
        0.95,
    )
    + [
        (
            "md",
            "## Perspectives and critical success factors\n\nMean score of the "
            "objectives and KPIs of each unit in each perspective, and the CSFs with "
            "the health of their KPIs:",
        ),
        ("code", "ax = plot.heatmap(sc)"),
        (
            "code",
            "csfs = frame[frame.kind == 'csf']\n"
            "assert len(csfs) == 2 and csfs['attainment'].notna().all()\n"
            "csfs[['unit', 'attainment', 'health']]",
        ),
        (
            "code",
            "by_persp = {k.id: k.perspective for k in model.kpis}\n"
            "kpis = frame[frame.kind == 'kpi'].assign(perspective=lambda d: d.index.map(by_persp))\n"
            "kpis.groupby(['perspective', 'health'], observed=True).size().unstack(fill_value=0)",
        ),
    ]
    + forecast_cells(
        "op_margin",
        0.11,
        6,
        model="AAdN",
        what="The financial key result: will the operating margin reach 11% by "
        "December? A damped trend (margins do not grow for ever), six months "
        "ahead.",
    ),
}


_FIND_EXAMPLES = (
    "root = Path.cwd()\n"
    "while not (root / 'examples' / 'acme.json').exists():\n"
    "    root = root.parent\n"
    "model = okrkit.load_model(str(root / 'examples' / 'acme.json'))\n"
    "data = okrkit.load_measurements(str(root / 'examples' / 'acme-measurements.csv'))\n"
)

LINT = [
    (
        "md",
        "# SMART lint\n\nCheck the bundled example for goals that are not Specific, "
        "Measurable, Achievable, Relevant and Time-bound (see `docs/lint.md`).",
    ),
    (
        "code",
        "from pathlib import Path\nimport okrkit\nfrom okrkit.lint import lint, rules\n\n"
        + _FIND_EXAMPLES
        + "rules().head(10)",
    ),
    (
        "md",
        "Lint with the measurements as of 1 June 2025. With data, the model is scored with "
        "the forecast on: `A001` fires where the probability of reaching the target by the "
        "due date is below 0.5 (committed) or 0.2 (aspirational); `A002` where the target "
        "needs more than 3x the trend. The two `M006` are cumulative counts without traffic "
        'lights. All are deliberate (docs/lint.md, "The bundled example").',
    ),
    (
        "code",
        "report = lint(model, data, as_of='2025-06-01')\n"
        "report.to_frame()[['rule', 'node', 'severity', 'message']]",
    ),
    (
        "md",
        "The probabilities come from the scorecard's outlook; here they are beside the "
        "projected values:",
    ),
    (
        "code",
        "sc = okrkit.evaluate(model, data, '2025-06-01', outlook=True)\n"
        "sc.to_frame().loc[['kr-traffic', 'kr-response', 'kr-fcr'],\n"
        "                  ['value', 'target', 'projected_value', 'probability']]",
    ),
    (
        "md",
        "Switch a rule off for one node, in the model itself, or lint from a scorecard you "
        "already have (`outlook=sc`); `forecast=False` keeps only the trend rule.",
    ),
    (
        "code",
        "model.lint_disable = {'kpi-articles': ['M006'], 'kr-traffic': ['A001']}\n"
        "report = lint(model, as_of='2025-06-01', outlook=sc)\n"
        "report.to_frame()[['rule', 'node', 'severity']]",
    ),
    ("code", "print(report.to_sarif()[:400])"),
]

APPRAISAL = [
    (
        "md",
        "# Appraisal\n\nCombine KPI / OKR scores from the scorecard with calibrated "
        "multi-rater rubric ratings (see `docs/appraisal.md`).",
    ),
    (
        "code",
        "from pathlib import Path\nimport pandas as pd\nimport okrkit\n"
        "from okrkit.appraisal import appraise, person_scores\n\n"
        + _FIND_EXAMPLES
        + "ratings = pd.read_csv(root / 'examples' / 'acme-ratings.csv')\nratings.head()",
    ),
    (
        "md",
        "KPI and OKR score per person (node owner) from the scorecard at the end of Q2: "
        "the weighted mean attainment of the KPIs they own, and of the objectives they own "
        "in a cycle overlapping Q2. `kpi_from` / `okr_from` name the nodes behind each number.",
    ),
    ("code", "person_scores(model, data=data, as_of='2025-06-30')"),
    (
        "code",
        "raw = appraise(ratings, model=model, data=data, as_of='2025-06-30')\n"
        "raw.to_frame()[['person', 'kpi_score', 'okr_score', 'self', 'manager', 'peer', "
        "'report', 'competency', 'final_score', 'band']]",
    ),
    (
        "md",
        "Calibrate each rater against their own ratings (z-score) and compare. `raters` "
        "shows every rater's mean, SD and treatment.",
    ),
    (
        "code",
        "cal = appraise(ratings, model=model, data=data, as_of='2025-06-30', "
        "calibration='z_score')\ncal.raters",
    ),
    (
        "code",
        "pd.DataFrame({'raw': raw.to_frame().set_index('person')['final_score'],\n"
        "              'z_score': cal.to_frame().set_index('person')['final_score']})",
    ),
    ("md", "Hand-entered scores override the computed ones, person by person and cell by cell:"),
    (
        "code",
        "scores = pd.read_csv(root / 'examples' / 'acme-scores.csv')\n"
        "appraise(ratings, scores, model, data=data, as_of='2025-06-30')"
        ".to_frame()[['person', 'kpi_score', 'okr_score', 'final_score']]",
    ),
    (
        "md",
        "The distribution report compares actual band shares with a target — it never "
        "moves anyone between bands.",
    ),
    (
        "code",
        "a = appraise(ratings, model=model, data=data, as_of='2025-06-30',\n"
        "             bands={'top': 0.8, 'middle': 0.5, 'low': 0.0},\n"
        "             target_distribution={'top': 0.2, 'middle': 0.7, 'low': 0.1})\n"
        "a.distribution[a.distribution['unit'] == '*']",
    ),
]


def _load(scenario: str, as_of: str) -> str:
    """Cell source: find examples/scenarios/<scenario>, load model + data, score."""
    return (
        "from pathlib import Path\nimport numpy as np\nimport pandas as pd\n"
        "import okrkit\nfrom okrkit import plot\n\n"
        "root = Path.cwd()\n"
        "while not (root / 'examples' / 'scenarios').exists():\n"
        "    root = root.parent\n"
        f"here = root / 'examples' / 'scenarios' / {scenario!r}\n"
        "model = okrkit.load_model(str(here / 'model.json'))\n"
        "data = okrkit.load_measurements(str(here / 'measurements.csv'))\n"
        f"as_of = {as_of!r}\n"
        "sc = okrkit.evaluate(model, data, as_of, outlook=True)\n"
        "print(model.name, '|', len(model.people), 'people,', len(model.units), 'units,',\n"
        "      len(okrkit.measurements_to_frame(data)), 'measurements')"
    )


_DATA_NOTE = (
    "The data were generated once by `examples/generate_scenarios.py` (seeded; "
    "the script's docstring describes the organisation) and are committed under "
    "`examples/scenarios/`."
)

SALES_REVIEW = [
    (
        "md",
        "# Sales: a mid-quarter review at 华辰科技\n\n"
        "Huachen Technology (华辰科技) sells through four regions — 华东 (east), 华南 "
        "(south), 华北 (north) and 西部 (west) — with 120 reps. It is Friday 13 June 2025, "
        "eleven weeks into Q2, and the sales VP reviews the quarter: where do we stand, "
        "which region is at risk and why, will we make the number, and what do we do now? "
        + _DATA_NOTE,
    ),
    ("code", _load("sales", "2025-06-13")),
    (
        "md",
        "## Where we stand\n\nThe objective tree: the company objective with the four "
        "regional objectives aligned to it (weighted by their revenue targets), and the "
        "key results under each, coloured by status.",
    ),
    ("code", "ax = plot.objective_tree(sc, title='华辰科技 · 第二季度目标（截至 6 月 13 日）')"),
    (
        "code",
        "frame = sc.to_frame()\n"
        "krs = frame[frame.kind == 'key_result']\n"
        "krs[['value', 'target', 'attainment', 'expected', 'status', 'probability']]",
    ),
    (
        "md",
        "Eleven of thirteen weeks are gone, so linear progress expects 81% of every "
        "target. The west region is the one behind: both its revenue and its new "
        "customers are at about 65%.\n\n## What is at risk, and why\n\nThe rep-level data "
        "(`reps.csv`) shows what happened: the west's weekly revenue dropped in May.",
    ),
    (
        "code",
        "reps = pd.read_csv(here / 'reps.csv', parse_dates=['week'])\n"
        "weekly = reps.pivot_table(index='week', columns='region', values='revenue', "
        "aggfunc='sum')\n"
        "active = reps[reps.revenue > 0].groupby(['region', reps.week.dt.month]).rep.nunique()"
        ".unstack()\n"
        "active  # reps with revenue, per month: two western reps stopped selling in May",
    ),
    (
        "code",
        "before = weekly.loc['2025-04-01':'2025-05-08'].mean()\n"
        "after = weekly.loc['2025-05-09':].mean()\n"
        "pd.DataFrame({'weekly revenue before 9 May': before, 'after': after, "
        "'change': after / before - 1}).round(2)",
    ),
    (
        "md",
        "Is the drop a real change or bad luck? An XmR chart of the west's weekly revenue "
        "separates the signal from the usual week-to-week noise: a point beyond the "
        "limits, or eight points in a row below the centre line, is a change in the process.",
    ),
    ("code", "ax = plot.control_chart(weekly['west'], title='西部区 每周营收', unit='万元')"),
    (
        "code",
        "from okrkit import trend\n\n"
        "x = trend.xmr(weekly['west'])\n"
        "print(f'centre {x.centre:.0f} 万元 a week, limits {x.lower:.0f} to {x.upper:.0f}; '\n"
        "      f'{len(x.beyond_limits)} points beyond the limits, {len(x.one_side_run)} in a run')",
    ),
    (
        "md",
        "Not yet a signal: weekly revenue is noisy, and five lower weeks are not a run of "
        "eight. The control chart says *not proven*; the rep data says *why* — two reps "
        "gone — and the burn-up says *how much it costs*. A review needs all three.",
    ),
    (
        "md",
        "## Will we make the number?\n\nThe burn-up of the west's revenue key result: "
        "the actual cumulative revenue, the expected (linear) path to the target and an "
        "exponential-smoothing forecast of the remaining weeks, with its 80% and 95% "
        "intervals. `probability` in the table above is the chance the forecast gives "
        "to reaching the target by the end of the quarter.",
    ),
    (
        "code",
        "from okrkit import forecast as fc\n\n"
        "west = plot.series_from_store(data, 'revenue_west')\n"
        "q2 = west.loc['2025-04-01':]\n"
        "res = fc.fit(west.to_numpy(), model='ANN')\n"
        "h = 2  # weeks left: 20 and 27 June\n"
        "table = res.forecast(h, level=(80, 95))\n"
        "cum = table.copy()\n"
        "for col in cum.columns:  # a cumulative fan: the sum of the weekly forecasts\n"
        "    cum[col] = q2.sum() + table['mean'].cumsum() - table['mean'] + table[col]\n"
        "cum.index = pd.date_range(q2.index[-1], periods=h + 1, freq='W-FRI')[1:]\n"
        "target = next(k for k in model.key_results if k.id == 'kr-west-revenue').target"
        ".absolute_target\n"
        "ax = plot.kr_burnup(q2.cumsum(), target=target, baseline=0.0, start='2025-04-01',\n"
        "                    due='2025-06-30', forecast=cum,\n"
        "                    title='西部区 第二季度营收 (万元)', unit='累计营收（万元）')",
    ),
    (
        "code",
        "gap = target - q2.sum()\n"
        "print(f'west: {q2.sum():,.0f} 万元 of {target:,.0f}; needs {gap:,.0f} in 2 weeks '\n"
        "      f'= {gap / 2:,.0f} per week against {after[\"west\"]:,.0f} per week since 9 May')",
    ),
    (
        "md",
        "## Win rates: a KPI to watch\n\nThe regional win-rate KPIs (won / closed deals, "
        "a ratio of sums per month) against the 28% target:",
    ),
    (
        "code",
        "kpis = frame[frame.kind == 'kpi']\n"
        "ax = plot.okr_progress(sc, kind='kpi', title='赢单率 KPI（目标 28%）')",
    ),
    (
        "md",
        "## What to do\n\n`okrkit.lint` checks the model and the data for problems a "
        "review should hear about (rules in `docs/lint.md`):",
    ),
    (
        "code",
        "from okrkit import lint\n\n"
        "report = lint.lint(model, data=data, as_of=as_of)\n"
        "report.to_frame()[['rule', 'severity', 'node', 'message']].head(10)",
    ),
    (
        "md",
        "The review's conclusions: the company number is on track only because the north "
        "over-delivers; the west needs about twice its current weekly run rate to make "
        "its target, which the forecast gives little chance — re-plan the west's target "
        "or move accounts, and replace the two reps who left.",
    ),
]

SERVICE_REVIEW = [
    (
        "md",
        "# Service: spring review at آسان‌پرداخت\n\n"
        "Asan Pardakht's customer service runs three contact centres — Tehran, Mashhad "
        "and Shiraz — with 100 agents. The cycle is spring 1404 (21 March to 21 June "
        "2025, Solar Hijri quarter `1404-Q1`); the review is on 10 June. Titles and units "
        "are in Persian: the tables lay them out right to left, the plots shape and order "
        "them with the Noto fonts. " + _DATA_NOTE,
    ),
    ("code", _load("service", "2025-06-10")),
    ("md", "## Where we stand"),
    ("code", "ax = plot.objective_tree(sc, title='اهداف پشتیبانی — ۲۰ خرداد ۱۴۰۴')"),
    (
        "code",
        "frame = sc.to_frame()\n"
        "frame[frame.kind == 'key_result'][['value', 'target', 'attainment', 'expected', "
        "'status']]",
    ),
    (
        "md",
        "Tehran is on track. The backlog key results of Mashhad and Shiraz are off track: "
        "their queues grew instead of shrinking, and Shiraz's customer satisfaction fell. "
        "\n\n## Why: a change in Shiraz\n\nThe daily first-response time of each centre, "
        "as an XmR chart. Shiraz moved to a new ticketing system on 5 May (15 Ordibehesht): "
        "from then on the points run above the centre line and cross the upper limit — a "
        "shift in the process, not noise.",
    ),
    (
        "code",
        "frt = plot.series_from_store(data, 'first_response_shiraz')\n"
        "ax = plot.control_chart(frt.loc['2025-03-21':], title='زمان اولین پاسخ — مرکز شیراز',\n"
        "                        unit='دقیقه')",
    ),
    (
        "code",
        "from okrkit import trend\n\n"
        "x = trend.xmr(frt.loc['2025-03-21':])\n"
        "flag = x.points(frt.loc['2025-03-21':])\n"
        "first = flag[flag.beyond_limits | flag.one_side_run].index.min()\n"
        "print(f'centre {x.centre:.1f} min, limits {x.lower:.1f}..{x.upper:.1f}; '\n"
        "      f'first signal on {first:%Y-%m-%d}')",
    ),
    (
        "md",
        "Mashhad's problem is different: its response times are stable, but it closes "
        "slightly fewer tickets than arrive every day, so the queue grows steadily.",
    ),
    (
        "code",
        "backlog = pd.DataFrame({c: plot.series_from_store(data, f'backlog_{c}')\n"
        "                        for c in ['tehran', 'mashhad', 'shiraz']})\n"
        "weekly = backlog.resample('W').last()\n"
        "ax = weekly.plot(figsize=(7, 3.5), title='Open tickets at the end of each week')\n"
        "ax.set_ylabel('تیکت')\nax.figure.set_layout_engine('constrained')",
    ),
    (
        "md",
        "## Will the backlog key result make it?\n\nThe company backlog key result "
        "(decrease from 1,900 to 500 open tickets by 21 June), with the plan, the "
        "expected path and a forecast of the next 11 days:",
    ),
    (
        "code",
        "from okrkit import forecast as fc\n\n"
        "total = plot.series_from_store(data, 'backlog_total')\n"
        "res = fc.fit(total.loc['2025-03-21':].to_numpy(), model='AAN')\n"
        "table = res.forecast(11, level=(80, 95))\n"
        "table.index = pd.date_range(total.index[-1], periods=12, freq='D')[1:]\n"
        "p = res.probability_of_reaching(500.0, h=11, direction='lower')\n"
        "ax = plot.kr_burnup(total.loc['2025-03-21':], target=500.0, baseline=1900.0,\n"
        "                    start='2025-03-21', due='2025-06-21', forecast=table,\n"
        "                    title=f'تیکت‌های باز — P(target) = {p:.0%}', unit='تیکت')",
    ),
    ("md", "## What to do\n\nLint findings for the review:"),
    (
        "code",
        "from okrkit import lint\n\n"
        "report = lint.lint(model, data=data, as_of=as_of)\n"
        "report.to_frame()[['rule', 'severity', 'node', 'message']].head(10)",
    ),
    (
        "md",
        "Conclusions: roll back or fix the Shiraz ticketing workflow (the control chart "
        "dates the change to the switch-over); add capacity in Mashhad, where the backlog "
        "grows by itself; the company backlog target of 500 is out of reach this cycle — "
        "say so now rather than on 21 June.",
    ),
]

PEOPLE_REVIEW = [
    (
        "md",
        "# People: the Q2 appraisal at Northwind Logistics\n\n"
        "Northwind Logistics has four departments (Operations, Sales, Finance, Technology) "
        "and 60 people. Each person owns one KPI, measured weekly; at the end of Q2 each "
        "is rated on five rubric criteria by themselves, their manager and two or three "
        "peers. The appraisal combines the KPI and OKR scores with the ratings "
        "(`docs/appraisal.md`). " + _DATA_NOTE,
    ),
    (
        "code",
        _load("people", "2025-06-30") + "\n"
        "ratings = pd.read_csv(here / 'ratings.csv')\n"
        "ratings.groupby('role').rater.nunique()",
    ),
    (
        "md",
        "## Where we stand: the KPIs\n\nEach person's KPI attainment for the quarter, by "
        "department (100% = at or above their target):",
    ),
    (
        "code",
        "frame = sc.to_frame()\n"
        "kpis = frame[frame.kind == 'kpi']\n"
        "units = {u.id: u.name for u in model.units}\n"
        "by_unit = kpis.groupby('unit').attainment.describe()[['count', 'mean', 'min', 'max']]\n"
        "by_unit.index = [units[u] for u in by_unit.index]\nby_unit",
    ),
    (
        "code",
        "import matplotlib.pyplot as plt\n\n"
        "fig, ax = plt.subplots(figsize=(7, 3.2), layout='constrained')\n"
        "for i, (u, g) in enumerate(kpis.groupby('unit')):\n"
        "    ax.scatter(g.attainment, np.full(len(g), i) + np.linspace(-0.2, 0.2, len(g)),\n"
        "               s=14, color=plot.PALETTE[i])\n"
        "ax.set_yticks(range(kpis.unit.nunique()), [units[u] for u in sorted(kpis.unit.unique())])\n"
        "ax.set_xlabel('KPI attainment, Q2'); ax.set_title('One point per person')",
    ),
    (
        "md",
        "## The raters: who is lenient, who is severe?\n\nEvery rater's mean rating. "
        "Two managers stand out: Sales' manager rates about a point above everybody "
        "else, Finance's nearly a point below. Without calibration, a Sales employee "
        "would beat an equally good Finance employee on ratings alone.",
    ),
    (
        "code",
        "from okrkit.appraisal import appraise, person_scores\n\n"
        "raw = appraise(ratings, model=model, data=data, as_of=as_of)\n"
        "cal = appraise(ratings, model=model, data=data, as_of=as_of, calibration='z_score')\n"
        "cal.raters.sort_values('mean').iloc[[0, 1, -2, -1]]",
    ),
    (
        "code",
        "# the managers, and the five most lenient and five most severe peers\n"
        "r = cal.raters.assign(lean=cal.raters['mean'] - 3)\n"
        "heads = r.rater.str.endswith('-head')\n"
        "shown = pd.concat([r[heads], r[~heads].nlargest(5, 'lean'), r[~heads].nsmallest(5, 'lean')])\n"
        "ax = plot.calibration(shown, title='Rater leniency before and after z-score calibration')",
    ),
    (
        "md",
        "## The calibrated appraisal\n\nFinal score = 60% KPI + 20% OKR + 20% competency "
        "(the default weights). Calibration moves the Sales and Finance people the most:",
    ),
    (
        "code",
        "compare = pd.DataFrame({\n"
        "    'unit': raw.to_frame().set_index('person').unit,\n"
        "    'raw': raw.to_frame().set_index('person').final_score,\n"
        "    'calibrated': cal.to_frame().set_index('person').final_score})\n"
        "compare.groupby('unit')[['raw', 'calibrated']].mean().rename(index=units).round(3)",
    ),
    (
        "code",
        "fig, ax = plt.subplots(figsize=(5, 5), layout='constrained')\n"
        "for i, (u, g) in enumerate(compare.dropna().groupby('unit')):\n"
        "    ax.scatter(g.raw, g.calibrated, s=16, color=plot.PALETTE[i], label=units[u])\n"
        "lo, hi = compare[['raw', 'calibrated']].min().min(), compare[['raw', 'calibrated']].max().max()\n"
        "ax.plot([lo, hi], [lo, hi], color='#6e7781', lw=0.8)\n"
        "ax.set_xlabel('final score, raw ratings'); ax.set_ylabel('final score, calibrated')\n"
        "ax.legend(fontsize='small'); ax.set_title('Who moves with calibration')",
    ),
    (
        "md",
        "## The distribution\n\nActual band shares against a target distribution — a "
        "report for the calibration meeting; okrkit never moves anybody between bands.",
    ),
    (
        "code",
        "a = appraise(ratings, model=model, data=data, as_of=as_of, calibration='z_score',\n"
        "             bands={'top': 0.9, 'solid': 0.75, 'developing': 0.0},\n"
        "             target_distribution={'top': 0.2, 'solid': 0.6, 'developing': 0.2})\n"
        "d = a.distribution\nd[d.unit == '*']",
    ),
    (
        "md",
        "Conclusions: calibrate (z-score) before the meeting — the Sales manager's "
        "leniency and the Finance manager's severity otherwise decide a quarter of the "
        "ratings; the top band is over-full against the target distribution, which is a "
        "question for the meeting, not for the tool.",
    ),
]


def main(names: list[str] | None = None) -> None:
    """Write every notebook, or only ``names`` (e.g. ``lint appraisal``)."""
    books = {
        "quickstart": nb(QUICKSTART, requires=("okrkit.forecast",)),
        "bulk-scorecards": nb(BULK),
        "lint": nb(LINT),
        "appraisal": nb(APPRAISAL),
    }
    books.update({k: nb(v) for k, v in SCENARIOS.items()})
    books.update(
        {
            "scenario-sales": nb(SALES_REVIEW),
            "scenario-service": nb(SERVICE_REVIEW),
            "scenario-people": nb(PEOPLE_REVIEW),
        }
    )
    for name, book in books.items():
        if names and name not in names:
            continue
        nbformat.validate(book)
        nbformat.write(book, HERE / f"{name}.ipynb")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:] or None)
