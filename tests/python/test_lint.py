"""okrkit.lint: the pythonic wrapper over the SMART lint rules."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import okrkit
import pandas as pd
import pytest
from okrkit.lint import LintReport, NodeOutlook, lint, rules

MODEL = """{
  "okrkit": 1,
  "units": [ { "id": "co" }, { "id": "team", "parent": "co" } ],
  "people": [ { "id": "p1", "unit": "co" }, { "id": "p2", "unit": "team" } ],
  "cycles": [ { "id": "q1", "start": "2025-01-01", "end": "2025-03-31" } ],
  "objectives": [
    { "id": "o-top", "title": "Become the most trusted shop in town", "owner": "p1", "unit": "co",
      "cycle": "q1" },
    { "id": "o-team", "title": "Delight customers with quick answers", "owner": "p2", "unit": "team",
      "cycle": "q1", "aligns_to": [ "o-top" ] }
  ],
  "key_results": [
    { "id": "kr-a", "objective": "o-top", "title": "Grow monthly revenue from 100 to 120",
      "owner": "p1", "kind": "increase", "baseline": 100, "target": 120, "measure_unit": "kUSD",
      "series": "revenue" },
    { "id": "kr-b", "objective": "o-top", "title": "Raise net promoter score from 30 to 40",
      "owner": "p1", "kind": "increase", "baseline": 30, "target": 40, "measure_unit": "points",
      "series": "nps" },
    { "id": "kr-c", "objective": "o-team", "title": "Cut average response time from 4 h to 3 h",
      "owner": "p2", "kind": "decrease", "baseline": 4, "target": 3, "measure_unit": "h",
      "series": "resp" },
    { "id": "kr-d", "objective": "o-team", "title": "Resolve at least 80% of tickets on first contact",
      "owner": "p2", "kind": "at_least", "baseline": 70, "target": 80, "measure_unit": "%",
      "series": "fcr" }
  ]
}"""


@pytest.fixture()
def model() -> okrkit.Model:
    return okrkit.parse_model(MODEL, "m.json")


def test_rules_frame_has_every_letter() -> None:
    df = rules()
    assert len(df) >= 30
    assert set(df["id"].str[0]) == set("SMARTX")
    assert df["id"].is_unique
    assert set(df["severity"]) == {"error", "warning", "info"}


def test_clean_model_and_report_api(model: okrkit.Model) -> None:
    report = lint(model)
    assert isinstance(report, LintReport)
    assert len(report) == 0
    assert report.exit_status == 0
    assert list(report.to_frame().columns) == [
        "rule",
        "name",
        "severity",
        "node",
        "field",
        "file",
        "line",
        "message",
    ]


def test_findings_frame_and_formats(model: okrkit.Model) -> None:
    model.objectives[1].aligns_to = []  # R003: team objective not aligned
    report = lint(model)
    assert report.rule_ids == ["R003"]
    df = report.to_frame()
    assert df.loc[0, "node"] == "o-team"
    assert df.loc[0, "file"] == "m.json"
    assert df.loc[0, "severity"] == "warning"
    assert report.exit_status == 3
    assert json.loads(report.to_json())["summary"]["warnings"] == 1
    sarif = json.loads(report.to_sarif())
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["results"][0]["ruleId"] == "R003"
    assert "R003" in report.to_table()


def test_disable_by_argument_and_in_the_model(model: okrkit.Model) -> None:
    model.objectives[1].aligns_to = []
    assert len(lint(model, disable=["R003"])) == 0
    model.lint_disable = {"o-team": ["R003"]}
    assert len(lint(model)) == 0
    model.lint_disable = {"": ["R003"]}
    text = okrkit.dump_model(model)
    assert '"lint"' in text
    assert len(lint(okrkit.parse_model(text))) == 0


def test_thresholds_as_keywords(model: okrkit.Model) -> None:
    assert "X001" in lint(model, min_key_results=3).rule_ids  # 2 KRs < 3
    with pytest.raises(TypeError):
        lint(model, no_such_threshold=1)


def test_outlook_drives_achievable_rules(model: okrkit.Model) -> None:
    report = lint(model, as_of="2025-03-20", outlook={"kr-a": {"probability": 0.3}})
    assert report.rule_ids == ["A001"]
    report = lint(
        model,
        as_of=dt.date(2025, 3, 20),
        outlook={"kr-b": NodeOutlook(trend_per_day=0.1, current=30.0)},
    )
    assert report.rule_ids == ["A002"]


def test_data_as_dataframe_enables_data_rules(model: okrkit.Model) -> None:
    df = pd.DataFrame(
        {
            "series": ["revenue", "nps", "resp"],
            "date": ["2025-01-31", "2025-01-31", "2025-01-31"],
            "value": [105.0, 32.0, 3.9],
        }
    )
    report = lint(model, df, as_of="2025-03-20")
    assert report.rule_ids == ["M004"]  # fcr has no data
    assert report.to_frame().loc[0, "node"] == "kr-d"


def test_bundled_example(examples: Path) -> None:
    m = okrkit.load_model(str(examples / "acme.json"))
    data = okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    report = lint(m, data, as_of="2025-06-01")
    # docs/lint.md "The bundled example": A001 from the scorecard forecast on six
    # key results one month before the end of Q2, A002 beyond the trend, M006 counts.
    found = sorted(zip(report.rule_ids, report.to_frame()["node"]))
    assert found == sorted(
        [
            ("A001", k)
            for k in (
                "kr-traffic",
                "kr-conversion",
                "kr-followers",
                "kr-response",
                "kr-fcr",
                "kr-attrition",
            )
        ]
        + [("A002", k) for k in ("kr-followers", "kr-conversion", "kr-attrition", "kr-fcr")]
        + [("M006", "kpi-articles"), ("M006", "kpi-followers")]
        + [("R011", "kpi-articles"), ("R011", "kpi-followers")]
        + [("R008", "o-support"), ("X014", "o-company")]
    )
    # Trend only (no forecast): A001 stays silent.
    trend_only = lint(m, data, as_of="2025-06-01", forecast=False)
    assert sorted(trend_only.rule_ids) == sorted(
        ["A002"] * 4 + ["M006"] * 2 + ["R008", "X014"] + ["R011"] * 2
    )


FORECAST_MODEL = """{{
  "okrkit": 1,
  "cycles": [ {{ "id": "q3", "start": "2025-07-01", "end": "2025-09-30" }} ],
  "objectives": [ {{ "id": "o", "title": "Grow the business steadily", "cycle": "q3",
                    "type": "{type}" }} ],
  "key_results": [ {{ "id": "kr", "objective": "o", "title": "Grow sales from 100 to {target}",
                     "kind": "increase", "baseline": 100, "target": {target}, "series": "x" }} ]
}}"""


def _monthly(values: list[float]) -> pd.DataFrame:
    ends = ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30"]
    return pd.DataFrame({"series": "x", "date": ends[: len(values)], "value": values})


def _a001(kind: str, target: float, values: list[float]) -> list[str]:
    m = okrkit.parse_model(FORECAST_MODEL.format(type=kind, target=target))
    report = lint(m, _monthly(values), as_of="2025-07-01")
    return [n for r, n in zip(report.rule_ids, report.to_frame()["node"]) if r == "A001"]


def test_a001_from_the_scorecard_forecast() -> None:
    # Flat history (100, 101, 99, 100, 102, 100): the scorecard's Holt forecast
    # for September is ~100 with a spread of a few units, so a target of 150 is
    # >10 spreads away, P ~ 0: below 0.5 (committed) and 0.2 (aspirational).
    flat = [100, 101, 99, 100, 102, 100]
    assert _a001("committed", 150, flat) == ["kr"]
    assert _a001("aspirational", 150, flat) == ["kr"]
    # Rising ~10 a month (100 ... 151): forecast ~181 in September, well past
    # a target of 160: P ~ 1, no finding.
    rising = [100, 110, 121, 129, 140, 151]
    assert _a001("committed", 160, rising) == []
    assert _a001("aspirational", 160, rising) == []
    # A target 2 above the projection: the symmetric predictive distribution
    # gives 0.2 < P < 0.5, so only the committed limit (0.5) fires.
    m = okrkit.parse_model(FORECAST_MODEL.format(type="committed", target=160))
    data = okrkit.measurements_from_frame(_monthly(rising))
    sc = okrkit.evaluate(m, data, "2025-07-01", outlook=True)
    near = sc["kr"]["projected_value"] + 2.0
    m_near = okrkit.parse_model(FORECAST_MODEL.format(type="committed", target=near))
    p = okrkit.evaluate(m_near, data, "2025-07-01", outlook=True)["kr"]["probability"]
    assert 0.2 < p < 0.5
    assert _a001("committed", near, rising) == ["kr"]
    assert _a001("aspirational", near, rising) == []


def test_outlook_from_a_scorecard() -> None:
    m = okrkit.parse_model(FORECAST_MODEL.format(type="committed", target=150))
    data = okrkit.measurements_from_frame(_monthly([100, 101, 99, 100, 102, 100]))
    sc = okrkit.evaluate(m, data, "2025-07-01", outlook=True)
    assert "A001" in lint(m, outlook=sc, as_of="2025-07-01").rule_ids
    assert "A001" in lint(m, outlook=sc._core, as_of="2025-07-01").rule_ids
    assert "A001" not in lint(m, as_of="2025-07-01").rule_ids  # no data, no outlook
    with pytest.raises(TypeError):
        lint(m, outlook=[1, 2])


def _cli() -> str | None:
    import os
    import shutil

    return os.environ.get("OKRKIT_CLI") or shutil.which("okrkit")


@pytest.mark.skipif(_cli() is None, reason="okrkit CLI not found (set OKRKIT_CLI)")
def test_cli_lint_formats_and_exit_status(examples: Path) -> None:
    import subprocess

    cli = str(_cli())
    model = str(examples / "acme.json")
    data = str(examples / "acme-measurements.csv")
    p = subprocess.run([cli, "lint", model], capture_output=True, text=True)
    # Warning R008: o-support's Jalali 1404-Q1 is not inside the company's 2025-Q2
    # (docs/lint.md "The bundled example"); the rest is info.
    assert p.returncode == 3
    assert "M006" in p.stdout and "R008" in p.stdout
    assert "0 error(s), 1 warning(s)" in p.stdout
    p = subprocess.run(
        [cli, "lint", model, "--data", data, "--as-of", "2025-06-01", "--format", "sarif"],
        capture_output=True,
        text=True,
    )
    assert p.returncode == 3  # warnings
    sarif = json.loads(p.stdout)
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {
        "A001",
        "A002",
        "M006",
        "R008",
        "R011",
        "X014",
    }
    p = subprocess.run([cli, "lint", model, "--format", "xml"], capture_output=True, text=True)
    assert p.returncode == 2


def test_cycle_and_ownership_rules_with_thresholds(model: okrkit.Model) -> None:
    # o-team -> o-top is 2 objectives deep: over a limit of 1 (R009).
    assert lint(model, max_alignment_depth=2).rule_ids == []
    deep = lint(model, max_alignment_depth=1)
    assert deep.rule_ids == ["R009"]
    assert deep.to_frame().loc[0, "node"] == "o-team"
    # p1 owns kr-a and kr-b in q1; the second is over a limit of 1 (X017).
    over = lint(model, max_key_results_per_owner=1)
    assert list(zip(over.rule_ids, over.to_frame()["node"])) == [("X017", "kr-b"), ("X017", "kr-d")]
    # q1 runs 90 days; without a period label it must be 28..60 days here (T008).
    assert lint(model, max_cycle_days=60).rule_ids == ["T008"]


def test_red_kpi_without_recovery(model: okrkit.Model) -> None:
    spec = json.loads(MODEL)
    spec["kpis"] = [
        {
            "id": "kpi-resp",
            "name": "Average response time",
            "owner": "p2",
            "unit": "team",
            "measure_unit": "h",
            "frequency": "weekly",
            "kind": "at_most",
            "target": 3,
            "thresholds": {"green": 3, "yellow": 3.5},
            "series": "resp",
        }
    ]
    m = okrkit.parse_model(json.dumps(spec), "m.json")
    data = pd.DataFrame({"series": "resp", "date": ["2025-03-01"], "value": [3.8]})
    # 3.8 h against green 3, yellow 3.5 (lower is better): red, no recovery objective.
    found = lint(m, data, as_of="2025-03-02", forecast=False)
    assert "R011" in found.rule_ids
    m.kpis[0].recovery = "o-team"
    assert "R011" not in lint(m, data, as_of="2025-03-02", forecast=False).rule_ids
    assert okrkit.parse_model(okrkit.dump_model(m)).kpis[0].recovery == "o-team"


def test_closed_parent_and_abandoned_without_note() -> None:
    # Hand-built from docs/lint.md R013 / T010: Q1 closed with o-top achieved,
    # Q2's o-next still aligned to it; kr-x abandoned on 2025-05-02 without a note.
    spec = json.loads(MODEL)
    spec["cycles"] = [
        {"id": "q1", "start": "2025-01-01", "end": "2025-03-31", "state": "closed"},
        {"id": "q2", "start": "2025-04-01", "end": "2025-06-30"},
    ]
    top = spec["objectives"][0]
    top.update(state="achieved", closed_on="2025-03-31", final_score=0.8, note="done")
    team = spec["objectives"][1]
    team["cycle"] = "q2"
    for k in spec["key_results"]:
        if k["objective"] == "o-top":
            k.update(state="achieved", closed_on="2025-03-31", note="done")
    kr_c = spec["key_results"][2]
    kr_c.update(state="abandoned", closed_on="2025-05-02")
    m = okrkit.parse_model(json.dumps(spec), "closed.json")
    report = lint(m, disable=["R005"])  # Q2 aligned to Q1 also breaks R005
    df = report.to_frame()
    assert list(zip(df["rule"], df["node"], df["field"])) == [
        ("R013", "o-team", "aligns_to"),
        ("T010", "kr-c", "note"),
    ]
    assert df.loc[0, "name"] == "alignment-to-closed-parent"
    assert df.loc[0, "message"] == (
        "objective 'o-team' is open but aligns to 'o-top', which was achieved on "
        "2025-03-31: its score is frozen, so align the objective to an open one"
    )
    assert df.loc[1, "message"] == (
        "key result 'kr-c' was abandoned on 2025-05-02 without a note: say why in "
        '"note" (what changed, what replaces it)'
    )
    assert set(df["severity"]) == {"warning"}
    assert report.exit_status == 3
    results = json.loads(report.to_sarif())["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("R013", "warning"),
        ("T010", "warning"),
    ]
    assert results[1]["locations"][0]["logicalLocations"][0]["name"] == "kr-c.note"
    # A note (not blank) silences T010; closing o-team silences R013.
    kr_c["note"] = "chat tool replaced; kr-d covers support quality"
    m = okrkit.parse_model(json.dumps(spec), "closed.json")
    assert lint(m, disable=["R005"]).rule_ids == ["R013"]
    kr_c["note"] = "   "
    m = okrkit.parse_model(json.dumps(spec), "closed.json")
    assert lint(m, disable=["R005"]).rule_ids == ["R013", "T010"]
    team.update(state="missed", closed_on="2025-06-30", note="late")
    m = okrkit.parse_model(json.dumps(spec), "closed.json")
    assert lint(m, disable=["R005"]).rule_ids == ["T010"]
