// okrkit._core — model bindings.
#include "register.hpp"

namespace okrkit::python {
void register_model(pybind11::module_& m) { (void)m; }
}  // namespace okrkit::python
