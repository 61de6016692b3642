// okrkit._core — appraisal bindings (to be filled by the appraisal work).
#include "register.hpp"

namespace okrkit::python {
void register_appraisal(pybind11::module_& m) { (void)m; }
}  // namespace okrkit::python
