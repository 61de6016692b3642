// okrkit score MODEL --data CSV --as-of DATE [--format table|json|csv|markdown] [-o FILE]
//                   [--rule tolerance|ratio] [--threads N] [--no-forecast] [--forecast-status]
//                   [--progress | --no-progress]
// Trend and forecast columns are on by default (--no-forecast turns them off);
// --forecast-status makes a key result's status the forecast-based one. A
// progress bar goes to stderr when it is a terminal and the model is large
// (--progress / --no-progress force it on / off).
#include <iostream>

#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/scoring/scorecard.hpp>
#include <okrkit/io/scorecard_io.hpp>

#include "commands.hpp"
#include "data_options.hpp"
#include "progress_bar.hpp"

namespace okrkit::cli {

namespace {
/// Key results + KPIs from which `automatic` mode shows the bar (a terminal
/// is needed too, and the bar waits half a second so quick runs stay quiet).
constexpr std::size_t large_work = 100;
}  // namespace

int cmd_score(int argc, char** argv) {
  Args a = parse_args(argc, argv, 2, {"--data", "--as-of", "--format", "-o", "--threads", "--calendar", "--date-format", "--duplicates"},
                      {"--no-forecast", "--forecast-status", "--progress", "--no-progress"});
  if (a.positional.size() != 1) throw UsageError("score takes exactly one MODEL file");
  auto as_of_text = a.get("--as-of");
  if (!as_of_text) throw UsageError("score needs --as-of YYYY-MM-DD");
  const MeasurementsOptions mo = measurements_options(a.get("--calendar"), a.get("--date-format"), a.get("--duplicates"));
  const Date as_of = as_of_option(*as_of_text, mo.calendar);
  std::string format = a.get("--format").value_or("table");
  if (format != "table" && format != "json" && format != "csv" && format != "markdown")
    throw UsageError("--format must be table, json, csv or markdown");
  EvaluateOptions options;
  options.outlook = !a.get("--no-forecast");
  options.forecast_based_status = options.outlook && a.get("--forecast-status").has_value();
  if (auto t = a.get("--threads")) {
    try {
      options.threads = static_cast<unsigned>(std::stoul(*t));
    } catch (const std::exception&) {
      throw UsageError("--threads takes a whole number");
    }
  }

  if (a.get("--progress") && a.get("--no-progress"))
    throw UsageError("--progress and --no-progress exclude each other");
  const ProgressMode mode = a.get("--progress")      ? ProgressMode::on
                            : a.get("--no-progress") ? ProgressMode::off
                                                     : ProgressMode::automatic;

  Model model = load_model(a.positional[0]);
  SeriesStore data;
  if (auto d = a.get("--data")) data = load_data(*d, mo);
  const std::size_t work = model.key_results.size() + model.kpis.size();
  const bool show = mode == ProgressMode::on ||
                    (mode == ProgressMode::automatic && work >= large_work && stderr_is_terminal());
  ProgressBar bar("score", show,
                  std::chrono::milliseconds(mode == ProgressMode::automatic ? 500 : 0));
  if (show) options.on_progress = [&bar](std::size_t done, std::size_t total) { bar.update(done, total); };
  Scorecard sc = evaluate(model, data, as_of, options);
  bar.finish();

  std::string out = format == "json"       ? to_json(sc)
                    : format == "csv"      ? to_csv(sc)
                    : format == "markdown" ? to_markdown(sc)
                                           : format_table(sc);
  write_output(a.get("-o"), out);
  return 0;
}

}  // namespace okrkit::cli
