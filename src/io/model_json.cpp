// okrkit — the JSON model format (docs/model-format.md). Reading collects every
// problem (wrong types, unknown fields, bad dates) with file, line, node and
// field, then adds validate()'s findings, and throws once with all of them.
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <set>

#include "io/json_reader.hpp"
#include "okrkit/io/atomic_file.hpp"
#include "okrkit/io/model_io.hpp"
#include "okrkit/time/date_input.hpp"
#include "okrkit/time/period.hpp"
#include "okrkit/model/validate.hpp"

namespace okrkit {

namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

/// The format version written into every file; readers accept <= this.
constexpr int format_version = 1;

struct Context {
  const detail::LocatedJson& doc;
  std::string file;
  std::vector<Diagnostic> problems;
  SourceMap& sources;

  std::size_t line_of(const std::string& pointer) const {
    auto it = doc.lines.find(pointer);
    return it == doc.lines.end() ? 0 : it->second;
  }
  void error(const std::string& code, const std::string& message, const std::string& pointer,
             const std::string& node, const std::string& field) {
    problems.push_back(
        {Severity::error, code, message, Location{file, line_of(pointer), node, field}});
  }
};

const char* type_name(const json& j) {
  switch (j.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

// Reads the fields of one JSON object, remembering which keys were used so that
// unknown (probably misspelt) keys can be reported.
class ObjectReader {
 public:
  ObjectReader(Context& ctx, const json& j, std::string pointer, std::string node,
               std::string prefix = "")
      : ctx_(ctx),
        j_(j),
        ptr_(std::move(pointer)),
        node_(std::move(node)),
        prefix_(std::move(prefix)) {}

  void set_node(const std::string& id) {
    node_ = id;
    if (prefix_.empty()) ctx_.sources.lines[{node_, ""}] = ctx_.line_of(ptr_);
  }
  const std::string& node() const { return node_; }
  std::string pointer(const char* key) const { return ptr_ + "/" + key; }
  std::string field(const char* key) const { return prefix_ + key; }

  const json* get(const char* key) {
    used_.insert(key);
    auto it = j_.find(key);
    if (it == j_.end()) return nullptr;
    ctx_.sources.lines[{node_, field(key)}] = ctx_.line_of(pointer(key));
    return &*it;
  }
  void wrong_type(const char* key, const json& v, const char* expected) {
    ctx_.error("wrong-type", std::string("expected ") + expected + ", got " + type_name(v),
               pointer(key), node_, field(key));
  }

  std::string str(const char* key, bool required = false) {
    const json* v = get(key);
    if (!v) {
      if (required)
        ctx_.error("missing-field", "required field is missing", ptr_, node_, field(key));
      return {};
    }
    if (!v->is_string()) {
      wrong_type(key, *v, "a string");
      return {};
    }
    return v->get<std::string>();
  }
  std::optional<double> num(const char* key) {
    const json* v = get(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_number()) {
      wrong_type(key, *v, "a number");
      return std::nullopt;
    }
    return v->get<double>();
  }
  double num_or(const char* key, double def) { return num(key).value_or(def); }
  std::optional<bool> boolean(const char* key) {
    const json* v = get(key);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
      wrong_type(key, *v, "true or false");
      return std::nullopt;
    }
    return v->get<bool>();
  }
  std::optional<Date> date(const char* key) {
    const json* v = get(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string()) {
      wrong_type(key, *v, "a date string YYYY-MM-DD");
      return std::nullopt;
    }
    // The window and wording of measurement dates (time/date_input.hpp): a
    // Solar Hijri date typed here would otherwise score a 15th-century cycle.
    Date out;
    std::string code;
    const std::string why =
        detail::read_input_date(v->get<std::string>(), DateCalendar::gregorian, out, &code,
                                "model dates are Gregorian, write that day instead");
    if (!why.empty()) {
      ctx_.error(code.c_str(), why, pointer(key), node_, field(key));
      return std::nullopt;
    }
    return out;
  }
  template <class E>
  E enumeration(const char* key, E def) {
    const json* v = get(key);
    if (!v) return def;
    if (!v->is_string()) {
      wrong_type(key, *v, "a string");
      return def;
    }
    auto s = v->get<std::string>();
    if (auto e = detail::enum_from_string<E>(s)) return *e;
    ctx_.error("unknown-value",
               "unknown value '" + s + "' (expected one of: " + detail::enum_choices<E>() + ")",
               pointer(key), node_, field(key));
    return def;
  }
  const json* array(const char* key) {
    const json* v = get(key);
    if (v && !v->is_array()) {
      wrong_type(key, *v, "an array");
      return nullptr;
    }
    return v;
  }
  std::vector<std::string> strings(const char* key) {
    std::vector<std::string> out;
    const json* a = array(key);
    if (!a) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const json& e = (*a)[i];
      if (!e.is_string()) {
        ctx_.error("wrong-type", std::string("expected a string, got ") + type_name(e),
                   pointer(key) + "/" + std::to_string(i), node_,
                   field(key) + "[" + std::to_string(i) + "]");
        continue;
      }
      out.push_back(e.get<std::string>());
    }
    return out;
  }
  /// Report keys that no reader asked for.
  void finish() {
    for (auto it = j_.begin(); it != j_.end(); ++it)
      if (!used_.count(it.key()))
        ctx_.error("unknown-field", "unknown field '" + it.key() + "'", pointer(it.key().c_str()),
                   node_, field(it.key().c_str()));
  }
  Context& context() { return ctx_; }

 private:
  Context& ctx_;
  const json& j_;
  std::string ptr_, node_, prefix_;
  std::set<std::string> used_;
};

// Calls fn(ObjectReader&) for each object element of top-level array `key`.
template <class Fn>
void for_each_object(Context& ctx, const json& root, const char* key, Fn fn) {
  auto it = root.find(key);
  if (it == root.end()) return;
  std::string ptr = std::string("/") + key;
  if (!it->is_array()) {
    ctx.error("wrong-type", std::string("expected an array, got ") + type_name(*it), ptr, "", key);
    return;
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& e = (*it)[i];
    std::string eptr = ptr + "/" + std::to_string(i);
    if (!e.is_object()) {
      ctx.error("wrong-type", std::string("expected an object, got ") + type_name(e), eptr, "",
                std::string(key) + "[" + std::to_string(i) + "]");
      continue;
    }
    ObjectReader r(ctx, e, eptr, "");
    std::string id = r.str("id", true);
    r.set_node(id);
    fn(r);
    r.finish();
  }
}

// Calls fn(ObjectReader&, index) for each element of a nested array of objects.
template <class Fn>
void for_each_nested(ObjectReader& parent, const char* key, Fn fn) {
  const json* a = parent.array(key);
  if (!a) return;
  for (std::size_t i = 0; i < a->size(); ++i) {
    std::string eptr = parent.pointer(key) + "/" + std::to_string(i);
    std::string prefix = parent.field(key) + "[" + std::to_string(i) + "].";
    const json& e = (*a)[i];
    if (!e.is_object()) {
      parent.context().error("wrong-type", std::string("expected an object, got ") + type_name(e),
                             eptr, parent.node(),
                             parent.field(key) + "[" + std::to_string(i) + "]");
      continue;
    }
    ObjectReader r(parent.context(), e, eptr, parent.node(), prefix);
    fn(r, i);
    r.finish();
  }
}

// A list whose elements are either "id" or {"<idkey>": "id", "weight": w}.
template <class T, class Make>
std::vector<T> weighted_links(ObjectReader& r, const char* key, const char* idkey, Make make) {
  std::vector<T> out;
  const json* a = r.array(key);
  if (!a) return out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const json& e = (*a)[i];
    if (e.is_string()) {
      out.push_back(make(e.get<std::string>(), 1.0));
      continue;
    }
    std::string eptr = r.pointer(key) + "/" + std::to_string(i);
    std::string prefix = r.field(key) + "[" + std::to_string(i) + "].";
    if (!e.is_object()) {
      r.context().error("wrong-type",
                        std::string("expected an id string or an object, got ") + type_name(e),
                        eptr, r.node(), r.field(key) + "[" + std::to_string(i) + "]");
      continue;
    }
    ObjectReader er(r.context(), e, eptr, r.node(), prefix);
    std::string id = er.str(idkey, true);
    double w = er.num_or("weight", 1.0);
    er.finish();
    out.push_back(make(id, w));
  }
  return out;
}

