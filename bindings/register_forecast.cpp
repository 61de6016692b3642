// okrkit._core — forecast bindings (to be filled by the forecast work).
#include "register.hpp"

namespace okrkit::python {
void register_forecast(pybind11::module_& m) { (void)m; }
}  // namespace okrkit::python
