// okrkit — SMART lint rules (docs/lint.md). One function per rule, run in id
// order; each walks the model in file order, so findings are stable.
#include "okrkit/lint/lint.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "okrkit/scoring/scorecard.hpp"
#include "okrkit/detail/format_number.hpp"
#include "okrkit/trend/linear_trend.hpp"
#include "okrkit/detail/utf8.hpp"
#include "lint/rules.hpp"

namespace okrkit {

namespace {

using S = Severity;

const std::vector<LintRule> rules_table = {
    {"S001", "title-missing", S::error,
     "every objective, key result, KPI and CSF has a title or name"},
    {"S002", "title-too-short", S::warning,
     "objective and key result titles have at least 3 words"},
    {"S003", "title-task-list", S::warning, "a title states one goal, not a list of tasks"},
    {"S004", "unit-missing", S::warning, "numeric key results and KPIs state their measure unit"},
    {"S005", "title-too-long", S::info, "titles fit in about one line (100 characters)"},
    {"S006", "objective-title-has-number", S::info,
     "objectives are qualitative; numbers belong in key results"},
    {"M001", "target-missing", S::error,
     "key results and KPIs have a numeric target for their kind"},
    {"M002", "baseline-missing", S::warning,
     "increase / decrease targets have a baseline to measure from"},
    {"M003", "no-data-source", S::warning,
     "a key result or KPI has a series, formula, check-ins or a linked measured KPI"},
    {"M004", "series-without-data", S::warning,
     "a named series has measurements in the data given"},
    {"M005", "single-milestone", S::info,
     "a milestone target with one milestone is pass/fail only"},
    {"M006", "kpi-without-thresholds", S::info,
     "threshold KPIs (at_least / at_most) state green / yellow limits"},
    {"A001", "low-probability", S::warning,
     "the forecast probability of reaching the target is not too low"},
    {"A002", "beyond-trend", S::warning,
     "the rate needed to reach the target is not far beyond the trend"},
    {"A003", "committed-stretch", S::warning,
     "committed objectives do not carry stretch-sized key results"},
    {"A004", "sandbagging", S::warning,
     "the target is not already reached by the baseline or first measurement"},
    {"A005", "trivial-target", S::info,
     "the target differs from the baseline by more than a rounding error"},
    {"A006", "low-confidence", S::warning, "the latest check-in confidence is not very low"},
    {"R001", "kpi-unlinked", S::warning,
     "a KPI is linked to a key result or CSF (else it is only a metric)"},
    {"R002", "csf-without-kpis", S::warning, "every critical success factor is measured by KPIs"},
    {"R003", "objective-not-aligned", S::warning,
     "objectives below the top unit align to an objective above"},
    {"R004", "csf-unanchored", S::warning, "a CSF belongs to an objective or a unit"},
    {"R005", "alignment-cycle-mismatch", S::warning,
     "an aligned parent objective runs in an overlapping cycle"},
    {"R006", "alignment-outside-org-line", S::info,
     "an objective aligns to an objective of its own unit line"},
    {"R007", "kpi-direction-conflict", S::warning,
     "a key result and the KPIs tracking it agree on which way is better"},
    {"R008", "alignment-cycle-not-nested", S::warning,
     "an aligned parent in another cycle runs over the whole of the child's cycle"},
    {"R009", "alignment-too-deep", S::warning,
     "alignment chains are at most max_alignment_depth (4) objectives deep"},
    {"R010", "objective-outside-org", S::warning,
     "an objective belongs to a unit of the company's org tree"},
    {"R011", "red-kpi-without-recovery", S::warning,
     "a KPI that is red names a recovery objective"},
    {"R012", "recovery-not-current", S::warning,
     "a KPI's recovery objective runs in a cycle that includes the as-of date"},
    {"R013", "alignment-to-closed-parent", S::warning,
     "an open objective does not align to a closed objective or one of a closed cycle"},
    {"T001", "no-cycle", S::error, "every objective belongs to a cycle"},
    {"T002", "due-outside-cycle", S::warning, "a key result is due inside its objective's cycle"},
    {"T003", "start-outside-cycle", S::warning, "a key result starts inside its objective's cycle"},
    {"T004", "stale-data", S::warning,
     "a KPI's latest measurement is not older than its frequency allows"},
    {"T005", "stale-checkins", S::warning,
     "an active key result tracked by check-ins has a recent check-in"},
    {"T006", "kpi-frequency-too-coarse", S::warning,
     "a tracking KPI is measured at least once within the key result's span"},
    {"T007", "empty-cycle", S::warning, "a cycle that has started has objectives"},
    {"T008", "cycle-length", S::warning,
     "a cycle is as long as its period label says (or 28 to 366 days without one)"},
    {"T009", "overlapping-cycles", S::warning,
     "cycles of the same cadence used by one unit do not overlap"},
    {"T010", "abandoned-without-note", S::warning,
     "an abandoned objective or key result says why in its note"},
    {"X001", "too-few-key-results", S::warning,
     "an objective has at least 2 key results (or aligned children)"},
    {"X002", "too-many-key-results", S::warning, "an objective has at most 5 key results"},
    {"X003", "too-many-objectives", S::warning,
     "an owner has a sane number of objectives per cycle (5)"},
    {"X004", "owner-missing", S::warning,
     "every objective, KPI and CSF (and key result without an owned objective) has an owner"},
    {"X005", "activity-not-outcome", S::warning,
     "a key result states an outcome with a number, not an activity"},
    {"X006", "duplicate-title", S::warning, "titles are unique among nodes of the same kind"},
    {"X007", "near-duplicate-title", S::info, "titles are not near-copies of each other"},
    {"X008", "weights-sum", S::warning,
     "explicit weights of siblings sum to exactly 1 or 100 when they are close"},
    {"X009", "bad-weight", S::error, "weights are finite and > 0"},
    {"X010", "alignment-cycle", S::error, "alignment between objectives has no cycles"},
    {"X011", "objective-unmeasured", S::warning,
     "an objective has key results, aligned children or a score"},
    {"X012", "unknown-rule", S::info, "lint_disable lists only known rule ids"},
    {"X013", "owner-outside-unit", S::info, "an objective's owner belongs to the objective's unit"},
    {"X014", "no-own-key-results", S::info,
     "an objective has key results of its own, not only aligned children"},
    {"X015", "key-result-owner-missing", S::info, "every key result names its own owner"},
    {"X016", "key-results-owned-by-other", S::warning,
     "an objective's key results are not all owned by one other person"},
    {"X017", "too-many-key-results-per-owner", S::warning,
     "a person owns a sane number of key results per cycle (10)"},
};

// Verbs that start an activity ("write the plan") rather than an outcome.
const std::set<std::string> activity_verbs = {
    "attend",      "build",   "call",     "complete", "conduct",  "create",    "define",
    "deliver",     "deploy",  "design",   "develop",  "document", "draft",     "establish",
    "explore",     "finish",  "hire",     "hold",     "host",     "implement", "introduce",
    "investigate", "launch",  "meet",     "migrate",  "organise", "organize",  "plan",
    "prepare",     "publish", "redesign", "release",  "research", "review",    "roll",
    "run",         "send",    "set",      "setup",    "ship",     "start",     "train",
    "update",      "write"};

std::string fmt(double v) { return detail::format_general(v); }

// Ratios in messages: three significant digits ("3.51 times the trend").
std::string fmt3(double v) { return detail::format_general(v, 3); }

std::size_t code_points(const std::string& s) { return detail::utf8_count(s); }

// Lowercased tokens: runs of ASCII letters/digits or any non-ASCII bytes.
std::vector<std::string> tokens(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80) {
      cur += static_cast<char>(std::tolower(c));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::string normalised(const std::string& s) {
  std::string out;
  for (const auto& t : tokens(s)) out += (out.empty() ? "" : " ") + t;
  return out;
}

double jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::set<std::string> A(a.begin(), a.end()), B(b.begin(), b.end());
  if (A.empty() && B.empty()) return 1.0;
  std::size_t common = 0;
  for (const auto& t : A) common += B.count(t);
  return static_cast<double>(common) / static_cast<double>(A.size() + B.size() - common);
}

// 1 - Levenshtein(a, b) / max(|a|, |b|) over bytes of the normalised titles.
double levenshtein_similarity(const std::string& a, const std::string& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return 1.0 -
         static_cast<double>(prev[b.size()]) / static_cast<double>(std::max(a.size(), b.size()));
}

bool numeric_kind(TargetKind k) {
  return k == TargetKind::increase || k == TargetKind::decrease || k == TargetKind::at_least ||
         k == TargetKind::at_most || k == TargetKind::range;
}

// Days in one measurement period of a frequency (upper bound of a month etc.).
int period_days(Frequency f) {
  switch (f) {
    case Frequency::daily:
      return 1;
    case Frequency::weekly:
      return 7;
    case Frequency::monthly:
      return 31;
    case Frequency::quarterly:
      return 92;
    case Frequency::yearly:
      return 366;
  }
  return 31;
}

// True when value v meets target t in the direction of the target.
bool meets(const Target& t, double v) {
  auto tt = t.absolute_target();
  switch (t.kind) {
    case TargetKind::range:
      return t.lo && t.hi && v >= *t.lo && v <= *t.hi;
    case TargetKind::milestone:
    case TargetKind::baseline:
      return false;
    default:
      if (!tt) return false;
      return t.higher_is_better() ? v >= *tt : v <= *tt;
  }
}

class Linter {
 public:
  Linter(const LintInput& in, const LintOptions& o) : in_(in), m_(*in.model), o_(o) {
    for (const auto& c : m_.cycles) cycles_[c.id] = &c;
    for (const auto& x : m_.objectives) objectives_[x.id] = &x;
    for (const auto& x : m_.units) units_[x.id] = &x;
    for (const auto& x : m_.people) people_[x.id] = &x;
    for (const auto& x : m_.kpis) kpis_[x.id] = &x;
    for (const auto& k : m_.key_results) krs_of_[k.objective].push_back(&k);
    for (const auto& x : m_.objectives)
      for (const auto& a : x.aligns_to) children_of_[a.parent].push_back(&x);
    as_of_ = in.as_of;
    if (!as_of_ && in.data && in.data->size() > 0) {
      DayNumber last = in.data->day_column().front();
      for (auto d : in.data->day_column()) last = std::max(last, d);
      as_of_ = from_day_number(last);
    }
  }

