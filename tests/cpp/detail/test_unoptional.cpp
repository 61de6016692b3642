// Tests for detail/unoptional.hpp: the element type under an optional, as the
// NodeScore field walkers (src/io/arrow_stream.cpp, bindings/register_scoring.cpp)
// see it, on the kinds of member the field table holds (numbers, text,
// optional dates such as NodeScore::value_date).
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <type_traits>

#include <okrkit/detail/unoptional.hpp>
#include <okrkit/scoring/node_score_fields.hpp>

using okrkit::detail::unoptional_t;

static_assert(std::is_same_v<unoptional_t<double>, double>);
static_assert(std::is_same_v<unoptional_t<std::optional<double>>, double>);
static_assert(std::is_same_v<unoptional_t<std::string>, std::string>);
static_assert(std::is_same_v<unoptional_t<std::optional<okrkit::Date>>, okrkit::Date>);
// One level only: an optional of an optional keeps the inner optional.
static_assert(std::is_same_v<unoptional_t<std::optional<std::optional<int>>>, std::optional<int>>);

TEST_CASE("unoptional_t strips one std::optional, and only that") {
  // The checks are the static_asserts above; this case makes the file a test.
  CHECK(std::is_same_v<unoptional_t<const char*>, const char*>);
}
