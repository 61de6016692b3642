"""Benchmark: Holt–Winters additive (m = 12) fits and automatic ETS choice.

10,000 generated monthly series x 60 points (seeded). Measured in the same run:

* okrkit batch fit (C++ threads) of AAA on all 10,000 series, least squares
  (as statsmodels ExponentialSmoothing) and maximum likelihood (as R ets /
  statsforecast);
* statsmodels ExponentialSmoothing(trend="add", seasonal="add") on a random
  subsample, scaled to 10,000; median SSE ratio okrkit / statsmodels;
* Nixtla statsforecast AutoETS(model="AAA") on a subsample (single thread, as
  okrkit with threads=1 on the same series); median SSE ratio;
* automatic model choice: okrkit vs statsforecast AutoETS (ZZZ) on a subsample:
  time per series and median AICc.

statsforecast requires pandas < 3; when it cannot be imported here, set
STATSFORECAST_PYTHON to an interpreter that has it (the series are handed over
in a temporary .npy file and timed there). Without either, the statsforecast
part is skipped, said so, and the final ratio is over statsmodels.

Ends with ``ratio=<speed-up over statsforecast on the HW fit>`` (1 thread each).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
from okrkit import _core

N_SERIES = int(os.environ.get("BENCH_N_SERIES", "10000"))
N_POINTS = 60
M = 12
SUB_SM = int(os.environ.get("BENCH_SUB_SM", "200"))
SUB_SF = int(os.environ.get("BENCH_SUB_SF", "300"))
SUB_AUTO = int(os.environ.get("BENCH_SUB_AUTO", "100"))


def make_panel(n: int, seed: int = 2024) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(N_POINTS)
    level = rng.uniform(50, 500, n)[:, None]
    trend = rng.normal(0, 0.01, n)[:, None] * level
    amp = rng.uniform(0.02, 0.2, n)[:, None] * level
    phase = rng.uniform(0, 2 * np.pi, n)[:, None]
    noise = rng.uniform(0.01, 0.06, n)[:, None] * level
    rw = np.cumsum(rng.normal(0, 1, (n, N_POINTS)), axis=1) * 0.3 * noise
    y = level + trend * t + amp * np.sin(2 * np.pi * t / M + phase) + rw
    y += rng.normal(0, 1, (n, N_POINTS)) * noise
    return np.maximum(y, 1.0)


SF_SCRIPT = r"""
import json, sys, time, numpy as np
from statsforecast.models import AutoETS
y = np.load(sys.argv[1]); mode = sys.argv[2]
out = {"sse": [], "aicc": [], "model": []}
t0 = time.perf_counter()
for row in y:
    if mode == "AAA":
        f = AutoETS(season_length=12, model="AAA").fit(row)
    else:
        f = AutoETS(season_length=12).fit(row)
    r = np.asarray(f.model_["actual_residuals"], float)
    out["sse"].append(float(np.sum(r * r)))
    out["aicc"].append(float(f.model_["aicc"]))
    out["model"].append(str(f.model_["method"]))
