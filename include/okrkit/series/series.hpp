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
#include "okrkit/detail/enum_names.hpp"

namespace okrkit {

/// What two rows with the same series and date do: an error (the default),
/// or the last / first row in file order wins, or the values (and ratio
/// columns) are summed / averaged (missing values skipped).
enum class DuplicatePolicy { error, last, first, sum, mean };

namespace detail {
template <>
struct enum_names<DuplicatePolicy> {
  static constexpr std::array<std::pair<DuplicatePolicy, std::string_view>, 5> names{
      {{DuplicatePolicy::error, "error"},
       {DuplicatePolicy::last, "last"},
       {DuplicatePolicy::first, "first"},
       {DuplicatePolicy::sum, "sum"},
       {DuplicatePolicy::mean, "mean"}}};
};
}  // namespace detail

/// What SeriesStore::append() did with a row.
struct AppendResult {
  std::size_t series = 0;   ///< the series number
  bool new_series = false;  ///< the id was not in the store before
  bool changed = true;      ///< false when duplicates=first kept the existing row
};

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
    if (!chunk_of_.empty()) merge_chunks();
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
    if (!chunk_of_.empty()) merge_chunks();
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
  std::size_t size() const noexcept { return values_.size() + appended_; }
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
    if (s < chunk_of_.size() && chunk_of_[s] != no_chunk) {
      const Chunk& c = chunks_[chunk_of_[s]];
      SeriesView v;
      v.id = names_.at(s);
      v.days = c.days.data();
      v.values = c.values.data();
      if (ratio_) {
        v.numerators = c.numerators.data();
        v.denominators = c.denominators.data();
      }
      v.size = c.days.size();
      return v;
    }
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

  // Raw columns (sorted after finalize()). Rows appended with append() join
  // them at the next finalize(); until then reading a raw column throws
  // DomainError rather than return columns without those rows.
  const std::vector<std::uint32_t>& series_column() const { return merged(series_); }
  const std::vector<DayNumber>& day_column() const { return merged(days_); }
  const std::vector<double>& value_column() const { return merged(values_); }
  const std::vector<double>& numerator_column() const { return merged(numerators_); }
  const std::vector<double>& denominator_column() const { return merged(denominators_); }
  /// Rows appended since the last finalize() that are not yet in the raw
  /// columns (views and evaluate() see them already).
  bool has_pending_appends() const noexcept { return !chunk_of_.empty(); }

