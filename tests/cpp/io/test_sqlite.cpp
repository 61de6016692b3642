// The okrkit::sqlite component (include/okrkit/io/sqlite.hpp): the source
// gives the store the CSV reader gives for the same rows, the incremental
// modes read only new rows, the sink writes every scorecard column and upserts,
// and a writer killed mid-transaction (SIGKILL) leaves the previous
// evaluation intact.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/io/scorecard_io.hpp>
#include <okrkit/io/sqlite.hpp>

using namespace okrkit;
namespace fs = std::filesystem;

namespace {

const std::string examples = OKRKIT_EXAMPLES_DIR;

struct TempDb {
  fs::path path;
  explicit TempDb(const std::string& name) {
    path = fs::temp_directory_path() /
           ("okrkit_test_sqlite_" + std::to_string(::getpid()) + "_" + name);
    fs::remove(path);
    fs::remove(path.string() + "-journal");
  }
  ~TempDb() {
    fs::remove(path);
    fs::remove(path.string() + "-journal");
  }
  std::string str() const { return path.string(); }
};

void exec(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
  const std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(h);
  INFO(msg);
  REQUIRE(rc == SQLITE_OK);
}

// Rows of a query as text cells ("NULL" for NULL).
std::vector<std::vector<std::string>> rows(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  std::vector<std::vector<std::string>> out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::vector<std::string> r;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const auto* t = sqlite3_column_text(st, i);
      r.push_back(t ? reinterpret_cast<const char*>(t) : "NULL");
    }
    out.push_back(r);
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

std::vector<std::string> problems(const std::string& db, const sqlite::Source& src) {
  std::vector<std::string> out;
  try {
    sqlite::read_measurements(db, src);
  } catch (const ValidationError& e) {
    for (auto& p : e.problems()) out.push_back(p.to_string());
  }
  return out;
}

sqlite::Source table(const std::string& name) {
  sqlite::Source s;
  s.table = name;
  return s;
}

}  // namespace

TEST_CASE("examples/acme.db scores identically to the CSV") {
  const SeriesStore csv = load_measurements(examples + "/acme-measurements.csv");
  const auto r = sqlite::read_measurements(examples + "/acme.db", table("measurements"));
  CHECK(r.rows == 45);
  CHECK(dump_measurements(r.store) == dump_measurements(csv));
  CHECK(r.store.has_ratio_columns());  // numerator / denominator found by name
  const Model model = load_model(examples + "/acme.json");
  const Date as_of = parse_date("2025-05-31");
  CHECK(to_csv(evaluate(model, r.store, as_of)) == to_csv(evaluate(model, csv, as_of)));
}

TEST_CASE("a query with a column mapping") {
  TempDb db("map.db");
  exec(db.str(),
       "CREATE TABLE facts (kpi TEXT, day TEXT, amount INTEGER, won REAL, leads REAL);"
       "INSERT INTO facts VALUES ('conv', '2025-01-31 08:30:00', 1, 10, 100), ('conv', "
       "'2025-02-28', NULL, 20, NULL),"
       " ('other', '2025-01-31T12:00', 7, NULL, NULL);");
  sqlite::Source src;
  src.query = "SELECT * FROM facts WHERE kpi = 'conv'";
  src.columns.series = "kpi";
  src.columns.date = "day";
  src.columns.value = "amount";
  src.columns.numerator = "won";
  src.columns.denominator = "leads";
  const auto r = sqlite::read_measurements(db.str(), src);
  // The same rows as CSV (the reference reader): times dropped, NULL = empty cell.
  const auto ref = parse_measurements(
      "series,date,value,numerator,denominator\nconv,2025-01-31,1,10,100\nconv,2025-02-28,,20,\n");
  CHECK(dump_measurements(r.store) == dump_measurements(ref));
  CHECK(r.last_date == parse_date("2025-02-28"));

  src.columns.numerator = "-";  // none
  src.columns.denominator = "-";
  CHECK_FALSE(sqlite::read_measurements(db.str(), src).store.has_ratio_columns());

  src.columns.value = "price";
  try {
    sqlite::read_measurements(db.str(), src);
    FAIL("expected a ParseError");
  } catch (const ParseError& e) {
    CHECK(std::string(e.what()) ==
          db.str() +
              "?query: field 'price': no column 'price' for the value (the source has: "
              "kpi, day, amount, won, leads)");
  }
}

