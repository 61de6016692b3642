"""One definition per record: every consumer of a scorecard row follows the C++
field table (include/okrkit/scoring/node_score_fields.hpp), pickles keep every
field, old pickles still load, and the rows carry title, reason and the
expectation their status used (issues 14 and 15)."""

from __future__ import annotations

import csv
import io
import json
import math
import pickle
from pathlib import Path

import numpy as np
import okrkit
import okrkit.spark
import pandas as pd
import pytest
from okrkit.scoring import FIELDS

ROOT = Path(__file__).resolve().parents[2]
V1_FIXTURE = ROOT / "tests" / "data" / "pickle" / "scorecard_v1.pkl"
NAMES = [f.name for f in FIELDS]


@pytest.fixture(scope="module")
def acme(examples: Path) -> tuple[okrkit.Model, okrkit.SeriesStore]:
    return (
        okrkit.load_model(str(examples / "acme.json")),
        okrkit.load_measurements(str(examples / "acme-measurements.csv")),
    )


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return a == b


# --- every consumer lists the same fields, in the same order ------------------


def test_field_table_names_are_unique_and_end_with_diagnostics() -> None:
    assert len(NAMES) == len(set(NAMES))
    assert NAMES[0] == "id" and NAMES[-1] == "diagnostics"
    # the columns of 0.1 keep their positions; new ones come before diagnostics
    assert NAMES[:4] == ["id", "kind", "parent", "unit"]
    assert NAMES.index("forecast_status") < NAMES.index("title")


def test_every_consumer_follows_the_field_table(
    acme: tuple[okrkit.Model, okrkit.SeriesStore],
) -> None:
    sc = okrkit.evaluate(*acme, "2025-05-31", outlook=True)
    df = sc.to_frame()
    assert [df.index.name, *df.columns] == NAMES
    assert list(sc._core.columns()) == NAMES
    assert list(sc.node("kr-traffic")) == NAMES
    assert next(csv.reader(io.StringIO(sc.to_csv()))) == NAMES
    assert list(json.loads(sc.to_json())["nodes"][0]) == NAMES
    assert [n for n, _ in okrkit.spark.COLUMNS] == ["as_of", *NAMES]
    state = sc._core.__getstate__()
    assert state[0] == 3 and list(state[2]) == NAMES
    assert all(len(row) == len(NAMES) for row in state[3])
    # dask meta and bulk frames come from to_frame()
    from okrkit.bulk import score_frame

    empty = pd.DataFrame(
        {
            "series": pd.Series([], dtype=object),
            "date": pd.Series([], dtype="datetime64[ns]"),
            "value": pd.Series([], dtype=float),
        }
    )
    meta = score_frame(acme[0], empty, "2025-05-31").iloc[0:0]
    assert list(meta.columns) == ["as_of", *NAMES]


def test_field_kinds_give_the_frame_dtypes(acme: tuple[okrkit.Model, okrkit.SeriesStore]) -> None:
    df = okrkit.evaluate(*acme, "2025-05-31", outlook=True).to_frame().reset_index()
    for f in FIELDS:
        dt = df[f.name].dtype
        if f.kind == "number":
            assert dt == np.float64, f.name
        elif f.kind == "category":
            assert isinstance(dt, pd.CategoricalDtype) and dt.ordered == f.ordered, f.name
            assert list(dt.categories) == list(f.categories), f.name
        elif f.kind == "date":
            assert str(dt).startswith("datetime64"), f.name
        elif f.kind == "flag":
            assert dt == np.dtype(bool), f.name
        elif f.kind == "count":
            assert dt == np.int64, f.name
    assert list(FIELDS[NAMES.index("status")].categories) == list(okrkit.STATUSES)


# --- pickle state v2 ------------------------------------------------------------


def test_outlook_scorecard_pickle_keeps_every_column(
    acme: tuple[okrkit.Model, okrkit.SeriesStore],
) -> None:
    sc = okrkit.evaluate(*acme, "2025-05-31", outlook=True)
    back = pickle.loads(pickle.dumps(sc))
    a, b = sc.to_frame(), back.to_frame()
    assert list(a.columns) == list(b.columns)
    pd.testing.assert_frame_equal(a, b)  # NaN == NaN here
    # the outlook really is there (not two empty columns compared)
    assert a["history_periods"].max() >= 4
    assert a["forecast_model"].notna().any() and a["probability"].notna().any()
    for nid in a.index:
        x, y = sc.node(nid), back.node(nid)
        assert all(_same(x[k], y[k]) for k in NAMES), nid
    assert back.to_json() == sc.to_json() and back.to_csv() == sc.to_csv()