  std::vector<Diagnostic> run() {
    S001();
    S002();
    S003();
    S004();
    S005();
    S006();
    M001();
    M002();
    M003();
    M004();
    M005();
    M006();
    A001();
    A002();
    A003();
    A004();
    A005();
    A006();
    R001();
    R002();
    R003();
    R004();
    R005();
    R006();
    R007();
    lint_detail::alignment_rules(context());
    T001();
    T002();
    T003();
    T004();
    T005();
    T006();
    lint_detail::cycle_rules(context());
    X001();
    X002();
    X003();
    X004();
    X005();
    X006();
    X007();
    X008();
    X009();
    X010();
    X011();
    X012();
    X013();
    lint_detail::ownership_rules(context());
    return filter();
  }

 private:
  lint_detail::RuleContext context() {
    return {in_, m_, o_, as_of_,
            [this](const char* rule, const std::string& node, const std::string& field,
                   std::string message) { add(rule, node, field, std::move(message)); }};
  }
  void add(const char* rule, const std::string& node, const std::string& field,
           std::string message) {
    const LintRule* r = find_lint_rule(rule);
    out_.push_back({r->severity, rule, std::move(message), m_.sources.locate(node, field)});
    out_.back().where.node = node;
    out_.back().where.field = field;
  }

  std::vector<Diagnostic> filter() const {
    std::set<std::string> global(o_.disable.begin(), o_.disable.end());
    if (auto it = m_.lint_disable.find(""); it != m_.lint_disable.end())
      global.insert(it->second.begin(), it->second.end());
    std::vector<Diagnostic> kept;
    for (const auto& d : out_) {
      if (global.count(d.code)) continue;
      if (auto it = m_.lint_disable.find(d.where.node);
          !d.where.node.empty() && it != m_.lint_disable.end() &&
          std::find(it->second.begin(), it->second.end(), d.code) != it->second.end())
        continue;
      kept.push_back(d);
    }
    return kept;
  }

