"""okrkit.forecast.reconcile against hierarchicalforecast (Nixtla) on the same
summing matrix, base forecasts, in-sample values and fitted values: every
method to 1e-8 relative, on a generated 3-level hierarchy and on the bundled
example's units (examples/acme.json). Coherence y = S·b is checked to 1e-10.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from okrkit import forecast as fc
from okrkit._reconcile import METHODS

hf_methods = pytest.importorskip("hierarchicalforecast.methods")

ROOT = Path(__file__).resolve().parents[2]
HORIZON = 6


def generated() -> fc.Hierarchy:
    # total → 4 regions → 3, 4, 5, 2 teams (14 bottom series, 19 nodes)
    edges = [("total", "")]
    for r, k in zip("ABCD", (3, 4, 5, 2)):
        edges.append((f"region_{r}", "total"))
        edges += [(f"team_{r}{i}", f"region_{r}") for i in range(k)]
    return fc.Hierarchy.from_parents(pd.DataFrame(edges, columns=["node", "parent"]))


def acme() -> fc.Hierarchy:
    units = json.loads((ROOT / "examples" / "acme.json").read_text(encoding="utf-8"))["units"]
    return fc.Hierarchy.from_parents(
        pd.DataFrame({"node": [u["id"] for u in units], "parent": [u.get("parent") for u in units]})
    )


def data(h: fc.Hierarchy, T: int, seed: int) -> dict[str, np.ndarray]:
    """Coherent in-sample history, incoherent fitted values and base forecasts."""
    rng = np.random.default_rng(seed)
    S = h.summing_matrix().to_numpy()
    nb = h.n_bottom
    level = rng.uniform(20, 100, nb)
    bottom = level[:, None] + np.cumsum(rng.normal(0, 3, (nb, T)), axis=1)
    y = S @ bottom
    # Residuals correlated through the structure plus noise of each node's own.
    fitted = (
        y
        + 0.8 * S @ rng.normal(0, 1, (nb, T))
        + rng.normal(0, 1, y.shape) * (1 + 0.2 * np.abs(y) ** 0.5)
    )
    base = (S @ (bottom[:, -1:] + rng.normal(0, 2, (nb, HORIZON)))) * rng.uniform(
        0.9, 1.1, (len(h), 1)
    )
    return {"S": S, "y": y, "fitted": fitted, "base": base}


def tags(h: fc.Hierarchy) -> dict[str, np.ndarray]:
    parents = h.parents
    depth: dict[str, int] = {}
    for node in h.nodes:
        p, d = parents[node], 0
        while p is not None:
            p, d = parents[p], d + 1
        depth[node] = d
    out: dict[str, list[int]] = {}
    for i, node in enumerate(h.nodes):
        out.setdefault(f"level{depth[node]}", []).append(i)
    return {k: np.asarray(v) for k, v in out.items()}


def reference(
    method: str, d: dict[str, np.ndarray], t: dict[str, np.ndarray], nonnegative: bool = False
) -> np.ndarray:
    S, base = d["S"], d["base"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if method == "bottom_up":
            r = hf_methods.BottomUp().fit_predict(S=S, y_hat=base)
        elif method in ("average_proportions", "proportion_averages", "forecast_proportions"):
            r = hf_methods.TopDown(method=method).fit_predict(
                S=S, y_hat=base, tags=t, y_insample=d["y"]
            )
        else:
            r = hf_methods.MinTrace(method=method, nonnegative=nonnegative).fit_predict(
                S=S, y_hat=base, y_insample=d["y"], y_hat_insample=d["fitted"]
            )
    return np.asarray(r["mean"])


def ours(method: str, h: fc.Hierarchy, d: dict[str, np.ndarray], **kw: object) -> np.ndarray:
    base = pd.DataFrame(d["base"], index=h.nodes)
    out = fc.reconcile(base, h, method=method, residuals=d["y"] - d["fitted"], history=d["y"], **kw)  # type: ignore[arg-type]
    assert list(out.index) == h.nodes
    return out.to_numpy()


def check_coherent(h: fc.Hierarchy, m: np.ndarray) -> None:
    S = h.summing_matrix().to_numpy()
    b = m[len(h) - h.n_bottom :]
    np.testing.assert_allclose(m, S @ b, rtol=1e-10, atol=1e-10 * np.abs(m).max())


@pytest.mark.parametrize("which", ["generated", "acme"])
@pytest.mark.parametrize("method", [m for m in METHODS if m != "middle_out"])
def test_every_method_matches_hierarchicalforecast(which: str, method: str) -> None:
    h = generated() if which == "generated" else acme()
    T = 40 if which == "generated" else 12  # mint_cov needs T > nodes
    for seed in (1, 2, 3):
        d = data(h, T, seed)
        got = ours(method, h, d)
        want = reference(method, d, tags(h))
        np.testing.assert_allclose(got, want, rtol=1e-8, atol=0)
        check_coherent(h, got)


def test_shrinkage_intensity_and_covariance_match_hierarchicalforecast() -> None:
    from hierarchicalforecast.utils import _shrunk_covariance_schaferstrimmer_no_nans as ref_cov

    h = generated()
    d = data(h, 25, 7)  # T < nodes: the sample covariance alone would be singular
    res = d["y"] - d["fitted"]
    out = fc.reconcile(
        pd.DataFrame(d["base"], index=h.nodes), h, method="mint_shrink", residuals=res
    )
    W = ref_cov(res, 2e-8)
    S0 = np.cov(res)
    off = ~np.eye(len(h), dtype=bool)
    keep = (W[off] / S0[off]).mean()
    assert 0.05 < keep < 0.95  # a real shrinkage, neither none nor total
    assert out.attrs["shrinkage"] == pytest.approx(keep, rel=1e-9)
    np.testing.assert_allclose(out.to_numpy(), reference("mint_shrink", d, tags(h)), rtol=1e-8)


def test_frames_in_any_order_and_errors() -> None:
    h = acme()
    d = data(h, 12, 5)
    base = pd.DataFrame(d["base"], index=h.nodes, columns=[f"h{i}" for i in range(HORIZON)])
    shuffled = base.iloc[::-1]
    got = fc.reconcile(shuffled, h, method="ols")
    assert list(got.index) == list(shuffled.index) and list(got.columns) == list(base.columns)
    np.testing.assert_allclose(got.loc[h.nodes].to_numpy(), reference("ols", d, tags(h)), rtol=1e-8)
    with pytest.raises(ValueError, match="has no row for node 'acme'"):
        fc.reconcile(base.iloc[1:], h, method="ols")
    with pytest.raises(ValueError, match="node 'nowhere', which is not in the hierarchy"):
        fc.reconcile(
            pd.concat([base, base.iloc[:1].rename(index={"acme": "nowhere"})]), h, method="ols"
        )
    with pytest.raises(ValueError, match="method 'mint_shrink' needs residuals"):
        fc.reconcile(base, h, method="mint_shrink")
    with pytest.raises(ValueError, match="unknown method 'mint'"):
        fc.reconcile(base, h, method="mint")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="parent 'ghost', which is not a node"):
        fc.Hierarchy.from_parents([("a", None), ("b", "ghost")])


def test_summing_matrix_frame_round_trip() -> None:
    h = generated()
    S = h.summing_matrix()
    g = fc.Hierarchy.from_summing_matrix(S)
    assert g.nodes == h.nodes and g.parents.equals(h.parents)
    d = data(h, 40, 4)
    np.testing.assert_allclose(
        ours("forecast_proportions", g, d), ours("forecast_proportions", h, d)
    )
    assert repr(h) == "Hierarchy(nodes=19, bottom=14, tree=True)"


def test_nonnegative() -> None:
    h = generated()
    d = data(h, 40, 6)
    d["base"] = np.abs(d["base"]) + 50.0
    # No negative values: hierarchicalforecast's nonnegative MinT (a quadratic
    # programme, solved to its solver's tolerance, ~5e-8 relative here) gives
    # the unconstrained solution, and so does okrkit.
    want = reference("wls_struct", d, tags(h), nonnegative=True)
    assert (want > 0).all()
    np.testing.assert_allclose(ours("wls_struct", h, d, nonnegative=True), want, rtol=1e-6)
    np.testing.assert_allclose(
        ours("wls_struct", h, d, nonnegative=True), reference("wls_struct", d, tags(h)), rtol=1e-8
    )
    # Negative bottom forecasts are set to 0 and summed up again (documented
    # difference from hierarchicalforecast's quadratic programme).
    d["base"][-3:] = -5.0
    with pytest.warns(UserWarning, match="negative bottom forecasts set to 0"):
        got = ours("bottom_up", h, d, nonnegative=True)
    assert (got >= 0).all()
    check_coherent(h, got)


def reference_normal(
    method: str, d: dict[str, np.ndarray], t: dict[str, np.ndarray], sigma: np.ndarray
) -> dict[str, np.ndarray]:
    S, base = d["S"], d["base"]
    kw = dict(
        S=S,
        y_hat=base,
        y_insample=d["y"],
        sigmah=sigma,
        level=[80, 95],
        intervals_method="normality",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if method == "bottom_up":
            r = hf_methods.BottomUp().fit_predict(**kw)
        elif method in ("average_proportions", "proportion_averages"):
            r = hf_methods.TopDown(method=method).fit_predict(tags=t, **kw)
        else:
            r = hf_methods.MinTrace(method=method).fit_predict(y_hat_insample=d["fitted"], **kw)
    q = np.asarray(r["quantiles"])  # quantiles 0.025, 0.1, 0.9, 0.975
    return {
        "mean": np.asarray(r["mean"]),
        "sd": np.asarray(r["sigmah"]),
        "lo-95": q[:, :, 0],
        "lo-80": q[:, :, 1],
        "hi-80": q[:, :, 2],
        "hi-95": q[:, :, 3],
    }


@pytest.mark.parametrize("which", ["generated", "acme"])
@pytest.mark.parametrize(
    "method", [m for m in METHODS if m not in ("forecast_proportions", "middle_out")]
)
def test_normal_intervals_match_hierarchicalforecast(which: str, method: str) -> None:
    h = generated() if which == "generated" else acme()
    T = 40 if which == "generated" else 12
    for seed in (1, 2):
        d = data(h, T, seed)
        rng = np.random.default_rng(100 + seed)
        sigma = np.abs(d["base"]) * rng.uniform(0.02, 0.1, d["base"].shape)
        got = fc.reconcile_normal(
            pd.DataFrame(d["base"], index=h.nodes),
            h,
            sigma=sigma,
            method=method,
            residuals=d["y"] - d["fitted"],
            history=d["y"],
        )
        want = reference_normal(method, d, tags(h), sigma)
        np.testing.assert_allclose(got["mean"].to_numpy(), want["mean"], rtol=1e-8, atol=0)
        for key in ("sd", "lo-80", "hi-80", "lo-95", "hi-95"):
            np.testing.assert_allclose(
                got[key].to_numpy(), want[key], rtol=1e-6, atol=0, err_msg=key
            )


def test_normal_intervals_by_hand() -> None:
    # acme = marketing + support + hr, base sd 1 for every node, OLS: P = (S'S)⁻¹S'.
    # S'S = I + 11' → (S'S)⁻¹ = I − 11'/4. Marketing's row of P over (acme, m, s,
    # hr) is (1/4, 3/4, −1/4, −1/4): variance 1/16 + 9/16 + 1/16 + 1/16 = 3/4. The
    # company's row sums the three: (3/4, 1/4, 1/4, 1/4), variance 9/16 + 3/16 = 3/4.
    h = acme()
    base = pd.DataFrame({"q1": [100.0, 40.0, 35.0, 30.0]}, index=h.nodes)
    got = fc.reconcile_normal(base, h, sigma=np.ones((4, 1)), method="ols", level=[95])
    np.testing.assert_allclose(got["sd"].to_numpy().ravel(), np.sqrt(0.75), rtol=1e-14)
    assert set(got) == {"mean", "sd", "lo-95", "hi-95"}
    with pytest.raises(ValueError, match="not defined for forecast_proportions"):
        fc.reconcile_normal(base, h, sigma=np.ones((4, 1)), method="forecast_proportions")