  /// Add one measurement to a finalized store, keeping it finalized (live
  /// scorecards: Scorecard::update()). The row goes to its date's place in
  /// its series (after rows of earlier dates). A row for a date the series
  /// already has follows `duplicates` as the readers do: error (DomainError
  /// naming series and date), last / first (the new / the existing row
  /// wins) or sum (values and ratio columns summed, missing skipped), each
  /// with an info note "duplicates-resolved". `mean` is refused for appended
  /// rows (the store keeps no count of the rows behind a value). Costs the
  /// size of the one series, not of the store: the series moves to a side
  /// buffer that finalize() merges back.
  AppendResult append(std::string_view series, DayNumber day, double value, double num = missing,
                      double den = missing, DuplicatePolicy duplicates = DuplicatePolicy::error) {
    if (!finalized_)
      throw DomainError(
          "series store: append() needs a finalized store (use add() before "
          "finalize())");
    if (duplicates == DuplicatePolicy::mean)
      throw DomainError(
          "series store: duplicates=mean cannot combine an appended row (the store "
          "keeps no count of the rows behind a value); use last, first or sum");
    AppendResult r;
    auto it = index_.find(std::string(series));
    if (it == index_.end()) {
      r.series = names_.size();
      r.new_series = true;
      names_.emplace_back(series);
      index_.emplace(names_.back(), static_cast<std::uint32_t>(r.series));
    } else {
      r.series = it->second;
    }
    if ((!std::isnan(num) || !std::isnan(den)) && !ratio_) {
      numerators_.assign(values_.size(), missing);
      denominators_.assign(values_.size(), missing);
      for (auto& c : chunks_) {
        c.numerators.assign(c.days.size(), missing);
        c.denominators.assign(c.days.size(), missing);
      }
      ratio_ = true;
    }
    Chunk& c = chunk(r.series);
    const auto pos = std::lower_bound(c.days.begin(), c.days.end(), day);
    const auto at = static_cast<std::size_t>(pos - c.days.begin());
    if (pos != c.days.end() && *pos == day) {
      // the last row of that date (the readers keep one row per date)
      std::size_t i = at;
      while (i + 1 < c.days.size() && c.days[i + 1] == day) ++i;
      const std::string where = "series '" + std::string(series) + "' already has a row for " +
                                format_date(from_day_number(day));
      if (duplicates == DuplicatePolicy::error)
        throw DomainError(where +
                          ": remove one, or choose how to combine them with duplicates="
                          "last|first|sum");
      const std::string how(
          detail::enum_names<DuplicatePolicy>::names[static_cast<std::size_t>(duplicates)].second);
      if (duplicates == DuplicatePolicy::first) {
        r.changed = false;
      } else if (duplicates == DuplicatePolicy::last) {
        c.values[i] = value;
        if (ratio_) {
          c.numerators[i] = num;
          c.denominators[i] = den;
        }
        c.lines[i] = 0;
      } else {
        auto add_to = [](double& x, double y) {
          if (std::isnan(y)) return;
          x = std::isnan(x) ? y : x + y;
        };
        add_to(c.values[i], value);
        if (ratio_) {
          add_to(c.numerators[i], num);
          add_to(c.denominators[i], den);
        }
      }
      notes_.push_back({Severity::info, "duplicates-resolved",
                        where + ": the appended row was combined by duplicates=" + how,
                        Location{"", 0, std::string(series), "date"}});
      return r;
    }
    const auto off = static_cast<std::ptrdiff_t>(at);
    c.days.insert(c.days.begin() + off, day);
    c.values.insert(c.values.begin() + off, value);
    c.lines.insert(c.lines.begin() + off, 0);
    if (ratio_) {
      c.numerators.insert(c.numerators.begin() + off, num);
      c.denominators.insert(c.denominators.begin() + off, den);
    }
    ++appended_;
    return r;
  }
  AppendResult append(std::string_view series, const Date& date, double value, double num = missing,
                      double den = missing, DuplicatePolicy duplicates = DuplicatePolicy::error) {
    return append(series, to_day_number(date), value, num, den, duplicates);
  }

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
    if (s < chunk_of_.size() && chunk_of_[s] != no_chunk)
      return Location{source_, chunks_[chunk_of_[s]].lines.at(i), "", ""};
    const std::size_t r = offsets_.at(s) + i;
    return Location{source_, r < lines_.size() ? lines_[r] : 0, "", ""};
  }
  /// Provenance of the data: info diagnostics a reader attached (e.g. how
  /// duplicate rows were combined), for the user to see beside the results.
  const std::vector<Diagnostic>& notes() const noexcept { return notes_; }
  void add_note(Diagnostic d) { notes_.push_back(std::move(d)); }

  /// A finalized store from columns already in store order: rows sorted by
  /// series number, then strictly increasing day (no duplicates), series
  /// numbered in the order of `names` and every name with at least one row.
  /// `numerators` / `denominators` empty or of the rows' length; the ratio
  /// columns are kept only when one of them holds a number (as add() does).
  /// What a reader that already grouped its rows uses instead of add() +
  /// finalize() (the Arrow importer): the same store, without the sort.
  /// Throws DomainError when the columns break these rules.
  static SeriesStore from_sorted(std::vector<std::string> names, std::vector<std::uint32_t> series,
                                 std::vector<DayNumber> days, std::vector<double> values,
                                 std::vector<double> numerators = {},
                                 std::vector<double> denominators = {}) {
    const std::size_t n = series.size();
    if (days.size() != n || values.size() != n || (!numerators.empty() && numerators.size() != n) ||
        (!denominators.empty() && denominators.size() != n))
      throw DomainError("series store: from_sorted() columns differ in length");
    SeriesStore st;
    st.offsets_.assign(names.size() + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
      if (series[i] >= names.size() ||
          (i > 0 &&
           (series[i] < series[i - 1] || (series[i] == series[i - 1] && days[i] <= days[i - 1]))))
        throw DomainError("series store: from_sorted() rows are not in store order");
      ++st.offsets_[series[i] + 1];
    }
    for (std::size_t s = 0; s < names.size(); ++s) {
      if (st.offsets_[s + 1] == 0)
        throw DomainError("series store: from_sorted() series '" + names[s] + "' has no row");
      st.offsets_[s + 1] += st.offsets_[s];
    }
    auto any_number = [](const std::vector<double>& v) {
      for (double x : v)
        if (!std::isnan(x)) return true;
      return false;
    };
    st.ratio_ = any_number(numerators) || any_number(denominators);
    if (st.ratio_) {
      if (numerators.empty()) numerators.assign(n, missing);
      if (denominators.empty()) denominators.assign(n, missing);
      st.numerators_ = std::move(numerators);
      st.denominators_ = std::move(denominators);
    }
    st.index_.reserve(names.size());
    for (std::size_t s = 0; s < names.size(); ++s)
      st.index_.emplace(names[s], static_cast<std::uint32_t>(s));
    st.names_ = std::move(names);
    st.series_ = std::move(series);
    st.days_ = std::move(days);
    st.values_ = std::move(values);
    st.finalized_ = true;
    return st;
  }

  /// Reserve room for `n` measurements.
  void reserve(std::size_t n) {
    series_.reserve(n);
    days_.reserve(n);
    values_.reserve(n);
  }

 private:
  /// One series' rows after append(), in date order (lines: 0 = appended).
  struct Chunk {
    std::vector<DayNumber> days;
    std::vector<double> values, numerators, denominators;
    std::vector<std::uint32_t> lines;
  };
  static constexpr std::uint32_t no_chunk = static_cast<std::uint32_t>(-1);

  template <class T>
  const std::vector<T>& merged(const std::vector<T>& v) const {
    if (!chunk_of_.empty())
      throw DomainError(
          "series store: rows were appended since finalize(); call finalize() "
          "before reading the raw columns");
    return v;
  }
  /// The side buffer of series `s`, created from its rows in the columns.
  Chunk& chunk(std::size_t s) {
    if (chunk_of_.size() < names_.size()) chunk_of_.resize(names_.size(), no_chunk);
    if (chunk_of_[s] != no_chunk) return chunks_[chunk_of_[s]];
    chunk_of_[s] = static_cast<std::uint32_t>(chunks_.size());
    Chunk& c = chunks_.emplace_back();
    if (s + 1 < offsets_.size()) {
      const std::size_t b = offsets_[s], e = offsets_[s + 1];
      const auto ib = static_cast<std::ptrdiff_t>(b), ie = static_cast<std::ptrdiff_t>(e);
      c.days.assign(days_.begin() + ib, days_.begin() + ie);
      c.values.assign(values_.begin() + ib, values_.begin() + ie);
      if (ratio_) {
        c.numerators.assign(numerators_.begin() + ib, numerators_.begin() + ie);
        c.denominators.assign(denominators_.begin() + ib, denominators_.begin() + ie);
      }
      if (lines_.size() == values_.size())
        c.lines.assign(lines_.begin() + ib, lines_.begin() + ie);
      else
        c.lines.assign(e - b, 0);
    }
    return c;
  }
  /// Rebuild the columns with the side buffers in their series' places.
  void merge_chunks() {
    const std::size_t ns = names_.size(), n = size();
    const bool keep_lines = lines_.size() == values_.size();
    std::vector<std::uint32_t> series, lines;
    std::vector<DayNumber> days;
    std::vector<double> values, nums, dens;
    series.reserve(n);
    days.reserve(n);
    values.reserve(n);
    if (keep_lines) lines.reserve(n);
    std::vector<std::size_t> offsets(ns + 1, 0);
    for (std::size_t s = 0; s < ns; ++s) {
      const std::uint32_t ci = s < chunk_of_.size() ? chunk_of_[s] : no_chunk;
      if (ci != no_chunk) {
        const Chunk& c = chunks_[ci];
        days.insert(days.end(), c.days.begin(), c.days.end());
        values.insert(values.end(), c.values.begin(), c.values.end());
        if (ratio_) {
          nums.insert(nums.end(), c.numerators.begin(), c.numerators.end());
          dens.insert(dens.end(), c.denominators.begin(), c.denominators.end());
        }
        if (keep_lines) lines.insert(lines.end(), c.lines.begin(), c.lines.end());
      } else if (s + 1 < offsets_.size()) {
        const auto ib = static_cast<std::ptrdiff_t>(offsets_[s]),
                   ie = static_cast<std::ptrdiff_t>(offsets_[s + 1]);
        days.insert(days.end(), days_.begin() + ib, days_.begin() + ie);
        values.insert(values.end(), values_.begin() + ib, values_.begin() + ie);
        if (ratio_) {
          nums.insert(nums.end(), numerators_.begin() + ib, numerators_.begin() + ie);
          dens.insert(dens.end(), denominators_.begin() + ib, denominators_.begin() + ie);
        }
        if (keep_lines) lines.insert(lines.end(), lines_.begin() + ib, lines_.begin() + ie);
      }
      series.resize(days.size(), static_cast<std::uint32_t>(s));
      offsets[s + 1] = days.size();
    }
    series_.swap(series);
    days_.swap(days);
    values_.swap(values);
    numerators_.swap(nums);
    denominators_.swap(dens);
    if (keep_lines) lines_.swap(lines);
    offsets_.swap(offsets);
    chunks_.clear();
    chunk_of_.clear();
    appended_ = 0;
  }
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
  std::vector<Chunk> chunks_;            // append(): series moved out of the columns
  std::vector<std::uint32_t> chunk_of_;  // series -> chunk (no_chunk), empty when none
  std::size_t appended_ = 0;             // rows in chunks_ beyond those copied from the columns
  bool ratio_ = false;                   // numerator/denominator columns exist
  bool finalized_ = true;                // an empty store is trivially finalized
};

}  // namespace okrkit
