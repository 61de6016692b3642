// okrkit._core — series bindings.
#include "register.hpp"

namespace okrkit::python {
void register_series(pybind11::module_& m) { (void)m; }
}  // namespace okrkit::python