  const Cycle* cycle_of(const Objective& o) const {
    auto it = cycles_.find(o.cycle);
    return it == cycles_.end() ? nullptr : it->second;
  }
  const Objective* objective_of(const KeyResult& k) const {
    auto it = objectives_.find(k.objective);
    return it == objectives_.end() ? nullptr : it->second;
  }
  std::optional<Date> start_of(const KeyResult& k) const {
    if (k.start) return k.start;
    if (auto o = objective_of(k))
      if (auto c = cycle_of(*o)) return c->start;
    return std::nullopt;
  }
  std::optional<Date> due_of(const KeyResult& k) const {
    if (k.due) return k.due;
    if (auto o = objective_of(k))
      if (auto c = cycle_of(*o)) return c->end;
    return std::nullopt;
  }
  bool aspirational(const KeyResult& k) const {
    auto o = objective_of(k);
    return o && o->type == ObjectiveType::aspirational;
  }
  std::optional<NodeOutlook> outlook(const std::string& id) const {
    if (!in_.outlook) return std::nullopt;
    return in_.outlook(id);
  }
  // Measurements of a series on or before as-of (all when no as-of).
  SeriesView series(const std::string& id) const { return in_.data->view(id); }
  std::size_t usable(const SeriesView& v) const {
    std::size_t n = v.size;
    if (as_of_) {
      DayNumber lim = to_day_number(*as_of_);
      while (n > 0 && v.days[n - 1] > lim) --n;
    }
    return n;
  }

  // Titled nodes of the kinds that have titles: (kind, id, field, title).
  struct Titled {
    const char* kind;
    std::string id, field, title;
  };
  std::vector<Titled> titled(bool with_kpis_csfs = true) const {
    std::vector<Titled> v;
    for (const auto& o : m_.objectives) v.push_back({"objective", o.id, "title", o.title});
    for (const auto& k : m_.key_results) v.push_back({"key result", k.id, "title", k.title});
    if (with_kpis_csfs) {
      for (const auto& k : m_.kpis) v.push_back({"KPI", k.id, "name", k.name});
      for (const auto& c : m_.csfs) v.push_back({"CSF", c.id, "name", c.name});
    }
    return v;
  }
  static std::string q(const char* kind, const std::string& id) {
    return std::string(kind) + " '" + id + "'";
  }

