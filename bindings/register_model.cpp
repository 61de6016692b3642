// okrkit._core — the model: node structs, enums (as enum.Enum), JSON I/O and
// validation. Vectors of nodes are opaque lists so `model.objectives.append(o)`
// changes the model in place.
#include <pybind11/stl_bind.h>

#include <sstream>

#include <okrkit/io/model_io.hpp>
#include <okrkit/model/validate.hpp>

#include <pybind11/stl/filesystem.h>  // paths: str or os.PathLike (pathlib.Path)

#include "casters.hpp"
#include "register.hpp"

namespace py = pybind11;

PYBIND11_MAKE_OPAQUE(std::vector<okrkit::OrgUnit>)
PYBIND11_MAKE_OPAQUE(std::vector<okrkit::Person>)
PYBIND11_MAKE_OPAQUE(std::vector<okrkit::Cycle>)
PYBIND11_MAKE_OPAQUE(std::vector<okrkit::Perspective>)
PYBIND11_MAKE_OPAQUE(std::vector<okrkit::Objective>)
PYBIND11_MAKE_OPAQUE(std::vector<okrkit::KeyResult>)
PYBIND11_MAKE_OPAQUE(std::vector<okrkit::Kpi>)
PYBIND11_MAKE_OPAQUE(std::vector<okrkit::Csf>)

