// okrkit — diagnostics as text for people (diagnostics_text.hpp).
#include "okrkit/io/diagnostics_text.hpp"

#include <algorithm>

namespace okrkit {

std::vector<Diagnostic> scorecard_diagnostics(const Scorecard& sc) {
  std::vector<Diagnostic> out = sc.diagnostics;
  for (const auto& n : sc.nodes)
    for (Diagnostic d : n.diagnostics) {
      if (d.where.node.empty()) d.where.node = n.id;
      out.push_back(std::move(d));
    }
  return out;
}

DiagnosticCounts count_diagnostics(const std::vector<Diagnostic>& ds) {
  DiagnosticCounts c;
  for (const auto& d : ds) {
    if (d.severity == Severity::error)
      ++c.errors;
    else if (d.severity == Severity::warning)
      ++c.warnings;
    else
      ++c.infos;
  }
  return c;
}

std::string format_counts(const DiagnosticCounts& c) {
  std::string s;
  auto part = [&](std::size_t n, const char* one, const char* many) {
    if (n == 0) return;
    s += (s.empty() ? "" : ", ") + std::to_string(n) + " " + (n == 1 ? one : many);
  };
  part(c.errors, "error", "errors");
  part(c.warnings, "warning", "warnings");
  part(c.infos, "info", "info");
  return s.empty() ? "none" : s;
}

std::string format_diagnostics(const std::vector<Diagnostic>& ds, std::size_t max_shown,
                               const std::string& indent) {
  const std::size_t shown = std::min(max_shown, ds.size());
  std::vector<std::string> places(shown);
  std::size_t wp = 0, wc = 0;
  for (std::size_t i = 0; i < shown; ++i) {
    const Location& w = ds[i].where;
    places[i] = w.node.empty() ? "-" : w.node;
    if (!w.field.empty()) places[i] += "." + w.field;
    wp = std::max(wp, places[i].size());
    wc = std::max(wc, ds[i].code.size());
  }
  std::string out;
  for (std::size_t i = 0; i < shown; ++i) {
    const Diagnostic& d = ds[i];
    std::string sev = to_string(d.severity);
    std::string line = indent + sev + std::string(9 - sev.size(), ' ') + places[i] +
                       std::string(wp - places[i].size() + 2, ' ') + d.code +
                       std::string(wc - d.code.size() + 2, ' ');
    const std::string pad(line.size(), ' ');
    // the message, with the file and line when known (the node is in its column)
    // Messages that already start with their place ("file:12: node 'x': field
    // 'f': ...", as formula errors do) lose it; the columns say it.
    std::string msg = d.message;
    const std::string at = okrkit::to_string(d.where) + ": ";
    if (at.size() > 2 && msg.compare(0, at.size(), at) == 0) msg.erase(0, at.size());
    if (!d.where.file.empty())
      msg = d.where.file + (d.where.line ? ":" + std::to_string(d.where.line) : std::string()) +
            ": " + msg;
    std::size_t b = 0;
    for (bool first = true;; first = false) {
      const std::size_t e = msg.find('\n', b);
      out += (first ? line : pad) +
             msg.substr(b, e == std::string::npos ? std::string::npos : e - b) + "\n";
      if (e == std::string::npos) break;
      b = e + 1;
    }
  }
  if (ds.size() > shown) out += indent + "... and " + std::to_string(ds.size() - shown) + " more\n";
  return out;
}

}  // namespace okrkit
