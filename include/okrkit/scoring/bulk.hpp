// okrkit — bulk scoring: progress and attainment of millions of targets held
// in contiguous arrays (raw pointers; numpy via the bindings; Eigen arrays
// through the opt-in <okrkit/scoring/bulk_eigen.hpp>, so that this header and
// the scoring umbrella do not parse Eigen).
//
// Every row goes through the same kernels as the per-node path
// (progress_kernel(), attainment() in progress.hpp), so results are identical
// bit for bit. Chunks whose rows are all increase/decrease (the common case)
// run a branch-free loop the compiler vectorises; other chunks dispatch per
// row. Optional threads (detail/parallel.hpp) split the rows into contiguous blocks.
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "okrkit/core/error.hpp"
#include "okrkit/detail/parallel.hpp"
#include "okrkit/scoring/progress.hpp"

namespace okrkit {

/// Input columns of bulk scoring; optional columns are nullptr.
struct BulkColumns {
  std::size_t size = 0;
  const std::uint8_t* kind =
      nullptr;  ///< kind_code(TargetKind) per row; nullptr: all `default_kind`
  TargetKind default_kind = TargetKind::increase;
  const double* baseline = nullptr;  ///< b (required for increase / decrease; NaN = missing)
  const double* target = nullptr;    ///< t (milestone: total weight / count)
  const double* value = nullptr;     ///< v (milestone: done weight / count)
  const double* cap = nullptr;       ///< per-row cap; nullptr: `cap_value` for every row
  double cap_value = 1.0;            ///< +inf = uncapped
  const double* limit = nullptr;     ///< at_least floor / at_most ceiling; NaN = default
  const double* lo = nullptr;        ///< range band
  const double* hi = nullptr;
  const double* tolerance = nullptr;  ///< range fall-off distance; NaN = band width
  const double* scale_min = nullptr;  ///< performance scale (both or neither)
  const double* scale_max = nullptr;
};

/// Output columns (each of `size` doubles); performance only when both the
/// scale columns and this pointer are given.
struct BulkOutput {
  double* progress = nullptr;
  double* attainment = nullptr;
  double* performance = nullptr;
};

/// What a bulk call saw: NaN results are counted here since rows carry no
/// diagnostics of their own.
struct BulkSummary {
  std::size_t rows = 0;
  std::size_t nan_progress = 0;  ///< rows whose progress is NaN (missing input or unscorable)
  std::size_t bad_kind = 0;      ///< rows with an unknown kind code (progress NaN)
};

namespace detail {

inline constexpr std::size_t bulk_chunk = 2048;

inline bool linear_only(const std::uint8_t* kind, std::size_t n) noexcept {
  std::uint8_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) bad |= static_cast<std::uint8_t>(kind[i] > 1);
  return bad == 0;
}

// Increase/decrease rows [b, e), specialised on which columns exist so the
// loop has no invariant branches and vectorises (progress_linear and
// attainment are written as selects).
template <bool HasKind, bool HasCap>
inline std::size_t linear_rows(const BulkColumns& c, double* __restrict P, double* __restrict A,
                               std::size_t b, std::size_t e) noexcept {
  const std::uint8_t* __restrict K = c.kind;
  const double* __restrict B = c.baseline;
  const double* __restrict T = c.target;
  const double* __restrict V = c.value;
  const double* __restrict C = c.cap;
  const double s_all = c.default_kind == TargetKind::decrease ? -1.0 : 1.0;
  const double cap_all = c.cap_value;
  // Direction signs first: mixing byte and double columns in one loop keeps
  // GCC from vectorising it.
  double S[bulk_chunk];
  if (HasKind)
    for (std::size_t i = b; i < e; ++i) S[i - b] = K[i] == 1 ? -1.0 : 1.0;
  std::size_t i = b, nan = 0;
#if defined(__SSE2__)
  // The same IEEE operations as progress_linear_signed() and attainment(),
  // two rows at a time (GCC does not vectorise the scalar form under its
  // default -ftrapping-math): results are bit-identical to the scalar path.
  // NaN progress is counted in the same pass. (Non-temporal stores were
  // tried: no gain on reused outputs, slower on freshly faulted ones, whose
  // lines the kernel's zeroing has just put in the cache.)
  const __m128d zero = _mm_setzero_pd(), one = _mm_set1_pd(1.0), half = _mm_set1_pd(0.5);
  const __m128d sign = _mm_set1_pd(-0.0), dmax = _mm_set1_pd(std::numeric_limits<double>::max());
  for (; i + 2 <= e; i += 2) {
    const __m128d bb = _mm_loadu_pd(B + i), tt = _mm_loadu_pd(T + i), vv = _mm_loadu_pd(V + i);
    const __m128d ss = HasKind ? _mm_loadu_pd(S + (i - b)) : _mm_set1_pd(s_all);
    const __m128d d = _mm_sub_pd(tt, bb);
    const __m128d flat = _mm_cmpeq_pd(d, zero);
    const __m128d n = _mm_sub_pd(vv, bb), fl1 = _mm_and_pd(flat, one);
    __m128d q = _mm_div_pd(n, _mm_add_pd(d, fl1));
    // Spans that overflow (|v - b| or |t - b| > DBL_MAX): halve before
    // subtracting, as progress_linear_signed() does; rare, hence the branch.
    const __m128d big = _mm_or_pd(_mm_cmpgt_pd(_mm_andnot_pd(sign, n), dmax),
                                  _mm_cmpgt_pd(_mm_andnot_pd(sign, d), dmax));
    if (_mm_movemask_pd(big)) {
      const __m128d qh =
          _mm_div_pd(_mm_sub_pd(_mm_mul_pd(half, vv), _mm_mul_pd(half, bb)),
                     _mm_add_pd(_mm_sub_pd(_mm_mul_pd(half, tt), _mm_mul_pd(half, bb)), fl1));
      q = _mm_or_pd(_mm_and_pd(big, qh), _mm_andnot_pd(big, q));
    }
    const __m128d ge = _mm_cmpge_pd(_mm_mul_pd(ss, _mm_sub_pd(vv, tt)), zero);
    const __m128d met = _mm_add_pd(_mm_and_pd(ge, one), _mm_sub_pd(vv, vv));
    const __m128d p = _mm_or_pd(_mm_and_pd(flat, met), _mm_andnot_pd(flat, q));
    __m128d cc = HasCap ? _mm_loadu_pd(C + i) : _mm_set1_pd(cap_all);
    const __m128d cok = _mm_cmpge_pd(cc, zero);
    cc = _mm_or_pd(_mm_and_pd(cok, cc), _mm_andnot_pd(cok, one));
    const __m128d lo = _mm_andnot_pd(_mm_cmplt_pd(p, zero), p);
    const __m128d clt = _mm_cmplt_pd(cc, lo);
    const __m128d a = _mm_or_pd(_mm_and_pd(clt, cc), _mm_andnot_pd(clt, lo));
    _mm_storeu_pd(P + i, p);
    _mm_storeu_pd(A + i, a);
    static constexpr unsigned char bits[4] = {0, 1, 1, 2};
    nan += bits[_mm_movemask_pd(_mm_cmpunord_pd(p, p))];
  }
#endif
  for (; i < e; ++i) {
    const double p = progress_linear_signed(B[i], T[i], V[i], HasKind ? S[i - b] : s_all);
    P[i] = p;
    A[i] = attainment(p, HasCap ? C[i] : cap_all);
    nan += p != p;
  }
  return nan;
}

// Rows [b, e): the whole kernel, one formula for every path.
inline BulkSummary bulk_range(const BulkColumns& c, const BulkOutput& o, std::size_t b,
                              std::size_t e) noexcept {
  BulkSummary s;
  s.rows = e - b;
  const bool general = c.limit || c.lo || c.hi || c.tolerance;
  for (std::size_t c0 = b; c0 < e; c0 += bulk_chunk) {
    const std::size_t c1 = std::min(e, c0 + bulk_chunk);
    const bool fast = !general && (c.kind ? linear_only(c.kind + c0, c1 - c0)
                                          : (c.default_kind == TargetKind::increase ||
                                             c.default_kind == TargetKind::decrease));
    double* __restrict P = o.progress;
    double* __restrict A = o.attainment;
    const double* __restrict B = c.baseline;
    const double* __restrict T = c.target;
    const double* __restrict V = c.value;
    if (fast) {
      if (c.kind && c.cap)
        s.nan_progress += linear_rows<true, true>(c, P, A, c0, c1);
      else if (c.kind)
        s.nan_progress += linear_rows<true, false>(c, P, A, c0, c1);
      else if (c.cap)
        s.nan_progress += linear_rows<false, true>(c, P, A, c0, c1);
      else
        s.nan_progress += linear_rows<false, false>(c, P, A, c0, c1);
    } else {
      for (std::size_t i = c0; i < c1; ++i) {
        const std::uint8_t k = c.kind ? c.kind[i] : kind_code(c.default_kind);
        double p = nan_value;
        if (k <= kind_code(TargetKind::baseline)) {
          p = progress_kernel(static_cast<TargetKind>(k), B ? B[i] : nan_value,
                              T ? T[i] : nan_value, V[i], c.limit ? c.limit[i] : nan_value,
                              c.lo ? c.lo[i] : nan_value, c.hi ? c.hi[i] : nan_value,
                              c.tolerance ? c.tolerance[i] : nan_value);
        } else {
          ++s.bad_kind;
        }
        P[i] = p;
        A[i] = attainment(p, c.cap ? c.cap[i] : c.cap_value);
        s.nan_progress += p != p;
      }
    }
    if (o.performance && c.scale_min && c.scale_max)
      for (std::size_t i = c0; i < c1; ++i)
        o.performance[i] = performance_kernel(c.scale_min[i], c.scale_max[i], V[i]);
  }
  return s;
}

}  // namespace detail

