// okrkit (internal) — a small RAII wrapper over the sqlite3 C API for the
// okrkit::sqlite component: a connection, prepared statements, and errors as
// okrkit exceptions that name the database file.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "io/sql/sql_common.hpp"
#include "okrkit/core/error.hpp"

namespace okrkit::sqlite::detail {

class Db {
 public:
  Db(const std::string& path, int flags) : path_(path) {
    sqlite3* h = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &h, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    db_ = h;
    if (rc != SQLITE_OK) {
      std::string msg = h ? sqlite3_errmsg(h) : sqlite3_errstr(rc);
      sqlite3_close(h);
      db_ = nullptr;
      throw IoError("cannot open SQLite database: " + msg, Location{path});
    }
    sqlite3_busy_timeout(db_, 10000);  // wait for another writer's transaction, not fail
  }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db() { sqlite3_close_v2(db_); }

  sqlite3* get() const noexcept { return db_; }
  const std::string& path() const noexcept { return path_; }

  [[noreturn]] void fail(const std::string& what) const {
    throw IoError(what + ": " + sqlite3_errmsg(db_), Location{path_});
  }

  void exec(const std::string& sql) const {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw IoError("SQLite: " + msg + " (in: " + sql.substr(0, 200) + ")", Location{path_});
    }
  }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

class Stmt {
 public:
  Stmt(const Db& db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db.get(), sql.c_str(), static_cast<int>(sql.size()), &s_, nullptr) !=
        SQLITE_OK)
      throw ParseError(
          "SQLite cannot prepare the statement: " + std::string(sqlite3_errmsg(db.get())) +
              " (in: " + sql.substr(0, 300) + ")",
          Location{db.path()});
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s_); }

  sqlite3_stmt* get() const noexcept { return s_; }

  /// true: a row is ready; false: done.
  bool step() {
    const int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_.fail("SQLite step failed");
  }
  void reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  void bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bind(int i, double v) { sqlite3_bind_double(s_, i, v); }
  void bind(int i, std::int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void bind_null(int i) { sqlite3_bind_null(s_, i); }

 private:
  const Db& db_;
  sqlite3_stmt* s_ = nullptr;
};

using sql::detail::quote_id;

}  // namespace okrkit::sqlite::detail
