"""The OKR cycle from Python (docs/lifecycle.md): close-out fields, check-in
status, health, the gap pace rule, KPI defaults and the cycle score. The
numbers are worked in docs/lifecycle.md "Worked example" (cycle Q2 2025:
day 45 of 90 on 2025-05-16, so a linear plan expects 0.5)."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import okrkit


def _card(examples: Path, **options: object) -> okrkit.Scorecard:
    model = okrkit.load_model(str(examples / "lifecycle.json"))
    store = okrkit.SeriesStore()
    store.finalize()
    return okrkit.evaluate(model, store, "2025-05-16", **options)  # type: ignore[arg-type]


def test_model_fields(examples: Path) -> None:
    model = okrkit.load_model(str(examples / "lifecycle.json"))
    assert model.cycles[0].state == "closed"
    kr = model.key_results[2]
    assert kr.state == "abandoned"
    assert kr.close.note == "partner programme paused"
    assert kr.close.final_score is None
    assert model.key_results[1].checkins[1].status == "caution"


def test_health_and_cycle_score(examples: Path) -> None:
    sc = _card(examples)
    rev = sc.node("kr-revenue")
    # (125 - 100) / 100 = 0.25 against 0.5: 25 points behind; tolerance rule: red
    assert rev["status"] == "off_track"
    assert rev["health"] == "caution"
    assert rev["health_reason"] == "reported caution on 2025-05-12 (check-in window 14 days)"
    assert sc.node("o-q1")["health"] == "achieved"
    assert sc.cycle_score == 0.25  # o-q2 alone: the abandoned KR is left out
    frame = sc.cycles
    assert list(frame["id"]) == ["q1-2025", "q2-2025"]
    assert frame["score"].iloc[0] == 0.8
    assert "health_reason" in sc.to_frame().columns
    back = pickle.loads(pickle.dumps(sc))
    assert back.cycle_score == 0.25


def test_gap_rule_and_abandoned_zero(examples: Path) -> None:
    sc = _card(examples, status_rule="gap", abandoned="zero")
    assert sc.node("kr-revenue")["status"] == "at_risk"  # 25 points: amber, not red
    assert math.isclose(sc.node("o-q2")["attainment"], 0.125)  # (0.25 + 0) / 2
    tight = _card(examples, status_rule="gap", pace_red_gap=20.0)
    assert tight.node("kr-revenue")["status"] == "off_track"
