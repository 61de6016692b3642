// okrkit (internal) — a small RAII wrapper over libpq for the okrkit::postgres
// component: a connection, results, and errors as okrkit exceptions that name
// the connection with its password masked.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/sql/sql_common.hpp"
#include "okrkit/core/error.hpp"

namespace okrkit::postgres::detail {

struct ResultFree {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultFree>;

/// Type OIDs of the built-in types the source tells apart (pg_type.dat).
enum Oid_ : Oid {
  bytea_oid = 17,
  int8_oid = 20,
  int2_oid = 21,
  int4_oid = 23,
  float4_oid = 700,
  float8_oid = 701,
  numeric_oid = 1700,
  date_oid = 1082,
  timestamp_oid = 1114,
  timestamptz_oid = 1184,
};
inline bool is_integer_type(Oid t) { return t == int8_oid || t == int2_oid || t == int4_oid; }
inline bool is_number_type(Oid t) {
  return is_integer_type(t) || t == float4_oid || t == float8_oid || t == numeric_oid;
}
/// date and timestamp columns: Gregorian by their type, whatever the calendar option.
inline bool is_date_type(Oid t) {
  return t == date_oid || t == timestamp_oid || t == timestamptz_oid;
}

class Conn {
 public:
  explicit Conn(const std::string& conninfo)
      : shown_(sql::mask_password(conninfo)), c_(PQconnectdb(conninfo.c_str())) {
    if (!c_ || PQstatus(c_) != CONNECTION_OK) {
      std::string msg = c_ ? error() : "out of memory";
      PQfinish(c_);
      c_ = nullptr;
      throw IoError("cannot connect to PostgreSQL: " + msg, Location{shown_});
    }
    // Dates as text are 'YYYY-MM-DD' whatever the server's default.
    exec("SET DateStyle = 'ISO, YMD'");
  }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn() { PQfinish(c_); }

  PGconn* get() const noexcept { return c_; }
  /// The connection as messages name it (password masked).
  const std::string& shown() const noexcept { return shown_; }

  /// libpq's last message, one line, any password in it masked.
  std::string error() const {
    std::string m = sql::mask_password(PQerrorMessage(c_));
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return m;
  }

  /// Run `sql` with text parameters (nullopt = NULL); throws on failure. A
  /// statement the server rejects is a ParseError when `parse_error` (the
  /// source's SQL), else an IoError.
  Result exec(const std::string& sql, const std::vector<std::optional<std::string>>& params = {},
              bool parse_error = false) const {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    Result r(PQexecParams(c_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                          nullptr, nullptr, 0));
    const auto st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(r.get(), sql, parse_error);
    return r;
  }

  [[noreturn]] void fail(const PGresult* r, const std::string& sql, bool parse_error) const {
    std::string msg = r ? PQresultErrorMessage(r) : "";
    if (msg.empty()) msg = error();
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    msg = "PostgreSQL: " + msg + " (in: " + sql.substr(0, 300) + ")";
    if (parse_error) throw ParseError(msg, Location{shown_});
    throw IoError(msg, Location{shown_});
  }

 private:
  std::string shown_;
  PGconn* c_ = nullptr;
};

/// A table name, optionally schema-qualified ("erp.kpi"), as quoted SQL.
inline std::string quote_table(const std::string& name) {
  const auto dot = name.find('.');
  if (dot == std::string::npos) return sql::detail::quote_id(name);
  return sql::detail::quote_id(name.substr(0, dot)) + "." +
         sql::detail::quote_id(name.substr(dot + 1));
}

}  // namespace okrkit::postgres::detail