void read_target(ObjectReader& r, Target& t) {
  t.kind = r.enumeration("kind", TargetKind::increase);
  t.method = r.enumeration("method", ProgressMethod::linear);
  t.baseline = r.num("baseline");
  if (const json* v = r.get("target")) {
    if (v->is_number()) {
      t.target = v->get<double>();
    } else if (v->is_string()) {
      try {
        t.relative = parse_relative_target(v->get<std::string>());
      } catch (const ParseError& e) {
        r.context().error("bad-target", e.what(), r.pointer("target"), r.node(), r.field("target"));
      }
    } else if (!v->is_null()) {
      r.wrong_type("target", *v, "a number or a relative target string (\"+40%\", \"x1.5\")");
    }
  }
  t.lo = r.num("lo");
  t.hi = r.num("hi");
  t.tolerance = r.num("tolerance");
  t.floor = r.num("floor");
  t.scale_min = r.num("min");
  t.scale_max = r.num("max");
  if (const json* v = r.get("cap")) {
    if (v->is_number())
      t.cap = v->get<double>();
    else if (v->is_string() && v->get<std::string>() == "none")
      t.cap = std::numeric_limits<double>::infinity();
    else
      r.wrong_type("cap", *v, "a number or \"none\"");
  }
  for_each_nested(r, "milestones", [&](ObjectReader& m, std::size_t) {
    Milestone ms;
    ms.title = m.str("title");
    ms.weight = m.num_or("weight", 1.0);
    ms.done = m.boolean("done").value_or(false);
    t.milestones.push_back(ms);
  });
}

