// okrkit validate MODEL [--data CSV]
#include <iostream>

#include <okrkit/okrkit.hpp>

#include "commands.hpp"

namespace okrkit::cli {

int cmd_validate(int argc, char** argv) {
  Args a = parse_args(argc, argv, 2, {"--data"});
  if (a.positional.size() != 1) throw UsageError("validate takes exactly one MODEL file");
  const std::string& path = a.positional[0];
  Model m = load_model(path);  // throws ValidationError with every error
  auto findings = validate(m);  // warnings remain
  print_diagnostics(findings);
  std::size_t series = 0, rows = 0;
  if (auto data = a.get("--data")) {
    SeriesStore s = load_measurements(*data);
    series = s.series_count();
    rows = s.size();
  }
  std::cerr << path << ": ok: " << m.objectives.size() << " objectives, " << m.key_results.size()
            << " key results, " << m.kpis.size() << " KPIs, " << m.csfs.size() << " CSFs";
  if (a.get("--data")) std::cerr << "; " << rows << " measurements in " << series << " series";
  if (!findings.empty()) std::cerr << "; " << findings.size() << " warnings";
  std::cerr << "\n";
  return 0;
}

}  // namespace okrkit::cli
