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
#include <memory>

#include <okrkit/appraisal/appraisal.hpp>
#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include "commands.hpp"

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
    if (eq == std::string::npos)
      throw UsageError(opt + ": expected NAME=NUMBER, got '" + item + "'");
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

namespace {
struct AppraiseOptions {
  std::string model, ratings, as_of, scores, output;
  DataOptions data;
  std::string format = "table", calibration = "none";
  double trim = 0.0;
  bool include_self = false, strict = false;
  std::string min_raters, role_weights, weights, bands, target_distribution;
};

int run_appraise(const AppraiseOptions& a) {
  AppraisalOptions o;
  if (a.calibration == "none")
    o.calibration = Calibration::none;
  else if (a.calibration == "mean" || a.calibration == "mean_centre")
    o.calibration = Calibration::mean_centre;
  else
    o.calibration = Calibration::z_score;  // "z" / "z_score" (the option checks the names)
  o.trim = a.trim;
  o.include_self = a.include_self;
  if (!a.min_raters.empty())
    for (auto& [r, n] : pairs("--min-raters", a.min_raters))
      o.min_raters[role("--min-raters", r)] = static_cast<std::size_t>(n);
  if (!a.role_weights.empty())
    for (auto& [r, w] : pairs("--role-weights", a.role_weights))
      o.role_weights[role("--role-weights", r)] = w;
  if (!a.weights.empty()) {
    std::vector<double> w;
    std::size_t b = 0;
    while (b <= a.weights.size()) {
      std::size_t e = a.weights.find(',', b);
      if (e == std::string::npos) e = a.weights.size();
      w.push_back(number("--weights", a.weights.substr(b, e - b)));
      b = e + 1;
    }
    if (w.size() != 3) throw UsageError("--weights takes KPI,OKR,COMPETENCY (e.g. 0.6,0.2,0.2)");
    o.kpi_weight = w[0], o.okr_weight = w[1], o.competency_weight = w[2];
  }
  if (!a.bands.empty()) {
    o.bands.clear();
    for (auto& [n, m] : pairs("--bands", a.bands)) o.bands.push_back({n, m});
    try {
      check_bands(o.bands);  // NaN, overlapping or gapped bands: a usage error (exit 2)
    } catch (const DomainError& e) {
      throw UsageError(std::string("--bands: ") + e.what());
    }
  }
  if (!a.target_distribution.empty())
    for (auto& [n, v] : pairs("--target-distribution", a.target_distribution))
      o.target_distribution[n] = v;

  Model m = load_model(a.model);
  Date as_of = as_of_date(a.as_of, a.data);
  const Cycle* cycle = nullptr;
  for (const auto& c : m.cycles)  // the first listed cycle containing as_of
    if (c.start <= as_of && as_of <= c.end) {
      cycle = &c;
      break;
    }
  if (!cycle) throw UsageError("no cycle of the model contains " + format_date(as_of));
  Rubric rubric = default_rubric();
  auto all = load_ratings(a.ratings, rubric);
  std::vector<Rating> ratings;
  for (auto& r : all)
    if (r.cycle == cycle->id || (!cycle->period.empty() && r.cycle == cycle->period))
      ratings.push_back(r);
  if (ratings.size() < all.size())
    std::cerr << "okrkit: " << all.size() - ratings.size()
              << " ratings of other cycles ignored (cycle '" << cycle->id << "')\n";
  SeriesStore data = load_data(a.data);  // none given: check-ins and overrides only
  const Scorecard sc = evaluate(m, data, as_of);
  const int status = report_scorecard_problems("appraise", sc, a.strict,
                                               "all of them: okrkit score --format json");
  std::vector<PersonScores> scores = person_scores(m, sc, cycle);
  if (!a.scores.empty())
    scores = merge_person_scores(std::move(scores), load_person_scores(a.scores));
  auto res = appraise(ratings, scores, &m, rubric, o);
  std::string out = a.format == "json"  ? format_appraisal_json(res)
                    : a.format == "csv" ? format_appraisal_csv(res)
                                        : format_appraisal_table(res);
  write_output(a.output, out);
  return status;
}
}  // namespace

Command add_appraise(CLI::App& app) {
  auto a = std::make_shared<AppraiseOptions>();
  CLI::App* sub = app.add_subcommand(
      "appraise",
      "Combine per person KPI and OKR scores with rubric ratings into a final score and band "
      "(docs/appraisal.md).");
  sub->add_option("MODEL", a->model, "Model file (JSON; docs/model-format.md).")
      ->required()
      ->type_name("FILE");
  sub->add_option(
         "--ratings", a->ratings,
         "Ratings CSV (person,cycle,rater,role,criterion,rating[,comment]; any column order).")
      ->required()
      ->type_name("CSV");
  add_as_of_option(*sub, a->as_of, true,
                   "The day whose cycle is appraised: the first model cycle containing it; "
                   "ratings of other cycles are ignored.");
  add_data_options(*sub, a->data, false);
  sub->add_option("--scores", a->scores,
                  "CSV person,kpi_score,okr_score overriding the scorecard's scores cell by cell. "
                  "Default: none.")
      ->type_name("CSV");
  sub->add_option("--format", a->format, "Output format: table, json or csv. Default: table.")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  sub->add_option("--calibration", a->calibration,
                  "Rater calibration: none, mean (centre each rater's ratings) or z (z-scores); "
                  "mean_centre and z_score are accepted too. Default: none.")
      ->type_name("METHOD")
      ->check(CLI::IsMember({"none", "mean", "mean_centre", "z", "z_score"}));
  sub->add_option(
         "--trim", a->trim,
         "Fraction in [0, 0.5) trimmed from each end of a role's rater scores. Default: 0.")
      ->type_name("F");
  sub->add_flag("--include-self", a->include_self,
                "Count the self-rating in the competency score. Default: reported, not counted.");
  sub->add_option("--min-raters", a->min_raters,
                  "Minimum distinct raters for a role to count, e.g. peer=2,report=3. Default: 1 "
                  "for every role.")
      ->type_name("ROLE=N,...");
  sub->add_option("--role-weights", a->role_weights,
                  "Weights of the rater roles in the competency score. Default: "
                  "self=0,manager=0.5,peer=0.3,report=0.2.")
      ->type_name("ROLE=W,...");
  sub->add_option(
         "--weights", a->weights,
         "Weights of the KPI, OKR and competency scores in the final score. Default: 0.6,0.2,0.2.")
      ->type_name("KPI,OKR,COMP");
  sub->add_option("--bands", a->bands,
                  "Bands by lowest final score. Default: outstanding=0.9,exceeds=0.75,meets=0.55,"
                  "partially meets=0.35,below=0.")
      ->type_name("NAME=MIN,...");
  sub->add_option("--target-distribution", a->target_distribution,
                  "Target share per band (sums to 1); reported next to the actual shares, never "
                  "enforced. Default: none.")
      ->type_name("BAND=SHARE,...");
  add_output_option(*sub, a->output);
  add_strict_option(*sub, a->strict);
  return {sub, [a] { return run_appraise(*a); }};
}

}  // namespace okrkit::cli
