// okrkit._core — trend bindings (to be filled by the trend work).
#include "register.hpp"

namespace okrkit::python {
void register_trend(pybind11::module_& m) { (void)m; }
}  // namespace okrkit::python
