// okrkit._core — scoring bindings: scalar functions, bulk scoring over numpy
// arrays (zero-copy in, GIL released), evaluate() and the Scorecard result.
// Conversions only: every formula lives in include/okrkit/.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <okrkit/scoring/bulk.hpp>
#include <okrkit/scoring/grade.hpp>
#include <okrkit/scoring/progress.hpp>
#include <okrkit/scoring/scorecard.hpp>
#include <okrkit/io/scorecard_io.hpp>
#include <okrkit/scoring/status.hpp>

#include <cstring>
#include <string>

#include "casters.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {
namespace {

using darray = py::array_t<double, py::array::c_style | py::array::forcecast>;
using karray = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>;

Date to_date(const py::handle& h) {
  if (py::isinstance<py::str>(h)) return parse_date(h.cast<std::string>());
  if (py::hasattr(h, "year") && py::hasattr(h, "month") && py::hasattr(h, "day"))
    return Date(h.attr("year").cast<unsigned short>(), h.attr("month").cast<unsigned short>(),
                h.attr("day").cast<unsigned short>());
  throw py::type_error("expected a datetime.date or a 'YYYY-MM-DD' string");
}

py::object from_date(const Date& d) {
  // leaked on purpose: a static py::object would be released after the interpreter
  static const auto* date_type = new py::object(py::module_::import("datetime").attr("date"));
  return (*date_type)(static_cast<int>(d.year()), static_cast<int>(d.month()),
                   static_cast<int>(d.day()));
}

template <class E>
E enum_arg(const std::string& s, const char* what) {
  if (auto e = detail::enum_from_string<E>(s)) return *e;
  throw py::value_error(std::string("unknown ") + what + " '" + s + "' (choose from " +
                        detail::enum_choices<E>() + ")");
}

py::list diagnostics_list(const Diagnostics& ds) {
  py::list out;
  for (const auto& d : ds) {
    py::dict row;
    row["severity"] = to_string(d.severity);
    row["code"] = d.code;
    row["message"] = d.message;
    row["node"] = d.where.node;
    row["field"] = d.where.field;
    out.append(row);
  }
  return out;
}

// A column of `n` doubles that numpy owns; the C++ loop writes into it.
darray new_column(std::size_t n) { return darray(static_cast<py::ssize_t>(n)); }

const double* column(const std::optional<darray>& a, std::size_t n, const char* name) {
  if (!a) return nullptr;
  if (a->ndim() != 1 || static_cast<std::size_t>(a->shape(0)) != n)
    throw py::value_error(std::string("score_bulk: '") + name + "' must be 1-D with " +
                          std::to_string(n) + " rows (the length of 'value'), got shape " +
                          std::to_string(a->ndim() ? a->shape(0) : 0));
  return a->data();
}

py::dict node_dict(const NodeScore& n) {
  py::dict d;
  d["id"] = n.id;
  d["kind"] = to_string(n.kind);
  d["parent"] = n.parent;
  d["unit"] = n.unit;
  d["value"] = n.value;
  d["baseline"] = n.baseline;
  d["target"] = n.target;
  d["progress"] = n.progress;
  d["performance"] = n.performance;
  d["attainment"] = n.attainment;
  d["grade"] = n.grade;
  d["band"] = n.band ? py::object(py::str(to_string(*n.band))) : py::object(py::none());
  d["rating"] = n.rating;
  d["rule_label"] = n.rule_label;
  d["expected"] = n.expected;
  d["status"] = to_string(n.status);
  d["health"] = to_string(n.health);
  d["confidence"] = n.confidence ? py::object(py::float_(*n.confidence)) : py::object(py::none());
  d["value_date"] = n.value_date ? from_date(*n.value_date) : py::object(py::none());
  d["value_source"] = to_string(n.value_source);
  d["score_source"] = to_string(n.score_source);
  d["incomplete"] = n.incomplete;
  d["history_periods"] = n.history_periods;
  d["period_kind"] = n.period_kind;
  d["trend_slope"] = n.trend_slope;
  d["trend"] = n.trend;
  d["trend_p"] = n.trend_p;
  d["forecast_model"] = n.forecast_model;
  d["projected_value"] = n.projected_value;
  d["projected_progress"] = n.projected_progress;
  d["probability"] = n.probability;
  d["run_rate"] = n.run_rate;
  d["target_date"] = n.target_date ? from_date(*n.target_date) : py::object(py::none());
  d["forecast_status"] = to_string(n.forecast_status);
  d["diagnostics"] = diagnostics_list(n.diagnostics);
  return d;
}

// Column-wise view of a scorecard: numeric columns as numpy arrays, the rest as lists.
py::dict scorecard_columns(const Scorecard& sc) {
  const std::size_t n = sc.nodes.size();
  py::dict out;
  auto num = [&](const char* name, double NodeScore::*f) {
    darray a = new_column(n);
    double* p = a.mutable_data();
    for (std::size_t i = 0; i < n; ++i) p[i] = sc.nodes[i].*f;
    out[name] = a;
  };
  auto text = [&](const char* name, auto get) {
    py::list l(n);
    for (std::size_t i = 0; i < n; ++i) l[i] = py::str(get(sc.nodes[i]));
    out[name] = l;
  };
  text("id", [](const NodeScore& x) { return x.id; });
  text("kind", [](const NodeScore& x) { return to_string(x.kind); });
  text("parent", [](const NodeScore& x) { return x.parent; });
  text("unit", [](const NodeScore& x) { return x.unit; });
  num("value", &NodeScore::value);
  num("baseline", &NodeScore::baseline);
  num("target", &NodeScore::target);
  num("progress", &NodeScore::progress);
  num("performance", &NodeScore::performance);
  num("attainment", &NodeScore::attainment);
  num("grade", &NodeScore::grade);
  text("band", [](const NodeScore& x) { return x.band ? to_string(*x.band) : std::string(); });
  text("rating", [](const NodeScore& x) { return x.rating; });
  text("rule_label", [](const NodeScore& x) { return x.rule_label; });
  num("expected", &NodeScore::expected);
  text("status", [](const NodeScore& x) { return to_string(x.status); });
  text("health", [](const NodeScore& x) { return to_string(x.health); });
  {
    darray a = new_column(n);
    double* p = a.mutable_data();
    for (std::size_t i = 0; i < n; ++i)
      p[i] = sc.nodes[i].confidence ? *sc.nodes[i].confidence : nan_value;
    out["confidence"] = a;
  }
  {
    py::list l(n);
    for (std::size_t i = 0; i < n; ++i)
      l[i] = sc.nodes[i].value_date ? py::object(py::str(format_date(*sc.nodes[i].value_date)))
                                    : py::object(py::none());
    out["value_date"] = l;
  }
  text("value_source", [](const NodeScore& x) { return to_string(x.value_source); });
  text("score_source", [](const NodeScore& x) { return to_string(x.score_source); });
  {
    py::array_t<bool> a(static_cast<py::ssize_t>(n));
    bool* p = a.mutable_data();
    for (std::size_t i = 0; i < n; ++i) p[i] = sc.nodes[i].incomplete;
    out["incomplete"] = a;
  }
  // outlook columns (EvaluateOptions::outlook)
  {
    darray a = new_column(n);
    double* p = a.mutable_data();
    for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<double>(sc.nodes[i].history_periods);
    out["history_periods"] = a;
  }
  text("period_kind", [](const NodeScore& x) { return x.period_kind; });
  num("trend_slope", &NodeScore::trend_slope);
  text("trend", [](const NodeScore& x) { return x.trend; });
  num("trend_p", &NodeScore::trend_p);
  text("forecast_model", [](const NodeScore& x) { return x.forecast_model; });
  num("projected_value", &NodeScore::projected_value);
  num("projected_progress", &NodeScore::projected_progress);
  num("probability", &NodeScore::probability);
  num("run_rate", &NodeScore::run_rate);
  {
    py::list l(n);
    for (std::size_t i = 0; i < n; ++i)
      l[i] = sc.nodes[i].target_date ? py::object(py::str(format_date(*sc.nodes[i].target_date)))
                                     : py::object(py::none());
    out["target_date"] = l;
  }
  text("forecast_status", [](const NodeScore& x) { return to_string(x.forecast_status); });
  {
    py::list l(n);
    for (std::size_t i = 0; i < n; ++i) {
      std::string s;
      for (const auto& d : sc.nodes[i].diagnostics) {
        if (!s.empty()) s += " | ";
        s += d.code + ": " + d.message;
      }
      l[i] = py::str(s);
    }
    out["diagnostics"] = l;
  }
  return out;
}


// --- pickling: versioned state (1, as_of, nodes, diagnostics) ----------------
// Each node is a tuple of its fields in declaration order; enums travel as their
// names so a state stays readable when enum values are reordered. A new field
// means a new state version: keep reading the old ones.
py::tuple diagnostic_state(const Diagnostic& d) {
  return py::make_tuple(to_string(d.severity), d.code, d.message, d.where.file, d.where.line,
                        d.where.node, d.where.field);
}

Diagnostic diagnostic_from_state(const py::handle& h) {
  const auto t = h.cast<py::tuple>();
  Diagnostic d;
  const auto sev = t[0].cast<std::string>();
  d.severity = sev == "info" ? Severity::info : sev == "warning" ? Severity::warning : Severity::error;
  d.code = t[1].cast<std::string>();
  d.message = t[2].cast<std::string>();
  d.where = Location(t[3].cast<std::string>(), t[4].cast<std::size_t>(), t[5].cast<std::string>(),
                     t[6].cast<std::string>());
  return d;
}

py::tuple scorecard_state(const Scorecard& sc) {
  py::list nodes;
  for (const auto& n : sc.nodes) {
    py::list ds;
    for (const auto& d : n.diagnostics) ds.append(diagnostic_state(d));
    nodes.append(py::make_tuple(
        n.id, to_string(n.kind), n.parent, n.unit, n.value, n.baseline, n.target, n.progress,
        n.performance, n.attainment, n.grade,
        n.band ? py::object(py::str(to_string(*n.band))) : py::object(py::none()), n.rating,
        n.rule_label, n.expected, to_string(n.status), to_string(n.health),
        n.confidence ? py::object(py::float_(*n.confidence)) : py::object(py::none()),
        n.value_date ? py::object(py::str(format_date(*n.value_date))) : py::object(py::none()),
        to_string(n.value_source), to_string(n.score_source), n.incomplete, ds));
  }
  py::list ds;
  for (const auto& d : sc.diagnostics) ds.append(diagnostic_state(d));
  return py::make_tuple(1, format_date(sc.as_of), nodes, ds);
}

Scorecard scorecard_from_state(const py::tuple& t) {
  if (t.size() != 4 || t[0].cast<int>() != 1)
    throw DomainError("unsupported okrkit.Scorecard pickle state");
  Scorecard sc;
  sc.as_of = parse_date(t[1].cast<std::string>());
  for (const auto& h : t[2].cast<py::list>()) {
    const auto f = h.cast<py::tuple>();
    if (f.size() != 23) throw DomainError("corrupt okrkit.Scorecard pickle state");
    NodeScore n;
    n.id = f[0].cast<std::string>();
    n.kind = enum_arg<NodeKind>(f[1].cast<std::string>(), "node kind");
    n.parent = f[2].cast<std::string>();
    n.unit = f[3].cast<std::string>();
    n.value = f[4].cast<double>();
    n.baseline = f[5].cast<double>();
    n.target = f[6].cast<double>();
    n.progress = f[7].cast<double>();
    n.performance = f[8].cast<double>();
    n.attainment = f[9].cast<double>();
    n.grade = f[10].cast<double>();
    if (!f[11].is_none()) n.band = enum_arg<Band>(f[11].cast<std::string>(), "band");
    n.rating = f[12].cast<std::string>();
    n.rule_label = f[13].cast<std::string>();
    n.expected = f[14].cast<double>();
    n.status = enum_arg<Status>(f[15].cast<std::string>(), "status");
    n.health = enum_arg<Health>(f[16].cast<std::string>(), "health");
    if (!f[17].is_none()) n.confidence = f[17].cast<double>();
    if (!f[18].is_none()) n.value_date = parse_date(f[18].cast<std::string>());
    n.value_source = enum_arg<Provenance>(f[19].cast<std::string>(), "provenance");
    n.score_source = enum_arg<Provenance>(f[20].cast<std::string>(), "provenance");
    n.incomplete = f[21].cast<bool>();
    for (const auto& d : f[22].cast<py::list>()) n.diagnostics.push_back(diagnostic_from_state(d));
    sc.nodes.push_back(std::move(n));
  }
  for (const auto& d : t[3].cast<py::list>()) sc.diagnostics.push_back(diagnostic_from_state(d));
  sc.reindex();
  return sc;
}

}  // namespace

