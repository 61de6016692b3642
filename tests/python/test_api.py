"""`import okrkit` gives the whole public API of every module."""

from __future__ import annotations

import importlib

import okrkit


def test_every_module_all_is_exported_at_top_level() -> None:
    for name in ("scoring", "periods", "formulas", "trend"):
        mod = importlib.import_module(f"okrkit.{name}")
        for attr in mod.__all__:
            assert getattr(okrkit, attr) is getattr(mod, attr), (name, attr)
            assert attr in okrkit.__all__


def test_all_names_exist() -> None:
    for attr in okrkit.__all__:
        assert hasattr(okrkit, attr), attr


def test_top_level_workflow(examples: object) -> None:
    from pathlib import Path

    ex = Path(str(examples))
    model = okrkit.load_model(str(ex / "acme.json"))
    store = okrkit.load_measurements(str(ex / "acme-measurements.csv"))
    sc = okrkit.evaluate(model, store, "2025-05-31")
    assert isinstance(sc, okrkit.Scorecard)
    assert sc.model is model
    assert "okrkit.Scorecard" in repr(sc)
    assert callable(model._repr_html_)
