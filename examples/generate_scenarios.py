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
           in ``reps.csv``). The west region loses two senior reps in May.
service/   آسان‌پرداخت (Asan Pardakht) customer service, three contact centres,
           104 people, daily tickets, first response, first-contact resolution
           and backlog over spring 1404 (Solar Hijri). Shiraz moves to a new
           ticketing system on 2025-05-05 and its response times shift.
people/    Northwind Logistics, four departments, 60 people: a per-person KPI
           (weekly) for 2025-H1 and the Q2 rubric ratings (self, manager,
           peers) in ``ratings.csv``; two managers rate far more leniently or
           severely than the rest.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

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


def _fridays(first: str, last: str) -> list[dt.date]:
    d, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    out = []
    while d <= end:
        out.append(d)
        d += dt.timedelta(days=7)
    return out


def _days(first: str, last: str) -> list[dt.date]:
    d, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    out = []
    while d <= end:
        out.append(d)
        d += dt.timedelta(days=1)
    return out


def _num(x: float) -> str:
    return f"{x:.4g}" if abs(x) < 1 else f"{x:.6g}"


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
    series: dict[str, list[tuple[dt.date, float, Any, Any]]] = {}
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
    _write_json(out / "model.json", model)
    rows = [[s, d.isoformat(), _num(v), n, dd] for s, pts in series.items() for d, v, n, dd in pts]
    _write_csv(
        out / "measurements.csv", ["series", "date", "value", "numerator", "denominator"], rows
    )
    _write_csv(
        out / "reps.csv",
        ["rep", "region", "week", "revenue", "won", "lost", "new_customers"],
        rep_rows,
    )


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


def _fa_name(rng: np.random.Generator) -> str:
    return f"{rng.choice(_FA_FIRST)} {rng.choice(_FA_LAST)}"


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
    series: dict[str, list[tuple[dt.date, float, Any, Any]]] = {}
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
    _write_json(out / "model.json", model)
    rows = [
        [s, d.isoformat(), _num(float(v)), n, dd]
        for s, pts in series.items()
        for d, v, n, dd in pts
    ]
    _write_csv(
        out / "measurements.csv", ["series", "date", "value", "numerator", "denominator"], rows
    )


# --- 3. people appraisal ------------------------------------------------------

_EN_FIRST = [
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
_EN_LAST = [
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

    def name() -> str:
        while True:
            n = f"{rng.choice(_EN_FIRST)} {rng.choice(_EN_LAST)}"
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
    _write_json(out / "model.json", model)
    _write_csv(
        out / "measurements.csv", ["series", "date", "value", "numerator", "denominator"], rows
    )
    _write_csv(
        out / "ratings.csv",
        ["person", "cycle", "rater", "role", "criterion", "rating", "comment"],
        ratings,
    )


SCENARIOS = {"sales": sales, "service": service, "people": people}

if __name__ == "__main__":
    for name in sys.argv[1:] or list(SCENARIOS):
        SCENARIOS[name]()
        print(f"wrote {OUT / name}")
