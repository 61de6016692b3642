// okrkit review MODEL --data CSV --from DATE --to DATE [--format table|markdown|json|html]
//                [-o FILE] [--cycle ID] [--top N] [--risk-threshold P] [--no-forecast]
// What changed in a cycle between two dates (include/okrkit/review/review.hpp).
#include <memory>
#include <string>

#include <okrkit/io/model_io.hpp>
#include <okrkit/review.hpp>

#include "commands.hpp"

namespace okrkit::cli {

namespace {
struct ReviewCliOptions {
  std::string model;
  DataOptions data;
  std::string from, to;
  std::string format = "table";
  std::string output;
  std::string cycle;
  std::size_t top = 5;
  double risk_threshold = 0.5;
  bool no_forecast = false;
  bool strict = false;
};

Date date_of(const std::string& text, const DataOptions& data, const char* option) {
  try {
    return parse_date(text, data.reader().calendar, option);
  } catch (const ParseError& e) {
    throw UsageError(e.what());
  }
}

int run_review(const ReviewCliOptions& o) {
  const Date from = date_of(o.from, o.data, "--from");
  const Date to = date_of(o.to, o.data, "--to");
  const Model model = load_model(o.model);
  const SeriesStore data = load_data(o.data);
  ReviewOptions options;
  options.evaluate.outlook = !o.no_forecast;
  options.cycle = o.cycle;
  options.top = o.top;
  options.risk_threshold = o.risk_threshold;
  Review r;
  try {
    r = review(model, data, from, to, options);
  } catch (const DomainError& e) {
    // Every review() error is about the options; "okrkit review: " already says where.
    std::string msg = e.what();
    if (msg.rfind("review: ", 0) == 0) msg.erase(0, 8);
    throw UsageError(msg);
  }
  write_output(o.output, o.format == "json"       ? review_to_json(r)
                         : o.format == "markdown" ? review_to_markdown(r)
                         : o.format == "html"     ? review_html(r)
                                                  : format_review_table(r));
  return report_scorecard_problems(
      "review (as of --to " + format_date(to) + ")", r.after, o.strict,
      "okrkit score --as-of " + format_date(to) + " lists all of them");
}
}  // namespace

Command add_review(CLI::App& app) {
  auto o = std::make_shared<ReviewCliOptions>();
  CLI::App* sub = app.add_subcommand(
      "review",
      "What changed in a cycle between two dates: status and health changes, the biggest "
      "movers, new risks, stale key results, closed items, the cycle score then and now, and "
      "(html) a burn-up per objective (docs/history-review.md).");
  sub->add_option("MODEL", o->model, "Model file (JSON; docs/model-format.md).")
      ->required()
      ->type_name("FILE");
  add_data_options(*sub, o->data, true);
  sub->add_option("--from", o->from,
                  "First day of the window (YYYY-MM-DD), e.g. the last check-in.")
      ->required()
      ->type_name("DATE")
      ->check(date_validator());
  sub->add_option("--to", o->to, "Last day of the window (YYYY-MM-DD), on or after --from.")
      ->required()
      ->type_name("DATE")
      ->check(date_validator());
  sub->add_option("--format", o->format,
                  "Output format: table (aligned text), markdown, json, or html (one standalone "
                  "page with a burn-up chart per objective). Default: table.")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"table", "markdown", "json", "html"}));
  add_output_option(*sub, o->output);
  sub->add_option("--cycle", o->cycle,
                  "The cycle to review (id or period label). Default: the one cycle containing "
                  "both dates.")
      ->type_name("ID");
  sub->add_option("--top", o->top, "Movers listed each way (up and down). Default: 5.")
      ->type_name("N");
  sub->add_option("--risk-threshold", o->risk_threshold,
                  "A key result or KPI whose P(target) falls from this or above to below it is "
                  "a new risk (0 to 1). Default: 0.5.")
      ->type_name("P");
  sub->add_flag("--no-forecast", o->no_forecast,
                "Leave out the forecasts (faster): no P(target) risks and no forecast fans. "
                "Default: they are computed.");
  add_strict_option(*sub, o->strict);
  return {sub, [o] { return run_review(*o); }};
}

}  // namespace okrkit::cli
