# Shared by scripts/run and scripts/test: installs what the build needs, once, idempotently.
# Sourced, not run.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.10" # 0.3.11 needs a newer rustc than this machine's toolchain
export PATH="$HOME/.cargo/bin:$PATH"
# A build cache outside the clone, so that a fresh clone on the same machine builds warm.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/async-pilot/target}"

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_cargo_leptos() {
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 13 minutes on 2 cores, once)"
    cargo install --locked cargo-leptos --version "$CARGO_LEPTOS_VERSION"
  fi
}

# cargo-leptos needs the wasm-bindgen CLI of exactly the version in Cargo.lock; otherwise it
# tries to download one, which fails offline.
ensure_wasm_bindgen() {
  local wanted
  wanted="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$REPO_ROOT/Cargo.lock")"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wanted\b"; then
    say "Installing wasm-bindgen-cli $wanted (matches Cargo.lock)"
    cargo install wasm-bindgen-cli --version "$wanted"
  fi
}

# Release builds run wasm-opt. Debian's binaryen (108) is too old for the reference types that
# Rust's wasm and wasm-bindgen use, so take binaryen from the npm registry instead.
ensure_wasm_opt() {
  local tools="$REPO_ROOT/scripts/tools"
  if [ ! -x "$tools/node_modules/.bin/wasm-opt" ]; then
    say "Installing binaryen (wasm-opt) from npm"
    (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  export PATH="$tools/node_modules/.bin:$PATH"
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_cargo_leptos
  ensure_wasm_bindgen
  ensure_wasm_opt
}

# The binary cargo-leptos built, wherever the target directory is.
server_binary() {
  local profile="$1"
  echo "$CARGO_TARGET_DIR/$profile/async-pilot"
}
