"""Traps a new user walks into (issue 15): each test feeds the input that used
to give a silent wrong answer and checks the visible outcome.

Several helpers add sections to this file; each section has its own heading.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import okrkit
import pandas as pd
import pytest
from okrkit import _core
from okrkit import scoring as sc
from okrkit.appraisal import appraise
from okrkit.lint import lint

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "bad_inputs"


# --- numbers at the edges ---------------------------------------------------


def _codes(diags: list[dict[str, str]] | pd.DataFrame) -> list[str]:
    """Codes of a node's diagnostics (dicts) or of Scorecard.diagnostics (a frame)."""
    if isinstance(diags, pd.DataFrame):
        return [str(c) for c in diags["code"]]
    return [d["code"] for d in diags]


def test_overflow_span_scores_half_not_zero() -> None:
    # (61000 + 1e308) / (1e308 + 1e308): t - b overflows to inf, which gave 0.
    # Halved first: (30500 + 5e307) / 1e308 = 0.5 exactly.
    r = sc.score_target(kind="increase", baseline=-1e308, target=1e308, value=61000)
    assert r.progress == 0.5
    assert r.attainment == 0.5
    assert r.diagnostics == []
    # the bulk kernel agrees bit for bit
    b = sc.score_bulk(kind=["increase"], baseline=[-1e308], target=[1e308], value=[61000.0])
    assert b.progress[0] == 0.5
    # a model file with such a KR (tests/bad_inputs/scoring/overflow_span.json)
    m = okrkit.parse_model(
        (BAD / "scoring" / "overflow_span.json").read_text(), "overflow_span.json"
    )
    s = _core.SeriesStore()
    s.finalize()
    card = sc.evaluate(m, s, dt.date(2025, 5, 16))
    assert card["kr-huge"]["progress"] == 0.5


def test_subnormal_spans() -> None:
    tiny = 5e-324  # the smallest subnormal
    # (2m - m) / (3m - m) = 1/2, exact
    assert (
        sc.score_target(kind="increase", baseline=tiny, target=3 * tiny, value=2 * tiny).progress
        == 0.5
    )


@pytest.mark.parametrize("kind", ["at_most", "decrease", "at_least", "increase"])
def test_ratio_method_is_monotone_over_the_real_line(kind: str) -> None:
    # target 100; lower is better (at_most, decrease): t / v, and every v <= 0
    # scores the best, 2 (t / v is undefined there); higher is better: v / t,
    # negative values clamp to 0.
    lower = kind in ("at_most", "decrease")
    grid = sorted(
        {
            -1e308,
            -1e6,
            -1.0,
            -0.001,
            -5e-324,
            0.0,
            5e-324,
            1e-300,
            0.001,
            1.0,
            49.0,
            50.0,
            51.0,
            99.0,
            100.0,
            101.0,
            150.0,
            200.0,
            1e6,
            1e308,
        }
        | {x / 7.0 for x in range(-700, 1400, 13)}
    )
    extra = {"baseline": 150.0} if kind == "decrease" else {}
    ps = [
        sc.score_target(kind=kind, method="ratio", target=100, value=v, **extra).progress
        for v in grid
    ]
    assert not any(math.isnan(p) for p in ps)
    pairs = list(zip(ps, ps[1:]))
    if lower:
        assert all(a >= b for a, b in pairs), "lower is better: non-increasing in v"
    else:
        assert all(a <= b for a, b in pairs), "higher is better: non-decreasing in v"
    # hand-worked points
    at = dict(zip(grid, ps))
    if lower:
        assert at[0.0] == 2.0 and at[-0.001] == 2.0  # was 2.0 and 0.0
        assert at[200.0] == 0.5 and at[100.0] == 1.0 and at[50.0] == 2.0
        r = sc.score_target(kind=kind, method="ratio", target=100, value=-0.001, **extra)
        assert "ratio-nonpositive-value" in _codes(r.diagnostics)
    else:
        assert at[-0.001] == 0.0 and at[50.0] == 0.5 and at[200.0] == 2.0


