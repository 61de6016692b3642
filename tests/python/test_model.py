from __future__ import annotations

import copy
import datetime as dt
import pickle
from pathlib import Path

import okrkit
import pytest


def test_load_example(examples: Path) -> None:
    m = okrkit.load_model(str(examples / "acme.json"))
    assert len(m.objectives) == 4
    assert m.units[2].name == "پشتیبانی مشتریان"
    assert m.units[3].name == "人力资源部"
    kr = m.key_results[0]
    assert kr.target.kind == "increase"
    assert kr.target.target == "+40%"
    assert kr.target.absolute_target == pytest.approx(70000.0)
    assert m.cycles[0].start == dt.date(2025, 4, 1)
    assert repr(m) == (
        "<okrkit.Model 'Acme Trading — Q2 2025': 4 objectives, 9 key results, 9 KPIs, 1 CSFs>"
    )


def test_build_in_code_and_round_trip(tmp_path: Path) -> None:
    m = okrkit.Model(name="مؤسسة")
    m.cycles.append(okrkit.Cycle(id="q", start=dt.date(2025, 4, 1), end="2025-06-30"))
    m.objectives.append(okrkit.Objective(id="o", title="Grow", cycle="q", type="aspirational"))
    kr = okrkit.KeyResult(id="k", objective="o", title="Attrition 15% to 10%")
    kr.target.kind = "decrease"
    kr.target.baseline = 15.0
    kr.target.target = 10.0
    m.key_results.append(kr)
    assert okrkit.validate(m) == []
    path = tmp_path / "m.json"
    okrkit.save_model(m, str(path))
    again = okrkit.load_model(str(path))
    assert okrkit.dump_model(again) == okrkit.dump_model(m)
    assert again.name == "مؤسسة"
    assert again.objectives[0].type == "aspirational"


def test_unknown_enum_value_names_the_choices() -> None:
    t = okrkit.Target()
    with pytest.raises(ValueError, match="expected one of: increase, decrease"):
        t.kind = "grow"


def test_unknown_keyword_is_rejected() -> None:
    with pytest.raises(AttributeError):
        okrkit.Objective(idd="x")


def test_validation_error_lists_every_problem() -> None:
    text = '{"objectives": [{"id": "o", "weight": -1}, {"id": "o"}]}'
    with pytest.raises(okrkit.ValidationError) as info:
        okrkit.parse_model(text, "m.json")
    problems = info.value.problems
    assert [(p["code"], p["node"], p["field"], p["line"]) for p in problems] == [
        ("duplicate-id", "o", "id", 1),
        ("bad-weight", "o", "weight", 1),
    ]
    assert isinstance(info.value, ValueError)


def test_parse_error_is_a_value_error() -> None:
    with pytest.raises(okrkit.ParseError, match=r"^m.json:1: column"):
        okrkit.parse_model("{", "m.json")


def test_model_pickles_and_copies(examples: Path) -> None:
    m = okrkit.load_model(str(examples / "acme.json"))
    again = pickle.loads(pickle.dumps(m))
    assert okrkit.dump_model(again) == okrkit.dump_model(m)
    c = copy.deepcopy(m)
    c.objectives[0].title = "changed"
    assert m.objectives[0].title != "changed"


def test_json_schema_accepts_the_example_and_rejects_typos(examples: Path) -> None:
    import json

    import jsonschema

    schema = json.loads(
        (examples.parent / "docs" / "schema" / "okrkit-model.schema.json").read_text("utf-8")
    )
    doc = json.loads((examples / "acme.json").read_text("utf-8"))
    jsonschema.validate(doc, schema)
    # What okrkit writes is valid too.
    written = json.loads(okrkit.dump_model(okrkit.load_model(str(examples / "acme.json"))))
    jsonschema.validate(written, schema)
    doc["key_results"][0]["trget"] = 3
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)


def test_file_functions_take_pathlib_paths(examples: Path, tmp_path: Path) -> None:
    # str and os.PathLike are both accepted, and errors name the file as given.
    model = okrkit.load_model(examples / "acme.json")
    text = okrkit.dump_model(model)
    assert okrkit.dump_model(okrkit.load_model(str(examples / "acme.json"))) == text
    out = tmp_path / "saved.json"
    okrkit.save_model(model, out)
    assert okrkit.dump_model(okrkit.load_model(out)) == text
    store = okrkit.load_measurements(examples / "acme-measurements.csv")
    assert store.series_count > 0
    with pytest.raises(okrkit.Error, match="missing.json"):
        okrkit.load_model(tmp_path / "missing.json")
