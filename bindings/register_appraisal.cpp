// okrkit._core — appraisal: ratings, rubric, options, appraise() and its I/O.
// Roles and calibration cross as strings ("manager", "z_score"). Conversions only.
#include <map>

#include <okrkit/appraisal/appraisal.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include <pybind11/stl/filesystem.h>  // paths: str or os.PathLike (pathlib.Path)

#include "casters.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {

namespace {

RaterRole role_of(const std::string& s) {
  auto r = parse_rater_role(s);
  if (!r)
    throw DomainError("unknown rater role '" + s + "' (expected self, manager, peer or report)");
  return *r;
}

template <class V>
std::map<std::string, V> by_name(const std::map<RaterRole, V>& in) {
  std::map<std::string, V> out;
  for (const auto& [k, v] : in) out[to_string(k)] = v;
  return out;
}
template <class V>
std::map<RaterRole, V> by_role(const std::map<std::string, V>& in) {
  std::map<RaterRole, V> out;
  for (const auto& [k, v] : in) out[role_of(k)] = v;
  return out;
}

const char* calibration_name(Calibration c) {
  switch (c) {
    case Calibration::none:
      return "none";
    case Calibration::mean_centre:
      return "mean_centre";
    case Calibration::z_score:
      return "z_score";
  }
  return "none";
}

}  // namespace