def _deals_model(target: float) -> object:
    text = (
        (BAD / "scoring" / "cumulative_kr.json")
        .read_text()
        .replace('"target": 250', f'"target": {target}')
    )
    return okrkit.parse_model(text, "cumulative_kr.json")


def test_a002_reads_the_cycle_to_date_value_of_a_sum_kr() -> None:
    # Deals 5, 7, 8, 6 on Jan 10, 20, 31, Feb 10: cycle-to-date 26 (not the
    # last row, 6). Running-total slope 1478 / 2164 = 0.682994 /day; 49 days
    # left to Mar 31. Target 100: (100 - 26) / 49 = 1.51 /day = 2.2x -> quiet.
    # Target 250: (250 - 26) / 49 = 4.57143 /day = 6.69321x -> A002.
    data = okrkit.parse_measurements(
        (BAD / "measurements" / "cumulative_deals.csv").read_text(), "deals.csv"
    )
    quiet = lint(_deals_model(100), data, as_of="2025-02-10")
    assert "A002" not in quiet.rule_ids
    loud = lint(_deals_model(250), data, as_of="2025-02-10")
    msgs = [d.message for d in loud if d.code == "A002"]
    assert msgs == ["key result 'kr-deals' needs 4.57143/day, 6.69 times the trend (0.682994/day)"]


def test_ratio_value_mismatch_names_the_row() -> None:
    # value in percent (1.1, 1.3) beside numerator / denominator fractions
    # (11 / 1000 = 0.011): the ratio of sums (11 + 13 + 12) / 3000 = 0.012 is
    # the value; the first mismatching row (line 2) is named.
    m = okrkit.parse_model((BAD / "scoring" / "ratio_kpi.json").read_text(), "ratio_kpi.json")
    s = okrkit.parse_measurements(
        (BAD / "measurements" / "ratio_value_percent.csv").read_text(), "conv.csv"
    )
    row = sc.evaluate(m, s, dt.date(2025, 5, 31))["kpi-conversion"]
    assert row["value"] == pytest.approx(36 / 3000)
    d = [x for x in row["diagnostics"] if x["code"] == "ratio-value-mismatch"]
    assert len(d) == 1 and d[0]["severity"] == "warning"
    assert d[0]["message"].startswith(
        "series 'conversion' on 2025-05-05: value 1.1 disagrees with numerator / denominator "
        "11 / 1000 = 0.011 (and 1 more row)"
    )


def test_milestone_kr_without_value_has_no_missing_value_warning() -> None:
    # 1 of 2 equally weighted milestones done -> 0.5, no series, no value
    m = okrkit.parse_model((BAD / "scoring" / "milestone_without_value.json").read_text(), "m.json")
    s = _core.SeriesStore()
    s.finalize()
    row = sc.evaluate(m, s, dt.date(2025, 5, 16))["kr-launch"]
    assert row["progress"] == 0.5
    assert "missing-value" not in _codes(row["diagnostics"])


def test_invalid_in_memory_model_is_reported_not_dropped() -> None:
    # k1 (2 of 10) and k2 (8 of 10): objective 0.5. k1.weight = -1 in memory.
    m = okrkit.parse_model((BAD / "scoring" / "two_krs.json").read_text(), "two_krs.json")
    krs = list(m.key_results)
    krs[0].weight = -1
    m.key_results = krs
    s = _core.SeriesStore()
    s.finalize()
    card = sc.evaluate(m, s, dt.date(2025, 5, 16))
    errs = [d for d in card["k1"]["diagnostics"] if d["severity"] == "error"]
    assert [(d["code"], d["node"], d["field"], d["message"]) for d in errs] == [
        ("bad-weight", "k1", "weight", "weight must be > 0 (got -1)")
    ]
    assert "bad-weight" in _codes(card.diagnostics)


