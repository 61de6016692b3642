// okrkit — the derived-KPI expression language.
//
// A derived KPI is a formula over other series, evaluated per period:
// "leads / sessions * 100", "(promoters - detractors) / responses * 100",
// "if(spend > 0, revenue / spend, 0)". The text is parsed once into a flat
// postfix program (no host-code eval, no recursion at run time) and then run
// over whole columns, one block of rows at a time, so each operation is a
// tight loop the compiler vectorises (see docs/formulas.md for the grammar).
//
// Names: a series id is [A-Za-z_][A-Za-z0-9_.]* ("web.sessions", "q2_leads"),
// or any text between backticks (`series-id with spaces`). Functions: min,
// max (2+ args), abs, sqrt, round(x) / round(x, digits), if(cond, a, b).
//
// Missing values: a NaN input, a division by zero, the square root of a
// negative number or an overflow to ±inf give NaN in that row and an ExprIssue
// (index of the row, column of the expression text), never a crash or an inf.
// Comparisons give 1 or 0, and NaN when an operand is NaN.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "okrkit/core/error.hpp"

namespace okrkit {

namespace detail {
/// One instruction of the compiled postfix program.
enum class ExprOp : std::uint8_t {
  push_var,    ///< push column `index`
  push_const,  ///< push `value`
  neg,
  abs,
  sqrt,
  round,
  round_digits,  ///< round to `value` = 10^digits
  add,
  sub,
  mul,
  div,
  lt,
  le,
  gt,
  ge,
  eq,
  ne,
  min,
  max,
  select,  ///< if(cond, a, b)
};
struct ExprInstr {
  ExprOp op;
  std::uint32_t index{};   ///< variable index for push_var
  std::uint32_t column{};  ///< 1-based column of the operator / name in the text
  double value{};          ///< constant, or the rounding scale
};
class ExprParser;
}  // namespace detail

/// A missing result in one row: what made it missing and where.
struct ExprIssue {
  std::string code;      ///< "division-by-zero", "sqrt-of-negative", "missing-input",
                         ///< "infinite-input", "overflow", "not-a-number"
  std::size_t index{};   ///< 0-based row (period) index
  std::size_t column{};  ///< 1-based column in the expression text
  std::string message;   ///< "index 3: column 5: division by zero"
};

/// Values of an evaluation plus the rows that came out missing.
struct ExprResult {
  std::vector<double> values;     ///< one per row; NaN where an issue occurred
  std::vector<ExprIssue> issues;  ///< first `max_issues` missing rows, in row order
  std::size_t missing_rows = 0;   ///< all rows whose result is NaN (may exceed issues.size())

  /// One warning Diagnostic per issue ("expression '<text>': index 3: column 5: ..."),
  /// plus an info "issues-truncated" one when more rows were missing than listed.
  std::vector<Diagnostic> diagnostics(std::string_view text, const Location& where = {}) const;
};

/// A parsed, compiled expression. Immutable after construction: one
/// Expression may be evaluated from many threads at once.
class Expression {
 public:
  /// Longest accepted text, in bytes: a formula is a line of a model, not a program.
  static constexpr std::size_t max_length = 4096;
  /// Deepest nesting of parentheses, function calls and unary signs; keeps
  /// the recursive-descent parser far from the stack limit.
  static constexpr std::size_t max_depth = 100;
  /// Issues listed per evaluation by default (all missing rows are still counted).
  static constexpr std::size_t default_max_issues = 100;

  /// Parses and compiles `text`. Throws ParseError naming the 1-based column
  /// with a caret line, e.g. "expression 'a + * b': column 5: expected a
  /// number, name or '('\n  a + * b\n      ^". `where` (the model node and
  /// field holding the formula) prefixes every error and bind() problem.
  explicit Expression(std::string_view text, Location where = {});

  /// The expression text as given.
  const std::string& text() const noexcept { return text_; }
  /// Where the formula comes from, as given to the constructor.
  const Location& where() const noexcept { return where_; }
  /// Distinct variable (series) names, in order of first use. Columns passed
  /// to evaluate() follow this order.
  const std::vector<std::string>& names() const noexcept { return names_; }
  /// 1-based column of the first use of names()[i].
  std::size_t name_column(std::size_t i) const { return name_columns_.at(i); }

  /// For each of names(), its index in `available`. Throws ValidationError
  /// with one "unknown-name" problem per unknown name, naming its column.
  std::vector<std::size_t> bind(const std::vector<std::string>& available) const;

  /// Evaluates over `rows` rows: columns[i] points at the values of names()[i]
  /// (each `rows` long), results go to out[0..rows). Missing rows are counted
  /// and the first `max_issues` are explained in `issues` (may be null).
  /// Returns the number of missing (NaN) result rows. `out` may alias no input.
  /// Columns of 2^18 rows and more are split over up to `threads` threads
  /// (0 = one per hardware thread, 1 = the calling thread only).
  std::size_t evaluate(const double* const* columns, std::size_t rows, double* out,
                       std::vector<ExprIssue>* issues = nullptr,
                       std::size_t max_issues = default_max_issues, unsigned threads = 0) const;

  /// Columns in names() order, all of one length (DomainError otherwise).
  ExprResult evaluate(const std::vector<std::vector<double>>& columns,
                      std::size_t max_issues = default_max_issues) const;

  /// Columns by name; extra names are ignored, unknown ones are a
  /// ValidationError (see bind()), unequal lengths a DomainError.
  ExprResult evaluate(const std::map<std::string, std::vector<double>>& series,
                      std::size_t max_issues = default_max_issues) const;

  /// The compiled postfix program (for tests and tools).
  const std::vector<detail::ExprInstr>& program() const noexcept { return program_; }

 private:
  std::size_t evaluate_range(const double* const* columns, std::size_t begin, std::size_t end,
                             double* out, std::vector<ExprIssue>* issues,
                             std::size_t max_issues) const;
  void explain(const double* const* columns, std::size_t row, std::vector<ExprIssue>& out) const;

  std::string text_;
  Location where_;
  std::vector<std::string> names_;
  std::vector<std::size_t> name_columns_;
  std::vector<detail::ExprInstr> program_;
  std::size_t max_stack_ = 0;
  friend class detail::ExprParser;
};

}  // namespace okrkit
