#include <catch2/catch.hpp>

#include <cmath>

#include <okrkit/io/measurements_io.hpp>

using namespace okrkit;

namespace {
std::vector<std::string> row_problems(const std::string& csv) {
  std::vector<std::string> out;
  try {
    parse_measurements(csv, "d.csv");
  } catch (const ValidationError& e) {
    for (auto& p : e.problems()) out.push_back(p.to_string());
  }
  return out;
}
}  // namespace

TEST_CASE("the bundled measurements load") {
  SeriesStore s = load_measurements(std::string(OKRKIT_EXAMPLES_DIR) + "/acme-measurements.csv");
  CHECK(s.series_count() == 10);  // support_csat became a derived KPI over two series
  CHECK(s.size() == 45);
  auto conv = s.view("visitor_lead_conversion");
  REQUIRE(conv.size == 5);
  CHECK(conv.numerators[4] == 6100);
  CHECK(conv.denominators[4] == 61000);
  auto esat = s.view("esat_index");
  CHECK(esat.size == 2);
}

TEST_CASE("columns in any order, BOM, CRLF, quotes, timestamps and missing values") {
  std::string csv =
      "\xEF\xBB\xBF" "value,date,series,comment\r\n"
      "1.5,2025-01-31,\"sales, north\",\"said \"\"hi\"\"\"\r\n"
      ",2025-02-28,\"sales, north\",\r\n"
      "NA,2025-03-31T10:00:00,\"sales, north\",x\r\n"
      "\r\n"
      "7,2025-01-01 09:30,other,\r\n";
  SeriesStore s = parse_measurements(csv, "d.csv");
  auto v = s.view("sales, north");
  REQUIRE(v.size == 3);
  CHECK(v.values[0] == 1.5);
  CHECK(std::isnan(v.values[1]));  // missing kept, not dropped
  CHECK(std::isnan(v.values[2]));
  CHECK(v.date(2) == Date(2025, 3, 31));
  CHECK(s.view("other").values[0] == 7);
  // dump -> parse gives the same store back
  SeriesStore again = parse_measurements(dump_measurements(s));
  CHECK(dump_measurements(again) == dump_measurements(s));
  CHECK(again.view("sales, north").size == 3);
}

TEST_CASE("file-level problems are ParseErrors") {
  CHECK_THROWS_WITH(parse_measurements("", "e.csv"),
                    "e.csv:1: empty file: expected a header with series,date,value");
  CHECK_THROWS_WITH(parse_measurements("series,date\nx,2025-01-01\n", "m.csv"),
                    "m.csv:1: field 'value': missing column 'value' (header must name series, "
                    "date, value; optional numerator, denominator)");
  CHECK_THROWS_WITH(parse_measurements("series,date,value\n\"x,2025-01-01,1\n", "q.csv"),
                    "q.csv:2: unterminated quoted field");
}

TEST_CASE("every bad row is reported with row, series and column") {
  auto ps = row_problems(
      "series,date,value,numerator,denominator\n"
      "a,2025-01-31,1,,\n"
      "a,2025-02-30,2,,\n"
      "b,2025-01-31,abc,,\n"
      "b,2025-01-31,1,2\n"
      "c,2025-01-31,inf,,\n"
      ",2025-01-31,1,,\n"
      "\xff\xfe,2025-01-31,1,,\n"
      "d,2025-01-31,1,x,\n");
  CHECK(ps == std::vector<std::string>{
                  "d.csv:3: node 'a': field 'date': date '2025-02-30' does not exist",
                  "d.csv:4: node 'b': field 'value': 'abc' is not a finite number",
                  "d.csv:5: row has 4 fields, header has 5",
                  "d.csv:6: node 'c': field 'value': 'inf' is not a finite number",
                  "d.csv:7: field 'series': series id is empty",
                  "d.csv:8: field 'series': series id is not valid UTF-8",
                  "d.csv:9: node 'd': field 'numerator': 'x' is not a finite number",
              });
}
