// okrkit — internal: lint rule families that live in their own files
// (src/lint/rules_*.cpp). The Linter in src/lint/lint.cpp calls each family
// at its place in id order; a family reports through `add`, which applies the
// rule table's severity and the model's source lines. Not part of the API.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "okrkit/lint/lint.hpp"

namespace okrkit::lint_detail {

/// What a rule family reads and how it reports a finding.
struct RuleContext {
  const LintInput& input;
  const Model& model;
  const LintOptions& options;
  std::optional<Date> as_of;  ///< LintInput::as_of, else the latest measurement date
  std::function<void(const char* rule, const std::string& node, const std::string& field,
                     std::string message)>
      add;
};

/// R008-R013: alignment between objectives, the org tree, KPI recovery and
/// open objectives aligned to closed parents.
void alignment_rules(const RuleContext& ctx);
/// T007-T010: cycles (empty, length against cadence, overlaps) and
/// abandoned nodes without a note.
void cycle_rules(const RuleContext& ctx);
/// X014-X017: key results and ownership.
void ownership_rules(const RuleContext& ctx);

}  // namespace okrkit::lint_detail
