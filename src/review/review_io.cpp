// okrkit — the writers of a Review (include/okrkit/review/review_io.hpp).
// The HTML reuses the scorecard report's pieces (src/io/html_parts.hpp).
#include "okrkit/review/review_io.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "io/html_parts.hpp"
#include "okrkit/detail/format_number.hpp"
#include "okrkit/detail/utf8.hpp"
#include "okrkit/io/report_html.hpp"

namespace okrkit {
namespace {

using json = nlohmann::ordered_json;
using Rows = std::vector<std::vector<std::string>>;

std::string pct(double x) { return std::isnan(x) ? "-" : detail::format_percent(x, 1); }
std::string signed_pct(double x) {
  if (std::isnan(x)) return "-";
  return (x > 0 ? "+" : "") + detail::format_percent(x, 1);
}
std::string score2(double x) { return std::isnan(x) ? "none" : detail::format_fixed(x, 2); }
std::string shown(const std::string& title, const std::string& id) {
  return title.empty() ? id : title;
}

// The sections every layout shows, as header + rows of text.
struct Section {
  std::string name;
  Rows rows;  // rows[0] = header
  std::vector<bool> right;
  std::vector<int> widths;  // HTML column widths, percent
};

std::vector<Section> sections(const Review& r) {
  std::vector<Section> out;
  Section ch{"Status and health changes",
             {{"node", "kind", "field", "before", "after", "reason"}},
             {false, false, false, false, false, false},
             {24, 10, 8, 10, 10, 38}};
  for (const auto& c : r.changes)
    ch.rows.push_back({c.node, to_string(c.kind), c.field, c.before, c.after, c.reason});
  out.push_back(std::move(ch));
  for (int up = 1; up >= 0; --up) {
    Section m{up ? "Biggest movers up" : "Biggest movers down",
              {{"node", "kind", "before", "after", "change"}},
              {false, false, true, true, true},
              {40, 15, 15, 15, 15}};
    for (const auto& x : up ? r.movers_up : r.movers_down)
      m.rows.push_back(
          {x.node, to_string(x.kind), pct(x.before), pct(x.after), signed_pct(x.delta)});
    out.push_back(std::move(m));
  }
  Section rk{"New risks",
             {{"node", "kind", "risk", "before", "after", "reason"}},
             {false, false, false, true, true, false},
             {24, 10, 10, 10, 10, 36}};
  for (const auto& x : r.risks)
    rk.rows.push_back({x.node, to_string(x.kind), x.risk, x.before, x.after, x.reason});
  out.push_back(std::move(rk));
  Section st{"Stale key results",
             {{"node", "objective", "last update", "reason"}},
             {false, false, false, false},
             {25, 20, 12, 43}};
  for (const auto& x : r.stale)
    st.rows.push_back(
        {x.node, x.objective, x.last_update ? format_date(*x.last_update) : "never", x.reason});
  out.push_back(std::move(st));
  Section cl{"Closed in the window",
             {{"node", "kind", "state", "closed on", "final score", "note"}},
             {false, false, false, false, true, false},
             {25, 12, 12, 12, 11, 28}};
  for (const auto& x : r.closed)
    cl.rows.push_back({x.node, to_string(x.kind), to_string(x.state), format_date(x.closed_on),
                       pct(x.final_score), x.note});
  out.push_back(std::move(cl));
  return out;
}

std::string heading(const Review& r) {
  return "review of cycle " + r.cycle + ", " + format_date(r.from) + " to " + format_date(r.to);
}

std::string cycle_line(const ReviewCycle& c) {
  std::string s = "cycle " + c.id + ": score " + score2(c.before) + " -> " + score2(c.after);
  if (!std::isnan(c.delta))
    s += " (" + std::string(c.delta >= 0 ? "+" : "") + detail::format_fixed(c.delta, 2) + ")";
  if (std::isnan(c.after) && !c.reason_after.empty()) s += " - " + c.reason_after;
  return s;
}

std::string md_cell(const std::string& x) {
  std::string out;
  for (char c : x) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

json num(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }
json date_or_null(const std::optional<Date>& d) {
  return d ? json(format_date(*d)) : json(nullptr);
}

}  // namespace

std::string format_review_table(const Review& r) {
  std::string out = heading(r) + "\n";
  for (const auto& c : r.cycles) out += cycle_line(c) + "\n";
  for (const auto& s : sections(r)) {
    out += "\n" + s.name + " (" + std::to_string(s.rows.size() - 1) + "):\n";
    if (s.rows.size() == 1) {
      out += "  none\n";
      continue;
    }
    std::vector<std::size_t> w(s.rows[0].size(), 0);
    for (const auto& row : s.rows)
      for (std::size_t i = 0; i < row.size(); ++i)
        w[i] = std::max(w[i], detail::utf8_count(row[i]));
    for (const auto& row : s.rows) {
      std::string line = " ";
      for (std::size_t i = 0; i < row.size(); ++i) {
        const std::string pad(w[i] - detail::utf8_count(row[i]), ' ');
        line += " " + (s.right[i] ? pad + row[i] : row[i] + pad);
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
  }
  return out;
}

std::string review_to_markdown(const Review& r) {
  std::string out = "## " + md_cell(heading(r)) + "\n\n";
  for (const auto& c : r.cycles) out += md_cell(cycle_line(c)) + "\n";
  for (const auto& s : sections(r)) {
    out += "\n### " + s.name + "\n\n";
    if (s.rows.size() == 1) {
      out += "None.\n";
      continue;
    }
    std::string sep = "|";
    for (std::size_t i = 0; i < s.rows[0].size(); ++i) sep += s.right[i] ? "--:|" : "---|";
    for (std::size_t k = 0; k < s.rows.size(); ++k) {
      std::string line = "|";
      for (const auto& cell : s.rows[k]) line += " " + md_cell(cell) + " |";
      out += line + "\n";
      if (k == 0) out += sep + "\n";
    }
  }
  return out;
}

std::string review_to_json(const Review& r) {
  json j;
  j["from"] = format_date(r.from);
  j["to"] = format_date(r.to);
  j["cycle"] = r.cycle;
  j["top"] = r.top;
  j["risk_threshold"] = num(r.risk_threshold);
  json cycles = json::array();
  for (const auto& c : r.cycles)
    cycles.push_back({{"cycle", c.id},
                      {"before", num(c.before)},
                      {"after", num(c.after)},
                      {"delta", num(c.delta)},
                      {"reason_before", c.reason_before},
                      {"reason_after", c.reason_after}});
  j["cycles"] = cycles;
  json changes = json::array();
  for (const auto& c : r.changes)
    changes.push_back({{"node", c.node},
                       {"kind", to_string(c.kind)},
                       {"title", c.title},
                       {"field", c.field},
                       {"before", c.before},
                       {"after", c.after},
                       {"reason", c.reason}});
  j["changes"] = changes;
  json movers = json::array();
  for (int up = 1; up >= 0; --up)
    for (const auto& m : up ? r.movers_up : r.movers_down)
      movers.push_back({{"node", m.node},
                        {"kind", to_string(m.kind)},
                        {"title", m.title},
                        {"direction", up ? "up" : "down"},
                        {"before", num(m.before)},
                        {"after", num(m.after)},
                        {"delta", num(m.delta)}});
  j["movers"] = movers;
  json risks = json::array();
  for (const auto& x : r.risks)
    risks.push_back({{"node", x.node},
                     {"kind", to_string(x.kind)},
                     {"title", x.title},
                     {"risk", x.risk},
                     {"before", x.before},
                     {"after", x.after},
                     {"probability_before", num(x.probability_before)},
                     {"probability_after", num(x.probability_after)},
                     {"reason", x.reason}});
  j["risks"] = risks;
  json stale = json::array();
  for (const auto& x : r.stale)
    stale.push_back({{"node", x.node},
                     {"title", x.title},
                     {"objective", x.objective},
                     {"last_update", date_or_null(x.last_update)},
                     {"reason", x.reason}});
  j["stale"] = stale;
  json closed = json::array();
  for (const auto& x : r.closed)
    closed.push_back({{"node", x.node},
                      {"kind", to_string(x.kind)},
                      {"title", x.title},
                      {"state", to_string(x.state)},
                      {"closed_on", format_date(x.closed_on)},
                      {"final_score", num(x.final_score)},
                      {"note", x.note}});
  j["closed"] = closed;
  json burnups = json::array();
  for (const auto& b : r.burnups) {
    json points = json::array();
    for (std::size_t i = 0; i < b.dates.size(); ++i)
      points.push_back({{"date", format_date(b.dates[i])},
                        {"actual", num(b.actual[i])},
                        {"expected", num(b.expected[i])}});
    json forecast = nullptr;
    if (!std::isnan(b.forecast))
      forecast = {{"date", format_date(b.due)},
                  {"centre", num(b.forecast)},
                  {"low", num(b.forecast_low)},
                  {"high", num(b.forecast_high)}};
    burnups.push_back({{"objective", b.objective},
                       {"title", b.title},
                       {"due", format_date(b.due)},
                       {"points", points},
                       {"forecast", forecast}});
  }
  j["burnups"] = burnups;
  // Invalid UTF-8 in a title is replaced, never a throw half-way through a report.
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

namespace {

// One objective's burn-up as inline SVG: x = days from the window's start to
// the end of the plot (the cycle's end when there is a forecast fan), y =
// score 0..1.2 (higher values are drawn at the top edge).
std::string burnup_svg(const ReviewBurnup& b, Date from, Date to) {
  const double W = 640, H = 220, L = 44, R = 16, T = 12, B = 28;
  // Every chart runs to the cycle's end, so the time left is visible.
  const bool later = to < b.due;
  const bool fan = !std::isnan(b.forecast) && later;
  const Date end = later ? b.due : to;
  const double span = std::max(1.0, static_cast<double>((end - from).days()));
  const double ymax = 1.2;
  auto X = [&](Date d) { return L + (W - L - R) * static_cast<double>((d - from).days()) / span; };
  auto Y = [&](double v) {
    const double c = std::min(std::max(v, 0.0), ymax);
    return T + (H - T - B) * (1.0 - c / ymax);
  };
  auto f1 = [](double x) { return detail::format_fixed(x, 1); };
  std::ostringstream s;
  s << "<svg class=\"burnup\" xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" viewBox=\"0 0 "
    << W << " " << H << "\" role=\"img\" aria-label=\"burn-up of "
    << html_escape(shown(b.title, b.objective)) << "\"><title>"
    << html_escape(shown(b.title, b.objective)) << "</title>\n";
  for (int t = 0; t <= 4; ++t) {
    const double v = 0.25 * t;
    s << "<line x1=\"" << L << "\" x2=\"" << W - R << "\" y1=\"" << f1(Y(v)) << "\" y2=\""
      << f1(Y(v)) << "\" stroke=\"#eaeef2\"/><text x=\"" << L - 4 << "\" y=\"" << f1(Y(v) + 4)
      << "\" text-anchor=\"end\">" << 25 * t << "%</text>\n";
  }
  s << "<line class=\"target\" x1=\"" << L << "\" x2=\"" << W - R << "\" y1=\"" << f1(Y(1.0))
    << "\" y2=\"" << f1(Y(1.0)) << "\" stroke=\"#1a7f37\" stroke-dasharray=\"6 3\"/>\n";
  s << "<text x=\"" << L << "\" y=\"" << H - 8 << "\">" << format_date(from) << "</text><text x=\""
    << W - R << "\" y=\"" << H - 8 << "\" text-anchor=\"end\">" << format_date(end) << "</text>\n";
  if (later)
    s << "<line x1=\"" << f1(X(to)) << "\" x2=\"" << f1(X(to)) << "\" y1=\"" << T << "\" y2=\""
      << H - B << "\" stroke=\"#d0d7de\" stroke-dasharray=\"2 2\"/>\n";
  // Polylines broken at NaN points.
  auto lines = [&](const std::vector<double>& v, const char* cls, const char* colour,
                   const char* dash) {
    std::string pts;
    auto flush = [&] {
      if (!pts.empty())
        s << "<polyline class=\"" << cls << "\" fill=\"none\" stroke=\"" << colour
          << "\" stroke-width=\"2\"" << dash << " points=\"" << pts << "\"/>\n";
      pts.clear();
    };
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (std::isnan(v[i])) {
        flush();
        continue;
      }
      pts += (pts.empty() ? "" : " ") + f1(X(b.dates[i])) + "," + f1(Y(v[i]));
    }
    flush();
  };
  lines(b.expected, "expected", "#8c959f", " stroke-dasharray=\"4 3\"");
  if (fan && !b.actual.empty() && !std::isnan(b.actual.back())) {
    const double x0 = X(to), y0 = Y(b.actual.back()), x1 = X(b.due);
    s << "<polygon class=\"fan\" fill=\"#0969da\" fill-opacity=\"0.15\" points=\"" << f1(x0) << ","
      << f1(y0) << " " << f1(x1) << "," << f1(Y(b.forecast_high)) << " " << f1(x1) << ","
      << f1(Y(b.forecast_low)) << "\"/>\n<line class=\"forecast\" x1=\"" << f1(x0) << "\" y1=\""
      << f1(y0) << "\" x2=\"" << f1(x1) << "\" y2=\"" << f1(Y(b.forecast))
      << "\" stroke=\"#0969da\" stroke-dasharray=\"3 2\"/>\n";
  }
  lines(b.actual, "actual", "#0969da", "");
  for (std::size_t i = 0; i < b.actual.size(); ++i)
    if (!std::isnan(b.actual[i]))
      s << "<circle cx=\"" << f1(X(b.dates[i])) << "\" cy=\"" << f1(Y(b.actual[i]))
        << "\" r=\"2.5\" fill=\"#0969da\"><title>" << format_date(b.dates[i]) << ": "
        << detail::html_pct(b.actual[i]) << "</title></circle>\n";
  s << "</svg>";
  return s.str();
}

}  // namespace

std::string review_html(const Review& r) {
  const std::string title =
      (r.model_name.empty() ? std::string("okrkit") : r.model_name) + " — " + heading(r);
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
      << html_escape(title) << "</title>\n"
      << detail::report_css
      << "\n<style>figure{margin:12px 0}figcaption{font-weight:600}"
         "svg.burnup{display:block;max-width:720px}svg.burnup text{font-size:11px}</style>\n"
      << "</head>\n<body>\n<h1 dir=\"auto\">" << html_escape(title) << "</h1>\n";
  for (const auto& c : r.cycles)
    out << "<p class=\"cycle\" dir=\"auto\">" << html_escape(cycle_line(c)) << "</p>\n";

  // Names shown beside ids (titles from the scorecard rows).
  auto name = [&](const std::string& id) {
    const NodeScore* n = r.after.find(id);
    const std::string t = n && !n->title.empty() ? n->title : std::string();
    return t.empty() ? html_escape(id)
                     : html_escape(t) + " <small>(" + html_escape(id) + ")</small>";
  };
  for (const auto& s : sections(r)) {
    out << "<h2>" << html_escape(s.name) << "</h2>\n";
    if (s.rows.size() == 1) {
      out << "<p>None.</p>\n";
      continue;
    }
    out << "<table><colgroup>";
    for (int w : s.widths) out << "<col style=\"width:" << w << "%\">";
    out << "</colgroup><thead><tr>";
    for (const auto& h : s.rows[0]) out << "<th>" << html_escape(h) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (std::size_t k = 1; k < s.rows.size(); ++k) {
      out << "<tr>";
      for (std::size_t i = 0; i < s.rows[k].size(); ++i) {
        const std::string& cell = s.rows[k][i];
        out << "<td" << (s.right[i] ? " class=\"num\"" : " dir=\"auto\"") << ">";
        if (i == 0) {
          out << name(cell);
        } else if (s.rows[0][i] == "before" || s.rows[0][i] == "after") {
          // status / health names as coloured badges, as in the scorecard report
          const auto st = detail::enum_from_string<Status>(cell);
          const auto he = detail::enum_from_string<Health>(cell);
          if (st || he)
            out << "<span class=\"badge\" style=\"background:"
                << (st ? detail::status_colour(*st) : detail::health_colour(*he)) << "\">"
                << html_escape(detail::html_label(cell)) << "</span>";
          else
            out << html_escape(cell);
        } else {
          out << html_escape(cell);
        }
        out << "</td>";
      }
      out << "</tr>\n";
    }
    out << "</tbody></table>\n";
  }

  out << "<h2>Burn-up per objective</h2>\n<p style=\"color:#57606a\">Score by week (solid), "
         "expected score (dashed grey), target (dashed green, 100%)"
      << "; with forecasts, the key results' projections to the cycle's end (blue fan).</p>\n";
  if (r.burnups.empty()) out << "<p>None.</p>\n";
  for (const auto& b : r.burnups)
    out << "<figure><figcaption dir=\"auto\">" << name(b.objective) << "</figcaption>\n"
        << burnup_svg(b, r.from, r.to) << "</figure>\n";
  out << "<p style=\"color:#57606a;font-size:12px\">okrkit review</p>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace okrkit
