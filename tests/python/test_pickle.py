"""Pickling with versioned state: models and scorecards travel to workers."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import okrkit
import pytest


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return a == b


def test_scorecard_roundtrip(examples: Path) -> None:
    model = okrkit.load_model(str(examples / "acme.json"))
    store = okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    sc = okrkit.evaluate(model, store, "2025-05-31")
    back = pickle.loads(pickle.dumps(sc))
    assert back.as_of == sc.as_of and len(back) == len(sc)
    assert back.to_json() == sc.to_json()
    assert back.to_csv() == sc.to_csv()
    for nid in sc.to_frame().index:
        a, b = sc.node(nid), back.node(nid)
        assert a.keys() == b.keys()
        assert all(_same(a[k], b[k]) for k in a), nid
    assert back.model is not None and okrkit.dump_model(back.model) == okrkit.dump_model(model)
    assert back._repr_html_() == sc._repr_html_()


def test_scorecard_state_is_versioned(examples: Path) -> None:
    model = okrkit.load_model(str(examples / "acme.json"))
    store = okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    sc = okrkit.evaluate(model, store, "2025-05-31")
    state = sc.__getstate__()
    assert state["version"] == 1
    core_state = state["core"].__getstate__()
    # version 3: (3, as_of, field names, rows, diagnostics, cycles, current cycle)
    assert core_state[0] == 3 and core_state[1] == "2025-05-31"
    assert list(core_state[2]) == [f.name for f in okrkit.FIELDS]
    bad = okrkit.Scorecard.__new__(okrkit.Scorecard)
    with pytest.raises(ValueError, match="version"):
        bad.__setstate__({"version": 99, "core": None, "model": None})


# A version-1 state written by okrkit 0.1.0: one key result, one objective.
# Reading it must keep working when the state format moves on.
_OLD_CORE_STATE = (
    1,
    "2025-05-31",
    [
        (
            "kr",
            "key_result",
            "o",
            "u",
            5.0,
            0.0,
            10.0,
            0.5,
            float("nan"),
            0.5,
            0.5,
            "yellow",
            "",
            "",
            0.6,
            "on_track",
            "none",
            0.8,
            "2025-05-30",
            "measured",
            "computed",
            False,
            [],
        ),
        (
            "o",
            "objective",
            "",
            "u",
            float("nan"),
            float("nan"),
            float("nan"),
            0.5,
            float("nan"),
            0.5,
            0.5,
            "yellow",
            "",
            "",
            0.6,
            "on_track",
            "none",
            None,
            None,
            "none",
            "rolled_up",
            True,
            [("warning", "missing-data", "no data", "", 0, "o", "")],
        ),
    ],
    [],
)


def test_old_scorecard_state_still_loads() -> None:
    core = okrkit._core.Scorecard.__new__(okrkit._core.Scorecard)
    core.__setstate__(_OLD_CORE_STATE)
    sc = okrkit.Scorecard(core)
    assert sc.as_of.isoformat() == "2025-05-31"
    kr = sc.node("kr")
    assert kr["progress"] == 0.5 and kr["status"] == "on_track" and kr["confidence"] == 0.8
    assert str(kr["value_date"]) == "2025-05-30"
    o = sc.node("o")
    assert o["incomplete"] is True and o["diagnostics"][0]["code"] == "missing-data"
    df = sc.to_frame()
    assert str(df["status"].dtype) == "category"


def test_model_roundtrip(examples: Path) -> None:
    model = okrkit.load_model(str(examples / "acme.json"))
    back = pickle.loads(pickle.dumps(model))
    assert okrkit.dump_model(back) == okrkit.dump_model(model)


# --- forecast results ---------------------------------------------------------

# Australian air passengers 1990-2004 (fpp2 ``ausair``; as in test_forecast.py).
_AUSAIR = [
    17.55,
    21.86,
    23.89,
    26.93,
    26.89,
    28.83,
    30.08,
    30.95,
    30.19,
    31.58,
    32.58,
    33.48,
    39.02,
    41.39,
    41.60,
]


def test_forecast_result_roundtrip() -> None:
    import numpy as np
    import pandas as pd
    from okrkit import forecast as fc

    y = pd.Series(_AUSAIR, index=pd.date_range("1990-12-31", periods=15, freq="YE"))
    res = fc.fit(y, model="AAdN").with_target(50.0, h=5)
    back = pickle.loads(pickle.dumps(res))
    assert back.model == res.model and back.period == res.period
    assert back.params.keys() == res.params.keys() and back.target == res.target
    assert all(_same(back.params[k], res.params[k]) for k in res.params)
    for name in ("sse", "sigma2", "loglik", "aicc", "n_obs", "last_value", "method"):
        assert getattr(back, name) == getattr(res, name), name
    np.testing.assert_array_equal(back.fitted, res.fitted)
    assert back.last_state["level"] == res.last_state["level"]
    pd.testing.assert_frame_equal(back.forecast(5), res.forecast(5))
    np.testing.assert_array_equal(back.simulate(3, n_paths=50), res.simulate(3, n_paths=50))
    assert back.probability_of_reaching(50.0, h=5) == res.probability_of_reaching(50.0, h=5)
    assert back._repr_html_() == res._repr_html_()


def test_seasonal_multiplicative_fit_roundtrip() -> None:
    import numpy as np
    from okrkit import forecast as fc

    # a positive seasonal series (quarterly pattern on a trend)
    y = np.array([10 + i + (3, -1, -4, 2)[i % 4] * (1 + i / 20) for i in range(24)], float)
    res = fc.fit(y, model="MAM", period=4)
    back = pickle.loads(pickle.dumps(res))
    assert back.model == "MAM" and back.period == 4
    np.testing.assert_array_equal(back.last_state["seasonal"], res.last_state["seasonal"])
    assert back.diagnostics == res.diagnostics
    np.testing.assert_array_equal(
        back.forecast(4, level=80).to_numpy(), res.forecast(4, level=80).to_numpy()
    )


def test_forecast_result_state_is_versioned() -> None:
    from okrkit import forecast as fc

    res = fc.fit(_AUSAIR, model="ANN")
    state = res.__getstate__()
    assert state["version"] == 1 and state["target"] is None
    core_state = state["core"].__getstate__()
    assert core_state[0] == 1 and core_state[1] == "ANN"
    bad = fc.EtsResult.__new__(fc.EtsResult)
    with pytest.raises(ValueError, match="version"):
        bad.__setstate__({"version": 2, "core": None, "index": None, "target": None})
    with pytest.raises(okrkit.DomainError, match="pickle state"):
        okrkit._core.EtsFit.__new__(okrkit._core.EtsFit).__setstate__((7, "ANN"))


# A version-1 EtsFit state as okrkit 0.1.0 writes it: simple exponential
# smoothing (ANN) with alpha = 0.5, last level 20 and sigma2 = 4. Reading it
# must keep working when the state format moves on. Its forecasts are the
# textbook ones (Hyndman & Athanasopoulos, fpp2 §7.5, ETS(A,N,N)): mean = the
# last level for every h, variance sigma2 * (1 + alpha^2 (h - 1)):
#   h=1: 4 -> sd 2;  h=2: 4 * 1.25 = 5 -> sd 2.23607;  h=3: 4 * 1.5 = 6 -> sd 2.44949
_OLD_FIT_STATE = (
    1,
    "ANN",
    1,
    "ml",
    "estimated",
    (0.5, float("nan"), float("nan"), 1.0),
    (16.0, 0.0, []),
    (20.0, 0.0, []),
    [16.0, 17.0, 18.5],
    [2.0, 3.0, 3.0],
    [2.0, 3.0, 3.0],
    3,
    3,
    21.5,
    22.0,
    22.0 / 3,
    4.0,
    -7.0,
    -6.5,
    19.0,
    43.0,
    18.3,
    3,
    57,
    [],
)


def test_old_forecast_state_still_loads() -> None:
    import numpy as np
    from okrkit import forecast as fc

    core = okrkit._core.EtsFit.__new__(okrkit._core.EtsFit)
    core.__setstate__(_OLD_FIT_STATE)
    res = fc.EtsResult(core)
    assert res.model == "ANN" and res.params["alpha"] == 0.5 and res.sigma2 == 4.0
    t = res.forecast(3, level=95, method="analytic")
    np.testing.assert_allclose(t["mean"], [20.0, 20.0, 20.0], rtol=1e-12)
    np.testing.assert_allclose(t["sd"], [2.0, 5**0.5, 6**0.5], rtol=1e-12)
    # 95 % interval: mean ± 1.959964 sd
    np.testing.assert_allclose(t["upper_95"], 20 + 1.959963985 * t["sd"], rtol=1e-9)


def test_batch_result_roundtrip() -> None:
    import numpy as np
    import pandas as pd
    from okrkit import forecast as fc

    data = np.array([_AUSAIR, [v * 2 for v in _AUSAIR]])
    res = fc.fit_many(data, model="AAN", h=3, threads=1)
    back = pickle.loads(pickle.dumps(res))
    pd.testing.assert_frame_equal(back.summary, res.summary)
    assert back.forecasts is not None and res.forecasts is not None
    pd.testing.assert_frame_equal(back.forecasts, res.forecasts)