out["seconds"] = time.perf_counter() - t0
print(json.dumps(out))
"""


def run_statsforecast(y: np.ndarray, mode: str) -> dict | None:
    """Times statsforecast here or in STATSFORECAST_PYTHON; None if unavailable."""
    try:
        import statsforecast  # noqa: F401

        python = sys.executable
    except ImportError:
        python = os.environ.get("STATSFORECAST_PYTHON")
        if not python:
            return None
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "y.npy")
        np.save(path, y)
        # Warm-up (numba / imports) on two series, not timed.
        np.save(os.path.join(d, "w.npy"), y[:2])
        subprocess.run(
            [python, "-c", SF_SCRIPT, os.path.join(d, "w.npy"), mode],
            check=True,
            capture_output=True,
        )
        res = subprocess.run(
            [python, "-c", SF_SCRIPT, path, mode],
            check=True,
            capture_output=True,
            text=True,
        )
    return json.loads(res.stdout.strip().splitlines()[-1])


def okrkit_batch(y: np.ndarray, threads: int, **kw) -> tuple[dict, float]:
    t0 = time.perf_counter()
    d = _core._ets_batch(y, None, threads=threads, **kw)
    return d, time.perf_counter() - t0


def main() -> None:
    threads = os.cpu_count() or 1
    y = make_panel(N_SERIES)
    rng = np.random.default_rng(7)
    print(
        f"# {N_SERIES} series x {N_POINTS} points, Holt-Winters additive m={M}; "
        f"{threads} hardware threads"
    )

    # -- okrkit, all series --------------------------------------------------
    ls_all, t_ls_all = okrkit_batch(
        y, threads, model="AAA", period=M, method="ls", parameterization="holt"
    )
    ml_all, t_ml_all = okrkit_batch(y, threads, model="AAA", period=M, method="ml")
    print(
        f"okrkit AAA least squares, {threads} threads: {t_ls_all:.2f} s "
        f"({t_ls_all / N_SERIES * 1e3:.3f} ms/series)"
    )
    print(
        f"okrkit AAA max likelihood, {threads} threads: {t_ml_all:.2f} s "
        f"({t_ml_all / N_SERIES * 1e3:.3f} ms/series)"
    )

    # -- statsmodels ExponentialSmoothing (subsample, scaled) ----------------
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    idx = rng.choice(N_SERIES, SUB_SM, replace=False)
    t0 = time.perf_counter()
    sm_sse = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i in idx:
            r = ExponentialSmoothing(
                y[i],
                trend="add",
                seasonal="add",
                seasonal_periods=M,
                initialization_method="estimated",
            ).fit()
            sm_sse.append(r.sse)
    t_sm = (time.perf_counter() - t0) / SUB_SM * N_SERIES
    _, t_ok1_sub = okrkit_batch(
        y[idx], 1, model="AAA", period=M, method="ls", parameterization="holt"
    )
    sse_ratio_sm = float(np.median(np.asarray(ls_all["sse"])[idx] / np.asarray(sm_sse)))
    ratio_sm = t_sm / t_ls_all
    ratio_sm_1 = (t_sm / N_SERIES) / (t_ok1_sub / SUB_SM)
    print(
        f"statsmodels ExponentialSmoothing: {t_sm:.1f} s for {N_SERIES} "
        f"(measured on {SUB_SM}, scaled)"
    )
    print(
        f"  speed-up okrkit ({threads} threads) over statsmodels: {ratio_sm:.1f}x; "
        f"1 thread each: {ratio_sm_1:.1f}x"
    )
    print(
        f"  median SSE ratio okrkit/statsmodels: {sse_ratio_sm:.6f} "
        f"(share of series with okrkit SSE <= statsmodels*(1+1e-6): "
        f"{np.mean(np.asarray(ls_all['sse'])[idx] <= np.asarray(sm_sse) * (1 + 1e-6)):.3f})"
    )

    # -- statsforecast AutoETS(model="AAA") ----------------------------------
    sub = rng.choice(N_SERIES, SUB_SF, replace=False)
    sf = run_statsforecast(y[sub], "AAA")
    final_ratio = None
    if sf is None:
        print(
            "statsforecast: NOT AVAILABLE (not importable and STATSFORECAST_PYTHON unset); "
            "ratio below is over statsmodels"
        )
    else:
        _, t_ok1 = okrkit_batch(y[sub], 1, model="AAA", period=M, method="ml")
        per_sf = sf["seconds"] / SUB_SF
        per_ok = t_ok1 / SUB_SF
        final_ratio = per_sf / per_ok
        sse_ratio_sf = float(np.median(np.asarray(ml_all["sse"])[sub] / np.asarray(sf["sse"])))
        print(
            f"statsforecast AutoETS(AAA), 1 thread: {per_sf * 1e3:.2f} ms/series "
            f"(measured on {SUB_SF}); okrkit ML, 1 thread: {per_ok * 1e3:.2f} ms/series"
        )
        print(
            f"  speed-up okrkit over statsforecast (1 thread each): {final_ratio:.1f}x; "
            f"okrkit {threads} threads on all: {per_sf * N_SERIES / t_ml_all:.1f}x"
        )
        print(f"  median SSE ratio okrkit/statsforecast: {sse_ratio_sf:.6f}")

    # -- automatic model choice ----------------------------------------------
    sub_a = rng.choice(N_SERIES, SUB_AUTO, replace=False)
    auto1, t_auto1 = okrkit_batch(y[sub_a], 1, model="auto", period=M)
    _, t_autoT = okrkit_batch(y[sub_a], threads, model="auto", period=M)
    ok_aicc = np.asarray(auto1["aicc"])
    print(
        f"okrkit auto: {t_auto1 / SUB_AUTO * 1e3:.1f} ms/series (1 thread), "
        f"{t_autoT / SUB_AUTO * 1e3:.1f} ms/series ({threads} threads); "
        f"median AICc {np.median(ok_aicc):.3f}"
    )
    sfa = run_statsforecast(y[sub_a], "auto")
    if sfa is None:
        print("statsforecast AutoETS: NOT AVAILABLE")
    else:
        sf_aicc = np.asarray(sfa["aicc"])
        print(
            f"statsforecast AutoETS: {sfa['seconds'] / SUB_AUTO * 1e3:.1f} ms/series (1 thread); "
            f"median AICc {np.median(sf_aicc):.3f}"
        )
        print(
            f"  auto speed-up okrkit over statsforecast (1 thread each): "
            f"{sfa['seconds'] / t_auto1:.2f}x; median AICc difference okrkit - statsforecast: "
            f"{np.median(ok_aicc - sf_aicc):.4f}; okrkit AICc <= statsforecast on "
            f"{np.mean(ok_aicc <= sf_aicc + 1e-6):.2f} of series"
        )
    if final_ratio is None:
        print(f"ratio={ratio_sm:.2f}")
    else:
        print(f"ratio={final_ratio:.2f}")


if __name__ == "__main__":
    main()
