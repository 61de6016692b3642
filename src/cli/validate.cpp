// okrkit validate MODEL [--data CSV]
#include <iostream>

#include <okrkit/okrkit.hpp>

#include "commands.hpp"
#include "data_options.hpp"

namespace okrkit::cli {

int cmd_validate(int argc, char** argv) {
  Args a = parse_args(argc, argv, 2, {"--data", "--calendar", "--date-format", "--duplicates"});
  if (a.positional.size() != 1) throw UsageError("validate takes exactly one MODEL file");
  const std::string& path = a.positional[0];
  const MeasurementsOptions mo = measurements_options(a.get("--calendar"), a.get("--date-format"), a.get("--duplicates"));
  Model m = load_model(path);  // throws ValidationError with every error
  std::size_t series = 0, rows = 0;
  std::vector<Diagnostic> findings;
  if (auto data = a.get("--data")) {
    SeriesStore s = load_data(*data, mo);
    series = s.series_count();
    rows = s.size();
    findings = validate(m, s);  // the model's series against the data
  } else {
    findings = validate(m);  // warnings remain
  }
  std::vector<Diagnostic> errors;
  for (const auto& d : findings)
    if (d.severity == Severity::error) errors.push_back(d);
  if (!errors.empty()) throw ValidationError(std::move(errors));
  print_diagnostics(findings);
  std::cerr << path << ": ok: " << m.objectives.size() << " objectives, " << m.key_results.size()
            << " key results, " << m.kpis.size() << " KPIs, " << m.csfs.size() << " CSFs";
  if (a.get("--data")) std::cerr << "; " << rows << " measurements in " << series << " series";
  if (!findings.empty()) std::cerr << "; " << findings.size() << " warnings";
  std::cerr << "\n";
  return 0;
}

}  // namespace okrkit::cli
