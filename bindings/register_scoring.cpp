// okrkit._core — scoring bindings: scalar functions, bulk scoring over numpy
// arrays (zero-copy in, GIL released), evaluate() and the Scorecard result.
// Conversions only: every formula lives in include/okrkit/.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <okrkit/detail/unoptional.hpp>
#include <okrkit/scoring/bulk.hpp>
#include <okrkit/scoring/grade.hpp>
#include <okrkit/scoring/progress.hpp>
#include <okrkit/scoring/node_score_fields.hpp>
#include <okrkit/scoring/scorecard.hpp>
#include <okrkit/scoring/history.hpp>
#include <okrkit/io/scorecard_io.hpp>
#include <okrkit/scoring/status.hpp>

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <type_traits>

#include "casters.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace okrkit::python {
namespace {

using darray = py::array_t<double, py::array::c_style | py::array::forcecast>;
using karray = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>;

// Dates from Python go through the one Date caster (bindings/casters.hpp),
// so every string date has the reader's 1700..2300 window.
Date to_date(const py::handle& h) {
  py::detail::make_caster<Date> c;
  if (!c.load(h, true)) throw py::type_error("expected a datetime.date or a 'YYYY-MM-DD' string");
  return py::detail::cast_op<Date>(std::move(c));
}

py::object from_date(const Date& d) { return py::cast(d); }

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

// A diagnostic in a pickle state: (severity, code, message, file, line, node, field).
py::tuple diagnostic_state(const Diagnostic& d) {
  return py::make_tuple(to_string(d.severity), d.code, d.message, d.where.file, d.where.line,
                        d.where.node, d.where.field);
}

Diagnostic diagnostic_from_state(const py::handle& h) {
  const auto t = h.cast<py::tuple>();
  Diagnostic d;
  const auto sev = t[0].cast<std::string>();
  d.severity = sev == "info"      ? Severity::info
               : sev == "warning" ? Severity::warning
                                  : Severity::error;
  d.code = t[1].cast<std::string>();
  d.message = t[2].cast<std::string>();
  d.where = Location(t[3].cast<std::string>(), t[4].cast<std::size_t>(), t[5].cast<std::string>(),
                     t[6].cast<std::string>());
  return d;
}

// --- scorecard rows: every conversion walks the field table -----------------
// (include/okrkit/scoring/node_score_fields.hpp), one case per field kind.

const char* kind_name(FieldKind k) {
  switch (k) {
    case FieldKind::text:
      return "text";
    case FieldKind::category:
      return "category";
    case FieldKind::number:
      return "number";
    case FieldKind::date:
      return "date";
    case FieldKind::flag:
      return "flag";
    case FieldKind::count:
      return "count";
    case FieldKind::diagnostics:
      return "diagnostics";
  }
  return "?";
}

// (name, kind, nullable, categories, ordered, empty_is_none) per field.
py::list node_score_field_list() {
  py::list out;
  for_each_field([&](const auto& f) {
    using F = std::decay_t<decltype(f)>;
    py::list cats;
    if constexpr (F::kind == FieldKind::category) {
      using E = okrkit::detail::unoptional_t<typename F::member_type>;
      for (const auto& [v, name] : detail::enum_names<E>::names) {
        (void)v;
        cats.append(py::str(std::string(name)));
      }
    }
    out.append(py::make_tuple(std::string(f.name), kind_name(F::kind), F::nullable, cats,
                              f.has(ordered), f.has(empty_is_none)));
  });
  return out;
}

// A field's value as a Python object: for node() (dates as datetime.date) and
// the pickle state (dates as "YYYY-MM-DD", diagnostics as tuples).
template <class F>
py::object field_object(const NodeScore& n, const F& f, bool for_state) {
  const auto& v = n.*(f.member);
  if constexpr (F::kind == FieldKind::category) {
    if constexpr (F::nullable)
      return v ? py::object(py::str(to_string(*v))) : py::object(py::none());
    else
      return py::str(to_string(v));
  } else if constexpr (F::kind == FieldKind::number && F::nullable) {
    return v ? py::object(py::float_(*v)) : py::object(py::none());
  } else if constexpr (F::kind == FieldKind::date) {
    if (!v) return py::none();
    return for_state ? py::object(py::str(format_date(*v))) : from_date(*v);
  } else if constexpr (F::kind == FieldKind::diagnostics) {
    if (!for_state) return diagnostics_list(v);
    py::list ds;
    for (const auto& d : v) ds.append(diagnostic_state(d));
    return ds;
  } else {
    return py::cast(v);
  }
}

// The inverse of field_object(.., true).
template <class F>
void field_from_state(NodeScore& n, const F& f, const py::handle& h) {
  auto& v = n.*(f.member);
  using M = typename F::member_type;
  if constexpr (F::kind == FieldKind::category) {
    using E = okrkit::detail::unoptional_t<M>;
    if constexpr (F::nullable) {
      if (h.is_none())
        v.reset();
      else
        v = enum_arg<E>(h.cast<std::string>(), std::string(f.name).c_str());
    } else {
      v = enum_arg<E>(h.cast<std::string>(), std::string(f.name).c_str());
    }
  } else if constexpr (F::kind == FieldKind::number && F::nullable) {
    if (h.is_none())
      v.reset();
    else
      v = h.cast<double>();
  } else if constexpr (F::kind == FieldKind::date) {
    if (h.is_none())
      v.reset();
    else
      v = parse_date(h.cast<std::string>());
  } else if constexpr (F::kind == FieldKind::diagnostics) {
    v.clear();
    for (const auto& d : h.cast<py::list>()) v.push_back(diagnostic_from_state(d));
  } else {
    v = h.cast<M>();
  }
}

py::dict node_dict(const NodeScore& n) {
  py::dict d;
  for_each_field(
      [&](const auto& f) { d[py::str(std::string(f.name))] = field_object(n, f, false); });
  return d;
}

// Column-wise view of a scorecard: numbers as float64 arrays (NaN = none),
// flags as bool and counts as int64 arrays, text and categories as lists of
// str ("" = none), dates as lists of "YYYY-MM-DD" or None, diagnostics as
// "code: message | ..." text.
py::dict scorecard_columns(const Scorecard& sc) {
  const std::size_t n = sc.nodes.size();
  py::dict out;
  for_each_field([&](const auto& f) {
    using F = std::decay_t<decltype(f)>;
    const py::str name(std::string(f.name));
    if constexpr (F::kind == FieldKind::number) {
      darray a = new_column(n);
      double* p = a.mutable_data();
      for (std::size_t i = 0; i < n; ++i) {
        const auto& v = sc.nodes[i].*(f.member);
        if constexpr (F::nullable)
          p[i] = v ? *v : nan_value;
        else
          p[i] = v;
      }
      out[name] = a;
    } else if constexpr (F::kind == FieldKind::flag) {
      py::array_t<bool> a(static_cast<py::ssize_t>(n));
      bool* p = a.mutable_data();
      for (std::size_t i = 0; i < n; ++i) p[i] = sc.nodes[i].*(f.member);
      out[name] = a;
    } else if constexpr (F::kind == FieldKind::count) {
      py::array_t<std::int64_t> a(static_cast<py::ssize_t>(n));
      std::int64_t* p = a.mutable_data();
      for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<std::int64_t>(sc.nodes[i].*(f.member));
      out[name] = a;
    } else {
      py::list l(n);
      for (std::size_t i = 0; i < n; ++i) {
        const auto& v = sc.nodes[i].*(f.member);
        if constexpr (F::kind == FieldKind::text) {
          l[i] = py::str(v);
        } else if constexpr (F::kind == FieldKind::category) {
          if constexpr (F::nullable)
            l[i] = py::str(v ? to_string(*v) : std::string());
          else
            l[i] = py::str(to_string(v));
        } else if constexpr (F::kind == FieldKind::date) {
          l[i] = v ? py::object(py::str(format_date(*v))) : py::object(py::none());
        } else {
          std::string s;
          for (const auto& d : v) {
            if (!s.empty()) s += " | ";
            s += d.code + ": " + d.message;
          }
          l[i] = py::str(s);
        }
      }
      out[name] = l;
    }
  });
  return out;
}

// Every diagnostic (the scorecard's, then each node's) as columns for the
// Python DataFrame (okrkit.Scorecard.diagnostics).
py::dict diagnostic_columns(const Scorecard& sc) {
  py::list sev, code, node, field, file, line, msg;
  auto add = [&](const Diagnostic& d) {
    sev.append(py::str(to_string(d.severity)));
    code.append(py::str(d.code));
    node.append(py::str(d.where.node));
    field.append(py::str(d.where.field));
    file.append(py::str(d.where.file));
    line.append(py::int_(d.where.line));
    msg.append(py::str(d.message));
  };
  for (const auto& d : sc.diagnostics) add(d);
  for (const auto& n : sc.nodes)
    for (const auto& d : n.diagnostics) add(d);
  py::dict out;
  out["severity"] = sev;
  out["code"] = code;
  out["node"] = node;
  out["field"] = field;
  out["file"] = file;
  out["line"] = line;
  out["message"] = msg;
  return out;
}

// --- pickling: versioned state -------------------------------------------------
// Version 2: (2, as_of, field names, rows, diagnostics); a row is a tuple of
// the fields in the order of the names, enums as their names, dates as
// "YYYY-MM-DD". Fields are matched by name: a state from an okrkit with fewer
// fields loads (the missing ones keep their defaults); a field this okrkit
// does not know is an error, never dropped.
// Version 1 (okrkit 0.1): (1, as_of, rows, diagnostics) with the 23 fields
// below, frozen.
constexpr const char* kStateV1[] = {
    "id",         "kind",         "parent",       "unit",       "value",      "baseline",
    "target",     "progress",     "performance",  "attainment", "grade",      "band",
    "rating",     "rule_label",   "expected",     "status",     "health",     "confidence",
    "value_date", "value_source", "score_source", "incomplete", "diagnostics"};

py::tuple scorecard_state(const Scorecard& sc) {
  py::list names;
  for_each_field([&](const auto& f) { names.append(py::str(std::string(f.name))); });
  py::list rows;
  for (const auto& n : sc.nodes) {
    py::tuple row(node_score_field_count);
    std::size_t i = 0;
    for_each_field([&](const auto& f) { row[i++] = field_object(n, f, true); });
    rows.append(row);
  }
  py::list ds;
  for (const auto& d : sc.diagnostics) ds.append(diagnostic_state(d));
  py::list cs;
  for (const auto& c : sc.cycles)
    cs.append(py::make_tuple(c.id, to_string(c.state), c.score, c.objectives, c.scored, c.reason,
                             c.p_success));
  return py::make_tuple(3, format_date(sc.as_of), names, rows, ds, cs, sc.current_cycle());
}

py::dict cycle_dict(const CycleScore& c) {
  py::dict d;
  d["id"] = c.id;
  d["state"] = to_string(c.state);
  d["score"] = std::isnan(c.score) ? py::object(py::none()) : py::object(py::float_(c.score));
  d["objectives"] = c.objectives;
  d["scored"] = c.scored;
  d["reason"] = c.reason;
  d["p_success"] =
      std::isnan(c.p_success) ? py::object(py::none()) : py::object(py::float_(c.p_success));
  return d;
}

Scorecard scorecard_from_state(const py::tuple& t) {
  const int version = t.size() > 0 ? t[0].cast<int>() : 0;
  if (!((version == 1 && t.size() == 4) || (version == 2 && t.size() == 5) ||
        (version == 3 && t.size() == 7)))
    throw DomainError("unsupported okrkit.Scorecard pickle state (version " +
                      std::to_string(version) + "; this okrkit reads versions 1 to 3)");
  std::vector<std::string> names;
  if (version == 1)
    names.assign(std::begin(kStateV1), std::end(kStateV1));
  else
    for (const auto& h : t[2].cast<py::list>()) names.push_back(h.cast<std::string>());
  // position of each table field in the state's rows (npos = not in the state)
  std::vector<std::size_t> at(node_score_field_count, static_cast<std::size_t>(-1));
  for (std::size_t j = 0; j < names.size(); ++j) {
    std::size_t i = 0, found = static_cast<std::size_t>(-1);
    for_each_field([&](const auto& f) {
      if (f.name == names[j]) found = i;
      ++i;
    });
    if (found == static_cast<std::size_t>(-1))
      throw DomainError("okrkit.Scorecard pickle state has a field '" + names[j] +
                        "' this okrkit does not know (written by a newer okrkit?)");
    at[found] = j;
  }
  Scorecard sc;
  sc.as_of = parse_date(t[1].cast<std::string>());
  for (const auto& h : t[version == 1 ? 2 : 3].cast<py::list>()) {
    const auto row = h.cast<py::tuple>();
    if (row.size() != names.size()) throw DomainError("corrupt okrkit.Scorecard pickle state");
    NodeScore n;
    std::size_t i = 0;
    for_each_field([&](const auto& f) {
      if (at[i] != static_cast<std::size_t>(-1)) field_from_state(n, f, row[at[i]]);
      ++i;
    });
    sc.nodes.push_back(std::move(n));
  }
  for (const auto& d : t[version == 1 ? 3 : 4].cast<py::list>())
    sc.diagnostics.push_back(diagnostic_from_state(d));
  if (version >= 3) {
    for (const auto& h : t[5].cast<py::list>()) {
      const auto c = h.cast<py::tuple>();
      CycleScore cs;
      cs.id = c[0].cast<std::string>();
      cs.state = enum_arg<CycleState>(c[1].cast<std::string>(), "cycle state");
      cs.score = c[2].cast<double>();
      cs.objectives = c[3].cast<std::size_t>();
      cs.scored = c[4].cast<std::size_t>();
      cs.reason = c[5].cast<std::string>();
      if (c.size() > 6) cs.p_success = c[6].cast<double>();  // older states: none
      sc.cycles.push_back(std::move(cs));
    }
    sc.set_current_cycle(t[6].cast<std::string>());
  }
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
      py::arg("scale_min") = py::none(), py::arg("scale_max") = py::none(), py::arg("cap") = 1.0,
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
      py::arg("progress"), py::arg("expected"), py::arg("rule") = "tolerance", py::arg("tol") = 0.1,
      py::arg("on_track_ratio") = 0.7, py::arg("behind_ratio") = 0.4, py::arg("past_due") = false,
      py::arg("success") = 1.0);

