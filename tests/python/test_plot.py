"""okrkit.plot: figure contents (lines, patches, labels), rendered with Agg."""

from __future__ import annotations

import io
import warnings
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
    ax = plot.kpi_series(
        s,
        target=70000.0,
        baseline=50000.0,
        start="2025-04-01",
        due="2025-06-30",
        title="Organic sessions",
    )
    labels = [ln.get_label() for ln in ax.get_lines()]
    assert labels == ["value", "target", "expected progress"]
    assert ax.get_lines()[1].get_ydata()[0] == 70000.0
    exp = ax.get_lines()[2]
    assert list(exp.get_ydata()) == [50000.0, 70000.0]
    assert ax.get_title() == "Organic sessions"
    assert len(ax.get_lines()[0].get_ydata()) == len(s)
    assert _png(ax).startswith(b"\x89PNG")


def test_forecast_fan_has_one_band_per_level() -> None:
    hist = pd.Series(
        [10.0, 11.0, 12.5, 13.0], index=pd.date_range("2025-01-31", periods=4, freq="ME")
    )
    table = pd.DataFrame(
        {
            "mean": [14.0, 15.0],
            "lower_80": [13.0, 13.5],
            "upper_80": [15.0, 16.5],
            "lower_95": [12.0, 12.5],
            "upper_95": [16.0, 17.5],
        },
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
    table = pd.DataFrame(
        {"mean": [4.0], "lower_90": [3.0], "upper_90": [5.0]}, index=pd.RangeIndex(1, 2, name="h")
    )
    ax = plot.forecast([1.0, 2.0, 3.0], table)
    assert list(ax.get_lines()[1].get_xdata()) == [3]


def test_okr_progress_bars_are_coloured_by_status(examples: Path) -> None:
    model, _, sc = _acme(examples)
    ax = plot.okr_progress(sc)
    df = sc.to_frame()
    objs = df[df["kind"] == "objective"]
    bars = ax.patches
    assert len(bars) == len(objs)
    np.testing.assert_allclose(
        [b.get_width() for b in bars], np.nan_to_num(objs["attainment"].to_numpy())
    )
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
    persp = {o.id: o.perspective for o in model.objectives} | {
        k.id: k.perspective for k in model.kpis
    }
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


# --- style, fonts and the review plots (issue 16) ----------------------------


def _has_fonts() -> bool:
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return {"Noto Sans Arabic", "Noto Sans CJK SC"} <= names


def _strict_glyphs() -> warnings.catch_warnings[None]:
    # The module-level mark ignores missing glyphs (and pytest applies module
    # marks after function marks, so a function mark cannot undo it): turn the
    # warning back into an error here, so a box instead of a character fails.
    cm = warnings.catch_warnings()
    cm.__enter__()
    warnings.filterwarnings("error", message="Glyph .* missing from font", category=UserWarning)
    return cm


def test_persian_and_chinese_titles_have_every_glyph() -> None:
    if not _has_fonts():
        pytest.skip(
            "fonts-noto-core / fonts-noto-cjk are not installed (scripts/lib.sh installs them)"
        )
    info = plot.setup(force=True)
    assert info["missing"] == []
    assert info["fonts"][-2:] == ["Noto Sans Arabic", "Noto Sans CJK SC"]
    s = pd.Series([3.0, 4.0, 6.0], index=pd.date_range("2025-04-04", periods=3, freq="W-FRI"))
    cm = _strict_glyphs()
    try:
        ax = plot.kr_burnup(
            s,
            target=10.0,
            baseline=0.0,
            start="2025-04-01",
            due="2025-06-30",
            title="فروش ماهانه (میلیون ریال) — 季度销售额",
            unit="万元 / ریال",
        )
        ax.set_xlabel("گزارش پژوهش ۱۴۰۴ — 华东区")
        _png(ax)  # the glyphs are looked up when the text is drawn
    finally:
        cm.__exit__(None, None, None)


def test_the_glyph_check_catches_a_font_without_the_glyphs(monkeypatch: pytest.MonkeyPatch) -> None:
    # The check above is live: with DejaVu Sans alone (no CJK), drawing fails.
    monkeypatch.setattr(plot, "FONT_FALLBACK", ("DejaVu Sans",))
    try:
        plot.setup(force=True)
        ax = plot.kpi_series(
            pd.Series([1.0, 2.0], index=pd.date_range("2025-01-01", periods=2)), title="季度销售额"
        )
        cm = _strict_glyphs()
        try:
            with pytest.raises(UserWarning, match="missing from font"):
                _png(ax)
        finally:
            cm.__exit__(None, None, None)
    finally:
        monkeypatch.undo()
        plot.setup(force=True)


def test_rtl_text_is_laid_out_by_matplotlib_or_reordered() -> None:
    from matplotlib import ft2font

    title = "فروش"
    ax = plot.kpi_series(
        pd.Series([1.0, 2.0], index=pd.date_range("2025-01-01", periods=2)), title=title
    )
    if getattr(ft2font, "__libraqm_version__", None):
        # libraqm shapes and orders it: the text goes to matplotlib unchanged.
        assert ax.get_title() == title
        assert plot.setup()["rtl"] == "libraqm"
    else:  # pragma: no cover - older matplotlib
        pytest.importorskip("bidi")
        # visual order: the last logical letter (ش, shaped final form) comes first
        assert ax.get_title() != title


def test_figures_use_constrained_layout_and_the_palette() -> None:
    ax = plot.kpi_series(
        pd.Series([1.0, 2.0], index=pd.date_range("2025-01-01", periods=2)), target=3.0
    )
    assert type(ax.figure.get_layout_engine()).__name__ == "ConstrainedLayoutEngine"
    assert ax.get_lines()[0].get_color() == plot.PALETTE[0]
    # Okabe-Ito, in their published order (Okabe & Ito 2008)
    assert plot.PALETTE[:3] == ("#0072B2", "#E69F00", "#009E73")


def test_long_labels_are_not_clipped(examples: Path) -> None:
    # Every tick label and the title lie inside the saved figure.
    _, _, sc = _acme(examples)
    ax = plot.okr_progress(sc, title="a long title " * 4)
    fig = ax.figure
    fig.canvas.draw()
    box = fig.bbox
    for t in [ax.title, *ax.get_yticklabels()]:
        bb = t.get_window_extent()
        assert bb.x0 >= box.x0 - 1 and bb.x1 <= box.x1 + 1, t.get_text()


def test_kr_burnup_lines_and_fan() -> None:
    actual = pd.Series(
        [0.0, 10.0, 25.0, 35.0], index=pd.date_range("2025-04-04", periods=4, freq="W-FRI")
    )
    fc_index = pd.date_range("2025-05-02", periods=2, freq="W-FRI")
    table = pd.DataFrame(
        {"mean": [45.0, 55.0], "lower_80": [40.0, 47.0], "upper_80": [50.0, 63.0]}, index=fc_index
    )
    ax = plot.kr_burnup(
        actual,
        target=100.0,
        baseline=0.0,
        start="2025-04-01",
        due="2025-06-30",
        plan={"2025-04-01": 0.0, "2025-05-01": 20.0, "2025-06-30": 100.0},
        forecast=table,
    )
    labels = [ln.get_label() for ln in ax.get_lines()]
    assert labels[:4] == ["actual", "expected", "plan", "forecast"]
    assert "target" in labels
    fc_line = ax.get_lines()[3]
    # joined to the last actual value (35 on 2025-04-25), then the two forecast means
    np.testing.assert_allclose(fc_line.get_ydata(), [35.0, 45.0, 55.0])
    expected = ax.get_lines()[1]
    assert list(expected.get_ydata()) == [0.0, 100.0]
    assert [c.get_label() for c in ax.collections] == ["80% interval"]
    _png(ax)


def test_kr_burnup_reads_an_okrkit_plan() -> None:
    plan = okrkit.Plan(
        points=[
            okrkit.PlanPoint(date=pd.Timestamp("2025-05-01").date(), fraction=0.25),
            okrkit.PlanPoint(date=pd.Timestamp("2025-06-30").date(), fraction=1.0),
        ]
    )
    actual = pd.Series([5.0], index=pd.DatetimeIndex(["2025-04-15"]))
    ax = plot.kr_burnup(actual, target=200.0, baseline=100.0, start="2025-04-01", plan=plan)
    planned = ax.get_lines()[1]
    assert planned.get_label() == "plan"
    # baseline 100 + fraction × (200 − 100): 100 at the start, 125, 200
    assert list(planned.get_ydata()) == [100.0, 125.0, 200.0]
    with pytest.raises(ValueError, match="baseline"):
        plot.kr_burnup(actual, target=200.0, plan=plan)


def test_objective_tree_boxes_are_coloured_by_status(examples: Path) -> None:
    model, _, sc = _acme(examples)
    ax = plot.objective_tree(sc)
    df = sc.to_frame()
    boxes = {t.get_text().split("\n")[0]: t for t in ax.texts}
    n_obj, n_kr = len(model.objectives), len(model.key_results)
    assert len(ax.texts) == n_obj + n_kr
    for o in model.objectives:
        row = df[(df.index == o.id) & (df.kind == "objective")].iloc[0]
        box = [t for t in ax.texts if t.get_text().replace("\n", " ").startswith(o.title[:20])][0]
        assert box.get_bbox_patch().get_facecolor() == mpl.colors.to_rgba(
            display.STATUS_COLOURS[row["status"]]
        )
        assert box.get_text().endswith(f"{row['attainment']:.0%}")
    assert boxes  # drawn
    _png(ax)


def test_control_chart_marks_the_xmr_signals() -> None:
    # 10 points around 10, then 8 points at 13: the run rule flags the last
    # run of 8 above the centre; hand check of the limits from okrkit.trend.xmr.
    y = np.r_[[10.0, 11.0, 9.0, 10.0, 10.5, 9.5, 10.0, 11.0, 9.0, 10.0], [13.0] * 8]
    ax = plot.control_chart(y)
    r = okrkit.trend.xmr(y)
    centre = y.mean()
    assert r.centre == pytest.approx(centre)
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    assert lines["centre"].get_ydata()[0] == pytest.approx(centre)
    assert lines["limits"].get_ydata()[0] == pytest.approx(centre + 2.66 * r.mean_moving_range)
    flagged = {c.get_label(): c.get_offsets() for c in ax.collections}
    assert "run of 8 on one side" in flagged
    assert sorted(flagged["run of 8 on one side"][:, 0]) == list(r.one_side_run)
    assert list(range(10, 18)) == [i for i in r.one_side_run if i >= 10]
    _png(ax)


def test_calibration_moves_calibrated_raters_to_zero() -> None:
    raters = pd.DataFrame(
        {
            "cycle": ["c"] * 3,
            "rater": ["a", "b", "s"],
            "ratings": [10, 10, 5],
            "people": [5, 5, 1],
            "mean": [4.0, 2.5, 5.0],
            "sd": [0.5, 0.5, 0.0],
            "treatment": ["z_score", "mean_centre", "raw: rated 1 person"],
        }
    )
    ax = plot.calibration(raters)
    before, after = ax.collections[1], ax.collections[2]
    assert before.get_label() == "before" and after.get_label() == "after"
    # sorted by leniency: b (−0.5), a (+1.0), s (+2.0; raw, keeps it)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["b", "a", "s"]
    np.testing.assert_allclose(before.get_offsets()[:, 0], [-0.5, 1.0, 2.0])
    np.testing.assert_allclose(after.get_offsets()[:, 0], [0.0, 0.0, 2.0])
    _png(ax)
