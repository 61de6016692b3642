// The okrkit::postgres component (include/okrkit/io/postgres.hpp) against a
// throwaway server of its own (initdb + pg_ctl from the Debian package, in a
// temporary directory, as 'nobody' when run as root, on a free loopback port):
// the example scores as from the CSV, mapping and type checks, both incremental
// modes, the upsert, and passwords masked in messages. The CLI, the write-back
// schema and the SIGKILL test run in tests/python/test_sql_databases.py.
// Skipped (with a message) only where no PostgreSQL server is installed.
#include <catch2/catch.hpp>

#include <libpq-fe.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/io/postgres.hpp>
#include <okrkit/io/scorecard_io.hpp>

using namespace okrkit;
namespace fs = std::filesystem;

namespace {

const std::string examples = OKRKIT_EXAMPLES_DIR;

int free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &n);
  ::close(s);
  return ntohs(a.sin_port);
}

std::string pg_bin() {
  std::string best;
  if (!fs::exists("/usr/lib/postgresql")) return best;
  for (const auto& d : fs::directory_iterator("/usr/lib/postgresql"))
    if (fs::exists(d.path() / "bin" / "initdb") && d.path().string() > best)
      best = d.path().string();
  return best.empty() ? best : best + "/bin";
}

// One server for the whole test binary, stopped at exit.
struct Server {
  std::string bin, dir, conninfo, as;
  bool up = false;
  Server() {
    bin = pg_bin();
    if (bin.empty()) return;
    char tmpl[] = "/tmp/okrkit_pg_cpp_XXXXXX";
    dir = ::mkdtemp(tmpl);
    if (::geteuid() == 0) {  // initdb refuses root: run the server as nobody
      as = "runuser -u nobody -- ";
      REQUIRE(std::system(("chown nobody " + dir).c_str()) == 0);
    }
    const int port = free_port();
    const std::string quiet = " > " + dir + "/setup.log 2>&1";
    REQUIRE(std::system(
                (as + bin + "/initdb -D " + dir + "/data -U okrkit --auth=trust --no-sync" + quiet)
                    .c_str()) == 0);
    REQUIRE(std::system((as + bin + "/pg_ctl -D " + dir + "/data -l " + dir +
                         "/server.log -w -o '-p " + std::to_string(port) + " -k " + dir +
                         " -c listen_addresses=127.0.0.1 -c fsync=off' start" + quiet)
                            .c_str()) == 0);
    conninfo = "postgresql://okrkit@127.0.0.1:" + std::to_string(port) + "/postgres";
    up = true;
  }
  ~Server() {
    if (!up) return;
    (void)!std::system(
        (as + bin + "/pg_ctl -D " + dir + "/data -m fast stop > /dev/null 2>&1").c_str());
    fs::remove_all(dir);
  }
};

Server& server() {
  static Server s;
  return s;
}

#define NEED_SERVER()                                                                        \
  if (!server().up) {                                                                        \
    WARN("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): test skipped"); \
    return;                                                                                  \
  }

void exec(const std::string& sql) {
  PGconn* c = PQconnectdb(server().conninfo.c_str());
  REQUIRE(PQstatus(c) == CONNECTION_OK);
  PGresult* r = PQexec(c, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  INFO(PQresultErrorMessage(r));
  PQclear(r);
  PQfinish(c);
  REQUIRE(ok);
}

std::vector<std::string> problems(const postgres::Source& src) {
  std::vector<std::string> out;
  try {
    postgres::read_measurements(server().conninfo, src);
  } catch (const ValidationError& e) {
    for (auto& p : e.problems()) out.push_back(p.to_string());
  }
  return out;
}

}  // namespace

TEST_CASE("postgres: the example scores identically to the CSV") {
  NEED_SERVER();
  exec(
      "DROP TABLE IF EXISTS m; CREATE TABLE m (id bigserial, series text, date date, value "
      "double precision, numerator numeric, denominator integer)");
  // The CSV's rows, inserted as the CSV has them (empty cells NULL).
  const SeriesStore csv = load_measurements(examples + "/acme-measurements.csv");
  std::string values;
  const std::string dump = dump_measurements(csv);
  std::size_t pos = dump.find('\n') + 1;  // after the header
  while (pos < dump.size()) {
    const auto end = dump.find('\n', pos);
    std::string line = dump.substr(pos, end - pos);
    pos = end + 1;
    std::vector<std::string> cell;
    std::size_t a = 0;
    for (std::size_t b; (b = line.find(',', a)) != std::string::npos; a = b + 1)
      cell.push_back(line.substr(a, b - a));
    cell.push_back(line.substr(a));
    cell.resize(5);
    auto num = [](const std::string& c) { return c.empty() ? std::string("NULL") : c; };
    values += std::string(values.empty() ? "" : ", ") + "('" + cell[0] + "', '" + cell[1] + "', " +
              num(cell[2]) + ", " + num(cell[3]) + ", " + num(cell[4]) + ")";
  }
  exec("INSERT INTO m (series, date, value, numerator, denominator) VALUES " + values);
  postgres::Source src;
  src.table = "m";
  const auto r = postgres::read_measurements(server().conninfo, src);
  CHECK(r.rows == 45);
  CHECK(dump_measurements(r.store) == dump);
  const Model model = load_model(examples + "/acme.json");
  const Date as_of = parse_date("2025-05-31");
  CHECK(to_csv(evaluate(model, r.store, as_of)) == to_csv(evaluate(model, csv, as_of)));
}

