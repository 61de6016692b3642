// okrkit lint MODEL [--data CSV] [--as-of DATE] [--format table|json|sarif] [--disable IDS] [-o FILE]
//
// With --data, A001 / A002 read the scorecard's forecast (scorecard_outlook()).
// Exit status from the highest severity found: 0 none or info, 3 warning,
// 4 error (1 = the model or data does not load, 2 = usage), see docs/lint.md.
#include <algorithm>
#include <iostream>

#include <okrkit/lint/lint.hpp>
#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>

#include "commands.hpp"
#include "data_options.hpp"

namespace okrkit::cli {

int cmd_lint(int argc, char** argv) {
  Args a = parse_args(argc, argv, 2, {"--data", "--as-of", "--format", "--disable", "-o", "--calendar", "--date-format", "--duplicates"});
  if (a.positional.size() != 1) throw UsageError("lint takes exactly one MODEL file");
  std::string format = a.get("--format").value_or("table");
  if (format != "table" && format != "json" && format != "sarif")
    throw UsageError("--format must be table, json or sarif");
  Model m = load_model(a.positional[0]);
  const MeasurementsOptions mo = measurements_options(a.get("--calendar"), a.get("--date-format"), a.get("--duplicates"));
  std::optional<Date> as_of;
  if (auto s = a.get("--as-of")) as_of = as_of_option(*s, mo.calendar);
  std::optional<SeriesStore> data;
  if (auto d = a.get("--data")) data = load_data(*d, mo);
  LintOptions opt;
  if (auto d = a.get("--disable")) {
    std::string cur;
    for (char c : *d + ",") {
      if (c == ',' || c == ' ') {
        if (!cur.empty()) opt.disable.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
  }
  LintInput in{&m, data ? &*data : nullptr, as_of, {}};
  // The scorecard's forecast feeds A001 (probability) and the measurements'
  // trend A002; as-of defaults to the latest measurement, as in lint().
  if (data && data->size() > 0) {
    Date at = as_of ? *as_of : from_day_number(*std::max_element(data->day_column().begin(), data->day_column().end()));
    in.outlook = scorecard_outlook(m, *data, at);
  }
  auto findings = lint(in, opt);
  std::string out = format == "json" ? format_lint_json(findings)
                    : format == "sarif" ? format_lint_sarif(findings)
                                        : format_lint_table(findings);
  write_output(a.get("-o"), out);
  return lint_exit_status(findings);
}

}  // namespace okrkit::cli
