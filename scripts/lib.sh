# Shared set-up for scripts/demo and scripts/test (sourced, not run).
# Installs what is missing — Debian packages with apt-get, Python packages with
# pip into .venv/ at the versions pinned in requirements-lock.txt (refresh:
# ./scripts/lock) — and configures/builds the C++ tree. Idempotent: a second run
# only checks stamps and rebuilds what changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
JOBS="${OKRKIT_JOBS:-$(nproc 2>/dev/null || echo 2)}"

# What the C++ library and the okrkit command need (scripts/demo installs only these).
CLI_APT_PACKAGES=(build-essential cmake ninja-build
                  libeigen3-dev libboost-date-time-dev libboost-math-dev nlohmann-json3-dev libcli11-dev)
# Everything scripts/test needs on top: Python, Catch2, chromium (browser
# test), clang + libFuzzer (./scripts/test --fuzz), SQLite (the okrkit::sqlite
# component, built when libsqlite3 is found), libpq + the PostgreSQL server (the
# okrkit::postgres component, built when libpq is found; its tests start a
# throwaway server: tests/python/test_sql_databases.py), doxygen (C++ API reference,
# ./scripts/docs), fonts-noto-* (Persian and Chinese text in plots),
# clang-format and clang-tidy (scripts/lint).
APT_PACKAGES=("${CLI_APT_PACKAGES[@]}" python3 python3-venv python3-dev catch2 libsqlite3-dev
              libpq-dev postgresql
              chromium clang libclang-rt-14-dev
              doxygen fonts-noto-core fonts-noto-cjk clang-format clang-tidy)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# ensure_system [PACKAGE...]: install the Debian packages that are missing
# (default: APT_PACKAGES). apt's chatter is shown only when it fails.
ensure_system() {
  local want=("$@")
  [ ${#want[@]} -eq 0 ] && want=("${APT_PACKAGES[@]}")
  local missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  local out
  if ! out="$($sudo apt-get update -qq 2>&1 &&
              DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" 2>&1)"; then
    printf '%s\n' "$out" >&2
    return 1
  fi
}

ensure_venv() {
  if [ ! -x "$PY" ]; then
    log "creating $VENV"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.okrkit-requirements"
  local want
  want="$(cat "$ROOT/requirements-dev.txt" "$ROOT/requirements-lock.txt" | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing Python packages into .venv"
    "$PY" -m pip install -q --upgrade pip
    "$PY" -m pip install -q -c "$ROOT/requirements-lock.txt" -r "$ROOT/requirements-dev.txt"
    echo "$want" > "$stamp"
  fi
}

# The documentation build's Python packages (docs/requirements.txt), on top of
# the development ones; a stamp of the file's hash skips pip when unchanged.
ensure_docs() {
  local stamp="$VENV/.okrkit-docs-requirements"
  local want
  want="$(cat "$ROOT/docs/requirements.txt" "$ROOT/requirements-lock.txt" | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing the documentation packages into .venv"
    "$PY" -m pip install -q -c "$ROOT/requirements-lock.txt" -r "$ROOT/docs/requirements.txt"
    echo "$want" > "$stamp"
  fi
}

# configure_and_build PRESET [cmake -D args...] [--target T...]
# Configures build/<dir> from the CMakePresets.json preset (dev -> build/cpp,
# asan, tsan, fuzz -> build/<preset>) and builds it (targets after --target
# instead of everything).
configure_and_build() {
  local preset="$1"; shift
  local args=() targets=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "--target" ]; then shift; targets=("$@"); break; fi
    args+=("$1"); shift
  done
  local dir="$ROOT/build/$preset"
  [ "$preset" = "dev" ] && dir="$ROOT/build/cpp"
  if [ ! -f "$dir/build.ninja" ]; then
    log "configuring $dir (preset $preset)"
    # ccache, when a developer has it, makes rebuilds of fresh trees cheap.
    command -v ccache >/dev/null && args=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache "${args[@]}")
    (cd "$ROOT" && cmake --preset "$preset" "${args[@]}" >/dev/null)
  fi
  log "building $dir"
  if [ ${#targets[@]} -gt 0 ]; then
    cmake --build "$dir" -j "$JOBS" --target "${targets[@]}"
  else
    cmake --build "$dir" -j "$JOBS"
  fi
}

# Install the Python package (incremental: scikit-build-core reuses build/<tag>).
install_python_package() {
  log "pip install . (okrkit Python package)"
  "$PY" -m pip install -q --no-build-isolation "$ROOT"
}
