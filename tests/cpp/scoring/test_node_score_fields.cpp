// Tests of node_score_fields.hpp: the field table lists every NodeScore member
// once, in output order, and drives the JSON / CSV writers.
#include <catch2/catch.hpp>

#include <okrkit/io/scorecard_io.hpp>
#include <okrkit/scoring/node_score_fields.hpp>

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

using namespace okrkit;

namespace {
std::vector<std::string> names() {
  std::vector<std::string> out;
  for_each_field([&](const auto& f) { out.emplace_back(f.name); });
  return out;
}

// A row whose every member differs from its default, set through the table.
NodeScore filled() {
  NodeScore n;
  int k = 1;
  for_each_field([&](const auto& f) {
    using F = std::decay_t<decltype(f)>;
    auto& v = n.*(f.member);
    if constexpr (F::kind == FieldKind::text)
      v = "t" + std::to_string(k);
    else if constexpr (F::kind == FieldKind::number)
      v = k + 0.5;
    else if constexpr (F::kind == FieldKind::date)
      v = Date(2025, 1, static_cast<unsigned short>(k % 28 + 1));
    else if constexpr (F::kind == FieldKind::flag)
      v = true;
    else if constexpr (F::kind == FieldKind::count)
      v = static_cast<std::size_t>(k);
    else if constexpr (F::kind == FieldKind::diagnostics)
      v.push_back({Severity::warning, "c", "m", {"", 0, "n", "f"}});
    else if constexpr (F::kind == FieldKind::category) {
      using M = typename F::member_type;
      if constexpr (F::nullable)
        v = typename M::value_type{};
      else
        v = static_cast<M>(static_cast<int>(v) == 1 ? 2 : 1);  // not the default
    }
    ++k;
  });
  return n;
}
}  // namespace

TEST_CASE("node_score_fields: one entry per NodeScore member, names unique") {
  // The header's static_assert already ties the count to NodeScore's members
  // (aggregate arity); this repeats it where a failure names both numbers.
  CHECK(detail::aggregate_arity<NodeScore>() == node_score_field_count);
  const auto n = names();
  CHECK(n.size() == node_score_field_count);
  CHECK(std::set<std::string>(n.begin(), n.end()).size() == n.size());
  CHECK(n.front() == "id");
  CHECK(n.back() == "diagnostics");
  // 0.1's columns keep their positions (readers by position keep working)
  const std::vector<std::string> v01 = {"id",
                                        "kind",
                                        "parent",
                                        "unit",
                                        "value",
                                        "baseline",
                                        "target",
                                        "progress",
                                        "performance",
                                        "attainment",
                                        "grade",
                                        "band",
                                        "rating",
                                        "rule_label",
                                        "expected",
                                        "status",
                                        "health",
                                        "confidence",
                                        "value_date",
                                        "value_source",
                                        "score_source",
                                        "incomplete",
                                        "history_periods",
                                        "period_kind",
                                        "trend_slope",
                                        "trend",
                                        "trend_p",
                                        "forecast_model",
                                        "projected_value",
                                        "projected_progress",
                                        "probability",
                                        "run_rate",
                                        "target_date",
                                        "forecast_status"};
  CHECK(std::vector<std::string>(n.begin(), n.begin() + v01.size()) == v01);
}

TEST_CASE("node_score_fields: member pointers are distinct (no member listed twice)") {
  // Setting every member through the table leaves no member at its default:
  // a member listed twice would leave another one untouched.
  const NodeScore a = filled(), d{};
  CHECK(a.id != d.id);
  CHECK(a.title != d.title);
  CHECK(a.reason != d.reason);
  CHECK(a.planned == a.planned);  // not NaN
  CHECK(a.history_periods != d.history_periods);
  CHECK(a.band.has_value());
  CHECK(a.status != d.status);
  CHECK(a.forecast_status != d.forecast_status);
  CHECK(a.kind != d.kind);
  CHECK(a.value_source != d.value_source);
  CHECK(a.confidence.has_value());
  CHECK(a.target_date.has_value());
}

TEST_CASE("to_json and to_csv: one key / column per field, in table order") {
  Scorecard sc;
  sc.as_of = Date(2025, 5, 31);
  sc.nodes.push_back(filled());
  sc.nodes.push_back(NodeScore{});
  const auto j = nlohmann::ordered_json::parse(to_json(sc));
  std::vector<std::string> keys;
  for (const auto& [k, v] : j["nodes"][0].items()) keys.push_back(k);
  CHECK(keys == names());
  const std::string csv = to_csv(sc);
  std::string header;
  for (const auto& n : names()) header += (header.empty() ? "" : ",") + n;
  CHECK(csv.rfind(header + "\r\n", 0) == 0);
  // an empty row: NaN / no value -> "" and null; "not computed" text -> null
  const auto& e = j["nodes"][1];
  CHECK(e["planned"].is_null());
  CHECK(e["title"] == "");
  CHECK(e["trend"].is_null());
  CHECK(e["history_periods"] == 0);
  CHECK(e["target_date"].is_null());
}
