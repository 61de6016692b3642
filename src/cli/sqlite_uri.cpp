// okrkit CLI — "sqlite:PATH?table=T" / "sqlite:PATH?query=SQL" for --data and
// "sqlite:PATH?table=T&scorecard=NAME" for score --to (docs/data-sources.md).
// Built with the okrkit::sqlite component (OKRKIT_WITH_SQLITE); without it a
// sqlite: argument is a usage error saying so.
#include <map>

#include "commands.hpp"

#ifdef OKRKIT_CLI_SQLITE
#include <okrkit/io/sqlite.hpp>
#endif

namespace okrkit::cli {

namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX escapes decoded (so a query can carry '&' as %26); anything else as is.
std::string decode(const std::string& s, const std::string& arg) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0)
      throw UsageError("'" + arg + "': '%' must start a %XX escape (%25 is a literal '%')");
    out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
    i += 2;
  }
  return out;
}

}  // namespace

bool is_sqlite_uri(const std::string& arg) { return arg.rfind("sqlite:", 0) == 0; }

SqliteUri parse_sqlite_uri(const std::string& arg, const std::vector<std::string>& allowed) {
  SqliteUri u;
  std::string rest = arg.substr(7);
  if (rest.rfind("//", 0) == 0) rest.erase(0, 2);  // sqlite://path.db, as in URLs
  const auto q = rest.find('?');
  u.path = decode(rest.substr(0, q), arg);
  if (u.path.empty()) throw UsageError("'" + arg + "': no database path after 'sqlite:'");
  if (q == std::string::npos) return u;
  std::string params = rest.substr(q + 1);
  while (!params.empty()) {
    const auto eq = params.find('=');
    if (eq == std::string::npos)
      throw UsageError("'" + arg + "': parameter '" + params + "' has no '='");
    const std::string key = params.substr(0, eq);
    std::string value;
    if (key == "query") {  // the rest of the argument: SQL may hold '&'
      value = params.substr(eq + 1);
      params.clear();
    } else {
      const auto amp = params.find('&', eq);
      value = params.substr(eq + 1, amp == std::string::npos ? std::string::npos : amp - eq - 1);
      params = amp == std::string::npos ? std::string() : params.substr(amp + 1);
    }
    bool known = false;
    for (const auto& a : allowed) known |= a == key;
    if (!known) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      throw UsageError("'" + arg + "': unknown parameter '" + key + "' (known: " + list + ")");
    }
    if (u.params.count(key)) throw UsageError("'" + arg + "': parameter '" + key + "' given twice");
    u.params[key] = decode(value, arg);
  }
  return u;
}

SeriesStore load_sqlite_data(const std::string& arg, const MeasurementsOptions& options) {
#ifdef OKRKIT_CLI_SQLITE
  const SqliteUri u = parse_sqlite_uri(
      arg, {"table", "query", "series", "date", "value", "numerator", "denominator"});
  sqlite::Source src;
  auto get = [&](const char* k) {
    auto it = u.params.find(k);
    return it == u.params.end() ? std::string() : it->second;
  };
  src.options = options;  // --calendar, --date-format, --duplicates as for a CSV file
  src.table = get("table");
  src.query = get("query");
  if (src.table.empty() == src.query.empty())
    throw UsageError("'" + arg + "': give exactly one of ?table=NAME and ?query=SQL");
  for (auto [k, field] : {std::pair{"series", &src.columns.series},
                          {"date", &src.columns.date},
                          {"value", &src.columns.value},
                          {"numerator", &src.columns.numerator},
                          {"denominator", &src.columns.denominator}})
    if (u.params.count(k)) *field = u.params.at(k);
  return sqlite::read_measurements(u.path, src).store;
#else
  (void)options;
  throw UsageError(
      "'" + arg +
      "': this okrkit was built without SQLite (cmake -DOKRKIT_WITH_SQLITE=ON, libsqlite3-dev)");
#endif
}

std::string write_sqlite_scores(const std::string& arg, const Scorecard& sc) {
#ifdef OKRKIT_CLI_SQLITE
  const SqliteUri u = parse_sqlite_uri(arg, {"table", "scorecard"});
  sqlite::Sink sink;
  if (u.params.count("table")) sink.table = u.params.at("table");
  if (u.params.count("scorecard")) sink.scorecard = u.params.at("scorecard");
  const auto evaluation = sqlite::write_scorecard(u.path, sc, sink);
  return "wrote " + std::to_string(sc.nodes.size()) + " rows to " + u.path + " table '" +
         sink.table + "' (scorecard '" + sink.scorecard + "', as_of " + format_date(sc.as_of) +
         ", evaluation " + std::to_string(evaluation) + ")";
#else
  (void)sc;
  throw UsageError(
      "'" + arg +
      "': this okrkit was built without SQLite (cmake -DOKRKIT_WITH_SQLITE=ON, libsqlite3-dev)");
#endif
}

}  // namespace okrkit::cli
