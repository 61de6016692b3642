// okrkit — scorecard output: JSON, CSV and text table (scorecard_io.hpp).
#include "okrkit/io/scorecard_io.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "io/human_number.hpp"
#include "okrkit/io/diagnostics_text.hpp"

namespace okrkit {
namespace {

using json = nlohmann::ordered_json;

json num(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

json diag_json(const Diagnostic& d) {
  return json{{"severity", to_string(d.severity)},
              {"code", d.code},
              {"message", d.message},
              {"node", d.where.node},
              {"field", d.where.field}};
}

// Shortest text that reads back to the same double; "" for NaN / infinity.
std::string fmt(double x) {
  if (!std::isfinite(x)) return std::isnan(x) ? "" : (x > 0 ? "inf" : "-inf");
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + '"';
}

const char* const kColumns[] = {"id",          "kind",        "parent",     "unit",
                                "value",       "baseline",    "target",     "progress",
                                "performance", "attainment",  "grade",      "band",
                                "rating",      "rule_label",  "expected",   "status",
                                "health",      "confidence",  "value_date", "value_source",
                                "score_source", "incomplete", "history_periods",
                                "period_kind", "trend_slope", "trend", "trend_p",
                                "forecast_model", "projected_value", "projected_progress",
                                "probability", "run_rate", "target_date", "forecast_status",
                                "diagnostics"};

std::vector<std::string> cells(const NodeScore& n) {
  std::string diags;
  for (const auto& d : n.diagnostics) {
    if (!diags.empty()) diags += " | ";
    diags += std::string(to_string(d.severity)) + " " + d.code + ": " + d.message;
  }
  return {n.id,
          to_string(n.kind),
          n.parent,
          n.unit,
          fmt(n.value),
          fmt(n.baseline),
          fmt(n.target),
          fmt(n.progress),
          fmt(n.performance),
          fmt(n.attainment),
          fmt(n.grade),
          n.band ? to_string(*n.band) : "",
          n.rating,
          n.rule_label,
          fmt(n.expected),
          to_string(n.status),
          to_string(n.health),
          n.confidence ? fmt(*n.confidence) : "",
          n.value_date ? format_date(*n.value_date) : "",
          to_string(n.value_source),
          to_string(n.score_source),
          n.incomplete ? "true" : "false",
          std::to_string(n.history_periods),
          n.period_kind,
          fmt(n.trend_slope),
          n.trend,
          fmt(n.trend_p),
          n.forecast_model,
          fmt(n.projected_value),
          fmt(n.projected_progress),
          fmt(n.probability),
          fmt(n.run_rate),
          n.target_date ? format_date(*n.target_date) : "",
          to_string(n.forecast_status),
          diags};
}

// Display width of UTF-8 text: code points (good enough for a terminal table).
std::size_t width(const std::string& s) {
  std::size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

std::string pct(double x) {
  if (std::isnan(x)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * x);
  return buf;
}

std::string short_num(double x) {
  if (std::isnan(x)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

}  // namespace

std::string to_json(const Scorecard& sc) {
  json nodes = json::array();
  for (const auto& n : sc.nodes) {
    json d = json::array();
    for (const auto& x : n.diagnostics) d.push_back(diag_json(x));
    nodes.push_back(json{
        {"id", n.id},
        {"kind", to_string(n.kind)},
        {"parent", n.parent},
        {"unit", n.unit},
        {"value", num(n.value)},
        {"baseline", num(n.baseline)},
        {"target", num(n.target)},
        {"progress", num(n.progress)},
        {"performance", num(n.performance)},
        {"attainment", num(n.attainment)},
        {"grade", num(n.grade)},
        {"band", n.band ? json(to_string(*n.band)) : json(nullptr)},
        {"rating", n.rating},
        {"rule_label", n.rule_label},
        {"expected", num(n.expected)},
        {"status", to_string(n.status)},
        {"health", to_string(n.health)},
        {"confidence", n.confidence ? num(*n.confidence) : json(nullptr)},
        {"value_date", n.value_date ? json(format_date(*n.value_date)) : json(nullptr)},
        {"value_source", to_string(n.value_source)},
        {"score_source", to_string(n.score_source)},
        {"incomplete", n.incomplete},
        {"history_periods", n.history_periods},
        {"period_kind", n.period_kind.empty() ? json(nullptr) : json(n.period_kind)},
        {"trend_slope", num(n.trend_slope)},
        {"trend", n.trend.empty() ? json(nullptr) : json(n.trend)},
        {"trend_p", num(n.trend_p)},
        {"forecast_model", n.forecast_model.empty() ? json(nullptr) : json(n.forecast_model)},
        {"projected_value", num(n.projected_value)},
        {"projected_progress", num(n.projected_progress)},
        {"probability", num(n.probability)},
        {"run_rate", num(n.run_rate)},
        {"target_date", n.target_date ? json(format_date(*n.target_date)) : json(nullptr)},
        {"forecast_status", to_string(n.forecast_status)},
        {"diagnostics", std::move(d)},
    });
  }
  json diags = json::array();
  for (const auto& x : sc.diagnostics) diags.push_back(diag_json(x));
  json out{{"as_of", format_date(sc.as_of)}, {"nodes", std::move(nodes)},
           {"diagnostics", std::move(diags)}};
  return out.dump(2) + "\n";
}

std::string to_csv(const Scorecard& sc) {
  std::string out;
  for (std::size_t i = 0; i < std::size(kColumns); ++i) {
    if (i) out += ',';
    out += kColumns[i];
  }
  out += "\r\n";
  for (const auto& n : sc.nodes) {
    const auto row = cells(n);
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      out += csv_cell(row[i]);
    }
    out += "\r\n";
  }
  return out;
}

std::string format_table(const Scorecard& sc) {
  std::vector<std::vector<std::string>> rows;
  // Outlook columns only when some node has one (EvaluateOptions::outlook).
  bool outlook = false;
  for (const auto& n : sc.nodes) outlook |= n.history_periods > 0;
  rows.push_back({"kind", "id", "value", "target", "progress", "score", "expected", "status",
                  "health", "source"});
  if (outlook) {
    rows[0].push_back("trend");
    rows[0].push_back("P(target)");
  }
  rows[0].push_back("");
  for (const auto& n : sc.nodes) {
    std::string flags;
    if (n.incomplete) flags += '*';
    if (!n.diagnostics.empty()) flags += '!';
    rows.push_back({to_string(n.kind), n.id, short_num(n.value), short_num(n.target),
                    pct(n.progress), pct(n.attainment), pct(n.expected), to_string(n.status),
                    n.health == Health::none ? "-" : to_string(n.health),
                    to_string(n.score_source)});
    if (outlook) {
      // Mann–Kendall direction as an arrow: up / down (significant), flat, - (no history)
      rows.back().push_back(n.trend == "increasing"   ? "up"
                            : n.trend == "decreasing" ? "down"
                            : n.trend.empty()         ? "-"
                                                      : "flat");
      rows.back().push_back(detail::format_probability(n.probability));
    }
    rows.back().push_back(flags);
  }
  std::vector<std::size_t> w(rows[0].size(), 0);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) w[i] = std::max(w[i], width(r[i]));
  std::string out = "scorecard as of " + format_date(sc.as_of) + "\n";
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const bool right = (i >= 2 && i <= 6) || (outlook && i == 11);  // numbers right-aligned
      const std::string pad(w[i] - width(r[i]), ' ');
      line += right ? pad + r[i] : r[i] + pad;
      if (i + 1 < r.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  out += "(* incomplete: some inputs missing; ! see diagnostics)\n";
  if (outlook)
    out += "(trend: Mann-Kendall at 5%; P(target): forecast probability of meeting the target "
           "by the due date)\n";
  // Every diagnostic under the table, so a '!' is explained where it is seen.
  const auto ds = scorecard_diagnostics(sc);
  if (!ds.empty()) out += "\ndiagnostics (" + format_counts(count_diagnostics(ds)) + "):\n" + format_diagnostics(ds);
  return out;
}

std::string to_markdown(const Scorecard& sc) {
  auto cell = [](const std::string& x) {
    std::string out;
    for (char c : x) {
      if (c == '|') out += "\\|";
      else if (c == '\n') out += ' ';
      else out += c;
    }
    return out;
  };
  std::string out = "**Scorecard as of " + format_date(sc.as_of) + "**\n\n";
  out += "| kind | id | value | target | progress | score | expected | status | health | source | flags |\n";
  out += "|---|---|--:|--:|--:|--:|--:|---|---|---|---|\n";
  for (const auto& n : sc.nodes) {
    std::string flags;
    if (n.incomplete) flags += '*';
    if (!n.diagnostics.empty()) flags += '!';
    out += "| " + std::string(to_string(n.kind)) + " | " + cell(n.id) + " | " + short_num(n.value) +
           " | " + short_num(n.target) + " | " + pct(n.progress) + " | " + pct(n.attainment) +
           " | " + pct(n.expected) + " | " + to_string(n.status) + " | " +
           (n.health == Health::none ? "-" : to_string(n.health)) + " | " +
           to_string(n.score_source) + " | " + flags + " |\n";
  }
  out += "\n\\* incomplete: some inputs missing; ! see diagnostics\n";
  const auto ds = scorecard_diagnostics(sc);
  if (!ds.empty()) {
    out += "\n**Diagnostics** (" + format_counts(count_diagnostics(ds)) + ")\n\n";
    for (const auto& d : ds) {
      std::string place = d.where.node.empty() ? std::string() : " `" + d.where.node +
                          (d.where.field.empty() ? std::string() : "." + d.where.field) + "`";
      // a multi-line message (formula and caret) as one bullet: newlines become spaces
      std::string msg = cell(d.message);
      out += "- " + std::string(to_string(d.severity)) + place + " " + d.code + ": " + msg + "\n";
    }
  }
  return out;
}

}  // namespace okrkit