def test_pace_forecast_disagreement_in_the_bundled_example() -> None:
    m = okrkit.load_model(str(ROOT / "examples" / "acme.json"))
    s = okrkit.load_measurements(str(ROOT / "examples" / "acme-measurements.csv"))
    card = sc.evaluate(m, s, dt.date(2025, 5, 31), outlook=True)
    row = card["kr-followers"]
    assert row["status"] == "on_track" and row["probability"] < 0.2
    d = [x for x in row["diagnostics"] if x["code"] == "pace-forecast-disagree"]
    assert len(d) == 1 and d[0]["severity"] == "warning"
    assert "P(target)" in d[0]["message"] and "status_from=forecast" in d[0]["message"]
    by_forecast = sc.evaluate(m, s, dt.date(2025, 5, 31), outlook=True, status_from="forecast")
    assert by_forecast["kr-followers"]["status"] == by_forecast["kr-followers"]["forecast_status"]
    with pytest.raises(ValueError):
        sc.evaluate(m, s, dt.date(2025, 5, 31), outlook=True, status_from="gut feeling")


def test_unknown_appraisal_person_is_an_error_naming_the_row() -> None:
    m = okrkit.parse_model((BAD / "appraisal" / "people.json").read_text(), "people.json")
    path = BAD / "appraisal" / "unknown_person.csv"
    with pytest.raises(ValueError) as info:
        appraise(path, model=m)
    text = str(info.value)
    assert "unknown_person.csv:3" in text and "'anna'" in text
    # explicitly downgraded: a warning, and the row is kept
    a = appraise(path, model=m, unknown="warn")
    assert [(d["code"], d["line"], d["node"]) for d in a.diagnostics] == [
        ("unknown-person", 3, "anna")
    ]
    assert "anna" in set(a.to_frame()["person"])


@pytest.mark.parametrize(
    "bands",
    [
        {"bottom": float("nan")},
        {"top": 0.5, "also": 0.5, "low": 0.0},  # overlap
        {"top": 0.8, "mid": 0.4},  # gap below 0.4
    ],
)
def test_bad_bands_are_errors(bands: dict[str, float]) -> None:
    ratings = BAD / "appraisal" / "unknown_person.csv"
    with pytest.raises(ValueError):
        appraise(ratings, bands=bands)


