// "Nothing lost" (issue 7): outputs are written atomically (a failing write
// leaves the old file intact and no temporary behind), loading never alters
// the input file, and a model or measurement set saved and reloaded is
// identical. Covers atomic_file.hpp, model_io.hpp and measurements_io.hpp.
#include <catch2/catch.hpp>

#include <okrkit/io/atomic_file.hpp>
#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/model_io.hpp>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/resource.h>
#include <sys/stat.h>

#include "generated_org.hpp"

using namespace okrkit;
namespace fs = std::filesystem;

namespace {

const std::string kModel = std::string(OKRKIT_EXAMPLES_DIR) + "/acme.json";
const std::string kData = std::string(OKRKIT_EXAMPLES_DIR) + "/acme-measurements.csv";

// A fresh scratch directory per test case.
struct Scratch {
  fs::path dir;
  Scratch() {
    dir = fs::temp_directory_path() / ("okrkit-nothing-lost-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  std::size_t entries() const {
    std::size_t n = 0;
    for (auto it = fs::directory_iterator(dir); it != fs::directory_iterator(); ++it) ++n;
    return n;
  }
};

std::string slurp(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// FNV-1a 64 of the bytes plus size and mtime: what "unchanged" means here.
struct FileStamp {
  std::uint64_t hash = 1469598103934665603ull;
  std::uintmax_t size = 0;
  fs::file_time_type mtime;
  explicit FileStamp(const std::string& p) : size(fs::file_size(p)), mtime(fs::last_write_time(p)) {
    for (unsigned char c : slurp(p)) hash = (hash ^ c) * 1099511628211ull;
  }
  bool operator==(const FileStamp& o) const {
    return hash == o.hash && size == o.size && mtime == o.mtime;
  }
};

}  // namespace

TEST_CASE("a write that fails half-way leaves the old file intact and no temporary") {
  Scratch s;
  const std::string out = (s.dir / "model.json").string();
  const Model m = load_model(kModel);
  save_model(m, out);
  const std::string before = slurp(out);
  REQUIRE(before == dump_model(m));
  // A file-size limit below the new content makes write() fail with EFBIG
  // after the first bytes (SIGXFSZ ignored so the failure is an error code).
  Model bigger = m;
  bigger.name = std::string(1 << 20, 'x');
  rlimit old{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
  auto* old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = old;
  small.rlim_cur = 64 * 1024;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  bool threw = false;
  try {
    save_model(bigger, out);
  } catch (const IoError& e) {
    threw = true;
    CHECK_THAT(e.what(), Catch::StartsWith(out + ": cannot write"));
  }
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
  CHECK(threw);
  CHECK(slurp(out) == before);  // not truncated, not clobbered
  CHECK(s.entries() == 1);      // the temporary file is gone
}

TEST_CASE("writing over a directory or into a missing directory fails cleanly") {
  Scratch s;
  const Model m = load_model(kModel);
  const fs::path d = s.dir / "out.json";
  fs::create_directories(d / "keep");
  CHECK_THROWS_AS(save_model(m, d.string()), IoError);
  CHECK(fs::is_directory(d / "keep"));  // the directory is untouched
  CHECK(s.entries() == 1);              // no temporary left beside it
  CHECK_THROWS_WITH(write_file_atomically((s.dir / "no" / "such" / "x.csv").string(), "a"),
                    Catch::StartsWith((s.dir / "no" / "such" / "x.csv").string() +
                                      ": cannot create a temporary file"));
  CHECK(s.entries() == 1);
}

TEST_CASE("a device or FIFO is written in place, a symlink's target is replaced") {
  Scratch s;
  // /dev/null stays the character device (renaming over it would make it a file).
  write_file_atomically("/dev/null", "discarded\n");
  struct stat st {};
  REQUIRE(::stat("/dev/null", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
  CHECK(s.entries() == 0);
  // A symlink to a file: the target gets the new content, the link stays a link.
  const fs::path target = s.dir / "target.csv", link = s.dir / "link.csv";
  { std::ofstream(target) << "old"; }
  fs::create_symlink(target, link);
  write_file_atomically(link.string(), "new");
  CHECK(fs::is_symlink(link));
  CHECK(slurp(target.string()) == "new");
  CHECK(s.entries() == 2);
}

TEST_CASE("a successful write replaces the file whole") {
  Scratch s;
  const std::string out = (s.dir / "m.csv").string();
  write_file_atomically(out, "old content that is longer than the new one\n");
  write_file_atomically(out, "new\n");
  CHECK(slurp(out) == "new\n");
  CHECK(s.entries() == 1);
}

TEST_CASE("loading never alters the input files") {
  Scratch s;
  // Copies, so the check also covers files we own (mtime is then meaningful).
  const std::string model = (s.dir / "acme.json").string();
  const std::string data = (s.dir / "acme.csv").string();
  fs::copy_file(kModel, model);
  fs::copy_file(kData, data);
  const FileStamp m0(model), d0(data);
  for (int i = 0; i < 3; ++i) {
    (void)load_model(model);
    (void)load_measurements(data);
  }
  CHECK(FileStamp(model) == m0);
  CHECK(FileStamp(data) == d0);
  // A file that fails to load is not touched either.
  const std::string bad = (s.dir / "bad.json").string();
  write_file_atomically(bad, "{\"okrkit\": 1, \"objectives\": [");
  const FileStamp b0(bad);
  CHECK_THROWS_AS(load_model(bad), ParseError);
  CHECK(FileStamp(bad) == b0);
}

TEST_CASE("a model saved and reloaded is identical") {
  Scratch s;
  const std::string out = (s.dir / "again.json").string();
  const Model acme = load_model(kModel);
  save_model(acme, out);
  const Model back = load_model(out);
  CHECK(dump_model(back) == dump_model(acme));
  save_model(back, out);  // a second round trip is byte-identical
  CHECK(slurp(out) == dump_model(acme));

  testing::OrgShape shape;
  shape.units = 50;
  const auto g = testing::generate_org(shape);
  save_model(g.model, out);
  CHECK(dump_model(load_model(out)) == dump_model(g.model));
}

TEST_CASE("measurements dumped and reloaded are identical") {
  const SeriesStore s = load_measurements(kData);
  const std::string once = dump_measurements(s);
  CHECK(dump_measurements(parse_measurements(once, "again.csv")) == once);
  testing::OrgShape shape;
  shape.units = 20;
  shape.nan_share = 0.2;
  const auto g = testing::generate_org(shape);
  const std::string text = dump_measurements(g.series);
  const SeriesStore back = parse_measurements(text, "gen.csv");
  CHECK(back.size() == g.series.size());
  CHECK(dump_measurements(back) == text);
}