/// Score `c.size` rows into `o` with up to `threads` threads (0 = hardware
/// concurrency; small inputs stay on the calling thread). Needs value,
/// progress and attainment columns, and baseline / target for the kinds that
/// read them (DomainError otherwise). Thread-safe; never throws after the checks.
inline BulkSummary score_bulk(const BulkColumns& c, const BulkOutput& o, unsigned threads = 1) {
  if (c.size == 0) return {};
  if (!c.value || !o.progress || !o.attainment)
    throw DomainError("bulk scoring needs value, progress and attainment arrays");
  if (!c.baseline || !c.target)
    throw DomainError("bulk scoring needs baseline and target arrays (NaN where unused)");
  // Threads pay off from 64k rows each; blocks hold whole chunks.
  const detail::Blocks blocks =
      detail::split(c.size, threads, std::size_t{1} << 16, detail::bulk_chunk);
  if (blocks.count == 1) return detail::bulk_range(c, o, 0, c.size);
  std::vector<BulkSummary> parts(blocks.count);
  detail::parallel_blocks(blocks, [&](std::size_t i, std::size_t b, std::size_t e) {
    parts[i] = detail::bulk_range(c, o, b, e);
  });
  BulkSummary s;
  for (const auto& p : parts) {
    s.rows += p.rows;
    s.nan_progress += p.nan_progress;
    s.bad_kind += p.bad_kind;
  }
  return s;
}

}  // namespace okrkit