TEST_CASE("postgres: mapping, types and bad rows") {
  NEED_SERVER();
  exec(
      "DROP TABLE IF EXISTS facts; CREATE TABLE facts (seq integer, kpi text, day timestamp, "
      "amount numeric, label text);"
      "INSERT INTO facts VALUES (1, 'conv', '2025-01-31 08:30', 1.5, 'a'), (2, 'conv', "
      "'2025-02-28', NULL, 'b')");
  postgres::Source src;
  src.table = "facts";
  src.columns.series = "kpi";
  src.columns.date = "day";
  src.columns.value = "amount";
  const auto r = postgres::read_measurements(server().conninfo, src);
  // The reference: the same rows as CSV (times dropped, NULL an empty cell).
  CHECK(dump_measurements(r.store) ==
        dump_measurements(
            parse_measurements("series,date,value\nconv,2025-01-31,1.5\nconv,2025-02-28,\n")));

  src.columns.value = "price";
  CHECK_THROWS_WITH(postgres::read_measurements(server().conninfo, src),
                    Catch::Contains("no column 'price' for the value (the source has: seq, kpi, "
                                    "day, amount, label)"));
  src.columns.value = "amount";
  src.after_id = 0;
  src.id_column = "label";
  CHECK_THROWS_WITH(postgres::read_measurements(server().conninfo, src),
                    Catch::Contains("the incremental id column 'label' is text, not an integer"));

  postgres::Source bad;
  bad.query =
      "SELECT * FROM (VALUES ('a', '2025-13-01', '1'), (NULL, '2025-01-31', '2'), ('b', "
      "'2025-01-31', 'abc'), ('c', '2025-01-31', 'Infinity')) AS t(series, date, value)";
  const auto p = problems(bad);
  REQUIRE(p.size() == 4);
  CHECK_THAT(p[0], Catch::Contains(":1: node 'a': field 'date':"));
  CHECK_THAT(p[1], Catch::Contains(":2: field 'series': series id is missing (NULL)"));
  CHECK_THAT(p[2], Catch::Contains(":3: node 'b': field 'value': 'abc' is not a finite number"));
  CHECK_THAT(p[3], Catch::Contains("'Infinity' is not a finite number"));

  postgres::Source epoch;
  epoch.query = "SELECT 'a' AS series, 1735603200 AS date, 1 AS value";
  CHECK_THAT(problems(epoch).at(0),
             Catch::Contains("date is the number 1735603200, not a date or 'YYYY-MM-DD' text"));
}

TEST_CASE("postgres: calendar, date format and duplicates as in the CSV reader") {
  NEED_SERVER();
  // 1404-03-10 SH = 2025-05-31 and Excel serial 45808 = 2025-05-31
  // (docs/model-format.md, "Dates mean one thing"), as in test_sqlite.cpp.
  exec(
      "DROP TABLE IF EXISTS jal; CREATE TABLE jal (id integer, series text, date text, value "
      "real, day date);"
      "INSERT INTO jal VALUES (1, 'a', '1404-03-10', 10, '2025-05-31'), (2, 'a', '1404-03-10', "
      "20, '2025-05-31')");
  postgres::Source src;
  src.table = "jal";
  auto p = problems(src);
  REQUIRE(p.size() == 2);
  CHECK_THAT(p[0], Catch::Contains(":1: node 'a': field 'date': date '1404-03-10' has year "
                                   "1404, outside the Gregorian years 1700..2300"));
  src.options.calendar = DateCalendar::jalali;
  p = problems(src);
  REQUIRE(p.size() == 1);
  CHECK_THAT(p[0], Catch::Contains("series 'a' has more than one row for 2025-05-31 (rows 1 and "
                                   "2): remove one, or choose how to combine them"));
  src.options.duplicates = DuplicatePolicy::sum;
  auto r = postgres::read_measurements(server().conninfo, src);
  REQUIRE(r.store.size() == 1);
  CHECK(r.store.view(0).date(0) == Date(2025, 5, 31));
  CHECK(r.store.view(0).values[0] == 30);  // 10 + 20
  REQUIRE(r.store.notes().size() == 1);
  CHECK(r.store.notes()[0].code == "duplicates-resolved");
  // id mode: rows named by the id column
  src.options.duplicates = DuplicatePolicy::error;
  src.after_id = 0;
  CHECK_THAT(problems(src).at(0), Catch::Contains("(id values 1 and 2)"));
  // a date column is Gregorian by its type, whatever the calendar
  src.after_id.reset();
  src.columns.date = "day";
  src.options.duplicates = DuplicatePolicy::first;
  r = postgres::read_measurements(server().conninfo, src);
  CHECK(r.store.view(0).date(0) == Date(2025, 5, 31));
  CHECK(r.store.view(0).values[0] == 10);

  // Excel serials only on request.
  postgres::Source xs;
  xs.query = "SELECT 'a' AS series, 45808 AS date, 7 AS value";
  CHECK_THAT(problems(xs).at(0), Catch::Contains("Excel serial dates: --date-format excel"));
  xs.options.date_format = DateFormat::excel;
  r = postgres::read_measurements(server().conninfo, xs);
  CHECK(r.store.view(0).date(0) == Date(2025, 5, 31));
  CHECK(r.store.view(0).values[0] == 7);
}

