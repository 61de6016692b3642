"""okrkit.evaluate_history: the long DataFrame (date x node) equals
okrkit.evaluate() at each date, column for column (the C++ property test,
tests/cpp/scoring/test_history.cpp, checks bit-for-bit identity on random
organisations); "weekly" / "monthly" step through the cycle."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import okrkit
import pandas as pd
import pytest
from okrkit import _core


@pytest.fixture(scope="module")
def acme(examples: Path) -> tuple[_core.Model, _core.SeriesStore]:
    m = _core.load_model(str(examples / "acme.json"))
    data = _core.load_measurements(str(examples / "acme-measurements.csv"))
    return m, data


def test_history_equals_evaluate_at_each_date(acme: tuple[_core.Model, _core.SeriesStore]) -> None:
    m, data = acme
    dates = [dt.date(2025, 6, 30), dt.date(2025, 4, 15), "2025-05-20"]
    h = okrkit.evaluate_history(m, data, dates, outlook=True)
    assert list(h.columns[:2]) == ["as_of", "id"]
    for d in dates:
        want = okrkit.evaluate(m, data, d, outlook=True).to_frame().reset_index()
        got = h[h["as_of"] == pd.Timestamp(d)].drop(columns="as_of").reset_index(drop=True)
        # date columns: pandas picks the datetime64 unit per frame (s / us)
        for c in ("value_date", "target_date"):
            got[c] = got[c].astype("datetime64[ns]")
            want[c] = want[c].astype("datetime64[ns]")
        pd.testing.assert_frame_equal(got, want)
    # rows by date in the order given
    assert list(h["as_of"].drop_duplicates()) == [pd.Timestamp(d) for d in dates]


def test_weekly_and_monthly_dates(acme: tuple[_core.Model, _core.SeriesStore]) -> None:
    m, data = acme
    cycles = [c.id for c in m.cycles]
    cycle = cycles[0]
    weekly = okrkit.evaluate_history(m, data, "weekly", cycle=cycle)
    monthly = okrkit.evaluate_history(m, data, "monthly", cycle=cycle)
    wd = sorted(weekly["as_of"].unique())
    md = sorted(monthly["as_of"].unique())
    # weekly: the cycle start and every 7 days after it, then the end
    assert all((b - a).days == 7 for a, b in zip(wd[:-2], wd[1:-1], strict=True))
    assert (wd[-1] - wd[-2]).days <= 7
    # monthly: the start, first days of the later months, the end
    assert all(pd.Timestamp(d).day == 1 for d in md[1:-1])
    assert len(weekly) == len(wd) * len(okrkit.evaluate(m, data, wd[0]))


def test_bad_history_arguments(acme: tuple[_core.Model, _core.SeriesStore]) -> None:
    m, data = acme
    with pytest.raises(okrkit.Error, match="is not 'weekly' or 'monthly'"):
        okrkit.evaluate_history(m, data, "daily", cycle=m.cycles[0].id)
    with pytest.raises(okrkit.Error, match="no cycle 'nope' in the model"):
        okrkit.evaluate_history(m, data, "weekly", cycle="nope")
    with pytest.raises(TypeError):
        okrkit.evaluate_history(m, data, [dt.date(2025, 5, 1)], no_such_option=1)


def test_cli_history_csv_is_the_long_table(examples: Path, tmp_path: Path) -> None:
    """`okrkit score --history D1,D2 --format csv`: one header, an as_of
    column, and at each date exactly the rows of `score --as-of D --format csv`."""
    import os
    import subprocess

    cli = os.environ.get("OKRKIT_CLI", "okrkit")
    model, data = str(examples / "acme.json"), str(examples / "acme-measurements.csv")
    run = [cli, "score", model, "--data", data, "--no-forecast", "--format", "csv"]
    hist = subprocess.run(
        [*run, "--history", "2025-05-31,2025-04-15"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert hist[0].startswith("as_of,id,")
    for day in ("2025-05-31", "2025-04-15"):
        one = subprocess.run(
            [*run, "--as-of", day], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        assert hist[0] == "as_of," + one[0]
        assert [r[len(day) + 1 :] for r in hist[1:] if r.startswith(day + ",")] == one[1:]
    assert len(hist) == 1 + 2 * (len(one) - 1)
    # --as-of and --history exclude each other; a bad date is a usage error
    both = subprocess.run(
        [*run, "--as-of", "2025-05-31", "--history", "weekly"], capture_output=True, text=True
    )
    assert both.returncode == 2 and "--history and --as-of exclude each other" in both.stderr
    bad = subprocess.run(
        [*run, "--history", "2025-05-31,,2025-06-01"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "an empty date" in bad.stderr


def test_history_as_arrow_without_pandas(acme: tuple[_core.Model, _core.SeriesStore]) -> None:
    """arrow=True: the C++ export (as_of date32, then the scorecard's columns),
    read by pyarrow, polars and DuckDB, equal to the DataFrame form."""
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    duckdb = pytest.importorskip("duckdb")
    m, data = acme
    dates = [dt.date(2025, 4, 15), dt.date(2025, 5, 31)]
    h = okrkit.evaluate_history(m, data, dates, arrow=True)
    t = pa.table(h)
    frame = okrkit.evaluate_history(m, data, dates)
    assert t.num_rows == len(frame) == len(h)
    assert t.column_names[:2] == ["as_of", "id"]
    assert t.schema.field("as_of").type == pa.date32()
    assert t.column("as_of").to_pylist() == [d.date() for d in frame["as_of"]]
    assert t.column("id").to_pylist() == list(frame["id"])
    got = t.column("progress").to_pandas().to_numpy()
    want = frame["progress"].to_numpy(dtype=float)
    assert ((got == want) | (pd.isna(got) & pd.isna(want))).all()
    assert pl.DataFrame(h).height == len(frame)  # readable more than once
    n = duckdb.sql("select count(*) from h where as_of = DATE '2025-05-31'").fetchall()
    assert n == [(len(frame) // 2,)]
