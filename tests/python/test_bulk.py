"""okrkit.bulk: many dates / many entities, equal to one evaluate() each."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import okrkit
import pandas as pd
import pandas.testing as pdt
from okrkit import bulk


def _model_frame(examples: Path) -> tuple[okrkit.Model, pd.DataFrame]:
    model = okrkit.load_model(str(examples / "acme.json"))
    store = okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    return model, okrkit.measurements_to_frame(store)


def test_evaluate_many_equals_single_evaluations(examples: Path) -> None:
    model = okrkit.load_model(str(examples / "acme.json"))
    store = okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    dates = ["2025-04-30", "2025-05-31", "2025-06-30"]
    df = bulk.evaluate_many(model, store, dates, progress=False)
    assert df["as_of"].dtype == "datetime64[ns]" or str(df["as_of"].dtype).startswith("datetime64")
    for d in dates:
        one = okrkit.evaluate(model, store, d).to_frame().reset_index()
        got = df[df["as_of"] == pd.Timestamp(d)].drop(columns="as_of").reset_index(drop=True)
        pdt.assert_frame_equal(got, one)


def test_score_groups_equals_per_entity_scores(examples: Path) -> None:
    model, long = _model_frame(examples)
    # Two stores sharing the model template; the second one's values are 10% lower.
    a = long.assign(store="north")
    b = long.assign(store="south", value=long["value"] * 0.9)
    both = pd.concat([b, a], ignore_index=True)
    out = bulk.score_groups(model, both, "2025-05-31", by="store", progress=False)
    assert list(out["store"].unique()) == ["north", "south"]
    for key, part in (("north", a), ("south", b)):
        want = bulk.score_frame(model, part.drop(columns="store"), "2025-05-31")
        got = out[out["store"] == key].drop(columns="store").reset_index(drop=True)
        pdt.assert_frame_equal(got, want)
    south = out[(out["store"] == "south") & (out["id"] == "kr-traffic")]
    north = out[(out["store"] == "north") & (out["id"] == "kr-traffic")]
    assert float(south["value"].iloc[0]) == np.float64(float(north["value"].iloc[0]) * 0.9)
