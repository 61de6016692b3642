"""The `okrkit` command line (src/cli/, CLI11): help for every command, usage
errors with exit status 2, problems on stderr, --strict, human percentages,
and docs/cli.md in step with the help text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import find_cli as _cli

ROOT = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.skipif(_cli() is None, reason="okrkit CLI not found (set OKRKIT_CLI)")

# Every option of every command (src/cli/*.cpp); --help must explain each.
OPTIONS = {
    "validate": ["--data"],
    "score": [
        "--data",
        "--as-of",
        "--format",
        "--output",
        "--strict",
        "--threads",
        "--no-forecast",
        "--forecast-status",
        "--progress",
        "--no-progress",
    ],
    "lint": ["--data", "--as-of", "--format", "--disable", "--output", "--strict"],
    "appraise": [
        "--ratings",
        "--as-of",
        "--data",
        "--scores",
        "--format",
        "--calibration",
        "--trim",
        "--include-self",
        "--min-raters",
        "--role-weights",
        "--weights",
        "--bands",
        "--target-distribution",
        "--output",
        "--strict",
    ],
    "report": ["--data", "--as-of", "--output", "--strict"],
    "version": [],
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    cli = _cli()
    assert cli is not None
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=120)


def _model_with_formula(examples: Path, tmp_path: Path, formula: str) -> Path:
    """examples/acme.json with the derived KPI kpi-support-csat given `formula`."""
    model = json.loads((examples / "acme.json").read_text(encoding="utf-8"))
    kpis = [k for k in model["kpis"] if k["id"] == "kpi-support-csat"]
    assert len(kpis) == 1 and "formula" in kpis[0]
    kpis[0]["formula"] = formula
    out = tmp_path / "model.json"
    out.write_text(json.dumps(model, indent=2), encoding="utf-8")
    return out


def test_overview_help_lists_every_command() -> None:
    for args in (["--help"], ["-h"], ["help"]):
        r = run(*args)
        assert r.returncode == 0, r.stderr
        for cmd in OPTIONS:
            assert re.search(rf"^  {cmd}\b", r.stdout, re.M), (args, cmd)
        assert "Exit status" in r.stdout


@pytest.mark.parametrize("cmd", sorted(OPTIONS))
def test_command_help_explains_every_option(cmd: str) -> None:
    r = run(cmd, "--help")
    assert r.returncode == 0 and r.stderr == ""
    assert f"Usage: okrkit {cmd}" in r.stdout
    for opt in OPTIONS[cmd]:
        line = re.search(rf"^  (-o,)?{opt}\b.*$", r.stdout, re.M)
        assert line is not None, (cmd, opt)
    # options that take a value say their default
    for opt in ("--format", "--threads", "--trim", "--weights", "--calibration", "--disable"):
        if opt in OPTIONS[cmd]:
            block = r.stdout.split(f"  {opt} ", 1)[1].split("\n  -", 1)[0]
            assert "Default:" in block, (cmd, opt)


def test_version() -> None:
    for args in (["version"], ["--version"]):
        r = run(*args)
        assert r.returncode == 0 and re.fullmatch(r"okrkit \d+\.\d+\.\d+\S*\n", r.stdout), r.stdout


def test_no_command_is_a_usage_error() -> None:
    r = run()
    assert r.returncode == 2 and "score" in r.stderr and r.stdout == ""
    r = run("frobnicate")
    assert r.returncode == 2 and "frobnicate" in r.stderr


def test_unknown_option_exits_2_and_names_it(examples: Path) -> None:
    r = run("score", str(examples / "acme.json"), "--as-of", "2025-05-31", "--bogus")
    assert r.returncode == 2 and r.stdout == ""
    assert "unknown option '--bogus'" in r.stderr and "okrkit score --help" in r.stderr
    # a misspelt option is reported as such (not as "--as-of is required"), with a suggestion
    r = run("score", str(examples / "acme.json"), "--as_of", "2025-05-31")
    assert r.returncode == 2
    assert "unknown option '--as_of' (did you mean --as-of?)" in r.stderr
    assert "required" not in r.stderr


def test_bad_option_values_exit_2_and_name_the_option(examples: Path) -> None:
    model = str(examples / "acme.json")
    r = run("score", model, "--as-of", "2025-05-31", "--format", "xml")
    assert r.returncode == 2 and "--format" in r.stderr and "table,json,csv,markdown" in r.stderr
    r = run("lint", model, "--format", "csv")
    assert r.returncode == 2 and "--format" in r.stderr and "table,json,sarif" in r.stderr
    r = run("score", model, "--as-of", "2025-02-30")
    assert r.returncode == 2 and "--as-of: date '2025-02-30' does not exist" in r.stderr
    r = run(
        "report", model, "--data", str(examples / "acme-measurements.csv"), "--as-of", "31/05/2025"
    )
    assert r.returncode == 2 and "--as-of: date '31/05/2025' is not YYYY-MM-DD" in r.stderr
    r = run("score", model)
    assert r.returncode == 2 and "--as-of is required" in r.stderr
    r = run(
        "appraise",
        model,
        "--ratings",
        str(examples / "acme-ratings.csv"),
        "--as-of",
        "2025-06-15",
        "--trim",
        "lots",
    )
    assert r.returncode == 2 and "--trim" in r.stderr


def test_validate_prints_ok_on_stdout(examples: Path) -> None:
    r = run(
        "validate", str(examples / "acme.json"), "--data", str(examples / "acme-measurements.csv")
    )
    assert r.returncode == 0, r.stderr
    # acme.json: 4 objectives, 9 key results, 9 KPIs, 1 CSF; the CSV has 45 data rows in 10 series
    assert r.stdout == (
        f"{examples / 'acme.json'}: ok: 4 objectives, 9 key results, 9 KPIs, 1 CSFs; "
        "45 measurements in 10 series\n"
    )
    # Only infos on stderr: kr-development's series is not in the data, its
    # value comes from its check-ins (an info, not a problem).
    assert r.stderr.splitlines() and all(x.startswith("info: ") for x in r.stderr.splitlines())
    assert "kr-development" in r.stderr and "[unknown-series]" in r.stderr


def test_validate_problems_go_to_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    r = run("validate", str(bad))
    assert r.returncode == 1 and r.stdout == "" and str(bad) in r.stderr


def test_unparsable_formula_stops_the_model_loading(examples: Path, tmp_path: Path) -> None:
    # A formula that does not parse is a validation error: the model does not
    # load, every command exits 1 and names node, field, column and caret.
    formula = "support_csat_satisfied +* 100"
    model = _model_with_formula(examples, tmp_path, formula)
    data = str(examples / "acme-measurements.csv")
    for cmd in (
        ["validate", str(model)],
        ["score", str(model), "--data", data, "--as-of", "2025-05-31"],
    ):
        r = run(*cmd)
        assert r.returncode == 1 and r.stdout == ""
        lines = r.stderr.splitlines()
        i = next(k for k, x in enumerate(lines) if "node 'kpi-support-csat': field 'formula'" in x)
        assert "column 25: expected a number, name or '('" in lines[i]
        assert lines[i + 1].strip() == formula
        assert lines[i + 2].index("^") - lines[i + 1].index(formula) == 24
        assert "[formula-error]" in lines[i + 2]


@pytest.mark.parametrize(
    "formula, code",
    [
        ("support_csat_missing / support_csat_responses * 100", None),
    ],
)
def test_broken_formula_is_shown_on_stderr(
    examples: Path, tmp_path: Path, formula: str, code: str | None
) -> None:
    model = _model_with_formula(examples, tmp_path, formula)
    data = str(examples / "acme-measurements.csv")
    base = ["score", str(model), "--data", data, "--as-of", "2025-05-31"]
    r = run(*base)
    assert r.returncode == 0
    # the scorecard row is flagged and its problem is on stderr, naming node and field
    assert re.search(r"^kpi\s+kpi-support-csat\s.*\s!(\s|$)", r.stdout, re.M)
    assert "okrkit score: the scorecard has 1 error" in r.stderr
    line = next(x for x in r.stderr.splitlines() if x.startswith("  error"))
    assert "kpi-support-csat" in line
    if code:
        assert f"kpi-support-csat.formula  {code}" in line
        assert "column 25: expected a number, name or '('" in line
        # the caret under the mistake: column 25 of the formula
        lines = r.stderr.splitlines()
        i = lines.index(line)
        assert lines[i + 1].strip() == formula
        assert lines[i + 2].index("^") - lines[i + 1].index(formula) == 24
    # the table lists every diagnostic under it
    assert (
        "\ndiagnostics (" in r.stdout and "kpi-support-csat" in r.stdout.split("\ndiagnostics (")[1]
    )
    # --strict: exit 1, the output still written
    r = run(*base, "--strict", "--format", "json")
    assert r.returncode == 1 and "--strict" in r.stderr
    assert json.loads(r.stdout)["as_of"] == "2025-05-31"
    # the other scorecard commands show it too
    r = run("report", str(model), "--data", data, "--as-of", "2025-05-31", "--strict")
    assert r.returncode == 1 and "okrkit report: the scorecard has 1 error" in r.stderr
    assert (
        "<h2>Problems</h2>" in r.stdout
        and "kpi-support-csat" in r.stdout.split("<h2>Problems</h2>")[1]
    )
    r = run("lint", str(model), "--data", data, "--as-of", "2025-05-31")
    assert "okrkit lint: the scorecard has 1 error" in r.stderr
    r = run(
        "appraise",
        str(model),
        "--ratings",
        str(examples / "acme-ratings.csv"),
        "--as-of",
        "2025-06-15",
        "--data",
        data,
        "--format",
        "csv",
    )
    assert r.returncode == 0 and "okrkit appraise: the scorecard has 1 error" in r.stderr


def test_markdown_lists_diagnostics(examples: Path, tmp_path: Path) -> None:
    model = _model_with_formula(
        examples, tmp_path, "support_csat_missing / support_csat_responses * 100"
    )
    r = run(
        "score",
        str(model),
        "--data",
        str(examples / "acme-measurements.csv"),
        "--as-of",
        "2025-05-31",
        "--format",
        "markdown",
        "--no-forecast",
    )
    assert "**Diagnostics** (1 error" in r.stdout
    assert "- error `kpi-support-csat" in r.stdout


def test_clean_scorecard_keeps_stderr_quiet(examples: Path) -> None:
    model, data = str(examples / "acme.json"), str(examples / "acme-measurements.csv")
    r = run("score", model, "--data", data, "--as-of", "2025-05-31", "--no-forecast")
    assert r.returncode == 0 and r.stderr == ""
    # With the outlook on, the example's three on_track KRs whose forecast
    # gives P(target) < 20% are the only warnings (docs/scoring.md).
    r = run("score", model, "--data", data, "--as-of", "2025-05-31")
    assert r.returncode == 0 and "the scorecard has 3 warnings" in r.stderr
    warned = re.findall(r"^  warning\s+(\S+)\s+pace-forecast-disagree", r.stderr, re.M)
    assert sorted(warned) == ["kr-conversion", "kr-followers", "kr-traffic"]


def test_lint_table_shows_probabilities_as_percentages(examples: Path) -> None:
    model, data = str(examples / "acme.json"), str(examples / "acme-measurements.csv")
    r = run("lint", model, "--data", data, "--as-of", "2025-06-01")
    assert r.returncode == 3, r.stderr
    a001 = [x for x in r.stdout.splitlines() if " A001 " in x]
    assert a001 and not any(re.search(r"\de-\d", x) for x in a001)
    # Full precision from the scorecard JSON (the probabilities A001 reads);
    # the table shows them rounded: 0.125263 -> 12.5%, 0.0002299 -> 0.02%.
    sc = json.loads(
        run("score", model, "--data", data, "--as-of", "2025-06-01", "--format", "json").stdout
    )
    p = {n["id"]: n["probability"] for n in sc["nodes"]}
    for kr in ("kr-traffic", "kr-followers"):
        line = next(x for x in a001 if f"'{kr}'" in x)
        shown = re.search(r"forecast probability of (\S+)%", line)
        assert shown is not None, line
        assert float(shown.group(1)) == pytest.approx(
            100 * p[kr], abs=0.051 if p[kr] > 0.01 else 0.0051
        )
    assert "(< 20.0% for aspirational)" in "\n".join(a001)


def test_score_table_probability_column(examples: Path) -> None:
    r = run(
        "score",
        str(examples / "acme.json"),
        "--data",
        str(examples / "acme-measurements.csv"),
        "--as-of",
        "2025-05-31",
    )
    assert not re.search(r"\de-\d", r.stdout)
    assert "P(target)" in r.stdout


def test_docs_cli_md_is_up_to_date() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import cli_docs  # scripts/cli_docs.py
    finally:
        sys.path.pop(0)
    cli = _cli()
    assert cli is not None
    expected = cli_docs.render(cli)
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/cli.md is out of date: run python3 scripts/cli_docs.py"
