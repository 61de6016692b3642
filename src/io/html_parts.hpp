// okrkit (internal) — the pieces of the one-file HTML pages shared by the
// scorecard report (src/io/report_html.cpp, where they are defined) and the
// review report (src/review/review_io.cpp), so both pages look alike.
// html_escape() itself is public (include/okrkit/io/report_html.hpp).
#pragma once

#include <string>
#include <string_view>

#include "okrkit/scoring/status.hpp"

namespace okrkit::detail {

/// Colour of a status badge / bar (GitHub Primer palette).
const char* status_colour(Status s);
/// Colour of a health badge.
const char* health_colour(Health h);
/// A 0-1 score as a whole percentage ("47%"); "–" for NaN.
std::string html_pct(double x);
/// A number with 6 significant digits; "–" for NaN.
std::string html_num(double x);
/// An enum name for display: '_' as a space ("on track").
std::string html_label(std::string_view name);
/// The <style> element of the reports (tables, badges, bars, charts).
extern const char* const report_css;

}  // namespace okrkit::detail
