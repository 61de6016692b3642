// okrkit._core — the Arrow PyCapsule stream protocol over the C++ Arrow
// importer and exporter (include/okrkit/io/arrow_stream.hpp). Conversions
// only: a capsule named "arrow_array_stream" in, a SeriesStore out; a
// scorecard, lint findings or an appraisal in, a capsule out.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <okrkit/appraisal/appraisal.hpp>
#include <okrkit/io/arrow_stream.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include "casters.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {

namespace {

constexpr const char* stream_capsule_name = "arrow_array_stream";

// The capsule owns a heap ArrowArrayStream; a consumer that moved it out set
// its release to null (the PyCapsule protocol's rule).
void release_stream_capsule(PyObject* capsule) {
  auto* s = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule, stream_capsule_name));
  if (s == nullptr) {
    PyErr_Clear();
    return;
  }
  if (s->release) s->release(s);
  delete s;
}

template <class Export>
py::object stream_capsule(Export&& export_into) {
  auto s = std::make_unique<ArrowArrayStream>();
  s->release = nullptr;
  export_into(s.get());
  PyObject* cap = PyCapsule_New(s.get(), stream_capsule_name, release_stream_capsule);
  if (cap == nullptr) {
    s->release(s.get());
    throw py::error_already_set();
  }
  s.release();
  return py::reinterpret_steal<py::object>(cap);
}

}  // namespace

void register_arrow(py::module_& m) {
  m.def(
      "measurements_from_arrow_stream",
      [](py::capsule capsule, const std::string& series, const std::string& date,
         const std::string& value, const std::string& numerator, const std::string& denominator,
         DateCalendar calendar, DateFormat date_format, DuplicatePolicy duplicates) {
        if (std::string(capsule.name() ? capsule.name() : "") != stream_capsule_name)
          throw py::type_error("expected a PyCapsule named 'arrow_array_stream'");
        auto* src = capsule.get_pointer<ArrowArrayStream>();
        if (src == nullptr || src->release == nullptr)
          throw py::value_error("the Arrow stream capsule was already consumed");
        // Move the stream out of the capsule: it is ours to release now.
        ArrowArrayStream stream = *src;
        src->release = nullptr;
        ArrowColumns cols{series, date, value, numerator, denominator};
        MeasurementsOptions opt;
        opt.calendar = calendar;
        opt.date_format = date_format;
        opt.duplicates = duplicates;
        // Producers that need the GIL (Python-backed streams) take it themselves.
        py::gil_scoped_release release;
        return measurements_from_arrow_stream(&stream, cols, opt);
      },
      py::arg("stream"), py::kw_only(), py::arg("series") = "series", py::arg("date") = "date",
      py::arg("value") = "value", py::arg("numerator") = "numerator",
      py::arg("denominator") = "denominator", py::arg("calendar") = DateCalendar::gregorian,
      py::arg("date_format") = DateFormat::iso, py::arg("duplicates") = DuplicatePolicy::error,
      "Measurements from an Arrow C stream capsule (the value of __arrow_c_stream__()). "
      "Empty numerator / denominator names: none.");
  m.def(
      "scorecard_arrow_stream",
      [](const Scorecard& sc) {
        return stream_capsule([&](ArrowArrayStream* s) { export_scorecard(sc, s); });
      },
      py::arg("scorecard"), "The scorecard as an Arrow C stream capsule (one row per node).");
  m.def(
      "history_arrow_stream",
      [](const std::vector<Scorecard>& history) {
        return stream_capsule([&](ArrowArrayStream* s) { export_history(history, s); });
      },
      py::arg("history"),
      "Scorecards at several dates as one Arrow C stream capsule (as_of, then the scorecard's "
      "columns).");
  m.def(
      "lint_arrow_stream",
      [](const std::vector<Diagnostic>& findings) {
        return stream_capsule([&](ArrowArrayStream* s) { export_lint_findings(findings, s); });
      },
      py::arg("findings"), "Lint findings as an Arrow C stream capsule.");
  m.def(
      "appraisal_arrow_stream",
      [](const AppraisalResult& r) {
        return stream_capsule([&](ArrowArrayStream* s) { export_appraisal(r, s); });
      },
      py::arg("result"), "Appraisal rows as an Arrow C stream capsule.");
}

}  // namespace okrkit::python
