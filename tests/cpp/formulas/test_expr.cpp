// Tests for include/okrkit/formulas/expr.hpp: grammar, exact error messages, missing
// values and diagnostics, limits. Expected values are hand-worked in comments.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <okrkit/formulas/expr.hpp>

using namespace okrkit;

namespace {
const double nan_v = std::numeric_limits<double>::quiet_NaN();

// Evaluates a constant expression (no names) to its one value.
double value_of(const std::string& text) {
  Expression e(text);
  auto r = e.evaluate(std::vector<std::vector<double>>{});
  REQUIRE(r.values.size() == 1);
  return r.values[0];
}

std::string parse_error(const std::string& text) {
  try {
    Expression e(text);
  } catch (const ParseError& err) {
    return err.what();
  }
  return "(no error)";
}
}  // namespace

TEST_CASE("arithmetic, precedence and associativity") {
  CHECK(value_of("1 + 2 * 3") == 7);  // * before +
  CHECK(value_of("(1 + 2) * 3") == 9);
  CHECK(value_of("10 - 4 - 3") == 3);  // left-associative: (10 - 4) - 3
  CHECK(value_of("24 / 4 / 2") == 3);  // (24 / 4) / 2
  CHECK(value_of("-2 * 3") == -6);
  CHECK(value_of("--2") == 2);
  CHECK(value_of("+2") == 2);
  CHECK(value_of("2 * -3") == -6);
  CHECK(value_of("1.5e2 + .5 + 2.") == 152.5);
  CHECK(value_of("1e-999") == 0);  // underflow is zero, not an error
}

TEST_CASE("comparisons give 1 or 0 and do not chain") {
  CHECK(value_of("1 < 2") == 1);
  CHECK(value_of("2 <= 2") == 1);
  CHECK(value_of("1 > 2") == 0);
  CHECK(value_of("1 >= 2") == 0);
  CHECK(value_of("3 == 3") == 1);
  CHECK(value_of("3 != 3") == 0);
  CHECK(value_of("1 + 1 == 2") == 1);  // arithmetic binds tighter
  CHECK(parse_error("1 < 2 < 3") ==
        "expression '1 < 2 < 3': column 7: comparisons do not chain; use parentheses or if()\n"
        "  1 < 2 < 3\n"
        "        ^");
  CHECK(value_of("(1 < 2) < 3") == 1);
}

TEST_CASE("functions") {
  CHECK(value_of("min(3, 1, 2)") == 1);
  CHECK(value_of("max(3, 1, 2)") == 3);
  CHECK(value_of("abs(-2.5)") == 2.5);
  CHECK(value_of("sqrt(16)") == 4);
  CHECK(value_of("round(2.5)") == 3);  // half away from zero
  CHECK(value_of("round(-2.5)") == -3);
  CHECK(value_of("round(3.14159, 2)") == Approx(3.14).margin(1e-15));
  CHECK(value_of("round(1234, -2)") == 1200);
  CHECK(value_of("round(1e300, 2)") == 1e300);  // already an integer: no overflow
  CHECK(value_of("if(1, 10, 20)") == 10);
  CHECK(value_of("if(0, 10, 20)") == 20);
  CHECK(value_of("if(2 > 1, 10, 20) + 1") == 11);
}

TEST_CASE("names: identifiers with dots and underscores, quoted names, order of first use") {
  Expression e("web.sessions_2 + `paid-leads` * web.sessions_2 + _x");
  REQUIRE(e.names() == std::vector<std::string>{"web.sessions_2", "paid-leads", "_x"});
  CHECK(e.name_column(0) == 1);
  CHECK(e.name_column(1) == 18);
  CHECK(e.name_column(2) == 50);
  // A name that is also a function name is a variable unless followed by '('.
  Expression f("min + max(min, 1)");
  CHECK(f.names() == std::vector<std::string>{"min"});
}

TEST_CASE("evaluates whole columns, across block boundaries") {
  // 2500 rows cross several 256-row blocks and end in a partial one.
  const std::size_t n = 2500;
  std::vector<double> a(n), b(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = static_cast<double>(i);
    b[i] = static_cast<double>(i % 7) - 3.0;  // some zeros, some negatives
  }
  Expression e("if(b >= 0, max(a, b) * 2, min(a, -b)) - abs(b) + round(a / 3, 1)");
  auto r = e.evaluate({{"a", a}, {"b", b}, {"unused", {}}});
  for (std::size_t i = 0; i < n; ++i) {
    double x = a[i], y = b[i];
    double want = (y >= 0 ? std::max(x, y) * 2 : std::min(x, -y)) - std::fabs(y) +
                  std::round(x / 3 * 10) / 10;
    REQUIRE(r.values[i] == want);
  }
  CHECK(r.missing_rows == 0);
  CHECK(r.issues.empty());
}

