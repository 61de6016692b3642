// okrkit — the one-file HTML report (see include/okrkit/io/report_html.hpp).
// The look follows python/okrkit/display.py so notebook and report agree.
#include "okrkit/io/report_html.hpp"
#include "okrkit/io/diagnostics_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <vector>
#include "io/html_parts.hpp"
#include "okrkit/detail/format_number.hpp"
#include "okrkit/detail/utf8.hpp"

namespace okrkit {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace detail {

const char* status_colour(Status s) {
  switch (s) {
    case Status::done:
      return "#1a7f37";
    case Status::on_track:
      return "#2da44e";
    case Status::behind:
      return "#bf8700";
    case Status::at_risk:
      return "#e16f24";
    case Status::off_track:
      return "#cf222e";
    default:
      return "#8c959f";
  }
}

const char* health_colour(Health h) {
  switch (h) {
    case Health::green:
      return "#2da44e";
    case Health::yellow:
      return "#d4a72c";
    case Health::red:
      return "#cf222e";
    default:
      return "#8c959f";
  }
}

std::string html_pct(double x) { return std::isnan(x) ? "–" : format_fixed(100.0 * x, 0) + "%"; }

std::string html_num(double x) {
  if (std::isnan(x)) return "–";
  return format_general(x);
}

std::string html_label(std::string_view status) {
  std::string s(status);
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

}  // namespace detail

namespace {

using detail::health_colour;
using detail::status_colour;

std::string fixed(double x, int digits) { return detail::format_fixed(x, digits); }
std::string pct(double x) { return detail::html_pct(x); }
std::string num(double x) { return detail::html_num(x); }
std::string label(std::string_view status) { return detail::html_label(status); }

double clamp01(double x) { return std::isnan(x) ? 0.0 : std::min(std::max(x, 0.0), 1.0); }

// A progress bar as inline SVG: grey track, coloured fill, expected-progress tick.
std::string bar_svg(double score, double expected, const char* colour) {
  const double w = 100.0 * clamp01(score);
  std::string s =
      "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" "
      "aria-label=\"" +
      pct(score) +
      "\"><rect width=\"100\" height=\"10\" rx=\"2\" fill=\"#eaeef2\"/>"
      "<rect width=\"" +
      fixed(w, 1) + "\" height=\"10\" rx=\"2\" fill=\"" + colour + "\"/>";
  if (!std::isnan(expected))
    s += "<rect x=\"" + fixed(std::min(99.0, 100.0 * clamp01(expected)), 1) +
         "\" width=\"1\" height=\"10\" fill=\"#24292f\"/>";
  return s + "</svg>";
}

}  // namespace

namespace detail {
const char* const report_css = R"(<style>
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans Arabic","Noto Sans CJK SC",sans-serif;
font-size:14px;margin:24px;color:#24292f;max-width:1100px}
h1{font-size:22px;overflow-wrap:anywhere}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;table-layout:fixed;width:100%}
th,td{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:start;vertical-align:middle;
overflow-wrap:anywhere}
th{background:#f6f8fa}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;overflow:hidden}
tr.obj td{font-weight:600;background:#fbfcfd}
svg.bar{display:block;width:100%;height:12px}
.badge{display:inline-block;max-width:100%;box-sizing:border-box;padding:0 8px;border-radius:9px;
color:#fff;font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.chart text{font-size:11px}
table.diag pre{margin:0;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere}
</style>)";
}  // namespace detail

namespace {
const char* const css = detail::report_css;
}  // namespace

std::string report_html(const Model& model, const Scorecard& sc) {
  std::map<std::string, std::string> names;
  for (const auto& o : model.objectives) names[o.id] = o.title.empty() ? o.id : o.title;
  for (const auto& k : model.key_results) names[k.id] = k.title.empty() ? k.id : k.title;
  for (const auto& k : model.kpis) names[k.id] = k.name.empty() ? k.id : k.name;
  for (const auto& c : model.csfs) names[c.id] = c.name.empty() ? c.id : c.name;
  for (const auto& u : model.units) names[u.id] = u.name.empty() ? u.id : u.name;
  auto name = [&](const std::string& id) {
    auto it = names.find(id);
    return html_escape(it == names.end() ? id : it->second);
  };

  // The objective forest: a parent that is not an objective makes a root.
  std::vector<const NodeScore*> objectives;
  std::map<std::string, std::vector<const NodeScore*>> kids, krs;
  std::set<std::string> objective_ids;
  for (const auto& n : sc.nodes)
    if (n.kind == NodeKind::objective) objective_ids.insert(n.id);
  std::vector<const NodeScore*> roots;
  for (const auto& n : sc.nodes) {
    if (n.kind == NodeKind::objective) {
      objectives.push_back(&n);
      if (!n.parent.empty() && n.parent != n.id && objective_ids.count(n.parent))
        kids[n.parent].push_back(&n);
      else
        roots.push_back(&n);
    } else if (n.kind == NodeKind::key_result) {
      krs[n.parent].push_back(&n);
    }
  }

  // P(objective succeeds) column only when the scorecard has one (outlook on).
  bool p_success = false;
  for (const auto& n : sc.nodes) p_success |= !std::isnan(n.p_success);
  std::ostringstream rows;
  std::set<std::string> seen;
  auto row = [&](const NodeScore& n, int indent, bool objective) {
    const char* colour = status_colour(n.status);
    rows << "<tr" << (objective ? " class=\"obj\"" : "")
         << "><td dir=\"auto\" style=\"padding-inline-start:" << 8 + 18 * indent << "px\">"
         << name(n.id) << "</td><td>" << bar_svg(n.attainment, n.expected, colour)
         << "</td><td class=\"num\">" << pct(n.attainment) << "</td><td class=\"num\">"
         << pct(n.expected) << "</td><td><span class=\"badge\" title=\"" << html_escape(n.reason)
         << "\" style=\"background:" << colour << "\">" << label(to_string(n.status))
         << "</span></td>";
    if (p_success)
      rows << "<td class=\"num\">"
           << (std::isnan(n.p_success) ? std::string() : detail::format_probability(n.p_success))
           << "</td>";
    rows << "</tr>\n";
  };
  std::function<void(const NodeScore&, int)> walk = [&](const NodeScore& o, int depth) {
    if (!seen.insert(o.id).second) return;
    row(o, 2 * depth, true);
    for (const auto* k : krs[o.id]) row(*k, 2 * depth + 1, false);
    for (const auto* c : kids[o.id]) walk(*c, depth + 1);
  };
  for (const auto* r : roots) walk(*r, 0);
  for (const auto* o : objectives) walk(*o, 0);  // objectives on alignment cycles

  // SVG chart: one horizontal bar per objective, labels in a foreignObject-free
  // way (plain <text>, which the browser lays out with the bidi algorithm).
  std::ostringstream chart;
  const int bar_h = 22, label_w = 320, plot_w = 420;
  const int h = 30 + bar_h * static_cast<int>(objectives.size());
  chart << "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" viewBox=\"0 0 "
        << label_w + plot_w + 60 << " " << h
        << "\" role=\"img\" aria-label=\"objective scores\">\n";
  for (int t = 0; t <= 4; ++t) {
    const double x = label_w + plot_w * t / 4.0;
    chart << "<line x1=\"" << fixed(x, 1) << "\" x2=\"" << fixed(x, 1) << "\" y1=\"0\" y2=\""
          << h - 20 << "\" stroke=\"#d0d7de\"/><text x=\"" << fixed(x, 1) << "\" y=\"" << h - 6
          << "\" text-anchor=\"middle\">" << t * 25 << "%</text>\n";
  }
  for (std::size_t i = 0; i < objectives.size(); ++i) {
    const auto& o = *objectives[i];
    const int y = 4 + bar_h * static_cast<int>(i);
    std::string title = names.count(o.id) ? names[o.id] : o.id;
    // Long titles are cut (by code points) so they fit the label column; the
    // full title is in the tree above and in the <title> tooltip.
    const std::size_t cut = detail::utf8_offset(title, 40);
    const std::string shown = cut < title.size() ? title.substr(0, cut) + "…" : title;
    chart << "<g><title>" << html_escape(title) << "</title><text x=\"" << label_w - 8 << "\" y=\""
          << y + 14 << "\" text-anchor=\"end\" direction=\"ltr\">" << html_escape(shown)
          << "</text><rect x=\"" << label_w << "\" y=\"" << y + 3 << "\" height=\"" << bar_h - 8
          << "\" width=\"" << fixed(plot_w * clamp01(o.attainment), 1) << "\" fill=\""
          << status_colour(o.status) << "\"/><text x=\""
          << fixed(label_w + plot_w * clamp01(o.attainment) + 4, 1) << "\" y=\"" << y + 14 << "\">"
          << pct(o.attainment) << "</text></g>\n";
  }
  chart << "</svg>";

  std::ostringstream kpis;
  for (const auto& n : sc.nodes) {
    if (n.kind != NodeKind::kpi) continue;
    kpis << "<tr><td dir=\"auto\">" << name(n.id) << "</td><td class=\"num\">" << num(n.value)
         << "</td><td class=\"num\">" << num(n.target) << "</td><td class=\"num\">"
         << pct(n.attainment) << "</td><td><span class=\"badge\" title=\"" << html_escape(n.reason)
         << "\" style=\"background:" << health_colour(n.health) << "\">" << to_string(n.health)
         << "</span></td></tr>\n";
  }

  // Problems: every diagnostic of the scorecard (model-level, then node by
  // node), so a number that could not be computed says why.
  std::ostringstream diags;
  const auto problems = scorecard_diagnostics(sc);
  for (const auto& d : problems) {
    std::string place =
        d.where.file.empty()
            ? std::string()
            : d.where.file + (d.where.line ? ":" + std::to_string(d.where.line) : std::string());
    diags << "<tr><td>" << to_string(d.severity) << "</td><td dir=\"auto\">"
          << html_escape(d.where.node) << "</td><td>" << html_escape(d.where.field) << "</td><td>"
          << html_escape(d.code) << "</td><td dir=\"auto\"><pre>"
          << html_escape(place.empty() ? d.message : place + ": " + d.message)
          << "</pre></td></tr>\n";
  }

  const std::string title = (model.name.empty() ? std::string("okrkit") : model.name) +
                            " — scorecard as of " + format_date(sc.as_of);
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
      << html_escape(title) << "</title>\n"
      << css << "\n</head>\n<body>\n<h1 dir=\"auto\">" << html_escape(title)
      << "</h1>\n<h2>Objectives and key results</h2>\n"
      << (p_success
              ? "<table class=\"okr\"><colgroup><col style=\"width:40%\"><col "
                "style=\"width:18%\"><col style=\"width:9%\"><col style=\"width:9%\"><col "
                "style=\"width:14%\"><col style=\"width:10%\"></colgroup>\n"
                "<thead><tr><th>objective / key result</th><th>progress</th><th>score</th>"
                "<th>expected</th><th>status</th><th title=\"probability that the objective's "
                "rolled-up score at the cycle's end reaches its success level "
                "(docs/forecast.md)\">P(success)</th></tr></thead>\n<tbody>\n"
              : "<table class=\"okr\"><colgroup><col style=\"width:46%\"><col "
                "style=\"width:20%\"><col style=\"width:9%\"><col style=\"width:9%\"><col "
                "style=\"width:16%\"></colgroup>\n"
                "<thead><tr><th>objective / key result</th><th>progress</th><th>score</th>"
                "<th>expected</th><th>status</th></tr></thead>\n<tbody>\n")
      << rows.str() << "</tbody></table>\n<h2>Objective scores</h2>\n"
      << chart.str() << "\n";
  if (!kpis.str().empty())
    out << "<h2>KPIs</h2>\n<table class=\"kpi\"><colgroup><col style=\"width:46%\">"
           "<col style=\"width:15%\"><col style=\"width:15%\"><col style=\"width:9%\">"
           "<col style=\"width:15%\"></colgroup>\n<thead><tr><th>KPI</th><th>value</th>"
           "<th>target</th><th>score</th><th>health</th></tr></thead>\n<tbody>\n"
        << kpis.str() << "</tbody></table>\n";
  if (!problems.empty())
    out << "<h2>Problems</h2>\n<p>" << html_escape(format_counts(count_diagnostics(problems)))
        << "</p>\n<table class=\"diag\"><colgroup><col style=\"width:9%\"><col style=\"width:17%\">"
           "<col style=\"width:10%\"><col style=\"width:14%\"><col "
           "style=\"width:50%\"></colgroup>\n"
           "<thead><tr><th>severity</th><th>node</th><th>field</th><th>code</th><th>message</th></"
           "tr></thead>\n"
           "<tbody>\n"
        << diags.str() << "</tbody></table>\n";
  out << "<p style=\"color:#57606a;font-size:12px\">okrkit report</p>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace okrkit
