// okrkit::sqlite — scorecards written back to a SQLite table
// (include/okrkit/io/sqlite.hpp; the schema is in docs/data-sources.md).
//
// The row cells are the scorecard CSV's (to_csv in src/io/scorecard_io.cpp),
// read back with the library's CSV reader, and the column types come from the
// NodeScore field table, so the table has every column of the CSV and follows
// it when a field is added.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <tuple>
#include <type_traits>

#include "io/csv_reader.hpp"
#include "io/sqlite/sqlite_db.hpp"
#include "okrkit/io/scorecard_io.hpp"
#include "okrkit/io/sqlite.hpp"
#include "okrkit/scoring/node_score_fields.hpp"

namespace okrkit::sqlite {

namespace {

enum class ColType { text, real, integer, flag };

// The SQL type of a column from the NodeScore field table
// (include/okrkit/scoring/node_score_fields.hpp): numbers REAL, counts and
// flags INTEGER, the rest TEXT.
ColType column_type(const std::string& name) {
  ColType t = ColType::text;
  std::apply(
      [&](const auto&... f) {
        auto one = [&](const auto& field) {
          if (field.name != name) return;
          using F = std::decay_t<decltype(field)>;
          if constexpr (F::kind == FieldKind::number)
            t = ColType::real;
          else if constexpr (F::kind == FieldKind::count)
            t = ColType::integer;
          else if constexpr (F::kind == FieldKind::flag)
            t = ColType::flag;
        };
        (one(f), ...);
      },
      node_score_fields);
  return t;
}

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

// The scorecard CSV as header + records.
std::vector<std::vector<std::string>> csv_records(const Scorecard& sc) {
  const std::string text = to_csv(sc);
  okrkit::detail::CsvReader rd(text, "");
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> rec;
  while (rd.next(rec)) out.push_back(rec);
  return out;
}

// Key columns: the scorecard's name, its as-of date, the node's id and kind (a
// unit may share its id with another node, docs/model-format.md).
const char* const key_columns[] = {"scorecard", "as_of", "node", "kind"};

}  // namespace

std::vector<std::string> score_columns() {
  const auto recs = csv_records(Scorecard{});
  std::vector<std::string> cols;
  for (const auto& c : recs.at(0))
    if (c != "id" && c != "kind") cols.push_back(c);
  return cols;
}

std::int64_t write_scorecard(const std::string& path, const Scorecard& sc, const Sink& sink) {
  using detail::quote_id;
  if (sink.table.empty()) throw DomainError("SQLite sink: the table name is empty");
  if (sink.scorecard.empty()) throw DomainError("SQLite sink: the scorecard name is empty");
  const auto recs = csv_records(sc);
  const auto& header = recs.at(0);
  const auto id_pos =
      static_cast<std::size_t>(std::find(header.begin(), header.end(), "id") - header.begin());
  const auto kind_pos =
      static_cast<std::size_t>(std::find(header.begin(), header.end(), "kind") - header.begin());
  std::vector<std::size_t> data_pos;  // CSV positions of the non-key columns
  for (std::size_t i = 0; i < header.size(); ++i)
    if (i != id_pos && i != kind_pos) data_pos.push_back(i);

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
    for (const char* k : key_columns)
      if (!have.count(k))
        throw IoError("table '" + sink.table +
                          "' exists but is not an okrkit scores table (no column '" + k +
                          "'); choose another table=",
                      Location{path});
    if (!have.count("evaluation"))
      throw IoError("table '" + sink.table +
                        "' exists but is not an okrkit scores table (no column 'evaluation')",
                    Location{path});
    for (auto i : data_pos)
      if (!have.count(header[i]))
        db.exec("ALTER TABLE " + t + " ADD COLUMN " + quote_id(header[i]) + " " +
                sql_type(column_type(header[i])));

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
    for (std::size_t r = 1; r < recs.size(); ++r) {
      const auto& rec = recs[r];
      if (rec.size() != header.size())
        throw DomainError("SQLite sink: scorecard CSV row " + std::to_string(r + 1) + " has " +
                          std::to_string(rec.size()) + " cells, the header " +
                          std::to_string(header.size()));
      ins.reset();
      ins.bind(1, sink.scorecard);
      ins.bind(2, as_of);
      ins.bind(3, rec[id_pos]);
      ins.bind(4, rec[kind_pos]);
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
