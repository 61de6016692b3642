// okrkit — scorecard output: JSON, CSV and a plain-text table (src/io/scorecard_io.cpp).
#pragma once

#include <string>

#include "okrkit/scoring/scorecard.hpp"

namespace okrkit {

/// The scorecard as JSON: {"as_of", "nodes": [...], "diagnostics": [...]}.
/// One object per node with every NodeScore field; NaN and unset values are
/// null; enums are their text names ("on_track", "rolled_up", ...).
std::string to_json(const Scorecard& sc);

/// The scorecard as CSV (RFC 4180, header row, UTF-8): one row per node with
/// the columns of to_json(); empty cells for NaN / unset; diagnostics joined
/// as "severity code: message" with " | ".
std::string to_csv(const Scorecard& sc);
/// Scorecards at several dates (evaluate_history(), scoring/history.hpp) as
/// one long table: an `as_of` column, then every column of to_csv(), one row
/// per date and node, dates in the order given (docs/history-review.md).
std::string history_to_csv(const std::vector<Scorecard>& history);
/// The same as a JSON array of to_json() objects, one per date.
std::string history_to_json(const std::vector<Scorecard>& history);

/// A fixed-width text table for terminals: kind, id, value, target, progress,
/// attainment, expected (percent), status, health, source and flags
/// ('*' incomplete, '!' has diagnostics); with the outlook, trend and
/// P(target) (a percentage: "12.5%", "<0.01%"). Every diagnostic (model and
/// nodes) is listed under the table (format_diagnostics()).
std::string format_table(const Scorecard& sc);

/// A GitHub-flavoured Markdown table with the columns of format_table; '|' in
/// ids is escaped as '\|' and every diagnostic (model and nodes) follows as
/// a bullet list.
std::string to_markdown(const Scorecard& sc);

}  // namespace okrkit
