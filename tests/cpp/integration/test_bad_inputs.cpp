// The catalogue of bad inputs (issue 7): tests/bad_inputs/catalogue.json lists
// one case per file with the loader that reads it and the exact outcome —
// the exception class and its full message (which names the file, line or
// row, node id and field), or success with the exact diagnostics. The same
// manifest is checked from Python by tests/python/test_bad_inputs.py.
//
// Outcome of a case, as compared (all fields exact):
//   "error":   "ParseError" | "ValidationError" | "DomainError" | "IoError" | "none"
//   "message": what() of the exception ("" when none)
//   "diagnostics": ["severity code: to_string()", ...] — ValidationError
//              problems, validate() warnings of a model that loads, expression
//              issues, or trend / forecast warnings
// Scoring cases (issue 15): "score_model" scores a model file with no data at
// "as_of" and lists "<id> progress <p>" per key result / KPI and every
// diagnostic of those rows and of the scorecard; "score_model_weight" does
// the same after setting the first KR's weight to "value" in memory;
// "score_measurements" / "lint_measurements" read a measurements file beside
// the model "model" and list the scorecard's diagnostics located in that
// file / the A002 findings; "appraisal_ratings" appraises a ratings file
// against the model "model".
// "arrow_table" builds an Arrow C stream from a JSON description
// ({"columns": [{"name", "type", "values"}]}, types string / date32 /
// float64 / int64 / timestamp[us, tz=UTC], null = a null cell) and imports it
// (measurements_from_arrow_stream); Python builds the same table with pyarrow.
// Set OKRKIT_CATALOGUE_OUT=<file> to write the outcomes seen (for reviewing a
// new case; the expectations in the manifest are written and checked by hand).
#include <catch2/catch.hpp>

#include <okrkit/appraisal/appraisal.hpp>
#include <okrkit/forecast/ets.hpp>
#include <okrkit/lint/lint.hpp>
#include <okrkit/scoring/scorecard.hpp>
#include <okrkit/forecast/reconcile.hpp>
#include <okrkit/formulas/expr.hpp>
#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/time/period.hpp>
#include <okrkit/model/target.hpp>
#include <okrkit/trend/linear_trend.hpp>
#include <okrkit/model/validate.hpp>
#include <okrkit/review/review.hpp>

#include <nlohmann/json.hpp>

#include "arrow_test_stream.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace okrkit;
using nlohmann::json;

namespace {

const std::string kDir = std::string(OKRKIT_TEST_DATA) + "/../bad_inputs/";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string diag(const Diagnostic& d) {
  return std::string(to_string(d.severity)) + " " + d.code + ": " + d.to_string();
}

// Messages may echo bytes that are not UTF-8 (the JSON manifest cannot hold
// them): such bytes are compared as the text "\\xHH".
std::string printable(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(s, i, len);
      i += len;
    } else {
      static const char* hex = "0123456789ABCDEF";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
      ++i;
    }
  }
  return out;
}

struct Outcome {
  std::string error = "none";
  std::string message;
  std::vector<std::string> diagnostics;
};

std::vector<double> read_series(const std::string& text) {
  std::vector<double> y;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    y.push_back(line.empty() ? std::numeric_limits<double>::quiet_NaN() : std::stod(line));
  return y;
}

