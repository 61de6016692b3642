from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def examples() -> Path:
    """The repository's examples/ folder (bundled example model and data)."""
    return ROOT / "examples"
