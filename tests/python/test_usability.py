"""Traps a new user walks into (issue 15): each test feeds the input that used
to give a silent wrong answer and checks the visible outcome.

Several helpers add sections to this file; each section has its own heading.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import okrkit
from okrkit import _core
from okrkit import scoring as sc
from okrkit.appraisal import appraise
from okrkit.lint import lint

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "bad_inputs"


# --- numbers at the edges ---------------------------------------------------


def _codes(diags: list[dict[str, str]]) -> list[str]:
    return [d["code"] for d in diags]


def test_overflow_span_scores_half_not_zero() -> None:
    # (61000 + 1e308) / (1e308 + 1e308): t - b overflows to inf, which gave 0.
    # Halved first: (30500 + 5e307) / 1e308 = 0.5 exactly.
    r = sc.score_target(kind="increase", baseline=-1e308, target=1e308, value=61000)
    assert r.progress == 0.5
    assert r.attainment == 0.5
    assert r.diagnostics == []
    # the bulk kernel agrees bit for bit
    b = sc.score_bulk(
        kind=["increase"], baseline=[-1e308], target=[1e308], value=[61000.0]
    )
    assert b.progress[0] == 0.5
    # a model file with such a KR (tests/bad_inputs/scoring/overflow_span.json)
    m = okrkit.parse_model(
        (BAD / "scoring" / "overflow_span.json").read_text(), "overflow_span.json"
    )
    s = _core.SeriesStore()
    s.finalize()
    card = sc.evaluate(m, s, dt.date(2025, 5, 16))
    assert card["kr-huge"]["progress"] == 0.5


def test_subnormal_spans() -> None:
    tiny = 5e-324  # the smallest subnormal
    # (2m - m) / (3m - m) = 1/2, exact
    assert (
        sc.score_target(
            kind="increase", baseline=tiny, target=3 * tiny, value=2 * tiny
        ).progress
        == 0.5
    )


@pytest.mark.parametrize("kind", ["at_most", "decrease", "at_least", "increase"])
def test_ratio_method_is_monotone_over_the_real_line(kind: str) -> None:
    # target 100; lower is better (at_most, decrease): t / v, and every v <= 0
    # scores the best, 2 (t / v is undefined there); higher is better: v / t,
    # negative values clamp to 0.
    lower = kind in ("at_most", "decrease")
    grid = sorted(
        {
            -1e308,
            -1e6,
            -1.0,
            -0.001,
            -5e-324,
            0.0,
            5e-324,
            1e-300,
            0.001,
            1.0,
            49.0,
            50.0,
            51.0,
            99.0,
            100.0,
            101.0,
            150.0,
            200.0,
            1e6,
            1e308,
        }
        | {x / 7.0 for x in range(-700, 1400, 13)}
    )
    extra = {"baseline": 150.0} if kind == "decrease" else {}
    ps = [
        sc.score_target(
            kind=kind, method="ratio", target=100, value=v, **extra
        ).progress
        for v in grid
    ]
    assert not any(math.isnan(p) for p in ps)
    pairs = list(zip(ps, ps[1:]))
    if lower:
        assert all(a >= b for a, b in pairs), "lower is better: non-increasing in v"
    else:
        assert all(a <= b for a, b in pairs), "higher is better: non-decreasing in v"
    # hand-worked points
    at = dict(zip(grid, ps))
    if lower:
        assert at[0.0] == 2.0 and at[-0.001] == 2.0  # was 2.0 and 0.0
        assert at[200.0] == 0.5 and at[100.0] == 1.0 and at[50.0] == 2.0
        r = sc.score_target(
            kind=kind, method="ratio", target=100, value=-0.001, **extra
        )
        assert "ratio-nonpositive-value" in _codes(r.diagnostics)
    else:
        assert at[-0.001] == 0.0 and at[50.0] == 0.5 and at[200.0] == 2.0


def _deals_model(target: float) -> object:
    text = (
        (BAD / "scoring" / "cumulative_kr.json")
        .read_text()
        .replace('"target": 250', f'"target": {target}')
    )
    return okrkit.parse_model(text, "cumulative_kr.json")


def test_a002_reads_the_cycle_to_date_value_of_a_sum_kr() -> None:
    # Deals 5, 7, 8, 6 on Jan 10, 20, 31, Feb 10: cycle-to-date 26 (not the
    # last row, 6). Running-total slope 1478 / 2164 = 0.682994 /day; 49 days
    # left to Mar 31. Target 100: (100 - 26) / 49 = 1.51 /day = 2.2x -> quiet.
    # Target 250: (250 - 26) / 49 = 4.57143 /day = 6.69321x -> A002.
    data = okrkit.parse_measurements(
        (BAD / "measurements" / "cumulative_deals.csv").read_text(), "deals.csv"
    )
    quiet = lint(_deals_model(100), data, as_of="2025-02-10")
    assert "A002" not in quiet.rule_ids
    loud = lint(_deals_model(250), data, as_of="2025-02-10")
    msgs = [d.message for d in loud if d.code == "A002"]
    assert msgs == [
        "key result 'kr-deals' needs 4.57143/day, 6.69321 times the trend (0.682994/day)"
    ]


def test_ratio_value_mismatch_names_the_row() -> None:
    # value in percent (1.1, 1.3) beside numerator / denominator fractions
    # (11 / 1000 = 0.011): the ratio of sums (11 + 13 + 12) / 3000 = 0.012 is
    # the value; the first mismatching row (line 2) is named.
    m = okrkit.parse_model(
        (BAD / "scoring" / "ratio_kpi.json").read_text(), "ratio_kpi.json"
    )
    s = okrkit.parse_measurements(
        (BAD / "measurements" / "ratio_value_percent.csv").read_text(), "conv.csv"
    )
    row = sc.evaluate(m, s, dt.date(2025, 5, 31))["kpi-conversion"]
    assert row["value"] == pytest.approx(36 / 3000)
    d = [x for x in row["diagnostics"] if x["code"] == "ratio-value-mismatch"]
    assert len(d) == 1 and d[0]["severity"] == "warning"
    assert d[0]["message"].startswith(
        "series 'conversion' on 2025-05-05: value 1.1 disagrees with numerator / denominator "
        "11 / 1000 = 0.011 (and 1 more row)"
    )


def test_milestone_kr_without_value_has_no_missing_value_warning() -> None:
    # 1 of 2 equally weighted milestones done -> 0.5, no series, no value
    m = okrkit.parse_model(
        (BAD / "scoring" / "milestone_without_value.json").read_text(), "m.json"
    )
    s = _core.SeriesStore()
    s.finalize()
    row = sc.evaluate(m, s, dt.date(2025, 5, 16))["kr-launch"]
    assert row["progress"] == 0.5
    assert "missing-value" not in _codes(row["diagnostics"])


def test_invalid_in_memory_model_is_reported_not_dropped() -> None:
    # k1 (2 of 10) and k2 (8 of 10): objective 0.5. k1.weight = -1 in memory.
    m = okrkit.parse_model(
        (BAD / "scoring" / "two_krs.json").read_text(), "two_krs.json"
    )
    krs = list(m.key_results)
    krs[0].weight = -1
    m.key_results = krs
    s = _core.SeriesStore()
    s.finalize()
    card = sc.evaluate(m, s, dt.date(2025, 5, 16))
    errs = [d for d in card["k1"]["diagnostics"] if d["severity"] == "error"]
    assert [(d["code"], d["node"], d["field"], d["message"]) for d in errs] == [
        ("bad-weight", "k1", "weight", "weight must be > 0 (got -1)")
    ]
    assert "bad-weight" in _codes(card.diagnostics)


def test_pace_forecast_disagreement_in_the_bundled_example() -> None:
    m = okrkit.load_model(str(ROOT / "examples" / "acme.json"))
    s = okrkit.load_measurements(str(ROOT / "examples" / "acme-measurements.csv"))
    card = sc.evaluate(m, s, dt.date(2025, 5, 31), outlook=True)
    row = card["kr-followers"]
    assert row["status"] == "on_track" and row["probability"] < 0.2
    d = [x for x in row["diagnostics"] if x["code"] == "pace-forecast-disagree"]
    assert len(d) == 1 and d[0]["severity"] == "warning"
    assert "P(target)" in d[0]["message"] and "status_from=forecast" in d[0]["message"]
    by_forecast = sc.evaluate(
        m, s, dt.date(2025, 5, 31), outlook=True, status_from="forecast"
    )
    assert (
        by_forecast["kr-followers"]["status"]
        == by_forecast["kr-followers"]["forecast_status"]
    )
    with pytest.raises(ValueError):
        sc.evaluate(m, s, dt.date(2025, 5, 31), outlook=True, status_from="gut feeling")


def test_unknown_appraisal_person_is_an_error_naming_the_row() -> None:
    m = okrkit.parse_model(
        (BAD / "appraisal" / "people.json").read_text(), "people.json"
    )
    path = BAD / "appraisal" / "unknown_person.csv"
    with pytest.raises(ValueError) as info:
        appraise(path, model=m)
    text = str(info.value)
    assert "unknown_person.csv:3" in text and "'anna'" in text
    # explicitly downgraded: a warning, and the row is kept
    a = appraise(path, model=m, unknown="warn")
    assert [(d["code"], d["line"], d["node"]) for d in a.diagnostics] == [
        ("unknown-person", 3, "anna")
    ]
    assert "anna" in set(a.to_frame()["person"])


@pytest.mark.parametrize(
    "bands",
    [
        {"bottom": float("nan")},
        {"top": 0.5, "also": 0.5, "low": 0.0},  # overlap
        {"top": 0.8, "mid": 0.4},  # gap below 0.4
    ],
)
def test_bad_bands_are_errors(bands: dict[str, float]) -> None:
    ratings = BAD / "appraisal" / "unknown_person.csv"
    with pytest.raises(ValueError):
        appraise(ratings, bands=bands)


def test_cli_bad_bands_exit_2() -> None:
    exe = os.environ.get("OKRKIT_CLI") or shutil.which("okrkit")
    if not exe:
        pytest.skip("okrkit CLI not built")
    r = subprocess.run(
        [
            exe,
            "appraise",
            str(ROOT / "examples" / "acme.json"),
            "--ratings",
            str(ROOT / "examples" / "acme-ratings.csv"),
            "--as-of",
            "2025-05-31",
            "--bands",
            "bottom=NaN",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 2, r.stderr
    assert (
        "--bands: appraisal band 'bottom': minimum nan is not a finite number"
        in r.stderr
    )