// Runs one case's loader on `text` (named `file` in messages).
void run(const std::string& loader, const std::string& text, const std::string& file, const json& c,
         Outcome& out) {
  if (loader == "model") {
    const Model m = parse_model(text, file);
    for (const auto& d : validate(m)) out.diagnostics.push_back(diag(d));
  } else if (loader == "model_weight") {
    // NaN / inf cannot be written in JSON: a valid model gets the value in code.
    Model m = parse_model(text, file);
    const std::string v = c.at("value");
    m.key_results.at(0).weight = v == "nan" ? std::nan("") : v == "inf" ? HUGE_VAL : -HUGE_VAL;
    check(m);
  } else if (loader == "measurements") {
    // "options": {"calendar": ..., "date_format": ..., "duplicates": ...} (names as in Python)
    MeasurementsOptions o;
    if (c.contains("options")) {
      const json& j = c.at("options");
      if (j.contains("calendar"))
        o.calendar = *detail::enum_from_string<DateCalendar>(j.at("calendar").get<std::string>());
      if (j.contains("date_format"))
        o.date_format =
            *detail::enum_from_string<DateFormat>(j.at("date_format").get<std::string>());
      if (j.contains("duplicates"))
        o.duplicates =
            *detail::enum_from_string<DuplicatePolicy>(j.at("duplicates").get<std::string>());
    }
    const SeriesStore s = parse_measurements(text, file, o);
    out.diagnostics.push_back("rows " + std::to_string(s.size()));
    for (const auto& d : s.notes()) out.diagnostics.push_back(diag(d));
  } else if (loader == "model_with_data") {
    // A model that loads, checked against the measurements file "data" (validate(model, data)).
    const Model m = parse_model(text, file);
    const std::string data = c.at("data");
    const SeriesStore s = parse_measurements(read_file(kDir + data), data);
    for (const auto& d : validate(m, s)) out.diagnostics.push_back(diag(d));
  } else if (loader == "expression") {
    const Expression e(text, Location(file, 1, "k1", "formula"));
    // Every name gets the same column: -1, 0, 5 (negative, zero, positive).
    const std::vector<std::vector<double>> cols(e.names().size(), {-1.0, 0.0, 5.0});
    const ExprResult r = e.evaluate(cols);
    for (const auto& d : r.diagnostics(text, e.where())) out.diagnostics.push_back(diag(d));
  } else if (loader == "period") {
    out.diagnostics.push_back("period " + parse_period(text, {}, Location(file)).label());
  } else if (loader == "jalali_date") {
    out.diagnostics.push_back("date " + format_date(parse_jalali_date(text, Location(file))));
  } else if (loader == "relative_target") {
    out.diagnostics.push_back("target " +
                              format_relative_target(parse_relative_target(text, Location(file))));
  } else if (loader == "trend_series") {
    const LinearFit f = linear_trend(read_series(text));
    out.diagnostics.push_back("n " + std::to_string(f.n) + " dropped " + std::to_string(f.dropped));
  } else if (loader == "forecast_series") {
    // "model" (optional): the ets model to fit, ANN by default.
    const EtsFit f =
        fit_ets(read_series(text), EtsSpec::parse(c.value("model", std::string("ANN"))));
    std::ostringstream s;
    s << "alpha " << f.params.alpha;
    out.diagnostics.push_back(s.str());
  } else if (loader == "score_model" || loader == "score_model_weight") {
    Model m = parse_model(text, file);
    if (loader == "score_model_weight")
      m.key_results.at(0).weight = std::stod(c.at("value").get<std::string>());
    SeriesStore none;
    none.finalize();
    const Scorecard sc = evaluate(m, none, parse_date(c.at("as_of").get<std::string>()));
    for (const auto& n : sc.nodes) {
      if (n.kind != NodeKind::key_result && n.kind != NodeKind::kpi) continue;
      std::ostringstream p;
      p << n.id << " progress " << n.progress;
      out.diagnostics.push_back(p.str());
      for (const auto& d : n.diagnostics) out.diagnostics.push_back(diag(d));
    }
    for (const auto& d : sc.diagnostics) out.diagnostics.push_back("scorecard " + diag(d));
  } else if (loader == "score_measurements" || loader == "lint_measurements") {
    const Model m = parse_model(read_file(kDir + c.at("model").get<std::string>()),
                                c.at("model").get<std::string>());
    const SeriesStore s = parse_measurements(text, file);
    const Date as_of = parse_date(c.at("as_of").get<std::string>());
    if (loader == "score_measurements") {
      const Scorecard sc = evaluate(m, s, as_of);
      for (const auto& n : sc.nodes)
        for (const auto& d : n.diagnostics)
          if (d.where.file == file) out.diagnostics.push_back(diag(d));
    } else {
      for (const auto& d : lint(LintInput{&m, &s, as_of, scorecard_outlook(m, s, as_of)}))
        if (d.code == "A002") out.diagnostics.push_back(diag(d));
    }
  } else if (loader == "appraisal_ratings") {
    const Model m = parse_model(read_file(kDir + c.at("model").get<std::string>()),
                                c.at("model").get<std::string>());
    const AppraisalResult r = appraise(parse_ratings(text, file), {}, &m);
    out.diagnostics.push_back("rows " + std::to_string(r.rows.size()));
  } else if (loader == "arrow_table") {
    const json table = json::parse(text);
    std::vector<testing::RawColumn> cols;
    for (const auto& col : table.at("columns")) {
      const std::string name = col.at("name"), type = col.at("type");
      std::vector<int> valid;
      bool nulls = false;
      for (const auto& v : col.at("values")) {
        valid.push_back(v.is_null() ? 0 : 1);
        nulls |= v.is_null();
      }
      if (!nulls) valid.clear();
      auto values = [&](auto zero) {
        std::vector<decltype(zero)> out;
        for (const auto& v : col.at("values"))
          out.push_back(v.is_null() ? zero : v.get<decltype(zero)>());
        return out;
      };
      if (type == "string")
        cols.push_back(testing::text(name, values(std::string()), valid));
      else if (type == "date32")
        cols.push_back(testing::fixed(name, "tdD", values(std::int32_t{0}), valid));
      else if (type == "float64")
        cols.push_back(testing::fixed(name, "g", values(0.0), valid));
      else if (type == "int64")
        cols.push_back(testing::fixed(name, "l", values(std::int64_t{0}), valid));
      else if (type == "timestamp[us, tz=UTC]")
        cols.push_back(testing::fixed(name, "tsu:UTC", values(std::int64_t{0}), valid));
      else
        FAIL("unknown column type " << type);
    }
    ArrowArrayStream stream;
    testing::make_stream(&stream, {cols});
    const SeriesStore s = measurements_from_arrow_stream(&stream);
    out.diagnostics.push_back("rows " + std::to_string(s.size()));
  } else if (loader == "hierarchy") {
    // node,parent CSV with a header; row numbers in messages count the pairs.
    std::vector<HierarchyEdge> edges;
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const auto comma = line.find(',');
      edges.push_back(
          {line.substr(0, comma), comma == std::string::npos ? "" : line.substr(comma + 1)});
    }
    const Hierarchy h = hierarchy_from_parents(edges);
    out.diagnostics.push_back("nodes " + std::to_string(h.size()) + " bottom " +
                              std::to_string(h.n_bottom));
  } else if (loader == "review_model") {
    // review() over "from".."to" ("cycle", "risk_threshold" optional), no measurements.
    const Model m = parse_model(text, file);
    SeriesStore none;
    none.finalize();
    ReviewOptions o;
    o.cycle = c.value("cycle", std::string());
    o.risk_threshold = c.value("risk_threshold", 0.5);
    const Review r = review(m, none, parse_date(c.at("from").get<std::string>()),
                            parse_date(c.at("to").get<std::string>()), o);
    out.diagnostics.push_back("review " + r.cycle + " burnups " + std::to_string(r.burnups.size()));
  } else {
    FAIL("unknown loader " << loader);
  }
}

