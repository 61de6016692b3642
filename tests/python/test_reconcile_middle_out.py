"""Middle-out reconciliation and bootstrap intervals against hierarchicalforecast
(Nixtla) on the hierarchies of test_reconcile.py: the generated 3-level one and
the bundled example's units (examples/acme.json).

Bootstrap: hierarchicalforecast draws its block starts with numpy's
``default_rng(seed).choice(arange(T - h), size=B)``; okrkit draws them with its
own generator (std::mt19937_64, the same on every platform), so the same seed
gives different sample paths. The comparison therefore replays
hierarchicalforecast's draw (``np.random.default_rng(seed).choice`` computed
here, exactly what its Bootstrap sampler calls) through ``starts=``: the
sample paths are then identical and the quantiles must agree to 1e-8. okrkit's
own seeded draw is checked for determinism and, distributionally, against
hierarchicalforecast's intervals.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from okrkit import forecast as fc
from test_reconcile import HORIZON, acme, check_coherent, data, generated, tags

hf_methods = pytest.importorskip("hierarchicalforecast.methods")

TOP_DOWN = ("forecast_proportions", "average_proportions", "proportion_averages")


def depth_levels(which: str) -> list[int]:
    return [0, 1, 2] if which == "generated" else [0, 1]


@pytest.mark.parametrize("which", ["generated", "acme"])
@pytest.mark.parametrize("top_down", TOP_DOWN)
def test_middle_out_matches_hierarchicalforecast(which: str, top_down: str) -> None:
    h = generated() if which == "generated" else acme()
    t = tags(h)
    for level in depth_levels(which):
        for seed in (1, 2, 3):
            d = data(h, 30, seed)
            got = fc.reconcile(
                pd.DataFrame(d["base"], index=h.nodes),
                h,
                method="middle_out",
                level=level,
                top_down=top_down,  # type: ignore[arg-type]
                history=d["y"],
            ).to_numpy()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                want = hf_methods.MiddleOut(
                    middle_level=f"level{level}", top_down_method=top_down
                ).fit_predict(S=d["S"], y_hat=d["base"], tags=t, y_insample=d["y"])["mean"]
            np.testing.assert_allclose(got, want, rtol=1e-8, atol=0, err_msg=f"level {level}")
            check_coherent(h, got)
            # The middle level keeps its base forecasts.
            at = t[f"level{level}"]
            np.testing.assert_allclose(got[at], d["base"][at], rtol=1e-12)


def test_middle_out_ends_are_bottom_up_and_top_down() -> None:
    h = generated()
    d = data(h, 30, 4)
    base = pd.DataFrame(d["base"], index=h.nodes)
    kw = dict(history=d["y"])
    np.testing.assert_allclose(
        fc.reconcile(base, h, method="middle_out", level=2, **kw),  # type: ignore[arg-type]
        fc.reconcile(base, h, method="bottom_up"),
        rtol=1e-12,
    )
    for td in TOP_DOWN:
        np.testing.assert_allclose(
            fc.reconcile(base, h, method="middle_out", level=0, top_down=td, **kw),  # type: ignore[arg-type]
            fc.reconcile(base, h, method=td, **kw),  # type: ignore[arg-type]
            rtol=1e-12,
        )


def test_middle_out_by_hand_and_errors() -> None:
    # total -> north (a, b), south (c); a leaf "solo" directly under total.
    # Middle level 1: north 50, south 30 and solo 5 keep their base; total = 85;
    # a, b split north's 50 as 10 : 30 -> 12.5, 37.5; c = south = 30.
    h = fc.Hierarchy.from_parents(
        [
            ("total", None),
            ("north", "total"),
            ("south", "total"),
            ("solo", "total"),
            ("a", "north"),
            ("b", "north"),
            ("c", "south"),
        ]
    )
    base = pd.Series(
        {"total": 100.0, "north": 50.0, "south": 30.0, "solo": 5.0, "a": 10.0, "b": 30.0, "c": 20.0}
    ).to_frame("q1")
    got = fc.reconcile(base, h, method="middle_out", level=1)["q1"]
    assert got.to_dict() == pytest.approx(
        {"total": 85.0, "north": 50.0, "south": 30.0, "solo": 5.0, "a": 12.5, "b": 37.5, "c": 30.0},
        rel=1e-14,
    )
    with pytest.raises(ValueError, match="needs the middle level"):
        fc.reconcile(base, h, method="middle_out")
    with pytest.raises(ValueError, match="middle_out level 3 has no node; the deepest level"):
        fc.reconcile(base, h, method="middle_out", level=3)
    with pytest.raises(ValueError, match="unknown top_down method 'ols'"):
        fc.reconcile(base, h, method="middle_out", level=1, top_down="ols")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="method 'average_proportions' needs history"):
        fc.reconcile(base, h, method="middle_out", level=1, top_down="average_proportions")
    # four series grouped two ways (by region and by product): not a tree
    S = np.vstack([np.ones(4), [1, 1, 0, 0], [0, 0, 1, 1], [1, 0, 1, 0], [0, 1, 0, 1], np.eye(4)])
    grouped = fc.Hierarchy.from_summing_matrix(S, nodes=list("tabcdwxyz"))
    with pytest.raises(ValueError, match="'middle_out' needs a strict hierarchy"):
        fc.reconcile(np.ones((9, 1)), grouped, method="middle_out", level=1)


@pytest.mark.parametrize("which", ["generated", "acme"])
@pytest.mark.parametrize("top_down", ["average_proportions", "proportion_averages"])
def test_middle_out_normal_intervals_match_hierarchicalforecast(which: str, top_down: str) -> None:
    h = generated() if which == "generated" else acme()
    t = tags(h)
    d = data(h, 30, 8)
    sigma = np.abs(d["base"]) * np.random.default_rng(5).uniform(0.02, 0.1, d["base"].shape)
    for level in depth_levels(which):
        got = fc.reconcile_normal(
            pd.DataFrame(d["base"], index=h.nodes),
            h,
            sigma=sigma,
            method="middle_out",
            middle_level=level,
            top_down=top_down,  # type: ignore[arg-type]
            history=d["y"],
        )
        kw = dict(
            S=d["S"],
            y_hat=d["base"],
            y_insample=d["y"],
            sigmah=sigma,
            level=[80, 95],
            intervals_method="normality",
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if level == depth_levels(which)[-1]:
                # Middle level = the bottom: middle-out is bottom-up, and
                # hierarchicalforecast 1.5.3's MiddleOut fails on the one-leaf
                # subtrees with intervals ("need at least one array to concatenate").
                r = hf_methods.BottomUp().fit_predict(**kw)
            else:
                r = hf_methods.MiddleOut(
                    middle_level=f"level{level}", top_down_method=top_down
                ).fit_predict(tags=t, **kw)
        q = np.asarray(r["quantiles"])  # 0.025, 0.1, 0.9, 0.975
        for k, key in enumerate(("lo-95", "lo-80", "hi-80", "hi-95")):
            np.testing.assert_allclose(
                got[key].to_numpy(), q[:, :, k], rtol=1e-6, atol=0, err_msg=f"{key} {level}"
            )


# --- bootstrap ------------------------------------------------------------------


def hf_bootstrap(
    method: str, d: dict[str, np.ndarray], t: dict[str, np.ndarray], samples: int, seed: int
) -> np.ndarray:
    kw = dict(
        S=d["S"],
        y_hat=d["base"],
        y_insample=d["y"],
        y_hat_insample=d["fitted"],
        level=[80, 95],
        intervals_method="bootstrap",
        num_samples=samples,
        seed=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if method == "bottom_up":
            r = hf_methods.BottomUp().fit_predict(**kw)
        elif method in TOP_DOWN:
            r = hf_methods.TopDown(method=method).fit_predict(tags=t, **kw)
        elif method == "middle_out":
            r = hf_methods.MiddleOut(
                middle_level="level1", top_down_method="forecast_proportions"
            ).fit_predict(tags=t, **kw)
        else:
            r = hf_methods.MinTrace(method=method).fit_predict(**kw)
    return np.asarray(r["quantiles"])  # quantiles 0.025, 0.1, 0.9, 0.975


def hf_starts(T: int, samples: int, seed: int) -> np.ndarray:
    # hierarchicalforecast's Bootstrap sampler, verbatim: start columns of the blocks.
    return np.random.default_rng(seed).choice(np.arange(T - HORIZON), size=samples)


BOOT_METHODS = [
    "bottom_up",
    "average_proportions",
    "proportion_averages",
    "forecast_proportions",
    "ols",
    "wls_struct",
    "wls_var",
    "mint_shrink",
    "middle_out",
]


@pytest.mark.parametrize("which", ["generated", "acme"])
@pytest.mark.parametrize("method", BOOT_METHODS)
def test_bootstrap_matches_hierarchicalforecast_on_the_same_paths(which: str, method: str) -> None:
    h = generated() if which == "generated" else acme()
    if method == "middle_out" and which == "acme":
        pytest.skip("acme has two levels: middle-out at level 1 is bottom-up")
    t = tags(h)
    T, B = 30, 200
    d = data(h, T, 11)
    got = fc.reconcile_bootstrap(
        pd.DataFrame(d["base"], index=h.nodes),
        h,
        residuals=d["y"] - d["fitted"],
        history=d["y"],
        method=method,  # type: ignore[arg-type]
        middle_level=1,
        starts=hf_starts(T, B, 7).tolist(),
    )
    q = hf_bootstrap(method, d, t, B, 7)
    for k, key in enumerate(("lo-95", "lo-80", "hi-80", "hi-95")):
        np.testing.assert_allclose(got[key].to_numpy(), q[:, :, k], rtol=1e-8, atol=0, err_msg=key)
    check_coherent(h, got["mean"].to_numpy())
    assert got["mean"].attrs["starts"] == hf_starts(T, B, 7).tolist()


def test_bootstrap_seeded_is_deterministic_and_agrees_in_distribution() -> None:
    h = generated()
    T = 30
    d = data(h, T, 12)
    base = pd.DataFrame(d["base"], index=h.nodes)
    kw = dict(residuals=d["y"] - d["fitted"], method="wls_struct", samples=4000)
    a = fc.reconcile_bootstrap(base, h, seed=3, **kw)  # type: ignore[arg-type]
    b = fc.reconcile_bootstrap(base, h, seed=3, **kw)  # type: ignore[arg-type]
    c = fc.reconcile_bootstrap(base, h, seed=4, **kw)  # type: ignore[arg-type]
    for key in a:
        pd.testing.assert_frame_equal(a[key], b[key])
    assert a["mean"].attrs["starts"] != c["mean"].attrs["starts"]
    # Exact equality with hierarchicalforecast's own seed is impossible (numpy's
    # PCG64 + its choice() algorithm vs std::mt19937_64), but both draw the
    # block starts uniformly from the same T - h = 24 blocks. With 4000 draws
    # each block's share is 1/24 ± 0.003 (sd), so every quantile is one of the
    # same few order statistics of a 24-point distribution: compare through
    # the starts' histogram (each share within 5 sd of 1/24) and the intervals
    # within the spread between neighbouring block values.
    starts = np.asarray(a["mean"].attrs["starts"])
    share = np.bincount(starts, minlength=T - HORIZON) / starts.size
    assert starts.min() >= 0 and starts.max() < T - HORIZON
    assert np.all(np.abs(share - 1 / 24) < 5 * np.sqrt(1 / 24 * 23 / 24 / starts.size))
    q = hf_bootstrap("wls_struct", d, tags(h), 4000, 3)
    width = q[:, :, 3] - q[:, :, 0]
    for k, key in enumerate(("lo-95", "lo-80", "hi-80", "hi-95")):
        assert np.all(np.abs(a[key].to_numpy() - q[:, :, k]) <= 0.25 * width + 1e-9), key


def test_bootstrap_errors() -> None:
    h = acme()
    d = data(h, 12, 2)
    base = pd.DataFrame(d["base"], index=h.nodes)
    res = d["y"] - d["fitted"]
    with pytest.raises(ValueError, match="more residual columns"):
        fc.reconcile_bootstrap(base, h, residuals=res[:, :HORIZON], method="ols")
    with pytest.raises(ValueError, match="must be below T - h = 6"):
        fc.reconcile_bootstrap(base, h, residuals=res, method="ols", starts=[0, 6])
    with pytest.raises(ValueError, match="level 100 must be in"):
        fc.reconcile_bootstrap(base, h, residuals=res, method="ols", level=[100])
    with pytest.raises(ValueError, match="residuals are needed"):
        fc.reconcile_bootstrap(base, h, residuals=None, method="ols")
