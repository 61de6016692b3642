// okrkit — the JSON model format: load, parse, dump and save (docs/model-format.md,
// schema in schema/okrkit-model.schema.json).
#pragma once

#include <string>
#include <string_view>

#include "okrkit/model/model.hpp"

namespace okrkit {

/// Parse a model from JSON text. `file` names the source in error messages.
/// Throws ParseError for malformed JSON or wrong types, and ValidationError
/// listing every problem validate() finds (each with file:line, node, field).
Model parse_model(std::string_view json, const std::string& file = "");

/// Read and parse a model file (see parse_model); IoError if it cannot be read.
Model load_model(const std::string& path);

/// The model as JSON text (2-space indent, UTF-8 untouched, stable key order).
/// parse_model(dump_model(m)) gives back an identical model.
std::string dump_model(const Model& model);

/// Write dump_model(model) to `path` atomically: a temporary file in the same
/// directory renamed over the target, so a failure never leaves a partial file.
void save_model(const Model& model, const std::string& path);

}  // namespace okrkit
