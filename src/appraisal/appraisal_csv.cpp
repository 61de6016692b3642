// okrkit — appraisal CSV input (ratings, person scores) and result writers.
// Same conventions as the measurements CSV: header required, columns in any
// order, RFC 4180 quoting, optional BOM; row problems collected and thrown
// together as one ValidationError naming file, row, person and column.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <cmath>
#include <cstring>
#include <set>
#include <tuple>

#include "okrkit/appraisal/appraisal.hpp"
#include "io/csv_reader.hpp"
#include "io/csv_writer.hpp"
#include "okrkit/io/atomic_file.hpp"
#include "okrkit/detail/format_number.hpp"

namespace okrkit {

namespace {

constexpr std::size_t max_reported = 100;

using Csv = detail::CsvReader;
using detail::blank_record;
std::string trim(const std::string& s) { return detail::trim_cell(s); }

// Column positions by header name; required columns must be present.
std::map<std::string, int> header(Csv& csv, const std::string& file,
                                  const std::vector<std::string>& required,
                                  const std::vector<std::string>& optional, std::size_t& width) {
  std::vector<std::string> rec;
  std::string all;
  for (const auto& r : required) all += (all.empty() ? "" : ",") + r;
  if (!csv.next(rec) || blank_record(rec))
    throw ParseError("empty file: expected a header with " + all, Location{file, 1, "", ""});
  std::map<std::string, int> cols;
  for (std::size_t i = 0; i < rec.size(); ++i) {
    std::string h = trim(rec[i]);
    bool known = std::find(required.begin(), required.end(), h) != required.end() ||
                 std::find(optional.begin(), optional.end(), h) != optional.end();
    if (!known) continue;
    if (cols.count(h)) throw ParseError("duplicate column '" + h + "'", Location{file, 1, "", h});
    cols[h] = static_cast<int>(i);
  }
  for (const auto& r : required)
    if (!cols.count(r))
      throw ParseError("missing column '" + r + "' (header must name " + all + ")",
                       Location{file, 1, "", r});
  width = rec.size();
  return cols;
}

bool number(const std::string& cell, double& out) {
  if (cell.empty()) return false;
  const char* b = cell.data();
  const char* e = b + cell.size();
  if (*b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, out);
  return ec == std::errc() && p == e && std::isfinite(out);
}

struct Problems {
  std::string file;
  std::vector<Diagnostic> list;
  std::size_t more = 0;
  void add(std::size_t row, const std::string& node, const std::string& field,
           const std::string& msg) {
    if (list.size() < max_reported)
      list.push_back({Severity::error, "bad-row", msg, Location{file, row, node, field}});
    else
      ++more;
  }
  void throw_if_any() {
    if (list.empty()) return;
    if (more)
      list.push_back({Severity::error, "bad-row",
                      "... and " + std::to_string(more) + " more rows with problems",
                      Location{file, 0, "", ""}});
    throw ValidationError(std::move(list));
  }
};

/// The next record that is neither blank nor ragged; a ragged one is reported
/// (row, field count) and skipped. False at the end of the file.
bool next_full_record(Csv& csv, std::size_t width, Problems& pr, std::vector<std::string>& rec,
                      std::size_t& row) {
  while (csv.next(rec)) {
    row = csv.row();
    if (blank_record(rec)) continue;
    if (rec.size() == width) return true;
    pr.add(
        row, "", "",
        "row has " + std::to_string(rec.size()) + " fields, header has " + std::to_string(width));
  }
  return false;
}

std::string fmtnum(double v) {
  if (std::isnan(v)) return "";
  return detail::format_general(v, 4);
}

nlohmann::ordered_json jnum(double v) {
  return std::isnan(v) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v);
}

using detail::csv_cell;  // io/csv_writer.hpp: quoting + spreadsheet-formula guard

std::string join(const std::vector<std::string>& v, const char* sep = " ") {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

}  // namespace

std::vector<Rating> parse_ratings(std::string_view text, const std::string& file,
                                  const Rubric& rubric) {
  Csv csv(text, file);
  std::size_t width = 0;
  auto cols = header(csv, file, {"person", "cycle", "rater", "role", "criterion", "rating"},
                     {"comment"}, width);
  std::set<std::string> criteria;
  for (const auto& c : rubric.criteria) criteria.insert(c.id);
  Problems pr{file, {}, 0};
  std::vector<Rating> out;
  std::set<std::tuple<std::string, std::string, std::string, std::string>> seen;
  std::vector<std::string> rec;
  std::size_t row = 0;
  while (next_full_record(csv, width, pr, rec, row)) {
    auto cell = [&](const char* c) { return trim(rec[static_cast<std::size_t>(cols.at(c))]); };
    Rating r;
    r.row = row;
    r.file = file;
    r.person = cell("person");
    r.cycle = cell("cycle");
    r.rater = cell("rater");
    r.criterion = cell("criterion");
    if (cols.count("comment")) r.comment = rec[static_cast<std::size_t>(cols.at("comment"))];
    bool ok = true;
    for (auto [v, name] :
         {std::pair{&r.person, "person"}, {&r.rater, "rater"}, {&r.criterion, "criterion"}})
      if (v->empty()) pr.add(row, r.person, name, std::string(name) + " is empty"), ok = false;
    auto role = parse_rater_role(cell("role"));
    if (!role)
      pr.add(row, r.person, "role",
             "unknown role '" + cell("role") + "' (expected self, manager, peer or report)"),
          ok = false;
    else
      r.role = *role;
    if (!number(cell("rating"), r.rating))
      pr.add(row, r.person, "rating", "'" + cell("rating") + "' is not a finite number"),
          ok = false;
    else if (r.rating < rubric.scale_min || r.rating > rubric.scale_max)
      pr.add(row, r.person, "rating",
             "rating " + cell("rating") + " is outside " + fmtnum(rubric.scale_min) + ".." +
                 fmtnum(rubric.scale_max)),
          ok = false;
    if (!r.criterion.empty() && !criteria.empty() && !criteria.count(r.criterion))
      pr.add(row, r.person, "criterion", "unknown criterion '" + r.criterion + "'"), ok = false;
    if (role && *role == RaterRole::self && r.rater != r.person)
      pr.add(row, r.person, "rater", "a self rating must have rater == person"), ok = false;
    if (ok && !seen.insert({r.cycle, r.person, r.rater, r.criterion}).second)
      pr.add(
          row, r.person, "criterion",
          "duplicate rating of '" + r.person + "' by '" + r.rater + "' on '" + r.criterion + "'"),
          ok = false;
    if (ok) out.push_back(std::move(r));
  }
  pr.throw_if_any();
  return out;
}

std::vector<Rating> load_ratings(const std::string& path, const Rubric& rubric) {
  return parse_ratings(read_file(path), path, rubric);
}

std::vector<PersonScores> parse_person_scores(std::string_view text, const std::string& file) {
  Csv csv(text, file);
  std::size_t width = 0;
  auto cols = header(csv, file, {"person"}, {"kpi_score", "okr_score"}, width);
  Problems pr{file, {}, 0};
  std::vector<PersonScores> out;
  std::set<std::string> seen;
  std::vector<std::string> rec;
  std::size_t row = 0;
  while (next_full_record(csv, width, pr, rec, row)) {
    PersonScores s;
    s.file = file;
    s.row = row;
    s.person = trim(rec[static_cast<std::size_t>(cols.at("person"))]);
    bool ok = !s.person.empty();
    if (!ok) pr.add(row, "", "person", "person is empty");
    for (auto [name, slot] : {std::pair{"kpi_score", &s.kpi}, {"okr_score", &s.okr}}) {
      if (!cols.count(name)) continue;
      std::string c = trim(rec[static_cast<std::size_t>(cols.at(name))]);
      if (c.empty() || c == "NA") continue;
      double v;
      if (!number(c, v))
        pr.add(row, s.person, name, "'" + c + "' is not a finite number"), ok = false;
      else
        *slot = v;
    }
    if (ok && !seen.insert(s.person).second)
      pr.add(row, s.person, "person", "duplicate person"), ok = false;
    if (ok) out.push_back(std::move(s));
  }
  pr.throw_if_any();
  return out;
}

std::vector<PersonScores> load_person_scores(const std::string& path) {
  return parse_person_scores(read_file(path), path);
}

std::string format_appraisal_csv(const AppraisalResult& r) {
  std::string out =
      "cycle,person,name,unit,kpi_score,okr_score,self,manager,peer,report,competency,competency_"
      "score,"
      "final_score,band,raters,trimmed,notes,kpi_from,okr_from\n";
  for (const auto& x : r.rows) {
    std::vector<std::string> raters, trimmed;
    for (const auto& rs : x.roles) {
      for (const auto& id : rs.raters) raters.push_back(id + "(" + to_string(rs.role) + ")");
      for (const auto& id : rs.trimmed) trimmed.push_back(id);
    }
    std::vector<std::string> cells = {
        x.cycle, x.person, x.name, x.unit, fmtnum(x.kpi_score), fmtnum(x.okr_score)};
    for (const auto& rs : x.roles) cells.push_back(fmtnum(rs.score));
    cells.insert(cells.end(), {fmtnum(x.competency), fmtnum(x.competency_score),
                               fmtnum(x.final_score), x.band, join(raters), join(trimmed),
                               join(x.notes, "; "), join(x.kpi_from), join(x.okr_from)});
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
    out += "\n";
  }
  return out;
}

std::string format_appraisal_table(const AppraisalResult& r) {
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%-10s %-10s %6s %6s %6s %6s %6s %6s %6s %6s  %-16s %s\n", "cycle",
                "person", "kpi", "okr", "self", "mgr", "peer", "report", "comp", "final", "band",
                "raters");
  out += buf;
  for (const auto& x : r.rows) {
    std::vector<std::string> raters;
    for (const auto& rs : x.roles)
      for (const auto& id : rs.raters) {
        bool cut = std::find(rs.trimmed.begin(), rs.trimmed.end(), id) != rs.trimmed.end();
        raters.push_back(id + "(" + to_string(rs.role) + (cut ? ",trimmed" : "") +
                         (rs.counted || rs.role == RaterRole::self ? "" : ",not counted") + ")");
      }
    auto f = [](double v) { return std::isnan(v) ? std::string("-") : fmtnum(v); };
    std::snprintf(buf, sizeof buf, "%-10s %-10s %6s %6s %6s %6s %6s %6s %6s %6s  %-16s %s\n",
                  x.cycle.c_str(), x.person.c_str(), f(x.kpi_score).c_str(), f(x.okr_score).c_str(),
                  f(x.roles[0].score).c_str(), f(x.roles[1].score).c_str(),
                  f(x.roles[2].score).c_str(), f(x.roles[3].score).c_str(),
                  f(x.competency_score).c_str(), f(x.final_score).c_str(), x.band.c_str(),
                  join(raters).c_str());
    out += buf;
    for (const auto& n : x.notes) out += "    note: " + n + "\n";
  }
  bool targets = false;
  for (const auto& d : r.distribution) targets |= !std::isnan(d.target);
  if (!r.distribution.empty()) {
    out += "\ndistribution (actual vs target share; never enforced)\n";
    for (const auto& d : r.distribution) {
      std::snprintf(buf, sizeof buf, "%-10s %-12s %-16s %3zu/%-3zu actual %5.1f%%", d.cycle.c_str(),
                    d.unit.c_str(), d.band.c_str(), d.count, d.people, 100 * d.actual);
      out += buf;
      if (targets) {
        std::snprintf(buf, sizeof buf, "  target %5.1f%%  gap %+6.1f%%", 100 * d.target,
                      100 * d.gap);
        out += buf;
      }
      out += "\n";
    }
  }
  return out;
}

