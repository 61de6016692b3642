// The Arrow C stream importer and exporter (include/okrkit/io/arrow_stream.hpp).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <okrkit/appraisal/appraisal.hpp>
#include <okrkit/io/arrow_stream.hpp>
#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/lint/lint.hpp>
#include <okrkit/scoring/node_score_fields.hpp>
#include <okrkit/scoring/history.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include "arrow_test_stream.hpp"

using namespace okrkit;
using namespace okrkit::testing;

namespace {

SeriesStore import(std::vector<std::vector<RawColumn>> batches, const ArrowColumns& cols = {},
                   const MeasurementsOptions& opt = {}) {
  ArrowArrayStream s;
  make_stream(&s, std::move(batches));
  return measurements_from_arrow_stream(&s, cols, opt);
}

std::string import_error(std::vector<std::vector<RawColumn>> batches) {
  try {
    import(std::move(batches));
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

const std::vector<std::int32_t> days4{20119, 20147, -1, 20148};  // 2025-01-31, 2025-02-28,
                                                                 // 1969-12-31, 2025-03-01
}  // namespace

TEST_CASE("utf8 ids, date32 and float64 values; a null value is a missing value") {
  auto st = import({{text("series", {"a", "a", " b ", "b"}), fixed("date", "tdD", days4),
                     fixed("value", "g", std::vector<double>{1.5, 0, 3, -4.25}, {1, 0, 1, 1})}});
  REQUIRE(st.size() == 4);
  REQUIRE(st.series_count() == 2);
  auto a = st.view("a");
  REQUIRE(a.size == 2);
  CHECK(a.date(0) == Date(2025, 1, 31));
  CHECK(a.values[0] == 1.5);
  CHECK(std::isnan(a.values[1]));  // null: kept as missing, as an empty CSV cell
  auto b = st.view("b");           // trimmed as the CSV reader trims cells
  REQUIRE(b.size == 2);
  CHECK(b.date(0) == Date(1969, 12, 31));
  CHECK(b.values[0] == 3);
  CHECK(b.values[1] == -4.25);
  CHECK(st.notes().empty());  // float64: nothing converted
  CHECK_FALSE(st.has_ratio_columns());
}

TEST_CASE("dictionary ids, timestamps floor to the day, int32 values converted with a note") {
  // 2025-01-31T23:30 = 1738366200 s; 1969-12-31T23:00 = -3600 s (floor: day -1)
  const std::vector<std::int64_t> us{1738366200LL * 1000000, 1740700800LL * 1000000,
                                     -3600LL * 1000000, 1740787200LL * 1000000};
  auto st =
      import({{dictionary("series", {1, 1, 0, 0}, text("", {"b", "a"})), fixed("date", "tsu:", us),
               fixed("value", "i", std::vector<std::int32_t>{1, 2, 3, 4})}});
  auto a = st.view("a");
  REQUIRE(a.size == 2);
  CHECK(a.date(0) == Date(2025, 1, 31));
  CHECK(a.date(1) == Date(2025, 2, 28));
  auto b = st.view("b");
  CHECK(b.date(0) == Date(1969, 12, 31));
  CHECK(b.values[1] == 4);
  REQUIRE(st.notes().size() == 1);
  CHECK(st.notes()[0].code == "arrow-converted");
  CHECK(st.notes()[0].message ==
        "measurements column 'value' (value) has Arrow type int32; its numbers were converted to "
        "float64");
}

TEST_CASE("large_utf8 and utf8_view ids, date64, float32, decimal128 and ratio columns") {
  const std::vector<std::int64_t> ms{20119LL * 86400000, 20147LL * 86400000};
  // decimal128(10, 2): 150 -> 1.50, -425 -> -4.25 (little-endian, sign-extended high word)
  RawColumn dec = fixed("numerator", "d:10,2", std::vector<std::int64_t>{150, 0, -425, -1});
  auto st = import({{text("series", {"x", "a-long-series-id-past-12"}, {}, true),
                     fixed("date", "tdm", ms), fixed("value", "f", std::vector<float>{0.5f, 2.0f}),
                     dec, fixed("denominator", "l", std::vector<std::int64_t>{2, 4})}});
  auto x = st.view("x");
  REQUIRE(x.size == 1);
  CHECK(x.values[0] == 0.5);
  CHECK(x.numerators[0] == 1.5);
  CHECK(x.denominators[0] == 2);
  auto y = st.view("a-long-series-id-past-12");
  CHECK(y.date(0) == Date(2025, 2, 28));
  CHECK(y.numerators[0] == -4.25);
  CHECK(st.notes().size() == 3);  // value, numerator, denominator converted

  auto v = import({{text_view("series", {"short", "a-long-series-id-past-12"}),
                    fixed("date", "tdD", std::vector<std::int32_t>{20119, 20119}),
                    fixed("value", "g", std::vector<double>{1, 2})}});
  CHECK(v.contains("short"));
  CHECK(v.contains("a-long-series-id-past-12"));
}

TEST_CASE("several batches, offsets, text dates and integer ids") {
  RawColumn s2 = text("series", {"skip", "7", "7"});
  s2.offset = 1;
  RawColumn d2 = fixed("date", "tdD", std::vector<std::int32_t>{0, 20147, 20148});
  d2.offset = 1;
  RawColumn v2 = fixed("value", "g", std::vector<double>{99, 2, 3});
  v2.offset = 1;
  auto st = import({{text("series", {"7"}), fixed("date", "tdD", std::vector<std::int32_t>{20119}),
                     fixed("value", "g", std::vector<double>{1})},
                    {s2, d2, v2}});
  auto s = st.view("7");
  REQUIRE(s.size == 3);
  CHECK(s.values[0] == 1);
  CHECK(s.values[1] == 2);
  CHECK(s.values[2] == 3);

  auto t = import({{fixed("series", "l", std::vector<std::int64_t>{42, 42}),
                    text("date", {"2025-01-31", "2025-02-28T10:00:00"}),
                    fixed("value", "g", std::vector<double>{1, 2})}});
  auto u = t.view("42");  // integer ids read as their decimal text
  REQUIRE(u.size == 2);
  CHECK(u.date(1) == Date(2025, 2, 28));
}

TEST_CASE("duplicates follow the policy, with the frame reader's messages") {
  auto rows = [] {
    return std::vector<std::vector<RawColumn>>{
        {text("series", {"a", "a"}), fixed("date", "tdD", std::vector<std::int32_t>{20119, 20119}),
         fixed("value", "g", std::vector<double>{1, 2})}};
  };
  CHECK_THROWS_AS(import(rows()), ValidationError);
  MeasurementsOptions sum;
  sum.duplicates = DuplicatePolicy::sum;
  CHECK(import(rows(), {}, sum).view("a").values[0] == 3);
}

TEST_CASE("wrong types, nulls and unusable cells are errors naming column and row") {
  const auto d = [] { return fixed("date", "tdD", std::vector<std::int32_t>{20119, 20147}); };
  const auto s = [] { return text("series", {"a", "b"}); };
  const auto v = [] { return fixed("value", "g", std::vector<double>{1, 2}); };
  CHECK(import_error({{s(), d(), text("value", {"1", "2"})}}) ==
        "measurements column 'value' (value) has Arrow type string; expected a number (float, "
        "integer or decimal)");
  CHECK(import_error({{s(), d(), fixed("value", "b", std::vector<std::uint8_t>{1})}}) ==
        "measurements column 'value' (value) has Arrow type bool; expected a number (float, "
        "integer or decimal)");
  CHECK(import_error({{s(), fixed("date", "l", std::vector<std::int64_t>{1, 2}), v()}}) ==
        "measurements column 'date' (date) has Arrow type int64; expected date32, date64, a "
        "timezone-naive timestamp or text");
  CHECK(import_error({{fixed("series", "g", std::vector<double>{1, 2}), d(), v()}}) ==
        "measurements column 'series' (series) has Arrow type double; expected text (string, "
        "dictionary<string>) or integer ids");
  CHECK(import_error({{s(), fixed("date", "tsu:UTC", std::vector<std::int64_t>{0, 0}), v()}})
            .rfind("measurements column 'date' (date) has Arrow type timestamp[us, tz=UTC]: the "
                   "dates are timezone-aware",
                   0) == 0);
  CHECK(import_error({{s(), fixed("date", "tdD", std::vector<std::int32_t>{20119, 0}, {1, 0}),
                       v()}}) == "row 1: field 'date': missing date");
  CHECK(import_error({{text("series", {"a", ""}, {1, 0}), d(), v()}}) ==
        "row 1: field 'series': missing series id");
  CHECK(import_error({{text("series", {"a", "  "}), d(), v()}}) ==
        "row 1: field 'series': series id is empty");
  // 1650-01-01 = day -116877
  CHECK(import_error({{s(), fixed("date", "tdD", std::vector<std::int32_t>{-116877, 0}), v()}}) ==
        "row 0: field 'date': date 1650-01-01 is outside the Gregorian years 1700..2300");
  CHECK(import_error(
            {{s(), d(),
              fixed("value", "l", std::vector<std::int64_t>{1, (std::int64_t{1} << 53) + 1})}}) ==
        "row 1: field 'value': 9007199254740993 cannot be held exactly by a float64 number");
  CHECK(import_error({{s(), text("date", {"2025-01-31", "31/01/2025"}), v()}})
            .rfind("row 1: field 'date': ", 0) == 0);
  CHECK(import_error({{s(), d()}}) ==
        "measurements table has no column 'value' (columns: series, date)");
}

// ---- export --------------------------------------------------------------------------

namespace {
struct Imported {
  ArrowSchema schema{};
  ArrowArray batch{};
  ~Imported() {
    if (batch.release) batch.release(&batch);
    if (schema.release) schema.release(&schema);
  }
  int column(const std::string& name) const {
    for (std::int64_t k = 0; k < schema.n_children; ++k)
      if (name == schema.children[k]->name) return static_cast<int>(k);
    return -1;
  }
  std::string text(int col, std::int64_t i) const {
    const ArrowArray& a = *batch.children[col];
    const auto* off = static_cast<const std::int32_t*>(a.buffers[1]);
    return {static_cast<const char*>(a.buffers[2]) + off[i],
            static_cast<std::size_t>(off[i + 1] - off[i])};
  }
  bool valid(int col, std::int64_t i) const {
    const ArrowArray& a = *batch.children[col];
    if (a.buffers[0] == nullptr) return true;
    return (static_cast<const std::uint8_t*>(a.buffers[0])[i / 8] >> (i % 8)) & 1;
  }
  double number(int col, std::int64_t i) const {
    return static_cast<const double*>(batch.children[col]->buffers[1])[i];
  }
};
void read_all(ArrowArrayStream& s, Imported& out) {
  REQUIRE(s.get_schema(&s, &out.schema) == 0);
  REQUIRE(s.get_next(&s, &out.batch) == 0);
  ArrowArray end{};
  REQUIRE(s.get_next(&s, &end) == 0);
  CHECK(end.release == nullptr);  // one batch, then the end
  s.release(&s);
}
}  // namespace

TEST_CASE("a scorecard exports every NodeScore field, in the field table's order") {
  const Model m = load_model(std::string(OKRKIT_EXAMPLES_DIR) + "/acme.json");
  const SeriesStore data =
      load_measurements(std::string(OKRKIT_EXAMPLES_DIR) + "/acme-measurements.csv");
  const Scorecard sc = evaluate(m, data, Date(2025, 6, 30));
  ArrowArrayStream s;
  export_scorecard(sc, &s);
  Imported t;
  read_all(s, t);
  REQUIRE(t.schema.n_children == static_cast<std::int64_t>(node_score_field_count));
  std::size_t k = 0;
  for_each_field([&](const auto& f) {
    CHECK(std::string(t.schema.children[k]->name) == std::string(f.name));
    ++k;
  });
  CHECK(std::string(t.schema.format) == "+s");
  REQUIRE(t.batch.length == static_cast<std::int64_t>(sc.nodes.size()));
  const int id = t.column("id"), progress = t.column("progress");
  const int status = t.column("status"), value_date = t.column("value_date");
  CHECK(std::string(t.schema.children[status]->format) == "i");
  CHECK(std::string(t.schema.children[status]->dictionary->format) == "u");
  CHECK((t.schema.children[status]->flags & ARROW_FLAG_DICTIONARY_ORDERED) != 0);
  CHECK(std::string(t.schema.children[value_date]->format) == "tdD");
  bool seen_response = false, seen_fcr = false;
  for (std::int64_t i = 0; i < t.batch.length; ++i) {
    // Hand-worked in tests/cpp/appraisal/test_appraisal.cpp (p-reza at the end of Q2):
    //   kr-response decrease 3.5 -> 2 at 2.6: 0.9 / 1.5 = 0.6; kr-fcr 78 -> 85 at 81.5: 0.5
    if (t.text(id, i) == "kr-response") {
      seen_response = true;
      CHECK(t.number(progress, i) == Approx(0.6));
      // the data ends 31 May (examples/acme-measurements.csv)
      CHECK(static_cast<const std::int32_t*>(t.batch.children[value_date]->buffers[1])[i] ==
            to_day_number(Date(2025, 5, 31)));
    }
    if (t.text(id, i) == "kr-fcr") {
      seen_fcr = true;
      CHECK(t.number(progress, i) == Approx(0.5));
    }
    // NaN numbers are nulls
    if (!std::isnan(sc.nodes[static_cast<std::size_t>(i)].performance))
      CHECK(t.valid(t.column("performance"), i));
    else
      CHECK_FALSE(t.valid(t.column("performance"), i));
  }
  CHECK(seen_response);
  CHECK(seen_fcr);
}

TEST_CASE("a history exports as_of, then each date's scorecard rows in order") {
  const Model m = load_model(std::string(OKRKIT_EXAMPLES_DIR) + "/acme.json");
  const SeriesStore data =
      load_measurements(std::string(OKRKIT_EXAMPLES_DIR) + "/acme-measurements.csv");
  const std::vector<Date> dates{Date(2025, 6, 30), Date(2025, 4, 30)};
  const std::vector<Scorecard> h = evaluate_history(m, data, dates);
  ArrowArrayStream s;
  export_history(h, &s);
  Imported t;
  read_all(s, t);
  REQUIRE(t.schema.n_children == static_cast<std::int64_t>(node_score_field_count) + 1);
  CHECK(std::string(t.schema.children[0]->name) == "as_of");
  CHECK(std::string(t.schema.children[0]->format) == "tdD");
  const std::size_t n = h[0].nodes.size();
  REQUIRE(t.batch.length == static_cast<std::int64_t>(2 * n));
  const int id = t.column("id"), progress = t.column("progress");
  const auto* day = static_cast<const std::int32_t*>(t.batch.children[0]->buffers[1]);
  for (std::size_t k = 0; k < 2; ++k)
    for (std::size_t i = 0; i < n; ++i) {
      const auto r = static_cast<std::int64_t>(k * n + i);
      CHECK(day[r] == to_day_number(dates[k]));
      CHECK(t.text(id, r) == h[k].nodes[i].id);
      const double p = h[k].nodes[i].progress;
      if (std::isnan(p))
        CHECK_FALSE(t.valid(progress, r));
      else
        CHECK(t.number(progress, r) == p);
    }
  // kr-response (decrease 3.5 -> 2) at 2.6 by the end of June: 0.9 / 1.5 = 0.6
  for (std::size_t i = 0; i < n; ++i)
    if (h[0].nodes[i].id == "kr-response")
      CHECK(t.number(progress, static_cast<std::int64_t>(i)) == Approx(0.6));
}

TEST_CASE("lint findings and a generic table export; a measurements table round-trips") {
  Diagnostic d{Severity::warning, "S002", "title has 2 words",
               Location{"m.json", 7, "o1", "title"}};
  ArrowArrayStream s;
  export_lint_findings({d}, &s);
  Imported t;
  read_all(s, t);
  REQUIRE(t.batch.length == 1);
  CHECK(t.text(t.column("rule"), 0) == "S002");
  CHECK(t.text(t.column("name"), 0) == find_lint_rule("S002")->name);
  CHECK(static_cast<const std::int64_t*>(t.batch.children[t.column("line")]->buffers[1])[0] == 7);
  CHECK(static_cast<const std::int32_t*>(t.batch.children[t.column("severity")]->buffers[1])[0] ==
        1);  // info, warning, error

  arrow::Table m;
  m.rows = 3;
  arrow::Column series;
  series.name = "series";
  series.type = arrow::ColumnType::category;
  series.categories = {"p", "q"};
  series.integers = {0, 1, 0};
  arrow::Column date;
  date.name = "date";
  date.type = arrow::ColumnType::date;
  date.integers = {20119, 20119, 20147};
  arrow::Column value;
  value.name = "value";
  value.type = arrow::ColumnType::number;
  value.numbers = {1, std::numeric_limits<double>::quiet_NaN(), 3};
  m.columns = {series, date, value};
  ArrowArrayStream ms;
  arrow::export_table(m, &ms);
  auto st = measurements_from_arrow_stream(&ms);
  REQUIRE(st.view("p").size == 2);
  CHECK(st.view("p").values[1] == 3);
  CHECK(std::isnan(st.view("q").values[0]));  // exported as null, read back as missing

  arrow::Table bad;
  bad.rows = 2;
  bad.columns = {value};
  ArrowArrayStream bs;
  CHECK_THROWS_WITH(arrow::export_table(bad, &bs),
                    "Arrow export: column 'value' has 3 rows; the table has 2");
}

TEST_CASE("appraisal rows export with list columns") {
  AppraisalResult r;
  AppraisalRow row;
  row.person = "p1";
  row.cycle = "q2";
  row.kpi_from = {"k1", "k2"};
  row.final_score = 0.75;
  row.roles[static_cast<std::size_t>(RaterRole::peer)].raters = {"r1", "r2"};
  row.roles[static_cast<std::size_t>(RaterRole::peer)].role = RaterRole::peer;
  r.rows.push_back(row);
  ArrowArrayStream s;
  export_appraisal(r, &s);
  Imported t;
  read_all(s, t);
  const int from = t.column("kpi_from");
  REQUIRE(from >= 0);
  CHECK(std::string(t.schema.children[from]->format) == "+l");
  const ArrowArray& list = *t.batch.children[from];
  CHECK(static_cast<const std::int32_t*>(list.buffers[1])[1] == 2);
  CHECK(t.number(t.column("final_score"), 0) == 0.75);
  CHECK(static_cast<const std::int64_t*>(
            t.batch.children[t.column("peer_raters")]->buffers[1])[0] == 2);
}

TEST_CASE("rows out of order and interleaved series give the store add() + finalize() give") {
  // b, a, b, a with days out of order inside each series
  auto st = import({{text("series", {"b", "a", "b", "a"}),
                     fixed("date", "tdD", std::vector<std::int32_t>{20148, 20147, 20119, 20119}),
                     fixed("value", "g", std::vector<double>{1, 2, 3, 4})}});
  SeriesStore ref;  // the reference: the store's own add() + finalize()
  ref.add("b", DayNumber{20148}, 1);
  ref.add("a", DayNumber{20147}, 2);
  ref.add("b", DayNumber{20119}, 3);
  ref.add("a", DayNumber{20119}, 4);
  ref.finalize();
  CHECK(dump_measurements(st) == dump_measurements(ref));
  CHECK(st.series_ids() == ref.series_ids());  // first-seen order: b, a
  CHECK(st.view("b").values[0] == 3);          // 2025-01-31 before 2025-03-01
  CHECK_THROWS_AS(SeriesStore::from_sorted({"a"}, {0, 0}, {2, 1}, {1, 1}), DomainError);
}
