"""docs/lifecycle.md "A worked quarter": examples/quarter.json scored at the
dates of the text, against the numbers worked there by hand.

Cycle 2025-04-07..2025-06-30: d - s = 84 days, week k gives x = k/12.
Week 4 (2025-05-05): x = 1/3; week 8 (2025-06-02): x = 2/3; week 12
(2025-06-30): closing. Every number below is the page's hand-worked one
(progress (v - b)/(t - b), expected success * x, the tolerance and gap
rules, health precedence, cycle score sum(w*s)/sum(w) with weights 2 and 1).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import okrkit
import pytest
from cli_support import needs_cli, run_cli

WEEK4, WEEK8, CLOSE, AFTER = "2025-05-05", "2025-06-02", "2025-06-30", "2025-07-07"

# node: (score, expected, status by the tolerance rule, status by the gap rule, health)
HAND = {
    WEEK4: {
        "kr-orders": (0.28, 1 / 3, "on_track", "on_track", "on_track"),  # (228-200)/100
        "kr-reviews": (0.30, 1 / 3, "on_track", "on_track", "caution"),  # (66-60)/20; reported
        "kr-cafes": (0.20, 0.7 / 3, "on_track", "on_track", "on_track"),  # 2/10 vs 0.7 x 1/3
        "kr-catering": (0.0, 0.7 / 3, "off_track", "at_risk", "off_track"),  # 23.3 points
        "o-online": (0.29, 1 / 3, "on_track", "on_track", "on_track"),  # (0.28+0.30)/2
        "o-wholesale": (0.10, 0.7 / 3, "at_risk", "at_risk", "at_risk"),  # (0.20+0)/2; 13.3
    },
    WEEK8: {
        "kr-orders": (0.58, 2 / 3, "on_track", "on_track", "on_track"),  # 8.7 points
        "kr-reviews": (0.40, 2 / 3, "off_track", "off_track", "off_track"),  # 26.7 > 25
        "kr-cafes": (0.50, 1.4 / 3, "on_track", "on_track", "on_track"),  # 0.50 >= 0.467
        "kr-catering": (0.0, 0.7 * 43 / 84, "off_track", "off_track", "abandoned"),  # frozen
        "o-online": (0.49, 2 / 3, "at_risk", "at_risk", "at_risk"),  # (0.58+0.40)/2; 17.7
        "o-wholesale": (0.50, 1.4 / 3, "on_track", "on_track", "on_track"),  # catering out
    },
    CLOSE: {
        "kr-orders": (0.90, 1.0, "off_track", "off_track", "achieved"),  # (290-200)/100
        "kr-reviews": (0.80, 1.0, "off_track", "off_track", "missed"),  # (76-60)/20
        "kr-cafes": (0.70, 0.7, "done", "done", "achieved"),  # aspirational success 0.7
        "kr-catering": (0.0, 0.7 * 43 / 84, "off_track", "off_track", "abandoned"),
        "o-online": (0.85, 1.0, "off_track", "off_track", "missed"),  # (0.90+0.80)/2
        "o-wholesale": (0.70, 0.7, "done", "done", "achieved"),
    },
}
# (2 x o-online + 1 x o-wholesale) / 3
CYCLE = {WEEK4: 0.68 / 3, WEEK8: 1.48 / 3, CLOSE: 2.4 / 3, AFTER: 2.4 / 3}


def _paths(examples: Path) -> tuple[str, str]:
    return str(examples / "quarter.json"), str(examples / "quarter-measurements.csv")


def _card(examples: Path, as_of: str, **options: Any) -> okrkit.Scorecard:
    model_path, data_path = _paths(examples)
    model = okrkit.load_model(model_path)
    return okrkit.evaluate(model, okrkit.load_measurements(data_path), as_of, **options)


@pytest.mark.parametrize("as_of", [WEEK4, WEEK8, CLOSE])
def test_scores_statuses_and_health_as_worked(examples: Path, as_of: str) -> None:
    tolerance = _card(examples, as_of)
    gap = _card(examples, as_of, status_rule="gap")
    for node, (score, expected, status, gap_status, health) in HAND[as_of].items():
        row = tolerance.node(node)
        assert row["attainment"] == pytest.approx(score, abs=1e-12), node
        assert row["expected"] == pytest.approx(expected, abs=1e-12), node
        assert row["status"] == status, node
        assert row["health"] == health, node
        assert gap.node(node)["status"] == gap_status, node
    assert tolerance.cycle_score == pytest.approx(CYCLE[as_of], abs=1e-12)


def test_health_reasons_and_zones(examples: Path) -> None:
    week4 = _card(examples, WEEK4)
    assert week4.node("kr-reviews")["health_reason"] == (
        "reported caution on 2025-04-28 (check-in window 14 days)"
    )
    assert week4.node("kr-orders")["zone"] == "below"  # 228 < 240
    week8 = _card(examples, WEEK8)
    assert week8.node("kr-reviews")["health_reason"] == (
        "computed (the status reported on 2025-05-12 is older than 14 days): progress 0.40 is "
        "0.27 below the expectation 0.67 (more than 2 x tolerance 0.10)"
    )
    assert week8.node("kr-reviews")["confidence"] == 0.5
    assert (week8.node("kr-orders")["zone"], week8.node("kr-orders")["zone_score"]) == (
        "commit",
        0.3,
    )
    codes = set(zip(week8.diagnostics["node"], week8.diagnostics["code"]))
    assert ("kr-catering", "final-score-computed") in codes
    assert ("o-wholesale", "abandoned-excluded") in codes
    # abandoned="zero": o-wholesale (0.50 + 0)/2 = 0.25, cycle (0.98 + 0.25)/3 = 0.41
    zero = _card(examples, WEEK8, abandoned="zero")
    assert zero.node("o-wholesale")["attainment"] == pytest.approx(0.25, abs=1e-12)
    assert zero.cycle_score == pytest.approx(1.23 / 3, abs=1e-12)
    close = _card(examples, CLOSE)
    assert close.node("kr-orders")["reason"] == (
        "achieved on 2025-06-30: final score 0.90 computed at closing (below the success level 1.00)"
    )
    assert close.node("kr-orders")["zone"] == "target"  # 290 >= 280


@needs_cli
def test_cli_as_of_and_frozen_after_closing(examples: Path) -> None:
    model_path, data_path = _paths(examples)
    for as_of in (WEEK4, WEEK8, CLOSE, AFTER):
        p = run_cli("score", model_path, "--data", data_path, "--as-of", as_of, "--format", "json")
        assert p.returncode == 0, p.stderr
        doc = json.loads(p.stdout)
        (cycle,) = doc["cycles"]
        assert (cycle["id"], cycle["state"]) == ("q2-2025", "closed")
        assert cycle["score"] == pytest.approx(CYCLE[as_of], abs=1e-12)
        nodes = {n["id"]: n for n in doc["nodes"]}
        for node, (score, *_rest) in HAND[min(as_of, CLOSE)].items():
            assert nodes[node]["attainment"] == pytest.approx(score, abs=1e-12), (as_of, node)
        if as_of == AFTER:  # 305 orders measured on 07-07; the closing day's 290 stays
            assert nodes["kr-orders"]["value"] == 290
            assert doc["current_cycle"] is None
    p = run_cli("score", model_path, "--data", data_path, "--as-of", CLOSE)
    assert (
        "cycle q2-2025 (closed, current): score 0.80 - weighted mean of 2 of 2 objectives' scores"
        in p.stdout
    )


@needs_cli
def test_cli_weekly_history_holds_the_worked_weeks(examples: Path) -> None:
    model_path, data_path = _paths(examples)
    p = run_cli("score", model_path, "--data", data_path, "--history", "weekly", "--format", "csv")
    assert p.returncode == 0, p.stderr
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    dates = sorted({r["as_of"] for r in rows})
    assert len(dates) == 13  # weeks 0..12
    assert dates[0] == "2025-04-07" and dates[-1] == CLOSE
    for as_of in (WEEK4, WEEK8, CLOSE):
        for node, (score, expected, status, _gap, health) in HAND[as_of].items():
            (row,) = [r for r in rows if r["as_of"] == as_of and r["id"] == node]
            assert float(row["attainment"]) == pytest.approx(score, abs=1e-12), (as_of, node)
            assert float(row["expected"]) == pytest.approx(expected, abs=1e-12), (as_of, node)
            assert (row["status"], row["health"]) == (status, health), (as_of, node)
    # Week 0: the check-in KRs have no value yet.
    (week0,) = [r for r in rows if r["as_of"] == "2025-04-07" and r["id"] == "kr-reviews"]
    assert (week0["status"], week0["health"]) == ("no_data", "pending")


def test_lint_at_week_4_and_after_abandoning(examples: Path) -> None:
    from okrkit.lint import lint

    model_path, data_path = _paths(examples)
    model = okrkit.load_model(model_path)
    data = okrkit.load_measurements(data_path)
    week4 = lint(model, data, as_of=WEEK4, forecast=False)
    assert week4.rule_ids == ["A006"]
    assert week4.to_frame().loc[0, "message"] == (
        "key result 'kr-catering' latest check-in confidence is 0.2 (2025-05-05)"
    )
    for as_of in ("2025-05-20", WEEK8, CLOSE):
        assert lint(model, data, as_of=as_of, forecast=False).rule_ids == [], as_of
