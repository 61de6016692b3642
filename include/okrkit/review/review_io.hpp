// okrkit — a Review (review.hpp) as a terminal table, Markdown, JSON and a
// standalone one-file HTML report (src/review/review_io.cpp).
//
// The HTML page follows the scorecard report (io/report_html.hpp): no
// external assets, no scripts, inline CSS and SVG, every user string
// HTML-escaped and placed with dir="auto".
#pragma once

#include <string>

#include "okrkit/review/review.hpp"

namespace okrkit {

/// Aligned text: the window, the cycle score then and now, then one section
/// each for changes, movers, risks, stale key results and closed items
/// ("none" where a section is empty).
std::string format_review_table(const Review& review);

/// The same sections as GitHub-flavoured Markdown tables ('|' escaped).
std::string review_to_markdown(const Review& review);

/// {"from", "to", "cycle", "top", "risk_threshold", "cycles", "changes",
/// "movers", "risks", "stale", "closed", "burnups"}; NaN / unset are null,
/// enums their names, dates "YYYY-MM-DD". Movers carry "direction" ("up",
/// "down"). Python's okrkit.review() builds its DataFrames from this.
std::string review_to_json(const Review& review);

/// The review as one HTML page: the sections of the table, and an SVG
/// burn-up per objective (class "burnup": actual score by date, expected
/// line, forecast fan to the cycle's end when there is one, target line at 1).
std::string review_html(const Review& review);

}  // namespace okrkit
