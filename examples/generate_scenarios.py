"""Generate the scenario data sets of the notebooks (examples/scenarios/).

    python examples/generate_scenarios.py          # rewrite every scenario
    python examples/generate_scenarios.py sales    # only the named ones

The output is committed; run this only to change a scenario. Every random draw
comes from ``numpy.random.default_rng(SEED + k)`` (k = the scenario's number),
and the values are rounded before they are written, so a rerun with the same
numpy reproduces the files byte for byte. The organisations are invented; the
numbers follow typical shapes (lognormal deal sizes, Poisson ticket arrivals,
Likert ratings with rater leniency) so the review story has something to find.

Scenarios (each a folder with ``model.json`` and ``measurements.csv``):

sales/     华辰科技 (Huachen Technology), four sales regions, 125 people,
           weekly revenue, deals and new customers for 2025-H1 (rep-level rows
           in ``reps.csv``, and ``rep-template.json``: the one-rep model the
           bulk notebook scores every rep with). The west region loses two
           senior reps in May.
service/   آسان‌پرداخت (Asan Pardakht) customer service, three contact centres,
           104 people, daily tickets, first response, first-contact resolution
           and backlog over spring 1404 (Solar Hijri). Shiraz moves to a new
           ticketing system on 2025-05-05 and its response times shift.
people/    Northwind Logistics, four departments, 60 people: a per-person KPI
           (weekly) for 2025-H1 and the Q2 rubric ratings (self, manager,
           peers) in ``ratings.csv``; two managers rate far more leniently or
           severely than the rest.
marketing/ Brightwave Foods marketing, five channel teams, 42 people: weekly
           sessions, leads and spend per channel for 2025-H1 (Q2 cycle, review
           13 June). The paid-social budget is halved on 9 May.
finance/   Keller & Voss Industrie GmbH (German), eight cost centres, 50 people:
           weekly budget execution (spend / budget) per cost centre, DSO, cash
           and current ratio. IT's cloud migration overruns from April.
project/   Harbour Works' Line 3 launch, six workstreams, 46 people: weekly
           cumulative tasks done, first-pass yield, open defects and on-time
           work packages. Automation slips when a PLC vendor is late (week 9).
product/   Lumo, a consumer app, six squads, 49 people: weekly actives, D30
           retention, p95 load time, crash-free sessions and activation for
           2025-01..09 (Q3 cycle). Release 5.0 on 25 July is faster but crashes
           more for four weeks.
strategy/  Grupo Alameda (Spanish), a retailer's balanced scorecard: five store
           regions and two functions, 60 people, weekly sales, NPS and OTIF per
           region and group measures for 2025-H1; the south's new warehouse
           keeps its OTIF low.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, Callable

import numpy as np

HERE = Path(__file__).resolve().parent
OUT = HERE / "scenarios"
SEED = 20250401


def _write_json(path: Path, obj: dict[str, Any]) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def _dates(first: str, last: str, step: int) -> list[dt.date]:
    """Every ``step``-th day from ``first`` to ``last`` (inclusive)."""
    d, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    out = []
    while d <= end:
        out.append(d)
        d += dt.timedelta(days=step)
    return out


def _fridays(first: str, last: str) -> list[dt.date]:
    return _dates(first, last, 7)


def _days(first: str, last: str) -> list[dt.date]:
    return _dates(first, last, 1)


def _num(x: float) -> str:
    return f"{x:.4g}" if abs(x) < 1 else f"{x:.6g}"


Series = dict[str, list[tuple[dt.date, float, Any, Any]]]  # series -> (date, value, num, den)
_MEASUREMENTS_HEADER = ["series", "date", "value", "numerator", "denominator"]


def _rows(series: Series) -> list[list[Any]]:
    return [[s, d.isoformat(), _num(v), n, dd] for s, pts in series.items() for d, v, n, dd in pts]


def _save(out: Path, model: dict[str, Any], series: Series | list[list[Any]]) -> None:
    """Write ``model.json`` and ``measurements.csv`` (from a series mapping, or
    from rows already in the file's shape)."""
    out.mkdir(parents=True, exist_ok=True)
    _write_json(out / "model.json", model)
    rows = _rows(series) if isinstance(series, dict) else series
    _write_csv(out / "measurements.csv", _MEASUREMENTS_HEADER, rows)


def _namer(first: list[str], last: list[str]) -> Callable[[np.random.Generator], str]:
    """A random "first last" name drawn from these lists (bound here, so a later
    list of the same name elsewhere in this file cannot change what is drawn)."""

    def name(rng: np.random.Generator) -> str:
        return f"{rng.choice(first)} {rng.choice(last)}"

    return name


# --- 1. sales (Chinese) -------------------------------------------------------

_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾")
_GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志")


def _zh_name(rng: np.random.Generator) -> str:
    n = 1 + int(rng.random() < 0.6)
    return str(rng.choice(_SURNAMES)) + "".join(str(rng.choice(_GIVEN)) for _ in range(n))


def sales() -> None:
    rng = np.random.default_rng(SEED + 1)
    out = OUT / "sales"
    out.mkdir(parents=True, exist_ok=True)
    regions = [  # id, name, reps, mean weekly revenue per rep (万元), Q2 target, new-customer target
        ("east", "华东区", 38, 11.0, 6800, 150),
        ("south", "华南区", 32, 10.5, 6000, 140),
        ("north", "华北区", 28, 10.0, 5600, 115),
        ("west", "西部区", 22, 9.0, 4200, 110),
    ]
    weeks = _fridays("2025-01-03", "2025-06-13")  # Q1 as history, Q2 to 13 June
    people = [{"id": "p-vp", "name": _zh_name(rng), "unit": "huachen"}]
    rep_rows: list[list[Any]] = []
    series: Series = {}
    for rid, _, n, mean, _, _ in regions:
        people.append({"id": f"p-{rid}-head", "name": _zh_name(rng), "unit": rid})
        skill = rng.lognormal(0.0, 0.35, n)  # reps differ; a few carry the region
        for i in range(n):
            people.append({"id": f"{rid}-{i + 1:03d}", "name": _zh_name(rng), "unit": rid})
        leavers = {int(j) for j in np.argsort(skill)[-2:]} if rid == "west" else set()
        tot_rev, tot_won, tot_closed, tot_new = [], [], [], []
        for w, day in enumerate(weeks):
            season = 1.0 + 0.012 * w + (0.08 if day.month == 6 else 0.0)
            r_rev = r_won = r_closed = r_new = 0.0
            for i in range(n):
                if i in leavers and day >= dt.date(2025, 5, 9):
                    continue  # the two best western reps left in May
                closed = int(rng.poisson(2.2 * season))
                won = int(rng.binomial(closed, min(0.9, 0.27 * skill[i] ** 0.3)))
                rev = float(
                    np.round(
                        sum(rng.lognormal(np.log(mean * skill[i] / 0.6), 0.5) for _ in range(won)),
                        1,
                    )
                )
                new = int(rng.binomial(won, 0.45))
                rep_rows.append(
                    [f"{rid}-{i + 1:03d}", rid, day.isoformat(), rev, won, closed - won, new]
                )
                r_rev += rev
                r_won += won
                r_closed += closed
                r_new += new
            tot_rev.append(r_rev)
            tot_won.append(r_won)
            tot_closed.append(r_closed)
            tot_new.append(r_new)
        series[f"revenue_{rid}"] = [(d, round(v, 1), "", "") for d, v in zip(weeks, tot_rev)]
        series[f"new_customers_{rid}"] = [(d, v, "", "") for d, v in zip(weeks, tot_new)]
        series[f"win_rate_{rid}"] = [
            (d, round(wn / cl, 4) if cl else 0.0, int(wn), int(cl))
            for d, wn, cl in zip(weeks, tot_won, tot_closed)
        ]
    series["revenue_total"] = [
        (d, round(sum(series[f"revenue_{r[0]}"][k][1] for r in regions), 1), "", "")
        for k, d in enumerate(weeks)
    ]
    model: dict[str, Any] = {
        "okrkit": 1,
        "name": "华辰科技 · 销售中心 2025 年第二季度",
        "units": [{"id": "huachen", "name": "华辰科技", "kind": "company"}]
        + [{"id": r[0], "name": r[1], "parent": "huachen", "kind": "region"} for r in regions],
        "people": people,
        "cycles": [{"id": "q2", "period": "2025-Q2", "start": "2025-04-01", "end": "2025-06-30"}],
        "perspectives": [
            {"id": "financial", "name": "财务", "weight": 0.6},
            {"id": "customer", "name": "客户", "weight": 0.4},
        ],
        "objectives": [
            {
                "id": "o-company",
                "title": "扩大营收与客户基础",
                "owner": "p-vp",
                "unit": "huachen",
                "cycle": "q2",
                "perspective": "financial",
            }
        ]
        + [
            {
                "id": f"o-{r[0]}",
                "title": f"{r[1]}：完成季度销售目标",
                "owner": f"p-{r[0]}-head",
                "unit": r[0],
                "cycle": "q2",
                "aligns_to": [{"objective": "o-company", "weight": r[4]}],
                "perspective": "financial",
            }
            for r in regions
        ],
        "key_results": [
            {
                "id": "kr-revenue",
                "objective": "o-company",
                "title": f"季度营收达到 {sum(r[4] for r in regions)} 万元",
                "owner": "p-vp",
                "kind": "increase",
                "baseline": 0,
                "target": sum(r[4] for r in regions),
                "measure_unit": "万元",
                "series": "revenue_total",
                "aggregation": "sum",
            }
        ]
        + [
            kr
            for r in regions
            for kr in (
                {
                    "id": f"kr-{r[0]}-revenue",
                    "objective": f"o-{r[0]}",
                    "title": f"{r[1]}季度营收 {r[4]} 万元",
                    "owner": f"p-{r[0]}-head",
                    "kind": "increase",
                    "baseline": 0,
                    "target": r[4],
                    "measure_unit": "万元",
                    "series": f"revenue_{r[0]}",
                    "aggregation": "sum",
                    "weight": 2,
                },
                {
                    "id": f"kr-{r[0]}-new",
                    "objective": f"o-{r[0]}",
                    "title": f"{r[1]}新增客户 {r[5]} 家",
                    "owner": f"p-{r[0]}-head",
                    "kind": "increase",
                    "baseline": 0,
                    "target": r[5],
                    "measure_unit": "家",
                    "series": f"new_customers_{r[0]}",
                    "aggregation": "sum",
                },
            )
        ],
        "kpis": [
            {
                "id": f"kpi-{r[0]}-win-rate",
                "name": f"{r[1]}赢单率",
                "owner": f"p-{r[0]}-head",
                "unit": r[0],
                "measure_unit": "比例",
                "frequency": "monthly",
                "kind": "at_least",
                "target": 0.28,
                "thresholds": {"green": 0.28, "yellow": 0.24},
                "series": f"win_rate_{r[0]}",
                "aggregation": "ratio",
                "perspective": "customer",
            }
            for r in regions
        ],
    }
    _save(out, model, series)
    _write_csv(
        out / "reps.csv",
        ["rep", "region", "week", "revenue", "won", "lost", "new_customers"],
        rep_rows,
    )
    _write_json(out / "rep-template.json", _rep_template(regions))


def _rep_template(regions: list[tuple[Any, ...]]) -> dict[str, Any]:
    """One rep's Q2 scorecard: the model every rep is scored with in the bulk
    notebook (docs/notebooks/bulk-scorecards.ipynb, series from reps.csv). The
    targets are the regions' targets per rep, rounded: no random draws, so the
    other sales files do not move."""
    reps = sum(r[2] for r in regions)
    revenue = round(sum(r[4] for r in regions) / reps / 10) * 10  # 万元 per rep
    new = round(sum(r[5] for r in regions) / reps)
    return {
        "okrkit": 1,
        "name": "华辰科技 · 销售代表季度目标（模板）",
        "units": [{"id": "rep", "name": "销售代表", "kind": "team"}],
        "people": [{"id": "p-rep", "name": "销售代表", "unit": "rep"}],
        "cycles": [{"id": "q2", "period": "2025-Q2", "start": "2025-04-01", "end": "2025-06-30"}],
        "objectives": [
            {
                "id": "o-rep",
                "title": "完成个人季度销售目标",
                "owner": "p-rep",
                "unit": "rep",
                "cycle": "q2",
            }
        ],
        "key_results": [
            {
                "id": "kr-revenue",
                "objective": "o-rep",
                "title": f"季度营收 {revenue} 万元",
                "owner": "p-rep",
                "kind": "increase",
                "baseline": 0,
                "target": revenue,
                "measure_unit": "万元",
                "series": "revenue",
                "aggregation": "sum",
                "weight": 2,
            },
            {
                "id": "kr-new",
                "objective": "o-rep",
                "title": f"新增客户 {new} 家",
                "owner": "p-rep",
                "kind": "increase",
                "baseline": 0,
                "target": new,
                "measure_unit": "家",
                "series": "new_customers",
                "aggregation": "sum",
            },
        ],
        "kpis": [
            {
                "id": "kpi-win-rate",
                "name": "赢单率",
                "owner": "p-rep",
                "unit": "rep",
                "measure_unit": "比例",
                "frequency": "quarterly",
                "kind": "at_least",
                "target": 0.28,
                "thresholds": {"green": 0.28, "yellow": 0.24},
                "series": "win_rate",
                "aggregation": "ratio",
            }
        ],
    }


# --- 2. customer service (Persian) -------------------------------------------

_FA_FIRST = [
    "علی",
    "مریم",
    "رضا",
    "زهرا",
    "حسین",
    "فاطمه",
    "محمد",
    "سارا",
    "امیر",
    "نرگس",
    "مهدی",
    "لیلا",
    "حمید",
    "الهام",
    "سعید",
    "نازنین",
    "پویا",
    "شیرین",
    "کاوه",
    "ژاله",
]
_FA_LAST = [
    "احمدی",
    "کریمی",
    "حسینی",
    "رضایی",
    "موسوی",
    "محمدی",
    "جعفری",
    "صادقی",
    "رحیمی",
    "کاظمی",
    "نوری",
    "قاسمی",
    "یزدانی",
    "شریفی",
    "طاهری",
    "بهرامی",
]


_fa_name = _namer(_FA_FIRST, _FA_LAST)


def service() -> None:
    rng = np.random.default_rng(SEED + 2)
    out = OUT / "service"
    out.mkdir(parents=True, exist_ok=True)
    centres = [  # id, name, agents, tickets per day, first response (min), FCR
        ("tehran", "مرکز تهران", 45, 620, 11.0, 0.74),
        ("mashhad", "مرکز مشهد", 30, 400, 13.0, 0.71),
        ("shiraz", "مرکز شیراز", 25, 330, 12.0, 0.72),
    ]
    days = _days("2025-02-01", "2025-06-10")
    people = [{"id": "p-head", "name": _fa_name(rng), "unit": "asan"}]
    series: Series = {}
    backlog_total = np.zeros(len(days))
    for cid, _, n, load, frt, fcr in centres:
        people.append({"id": f"p-{cid}-lead", "name": _fa_name(rng), "unit": cid})
        people += [
            {"id": f"{cid}-{i + 1:03d}", "name": _fa_name(rng), "unit": cid} for i in range(n)
        ]
        backlog = 600.0 if cid != "mashhad" else 700.0
        tickets, resp, res_first, csat_ok, csat_n, bl = [], [], [], [], [], []
        for k, d in enumerate(days):
            weekday = d.weekday()  # Friday (4) is the Iranian weekend: fewer tickets
            nowruz = dt.date(2025, 3, 20) <= d <= dt.date(2025, 4, 2)
            lam = load * (0.45 if weekday == 4 else 1.0) * (0.6 if nowruz else 1.0)
            t = int(rng.poisson(lam))
            shift = 1.0
            if cid == "shiraz" and d >= dt.date(2025, 5, 5):
                shift = 1.45  # new ticketing system: slower first responses
            improve = 1.0 - 0.0015 * k if cid == "tehran" else 1.0
            r = float(np.round(frt * shift * improve * rng.lognormal(0.0, 0.12), 1))
            f_rate = min(0.95, fcr + 0.0006 * k + rng.normal(0, 0.02))
            ok = int(rng.binomial(t, f_rate))
            n_s = int(rng.binomial(t, 0.18))
            sat = int(rng.binomial(n_s, 0.885 if shift == 1.0 else 0.80))
            # Agents close slightly more than arrives (Tehran, Shiraz before its
            # switch) or slightly less (Mashhad, Shiraz after): the backlog drifts.
            pace = {"tehran": 1.006, "mashhad": 0.997, "shiraz": 1.004 if shift == 1.0 else 0.99}[
                cid
            ]
            backlog = max(0.0, backlog + t - rng.poisson(lam * pace))
            tickets.append(t)
            resp.append(r)
            res_first.append(ok)
            csat_ok.append(sat)
            csat_n.append(n_s)
            bl.append(round(backlog))
        backlog_total += np.array(bl, dtype=float)
        series[f"tickets_{cid}"] = [(d, v, "", "") for d, v in zip(days, tickets)]
        series[f"first_response_{cid}"] = [(d, v, "", "") for d, v in zip(days, resp)]
        series[f"fcr_{cid}"] = [
            (d, round(a / b, 4) if b else 0.0, a, b) for d, a, b in zip(days, res_first, tickets)
        ]
        series[f"csat_{cid}"] = [
            (d, round(a / b, 4) if b else 0.0, a, b) for d, a, b in zip(days, csat_ok, csat_n)
        ]
        series[f"backlog_{cid}"] = [(d, v, "", "") for d, v in zip(days, bl)]
    series["backlog_total"] = [(d, int(v), "", "") for d, v in zip(days, backlog_total)]
    tot_t = [sum(series[f"tickets_{c[0]}"][k][1] for c in centres) for k in range(len(days))]
    tot_f = [sum(series[f"fcr_{c[0]}"][k][2] for c in centres) for k in range(len(days))]
    series["fcr_total"] = [(d, round(a / b, 4), a, b) for d, a, b in zip(days, tot_f, tot_t)]
    model: dict[str, Any] = {
        "okrkit": 1,
        "name": "پشتیبانی مشتریان آسان‌پرداخت — بهار ۱۴۰۴",
        "units": [{"id": "asan", "name": "آسان‌پرداخت", "kind": "company"}]
        + [{"id": c[0], "name": c[1], "parent": "asan", "kind": "contact centre"} for c in centres],
        "people": people,
        "cycles": [
            {"id": "spring-1404", "period": "1404-Q1", "start": "2025-03-21", "end": "2025-06-21"}
        ],
        "perspectives": [
            {"id": "customer", "name": "مشتری", "weight": 0.6},
            {"id": "internal", "name": "فرایندهای داخلی", "weight": 0.4},
        ],
        "objectives": [
            {
                "id": "o-service",
                "title": "پاسخ سریع و درست در اولین تماس",
                "owner": "p-head",
                "unit": "asan",
                "cycle": "spring-1404",
                "perspective": "customer",
            },
            {
                "id": "o-backlog",
                "title": "صف تیکت‌های باز را کوتاه کنیم",
                "owner": "p-head",
                "unit": "asan",
                "cycle": "spring-1404",
                "aligns_to": ["o-service"],
                "perspective": "internal",
            },
        ]
        + [
            {
                "id": f"o-{c[0]}",
                "title": f"{c[1]}: پاسخ در کمتر از ۱۵ دقیقه",
                "owner": f"p-{c[0]}-lead",
                "unit": c[0],
                "cycle": "spring-1404",
                "aligns_to": ["o-service"],
                "perspective": "customer",
            }
            for c in centres
        ],
        "key_results": [
            {
                "id": "kr-fcr",
                "objective": "o-service",
                "title": "حل در اولین تماس از ۷۲٪ به ۸۰٪",
                "owner": "p-head",
                "kind": "increase",
                "baseline": 0.72,
                "target": 0.80,
                "measure_unit": "سهم تیکت‌ها",
                "series": "fcr_total",
                "aggregation": "ratio",
            },
            {
                "id": "kr-backlog",
                "objective": "o-backlog",
                "title": "تیکت‌های باز از ۱۹۰۰ به ۵۰۰",
                "owner": "p-head",
                "kind": "decrease",
                "baseline": 1900,
                "target": 500,
                "measure_unit": "تیکت",
                "series": "backlog_total",
            },
        ]
        + [
            kr
            for c in centres
            for kr in (
                {
                    "id": f"kr-{c[0]}-backlog",
                    "objective": f"o-{c[0]}",
                    "title": f"صف {c[1]} زیر ۱۵۰ تیکت",
                    "owner": f"p-{c[0]}-lead",
                    "kind": "decrease",
                    "baseline": 700 if c[0] == "mashhad" else 600,
                    "target": 150,
                    "measure_unit": "تیکت",
                    "series": f"backlog_{c[0]}",
                },
                {
                    "id": f"kr-{c[0]}-csat",
                    "objective": f"o-{c[0]}",
                    "title": f"رضایت مشتری {c[1]} به ۹۰٪",
                    "owner": f"p-{c[0]}-lead",
                    "kind": "increase",
                    "baseline": 0.84,
                    "target": 0.90,
                    "measure_unit": "سهم راضی‌ها",
                    "series": f"csat_{c[0]}",
                    "aggregation": "ratio",
                },
            )
        ],
        "kpis": [
            kpi
            for c in centres
            for kpi in (
                {
                    "id": f"kpi-{c[0]}-frt",
                    "name": f"زمان اولین پاسخ — {c[1]}",
                    "owner": f"p-{c[0]}-lead",
                    "unit": c[0],
                    "measure_unit": "دقیقه",
                    "frequency": "weekly",
                    "kind": "at_most",
                    "target": 15,
                    "thresholds": {"green": 15, "yellow": 20},
                    "series": f"first_response_{c[0]}",
                    "aggregation": "mean",
                    "perspective": "customer",
                },
                {
                    "id": f"kpi-{c[0]}-fcr",
                    "name": f"حل در اولین تماس — {c[1]}",
                    "owner": f"p-{c[0]}-lead",
                    "unit": c[0],
                    "measure_unit": "سهم تیکت‌ها",
                    "frequency": "weekly",
                    "kind": "at_least",
                    "target": 0.78,
                    "thresholds": {"green": 0.78, "yellow": 0.72},
                    "series": f"fcr_{c[0]}",
                    "aggregation": "ratio",
                    "perspective": "internal",
                },
            )
        ],
    }
    _save(out, model, series)


# --- 3. people appraisal ------------------------------------------------------

# The people scenario's own name lists: the marketing and later scenarios define
# _EN_FIRST/_EN_LAST again further down, and a module-level redefinition would
# replace these at call time (it did: people/ was written with these lists, the
# generator then drew other names and every later draw moved).
_PEOPLE_FIRST = [
    "Alex",
    "Bea",
    "Chen",
    "Dana",
    "Eli",
    "Farah",
    "Gus",
    "Hana",
    "Ivan",
    "Jo",
    "Kai",
    "Lena",
    "Mo",
    "Nia",
    "Omar",
    "Pia",
    "Quinn",
    "Rosa",
    "Sam",
    "Tara",
    "Uma",
    "Vic",
    "Wen",
    "Yara",
    "Zed",
]
_PEOPLE_LAST = [
    "Adams",
    "Baker",
    "Costa",
    "Diaz",
    "Evans",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Patel",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Novak",
]
CRITERIA = ["ownership", "collaboration", "communication", "customer_focus", "growth"]


def people() -> None:
    rng = np.random.default_rng(SEED + 3)
    out = OUT / "people"
    out.mkdir(parents=True, exist_ok=True)
    depts = [  # id, name, staff, KPI name, unit, kind, weekly target, leniency of the manager
        ("ops", "Operations", 20, "On-time shipments", "share of shipments", "ratio", 0.95, 0.0),
        ("sales", "Sales", 14, "Weekly bookings", "k€", "sum", 12.0, 0.9),
        (
            "finance",
            "Finance",
            12,
            "Invoices paid within terms",
            "share of invoices",
            "ratio",
            0.92,
            -0.8,
        ),
        ("tech", "Technology", 14, "Tickets resolved", "tickets", "sum", 18.0, 0.1),
    ]
    weeks = _fridays("2025-01-03", "2025-06-27")
    names: set[str] = set()
    draw = _namer(_PEOPLE_FIRST, _PEOPLE_LAST)

    def name() -> str:
        while True:
            n = draw(rng)
            if n not in names:
                names.add(n)
                return n

    people_: list[dict[str, Any]] = [{"id": "p-ceo", "name": name(), "unit": "northwind"}]
    objectives: list[dict[str, Any]] = [
        {
            "id": "o-company",
            "title": "Deliver reliably and profitably",
            "owner": "p-ceo",
            "unit": "northwind",
            "cycle": "q2",
        }
    ]
    krs: list[dict[str, Any]] = []
    kpis: list[dict[str, Any]] = []
    rows: list[list[Any]] = []
    ratings: list[list[Any]] = []
    true_perf: dict[str, float] = {}
    members: dict[str, list[str]] = {}
    for did, dname, n, kname, munit, agg, target, _ in depts:
        head = f"p-{did}-head"
        people_.append({"id": head, "name": name(), "unit": did})
        staff = [f"{did}-{i + 1:02d}" for i in range(n)]
        members[did] = staff
        for pid in staff:
            people_.append({"id": pid, "name": name(), "unit": did})
        objectives.append(
            {
                "id": f"o-{did}",
                "title": f"{dname}: hit the service levels",
                "owner": head,
                "unit": did,
                "cycle": "q2",
                "aligns_to": ["o-company"],
            }
        )
        krs.append(
            {
                "id": f"kr-{did}",
                "objective": f"o-{did}",
                "title": f"{dname}: every person at their {kname.lower()} target",
                "owner": head,
                "kind": "increase",
                "baseline": 0.3,
                "target": 0.6,
                "measure_unit": "share of people",
                "series": f"{did}_at_target",
            }
        )
        at_target = np.zeros(len(weeks))
        for pid in staff:
            perf = float(np.clip(rng.normal(1.0, 0.12), 0.7, 1.3))  # true level vs target
            true_perf[pid] = perf
            for k, d in enumerate(weeks):
                if agg == "ratio":
                    den = int(rng.poisson(40))
                    p = float(np.clip(target * (0.93 + 0.07 * perf) + rng.normal(0, 0.02), 0, 1))
                    num = int(rng.binomial(den, p))
                    rows.append(
                        [f"kpi_{pid}", d.isoformat(), _num(num / den if den else 0.0), num, den]
                    )
                    hit = den > 0 and num / den >= target
                else:
                    v = float(np.round(max(0.0, rng.normal(target * perf, target * 0.18)), 1))
                    rows.append([f"kpi_{pid}", d.isoformat(), _num(v), "", ""])
                    hit = v >= target
                at_target[k] += hit
            kpis.append(
                {
                    "id": f"kpi-{pid}",
                    "name": f"{kname} ({pid})",
                    "owner": pid,
                    "unit": did,
                    "measure_unit": munit,
                    "frequency": "quarterly",
                    "kind": "at_least",
                    "target": target if agg == "ratio" else round(target * 13, 1),
                    "series": f"kpi_{pid}",
                    "aggregation": agg,
                }
            )
        for k, d in enumerate(weeks):
            rows.append(
                [f"{did}_at_target", d.isoformat(), _num(round(at_target[k] / n, 4)), "", ""]
            )
    # Ratings for Q2: self, the manager, two or three peers from the same department.
    peer_bias = {p["id"]: float(rng.normal(0, 0.25)) for p in people_}
    for did, _, _, _, _, _, _, lenient in depts:
        head = f"p-{did}-head"
        staff = members[did]
        for pid in staff:
            level = 3.0 + 2.2 * (true_perf[pid] - 1.0) / 0.12 * 0.35  # about 2..4 on 1..5
            peers = rng.choice(
                [s for s in staff if s != pid], size=int(rng.integers(2, 4)), replace=False
            )
            raters = [(pid, "self", 0.5), (head, "manager", lenient)] + [
                (str(q), "peer", peer_bias[str(q)]) for q in peers
            ]
            for rater, role, bias in raters:
                for c in CRITERIA:
                    x = level + bias + rng.normal(0, 0.45)
                    ratings.append([pid, "q2", rater, role, c, int(np.clip(np.rint(x), 1, 5)), ""])
    model: dict[str, Any] = {
        "okrkit": 1,
        "name": "Northwind Logistics — Q2 2025 review",
        "units": [{"id": "northwind", "name": "Northwind Logistics", "kind": "company"}]
        + [{"id": d[0], "name": d[1], "parent": "northwind", "kind": "department"} for d in depts],
        "people": people_,
        "cycles": [{"id": "q2", "period": "2025-Q2", "start": "2025-04-01", "end": "2025-06-30"}],
        "objectives": objectives,
        "key_results": krs,
        "kpis": kpis,
    }
    _save(out, model, rows)
    _write_csv(
        out / "ratings.csv",
        ["person", "cycle", "rater", "role", "criterion", "rating", "comment"],
        ratings,
    )


# --- shared helpers of the scenarios below ---------------------------------------

_EN_FIRST = (
    "Alex Amira Ben Chloe Daniel Elena Farid Grace Hugo Ines Jonas Kemi Liam Maya Noah "
    "Olivia Priya Quentin Rosa Sam Tara Umar Vera Will Yara Zoe Aisha Bruno Carmen Dev"
).split()
_EN_LAST = (
    "Okafor Schmidt Nguyen Patel Rossi Kowalski Haddad Silva Jensen Murphy Tanaka Novak "
    "Garcia Brennan Ivanova Mensah Larsen Costa Weber Ahmed Moreau Fischer Kim Lopez"
).split()


_en_name = _namer(_EN_FIRST, _EN_LAST)


def _team(
    rng: np.random.Generator,
    unit: str,
    n: int,
    name: Callable[[np.random.Generator], str] = _en_name,
) -> list[dict[str, str]]:
    """The head (``p-<unit>-head``) and ``n`` members of one unit."""
    out = [{"id": f"p-{unit}-head", "name": name(rng), "unit": unit}]
    out += [{"id": f"{unit}-{i + 1:02d}", "name": name(rng), "unit": unit} for i in range(n)]
    return out


# --- 4. marketing -------------------------------------------------------------


def marketing() -> None:
    rng = np.random.default_rng(SEED + 4)
    weeks = _fridays("2025-01-03", "2025-06-13")  # Q1 as history, Q2 to 13 June
    cut = dt.date(2025, 5, 9)  # the paid-social budget is halved from this week on
    teams = [  # id, name, people, weekly sessions, visit-to-lead rate, weekly spend (EUR)
        ("content", "Content & SEO", 9, 9000.0, 0.018, 4000.0),
        ("paid", "Paid search", 6, 6500.0, 0.030, 18000.0),
        ("social", "Social", 8, 5200.0, 0.024, 9000.0),
        ("lifecycle", "Lifecycle & email", 6, 3000.0, 0.050, 2000.0),
        ("events", "Events & partners", 7, 1200.0, 0.070, 6000.0),
    ]
    people = [{"id": "p-cmo", "name": _en_name(rng), "unit": "marketing"}]
    series: Series = {}
    tot_s = np.zeros(len(weeks))
    tot_l = np.zeros(len(weeks))
    tot_c = np.zeros(len(weeks))
    for tid, _, n, sessions, rate, spend in teams:
        people += _team(rng, tid, n)
        s_pts, l_pts, c_pts = [], [], []
        for w, day in enumerate(weeks):
            growth = 1.0 + (0.03 * w if tid == "content" else 0.004 * w)
            sh = 0.55 if tid == "social" and day >= cut else 1.0
            sess = float(rng.poisson(sessions * growth * sh * rng.lognormal(0, 0.08)))
            if tid == "events" and w % 6 == 3:
                sess *= 2.5  # a trade fair every six weeks
            leads = float(rng.binomial(int(sess), rate))
            cost = round(spend * sh * rng.lognormal(0, 0.05), 0)
            s_pts.append((day, sess, "", ""))
            l_pts.append((day, leads, "", ""))
            c_pts.append((day, round(cost / leads, 2) if leads else 0.0, cost, leads))
            tot_s[w] += sess
            tot_l[w] += leads
            tot_c[w] += cost
        series[f"sessions_{tid}"] = s_pts
        series[f"leads_{tid}"] = l_pts
        series[f"cpl_{tid}"] = c_pts
    series["leads_total"] = [(d, float(v), "", "") for d, v in zip(weeks, tot_l)]
    series["conversion"] = [
        (d, round(lv / sv, 4), int(lv), int(sv)) for d, lv, sv in zip(weeks, tot_l, tot_s)
    ]
    series["cpl"] = [
        (d, round(c / lv, 2), int(c), int(lv)) for d, c, lv in zip(weeks, tot_c, tot_l)
    ]
    cpl_targets = {"content": 25, "paid": 85, "social": 55, "lifecycle": 15, "events": 75}
    q2_targets = {"content": 3000, "paid": 2800, "social": 1700, "lifecycle": 2200, "events": 1500}
    model: dict[str, Any] = {
        "okrkit": 1,
        "name": "Brightwave Foods · Marketing Q2 2025",
        "units": [{"id": "marketing", "name": "Marketing", "kind": "department"}]
        + [{"id": t[0], "name": t[1], "parent": "marketing", "kind": "team"} for t in teams],
        "people": people,
        "cycles": [{"id": "q2", "period": "2025-Q2", "start": "2025-04-01", "end": "2025-06-30"}],
        "objectives": [
            {
                "id": "o-pipeline",
                "title": "Fill the sales pipeline with qualified leads",
                "owner": "p-cmo",
                "unit": "marketing",
                "cycle": "q2",
            }
        ]
        + [
            {
                "id": f"o-{t[0]}",
                "title": f"{t[1]}: deliver the quarter's leads",
                "owner": f"p-{t[0]}-head",
                "unit": t[0],
                "cycle": "q2",
                "aligns_to": [{"objective": "o-pipeline", "weight": q2_targets[t[0]]}],
            }
            for t in teams
        ],
        "key_results": [
            {
                "id": "kr-leads",
                "objective": "o-pipeline",
                "title": f"{sum(q2_targets.values()):,} leads in Q2",
                "owner": "p-cmo",
                "kind": "increase",
                "baseline": 0,
                "target": sum(q2_targets.values()),
                "measure_unit": "leads",
                "series": "leads_total",
                "aggregation": "sum",
            },
            {
                "id": "kr-organic",
                "objective": "o-content",
                "title": "Organic sessions from 12 500 to 16 000 a week",
                "owner": "p-content-head",
                "kind": "increase",
                "baseline": 12500,
                "target": 16000,
                "measure_unit": "sessions / week",
                "series": "sessions_content",
                "tracked_by": ["kpi-conversion"],
            },
        ]
        + [
            {
                "id": f"kr-{t[0]}-leads",
                "objective": f"o-{t[0]}",
                "title": f"{t[1]}: {q2_targets[t[0]]:,} leads",
                "owner": f"p-{t[0]}-head",
                "kind": "increase",
                "baseline": 0,
                "target": q2_targets[t[0]],
                "measure_unit": "leads",
                "series": f"leads_{t[0]}",
                "aggregation": "sum",
            }
            for t in teams
        ],
        "kpis": [
            {
                "id": "kpi-conversion",
                "name": "Visit-to-lead conversion",
                "owner": "p-cmo",
                "unit": "marketing",
                "frequency": "weekly",
                "kind": "at_least",
                "target": 0.028,
                "thresholds": {"green": 0.028, "yellow": 0.024},
                "series": "conversion",
                "aggregation": "ratio",
            },
            {
                "id": "kpi-cpl",
                "name": "Cost per lead (EUR)",
                "owner": "p-cmo",
                "unit": "marketing",
                "frequency": "monthly",
                "kind": "at_most",
                "target": 40,
                "thresholds": {"green": 40, "yellow": 45},
                "series": "cpl",
                "aggregation": "ratio",
            },
        ]
        + [
            {
                "id": f"kpi-{t[0]}-cpl",
                "name": f"{t[1]}: cost per lead (EUR)",
                "owner": f"p-{t[0]}-head",
                "unit": t[0],
                "frequency": "monthly",
                "kind": "at_most",
                "target": cpl_targets[t[0]],
                "thresholds": {"yellow": round(1.1 * cpl_targets[t[0]])},
                "series": f"cpl_{t[0]}",
                "aggregation": "ratio",
            }
            for t in teams
        ],
    }
    _save(OUT / "marketing", model, series)


# --- 5. finance (German) ----------------------------------------------------------

_DE_FIRST = "Anna Ben Clara David Eva Felix Greta Hannah Jan Julia Karl Lena Lukas Marie Max Mia Noah Paul Sophie Tim".split()
_DE_LAST = "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf Schröder Neumann Braun Zimmermann".split()


_de_name = _namer(_DE_FIRST, _DE_LAST)


def finance() -> None:
    rng = np.random.default_rng(SEED + 5)
    weeks = _fridays("2025-01-03", "2025-06-20")
    centres = [  # id, name, people, weekly budget (kEUR), spend drift per week
        ("produktion", "Produktion", 9, 410.0, 0.0),
        ("logistik", "Logistik", 6, 160.0, 0.0),
        ("vertrieb", "Vertrieb", 7, 120.0, 0.0),
        ("marketing", "Marketing", 4, 70.0, 0.0),
        ("it", "IT", 5, 95.0, 0.02),  # a cloud migration overruns from April on
        ("personal", "Personal", 3, 40.0, 0.0),
        ("einkauf", "Einkauf", 4, 35.0, 0.0),
        ("verwaltung", "Verwaltung", 4, 55.0, 0.0),
    ]
    people = [{"id": "p-cfo", "name": _de_name(rng), "unit": "kv"}]
    series: Series = {}
    for cid, _, n, budget, drift in centres:
        people += _team(rng, cid, n, _de_name)
        pts = []
        for w, day in enumerate(weeks):
            over = 1.0 + (drift * (w - 13) if drift and w >= 13 else 0.0)
            spend = round(budget * over * rng.lognormal(0.0, 0.04), 1)
            pts.append((day, round(spend / budget, 4), spend, budget))
        series[f"exec_{cid}"] = pts
    # Days sales outstanding: 54 days in January, collections work brings it
    # down slowly; cash and the current ratio follow the quarter's payments.
    dso, cash, ratio = [], [], []
    for w, day in enumerate(weeks):
        dso.append((day, round(54 - 0.35 * w + rng.normal(0, 1.0), 1), "", ""))
        cash.append((day, round(8.2 + 0.06 * w + rng.normal(0, 0.35), 2), "", ""))
        ratio.append((day, round(1.32 + 0.006 * w + rng.normal(0, 0.03), 3), "", ""))
    series["dso_days"] = dso
    series["cash_meur"] = cash
    series["current_ratio"] = ratio
    model: dict[str, Any] = {
        "okrkit": 1,
        "name": "Keller & Voss Industrie GmbH · Finanzen Q2 2025",
        "units": [{"id": "kv", "name": "Keller & Voss", "kind": "company"}]
        + [{"id": c[0], "name": c[1], "parent": "kv", "kind": "cost centre"} for c in centres],
        "people": people,
        "cycles": [{"id": "q2", "period": "2025-Q2", "start": "2025-04-01", "end": "2025-06-30"}],
        "perspectives": [
            {"id": "finanzen", "name": "Finanzen", "weight": 0.6},
            {"id": "prozesse", "name": "Prozesse", "weight": 0.4},
        ],
        "objectives": [
            {
                "id": "o-liquid",
                "title": "Liquidität sichern",
                "owner": "p-cfo",
                "unit": "kv",
                "cycle": "q2",
                "perspective": "finanzen",
            },
            {
                "id": "o-budget",
                "title": "Budgets einhalten",
                "owner": "p-cfo",
                "unit": "kv",
                "cycle": "q2",
                "perspective": "prozesse",
                "aligns_to": [{"objective": "o-liquid"}],
            },
        ],
        "key_results": [
            {
                "id": "kr-dso",
                "objective": "o-liquid",
                "title": "Forderungslaufzeit (DSO) von 50 auf 42 Tage",
                "owner": "p-cfo",
                "kind": "decrease",
                "baseline": 50,
                "target": 42,
                "measure_unit": "Tage",
                "series": "dso_days",
                "tracked_by": ["kpi-current-ratio"],
            },
            {
                "id": "kr-cash",
                "objective": "o-liquid",
                "title": "Liquide Mittel von 9,0 auf 9,8 Mio. EUR",
                "owner": "p-cfo",
                "kind": "increase",
                "baseline": 9.0,
                "target": 9.8,
                "measure_unit": "Mio. EUR",
                "series": "cash_meur",
            },
            {
                "id": "kr-it-budget",
                "objective": "o-budget",
                "title": "IT: Budgetausschöpfung höchstens 105 %",
                "owner": "p-it-head",
                "kind": "at_most",
                "target": 1.05,
                "floor": 1.2,
                "series": "exec_it",
                "aggregation": "ratio",
            },
        ],
        "kpis": [
            {
                "id": "kpi-current-ratio",
                "name": "Liquidität 3. Grades (Current Ratio)",
                "owner": "p-cfo",
                "unit": "kv",
                "frequency": "weekly",
                "kind": "at_least",
                "target": 1.5,
                "thresholds": {"green": 1.5, "yellow": 1.35},
                "series": "current_ratio",
                "perspective": "finanzen",
            }
        ]
        + [
            {
                "id": f"kpi-{c[0]}-budget",
                "name": f"{c[1]}: Budgetausschöpfung",
                "owner": f"p-{c[0]}-head",
                "unit": c[0],
                "frequency": "monthly",
                "kind": "range",
                "lo": 0.95,
                "hi": 1.05,
                "thresholds": {"yellow": 0.05},
                "series": f"exec_{c[0]}",
                "aggregation": "ratio",
                "perspective": "prozesse",
            }
            for c in centres
        ],
    }
    _save(OUT / "finance", model, series)


# --- 6. project -------------------------------------------------------------------


def project() -> None:
    rng = np.random.default_rng(SEED + 6)
    weeks = _fridays("2025-04-04", "2025-07-18")
    streams = [  # id, name, people, tasks in scope, weekly throughput, slip from week
        ("civil", "Civil works", 8, 130, 9.5, None),
        ("equipment", "Equipment & install", 10, 190, 12.5, None),
        ("automation", "Automation & software", 7, 180, 10.0, 7),  # PLC vendor delay
        ("commissioning", "Commissioning", 6, 90, 5.0, None),
        ("quality", "Quality & validation", 5, 95, 5.2, None),
        ("training", "Training & handover", 4, 75, 3.8, None),
    ]
    people = [{"id": "p-pm", "name": _en_name(rng), "unit": "line3"}]
    series: Series = {}
    for sid, _, n, scope, rate, slip in streams:
        people += _team(rng, sid, n)
        done = 0.0
        pts = []
        for w, day in enumerate(weeks):
            r = rate * (0.4 if slip is not None and w >= slip else 1.0)
            if sid == "commissioning" and w < 4:
                r *= 0.3  # starts when equipment lands
            done = min(scope, done + float(rng.poisson(r)))
            pts.append((day, done, "", ""))
        series[f"tasks_{sid}"] = pts
    yld, ontime, defects = [], [], []
    for w, day in enumerate(weeks):
        yld.append((day, round(min(0.97, 0.80 + 0.009 * w + rng.normal(0, 0.012)), 3), "", ""))
        due = int(rng.integers(18, 30))
        hit = int(rng.binomial(due, 0.88 - (0.08 if w >= 8 else 0.0)))
        ontime.append((day, round(hit / due, 4), hit, due))
        defects.append((day, float(max(0, int(40 - 1.2 * w + rng.normal(0, 4)))), "", ""))
    series["first_pass_yield"] = yld
    series["on_time"] = ontime
    series["open_defects"] = defects
    model: dict[str, Any] = {
        "okrkit": 1,
        "name": "Harbour Works · Line 3 launch",
        "units": [{"id": "line3", "name": "Line 3 project", "kind": "project"}]
        + [{"id": s[0], "name": s[1], "parent": "line3", "kind": "workstream"} for s in streams],
        "people": people,
        "cycles": [{"id": "build", "start": "2025-04-01", "end": "2025-08-29"}],
        "objectives": [
            {
                "id": "o-launch",
                "title": "Launch Line 3 on 29 August",
                "owner": "p-pm",
                "unit": "line3",
                "cycle": "build",
            },
            {
                "id": "o-right-first",
                "title": "Ship first batches right first time",
                "owner": "p-quality-head",
                "unit": "quality",
                "cycle": "build",
                "aligns_to": [{"objective": "o-launch"}],
            },
        ]
        + [
            {
                "id": f"o-{s[0]}",
                "title": f"{s[1]}: scope done",
                "owner": f"p-{s[0]}-head",
                "unit": s[0],
                "cycle": "build",
                "aligns_to": [{"objective": "o-launch", "weight": s[3]}],
            }
            for s in streams
        ],
        "key_results": [
            {
                "id": "kr-milestones",
                "objective": "o-launch",
                "title": "Gate milestones passed",
                "owner": "p-pm",
                "kind": "milestone",
                "milestones": [
                    {"title": "Site ready", "weight": 1, "done": True},
                    {"title": "Equipment installed", "weight": 2, "done": True},
                    {"title": "Software FAT passed", "weight": 2, "done": False},
                    {"title": "Staff trained", "weight": 1, "done": False},
                    {"title": "First batch shipped", "weight": 2, "done": False},
                ],
            },
            {
                "id": "kr-yield",
                "objective": "o-right-first",
                "title": "First-pass yield from 80% to 95%",
                "owner": "p-quality-head",
                "kind": "increase",
                "baseline": 0.80,
                "target": 0.95,
                "series": "first_pass_yield",
                "tracked_by": ["kpi-on-time"],
            },
            {
                "id": "kr-defects",
                "objective": "o-right-first",
                "title": "Open defects from 40 to 10",
                "owner": "p-quality-head",
                "kind": "decrease",
                "baseline": 40,
                "target": 10,
                "series": "open_defects",
            },
        ]
        + [
            {
                "id": f"kr-{s[0]}-tasks",
                "objective": f"o-{s[0]}",
                "title": f"{s[1]}: {s[3]} tasks done",
                "owner": f"p-{s[0]}-head",
                "kind": "increase",
                "baseline": 0,
                "target": s[3],
                "measure_unit": "tasks",
                "series": f"tasks_{s[0]}",
            }
            for s in streams
        ],
        "kpis": [
            {
                "id": "kpi-on-time",
                "name": "Work packages on time",
                "owner": "p-pm",
                "unit": "line3",
                "frequency": "weekly",
                "kind": "at_least",
                "target": 0.9,
                "thresholds": {"green": 0.9, "yellow": 0.8},
                "series": "on_time",
                "aggregation": "ratio",
            }
        ],
    }
    _save(OUT / "project", model, series)


# --- 7. product -------------------------------------------------------------------


def product() -> None:
    rng = np.random.default_rng(SEED + 7)
    weeks = _fridays("2025-01-03", "2025-09-12")  # H1 as history, Q3 to 12 September
    squads = [  # id, name, people
        ("growth", "Growth", 8),
        ("onboarding", "Onboarding", 6),
        ("core", "Core experience", 9),
        ("platform", "Platform & performance", 7),
        ("mobile", "Mobile apps", 8),
        ("data", "Data & insights", 5),
    ]
    people = [{"id": "p-cpo", "name": _en_name(rng), "unit": "lumo"}]
    for sq in squads:
        people += _team(rng, sq[0], sq[2])
    series: Series = {}
    release = dt.date(2025, 7, 25)  # v5.0: a faster renderer, and a crash regression
    wau, d30, p95, crash, act = [], [], [], [], []
    level = 12000.0
    for w, day in enumerate(weeks):
        level *= 1.0 + 0.01 + rng.normal(0, 0.006)
        wau.append((day, round(level), "", ""))
        d30.append((day, round(0.30 + 0.0016 * w + rng.normal(0, 0.006), 4), "", ""))
        p95.append(
            (
                day,
                round(
                    max(
                        0.9, 2.4 - 0.025 * w - (0.25 if day >= release else 0) + rng.normal(0, 0.05)
                    ),
                    2,
                ),
                "",
                "",
            )
        )
        sessions = int(rng.integers(90000, 110000))
        bad = 0.004 if day < release or day > dt.date(2025, 8, 22) else 0.011
        crashed = int(rng.binomial(sessions, bad))
        crash.append((day, round(1 - crashed / sessions, 5), sessions - crashed, sessions))
        signups = int(rng.integers(1800, 2400))
        activated = int(rng.binomial(signups, 0.44 + 0.002 * w))
        act.append((day, round(activated / signups, 4), activated, signups))
    series["wau"] = wau
    series["d30_retention"] = d30
    series["p95_load_s"] = p95
    series["crash_free"] = crash
    series["activation"] = act
    model: dict[str, Any] = {
        "okrkit": 1,
        "name": "Lumo · Product Q3 2025",
        "units": [{"id": "lumo", "name": "Lumo", "kind": "product"}]
        + [{"id": s[0], "name": s[1], "parent": "lumo", "kind": "squad"} for s in squads],
        "people": people,
        "cycles": [{"id": "q3", "period": "2025-Q3", "start": "2025-07-01", "end": "2025-09-30"}],
        "objectives": [
            {
                "id": "o-habit",
                "title": "Make Lumo a weekly habit",
                "owner": "p-cpo",
                "unit": "lumo",
                "cycle": "q3",
                "type": "aspirational",
            },
            {
                "id": "o-activate",
                "title": "New users find value in the first week",
                "owner": "p-onboarding-head",
                "unit": "onboarding",
                "cycle": "q3",
                "aligns_to": [{"objective": "o-habit"}],
            },
            {
                "id": "o-quality",
                "title": "A fast, stable app",
                "owner": "p-platform-head",
                "unit": "platform",
                "cycle": "q3",
                "aligns_to": [{"objective": "o-habit"}],
            },
        ],
        "key_results": [
            {
                "id": "kr-wau",
                "objective": "o-habit",
                "title": "Weekly active users from 15 500 to 20 000",
                "owner": "p-growth-head",
                "kind": "increase",
                "baseline": 15500,
                "target": 20000,
                "series": "wau",
                "tracked_by": ["kpi-activation"],
            },
            {
                "id": "kr-d30",
                "objective": "o-habit",
                "title": "Day-30 retention from 34% to 37%",
                "owner": "p-core-head",
                "kind": "increase",
                "baseline": 0.34,
                "target": 0.37,
                "series": "d30_retention",
                "tracked_by": ["kpi-activation"],
            },
            {
                "id": "kr-p95",
                "objective": "o-quality",
                "title": "p95 screen load from 1.8 s to 1.2 s",
                "owner": "p-platform-head",
                "kind": "decrease",
                "baseline": 1.8,
                "target": 1.2,
                "series": "p95_load_s",
                "tracked_by": ["kpi-crash-free"],
            },
            {
                "id": "kr-activation",
                "objective": "o-activate",
                "title": "Activation from 46% to 53%",
                "owner": "p-onboarding-head",
                "kind": "increase",
                "baseline": 0.46,
                "target": 0.53,
                "series": "activation",
                "aggregation": "ratio",
                "tracked_by": ["kpi-activation"],
            },
        ],
        "kpis": [
            {
                "id": "kpi-crash-free",
                "name": "Crash-free sessions",
                "owner": "p-mobile-head",
                "unit": "mobile",
                "frequency": "weekly",
                "kind": "at_least",
                "target": 0.995,
                "thresholds": {"green": 0.995, "yellow": 0.99},
                "series": "crash_free",
                "aggregation": "ratio",
            },
            {
                "id": "kpi-activation",
                "name": "Sign-up to activation",
                "owner": "p-onboarding-head",
                "unit": "onboarding",
                "frequency": "weekly",
                "kind": "at_least",
                "target": 0.5,
                "thresholds": {"green": 0.5, "yellow": 0.45},
                "series": "activation",
                "aggregation": "ratio",
            },
        ],
    }
    _save(OUT / "product", model, series)


# --- 8. strategy (Spanish) --------------------------------------------------------

_ES_FIRST = "Ana Carlos Lucía Javier Marta Pablo Sofía Diego Elena Hugo Laura Mateo Paula Sergio Valeria Andrés".split()
_ES_LAST = "García Martínez López Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Álvarez Romero".split()


_es_name = _namer(_ES_FIRST, _ES_LAST)


def strategy() -> None:
    rng = np.random.default_rng(SEED + 8)
    weeks = _fridays("2025-01-03", "2025-06-27")
    regions = [  # id, name, people, NPS level, OTIF level, weekly sales (kEUR)
        ("norte", "Tiendas Norte", 8, 38.0, 0.93, 820.0),
        ("centro", "Tiendas Centro", 9, 42.0, 0.95, 1100.0),
        ("levante", "Tiendas Levante", 7, 36.0, 0.91, 690.0),
        ("sur", "Tiendas Sur", 8, 33.0, 0.88, 760.0),  # a new warehouse struggles
        ("online", "Tienda online", 10, 45.0, 0.96, 540.0),
    ]
    functions = [("logistica", "Logística", 7), ("personas", "Personas", 4)]
    people = [{"id": "p-ceo", "name": _es_name(rng), "unit": "grupo"}]
    for r in regions:
        people += _team(rng, r[0], r[2], _es_name)
    for f in functions:
        people += _team(rng, f[0], f[2], _es_name)
    series: Series = {}
    for rid, _, _, nps, otif, sales in regions:
        s_pts, n_pts, o_pts = [], [], []
        for w, day in enumerate(weeks):
            s_pts.append((day, round(sales * (1 + 0.003 * w) * rng.lognormal(0, 0.05), 1), "", ""))
            n_pts.append((day, round(nps + 0.12 * w + rng.normal(0, 2.5), 1), "", ""))
            orders = int(rng.integers(900, 1500))
            ok = int(rng.binomial(orders, min(0.995, otif + 0.0015 * w)))
            o_pts.append((day, round(ok / orders, 4), ok, orders))
        series[f"sales_{rid}"] = s_pts
        series[f"nps_{rid}"] = n_pts
        series[f"otif_{rid}"] = o_pts
    margin, repeat, lead, cert, training = [], [], [], [], []
    for w, day in enumerate(weeks):
        margin.append((day, round(0.080 + 0.0006 * w + rng.normal(0, 0.002), 4), "", ""))
        repeat.append((day, round(0.35 + 0.0028 * w + rng.normal(0, 0.006), 4), "", ""))
        lead.append((day, round(5.0 - 0.04 * w + rng.normal(0, 0.12), 2), "", ""))
        cert.append((day, round(min(0.4, 0.10 + 0.004 * w + rng.normal(0, 0.004)), 3), "", ""))
        training.append((day, round(max(0.0, 1.0 + rng.normal(0, 0.35)), 2), "", ""))
    series["op_margin"] = margin
    series["repeat_share"] = repeat
    series["lead_time_days"] = lead
    series["certified"] = cert
    series["training_h"] = training
    kpi: list[dict[str, Any]] = []
    for rid, name, *_ in regions:
        kpi += [
            {
                "id": f"kpi-{rid}-nps",
                "name": f"{name}: NPS",
                "owner": f"p-{rid}-head",
                "unit": rid,
                "frequency": "monthly",
                "kind": "at_least",
                "target": 40,
                "thresholds": {"green": 40, "yellow": 32},
                "series": f"nps_{rid}",
                "aggregation": "mean",
                "perspective": "clientes",
            },
            {
                "id": f"kpi-{rid}-otif",
                "name": f"{name}: pedidos a tiempo y completos",
                "owner": f"p-{rid}-head",
                "unit": rid,
                "frequency": "monthly",
                "kind": "at_least",
                "target": 0.95,
                "thresholds": {"green": 0.95, "yellow": 0.92},
                "series": f"otif_{rid}",
                "aggregation": "ratio",
                "perspective": "procesos",
            },
            {
                "id": f"kpi-{rid}-sales",
                "name": f"{name}: ventas semanales (k€)",
                "owner": f"p-{rid}-head",
                "unit": rid,
                "frequency": "weekly",
                "kind": "at_least",
                "target": round(1.06 * dict((r[0], r[5]) for r in regions)[rid], -1),
                "thresholds": {
                    "yellow": round(0.97 * dict((r[0], r[5]) for r in regions)[rid], -1)
                },
                "series": f"sales_{rid}",
                "perspective": "financiera",
            },
        ]
    kpi.append(
        {
            "id": "kpi-training",
            "name": "Horas de formación por persona y semana",
            "owner": "p-personas-head",
            "unit": "personas",
            "frequency": "monthly",
            "kind": "at_least",
            "target": 1.0,
            "thresholds": {"green": 1.0, "yellow": 0.8},
            "series": "training_h",
            "aggregation": "mean",
            "perspective": "aprendizaje",
        }
    )
    model: dict[str, Any] = {
        "okrkit": 1,
        "name": "Grupo Alameda · Mapa estratégico 2025",
        "units": [{"id": "grupo", "name": "Grupo Alameda", "kind": "company"}]
        + [{"id": r[0], "name": r[1], "parent": "grupo", "kind": "region"} for r in regions]
        + [{"id": f[0], "name": f[1], "parent": "grupo", "kind": "function"} for f in functions],
        "people": people,
        "cycles": [{"id": "h1", "period": "2025-H1", "start": "2025-01-01", "end": "2025-06-30"}],
        "perspectives": [
            {"id": "financiera", "name": "Financiera", "weight": 0.3},
            {"id": "clientes", "name": "Clientes", "weight": 0.3},
            {"id": "procesos", "name": "Procesos internos", "weight": 0.2},
            {"id": "aprendizaje", "name": "Aprendizaje y crecimiento", "weight": 0.2},
        ],
        "objectives": [
            {
                "id": "o-profit",
                "title": "Crecer con rentabilidad",
                "owner": "p-ceo",
                "unit": "grupo",
                "cycle": "h1",
                "perspective": "financiera",
            },
            {
                "id": "o-loyal",
                "title": "Ser la primera opción del cliente",
                "owner": "p-ceo",
                "unit": "grupo",
                "cycle": "h1",
                "perspective": "clientes",
                "type": "aspirational",
                "aligns_to": [{"objective": "o-profit"}],
            },
            {
                "id": "o-delivery",
                "title": "Entregar rápido y bien",
                "owner": "p-logistica-head",
                "unit": "logistica",
                "cycle": "h1",
                "perspective": "procesos",
                "aligns_to": [{"objective": "o-loyal"}],
            },
            {
                "id": "o-skills",
                "title": "Desarrollar talento digital",
                "owner": "p-personas-head",
                "unit": "personas",
                "cycle": "h1",
                "perspective": "aprendizaje",
                "aligns_to": [{"objective": "o-delivery"}],
            },
        ],
        "key_results": [
            {
                "id": "kr-margin",
                "objective": "o-profit",
                "title": "Margen operativo del 8 % al 9,5 %",
                "owner": "p-ceo",
                "kind": "increase",
                "baseline": 0.08,
                "target": 0.095,
                "series": "op_margin",
            },
            {
                "id": "kr-repeat",
                "objective": "o-loyal",
                "title": "Clientes recurrentes del 35 % al 42 %",
                "owner": "p-online-head",
                "kind": "increase",
                "baseline": 0.35,
                "target": 0.42,
                "series": "repeat_share",
            },
            {
                "id": "kr-lead",
                "objective": "o-delivery",
                "title": "Plazo de entrega de 5 a 4 días",
                "owner": "p-logistica-head",
                "kind": "decrease",
                "baseline": 5,
                "target": 4,
                "series": "lead_time_days",
            },
            {
                "id": "kr-certified",
                "objective": "o-skills",
                "title": "Plantilla certificada en analítica del 10 % al 25 %",
                "owner": "p-personas-head",
                "kind": "increase",
                "baseline": 0.10,
                "target": 0.25,
                "series": "certified",
            },
        ],
        "kpis": kpi,
        "csfs": [
            {
                "id": "csf-delivery",
                "name": "Entrega fiable",
                "unit": "logistica",
                "objective": "o-delivery",
                "measured_by": [{"kpi": f"kpi-{r[0]}-otif", "weight": 1} for r in regions],
            },
            {
                "id": "csf-experience",
                "name": "Experiencia de cliente",
                "unit": "grupo",
                "objective": "o-loyal",
                "measured_by": [f"kpi-{r[0]}-nps" for r in regions],
            },
        ],
    }
    _save(OUT / "strategy", model, series)


SCENARIOS = {
    "sales": sales,
    "service": service,
    "people": people,
    "marketing": marketing,
    "finance": finance,
    "project": project,
    "product": product,
    "strategy": strategy,
}

if __name__ == "__main__":
    for name in sys.argv[1:] or list(SCENARIOS):
        SCENARIOS[name]()
        print(f"wrote {OUT / name}")