  // ---- Specific ----
  void S001() {
    for (const auto& t : titled())
      if (normalised(t.title).empty())
        add("S001", t.id, t.field, q(t.kind, t.id) + " " + t.field + " is empty");
  }
  void S002() {
    for (const auto& t : titled(false)) {
      if (normalised(t.title).empty()) continue;
      bool ascii = std::all_of(t.title.begin(), t.title.end(),
                               [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      std::size_t words = tokens(t.title).size();
      // Scripts written without spaces (Chinese, Japanese) are not counted in words.
      if (!ascii && t.title.find(' ') == std::string::npos) continue;
      if (words < o_.min_title_words)
        add("S002", t.id, t.field,
            q(t.kind, t.id) + " title has " + std::to_string(words) +
                " word(s); say what and by how much (>= " + std::to_string(o_.min_title_words) +
                ")");
    }
  }
  void S003() {
    for (const auto& t : titled(false)) {
      const std::string& s = t.title;
      auto count = [&](const std::string& needle) {
        std::size_t n = 0;
        for (auto p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
        return n;
      };
      std::string lower;
      for (unsigned char c : s) lower += static_cast<char>(std::tolower(c));
      std::size_t ands = 0;
      for (const auto& w : tokens(s)) ands += (w == "and");
      bool list = s.find(';') != std::string::npos || s.find('\n') != std::string::npos ||
                  s.find("\xE2\x80\xA2") != std::string::npos /* bullet */ || count(",") >= 2 ||
                  ands >= 2 || lower.rfind("- ", 0) == 0 || lower.rfind("* ", 0) == 0 ||
                  lower.rfind("1.", 0) == 0;
      if (list)
        add("S003", t.id, t.field,
            q(t.kind, t.id) + " title reads like a list of tasks; split it into separate goals");
    }
  }
  void S004() {
    for (const auto& k : m_.key_results)
      if (numeric_kind(k.target.kind) && k.measure_unit.empty())
        add("S004", k.id, "measure_unit",
            q("key result", k.id) + " has no measure_unit (%, USD, visits, ...)");
    for (const auto& k : m_.kpis)
      if (numeric_kind(k.target.kind) && k.measure_unit.empty())
        add("S004", k.id, "measure_unit",
            q("KPI", k.id) + " has no measure_unit (%, USD, visits, ...)");
  }
  void S005() {
    for (const auto& t : titled(false))
      if (code_points(t.title) > o_.max_title_chars)
        add("S005", t.id, t.field,
            q(t.kind, t.id) + " title has " + std::to_string(code_points(t.title)) +
                " characters (> " + std::to_string(o_.max_title_chars) + ")");
  }
  void S006() {
    for (const auto& o : m_.objectives) {
      bool number = o.title.find('%') != std::string::npos;
      for (const auto& w : tokens(o.title)) {
        bool digits = w.size() >= 2 &&
                      std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
        bool year = w.size() == 4 && (w.rfind("19", 0) == 0 || w.rfind("20", 0) == 0);
        number |= digits && !year;
      }
      if (number)
        add("S006", o.id, "title",
            q("objective", o.id) + " title contains a figure; move numbers into key results");
    }
  }

  // ---- Measurable ----
  std::optional<std::string> target_problem(const Target& t) const {
    switch (t.kind) {
      case TargetKind::range:
        if (!t.lo || !t.hi) return std::string("range target needs lo and hi");
        return std::nullopt;
      case TargetKind::milestone:
        if (t.milestones.empty()) return std::string("milestone target has no milestones");
        return std::nullopt;
      case TargetKind::baseline:
        return std::nullopt;
      default:
        if (!t.absolute_target())
          return std::string(t.relative ? "relative target needs a baseline" : "no numeric target");
        return std::nullopt;
    }
  }
  void M001() {
    for (const auto& k : m_.key_results)
      if (!scored_without_target(k))
        if (auto p = target_problem(k.target))
          add("M001", k.id, "target", q("key result", k.id) + ": " + *p);
    for (const auto& k : m_.kpis)
      if (auto p = target_problem(k.target))
        add("M001", k.id, "target", q("KPI", k.id) + ": " + *p);
  }
  void M002() {
    auto check = [&](const char* kind, const std::string& id, const Target& t) {
      if ((t.kind == TargetKind::increase || t.kind == TargetKind::decrease) &&
          t.method == ProgressMethod::linear && !t.baseline)
        add("M002", id, "baseline",
            q(kind, id) + " has an " + to_string(t.kind) + " target but no baseline");
    };
    for (const auto& k : m_.key_results)
      if (!scored_without_target(k)) check("key result", k.id, k.target);
    for (const auto& k : m_.kpis) check("KPI", k.id, k.target);
  }
  /// A key result scored by its KPIs or by reported zones (KeyResult::scoring)
  /// needs no target of its own (docs/lifecycle.md "Scoring methods").
  static bool scored_without_target(const KeyResult& k) {
    return k.scoring == KrScoring::tracked_by || k.scoring == KrScoring::ordinal;
  }
  bool kpi_has_source(const Kpi& k) const {
    return !k.series.empty() || !k.formula.empty() || k.value_override;
  }
  void M003() {
    for (const auto& k : m_.key_results) {
      if (k.target.kind == TargetKind::milestone) continue;  // done flags are the data
      bool src = !k.series.empty() || !k.checkins.empty() || k.value_override || k.score_override ||
                 !k.cascade_from.empty();
      for (const auto& id : k.tracked_by)
        if (auto it = kpis_.find(id); it != kpis_.end() && kpi_has_source(*it->second)) src = true;
      if (!src)
        add("M003", k.id, "series",
            q("key result", k.id) +
                " has no series, check-ins, cascade or measured KPI: nothing measures it");
    }
    for (const auto& k : m_.kpis)
      if (!kpi_has_source(k))
        add("M003", k.id, "series",
            q("KPI", k.id) + " has no series, formula or value: nothing measures it");
  }
  void M004() {
    if (!in_.data) return;
    auto check = [&](const char* kind, const std::string& id, const std::string& s) {
      if (s.empty()) return;
      if (usable(series(s)) == 0)
        add("M004", id, "series",
            q(kind, id) + " series '" + s + "' has no measurements" +
                (as_of_ ? " up to " + format_date(*as_of_) : std::string()));
    };
    for (const auto& k : m_.key_results)
      if (k.checkins.empty()) check("key result", k.id, k.series);  // check-ins are data too
    for (const auto& k : m_.kpis) check("KPI", k.id, k.series);
  }
  void M005() {
    for (const auto& k : m_.key_results)
      if (k.target.kind == TargetKind::milestone && k.target.milestones.size() == 1)
        add("M005", k.id, "milestones",
            q("key result", k.id) + " has a single milestone: progress is 0 or 1 only");
  }
  void M006() {
    for (const auto& k : m_.kpis)
      if ((k.target.kind == TargetKind::at_least || k.target.kind == TargetKind::at_most) &&
          !k.thresholds.green && !k.thresholds.yellow)
        add("M006", k.id, "thresholds", q("KPI", k.id) + " has no green / yellow thresholds");
  }

  // ---- Achievable ----
  void A001() {
    auto check = [&](const char* kind, const std::string& id, bool asp) {
      auto ol = outlook(id);
      if (!ol || !ol->probability) return;
      double lim = asp ? o_.aspirational_min_probability : o_.committed_min_probability;
      if (*ol->probability < lim)
        add("A001", id, "target",
            q(kind, id) + " target has a forecast probability of " +
                detail::format_probability(*ol->probability) + " (< " +
                detail::format_probability(lim) + (asp ? " for aspirational" : " for committed") +
                ")");
    };
    std::set<std::string> covered;  // KPIs tracking a key result on the same series
    for (const auto& k : m_.key_results) {
      check("key result", k.id, aspirational(k));
      for (const auto& id : k.tracked_by)
        if (auto it = kpis_.find(id);
            it != kpis_.end() && !k.series.empty() && it->second->series == k.series)
          covered.insert(id);
    }
    // A KPI that tracks a key result measured by the same series has the same
    // forecast: the key result's finding (with its objective's limit) covers it.
    for (const auto& k : m_.kpis)
      if (!covered.count(k.id)) check("KPI", k.id, false);
  }
  void A002() {
    if (!as_of_) return;
    for (const auto& k : m_.key_results) {
      auto ol = outlook(k.id);
      auto t = k.target.absolute_target();
      auto due = due_of(k);
      if (!ol || !ol->trend_per_day || !t || !due || k.target.kind == TargetKind::range ||
          !numeric_kind(k.target.kind))
        continue;
      std::optional<double> cur = ol->current ? ol->current : k.target.baseline;
      if (!cur || meets(k.target, *cur)) continue;
      Date from = ol->current && ol->current_date ? *ol->current_date : *as_of_;
      double days = static_cast<double>((*due - from).days());
      if (days <= 0) continue;
      double required = (*t - *cur) / days, trend = *ol->trend_per_day;
      if (trend == 0 || (trend > 0) != (required > 0))
        add("A002", k.id, "target",
            q("key result", k.id) + " needs " + fmt(required) + "/day to reach " + fmt(*t) +
                " but the trend is " + fmt(trend) + "/day");
      else if (std::fabs(required) > o_.trend_gap_factor * std::fabs(trend))
        add("A002", k.id, "target",
            q("key result", k.id) + " needs " + fmt(required) + "/day, " + fmt3(required / trend) +
                " times the trend (" + fmt(trend) + "/day)");
    }
  }
  static std::optional<double> relative_change(const Target& t) {
    auto tt = t.absolute_target();
    if (!tt || !t.baseline || *t.baseline == 0) return std::nullopt;
    if (t.kind != TargetKind::increase && t.kind != TargetKind::decrease) return std::nullopt;
    return std::fabs(*tt - *t.baseline) / std::fabs(*t.baseline);
  }
  void A003() {
    for (const auto& k : m_.key_results) {
      auto o = objective_of(k);
      if (!o || o->type != ObjectiveType::committed) continue;
      if (auto r = relative_change(k.target); r && *r > o_.stretch_change)
        add("A003", k.id, "target",
            q("key result", k.id) + " target moves " + fmt(100 * *r) +
                "% from baseline in committed objective '" + o->id +
                "'; mark the objective aspirational or lower the target");
    }
  }
  void A004() {
    auto check = [&](const char* kind, const std::string& id, const Target& t, const std::string& s,
                     std::optional<Date> start) {
      if (t.baseline &&
          (t.kind == TargetKind::at_least || t.kind == TargetKind::at_most ||
           t.kind == TargetKind::range) &&
          meets(t, *t.baseline)) {
        add("A004", id, "target",
            q(kind, id) + " baseline " + fmt(*t.baseline) + " already meets the target");
        return;
      }
      if (!in_.data || s.empty()) return;
      auto v = series(s);
      std::size_t n = usable(v);
      if (n == 0) return;
      // The value at the start: the last measurement on or before the start,
      // else the first measurement after it.
      std::size_t i = 0;
      if (start) {
        DayNumber sd = to_day_number(*start);
        while (i + 1 < n && v.days[i + 1] <= sd) ++i;
      }
      double first = v.values[i];
      if (!std::isnan(first) && meets(t, first))
        add("A004", id, "target",
            q(kind, id) + " first measurement " + fmt(first) + " (" + format_date(v.date(i)) +
                ") already meets the target");
    };
    for (const auto& k : m_.key_results) check("key result", k.id, k.target, k.series, start_of(k));
    for (const auto& k : m_.kpis) {
      if (k.target.baseline && meets(k.target, *k.target.baseline))
        add("A004", k.id, "target",
            q("KPI", k.id) + " baseline " + fmt(*k.target.baseline) + " already meets the target");
    }
  }
  void A005() {
    for (const auto& k : m_.key_results)
      if (auto r = relative_change(k.target); r && *r > 0 && *r < o_.trivial_change)
        add("A005", k.id, "target",
            q("key result", k.id) + " target differs from the baseline by only " + fmt(100 * *r) +
                "%");
  }
  // A key result closed (achieved, missed, abandoned) on or before as-of
  // (any closed one without an as-of): its check-ins have ended for good, so
  // the check-in rules A006 and T005 leave it alone.
  bool closed_now(const KeyResult& k) const {
    return is_closed(k.state) && (!as_of_ || !k.close.closed_on || *k.close.closed_on <= *as_of_);
  }

  void A006() {
    for (const auto& k : m_.key_results) {
      if (closed_now(k)) continue;
      const CheckIn* last = nullptr;
      for (const auto& c : k.checkins)
        if (c.confidence && (!as_of_ || c.date <= *as_of_) && (!last || c.date >= last->date))
          last = &c;
      if (last && *last->confidence < o_.low_confidence)
        add("A006", k.id, "checkins",
            q("key result", k.id) + " latest check-in confidence is " + fmt(*last->confidence) +
                " (" + format_date(last->date) + ")");
    }
  }

  // ---- Relevant ----
  void R001() {
    std::set<std::string> linked;
    for (const auto& k : m_.key_results) linked.insert(k.tracked_by.begin(), k.tracked_by.end());
    for (const auto& c : m_.csfs)
      for (const auto& l : c.measured_by) linked.insert(l.kpi);
    for (const auto& k : m_.kpis)
      if (!linked.count(k.id))
        add("R001", k.id, "id",
            q("KPI", k.id) + " is not linked to any key result or CSF: it is only a metric");
  }
  void R002() {
    for (const auto& c : m_.csfs)
      if (c.measured_by.empty())
        add("R002", c.id, "measured_by", q("CSF", c.id) + " is measured by no KPI");
  }
  void R003() {
    for (const auto& o : m_.objectives) {
      if (!o.aligns_to.empty() || o.unit.empty()) continue;
      auto it = units_.find(o.unit);
      if (it != units_.end() && !it->second->parent.empty())
        add("R003", o.id, "aligns_to",
            q("objective", o.id) + " of unit '" + o.unit + "' aligns to no objective above it");
    }
  }
  void R004() {
    for (const auto& c : m_.csfs)
      if (c.objective.empty() && c.unit.empty())
        add("R004", c.id, "objective", q("CSF", c.id) + " belongs to no objective and no unit");
  }
  void R005() {
    for (const auto& o : m_.objectives) {
      auto c = cycle_of(o);
      for (const auto& a : o.aligns_to) {
        auto pit = objectives_.find(a.parent);
        if (!c || pit == objectives_.end()) continue;
        auto pc = cycle_of(*pit->second);
        if (pc && (pc->end < c->start || pc->start > c->end))
          add("R005", o.id, "aligns_to",
              q("objective", o.id) + " (cycle '" + c->id + "') aligns to '" + a.parent +
                  "' in cycle '" + pc->id + "', which does not overlap");
      }
    }
  }
  bool unit_in_line(const std::string& ancestor, const std::string& unit) const {
    std::string cur = unit;
    for (std::size_t steps = 0; !cur.empty() && steps <= units_.size(); ++steps) {
      if (cur == ancestor) return true;
      auto it = units_.find(cur);
      cur = it == units_.end() ? "" : it->second->parent;
    }
    return false;
  }
  void R006() {
    for (const auto& o : m_.objectives)
      for (const auto& a : o.aligns_to) {
        auto pit = objectives_.find(a.parent);
        if (pit == objectives_.end() || o.unit.empty() || pit->second->unit.empty()) continue;
        if (!unit_in_line(pit->second->unit, o.unit))
          add("R006", o.id, "aligns_to",
              q("objective", o.id) + " aligns to '" + a.parent + "' of unit '" + pit->second->unit +
                  "', which is not above unit '" + o.unit + "'");
      }
  }
  static bool directional(const Target& t) {
    return t.kind == TargetKind::increase || t.kind == TargetKind::decrease ||
           t.kind == TargetKind::at_least || t.kind == TargetKind::at_most;
  }
  void R007() {
    for (const auto& k : m_.key_results)
      for (const auto& id : k.tracked_by) {
        auto it = kpis_.find(id);
        if (it == kpis_.end() || !directional(k.target) || !directional(it->second->target))
          continue;
        if (k.target.higher_is_better() != it->second->target.higher_is_better())
          add("R007", k.id, "tracked_by",
              q("key result", k.id) +
                  (k.target.higher_is_better() ? " wants higher" : " wants lower") +
                  " values but KPI '" + id + "' wants the opposite");
      }
  }

  // ---- Time-bound ----
  void T001() {
    for (const auto& o : m_.objectives)
      if (o.cycle.empty())
        add("T001", o.id, "cycle", q("objective", o.id) + " has no cycle: when is it due?");
  }
  void T002() {
    for (const auto& k : m_.key_results) {
      auto o = objective_of(k);
      auto c = o ? cycle_of(*o) : nullptr;
      if (c && k.due && (*k.due < c->start || *k.due > c->end))
        add("T002", k.id, "due",
            q("key result", k.id) + " is due " + format_date(*k.due) + ", outside cycle '" + c->id +
                "' (" + format_date(c->start) + " to " + format_date(c->end) + ")");
    }
  }
  void T003() {
    for (const auto& k : m_.key_results) {
      auto o = objective_of(k);
      auto c = o ? cycle_of(*o) : nullptr;
      if (c && k.start && (*k.start < c->start || *k.start > c->end))
        add("T003", k.id, "start",
            q("key result", k.id) + " starts " + format_date(*k.start) + ", outside cycle '" +
                c->id + "'");
    }
  }
  void T004() {
    if (!in_.data || !as_of_) return;
    for (const auto& k : m_.kpis) {
      if (k.series.empty()) continue;
      auto v = series(k.series);
      std::size_t n = usable(v);
      if (n == 0) continue;  // M004
      long age = (*as_of_ - v.date(n - 1)).days();
      double allowed = o_.stale_factor * period_days(k.frequency);
      if (static_cast<double>(age) > allowed)
        add("T004", k.id, "series",
            q("KPI", k.id) + " latest measurement is " + std::to_string(age) + " days old on " +
                format_date(*as_of_) + " (" + to_string(k.frequency) + " allows " + fmt(allowed) +
                ")");
    }
  }
  void T005() {
    if (!as_of_) return;
    for (const auto& k : m_.key_results) {
      if (k.checkins.empty() || !k.series.empty() || closed_now(k)) continue;
      auto s = start_of(k), d = due_of(k);
      if ((s && *as_of_ < *s) || (d && *as_of_ > *d)) continue;  // not active
      std::optional<Date> last;
      for (const auto& c : k.checkins)
        if (c.date <= *as_of_ && (!last || c.date > *last)) last = c.date;
      Date since = last ? *last : (s ? *s : *as_of_);
      long age = (*as_of_ - since).days();
      if (age > o_.checkin_max_age_days)
        add("T005", k.id, "checkins",
            q("key result", k.id) + " has no check-in for " + std::to_string(age) +
                " days (limit " + std::to_string(o_.checkin_max_age_days) + ")");
    }
  }
  void T006() {
    for (const auto& k : m_.key_results) {
      auto s = start_of(k), d = due_of(k);
      if (!s || !d) continue;
      long span = (*d - *s).days() + 1;
      for (const auto& id : k.tracked_by) {
        auto it = kpis_.find(id);
        if (it != kpis_.end() && period_days(it->second->frequency) > span)
          add("T006", k.id, "tracked_by",
              q("key result", k.id) + " spans " + std::to_string(span) + " days but KPI '" + id +
                  "' is measured " + to_string(it->second->frequency));
      }
    }
  }

  // ---- structure ----
  std::size_t measures(const Objective& o) const {
    std::size_t n = 0;
    if (auto it = krs_of_.find(o.id); it != krs_of_.end()) n += it->second.size();
    if (auto it = children_of_.find(o.id); it != children_of_.end()) n += it->second.size();
    return n;
  }
  void X001() {
    for (const auto& o : m_.objectives) {
      std::size_t n = measures(o);
      if (n > 0 && n < o_.min_key_results)
        add("X001", o.id, "key_results",
            q("objective", o.id) + " has " + std::to_string(n) +
                " key result(s) or aligned children (< " + std::to_string(o_.min_key_results) +
                ")");
    }
  }
  void X002() {
    for (const auto& o : m_.objectives) {
      auto it = krs_of_.find(o.id);
      std::size_t n = it == krs_of_.end() ? 0 : it->second.size();
      if (n > o_.max_key_results)
        add("X002", o.id, "key_results",
            q("objective", o.id) + " has " + std::to_string(n) + " key results (> " +
                std::to_string(o_.max_key_results) + "); focus on fewer");
    }
  }
  void X003() {
    std::map<std::pair<std::string, std::string>, std::vector<std::string>>
        per;  // (owner, cycle) -> objectives
    std::vector<std::pair<std::string, std::string>> order;
    for (const auto& o : m_.objectives) {
      if (o.owner.empty()) continue;
      auto key = std::make_pair(o.owner, o.cycle);
      if (!per.count(key)) order.push_back(key);
      per[key].push_back(o.id);
    }
    for (const auto& key : order) {
      const auto& ids = per[key];
      if (ids.size() > o_.max_objectives_per_owner)
        add("X003", ids[o_.max_objectives_per_owner], "owner",
            q("objective", ids[o_.max_objectives_per_owner]) + ": owner '" + key.first + "' has " +
                std::to_string(ids.size()) + " objectives in cycle '" + key.second + "' (> " +
                std::to_string(o_.max_objectives_per_owner) + ")");
    }
  }
  void X004() {
    for (const auto& o : m_.objectives)
      if (o.owner.empty()) add("X004", o.id, "owner", q("objective", o.id) + " has no owner");
    for (const auto& k : m_.key_results) {
      auto o = objective_of(k);
      if (k.owner.empty() && (!o || o->owner.empty()))
        add("X004", k.id, "owner", q("key result", k.id) + " has no owner (nor has its objective)");
    }
    for (const auto& k : m_.kpis)
      if (k.owner.empty()) add("X004", k.id, "owner", q("KPI", k.id) + " has no owner");
    for (const auto& c : m_.csfs)
      if (c.owner.empty()) add("X004", c.id, "owner", q("CSF", c.id) + " has no owner");
  }
  void X005() {
    for (const auto& k : m_.key_results) {
      auto ws = tokens(k.title);
      if (ws.empty() || !activity_verbs.count(ws.front())) continue;
      bool digit =
          std::any_of(k.title.begin(), k.title.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!digit)
        add("X005", k.id, "title",
            q("key result", k.id) + " title starts with '" + ws.front() +
                "' and has no number: an activity, not an outcome");
    }
  }
  // Pairs of same-kind titles: fn(first, second) for i < j.
  template <class Fn>
  void title_pairs(Fn fn) const {
    auto all = titled();
    for (std::size_t i = 0; i < all.size(); ++i)
      for (std::size_t j = i + 1; j < all.size(); ++j)
        if (std::string(all[i].kind) == all[j].kind) fn(all[i], all[j]);
  }
  void X006() {
    title_pairs([&](const Titled& a, const Titled& b) {
      auto na = normalised(a.title);
      if (!na.empty() && na == normalised(b.title))
        add("X006", b.id, b.field,
            q(b.kind, b.id) + " has the same " + b.field + " as '" + a.id + "'");
    });
  }
  void X007() {
    title_pairs([&](const Titled& a, const Titled& b) {
      auto na = normalised(a.title), nb = normalised(b.title);
      if (na.empty() || nb.empty() || na == nb) return;
      double sim =
          std::max(jaccard(tokens(a.title), tokens(b.title)), levenshtein_similarity(na, nb));
      if (sim >= o_.near_duplicate_similarity)
        add("X007", b.id, b.field,
            q(b.kind, b.id) + " " + b.field + " is " + fmt(std::round(sim * 100) / 100) +
                " similar to '" + a.id + "'");
    });
  }
  void weights_group(const std::string& node, const std::string& field, const std::string& what,
                     const std::vector<double>& ws) {
    if (ws.size() < 2 || std::all_of(ws.begin(), ws.end(), [](double w) { return w == 1.0; }))
      return;
    double s = 0;
    for (double w : ws) s += w;
    if (!std::isfinite(s)) return;
    auto near = [&](double goal) {
      return std::fabs(s - goal) > 1e-9 * goal && std::fabs(s - goal) <= 0.5 * goal;
    };
    if (near(1.0) || near(100.0))
      add("X008", node, field,
          what + " weights sum to " + fmt(s) + "; did you mean " + (s < 10 ? "1" : "100") + "?");
  }
  void X008() {
    for (const auto& o : m_.objectives) {
      if (auto it = krs_of_.find(o.id); it != krs_of_.end()) {
        std::vector<double> ws;
        for (auto* k : it->second) ws.push_back(k->weight);
        weights_group(o.id, "key_results", q("objective", o.id) + " key result", ws);
      }
      if (auto it = children_of_.find(o.id); it != children_of_.end()) {
        std::vector<double> ws;
        for (auto* c : it->second)
          for (const auto& a : c->aligns_to)
            if (a.parent == o.id) ws.push_back(a.weight);
        weights_group(o.id, "aligns_to", q("objective", o.id) + " aligned-child", ws);
      }
    }
    std::vector<double> ps;
    for (const auto& p : m_.perspectives) ps.push_back(p.weight);
    if (!m_.perspectives.empty())
      weights_group(m_.perspectives.front().id, "weight",
                    "perspective '" + m_.perspectives.front().id + "' and sibling", ps);
    for (const auto& c : m_.csfs) {
      std::vector<double> ws;
      for (const auto& l : c.measured_by) ws.push_back(l.weight);
      weights_group(c.id, "measured_by", q("CSF", c.id) + " KPI", ws);
    }
  }
  void X009() {
    auto check = [&](const std::string& node, const std::string& field, double w) {
      if (!std::isfinite(w) || w <= 0)
        add("X009", node, field,
            "node '" + node + "' " + field + " is " + fmt(w) + "; weights must be finite and > 0");
    };
    for (const auto& p : m_.perspectives) check(p.id, "weight", p.weight);
    for (const auto& o : m_.objectives) {
      check(o.id, "weight", o.weight);
      for (const auto& a : o.aligns_to) check(o.id, "aligns_to", a.weight);
    }
    for (const auto& k : m_.key_results) {
      check(k.id, "weight", k.weight);
      for (const auto& w : k.weights) check(k.id, "weights", w.weight);
    }
    for (const auto& k : m_.kpis) check(k.id, "weight", k.weight);
    for (const auto& c : m_.csfs)
      for (const auto& l : c.measured_by) check(c.id, "measured_by", l.weight);
  }
  void X010() {
    // Iterative colouring DFS over aligns_to; report each objective that closes a cycle.
    std::unordered_map<std::string, int> state;  // 0 new, 1 on stack, 2 done
    std::set<std::string> reported;
    std::function<void(const Objective&)> visit = [&](const Objective& o) {
      state[o.id] = 1;
      for (const auto& a : o.aligns_to) {
        auto it = objectives_.find(a.parent);
        if (it == objectives_.end()) continue;
        int st = state[a.parent];
        if (st == 1 && reported.insert(o.id).second)
          add("X010", o.id, "aligns_to",
              q("objective", o.id) + " aligns to '" + a.parent +
                  "', which already aligns (indirectly) to it");
        else if (st == 0)
          visit(*it->second);
      }
      state[o.id] = 2;
    };
    for (const auto& o : m_.objectives)
      if (state[o.id] == 0) visit(o);
  }
  void X011() {
    for (const auto& o : m_.objectives)
      if (measures(o) == 0 && !o.score_override)
        add("X011", o.id, "key_results",
            q("objective", o.id) + " has no key results, aligned children or score");
  }
  void X012() {
    for (const auto& [node, ids] : m_.lint_disable)
      for (const auto& id : ids)
        if (!find_lint_rule(id))
          add("X012", node, node.empty() ? "lint.disable" : "lint_disable",
              (node.empty() ? std::string("model") : "node '" + node + "'") +
                  " lint_disable: unknown lint rule '" + id + "'");
    for (const auto& id : o_.disable)
      if (!find_lint_rule(id))
        add("X012", "", "disable", "unknown lint rule '" + id + "' in options");
  }
  void X013() {
    for (const auto& o : m_.objectives) {
      auto it = people_.find(o.owner);
      if (it == people_.end() || o.unit.empty() || it->second->unit.empty()) continue;
      if (it->second->unit != o.unit)
        add("X013", o.id, "owner",
            q("objective", o.id) + " of unit '" + o.unit + "' is owned by '" + o.owner +
                "' of unit '" + it->second->unit + "'");
    }
  }

  const LintInput& in_;
  const Model& m_;
  const LintOptions& o_;
  std::optional<Date> as_of_;
  std::unordered_map<std::string, const Cycle*> cycles_;
  std::unordered_map<std::string, const Objective*> objectives_;
  std::unordered_map<std::string, const OrgUnit*> units_;
  std::unordered_map<std::string, const Person*> people_;
  std::unordered_map<std::string, const Kpi*> kpis_;
  std::unordered_map<std::string, std::vector<const KeyResult*>> krs_of_;
  std::unordered_map<std::string, std::vector<const Objective*>> children_of_;
  std::vector<Diagnostic> out_;
};

}  // namespace

const std::vector<LintRule>& lint_rules() { return rules_table; }

const LintRule* find_lint_rule(const std::string& id) {
  for (const auto& r : rules_table)
    if (r.id == id) return &r;
  return nullptr;
}

std::vector<Diagnostic> lint(const LintInput& input, const LintOptions& options) {
  if (!input.model) throw DomainError("lint: no model given");
  if (input.data && !input.data->finalized())
    throw DomainError("lint: series store is not finalized");
  return Linter(input, options).run();
}

namespace {
// First day of a key result's cycle-to-date span: its start, else its
// objective's cycle start (from the cycle's period label when not given).
std::optional<Date> span_start(const Model& m, const KeyResult& k) {
  if (k.start) return k.start;
  for (const auto& o : m.objectives)
    if (o.id == k.objective)
      for (const auto& c : m.cycles)
        if (c.id == o.cycle) {
          if (!c.start.is_special()) return c.start;
          try {
            return parse_period(c.period).start();
          } catch (const Error&) {
            return std::nullopt;
          }
        }
  return std::nullopt;
}
}  // namespace

OutlookProvider series_outlook(const Model& model, const SeriesStore& data, Date as_of) {
  return [&model, &data, as_of](const std::string& node) -> std::optional<NodeOutlook> {
    std::string s;
    const KeyResult* kr = nullptr;
    for (const auto& k : model.key_results)
      if (k.id == node) s = k.series, kr = &k;
    for (const auto& k : model.kpis)
      if (k.id == node) s = k.series, kr = nullptr;
    if (s.empty()) return std::nullopt;
    auto v = data.view(s);
    const DayNumber lim = to_day_number(as_of);
    // A cumulative (sum / count) key result is worth its cycle-to-date total,
    // not its last raw row: the trend is the OLS slope of the running total
    // from the KR's start (else its cycle's), which is its accrual rate.
    const bool cumulative =
        kr && (kr->aggregation == Aggregation::sum || kr->aggregation == Aggregation::count);
    std::size_t i0 = 0;
    if (cumulative)
      if (auto from = span_start(model, *kr))
        i0 = static_cast<std::size_t>(
            std::lower_bound(v.days, v.days + v.size, to_day_number(*from)) - v.days);
    // The trend is linear_trend's OLS slope of value on day over the finite
    // points up to as-of (at least 3 on at least 2 distinct days).
    std::vector<double> days, ys;
    double total = 0;
    const DayNumber x0 = i0 < v.size ? v.days[i0] : 0;
    for (std::size_t i = i0; i < v.size && v.days[i] <= lim; ++i) {
      if (std::isnan(v.values[i])) continue;
      total += kr && kr->aggregation == Aggregation::count ? 1.0 : v.values[i];
      days.push_back(static_cast<double>(v.days[i] - x0));
      ys.push_back(cumulative ? total : v.values[i]);
    }
    NodeOutlook o;
    if (!ys.empty()) {
      o.current = ys.back();
      o.current_date = from_day_number(x0 + static_cast<DayNumber>(days.back()));
    }
    if (ys.size() >= 3 && days.back() > days.front())
      o.trend_per_day = linear_trend(days, ys).slope;
    return o;
  };
}

namespace {
// Mean days of one period of a scorecard's period_kind ("" / unknown: 0 = none).
double mean_period_days(const std::string& kind) {
  constexpr double year = 365.2425;
  static const std::map<std::string, double> days = {{"day", 1.0},
                                                     {"jalali_day", 1.0},
                                                     {"iso_week", 7.0},
                                                     {"retail_week", 7.0},
                                                     {"month", year / 12},
                                                     {"jalali_month", year / 12},
                                                     {"retail_period", year / 12},
                                                     {"quarter", year / 4},
                                                     {"fiscal_quarter", year / 4},
                                                     {"jalali_quarter", year / 4},
                                                     {"retail_quarter", year / 4},
                                                     {"half", year / 2},
                                                     {"fiscal_half", year / 2},
                                                     {"jalali_half", year / 2},
                                                     {"year", year},
                                                     {"fiscal_year", year},
                                                     {"jalali_year", year},
                                                     {"retail_year", year}};
  auto it = days.find(kind);
  return it == days.end() ? 0.0 : it->second;
}

std::optional<NodeOutlook> outlook_of(const Scorecard& sc, const std::string& node) {
  const NodeScore* n = sc.find(node);
  if (!n || (n->kind != NodeKind::key_result && n->kind != NodeKind::kpi)) return std::nullopt;
  NodeOutlook o;
  if (!std::isnan(n->probability)) o.probability = n->probability;
  const double per = mean_period_days(n->period_kind);
  if (!std::isnan(n->trend_slope) && per > 0) o.trend_per_day = n->trend_slope / per;
  if (!std::isnan(n->value)) {
    o.current = n->value;
    o.current_date = n->value_date;
  }
  return o;
}
}  // namespace

OutlookProvider scorecard_outlook(const Scorecard& scorecard) {
  return [&scorecard](const std::string& node) { return outlook_of(scorecard, node); };
}

OutlookProvider scorecard_outlook(const Model& model, const SeriesStore& data, Date as_of) {
  EvaluateOptions eo;
  eo.outlook = true;
  auto sc = std::make_shared<const Scorecard>(evaluate(model, data, as_of, eo));
  OutlookProvider trend = series_outlook(model, data, as_of);
  return [sc, trend](const std::string& node) -> std::optional<NodeOutlook> {
    auto o = outlook_of(*sc, node);
    auto t = trend(node);
    if (!o) return t;
    if (t && t->trend_per_day) {
      o->trend_per_day = t->trend_per_day;
      // The scorecard's value is THE current value (cycle-to-date for a sum
      // KR, the as-of period's aggregate for a KPI); the raw rows only where
      // it has none.
      if (!o->current) {
        o->current = t->current;
        o->current_date = t->current_date;
      }
    }
    return o;
  };
}

std::optional<Severity> highest_severity(const std::vector<Diagnostic>& findings) {
  std::optional<Severity> h;
  for (const auto& d : findings)
    if (!h || static_cast<int>(d.severity) > static_cast<int>(*h)) h = d.severity;
  return h;
}

int lint_exit_status(const std::vector<Diagnostic>& findings) {
  auto h = highest_severity(findings);
  if (!h || *h == Severity::info) return 0;
  return *h == Severity::warning ? 3 : 4;
}

}  // namespace okrkit
