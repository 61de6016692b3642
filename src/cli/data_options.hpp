// okrkit CLI (internal) — the options of every command that reads --data:
// --calendar gregorian|jalali (also for --as-of), --date-format iso|excel,
// --duplicates error|last|first|sum|mean. Shared so that every command reads
// dates and duplicates the same way (docs/guide.md, "Dates and duplicates").
#pragma once

#include <iostream>
#include <optional>
#include <string>

#include <okrkit/io/measurements_io.hpp>
#include <okrkit/time/date_input.hpp>

#include "commands.hpp"

namespace okrkit::cli {

/// The value of `flag` as an enum; a wrong name is a usage error listing the choices.
template <class E>
E enum_option(const std::optional<std::string>& value, const char* flag, E fallback) {
  if (!value) return fallback;
  if (auto e = detail::enum_from_string<E>(*value)) return *e;
  throw UsageError(std::string(flag) + " must be one of " + detail::enum_choices<E>() + " (got '" +
                   *value + "')");
}

/// MeasurementsOptions from the three option values (unset = the default).
inline MeasurementsOptions measurements_options(const std::optional<std::string>& calendar,
                                                const std::optional<std::string>& date_format,
                                                const std::optional<std::string>& duplicates) {
  MeasurementsOptions o;
  o.calendar = enum_option(calendar, "--calendar", o.calendar);
  o.date_format = enum_option(date_format, "--date-format", o.date_format);
  o.duplicates = enum_option(duplicates, "--duplicates", o.duplicates);
  return o;
}

/// --as-of in the --calendar; a bad date is a usage error naming the option.
inline Date as_of_option(const std::string& text, DateCalendar calendar) {
  try {
    return parse_date(text, calendar, "--as-of");
  } catch (const ParseError& e) {
    throw UsageError(e.what());
  }
}

/// Load --data; the store's provenance notes (how duplicates were combined)
/// go to stderr as info lines.
inline SeriesStore load_data(const std::string& path, const MeasurementsOptions& o) {
  SeriesStore s = load_measurements(path, o);
  print_diagnostics(s.notes());
  return s;
}

}  // namespace okrkit::cli
