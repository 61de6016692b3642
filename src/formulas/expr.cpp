// okrkit — expression language: lexer, recursive-descent parser that emits a
// postfix program directly (with constant folding), block-wise column
// evaluator, and the scalar "explain" pass that says why a row is missing.
#include <okrkit/formulas/expr.hpp>

#include <okrkit/detail/parallel.hpp>
#include <okrkit/detail/utf8.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <memory>
#include <system_error>
#include <utility>

namespace okrkit {

namespace {

using detail::ExprInstr;
using detail::ExprOp;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double max_v = std::numeric_limits<double>::max();

// ---- the operations, one definition shared by the column loops and explain() ----

// Every "NaN when ..." is written as value + nan_if(cond) rather than
// cond ? NaN : value: GCC if-converts (and so vectorises) the former but not
// the latter when the value is a division (it might trap).
inline double nan_if(bool c) { return c ? nan_v : 0.0; }
inline double op_div(double a, double b) { return a / b + nan_if(b == 0.0); }
inline double op_sqrt(double a) { return std::sqrt(std::fabs(a)) + nan_if(a < 0.0); }
inline double cmp(bool r, double a, double b) {
  return (r ? 1.0 : 0.0) + nan_if(a != a || b != b);  // NaN never compares to 0/1
}
inline double op_min(double a, double b) { return (b < a ? b : a) + nan_if(a != a || b != b); }
inline double op_max(double a, double b) { return (b > a ? b : a) + nan_if(a != a || b != b); }
inline double op_select(double c, double a, double b) {
  return (c != 0.0 ? a : b) + nan_if(c != c);
}
// Half away from zero (as spreadsheets round), to `digits` decimals. Values of
// 2^52 and more are already integers, which also keeps a * 10^digits finite.
inline double op_round_digits(double a, double digits) {
  if (!(std::fabs(a) < 4503599627370496.0)) return a;
  if (digits >= 0) {
    double p = std::pow(10.0, digits);
    return std::round(a * p) / p;
  }
  double p = std::pow(10.0, -digits);
  return std::round(a / p) * p;
}

double apply1(ExprOp op, double a, double value) {
  switch (op) {
    case ExprOp::neg:
      return -a;
    case ExprOp::abs:
      return std::fabs(a);
    case ExprOp::sqrt:
      return op_sqrt(a);
    case ExprOp::round:
      return std::round(a);
    case ExprOp::round_digits:
      return op_round_digits(a, value);
    default:
      return nan_v;
  }
}

double apply2(ExprOp op, double a, double b) {
  switch (op) {
    case ExprOp::add:
      return a + b;
    case ExprOp::sub:
      return a - b;
    case ExprOp::mul:
      return a * b;
    case ExprOp::div:
      return op_div(a, b);
    case ExprOp::lt:
      return cmp(a < b, a, b);
    case ExprOp::le:
      return cmp(a <= b, a, b);
    case ExprOp::gt:
      return cmp(a > b, a, b);
    case ExprOp::ge:
      return cmp(a >= b, a, b);
    case ExprOp::eq:
      return cmp(a == b, a, b);
    case ExprOp::ne:
      return cmp(a != b, a, b);
    case ExprOp::min:
      return op_min(a, b);
    case ExprOp::max:
      return op_max(a, b);
    default:
      return nan_v;
  }
}

int arity(ExprOp op) {
  switch (op) {
    case ExprOp::push_var:
    case ExprOp::push_const:
      return 0;
    case ExprOp::neg:
    case ExprOp::abs:
    case ExprOp::sqrt:
    case ExprOp::round:
    case ExprOp::round_digits:
      return 1;
    case ExprOp::select:
      return 3;
    default:
      return 2;
  }
}

// ---- column loops: plain indexed loops over one block, vectorised by the compiler ----

// The output never aliases an input (evaluate() double-buffers each stack
// level), so the loops are __restrict and need no run-time overlap checks.
template <class F>
void map1(const double* __restrict a, double* __restrict o, std::size_t m, F f) {
  for (std::size_t i = 0; i < m; ++i) o[i] = f(a[i]);
}
template <class F>
void map2(const double* __restrict a, const double* __restrict b, double* __restrict o,
          std::size_t m, F f) {
  for (std::size_t i = 0; i < m; ++i) o[i] = f(a[i], b[i]);
}

void run1(ExprOp op, double value, const double* a, double* o, std::size_t m) {
  switch (op) {
    case ExprOp::neg:
      map1(a, o, m, [](double x) { return -x; });
      break;
    case ExprOp::abs:
      map1(a, o, m, [](double x) { return std::fabs(x); });
      break;
    case ExprOp::sqrt:
      map1(a, o, m, [](double x) { return op_sqrt(x); });
      break;
    case ExprOp::round:
      map1(a, o, m, [](double x) { return std::round(x); });
      break;
    case ExprOp::round_digits:
      map1(a, o, m, [value](double x) { return op_round_digits(x, value); });
      break;
    default:
      break;
  }
}

void run2(ExprOp op, const double* a, const double* b, double* o, std::size_t m) {
  switch (op) {
    case ExprOp::add:
      map2(a, b, o, m, [](double x, double y) { return x + y; });
      break;
    case ExprOp::sub:
      map2(a, b, o, m, [](double x, double y) { return x - y; });
      break;
    case ExprOp::mul:
      map2(a, b, o, m, [](double x, double y) { return x * y; });
      break;
    case ExprOp::div:
      map2(a, b, o, m, [](double x, double y) { return op_div(x, y); });
      break;
    case ExprOp::lt:
      map2(a, b, o, m, [](double x, double y) { return cmp(x < y, x, y); });
      break;
    case ExprOp::le:
      map2(a, b, o, m, [](double x, double y) { return cmp(x <= y, x, y); });
      break;
    case ExprOp::gt:
      map2(a, b, o, m, [](double x, double y) { return cmp(x > y, x, y); });
      break;
    case ExprOp::ge:
      map2(a, b, o, m, [](double x, double y) { return cmp(x >= y, x, y); });
      break;
    case ExprOp::eq:
      map2(a, b, o, m, [](double x, double y) { return cmp(x == y, x, y); });
      break;
    case ExprOp::ne:
      map2(a, b, o, m, [](double x, double y) { return cmp(x != y, x, y); });
      break;
    case ExprOp::min:
      map2(a, b, o, m, [](double x, double y) { return op_min(x, y); });
      break;
    case ExprOp::max:
      map2(a, b, o, m, [](double x, double y) { return op_max(x, y); });
      break;
    default:
      break;
  }
}

void run3(const double* __restrict c, const double* __restrict a, const double* __restrict b,
          double* __restrict o, std::size_t m) {
  for (std::size_t i = 0; i < m; ++i) o[i] = op_select(c[i], a[i], b[i]);
}

// ---- text helpers ----

// 1-based column of byte offset `pos`: counts UTF-8 code points, so the caret
// lines up under non-ASCII series names too.
std::size_t column_of(std::string_view text, std::size_t pos) {
  return 1 + detail::utf8_count(text.substr(0, pos));
}

std::string one_line(std::string_view text) {
  std::string s(text);
  for (auto& ch : s)
    if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
  return s;
}

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '.'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string fmt_index_column(std::size_t index, std::size_t column) {
  return "index " + std::to_string(index) + ": column " + std::to_string(column) + ": ";
}

}  // namespace

// ---- parser ----

namespace detail {

class ExprParser {
 public:
  enum class Tok {
    number,
    name,
    lparen,
    rparen,
    comma,
    plus,
    minus,
    star,
    slash,
    lt,
    le,
    gt,
    ge,
    eq,
    ne,
    end
  };
  struct Token {
    Tok kind;
    std::size_t pos;  // byte offset
    std::string text;
    double value = 0;
  };

