"""Pickling with versioned state: models and scorecards travel to workers."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import pytest

import okrkit


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return a == b


def test_scorecard_roundtrip(examples: Path) -> None:
    model = okrkit.load_model(str(examples / "acme.json"))
    store = okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    sc = okrkit.evaluate(model, store, "2025-05-31")
    back = pickle.loads(pickle.dumps(sc))
    assert back.as_of == sc.as_of and len(back) == len(sc)
    assert back.to_json() == sc.to_json()
    assert back.to_csv() == sc.to_csv()
    for nid in sc.to_frame().index:
        a, b = sc.node(nid), back.node(nid)
        assert a.keys() == b.keys()
        assert all(_same(a[k], b[k]) for k in a), nid
    assert back.model is not None and okrkit.dump_model(back.model) == okrkit.dump_model(model)
    assert back._repr_html_() == sc._repr_html_()


def test_scorecard_state_is_versioned(examples: Path) -> None:
    model = okrkit.load_model(str(examples / "acme.json"))
    store = okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    sc = okrkit.evaluate(model, store, "2025-05-31")
    state = sc.__getstate__()
    assert state["version"] == 1
    core_state = state["core"].__getstate__()
    assert core_state[0] == 1 and core_state[1] == "2025-05-31"
    bad = okrkit.Scorecard.__new__(okrkit.Scorecard)
    with pytest.raises(ValueError, match="version"):
        bad.__setstate__({"version": 99, "core": None, "model": None})


# A version-1 state written by okrkit 0.1.0: one key result, one objective.
# Reading it must keep working when the state format moves on.
_OLD_CORE_STATE = (
    1,
    "2025-05-31",
    [
        ("kr", "key_result", "o", "u", 5.0, 0.0, 10.0, 0.5, float("nan"), 0.5, 0.5, "yellow",
         "", "", 0.6, "on_track", "none", 0.8, "2025-05-30", "measured", "computed", False, []),
        ("o", "objective", "", "u", float("nan"), float("nan"), float("nan"), 0.5,
         float("nan"), 0.5, 0.5, "yellow", "", "", 0.6, "on_track", "none", None, None,
         "none", "rolled_up", True,
         [("warning", "missing-data", "no data", "", 0, "o", "")]),
    ],
    [],
)


def test_old_scorecard_state_still_loads() -> None:
    core = okrkit._core.Scorecard.__new__(okrkit._core.Scorecard)
    core.__setstate__(_OLD_CORE_STATE)
    sc = okrkit.Scorecard(core)
    assert sc.as_of.isoformat() == "2025-05-31"
    kr = sc.node("kr")
    assert kr["progress"] == 0.5 and kr["status"] == "on_track" and kr["confidence"] == 0.8
    assert str(kr["value_date"]) == "2025-05-30"
    o = sc.node("o")
    assert o["incomplete"] is True and o["diagnostics"][0]["code"] == "missing-data"
    df = sc.to_frame()
    assert str(df["status"].dtype) == "category"


def test_model_roundtrip(examples: Path) -> None:
    model = okrkit.load_model(str(examples / "acme.json"))
    back = pickle.loads(pickle.dumps(model))
    assert okrkit.dump_model(back) == okrkit.dump_model(model)
