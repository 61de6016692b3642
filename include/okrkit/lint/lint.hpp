// okrkit — SMART lint: named, stable rules that check a model (and optionally
// its measurements) for goals that are not Specific, Measurable, Achievable,
// Relevant and Time-bound, plus structure rules (docs/lint.md lists them all).
//
// Design decision (plug-in inputs): the rules do not call the scoring engine
// or the forecaster themselves. Their inputs are a LintInput — the Model, an
// optional SeriesStore, an optional as-of date, and an optional
// OutlookProvider that returns, per node, the probability of reaching the
// target and the trend. scorecard_outlook() below builds that provider from
// the scorecard's forecast (EvaluateOptions::outlook); the CLI and Python use
// it by default when measurements are given. series_outlook() is the plain
// least-squares trend (no probability) it falls back on for A002.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "okrkit/time/date.hpp"
#include "okrkit/core/error.hpp"
#include "okrkit/model/model.hpp"
#include "okrkit/series/series.hpp"

namespace okrkit {

struct Scorecard;

/// A lint rule's identity. Ids are stable: S/M/A/R/T = the SMART letter, X = structure.
struct LintRule {
  std::string id;       ///< "S001", ...
  std::string name;     ///< short kebab-case name, "title-missing"
  Severity severity;    ///< default severity of its findings
  std::string summary;  ///< one sentence: what it checks
};

/// Every rule, in id order.
const std::vector<LintRule>& lint_rules();

/// The rule with `id`, or nullptr.
const LintRule* find_lint_rule(const std::string& id);

/// What the forecaster / trend engine knows about one key result or KPI.
/// Every field is optional; a rule that lacks its number stays silent.
struct NodeOutlook {
  std::optional<double> probability;    ///< P(target reached by the due date), 0..1
  std::optional<double> trend_per_day;  ///< trend slope in measure units per day
  std::optional<double> current;        ///< latest value the trend starts from
  std::optional<Date> current_date;     ///< date of `current` (default: the as-of date)
};

/// Returns the outlook of a node id (key result or KPI), or nullopt.
using OutlookProvider = std::function<std::optional<NodeOutlook>(const std::string& node)>;

/// Everything lint reads. `data` and `outlook` may be null: rules that need
/// them are skipped. `as_of` defaults to the latest measurement date (or, with
/// no data, rules that need a date are skipped).
struct LintInput {
  const Model* model = nullptr;
  const SeriesStore* data = nullptr;  ///< finalized store, or null
  std::optional<Date> as_of;
  OutlookProvider outlook;
};

/// Tunable thresholds (documented per rule in docs/lint.md).
struct LintOptions {
  std::vector<std::string> disable;          ///< rule ids switched off (in addition to the model's)
  std::size_t min_key_results = 2;           ///< X001
  std::size_t max_key_results = 5;           ///< X002
  std::size_t max_objectives_per_owner = 5;  ///< X003, per owner and cycle
  std::size_t min_title_words = 3;           ///< S002 (objectives and key results)
  std::size_t max_title_chars = 100;         ///< S005 (code points)
  double near_duplicate_similarity = 0.8;    ///< X007: token Jaccard or 1 - normalised Levenshtein
  double committed_min_probability = 0.5;    ///< A001 for committed objectives
  double aspirational_min_probability = 0.2;  ///< A001 for aspirational objectives (softer)
  double trend_gap_factor = 3.0;              ///< A002: required rate > factor x trend rate
  double stretch_change = 0.5;          ///< A003: |t - b| / |b| above this in a committed objective
  double trivial_change = 0.02;         ///< A005: |t - b| / |b| below this
  double low_confidence = 0.3;          ///< A006
  double stale_factor = 1.5;            ///< T004: gap > factor x the frequency's period
  int checkin_max_age_days = 31;        ///< T005
  std::size_t max_alignment_depth = 4;  ///< R009: objectives in the longest chain, top included
  int min_cycle_days = 28;              ///< T008, cycles without a period label
  int max_cycle_days = 366;             ///< T008, cycles without a period label
  double cycle_length_tolerance = 0.2;  ///< T008: |days - label's days| / label's days above this
  std::size_t max_key_results_per_owner = 10;  ///< X017, per owner and cycle
};

/// Run every enabled rule. Findings are Diagnostics: code = rule id, message
/// names the node and field, `where` has file:line from model.sources.
/// Ordered by letter (S, M, A, R, T, X), rule number, then model order.
/// Throws DomainError if model is null or the store is not finalized.
std::vector<Diagnostic> lint(const LintInput& input, const LintOptions& options = {});

/// Convenience overload.
inline std::vector<Diagnostic> lint(const Model& model, const SeriesStore* data = nullptr,
                                    std::optional<Date> as_of = std::nullopt,
                                    const LintOptions& options = {}) {
  return lint(LintInput{&model, data, as_of, {}}, options);
}

/// Trend-only outlook from measurements: ordinary least squares slope per
/// day over the node's series up to `as_of` (needs >= 3 points), and the
/// latest value. No probability (A001 stays silent on it).
/// The returned provider keeps references to `model` and `data`.
OutlookProvider series_outlook(const Model& model, const SeriesStore& data, Date as_of);

/// Outlook from a scorecard evaluated with EvaluateOptions::outlook = true:
/// probability = NodeScore::probability (P(target met at the due date) from
/// the ETS forecast, docs/forecast.md); trend_per_day = NodeScore::trend_slope
/// divided by the mean length in days of its period kind (month = 365.2425/12);
/// current / current_date = the node's value and value date. NaN fields are
/// left unset; nodes absent from the scorecard give nullopt.
/// The returned provider keeps a reference to `scorecard`.
OutlookProvider scorecard_outlook(const Scorecard& scorecard);

/// The default outlook of `okrkit lint --data` and Python `okrkit.lint(model,
/// data)`: evaluate(model, data, as_of) with the outlook on (the provider owns
/// that scorecard), probability from it, and trend / current value from
/// series_outlook() where it has them (else from the scorecard), so A001 reads
/// the forecast and A002 the day-level trend of the raw measurements.
/// Keeps references to `model` and `data`. Throws DomainError if `data` is
/// not finalized.
OutlookProvider scorecard_outlook(const Model& model, const SeriesStore& data, Date as_of);

/// The highest severity among findings, or nullopt when there are none.
std::optional<Severity> highest_severity(const std::vector<Diagnostic>& findings);

/// CLI exit status from the highest severity: 0 = no findings or info only,
/// 3 = warnings, 4 = errors (1 and 2 keep their CLI meaning: invalid input, usage).
int lint_exit_status(const std::vector<Diagnostic>& findings);

// ---- writers (src/lint/lint_io.cpp) ---------------------------------------------

/// Aligned text table: severity, rule, location, message; then a summary line.
std::string format_lint_table(const std::vector<Diagnostic>& findings);

/// JSON: {"findings": [{rule, name, severity, node, field, file, line, message}], "summary":
/// {...}}.
std::string format_lint_json(const std::vector<Diagnostic>& findings);

/// SARIF 2.1.0: one run, tool.driver.rules = every rule, results with ruleId,
/// level (error / warning / note), message.text, physicalLocation (file, line)
/// and logicalLocations (node id, field).
std::string format_lint_sarif(const std::vector<Diagnostic>& findings);

}  // namespace okrkit