  explicit ExprParser(Expression& e) : e_(e), text_(e.text_) {}

  void run() {
    if (text_.size() > Expression::max_length) {
      std::string head = one_line(std::string_view(text_).substr(0, 20));
      throw ParseError("expression '" + head + "...': column " +
                           std::to_string(column_of(text_, Expression::max_length)) +
                           ": longer than the limit of " + std::to_string(Expression::max_length) +
                           " characters",
                       e_.where_);
    }
    lex();
    if (toks_.front().kind == Tok::end) fail(0, "empty expression");
    parse_expr();
    const Token& t = peek();
    if (t.kind == Tok::rparen) fail(t.pos, "unmatched ')'");
    if (t.kind != Tok::end) fail(t.pos, "expected an operator or the end");
    // Stack depth of the program: one scratch block per level at run time.
    std::size_t sp = 0, mx = 0;
    for (const auto& in : e_.program_) {
      int n = arity(in.op);
      sp = sp + 1 - static_cast<std::size_t>(n);
      mx = std::max(mx, sp);
    }
    e_.max_stack_ = mx;
  }

 private:
  [[noreturn]] void fail(std::size_t pos, const std::string& what) const {
    std::size_t col = column_of(text_, pos);
    std::string line = one_line(text_);
    throw ParseError("expression '" + line + "': column " + std::to_string(col) + ": " + what +
                         "\n  " + line + "\n  " + std::string(col - 1, ' ') + "^",
                     e_.where_);
  }