// A node's "lint_disable": [rule ids]; kept (even when empty) so dump_model round-trips.
void read_lint_disable(ObjectReader& r, Model& m) {
  if (!r.get("lint_disable")) return;
  m.lint_disable[r.node()] = r.strings("lint_disable");
}

// closed_on / final_score / note of an objective or key result (docs/lifecycle.md);
// validate() checks they fit the state.
void read_close_out(ObjectReader& r, CloseOut& c) {
  c.closed_on = r.date("closed_on");
  c.final_score = r.num("final_score");
  c.note = r.str("note");
}

Model read_model(const detail::LocatedJson& doc, const std::string& file) {
  Model m;
  m.sources.file = file;
  Context ctx{doc, file, {}, m.sources};
  const json& root = doc.root;
  if (!root.is_object()) {
    ctx.error("wrong-type",
              std::string("expected a JSON object at the top, got ") + type_name(root), "", "", "");
    throw ValidationError(ctx.problems);
  }
  ObjectReader top(ctx, root, "", "");
  if (auto v = top.num("okrkit")) {
    // Quoted as written: a huge or fractional number is never cast to an
    // integer (17777777777777777777 overflowed long long; found by fuzzing).
    const std::string given = top.get("okrkit")->dump();
    if (!(*v >= 1.0) || *v != std::floor(*v))
      ctx.error("bad-version", "format version must be a whole number >= 1, got " + given,
                "/okrkit", "", "okrkit");
    else if (*v > format_version)
      ctx.error("unsupported-version",
                "format version " + given + " is newer than this okrkit reads (" +
                    std::to_string(format_version) + ")",
                "/okrkit", "", "okrkit");
  }
  m.name = top.str("name");
  if (const json* l = top.get("lint")) {
    if (!l->is_object()) {
      top.wrong_type("lint", *l, "an object");
    } else {
      ObjectReader lr(ctx, *l, "/lint", "", "lint.");
      if (auto d = lr.strings("disable"); lr.get("disable")) m.lint_disable[""] = std::move(d);
      lr.finish();
    }
  }
  for (const char* k :
       {"units", "people", "cycles", "perspectives", "objectives", "key_results", "kpis", "csfs"})
    top.get(k);  // read below
  top.finish();

  for_each_object(ctx, root, "units", [&](ObjectReader& r) {
    OrgUnit u{r.node(), r.str("name"), r.str("parent"), r.str("kind")};
    m.units.push_back(u);
  });
  for_each_object(ctx, root, "people", [&](ObjectReader& r) {
    m.people.push_back(Person{r.node(), r.str("name"), r.str("unit")});
  });
  for_each_object(ctx, root, "cycles", [&](ObjectReader& r) {
    Cycle c;
    c.id = r.node();
    c.period = r.str("period");
    auto s = r.date("start"), e = r.date("end");
    const bool has_s = r.get("start") != nullptr, has_e = r.get("end") != nullptr;
    if (!c.period.empty() && !has_s && !has_e) {
      // A cycle given by its period label only: dates from the label
      // ("2025-Q2", "1404-Q1", "FY2026-Q1"); not written back (dates_from_period).
      try {
        const Period p = parse_period(c.period);
        c.start = p.start();
        c.end = p.end();
        c.dates_from_period = true;
      } catch (const Error&) {
        // validate() reports the label ("bad-period", naming node and field)
      }
    } else {
      if (!has_s)
        ctx.error("missing-field", "required field is missing", r.pointer("start"), c.id, "start");
      if (!has_e)
        ctx.error("missing-field", "required field is missing", r.pointer("end"), c.id, "end");
    }
    if (s) c.start = *s;
    if (e) c.end = *e;
    c.state = r.enumeration("state", CycleState::active);
    m.cycles.push_back(c);
  });
  for_each_object(ctx, root, "perspectives", [&](ObjectReader& r) {
    m.perspectives.push_back(Perspective{r.node(), r.str("name"), r.num_or("weight", 1.0)});
  });
  for_each_object(ctx, root, "objectives", [&](ObjectReader& r) {
    Objective o;
    o.id = r.node();
    o.title = r.str("title");
    o.description = r.str("description");
    o.owner = r.str("owner");
    o.unit = r.str("unit");
    o.cycle = r.str("cycle");
    o.type = r.enumeration("type", ObjectiveType::committed);
    o.aligns_to =
        weighted_links<Alignment>(r, "aligns_to", "objective", [](std::string id, double w) {
          return Alignment{std::move(id), w};
        });
    o.perspective = r.str("perspective");
    o.weight = r.num_or("weight", 1.0);
    o.rollup = r.enumeration("rollup", RollupMethod::weighted_mean);
    o.missing = r.enumeration("missing", MissingPolicy::exclude);
    o.weakest_child_status = r.boolean("weakest_child_status").value_or(false);
    o.score_override = r.num("score_override");
    o.state = r.enumeration("state", NodeState::active);
    read_close_out(r, o.close);
    read_lint_disable(r, m);
    m.objectives.push_back(o);
  });
  for_each_object(ctx, root, "key_results", [&](ObjectReader& r) {
    KeyResult k;
    k.id = r.node();
    k.objective = r.str("objective", true);
    k.title = r.str("title");
    k.owner = r.str("owner");
    read_target(r, k.target);
    k.measure_unit = r.str("measure_unit");
    k.weight = r.num_or("weight", 1.0);
    for_each_nested(r, "weights", [&](ObjectReader& w, std::size_t) {
      k.weights.push_back(DatedWeight{w.date("from"), w.date("to"), w.num_or("weight", 1.0)});
    });
    k.start = r.date("start");
    k.due = r.date("due");
    k.tracked_by = r.strings("tracked_by");
    k.series = r.str("series");
    k.aggregation = r.enumeration("aggregation", Aggregation::last);
    k.cascade_from = r.strings("cascade_from");
    if (const json* p = r.get("plan")) {
      if (!p->is_object()) {
        r.wrong_type("plan", *p, "an object");
      } else {
        ObjectReader pr(ctx, *p, r.pointer("plan"), k.id, "plan.");
        k.plan.curve = pr.enumeration("curve", PlanCurve::linear);
        for_each_nested(pr, "points", [&](ObjectReader& pt, std::size_t) {
          auto d = pt.date("date");
          if (!pt.get("date"))
            ctx.error("missing-field", "required field is missing", pt.pointer("date"), k.id,
                      pt.field("date"));
          k.plan.points.push_back(
              PlanPoint{d.value_or(Date(1970, 1, 1)), pt.num_or("fraction", 0.0)});
        });
        pr.finish();
      }
    }
    for_each_nested(r, "checkins", [&](ObjectReader& c, std::size_t) {
      CheckIn ci;
      auto d = c.date("date");
      if (!c.get("date"))
        ctx.error("missing-field", "required field is missing", c.pointer("date"), k.id,
                  c.field("date"));
      ci.date = d.value_or(Date(1970, 1, 1));
      ci.value = c.num("value");
      ci.confidence = c.num("confidence");
      ci.comment = c.str("comment");
      if (c.get("status")) ci.status = c.enumeration("status", CheckInStatus::on_track);
      if (c.get("zone")) ci.zone = c.enumeration("zone", ZoneLevel::below);
      k.checkins.push_back(ci);
    });
    k.value_override = r.num("value_override");
    k.score_override = r.num("score_override");
    if (const json* z = r.get("zones")) {
      if (!z->is_object()) {
        r.wrong_type("zones", *z, "an object");
      } else {
        ObjectReader zr(ctx, *z, r.pointer("zones"), k.id, "zones.");
        Zones zs;
        zs.commit = zr.num("commit");
        zs.target = zr.num("target");
        zs.stretch = zr.num("stretch");
        zs.commit_score = zr.num_or("commit_score", 0.3);
        zs.target_score = zr.num_or("target_score", 0.7);
        zs.stretch_score = zr.num_or("stretch_score", 1.0);
        zr.finish();
        k.zones = zs;
      }
    }
    k.scoring = r.enumeration("scoring", KrScoring::value);
    k.state = r.enumeration("state", NodeState::active);
    read_close_out(r, k.close);
    read_lint_disable(r, m);
    m.key_results.push_back(k);
  });
  for_each_object(ctx, root, "kpis", [&](ObjectReader& r) {
    Kpi k;
    k.id = r.node();
    k.name = r.str("name");
    k.owner = r.str("owner");
    k.unit = r.str("unit");
    k.measure_unit = r.str("measure_unit");
    k.frequency = r.enumeration("frequency", Frequency::monthly);
    read_target(r, k.target);
    if (const json* t = r.get("thresholds")) {
      if (!t->is_object()) {
        r.wrong_type("thresholds", *t, "an object");
      } else {
        ObjectReader tr(ctx, *t, r.pointer("thresholds"), k.id, "thresholds.");
        k.thresholds.green = tr.num("green");
        k.thresholds.yellow = tr.num("yellow");
        k.thresholds.yellow_below = tr.num("yellow_below");
        k.thresholds.yellow_above = tr.num("yellow_above");
        tr.finish();
      }
    }
    k.series = r.str("series");
    k.formula = r.str("formula");
    k.sum_of = r.strings("sum_of");
    k.aggregation = r.enumeration("aggregation", Aggregation::last);
    k.grade_over = r.enumeration("grade_over", GradeOver::latest);
    k.perspective = r.str("perspective");
    k.weight = r.num_or("weight", 1.0);
    k.data_source = r.str("data_source");
    k.value_override = r.num("value_override");
    k.recovery = r.str("recovery");
    read_lint_disable(r, m);
    m.kpis.push_back(k);
  });
  for_each_object(ctx, root, "csfs", [&](ObjectReader& r) {
    Csf c;
    c.id = r.node();
    c.name = r.str("name");
    c.owner = r.str("owner");
    c.unit = r.str("unit");
    c.objective = r.str("objective");
    c.measured_by = weighted_links<KpiLink>(r, "measured_by", "kpi", [](std::string id, double w) {
      return KpiLink{std::move(id), w};
    });
    read_lint_disable(r, m);
    m.csfs.push_back(c);
  });

  // Structural problems first (types, unknown fields), then semantic ones.
  std::vector<Diagnostic> all = std::move(ctx.problems);
  bool structural = !all.empty();
  if (!structural) {
    for (auto& d : validate(m))
      if (d.severity == Severity::error) all.push_back(std::move(d));
  }
  if (!all.empty()) throw ValidationError(std::move(all));
  return m;
}

