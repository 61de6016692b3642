// okrkit._core — periods bindings (to be filled by the periods work).
#include "register.hpp"

namespace okrkit::python {
void register_periods(pybind11::module_& m) { (void)m; }
}  // namespace okrkit::python