  void lex() {
    const std::string& s = text_;
    std::size_t i = 0, n = s.size();
    while (true) {
      while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
      if (i >= n) break;
      char c = s[i];
      std::size_t start = i;
      if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(s[i + 1]))) {
        while (i < n && is_digit(s[i])) ++i;
        if (i < n && s[i] == '.') {
          ++i;
          while (i < n && is_digit(s[i])) ++i;
        }
        bool bad = false;
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
          ++i;
          if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
          if (i < n && is_digit(s[i])) {
            while (i < n && is_digit(s[i])) ++i;
          } else {
            bad = true;
          }
        }
        while (i < n && is_name_char(s[i])) {  // "2x", "1.2.3", "1e5e"
          bad = true;
          ++i;
        }
        std::string word = s.substr(start, i - start);
        if (bad) fail(start, "malformed number '" + word + "'");
        double v = 0;
        auto r = std::from_chars(word.data(), word.data() + word.size(), v);
        if (r.ec == std::errc::result_out_of_range || !std::isfinite(v)) {
          // from_chars reports underflow (1e-999) as out of range too: that one is 0.
          bool tiny = word.find("e-") != std::string::npos || word.find("E-") != std::string::npos;
          if (!tiny) fail(start, "number out of range '" + word + "'");
          v = 0.0;
        } else if (r.ec != std::errc() || r.ptr != word.data() + word.size()) {
          fail(start, "malformed number '" + word + "'");
        }
        toks_.push_back({Tok::number, start, word, v});
        continue;
      }
      if (is_name_start(c)) {
        while (i < n && is_name_char(s[i])) ++i;
        toks_.push_back({Tok::name, start, s.substr(start, i - start)});
        continue;
      }
      if (c == '`') {
        std::size_t close = s.find('`', i + 1);
        if (close == std::string::npos) fail(start, "unterminated quoted name");
        if (close == i + 1) fail(start, "empty quoted name");
        toks_.push_back({Tok::name, start, s.substr(i + 1, close - i - 1)});
        i = close + 1;
        continue;
      }
      auto two = [&](char next) { return i + 1 < n && s[i + 1] == next; };
      Tok k;
      std::size_t len = 1;
      switch (c) {
        case '(':
          k = Tok::lparen;
          break;
        case ')':
          k = Tok::rparen;
          break;
        case ',':
          k = Tok::comma;
          break;
        case '+':
          k = Tok::plus;
          break;
        case '-':
          k = Tok::minus;
          break;
        case '*':
          k = Tok::star;
          break;
        case '/':
          k = Tok::slash;
          break;
        case '<':
          k = two('=') ? (len = 2, Tok::le) : Tok::lt;
          break;
        case '>':
          k = two('=') ? (len = 2, Tok::ge) : Tok::gt;
          break;
        case '=':
          if (!two('=')) fail(start, "unexpected character '='; compare with '=='");
          k = Tok::eq, len = 2;
          break;
        case '!':
          if (!two('=')) fail(start, "unexpected character '!'; use '!=' or if()");
          k = Tok::ne, len = 2;
          break;
        default: {
          // Name the whole UTF-8 code point, not its first byte.
          const std::size_t j = detail::utf8_char_end(s, i);
          fail(start, "unexpected character '" + s.substr(i, j - i) + "'");
        }
      }
      toks_.push_back({k, start, s.substr(start, len)});
      i += len;
    }
    toks_.push_back({Tok::end, n, ""});
  }

  const Token& peek() const { return toks_[pos_]; }
  const Token& next() { return toks_[pos_++]; }

  void enter(const Token& t) {
    if (++depth_ > Expression::max_depth)
      fail(t.pos, "nested deeper than " + std::to_string(Expression::max_depth) + " levels");
  }
  void leave() { --depth_; }

  std::uint32_t col(const Token& t) const {
    return static_cast<std::uint32_t>(column_of(text_, t.pos));
  }

  // Emits an operator, folding it when all operands are constants (each
  // constant operand is exactly one push_const at the end of the program).
  // A fold that would give NaN/inf is left to run time, where it is reported.
  void emit(ExprOp op, std::uint32_t column, double value = 0) {
    auto& p = e_.program_;
    int n = arity(op);
    bool all_const = n > 0 && p.size() >= static_cast<std::size_t>(n);
    for (int k = 1; all_const && k <= n; ++k)
      all_const = p[p.size() - static_cast<std::size_t>(k)].op == ExprOp::push_const;
    if (all_const) {
      double r;
      std::size_t base = p.size() - static_cast<std::size_t>(n);
      if (n == 1)
        r = apply1(op, p[base].value, value);
      else if (n == 2)
        r = apply2(op, p[base].value, p[base + 1].value);
      else
        r = op_select(p[base].value, p[base + 1].value, p[base + 2].value);
      if (std::isfinite(r)) {
        p.resize(base);
        p.push_back({ExprOp::push_const, 0, column, r});
        return;
      }
    }
    p.push_back({op, 0, column, value});
  }

  void parse_expr() {
    parse_additive();
    auto is_cmp = [](Tok k) {
      return k == Tok::lt || k == Tok::le || k == Tok::gt || k == Tok::ge || k == Tok::eq ||
             k == Tok::ne;
    };
    if (!is_cmp(peek().kind)) return;
    const Token& t = next();
    parse_additive();
    ExprOp op = t.kind == Tok::lt   ? ExprOp::lt
                : t.kind == Tok::le ? ExprOp::le
                : t.kind == Tok::gt ? ExprOp::gt
                : t.kind == Tok::ge ? ExprOp::ge
                : t.kind == Tok::eq ? ExprOp::eq
                                    : ExprOp::ne;
    emit(op, col(t));
    if (is_cmp(peek().kind)) fail(peek().pos, "comparisons do not chain; use parentheses or if()");
  }

  void parse_additive() {
    parse_term();
    while (peek().kind == Tok::plus || peek().kind == Tok::minus) {
      const Token& t = next();
      parse_term();
      emit(t.kind == Tok::plus ? ExprOp::add : ExprOp::sub, col(t));
    }
  }

  void parse_term() {
    parse_unary();
    while (peek().kind == Tok::star || peek().kind == Tok::slash) {
      const Token& t = next();
      parse_unary();
      emit(t.kind == Tok::star ? ExprOp::mul : ExprOp::div, col(t));
    }
  }

  void parse_unary() {
    const Token& t = peek();
    if (t.kind == Tok::minus || t.kind == Tok::plus) {
      next();
      enter(t);
      parse_unary();
      if (t.kind == Tok::minus) emit(ExprOp::neg, col(t));
      leave();
      return;
    }
    parse_primary();
  }

  void parse_primary() {
    const Token& t = next();
    switch (t.kind) {
      case Tok::number:
        e_.program_.push_back({ExprOp::push_const, 0, col(t), t.value});
        return;
      case Tok::name:
        if (peek().kind == Tok::lparen) return parse_call(t);
        e_.program_.push_back({ExprOp::push_var, name_index(t), col(t), 0});
        return;
      case Tok::lparen: {
        enter(t);
        parse_expr();
        const Token& c = peek();
        if (c.kind != Tok::rparen)
          fail(c.pos, "expected ')' to close the '(' at column " + std::to_string(col(t)));
        next();
        leave();
        return;
      }
      case Tok::end:
        fail(t.pos, "expected a number, name or '(' at the end");
      default:
        fail(t.pos, "expected a number, name or '('");
    }
  }

  std::uint32_t name_index(const Token& t) {
    auto& names = e_.names_;
    auto it = std::find(names.begin(), names.end(), t.text);
    if (it != names.end()) return static_cast<std::uint32_t>(it - names.begin());
    names.push_back(t.text);
    e_.name_columns_.push_back(col(t));
    return static_cast<std::uint32_t>(names.size() - 1);
  }

  void parse_call(const Token& fn) {
    const std::string& f = fn.text;
    static const std::array<const char*, 6> known{"abs", "if", "max", "min", "round", "sqrt"};
    if (std::find_if(known.begin(), known.end(), [&](const char* k) { return f == k; }) ==
        known.end())
      fail(fn.pos, "unknown function '" + f + "'; known: abs, if, max, min, round, sqrt");
    const Token& open = next();  // '('
    enter(open);
    std::size_t args = 0;
    std::size_t last_arg_pos = open.pos;
    std::uint32_t c = col(fn);
    if (peek().kind != Tok::rparen) {
      while (true) {
        last_arg_pos = peek().pos;
        parse_expr();
        ++args;
        if ((f == "min" || f == "max") && args >= 2)
          emit(f == "min" ? ExprOp::min : ExprOp::max, c);
        if (peek().kind == Tok::comma) {
          next();
          continue;
        }
        if (peek().kind == Tok::rparen) break;
        fail(peek().pos,
             "expected ',' or ')' in the call of " + f + "() at column " + std::to_string(c));
      }
    }
    next();  // ')'
    leave();
    auto wrong = [&](const char* want) {
      fail(fn.pos, f + "() takes " + want + ", got " + std::to_string(args));
    };
    if (f == "abs" || f == "sqrt") {
      if (args != 1) wrong("1 argument");
      emit(f == "abs" ? ExprOp::abs : ExprOp::sqrt, c);
    } else if (f == "min" || f == "max") {
      if (args < 2) wrong("at least 2 arguments");
    } else if (f == "if") {
      if (args != 3) wrong("3 arguments");
      emit(ExprOp::select, c);
    } else {  // round
      if (args == 1) {
        emit(ExprOp::round, c);
      } else if (args == 2) {
        auto& p = e_.program_;
        double d = p.back().value;
        if (p.back().op != ExprOp::push_const || d != std::floor(d) || d < -15 || d > 15)
          fail(last_arg_pos, "round() digits must be a whole number from -15 to 15");
        p.pop_back();
        emit(ExprOp::round_digits, c, d);
      } else {
        wrong("1 or 2 arguments");
      }
    }
  }

  Expression& e_;
  const std::string& text_;
  std::vector<Token> toks_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
};

}  // namespace detail

