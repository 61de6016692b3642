// The scoring methods of a key result beside its target formula
// (include/okrkit/scoring/kr_methods.hpp; docs/lifecycle.md "Scoring methods").
#include "okrkit/scoring/kr_methods.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "okrkit/detail/format_number.hpp"

namespace okrkit {

namespace {
std::string num(double x) { return detail::format_general(x); }
std::string fixed2(double x) { return detail::format_fixed(x, 2); }
std::string days(DayNumber n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }
}  // namespace

bool in_band(const Target& t, double v) noexcept {
  if (std::isnan(v)) return false;
  switch (t.kind) {
    case TargetKind::range:
      return t.lo && t.hi && *t.lo <= v && v <= *t.hi;
    case TargetKind::at_least:
    case TargetKind::at_most: {
      const std::optional<double> x = t.absolute_target();
      if (!x) return false;
      return t.kind == TargetKind::at_least ? v >= *x : v <= *x;
    }
    default:
      return false;
  }
}

std::string band_text(const Target& t) {
  switch (t.kind) {
    case TargetKind::range:
      if (t.lo && t.hi) return "inside [" + num(*t.lo) + ", " + num(*t.hi) + "]";
      return "inside the band (lo / hi missing)";
    case TargetKind::at_least:
    case TargetKind::at_most:
      if (auto x = t.absolute_target())
        return (t.kind == TargetKind::at_least ? "at or above " : "at or below ") + num(*x);
      return "inside the band (no target)";
    default:
      return "inside the band (kind '" + to_string(t.kind) + "' has none)";
  }
}

MethodScore time_in_band(const Target& t, const std::vector<Reading>& readings, Date start,
                         Date end, Date as_of) {
  MethodScore out;
  const bool has_band = t.kind == TargetKind::range
                            ? t.lo && t.hi
                            : (t.kind == TargetKind::at_least || t.kind == TargetKind::at_most) &&
                                  t.absolute_target();
  if (!has_band) {  // validate() reports it (bad-scoring / missing-field): never a silent 0
    out.detail = "time in band: no progress, the target has no band: " + band_text(t);
    return out;
  }
  if (as_of < start) {
    out.detail = "time in band: no progress yet, the key result starts on " + format_date(start);
    return out;
  }
  const DayNumber first_day = to_day_number(start);
  const DayNumber last_day = to_day_number(std::min(as_of, end));
  // The reading in force on first_day is the latest one on or before it;
  // readings after last_day do not count.
  std::size_t b = 0;
  while (b < readings.size() && readings[b].date <= start) ++b;
  std::size_t begin = b == 0 ? 0 : b - 1;
  // several readings on one day: the last of them holds
  if (readings.empty() || to_day_number(readings[begin].date) > last_day) {
    out.detail =
        "time in band: no progress, no reading on or before " + format_date(std::min(as_of, end));
    return out;
  }
  DayNumber inside = 0, known = 0, unknown = 0;
  for (std::size_t i = begin; i < readings.size(); ++i) {
    const DayNumber from = std::max(to_day_number(readings[i].date), first_day);
    if (from > last_day) break;
    // held until the day before the next reading (of a later day)
    std::size_t j = i + 1;
    while (j < readings.size() && readings[j].date == readings[i].date) ++j;
    if (j != i + 1) {  // the last reading of that day holds
      i = j - 2;
      continue;
    }
    const DayNumber to =
        j < readings.size() ? std::min(to_day_number(readings[j].date) - 1, last_day) : last_day;
    if (to < from) continue;
    const DayNumber n = to - from + 1;
    if (std::isnan(readings[i].value)) {
      unknown += n;
      continue;
    }
    known += n;
    if (in_band(t, readings[i].value)) inside += n;
  }
  const DayNumber span_from = std::max(to_day_number(readings[begin].date), first_day);
  const std::string span = " (" + format_date(from_day_number(span_from)) + " to " +
                           format_date(from_day_number(last_day)) + ")";
  const std::string gap =
      unknown > 0 ? "; " + days(unknown) + " after missing readings left out" : std::string();
  if (known == 0) {
    out.detail = "time in band: no progress, every reading since " +
                 format_date(from_day_number(span_from)) + " is missing" + gap;
    return out;
  }
  out.progress = static_cast<double>(inside) / static_cast<double>(known);
  out.detail = "time in band: " + std::to_string(inside) + " of " + days(known) + " " +
               band_text(t) + span + " = " + fixed2(out.progress) + gap;
  return out;
}

MethodScore reported_zone(const std::vector<CheckIn>& checkins, const std::optional<Zones>& zones,
                          Date as_of) {
  MethodScore out;
  const CheckIn* latest = nullptr;
  for (const auto& c : checkins)
    if (c.zone && c.date <= as_of && (!latest || c.date >= latest->date)) latest = &c;
  if (!latest) {
    out.detail =
        "ordinal: no progress, no check-in reports a zone on or before " + format_date(as_of);
    return out;
  }
  const Zones z = zones ? *zones : Zones{};
  switch (*latest->zone) {
    case ZoneLevel::below:
      out.progress = 0.0;
      break;
    case ZoneLevel::commit:
      out.progress = z.commit_score;
      break;
    case ZoneLevel::target:
      out.progress = z.target_score;
      break;
    case ZoneLevel::stretch:
      out.progress = z.stretch_score;
      break;
  }
  out.zone = to_string(*latest->zone);
  out.detail = "ordinal: zone " + out.zone + " reported on " + format_date(latest->date) +
               " scores " + fixed2(out.progress);
  return out;
}

MethodScore from_kpis(const std::vector<KpiAchievement>& kpis) {
  MethodScore out;
  if (kpis.empty()) {
    out.detail = "tracked_by: no progress, no tracking KPI";
    return out;
  }
  std::string missing;
  for (const auto& k : kpis)
    if (std::isnan(k.achievement))
      missing += (missing.empty() ? "" : "; ") + ("KPI '" + std::string(k.id) + "' has none (") +
                 k.why_none + ")";
  if (!missing.empty()) {
    out.detail = "tracked_by: no progress, " + missing;
    return out;
  }
  if (kpis.size() == 1) {
    out.progress = kpis[0].achievement;
    out.detail =
        "tracked_by: achievement of KPI '" + std::string(kpis[0].id) + "' " + fixed2(out.progress);
    return out;
  }
  double sw = 0.0, swa = 0.0;
  std::string parts;
  for (const auto& k : kpis) {
    sw += k.weight;
    swa += k.weight * k.achievement;
    parts += (parts.empty() ? "" : ", ") + ("'" + std::string(k.id) + "' ") +
             fixed2(k.achievement) + " (weight " + num(k.weight) + ")";
  }
  out.progress = swa / sw;
  out.detail =
      "tracked_by: weighted mean of the KPIs' achievements " + parts + " = " + fixed2(out.progress);
  return out;
}

}  // namespace okrkit
