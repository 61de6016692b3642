// okrkit — appraisal: calibration, trimmed means, role and component weights,
// bands and the distribution report (docs/appraisal.md has every formula).
#include "okrkit/appraisal/appraisal.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>
#include "okrkit/detail/format_number.hpp"

namespace okrkit {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::array<RaterRole, 4> all_roles = {RaterRole::self, RaterRole::manager,
                                                RaterRole::peer, RaterRole::report};
std::size_t idx(RaterRole r) { return static_cast<std::size_t>(r); }

std::string num(double v) { return detail::format_general(v); }
}  // namespace

const char* to_string(RaterRole r) noexcept {
  switch (r) {
    case RaterRole::self:
      return "self";
    case RaterRole::manager:
      return "manager";
    case RaterRole::peer:
      return "peer";
    case RaterRole::report:
      return "report";
  }
  return "peer";
}

std::optional<RaterRole> parse_rater_role(std::string_view s) noexcept {
  if (s == "self") return RaterRole::self;
  if (s == "manager") return RaterRole::manager;
  if (s == "peer" || s == "peers") return RaterRole::peer;
  if (s == "report" || s == "reports" || s == "direct_report") return RaterRole::report;
  return std::nullopt;
}

Rubric default_rubric() {
  Rubric r;
  r.criteria = {
      {"ownership",
       "Ownership",
       {"Waits to be told; misses commitments.", "Meets commitments when reminded.",
        "Delivers what was agreed, on time.", "Anticipates problems and fixes them before asked.",
        "Takes on the hardest problems of the unit and sees them through."},
       1.0},
      {"collaboration",
       "Collaboration",
       {"Works alone; blocks or ignores others.", "Helps when asked, sometimes reluctantly.",
        "Shares information and helps teammates reliably.", "Brings people together across teams.",
        "Builds lasting cross-team ways of working others copy."},
       1.0},
      {"communication",
       "Communication",
       {"Messages are unclear or missing.", "Clear when prompted; often incomplete.",
        "Clear, timely and complete.", "Adapts the message to the audience; listens well.",
        "Changes minds with clear writing and speaking."},
       1.0},
      {"customer_focus",
       "Customer focus",
       {"Does not consider the customer.", "Considers the customer when reminded.",
        "Decisions weigh customer impact.", "Seeks customer feedback and acts on it.",
        "Shapes the unit's work around customer outcomes."},
       1.0},
      {"growth",
       "Learning and growth",
       {"Avoids feedback; skills stagnate.", "Accepts feedback; slow to act on it.",
        "Acts on feedback; builds skills the role needs.", "Seeks stretch work; coaches others.",
        "Grows others as well as self; sets the standard."},
       1.0},
  };
  return r;
}

std::vector<AppraisalBand> default_bands() {
  return {{"outstanding", 0.9},
          {"exceeds", 0.75},
          {"meets", 0.55},
          {"partially meets", 0.35},
          {"below", 0.0}};
}

void check_bands(const std::vector<AppraisalBand>& bands) {
  if (bands.empty())
    throw DomainError("appraisal bands: none given (every final score needs a band)");
  std::set<std::string> names;
  for (const auto& b : bands) {
    if (!std::isfinite(b.min))
      throw DomainError("appraisal band '" + b.name + "': minimum " + num(b.min) +
                        " is not a finite number");
    if (!names.insert(b.name).second)
      throw DomainError("appraisal band '" + b.name + "' is defined twice");
  }
  std::vector<AppraisalBand> bs = bands;
  std::sort(bs.begin(), bs.end(),
            [](const AppraisalBand& a, const AppraisalBand& b) { return a.min < b.min; });
  for (std::size_t i = 1; i < bs.size(); ++i)
    if (bs[i].min == bs[i - 1].min)
      throw DomainError("appraisal bands '" + bs[i - 1].name + "' and '" + bs[i].name +
                        "' overlap: both start at " + num(bs[i].min));
  if (bs.front().min > 0)
    throw DomainError("appraisal bands leave a gap: final scores from 0 to " + num(bs.front().min) +
                      " have no band (give the lowest band '" + bs.front().name +
                      "' a minimum of 0)");
}

