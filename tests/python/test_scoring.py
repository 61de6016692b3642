"""Tests of okrkit.scoring: the issue-3 acceptance examples, bulk == per-target,
hypothesis properties, evaluate() and the DataFrame. Expected values are worked
by hand in the comments (see tests/cpp/scoring/test_scorecard.cpp for the model)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from okrkit import _core
from okrkit import scoring as sc

# --- acceptance examples ---------------------------------------------------------


def test_acceptance_decrease_bugs_progress_125_attainment_1() -> None:
    r = sc.score_target(kind="decrease", baseline=100, target=60, value=50)
    assert r.progress == pytest.approx(1.25)  # (50 - 100) / (60 - 100)
    assert r.attainment == pytest.approx(1.0)
    assert sc.score_target(
        kind="decrease", baseline=100, target=60, value=50, cap=math.inf
    ).attainment == pytest.approx(1.25)


def test_acceptance_baseline_15_target_45_value_16() -> None:
    r = sc.score_target(
        kind="increase", baseline=15, target=45, value=16, scale_min=0, scale_max=100
    )
    assert 100 * r.progress == pytest.approx(3.33, abs=0.005)  # 1 / 30
    assert r.performance == pytest.approx(0.16)


def test_acceptance_three_of_six_features() -> None:
    assert sc.progress(kind="milestone", target=6, value=3) == pytest.approx(0.5)
    ms = [(f"f{i}", 1.0, i < 3) for i in range(6)]
    assert sc.progress(kind="milestone", milestones=ms) == pytest.approx(0.5)


def test_acceptance_goal_red_flag_scale() -> None:
    for v, want in [(300, 0.0), (500, 10 / 3), (700, 20 / 3), (900, 10.0)]:
        assert sc.goal_red_flag_score(v, goal=700, red_flag=500) == pytest.approx(want, abs=1e-12)
    # goal < red flag: lower is better
    assert sc.goal_red_flag_score(2, goal=2, red_flag=4) == pytest.approx(20 / 3)
    assert sc.goal_red_flag_score(6, goal=2, red_flag=4) == pytest.approx(0.0, abs=1e-12)


def test_acceptance_day_40_of_100_ratio_rule() -> None:
    s = dt.date(2025, 1, 1)
    e = sc.expected_progress(
        start=s, due=s + dt.timedelta(days=100), as_of=s + dt.timedelta(days=40)
    )
    assert e == pytest.approx(0.4)
    assert 0.15 / e == pytest.approx(0.375)
    assert (
        sc.status(
            progress=0.15,
            expected=e,
            rule="ratio",
            on_track_ratio=0.7,
            behind_ratio=0.4,
        )
        == "at_risk"
    )


def test_relative_targets_and_b_equals_t() -> None:
    assert sc.progress(
        kind="increase", baseline=50000, relative="+40%", value=60000
    ) == pytest.approx(0.5)
    assert sc.progress(kind="increase", baseline=200, relative="x1.5", value=250) == pytest.approx(
        0.5
    )
    assert sc.progress(kind="decrease", baseline=15, relative="-5", value=12) == pytest.approx(0.6)
    assert sc.progress(kind="increase", baseline=10, target=10, value=10) == 1.0
    assert sc.progress(kind="decrease", baseline=10, target=10, value=11) == 0.0


def test_ratio_method_zero_target_is_a_diagnostic() -> None:
    r = sc.score_target(kind="at_least", target=0, value=5, method="ratio")
    assert math.isnan(r.progress)
    assert r.diagnostics[0]["code"] == "ratio-target-not-positive"
    with pytest.raises(ValueError, match="unknown target kind"):
        sc.progress(kind="sideways", value=1)


# --- bulk ----------------------------------------------------------------------


def test_bulk_matches_per_target_path() -> None:
    rng = np.random.default_rng(0)
    n = 3000
    kinds = rng.choice(["increase", "decrease", "at_least", "at_most", "range"], n)
    b = rng.uniform(-100, 100, n)
    t = rng.uniform(-100, 100, n)
    v = rng.uniform(-100, 100, n)
    cap = rng.uniform(0.5, 2, n)
    lo = np.minimum(b, t)
    hi = np.maximum(b, t)
    r = sc.score_bulk(kind=kinds, baseline=b, target=t, value=v, cap=cap, lo=lo, hi=hi)
    for i in range(0, n, 7):
        one = sc.score_target(
            kind=str(kinds[i]),
            baseline=b[i],
            target=t[i],
            value=v[i],
            cap=cap[i],
            lo=lo[i],
            hi=hi[i],
        )
        assert r.progress[i] == one.progress or (
            math.isnan(r.progress[i]) and math.isnan(one.progress)
        )
        assert r.attainment[i] == one.attainment or math.isnan(one.attainment)
    assert r.summary["rows"] == n


def test_bulk_inputs_are_read_in_place_and_threads_agree() -> None:
    rng = np.random.default_rng(1)
    n = 200_000
    b = rng.uniform(0, 10, n)
    t = b + rng.uniform(-5, 5, n)
    v = rng.uniform(0, 10, n)
    kind = np.where(t < b, 1, 0).astype(np.uint8)
    one = sc.score_bulk(kind=kind, baseline=b, target=t, value=v, cap=1.2)
    four = sc.score_bulk(kind=kind, baseline=b, target=t, value=v, cap=1.2, threads=4)
    np.testing.assert_array_equal(one.progress, four.progress)
    np.testing.assert_array_equal(one.attainment, four.attainment)
    # the plain-numpy formula gives the same numbers
    d = t - b
    want = np.where(
        d == 0,
        np.where(kind == 1, v <= t, v >= t).astype(float),
        (v - b) / np.where(d == 0, 1, d),
    )
    np.testing.assert_allclose(one.progress, want, rtol=0, atol=0)
    np.testing.assert_array_equal(one.attainment, np.clip(want, 0, 1.2))
    assert one.progress.dtype == np.float64 and one.progress.flags.c_contiguous
    # caller-owned outputs are written in place
    p_out, a_out = np.empty(n), np.empty(n)
    r = sc.score_bulk(kind=kind, baseline=b, target=t, value=v, cap=1.2, out=(p_out, a_out))
    assert r.progress is p_out and r.attainment is a_out
    np.testing.assert_array_equal(p_out, one.progress)
    with pytest.raises(ValueError, match="out"):
        sc.score_bulk(
            kind=kind,
            baseline=b,
            target=t,
            value=v,
            out=(np.empty(n, dtype=np.float32), a_out),
        )


def test_bulk_errors_and_nan_summary() -> None:
    with pytest.raises(ValueError, match="'target' has shape"):
        sc.score_bulk(baseline=[0.0, 1.0], target=[1.0], value=[0.5, 0.5])
    with pytest.raises(ValueError, match="kind codes"):
        sc.score_bulk(kind=np.array([9]), baseline=[0.0], target=[1.0], value=[0.5])
    r = sc.score_bulk(
        kind="increase", baseline=[0.0, 0.0], target=[1.0, 1.0], value=[0.5, math.nan]
    )
    assert r.summary["nan_progress"] == 1
    assert math.isnan(r.progress[1]) and math.isnan(r.attainment[1])
    s = sc.score_bulk(
        kind=pd.Series(["at_most", "range"], dtype="category"),
        baseline=math.nan,
        target=[2.0, math.nan],
        value=[3.0, 33.0],
        lo=[math.nan, 20.0],
        hi=[math.nan, 30.0],
    )
    np.testing.assert_allclose(s.progress, [0.5, 0.7])  # (4 - 3) / (4 - 2); 1 - 3 / 10


# --- properties ------------------------------------------------------------------

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(["increase", "decrease", "at_least", "at_most"]),
    b=finite,
    t=finite,
    v1=finite,
    v2=finite,
)
def test_property_progress_monotonic_in_kind_direction(
    kind: str, b: float, t: float, v1: float, v2: float
) -> None:
    if kind == "decrease" and t > b:
        b, t = t, b
    lo_v, hi_v = min(v1, v2), max(v1, v2)
    p1 = sc.progress(kind=kind, baseline=b, target=t, value=lo_v)
    p2 = sc.progress(kind=kind, baseline=b, target=t, value=hi_v)
    higher_better = kind in ("increase", "at_least") and not (kind == "increase" and t < b)
    assert (p1 <= p2) if higher_better else (p1 >= p2)


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(sc.KINDS[:5]),
    b=finite,
    t=finite,
    v=finite,
    cap=st.floats(0, 5),
)
def test_property_attainment_in_0_cap(kind: str, b: float, t: float, v: float, cap: float) -> None:
    r = sc.score_target(
        kind=kind, baseline=b, target=t, value=v, cap=cap, lo=min(b, t), hi=max(b, t)
    )
    assert 0.0 <= r.attainment <= cap


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(sc.KINDS),
    b=st.one_of(finite, st.just(math.nan)),
    t=st.one_of(finite, st.just(math.nan)),
    v=st.one_of(finite, st.just(math.nan)),
)
def test_property_nan_never_becomes_a_number_silently(
    kind: str, b: float, t: float, v: float
) -> None:
    r = sc.score_target(kind=kind, baseline=b, target=t, value=v, lo=-1.0, hi=1.0)
    if math.isnan(b) or math.isnan(t) or math.isnan(v):
        assert math.isnan(r.progress)
    if math.isnan(r.progress):
        assert r.diagnostics


def _objective_with(children: list[tuple[float, float]], method: str) -> float:
    """Score an objective whose KRs (increase 0 -> 1) have the given (value, weight)."""
    m = _core.Model()
    c = _core.Cycle()
    c.id, c.start, c.end = "q", "2025-04-01", "2025-06-30"
    m.cycles = [c]
    o = _core.Objective()
    o.id, o.cycle, o.rollup = "o", "q", method
    m.objectives = [o]
    krs = []
    for i, (val, w) in enumerate(children):
        k = _core.KeyResult()
        k.id, k.objective, k.weight, k.value_override = f"k{i}", "o", w, val
        tg = _core.Target()
        tg.kind, tg.baseline, tg.target = "increase", 0.0, 1.0
        k.target = tg
        krs.append(k)
    m.key_results = krs
    s = _core.SeriesStore()
    s.finalize()
    return float(sc.evaluate(m, s, "2025-05-16").node("o")["attainment"])


@settings(max_examples=40, deadline=None)
@given(
    kids=st.lists(st.tuples(st.floats(0.01, 1), st.floats(0.1, 10)), min_size=1, max_size=6),
    scale=st.floats(0.01, 100),
    method=st.sampled_from(["weighted_mean", "min", "max", "geometric_mean"]),
    seed=st.integers(0, 1000),
)
def test_property_rollup_permutation_and_weight_scaling(
    kids: list[tuple[float, float]], scale: float, method: str, seed: int
) -> None:
    base = _objective_with(kids, method)
    perm = list(np.random.default_rng(seed).permutation(len(kids)))
    assert _objective_with([kids[i] for i in perm], method) == pytest.approx(base, rel=1e-12)
    assert _objective_with([(v, w * scale) for v, w in kids], method) == pytest.approx(
        base, rel=1e-12
    )


# --- evaluate and the DataFrame ---------------------------------------------------


def _example() -> tuple[object, object]:
    """Cycle Q2 2025; as of 2025-05-16 a linear plan expects 0.5.
    O1: KR1 revenue 100 -> 200 (w 2) measured 150 -> 0.5; KR2 churn 10 -> 5
    checked in 7.5 (confidence 0.7) -> 0.5; KR3 cascaded 0 -> 3 from KR4 (4)
    -> 4/3, attainment 1. O2 (aspirational, aligned to O1): KR4 0 -> 8, value
    entered 4 -> 0.5. O1 = (2 * .5 + .5 + 1 + .5) / 5 = 0.6."""
    m = _core.Model()
    c = _core.Cycle()
    c.id, c.start, c.end = "2025-Q2", dt.date(2025, 4, 1), dt.date(2025, 6, 30)
    m.cycles = [c]

    def obj(id_: str, unit: str, aspirational: bool = False) -> object:
        o = _core.Objective()
        o.id, o.unit, o.cycle = id_, unit, "2025-Q2"
        o.type = "aspirational" if aspirational else "committed"
        return o

    o1, o2 = obj("O1", "acme"), obj("O2", "sales", True)
    al = _core.Alignment()
    al.parent, al.weight = "O1", 1.0
    o2.aligns_to = [al]
    m.objectives = [o1, o2]

    def kr(id_: str, o: str, kind: str, b: float, t: float, w: float = 1.0) -> object:
        k = _core.KeyResult()
        k.id, k.objective, k.weight = id_, o, w
        tg = _core.Target()
        tg.kind, tg.baseline, tg.target = kind, b, t
        k.target = tg
        return k

    k1 = kr("KR1", "O1", "increase", 100, 200, 2.0)
    k1.series = "revenue"
    k2 = kr("KR2", "O1", "decrease", 10, 5)
    ci = _core.CheckIn()
    ci.date, ci.value, ci.confidence = "2025-05-10", 7.5, 0.7
    k2.checkins = [ci]
    k3 = kr("KR3", "O1", "increase", 0, 3)
    k3.cascade_from = ["KR4"]
    k4 = kr("KR4", "O2", "increase", 0, 8)
    k4.value_override = 4.0
    k5 = kr("KR5", "O2", "increase", 0, 10)
    k5.series = "missing"
    m.key_results = [k1, k2, k3, k4, k5]
    s = _core.SeriesStore()
    s.add("revenue", "2025-04-30", 130.0)
    s.add("revenue", dt.date(2025, 5, 15), 150.0)
    s.add("revenue", "2025-05-20", 170.0)
    s.finalize()
    return m, s


def test_evaluate_example_by_hand() -> None:
    m, s = _example()
    card = sc.evaluate(m, s, dt.date(2025, 5, 16))
    assert len(card) == 7
    assert card["KR1"]["value"] == 150 and card["KR1"]["value_source"] == "measured"
    assert card["KR2"]["confidence"] == 0.7 and card["KR2"]["value_source"] == "checked_in"
    assert card["KR3"]["progress"] == pytest.approx(4 / 3)  # cascaded: 133.3%
    assert card["KR3"]["status"] == "done"
    assert card["KR4"]["value_source"] == "overridden"
    # O2: KR4 0.5, KR5 no data -> left out, incomplete
    assert card["O2"]["attainment"] == pytest.approx(0.5) and card["O2"]["incomplete"]
    assert card["O1"]["attainment"] == pytest.approx(0.6)
    assert card["O1"]["score_source"] == "rolled_up"
    assert card["O1"]["status"] == "on_track"
    assert card["KR5"]["diagnostics"][0]["code"] == "missing-value"
    with pytest.raises(KeyError):
        card.node("nope")


def _fcr(grade_over: str, with_may: bool = True) -> tuple[object, object]:
    """FCR >= 85, floor 75 (progress (v - 75) / 10 below 85), monthly means,
    cycle Q2 2025. Measurements 03-25 60 (before the cycle), 04-08 88,
    04-22 92, 05-06 78, 05-20 82, 06-03 83, 06-17 99 (after 06-10)."""
    m = _core.Model()
    c = _core.Cycle()
    c.id, c.start, c.end = "2025-Q2", dt.date(2025, 4, 1), dt.date(2025, 6, 30)
    m.cycles = [c]
    k = _core.Kpi()
    k.id, k.series, k.frequency, k.aggregation = "fcr", "fcr", "monthly", "mean"
    k.grade_over = grade_over
    tg = _core.Target()
    tg.kind, tg.target, tg.floor = "at_least", 85.0, 75.0
    k.target = tg
    m.kpis = [k]
    s = _core.SeriesStore()
    rows = [("2025-03-25", 60.0), ("2025-04-08", 88.0), ("2025-04-22", 92.0)]
    if with_may:
        rows += [("2025-05-06", 78.0), ("2025-05-20", 82.0)]
    rows += [("2025-06-03", 83.0), ("2025-06-17", 99.0)]
    for d, v in rows:
        s.add("fcr", d, v)
    s.finalize()
    return m, s


def test_grade_over_periods_by_hand() -> None:
    # As of 06-10: April mean 90 -> 1, May mean 80 -> 0.5, June 83 -> 0.8.
    # latest 0.8; average (1 + 0.5 + 0.8) / 3 = 0.7667; worst 0.5 (the raw
    # measurements would give 0.76 and 0.3).
    as_of = dt.date(2025, 6, 10)
    got = {
        how: sc.evaluate(*_fcr(how), as_of)["fcr"]["attainment"]
        for how in ("latest", "average", "worst")
    }
    assert got["latest"] == pytest.approx(0.8)
    assert got["average"] == pytest.approx((1 + 0.5 + 0.8) / 3)
    assert got["worst"] == pytest.approx(0.5)
    # Without May data: May is a gap, skipped and reported -> (1 + 0.8) / 2.
    node = sc.evaluate(*_fcr("average", with_may=False), as_of)["fcr"]
    assert node["attainment"] == pytest.approx(0.9) and node["incomplete"]
    assert "incomplete" in {d["code"] for d in node["diagnostics"]}


def test_scorecard_to_frame_dtypes() -> None:
    m, s = _example()
    df = sc.evaluate(m, s, "2025-05-16", grade_scale="percent").to_frame()
    assert df.index.name == "id"
    assert list(df.index[:2]) == ["KR1", "KR2"]
    for col in ("value", "progress", "attainment", "expected", "grade", "confidence"):
        assert df[col].dtype == np.float64
    assert isinstance(df["status"].dtype, pd.CategoricalDtype) and df["status"].cat.ordered
    assert isinstance(df["kind"].dtype, pd.CategoricalDtype)
    assert df["incomplete"].dtype == bool
    assert pd.api.types.is_datetime64_any_dtype(df["value_date"])
    assert df.loc["O1", "grade"] == pytest.approx(60.0)
    assert df.loc["KR1", "value_date"] == pd.Timestamp("2025-05-15")
    assert (df["status"] <= "on_track").sum() >= 2  # ordered: done, on_track are "at most on_track"


def test_scorecard_text_outputs_and_ratio_rule() -> None:
    m, s = _example()
    card = sc.evaluate(m, s, "2025-05-16", status_rule="ratio", projected_progress={"KR1": 0.3})
    assert card["KR1"]["status"] == "at_risk"  # projected 0.3 at due: ratio 0.3 < 0.4
    assert '"as_of": "2025-05-16"' in card.to_json()
    assert card.to_csv().startswith("id,kind,parent,unit,value,")
    assert "scorecard as of 2025-05-16" in card.format_table()
    assert "nodes=7" in repr(card)


def test_docstring_examples() -> None:
    import doctest

    assert doctest.testmod(sc).failed == 0


# --- outlook columns and the bundled example (period values, derived KPI) -------


def test_bundled_example_values_and_outlook_columns(examples) -> None:  # type: ignore[no-untyped-def]
    m = _core.load_model(str(examples / "acme.json"))
    data = _core.load_measurements(str(examples / "acme-measurements.csv"))
    card = sc.evaluate(m, data, "2025-05-31", outlook=True)
    # kr-traffic: (61000 - 50000) / (70000 - 50000) = 0.55
    assert card["kr-traffic"]["progress"] == pytest.approx(0.55)
    # derived kpi-support-csat: 364 / 400 * 100 = 91 in May
    assert card["kpi-support-csat"]["value"] == pytest.approx(91.0)
    assert card["kpi-support-csat"]["value_source"] == "computed"
    # o-support's Jalali cycle 1404-Q1 = 2025-03-21..2025-06-21: e = 71 / 92
    assert card["kr-fcr"]["expected"] == pytest.approx(71 / 92)
    # run-rate of kr-traffic: (70000 - 61000) / 1 remaining month
    assert card["kr-traffic"]["run_rate"] == pytest.approx(9000.0)
    assert card["kr-traffic"]["trend"] == "increasing"
    df = card.to_frame()
    for col in (
        "trend_slope",
        "trend_p",
        "projected_value",
        "projected_progress",
        "probability",
        "run_rate",
    ):
        assert df[col].dtype == np.float64
    assert df.loc["kr-traffic", "history_periods"] == 5
    assert df.loc["kr-esat", "history_periods"] == 0  # 2 measurements: no outlook
    assert math.isnan(df.loc["kr-esat", "probability"])
    assert 0.0 <= df.loc["kr-traffic", "probability"] <= 1.0
    assert isinstance(df["forecast_status"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_datetime64_any_dtype(df["target_date"])
    csv_head = card.to_csv().splitlines()[0].split(",")
    assert {"trend", "probability", "projected_value", "forecast_status"} <= set(csv_head)
    assert "P(target)" in card.format_table()
    # without the outlook the table keeps its old columns
    assert "P(target)" not in sc.evaluate(m, data, "2025-05-31").format_table()
