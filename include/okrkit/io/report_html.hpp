// okrkit — a standalone one-file HTML report of a scorecard.
//
// The page has no external assets and no scripts: inline CSS, inline SVG bar
// charts. Every piece of user text is HTML-escaped and placed with dir="auto",
// so Persian / Arabic names lay out right-to-left and CJK names render as is.
#pragma once

#include <string>
#include <string_view>

#include "okrkit/model/model.hpp"
#include "okrkit/scoring/scorecard.hpp"

namespace okrkit {

/// `s` with &, <, >, " and ' replaced by character references.
std::string html_escape(std::string_view s);

/// The whole report: title, the OKR tree (objectives nested by alignment, their
/// key results) with progress bars and status colours, an SVG bar chart of the
/// objectives' scores, the KPI table with health, and a "Problems" table of
/// every diagnostic (scorecard_diagnostics(): severity, node, field, code, message).
std::string report_html(const Model& model, const Scorecard& scorecard);

}  // namespace okrkit
