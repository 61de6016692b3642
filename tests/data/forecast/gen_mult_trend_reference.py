"""Regenerates mult_trend_statsmodels.json: statsmodels' fits of the
multiplicative-trend ETS models on the fpp series of datasets.csv (same folder;
the statsmodels repository's copies of fpp::ausair, fpp::livestock, fpp::oil
and fpp::austourists).

Run with the project's venv (statsmodels installed):
    python tests/data/forecast/gen_mult_trend_reference.py

* MMN / MMdN: statsmodels ETSModel(error="mul", trend="mul", damped_trend=...)
  fitted by maximum likelihood with its default bounds (α, β/α in
  [1e-4, 0.9999], φ in [0.8, 0.98], initial states free). ``llf`` is
  statsmodels' log-likelihood −n/2·(log(2π·mean(e²)) + 1) − Σ log|ŷ| with
  e = (y − ŷ)/ŷ, the definition of okrkit's EtsFit::loglik.
* MMM / MMdM: ETSModel's multiplicative seasonal update uses the *updated*
  level (s_t = γ*·y_t/l_t + …), a different model from R's ets (s_t = s_{t−m}
  + γ(y_t/(l_{t−1}·b_{t−1}^φ) − s_{t−m})), so the seasonal models are compared
  with statsmodels ExponentialSmoothing(trend="mul", seasonal="mul"), which
  writes R's form, fitted by least squares with its default bounds (α, β*, γ
  in [0, 1], φ in [0.8, 0.995]; initial states free): ``sse``.
"""

from __future__ import annotations

import csv
import json
import pathlib
import warnings

import numpy as np
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing

HERE = pathlib.Path(__file__).parent


def load() -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    with open(HERE / "datasets.csv") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["dataset"], []).append(float(row["value"]))
    return out


def main() -> None:
    data = load()
    cases = []
    for name in ("air15", "livestock31", "oil12"):
        y = np.array(data[name])
        for damped in (False, True):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                res = ETSModel(y, error="mul", trend="mul", damped_trend=damped).fit(
                    disp=False, maxiter=10000
                )
            cases.append(
                {
                    "dataset": name,
                    "model": "MMdN" if damped else "MMN",
                    "period": 1,
                    "tool": "statsmodels ETSModel",
                    "llf": float(res.llf),
                    "params": {k: float(v) for k, v in zip(res.param_names, res.params)},
                }
            )
    y = np.array(data["aust24"])
    for damped in (False, True):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = ExponentialSmoothing(
                y,
                trend="mul",
                damped_trend=damped,
                seasonal="mul",
                seasonal_periods=4,
                initialization_method="estimated",
            ).fit()
        cases.append(
            {
                "dataset": "aust24",
                "model": "MMdM" if damped else "MMM",
                "period": 4,
                "tool": "statsmodels ExponentialSmoothing",
                "sse": float(res.sse),
                "params": {
                    k: float(v)
                    for k, v in res.params.items()
                    if np.isscalar(v) and np.isfinite(v) and k not in ("use_boxcox", "remove_bias")
                },
            }
        )
    with open(HERE / "mult_trend_statsmodels.json", "w") as f:
        json.dump(
            {
                "source": "tests/data/forecast/gen_mult_trend_reference.py, statsmodels "
                + __import__("statsmodels").__version__,
                "cases": cases,
            },
            f,
            indent=1,
        )
        f.write("\n")


if __name__ == "__main__":
    main()
