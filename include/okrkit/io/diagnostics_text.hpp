// okrkit — diagnostics as text for people: the scorecard's problems gathered
// in one list, counted by severity and printed one a line (the CLI's stderr
// summary, the lists under format_table() / to_markdown(); src/io/diagnostics_text.cpp).
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "okrkit/core/error.hpp"
#include "okrkit/scoring/scorecard.hpp"

namespace okrkit {

/// Every diagnostic of a scorecard: the model-level ones first, then node by
/// node in row order. A node's diagnostic without a node id gets the node's,
/// so each one says where it belongs.
std::vector<Diagnostic> scorecard_diagnostics(const Scorecard& sc);

/// How many diagnostics of each severity.
struct DiagnosticCounts {
  std::size_t errors = 0, warnings = 0, infos = 0;
  std::size_t total() const { return errors + warnings + infos; }
};
DiagnosticCounts count_diagnostics(const std::vector<Diagnostic>& ds);

/// "1 error, 2 warnings, 1 info" (severities with none left out; "none" when empty).
std::string format_counts(const DiagnosticCounts& c);

/// One line per diagnostic, `indent` first: "error  kpi-x.formula  formula-error  message";
/// the lines of a multi-line message (a formula with a caret under the
/// mistake) follow indented. At most `max_shown` diagnostics, then
/// "... and N more".
std::string format_diagnostics(const std::vector<Diagnostic>& ds,
                               std::size_t max_shown = std::numeric_limits<std::size_t>::max(),
                               const std::string& indent = "  ");

}  // namespace okrkit
