"""Execute every notebook under docs/notebooks/ so the docs cannot rot."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOOKS = sorted((ROOT / "docs" / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", BOOKS, ids=[p.stem for p in BOOKS])
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_notebook_runs(path: Path) -> None:
    nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed")
    pytest.importorskip("ipykernel", reason="ipykernel is not installed")
    pytest.importorskip("matplotlib", reason="matplotlib is not installed")
    book = nbformat.read(path, as_version=4)
    for mod in book.metadata.get("okrkit", {}).get("requires", []):
        if importlib.util.find_spec(mod) is None:
            pytest.skip(f"{path.name} needs {mod}, which this build does not have")
    client = nbclient.NotebookClient(
        book,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    errors = [
        o
        for c in book.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert not errors
    figures = sum(
        "image/png" in o.get("data", {})
        for c in book.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
    assert figures >= 2, f"{path.name}: {figures} figure(s); every notebook shows at least two"


@pytest.mark.parametrize("path", BOOKS, ids=[p.stem for p in BOOKS])
def test_notebook_reads_its_data_from_examples(path: Path) -> None:
    """Models and measurements come from the seeded generator's files under
    examples/scenarios/ (examples/generate_scenarios.py), never from JSON or
    numbers pasted into a cell."""
    book = json.loads(path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in book["cells"] if c["cell_type"] == "code")
    assert "'examples' / 'scenarios'" in code, path.name
    assert "load_model(" in code and "model.json" in code, path.name
    for pasted in ('"okrkit": 1', "'okrkit': 1", "load_model_json", "from_json("):
        assert pasted not in code, f"{path.name}: {pasted}"