TEST_CASE("division by zero gives NaN and a diagnostic naming the row and column") {
  Expression e("leads / sessions * 100");
  auto r = e.evaluate({{"leads", {5, 3, 0}}, {"sessions", {100, 0, 0}}});
  CHECK(r.values[0] == 5);
  CHECK(std::isnan(r.values[1]));
  CHECK(std::isnan(r.values[2]));  // 0/0 too: never inf, never a number
  REQUIRE(r.missing_rows == 2);
  REQUIRE(r.issues.size() == 2);
  CHECK(r.issues[0].code == "division-by-zero");
  CHECK(r.issues[0].index == 1);
  CHECK(r.issues[0].column == 7);
  CHECK(r.issues[0].message == "index 1: column 7: division by zero");
  auto d = r.diagnostics(e.text(), Location{"", 0, "kpi.conv", "formula"});
  REQUIRE(d.size() == 2);
  CHECK(d[1].severity == Severity::warning);
  CHECK(d[1].code == "division-by-zero");
  CHECK(d[1].to_string() ==
        "node 'kpi.conv': field 'formula': expression 'leads / sessions * 100': "
        "index 2: column 7: division by zero");
}

TEST_CASE("other missing-value causes are named") {
  Expression e("sqrt(x) + y");
  auto r = e.evaluate(
      {{"x", {4, -1, 4, 4}}, {"y", {1, 1, nan_v, std::numeric_limits<double>::infinity()}}});
  CHECK(r.values[0] == 3);
  REQUIRE(r.issues.size() == 3);
  CHECK(r.issues[0].code == "sqrt-of-negative");
  CHECK(r.issues[0].message == "index 1: column 1: square root of a negative number");
  CHECK(r.issues[1].code == "missing-input");
  CHECK(r.issues[1].message == "index 2: column 11: 'y' is missing (NaN)");
  CHECK(r.issues[2].code == "infinite-input");
  CHECK(std::isnan(r.values[3]));  // never inf

  Expression big("x * x");
  auto o = big.evaluate({{"x", {1e200}}});
  CHECK(std::isnan(o.values[0]));
  REQUIRE(o.issues.size() == 1);
  CHECK(o.issues[0].code == "overflow");
  CHECK(o.issues[0].column == 3);

  // Comparisons with a NaN operand are NaN, not 0: a missing value never
  // becomes a number silently.
  Expression c("x > 1");
  auto cr = c.evaluate({{"x", {nan_v}}});
  CHECK(std::isnan(cr.values[0]));
  CHECK(cr.issues[0].code == "missing-input");
}

TEST_CASE("if() reports only the branch it takes") {
  // Guarded division: rows with sessions == 0 take the else branch, so the
  // division by zero computed for them column-wise is not an issue.
  Expression e("if(sessions > 0, leads / sessions, 0)");
  auto r = e.evaluate({{"leads", {5, 3}}, {"sessions", {10, 0}}});
  CHECK(r.values[0] == 0.5);
  CHECK(r.values[1] == 0);
  CHECK(r.missing_rows == 0);
  CHECK(r.issues.empty());
  // Unguarded: the taken branch divides by zero, and the column is the '/'.
  Expression g("if(sessions >= 0, leads / sessions, 0)");
  auto s = g.evaluate({{"leads", {5, 3}}, {"sessions", {10, 0}}});
  REQUIRE(s.issues.size() == 1);
  CHECK(s.issues[0].message == "index 1: column 25: division by zero");
  // A missing condition makes the row missing.
  auto t = e.evaluate({{"leads", {5}}, {"sessions", {nan_v}}});
  CHECK(std::isnan(t.values[0]));
  CHECK(t.issues[0].message == "index 0: column 4: 'sessions' is missing (NaN)");
}

TEST_CASE("issue list is capped, the count is not") {
  Expression e("a / b");
  std::vector<double> a(5000, 1.0), b(5000, 0.0);
  auto r = e.evaluate(std::vector<std::vector<double>>{a, b}, 10);
  CHECK(r.missing_rows == 5000);
  CHECK(r.issues.size() == 10);
  CHECK(r.issues[9].index == 9);
  auto d = r.diagnostics(e.text());
  REQUIRE(d.size() == 11);
  CHECK(d.back().code == "issues-truncated");
  CHECK(d.back().message == "expression 'a / b': 4990 more missing rows not listed");
}

