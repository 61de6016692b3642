// okrkit — performance appraisal: per person and cycle, a KPI score and an OKR
// score combined with rubric ratings from several raters (self, manager,
// peers, direct reports), with bias reduction (per-rater calibration, trimmed
// means, minimum raters per role) and rating bands. Formulas: docs/appraisal.md.
//
// KPI and OKR scores are plain numbers per person (PersonScores, on the 0..1
// attainment scale). person_scores() computes them from a Scorecard (the
// default of `okrkit appraise --data` and Python `appraise(..., data=...)`);
// a scores CSV / table can override them person by person.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "okrkit/core/error.hpp"
#include "okrkit/model/model.hpp"

namespace okrkit {

struct Scorecard;

/// Who gave a rating, relative to the person rated.
enum class RaterRole { self, manager, peer, report };

/// "self", "manager", "peer", "report".
const char* to_string(RaterRole r) noexcept;
/// Parse a role name (also "direct_report", "peers", "reports"); nullopt if unknown.
std::optional<RaterRole> parse_rater_role(std::string_view s) noexcept;

/// A competency with a behavioural anchor sentence per level of the scale.
struct RubricCriterion {
  std::string id;
  std::string name;
  std::vector<std::string> anchors;  ///< anchors[i] describes level scale_min + i
  double weight = 1.0;
};

/// The criteria raters score, on a scale from scale_min to scale_max (1..5).
/// With no criteria, any criterion id is accepted with weight 1.
struct Rubric {
  std::vector<RubricCriterion> criteria;
  double scale_min = 1.0, scale_max = 5.0;
};

/// Five common competencies with 1..5 anchors (docs/appraisal.md).
Rubric default_rubric();

/// One rating of one person on one criterion by one rater.
struct Rating {
  std::string person, cycle, rater;
  RaterRole role = RaterRole::peer;
  std::string criterion;
  double rating = 0.0;
  std::string comment;
  std::size_t row = 0;    ///< CSV row (header = 1); 0 when built in code
  std::string file = {};  ///< CSV file (load_ratings / parse_ratings); "" when built in code
};

/// KPI and OKR scores of a person (0..1 attainment; unset = missing).
struct PersonScores {
  std::string person;
  std::optional<double> kpi, okr;
  /// The node ids each score is the weighted mean of (person_scores()); empty
  /// when the number came from elsewhere (a scores CSV).
  std::vector<std::string> kpi_from = {}, okr_from = {};
  std::string file = {};  ///< scores CSV the numbers came from ("" otherwise)
  std::size_t row = 0;    ///< its row (header = 1); 0 when not from a CSV
};

/// KPI and OKR score of every owner in `model` from `scorecard` (docs/appraisal.md;
/// docs/appraisal.md "Scores from the scorecard"). Person = node owner.
///  * kpi = Σ w·a / Σ w over the KPIs the person owns that have an attainment
///    (w = Kpi::weight, a = NodeScore::attainment at the scorecard's as-of date);
///  * okr = Σ w·a / Σ w over the objectives the person owns whose cycle
///    overlaps `cycle` and that have a score (w = Objective::weight); a person
///    who owns none of those: over the key results they own in objectives of
///    overlapping cycles (w = KeyResult::weight).
/// `cycle` null = objectives of every cycle. Attainment is already on 0..1
/// (up to a node's overachievement cap). Only people with at least one score
/// are returned: model.people order first, then other owners as they appear.
std::vector<PersonScores> person_scores(const Model& model, const Scorecard& scorecard,
                                        const Cycle* cycle = nullptr);

/// `base` with the numbers of `overrides` put in, person by person (a set
/// kpi / okr wins; an override's person not in `base` is added).
std::vector<PersonScores> merge_person_scores(std::vector<PersonScores> base,
                                              const std::vector<PersonScores>& overrides);

/// Per-rater calibration against the rater's own ratings in the cycle.
enum class Calibration {
  none,         ///< r
  mean_centre,  ///< centre + (r - m_j)
  z_score,      ///< centre + spread * (r - m_j) / s_j
};

/// A rating band: final score >= min (bands are tried from the highest min).
struct AppraisalBand {
  std::string name;
  double min = 0.0;
};

/// Five bands on the 0..1 final score.
std::vector<AppraisalBand> default_bands();

/// Bands must give every final score exactly one band: a finite min each
/// (no NaN), distinct names and distinct mins (two bands with one min
/// overlap), at least one band, and the lowest min <= 0 (else the scores
/// below it have no band: a gap). Throws DomainError naming the band;
/// appraise() calls it and `okrkit appraise --bands` maps it to a usage error.
void check_bands(const std::vector<AppraisalBand>& bands);

/// What appraise() does with a rating or score for a person not in the
/// model, or a rating on a criterion the rubric does not define.
enum class UnknownPolicy {
  error,  ///< a DomainError listing every such row (file:line, person / criterion)
  warn,   ///< a warning in AppraisalResult::diagnostics; the row is used as given
};

struct AppraisalOptions {
  Calibration calibration = Calibration::none;
  /// Fraction trimmed from each end of a role's rater scores, [0, 0.5):
  /// floor(trim * n) raters dropped at each end.
  double trim = 0.0;
  /// Minimum distinct raters for a role to count (default 1 for every role).
  std::map<RaterRole, std::size_t> min_raters;
  /// Count the self-rating in the competency score (it is always reported).
  bool include_self = false;
  std::map<RaterRole, double> role_weights = {{RaterRole::self, 0.0},
                                              {RaterRole::manager, 0.5},
                                              {RaterRole::peer, 0.3},
                                              {RaterRole::report, 0.2}};
  double kpi_weight = 0.6, okr_weight = 0.2, competency_weight = 0.2;
  std::vector<AppraisalBand> bands = default_bands();
  /// Optional target share per band name (sums to 1); reported, never enforced.
  std::map<std::string, double> target_distribution;
  /// Raters who rated fewer distinct people are not calibrated (kept raw).
  std::size_t min_people_for_calibration = 2;
  /// Calibrated centre; default: the scale midpoint (3 on 1..5).
  std::optional<double> calibration_centre;
  /// z-score spread: rating points per standard deviation of the rater.
  double calibration_spread = 1.0;
  /// Unknown persons (with a model: not among its people or node owners) and
  /// unknown criteria (with a rubric that lists criteria): error by default.
  UnknownPolicy unknown = UnknownPolicy::error;
};

/// A rater's own distribution in one cycle, used for calibration.
struct RaterStats {
  std::string rater, cycle;
  std::size_t ratings = 0, people = 0;
  double mean = 0.0, sd = 0.0;  ///< population SD of the rater's ratings
  std::string treatment;  ///< "raw", "mean_centre", "z_score", "raw: rated 1 person", "centre: zero
                          ///< variance"
};

/// One role's contribution for a person.
struct RoleScore {
  RaterRole role = RaterRole::peer;
  double score = 0.0;    ///< trimmed mean of rater scores on the rating scale; NaN if none
  bool counted = false;  ///< enters the competency score
  std::vector<std::string> raters;   ///< raters of this role, sorted
  std::vector<std::string> trimmed;  ///< raters dropped by the trimmed mean
};

/// The result for one person in one cycle: every component and the raters behind it.
struct AppraisalRow {
  std::string person, name, unit, cycle;
  double kpi_score = 0.0, okr_score = 0.0;      ///< 0..1; NaN when missing
  std::vector<std::string> kpi_from, okr_from;  ///< nodes behind kpi / okr score (PersonScores)
  double self_score = 0.0;         ///< self rating (calibrated as a rater), NaN if none
  std::array<RoleScore, 4> roles;  ///< indexed by RaterRole
  double competency = 0.0;         ///< role-weighted rating on the scale; NaN if no role counted
  double competency_score = 0.0;   ///< (competency - min) / (max - min)
  double final_score = 0.0;        ///< component-weighted, 0..1; NaN if no component
  std::string band;
  std::vector<std::string> notes;  ///< why a number is missing, a role not counted, ...
};

/// Mean rating of a person on one criterion by one role (before/after calibration).
struct CriterionScore {
  std::string person, cycle, criterion;
  RaterRole role = RaterRole::peer;
  double raw = 0.0, calibrated = 0.0;
  std::size_t raters = 0;
};

/// Actual vs target share of a band in a unit ("*" = everybody).
struct DistributionRow {
  std::string cycle, unit, band;
  std::size_t count = 0, people = 0;
  double actual = 0.0, target = 0.0,
         gap = 0.0;  ///< shares; gap = actual - target (NaN target when none)
};

struct AppraisalResult {
  std::vector<AppraisalRow> rows;        ///< sorted by cycle, person
  std::vector<CriterionScore> criteria;  ///< sorted by cycle, person, criterion, role
  std::vector<RaterStats> raters;        ///< sorted by cycle, rater
  std::vector<DistributionRow> distribution;
  std::vector<Diagnostic> diagnostics;  ///< warnings (UnknownPolicy::warn)
};

/// Combine ratings and scores. `model` (may be null) gives names and units.
/// Throws DomainError for ratings outside the scale, duplicate ratings, or
/// bad options (trim outside [0, 0.5), negative weights, target shares not
/// summing to 1, bands failing check_bands()), and (options.unknown = error)
/// for ratings / scores of unknown persons or criteria, listing every one
/// with its file:line.
AppraisalResult appraise(const std::vector<Rating>& ratings,
                         const std::vector<PersonScores>& scores, const Model* model = nullptr,
                         const Rubric& rubric = default_rubric(),
                         const AppraisalOptions& options = {});

// ---- CSV (src/appraisal/appraisal_csv.cpp) ----------------------------------------------

/// Ratings CSV: person, cycle, rater, role, criterion, rating[, comment]
/// (header required, any order, RFC 4180 quoting). Row problems (bad role,
/// rating not a number or outside the rubric's scale, unknown criterion,
/// duplicate rating) are collected into one ValidationError.
std::vector<Rating> parse_ratings(std::string_view csv, const std::string& file = "",
                                  const Rubric& rubric = default_rubric());
std::vector<Rating> load_ratings(const std::string& path, const Rubric& rubric = default_rubric());

/// Scores CSV: person, kpi_score, okr_score (empty cell = missing).
std::vector<PersonScores> parse_person_scores(std::string_view csv, const std::string& file = "");
std::vector<PersonScores> load_person_scores(const std::string& path);

/// Result writers: an aligned table, JSON (rows with raters, criteria,
/// raters' calibration, distribution), and CSV of the rows (one column per component).
std::string format_appraisal_table(const AppraisalResult& r);
std::string format_appraisal_json(const AppraisalResult& r);
std::string format_appraisal_csv(const AppraisalResult& r);

}  // namespace okrkit