AppraisalResult appraise(const std::vector<Rating>& ratings,
                         const std::vector<PersonScores>& scores, const Model* model,
                         const Rubric& rubric, const AppraisalOptions& o) {
  // ---- options ----
  check_bands(o.bands);
  if (!(o.trim >= 0.0 && o.trim < 0.5))
    throw DomainError("appraisal: trim must be in [0, 0.5), got " + num(o.trim));
  if (!(rubric.scale_max > rubric.scale_min))
    throw DomainError("appraisal: rubric scale_max must exceed scale_min");
  for (double w : {o.kpi_weight, o.okr_weight, o.competency_weight})
    if (!(w >= 0) || !std::isfinite(w))
      throw DomainError("appraisal: component weights must be finite and >= 0");
  for (const auto& [role, w] : o.role_weights)
    if (!(w >= 0) || !std::isfinite(w))
      throw DomainError(std::string("appraisal: role weight of ") + to_string(role) +
                        " must be finite and >= 0");
  if (!(o.calibration_spread > 0)) throw DomainError("appraisal: calibration_spread must be > 0");
  if (!o.target_distribution.empty()) {
    double s = 0;
    for (const auto& entry : o.target_distribution) {
      // Named members, not a structured binding: clang 14 (the fuzz build)
      // cannot capture a binding in the lambda below (C++20).
      const std::string& band = entry.first;
      const double share = entry.second;
      if (!(share >= 0 && share <= 1))
        throw DomainError("appraisal: target share of '" + band + "' must be in [0, 1]");
      if (std::none_of(o.bands.begin(), o.bands.end(),
                       [&](const AppraisalBand& b) { return b.name == band; }))
        throw DomainError("appraisal: target distribution names unknown band '" + band + "'");
      s += share;
    }
    if (std::fabs(s - 1.0) > 1e-6)
      throw DomainError("appraisal: target shares sum to " + num(s) + ", not 1");
  }
  const double centre = o.calibration_centre.value_or((rubric.scale_min + rubric.scale_max) / 2);
  std::map<std::string, double> crit_weight;
  for (const auto& c : rubric.criteria) crit_weight[c.id] = c.weight;

  // ---- check ratings ----
  // Known persons: the model's people and every node owner (person_scores()
  // returns owners). Without a model there is nothing to check against.
  std::set<std::string> known;
  if (model) {
    for (const auto& p : model->people) known.insert(p.id);
    for (const auto& x : model->objectives) known.insert(x.owner);
    for (const auto& x : model->key_results) known.insert(x.owner);
    for (const auto& x : model->kpis) known.insert(x.owner);
    for (const auto& x : model->csfs) known.insert(x.owner);
    known.erase("");
  }
  std::vector<Diagnostic> unknown;  // every unknown person / criterion at once
  auto flag = [&](const char* code, std::string msg, Location at) {
    unknown.push_back({o.unknown == UnknownPolicy::error ? Severity::error : Severity::warning,
                       code, std::move(msg), std::move(at)});
  };
  std::set<std::tuple<std::string, std::string, std::string, std::string>> seen;
  for (const auto& r : ratings) {
    Location at{r.file, r.row, r.person, "rating"};
    if (!std::isfinite(r.rating) || r.rating < rubric.scale_min || r.rating > rubric.scale_max)
      throw DomainError("rating " + num(r.rating) + " by '" + r.rater + "' is outside the scale " +
                            num(rubric.scale_min) + ".." + num(rubric.scale_max),
                        at);
    if (!rubric.criteria.empty() && !crit_weight.count(r.criterion))
      flag("unknown-criterion",
           "rating of '" + r.person + "' by '" + r.rater + "': unknown criterion '" + r.criterion +
               "' (the rubric defines " + std::to_string(rubric.criteria.size()) + " criteria)",
           Location{r.file, r.row, r.person, "criterion"});
    if (model && !known.count(r.person))
      flag("unknown-person",
           "rating by '" + r.rater + "' of person '" + r.person +
               "', who is not in the model (not a person, not an owner)",
           Location{r.file, r.row, r.person, "person"});
    if (!seen.insert({r.cycle, r.person, r.rater, r.criterion}).second)
      throw DomainError(
          "duplicate rating of '" + r.person + "' by '" + r.rater + "' on '" + r.criterion + "'",
          at);
  }
  if (model)
    for (const auto& p : scores)
      if (!known.count(p.person))
        flag("unknown-person",
             "scores of person '" + p.person +
                 "', who is not in the model (not a person, not an owner)",
             Location{p.file, p.row, p.person, "person"});
  if (!unknown.empty() && o.unknown == UnknownPolicy::error) {
    // A DomainError (as every other bad appraisal input) listing every finding
    // with its place, in the format of ValidationError's summary.
    std::string msg = std::to_string(unknown.size()) +
                      (unknown.size() == 1 ? " problem" : " problems") +
                      " (appraise with unknown=warn to keep such rows)";
    for (const auto& d : unknown) msg += "\n  " + d.to_string();
    throw DomainError(msg);
  }
  auto cw = [&](const std::string& c) {
    auto it = crit_weight.find(c);
    return it == crit_weight.end() ? 1.0 : it->second;
  };

  AppraisalResult res;
  res.diagnostics = std::move(unknown);  // warnings (UnknownPolicy::warn), else empty
  // ---- per-rater statistics (per cycle) ----
  std::map<std::pair<std::string, std::string>, RaterStats> stats;  // (cycle, rater)
  {
    std::map<std::pair<std::string, std::string>, std::set<std::string>> people;
    for (const auto& r : ratings) {
      auto& s = stats[{r.cycle, r.rater}];
      s.rater = r.rater;
      s.cycle = r.cycle;
      ++s.ratings;
      s.mean += r.rating;
      people[{r.cycle, r.rater}].insert(r.person);
    }
    for (auto& [k, s] : stats)
      s.mean /= static_cast<double>(s.ratings), s.people = people[k].size();
    for (const auto& r : ratings) {
      auto& s = stats[{r.cycle, r.rater}];
      s.sd += (r.rating - s.mean) * (r.rating - s.mean);
    }
    for (auto& [k, s] : stats) {
      s.sd = std::sqrt(s.sd / static_cast<double>(s.ratings));
      if (o.calibration == Calibration::none)
        s.treatment = "raw";
      else if (s.people < o.min_people_for_calibration)
        s.treatment =
            "raw: rated " + std::to_string(s.people) + " person" + (s.people == 1 ? "" : "s");
      else if (o.calibration == Calibration::z_score && s.sd == 0)
        s.treatment = "centre: zero variance";
      else
        s.treatment = o.calibration == Calibration::z_score ? "z_score" : "mean_centre";
      res.raters.push_back(s);
    }
  }
  auto calibrated = [&](const Rating& r) {
    const auto& s = stats.at({r.cycle, r.rater});
    if (s.treatment == "mean_centre") return centre + (r.rating - s.mean);
    if (s.treatment == "z_score") return centre + o.calibration_spread * (r.rating - s.mean) / s.sd;
    if (s.treatment == "centre: zero variance") return centre;
    return r.rating;
  };

  // ---- group ratings by (cycle, person) ----
  std::map<std::pair<std::string, std::string>, std::vector<const Rating*>> by_person;
  for (const auto& r : ratings) by_person[{r.cycle, r.person}].push_back(&r);
  std::map<std::string, const PersonScores*> score_of;
  for (const auto& s : scores) score_of[s.person] = &s;
  // People with scores but no ratings still get a row (in every cycle seen, or "" if none).
  std::set<std::string> cycles;
  for (const auto& r : ratings) cycles.insert(r.cycle);
  if (cycles.empty()) cycles.insert("");
  for (const auto& s : scores)
    for (const auto& c : cycles) by_person[{c, s.person}];

  const double span = rubric.scale_max - rubric.scale_min;
  for (const auto& [key, rs] : by_person) {
    AppraisalRow row;
    row.cycle = key.first;
    row.person = key.second;
    if (model)
      for (const auto& p : model->people)
        if (p.id == row.person) row.name = p.name, row.unit = p.unit;
    auto sc = score_of.find(row.person);
    row.kpi_score = sc != score_of.end() && sc->second->kpi ? *sc->second->kpi : nan;
    row.okr_score = sc != score_of.end() && sc->second->okr ? *sc->second->okr : nan;
    if (sc != score_of.end()) {
      if (sc->second->kpi) row.kpi_from = sc->second->kpi_from;
      if (sc->second->okr) row.okr_from = sc->second->okr_from;
    }

    // Rater score = criterion-weighted mean of the rater's calibrated ratings of this person.
    std::map<std::string, std::pair<double, double>> rater_sum;  // rater -> (Σ w r, Σ w)
    std::map<std::string, RaterRole> rater_role;
    std::map<std::pair<std::string, RaterRole>, std::tuple<double, double, std::size_t>>
        crit;  // raw Σ, cal Σ, n
    for (const Rating* r : rs) {
      double c = calibrated(*r), w = cw(r->criterion);
      auto& acc = rater_sum[r->rater];
      acc.first += w * c;
      acc.second += w;
      auto [it, fresh] = rater_role.emplace(r->rater, r->role);
      if (!fresh && it->second != r->role)
        throw DomainError("rater '" + r->rater + "' has two roles for '" + r->person + "'",
                          Location{"", r->row, r->person, "role"});
      auto& cs = crit[{r->criterion, r->role}];
      std::get<0>(cs) += r->rating;
      std::get<1>(cs) += c;
      ++std::get<2>(cs);
    }
    for (const auto& [k, v] : crit) {
      auto n = static_cast<double>(std::get<2>(v));
      res.criteria.push_back({row.person, row.cycle, k.first, k.second, std::get<0>(v) / n,
                              std::get<1>(v) / n, std::get<2>(v)});
    }
    for (RaterRole role : all_roles) {
      RoleScore& rsc = row.roles[idx(role)];
      rsc.role = role;
      std::vector<std::pair<double, std::string>> vals;
      for (const auto& [rater, acc] : rater_sum)
        if (rater_role[rater] == role && acc.second > 0)
          vals.emplace_back(acc.first / acc.second, rater);
      std::sort(vals.begin(), vals.end());
      for (const auto& v : vals) rsc.raters.push_back(v.second);
      std::sort(rsc.raters.begin(), rsc.raters.end());
      if (vals.empty()) {
        rsc.score = nan;
        continue;
      }
      auto g = static_cast<std::size_t>(std::floor(o.trim * static_cast<double>(vals.size())));
      double s = 0;
      for (std::size_t i = 0; i < vals.size(); ++i) {
        if (i < g || i >= vals.size() - g)
          rsc.trimmed.push_back(vals[i].second);
        else
          s += vals[i].first;
      }
      std::sort(rsc.trimmed.begin(), rsc.trimmed.end());
      rsc.score = s / static_cast<double>(vals.size() - 2 * g);
      auto mit = o.min_raters.find(role);
      std::size_t need = mit == o.min_raters.end() ? 1 : mit->second;
      double w = o.role_weights.count(role) ? o.role_weights.at(role) : 0.0;
      if (role == RaterRole::self && !o.include_self) {
        rsc.counted = false;
      } else if (vals.size() < need) {
        row.notes.push_back(std::string(to_string(role)) + ": " + std::to_string(vals.size()) +
                            " rater(s) < minimum " + std::to_string(need) + ", not counted");
      } else {
        rsc.counted = w > 0;
      }
    }
    row.self_score = row.roles[idx(RaterRole::self)].score;
    double sw = 0, sv = 0;
    for (const auto& rsc : row.roles)
      if (rsc.counted) {
        double w = o.role_weights.at(rsc.role);
        sw += w;
        sv += w * rsc.score;
      }
    row.competency = sw > 0 ? sv / sw : nan;
    row.competency_score = sw > 0 ? (row.competency - rubric.scale_min) / span : nan;
    if (rs.empty())
      row.notes.emplace_back("no ratings");
    else if (sw == 0)
      row.notes.emplace_back("no rater role counted: competency missing");

    // Final = Σ w_c x_c / Σ w_c over present components.
    double fw = 0, fv = 0;
    bool incomplete = false;
    for (auto [w, x, name] :
         {std::tuple{o.kpi_weight, row.kpi_score, "kpi"},
          std::tuple{o.okr_weight, row.okr_score, "okr"},
          std::tuple{o.competency_weight, row.competency_score, "competency"}}) {
      if (w == 0) continue;
      if (std::isnan(x)) {
        incomplete = true;
        row.notes.push_back(std::string(name) + " score missing: weights renormalised");
        continue;
      }
      fw += w;
      fv += w * x;
    }
    (void)incomplete;
    row.final_score = fw > 0 ? fv / fw : nan;
    if (!std::isnan(row.final_score)) {
      const AppraisalBand* best = nullptr;
      for (const auto& b : o.bands)
        if (row.final_score >= b.min && (!best || b.min > best->min)) best = &b;
      row.band = best ? best->name : "";
    }
    res.rows.push_back(std::move(row));
  }

  // ---- distribution per cycle and unit ("*" = everybody) ----
  std::vector<std::string> band_names;
  {
    std::vector<AppraisalBand> bs = o.bands;
    std::stable_sort(bs.begin(), bs.end(),
                     [](const AppraisalBand& a, const AppraisalBand& b) { return a.min > b.min; });
    for (const auto& b : bs) band_names.push_back(b.name);
  }
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::size_t>> counts;
  std::map<std::pair<std::string, std::string>, std::size_t> totals;
  for (const auto& r : res.rows) {
    if (r.band.empty()) continue;
    for (const std::string& u : {std::string("*"), r.unit}) {
      ++counts[{r.cycle, u}][r.band];
      ++totals[{r.cycle, u}];
    }
  }
  for (const auto& [key, n] : totals)
    for (const auto& b : band_names) {
      DistributionRow d;
      d.cycle = key.first;
      d.unit = key.second;
      d.band = b;
      d.people = n;
      auto& c = counts[key];
      d.count = c.count(b) ? c[b] : 0;
      d.actual = static_cast<double>(d.count) / static_cast<double>(n);
      if (o.target_distribution.empty()) {
        d.target = d.gap = nan;
      } else {
        auto it = o.target_distribution.find(b);
        d.target = it == o.target_distribution.end() ? 0.0 : it->second;
        d.gap = d.actual - d.target;
      }
      res.distribution.push_back(d);
    }
  return res;
}

}  // namespace okrkit
