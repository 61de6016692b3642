// okrkit — Values: a read-only view of contiguous doubles (pointer + size).
//
// The trend functions take it instead of a container or an Eigen::Ref, so
// their headers include neither Eigen nor anything heavy: a file that includes
// okrkit does not pay for a library it may not use (docs/performance.md,
// "Compile cost of the headers"). It converts implicitly from std::vector,
// std::array, Eigen::VectorXd, Eigen::Map, a contiguous segment, std::span —
// any object whose .data() gives const double* and whose .size() is a count —
// and from (pointer, size). It never owns: the viewed values must outlive the
// call, which a temporary argument does.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace okrkit {

namespace detail {
template <class T, class = void>
// NOLINTNEXTLINE(readability-identifier-naming): a trait, std style
struct has_double_data : std::false_type {};
template <class T>
struct has_double_data<T, std::void_t<decltype(std::declval<const T&>().data()),
                                      decltype(std::declval<const T&>().size())>>
    : std::bool_constant<
          std::is_convertible_v<decltype(std::declval<const T&>().data()), const double*> &&
          std::is_integral_v<decltype(std::declval<const T&>().size())>> {};

// Eigen objects expose data() even when their values are strided (a row of a
// column-major matrix) or two-dimensional: those are refused at compile time
// rather than read wrongly. Evaluate them into a VectorXd first.
template <class T, class = void>
// NOLINTNEXTLINE(readability-identifier-naming): a trait, std style
struct contiguous_vector : std::true_type {};
template <class T>
struct contiguous_vector<
    T, std::void_t<decltype(T::InnerStrideAtCompileTime), decltype(T::IsVectorAtCompileTime)>>
    : std::bool_constant<T::InnerStrideAtCompileTime == 1 && bool(T::IsVectorAtCompileTime)> {};
}  // namespace detail

/// A read-only view of `size()` contiguous doubles; NaN marks a missing value
/// wherever the receiving function says so.
class Values {
 public:
  constexpr Values() noexcept = default;
  constexpr Values(const double* data, std::size_t size) noexcept : data_(data), size_(size) {}
  /// From any contiguous container of doubles (see the file comment).
  template <class C, std::enable_if_t<!std::is_same_v<std::decay_t<C>, Values> &&
                                          detail::has_double_data<std::decay_t<C>>::value &&
                                          detail::contiguous_vector<std::decay_t<C>>::value,
                                      int> = 0>
  constexpr Values(const C& c) noexcept  // NOLINT(google-explicit-constructor): a view
      : data_(c.data()), size_(static_cast<std::size_t>(c.size())) {}

  constexpr const double* data() const noexcept { return data_; }
  constexpr std::size_t size() const noexcept { return size_; }
  constexpr bool empty() const noexcept { return size_ == 0; }
  constexpr const double* begin() const noexcept { return data_; }
  constexpr const double* end() const noexcept { return data_ + size_; }
  constexpr double operator[](std::size_t i) const noexcept { return data_[i]; }

 private:
  const double* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace okrkit
