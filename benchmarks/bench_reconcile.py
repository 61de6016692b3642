"""Reconcile 12-step forecasts on a generated 3-level hierarchy: okrkit against
hierarchicalforecast (Nixtla) in the same run, results checked equal (to 1e-8
of the largest value; see check()).

- 10 000 bottom series (total → 100 regions → 100 teams each, 10 101 nodes):
  bottom-up, OLS, WLS-structural. hierarchicalforecast runs its sparse classes
  (BottomUpSparse, MinTraceSparse); its dense S would need 800 MB.
- 2 000 bottom series (total → 40 → 50 each, 2 041 nodes), 36 residual
  columns: MinT shrink (hierarchicalforecast MinTrace(method="mint_shrink")).

Both sides get numpy arrays in the same node order and are timed on the
reconciliation call alone (best of --repeat). Ends with
`ratio=<hierarchicalforecast time / okrkit time>` for MinT shrink; prints no
ratio if hierarchicalforecast is not installed.

    PYTHONPATH=build/cpp/python python benchmarks/bench_reconcile.py
"""

from __future__ import annotations

import argparse
import time
import warnings
from typing import Any, Callable

import numpy as np
from okrkit import forecast as fc

H = 12


def best_of(n: int, f: Callable[[], Any]) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(n):
        t0 = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t0)
    return best, out


def hierarchy(groups: int, per_group: int) -> fc.Hierarchy:
    edges: list[tuple[str, str]] = [("total", "")]
    edges += [(f"g{g}", "total") for g in range(groups)]
    edges += [(f"g{g}_b{b}", f"g{g}") for g in range(groups) for b in range(per_group)]
    return fc.Hierarchy.from_parents(edges)


def sparse_s(h: fc.Hierarchy) -> Any:
    from scipy import sparse

    rows, cols = h._core.s_triplets()
    return sparse.csr_matrix(
        (np.ones(len(rows)), (rows.astype(int), cols.astype(int))), shape=(len(h), h.n_bottom)
    )


def inputs(h: fc.Hierarchy, T: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    S = sparse_s(h)
    nb = h.n_bottom
    bottom = rng.uniform(20, 100, nb)[:, None] + np.cumsum(rng.normal(0, 3, (nb, T)), axis=1)
    y = np.asarray(S @ bottom)
    fitted = (
        y
        + 0.8 * np.asarray(S @ rng.normal(0, 1, (nb, T)))
        + rng.normal(0, 1, y.shape) * (1 + 0.2 * np.sqrt(np.abs(y)))
    )
    base = np.asarray(S @ (bottom[:, -1:] + rng.normal(0, 2, (nb, H)))) * rng.uniform(
        0.9, 1.1, (len(h), 1)
    )
    return {"y": y, "fitted": fitted, "base": base}


def check(name: str, got: np.ndarray, want: np.ndarray) -> None:
    """Equal to 1e-8 of the largest value. hierarchicalforecast's sparse MinT
    (ols, wls_struct here) solves iteratively with bicgstab(atol=1e-5), so
    element by element it agrees only to that solver's accuracy; its dense
    classes agree to 1e-8 per element (tests/python/test_reconcile.py)."""
    scale = np.abs(want).max()
    err = np.max(np.abs(got - want)) / scale
    elem = np.max(np.abs(got - want) / np.maximum(np.abs(want), 1e-300))
    if err > 1e-8:
        raise SystemExit(f"{name}: results differ ({err:.3g} of the largest value)")
    print(
        f"  {name}: equal (max difference {err:.2g} of the largest value, {elem:.2g} per element)"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--bottom", type=int, default=10_000, help="bottom series for BU/OLS/WLS")
    ap.add_argument(
        "--shrink-bottom", type=int, default=2_000, help="bottom series for MinT shrink"
    )
    args = ap.parse_args()
    try:
        import hierarchicalforecast.methods as hf
    except ImportError:
        hf = None
        print("hierarchicalforecast is not installed: timing okrkit alone, no ratio")

    big = hierarchy(100, args.bottom // 100)
    d = inputs(big, 24, 1)
    print(f"hierarchy: {len(big)} nodes, {big.n_bottom} bottom, horizon {H}")
    for method in ("bottom_up", "ols", "wls_struct"):
        # These methods use no residuals: neither side is given any to copy.
        t_ok, got = best_of(
            args.repeat, lambda: fc.reconcile(d["base"], big, method=method).to_numpy()
        )
        line = f"{method:12s} okrkit {t_ok * 1e3:9.1f} ms"
        if hf is not None:
            S = sparse_s(big)
            rec = hf.BottomUpSparse() if method == "bottom_up" else hf.MinTraceSparse(method=method)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t_hf, ref = best_of(
                    args.repeat, lambda: rec.fit_predict(S=S, y_hat=d["base"])["mean"]
                )
            line += f"   hierarchicalforecast {t_hf * 1e3:9.1f} ms   speed-up {t_hf / t_ok:6.1f}x"
            print(line)
            check(method, got, np.asarray(ref))
        else:
            print(line)

    small = hierarchy(40, args.shrink_bottom // 40)
    d = inputs(small, 36, 2)
    res = d["y"] - d["fitted"]
    print(f"hierarchy: {len(small)} nodes, {small.n_bottom} bottom, 36 residual columns")
    t_ok, got = best_of(
        args.repeat,
        lambda: fc.reconcile(d["base"], small, method="mint_shrink", residuals=res).to_numpy(),
    )
    line = f"{'mint_shrink':12s} okrkit {t_ok * 1e3:9.1f} ms"
    if hf is None:
        print(line)
        return
    S = np.asarray(sparse_s(small).todense())
    rec = hf.MinTrace(method="mint_shrink")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_hf, ref = best_of(
            args.repeat,
            lambda: rec.fit_predict(
                S=S, y_hat=d["base"], y_insample=d["y"], y_hat_insample=d["fitted"]
            )["mean"],
        )
    print(line + f"   hierarchicalforecast {t_hf * 1e3:9.1f} ms   speed-up {t_hf / t_ok:6.1f}x")
    check("mint_shrink", got, np.asarray(ref))
    print(f"ratio={t_hf / t_ok:.2f}")


if __name__ == "__main__":
    main()
