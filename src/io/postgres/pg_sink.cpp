// okrkit::postgres — scorecards written back to a PostgreSQL table
// (include/okrkit/io/postgres.hpp; the schema is in docs/data-sources.md).
//
// The rows and column types are the SQL components' shared layout
// (sql::detail::score_rows / column_type in src/io/sql/sql_common.hpp), so
// the table has the columns of the SQLite sink's table, with PostgreSQL types.
#include <algorithm>
#include <set>

#include "io/postgres/pg_db.hpp"
#include "okrkit/io/postgres.hpp"

namespace okrkit::postgres {

namespace {

using sql::detail::ColType;
using sql::detail::column_type;
using sql::detail::quote_id;

const char* sql_type(ColType t) {
  switch (t) {
    case ColType::real:
      return "double precision";
    case ColType::integer:
      return "bigint";
    case ColType::flag:
      return "integer";  // 0 / 1, as in the SQLite table
    case ColType::text:
      break;
  }
  return "text";
}

// Rows per INSERT: batches keep the round trips few; PostgreSQL allows at most
// 65535 parameters per statement.
std::size_t batch_rows(std::size_t columns) {
  return std::max<std::size_t>(1, std::min<std::size_t>(500, 65535 / columns));
}

}  // namespace

std::int64_t write_scorecard(const std::string& conninfo, const Scorecard& sc, const Sink& sink) {
  if (sink.table.empty()) throw DomainError("PostgreSQL sink: the table name is empty");
  if (sink.scorecard.empty()) throw DomainError("PostgreSQL sink: the scorecard name is empty");
  const sql::detail::ScoreRows recs = sql::detail::score_rows(sc);
  const auto& header = recs.header;

  detail::Conn db(conninfo);
  const std::string t = detail::quote_table(sink.table);
  db.exec("BEGIN");
  // A crash or an error before COMMIT leaves nothing: the server rolls the
  // transaction back when the connection goes.
  try {
    // Writers of one table take turns (the evaluation number, CREATE TABLE).
    db.exec("SELECT pg_advisory_xact_lock(hashtext($1))", {"okrkit-scores:" + sink.table});
    std::string create =
        "CREATE TABLE IF NOT EXISTS " + t +
        " (scorecard text NOT NULL, as_of date NOT NULL, node text NOT NULL, kind text NOT NULL,"
        " evaluation bigint NOT NULL";
    for (auto i : recs.data_pos)
      create += ", " + quote_id(header[i]) + " " + sql_type(column_type(header[i]));
    create += ", PRIMARY KEY (scorecard, as_of, node, kind))";
    db.exec(create);
    // An existing table: check the key, add the columns a newer okrkit writes.
    std::set<std::string> have;
    {
      auto r = db.exec(
          "SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT "
          "attisdropped",
          {t});
      for (int i = 0; i < PQntuples(r.get()); ++i) have.insert(PQgetvalue(r.get(), i, 0));
    }
    for (const auto& c : sql::detail::missing_score_columns(have, recs, sink.table, db.shown()))
      db.exec("ALTER TABLE " + t + " ADD COLUMN " + quote_id(c) + " " + sql_type(column_type(c)));

    std::int64_t evaluation = 1;
    {
      auto r = db.exec("SELECT COALESCE(MAX(evaluation), 0) + 1 FROM " + t);
      evaluation = std::strtoll(PQgetvalue(r.get(), 0, 0), nullptr, 10);
    }
    const std::string as_of = format_date(sc.as_of);

    std::string cols = "scorecard, as_of, node, kind, evaluation";
    std::string update = "evaluation = excluded.evaluation";
    for (auto i : recs.data_pos) {
      cols += ", " + quote_id(header[i]);
      update += ", " + quote_id(header[i]) + " = excluded." + quote_id(header[i]);
    }
    const std::size_t ncols = 5 + recs.data_pos.size();
    const std::size_t batch = batch_rows(ncols);
    // One parameter list per row: $k::type casts, since text parameters are untyped.
    std::vector<std::string> casts = {"text", "date", "text", "text", "bigint"};
    std::vector<ColType> types;
    for (auto i : recs.data_pos) {
      types.push_back(column_type(header[i]));
      casts.emplace_back(sql_type(types.back()));
    }
    std::size_t written = 0;
    while (written < recs.records.size()) {
      const std::size_t n = std::min(batch, recs.records.size() - written);
      std::string values;
      std::vector<std::optional<std::string>> params;
      params.reserve(n * ncols);
      for (std::size_t r = written; r < written + n; ++r) {
        const auto& rec = recs.records[r];
        values += values.empty() ? "(" : ", (";
        for (std::size_t c = 0; c < ncols; ++c)
          values += (c ? ", $" : "$") + std::to_string(params.size() + c + 1) + "::" + casts[c];
        values += ")";
        params.emplace_back(sink.scorecard);
        params.emplace_back(as_of);
        params.emplace_back(rec[recs.id_pos]);
        params.emplace_back(rec[recs.kind_pos]);
        params.emplace_back(std::to_string(evaluation));
        for (std::size_t k = 0; k < recs.data_pos.size(); ++k) {
          const std::string& cell = rec[recs.data_pos[k]];
          if (cell.empty())
            params.emplace_back(std::nullopt);
          else if (types[k] == ColType::flag)
            params.emplace_back(cell == "true" ? "1" : "0");
          else
            params.emplace_back(cell);  // numbers as the CSV writes them ("inf" too)
        }
      }
      db.exec("INSERT INTO " + t + " (" + cols + ") VALUES " + values +
                  " ON CONFLICT (scorecard, as_of, node, kind) DO UPDATE SET " + update,
              params);
      for (std::size_t r = written; r < written + n; ++r)
        if (sink.on_row) sink.on_row(r + 1);
      written += n;
    }
    // Nodes no longer in the scorecard for this (scorecard, as_of) go: the
    // table holds exactly the latest evaluation of each as-of date.
    db.exec("DELETE FROM " + t + " WHERE scorecard = $1 AND as_of = $2::date AND evaluation <> $3",
            {sink.scorecard, as_of, std::to_string(evaluation)});
    db.exec("COMMIT");
    return evaluation;
  } catch (...) {
    PQclear(PQexec(db.get(), "ROLLBACK"));
    throw;
  }
}

}  // namespace okrkit::postgres