def test_state_with_an_unknown_field_is_refused(
    acme: tuple[okrkit.Model, okrkit.SeriesStore],
) -> None:
    state = okrkit.evaluate(*acme, "2025-05-31")._core.__getstate__()
    names = list(state[2]) + ["from_the_future"]
    rows = [tuple(r) + (1.0,) for r in state[3]]
    core = okrkit._core.Scorecard.__new__(okrkit._core.Scorecard)
    with pytest.raises(ValueError, match="from_the_future"):
        core.__setstate__((2, state[1], names, rows, state[4]))


def test_v1_fixture_still_loads() -> None:
    # Written by okrkit before the field table (state version 1): the acme
    # example at 2025-05-31, default options (see tests/data/pickle/README.md).
    with V1_FIXTURE.open("rb") as fh:
        sc = pickle.load(fh)
    assert isinstance(sc, okrkit.Scorecard) and sc.as_of.isoformat() == "2025-05-31"
    assert len(sc) == 27  # 9 KRs, 9 KPIs, 4 objectives, 1 CSF, 4 units
    kr = sc.node("kr-traffic")
    # docs/scoring.md section 8: 11 000 / 20 000
    assert kr["progress"] == pytest.approx(0.55) and kr["status"] == "on_track"
    assert kr["value"] == 61000.0 and str(kr["value_date"]) == "2025-05-31"
    # v1 expected is the plan's 2/3 (written before `expected` became success x plan)
    assert kr["expected"] == pytest.approx(2 / 3)
    # fields a v1 state does not carry keep their defaults
    assert kr["title"] == "" and kr["reason"] == "" and math.isnan(kr["planned"])
    assert kr["history_periods"] == 0 and kr["forecast_status"] == "no_data"
    o = sc.node("o-company")
    assert o["attainment"] == pytest.approx((2 * 0.50149 + 0.55 + 1.4333333 / 3) / 4, abs=1e-4)
    df = sc.to_frame()
    assert [df.index.name, *df.columns] == NAMES


# --- title, reason, expected (issue 15) -----------------------------------------


def test_title_reason_and_expected_of_the_acme_example(
    acme: tuple[okrkit.Model, okrkit.SeriesStore],
) -> None:
    sc = okrkit.evaluate(*acme, "2025-05-31")
    f = sc.node("kr-followers")
    assert f["title"] == "Reach 250k social followers"
    # day 60 of 90 (2025-04-01 .. 2025-06-30): plan 2/3; aspirational 0.7 x 2/3
    assert f["planned"] == pytest.approx(2 / 3)
    assert f["expected"] == pytest.approx(0.7 * 2 / 3)
    # progress 29 000 / 70 000 = 0.414 >= 0.467 - 0.1: on track
    assert f["status"] == "on_track"
    assert f["reason"] == (
        "progress 0.41 within 0.10 of the aspirational expectation 0.47 (0.70 x plan 0.67)"
    )
    # committed, in the Jalali cycle 1404-Q1 (2025-03-21 .. 06-21): day 71 of 92;
    # expected is the plan itself. 0.5 is 0.27 below 0.77: more than 2 x tol
    fcr = sc.node("kr-fcr")
    assert fcr["expected"] == pytest.approx(71 / 92) and fcr["planned"] == pytest.approx(71 / 92)
    assert fcr["status"] == "off_track"
    assert fcr["reason"] == (
        "progress 0.50 is 0.27 below the expectation 0.77 (more than 2 x tolerance 0.10)"
    )
    # o-company (aspirational): the weighted mean of its children's plans —
    # o-marketing (weight 2) 2/3, o-support 71/92, o-hr 2/3 — times 0.7 once
    company_plan = (2 * (2 / 3) + 71 / 92 + 2 / 3) / 4
    assert sc.node("o-company")["planned"] == pytest.approx(company_plan)
    assert sc.node("o-company")["expected"] == pytest.approx(0.7 * company_plan)
    assert sc.node("kpi-fcr")["reason"] == "value 81.5: health yellow by the thresholds"
    # every row has a reason
    df = sc.to_frame()
    assert (df["reason"] != "").all()
    assert df.loc["o-company", "title"] == "Grow a loyal customer base"
    table = sc.format_table()
    assert f["reason"] in table and fcr["reason"] in table