void register_scoring(py::module_& m) {
  // --- scalar functions ------------------------------------------------------
  m.def(
      "score_target",
      [](const std::string& kind, double value, std::optional<double> baseline,
         std::optional<double> target, std::optional<std::string> relative,
         std::optional<double> floor, std::optional<double> lo, std::optional<double> hi,
         std::optional<double> tolerance, const std::string& method,
         std::optional<double> scale_min, std::optional<double> scale_max, double cap,
         const std::vector<std::tuple<std::string, double, bool>>& milestones) {
        Target tg;
        tg.kind = enum_arg<TargetKind>(kind, "target kind");
        tg.method = enum_arg<ProgressMethod>(method, "progress method");
        tg.baseline = baseline;
        tg.target = target;
        if (relative) tg.relative = parse_relative_target(*relative);
        tg.floor = floor;
        tg.lo = lo;
        tg.hi = hi;
        tg.tolerance = tolerance;
        tg.scale_min = scale_min;
        tg.scale_max = scale_max;
        tg.cap = cap;
        for (const auto& [t, w, d] : milestones) tg.milestones.push_back({t, w, d});
        Diagnostics ds;
        const double p = progress(tg, value, &ds);
        const double perf = performance(tg, value, &ds);
        py::dict out;
        out["progress"] = p;
        out["performance"] = perf;
        out["attainment"] = attainment(tg, p);
        out["target"] = tg.absolute_target() ? *tg.absolute_target() : nan_value;
        out["diagnostics"] = diagnostics_list(ds);
        return out;
      },
      py::arg("kind"), py::arg("value"), py::arg("baseline") = py::none(),
      py::arg("target") = py::none(), py::arg("relative") = py::none(),
      py::arg("floor") = py::none(), py::arg("lo") = py::none(), py::arg("hi") = py::none(),
      py::arg("tolerance") = py::none(), py::arg("method") = "linear",
      py::arg("scale_min") = py::none(), py::arg("scale_max") = py::none(),
      py::arg("cap") = 1.0,
      py::arg("milestones") = std::vector<std::tuple<std::string, double, bool>>{},
      "Progress, performance, attainment and diagnostics of one target.");

  m.def("attainment", py::overload_cast<double, double>(&attainment), py::arg("progress"),
        py::arg("cap") = 1.0);
  m.def(
      "goal_red_flag_score",
      [](double v, double goal, double red_flag) { return goal_red_flag_score(v, goal, red_flag); },
      py::arg("value"), py::arg("goal"), py::arg("red_flag"));
  m.def(
      "google_band",
      [](double s, double yellow, double green) -> py::object {
        auto b = google_band(s, {yellow, green});
        return b ? py::object(py::str(to_string(*b))) : py::object(py::none());
      },
      py::arg("score"), py::arg("yellow") = 0.4, py::arg("green") = 0.7);
  m.def(
      "expected_progress",
      [](py::handle start, py::handle due, py::handle as_of, const std::string& curve,
         const std::vector<std::pair<py::object, double>>& points) {
        Plan p;
        p.curve = enum_arg<PlanCurve>(curve, "plan curve");
        for (const auto& [d, f] : points) p.points.push_back({to_date(d), f});
        return expected_progress(to_date(start), to_date(due), to_date(as_of), p);
      },
      py::arg("start"), py::arg("due"), py::arg("as_of"), py::arg("curve") = "linear",
      py::arg("points") = std::vector<std::pair<py::object, double>>{});
  m.def(
      "status",
      [](double p, double e, const std::string& rule, double tol, double on_track_ratio,
         double behind_ratio, bool past_due, double success) {
        StatusRule r{enum_arg<StatusRuleKind>(rule, "status rule"), tol, on_track_ratio,
                     behind_ratio};
        return to_string(status_of(p, e, r, past_due, success));
      },
      py::arg("progress"), py::arg("expected"), py::arg("rule") = "tolerance",
      py::arg("tol") = 0.1, py::arg("on_track_ratio") = 0.7, py::arg("behind_ratio") = 0.4,
      py::arg("past_due") = false, py::arg("success") = 1.0);

  // --- bulk -------------------------------------------------------------------
  m.def(
      "score_bulk",
      [](std::optional<karray> kind, int default_kind, darray baseline, darray target,
         darray value, std::optional<darray> cap, double cap_value, std::optional<darray> limit,
         std::optional<darray> lo, std::optional<darray> hi, std::optional<darray> tolerance,
         std::optional<darray> scale_min, std::optional<darray> scale_max, unsigned threads,
         std::optional<py::array> out_progress, std::optional<py::array> out_attainment) {
        if (value.ndim() != 1) throw py::value_error("score_bulk: 'value' must be 1-D");
        const std::size_t n = static_cast<std::size_t>(value.shape(0));
        BulkColumns c;
        c.size = n;
        if (kind) {
          if (kind->ndim() != 1 || static_cast<std::size_t>(kind->shape(0)) != n)
            throw py::value_error("score_bulk: 'kind' must be 1-D with " + std::to_string(n) +
                                  " rows (the length of 'value')");
          c.kind = kind->data();
        }
        if (default_kind < 0 || default_kind > kind_code(TargetKind::baseline))
          throw py::value_error("score_bulk: unknown default kind code");
        c.default_kind = static_cast<TargetKind>(default_kind);
        c.value = value.data();
        c.baseline = column(baseline, n, "baseline");
        c.target = column(target, n, "target");
        c.cap = column(cap, n, "cap");
        c.cap_value = cap_value;
        c.limit = column(limit, n, "floor");
        c.lo = column(lo, n, "lo");
        c.hi = column(hi, n, "hi");
        c.tolerance = column(tolerance, n, "tolerance");
        c.scale_min = column(scale_min, n, "scale_min");
        c.scale_max = column(scale_max, n, "scale_max");
        if (!c.scale_min != !c.scale_max)
          throw py::value_error("score_bulk: give both scale_min and scale_max or neither");
        // Outputs: caller's float64 C-contiguous writeable arrays (reused, no
        // page faults on fresh memory), else new numpy arrays.
        auto output = [&](const std::optional<py::array>& o, const char* name) -> darray {
          if (!o) return new_column(n);
          if (!py::isinstance<darray>(*o) || !(o->flags() & py::array::c_style) ||
              !o->writeable() || o->ndim() != 1 || static_cast<std::size_t>(o->shape(0)) != n ||
              !o->dtype().is(py::dtype::of<double>()))
            throw py::value_error(std::string("score_bulk: '") + name +
                                  "' must be a writeable C-contiguous float64 array of " +
                                  std::to_string(n) + " rows");
          return py::reinterpret_borrow<darray>(*o);
        };
        darray p = output(out_progress, "out[0]"), a = output(out_attainment, "out[1]");
        std::optional<darray> perf;
        if (c.scale_min) perf = new_column(n);
        BulkOutput o{p.mutable_data(), a.mutable_data(), perf ? perf->mutable_data() : nullptr};
        BulkSummary s;
        {
          py::gil_scoped_release nogil;
          s = score_bulk(c, o, threads);
        }
        py::dict summary;
        summary["rows"] = s.rows;
        summary["nan_progress"] = s.nan_progress;
        summary["bad_kind"] = s.bad_kind;
        return py::make_tuple(p, a, perf ? py::object(*perf) : py::object(py::none()), summary);
      },
      py::arg("kind"), py::arg("default_kind"), py::arg("baseline"), py::arg("target"),
      py::arg("value"), py::arg("cap"), py::arg("cap_value"), py::arg("floor"), py::arg("lo"),
      py::arg("hi"), py::arg("tolerance"), py::arg("scale_min"), py::arg("scale_max"),
      py::arg("threads"), py::arg("out_progress") = py::none(),
      py::arg("out_attainment") = py::none(),
      "Bulk progress / attainment (/ performance) arrays and a summary dict; GIL released.");

  // --- evaluate and the scorecard ---------------------------------------------
  py::class_<EvaluateOptions>(m, "EvaluateOptions")
      .def(py::init<>())
      .def_property(
          "status_rule", [](const EvaluateOptions& o) { return to_string(o.status_rule.kind); },
          [](EvaluateOptions& o, const std::string& s) {
            o.status_rule.kind = enum_arg<StatusRuleKind>(s, "status rule");
          })
      .def_property(
          "tol", [](const EvaluateOptions& o) { return o.status_rule.tol; },
          [](EvaluateOptions& o, double x) { o.status_rule.tol = x; })
      .def_property(
          "on_track_ratio", [](const EvaluateOptions& o) { return o.status_rule.on_track_ratio; },
          [](EvaluateOptions& o, double x) { o.status_rule.on_track_ratio = x; })
      .def_property(
          "behind_ratio", [](const EvaluateOptions& o) { return o.status_rule.behind_ratio; },
          [](EvaluateOptions& o, double x) { o.status_rule.behind_ratio = x; })
      .def_readwrite("aspirational_success", &EvaluateOptions::aspirational_success)
      .def_property(
          "grade_scale", [](const EvaluateOptions& o) { return to_string(o.grade_scale); },
          [](EvaluateOptions& o, const std::string& s) {
            o.grade_scale = enum_arg<GradeScale>(s, "grade scale");
          })
      .def_readwrite("projected_progress", &EvaluateOptions::projected_progress)
      .def_readwrite("outlook", &EvaluateOptions::outlook)
      .def_readwrite("outlook_min_periods", &EvaluateOptions::outlook_min_periods)
      .def_readwrite("forecast_based_status", &EvaluateOptions::forecast_based_status)
      .def_property(
          "status_from", [](const EvaluateOptions& o) { return to_string(o.status_from); },
          [](EvaluateOptions& o, const std::string& s) {
            o.status_from = enum_arg<StatusSource>(s, "status source");
          })
      .def_readwrite("disagree_on_track_below", &EvaluateOptions::disagree_on_track_below)
      .def_readwrite("disagree_off_track_above", &EvaluateOptions::disagree_off_track_above)
      .def_readwrite("validate_model", &EvaluateOptions::validate_model);

  py::class_<Scorecard>(m, "Scorecard")
      .def_property_readonly("as_of", [](const Scorecard& s) { return from_date(s.as_of); })
      .def("__len__", [](const Scorecard& s) { return s.nodes.size(); })
      .def(
          "node",
          [](const Scorecard& s, const std::string& id) -> py::object {
            const NodeScore* n = s.find(id);
            return n ? py::object(node_dict(*n)) : py::object(py::none());
          },
          py::arg("id"), "The row of node `id` as a dict, or None.")
      .def("columns", &scorecard_columns, "Column-wise dict: numpy arrays and lists.")
      .def_property_readonly("diagnostics",
                             [](const Scorecard& s) { return diagnostics_list(s.diagnostics); })
      .def("to_json", [](const Scorecard& s) { return to_json(s); })
      .def("to_csv", [](const Scorecard& s) { return to_csv(s); })
      .def("format_table", [](const Scorecard& s) { return format_table(s); })
      .def(py::pickle(&scorecard_state, &scorecard_from_state));

  m.def(
      "evaluate",
      [](const Model& model, const SeriesStore& series, py::handle as_of,
         const EvaluateOptions& options) {
        const Date d = to_date(as_of);
        py::gil_scoped_release nogil;
        return evaluate(model, series, d, options);
      },
      py::arg("model"), py::arg("series"), py::arg("as_of"),
      py::arg("options") = EvaluateOptions{},
      "Score every node of a model at `as_of` (GIL released).");
}

}  // namespace okrkit::python
