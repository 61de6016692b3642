// Every CSV writer is safe to open in a spreadsheet (issue 15): a text cell
// starting with = + - @ tab or CR gets a leading apostrophe (OWASP "CSV
// injection"), numbers stay numbers (-5 is written -5), RFC 4180 quoting.
// Writers: score (to_csv), appraise (format_appraisal_csv), measurements
// (dump_measurements, also in tests/cpp/io/test_measurements_io.cpp). Lint
// has no CSV output (table, JSON, SARIF).
#include <catch2/catch.hpp>

#include <okrkit/appraisal/appraisal.hpp>
#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/scorecard_io.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace okrkit;

namespace {
// The cells of CSV line `n` (0 = header), RFC 4180 unquoted.
std::vector<std::string> cells(const std::string& csv, std::size_t n) {
  std::vector<std::string> lines;
  std::string cur;
  bool quoted = false;
  for (char c : csv) {
    if (c == '"') quoted = !quoted;
    if (c == '\n' && !quoted) {
      if (!cur.empty() && cur.back() == '\r') cur.pop_back();
      lines.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  REQUIRE(n < lines.size());
  std::vector<std::string> out;
  std::string cell;
  quoted = false;
  const std::string& l = lines[n];
  for (std::size_t i = 0; i < l.size(); ++i) {
    char c = l[i];
    if (c == '"') {
      if (quoted && i + 1 < l.size() && l[i + 1] == '"') {
        cell += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == ',' && !quoted) {
      out.push_back(cell);
      cell.clear();
    } else {
      cell += c;
    }
  }
  out.push_back(cell);
  return out;
}
}  // namespace

TEST_CASE("score CSV: a formula-looking id is guarded, a negative value stays a number") {
  Scorecard sc;
  sc.as_of = Date(2025, 5, 31);
  NodeScore n;
  n.id = "=HYPERLINK(\"http://x\")";
  n.parent = "@SUM(A1)";
  n.unit = "+1";
  n.value = -5;
  n.target = -0.5;
  sc.nodes.push_back(n);
  sc.reindex();
  const std::string csv = to_csv(sc);
  const auto row = cells(csv, 1);
  CHECK(row[0] == "'=HYPERLINK(\"http://x\")");
  CHECK(row[2] == "'@SUM(A1)");
  CHECK(row[3] == "'+1");
  CHECK(row[4] == "-5");
  CHECK(row[6] == "-0.5");
  CHECK(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\"") != std::string::npos);
}

TEST_CASE("appraise CSV: a formula-looking person id is guarded") {
  AppraisalResult r;
  AppraisalRow row;
  row.person = "=cmd|' /C calc'!A0";
  row.name = "-2+3";
  row.cycle = "2025-Q2";
  row.kpi_score = 0.5;
  row.okr_score = -0.25;  // not a real score: shows that numbers are not guarded
  r.rows.push_back(row);
  const std::string csv = format_appraisal_csv(r);
  const auto c = cells(csv, 1);
  CHECK(c[1] == "'=cmd|' /C calc'!A0");
  CHECK(c[2] == "'-2+3");
  CHECK(c[4] == "0.5");
  CHECK(c[5] == "-0.25");
}

TEST_CASE("measurements CSV: tab and carriage-return starts are guarded too") {
  SeriesStore s;
  s.add("\tx", Date(2025, 1, 31), 1);
  s.add("\rcmd", Date(2025, 1, 31), 2);
  s.finalize();
  const std::string csv = dump_measurements(s);
  CHECK(csv.find("'\tx,2025-01-31,1\n") != std::string::npos);
  CHECK(csv.find("\"'\rcmd\",2025-01-31,2\n") != std::string::npos);
}