std::string format_appraisal_json(const AppraisalResult& r) {
  using oj = nlohmann::ordered_json;
  oj j;
  oj rows = oj::array();
  for (const auto& x : r.rows) {
    oj e;
    e["cycle"] = x.cycle;
    e["person"] = x.person;
    e["name"] = x.name;
    e["unit"] = x.unit;
    e["kpi_score"] = jnum(x.kpi_score);
    e["okr_score"] = jnum(x.okr_score);
    e["kpi_from"] = x.kpi_from;
    e["okr_from"] = x.okr_from;
    e["self_score"] = jnum(x.self_score);
    oj roles = oj::object();
    for (const auto& rs : x.roles) {
      oj q;
      q["score"] = jnum(rs.score);
      q["counted"] = rs.counted;
      q["raters"] = rs.raters;
      q["trimmed"] = rs.trimmed;
      roles[to_string(rs.role)] = q;
    }
    e["roles"] = roles;
    e["competency"] = jnum(x.competency);
    e["competency_score"] = jnum(x.competency_score);
    e["final_score"] = jnum(x.final_score);
    e["band"] = x.band;
    e["notes"] = x.notes;
    rows.push_back(e);
  }
  j["rows"] = rows;
  oj crit = oj::array();
  for (const auto& c : r.criteria)
    crit.push_back(oj{{"cycle", c.cycle},
                      {"person", c.person},
                      {"criterion", c.criterion},
                      {"role", to_string(c.role)},
                      {"raw", c.raw},
                      {"calibrated", c.calibrated},
                      {"raters", c.raters}});
  j["criteria"] = crit;
  oj raters = oj::array();
  for (const auto& s : r.raters)
    raters.push_back(oj{{"cycle", s.cycle},
                        {"rater", s.rater},
                        {"ratings", s.ratings},
                        {"people", s.people},
                        {"mean", s.mean},
                        {"sd", s.sd},
                        {"treatment", s.treatment}});
  j["raters"] = raters;
  oj dist = oj::array();
  for (const auto& d : r.distribution)
    dist.push_back(oj{{"cycle", d.cycle},
                      {"unit", d.unit},
                      {"band", d.band},
                      {"count", d.count},
                      {"people", d.people},
                      {"actual", d.actual},
                      {"target", jnum(d.target)},
                      {"gap", jnum(d.gap)}});
  j["distribution"] = dist;
  return j.dump(2) + "\n";
}

}  // namespace okrkit
