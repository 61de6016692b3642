// okrkit — the exception hierarchy and diagnostics.
//
// Every error okrkit throws derives from okrkit::Error. Messages are short and
// lowercase and start with the place the problem is: "model.json:12: key result
// 'kr1': field 'target': ...". Problems that are not fatal (a gap in a series,
// an incomplete roll-up) are Diagnostics attached to results instead.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace okrkit {

/// Where a problem is: any part may be empty / zero when unknown.
struct Location {
  Location() = default;
  Location(std::string file_, std::size_t line_ = 0, std::string node_ = {},
           std::string field_ = {})
      : file(std::move(file_)), line(line_), node(std::move(node_)), field(std::move(field_)) {}

  std::string file;    ///< input file name, or "" for in-memory input
  std::size_t line{};  ///< 1-based line (JSON) or row (CSV, header is row 1); 0 = unknown
  std::string node;    ///< node id (objective, key result, KPI, ...) or series id
  std::string field;   ///< field name inside the node ("target", "weight", ...)

  friend bool operator==(const Location& a, const Location& b) {
    return a.file == b.file && a.line == b.line && a.node == b.node && a.field == b.field;
  }
};

/// "file:line: node 'id': field 'f'" with the empty parts left out.
inline std::string to_string(const Location& at) {
  std::string s;
  if (!at.file.empty()) s += at.file;
  if (at.line != 0) s += (s.empty() ? "line " : ":") + std::to_string(at.line);
  if (!at.node.empty()) s += (s.empty() ? "" : ": ") + std::string("node '") + at.node + "'";
  if (!at.field.empty()) s += (s.empty() ? "" : ": ") + std::string("field '") + at.field + "'";
  return s;
}

enum class Severity { info, warning, error };

inline const char* to_string(Severity s) noexcept {
  switch (s) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

/// A reported problem: a stable code ("duplicate-id", "gap", ...), a message and a place.
struct Diagnostic {
  Severity severity{Severity::error};
  std::string code;
  std::string message;
  Location where;

  /// "file:line: node 'x': field 'y': message"
  std::string to_string() const {
    auto at = okrkit::to_string(where);
    return at.empty() ? message : at + ": " + message;
  }
  friend bool operator==(const Diagnostic& a, const Diagnostic& b) {
    return a.severity == b.severity && a.code == b.code && a.message == b.message &&
           a.where == b.where;
  }
};

/// Base of every exception okrkit throws (a ValueError subclass in Python).
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, Location where = {})
      : std::runtime_error(compose(what, where)), where_(std::move(where)) {}
  /// The place the problem is, as far as known.
  const Location& where() const noexcept { return where_; }

 private:
  static std::string compose(const std::string& what, const Location& where) {
    auto at = to_string(where);
    return at.empty() ? what : at + ": " + what;
  }
  Location where_;
};

/// Input text that does not parse: JSON, CSV, dates, period labels, expressions.
class ParseError : public Error {
 public:
  using Error::Error;
};

/// A model or data set that parses but breaks a rule; carries every problem found.
class ValidationError : public Error {
 public:
  explicit ValidationError(std::vector<Diagnostic> problems)
      : Error(summary(problems)), problems_(std::move(problems)) {}
  /// All problems, in input order.
  const std::vector<Diagnostic>& problems() const noexcept { return problems_; }

 private:
  static std::string summary(const std::vector<Diagnostic>& ps) {
    std::string s = std::to_string(ps.size()) + (ps.size() == 1 ? " problem" : " problems");
    for (const auto& p : ps) s += "\n  " + p.to_string();
    return s;
  }
  std::vector<Diagnostic> problems_;
};

/// An argument outside a function's domain (a negative weight, an empty series, ...).
class DomainError : public Error {
 public:
  using Error::Error;
};

/// A file that cannot be opened, read or written.
class IoError : public Error {
 public:
  using Error::Error;
};

}  // namespace okrkit
