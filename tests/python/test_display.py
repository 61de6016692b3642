"""HTML views (okrkit.display): structure, escaping, RTL / CJK text."""

from __future__ import annotations

import re
from pathlib import Path

import okrkit
import pandas as pd
from okrkit import display


def _acme(examples: Path) -> tuple[okrkit.Model, okrkit.Scorecard]:
    model = okrkit.load_model(str(examples / "acme.json"))
    store = okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    return model, okrkit.evaluate(model, store, "2025-05-31")


def test_model_html_lists_objectives_and_krs_in_tree_order(examples: Path) -> None:
    model, _ = _acme(examples)
    h = model._repr_html_()
    assert h.startswith('<div class="okrkit">')
    for o in model.objectives:
        assert display._esc(o.title) in h
    for k in model.key_results:
        assert display._esc(k.title) in h
    # o-company is the root: the aligned objectives come after it, indented.
    company = h.index("Grow a loyal customer base")
    marketing = h.index("Increase brand awareness")
    assert company < marketing
    assert re.search(r'padding-inline-start:42px">Increase brand awareness', h)


def test_scorecard_html_has_bars_statuses_and_kpis(examples: Path) -> None:
    model, sc = _acme(examples)
    h = sc._repr_html_()
    df = sc.to_frame()
    assert h.count('role="progressbar"') == int(
        (df["kind"] == "objective").sum() + (df["kind"] == "key_result").sum()
    )
    for st in df.loc[df["kind"].isin(["objective", "key_result"]), "status"].unique():
        # the badge's tooltip: the status and its reason
        assert f'background:{display.STATUS_COLOURS[st]}" title="{st}: ' in h
    for k in model.kpis:
        assert display._esc(k.name) in h
    assert "Scorecard as of 2025-05-31" in h


def test_rtl_and_cjk_names_are_escaped_and_directional() -> None:
    model = okrkit.Model(
        name="<b>x</b> & co",
        objectives=[okrkit.Objective(id="o1", title="افزایش رضایت مشتری")],
        key_results=[
            okrkit.KeyResult(
                id="k1",
                objective="o1",
                title="提高客户满意度 <script>",
                target=okrkit.Target(kind="increase", baseline=0.0, target=10.0),
            )
        ],
    )
    h = display.model_html(model)
    assert "<script>" not in h and "&lt;script&gt;" in h
    assert "&lt;b&gt;x&lt;/b&gt; &amp; co" in h
    assert '<td dir="auto" style="padding-inline-start:42px">افزایش رضایت مشتری</td>' not in h
    assert re.search(r'<td dir="auto"[^>]*>افزایش رضایت مشتری</td>', h)
    assert re.search(r'<td dir="auto"[^>]*>提高客户满意度 &lt;script&gt;</td>', h)


def test_scorecard_html_without_model_shows_ids(examples: Path) -> None:
    _, sc = _acme(examples)
    h = display.scorecard_html(sc)
    assert ">o-company</td>" in h


def test_forecast_html_has_one_row_per_step() -> None:
    t = pd.DataFrame(
        {"mean": [1.0, 2.0], "lower_80": [0.5, 1.0], "upper_80": [1.5, 3.0]},
        index=pd.RangeIndex(1, 3, name="h"),
    )
    h = display.forecast_html(t, title="سری")
    assert h.count("<tr>") == 3
    assert "80% interval" in h and "0.5 – 1.5" in h
    assert '<h4 dir="auto">سری</h4>' in h


# Australian air passengers 1990-2004 (fpp2 ``ausair``), yearly.
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


def test_forecast_result_html_shows_model_parameters_and_intervals() -> None:
    from okrkit import forecast as fc

    y = pd.Series(_AUSAIR, index=pd.date_range("1990-12-31", periods=15, freq="YE"))
    res = fc.fit(y, model="AAdN")
    h = res._repr_html_()
    assert h.startswith('<div class="okrkit">')
    assert "ETS(A,Ad,N)" in h and "ml fit" in h
    for name in ("alpha", "beta", "phi", "σ²", "AICc"):
        assert f"<th>{name}</th>" in h
    # default horizon 4 (yearly data): 4 forecast rows dated after 2004
    table = res.forecast(4, level=(80, 95))
    for d in ("2005-12-31", "2008-12-31"):
        assert f">{d}</td>" in h
    assert "2009-12-31" not in h
    lo, hi = table["lower_95"].iloc[0], table["upper_95"].iloc[0]
    assert f"{display._fmt(lo)} – {display._fmt(hi)}" in h
    assert "P(value" not in h  # no target attached


def test_forecast_result_html_with_target_shows_probability() -> None:
    from okrkit import forecast as fc

    res = fc.fit(_AUSAIR, model="AAN").with_target(50.0, h=6)
    h = res._repr_html_()
    assert "ETS(A,A,N)" in h and "<th>phi</th>" not in h
    assert h.count(">6</td>") >= 1  # the forecast table runs to h = 6
    p = res.probability_of_reaching(50.0, h=6)
    assert 0.0 < p < 1.0
    assert "P(value ≥ target at h=6)</th>" in h
    assert f'<td class="num">{p:.0%}</td>' in h
    rr = res.required_run_rate(50.0, 6)
    assert f'<td class="num">{display._fmt(rr)}</td>' in h
    low = fc.fit(_AUSAIR, model="AAN").with_target(10.0, h=2, direction="lower")
    assert "P(value ≤ target at h=2)" in low._repr_html_()
