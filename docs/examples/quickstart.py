"""The quick start as a script (type-checked by tests/python/test_mypy.py and
run by tests/python/test_docs_examples.py).

    python docs/examples/quickstart.py [OUTDIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import okrkit
import pandas as pd
from okrkit import bulk

ROOT = Path(__file__).resolve().parents[2]


def main(outdir: Path) -> pd.DataFrame:
    model = okrkit.load_model(str(ROOT / "examples" / "acme.json"))
    data = okrkit.load_measurements(str(ROOT / "examples" / "acme-measurements.csv"))
    sc = okrkit.evaluate(model, data, "2025-05-31", tol=0.1)
    frame = sc.to_frame()
    objectives = frame[frame["kind"] == "objective"]
    print(objectives[["attainment", "expected", "status"]])
    (outdir / "scorecard.html").write_text(sc._repr_html_(), encoding="utf-8")
    history = bulk.evaluate_many(model, data, ["2025-04-30", "2025-05-31"], progress=False)
    scores = okrkit.score_bulk(
        kind="increase", baseline=[0.0, 10.0], target=[10.0, 20.0], value=[5.0, 20.0]
    )
    print(scores.progress)
    return history


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
    main(out)
