"""okrkit.lint: the pythonic wrapper over the SMART lint rules."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

import okrkit
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
        "rule", "name", "severity", "node", "field", "file", "line", "message",
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
    assert sorted(report.rule_ids) == ["A002", "A002", "A002", "A002", "M006", "M006"]


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
    assert p.returncode == 0  # info only
    assert "M006" in p.stdout
    p = subprocess.run(
        [cli, "lint", model, "--data", data, "--as-of", "2025-06-01", "--format", "sarif"],
        capture_output=True,
        text=True,
    )
    assert p.returncode == 3  # warnings
    sarif = json.loads(p.stdout)
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"A002", "M006"}
    p = subprocess.run([cli, "lint", model, "--format", "xml"], capture_output=True, text=True)
    assert p.returncode == 2
