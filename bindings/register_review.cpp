// okrkit._core — review(): the Review record (its two scorecards and its
// writers) and review() itself. Conversions only: python/okrkit/review.py
// builds the DataFrames from review_to_json().
#include <okrkit/review/review.hpp>
#include <okrkit/review/review_io.hpp>

#include "casters.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {

void register_review(py::module_& m) {
  py::class_<Review>(m, "Review")
      .def_readonly("start", &Review::from)
      .def_readonly("end", &Review::to)
      .def_readonly("cycle", &Review::cycle)
      .def_readonly("before", &Review::before)
      .def_readonly("after", &Review::after)
      .def("to_json", [](const Review& r) { return review_to_json(r); })
      .def("to_html", [](const Review& r) { return review_html(r); })
      .def("to_markdown", [](const Review& r) { return review_to_markdown(r); })
      .def("format_table", [](const Review& r) { return format_review_table(r); });
  m.def(
      "review",
      [](const Model& model, const SeriesStore& series, const Date& start, const Date& end,
         const EvaluateOptions& options, const std::string& cycle, std::size_t top,
         double risk_threshold) {
        ReviewOptions o;
        o.evaluate = options;
        o.cycle = cycle;
        o.top = top;
        o.risk_threshold = risk_threshold;
        py::gil_scoped_release nogil;
        return review(model, series, start, end, o);
      },
      py::arg("model"), py::arg("series"), py::arg("start"), py::arg("end"),
      py::arg("options") = EvaluateOptions{}, py::arg("cycle") = "", py::arg("top") = 5,
      py::arg("risk_threshold") = 0.5,
      "What changed in a cycle between `start` and `end` (GIL released).");
}

}  // namespace okrkit::python
