// okrkit — lint rules T007-T010 (docs/lint.md): cycles without objectives,
// cycles too short or too long for their cadence, overlapping cycles of the
// same cadence in one unit, and abandoned objectives and key results without
// a note.
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lint/rules.hpp"
#include "okrkit/time/period.hpp"

namespace okrkit::lint_detail {

namespace {

long days_of(const Cycle& c) { return (c.end - c.start).days() + 1; }

// The period a cycle's label names, or nullopt (no label or not a period).
std::optional<Period> label_period(const Cycle& c) {
  if (c.period.empty()) return std::nullopt;
  try {
    return parse_period(c.period);
  } catch (const Error&) {
    return std::nullopt;  // validate() reports the label
  }
}

bool dated(const Cycle& c) { return !c.start.is_special() && !c.end.is_special(); }

// T007: a cycle that has started by as-of has objectives. Cycles that have
// not started yet are being planned and may still be empty.
void T007(const RuleContext& c) {
  if (!c.as_of) return;
  std::set<std::string> used;
  for (const auto& o : c.model.objectives) used.insert(o.cycle);
  for (const auto& cy : c.model.cycles) {
    if (used.count(cy.id) || !dated(cy) || cy.start > *c.as_of) continue;
    c.add("T007", cy.id, "",
          "cycle '" + cy.id + "' started on " + format_date(cy.start) +
              " and has no objectives: add them or remove the cycle");
  }
}

// T008: a labelled cycle spans its label's period within the tolerance;
// a cycle without a label is between min_cycle_days and max_cycle_days.
void T008(const RuleContext& c) {
  const auto& o = c.options;
  for (const auto& cy : c.model.cycles) {
    if (!dated(cy) || cy.end < cy.start) continue;  // validate() reports reversed dates
    const long n = days_of(cy);
    if (auto p = label_period(cy)) {
      const int want = p->length_days();
      if (std::abs(static_cast<double>(n - want)) > o.cycle_length_tolerance * want)
        c.add("T008", cy.id, "end",
              "cycle '" + cy.id + "' runs " + std::to_string(n) + " days, but its label '" +
                  cy.period + "' is a period of " + std::to_string(want) + " days");
    } else if (n < o.min_cycle_days) {
      c.add("T008", cy.id, "end",
            "cycle '" + cy.id + "' runs " + std::to_string(n) + " days, shorter than " +
                std::to_string(o.min_cycle_days) + ": too short to reach an outcome");
    } else if (n > o.max_cycle_days) {
      c.add("T008", cy.id, "end",
            "cycle '" + cy.id + "' runs " + std::to_string(n) + " days, longer than " +
                std::to_string(o.max_cycle_days) + ": split it into shorter cycles");
    }
  }
}

// Same cadence: both labels of the same period kind; otherwise (a label
// missing) lengths within a factor of 1.5 of each other.
bool same_cadence(const Cycle& a, const Cycle& b) {
  auto pa = label_period(a), pb = label_period(b);
  if (pa && pb) return pa->kind() == pb->kind();
  const double x = static_cast<double>(days_of(a)), y = static_cast<double>(days_of(b));
  return std::max(x, y) <= 1.5 * std::min(x, y);
}

// T009: two cycles of the same cadence that overlap and both hold
// objectives of one unit (a yearly and a quarterly cycle may overlap).
void T009(const RuleContext& c) {
  const auto& cycles = c.model.cycles;
  std::map<std::string, std::set<std::string>> units_of;  // cycle -> units of its objectives
  for (const auto& o : c.model.objectives)
    if (!o.unit.empty()) units_of[o.cycle].insert(o.unit);
  for (std::size_t j = 0; j < cycles.size(); ++j) {
    const Cycle& b = cycles[j];
    if (!dated(b)) continue;
    for (std::size_t i = 0; i < j; ++i) {
      const Cycle& a = cycles[i];
      if (!dated(a) || a.end < b.start || b.end < a.start || !same_cadence(a, b)) continue;
      for (const auto& u : units_of[b.id]) {
        if (!units_of[a.id].count(u)) continue;
        const Date from = std::max(a.start, b.start), to = std::min(a.end, b.end);
        c.add("T009", b.id, "start",
              "cycle '" + b.id + "' overlaps cycle '" + a.id + "' from " + format_date(from) +
                  " to " + format_date(to) + ", and unit '" + u +
                  "' has objectives in both: fix the dates");
        break;  // one finding per pair of cycles
      }
    }
  }
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// T010: an abandoned objective or key result says why in its `note`. The
// abandoned node leaves its parent's roll-up (docs/lifecycle.md), so the
// next quarter's review needs the reason; a blank note counts as none.
void T010(const RuleContext& c) {
  auto check = [&](const char* kind, const std::string& id, NodeState state,
                   const CloseOut& close) {
    if (state != NodeState::abandoned || !blank(close.note)) return;
    std::string when = close.closed_on ? " on " + format_date(*close.closed_on) : "";
    c.add("T010", id, "note",
          std::string(kind) + " '" + id + "' was abandoned" + when +
              " without a note: say why in \"note\" (what changed, what replaces it)");
  };
  for (const auto& o : c.model.objectives) check("objective", o.id, o.state, o.close);
  for (const auto& k : c.model.key_results) check("key result", k.id, k.state, k.close);
}

}  // namespace

void cycle_rules(const RuleContext& ctx) {
  T007(ctx);
  T008(ctx);
  T009(ctx);
  T010(ctx);
}

}  // namespace okrkit::lint_detail
