// okrkit CLI — database arguments (docs/data-sources.md): for --data
// "sqlite:PATH?table=T" / "sqlite:PATH?query=SQL" and
// "postgresql://user@host:port/db?table=T" / "...?query=SQL"; for score --to
// "sqlite:PATH?table=T&scorecard=NAME" and "postgresql://...?table=T&scorecard=NAME".
// Built with the okrkit::sqlite / okrkit::postgres components
// (OKRKIT_WITH_SQLITE, OKRKIT_WITH_POSTGRES); without one its arguments are a
// usage error saying so. PostgreSQL arguments appear in messages with the
// password masked.
#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <map>

#include "commands.hpp"

#include <okrkit/io/sql.hpp>

#ifdef OKRKIT_CLI_SQLITE
#include <okrkit/io/sqlite.hpp>
#endif
#ifdef OKRKIT_CLI_POSTGRES
#include <okrkit/io/postgres.hpp>
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

// The "key=value&..." after '?': `allowed` keys into `out`; other keys are a
// UsageError, or, when `others` is given, kept there ("k=v&...", as given) for
// the database driver. `shown` is the argument as messages show it.
void parse_params(std::string params, const std::string& shown,
                  const std::vector<std::string>& allowed, std::map<std::string, std::string>& out,
                  std::string* others) {
  while (!params.empty()) {
    const auto eq = params.find('=');
    if (eq == std::string::npos)
      throw UsageError("'" + shown + "': parameter '" + params + "' has no '='");
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
    if (!known && others) {
      *others += (others->empty() ? "" : "&") + key + "=" + value;
      continue;
    }
    if (!known) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      throw UsageError("'" + shown + "': unknown parameter '" + key + "' (known: " + list + ")");
    }
    if (out.count(key)) throw UsageError("'" + shown + "': parameter '" + key + "' given twice");
    out[key] = decode(value, shown);
  }
}

const std::vector<std::string> source_keys = {"table",    "query",     "series",      "date",
                                              "value",    "numerator", "denominator", "after_date",
                                              "after_id", "id_column"};
const std::vector<std::string> sink_keys = {"table", "scorecard"};

// The table or query and the column mapping of a source argument.
template <class Source>
Source source_from(const SqliteUri& u, const std::string& shown) {
  Source src;
  auto get = [&](const char* k) {
    auto it = u.params.find(k);
    return it == u.params.end() ? std::string() : it->second;
  };
  src.table = get("table");
  src.query = get("query");
  if (src.table.empty() == src.query.empty())
    throw UsageError("'" + shown + "': give exactly one of ?table=NAME and ?query=SQL");
  for (auto [k, field] : {std::pair{"series", &src.columns.series},
                          {"date", &src.columns.date},
                          {"value", &src.columns.value},
                          {"numerator", &src.columns.numerator},
                          {"denominator", &src.columns.denominator}})
    if (u.params.count(k)) *field = u.params.at(k);
  // The incremental watermark (docs/data-sources.md, "Incremental mode"): the
  // caller keeps it between runs; the read says what the next one is.
  if (u.params.count("after_date")) {
    try {
      src.after_date = parse_date(u.params.at("after_date"), DateCalendar::gregorian, "after_date");
    } catch (const Error& e) {
      throw UsageError("'" + shown + "': " + e.what());
    }
  }
  if (u.params.count("after_id")) {
    const std::string& t = u.params.at("after_id");
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(t.c_str(), &end, 10);
    if (t.empty() || end != t.c_str() + t.size() || errno == ERANGE)
      throw UsageError("'" + shown + "': after_id '" + t + "' is not an integer");
    src.after_id = v;
  }
  if (u.params.count("id_column")) {
    if (!src.after_id)
      throw UsageError("'" + shown + "': id_column needs after_id (the id watermark)");
    src.id_column = u.params.at("id_column");
  }
  return src;
}

// After an incremental read: how many rows it read and the watermark to pass
// next time, on stderr (stdout is the scorecard).
void report_watermark(const sql::Source& src, const sql::ReadResult& r, const std::string& shown) {
  if (!src.after_date && !src.after_id) return;
  std::string next;
  if (src.after_id)
    next = "after_id=" + std::to_string(r.last_id ? *r.last_id : *src.after_id);
  else
    next = "after_date=" + format_date(r.last_date ? *r.last_date : *src.after_date);
  std::cerr << shown << ": read " << r.rows << (r.rows == 1 ? " row" : " rows") << " after "
            << (src.after_id ? "id " + std::to_string(*src.after_id) : format_date(*src.after_date))
            << "; next watermark: " << next << "\n";
}

sql::Sink sink_from(const SqliteUri& u) {
  sql::Sink sink;
  if (u.params.count("table")) sink.table = u.params.at("table");
  if (u.params.count("scorecard")) sink.scorecard = u.params.at("scorecard");
  return sink;
}