TEST_CASE("constant folding keeps runtime diagnostics") {
  Expression e("x * (2 + 3)");
  REQUIRE(e.program().size() == 3);  // push x, push 5, mul
  CHECK(e.program()[1].value == 5);
  Expression z("x + 1 / 0");  // not folded: reported per row
  auto r = z.evaluate({{"x", {1}}});
  CHECK(std::isnan(r.values[0]));
  CHECK(r.issues[0].message == "index 0: column 7: division by zero");
}

TEST_CASE("parse errors name the column and show a caret") {
  CHECK(parse_error("a + * b") ==
        "expression 'a + * b': column 5: expected a number, name or '('\n"
        "  a + * b\n"
        "      ^");
  CHECK(parse_error("a +") ==
        "expression 'a +': column 4: expected a number, name or '(' at the end\n"
        "  a +\n"
        "     ^");
  CHECK(parse_error("") == "expression '': column 1: empty expression\n  \n  ^");
  CHECK(parse_error("(a + b") ==
        "expression '(a + b': column 7: expected ')' to close the '(' at column 1\n"
        "  (a + b\n"
        "        ^");
  CHECK(parse_error("a + b)") ==
        "expression 'a + b)': column 6: unmatched ')'\n  a + b)\n       ^");
  CHECK(parse_error("a b") ==
        "expression 'a b': column 3: expected an operator or the end\n  a b\n    ^");
  CHECK(parse_error("a # b") ==
        "expression 'a # b': column 3: unexpected character '#'\n  a # b\n    ^");
  CHECK(parse_error("a = b") ==
        "expression 'a = b': column 3: unexpected character '='; compare with '=='\n"
        "  a = b\n    ^");
  CHECK(parse_error("2x + 1") ==
        "expression '2x + 1': column 1: malformed number '2x'\n  2x + 1\n  ^");
  CHECK(parse_error("1e+ 2") ==
        "expression '1e+ 2': column 1: malformed number '1e+'\n  1e+ 2\n  ^");
  CHECK(parse_error("1e999") ==
        "expression '1e999': column 1: number out of range '1e999'\n  1e999\n  ^");
  CHECK(parse_error("log(x)") ==
        "expression 'log(x)': column 1: unknown function 'log'; known: abs, if, max, min, "
        "round, sqrt\n  log(x)\n  ^");
  CHECK(parse_error("x + abs(a, b)") ==
        "expression 'x + abs(a, b)': column 5: abs() takes 1 argument, got 2\n"
        "  x + abs(a, b)\n      ^");
  CHECK(parse_error("if(a, b)") ==
        "expression 'if(a, b)': column 1: if() takes 3 arguments, got 2\n  if(a, b)\n  ^");
  CHECK(parse_error("min(a)") ==
        "expression 'min(a)': column 1: min() takes at least 2 arguments, got 1\n"
        "  min(a)\n  ^");
  CHECK(parse_error("sqrt()") ==
        "expression 'sqrt()': column 1: sqrt() takes 1 argument, got 0\n  sqrt()\n  ^");
  CHECK(parse_error("round(x, y)") ==
        "expression 'round(x, y)': column 10: round() digits must be a whole number from "
        "-15 to 15\n  round(x, y)\n           ^");
  CHECK(parse_error("round(x, 1.5)") ==
        "expression 'round(x, 1.5)': column 10: round() digits must be a whole number from "
        "-15 to 15\n  round(x, 1.5)\n           ^");
  CHECK(parse_error("max(a b)") ==
        "expression 'max(a b)': column 7: expected ',' or ')' in the call of max() at "
        "column 1\n  max(a b)\n        ^");
  CHECK(parse_error("`open") ==
        "expression '`open': column 1: unterminated quoted name\n  `open\n  ^");
  CHECK(parse_error("a\t+\n*") ==
        "expression 'a + *': column 5: expected a number, name or '('\n  a + *\n      ^");
}

TEST_CASE("columns count code points, so carets line up under non-ASCII names") {
  // `فروش` is 4 letters (8 bytes): the '*' is at column 8, byte 11.
  CHECK(parse_error("`فروش` + * 2") ==
        "expression '`فروش` + * 2': column 10: expected a number, name or '('\n"
        "  `فروش` + * 2\n"
        "           ^");
}

