"""okrkit.forecast.hierarchy_from_model and the scorecard's reconcile / p_success
options (docs/forecast.md); the C++ side is tested in
tests/cpp/forecast/test_model_hierarchy.cpp and tests/cpp/scoring/test_p_success.cpp."""

from __future__ import annotations

import math
from pathlib import Path

import okrkit
import pytest
from okrkit import forecast as fc

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme.json"


def test_hierarchy_from_the_bundled_model() -> None:
    m = okrkit.load_model(str(EXAMPLE))
    reach = okrkit.Kpi(id="kpi-reach", name="Reach", unit="marketing")
    reach.sum_of = ["kpi-organic-sessions", "kpi-followers"]
    m.kpis.append(reach)
    h = fc.hierarchy_from_model(m)
    assert list(h.nodes) == ["kpi-reach", "kpi-organic-sessions", "kpi-followers"]
    # S by hand: reach = sessions + followers; then the identity
    S = h.summing_matrix().to_numpy()
    assert S.tolist() == [[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]]
    assert h.parents.tolist() == [None, "kpi-reach", "kpi-reach"]


def test_unknown_child_names_the_node_and_field() -> None:
    m = okrkit.load_model(str(EXAMPLE))
    bad = okrkit.Kpi(id="kpi-bad", name="Bad", unit="marketing")
    bad.sum_of = ["kpi-nowhere"]
    m.kpis.append(bad)
    with pytest.raises(
        okrkit.ValidationError, match=r"kpi-bad.*sum_of\[0\].*unknown KPI 'kpi-nowhere'"
    ):
        fc.hierarchy_from_model(m)


def test_p_success_column_and_options() -> None:
    m = okrkit.load_model(str(EXAMPLE))
    data = okrkit.load_measurements(str(EXAMPLE.with_name("acme-measurements.csv")))
    card = okrkit.evaluate(m, data, "2025-05-31", outlook=True, seed=3, outlook_draws=500)
    frame = card.to_frame()
    assert "p_success" in frame.columns
    obj = frame[frame["kind"] == "objective"]["p_success"]
    assert obj.notna().any()
    assert ((obj.dropna() >= 0) & (obj.dropna() <= 1)).all()
    again = okrkit.evaluate(
        m, data, "2025-05-31", outlook=True, seed=3, outlook_draws=500, threads=4
    )
    a, b = obj.to_numpy(), again.to_frame().loc[obj.index, "p_success"].to_numpy()
    assert all((math.isnan(x) and math.isnan(y)) or x == y for x, y in zip(a, b, strict=True))
    assert "P(success)" in card.format_table()
    with pytest.raises(Exception, match="reconcil"):
        okrkit.evaluate(m, data, "2025-05-31", outlook=True, reconcile="magic")


@pytest.mark.parametrize(
    "method",
    [
        "bottom_up",
        "ols",
        "wls_struct",
        "average_proportions",
        "proportion_averages",
        "forecast_proportions",
        "wls_var",
        "mint_cov",
        "mint_shrink",
    ],
)
def test_every_reconcile_method_in_the_scorecard(method: str) -> None:
    # The bundled model with a "reach" KPI summing sessions and followers
    # (docs/forecast.md): every method gives coherent projections, and the
    # p_success draws stay the same on any number of threads.
    m = okrkit.load_model(str(EXAMPLE))
    reach = okrkit.Kpi(id="kpi-reach", name="Reach", unit="marketing")
    reach.sum_of = ["kpi-organic-sessions", "kpi-followers"]
    m.kpis.append(reach)
    data = okrkit.load_measurements(str(EXAMPLE.with_name("acme-measurements.csv")))
    kw = dict(outlook=True, reconcile=method, seed=5, outlook_draws=400)
    card = okrkit.evaluate(m, data, "2025-05-31", **kw)  # type: ignore[arg-type]
    frame = card.to_frame()
    diags = card.diagnostics
    assert "no-reconcile" not in set(diags["code"]), diags["message"].tolist()
    assert (diags["code"] == "reconciled").sum() == 3
    pv = frame["projected_value"]
    total = pv["kpi-reach"]
    assert abs(total - pv["kpi-organic-sessions"] - pv["kpi-followers"]) <= 1e-10 * abs(total)
    again = okrkit.evaluate(m, data, "2025-05-31", threads=3, **kw)  # type: ignore[arg-type]
    a = frame["p_success"].to_numpy()
    b = again.to_frame().loc[frame.index, "p_success"].to_numpy()
    assert all((math.isnan(x) and math.isnan(y)) or x == y for x, y in zip(a, b, strict=True))
