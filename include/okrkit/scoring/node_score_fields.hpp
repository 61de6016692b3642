// okrkit — the field table of NodeScore: one entry per member (name, member
// pointer, kind), in output-column order. It is the one list the JSON and CSV
// writers (src/io/scorecard_io.cpp), the Python binding (columns, node dicts,
// pickle state; bindings/register_scoring.cpp) and through it the DataFrame,
// Spark schema and Dask meta (python/okrkit/) walk, so they cannot drift.
//
// Adding a member to NodeScore: add its entry here (the static_assert at the
// end counts NodeScore's members and fails the build until you do), and the
// writers, binding and Python columns follow. docs/architecture.md has the
// checklist.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "okrkit/scoring/node_score.hpp"

namespace okrkit {

/// What a field holds; decides its JSON / CSV / Python form.
enum class FieldKind {
  text,         ///< std::string
  category,     ///< an enum with a detail::enum_names table (written by name)
  number,       ///< double (NaN / infinity -> null in JSON, "" in CSV for NaN)
  date,         ///< std::optional<Date> ("YYYY-MM-DD")
  flag,         ///< bool
  count,        ///< std::size_t
  diagnostics,  ///< std::vector<Diagnostic>
};

/// Field options.
enum FieldFlags : unsigned {
  field_none = 0,
  empty_is_none = 1,  ///< text: "" means "not computed" (JSON null, pandas None)
  ordered = 2,        ///< category: names run best to worst (an ordered categorical)
};

namespace detail {
template <class M, class = void>
struct field_traits;
template <>
struct field_traits<std::string> {
  static constexpr FieldKind kind = FieldKind::text;
  static constexpr bool nullable = false;
};
template <>
struct field_traits<double> {
  static constexpr FieldKind kind = FieldKind::number;
  static constexpr bool nullable = false;
};
template <>
struct field_traits<bool> {
  static constexpr FieldKind kind = FieldKind::flag;
  static constexpr bool nullable = false;
};
template <>
struct field_traits<std::size_t> {
  static constexpr FieldKind kind = FieldKind::count;
  static constexpr bool nullable = false;
};
template <>
struct field_traits<std::optional<Date>> {
  static constexpr FieldKind kind = FieldKind::date;
  static constexpr bool nullable = true;
};
template <>
struct field_traits<std::vector<Diagnostic>> {
  static constexpr FieldKind kind = FieldKind::diagnostics;
  static constexpr bool nullable = false;
};
template <class E>
struct field_traits<E, std::enable_if_t<std::is_enum_v<E>>> {
  static constexpr FieldKind kind = FieldKind::category;
  static constexpr bool nullable = false;
};
template <class T>
struct field_traits<std::optional<T>, std::enable_if_t<!std::is_same_v<T, Date>>> {
  static constexpr FieldKind kind = field_traits<T>::kind;
  static constexpr bool nullable = true;
};
}  // namespace detail

/// One entry of a field table: `record.*member` is the value of column `name`.
template <class Record, class M>
struct Field {
  using record_type = Record;
  using member_type = M;
  std::string_view name;
  M Record::*member;
  unsigned flags = field_none;
  static constexpr FieldKind kind = detail::field_traits<M>::kind;
  /// std::optional members: "no value" is a state of its own (null / None).
  static constexpr bool nullable = detail::field_traits<M>::nullable;
  constexpr bool has(FieldFlags f) const noexcept { return (flags & f) != 0; }
};

template <class Record, class M>
constexpr Field<Record, M> field(std::string_view name, M Record::*member,
                                 unsigned flags = field_none) noexcept {
  return {name, member, flags};
}

/// The columns of a scorecard row, in output order (one field per line).
// clang-format off
inline constexpr auto node_score_fields = std::make_tuple(
    field("id", &NodeScore::id),
    field("kind", &NodeScore::kind),
    field("parent", &NodeScore::parent),
    field("unit", &NodeScore::unit),
    field("value", &NodeScore::value),
    field("baseline", &NodeScore::baseline),
    field("target", &NodeScore::target),
    field("progress", &NodeScore::progress),
    field("performance", &NodeScore::performance),
    field("attainment", &NodeScore::attainment),
    field("grade", &NodeScore::grade),
    field("band", &NodeScore::band, ordered),
    field("rating", &NodeScore::rating),
    field("rule_label", &NodeScore::rule_label),
    field("expected", &NodeScore::expected),
    field("status", &NodeScore::status, ordered),
    field("health", &NodeScore::health),
    field("confidence", &NodeScore::confidence),
    field("value_date", &NodeScore::value_date),
    field("value_source", &NodeScore::value_source),
    field("score_source", &NodeScore::score_source),
    field("incomplete", &NodeScore::incomplete),
    field("history_periods", &NodeScore::history_periods),
    field("period_kind", &NodeScore::period_kind, empty_is_none),
    field("trend_slope", &NodeScore::trend_slope),
    field("trend", &NodeScore::trend, empty_is_none),
    field("trend_p", &NodeScore::trend_p),
    field("forecast_model", &NodeScore::forecast_model, empty_is_none),
    field("projected_value", &NodeScore::projected_value),
    field("projected_progress", &NodeScore::projected_progress),
    field("probability", &NodeScore::probability),
    field("run_rate", &NodeScore::run_rate),
    field("target_date", &NodeScore::target_date),
    field("forecast_status", &NodeScore::forecast_status, ordered),
    field("title", &NodeScore::title),
    field("reason", &NodeScore::reason),
    field("planned", &NodeScore::planned),
    field("p_success", &NodeScore::p_success),
    field("completed", &NodeScore::completed),
    field("remaining", &NodeScore::remaining),
    field("total", &NodeScore::total),
    field("zone", &NodeScore::zone, empty_is_none),
    field("zone_score", &NodeScore::zone_score),
    field("health_reason", &NodeScore::health_reason),
    field("scoring", &NodeScore::scoring, empty_is_none),
    field("scoring_detail", &NodeScore::scoring_detail, empty_is_none),
    field("diagnostics", &NodeScore::diagnostics));
// clang-format on

inline constexpr std::size_t node_score_field_count =
    std::tuple_size_v<std::decay_t<decltype(node_score_fields)>>;

/// Calls `f(field)` for every entry of the NodeScore table, in column order.
template <class F>
constexpr void for_each_field(F&& f) {
  std::apply([&](const auto&... fs) { (f(fs), ...); }, node_score_fields);
}

namespace detail {
// Number of members of an aggregate: the largest N for which T{x1, ..., xN}
// compiles with `any_member` convertible to every member type. Used to check
// that a field table lists every member (the same count).
struct any_member {  // NOLINT(readability-identifier-naming): a type trait, std style
  template <class T>
  constexpr operator T() const noexcept;  // declared only: used in unevaluated context
};
template <class T, class = void, class... A>
struct brace_constructible : std::false_type {};  // NOLINT(readability-identifier-naming): trait
template <class T, class... A>
struct brace_constructible<T, std::void_t<decltype(T{std::declval<A>()...})>, A...>
    : std::true_type {};
template <class T, class... A>
constexpr std::size_t aggregate_arity() {
  if constexpr (brace_constructible<T, void, A..., any_member>::value)
    return aggregate_arity<T, A..., any_member>();
  else
    return sizeof...(A);
}
}  // namespace detail

static_assert(std::is_aggregate_v<NodeScore>,
              "NodeScore must stay an aggregate: its member count checks the field table");
static_assert(detail::aggregate_arity<NodeScore>() == node_score_field_count,
              "NodeScore and node_score_fields disagree: add the new member to the table in "
              "include/okrkit/scoring/node_score_fields.hpp");

}  // namespace okrkit
