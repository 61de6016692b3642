// okrkit (private) — the value type under an optional: `unoptional_t<T>` is
// T, or U for std::optional<U>. The writers that walk the NodeScore field
// table (include/okrkit/scoring/node_score_fields.hpp) — the Arrow exporter
// (src/io/arrow_stream.cpp) and the Python field list
// (bindings/register_scoring.cpp) — use it to see a column's element type
// whether or not the member may be empty.
#pragma once

#include <optional>

namespace okrkit::detail {

template <class T>
// NOLINTNEXTLINE(readability-identifier-naming): a trait, std style (unoptional_t)
struct unoptional {
  using type = T;
};
template <class T>
struct unoptional<std::optional<T>> {
  using type = T;
};
template <class T>
using unoptional_t = typename unoptional<T>::type;

}  // namespace okrkit::detail
