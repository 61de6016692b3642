// okrkit._core — one registration function per area; module.cpp calls them all.
// Bindings convert only: every formula lives in include/okrkit/.
#pragma once

#include <pybind11/pybind11.h>

namespace okrkit::python {
void register_errors(pybind11::module_& m);
// Declares the SeriesStore class only (no methods): functions registered
// before register_series (validate(model, data)) name it in their signatures,
// and pybind11 writes a type's Python name only once the type is registered.
void declare_series(pybind11::module_& m);
void register_model(pybind11::module_& m);
void register_series(pybind11::module_& m);
void register_scoring(pybind11::module_& m);
void register_periods(pybind11::module_& m);
void register_aggregate(pybind11::module_& m);
void register_trend(pybind11::module_& m);
void register_forecast(pybind11::module_& m);
void register_lint(pybind11::module_& m);
void register_appraisal(pybind11::module_& m);
void register_expr(pybind11::module_& m);
void register_reconcile(pybind11::module_& m);
void register_arrow(pybind11::module_& m);
void register_review(pybind11::module_& m);
}  // namespace okrkit::python
