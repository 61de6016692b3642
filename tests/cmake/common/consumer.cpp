// A host product's use of okrkit: load the bundled example, check it, round-trip
// it through JSON and count what it holds. Exits non-zero on any mismatch, so
// the packaging test proves a working link, not just a compiling header.
#include <okrkit/okrkit.hpp>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer MODEL.json\n");
    return 2;
  }
  try {
    okrkit::Model m = okrkit::load_model(argv[1]);
    okrkit::Model again = okrkit::parse_model(okrkit::dump_model(m), "round-trip");
    bool ok = okrkit::dump_model(again) == okrkit::dump_model(m) && m.objectives.size() == 4 &&
              m.key_results.size() == 9 && m.kpis.size() == 9;
    auto t = m.key_results.front().target.absolute_target();
    ok = ok && t && *t == 70000.0;  // kr-traffic: 50000 "+40%"
    std::printf("okrkit %s: %zu objectives, %zu key results, kr-traffic target %.0f: %s\n",
                okrkit::version, m.objectives.size(), m.key_results.size(), t ? *t : -1.0,
                ok ? "ok" : "MISMATCH");
    return ok ? 0 : 1;
  } catch (const okrkit::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
