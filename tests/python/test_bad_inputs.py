"""The bad-inputs catalogue (tests/bad_inputs/catalogue.json) seen from Python.

The C++ test (tests/cpp/integration/test_bad_inputs.cpp) checks every case's exact
outcome; here each case reachable from Python must raise the same exception
class (mapped to okrkit's ValueError subclasses) with the same message, or
load fine when the catalogue says it does.
"""

from __future__ import annotations

import json
from pathlib import Path

import okrkit
import pytest
from okrkit import _core

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "tests" / "bad_inputs"
CASES = json.loads((CATALOGUE / "catalogue.json").read_text(encoding="utf-8"))["cases"]


def _text(case: dict) -> str | bytes:
    if case.get("generate") == "csv_100mb_line":
        return "series,date,value\ns1,2025-01-31," + "9" * (100 << 20) + "\n"
    return (CATALOGUE / case["file"]).read_bytes()


def _as_str(data: str | bytes) -> str:
    # pybind11 takes str; undecodable bytes are passed through as surrogates
    # would change them, so non-UTF-8 cases go through the file loaders.
    return data if isinstance(data, str) else data.decode("utf-8")


def _load(case: dict) -> None:
    loader, name = case["loader"], case["file"]
    data = _text(case)
    if loader == "model":
        if isinstance(data, bytes):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                # Not valid UTF-8: only the C++ loader sees the raw bytes.
                pytest.skip("non-UTF-8 bytes cannot be a Python str")
        okrkit.parse_model(data, name)
    elif loader == "measurements":
        if isinstance(data, bytes):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                pytest.skip("non-UTF-8 bytes cannot be a Python str")
        store = okrkit.parse_measurements(data, name, **case.get("options", {}))
        notes = [f"{d.severity} {d.code}: {d}" for d in store.notes]
        assert [f"rows {len(store)}", *notes] == case.get("diagnostics", [f"rows {len(store)}"])
    elif loader == "model_with_data":
        model = okrkit.parse_model(_as_str(data), name)
        store = okrkit.parse_measurements(_as_str(_text({"file": case["data"]})), case["data"])
        found = [f"{d.severity} {d.code}: {d}" for d in okrkit.validate(model, store)]
        assert found == case.get("diagnostics", [])
    elif loader == "jalali_date":
        _core.parse_jalali_date(_as_str(data))
    elif loader == "relative_target":
        t = _core.Target()
        t.target = _as_str(data)
    elif loader == "arrow_table":
        import pyarrow as pa

        types = {
            "string": pa.string(),
            "date32": pa.date32(),
            "float64": pa.float64(),
            "int64": pa.int64(),
            "timestamp[us, tz=UTC]": pa.timestamp("us", tz="UTC"),
        }
        cols = json.loads(_as_str(data))["columns"]
        table = pa.table({c["name"]: pa.array(c["values"], types[c["type"]]) for c in cols})
        store = okrkit.measurements_from_arrow(table)
        assert [f"rows {len(store)}"] == case.get("diagnostics", [f"rows {len(store)}"])
    elif loader == "hierarchy":
        rows = [line.split(",", 1) for line in _as_str(data).splitlines()[1:]]
        okrkit.forecast.Hierarchy.from_parents([(r[0], r[1] if len(r) > 1 else "") for r in rows])
    elif loader == "review_model":
        model = okrkit.parse_model(_as_str(data), name)
        store = okrkit.parse_measurements("series,date,value\n", "none.csv")
        r = okrkit.review(
            model,
            store,
            start=case["from"],
            end=case["to"],
            cycle=case.get("cycle"),
            risk_threshold=case.get("risk_threshold", 0.5),
        )
        assert [f"review {r.cycle} burnups {r.burnups['objective'].nunique()}"] == case.get(
            "diagnostics", []
        )
    else:
        pytest.skip(f"loader {loader} is checked in C++ only")


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c['loader']}:{c['file']}:{c.get('value', '')}" for c in CASES]
)
def test_catalogued_outcome(case: dict) -> None:
    want = case["error"]
    if want == "none":
        _load(case)
        return
    cls = getattr(okrkit, want, None) or getattr(_core, want)
    assert issubclass(cls, ValueError)
    with pytest.raises(cls) as info:
        _load(case)
    if case["loader"] in ("model", "measurements", "arrow_table"):
        # Same text as C++ (the file name is passed the same way).
        assert str(info.value) == case["message"]


def test_catalogue_is_big_enough() -> None:
    assert len(CASES) >= 50
