"""Sphinx configuration of the okrkit documentation site (./scripts/docs).

Decisions (docs/development.md "Documentation" explains them):
- Sphinx + myst-parser (the user guide stays plain Markdown, readable on any
  forge) + myst-nb (notebooks executed at build time; outputs never committed)
  + furo (a clean, accessible theme with dark mode).
- Python reference: autodoc + napoleon reading the numpydoc-style docstrings
  (napoleon tolerates the pybind11 signatures the numpydoc extension rejects).
- C++ reference: Doxygen (Debian package) writes XML from include/okrkit/**,
  breathe turns it into Sphinx pages. Doxygen runs here, so a bare
  ``sphinx-build`` works too.
- Link check: every internal reference (Markdown links between pages,
  ``{doc}``/``{ref}`` roles, toctree entries) must resolve — Sphinx and myst
  warn on a missing target and the build runs with ``-W``. Not nitpicky mode:
  type names of numpy/pandas/matplotlib in signatures cannot resolve without
  intersphinx, which needs the network.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUILD = Path(os.environ.get("OKRKIT_DOCS_BUILD", ROOT / "build" / "docs"))

project = "okrkit"
author = "okrkit contributors"
copyright = "okrkit contributors"
_m = re.search(r"project\(okrkit VERSION ([0-9.]+)", (ROOT / "CMakeLists.txt").read_text())
release = version = _m.group(1) if _m else "0"

extensions = [
    "myst_nb",  # also loads myst_parser
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "breathe",
]

# --- sources -----------------------------------------------------------------
root_doc = "index"
exclude_patterns = [
    "_build",
    "jupyter_execute",
    "requirements.txt",
    "examples",
    "schema",
    "**/.ipynb_checkpoints",
]
# The CLI reference and the changelog are written by others: use them when
# present, else a placeholder (see _source_read below).
CLI_DOC = "cli" if (HERE / "cli.md").exists() else "cli-placeholder"
if CLI_DOC == "cli":
    exclude_patterns.append("cli-placeholder.md")
CHANGELOG = ROOT / "CHANGELOG.md"

myst_enable_extensions = ["colon_fence", "deflist", "dollarmath", "substitution"]
myst_heading_anchors = 3
suppress_warnings = [
    # The user-guide pages start with an H1 and jump to H3 in places, which is
    # fine for GitHub rendering; myst would warn on every jump.
    "myst.header",
    # breathe's doxygenfile declares the enclosing `namespace okrkit` once per
    # header page section; every header is in that one namespace.
    "duplicate_declaration.cpp",
    # An ambiguous short name in a docstring (`title`, `weight`: a field of
    # several model classes) links to none of them; that is not a broken link.
    "ref.python",
]

# --- notebooks (myst-nb) -----------------------------------------------------
nb_execution_mode = os.environ.get("OKRKIT_DOCS_EXECUTE", "force")
nb_execution_timeout = 300
nb_execution_raise_on_error = True  # a failing cell fails the build
nb_execution_show_tb = True
nb_merge_streams = True
nb_output_stderr = "warn"  # e.g. matplotlib's missing-glyph warning: -W makes it an error

# --- Python API (autodoc + napoleon, numpydoc style) -------------------------
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False
napoleon_use_ivar = True  # dataclass fields: autodoc documents them, napoleon must not again
# Module docstrings list their contents under these headings.
napoleon_custom_sections = ["Functions", "Style"]

# --- C++ API (Doxygen XML + breathe) -----------------------------------------
DOXYGEN_XML = BUILD / "doxygen" / "xml"
breathe_projects = {"okrkit": str(DOXYGEN_XML)}
breathe_default_project = "okrkit"
breathe_default_members = ("members",)


def _run_doxygen() -> None:
    """Doxygen over the public headers, skipped when they did not change."""
    headers = sorted(
        p for p in (ROOT / "include" / "okrkit").rglob("*.hpp") if "detail" not in p.parts
    )
    h = hashlib.sha256()
    for p in headers:
        h.update(str(p.relative_to(ROOT)).encode())
        h.update(p.read_bytes())
    stamp = DOXYGEN_XML / ".okrkit-stamp"
    if stamp.exists() and stamp.read_text() == h.hexdigest():
        return
    doxygen = shutil.which("doxygen")
    if doxygen is None:
        raise RuntimeError(
            "the C++ API reference needs doxygen: apt-get install doxygen "
            "(./scripts/docs installs it)"
        )
    if DOXYGEN_XML.parent.exists():
        shutil.rmtree(DOXYGEN_XML.parent)
    DOXYGEN_XML.parent.mkdir(parents=True)
    cfg = "\n".join(
        [
            "PROJECT_NAME = okrkit",
            f"OUTPUT_DIRECTORY = {DOXYGEN_XML.parent}",
            f"INPUT = {ROOT / 'include' / 'okrkit'}",
            "RECURSIVE = YES",
            "FILE_PATTERNS = *.hpp",
            "EXCLUDE_PATTERNS = */detail/*",
            "EXCLUDE_SYMBOLS = detail okrkit::detail",
            f"STRIP_FROM_PATH = {ROOT / 'include'}",
            f"STRIP_FROM_INC_PATH = {ROOT / 'include'}",
            "GENERATE_XML = YES",
            "GENERATE_HTML = NO",
            "GENERATE_LATEX = NO",
            "EXTRACT_ALL = YES",
            "EXTRACT_PRIVATE = NO",
            "EXTRACT_STATIC = YES",
            "JAVADOC_AUTOBRIEF = YES",
            "MACRO_EXPANSION = YES",
            "QUIET = YES",
            "WARNINGS = NO",
            "WARN_IF_UNDOCUMENTED = NO",
        ]
    )
    subprocess.run([doxygen, "-"], input=cfg.encode(), check=True, cwd=ROOT)
    _index_files_by_path()
    stamp.write_text(h.hexdigest())


def _index_files_by_path() -> None:
    """Name each file in Doxygen's index by its include path.

    Doxygen names file compounds by their base name, so
    ``okrkit/appraisal/appraisal.hpp`` and the umbrella ``okrkit/appraisal.hpp``
    are both ``appraisal.hpp`` and breathe's ``doxygenfile`` cannot tell them
    apart; the include path is in each compound's ``<location>``.
    """
    index = DOXYGEN_XML / "index.xml"
    text = index.read_text(encoding="utf-8")

    def full(m: re.Match[str]) -> str:
        refid = m.group(1)
        comp = (DOXYGEN_XML / f"{refid}.xml").read_text(encoding="utf-8")
        loc = re.search(r'<compounddef[^>]*kind="file".*?<location file="([^"]+)"', comp, re.S)
        name = loc.group(1) if loc else m.group(2)
        return f'<compound refid="{refid}" kind="file"><name>{name}</name>'

    text = re.sub(r'<compound refid="([^"]+)" kind="file"><name>([^<]*)</name>', full, text)
    index.write_text(text, encoding="utf-8")


# --- HTML --------------------------------------------------------------------
html_theme = "furo"
html_title = f"okrkit {release}"
html_static_path: list[str] = []
html_show_sourcelink = False


def _source_read(app, docname, source):  # type: ignore[no-untyped-def]
    if docname == "index":
        source[0] = source[0].replace("@CLI_DOC@", CLI_DOC)
    elif docname == "changelog":
        if CHANGELOG.exists():
            source[0] = "```{include} ../CHANGELOG.md\n```\n"
        else:
            source[0] = (
                "# Changelog\n\nThe changelog (`CHANGELOG.md` at the root of the "
                "repository) is not written yet.\n"
            )


def _process_docstring(app, what, name, obj, options, lines):  # type: ignore[no-untyped-def]
    """Docstrings of the compiled module are plain text, not reST."""
    if not name.startswith("okrkit._core"):
        return
    if what == "module":  # the type stub's notes for maintainers
        lines[:] = ["The compiled core. Use the names re-exported by ``okrkit``."]
        return
    # `from_` would be a reST reference to a target named "from".
    lines[:] = [re.sub(r"\b([A-Za-z]\w*)_\b", r"\1\\_", ln) for ln in lines]


def setup(app):  # type: ignore[no-untyped-def]
    _run_doxygen()
    app.connect("source-read", _source_read)
    app.connect("autodoc-process-docstring", _process_docstring)
    return {"parallel_read_safe": True}
