// okrkit._core — okrkit::Error and subclasses as Python exceptions.
// Error derives from ValueError; ParseError, ValidationError, DomainError and
// IoError derive from Error.
#include <okrkit/error.hpp>

#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {

void register_errors(py::module_& m) {
  static py::exception<Error> error(m, "Error", PyExc_ValueError);
  static py::exception<ParseError> parse_error(m, "ParseError", error.ptr());
  static py::exception<ValidationError> validation_error(m, "ValidationError", error.ptr());
  static py::exception<DomainError> domain_error(m, "DomainError", error.ptr());
  static py::exception<IoError> io_error(m, "IoError", error.ptr());
  // Most-derived first; ValidationError carries its problem list as .problems.
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
      py::object exc = py::handle(validation_error.ptr())(e.what());
      exc.attr("problems") = problems;
      PyErr_SetObject(validation_error.ptr(), exc.ptr());
    } catch (const ParseError& e) {
      parse_error(e.what());
    } catch (const DomainError& e) {
      domain_error(e.what());
    } catch (const IoError& e) {
      io_error(e.what());
    } catch (const Error& e) {
      error(e.what());
    }
  });
}

}  // namespace okrkit::python
