// okrkit — umbrella header for io/: reading and writing: model JSON, measurements CSV, scorecard
// JSON/CSV/table, diagnostics as text, the HTML report, atomic files. Include a single header from
// include/okrkit/io/ to pay for less.
#pragma once

#include <okrkit/io/atomic_file.hpp>
#include <okrkit/io/model_io.hpp>
#include <okrkit/io/measurements_io.hpp>
#include <okrkit/io/scorecard_io.hpp>
#include <okrkit/io/diagnostics_text.hpp>
#include <okrkit/io/report_html.hpp>
#include <okrkit/io/sql.hpp>
#include <okrkit/io/arrow_stream.hpp>
