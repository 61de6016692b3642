// okrkit — scorecard output: JSON, CSV and text table (scorecard_io.hpp).
#include "okrkit/io/scorecard_io.hpp"

#include "okrkit/scoring/node_score_fields.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "io/csv_writer.hpp"
#include "okrkit/detail/format_number.hpp"
#include "okrkit/io/diagnostics_text.hpp"
#include "okrkit/detail/utf8.hpp"

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
  if (std::isnan(x)) return "";
  return detail::format_shortest(x);
}

using detail::csv_cell;  // io/csv_writer.hpp: quoting + spreadsheet-formula guard

// "severity code: message | ..." (CSV) or "code: message | ..." (Python's text column).
std::string joined(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) {
    if (!s.empty()) s += " | ";
    s += std::string(to_string(d.severity)) + " " + d.code + ": " + d.message;
  }
  return s;
}

// One JSON value per field kind (node_score_fields.hpp): NaN / infinity, absent
// optionals and "not computed" text are null.
template <class F>
json field_json(const NodeScore& n, const F& f) {
  const auto& v = n.*(f.member);
  if constexpr (F::kind == FieldKind::text) {
    return f.has(empty_is_none) && v.empty() ? json(nullptr) : json(v);
  } else if constexpr (F::kind == FieldKind::category) {
    if constexpr (F::nullable)
      return v ? json(to_string(*v)) : json(nullptr);
    else
      return json(to_string(v));
  } else if constexpr (F::kind == FieldKind::number) {
    if constexpr (F::nullable)
      return v ? num(*v) : json(nullptr);
    else
      return num(v);
  } else if constexpr (F::kind == FieldKind::date) {
    return v ? json(format_date(*v)) : json(nullptr);
  } else if constexpr (F::kind == FieldKind::flag || F::kind == FieldKind::count) {
    return json(v);
  } else {
    json d = json::array();
    for (const auto& x : v) d.push_back(diag_json(x));
    return d;
  }
}

// One CSV cell per field kind: text through csv_cell(), numbers as numbers
// (shortest round-trip text, "" for NaN), dates ISO, flags true / false.
template <class F>
std::string field_cell(const NodeScore& n, const F& f) {
  const auto& v = n.*(f.member);
  if constexpr (F::kind == FieldKind::text) {
    return csv_cell(v);
  } else if constexpr (F::kind == FieldKind::category) {
    if constexpr (F::nullable)
      return v ? csv_cell(to_string(*v)) : std::string();
    else
      return csv_cell(to_string(v));
  } else if constexpr (F::kind == FieldKind::number) {
    if constexpr (F::nullable)
      return v ? fmt(*v) : std::string();
    else
      return fmt(v);
  } else if constexpr (F::kind == FieldKind::date) {
    return v ? format_date(*v) : std::string();
  } else if constexpr (F::kind == FieldKind::flag) {
    return v ? "true" : "false";
  } else if constexpr (F::kind == FieldKind::count) {
    return std::to_string(v);
  } else {
    return csv_cell(joined(v));
  }
}

// Display width of UTF-8 text: code points (good enough for a terminal table).
std::size_t width(const std::string& s) { return detail::utf8_count(s); }

std::string pct(double x) {
  if (std::isnan(x)) return "-";
  return detail::format_percent(x, 1);
}

std::string short_num(double x) {
  if (std::isnan(x)) return "-";
  return detail::format_general(x);
}

}  // namespace

std::string to_json(const Scorecard& sc) {
  json nodes = json::array();
  for (const auto& n : sc.nodes) {
    json row = json::object();
    for_each_field([&](const auto& f) { row[std::string(f.name)] = field_json(n, f); });
    nodes.push_back(std::move(row));
  }
  json diags = json::array();
  for (const auto& x : sc.diagnostics) diags.push_back(diag_json(x));
  json cycles = json::array();
  for (const auto& c : sc.cycles)
    cycles.push_back(
        json{{"id", c.id},
             {"state", to_string(c.state)},
             {"score", std::isfinite(c.score) ? json(c.score) : json(nullptr)},
             {"objectives", c.objectives},
             {"scored", c.scored},
             {"reason", c.reason},
             {"p_success", std::isfinite(c.p_success) ? json(c.p_success) : json(nullptr)}});
  json out{
      {"as_of", format_date(sc.as_of)},
      {"nodes", std::move(nodes)},
      {"diagnostics", std::move(diags)},
      {"cycles", std::move(cycles)},
      {"current_cycle", sc.current_cycle().empty() ? json(nullptr) : json(sc.current_cycle())}};
  return out.dump(2) + "\n";
}

std::string to_csv(const Scorecard& sc) {
  std::string out;
  for_each_field([&](const auto& f) {
    if (!out.empty()) out += ',';
    out += f.name;
  });
  out += "\r\n";
  for (const auto& n : sc.nodes) {
    bool first = true;
    for_each_field([&](const auto& f) {
      if (!first) out += ',';
      first = false;
      out += field_cell(n, f);
    });
    out += "\r\n";
  }
  return out;
}

