// okrkit._core — lint bindings (to be filled by the lint work).
#include "register.hpp"

namespace okrkit::python {
void register_lint(pybind11::module_& m) { (void)m; }
}  // namespace okrkit::python