Expression::Expression(std::string_view text, Location where)
    : text_(text), where_(std::move(where)) {
  detail::ExprParser p(*this);
  p.run();
}

std::vector<std::size_t> Expression::bind(const std::vector<std::string>& available) const {
  std::vector<std::size_t> idx;
  std::vector<Diagnostic> problems;
  for (std::size_t i = 0; i < names_.size(); ++i) {
    auto it = std::find(available.begin(), available.end(), names_[i]);
    if (it == available.end()) {
      problems.push_back({Severity::error, "unknown-name",
                          "expression '" + one_line(text_) + "': column " +
                              std::to_string(name_columns_[i]) + ": unknown name '" + names_[i] +
                              "'",
                          where_});
    } else {
      idx.push_back(static_cast<std::size_t>(it - available.begin()));
    }
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
  return idx;
}

std::size_t Expression::evaluate(const double* const* columns, std::size_t rows, double* out,
                                 std::vector<ExprIssue>* issues, std::size_t max_issues,
                                 unsigned threads) const {
  if (rows == 0) return 0;
  // Threads pay off only for long columns (a thread costs tens of microseconds).
  constexpr std::size_t rows_per_thread = std::size_t{1} << 18;
  const detail::Blocks blocks =
      detail::split(rows, std::min(detail::thread_count(threads), 64u), rows_per_thread);
  if (blocks.count == 1) return evaluate_range(columns, 0, rows, out, issues, max_issues);
  // Contiguous blocks; issues are gathered per block, then merged in row order.
  const std::size_t t = blocks.count;
  std::vector<std::size_t> missing(t, 0);
  std::vector<std::vector<ExprIssue>> found(t);
  detail::parallel_blocks(blocks, [&](std::size_t i, std::size_t b, std::size_t e) {
    missing[i] = evaluate_range(columns, b, e, out, issues ? &found[i] : nullptr, max_issues);
  });
  std::size_t total = 0;
  for (std::size_t i = 0; i < t; ++i) {
    total += missing[i];
    if (!issues) continue;
    for (auto& is : found[i]) {
      if (issues->size() >= max_issues) break;
      issues->push_back(std::move(is));
    }
  }
  return total;
}

std::size_t Expression::evaluate_range(const double* const* columns, std::size_t begin,
                                       std::size_t end, double* out, std::vector<ExprIssue>* issues,
                                       std::size_t max_issues) const {
  if (begin >= end) return 0;
  const std::size_t rows = end - begin;
  // Blocks of 256 rows: each scratch column is 2 KiB, so a whole program's
  // working set stays in L1 while each operation is still a vectorised loop.
  constexpr std::size_t block_rows = 256;
  const std::size_t blk = std::min(block_rows, rows);
  const auto& prog = program_;

  // Constants are materialised once as full blocks, so every operation is a
  // plain vector-vector loop (no per-element branching on operand kinds).
  std::vector<double> const_values;
  std::vector<std::size_t> const_slot(prog.size(), 0);
  for (std::size_t k = 0; k < prog.size(); ++k) {
    if (prog[k].op != ExprOp::push_const) continue;
    auto it = std::find_if(const_values.begin(), const_values.end(), [&](double v) {
      return v == prog[k].value && std::signbit(v) == std::signbit(prog[k].value);
    });
    const_slot[k] = static_cast<std::size_t>(it - const_values.begin());
    if (it == const_values.end()) const_values.push_back(prog[k].value);
  }
  // Two scratch blocks per stack level: an operation at level L reads the
  // block st[L] points at and writes the other one, so no loop works in place.
  std::unique_ptr<double[]> mem(new double[(2 * max_stack_ + const_values.size()) * blk]);
  double* scratch = mem.get();
  double* consts = scratch + 2 * max_stack_ * blk;
  auto target = [&](std::size_t level, const double* in) {
    double* first = scratch + 2 * level * blk;
    return in == first ? first + blk : first;
  };
  for (std::size_t c = 0; c < const_values.size(); ++c)
    std::fill(consts + c * blk, consts + (c + 1) * blk, const_values[c]);
  std::vector<const double*> st(max_stack_ + 1);

  std::size_t missing = 0;
  const bool copy_last = arity(prog.back().op) == 0;
  for (std::size_t s = begin; s < end; s += blk) {
    const std::size_t m = std::min(blk, end - s);
    std::size_t sp = 0;
    for (std::size_t k = 0; k < prog.size(); ++k) {
      const ExprInstr& in = prog[k];
      const bool last = k + 1 == prog.size();
      switch (in.op) {
        case ExprOp::push_var:
          st[sp++] = columns[in.index] + s;
          break;
        case ExprOp::push_const:
          st[sp++] = consts + const_slot[k] * blk;
          break;
        case ExprOp::neg:
        case ExprOp::abs:
        case ExprOp::sqrt:
        case ExprOp::round:
        case ExprOp::round_digits: {
          double* o = last ? out + s : target(sp - 1, st[sp - 1]);
          run1(in.op, in.value, st[sp - 1], o, m);
          st[sp - 1] = o;
          break;
        }
        case ExprOp::select: {
          double* o = last ? out + s : target(sp - 3, st[sp - 3]);
          run3(st[sp - 3], st[sp - 2], st[sp - 1], o, m);
          sp -= 2;
          st[sp - 1] = o;
          break;
        }
        default: {
          double* o = last ? out + s : target(sp - 2, st[sp - 2]);
          run2(in.op, st[sp - 2], st[sp - 1], o, m);
          --sp;
          st[sp - 1] = o;
          break;
        }
      }
    }
    double* o = out + s;
    if (copy_last) std::copy(st[0], st[0] + m, o);
    // Branch-free scan for NaN/inf; the slow path below runs only for blocks that have one.
    // x * 0 is 0 for finite x and NaN otherwise; two running sums vectorise.
    double acc0 = 0.0, acc1 = 0.0;
    std::size_t i2 = 0;
    for (; i2 + 1 < m; i2 += 2) {
      acc0 += o[i2] * 0.0;
      acc1 += o[i2 + 1] * 0.0;
    }
    if (i2 < m) acc0 += o[i2] * 0.0;
    if (acc0 == 0.0 && acc1 == 0.0) continue;
    for (std::size_t i = 0; i < m; ++i) {
      if (std::fabs(o[i]) <= max_v) continue;
      o[i] = nan_v;
      ++missing;
      if (issues && issues->size() < max_issues) explain(columns, s + i, *issues);
    }
  }
  return missing;
}

// Re-runs one row with scalars, carrying for every non-finite value the
// instruction that first made it so; the result's cause is the row's issue.
// if() picks its branch's cause, so a division by zero in the branch not
// taken is never reported.
void Expression::explain(const double* const* columns, std::size_t row,
                         std::vector<ExprIssue>& out) const {
  struct Val {
    double v;
    std::size_t cause;  // instruction index, or npos when finite
  };
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::vector<Val> st;
  st.reserve(max_stack_);
  auto first_bad = [&](std::initializer_list<Val> vs) {
    for (const Val& x : vs)
      if (x.v != x.v) return x.cause;  // a NaN operand first, then an infinite one
    for (const Val& x : vs)
      if (!std::isfinite(x.v)) return x.cause;
    return none;
  };
  for (std::size_t k = 0; k < program_.size(); ++k) {
    const ExprInstr& in = program_[k];
    switch (in.op) {
      case ExprOp::push_var: {
        double v = columns[in.index][row];
        st.push_back({v, std::isfinite(v) ? none : k});
        break;
      }
      case ExprOp::push_const:
        st.push_back({in.value, none});
        break;
      case ExprOp::select: {
        Val b = st.back();
        st.pop_back();
        Val a = st.back();
        st.pop_back();
        Val c = st.back();
        st.pop_back();
        if (c.v != c.v)
          st.push_back(c);
        else
          st.push_back(c.v != 0.0 ? a : b);
        break;
      }
      default:
        if (arity(in.op) == 1) {
          Val a = st.back();
          double r = apply1(in.op, a.v, in.value);
          st.back() = {r, std::isfinite(r) ? none : (std::isfinite(a.v) ? k : a.cause)};
        } else {
          Val b = st.back();
          st.pop_back();
          Val a = st.back();
          double r = apply2(in.op, a.v, b.v);
          std::size_t c = none;
          if (!std::isfinite(r)) {
            c = first_bad({a, b});  // inherited from an operand ...
            if (c == none) c = k;   // ... or made here from finite operands
          }
          st.back() = {r, c};
        }
    }
  }
  const Val& res = st.back();
  std::size_t k = res.cause == none ? program_.size() - 1 : res.cause;
  const ExprInstr& in = program_[k];
  ExprIssue is;
  is.index = row;
  is.column = in.column;
  std::string what;
  if (in.op == ExprOp::push_var) {
    double v = columns[in.index][row];
    is.code = v != v ? "missing-input" : "infinite-input";
    what = "'" + names_[in.index] + "' is " + (v != v ? "missing (NaN)" : "infinite");
  } else if (in.op == ExprOp::div && res.v != res.v) {
    is.code = "division-by-zero";
    what = "division by zero";
  } else if (in.op == ExprOp::sqrt && res.v != res.v) {
    is.code = "sqrt-of-negative";
    what = "square root of a negative number";
  } else if (res.v == res.v) {
    is.code = "overflow";
    what = "result too large (overflow)";
  } else {
    is.code = "not-a-number";
    what = "result is not a number";
  }
  is.message = fmt_index_column(row, is.column) + what;
  out.push_back(std::move(is));
}

ExprResult Expression::evaluate(const std::vector<std::vector<double>>& columns,
                                std::size_t max_issues) const {
  if (columns.size() != names_.size())
    throw DomainError("expression '" + one_line(text_) + "': expected " +
                      std::to_string(names_.size()) + " columns, got " +
                      std::to_string(columns.size()));
  std::size_t rows = columns.empty() ? 0 : columns.front().size();
  std::vector<const double*> ptrs;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].size() != rows)
      throw DomainError("expression '" + one_line(text_) + "': column '" + names_[i] + "' has " +
                        std::to_string(columns[i].size()) + " rows, expected " +
                        std::to_string(rows));
    ptrs.push_back(columns[i].data());
  }
  ExprResult r;
  // A constant expression has no columns to take a length from: one row.
  if (names_.empty()) rows = 1;
  r.values.resize(rows);
  r.missing_rows = evaluate(ptrs.data(), rows, r.values.data(), &r.issues, max_issues);
  return r;
}

