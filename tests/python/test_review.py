"""okrkit.review(): what changed in a cycle between two dates
(docs/history-review.md, "Review"), and `okrkit review` on the command line.

The model is the one of tests/cpp/review/test_review.cpp, worked by hand
there and repeated here. Cycle q2 runs 2025-04-01 .. 2025-06-30 (90 days
from start to end); the window 2025-04-15 .. 2025-05-16 expects 14/90 at
the start and 45/90 = 0.5 at the end. Key results go 0 -> 100:

- k1: check-ins 04-10 = 20, 05-10 = 60: 0.2 -> 0.6 (up 0.4);
- k2: series s2 on 04-01 and 04-14 = 50: 0.5 both; nothing in the window,
  so it is stale (last update 2025-04-14);
- k3: check-ins 04-01 = 40, 05-01 = 10: 0.4 -> 0.1 (down 0.3); on_track ->
  off_track (0.1 < 0.5 - 2 * 0.1);
- k4: check-in 04-01 = 30, achieved on 05-01 with final score 1: 0.3 -> 1.0
  (up 0.7), status done, closed in the window;
- KPI kp (target 100, default thresholds 0.9 / 0.7): April 95 -> green,
  May 50 -> red (down 0.45): a red-KPI risk.

Objective o: (0.2+0.5+0.4+0.3)/4 = 0.35 -> (0.6+0.5+0.1+1.0)/4 = 0.55,
which is also the cycle score.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import okrkit
import pandas as pd
import pytest

MODEL = {
    "okrkit": 1,
    "name": "Acme",
    "units": [{"id": "acme", "name": "Acme"}],
    "cycles": [{"id": "q2", "start": "2025-04-01", "end": "2025-06-30"}],
    "objectives": [{"id": "o", "title": "Grow", "unit": "acme", "cycle": "q2"}],
    "key_results": [
        {
            "id": "k1",
            "objective": "o",
            "title": "KR k1",
            "kind": "increase",
            "baseline": 0,
            "target": 100,
            "checkins": [{"date": "2025-04-10", "value": 20}, {"date": "2025-05-10", "value": 60}],
        },
        {
            "id": "k2",
            "objective": "o",
            "title": "KR k2",
            "kind": "increase",
            "baseline": 0,
            "target": 100,
            "series": "s2",
        },
        {
            "id": "k3",
            "objective": "o",
            "title": "KR k3",
            "kind": "increase",
            "baseline": 0,
            "target": 100,
            "checkins": [{"date": "2025-04-01", "value": 40}, {"date": "2025-05-01", "value": 10}],
        },
        {
            "id": "k4",
            "objective": "o",
            "title": "KR k4",
            "kind": "increase",
            "baseline": 0,
            "target": 100,
            "checkins": [{"date": "2025-04-01", "value": 30}],
            "state": "achieved",
            "closed_on": "2025-05-01",
            "final_score": 1,
            "note": "shipped early",
        },
    ],
    "kpis": [
        {
            "id": "kp",
            "name": "Uptime",
            "unit": "acme",
            "series": "kps",
            "kind": "increase",
            "baseline": 0,
            "target": 100,
        }
    ],
}
DATA = (
    "series,date,value\ns2,2025-04-01,50\ns2,2025-04-14,50\nkps,2025-04-10,95\nkps,2025-05-10,50\n"
)


def _inputs(title: str = "Grow") -> tuple[okrkit.Model, okrkit.SeriesStore]:
    m = json.loads(json.dumps(MODEL))
    m["objectives"][0]["title"] = title
    return okrkit.parse_model(json.dumps(m), "m.json"), okrkit.parse_measurements(DATA, "d.csv")


def test_review_frames_worked_by_hand() -> None:
    model, data = _inputs()
    r = okrkit.review(model, data, start="2025-04-15", end="2025-05-16", outlook=False)
    assert isinstance(r, okrkit.Review)
    assert r.cycle == "q2"
    assert str(r.start) == "2025-04-15" and str(r.end) == "2025-05-16"

    cyc = r.cycles
    assert list(cyc["cycle"]) == ["q2"]
    assert cyc["before"].iloc[0] == pytest.approx(0.35)
    assert cyc["after"].iloc[0] == pytest.approx(0.55)

    mv = r.movers
    assert list(mv.columns[:4]) == ["node", "kind", "title", "direction"]
    up = mv[mv["direction"] == "up"]
    down = mv[mv["direction"] == "down"]
    assert list(up["node"]) == ["k4", "k1", "o"]
    assert list(up["delta"]) == pytest.approx([0.7, 0.4, 0.2])
    assert list(down["node"]) == ["kp", "k3"]
    assert list(down["delta"]) == pytest.approx([-0.45, -0.3])
    assert list(
        okrkit.review(model, data, start="2025-04-15", end="2025-05-16", top=1).movers["node"]
    ) == [
        "k4",
        "kp",
    ]

    ch = r.changes.set_index(["node", "field"])
    assert tuple(ch.loc[("k3", "status"), ["before", "after"]]) == ("on_track", "off_track")
    assert tuple(ch.loc[("k4", "status"), ["before", "after"]]) == ("on_track", "done")
    assert tuple(ch.loc[("kp", "health"), ["before", "after"]]) == ("green", "red")
    # Health follows the same steps (docs/lifecycle.md "Health"): k3's computed
    # pace, k4's closed state, kp's status its thresholds' band.
    assert tuple(ch.loc[("k3", "health"), ["before", "after"]]) == ("on_track", "off_track")
    assert tuple(ch.loc[("k4", "health"), ["before", "after"]]) == ("on_track", "achieved")
    assert ch.loc[("kp", "status"), "after"] == "off_track"
    assert len(ch) == 6
    assert ("k1", "status") not in ch.index

    rk = r.risks
    assert list(rk["node"]) == ["kp"] and list(rk["risk"]) == ["red_kpi"]

    st = r.stale
    assert list(st["node"]) == ["k2"]
    assert st["last_update"].iloc[0] == pd.Timestamp("2025-04-14")
    assert st["reason"].iloc[0] == (
        "no check-in and no measurement of series 's2' from 2025-04-15 to 2025-05-16; "
        "last update 2025-04-14"
    )

    cl = r.closed
    assert list(cl["node"]) == ["k4"]
    assert cl["state"].iloc[0] == "achieved"
    assert cl["closed_on"].iloc[0] == pd.Timestamp("2025-05-01")
    assert cl["final_score"].iloc[0] == 1.0
    assert cl["note"].iloc[0] == "shipped early"

    # Burn-up of o: 0.35 until 05-01 (k3 falls, k4 closes): 05-06 = 0.45; k1's
    # 05-10 check-in: 05-13 and 05-16 = 0.55.
    b = r.burnups
    assert list(b["date"].dt.strftime("%m-%d")) == [
        "04-15",
        "04-22",
        "04-29",
        "05-06",
        "05-13",
        "05-16",
    ]
    assert list(b["actual"]) == pytest.approx([0.35, 0.35, 0.35, 0.45, 0.55, 0.55])
    assert b["expected"].iloc[0] == pytest.approx(14 / 90)

    # The two ends are scorecards.
    assert r.before.node("o")["attainment"] == pytest.approx(0.35)
    assert r.after.node("o")["attainment"] == pytest.approx(0.55)


def test_review_outputs_and_repr() -> None:
    model, data = _inputs("<script>alert(1)</script>")
    r = okrkit.review(model, data, start="2025-04-15", end="2025-05-16", outlook=False)
    assert repr(r) == (
        "<okrkit Review of cycle q2 2025-04-15..2025-05-16: 6 changes, 3 movers up, 2 down, "
        "1 risks, 1 stale, 1 closed>"
    )
    assert json.loads(r.to_json())["stale"][0]["last_update"] == "2025-04-14"
    assert "### Stale key results" in r.to_markdown()
    assert str(r).startswith("review of cycle q2, 2025-04-15 to 2025-05-16")
    for html in (r.to_html(), r._repr_html_()):
        assert "<script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert html.count('class="burnup"') == 1
    assert r._repr_html_().startswith('<div class="okrkit-review"><style>')


def test_review_empty_frames_keep_their_columns() -> None:
    model, data = _inputs()
    r = okrkit.review(model, data, start="2025-04-15", end="2025-04-15", outlook=False)
    assert r.changes.empty and list(r.changes.columns) == [
        "node",
        "kind",
        "title",
        "field",
        "before",
        "after",
        "reason",
    ]
    assert r.movers.empty and r.closed.empty and r.risks.empty
    assert r.stale["node"].tolist() == ["k1", "k2", "k3", "k4"]  # nothing dated 04-15 itself


def test_review_errors_name_the_keywords() -> None:
    model, data = _inputs()
    with pytest.raises(
        okrkit.DomainError,
        match=r"^review: start 2025-05-16 is after end 2025-04-15; give a start on or before end$",
    ):
        okrkit.review(model, data, start="2025-05-16", end="2025-04-15")
    with pytest.raises(okrkit.DomainError, match=r"\(cycle=\) in the model; give one of: q2"):
        okrkit.review(model, data, start="2025-04-15", end="2025-05-16", cycle="q3")
    with pytest.raises(okrkit.DomainError, match=r"risk_threshold 1.5 is not a probability"):
        okrkit.review(model, data, start="2025-04-15", end="2025-05-16", risk_threshold=1.5)
    with pytest.raises(TypeError, match="not scoring options"):
        okrkit.review(model, data, start="2025-04-15", end="2025-05-16", strict=True)
    with pytest.raises(TypeError, match="top="):
        okrkit.review(model, data, start="2025-04-15", end="2025-05-16", top=-1)


def _cli() -> str:
    cli = os.environ.get("OKRKIT_CLI") or shutil.which("okrkit")
    if not cli:
        pytest.skip("the okrkit CLI is not built")
    return cli


def test_cli_review(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text(json.dumps(MODEL), encoding="utf-8")
    (tmp_path / "d.csv").write_text(DATA, encoding="utf-8")
    base = [_cli(), "review", str(tmp_path / "m.json"), "--data", str(tmp_path / "d.csv")]
    window = ["--from", "2025-04-15", "--to", "2025-05-16", "--no-forecast"]
    r = subprocess.run(base + window, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("review of cycle q2, 2025-04-15 to 2025-05-16\n")
    assert "cycle q2: score 0.35 -> 0.55 (+0.20)" in r.stdout
    r = subprocess.run(
        base + window + ["--format", "json", "--top", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    j = json.loads(r.stdout)
    assert [(m["node"], m["direction"]) for m in j["movers"]] == [("k4", "up"), ("kp", "down")]
    out = tmp_path / "review.html"
    r = subprocess.run(
        base + window + ["--format", "html", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").count('class="burnup"') == 1
    # A bad window is a usage error naming the options.
    r = subprocess.run(
        base + ["--from", "2025-05-16", "--to", "2025-04-15"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
    assert (
        "okrkit review: --from 2025-05-16 is after --to 2025-04-15; give a --from on or before --to"
        in r.stderr
    )