TEST_CASE("bad rows are all reported, naming row, rowid, series and column") {
  TempDb db("bad.db");
  exec(db.str(),
       "CREATE TABLE m (series TEXT, date, value);"
       "INSERT INTO m VALUES ('a', '2025-01-31', 1), (NULL, '2025-01-31', 2), ('b', 20250131, 3),"
       " ('c', '2025-02-30', 4), ('d', '2025-01-31', 'abc'), ('e', NULL, 5), ('  ', '2025-01-31', "
       "6);");
  const auto p = problems(db.str(), table("m"));
  const std::string at = db.str() + "?table=m:";
  REQUIRE(p.size() == 6);
  CHECK(p[0] == at + "2: field 'series': series id is missing (NULL) (rowid 2)");
  CHECK(p[1] == at + "3: node 'b': field 'date': date is the number 20250131, not 'YYYY-MM-DD' "
                     "text (convert it "
                     "in a query, e.g. date(date, 'unixepoch') for Unix seconds or date(date) for "
                     "Julian days; Excel serial dates: --date-format excel, Python "
                     "date_format=\"excel\") (rowid 3)");
  CHECK(p[2].rfind(at + "4: node 'c': field 'date': ", 0) ==
        0);  // the date parser's message for Feb 30
  CHECK(p[3] == at + "5: node 'd': field 'value': 'abc' is not a finite number (rowid 5)");
  CHECK(p[4] == at + "6: node 'e': field 'date': missing date (NULL) (rowid 6)");
  CHECK(p[5] == at + "7: field 'series': series id is empty (rowid 7)");
  // a failed read leaves the caller's store as it was
  SeriesStore keep = parse_measurements("series,date,value\nz,2025-01-01,1\n");
  CHECK_THROWS_AS(sqlite::read_measurements(db.str(), table("m"), keep), ValidationError);
  CHECK(keep.size() == 1);
  CHECK(keep.finalized());
}

TEST_CASE("calendar, date format and duplicates are honoured as in the CSV reader") {
  // 1404-03-10 SH = 2025-05-31 and Excel serial 45808 = 2025-05-31
  // (docs/model-format.md, "Dates mean one thing"); the two rows of series 'a'
  // share that day.
  TempDb db("options.db");
  exec(db.str(),
       "CREATE TABLE j (series TEXT, date TEXT, value REAL);"
       "INSERT INTO j VALUES ('a', '1404-03-10', 10), ('a', '1404-03-10', 20);"
       "CREATE TABLE x (series TEXT, date INTEGER, value REAL);"
       "INSERT INTO x VALUES ('a', 45808, 7);");
  const std::string at = db.str() + "?table=";
  // Defaults: a Gregorian year 1404 is out of range, and says how to read it.
  auto p = problems(db.str(), table("j"));
  REQUIRE(p.size() == 2);
  CHECK(p[0] == at + "j:1: node 'a': field 'date': date '1404-03-10' has year 1404, outside "
                     "the Gregorian years 1700..2300; it is a valid Solar Hijri date "
                     "(2025-05-31): to read the dates as Solar Hijri, pass --calendar jalali "
                     "(Python: calendar=\"jalali\") (rowid 1)");
  // Jalali: the day is right, and the duplicate is an error by default ...
  sqlite::Source src = table("j");
  src.options.calendar = DateCalendar::jalali;
  p = problems(db.str(), src);
  REQUIRE(p.size() == 1);
  CHECK(p[0] == at + "j: node 'a': field 'date': series 'a' has more than one row for "
                     "2025-05-31 (rowids 1 and 2): remove one, or choose how to combine them "
                     "with --duplicates last|first|sum|mean (Python: duplicates=\"last\", ...)");
  // ... or combined by the policy, with the note saying so: 10 + 20 = 30.
  src.options.duplicates = DuplicatePolicy::sum;
  const sqlite::ReadResult r = sqlite::read_measurements(db.str(), src);
  REQUIRE(r.store.size() == 1);
  const SeriesView v = r.store.view(*r.store.find("a"));
  CHECK(v.date(0) == Date(2025, 5, 31));
  CHECK(v.values[0] == 30);
  CHECK(r.last_date == Date(2025, 5, 31));
  REQUIRE(r.store.notes().size() == 1);
  CHECK(r.store.notes()[0].code == "duplicates-resolved");
  CHECK(r.store.notes()[0].message ==
        "1 date with more than one row (1 extra row) combined by duplicates=sum; first: "
        "2025-05-31 (rowids 1 and 2)");
  // Excel serials only on request.
  CHECK(problems(db.str(), table("x")).size() == 1);
  sqlite::Source xs = table("x");
  xs.options.date_format = DateFormat::excel;
  const sqlite::ReadResult e = sqlite::read_measurements(db.str(), xs);
  REQUIRE(e.store.size() == 1);
  CHECK(e.store.view(0).date(0) == Date(2025, 5, 31));
  CHECK(e.store.view(0).values[0] == 7);
}

TEST_CASE("missing database and table") {
  CHECK_THROWS_AS(sqlite::read_measurements("/nonexistent/dir/x.db", table("m")), IoError);
  TempDb db("empty.db");
  exec(db.str(), "CREATE TABLE other (x);");
  CHECK_THROWS_WITH(sqlite::read_measurements(db.str(), table("m")),
                    Catch::Contains("no such table: m"));
}

