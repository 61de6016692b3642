// okrkit report MODEL --data CSV --as-of DATE -o report.html
// A standalone one-file HTML report (see include/okrkit/io/report_html.hpp).
#include <okrkit/okrkit.hpp>
#include <okrkit/io/report_html.hpp>

#include "commands.hpp"
#include "data_options.hpp"

namespace okrkit::cli {

int cmd_report(int argc, char** argv) {
  Args a = parse_args(argc, argv, 2, {"--data", "--as-of", "-o", "--calendar", "--date-format", "--duplicates"});
  if (a.positional.size() != 1) throw UsageError("report takes exactly one MODEL file");
  const auto data = a.get("--data");
  const auto as_of = a.get("--as-of");
  if (!data) throw UsageError("report needs --data CSV");
  if (!as_of) throw UsageError("report needs --as-of DATE");
  const MeasurementsOptions mo = measurements_options(a.get("--calendar"), a.get("--date-format"), a.get("--duplicates"));
  const Date at = as_of_option(*as_of, mo.calendar);
  const Model model = load_model(a.positional[0]);
  const SeriesStore series = load_data(*data, mo);
  const Scorecard sc = evaluate(model, series, at);
  write_output(a.get("-o"), report_html(model, sc));
  return 0;
}

}  // namespace okrkit::cli
