// okrkit::sqlite — scorecards written back to a SQLite table
// (include/okrkit/io/sqlite.hpp; the schema is in docs/data-sources.md).
//
// The rows and column types are the SQL components' shared layout
// (sql::detail::score_rows / column_type in src/io/sql/sql_common.hpp: the
// scorecard CSV's cells, typed by the NodeScore field table), so the table has
// every column of the CSV and follows it when a field is added.
#include <cstdlib>
#include <set>

#include "io/sqlite/sqlite_db.hpp"
#include "okrkit/io/sqlite.hpp"

namespace okrkit::sqlite {

namespace {

using sql::detail::ColType;
using sql::detail::column_type;

const char* sql_type(ColType t) {
  switch (t) {
    case ColType::real:
      return "REAL";
    case ColType::integer:
    case ColType::flag:
      return "INTEGER";
    case ColType::text:
      break;
  }
  return "TEXT";
}

}  // namespace

std::int64_t write_scorecard(const std::string& path, const Scorecard& sc, const Sink& sink) {
  using sql::detail::quote_id;
  if (sink.table.empty()) throw DomainError("SQLite sink: the table name is empty");
  if (sink.scorecard.empty()) throw DomainError("SQLite sink: the scorecard name is empty");
  const sql::detail::ScoreRows recs = sql::detail::score_rows(sc);
  const auto& header = recs.header;
  const auto& data_pos = recs.data_pos;

  detail::Db db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  const std::string t = quote_id(sink.table);
  // One transaction per evaluation: BEGIN IMMEDIATE takes the write lock up
  // front, so a concurrent writer waits (busy timeout) instead of failing half-way.
  db.exec("BEGIN IMMEDIATE");
  try {
    std::string create =
        "CREATE TABLE IF NOT EXISTS " + t +
        " (scorecard TEXT NOT NULL, as_of TEXT NOT NULL, node TEXT NOT NULL, kind TEXT NOT NULL,"
        " evaluation INTEGER NOT NULL";
    for (auto i : data_pos)
      create += ", " + quote_id(header[i]) + " " + sql_type(column_type(header[i]));
    create += ", PRIMARY KEY (scorecard, as_of, node, kind))";
    db.exec(create);
    // An existing table: check the key, add the columns a newer okrkit writes.
    std::set<std::string> have;
    {
      detail::Stmt info(db, "SELECT name FROM pragma_table_info(?1)");
      info.bind(1, sink.table);
      while (info.step())
        have.insert(reinterpret_cast<const char*>(sqlite3_column_text(info.get(), 0)));
    }
    for (const auto& c : sql::detail::missing_score_columns(have, recs, sink.table, path))
      db.exec("ALTER TABLE " + t + " ADD COLUMN " + quote_id(c) + " " + sql_type(column_type(c)));

    std::int64_t evaluation = 1;
    {
      detail::Stmt q(db, "SELECT COALESCE(MAX(evaluation), 0) + 1 FROM " + t);
      if (q.step()) evaluation = sqlite3_column_int64(q.get(), 0);
    }

    std::string cols = "scorecard, as_of, node, kind, evaluation";
    std::string params = "?1, ?2, ?3, ?4, ?5";
    std::string update = "evaluation = excluded.evaluation";
    int k = 6;
    for (auto i : data_pos) {
      cols += ", " + quote_id(header[i]);
      params += ", ?" + std::to_string(k++);
      update += ", " + quote_id(header[i]) + " = excluded." + quote_id(header[i]);
    }
    detail::Stmt ins(db, "INSERT INTO " + t + " (" + cols + ") VALUES (" + params +
                             ") ON CONFLICT (scorecard, as_of, node, kind) DO UPDATE SET " +
                             update);
    const std::string as_of = format_date(sc.as_of);
    for (std::size_t r = 1; r <= recs.records.size(); ++r) {
      const auto& rec = recs.records[r - 1];
      ins.reset();
      ins.bind(1, sink.scorecard);
      ins.bind(2, as_of);
      ins.bind(3, rec[recs.id_pos]);
      ins.bind(4, rec[recs.kind_pos]);
      ins.bind(5, evaluation);
      int p = 6;
      for (auto i : data_pos) {
        const std::string& cell = rec[i];
        if (cell.empty()) {
          ins.bind_null(p++);
          continue;
        }
        switch (column_type(header[i])) {
          case ColType::real:
            ins.bind(p++, std::strtod(cell.c_str(), nullptr));
            break;  // "inf" too
          case ColType::integer:
            ins.bind(p++, static_cast<std::int64_t>(std::strtoll(cell.c_str(), nullptr, 10)));
            break;
          case ColType::flag:
            ins.bind(p++, static_cast<std::int64_t>(cell == "true"));
            break;
          case ColType::text:
            ins.bind(p++, cell);
            break;
        }
      }
      ins.step();
      if (sink.on_row) sink.on_row(r);
    }
    // Nodes no longer in the scorecard for this (scorecard, as_of) go: the
    // table holds exactly the latest evaluation of each as-of date.
    detail::Stmt del(
        db, "DELETE FROM " + t + " WHERE scorecard = ?1 AND as_of = ?2 AND evaluation <> ?3");
    del.bind(1, sink.scorecard);
    del.bind(2, as_of);
    del.bind(3, evaluation);
    del.step();
    db.exec("COMMIT");
    return evaluation;
  } catch (...) {
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace okrkit::sqlite
