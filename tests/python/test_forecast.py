"""okrkit.forecast against statsmodels (live), R figures and Monte Carlo.

statsmodels' ExponentialSmoothing (Holt's β*) and ETSModel (ETS β) are the
independent references: with fixed parameters the outputs must agree to 1e-9
relative; when fitting, okrkit's SSE (least squares) or log-likelihood (maximum
likelihood) must be as good or better (1e-6 relative slack).

ETSModel writes the multiplicative seasonal update with the *updated* level
(Holt–Winters form, s_t = γ*·y_t/l_t + (1 − γ*)·s_{t−m}); R's ets, statsmodels'
ExponentialSmoothing and okrkit use the ETS form s_t = s_{t−m} + γ(y_t/(l_{t−1} +
φb_{t−1}) − s_{t−m}). They are different models, so multiplicative seasonality
is compared with ExponentialSmoothing only.
"""

from __future__ import annotations

import warnings

import numpy as np
import okrkit
import pandas as pd
import pytest
from okrkit import forecast as fc

sm_hw = pytest.importorskip("statsmodels.tsa.holtwinters")
sm_ets = pytest.importorskip("statsmodels.tsa.exponential_smoothing.ets")

# Real series (fpp: oil 1996–2007, ausair 1990–2004, austourists 2005Q1–2010Q4,
# livestock 1970–2000), as in statsmodels' test data.
OIL = [
    446.6565229,
    454.4733065,
    455.6629740,
    423.6322388,
    456.2713279,
    440.5880501,
    425.3325201,
    485.1494479,
    506.0481621,
    526.7919833,
    514.2688890,
    494.2110193,
]
AIR = [
    17.5534,
    21.8601,
    23.8866,
    26.9293,
    26.8885,
    28.8314,
    30.0751,
    30.9535,
    30.1857,
    31.5797,
    32.577569,
    33.477398,
    39.021581,
    41.386432,
    41.596552,
]
AUST = [
    41.727458,
    24.041850,
    32.328103,
    37.328708,
    46.213153,
    29.346326,
    36.482910,
    42.977719,
    48.901525,
    31.180221,
    37.717881,
    40.420211,
    51.206863,
    31.887228,
    40.978263,
    43.772491,
    55.558567,
    33.850915,
    42.076383,
    45.642292,
    59.766780,
    35.191877,
    44.319737,
    47.913736,
]
LIVESTOCK = [
    263.917747,
    268.307222,
    260.662556,
    266.639419,
    277.515778,
    283.834045,
    290.309028,
    292.474198,
    300.830694,
    309.286657,
    318.331081,
    329.37239,
    338.883998,
    339.244126,
    328.600632,
    314.255385,
    314.459695,
    321.413779,
    329.789292,
    346.385165,
    352.297882,
    348.370515,
    417.562922,
    417.12357,
    417.749459,
    412.233904,
    411.946817,
    394.697075,
    401.49927,
    408.270468,
    414.2428,
]


def generated(seed: int, n: int = 48, m: int = 12) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return 100 + 0.6 * t + 8 * np.sin(2 * np.pi * t / m) + rng.normal(0, 2 + seed % 3, n)


def rel(a: np.ndarray, b: np.ndarray) -> float:
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.maximum(1.0, np.abs(b))))


def components(trend: str | None, damped: bool, seasonal: str | None, m: int) -> dict:
    """statsmodels' keywords for the model's components."""
    return {
        "trend": trend,
        "damped_trend": damped,
        "seasonal": seasonal,
        "seasonal_periods": m if seasonal else None,
    }


def known_init(level: float, trend: float | None, seasonal) -> dict:
    """statsmodels' keywords for given initial states (None = no such component)."""
    kw = {"initialization_method": "known", "initial_level": level}
    if trend is not None:
        kw["initial_trend"] = trend
    if seasonal is not None:
        kw["initial_seasonal"] = seasonal
    return kw


def code(error: str, trend: str | None, damped: bool, seasonal: str | None) -> str:
    e = "A" if error == "add" else "M"
    t = "N" if trend is None else ("Ad" if damped else "A")
    s = "N" if seasonal is None else ("A" if seasonal == "add" else "M")
    return e + t + s


