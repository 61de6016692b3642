// okrkit — the columnar series store: measurements as (series, day, value,
// numerator, denominator) columns, grouped by series and sorted by date.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "okrkit/time/date.hpp"
#include "okrkit/core/error.hpp"

namespace okrkit {

/// A read-only view of one series' measurements, in date order.
struct SeriesView {
  std::string_view id;
  const DayNumber* days = nullptr;
  const double* values = nullptr;
  const double* numerators = nullptr;    ///< nullptr when the store has none
  const double* denominators = nullptr;  ///< nullptr when the store has none
  std::size_t size = 0;

  bool empty() const noexcept { return size == 0; }
  Date date(std::size_t i) const { return from_day_number(days[i]); }
};

/// Columnar measurements of many series. Add rows in any order, then call
/// finalize() once; after that the store is immutable and safe to share
/// between threads. Missing values are NaN and are kept (never dropped).
class SeriesStore {
 public:
  static constexpr double missing = std::numeric_limits<double>::quiet_NaN();

  /// Append one measurement. `num`/`den` are NaN when not given.
  void add(std::string_view series, DayNumber day, double value, double num = missing,
           double den = missing) {
    finalized_ = false;
    auto it = index_.find(std::string(series));
    std::uint32_t s;
    if (it == index_.end()) {
      s = static_cast<std::uint32_t>(names_.size());
      names_.emplace_back(series);
      index_.emplace(names_.back(), s);
    } else {
      s = it->second;
    }
    // A flag, not numerators_.empty(): the columns are empty when the very
    // first row brings the first numerator.
    if ((!std::isnan(num) || !std::isnan(den)) && !ratio_) {
      numerators_.assign(values_.size(), missing);
      denominators_.assign(values_.size(), missing);
      ratio_ = true;
    }
    series_.push_back(s);
    days_.push_back(day);
    values_.push_back(value);
    if (ratio_) {
      numerators_.push_back(num);
      denominators_.push_back(den);
    }
  }
  void add(std::string_view series, const Date& date, double value, double num = missing,
           double den = missing) {
    add(series, to_day_number(date), value, num, den);
  }

  /// Sort by (series, date), keeping input order among equal dates, and index.
  void finalize() {
    const std::size_t n = values_.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return series_[a] != series_[b] ? series_[a] < series_[b] : days_[a] < days_[b];
    });
    permute(series_, order);
    permute(days_, order);
    permute(values_, order);
    if (lines_.size() == n)
      permute(lines_, order);
    else
      lines_.clear();
    if (ratio_) {
      permute(numerators_, order);
      permute(denominators_, order);
    }
    offsets_.assign(names_.size() + 1, 0);
    for (auto s : series_) ++offsets_[s + 1];
    std::partial_sum(offsets_.begin(), offsets_.end(), offsets_.begin());
    finalized_ = true;
  }

  bool finalized() const noexcept { return finalized_; }
  /// Number of measurements.
  std::size_t size() const noexcept { return values_.size(); }
  /// Number of distinct series.
  std::size_t series_count() const noexcept { return names_.size(); }
  /// True when any measurement has a numerator or denominator.
  bool has_ratio_columns() const noexcept { return ratio_; }
  /// Series ids in first-seen order (index = series number).
  const std::vector<std::string>& series_ids() const noexcept { return names_; }

  /// Series number of an id, if present.
  std::optional<std::size_t> find(std::string_view id) const {
    auto it = index_.find(std::string(id));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  bool contains(std::string_view id) const { return find(id).has_value(); }

  /// The measurements of series number `s` (requires finalize()).
  SeriesView view(std::size_t s) const {
    require_finalized();
    const std::size_t b = offsets_.at(s), e = offsets_.at(s + 1);
    SeriesView v;
    v.id = names_[s];
    v.days = days_.data() + b;
    v.values = values_.data() + b;
    if (ratio_) {
      v.numerators = numerators_.data() + b;
      v.denominators = denominators_.data() + b;
    }
    v.size = e - b;
    return v;
  }
  /// The measurements of series `id`; an empty view when absent.
  SeriesView view(std::string_view id) const {
    if (auto s = find(id)) return view(*s);
    require_finalized();
    return SeriesView{id, nullptr, nullptr, nullptr, nullptr, 0};
  }

  // Raw columns (sorted after finalize()).
  const std::vector<std::uint32_t>& series_column() const noexcept { return series_; }
  const std::vector<DayNumber>& day_column() const noexcept { return days_; }
  const std::vector<double>& value_column() const noexcept { return values_; }
  const std::vector<double>& numerator_column() const noexcept { return numerators_; }
  const std::vector<double>& denominator_column() const noexcept { return denominators_; }

  /// Where the rows came from, so diagnostics can name them: the file and
  /// the line of each row in add() order (parse_measurements() sets it; call
  /// before finalize()). Stores built in memory have no origin.
  void set_origin(std::string file, std::vector<std::uint32_t> lines) {
    source_ = std::move(file);
    lines_ = std::move(lines);
  }
  /// file:line of row `i` of series number `s` (after finalize()); line 0
  /// when the store has no origin. `node` is left to the caller.
  Location row_location(std::size_t s, std::size_t i) const {
    const std::size_t r = offsets_.at(s) + i;
    return Location{source_, r < lines_.size() ? lines_[r] : 0, "", ""};
  }
  /// Provenance of the data: info diagnostics a reader attached (e.g. how
  /// duplicate rows were combined), for the user to see beside the results.
  const std::vector<Diagnostic>& notes() const noexcept { return notes_; }
  void add_note(Diagnostic d) { notes_.push_back(std::move(d)); }

  /// Reserve room for `n` measurements.
  void reserve(std::size_t n) {
    series_.reserve(n);
    days_.reserve(n);
    values_.reserve(n);
  }

 private:
  void require_finalized() const {
    if (!finalized_) throw DomainError("series store: call finalize() before reading");
  }
  template <class T>
  static void permute(std::vector<T>& v, const std::vector<std::size_t>& order) {
    std::vector<T> out(v.size());
    for (std::size_t i = 0; i < order.size(); ++i) out[i] = v[order[i]];
    v.swap(out);
  }

  std::vector<std::string> names_;
  std::unordered_map<std::string, std::uint32_t> index_;
  std::vector<std::uint32_t> series_;
  std::vector<DayNumber> days_;
  std::vector<double> values_, numerators_, denominators_;
  std::vector<std::size_t> offsets_;
  std::string source_;                // set_origin(): file of the rows
  std::vector<std::uint32_t> lines_;  // set_origin(): line of each row (or empty)
  std::vector<Diagnostic> notes_;
  bool ratio_ = false;     // numerator/denominator columns exist
  bool finalized_ = true;  // an empty store is trivially finalized
};

}  // namespace okrkit
