// okrkit._core — okrkit::Error and subclasses as Python exceptions.
// Error derives from ValueError; ParseError, ValidationError, DomainError and
// IoError derive from Error. ValidationError carries `.problems`: a list of
// dicts (severity, code, message, file, line, node, field).
#include <okrkit/core/error.hpp>

#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {

void register_errors(py::module_& m) {
  auto& error = py::register_exception<Error>(m, "Error", PyExc_ValueError);
  py::register_exception<ParseError>(m, "ParseError", error.ptr());
  py::register_exception<DomainError>(m, "DomainError", error.ptr());
  py::register_exception<IoError>(m, "IoError", error.ptr());
  py::register_exception<ValidationError>(m, "ValidationError", error.ptr());
  // Registered last, so tried first: attach the problem list.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ValidationError& e) {
      py::list problems;
      for (const auto& d : e.problems()) {
        py::dict row;
        row["severity"] = to_string(d.severity);
        row["code"] = d.code;
        row["message"] = d.message;
        row["file"] = d.where.file;
        row["line"] = d.where.line;
        row["node"] = d.where.node;
        row["field"] = d.where.field;
        problems.append(row);
      }
      py::object type = py::module_::import("okrkit._core").attr("ValidationError");
      py::object exc = type(e.what());
      exc.attr("problems") = problems;
      PyErr_SetObject(type.ptr(), exc.ptr());
    }
  });
}

}  // namespace okrkit::python
