// okrkit appraise MODEL --ratings CSV --as-of DATE [--data CSV] [--scores CSV]
//   [--format table|json|csv] [--calibration none|mean|z] [--trim F] [--include-self]
//   [--min-raters ROLE=N,...] [--role-weights ROLE=W,...] [--weights KPI,OKR,COMP]
//   [--bands NAME=MIN,...] [--target-distribution BAND=SHARE,...] [-o FILE]
//
// The cycle is the (first listed) model cycle containing --as-of; ratings of other cycles are
// ignored. KPI / OKR scores per person come from the scorecard of the model at --as-of
// (with the --data measurements; without, check-ins and overrides only): person_scores().
// --scores (person, kpi_score, okr_score) overrides them person by person, cell by cell.
#include <iostream>

#include <okrkit/appraisal/appraisal.hpp>
#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include "commands.hpp"
#include "data_options.hpp"

namespace okrkit::cli {

namespace {

// "a=1,b=2" -> pairs; a UsageError names the option on a malformed item.
std::vector<std::pair<std::string, double>> pairs(const std::string& opt, const std::string& text) {
  std::vector<std::pair<std::string, double>> out;
  std::size_t b = 0;
  while (b <= text.size()) {
    std::size_t e = text.find(',', b);
    if (e == std::string::npos) e = text.size();
    std::string item = text.substr(b, e - b);
    auto eq = item.find('=');
    if (eq == std::string::npos) throw UsageError(opt + ": expected NAME=NUMBER, got '" + item + "'");
    try {
      std::size_t used = 0;
      double v = std::stod(item.substr(eq + 1), &used);
      if (used != item.size() - eq - 1) throw std::invalid_argument("trailing");
      out.emplace_back(item.substr(0, eq), v);
    } catch (const std::exception&) {
      throw UsageError(opt + ": '" + item.substr(eq + 1) + "' is not a number");
    }
    b = e + 1;
  }
  return out;
}

double number(const std::string& opt, const std::string& s) {
  try {
    std::size_t used = 0;
    double v = std::stod(s, &used);
    if (used == s.size()) return v;
  } catch (const std::exception&) {
  }
  throw UsageError(opt + ": '" + s + "' is not a number");
}

RaterRole role(const std::string& opt, const std::string& s) {
  auto r = parse_rater_role(s);
  if (!r) throw UsageError(opt + ": unknown role '" + s + "'");
  return *r;
}

}  // namespace

int cmd_appraise(int argc, char** argv) {
  Args a = parse_args(argc, argv, 2,
                      {"--ratings", "--as-of", "--data", "--scores", "--format", "--calibration", "--trim", "--min-raters",
                       "--role-weights", "--weights", "--bands", "--target-distribution", "-o", "--calendar",
                       "--date-format", "--duplicates"},
                      {"--include-self"});
  if (a.positional.size() != 1) throw UsageError("appraise takes exactly one MODEL file");
  if (!a.get("--ratings")) throw UsageError("appraise needs --ratings CSV");
  if (!a.get("--as-of")) throw UsageError("appraise needs --as-of DATE");
  std::string format = a.get("--format").value_or("table");
  if (format != "table" && format != "json" && format != "csv") throw UsageError("--format must be table, json or csv");

  AppraisalOptions o;
  if (auto c = a.get("--calibration")) {
    if (*c == "none") o.calibration = Calibration::none;
    else if (*c == "mean" || *c == "mean_centre") o.calibration = Calibration::mean_centre;
    else if (*c == "z" || *c == "z_score") o.calibration = Calibration::z_score;
    else throw UsageError("--calibration must be none, mean or z");
  }
  if (auto t = a.get("--trim")) o.trim = number("--trim", *t);
  o.include_self = a.get("--include-self").has_value();
  if (auto s = a.get("--min-raters"))
    for (auto& [r, n] : pairs("--min-raters", *s)) o.min_raters[role("--min-raters", r)] = static_cast<std::size_t>(n);
  if (auto s = a.get("--role-weights"))
    for (auto& [r, w] : pairs("--role-weights", *s)) o.role_weights[role("--role-weights", r)] = w;
  if (auto s = a.get("--weights")) {
    std::vector<double> w;
    std::size_t b = 0;
    while (b <= s->size()) {
      std::size_t e = s->find(',', b);
      if (e == std::string::npos) e = s->size();
      w.push_back(number("--weights", s->substr(b, e - b)));
      b = e + 1;
    }
    if (w.size() != 3) throw UsageError("--weights takes KPI,OKR,COMPETENCY (e.g. 0.6,0.2,0.2)");
    o.kpi_weight = w[0], o.okr_weight = w[1], o.competency_weight = w[2];
  }
  if (auto s = a.get("--bands")) {
    o.bands.clear();
    for (auto& [n, m] : pairs("--bands", *s)) o.bands.push_back({n, m});
  }
  if (auto s = a.get("--target-distribution"))
    for (auto& [n, v] : pairs("--target-distribution", *s)) o.target_distribution[n] = v;

  const MeasurementsOptions mo = measurements_options(a.get("--calendar"), a.get("--date-format"), a.get("--duplicates"));
  Model m = load_model(a.positional[0]);
  const Date as_of = as_of_option(*a.get("--as-of"), mo.calendar);
  const Cycle* cycle = nullptr;
  for (const auto& c : m.cycles)  // the first listed cycle containing as_of
    if (c.start <= as_of && as_of <= c.end) {
      cycle = &c;
      break;
    }
  if (!cycle) throw UsageError("no cycle of the model contains " + format_date(as_of));
  Rubric rubric = default_rubric();
  auto all = load_ratings(*a.get("--ratings"), rubric);
  std::vector<Rating> ratings;
  for (auto& r : all)
    if (r.cycle == cycle->id || (!cycle->period.empty() && r.cycle == cycle->period)) ratings.push_back(r);
  if (ratings.size() < all.size())
    std::cerr << "okrkit: " << all.size() - ratings.size() << " ratings of other cycles ignored (cycle '"
              << cycle->id << "')\n";
  SeriesStore data;
  if (auto d = a.get("--data")) data = load_data(*d, mo);
  else data.finalize();  // no measurements: check-ins and overrides only
  std::vector<PersonScores> scores = person_scores(m, evaluate(m, data, as_of), cycle);
  if (auto s = a.get("--scores")) scores = merge_person_scores(std::move(scores), load_person_scores(*s));
  auto res = appraise(ratings, scores, &m, rubric, o);
  std::string out = format == "json" ? format_appraisal_json(res)
                    : format == "csv" ? format_appraisal_csv(res)
                                      : format_appraisal_table(res);
  write_output(a.get("-o"), out);
  return 0;
}

}  // namespace okrkit::cli