TEST_CASE("nesting and length limits") {
  // 100 levels parse; 101 do not.
  std::string ok = std::string(100, '(') + "x" + std::string(100, ')');
  CHECK_NOTHROW(Expression(ok));
  std::string deep = std::string(101, '(') + "x" + std::string(101, ')');
  std::string msg = parse_error(deep);
  CHECK(msg.rfind("expression '((((", 0) == 0);
  CHECK(msg.find("': column 101: nested deeper than 100 levels\n") != std::string::npos);
  // Unary signs and calls count as levels too: 60 signs + abs( + 40 parens, the
  // 40th paren (column 60 + 4 + 40 = 104) is level 101.
  CHECK(parse_error(std::string(101, '-') + "x").find("column 101: nested deeper") !=
        std::string::npos);
  CHECK(
      parse_error(std::string(60, '-') + "abs(" + std::string(40, '(') + "x" + std::string(41, ')'))
          .find("column 104: nested deeper") != std::string::npos);
  // 100000 '(' is refused on length before any recursion.
  CHECK(parse_error(std::string(100000, '(')) ==
        "expression '((((((((((((((((((((...': column 4097: longer than the limit of 4096 "
        "characters");
  // Long flat expressions are fine: + is a loop, not recursion.
  std::string flat = "x";
  while (flat.size() + 4 <= Expression::max_length) flat += " + x";
  Expression f(flat);
  auto r = f.evaluate({{"x", {1.0}}});
  CHECK(r.values[0] == static_cast<double>((flat.size() + 3) / 4));
}

TEST_CASE("binding names to available series") {
  Expression e("leads / sesions + cost");
  CHECK(e.bind({"cost", "leads", "sesions"}) == std::vector<std::size_t>{1, 2, 0});
  try {
    e.bind({"leads", "sessions"});
    FAIL("no error");
  } catch (const ValidationError& err) {
    REQUIRE(err.problems().size() == 2);
    CHECK(err.problems()[0].code == "unknown-name");
    CHECK(err.problems()[0].message ==
          "expression 'leads / sesions + cost': column 9: unknown name 'sesions'");
    CHECK(err.problems()[1].message ==
          "expression 'leads / sesions + cost': column 19: unknown name 'cost'");
  }
  CHECK_THROWS_AS(e.evaluate({{"leads", {1}}}), ValidationError);
  CHECK_THROWS_WITH(e.evaluate({{"leads", {1, 2}}, {"sesions", {1}}, {"cost", {1, 2}}}),
                    "expression 'leads / sesions + cost': column 'sesions' has 1 rows, "
                    "expected 2");
  CHECK_THROWS_AS(e.evaluate(std::vector<std::vector<double>>{{1}}), DomainError);
}

TEST_CASE("zero rows and thread-safe const use") {
  Expression e("a + 1");
  auto r = e.evaluate(std::vector<std::vector<double>>{{}});
  CHECK(r.values.empty());
  CHECK(r.missing_rows == 0);
}

TEST_CASE("threaded evaluation gives the same values and the first issues in row order") {
  const std::size_t n = (std::size_t{1} << 20) + 17;
  std::vector<double> a(n), b(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = static_cast<double>(i % 1000);
    b[i] = (i % 100003 == 5) ? 0.0 : static_cast<double>(i % 7 + 1);  // a zero every 100003 rows
  }
  Expression e("a / b + if(a > 500, sqrt(a), -a)");
  const double* cols[] = {a.data(), b.data()};
  std::vector<double> one(n), many(n);
  std::vector<ExprIssue> i1, i4;
  auto m1 = e.evaluate(cols, n, one.data(), &i1, 3, 1);
  auto m4 = e.evaluate(cols, n, many.data(), &i4, 3, 4);
  CHECK(m1 == 11);  // rows 5, 100008, ..., 1000035: (n - 6) / 100003 + 1 = 11
  CHECK(m4 == m1);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < n; ++i)
    differ += std::isnan(one[i]) ? !std::isnan(many[i]) : one[i] != many[i];
  CHECK(differ == 0);
  REQUIRE(i4.size() == 3);
  CHECK(i4[0].index == 5);
  CHECK(i4[1].index == 100008);
  CHECK(i4[2].index == 200011);
  CHECK(i4[2].message == "index 200011: column 3: division by zero");
}

TEST_CASE("a location given at construction prefixes errors and bind problems") {
  Location at{"model.json", 12, "kpi.nps", "formula"};
  try {
    Expression e("a + * b", at);
    FAIL("no error");
  } catch (const ParseError& err) {
    CHECK(std::string(err.what()) ==
          "model.json:12: node 'kpi.nps': field 'formula': expression 'a + * b': column 5: "
          "expected a number, name or '('\n  a + * b\n      ^");
    CHECK(err.where() == at);
  }
  Expression e("a + b", at);
  CHECK(e.where() == at);
  try {
    e.bind({"a"});
    FAIL("no error");
  } catch (const ValidationError& err) {
    REQUIRE(err.problems().size() == 1);
    CHECK(err.problems()[0].to_string() ==
          "model.json:12: node 'kpi.nps': field 'formula': expression 'a + b': column 5: "
          "unknown name 'b'");
  }
}