TEST_CASE("incremental by date: only rows after the watermark, appended to the kept store") {
  TempDb db("inc_date.db");
  exec(db.str(), "ATTACH '" + examples +
                     "/acme.db' AS src; CREATE TABLE m AS SELECT * FROM src.measurements;");
  const SeriesStore csv = load_measurements(examples + "/acme-measurements.csv");

  sqlite::Source src = table("m");
  src.after_date = parse_date("2025-04-30");
  const auto may = sqlite::read_measurements(db.str(), src);
  CHECK(may.rows == 10);  // grep -c 2025-05 examples/acme-measurements.csv
  CHECK(may.last_date == parse_date("2025-05-31"));

  // The caller's store up to April + the May rows = the whole CSV.
  sqlite::Source upto = table("m");
  upto.query = "SELECT * FROM m WHERE date <= '2025-04-30'";
  upto.table.clear();
  auto first = sqlite::read_measurements(db.str(), upto);
  SeriesStore kept = std::move(first.store);
  sqlite::read_measurements(db.str(), src, kept);
  CHECK(dump_measurements(kept) == dump_measurements(csv));

  // Nothing new: the watermark stays.
  src.after_date = may.last_date;
  const auto none = sqlite::read_measurements(db.str(), src);
  CHECK(none.rows == 0);
  CHECK(none.last_date == parse_date("2025-05-31"));

  // A malformed date after the watermark date is reported, not skipped.
  exec(db.str(), "INSERT INTO m VALUES ('organic_sessions', '31/05/2025', 1, NULL, NULL);");
  CHECK(problems(db.str(), src).size() == 1);
}

TEST_CASE("incremental by rowid and by an id column of a query") {
  TempDb db("inc_id.db");
  exec(
      db.str(),
      "CREATE TABLE m (id INTEGER PRIMARY KEY, series TEXT, date TEXT, value REAL);"
      "INSERT INTO m (series, date, value) VALUES ('a', '2025-01-31', 1), ('a', '2025-02-28', 2);");
  sqlite::Source src = table("m");
  src.after_id = 0;
  const auto r1 = sqlite::read_measurements(db.str(), src);
  CHECK(r1.rows == 2);
  CHECK(r1.last_id == 2);
  // A back-dated row arrives: the id mode sees it (the date mode would not).
  exec(db.str(), "INSERT INTO m (series, date, value) VALUES ('a', '2025-01-15', 5);");
  src.after_id = r1.last_id;
  SeriesStore kept = r1.store;
  const auto r2 = sqlite::read_measurements(db.str(), src, kept);
  CHECK(r2.rows == 1);
  CHECK(r2.last_id == 3);
  CHECK(dump_measurements(kept) ==
        dump_measurements(parse_measurements(
            "series,date,value\na,2025-01-15,5\na,2025-01-31,1\na,2025-02-28,2\n")));

  sqlite::Source q;
  q.query = "SELECT id AS seq, series, date, value FROM m";
  q.after_id = 2;
  CHECK_THROWS_WITH(sqlite::read_measurements(db.str(), q),
                    Catch::Contains("rowid exists only for tables"));
  q.id_column = "seq";
  const auto r3 = sqlite::read_measurements(db.str(), q);
  CHECK(r3.rows == 1);
  CHECK(r3.last_id == 3);
}

