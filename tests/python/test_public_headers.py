"""Public headers (include/okrkit) stay portable and clean for a host product.

* no M_PI: it is not standard C++ (MSVC needs _USE_MATH_DEFINES before the
  first <cmath>); okrkit/detail/constants.hpp has detail::pi;
* every macro a public header defines is OKRKIT_-prefixed, and all but the
  documented public ones (the version macros) are #undef'd in the header that
  defines them, so nothing internal leaks into the includer's translation unit.
  tests/cpp/integration/test_public_headers.cpp checks the same by compiling
  a file that includes <okrkit/okrkit.hpp>.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INCLUDE = ROOT / "include"
PUBLIC_MACROS = {
    "OKRKIT_VERSION_MAJOR",
    "OKRKIT_VERSION_MINOR",
    "OKRKIT_VERSION_PATCH",
    "OKRKIT_VERSION_STRING",
}
# The Arrow C data / stream interface's own guard and flag macros
# (include/okrkit/io/arrow_stream.hpp): the specification fixes their names so
# that the structs are declared once beside arrow/c/abi.h or nanoarrow.h.
SPEC_MACROS = {
    "ARROW_C_DATA_INTERFACE",
    "ARROW_C_STREAM_INTERFACE",
    "ARROW_FLAG_DICTIONARY_ORDERED",
    "ARROW_FLAG_NULLABLE",
    "ARROW_FLAG_MAP_KEYS_SORTED",
}
DEFINE = re.compile(r"^\s*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)
UNDEF = re.compile(r"^\s*#\s*undef\s+([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)


def headers() -> list[Path]:
    found = sorted(INCLUDE.rglob("*.hpp"))
    assert found, f"no headers under {INCLUDE}"
    return found


def test_no_m_pi_in_public_headers() -> None:
    offenders = [
        f"{h.relative_to(ROOT)}:{n}: {line.strip()}"
        for h in headers()
        for n, line in enumerate(h.read_text(encoding="utf-8").splitlines(), 1)
        # the code of the line, not its comment
        if re.search(r"\bM_PI\b|_USE_MATH_DEFINES", line.split("//")[0])
    ]
    assert not offenders, "M_PI is not standard C++; use okrkit::detail::pi:\n" + "\n".join(
        offenders
    )


def test_macros_are_prefixed_and_internal_ones_undefined() -> None:
    problems = []
    for h in headers():
        text = h.read_text(encoding="utf-8")
        undefined = set(UNDEF.findall(text))
        for name in DEFINE.findall(text):
            where = h.relative_to(ROOT)
            if name in SPEC_MACROS and h.name == "arrow_stream.hpp":
                continue
            if not name.startswith("OKRKIT_"):
                problems.append(f"{where}: macro {name} is not prefixed OKRKIT_")
            elif name not in PUBLIC_MACROS and name not in undefined:
                problems.append(f"{where}: internal macro {name} is not #undef'd after use")
    assert not problems, "\n".join(problems)


def test_the_checks_see_a_leaking_macro() -> None:
    # The scanner itself: a header that defines a macro and never undefines it.
    text = "#pragma once\n#define OKRKIT_INTERNAL_FLAG 1\n#  define PLAIN 2\n#undef PLAIN\n"
    assert DEFINE.findall(text) == ["OKRKIT_INTERNAL_FLAG", "PLAIN"]
    assert UNDEF.findall(text) == ["PLAIN"]
