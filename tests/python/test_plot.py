"""okrkit.plot: figure contents (lines, patches, labels), rendered with Agg."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

mpl = pytest.importorskip("matplotlib", reason="matplotlib is not installed")
mpl.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import okrkit  # noqa: E402
from okrkit import display, plot  # noqa: E402

# DejaVu has no Persian / Chinese glyphs: the example's unit names would warn.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font:UserWarning")


@pytest.fixture(autouse=True)
def _close() -> object:
    yield None
    plt.close("all")


def _png(ax: object) -> bytes:
    buf = io.BytesIO()
    ax.figure.savefig(buf, format="png")  # type: ignore[attr-defined]
    return buf.getvalue()


def _acme(examples: Path) -> tuple[okrkit.Model, okrkit.SeriesStore, okrkit.Scorecard]:
    model = okrkit.load_model(str(examples / "acme.json"))
    store = okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    return model, store, okrkit.evaluate(model, store, "2025-05-31")


def test_kpi_series_has_value_target_and_expected_lines(examples: Path) -> None:
    _, store, _ = _acme(examples)
    s = plot.series_from_store(store, "organic_sessions")
    ax = plot.kpi_series(s, target=70000.0, baseline=50000.0, start="2025-04-01",
                         due="2025-06-30", title="Organic sessions")
    labels = [ln.get_label() for ln in ax.get_lines()]
    assert labels == ["value", "target", "expected progress"]
    assert ax.get_lines()[1].get_ydata()[0] == 70000.0
    exp = ax.get_lines()[2]
    assert list(exp.get_ydata()) == [50000.0, 70000.0]
    assert ax.get_title() == "Organic sessions"
    assert len(ax.get_lines()[0].get_ydata()) == len(s)
    assert _png(ax).startswith(b"\x89PNG")


def test_forecast_fan_has_one_band_per_level() -> None:
    hist = pd.Series([10.0, 11.0, 12.5, 13.0], index=pd.date_range("2025-01-31", periods=4, freq="ME"))
    table = pd.DataFrame(
        {"mean": [14.0, 15.0], "lower_80": [13.0, 13.5], "upper_80": [15.0, 16.5],
         "lower_95": [12.0, 12.5], "upper_95": [16.0, 17.5]},
        index=pd.date_range("2025-05-31", periods=2, freq="ME"),
    )
    ax = plot.forecast(hist, table, target=16.0)
    fills = [c for c in ax.collections if c.get_label().endswith("interval")]
    assert [c.get_label() for c in fills] == ["95% interval", "80% interval"]
    labels = [ln.get_label() for ln in ax.get_lines()]
    assert labels == ["observed", "forecast", "target"]
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), [14.0, 15.0])
    _png(ax)


def test_forecast_positions_without_dates() -> None:
    table = pd.DataFrame({"mean": [4.0], "lower_90": [3.0], "upper_90": [5.0]},
                         index=pd.RangeIndex(1, 2, name="h"))
    ax = plot.forecast([1.0, 2.0, 3.0], table)
    assert list(ax.get_lines()[1].get_xdata()) == [3]


def test_okr_progress_bars_are_coloured_by_status(examples: Path) -> None:
    model, _, sc = _acme(examples)
    ax = plot.okr_progress(sc)
    df = sc.to_frame()
    objs = df[df["kind"] == "objective"]
    bars = ax.patches
    assert len(bars) == len(objs)
    np.testing.assert_allclose([b.get_width() for b in bars], np.nan_to_num(objs["attainment"].to_numpy()))
    want = [mpl.colors.to_rgba(display.STATUS_COLOURS[s]) for s in objs["status"]]
    assert [b.get_facecolor() for b in bars] == want
    titles = {o.id: o.title for o in model.objectives}
    assert [t.get_text() for t in ax.get_yticklabels()] == [titles[i] for i in objs.index]
    _png(ax)


def test_heatmap_by_unit_and_perspective(examples: Path) -> None:
    model, _, sc = _acme(examples)
    ax = plot.heatmap(sc)
    images = ax.get_images()
    assert len(images) == 1
    data = images[0].get_array()
    assert data.shape[1] == len(model.perspectives)
    assert [t.get_text() for t in ax.get_xticklabels()] == [p.name for p in model.perspectives]
    # Hand check: the marketing unit's customer cell is the mean score of its
    # objectives and KPIs in the customer perspective.
    df = sc.to_frame()
    persp = {o.id: o.perspective for o in model.objectives} | {k.id: k.perspective for k in model.kpis}
    sel = [i for i in df.index if persp.get(i) == "customer" and df.loc[i, "unit"] == "marketing"]
    units = [t.get_text() for t in ax.get_yticklabels()]
    row = units.index("Marketing")
    col = [p.id for p in model.perspectives].index("customer")
    assert data[row, col] == pytest.approx(float(np.nanmean(df.loc[sel, "attainment"])))
    _png(ax)


def test_heatmap_needs_a_model(examples: Path) -> None:
    _, _, sc = _acme(examples)
    sc.model = None
    with pytest.raises(ValueError, match="model"):
        plot.heatmap(sc)