// ---- writing ---------------------------------------------------------------

void put_str(ojson& j, const char* k, const std::string& v) {
  if (!v.empty()) j[k] = v;
}
void put_num(ojson& j, const char* k, const std::optional<double>& v) {
  if (v) j[k] = *v;
}
void put_weight(ojson& j, const char* k, double v) {
  if (v != 1.0) j[k] = v;
}
template <class E>
void put_enum(ojson& j, const char* k, E v, E def) {
  if (v != def) j[k] = to_string(v);
}
void put_strings(ojson& j, const char* k, const std::vector<std::string>& v) {
  if (!v.empty()) j[k] = v;
}
void put_close_out(ojson& j, NodeState state, const CloseOut& c) {
  put_enum(j, "state", state, NodeState::active);
  if (c.closed_on) j["closed_on"] = format_date(*c.closed_on);
  put_num(j, "final_score", c.final_score);
  put_str(j, "note", c.note);
}

void write_target(ojson& j, const Target& t) {
  j["kind"] = to_string(t.kind);
  put_enum(j, "method", t.method, ProgressMethod::linear);
  put_num(j, "baseline", t.baseline);
  if (t.relative)
    j["target"] = format_relative_target(*t.relative);
  else
    put_num(j, "target", t.target);
  put_num(j, "lo", t.lo);
  put_num(j, "hi", t.hi);
  put_num(j, "tolerance", t.tolerance);
  put_num(j, "floor", t.floor);
  put_num(j, "min", t.scale_min);
  put_num(j, "max", t.scale_max);
  if (std::isinf(t.cap))
    j["cap"] = "none";
  else if (t.cap != 1.0)
    j["cap"] = t.cap;
  if (!t.milestones.empty()) {
    ojson a = ojson::array();
    for (const auto& ms : t.milestones) {
      ojson e;
      put_str(e, "title", ms.title);
      put_weight(e, "weight", ms.weight);
      if (ms.done) e["done"] = true;
      a.push_back(e);
    }
    j["milestones"] = a;
  }
}