ES_SPECS = [
    (None, False, None),
    ("add", False, None),
    ("add", True, None),
    (None, False, "add"),
    ("add", False, "add"),
    ("add", True, "add"),
    (None, False, "mul"),
    ("add", False, "mul"),
    ("add", True, "mul"),
]


@pytest.mark.parametrize("trend,damped,seasonal", ES_SPECS)
def test_exponential_smoothing_fixed_parameters_identical(trend, damped, seasonal):
    y = generated(1)
    m = 12
    s0 = np.linspace(-5, 5, m) if seasonal == "add" else 1 + np.linspace(-0.05, 0.05, m)
    mod = sm_hw.ExponentialSmoothing(
        y,
        **components(trend, damped, seasonal, m),
        **known_init(100.0, 0.5 if trend else None, s0 if seasonal else None),
    )
    fixed = {"smoothing_level": 0.3}
    if trend:
        fixed["smoothing_trend"] = 0.1
    if seasonal:
        fixed["smoothing_seasonal"] = 0.2
    if damped:
        fixed["damping_trend"] = 0.9
    res = mod.fit(optimized=False, **fixed)
    ours = fc.fit(
        y,
        code("add", trend, damped, seasonal),
        period=m if seasonal else 1,
        method="ls",
        init="known",
        parameterization="holt",
        alpha=0.3,
        beta=0.1 if trend else None,
        gamma=0.2 if seasonal else None,
        phi=0.9 if damped else None,
        initial_level=100.0,
        initial_trend=0.5 if trend else None,
        initial_seasonal=s0 if seasonal else None,
    )
    assert rel(ours.fitted, res.fittedvalues) <= 1e-9
    assert abs(ours.sse - res.sse) <= 1e-9 * res.sse
    assert rel(ours.forecast(8)["mean"].to_numpy(), res.forecast(8)) <= 1e-9


@pytest.mark.parametrize(
    "trend,seasonal", [(None, None), ("add", None), ("add", "add"), ("add", "mul")]
)
def test_simple_initialisation_matches_statsmodels_heuristic(trend, seasonal):
    # statsmodels 0.15 dropped initialization_method="simple" but keeps its
    # function: feed its states to a "known" ExponentialSmoothing.
    from statsmodels.tsa.exponential_smoothing.initialization import (
        _initialization_simple,
    )

    y = generated(2)
    m = 12 if seasonal else None
    lvl, tr, seas = _initialization_simple(y, trend=trend, seasonal=seasonal, seasonal_periods=m)
    mod = sm_hw.ExponentialSmoothing(
        y,
        **components(trend, False, seasonal, m),
        **known_init(lvl, tr if trend else None, seas if seasonal else None),
    )
    fixed = {"smoothing_level": 0.4}
    if trend:
        fixed["smoothing_trend"] = 0.2
    if seasonal:
        fixed["smoothing_seasonal"] = 0.3
    res = mod.fit(optimized=False, **fixed)
    ours = fc.fit(
        y,
        code("add", trend, False, seasonal),
        period=12 if seasonal else 1,
        method="ls",
        init="simple",
        alpha=0.4,
        beta=0.2 if trend else None,
        gamma=0.3 if seasonal else None,
    )
    assert ours.initial_state["level"] == pytest.approx(lvl, rel=1e-12)
    assert rel(ours.fitted, res.fittedvalues) <= 1e-9
    assert abs(ours.sse - res.sse) <= 1e-9 * res.sse


ETS_SPECS = [
    (e, t, d, s)
    for e in ("add", "mul")
    for (t, d) in ((None, False), ("add", False), ("add", True))
    for s in (None, "add")
]


