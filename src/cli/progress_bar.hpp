// okrkit CLI (internal) — a text progress bar on stderr for long runs:
//   score  42% |████████            | 420/1000 [3.1s]
// the same look as python/okrkit/progressbar.py. Redrawn in place (\r) at most
// ten times a second and once at the end; finish() ends the line.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>
#include <utility>

#include <unistd.h>

namespace okrkit::cli {

/// When the bar is shown: `automatic` = only when stderr is a terminal and the
/// work is large (and then only once it has run for half a second, so quick
/// runs stay quiet); `on` / `off` force it (--progress / --no-progress).
enum class ProgressMode { automatic, on, off };

/// True when stderr is a terminal.
inline bool stderr_is_terminal() noexcept { return ::isatty(::fileno(stderr)) == 1; }

class ProgressBar {
 public:
  using Clock = std::chrono::steady_clock;

  /// `enabled` false: every call does nothing. `delay`: no drawing before
  /// this much time has passed (automatic mode).
  ProgressBar(std::string label, bool enabled, std::chrono::milliseconds delay = {})
      : label_(std::move(label)), enabled_(enabled), delay_(delay), start_(Clock::now()) {}
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar() { finish(); }

  /// Progress so far; draws when 0.1 s passed since the last draw or done == total.
  void update(std::size_t done, std::size_t total) {
    if (!enabled_) return;
    done_ = done;
    total_ = total;
    const auto now = Clock::now();
    if (now - start_ < delay_) return;
    if (drawn_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
    draw(now);
  }

  /// Ends the bar's line (only if anything was drawn). Idempotent.
  void finish() {
    if (!enabled_ || finished_) return;
    finished_ = true;
    if (!drawn_) return;
    if (drawn_done_ != done_) draw(Clock::now());
    std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  void draw(Clock::time_point now) {
    last_ = now;
    drawn_ = true;
    drawn_done_ = done_;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double f = total_ ? std::min(1.0, double(done_) / double(total_)) : 0.0;
    const int width = 20, fill = int(f * width + 0.5);
    std::string bar;
    for (int i = 0; i < width; ++i) bar += i < fill ? "\u2588" : " ";
    std::fprintf(stderr, "\r%s %3d%% |%s| %zu/%zu [%.1fs]", label_.c_str(), int(f * 100),
                 bar.c_str(), done_, total_, elapsed);
    std::fflush(stderr);
  }

  std::string label_;
  bool enabled_;
  std::chrono::milliseconds delay_;
  Clock::time_point start_, last_{};
  std::size_t done_ = 0, total_ = 0, drawn_done_ = 0;
  bool drawn_ = false, finished_ = false;
};

}  // namespace okrkit::cli