TEST_CASE("postgres: incremental reads by id and by date") {
  NEED_SERVER();
  exec(
      "DROP TABLE IF EXISTS inc; CREATE TABLE inc (id bigserial, series text, date date, value "
      "double precision);"
      "INSERT INTO inc (series, date, value) VALUES ('a', '2025-01-31', 1), ('a', '2025-02-28', "
      "2)");
  SeriesStore store;
  postgres::Source src;
  src.table = "inc";
  src.after_id = 0;
  auto r = postgres::read_measurements(server().conninfo, src, store);
  CHECK(r.rows == 2);
  CHECK(r.last_id == 2);
  // A back-dated row arrives: the id mode sees it, the date mode does not.
  exec(
      "INSERT INTO inc (series, date, value) VALUES ('a', '2025-01-15', 0.5), ('b', "
      "'2025-03-31', 9)");
  src.after_id = r.last_id;
  r = postgres::read_measurements(server().conninfo, src, store);
  CHECK(r.rows == 2);
  CHECK(r.last_id == 4);
  CHECK(dump_measurements(store) ==
        dump_measurements(parse_measurements("series,date,value\na,2025-01-15,0.5\n"
                                             "a,2025-01-31,1\na,2025-02-28,2\nb,2025-03-31,9\n")));
  // Nothing new: no rows, the watermark unchanged.
  src.after_id = r.last_id;
  r = postgres::read_measurements(server().conninfo, src, store);
  CHECK(r.rows == 0);
  CHECK(r.last_id == 4);

  postgres::Source by_date;
  by_date.table = "inc";
  by_date.after_date = parse_date("2025-01-31");
  const auto d = postgres::read_measurements(server().conninfo, by_date);
  CHECK(d.rows == 2);  // 2025-02-28 and 2025-03-31; 2025-01-15 is before the watermark
  CHECK(d.last_date == parse_date("2025-03-31"));
}

TEST_CASE("postgres: write back, upsert and rows of removed nodes") {
  NEED_SERVER();
  exec("DROP TABLE IF EXISTS scores");
  Scorecard sc;
  sc.as_of = parse_date("2025-05-31");
  sc.nodes.resize(3);
  for (std::size_t i = 0; i < 3; ++i) {
    sc.nodes[i].id = "kr" + std::to_string(i);
    sc.nodes[i].progress = 0.25 * static_cast<double>(i);
  }
  sc.reindex();
  postgres::Sink sink;
  CHECK(postgres::write_scorecard(server().conninfo, sc, sink) == 1);
  sc.nodes.pop_back();
  sc.nodes[1].progress = 0.9;
  sc.reindex();
  CHECK(postgres::write_scorecard(server().conninfo, sc, sink) == 2);
  PGconn* c = PQconnectdb(server().conninfo.c_str());
  PGresult* r = PQexec(c,
                       "SELECT string_agg(node || '=' || progress || '@' || evaluation, ' ' ORDER "
                       "BY node) FROM scores");
  CHECK(std::string(PQgetvalue(r, 0, 0)) == "kr0=0@2 kr1=0.9@2");
  PQclear(r);
  PQfinish(c);
}

TEST_CASE("postgres: messages never show the password") {
  NEED_SERVER();
  std::string secret = server().conninfo;
  secret.replace(secret.find("okrkit@"), 7, "okrkit:hunter2@");
  postgres::Source src;
  src.table = "no_such_table";
  try {
    postgres::read_measurements(secret, src);
    FAIL("expected an error");
  } catch (const Error& e) {
    const std::string msg = e.what();
    CHECK_THAT(msg, Catch::Contains("okrkit:***@127.0.0.1"));
    CHECK_THAT(msg, Catch::Contains("relation \"no_such_table\" does not exist"));
    CHECK(msg.find("hunter2") == std::string::npos);
  }
  CHECK(sql::mask_password("host=db user=u password=hunter2 dbname=x") ==
        "host=db user=u password=*** dbname=x");
  CHECK(sql::mask_password("postgresql://u:hunter2@db/x?password=hunter2&sslmode=require") ==
        "postgresql://u:***@db/x?password=***&sslmode=require");
  CHECK(sql::mask_password("postgresql://u@db/x") == "postgresql://u@db/x");
}
