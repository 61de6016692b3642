// okrkit._core — scoring bindings (to be filled by the scoring work).
#include "register.hpp"

namespace okrkit::python {
void register_scoring(pybind11::module_& m) { (void)m; }
}  // namespace okrkit::python