@pytest.mark.parametrize("error,trend,damped,seasonal", ETS_SPECS)
def test_etsmodel_fixed_parameters_identical(error, trend, damped, seasonal):
    y = generated(3, m=4)
    m = 4
    s0 = np.array([3.0, -1.0, -4.0, 2.0])
    mod = sm_ets.ETSModel(
        y,
        error=error,
        **components(trend, damped, seasonal, m),
        **known_init(99.0, 0.4 if trend else None, s0 if seasonal else None),
    )
    params = (
        [0.35]
        + ([0.05] if trend else [])
        + ([0.25] if seasonal else [])
        + ([0.92] if damped else [])
    )
    res = mod.smooth(np.array(params))
    ours = fc.fit(
        y,
        code(error, trend, damped, seasonal),
        period=m if seasonal else 1,
        init="known",
        alpha=0.35,
        beta=0.05 if trend else None,
        gamma=0.25 if seasonal else None,
        phi=0.92 if damped else None,
        initial_level=99.0,
        initial_trend=0.4 if trend else None,
        initial_seasonal=s0 if seasonal else None,
    )
    assert rel(ours.fitted, res.fittedvalues) <= 1e-9
    assert abs(ours.loglik - res.llf) <= 1e-9 * abs(res.llf)
    assert rel(ours.forecast(6)["mean"].to_numpy(), res.forecast(6)) <= 1e-9


def _es_fit(y, trend, damped, seasonal, m):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sm_hw.ExponentialSmoothing(
            y, **components(trend, damped, seasonal, m), initialization_method="estimated"
        ).fit()


FIT_SERIES = [
    ("oil", np.array(OIL), 1),
    ("air", np.array(AIR), 1),
    ("livestock", np.array(LIVESTOCK), 1),
    ("aust", np.array(AUST), 4),
    ("gen6", generated(7, 36, 4), 4),
    ("gen4", generated(5, 40, 12), 12),
]


@pytest.mark.parametrize("name,y,m", FIT_SERIES, ids=[s[0] for s in FIT_SERIES])
def test_least_squares_fit_as_good_as_exponential_smoothing(name, y, m):
    specs = [(None, False, None), ("add", False, None), ("add", True, None)]
    if m > 1:
        specs += [
            (None, False, "add"),
            ("add", False, "add"),
            ("add", True, "add"),
            ("add", False, "mul"),
        ]
    for trend, damped, seasonal in specs:
        ref = _es_fit(y, trend, damped, seasonal, m)
        ours = fc.fit(
            y,
            code("add", trend, damped, seasonal),
            period=m if seasonal else 1,
            method="ls",
        )
        assert ours.sse <= ref.sse * (1 + 1e-6), (
            name,
            trend,
            damped,
            seasonal,
            ours.sse,
            ref.sse,
        )


# Bounds containing ETSModel's region (it bounds β/α and γ/(1 − α) by [1e-4, 0.9999]).
ETSMODEL_BOUNDS = (1e-4, 0.9999, 1e-8, 0.9999, 1e-8, 0.9999, 0.8, 0.98)


@pytest.mark.parametrize(
    "name,y,m", FIT_SERIES[:5], ids=[s[0] for s in FIT_SERIES[:5]]
)  # m <= 4: ETSModel is slow
def test_max_likelihood_fit_as_good_as_etsmodel(name, y, m):
    specs = [
        ("add", None, False, None),
        ("add", "add", True, None),
        ("mul", None, False, None),
        ("mul", "add", False, None),
    ]
    if m > 1:
        specs += [
            ("add", "add", False, "add"),
            ("mul", "add", True, "add"),
            ("add", None, False, "add"),
        ]
    for error, trend, damped, seasonal in specs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = sm_ets.ETSModel(y, error=error, **components(trend, damped, seasonal, m)).fit(
                disp=False
            )
        ours = fc.fit(
            y,
            code(error, trend, damped, seasonal),
            period=m if seasonal else 1,
            bounds=ETSMODEL_BOUNDS,
        )
        assert ours.loglik >= ref.llf - 1e-6 * abs(ref.llf), (
            name,
            error,
            trend,
            damped,
            seasonal,
            ours.loglik,
            ref.llf,
        )


def test_result_object_and_forecast_table():
    res = fc.fit(np.array(AIR), model="AAdN")
    assert res.model == "AAdN"
    assert set(res.params) == {"alpha", "beta", "beta_star", "gamma", "phi"}
    assert np.isnan(res.params["gamma"])
    assert res.aicc > res.aic
    tab = res.forecast(5, level=(80, 95))
    assert list(tab.columns) == [
        "mean",
        "sd",
        "lower_80",
        "upper_80",
        "lower_95",
        "upper_95",
    ]
    assert (tab["lower_95"] < tab["lower_80"]).all()
    assert (tab["upper_95"] > tab["upper_80"]).all()
    assert tab.index[0] == 1
    assert "AAdN" in repr(res)