TEST_CASE("the sink writes every scorecard column and upserts per evaluation") {
  TempDb db("sink.db");
  const Model model = load_model(examples + "/acme.json");
  const SeriesStore data = load_measurements(examples + "/acme-measurements.csv");
  const Scorecard may = evaluate(model, data, parse_date("2025-05-31"));
  const Scorecard april = evaluate(model, data, parse_date("2025-04-30"));
  sqlite::Sink sink;
  CHECK(sqlite::write_scorecard(db.str(), may, sink) == 1);
  CHECK(sqlite::write_scorecard(db.str(), april, sink) == 2);

  // The columns: the key, evaluation, then the CSV's columns but id and kind.
  auto info = rows(db.str(), "SELECT name, type FROM pragma_table_info('scores')");
  std::vector<std::string> names;
  for (auto& r : info) names.push_back(r[0]);
  std::vector<std::string> want = {"scorecard", "as_of", "node", "kind", "evaluation"};
  for (auto& c : sqlite::score_columns()) want.push_back(c);
  CHECK(names == want);
  CHECK(std::find(names.begin(), names.end(), "progress") != names.end());
  // Types from the NodeScore field table: numbers REAL, counts and flags INTEGER.
  std::map<std::string, std::string> types;
  for (auto& r : info) types[r[0]] = r[1];
  CHECK(types["progress"] == "REAL");
  CHECK(types["planned"] == "REAL");
  CHECK(types["confidence"] == "REAL");
  CHECK(types["history_periods"] == "INTEGER");
  CHECK(types["incomplete"] == "INTEGER");
  CHECK(types["status"] == "TEXT");
  CHECK(types["value_date"] == "TEXT");

  CHECK(rows(db.str(), "SELECT count(*) FROM scores WHERE as_of = '2025-05-31'")[0][0] ==
        std::to_string(may.nodes.size()));
  // kr-traffic on 2025-05-31: the values of the scorecard, read back exactly.
  const NodeScore* kr = may.find("kr-traffic");
  REQUIRE(kr);
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.str().c_str(), &h) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(
              h,
              "SELECT value, progress, status, incomplete, parent, band FROM scores WHERE "
              "as_of = '2025-05-31' AND node = 'kr-traffic'",
              -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_double(st, 0) == kr->value);
  CHECK(sqlite3_column_double(st, 1) == kr->progress);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 2))) ==
        to_string(kr->status));
  CHECK(sqlite3_column_type(st, 3) == SQLITE_INTEGER);
  CHECK(sqlite3_column_int(st, 3) == (kr->incomplete ? 1 : 0));
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 4))) == kr->parent);
  sqlite3_finalize(st);
  sqlite3_close(h);

  // Re-scoring the same day replaces its rows; a node gone from the scorecard goes.
  Scorecard smaller = may;
  smaller.nodes.erase(std::remove_if(smaller.nodes.begin(), smaller.nodes.end(),
                                     [](const NodeScore& n) { return n.id == "kr-traffic"; }),
                      smaller.nodes.end());
  smaller.reindex();
  CHECK(sqlite::write_scorecard(db.str(), smaller, sink) == 3);
  CHECK(rows(db.str(),
             "SELECT count(*), min(evaluation), max(evaluation) FROM scores WHERE as_of = "
             "'2025-05-31'")[0] ==
        std::vector<std::string>{std::to_string(may.nodes.size() - 1), "3", "3"});
  CHECK(rows(db.str(), "SELECT count(*) FROM scores WHERE node = 'kr-traffic'")[0][0] ==
        "1");  // April's
  // Another scorecard name in the same table is independent.
  sink.scorecard = "sales";
  sqlite::write_scorecard(db.str(), may, sink);
  CHECK(rows(db.str(), "SELECT count(*) FROM scores WHERE scorecard = 'sales'")[0][0] ==
        std::to_string(may.nodes.size()));
  // A table of another shape is not written over.
  exec(db.str(), "CREATE TABLE notes (x TEXT);");
  sink.table = "notes";
  CHECK_THROWS_WITH(sqlite::write_scorecard(db.str(), may, sink),
                    Catch::Contains("not an okrkit scores table"));
}

TEST_CASE("a writer killed mid-transaction leaves the previous evaluation intact") {
  TempDb db("crash.db");
  Scorecard sc;
  sc.as_of = parse_date("2025-05-31");
  const std::size_t n = 50000;
  sc.nodes.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    sc.nodes[i].id = "kr" + std::to_string(i);
    sc.nodes[i].progress = 0.25;
  }
  sc.reindex();
  sqlite::Sink sink;
  REQUIRE(sqlite::write_scorecard(db.str(), sc, sink) == 1);

  for (auto& node : sc.nodes) node.progress = 0.75;
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(fds[0]);
    sqlite::Sink slow = sink;
    slow.on_row = [&](std::size_t row) {
      if (row == n / 2) {  // half the rows are in the open transaction: tell the parent, wait
        const char c = 'x';
        (void)!::write(fds[1], &c, 1);
        for (;;) ::pause();
      }
    };
    try {
      sqlite::write_scorecard(db.str(), sc, slow);
    } catch (...) {
    }
    ::_exit(3);  // not reached when the parent kills us
  }
  ::close(fds[1]);
  char c = 0;
  REQUIRE(::read(fds[0], &c, 1) == 1);
  ::close(fds[0]);
  CHECK(fs::exists(db.str() + "-journal"));  // the rollback journal of the open transaction
  REQUIRE(::kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  // The next reader rolls the hot journal back: evaluation 1, all 0.25.
  CHECK(rows(db.str(), "PRAGMA integrity_check")[0][0] == "ok");
  CHECK(rows(db.str(),
             "SELECT count(*), min(evaluation), max(evaluation), min(progress), max(progress) FROM "
             "scores") ==
        std::vector<std::vector<std::string>>{{std::to_string(n), "1", "1", "0.25", "0.25"}});
  // And the database takes the next evaluation whole.
  CHECK(sqlite::write_scorecard(db.str(), sc, sink) == 2);
  CHECK(rows(db.str(), "SELECT count(*), min(progress), max(progress) FROM scores") ==
        std::vector<std::vector<std::string>>{{std::to_string(n), "0.75", "0.75"}});
}
