"""Render the HTML repr and the CLI report in headless Chromium: the objectives
and statuses are shown, and no text overflows its box.

A small script appended to the page measures every text element after layout
(scrollWidth vs clientWidth, and children sticking out of their cell) and
writes the result into the DOM, which ``--dump-dom`` prints.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import okrkit
import pytest

ROOT = Path(__file__).resolve().parents[2]

_BROWSER = next(
    (b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None
)
pytestmark = pytest.mark.skipif(_BROWSER is None, reason="headless Chromium is not installed")

# The browser is not ours: under `./scripts/test --sanitize` the interpreter
# runs with the ASan runtime preloaded, which Chromium must not inherit.
_BROWSER_ENV = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}

_PROBE = """
<script>
window.addEventListener('load', () => {
  const bad = [];
  for (const el of document.querySelectorAll('td, th, h1, h2, h4, .badge')) {
    if (el.scrollWidth > el.clientWidth + 1) bad.push(el.tagName + ':' + el.textContent.slice(0, 40));
    const r = el.getBoundingClientRect();
    for (const c of el.children) {
      const q = c.getBoundingClientRect();
      if (q.width && (q.left < r.left - 1 || q.right > r.right + 1))
        bad.push('child of ' + el.tagName + ':' + el.textContent.slice(0, 40));
    }
  }
  const statuses = [...document.querySelectorAll('.badge')].map(b => b.textContent);
  const out = document.createElement('pre');
  out.id = 'okrkit-probe';
  out.textContent = JSON.stringify({overflow: bad, statuses: statuses});
  document.body.appendChild(out);
});
</script>
"""


def _render(html: str, tmp_path: Path, width: int) -> tuple[str, dict[str, list[str]]]:
    page = tmp_path / "page.html"
    if "</body>" in html:
        html = html.replace("</body>", _PROBE + "</body>")
    else:
        html = (
            "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
            + html
            + _PROBE
            + "</body></html>"
        )
    page.write_text(html, encoding="utf-8")
    assert _BROWSER is not None
    r = subprocess.run(
        [
            _BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            f"--window-size={width},900",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        env=_BROWSER_ENV,
    )
    m = re.search(r'<pre id="okrkit-probe">(.*?)</pre>', r.stdout, re.S)
    assert m, r.stderr[-2000:]
    probe = json.loads(
        m.group(1)
        .replace("&quot;", '"')
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
    )
    return r.stdout, probe


def _acme() -> tuple[okrkit.Model, okrkit.Scorecard]:
    model = okrkit.load_model(str(ROOT / "examples" / "acme.json"))
    data = okrkit.load_measurements(str(ROOT / "examples" / "acme-measurements.csv"))
    return model, okrkit.evaluate(model, data, "2025-05-31")


@pytest.mark.parametrize("width", [1200, 480])
def test_scorecard_repr_renders_without_overflow(tmp_path: Path, width: int) -> None:
    model, sc = _acme()
    dom, probe = _render(sc._repr_html_(), tmp_path, width)
    for o in model.objectives:
        assert o.title in dom
    df = sc.to_frame()
    tree = df[df["kind"].isin(["objective", "key_result"])]
    # one badge per tree row, in tree order, then one health badge per KPI
    assert sorted(probe["statuses"][: len(tree)]) == sorted(
        s.replace("_", " ") for s in tree["status"].astype(str)
    )
    assert probe["statuses"][len(tree) :] == [
        h for h in df.loc[df["kind"] == "kpi", "health"].astype(str)
    ]
    assert probe["overflow"] == []


def test_model_repr_renders_without_overflow(tmp_path: Path) -> None:
    model, _ = _acme()
    dom, probe = _render(model._repr_html_(), tmp_path, 700)
    for k in model.key_results:
        assert k.title in dom
    assert probe["overflow"] == []


def test_cli_report_renders_without_overflow(tmp_path: Path) -> None:
    cli = shutil.which("okrkit") or next(
        (str(p) for p in (ROOT / "build" / "cpp" / "okrkit",) if p.exists()), None
    )
    if cli is None:
        pytest.skip("the okrkit CLI is not built")
    out = tmp_path / "report.html"
    r = subprocess.run(
        [
            cli,
            "report",
            str(ROOT / "examples" / "acme.json"),
            "--data",
            str(ROOT / "examples" / "acme-measurements.csv"),
            "--as-of",
            "2025-05-31",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    model, sc = _acme()
    dom, probe = _render(out.read_text(encoding="utf-8"), tmp_path, 1000)
    for o in model.objectives:
        assert o.title in dom
    objs = sc.to_frame()
    objs = objs[objs["kind"] == "objective"]
    for st in objs["status"].astype(str):
        assert st.replace("_", " ") in probe["statuses"]
    assert probe["overflow"] == []


@pytest.mark.parametrize("width", [900, 360])
def test_forecast_repr_renders_without_overflow(tmp_path: Path, width: int) -> None:
    import pandas as pd
    from okrkit import forecast as fc

    # monthly weekly-active users (the product scenario's notebook series)
    y = pd.Series(
        [12100.0, 12900, 13200, 13650, 14800, 15050, 15900, 16450],
        index=pd.date_range("2025-01-31", periods=8, freq="ME"),
    )
    res = fc.fit(y, model="AAN").with_target(20000.0, h=4)
    dom, probe = _render(res._repr_html_(), tmp_path, width)
    assert "ETS(A,A,N)" in dom and "2025-12-31" in dom and "P(value ≥ target at h=4)" in dom
    assert probe["overflow"] == []


def test_cli_review_html_renders(tmp_path: Path) -> None:
    # `okrkit review --format html`: the page loads with no console message
    # (no script, no external resource), one burn-up SVG per objective of the
    # cycle, a title with markup shown as text, and no text overflowing.
    cli = os.environ.get("OKRKIT_CLI") or shutil.which("okrkit")
    if cli is None:
        pytest.skip("the okrkit CLI is not built")
    model = json.loads((ROOT / "examples" / "acme.json").read_text(encoding="utf-8"))
    model["name"] = "<script>alert('x')</script> Acme"
    model["objectives"][0]["title"] = "<img src=x onerror=alert(1)> & growth"
    (tmp_path / "m.json").write_text(json.dumps(model), encoding="utf-8")
    out = tmp_path / "review.html"
    r = subprocess.run(
        [
            cli,
            "review",
            str(tmp_path / "m.json"),
            "--data",
            str(ROOT / "examples" / "acme-measurements.csv"),
            "--cycle",
            "q2-2025",
            "--from",
            "2025-04-01",
            "--to",
            "2025-05-31",
            "--format",
            "html",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html

    # Console messages (errors, blocked resources) as Chromium logs them.
    page = tmp_path / "plain.html"
    page.write_text(html, encoding="utf-8")
    assert _BROWSER is not None
    run = subprocess.run(
        [
            _BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        env=_BROWSER_ENV,
    )
    assert "<svg" in run.stdout
    assert [line for line in run.stderr.splitlines() if "CONSOLE" in line] == []

    dom, probe = _render(html, tmp_path, 1100)
    in_cycle = [o for o in model["objectives"] if o.get("cycle") == "q2-2025"]
    assert in_cycle
    assert dom.count('class="burnup"') == len(in_cycle)
    # the markup in the names is text on the page
    assert "&lt;script&gt;alert('x')&lt;/script&gt; Acme" in dom
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; growth" in dom
    assert probe["overflow"] == []
