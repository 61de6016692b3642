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
      "\xEF\xBB\xBF"
      "value,date,series,comment\r\n"
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

// ---- dates mean one thing; duplicates are a decision (issue 15) -------------

TEST_CASE("measurement dates: Gregorian window, Jalali on request, Excel serials on request") {
  const std::string jal = "series,date,value\ns1,1404-03-10,5\n";
  CHECK_THROWS_AS(parse_measurements(jal, "j.csv"), ValidationError);
  MeasurementsOptions o;
  o.calendar = DateCalendar::jalali;
  // 10 Khordad 1404 = 31 May 2025 (1 Khordad 1404 = 22 May 2025).
  CHECK(parse_measurements(jal, "j.csv", o).view("s1").date(0) == Date(2025, 5, 31));

  const std::string xl = "series,date,value\ns1,45808,5\ns1,1,1\ns1,59,2\ns1,61,3\ns1,45808.75,4\n";
  CHECK_THROWS_WITH(parse_measurements("series,date,value\ns1,45808,5\n", "x.csv"),
                    Catch::Contains("x.csv:2: node 's1': field 'date': date '45808' is a number"));
  MeasurementsOptions e;
  e.date_format = DateFormat::excel;
  e.duplicates = DuplicatePolicy::last;
  const SeriesStore s = parse_measurements(xl, "x.csv", e);
  auto v = s.view("s1");
  REQUIRE(v.size == 4);
  // Excel 1900 system: 1 = 1900-01-01, 59 = 1900-02-28, (60 = the fictitious
  // 1900-02-29), 61 = 1900-03-01; 45808 = 2025-05-31 (25569 = 1970-01-01,
  // + 20239 days); a time of day (.75) is dropped, and 45808.75 repeats
  // 45808, so with duplicates=last its value 4 wins.
  CHECK(v.date(0) == Date(1900, 1, 1));
  CHECK(v.date(1) == Date(1900, 2, 28));
  CHECK(v.date(2) == Date(1900, 3, 1));
  CHECK(v.date(3) == Date(2025, 5, 31));
  CHECK(v.values[3] == 4);
  CHECK_THROWS_WITH(
      parse_measurements("series,date,value\ns1,60,5\n", "x.csv", e),
      Catch::Contains("Excel serial date 60 is 1900-02-29, a day that does not exist"));
  CHECK_THROWS_WITH(parse_measurements("series,date,value\ns1,0,5\n", "x.csv", e),
                    Catch::Contains("Excel serial date 0 is before 1 (1900-01-01)"));
  // ISO text is still read in excel mode.
  CHECK(parse_measurements("series,date,value\ns1,2025-01-31,5\n", "x.csv", e).view("s1").date(0) ==
        Date(2025, 1, 31));
}

TEST_CASE("duplicate rows: an error naming both rows, or combined by the chosen policy") {
  // s1 on 2025-01-31 three times: 5 (row 2), missing (row 4), 7 (row 5).
  const std::string csv =
      "series,date,value,numerator,denominator\n"
      "s1,2025-01-31,5,1,10\n"
      "s2,2025-01-31,1,,\n"
      "s1,2025-01-31,,3,30\n"
      "s1,2025-01-31,7,,\n";
  std::vector<std::string> problems;
  try {
    parse_measurements(csv, "d.csv");
  } catch (const ValidationError& e) {
    for (auto& p : e.problems()) problems.push_back(p.code + " " + p.to_string());
  }
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] ==
        "duplicate-row d.csv:4: node 's1': field 'date': series 's1' has more than one row for "
        "2025-01-31 "
        "(rows 2 and 4): remove one, or choose how to combine them with --duplicates "
        "last|first|sum|mean "
        "(Python: duplicates=\"last\", ...)");
  CHECK(problems[1].rfind("duplicate-row d.csv:5: ", 0) == 0);
  CHECK(problems[1].find("(rows 2 and 5)") != std::string::npos);

  auto read = [&](DuplicatePolicy p) {
    MeasurementsOptions o;
    o.duplicates = p;
    return parse_measurements(csv, "d.csv", o);
  };
  // Hand-computed: last = row 5 (7, num/den missing); first = row 2 (5, 1, 10);
  // sum skips missing: 5 + 7 = 12, 1 + 3 = 4, 10 + 30 = 40; mean: 6, 2, 20.
  const SeriesStore last = read(DuplicatePolicy::last), first = read(DuplicatePolicy::first),
                    sum = read(DuplicatePolicy::sum), mean = read(DuplicatePolicy::mean);
  REQUIRE(last.view("s1").size == 1);
  CHECK(last.view("s1").values[0] == 7);
  CHECK_FALSE(last.has_ratio_columns());  // every ratio cell left is missing
  CHECK(first.view("s1").values[0] == 5);
  CHECK(first.view("s1").denominators[0] == 10);
  CHECK(sum.view("s1").values[0] == 12);
  CHECK(sum.view("s1").numerators[0] == 4);
  CHECK(sum.view("s1").denominators[0] == 40);
  CHECK(mean.view("s1").values[0] == 6);
  CHECK(mean.view("s1").numerators[0] == 2);
  CHECK(mean.view("s1").denominators[0] == 20);
  CHECK(sum.view("s2").values[0] == 1);  // untouched
  // The policy used is reported (provenance), once per series.
  REQUIRE(sum.notes().size() == 1);
  CHECK(sum.notes()[0].severity == Severity::info);
  CHECK(sum.notes()[0].code == "duplicates-resolved");
  CHECK(
      sum.notes()[0].to_string() ==
      "d.csv:4: node 's1': field 'date': 1 date with more than one row (2 extra rows) combined by "
      "duplicates=sum; first: 2025-01-31 (rows 2 and 4)");
}

TEST_CASE("dump_measurements guards ids against spreadsheet formulas and reads them back") {
  SeriesStore s;
  s.add("=HYPERLINK(\"http://x\")", Date(2025, 1, 31), -5);
  s.add("'=already", Date(2025, 1, 31), 1);
  s.add("-5", Date(2025, 1, 31), 2);
  s.add("plain", Date(2025, 1, 31), 3);
  s.finalize();
  const std::string out = dump_measurements(s);
  CHECK(out.find("\"'=HYPERLINK(\"\"http://x\"\")\",2025-01-31,-5\n") != std::string::npos);
  CHECK(out.find("''=already,2025-01-31,1\n") != std::string::npos);
  CHECK(out.find("-5,2025-01-31,2\n") != std::string::npos);  // a number stays a number
  const SeriesStore back = parse_measurements(out, "back.csv");
  CHECK(back.contains("=HYPERLINK(\"http://x\")"));
  CHECK(back.contains("'=already"));
  CHECK(back.contains("-5"));
  CHECK(dump_measurements(back) == out);
}