def test_cli_bad_bands_exit_2() -> None:
    exe = os.environ.get("OKRKIT_CLI") or shutil.which("okrkit")
    if not exe:
        pytest.skip("okrkit CLI not built")
    r = subprocess.run(
        [
            exe,
            "appraise",
            str(ROOT / "examples" / "acme.json"),
            "--ratings",
            str(ROOT / "examples" / "acme-ratings.csv"),
            "--as-of",
            "2025-05-31",
            "--bands",
            "bottom=NaN",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 2, r.stderr
    assert "--bands: appraisal band 'bottom': minimum nan is not a finite number" in r.stderr


# =============================================================================
# Inputs: dates mean one thing, duplicates are a decision, CSV outputs are
# safe in a spreadsheet, validate checks formulas and series.
# =============================================================================

# Jalali reference (published Iranian calendar): 1 Khordad 1404 = 22 May 2025,
# so 10 Khordad 1404 (1404-03-10) = 31 May 2025. Excel reference (1900 date
# system): serial 25569 = 1970-01-01, so 45808 = 1970-01-01 + 20239 days =
# 2025-05-31.
MAY_31 = dt.date(2025, 5, 31)

MODEL = {
    "okrkit": 1,
    "units": [{"id": "u", "name": "U"}],
    "cycles": [{"id": "c", "period": "2025-Q2"}],
    "objectives": [{"id": "o1", "title": "One", "unit": "u", "cycle": "c"}],
    "key_results": [
        {
            "id": "k1",
            "objective": "o1",
            "kind": "increase",
            "baseline": 0,
            "target": 10,
            "series": "revenue",
        }
    ],
}


def _model(**changes: object) -> _core.Model:
    m = json.loads(json.dumps(MODEL))
    m.update(changes)
    return okrkit.parse_model(json.dumps(m), "m.json")


def _frame(
    dates: list[object], values: list[float] | None = None, series: list[str] | None = None
) -> pd.DataFrame:
    n = len(dates)
    return pd.DataFrame(
        {
            "series": series or ["revenue"] * n,
            "date": pd.Series(dates, dtype=object) if not isinstance(dates, pd.Series) else dates,
            "value": values or [1.0] * n,
        }
    )


def _cli() -> str | None:
    return os.environ.get("OKRKIT_CLI") or shutil.which("okrkit")


# --- dates: Gregorian unless told, Jalali on request -------------------------


def test_jalali_looking_measurement_date_is_an_error_naming_the_option() -> None:
    text = "series,date,value\nrevenue,1404-03-10,5\n"
    with pytest.raises(okrkit.ValidationError) as e:
        okrkit.parse_measurements(text, "j.csv")
    assert str(e.value) == (
        "1 problem\n  j.csv:2: node 'revenue': field 'date': date '1404-03-10' has year 1404, outside the "
        "Gregorian years 1700..2300; it is a valid Solar Hijri date (2025-05-31): to read the dates as "
        'Solar Hijri, pass --calendar jalali (Python: calendar="jalali")'
    )
    store = okrkit.parse_measurements(text, "j.csv", calendar="jalali")
    assert okrkit.measurements_to_frame(store)["date"].iloc[0] == pd.Timestamp(MAY_31)
    assert okrkit.parse_date("1404-03-10", calendar="jalali") == MAY_31
    assert okrkit.parse_date("1404-03-01", calendar="jalali") == dt.date(2025, 5, 22)
    df = okrkit.measurements_to_frame(
        okrkit.measurements_from_frame(_frame(["1404-03-10"]), calendar="jalali")
    )
    assert df["date"].iloc[0] == pd.Timestamp(MAY_31)


def test_jalali_date_in_a_frame_without_the_option() -> None:
    with pytest.raises(
        okrkit.DomainError,
        match=r"row 0: field 'date': date '1404-03-10' has year 1404.*calendar=\"jalali\"",
    ):
        okrkit.measurements_from_frame(_frame(["1404-03-10"]))


@pytest.mark.parametrize(
    "date",
    [pd.Timestamp("1500-01-01"), np.datetime64("1500-01-01", "s"), "2400-01-01", "1699-12-31"],
)
def test_out_of_window_frame_dates_are_errors(date: object) -> None:
    col = pd.Series([date]) if not isinstance(date, str) else pd.Series([date], dtype=object)
    df = pd.DataFrame({"series": ["revenue"], "date": col, "value": [1.0]})
    with pytest.raises(
        okrkit.DomainError,
        match=r"row 0: field 'date': date .*outside the Gregorian years 1700\.\.2300",
    ):
        okrkit.measurements_from_frame(df)


def test_measurements_to_frame_never_wraps_dates() -> None:
    # The store itself holds 1400..9999: dates put in directly (not through a
    # reader) must come out as themselves, not wrapped through datetime64[ns]
    # (1500-01-01 used to become 2084-07-20, 9999-12-31 became 1816-03-29).
    days = (
        np.array(["1500-01-01", "9999-12-31", "2025-05-31"], dtype="datetime64[D]")
        - np.datetime64("1970-01-01", "D")
    ).astype(np.int32)
    store = _core.SeriesStore.from_codes(
        codes=np.zeros(3, dtype=np.int64), categories=["s"], days=days, values=np.ones(3)
    )
    df = okrkit.measurements_to_frame(store)
    assert df["date"].dtype == np.dtype("datetime64[s]")
    assert [str(d)[:10] for d in df["date"].to_numpy()] == [
        "1500-01-01",
        "2025-05-31",
        "9999-12-31",
    ]


# --- Excel serial dates ------------------------------------------------------------


def test_excel_serial_date_in_a_frame_is_an_error_unless_asked_for() -> None:
    for col in ([45808], pd.Series([45808.0]), ["45808"]):
        df = pd.DataFrame({"series": ["revenue"], "date": col, "value": [1.0]})
        with pytest.raises(
            okrkit.DomainError,
            match=r'row 0: field \'date\': .*45808.* is a number, not a date; .*date_format="excel"',
        ):
            okrkit.measurements_from_frame(df)
    df = pd.DataFrame(
        {"series": ["r"] * 4, "date": [45808, 1, 59, 61], "value": [1.0, 2.0, 3.0, 4.0]}
    )
    out = okrkit.measurements_to_frame(okrkit.measurements_from_frame(df, date_format="excel"))
    # 1 = 1900-01-01, 59 = 1900-02-28, 61 = 1900-03-01 (60 is Excel's fictitious 1900-02-29)
    assert [str(d)[:10] for d in out["date"].to_numpy()] == [
        "1900-01-01",
        "1900-02-28",
        "1900-03-01",
        "2025-05-31",
    ]
    with pytest.raises(okrkit.DomainError, match="Excel serial date 60 is 1900-02-29"):
        okrkit.measurements_from_frame(_frame([60]), date_format="excel")
    # a mixed column: ISO text and serials, in excel mode
    mixed = okrkit.measurements_from_frame(
        _frame(["2025-05-30", 45808], series=["a", "b"]), date_format="excel"
    )
    assert [str(d)[:10] for d in okrkit.measurements_to_frame(mixed)["date"]] == [
        "2025-05-30",
        "2025-05-31",
    ]


def test_excel_serial_date_in_csv() -> None:
    text = "series,date,value\nrevenue,45808,5\n"
    with pytest.raises(okrkit.ValidationError, match=r"date '45808' is a number, not YYYY-MM-DD"):
        okrkit.parse_measurements(text, "x.csv")
    store = okrkit.parse_measurements(text, "x.csv", date_format="excel")
    assert okrkit.measurements_to_frame(store)["date"].iloc[0] == pd.Timestamp(MAY_31)


# --- as_of: NaT, None, tz-aware, Jalali --------------------------------------------


@pytest.fixture
def empty_store() -> _core.SeriesStore:
    s = _core.SeriesStore()
    s.finalize()
    return s


@pytest.mark.parametrize("bad", [pd.NaT, np.datetime64("NaT"), float("nan")])
def test_as_of_nat_is_a_clear_error(bad: object, empty_store: _core.SeriesStore) -> None:
    with pytest.raises(ValueError, match="as_of is .*a missing date: pass the date to score at"):
        okrkit.evaluate(_model(), empty_store, bad)  # type: ignore[arg-type]


def test_as_of_none_and_numbers_are_type_errors(empty_store: _core.SeriesStore) -> None:
    with pytest.raises(TypeError, match="as_of is None"):
        okrkit.evaluate(_model(), empty_store, None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="as_of is the number 45808"):
        okrkit.evaluate(_model(), empty_store, 45808)  # type: ignore[arg-type]


def test_as_of_timezone_aware_is_refused(empty_store: _core.SeriesStore) -> None:
    ts = pd.Timestamp("2025-05-31 23:30", tz="Asia/Tehran")
    with pytest.raises(ValueError, match="timezone-aware"):
        okrkit.evaluate(_model(), empty_store, ts)
    with pytest.raises(ValueError, match="timezone-aware"):
        okrkit.evaluate(_model(), empty_store, dt.datetime(2025, 5, 31, tzinfo=dt.timezone.utc))
    # naive timestamps and dates are fine: their calendar day
    sc = okrkit.evaluate(_model(), empty_store, pd.Timestamp("2025-05-31 23:30"))
    assert sc.as_of == MAY_31


def test_as_of_jalali_text_is_an_error_and_parse_date_reads_it(
    empty_store: _core.SeriesStore,
) -> None:
    with pytest.raises(
        okrkit.ParseError, match=r"as_of: date '1404-03-10' has year 1404.*\(2025-05-31\)"
    ):
        okrkit.evaluate(_model(), empty_store, "1404-03-10")
    sc = okrkit.evaluate(_model(), empty_store, okrkit.parse_date("1404-03-10", calendar="jalali"))
    assert sc.as_of == MAY_31


# --- duplicates --------------------------------------------------------------------

# revenue on 2025-04-30 three times: 5, missing, 7; cost once.
DUP_CSV = "series,date,value\nrevenue,2025-04-30,5\ncost,2025-04-30,1\nrevenue,2025-04-30,\nrevenue,2025-04-30,7\n"


def test_duplicate_rows_are_an_error_listing_both_rows() -> None:
    with pytest.raises(okrkit.ValidationError) as e:
        okrkit.parse_measurements(DUP_CSV, "d.csv")
    lines = str(e.value).splitlines()
    assert lines[0] == "2 problems"
    assert lines[1] == (
        "  d.csv:4: node 'revenue': field 'date': series 'revenue' has more than one row for 2025-04-30 "
        "(rows 2 and 4): remove one, or choose how to combine them with --duplicates last|first|sum|mean "
        '(Python: duplicates="last", ...)'
    )
    assert "(rows 2 and 5)" in lines[2]
    with pytest.raises(okrkit.ValidationError, match=r"\(frame rows 0 and 2\)"):
        okrkit.measurements_from_frame(pd.read_csv(io.StringIO(DUP_CSV)))


# Hand-computed: last = 7; first = 5; sum skips the missing value: 5 + 7 = 12; mean = 6.
@pytest.mark.parametrize(
    "policy,want", [("last", 7.0), ("first", 5.0), ("sum", 12.0), ("mean", 6.0)]
)
def test_duplicate_policies(policy: str, want: float) -> None:
    for store in (
        okrkit.parse_measurements(DUP_CSV, "d.csv", duplicates=policy),  # type: ignore[arg-type]
        okrkit.measurements_from_frame(pd.read_csv(io.StringIO(DUP_CSV)), duplicates=policy),  # type: ignore[arg-type]
    ):
        df = okrkit.measurements_to_frame(store)
        assert len(df) == 2
        assert df.loc[df["series"] == "revenue", "value"].tolist() == [want]
        assert df.loc[df["series"] == "cost", "value"].tolist() == [1.0]
        (note,) = store.notes  # the policy used is reported
        assert note.severity == "info" and note.code == "duplicates-resolved"
        assert f"combined by duplicates={policy}" in note.message
        assert "2 extra rows" in note.message


# --- CSV outputs are safe in a spreadsheet -----------------------------------------


def test_score_csv_guards_formula_ids() -> None:
    evil = '=HYPERLINK("http://x")'
    m = _model(
        key_results=[
            {
                "id": evil,
                "objective": "o1",
                "kind": "increase",
                "baseline": 0,
                "target": 10,
                "series": "revenue",
            }
        ]
    )
    data = okrkit.parse_measurements("series,date,value\nrevenue,2025-04-30,-5\n", "d.csv")
    csv = okrkit.evaluate(m, data, "2025-05-31").to_csv()
    df = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
    row = df[df["kind"] == "key_result"].iloc[0]
    assert row["id"] == "'" + evil
    assert row["value"] == "-5"  # a number stays a number


def test_appraise_csv_guards_formula_person_ids() -> None:
    evil = "=cmd|' /C calc'!A0"
    ratings = pd.DataFrame(
        [(evil, "q1", "M", "manager", "ownership", 4)],
        columns=["person", "cycle", "rater", "role", "criterion", "rating"],
    )
    csv = okrkit.appraisal.appraise(ratings, {evil: (0.8, 0.5)}).to_csv()
    df = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
    assert df["person"].tolist() == ["'" + evil]
    assert df["kpi_score"].tolist() == ["0.8"]


def test_measurements_csv_guards_and_reads_back() -> None:
    store = okrkit.measurements_from_frame(
        _frame(["2025-04-30", "2025-04-30"], [-5.0, 1.0], ["@SUM(A1)", "+1"])
    )
    text = okrkit.dump_measurements(store)
    assert text == "series,date,value\n'@SUM(A1),2025-04-30,-5\n'+1,2025-04-30,1\n"
    assert okrkit.parse_measurements(text).series_ids == ["@SUM(A1)", "+1"]


# --- validate: formulas compile, series exist ---------------------------------------


def test_validate_reports_a_formula_that_does_not_parse() -> None:
    m = okrkit.Model()
    k = okrkit.Kpi()
    k.id, k.formula = "kpi-csat", "support_csat_satisfied +* 100"
    t = okrkit.Target()
    t.kind, t.target = "at_least", 90.0
    k.target = t
    m.kpis = [k]
    (d,) = okrkit.validate(m)
    assert (d.severity, d.code, d.where.node, d.where.field) == (
        "error",
        "formula-error",
        "kpi-csat",
        "formula",
    )
    assert d.message.startswith(
        "expression 'support_csat_satisfied +* 100': column 25: expected a number"
    )


def test_validate_with_data_suggests_the_series_meant() -> None:
    m = _model(
        kpis=[
            {
                "id": "kpi-conv",
                "unit": "u",
                "kind": "at_least",
                "target": 2,
                "formula": "leads / sesions",
            }
        ]
    )
    data = okrkit.parse_measurements(
        "series,date,value\nrevenu,2025-04-30,1\nleads,2025-04-30,1\nsessions,2025-04-30,9\n"
    )
    assert okrkit.validate(m) == []
    got = [
        (d.severity, d.code, d.where.node, d.where.field, d.message)
        for d in okrkit.validate(m, data)
    ]
    assert got == [
        (
            "error",
            "unknown-series",
            "k1",
            "series",
            "series 'revenue' is not in the data; did you mean 'revenu'?",
        ),
        (
            "error",
            "unknown-series",
            "kpi-conv",
            "formula",
            "formula 'leads / sesions': series 'sesions' is not in the data; did you mean 'sessions'?",
        ),
    ]


@pytest.mark.skipif(_cli() is None, reason="okrkit CLI not found (set OKRKIT_CLI)")
def test_cli_reader_options(tmp_path: Path) -> None:
    cli = str(_cli())
    model = tmp_path / "m.json"
    model.write_text(json.dumps(MODEL))
    data = tmp_path / "d.csv"
    data.write_text("series,date,value\nrevenue,1404-02-10,4\nrevenue,1404-02-10,6\n")
    run = lambda *a: subprocess.run([cli, *a], capture_output=True, text=True)  # noqa: E731
    p = run("validate", str(model), "--data", str(data))
    assert (
        p.returncode == 1 and "[date-out-of-range]" in p.stderr and "--calendar jalali" in p.stderr
    )
    p = run("validate", str(model), "--data", str(data), "--calendar", "jalali")
    assert p.returncode == 1 and "[duplicate-row]" in p.stderr
    p = run(
        "score",
        str(model),
        "--data",
        str(data),
        "--calendar",
        "jalali",
        "--duplicates",
        "mean",
        "--as-of",
        "1404-03-10",
        "--format",
        "csv",
    )
    assert p.returncode == 0, p.stderr
    assert "info: " in p.stderr and "combined by duplicates=mean" in p.stderr
    df = pd.read_csv(io.StringIO(p.stdout))
    # 1404-02-10 = 2025-04-30; mean of 4 and 6 = 5 -> progress 5 / 10
    k1 = df[df["id"] == "k1"].iloc[0]
    assert k1["value"] == 5 and k1["progress"] == 0.5
    assert (
        run(
            "score", str(model), "--data", str(data), "--as-of", "2025-05-31", "--duplicates", "max"
        ).returncode
        == 2
    )
    p = run(
        "score", str(model), "--data", str(data), "--as-of", "1404-03-10", "--calendar", "gregorian"
    )
    assert p.returncode == 2 and "--as-of: date '1404-03-10' has year 1404" in p.stderr