Outcome outcome_of(const json& c) {
  const std::string file = c.at("file");
  std::string text;
  if (c.contains("generate")) {
    // Too big to commit: a CSV whose second row is one 100 MB line.
    REQUIRE(c.at("generate") == "csv_100mb_line");
    text = "series,date,value\ns1,2025-01-31,";
    text.append(100u << 20, '9');
    text += "\n";
  } else {
    text = read_file(kDir + file);
  }
  Outcome out;
  try {
    run(c.at("loader"), text, file, c, out);
  } catch (const ValidationError& e) {
    out.error = "ValidationError";
    out.message = e.what();
    out.diagnostics.clear();
    for (const auto& d : e.problems()) out.diagnostics.push_back(diag(d));
  } catch (const ParseError& e) {
    out = {"ParseError", e.what(), {}};
  } catch (const DomainError& e) {
    out = {"DomainError", e.what(), {}};
  } catch (const IoError& e) {
    out = {"IoError", e.what(), {}};
  }
  return out;
}

}  // namespace

TEST_CASE("every catalogued bad input gives exactly its expected outcome") {
  const json manifest = json::parse(read_file(kDir + "catalogue.json"));
  REQUIRE(manifest.at("cases").size() >= 50);
  json seen = json::array();
  for (const auto& c : manifest.at("cases")) {
    Outcome got = outcome_of(c);
    got.message = printable(got.message);
    for (auto& d : got.diagnostics) d = printable(d);
    seen.push_back({{"file", c.at("file")},
                    {"error", got.error},
                    {"message", got.message},
                    {"diagnostics", got.diagnostics}});
    INFO("case " << c.at("file").get<std::string>() << " (" << c.at("loader").get<std::string>()
                 << ")");
    CHECK(got.error == c.at("error").get<std::string>());
    CHECK(got.message == c.value("message", std::string()));
    CHECK(got.diagnostics == c.value("diagnostics", std::vector<std::string>{}));
  }
  if (const char* out = std::getenv("OKRKIT_CATALOGUE_OUT")) std::ofstream(out) << seen.dump(2);
}

TEST_CASE("the catalogue lists every file under tests/bad_inputs") {
  const json manifest = json::parse(read_file(kDir + "catalogue.json"));
  std::size_t files = 0;
  for (const auto& c : manifest.at("cases"))
    if (!c.contains("generate")) {
      ++files;
      CHECK(std::ifstream(kDir + c.at("file").get<std::string>()).good());
    }
  CHECK(files + 1 >= 50);
}