std::string summary(const Scorecard& sc, const std::string& where, const sql::Sink& sink,
                    std::int64_t evaluation) {
  return "wrote " + std::to_string(sc.nodes.size()) + " rows to " + where + " table '" +
         sink.table + "' (scorecard '" + sink.scorecard + "', as_of " + format_date(sc.as_of) +
         ", evaluation " + std::to_string(evaluation) + ")";
}

// "postgresql://user:pw@host:port/db?table=T&sslmode=require": the okrkit
// parameters in params, the connection URI (libpq's own parameters kept) in path.
SqliteUri parse_postgres_uri(const std::string& arg, const std::vector<std::string>& allowed) {
  SqliteUri u;
  const std::string shown = sql::mask_password(arg);
  const auto q = arg.find('?');
  std::string others;
  if (q != std::string::npos) parse_params(arg.substr(q + 1), shown, allowed, u.params, &others);
  u.path = arg.substr(0, q) + (others.empty() ? "" : "?" + others);
  return u;
}

}  // namespace

bool is_sqlite_uri(const std::string& arg) { return arg.rfind("sqlite:", 0) == 0; }

bool is_postgres_uri(const std::string& arg) {
  return arg.rfind("postgresql://", 0) == 0 || arg.rfind("postgres://", 0) == 0;
}

SqliteUri parse_sqlite_uri(const std::string& arg, const std::vector<std::string>& allowed) {
  SqliteUri u;
  std::string rest = arg.substr(7);
  if (rest.rfind("//", 0) == 0) rest.erase(0, 2);  // sqlite://path.db, as in URLs
  const auto q = rest.find('?');
  u.path = decode(rest.substr(0, q), arg);
  if (u.path.empty()) throw UsageError("'" + arg + "': no database path after 'sqlite:'");
  if (q != std::string::npos) parse_params(rest.substr(q + 1), arg, allowed, u.params, nullptr);
  return u;
}

SeriesStore load_sqlite_data(const std::string& arg, const MeasurementsOptions& options) {
#ifdef OKRKIT_CLI_SQLITE
  const SqliteUri u = parse_sqlite_uri(arg, source_keys);
  auto src = source_from<sqlite::Source>(u, arg);
  src.options = options;
  auto r = sqlite::read_measurements(u.path, src);
  report_watermark(src, r, arg);
  return std::move(r.store);
#else
  (void)options;
  throw UsageError(
      "'" + arg +
      "': this okrkit was built without SQLite (cmake -DOKRKIT_WITH_SQLITE=ON, libsqlite3-dev)");
#endif
}

std::string write_sqlite_scores(const std::string& arg, const Scorecard& sc) {
#ifdef OKRKIT_CLI_SQLITE
  const SqliteUri u = parse_sqlite_uri(arg, sink_keys);
  const sql::Sink sink = sink_from(u);
  return summary(sc, u.path, sink, sqlite::write_scorecard(u.path, sc, sink));
#else
  (void)sc;
  throw UsageError(
      "'" + arg +
      "': this okrkit was built without SQLite (cmake -DOKRKIT_WITH_SQLITE=ON, libsqlite3-dev)");
#endif
}

SeriesStore load_postgres_data(const std::string& arg, const MeasurementsOptions& options) {
#ifdef OKRKIT_CLI_POSTGRES
  const SqliteUri u = parse_postgres_uri(arg, source_keys);
  auto src = source_from<postgres::Source>(u, sql::mask_password(arg));
  src.options = options;
  auto r = postgres::read_measurements(u.path, src);
  report_watermark(src, r, sql::mask_password(arg));
  return std::move(r.store);
#else
  (void)options;
  throw UsageError("'" + sql::mask_password(arg) +
                   "': this okrkit was built without PostgreSQL (cmake -DOKRKIT_WITH_POSTGRES=ON, "
                   "libpq-dev)");
#endif
}

std::string write_postgres_scores(const std::string& arg, const Scorecard& sc) {
#ifdef OKRKIT_CLI_POSTGRES
  const SqliteUri u = parse_postgres_uri(arg, sink_keys);
  const sql::Sink sink = sink_from(u);
  return summary(sc, sql::mask_password(u.path), sink, postgres::write_scorecard(u.path, sc, sink));
#else
  (void)sc;
  throw UsageError("'" + sql::mask_password(arg) +
                   "': this okrkit was built without PostgreSQL (cmake -DOKRKIT_WITH_POSTGRES=ON, "
                   "libpq-dev)");
#endif
}

SeriesStore load_db_data(const std::string& arg, const MeasurementsOptions& options) {
  return is_postgres_uri(arg) ? load_postgres_data(arg, options) : load_sqlite_data(arg, options);
}

std::string write_db_scores(const std::string& arg, const Scorecard& sc) {
  return is_postgres_uri(arg) ? write_postgres_scores(arg, sc) : write_sqlite_scores(arg, sc);
}

}  // namespace okrkit::cli