void register_appraisal(py::module_& m) {
  py::class_<RubricCriterion>(m, "RubricCriterion",
                              "A competency with one behavioural anchor per scale level.")
      .def(py::init(&from_kwargs<RubricCriterion>))
      .def_readwrite("id", &RubricCriterion::id)
      .def_readwrite("name", &RubricCriterion::name)
      .def_readwrite("anchors", &RubricCriterion::anchors)
      .def_readwrite("weight", &RubricCriterion::weight);
  py::class_<Rubric>(m, "Rubric", "Criteria on a scale (default 1..5).")
      .def(py::init(&from_kwargs<Rubric>))
      .def_readwrite("criteria", &Rubric::criteria)
      .def_readwrite("scale_min", &Rubric::scale_min)
      .def_readwrite("scale_max", &Rubric::scale_max);
  py::class_<Rating>(m, "Rating", "One rating of one person on one criterion by one rater.")
      .def(py::init(&from_kwargs<Rating>))
      .def_readwrite("person", &Rating::person)
      .def_readwrite("cycle", &Rating::cycle)
      .def_readwrite("rater", &Rating::rater)
      .def_property(
          "role", [](const Rating& r) { return std::string(to_string(r.role)); },
          [](Rating& r, const std::string& s) { r.role = role_of(s); })
      .def_readwrite("criterion", &Rating::criterion)
      .def_readwrite("rating", &Rating::rating)
      .def_readwrite("comment", &Rating::comment)
      .def_readwrite("row", &Rating::row)
      .def_readwrite("file", &Rating::file);
  py::class_<PersonScores>(m, "PersonScores", "KPI and OKR score (0..1) of a person.")
      .def(py::init(&from_kwargs<PersonScores>))
      .def_readwrite("person", &PersonScores::person)
      .def_readwrite("kpi", &PersonScores::kpi)
      .def_readwrite("okr", &PersonScores::okr)
      .def_readwrite("kpi_from", &PersonScores::kpi_from)
      .def_readwrite("okr_from", &PersonScores::okr_from)
      .def_readwrite("file", &PersonScores::file)
      .def_readwrite("row", &PersonScores::row)
      .def("__repr__", [](const PersonScores& s) {
        auto f = [](const std::optional<double>& v) {
          return v ? std::to_string(*v) : std::string("None");
        };
        return "<PersonScores " + s.person + " kpi=" + f(s.kpi) + " okr=" + f(s.okr) + ">";
      });
  py::class_<AppraisalBand>(m, "AppraisalBand", "A rating band: final score >= min.")
      .def(py::init([](std::string name, double min) {
             return AppraisalBand{std::move(name), min};
           }),
           py::arg("name"), py::arg("min"))
      .def_readwrite("name", &AppraisalBand::name)
      .def_readwrite("min", &AppraisalBand::min);
  py::class_<AppraisalOptions>(m, "AppraisalOptions",
                               "Bias reduction and weighting (docs/appraisal.md).")
      .def(py::init<>())
      .def_property(
          "calibration",
          [](const AppraisalOptions& o) { return std::string(calibration_name(o.calibration)); },
          [](AppraisalOptions& o, const std::string& s) {
            if (s == "none")
              o.calibration = Calibration::none;
            else if (s == "mean_centre" || s == "mean")
              o.calibration = Calibration::mean_centre;
            else if (s == "z_score" || s == "z")
              o.calibration = Calibration::z_score;
            else
              throw DomainError("calibration must be 'none', 'mean_centre' or 'z_score'");
          })
      .def_readwrite("trim", &AppraisalOptions::trim)
      .def_property(
          "min_raters", [](const AppraisalOptions& o) { return by_name(o.min_raters); },
          [](AppraisalOptions& o, const std::map<std::string, std::size_t>& v) {
            o.min_raters = by_role(v);
          })
      .def_readwrite("include_self", &AppraisalOptions::include_self)
      .def_property(
          "role_weights", [](const AppraisalOptions& o) { return by_name(o.role_weights); },
          [](AppraisalOptions& o, const std::map<std::string, double>& v) {
            o.role_weights = by_role(v);
          })
      .def_readwrite("kpi_weight", &AppraisalOptions::kpi_weight)
      .def_readwrite("okr_weight", &AppraisalOptions::okr_weight)
      .def_readwrite("competency_weight", &AppraisalOptions::competency_weight)
      .def_readwrite("bands", &AppraisalOptions::bands)
      .def_readwrite("target_distribution", &AppraisalOptions::target_distribution)
      .def_readwrite("min_people_for_calibration", &AppraisalOptions::min_people_for_calibration)
      .def_readwrite("calibration_centre", &AppraisalOptions::calibration_centre)
      .def_readwrite("calibration_spread", &AppraisalOptions::calibration_spread)
      .def_property(
          "unknown",
          [](const AppraisalOptions& o) {
            return std::string(o.unknown == UnknownPolicy::warn ? "warn" : "error");
          },
          [](AppraisalOptions& o, const std::string& s) {
            if (s == "error")
              o.unknown = UnknownPolicy::error;
            else if (s == "warn")
              o.unknown = UnknownPolicy::warn;
            else
              throw DomainError("unknown must be 'error' or 'warn', got '" + s + "'");
          });
  py::class_<RaterStats>(m, "RaterStats",
                         "A rater's own distribution in a cycle and how it was calibrated.")
      .def_readonly("rater", &RaterStats::rater)
      .def_readonly("cycle", &RaterStats::cycle)
      .def_readonly("ratings", &RaterStats::ratings)
      .def_readonly("people", &RaterStats::people)
      .def_readonly("mean", &RaterStats::mean)
      .def_readonly("sd", &RaterStats::sd)
      .def_readonly("treatment", &RaterStats::treatment);
  py::class_<RoleScore>(m, "RoleScore", "One role's trimmed score and raters for a person.")
      .def_property_readonly("role",
                             [](const RoleScore& r) { return std::string(to_string(r.role)); })
      .def_readonly("score", &RoleScore::score)
      .def_readonly("counted", &RoleScore::counted)
      .def_readonly("raters", &RoleScore::raters)
      .def_readonly("trimmed", &RoleScore::trimmed);
  py::class_<AppraisalRow>(m, "AppraisalRow", "Every component of one person's appraisal.")
      .def_readonly("person", &AppraisalRow::person)
      .def_readonly("name", &AppraisalRow::name)
      .def_readonly("unit", &AppraisalRow::unit)
      .def_readonly("cycle", &AppraisalRow::cycle)
      .def_readonly("kpi_score", &AppraisalRow::kpi_score)
      .def_readonly("okr_score", &AppraisalRow::okr_score)
      .def_readonly("kpi_from", &AppraisalRow::kpi_from)
      .def_readonly("okr_from", &AppraisalRow::okr_from)
      .def_readonly("self_score", &AppraisalRow::self_score)
      .def_property_readonly("roles",
                             [](const AppraisalRow& r) {
                               return std::vector<RoleScore>(r.roles.begin(), r.roles.end());
                             })
      .def_readonly("competency", &AppraisalRow::competency)
      .def_readonly("competency_score", &AppraisalRow::competency_score)
      .def_readonly("final_score", &AppraisalRow::final_score)
      .def_readonly("band", &AppraisalRow::band)
      .def_readonly("notes", &AppraisalRow::notes);
  py::class_<CriterionScore>(m, "CriterionScore", "Mean rating on one criterion by one role.")
      .def_readonly("person", &CriterionScore::person)
      .def_readonly("cycle", &CriterionScore::cycle)
      .def_readonly("criterion", &CriterionScore::criterion)
      .def_property_readonly("role",
                             [](const CriterionScore& c) { return std::string(to_string(c.role)); })
      .def_readonly("raw", &CriterionScore::raw)
      .def_readonly("calibrated", &CriterionScore::calibrated)
      .def_readonly("raters", &CriterionScore::raters);
  py::class_<DistributionRow>(m, "DistributionRow", "Actual vs target share of a band in a unit.")
      .def_readonly("cycle", &DistributionRow::cycle)
      .def_readonly("unit", &DistributionRow::unit)
      .def_readonly("band", &DistributionRow::band)
      .def_readonly("count", &DistributionRow::count)
      .def_readonly("people", &DistributionRow::people)
      .def_readonly("actual", &DistributionRow::actual)
      .def_readonly("target", &DistributionRow::target)
      .def_readonly("gap", &DistributionRow::gap);
  py::class_<AppraisalResult>(m, "AppraisalResult",
                              "Rows, criteria, rater calibration and distribution.")
      .def_readonly("rows", &AppraisalResult::rows)
      .def_readonly("criteria", &AppraisalResult::criteria)
      .def_readonly("raters", &AppraisalResult::raters)
      .def_readonly("distribution", &AppraisalResult::distribution)
      .def_property_readonly("diagnostics", [](const AppraisalResult& r) {
        py::list out;
        for (const auto& d : r.diagnostics) {
          py::dict row;
          row["severity"] = to_string(d.severity);
          row["code"] = d.code;
          row["message"] = d.message;
          row["file"] = d.where.file;
          row["line"] = d.where.line;
          row["node"] = d.where.node;
          row["field"] = d.where.field;
          out.append(row);
        }
        return out;
      });

  m.def("default_rubric", &default_rubric);
  m.def("default_bands", &default_bands);
  m.def("check_bands", &check_bands, py::arg("bands"),
        "Raise ValueError unless every final score falls in exactly one band.");
  m.def(
      "appraise",
      [](const std::vector<Rating>& ratings, const std::vector<PersonScores>& scores,
         const Model* model, std::optional<Rubric> rubric, const AppraisalOptions& options) {
        Rubric rb = rubric ? *rubric : default_rubric();
        py::gil_scoped_release release;
        return appraise(ratings, scores, model, rb, options);
      },
      py::arg("ratings"), py::arg("scores") = std::vector<PersonScores>{},
      py::arg("model") = nullptr, py::arg("rubric") = py::none(),
      py::arg("options") = AppraisalOptions{});
  m.def(
      "person_scores",
      [](const Model& model, const Scorecard& scorecard, std::optional<std::string> cycle) {
        const Cycle* c = nullptr;
        if (cycle) {
          for (const auto& x : model.cycles)
            if (x.id == *cycle) c = &x;
          if (!c) throw DomainError("unknown cycle '" + *cycle + "'");
        }
        py::gil_scoped_release release;
        return person_scores(model, scorecard, c);
      },
      py::arg("model"), py::arg("scorecard"), py::arg("cycle") = py::none(),
      "KPI and OKR score per owner from a scorecard (docs/appraisal.md).");
  m.def("merge_person_scores", &merge_person_scores, py::arg("base"), py::arg("overrides"),
        "`base` with the set numbers of `overrides` put in, person by person.");
  m.def("parse_ratings", &parse_ratings, py::arg("csv"), py::arg("file") = "",
        py::arg("rubric") = default_rubric());
  m.def(
      "load_ratings",
      [](const std::filesystem::path& p, const Rubric& r) { return load_ratings(p.string(), r); },
      py::arg("path"), py::arg("rubric") = default_rubric());
  m.def("parse_person_scores", &parse_person_scores, py::arg("csv"), py::arg("file") = "");
  m.def(
      "load_person_scores",
      [](const std::filesystem::path& p) { return load_person_scores(p.string()); },
      py::arg("path"));
  m.def("format_appraisal_table", &format_appraisal_table, py::arg("result"));
  m.def("format_appraisal_json", &format_appraisal_json, py::arg("result"));
  m.def("format_appraisal_csv", &format_appraisal_csv, py::arg("result"));
}

}  // namespace okrkit::python
