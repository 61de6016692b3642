// okrkit._core: the compiled half of the Python package.
#include "register.hpp"

#include <okrkit/core/version.hpp>

PYBIND11_MODULE(_core, m) {
  m.doc() = "okrkit compiled core (use the okrkit package, not this module)";
  m.attr("__version__") = okrkit::version;
  using namespace okrkit::python;
  register_errors(m);
  declare_series(m);
  register_model(m);
  register_series(m);
  register_scoring(m);
  register_periods(m);
  register_aggregate(m);
  register_trend(m);
  register_forecast(m);
  register_lint(m);
  register_appraisal(m);
  register_expr(m);
  register_reconcile(m);
  register_arrow(m);
  register_review(m);
}
