# Shared set-up for scripts/demo and scripts/test (sourced, not run).
# Installs what is missing — Debian packages with apt-get, Python packages with
# pip into .venv/ — and configures/builds the C++ tree. Idempotent: a second run
# only checks stamps and rebuilds what changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
JOBS="${OKRKIT_JOBS:-$(nproc 2>/dev/null || echo 2)}"

APT_PACKAGES=(build-essential cmake ninja-build python3 python3-venv python3-dev
              libeigen3-dev libboost-date-time-dev catch2 nlohmann-json3-dev libcli11-dev
              chromium clang libclang-rt-14-dev clang-format clang-tidy)
# chromium: browser test; clang + libFuzzer: ./scripts/test --fuzz; clang-format, clang-tidy: scripts/lint

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_system() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_venv() {
  if [ ! -x "$PY" ]; then
    log "creating $VENV"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.okrkit-requirements"
  local want
  want="$(sha256sum "$ROOT/requirements-dev.txt" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing Python packages into .venv"
    "$PY" -m pip install -q --upgrade pip
    "$PY" -m pip install -q -r "$ROOT/requirements-dev.txt"
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
