// okrkit._core — numpy conversions shared by the binding files that return
// per-row (bulk) results: the input array type, vectors out without a copy, and
// one column of a vector of results. Conversions only, no logic.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

namespace okrkit::python {

/// A float64 input array: C-contiguous, other dtypes converted (one copy then).
using Array = pybind11::array_t<double, pybind11::array::c_style | pybind11::array::forcecast>;

/// `v` as a 1-D numpy array that owns the vector's buffer (moved, not copied).
inline pybind11::array_t<double> to_array(std::vector<double> v) {
  auto* heap = new std::vector<double>(std::move(v));
  pybind11::capsule owner(heap, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  return pybind11::array_t<double>(static_cast<pybind11::ssize_t>(heap->size()), heap->data(),
                                   owner);
}

namespace array_detail {
template <class T, class Get>
double column_value(const T& row, Get& get) {
  return static_cast<double>(get(row));
}
/// Rows that failed (an empty optional) are NaN in every column.
template <class T, class Get>
double column_value(const std::optional<T>& row, Get& get) {
  return row ? static_cast<double>(get(*row)) : std::numeric_limits<double>::quiet_NaN();
}
}  // namespace array_detail

/// Column `get(row)` of per-row results as a 1-D float64 array (integers and
/// enums converted to double; rows held as an empty std::optional are NaN).
template <class T, class Get>
pybind11::array_t<double> result_column(const std::vector<T>& rows, Get get) {
  std::vector<double> v(rows.size());
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = array_detail::column_value(rows[i], get);
  return to_array(std::move(v));
}

}  // namespace okrkit::python
