"""okrkit.appraisal: the pythonic wrapper, hand-worked values and properties."""

from __future__ import annotations

import math
from pathlib import Path

import okrkit
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from okrkit.appraisal import Appraisal, appraise, person_scores


def frame(rows: list[tuple[str, str, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(p, "q1", r, role, c, v) for p, r, role, c, v in rows],
        columns=["person", "cycle", "rater", "role", "criterion", "rating"],
    )


LENIENT_STRICT = frame(
    [
        ("A", "L", "manager", "ownership", 5),
        ("C", "L", "manager", "ownership", 4),
        ("B", "S", "manager", "ownership", 3),
        ("D", "S", "manager", "ownership", 2),
    ]
)


def finals(a: Appraisal) -> dict[str, float]:
    df = a.to_frame()
    return dict(zip(df["person"], df["final_score"]))


def test_mean_centring_changes_the_ranking() -> None:
    raw = finals(appraise(LENIENT_STRICT, weights=(0, 0, 1)))
    assert raw["C"] > raw["B"]
    cal = appraise(LENIENT_STRICT, weights=(0, 0, 1), calibration="mean_centre")
    f = finals(cal)
    # centre 3: B = 3 + (3 - 2.5) = 3.5 -> (3.5 - 1) / 4; C = 3 + (4 - 4.5) = 2.5
    assert f["B"] == pytest.approx(0.625)
    assert f["C"] == pytest.approx(0.375)
    assert set(cal.raters["treatment"]) == {"mean_centre"}


def test_trimmed_mean_drops_the_outlier() -> None:
    df = frame(
        [("P", f"p{i}", "peer", "ownership", 4) for i in range(4)]
        + [("P", "grudge", "peer", "ownership", 1)]
    )
    a = appraise(df, weights=(0, 0, 1), trim=0.2)
    row = a.to_frame().iloc[0]
    assert row["peer"] == pytest.approx(4.0)
    assert "grudge" in row["trimmed"]
    assert row["peer_raters"] == 5


def test_scores_components_and_frames() -> None:
    df = frame([("A", "M", "manager", "ownership", 4), ("A", "A", "self", "ownership", 5)])
    scores = pd.DataFrame({"person": ["A"], "kpi_score": [0.8], "okr_score": [0.5]})
    a = appraise(df, scores)
    row = a.to_frame().iloc[0]
    assert row["final_score"] == pytest.approx(0.6 * 0.8 + 0.2 * 0.5 + 0.2 * 0.75)
    assert row["band"] == "meets"
    assert row["self"] == 5.0
    assert not row["self_counted"]
    assert "M (manager)" in row["raters"]
    a2 = appraise(df, {"A": (0.8, None)})
    assert "okr score missing" in a2.to_frame().iloc[0]["notes"][0]
    assert list(a.criteria.columns)[:4] == ["cycle", "person", "criterion", "role"]
    assert a.to_csv().startswith("cycle,person")


def test_distribution_report_never_forces(examples: Path) -> None:
    m = okrkit.load_model(str(examples / "acme.json"))
    a = appraise(
        examples / "acme-ratings.csv",
        pd.read_csv(examples / "acme-scores.csv"),
        m,
        calibration="z_score",
        trim=0.0,
        bands={"top": 0.8, "middle": 0.5, "low": 0.0},
        target_distribution={"top": 0.2, "middle": 0.7, "low": 0.1},
    )
    df = a.to_frame()
    assert sorted(df["person"]) == ["p-ceo", "p-li", "p-reza", "p-sara"]
    dist = a.distribution
    everyone = dist[dist["unit"] == "*"]
    assert everyone["count"].sum() == 4
    assert everyone["actual"].sum() == pytest.approx(1.0)
    for _, r in everyone.iterrows():
        assert r["gap"] == pytest.approx(r["actual"] - r["target"])


def test_bad_rows_name_the_row() -> None:
    df = frame([("A", "M", "boss", "ownership", 4)])
    with pytest.raises(okrkit.ValidationError) as e:
        appraise(df)
    assert e.value.problems[0]["line"] == 2
    assert e.value.problems[0]["field"] == "role"
    with pytest.raises(ValueError):
        appraise(frame([("A", "M", "manager", "ownership", 3)]), trim=0.6)


PEOPLE = ["p0", "p1", "p2", "p3", "p4"]
CRITERIA = ["ownership", "growth"]


@st.composite
def rating_sets(draw: st.DrawFn) -> pd.DataFrame:
    rows = []
    for j, role in enumerate(["manager", "peer", "peer", "report"]):
        people = draw(st.lists(st.sampled_from(PEOPLE), min_size=2, max_size=5, unique=True))
        for p in people:
            for c in CRITERIA:
                rows.append((p, f"r{j}", role, c, draw(st.integers(2, 4))))
    return frame(rows)


def _same(a: Appraisal, b: Appraisal) -> None:
    x = a.to_frame().set_index("person")
    y = b.to_frame().set_index("person").loc[x.index]
    for col in ["competency", "final_score"]:
        for u, v in zip(x[col], y[col]):
            assert (math.isnan(u) and math.isnan(v)) or u == pytest.approx(v, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(rating_sets(), st.sampled_from(["mean_centre", "z_score"]), st.sampled_from([-1, 1]))
def test_property_constant_shift_of_one_rater(df: pd.DataFrame, calibration: str, c: int) -> None:
    shifted = df.copy()
    shifted.loc[shifted["rater"] == "r1", "rating"] += c
    kw = dict(weights=(0, 0, 1), calibration=calibration, trim=0.25)
    _same(appraise(df, **kw), appraise(shifted, **kw))


@settings(max_examples=60, deadline=None)
@given(rating_sets(), st.sampled_from(["none", "mean_centre", "z_score"]), st.randoms())
def test_property_rater_order_does_not_matter(df: pd.DataFrame, calibration: str, rnd) -> None:
    idx = list(df.index)
    rnd.shuffle(idx)
    kw = dict(weights=(0, 0, 1), calibration=calibration, trim=0.25)
    _same(appraise(df, **kw), appraise(df.loc[idx], **kw))


OWNERS = """{
  "okrkit": 1,
  "people": [ { "id": "a" }, { "id": "b" }, { "id": "c" }, { "id": "d" } ],
  "cycles": [ { "id": "q1", "start": "2025-01-01", "end": "2025-03-31" },
              { "id": "j1", "start": "2025-03-21", "end": "2025-06-21" },
              { "id": "q3", "start": "2025-07-01", "end": "2025-09-30" } ],
  "objectives": [
    { "id": "o1", "title": "One", "owner": "a", "cycle": "q1", "weight": 2 },
    { "id": "o2", "title": "Two", "owner": "a", "cycle": "j1", "score_override": 0.2 },
    { "id": "o3", "title": "Three", "owner": "a", "cycle": "q3", "score_override": 0.9 }
  ],
  "key_results": [
    { "id": "kr1", "objective": "o1", "title": "K1", "owner": "c", "kind": "increase",
      "baseline": 0, "target": 100, "series": "s1" },
    { "id": "kr2", "objective": "o1", "title": "K2", "owner": "c", "kind": "increase",
      "baseline": 0, "target": 10, "series": "s2", "weight": 3 }
  ],
  "kpis": [
    { "id": "k1", "owner": "b", "frequency": "monthly", "kind": "at_least", "target": 80,
      "series": "s3" },
    { "id": "k2", "owner": "b", "frequency": "monthly", "kind": "at_most", "target": 2,
      "series": "s4", "weight": 3 },
    { "id": "k3", "owner": "b", "frequency": "monthly", "kind": "at_least", "target": 5 }
  ]
}"""

OWNERS_DATA = pd.DataFrame(
    {
        "series": ["s1", "s2", "s3", "s4"],
        "date": ["2025-03-31"] * 4,
        "value": [50.0, 10.0, 60.0, 3.0],
    }
)


def test_person_scores_by_hand() -> None:
    # Attainments as of 2025-03-31 (docs/scoring.md):
    #   kr1 = 50 / 100 = 0.5; kr2 = 10 / 10 = 1 (weight 3); o1 = (0.5 + 3 * 1) / 4 = 0.875
    #   o2 = 0.2, o3 = 0.9 (score overrides); k1: 60 / 80 = 0.75 (at_least, floor 0)
    #   k2: at_most 2 at 3, ceiling 2t = 4: (4 - 3) / 2 = 0.5 (weight 3); k3 has no data
    # Cycle q1 (the one containing 31 March): o1 and o2 (j1 overlaps q1) count, o3 does not.
    #   a: okr = (2 * 0.875 + 0.2) / 3 = 0.65
    #   b: kpi = (0.75 + 3 * 0.5) / 4 = 0.5625
    #   c: no objective -> owned KRs: (0.5 + 3 * 1) / 4 = 0.875; d owns nothing: no row
    m = okrkit.parse_model(OWNERS)
    df = person_scores(m, data=OWNERS_DATA, as_of="2025-03-31").set_index("person")
    assert list(df.index) == ["a", "b", "c"]
    assert df.loc["a", "okr_score"] == pytest.approx(0.65)
    assert math.isnan(df.loc["a", "kpi_score"])
    assert df.loc["a", "okr_from"] == ["o1", "o2"]
    assert df.loc["b", "kpi_score"] == pytest.approx(0.5625)
    assert df.loc["b", "kpi_from"] == ["k1", "k2"]
    assert df.loc["c", "okr_score"] == pytest.approx(0.875)
    # Every cycle: a adds o3: (2 * 0.875 + 0.2 + 0.9) / 4 = 0.7125. From a Scorecard too.
    sc = okrkit.evaluate(m, okrkit.measurements_from_frame(OWNERS_DATA), "2025-03-31")
    every = person_scores(m, sc, cycle="q3").set_index("person")
    assert every.loc["a", "okr_score"] == pytest.approx(0.9)  # q3 only: o3
    # appraise() from the scorecard, with b's OKR cell overridden by hand:
    # b final = (0.6 * 0.5625 + 0.2 * 0.4) / 0.8 = (0.3375 + 0.08) / 0.8 = 0.521875 (no ratings).
    a = appraise(frame([]), {"b": (None, 0.4)}, m, scorecard=sc).to_frame().set_index("person")
    assert a.loc["b", "kpi_score"] == pytest.approx(0.5625)
    assert a.loc["b", "okr_score"] == pytest.approx(0.4)
    assert a.loc["b", "final_score"] == pytest.approx(0.521875)
    assert a.loc["b", "kpi_from"] == ["k1", "k2"]
    with pytest.raises(ValueError):
        appraise(frame([]), data=OWNERS_DATA)  # no model


def test_appraise_the_example_from_its_data(examples: Path) -> None:
    m = okrkit.load_model(str(examples / "acme.json"))
    data = okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    ratings = pd.read_csv(examples / "acme-ratings.csv")
    a = appraise(ratings, model=m, data=data, as_of="2025-06-30").to_frame().set_index("person")
    # p-reza (see tests/cpp/appraisal/test_appraisal.cpp): kpi (0.7 + 81.5/85 + 1) / 3, okr 0.55,
    # competency 0.6875 (manager 3.6, peers 4.0, as in test_cli_appraise).
    kpi = (0.7 + 81.5 / 85 + 1) / 3
    assert a.loc["p-reza", "kpi_score"] == pytest.approx(kpi)
    assert a.loc["p-reza", "okr_score"] == pytest.approx(0.55)
    assert a.loc["p-reza", "final_score"] == pytest.approx(0.6 * kpi + 0.2 * 0.55 + 0.2 * 0.6875)


def _cli() -> str | None:
    import os
    import shutil

    return os.environ.get("OKRKIT_CLI") or shutil.which("okrkit")


@pytest.mark.skipif(_cli() is None, reason="okrkit CLI not found (set OKRKIT_CLI)")
def test_cli_appraise(examples: Path) -> None:
    import io
    import json
    import subprocess

    cli = str(_cli())
    base = [
        cli,
        "appraise",
        str(examples / "acme.json"),
        "--ratings",
        str(examples / "acme-ratings.csv"),
        "--as-of",
        "2025-06-15",
        "--scores",
        str(examples / "acme-scores.csv"),
    ]
    p = subprocess.run(base + ["--format", "csv"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    df = pd.read_csv(io.StringIO(p.stdout))
    assert sorted(df["person"]) == ["p-ceo", "p-li", "p-reza", "p-sara"]
    # p-reza: KPI 0.93, OKR 0.86; manager p-ceo (4,3,3,5,3 -> 3.6), peers p-sara (4.4) and
    # p-li (3.6) -> 4.0; no reports: competency (0.5*3.6 + 0.3*4.0) / 0.8 = 3.75 -> (3.75-1)/4 = 0.6875
    reza = df[df["person"] == "p-reza"].iloc[0]
    assert reza["competency_score"] == pytest.approx(0.6875, abs=1e-4)
    assert reza["final_score"] == pytest.approx(0.6 * 0.93 + 0.2 * 0.86 + 0.2 * 0.6875, abs=1e-3)
    p = subprocess.run(
        base + ["--format", "json", "--calibration", "z"], capture_output=True, text=True
    )
    assert p.returncode == 0, p.stderr
    assert {r["treatment"] for r in json.loads(p.stdout)["raters"]} >= {"z_score"}
    p = subprocess.run(base + ["--calibration", "bogus"], capture_output=True, text=True)
    assert p.returncode == 2


@pytest.mark.skipif(_cli() is None, reason="okrkit CLI not found (set OKRKIT_CLI)")
def test_cli_appraise_from_the_scorecard(examples: Path) -> None:
    import io
    import subprocess

    cli = str(_cli())
    base = [
        cli,
        "appraise",
        str(examples / "acme.json"),
        "--ratings",
        str(examples / "acme-ratings.csv"),
        "--as-of",
        "2025-06-30",
        "--data",
        str(examples / "acme-measurements.csv"),
        "--format",
        "csv",
    ]
    p = subprocess.run(base, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    df = pd.read_csv(io.StringIO(p.stdout)).set_index("person")
    # Hand-worked for p-reza at 2025-06-30 (data ends 31 May; monthly KPIs take May):
    #   kpi-response-time at_most 2 at 2.6 h, ceiling 4: 0.7; kpi-fcr 81.5 / 85;
    #   kpi-support-csat 364 / 400 = 91 % >= 90: 1  -> kpi = 0.886275
    #   o-support (Jalali 1404-Q1 overlaps Q2): (0.6 + 0.5) / 2 = 0.55
    #   final = 0.6 * 0.886275 + 0.2 * 0.55 + 0.2 * 0.6875 = 0.779265 -> "exceeds" (>= 0.75)
    reza = df.loc["p-reza"]
    assert reza["kpi_score"] == pytest.approx(0.886275, abs=1e-4)
    assert reza["okr_score"] == pytest.approx(0.55, abs=1e-4)
    assert reza["final_score"] == pytest.approx(0.779265, abs=1e-3)
    assert reza["band"] == "exceeds"
    assert reza["kpi_from"] == "kpi-response-time kpi-fcr kpi-support-csat"
    assert reza["okr_from"] == "o-support"
    # p-ceo owns no KPI: KPI missing, weights renormalised over OKR and competencies.
    assert math.isnan(df.loc["p-ceo", "kpi_score"])
    assert df.loc["p-ceo", "okr_from"] == "o-company"
    # --scores overrides cell by cell: p-reza's KPI 0.93 and OKR 0.86 from the CSV.
    p = subprocess.run(
        base + ["--scores", str(examples / "acme-scores.csv")], capture_output=True, text=True
    )
    assert p.returncode == 0, p.stderr
    df = pd.read_csv(io.StringIO(p.stdout)).set_index("person")
    assert df.loc["p-reza", "kpi_score"] == pytest.approx(0.93)
    assert df.loc["p-reza", "okr_score"] == pytest.approx(0.86)