ExprResult Expression::evaluate(const std::map<std::string, std::vector<double>>& series,
                                std::size_t max_issues) const {
  std::vector<std::string> available;
  available.reserve(series.size());
  for (const auto& kv : series) available.push_back(kv.first);
  auto idx = bind(available);
  std::vector<const double*> ptrs;
  std::size_t rows = names_.empty() ? 1 : series.at(available[idx.front()]).size();
  for (std::size_t i = 0; i < idx.size(); ++i) {
    const auto& col = series.at(available[idx[i]]);
    if (col.size() != rows)
      throw DomainError("expression '" + one_line(text_) + "': column '" + names_[i] + "' has " +
                        std::to_string(col.size()) + " rows, expected " + std::to_string(rows));
    ptrs.push_back(col.data());
  }
  ExprResult r;
  r.values.resize(rows);
  r.missing_rows = evaluate(ptrs.data(), rows, r.values.data(), &r.issues, max_issues);
  return r;
}

std::vector<Diagnostic> ExprResult::diagnostics(std::string_view text,
                                                const Location& where) const {
  std::vector<Diagnostic> ds;
  std::string head = "expression '" + one_line(text) + "': ";
  for (const auto& is : issues)
    ds.push_back({Severity::warning, is.code, head + is.message, where});
  if (missing_rows > issues.size())
    ds.push_back(
        {Severity::info, "issues-truncated",
         head + std::to_string(missing_rows - issues.size()) + " more missing rows not listed",
         where});
  return ds;
}

}  // namespace okrkit
