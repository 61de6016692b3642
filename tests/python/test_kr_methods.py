"""Key-result scoring methods from Python (docs/lifecycle.md "Scoring
methods"): time in band, progress from the tracking KPIs, zones reported by
check-ins. The numbers are worked in docs/lifecycle.md on
examples/kr-methods.json as of 2025-04-30."""

from __future__ import annotations

import math
from pathlib import Path

import okrkit
import pandas as pd
import pytest


def _inputs(examples: Path) -> tuple[okrkit.Model, okrkit.SeriesStore]:
    model = okrkit.load_model(str(examples / "kr-methods.json"))
    store = okrkit.load_measurements(str(examples / "kr-methods-measurements.csv"))
    return model, store


def test_model_fields(examples: Path) -> None:
    model, _ = _inputs(examples)
    assert model.key_results[0].scoring == "time_in_band"
    assert model.key_results[1].scoring == "tracked_by"
    launch = model.key_results[4]
    assert launch.scoring == "ordinal"
    assert launch.checkins[1].zone == "target"
    assert launch.checkins[0].zone == "commit"
    kr = okrkit.KeyResult(id="k", objective="o")
    assert kr.scoring == "value"
    kr.scoring = "ordinal"
    assert kr.scoring == "ordinal"
    ci = okrkit.CheckIn()
    assert ci.zone is None
    ci.zone = "stretch"
    assert ci.zone == "stretch"
    with pytest.raises(ValueError, match="below, commit, target, stretch"):
        ci.zone = "green"
    with pytest.raises(ValueError, match="value, tracked_by, time_in_band, ordinal"):
        kr.scoring = "kpi"


def test_scores_and_method_columns(examples: Path) -> None:
    model, store = _inputs(examples)
    sc = okrkit.evaluate(model, store, "2025-04-30")
    up = sc.node("kr-uptime")
    # 99.9 (in) Apr 1-10, 99.1 (out) Apr 11-20, 99.7 (in) Apr 21-30: 20 of 30 days
    assert up["scoring"] == "time_in_band"
    assert up["progress"] == pytest.approx(20 / 30)
    assert up["scoring_detail"] == (
        "time in band: 20 of 30 days at or above 99.5 (2025-04-01 to 2025-04-30) = 0.67"
    )
    # KPI (45 - 30) / (50 - 30) = 0.75; with csat 5 / 10 = 0.5 at weight 3:
    # (0.75 + 1.5) / 4 = 0.5625
    assert sc.node("kr-nps")["progress"] == pytest.approx(0.75)
    assert sc.node("kr-two")["progress"] == pytest.approx(0.5625)
    dark = sc.node("kr-dark")
    assert math.isnan(dark["progress"])
    assert "KPI 'kpi-dark' has none" in dark["scoring_detail"]
    launch = sc.node("kr-launch")
    assert (launch["zone"], launch["zone_score"], launch["progress"]) == ("target", 0.6, 0.6)
    frame = sc.to_frame()
    assert frame.loc["kr-launch", "scoring"] == "ordinal"
    assert pd.isna(frame.loc["kpi-nps", "scoring"])
    assert sc.node("kpi-nps")["scoring"] == ""  # not a key result
    assert list(frame.columns).index("scoring_detail") == list(frame.columns).index("scoring") + 1


def test_history_matches_evaluate(examples: Path) -> None:
    model, store = _inputs(examples)
    dates = ["2025-04-05", "2025-04-12", "2025-04-30", "2025-07-10"]
    hist = okrkit.evaluate_history(model, store, dates)
    up = hist[hist["id"] == "kr-uptime"]["progress"].tolist()
    # Apr 5: 5 of 5; Apr 12: 10 of 12; Apr 30: 20 of 30; Jul 10: (10 + 71) of 91
    assert up == pytest.approx([1.0, 10 / 12, 20 / 30, 81 / 91])
    for d in dates:
        one = okrkit.evaluate(model, store, d)
        for kr in ("kr-uptime", "kr-two", "kr-launch"):
            row = hist[(hist["id"] == kr) & (hist["as_of"] == d)].iloc[0]
            assert row["scoring_detail"] == one.node(kr)["scoring_detail"]


def test_json_schema_accepts_the_methods_and_rejects_a_bad_zone(examples: Path) -> None:
    import json

    import jsonschema

    schema = json.loads(
        (examples.parent / "docs" / "schema" / "okrkit-model.schema.json").read_text("utf-8")
    )
    doc = json.loads((examples / "kr-methods.json").read_text("utf-8"))
    jsonschema.validate(doc, schema)
    written = json.loads(okrkit.dump_model(okrkit.load_model(str(examples / "kr-methods.json"))))
    jsonschema.validate(written, schema)
    doc["key_results"][4]["checkins"][0]["zone"] = "green"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)
