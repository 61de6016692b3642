// okrkit report MODEL --data CSV --as-of DATE [-o report.html]
// A standalone one-file HTML report (see include/okrkit/io/report_html.hpp).
#include <memory>

#include <okrkit/okrkit.hpp>
#include <okrkit/io/report_html.hpp>

#include "commands.hpp"

namespace okrkit::cli {

namespace {
struct ReportOptions {
  std::string model;
  DataOptions data;
  std::string as_of;
  std::string output;
  bool strict = false;
};

int run_report(const ReportOptions& o) {
  const Date as_of = as_of_date(o.as_of, o.data);
  const Model model = load_model(o.model);
  const SeriesStore series = load_data(o.data);
  const Scorecard sc = evaluate(model, series, as_of);
  write_output(o.output, report_html(model, sc));
  return report_scorecard_problems("report", sc, o.strict,
                                   "all of them: the Problems section of the report");
}
}  // namespace

Command add_report(CLI::App& app) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* sub =
      app.add_subcommand("report",
                         "Write a one-file HTML report of the scorecard (inline CSS and SVG, no "
                         "scripts), with a Problems section listing every diagnostic.");
  sub->add_option("MODEL", o->model, "Model file (JSON; docs/model-format.md).")
      ->required()
      ->type_name("FILE");
  add_data_options(*sub, o->data, true);
  add_as_of_option(*sub, o->as_of, true, "Score as of this day (YYYY-MM-DD).");
  add_output_option(*sub, o->output);
  add_strict_option(*sub, o->strict);
  return {sub, [o] { return run_report(*o); }};
}

}  // namespace okrkit::cli