namespace okrkit::python {

namespace {

std::string quote(const std::string& s) { return py::repr(py::str(s)).cast<std::string>(); }

template <class T>
py::class_<T> node_class(py::module_& m, const char* name, const char* doc) {
  py::class_<T> c(m, name, doc);
  c.def(py::init(&from_kwargs<T>), "Create with keyword arguments naming fields.");
  c.def("__copy__", [](const T& t) { return T(t); });
  c.def(
      "__deepcopy__", [](const T& t, py::dict) { return T(t); }, py::arg("memo"));
  return c;
}

}  // namespace

void register_model(py::module_& m) {
  py::class_<Location>(m, "Location", "Where a problem is: file, line, node, field.")
      .def_readonly("file", &Location::file)
      .def_readonly("line", &Location::line)
      .def_readonly("node", &Location::node)
      .def_readonly("field", &Location::field)
      .def("__str__", [](const Location& l) { return to_string(l); });
  py::class_<Diagnostic>(m, "Diagnostic", "A reported problem: severity, code, message, place.")
      .def_property_readonly("severity", [](const Diagnostic& d) { return to_string(d.severity); })
      .def_readonly("code", &Diagnostic::code)
      .def_readonly("message", &Diagnostic::message)
      .def_readonly("where", &Diagnostic::where)
      .def("__str__", &Diagnostic::to_string)
      .def("__repr__", [](const Diagnostic& d) {
        return "<Diagnostic " + std::string(to_string(d.severity)) + " " + d.code + ": " +
               d.to_string() + ">";
      });

  node_class<Milestone>(m, "Milestone", "One milestone of a milestone target.")
      .def_readwrite("title", &Milestone::title)
      .def_readwrite("weight", &Milestone::weight)
      .def_readwrite("done", &Milestone::done)
      .def("__repr__", [](const Milestone& x) {
        return "Milestone(title=" + quote(x.title) + ", done=" + (x.done ? "True" : "False") + ")";
      });

  node_class<Target>(m, "Target", "Target of a key result or KPI (kind, baseline, target, ...).")
      .def_readwrite("kind", &Target::kind)
      .def_readwrite("method", &Target::method)
      .def_readwrite("baseline", &Target::baseline)
      .def_property(
          "target",
          [](const Target& t) -> py::object {
            if (t.relative) return py::str(format_relative_target(*t.relative));
            if (t.target) return py::float_(*t.target);
            return py::none();
          },
          [](Target& t, py::object v) {
            t.relative.reset();
            t.target.reset();
            if (v.is_none()) return;
            if (py::isinstance<py::str>(v))
              t.relative = parse_relative_target(v.cast<std::string>());
            else
              t.target = v.cast<double>();
          },
          "Absolute number, or relative text such as '+40%', 'x1.5', '-5'.")
      .def_property_readonly("absolute_target", &Target::absolute_target,
                             "The target resolved against the baseline.")
      .def_readwrite("lo", &Target::lo)
      .def_readwrite("hi", &Target::hi)
      .def_readwrite("tolerance", &Target::tolerance)
      .def_readwrite("floor", &Target::floor)
      .def_readwrite("scale_min", &Target::scale_min)
      .def_readwrite("scale_max", &Target::scale_max)
      .def_readwrite("cap", &Target::cap)
      .def_readwrite("milestones", &Target::milestones)
      .def_property_readonly("higher_is_better", &Target::higher_is_better)
      .def("__repr__", [](const Target& t) {
        std::ostringstream s;
        s << "Target(kind='" << to_string(t.kind) << "'";
        if (t.baseline) s << ", baseline=" << *t.baseline;
        if (t.relative)
          s << ", target='" << format_relative_target(*t.relative) << "'";
        else if (t.target)
          s << ", target=" << *t.target;
        s << ")";
        return s.str();
      });

  node_class<OrgUnit>(m, "OrgUnit", "A node of the organisation tree.")
      .def_readwrite("id", &OrgUnit::id)
      .def_readwrite("name", &OrgUnit::name)
      .def_readwrite("parent", &OrgUnit::parent)
      .def_readwrite("kind", &OrgUnit::kind)
      .def("__repr__", [](const OrgUnit& x) {
        return "OrgUnit(id=" + quote(x.id) + ", name=" + quote(x.name) + ")";
      });
  node_class<Person>(m, "Person", "Somebody who owns nodes.")
      .def_readwrite("id", &Person::id)
      .def_readwrite("name", &Person::name)
      .def_readwrite("unit", &Person::unit)
      .def("__repr__", [](const Person& x) {
        return "Person(id=" + quote(x.id) + ", name=" + quote(x.name) + ")";
      });
  node_class<Cycle>(m, "Cycle", "An OKR cycle: a named span of dates.")
      .def_readwrite("id", &Cycle::id)
      .def_readwrite("period", &Cycle::period)
      .def_readwrite("start", &Cycle::start)
      .def_readwrite("end", &Cycle::end)
      .def_readwrite("state", &Cycle::state)
      .def("__repr__", [](const Cycle& x) {
        return "Cycle(id=" + quote(x.id) + ", start=" + format_date(x.start) +
               ", end=" + format_date(x.end) + ")";
      });
  node_class<Perspective>(m, "Perspective", "Balanced-scorecard perspective with a weight.")
      .def_readwrite("id", &Perspective::id)
      .def_readwrite("name", &Perspective::name)
      .def_readwrite("weight", &Perspective::weight)
      .def("__repr__", [](const Perspective& x) {
        return "Perspective(id=" + quote(x.id) + ", name=" + quote(x.name) + ")";
      });
  node_class<Alignment>(m, "Alignment", "A child objective's contribution to a parent.")
      .def_readwrite("parent", &Alignment::parent)
      .def_readwrite("weight", &Alignment::weight);
  node_class<DatedWeight>(m, "DatedWeight", "A weight valid over [from_, to].")
      .def_readwrite("from_", &DatedWeight::from)
      .def_readwrite("to", &DatedWeight::to)
      .def_readwrite("weight", &DatedWeight::weight);
  node_class<KpiLink>(m, "KpiLink", "A weighted link to a KPI.")
      .def_readwrite("kpi", &KpiLink::kpi)
      .def_readwrite("weight", &KpiLink::weight);
  node_class<PlanPoint>(m, "PlanPoint", "Expected progress `fraction` by `date`.")
      .def_readwrite("date", &PlanPoint::date)
      .def_readwrite("fraction", &PlanPoint::fraction);
  node_class<Plan>(m, "Plan", "Planned path of a key result.")
      .def_readwrite("curve", &Plan::curve)
      .def_readwrite("points", &Plan::points);
  node_class<CheckIn>(m, "CheckIn", "A dated update: value, confidence, comment.")
      .def_readwrite("date", &CheckIn::date)
      .def_readwrite("value", &CheckIn::value)
      .def_readwrite("confidence", &CheckIn::confidence)
      .def_readwrite("comment", &CheckIn::comment)
      .def_readwrite("status", &CheckIn::status)
      .def_readwrite("zone", &CheckIn::zone);
  node_class<Zones>(m, "Zones",
                    "Commit / target / stretch levels of a key result and their scores.")
      .def_readwrite("commit", &Zones::commit)
      .def_readwrite("target", &Zones::target)
      .def_readwrite("stretch", &Zones::stretch)
      .def_readwrite("commit_score", &Zones::commit_score)
      .def_readwrite("target_score", &Zones::target_score)
      .def_readwrite("stretch_score", &Zones::stretch_score);
  node_class<Thresholds>(m, "Thresholds", "Green / yellow limits of a KPI.")
      .def_readwrite("green", &Thresholds::green)
      .def_readwrite("yellow", &Thresholds::yellow)
      .def_readwrite("yellow_below", &Thresholds::yellow_below)
      .def_readwrite("yellow_above", &Thresholds::yellow_above);
  node_class<CloseOut>(m, "CloseOut", "How an objective or key result was closed.")
      .def_readwrite("closed_on", &CloseOut::closed_on)
      .def_readwrite("final_score", &CloseOut::final_score)
      .def_readwrite("note", &CloseOut::note);

  node_class<Objective>(m, "Objective", "Qualitative goal for one cycle.")
      .def_readwrite("id", &Objective::id)
      .def_readwrite("title", &Objective::title)
      .def_readwrite("description", &Objective::description)
      .def_readwrite("owner", &Objective::owner)
      .def_readwrite("unit", &Objective::unit)
      .def_readwrite("cycle", &Objective::cycle)
      .def_readwrite("type", &Objective::type)
      .def_readwrite("aligns_to", &Objective::aligns_to)
      .def_readwrite("perspective", &Objective::perspective)
      .def_readwrite("weight", &Objective::weight)
      .def_readwrite("rollup", &Objective::rollup)
      .def_readwrite("missing", &Objective::missing)
      .def_readwrite("weakest_child_status", &Objective::weakest_child_status)
      .def_readwrite("score_override", &Objective::score_override)
      .def_readwrite("state", &Objective::state)
      .def_readwrite("close", &Objective::close)
      .def("__repr__", [](const Objective& x) {
        return "Objective(id=" + quote(x.id) + ", title=" + quote(x.title) + ", type='" +
               to_string(x.type) + "')";
      });
  node_class<KeyResult>(m, "KeyResult", "Numeric, time-bound measure of an objective.")
      .def_readwrite("id", &KeyResult::id)
      .def_readwrite("objective", &KeyResult::objective)
      .def_readwrite("title", &KeyResult::title)
      .def_readwrite("owner", &KeyResult::owner)
      .def_readwrite("target", &KeyResult::target)
      .def_readwrite("measure_unit", &KeyResult::measure_unit)
      .def_readwrite("weight", &KeyResult::weight)
      .def_readwrite("weights", &KeyResult::weights)
      .def_readwrite("start", &KeyResult::start)
      .def_readwrite("due", &KeyResult::due)
      .def_readwrite("tracked_by", &KeyResult::tracked_by)
      .def_readwrite("series", &KeyResult::series)
      .def_readwrite("aggregation", &KeyResult::aggregation)
      .def_readwrite("cascade_from", &KeyResult::cascade_from)
      .def_readwrite("plan", &KeyResult::plan)
      .def_readwrite("checkins", &KeyResult::checkins)
      .def_readwrite("value_override", &KeyResult::value_override)
      .def_readwrite("score_override", &KeyResult::score_override)
      .def_readwrite("zones", &KeyResult::zones)
      .def_readwrite("scoring", &KeyResult::scoring)
      .def_readwrite("state", &KeyResult::state)
      .def_readwrite("close", &KeyResult::close)
      .def("__repr__", [](const KeyResult& x) {
        return "KeyResult(id=" + quote(x.id) + ", objective=" + quote(x.objective) +
               ", title=" + quote(x.title) + ")";
      });
  node_class<Kpi>(m, "Kpi", "Continuously measured indicator with target and thresholds.")
      .def_readwrite("id", &Kpi::id)
      .def_readwrite("name", &Kpi::name)
      .def_readwrite("owner", &Kpi::owner)
      .def_readwrite("unit", &Kpi::unit)
      .def_readwrite("measure_unit", &Kpi::measure_unit)
      .def_readwrite("frequency", &Kpi::frequency)
      .def_readwrite("target", &Kpi::target)
      .def_readwrite("thresholds", &Kpi::thresholds)
      .def_readwrite("series", &Kpi::series)
      .def_readwrite("formula", &Kpi::formula)
      .def_readwrite("sum_of", &Kpi::sum_of)
      .def_readwrite("aggregation", &Kpi::aggregation)
      .def_readwrite("grade_over", &Kpi::grade_over)
      .def_readwrite("perspective", &Kpi::perspective)
      .def_readwrite("weight", &Kpi::weight)
      .def_readwrite("data_source", &Kpi::data_source)
      .def_readwrite("recovery", &Kpi::recovery)
      .def_readwrite("value_override", &Kpi::value_override)
      .def("__repr__",
           [](const Kpi& x) { return "Kpi(id=" + quote(x.id) + ", name=" + quote(x.name) + ")"; });
  node_class<Csf>(m, "Csf", "Critical success factor, measured by KPIs.")
      .def_readwrite("id", &Csf::id)
      .def_readwrite("name", &Csf::name)
      .def_readwrite("owner", &Csf::owner)
      .def_readwrite("unit", &Csf::unit)
      .def_readwrite("objective", &Csf::objective)
      .def_readwrite("measured_by", &Csf::measured_by)
      .def("__repr__",
           [](const Csf& x) { return "Csf(id=" + quote(x.id) + ", name=" + quote(x.name) + ")"; });

  py::bind_vector<std::vector<OrgUnit>>(m, "OrgUnitList");
  py::implicitly_convertible<py::list, std::vector<OrgUnit>>();
  py::bind_vector<std::vector<Person>>(m, "PersonList");
  py::implicitly_convertible<py::list, std::vector<Person>>();
  py::bind_vector<std::vector<Cycle>>(m, "CycleList");
  py::implicitly_convertible<py::list, std::vector<Cycle>>();
  py::bind_vector<std::vector<Perspective>>(m, "PerspectiveList");
  py::implicitly_convertible<py::list, std::vector<Perspective>>();
  py::bind_vector<std::vector<Objective>>(m, "ObjectiveList");
  py::implicitly_convertible<py::list, std::vector<Objective>>();
  py::bind_vector<std::vector<KeyResult>>(m, "KeyResultList");
  py::implicitly_convertible<py::list, std::vector<KeyResult>>();
  py::bind_vector<std::vector<Kpi>>(m, "KpiList");
  py::implicitly_convertible<py::list, std::vector<Kpi>>();
  py::bind_vector<std::vector<Csf>>(m, "CsfList");
  py::implicitly_convertible<py::list, std::vector<Csf>>();

  node_class<Model>(m, "Model", "The whole structure of an organisation's goals.")
      .def_readwrite("name", &Model::name)
      .def_readwrite("units", &Model::units)
      .def_readwrite("people", &Model::people)
      .def_readwrite("cycles", &Model::cycles)
      .def_readwrite("perspectives", &Model::perspectives)
      .def_readwrite("objectives", &Model::objectives)
      .def_readwrite("key_results", &Model::key_results)
      .def_readwrite("kpis", &Model::kpis)
      .def_readwrite("csfs", &Model::csfs)
      .def_readwrite("lint_disable", &Model::lint_disable)
      .def_property_readonly("source_file", [](const Model& x) { return x.sources.file; })
      .def(py::pickle(
          // Versioned state: (1, JSON text). Old states stay readable.
          [](const Model& x) { return py::make_tuple(1, dump_model(x)); },
          [](const py::tuple& t) {
            if (t.size() != 2 || t[0].cast<int>() != 1)
              throw DomainError("unsupported okrkit.Model pickle state");
            return parse_model(t[1].cast<std::string>(), "<pickle>");
          }))
      .def("__repr__", [](const Model& x) {
        std::ostringstream s;
        s << "<okrkit.Model " << quote(x.name) << ": " << x.objectives.size() << " objectives, "
          << x.key_results.size() << " key results, " << x.kpis.size() << " KPIs, " << x.csfs.size()
          << " CSFs>";
        return s.str();
      });

  m.def(
      "load_model", [](const std::filesystem::path& p) { return load_model(p.string()); },
      py::arg("path"), "Read and validate a JSON model file.");
  m.def("parse_model", &parse_model, py::arg("text"), py::arg("file") = "",
        "Parse and validate a JSON model from text.");
  m.def("dump_model", &dump_model, py::arg("model"), "The model as JSON text.");
  m.def(
      "save_model",
      [](const Model& mo, const std::filesystem::path& p) { save_model(mo, p.string()); },
      py::arg("model"), py::arg("path"), "Write the model as JSON, atomically.");
  m.def(
      "validate",
      [](const Model& model, const SeriesStore* data) {
        return data ? validate(model, *data) : validate(model);
      },
      py::arg("model"), py::arg("data") = nullptr,
      "Every problem of a model (errors and warnings); with `data`, also every series the model "
      "names that the data lacks.");
}

}  // namespace okrkit::python
