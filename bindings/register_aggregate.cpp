// okrkit._core — aggregate bindings (to be filled by the aggregate work).
#include "register.hpp"

namespace okrkit::python {
void register_aggregate(pybind11::module_& m) { (void)m; }
}  // namespace okrkit::python
