// okrkit — forward declarations of the public types.
#pragma once

namespace okrkit {
struct Location;
struct Diagnostic;
class Error;
class ParseError;
class ValidationError;
class DomainError;
class IoError;
struct Target;
struct Model;
struct Objective;
struct KeyResult;
struct Kpi;
struct Csf;
class SeriesStore;
struct SeriesView;
}  // namespace okrkit
