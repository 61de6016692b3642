// okrkit — lint output: aligned table, JSON, and SARIF 2.1.0 for code-scanning tools.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "okrkit/lint/lint.hpp"

namespace okrkit {

namespace {

using ojson = nlohmann::ordered_json;

std::string place(const Location& w) {
  std::string s = w.file;
  if (w.line) s += (s.empty() ? "line " : ":") + std::to_string(w.line);
  if (!w.node.empty()) s += (s.empty() ? "" : " ") + w.node;
  if (!w.field.empty()) s += "." + w.field;
  return s.empty() ? "-" : s;
}

ojson summary(const std::vector<Diagnostic>& fs) {
  std::size_t n[3] = {0, 0, 0};
  for (const auto& d : fs) ++n[static_cast<int>(d.severity)];
  ojson s;
  s["errors"] = n[2];
  s["warnings"] = n[1];
  s["infos"] = n[0];
  auto h = highest_severity(fs);
  s["highest"] = h ? ojson(to_string(*h)) : ojson(nullptr);
  s["exit_status"] = lint_exit_status(fs);
  return s;
}

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "note";
  }
  return "note";
}

}  // namespace

std::string format_lint_table(const std::vector<Diagnostic>& fs) {
  std::size_t wp = 5;
  for (const auto& d : fs) wp = std::max(wp, place(d.where).size());
  std::string out;
  auto row = [&](const std::string& sev, const std::string& rule, const std::string& at,
                 const std::string& msg) {
    out += sev + std::string(8 - std::min<std::size_t>(7, sev.size()), ' ');
    out += rule + std::string(6 - std::min<std::size_t>(5, rule.size()), ' ');
    out += at + std::string(wp + 2 - at.size(), ' ');
    out += msg + "\n";
  };
  if (!fs.empty()) row("level", "rule", "where", "message");
  for (const auto& d : fs) row(to_string(d.severity), d.code, place(d.where), d.message);
  std::size_t n[3] = {0, 0, 0};
  for (const auto& d : fs) ++n[static_cast<int>(d.severity)];
  out += std::to_string(n[2]) + " error(s), " + std::to_string(n[1]) + " warning(s), " +
         std::to_string(n[0]) + " info\n";
  return out;
}

std::string format_lint_json(const std::vector<Diagnostic>& fs) {
  ojson j;
  ojson a = ojson::array();
  for (const auto& d : fs) {
    ojson e;
    e["rule"] = d.code;
    const LintRule* r = find_lint_rule(d.code);
    e["name"] = r ? r->name : "";
    e["severity"] = to_string(d.severity);
    e["node"] = d.where.node;
    e["field"] = d.where.field;
    e["file"] = d.where.file;
    e["line"] = d.where.line;
    e["message"] = d.message;
    a.push_back(e);
  }
  j["findings"] = a;
  j["summary"] = summary(fs);
  return j.dump(2) + "\n";
}

std::string format_lint_sarif(const std::vector<Diagnostic>& fs) {
  ojson rules = ojson::array();
  for (const auto& r : lint_rules()) {
    ojson e;
    e["id"] = r.id;
    e["name"] = r.name;
    e["shortDescription"]["text"] = r.summary;
    e["helpUri"] = "docs/lint.md#" + r.id;
    e["defaultConfiguration"]["level"] = sarif_level(r.severity);
    rules.push_back(e);
  }
  ojson results = ojson::array();
  for (const auto& d : fs) {
    ojson e;
    e["ruleId"] = d.code;
    for (std::size_t i = 0; i < lint_rules().size(); ++i)
      if (lint_rules()[i].id == d.code) e["ruleIndex"] = i;
    e["level"] = sarif_level(d.severity);
    e["message"]["text"] = d.message;
    ojson loc;
    if (!d.where.file.empty()) {
      loc["physicalLocation"]["artifactLocation"]["uri"] = d.where.file;
      if (d.where.line) loc["physicalLocation"]["region"]["startLine"] = d.where.line;
    }
    if (!d.where.node.empty()) {
      ojson ll;
      ll["name"] = d.where.field.empty() ? d.where.node : d.where.node + "." + d.where.field;
      ll["kind"] = "member";
      loc["logicalLocations"] = ojson::array({ll});
    }
    e["locations"] = loc.empty() ? ojson::array() : ojson::array({loc});
    results.push_back(e);
  }
  ojson run;
  run["tool"]["driver"]["name"] = "okrkit-lint";
  run["tool"]["driver"]["informationUri"] = "https://github.com/okrkit/okrkit";
  run["tool"]["driver"]["rules"] = rules;
  run["results"] = results;
  ojson j;
  j["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  j["version"] = "2.1.0";
  j["runs"] = ojson::array({run});
  return j.dump(2) + "\n";
}

}  // namespace okrkit