std::string history_to_csv(const std::vector<Scorecard>& history) {
  std::string out = "as_of";
  for_each_field([&](const auto& f) {
    out += ',';
    out += f.name;
  });
  out += "\r\n";
  for (const Scorecard& sc : history) {
    const std::string day = format_date(sc.as_of);
    for (const auto& n : sc.nodes) {
      out += day;
      for_each_field([&](const auto& f) {
        out += ',';
        out += field_cell(n, f);
      });
      out += "\r\n";
    }
  }
  return out;
}

std::string history_to_json(const std::vector<Scorecard>& history) {
  std::string out = "[";
  for (std::size_t i = 0; i < history.size(); ++i) {
    std::string one = to_json(history[i]);
    if (!one.empty() && one.back() == '\n') one.pop_back();
    out += (i ? ",\n" : "\n") + one;
  }
  return out + "\n]\n";
}

std::string format_table(const Scorecard& sc) {
  std::vector<std::vector<std::string>> rows;
  // Outlook columns only when some node has one (EvaluateOptions::outlook).
  bool outlook = false;
  bool p_success = false;  // P(success) of objectives and units (outlook with draws)
  for (const auto& n : sc.nodes) {
    outlook |= n.history_periods > 0;
    p_success |= !std::isnan(n.p_success);
  }
  rows.push_back({"kind", "id", "value", "target", "progress", "score", "expected", "status",
                  "health", "source"});
  if (outlook) {
    rows[0].push_back("trend");
    rows[0].push_back("P(target)");
  }
  if (p_success) rows[0].push_back("P(success)");
  rows[0].push_back("");
  rows[0].push_back("reason");
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
    if (p_success)
      rows.back().push_back(std::isnan(n.p_success) ? "-"
                                                    : detail::format_probability(n.p_success));
    rows.back().push_back(flags);
    rows.back().push_back(n.reason);
  }
  std::vector<std::size_t> w(rows[0].size(), 0);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) w[i] = std::max(w[i], width(r[i]));
  std::string out = "scorecard as of " + format_date(sc.as_of) + "\n";
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      // numbers right-aligned: value .. expected, P(target), P(success)
      const bool right =
          (i >= 2 && i <= 6) || (outlook && i == 11) || (p_success && i == (outlook ? 12u : 10u));
      const std::string pad(w[i] - width(r[i]), ' ');
      line += right ? pad + r[i] : r[i] + pad;
      if (i + 1 < r.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  out += "(* incomplete: some inputs missing; ! see diagnostics)\n";
  if (outlook)
    out +=
        "(trend: Mann-Kendall at 5%; P(target): forecast probability of meeting the target "
        "by the due date)\n";
  if (p_success)
    out +=
        "(P(success): probability that an objective's or unit's rolled-up score at the due date "
        "reaches its success level, docs/forecast.md)\n";
  // Every diagnostic under the table, so a '!' is explained where it is seen.
  const auto ds = scorecard_diagnostics(sc);
  if (!ds.empty())
    out +=
        "\ndiagnostics (" + format_counts(count_diagnostics(ds)) + "):\n" + format_diagnostics(ds);
  return out;
}

std::string to_markdown(const Scorecard& sc) {
  auto cell = [](const std::string& x) {
    std::string out;
    for (char c : x) {
      if (c == '|')
        out += "\\|";
      else if (c == '\n')
        out += ' ';
      else
        out += c;
    }
    return out;
  };
  std::string out = "**Scorecard as of " + format_date(sc.as_of) + "**\n\n";
  out +=
      "| kind | id | value | target | progress | score | expected | status | health | source | "
      "flags | reason |\n";
  out += "|---|---|--:|--:|--:|--:|--:|---|---|---|---|---|\n";
  for (const auto& n : sc.nodes) {
    std::string flags;
    if (n.incomplete) flags += '*';
    if (!n.diagnostics.empty()) flags += '!';
    out += "| " + std::string(to_string(n.kind)) + " | " + cell(n.id) + " | " + short_num(n.value) +
           " | " + short_num(n.target) + " | " + pct(n.progress) + " | " + pct(n.attainment) +
           " | " + pct(n.expected) + " | " + to_string(n.status) + " | " +
           (n.health == Health::none ? "-" : to_string(n.health)) + " | " +
           to_string(n.score_source) + " | " + flags + " | " + cell(n.reason) + " |\n";
  }
  out += "\n\\* incomplete: some inputs missing; ! see diagnostics\n";
  const auto ds = scorecard_diagnostics(sc);
  if (!ds.empty()) {
    out += "\n**Diagnostics** (" + format_counts(count_diagnostics(ds)) + ")\n\n";
    for (const auto& d : ds) {
      std::string place = d.where.node.empty()
                              ? std::string()
                              : " `" + d.where.node +
                                    (d.where.field.empty() ? std::string() : "." + d.where.field) +
                                    "`";
      // a multi-line message (formula and caret) as one bullet: newlines become spaces
      std::string msg = cell(d.message);
      out += "- " + std::string(to_string(d.severity)) + place + " " + d.code + ": " + msg + "\n";
    }
  }
  return out;
}

}  // namespace okrkit