  // --- bulk -------------------------------------------------------------------
  m.def(
      "score_bulk",
      [](std::optional<karray> kind, int default_kind, darray baseline, darray target, darray value,
         std::optional<darray> cap, double cap_value, std::optional<darray> limit,
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
      .def_readwrite("threads", &EvaluateOptions::threads)
      .def_property(
          "bands",
          [](const EvaluateOptions& o) { return std::make_pair(o.bands.yellow, o.bands.green); },
          [](EvaluateOptions& o, const std::pair<double, double>& b) {
            o.bands.yellow = b.first;
            o.bands.green = b.second;
          },
          "(lowest yellow, lowest green) score of the band column.")
      .def_property(
          "rating",
          [](const EvaluateOptions& o) -> py::object {
            if (!o.rating) return py::none();
            py::list l;
            for (const auto& b : o.rating->bands)
              l.append(py::make_tuple(b.min, b.rating, b.label));
            return l;
          },
          [](EvaluateOptions& o,
             const std::optional<std::vector<std::tuple<double, double, std::string>>>& r) {
            if (!r) {
              o.rating.reset();
              return;
            }
            RatingScale s;
            for (const auto& [lo, rating, label] : *r) s.bands.push_back({lo, rating, label});
            o.rating = std::move(s);
          },
          "Rating bands (min, rating, label), or None.")
      .def_property(
          "rules",
          [](const EvaluateOptions& o) {
            py::list l;
            for (const auto& r : o.rules)
              l.append(py::make_tuple(to_string(r.op), r.factor, r.offset, r.label));
            return l;
          },
          [](EvaluateOptions& o,
             const std::vector<std::tuple<std::string, double, double, std::string>>& rs) {
            o.rules.clear();
            for (const auto& [op, factor, offset, label] : rs)
              o.rules.push_back(
                  {enum_arg<Comparison>(op, "rule comparison"), factor, offset, label});
          },
          "Evaluation rules (op, factor, offset, label): op one of >=, >, <=, <, always.")
      .def_property(
          "status_from", [](const EvaluateOptions& o) { return to_string(o.status_from); },
          [](EvaluateOptions& o, const std::string& s) {
            o.status_from = enum_arg<StatusSource>(s, "status source");
          })
      .def_readwrite("disagree_on_track_below", &EvaluateOptions::disagree_on_track_below)
      .def_readwrite("disagree_off_track_above", &EvaluateOptions::disagree_off_track_above)
      .def_readwrite("validate_model", &EvaluateOptions::validate_model)
      .def_property(
          "reconcile", [](const EvaluateOptions& o) { return to_string(o.reconcile); },
          [](EvaluateOptions& o, const std::string& s) {
            o.reconcile = enum_arg<OutlookReconcile>(s, "outlook reconciliation");
          })
      .def_readwrite("outlook_draws", &EvaluateOptions::outlook_draws)
      .def_readwrite("seed", &EvaluateOptions::seed)
      .def_readwrite("success_threshold", &EvaluateOptions::success_threshold)
      .def_property(
          "pace_amber_gap", [](const EvaluateOptions& o) { return o.status_rule.pace_amber_gap; },
          [](EvaluateOptions& o, double x) { o.status_rule.pace_amber_gap = x; })
      .def_property(
          "pace_red_gap", [](const EvaluateOptions& o) { return o.status_rule.pace_red_gap; },
          [](EvaluateOptions& o, double x) { o.status_rule.pace_red_gap = x; })
      .def_property(
          "absolute_green", [](const EvaluateOptions& o) { return o.status_rule.absolute_green; },
          [](EvaluateOptions& o, double x) { o.status_rule.absolute_green = x; })
      .def_property(
          "absolute_red", [](const EvaluateOptions& o) { return o.status_rule.absolute_red; },
          [](EvaluateOptions& o, double x) { o.status_rule.absolute_red = x; })
      .def_property(
          "abandoned", [](const EvaluateOptions& o) { return to_string(o.abandoned); },
          [](EvaluateOptions& o, const std::string& s) {
            o.abandoned = enum_arg<AbandonedPolicy>(s, "abandoned policy");
          })
      .def_readwrite("grace_days", &EvaluateOptions::grace_days)
      .def_readwrite("checkin_window_days", &EvaluateOptions::checkin_window_days)
      .def_property(
          "kpi_default_thresholds",
          [](const EvaluateOptions& o) {
            return std::make_pair(o.kpi_defaults.yellow, o.kpi_defaults.green);
          },
          [](EvaluateOptions& o, const std::pair<double, double>& b) {
            o.kpi_defaults.yellow = b.first;
            o.kpi_defaults.green = b.second;
          },
          "(yellow, green) lowest achievement of the default KPI thresholds.");

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
      .def("diagnostic_columns", &diagnostic_columns,
           "Every diagnostic (the scorecard's, then each node's) as columns.")
      .def_property_readonly("diagnostics",
                             [](const Scorecard& s) { return diagnostics_list(s.diagnostics); })
      .def_property_readonly("cycles",
                             [](const Scorecard& s) {
                               py::list l;
                               for (const auto& c : s.cycles) l.append(cycle_dict(c));
                               return l;
                             })
      .def_property_readonly("current_cycle", &Scorecard::current_cycle)
      .def("to_json", [](const Scorecard& s) { return to_json(s); })
      .def("to_csv", [](const Scorecard& s) { return to_csv(s); })
      .def("format_table", [](const Scorecard& s) { return format_table(s); })
      .def(py::pickle(&scorecard_state, &scorecard_from_state))
      .def_property_readonly("live", &Scorecard::live)
      .def(
          "update",
          [](Scorecard& s, Model& model, SeriesStore& store, const std::vector<std::string>& series,
             const std::vector<py::handle>& dates, const std::vector<double>& values,
             const std::vector<double>& numerators, const std::vector<double>& denominators,
             const std::vector<std::string>& checkin_krs,
             const std::vector<py::handle>& checkin_dates,
             const std::vector<std::optional<double>>& checkin_values,
             const std::vector<std::optional<double>>& checkin_confidences,
             const std::string& duplicates) {
            ScorecardChanges ch;
            ch.duplicates = enum_arg<DuplicatePolicy>(duplicates, "duplicates policy");
            ch.measurements.resize(series.size());
            for (std::size_t i = 0; i < series.size(); ++i) {
              auto& m = ch.measurements[i];
              m.series = series[i];
              m.date = to_date(dates.at(i));
              m.value = values.at(i);
              if (!numerators.empty()) m.numerator = numerators.at(i);
              if (!denominators.empty()) m.denominator = denominators.at(i);
            }
            for (std::size_t i = 0; i < checkin_krs.size(); ++i)
              ch.checkins.push_back({checkin_krs[i],
                                     {to_date(checkin_dates.at(i)), checkin_values.at(i),
                                      checkin_confidences.at(i), ""}});
            UpdateResult r;
            {
              py::gil_scoped_release nogil;
              r = s.update(model, store, ch);
            }
            return py::make_tuple(r.rescored, r.full);
          },
          py::arg("model"), py::arg("series_store"), py::arg("series"), py::arg("dates"),
          py::arg("values"), py::arg("numerators"), py::arg("denominators"),
          py::arg("checkin_key_results"), py::arg("checkin_dates"), py::arg("checkin_values"),
          py::arg("checkin_confidences"), py::arg("duplicates"),
          "Append measurements / check-ins and re-score only the rows they reach "
          "(Scorecard::update); returns (rows re-scored, full re-evaluation).");

  m.def("node_score_fields", &node_score_field_list,
        "The scorecard row's field table: (name, kind, nullable, categories, ordered, "
        "empty_is_none) per column, in order.");

  m.def(
      "evaluate",
      [](const Model& model, const SeriesStore& series, py::handle as_of, EvaluateOptions options,
         std::optional<py::function> on_progress) {
        const Date d = to_date(as_of);
        // The callback runs on a worker thread without the GIL: take it for the
        // call; the first exception stops the reporting and is raised afterwards.
        std::optional<py::error_already_set> failure;
        if (on_progress) {
          options.on_progress = [&](std::size_t done, std::size_t total) {
            py::gil_scoped_acquire gil;
            if (failure) return;
            try {
              (*on_progress)(done, total);
            } catch (py::error_already_set& e) {
              failure = std::move(e);
            }
          };
        }
        Scorecard sc;
        {
          py::gil_scoped_release nogil;
          sc = evaluate(model, series, d, options);
        }
        if (failure) throw std::move(*failure);
        return sc;
      },
      py::arg("model"), py::arg("series"), py::arg("as_of"), py::arg("options") = EvaluateOptions{},
      py::arg("on_progress") = py::none(),
      "Score every node of a model at `as_of` (GIL released).");
  m.def(
      "evaluate_history",
      [](const Model& model, const SeriesStore& series, const std::vector<Date>& dates,
         const EvaluateOptions& options) {
        py::gil_scoped_release nogil;
        return evaluate_history(model, series, dates, options);
      },
      py::arg("model"), py::arg("series"), py::arg("dates"), py::arg("options") = EvaluateOptions{},
      "The scorecards at `dates`, in order, the model resolved once (GIL released).");
  m.def(
      "history_dates",
      [](const Model& model, std::string_view step, std::string_view cycle) {
        const auto s = parse_history_step(step);
        if (!s)
          throw DomainError("history dates: step '" + std::string(step) +
                            "' is not 'weekly' or 'monthly'");
        return history_dates(model, *s, cycle);
      },
      py::arg("model"), py::arg("step"), py::arg("cycle") = "",
      "As-of dates across a cycle, weekly or monthly, start and end included.");
}

}  // namespace okrkit::python
