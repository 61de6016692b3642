"""HTML views (okrkit.display): structure, escaping, RTL / CJK text."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

import okrkit
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
    assert h.count('role="progressbar"') == int((df["kind"] == "objective").sum()
                                                 + (df["kind"] == "key_result").sum())
    for st in df.loc[df["kind"].isin(["objective", "key_result"]), "status"].unique():
        assert f'background:{display.STATUS_COLOURS[st]}" title="{st}"' in h
    for k in model.kpis:
        assert display._esc(k.name) in h
    assert "Scorecard as of 2025-05-31" in h


def test_rtl_and_cjk_names_are_escaped_and_directional() -> None:
    model = okrkit.Model(
        name="<b>x</b> & co",
        objectives=[okrkit.Objective(id="o1", title="افزایش رضایت مشتری")],
        key_results=[
            okrkit.KeyResult(
                id="k1", objective="o1", title="提高客户满意度 <script>",
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