def test_probability_matches_monte_carlo():
    res = fc.fit(np.array(AUST), model="AAA", period=4)
    h = 4
    mean = res.forecast(h)["mean"].iloc[-1]
    sims = res.simulate(h, n_paths=100000, seed=3)
    for target in (mean - 4, mean, mean + 3):
        for direction in ("higher", "lower"):
            p = res.probability_of_reaching(target, h, direction)
            col = sims[:, -1]
            mc = np.mean(col >= target) if direction == "higher" else np.mean(col <= target)
            assert abs(p - mc) < 4.5 * np.sqrt(max(p * (1 - p), 1e-6) / 100000) + 1e-4


def test_target_questions():
    res = fc.fit(np.array(LIVESTOCK), model="AAdN", phi=0.98)
    out = res.target_outlook(440.0, h=8, direction="higher")
    assert out["run_rate"] == pytest.approx((440.0 - LIVESTOCK[-1]) / 8)
    assert 0 <= out["probability"] <= 1
    assert out["periods_to_target"] == res.periods_to_target(440.0, "higher", max_h=32)
    assert res.periods_to_target(1e6, "higher", max_h=10) is None
    assert res.required_run_rate(430.0, 4) == pytest.approx((430.0 - LIVESTOCK[-1]) / 4)
    p_hi = res.probability_of_reaching(440.0, 8, "higher")
    p_lo = res.probability_of_reaching(440.0, 8, "lower")
    assert p_hi + p_lo == pytest.approx(1.0)


def test_auto_and_degenerate_input():
    res = fc.fit(np.array(AUST), model="auto", period=4)
    assert res.model.endswith(("A", "M"))
    flat = fc.fit(np.full(10, 3.0), model="auto")
    assert flat.model == "ANN"
    assert flat.sigma2 == 0.0
    assert any(d["code"] == "constant-series" for d in flat.diagnostics)
    with pytest.raises(okrkit.DomainError):
        fc.fit(np.array([np.nan, np.nan, np.nan]), model="ANN")
    with pytest.raises(okrkit.DomainError):
        fc.fit(np.array([1.0, 2.0]), model="auto")
    with pytest.raises(okrkit.DomainError):
        fc.fit(np.array([1.0, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0]), model="MNN")
    with pytest.raises(ValueError):
        fc.fit(np.ones((3, 3)), model="ANN")


def test_fit_many_matches_single_fits():
    panel = np.vstack([generated(s, 36, 4) for s in range(6)])
    panel[2, -3:] = np.nan  # a shorter series
    out = fc.fit_many(panel, model="AAA", period=4, h=3, threads=2)
    assert list(out.summary.index) == list(range(6))
    for i in range(6):
        row = panel[i][~np.isnan(panel[i])]
        single = fc.fit(row, model="AAA", period=4)
        assert out.summary.loc[i, "sse"] == single.sse
        np.testing.assert_array_equal(
            out.forecasts.loc[out.forecasts["series"] == i, "mean"].to_numpy(),
            single.forecast(3)["mean"].to_numpy(),
        )
    # Long DataFrame input, auto model choice, a failing short series.
    rows = []
    for sid, y in (("a", AIR), ("b", OIL), ("c", [1.0, 2.0])):
        for t, v in enumerate(y):
            rows.append({"series": sid, "date": t, "value": v})
    df = pd.DataFrame(rows).sample(frac=1.0, random_state=0)  # order must not matter
    out = fc.fit_many(df, model="auto", h=2)
    assert list(out.summary.index) == ["a", "b", "c"] or set(out.summary.index) == {
        "a",
        "b",
        "c",
    }
    assert out.summary.loc["c", "error"] != ""
    assert out.summary.loc["a", "aicc"] == fc.fit(np.array(AIR)).aicc
    assert out.forecasts.shape[0] == 6