template <class T, class IdOf>
ojson links(const std::vector<T>& v, const char* idkey, IdOf id_of) {
  ojson a = ojson::array();
  for (const auto& l : v) {
    if (l.weight == 1.0) {
      a.push_back(id_of(l));
    } else {
      ojson e;
      e[idkey] = id_of(l);
      e["weight"] = l.weight;
      a.push_back(e);
    }
  }
  return a;
}

}  // namespace

Model parse_model(std::string_view text, const std::string& file) {
  auto doc = detail::parse_located_json(text, file);
  return read_model(doc, file);
}

Model load_model(const std::string& path) { return parse_model(read_file(path), path); }

std::string dump_model(const Model& m) {
  ojson j;
  j["okrkit"] = format_version;
  put_str(j, "name", m.name);
  if (auto it = m.lint_disable.find(""); it != m.lint_disable.end())
    j["lint"]["disable"] = it->second;
  auto put_lint = [&](ojson& e, const std::string& id) {
    if (id.empty()) return;
    if (auto it = m.lint_disable.find(id); it != m.lint_disable.end())
      e["lint_disable"] = it->second;
  };
  if (!m.units.empty()) {
    ojson a = ojson::array();
    for (const auto& u : m.units) {
      ojson e;
      e["id"] = u.id;
      put_str(e, "name", u.name);
      put_str(e, "parent", u.parent);
      put_str(e, "kind", u.kind);
      a.push_back(e);
    }
    j["units"] = a;
  }
  if (!m.people.empty()) {
    ojson a = ojson::array();
    for (const auto& p : m.people) {
      ojson e;
      e["id"] = p.id;
      put_str(e, "name", p.name);
      put_str(e, "unit", p.unit);
      a.push_back(e);
    }
    j["people"] = a;
  }
  if (!m.cycles.empty()) {
    ojson a = ojson::array();
    for (const auto& c : m.cycles) {
      ojson e;
      e["id"] = c.id;
      put_str(e, "period", c.period);
      if (!c.dates_from_period && !c.start.is_special() && !c.end.is_special()) {
        e["start"] = format_date(c.start);
        e["end"] = format_date(c.end);
      }
      put_enum(e, "state", c.state, CycleState::active);
      a.push_back(e);
    }
    j["cycles"] = a;
  }
  if (!m.perspectives.empty()) {
    ojson a = ojson::array();
    for (const auto& p : m.perspectives) {
      ojson e;
      e["id"] = p.id;
      put_str(e, "name", p.name);
      put_weight(e, "weight", p.weight);
      a.push_back(e);
    }
    j["perspectives"] = a;
  }
  if (!m.objectives.empty()) {
    ojson a = ojson::array();
    for (const auto& o : m.objectives) {
      ojson e;
      e["id"] = o.id;
      put_str(e, "title", o.title);
      put_str(e, "description", o.description);
      put_str(e, "owner", o.owner);
      put_str(e, "unit", o.unit);
      put_str(e, "cycle", o.cycle);
      put_enum(e, "type", o.type, ObjectiveType::committed);
      if (!o.aligns_to.empty())
        e["aligns_to"] =
            links(o.aligns_to, "objective", [](const Alignment& l) { return l.parent; });
      put_str(e, "perspective", o.perspective);
      put_weight(e, "weight", o.weight);
      put_enum(e, "rollup", o.rollup, RollupMethod::weighted_mean);
      put_enum(e, "missing", o.missing, MissingPolicy::exclude);
      if (o.weakest_child_status) e["weakest_child_status"] = true;
      put_num(e, "score_override", o.score_override);
      put_close_out(e, o.state, o.close);
      put_lint(e, o.id);
      a.push_back(e);
    }
    j["objectives"] = a;
  }
  if (!m.key_results.empty()) {
    ojson a = ojson::array();
    for (const auto& k : m.key_results) {
      ojson e;
      e["id"] = k.id;
      e["objective"] = k.objective;
      put_str(e, "title", k.title);
      put_str(e, "owner", k.owner);
      write_target(e, k.target);
      put_str(e, "measure_unit", k.measure_unit);
      put_weight(e, "weight", k.weight);
      if (!k.weights.empty()) {
        ojson w = ojson::array();
        for (const auto& dw : k.weights) {
          ojson x;
          if (dw.from) x["from"] = format_date(*dw.from);
          if (dw.to) x["to"] = format_date(*dw.to);
          x["weight"] = dw.weight;
          w.push_back(x);
        }
        e["weights"] = w;
      }
      if (k.start) e["start"] = format_date(*k.start);
      if (k.due) e["due"] = format_date(*k.due);
      put_strings(e, "tracked_by", k.tracked_by);
      put_str(e, "series", k.series);
      put_enum(e, "aggregation", k.aggregation, Aggregation::last);
      put_strings(e, "cascade_from", k.cascade_from);
      if (k.plan.curve != PlanCurve::linear || !k.plan.points.empty()) {
        ojson p;
        p["curve"] = to_string(k.plan.curve);
        if (!k.plan.points.empty()) {
          ojson pts = ojson::array();
          for (const auto& pt : k.plan.points) {
            ojson x;
            x["date"] = format_date(pt.date);
            x["fraction"] = pt.fraction;
            pts.push_back(x);
          }
          p["points"] = pts;
        }
        e["plan"] = p;
      }
      if (!k.checkins.empty()) {
        ojson cs = ojson::array();
        for (const auto& c : k.checkins) {
          ojson x;
          x["date"] = format_date(c.date);
          put_num(x, "value", c.value);
          put_num(x, "confidence", c.confidence);
          put_str(x, "comment", c.comment);
          if (c.status) x["status"] = to_string(*c.status);
          if (c.zone) x["zone"] = to_string(*c.zone);
          cs.push_back(x);
        }
        e["checkins"] = cs;
      }
      put_num(e, "value_override", k.value_override);
      put_num(e, "score_override", k.score_override);
      if (k.zones) {
        ojson z = ojson::object();
        put_num(z, "commit", k.zones->commit);
        put_num(z, "target", k.zones->target);
        put_num(z, "stretch", k.zones->stretch);
        if (k.zones->commit_score != 0.3) z["commit_score"] = k.zones->commit_score;
        if (k.zones->target_score != 0.7) z["target_score"] = k.zones->target_score;
        if (k.zones->stretch_score != 1.0) z["stretch_score"] = k.zones->stretch_score;
        e["zones"] = z;
      }
      put_enum(e, "scoring", k.scoring, KrScoring::value);
      put_close_out(e, k.state, k.close);
      put_lint(e, k.id);
      a.push_back(e);
    }
    j["key_results"] = a;
  }
  if (!m.kpis.empty()) {
    ojson a = ojson::array();
    for (const auto& k : m.kpis) {
      ojson e;
      e["id"] = k.id;
      put_str(e, "name", k.name);
      put_str(e, "owner", k.owner);
      put_str(e, "unit", k.unit);
      put_str(e, "measure_unit", k.measure_unit);
      e["frequency"] = to_string(k.frequency);
      write_target(e, k.target);
      if (k.thresholds.green || k.thresholds.yellow || k.thresholds.yellow_below ||
          k.thresholds.yellow_above) {
        ojson t;
        put_num(t, "green", k.thresholds.green);
        put_num(t, "yellow", k.thresholds.yellow);
        put_num(t, "yellow_below", k.thresholds.yellow_below);
        put_num(t, "yellow_above", k.thresholds.yellow_above);
        e["thresholds"] = t;
      }
      put_str(e, "series", k.series);
      put_str(e, "formula", k.formula);
      put_strings(e, "sum_of", k.sum_of);
      put_enum(e, "aggregation", k.aggregation, Aggregation::last);
      put_enum(e, "grade_over", k.grade_over, GradeOver::latest);
      put_str(e, "perspective", k.perspective);
      put_weight(e, "weight", k.weight);
      put_str(e, "data_source", k.data_source);
      put_num(e, "value_override", k.value_override);
      put_str(e, "recovery", k.recovery);
      put_lint(e, k.id);
      a.push_back(e);
    }
    j["kpis"] = a;
  }
  if (!m.csfs.empty()) {
    ojson a = ojson::array();
    for (const auto& c : m.csfs) {
      ojson e;
      e["id"] = c.id;
      put_str(e, "name", c.name);
      put_str(e, "owner", c.owner);
      put_str(e, "unit", c.unit);
      put_str(e, "objective", c.objective);
      if (!c.measured_by.empty())
        e["measured_by"] = links(c.measured_by, "kpi", [](const KpiLink& l) { return l.kpi; });
      put_lint(e, c.id);
      a.push_back(e);
    }
    j["csfs"] = a;
  }
  return j.dump(2) + "\n";
}

void save_model(const Model& model, const std::string& path) {
  write_file_atomically(path, dump_model(model));
}

}  // namespace okrkit
