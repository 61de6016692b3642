// A host product's use of the okrkit::sqlite component: read the bundled
// examples/acme.db, score it, write the scorecard to a scratch database and
// read the row count back through the component. Exits non-zero on a mismatch.
#include <okrkit/io/model_io.hpp>
#include <okrkit/io/sqlite.hpp>
#include <okrkit/scoring/scorecard.hpp>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: consumer_sqlite MODEL.json DATA.db OUT.db\n");
    return 2;
  }
  try {
    okrkit::sqlite::Source src;
    src.table = "measurements";
    const auto r = okrkit::sqlite::read_measurements(argv[2], src);
    const okrkit::Model m = okrkit::load_model(argv[1]);
    const auto sc = okrkit::evaluate(m, r.store, okrkit::parse_date("2025-05-31"));
    std::remove(argv[3]);
    okrkit::sqlite::write_scorecard(argv[3], sc, okrkit::sqlite::Sink{});
    okrkit::sqlite::Source back;
    back.query = "SELECT node AS series, as_of AS date, progress AS value FROM scores";
    const auto b = okrkit::sqlite::read_measurements(argv[3], back);
    const bool ok = r.rows == 45 && b.rows == sc.nodes.size() && b.rows == 27;
    std::printf("okrkit::sqlite: %zu measurements, %zu scores written: %s\n", r.rows, b.rows,
                ok ? "ok" : "MISMATCH");
    return ok ? 0 : 1;
  } catch (const okrkit::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
