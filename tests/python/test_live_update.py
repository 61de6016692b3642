"""Live scorecards from Python: Scorecard.update() re-scores what new data
reaches, and the result equals a full okrkit.evaluate() of the updated data
(the C++ property test is tests/cpp/scoring/test_live_update.cpp)."""

from __future__ import annotations

import copy
import datetime as dt
import random
from pathlib import Path

import okrkit
import pandas as pd
import pytest
from okrkit import _core

AS_OF = dt.date(2025, 5, 20)


def _load(examples: Path) -> tuple[_core.Model, _core.SeriesStore]:
    return (
        _core.load_model(str(examples / "acme.json")),
        _core.load_measurements(str(examples / "acme-measurements.csv")),
    )


@pytest.mark.parametrize("outlook", [False, True])
def test_random_updates_equal_full_evaluate(examples: Path, outlook: bool) -> None:
    model, store = _load(examples)
    card = okrkit.evaluate(model, store, AS_OF, outlook=outlook, outlook_min_periods=3)
    assert card.live
    rng = random.Random(5)
    series = [
        "organic_sessions",
        "fcr_rate",
        "esat_index",
        "attrition_rate",
        "support_csat_responses",
        "social_followers",
    ]
    krs = ["kr-traffic", "kr-fcr", "kr-esat", "kr-development"]
    for step in range(25):
        rows = [
            (
                rng.choice(series),
                dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(170)),
                rng.uniform(0, 90),
            )
            for _ in range(rng.randrange(1, 4))
        ]
        frame = pd.DataFrame(rows, columns=["series", "date", "value"])
        checkins = []
        if step % 4 == 0:
            checkins.append(
                (
                    rng.choice(krs),
                    AS_OF - dt.timedelta(days=rng.randrange(30)),
                    rng.uniform(0, 9),
                    0.6,
                )
            )
        result = card.update(frame if step % 2 else rows, checkins=checkins, duplicates="last")
        assert result.rescored > 0
        assert not result.full
        full = okrkit.evaluate(model, store, AS_OF, outlook=outlook, outlook_min_periods=3)
        assert card.to_json() == full.to_json()


def test_reconciled_outlook_updates_in_full(examples: Path) -> None:
    # A reconciled outlook joins every forecast of the hierarchy, so update()
    # evaluates again in full (and says so); p_success is drawn again too.
    model, store = _load(examples)
    opts = {"outlook": True, "outlook_min_periods": 3, "reconcile": "wls_struct"}
    card = okrkit.evaluate(model, store, AS_OF, **opts)
    for step, day in enumerate(["2025-05-19", "2025-05-18"]):
        result = card.update(
            [("organic_sessions", day, 60000.0 + step), ("fcr_rate", day, 0.7)],
            duplicates="last",
        )
        assert result.full is True
        assert result.rescored == len(card._core)
        full = okrkit.evaluate(model, store, AS_OF, **opts)
        assert card.to_json() == full.to_json()


def test_update_reaches_only_the_changed_branch(examples: Path) -> None:
    model, store = _load(examples)
    card = okrkit.evaluate(model, store, AS_OF)
    before = card.node("kr-traffic")["value"]
    # organic_sessions is read by kr-traffic and kpi-organic-sessions: those two,
    # the objective o-marketing with its ancestors, CSFs of the KPI and units.
    r = card.update([("organic_sessions", "2025-05-19", 61000.0)])
    assert card.node("kr-traffic")["value"] == 61000.0 != before
    assert 2 < r.rescored < len(card._core)
    assert r.full is False


def test_update_refuses_bad_changes_and_copies(examples: Path) -> None:
    model, store = _load(examples)
    card = okrkit.evaluate(model, store, AS_OF)
    with pytest.raises(_core.DomainError, match="already has a row for 2025-04-30"):
        card.update([("organic_sessions", "2025-04-30", 1.0)])
    with pytest.raises(_core.DomainError, match="not a key result"):
        card.update(checkins=[("nope", "2025-05-01", 1.0, None)])
    with pytest.raises(ValueError, match="no column"):
        card.update(pd.DataFrame({"series": ["x"], "value": [1.0]}))
    snapshot = copy.deepcopy(card)
    assert not snapshot.live
    with pytest.raises(_core.DomainError, match="copy"):
        snapshot.update([("organic_sessions", "2025-05-19", 1.0)])
