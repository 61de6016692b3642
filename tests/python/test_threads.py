"""The bulk paths called from several Python threads at once (issue 7).

Each bulk function releases the GIL around its C++ loop, so eight Python
threads really run it concurrently. Every thread must get exactly the result
of a single-threaded call: no shared mutable state, no torn outputs. Under
``./scripts/test --sanitize`` this also runs with ASan + UBSan.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import okrkit
import pandas as pd
from okrkit.formulas import Expression
from okrkit.scoring import score_bulk

N_THREADS = 8


def _run_concurrently(fn: Callable[[], Any]) -> list[Any]:
    """Calls ``fn`` from N_THREADS threads released together by a barrier."""
    barrier = threading.Barrier(N_THREADS)
    results: list[Any] = [None] * N_THREADS
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            barrier.wait()
            results[i] = fn()
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


def _rows(n: int = 200_000, seed: int = 7) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    kind = rng.integers(0, 2, n).astype(np.int8)  # increase / decrease codes
    baseline = rng.uniform(0, 100, n)
    target = baseline + np.where(kind == 0, 1, -1) * rng.uniform(1, 50, n)
    value = baseline + rng.normal(0, 30, n)
    value[::997] = np.nan
    return {"kind": kind, "baseline": baseline, "target": target, "value": value}


def test_score_bulk_from_eight_threads_matches_serial() -> None:
    d = _rows()
    serial = score_bulk(**d, cap=1.2)
    assert serial.summary["nan_progress"] > 0  # the NaN rows are really there
    for threads in (1, 2):
        for r in _run_concurrently(
            lambda threads=threads: score_bulk(**d, cap=1.2, threads=threads)
        ):
            np.testing.assert_array_equal(r.progress, serial.progress)
            np.testing.assert_array_equal(r.attainment, serial.attainment)
            assert r.summary == serial.summary


def test_score_bulk_shared_inputs_are_not_written() -> None:
    d = _rows(50_000)
    before = {k: v.copy() for k, v in d.items()}
    _run_concurrently(lambda: score_bulk(**d, threads=2))
    for k, v in d.items():
        np.testing.assert_array_equal(v, before[k])


def test_one_expression_evaluated_from_eight_threads() -> None:
    rng = np.random.default_rng(3)
    n = 100_000
    data = {
        "promoters": rng.integers(0, 50, n).astype(float),
        "detractors": rng.integers(0, 50, n).astype(float),
        "responses": rng.integers(0, 120, n).astype(float),
    }
    expr = Expression("(promoters - detractors) / responses * 100")
    serial = np.asarray(expr.evaluate(data, threads=1))
    assert np.isnan(serial).any()  # responses == 0 rows give NaN (x / 0)
    for r in _run_concurrently(lambda: expr.evaluate(data, threads=2)):
        np.testing.assert_array_equal(np.asarray(r), serial)


def test_trend_rows_from_eight_threads() -> None:
    rng = np.random.default_rng(11)
    y = np.cumsum(rng.normal(0.5, 1.0, (300, 36)), axis=1)
    serial = okrkit.trend.linear_trend_rows(y, threads=1)
    for r in _run_concurrently(lambda: okrkit.trend.linear_trend_rows(y, threads=2)):
        pd.testing.assert_frame_equal(r, serial)


def test_fit_many_from_eight_threads() -> None:
    rng = np.random.default_rng(5)
    t = np.arange(40)
    y = 100 + 0.8 * t + rng.normal(0, 2, (12, 40))
    serial = okrkit.forecast.fit_many(y, "AAN", h=3, threads=1)
    for r in _run_concurrently(lambda: okrkit.forecast.fit_many(y, "AAN", h=3, threads=2)):
        pd.testing.assert_frame_equal(r.summary, serial.summary)
        assert r.forecasts is not None and serial.forecasts is not None
        pd.testing.assert_frame_equal(r.forecasts, serial.forecasts)


def test_scorecard_of_one_model_from_eight_threads(examples: Path) -> None:
    model = okrkit.load_model(examples / "acme.json")
    data = okrkit.load_measurements(examples / "acme-measurements.csv")
    serial = okrkit.evaluate(model, data, "2025-05-31").to_frame()
    for r in _run_concurrently(lambda: okrkit.evaluate(model, data, "2025-05-31").to_frame()):
        pd.testing.assert_frame_equal(r, serial)