# --- diagnostics frame and strict mode ------------------------------------------


def _broken_model(acme: tuple[okrkit.Model, okrkit.SeriesStore]) -> okrkit.Model:
    m = okrkit.parse_model(okrkit.dump_model(acme[0]))
    kr = m.key_results[0]
    kr.objective = "o-missing"  # dangling id: an error-severity diagnostic
    return m


def test_diagnostics_frame(acme: tuple[okrkit.Model, okrkit.SeriesStore]) -> None:
    sc = okrkit.evaluate(_broken_model(acme), acme[1], "2025-05-31")
    d = sc.diagnostics
    assert list(d.columns) == list(okrkit.DIAGNOSTIC_COLUMNS)
    assert d["line"].dtype == np.int64
    row = d[(d["code"] == "dangling-id") & (d["field"] == "objective")].iloc[0]
    assert row["severity"] == "error" and row["node"] == "kr-traffic"
    assert "o-missing" in row["message"]
    assert not d.duplicated().any()
    assert len(sc.errors) >= 1 and (sc.errors["severity"] == "error").all()


def test_strict_raises_listing_every_error(acme: tuple[okrkit.Model, okrkit.SeriesStore]) -> None:
    okrkit.evaluate(*acme, "2025-05-31", strict=True)  # the example has no errors
    with pytest.raises(okrkit.ValidationError) as e:
        okrkit.evaluate(_broken_model(acme), acme[1], "2025-05-31", strict=True)
    assert isinstance(e.value, okrkit.ScorecardError)
    assert "node 'kr-traffic': field 'objective': dangling-id" in str(e.value)
    assert any(p["code"] == "dangling-id" for p in e.value.problems)
    assert len(e.value.scorecard) > 0


# --- the full EvaluateOptions ----------------------------------------------------


def test_evaluate_options_threads_bands_rating_rules(
    acme: tuple[okrkit.Model, okrkit.SeriesStore],
) -> None:
    one = okrkit.evaluate(*acme, "2025-05-31").to_frame()
    many = okrkit.evaluate(*acme, "2025-05-31", threads=4).to_frame()
    pd.testing.assert_frame_equal(one, many)
    # kr-traffic: attainment 0.55 -> yellow by (0.4, 0.7), green by (0.3, 0.5)
    assert one.loc["kr-traffic", "band"] == "yellow"
    b = okrkit.evaluate(*acme, "2025-05-31", bands=(0.3, 0.5)).node("kr-traffic")
    assert b["band"] == "green"
    r = okrkit.evaluate(*acme, "2025-05-31", rating=[(0.0, 1, "low"), (0.5, 2, "mid")])
    assert r.node("kr-traffic")["rating"] == "mid"  # 0.55 >= 0.5
    assert r.node("kr-esat")["rating"] == "low"  # 0.4 < 0.5
    # 61 000 >= 0.8 x 70 000 = 56 000 -> "close"; not >= 70 000
    rules = [(">=", 1.0, 0.0, "met"), (">=", 0.8, 0.0, "close"), ("always", 1.0, 0.0, "far")]
    ru = okrkit.evaluate(*acme, "2025-05-31", rules=rules)
    assert ru.node("kr-traffic")["rule_label"] == "close"
    with pytest.raises(ValueError, match="=>"):
        okrkit.evaluate(*acme, "2025-05-31", rules=[("=>", 1.0, 0.0, "x")])


def test_evaluate_on_progress(acme: tuple[okrkit.Model, okrkit.SeriesStore]) -> None:
    calls: list[tuple[int, int]] = []
    okrkit.evaluate(*acme, "2025-05-31", on_progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1]
    total = len(acme[0].key_results) + len(acme[0].kpis)
    assert all(t == total for _, t in calls)

    def boom(done: int, total: int) -> None:
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        okrkit.evaluate(*acme, "2025-05-31", on_progress=boom)


def test_evaluate_options_are_keyword_only(acme: tuple[okrkit.Model, okrkit.SeriesStore]) -> None:
    with pytest.raises(TypeError):
        okrkit.evaluate(*acme, "2025-05-31", "ratio")  # type: ignore[misc]
