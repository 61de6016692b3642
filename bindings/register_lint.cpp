// okrkit._core — SMART lint: rules, options, outlook, lint() and its writers.
// Conversions only; the rules live in src/lint.cpp.
#include <algorithm>
#include <map>
#include <memory>

#include <okrkit/lint/lint.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include "casters.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {

void register_lint(py::module_& m) {
  py::class_<LintRule>(m, "LintRule", "A lint rule: stable id, name, default severity, summary.")
      .def_readonly("id", &LintRule::id)
      .def_readonly("name", &LintRule::name)
      .def_property_readonly("severity", [](const LintRule& r) { return to_string(r.severity); })
      .def_readonly("summary", &LintRule::summary)
      .def("__repr__", [](const LintRule& r) { return "<LintRule " + r.id + " " + r.name + ">"; });

  py::class_<NodeOutlook>(
      m, "NodeOutlook",
      "Forecast / trend facts of one node for the achievable rules (all optional).")
      .def(py::init([](std::optional<double> probability, std::optional<double> trend_per_day,
                       std::optional<double> current, std::optional<Date> current_date) {
             return NodeOutlook{probability, trend_per_day, current, current_date};
           }),
           py::kw_only(), py::arg("probability") = py::none(),
           py::arg("trend_per_day") = py::none(), py::arg("current") = py::none(),
           py::arg("current_date") = py::none())
      .def_readwrite("probability", &NodeOutlook::probability)
      .def_readwrite("trend_per_day", &NodeOutlook::trend_per_day)
      .def_readwrite("current", &NodeOutlook::current)
      .def_readwrite("current_date", &NodeOutlook::current_date);

  py::class_<LintOptions>(m, "LintOptions", "Thresholds of the lint rules (docs/lint.md).")
      .def(py::init<>())
      .def_readwrite("disable", &LintOptions::disable)
      .def_readwrite("min_key_results", &LintOptions::min_key_results)
      .def_readwrite("max_key_results", &LintOptions::max_key_results)
      .def_readwrite("max_objectives_per_owner", &LintOptions::max_objectives_per_owner)
      .def_readwrite("min_title_words", &LintOptions::min_title_words)
      .def_readwrite("max_title_chars", &LintOptions::max_title_chars)
      .def_readwrite("near_duplicate_similarity", &LintOptions::near_duplicate_similarity)
      .def_readwrite("committed_min_probability", &LintOptions::committed_min_probability)
      .def_readwrite("aspirational_min_probability", &LintOptions::aspirational_min_probability)
      .def_readwrite("trend_gap_factor", &LintOptions::trend_gap_factor)
      .def_readwrite("stretch_change", &LintOptions::stretch_change)
      .def_readwrite("trivial_change", &LintOptions::trivial_change)
      .def_readwrite("low_confidence", &LintOptions::low_confidence)
      .def_readwrite("stale_factor", &LintOptions::stale_factor)
      .def_readwrite("checkin_max_age_days", &LintOptions::checkin_max_age_days)
      .def_readwrite("max_alignment_depth", &LintOptions::max_alignment_depth)
      .def_readwrite("min_cycle_days", &LintOptions::min_cycle_days)
      .def_readwrite("max_cycle_days", &LintOptions::max_cycle_days)
      .def_readwrite("cycle_length_tolerance", &LintOptions::cycle_length_tolerance)
      .def_readwrite("max_key_results_per_owner", &LintOptions::max_key_results_per_owner);

  m.def("lint_rules", &lint_rules, "Every lint rule, in id order.");
  m.def(
      "lint",
      [](const Model& model, const SeriesStore* data, std::optional<Date> as_of,
         std::optional<std::map<std::string, NodeOutlook>> outlook, const Scorecard* scorecard,
         bool forecast, bool series_trend, const LintOptions& options) {
        LintInput in{&model, data, as_of, {}};
        if (outlook) {
          auto table = std::make_shared<std::map<std::string, NodeOutlook>>(std::move(*outlook));
          in.outlook = [table](const std::string& id) -> std::optional<NodeOutlook> {
            auto it = table->find(id);
            if (it == table->end()) return std::nullopt;
            return it->second;
          };
        } else if (scorecard) {
          in.outlook = scorecard_outlook(*scorecard);
        } else if ((forecast || series_trend) && data && data->size() > 0) {
          Date at = as_of ? *as_of
                          : from_day_number(*std::max_element(data->day_column().begin(),
                                                              data->day_column().end()));
          py::gil_scoped_release release;
          in.outlook =
              forecast ? scorecard_outlook(model, *data, at) : series_outlook(model, *data, at);
        }
        py::gil_scoped_release release;
        return lint(in, options);
      },
      py::arg("model"), py::arg("data") = nullptr, py::arg("as_of") = py::none(),
      py::arg("outlook") = py::none(), py::arg("scorecard") = nullptr, py::arg("forecast") = true,
      py::arg("series_trend") = true, py::arg("options") = LintOptions{},
      "Run every enabled lint rule; returns Diagnostics (code = rule id). Outlook: `outlook` "
      "(per node), else `scorecard` (evaluated with the outlook on), else with `data` the "
      "scorecard forecast (`forecast`) or the least-squares trend (`series_trend`).");
  m.def("lint_exit_status", &lint_exit_status, py::arg("findings"));
  m.def("format_lint_table", &format_lint_table, py::arg("findings"));
  m.def("format_lint_json", &format_lint_json, py::arg("findings"));
  m.def("format_lint_sarif", &format_lint_sarif, py::arg("findings"));
}

}  // namespace okrkit::python
