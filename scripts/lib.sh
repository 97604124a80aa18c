# Shared by scripts/start.sh and scripts/test.sh: install what is missing, nothing more.
# Debian/Ubuntu packages through apt, the UI's npm packages from the lockfile, tauri-driver
# through cargo, Node 22 through npm where the system's Node is too old for Vite. Safe to run
# again: each step checks first.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Builds go to a cache folder outside the checkout, so that a new clone (CI makes one each run)
# reuses what an earlier run compiled when it is there; without it everything is built as usual.
# Set CARGO_TARGET_DIR to build elsewhere (`target/` in the checkout: CARGO_TARGET_DIR=target).
RENDA_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/renda"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$RENDA_CACHE/target}"
case "$CARGO_TARGET_DIR" in /*) ;; *) CARGO_TARGET_DIR="$ROOT/$CARGO_TARGET_DIR" ;; esac
export PATH="$HOME/.cargo/bin:$PATH"

# Packages to build and run the desktop window (Tauri 2 on WebKitGTK 4.1), CJK fonts so Chinese
# is drawn, and for the tests: Chromium, Xvfb and WebKit's WebDriver.
APP_PACKAGES=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev
  librsvg2-dev libayatana-appindicator3-dev fonts-noto-cjk)
TEST_PACKAGES=(chromium xvfb webkit2gtk-driver dbus-x11 dbus)

ensure_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "安装系统软件包 / installing: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# Vite 7 (the UI's build tool) runs on Node ^20.19 or >= 22.12; Debian 12 and Ubuntu 24.04 ship
# Node 18. Where the system's Node is missing or older, a Node 22 (and npm 10) is installed with
# npm itself into the user's cache folder and put first on PATH; the system is left as it was.
NODE_HOME="${RENDA_NODE_HOME:-$RENDA_CACHE/node}"

node_fits() {
  local v major rest minor
  v="$(node --version 2>/dev/null)" || return 1
  v="${v#v}"
  major="${v%%.*}"
  rest="${v#*.}"
  minor="${rest%%.*}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  ((major > 22 || (major == 22 && minor >= 12) || (major == 20 && minor >= 19)))
}

node_arch() {
  case "$(uname -m)" in
    x86_64 | amd64) echo x64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) return 1 ;;
  esac
}

ensure_node() {
  local arch bin
  arch="$(node_arch)" || arch=""
  bin="$NODE_HOME/node_modules/node-linux-$arch/bin"
  # one installed here by an earlier run
  if [ -n "$arch" ] && [ -x "$bin/node" ]; then
    export PATH="$bin:$NODE_HOME/node_modules/.bin:$PATH"
  fi
  if node_fits && command -v npm >/dev/null 2>&1; then
    return
  fi
  if ! command -v npm >/dev/null 2>&1; then
    ensure_apt nodejs npm
  fi
  if node_fits; then
    return
  fi
  local have
  have="$(node --version 2>/dev/null || echo 无)"
  if [ -z "$arch" ]; then
    say "Node.js $have 太旧，界面构建工具 Vite 需要 20.19 或 22.12 以上；本机架构 $(uname -m) 无法自动安装，请手动安装 Node.js 22 / Node.js $have is too old for Vite (needs ^20.19 or >= 22.12); install Node.js 22 by hand on $(uname -m)"
    return 1
  fi
  say "Node.js $have 太旧（Vite 需要 20.19 或 22.12 以上），用 npm 安装 Node.js 22 到 $NODE_HOME（只需一次）/ Node.js $have is too old for Vite: installing Node.js 22 and npm 10 with npm into $NODE_HOME (once)"
  mkdir -p "$NODE_HOME"
  npm install --prefix "$NODE_HOME" --no-audit --no-fund --no-save --no-update-notifier "node-linux-$arch@22" "npm@10"
  export PATH="$bin:$NODE_HOME/node_modules/.bin:$PATH"
  hash -r
  if ! node_fits; then
    say "安装后的 Node.js 仍不可用：$(command -v node) $(node --version 2>&1) / the installed Node.js does not run"
    return 1
  fi
  say "使用 Node.js $(node --version)（$(command -v node)）、npm $(npm --version) / using them for the UI"
}

# npm packages exactly as the lockfile says; re-run only when the lockfile changed.
ensure_ui_deps() {
  ensure_node
  local stamp="$ROOT/ui/node_modules/.lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/ui/package-lock.json" "$stamp"; then
    say "安装界面依赖 / npm ci"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund)
    cp "$ROOT/ui/package-lock.json" "$stamp"
  fi
}

build_ui() {
  ensure_ui_deps
  say "构建界面 / building ui"
  (cd "$ROOT/ui" && npm run build)
}

ensure_tauri_driver() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! command -v tauri-driver >/dev/null 2>&1; then
    say "安装 tauri-driver / cargo install tauri-driver"
    cargo install tauri-driver --version '^2' --locked --target-dir "$RENDA_CACHE/tauri-driver-build"
  fi
}

# The oldest glibc the `renda` in the .deb asks for: 麒麟 V10 and 统信 UOS 20 carry 2.28. The
# binary is linked against that version's symbols with cargo-zigbuild (zig as the linker), which
# pip installs from scripts/zig-requirements.txt into its own folder; the system is not changed.
OLD_GLIBC=2.28
ZIG_HOME="$RENDA_CACHE/zig"
ensure_zig() {
  local want="$ROOT/scripts/zig-requirements.txt"
  if [ ! -x "$ZIG_HOME/bin/cargo-zigbuild" ] || ! cmp -s "$want" "$ZIG_HOME/requirements.txt"; then
    if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
      ensure_apt python3 python3-venv
    fi
    say "安装 zig 与 cargo-zigbuild（pip，只需一次）/ installing zig and cargo-zigbuild with pip into $ZIG_HOME"
    rm -rf "$ZIG_HOME"
    python3 -m venv "$ZIG_HOME"
    "$ZIG_HOME/bin/pip" install --quiet --disable-pip-version-check -r "$want"
    cp "$want" "$ZIG_HOME/requirements.txt"
  fi
  # cargo-zigbuild finds zig through this Python (`python -m ziglang`)
  export PATH="$ZIG_HOME/bin:$PATH"
}

# `renda` linked for glibc $OLD_GLIBC (profile debug or release): prints the binary's path. It is
# built in a folder of its own inside CARGO_TARGET_DIR, so that it can run beside the main build
# (cargo locks a build folder while it builds).
OLD_GLIBC_TARGET_DIR="$CARGO_TARGET_DIR/glibc$OLD_GLIBC"
build_renda_for_old_glibc() {
  local profile="$1" triple
  triple="$(uname -m)-unknown-linux-gnu"
  ensure_zig
  say "构建可在 glibc $OLD_GLIBC 上运行的 renda（$profile）/ cargo zigbuild --target $triple.$OLD_GLIBC" >&2
  local args=(-p renda --bin renda --target "$triple.$OLD_GLIBC" --target-dir "$OLD_GLIBC_TARGET_DIR")
  [ "$profile" = release ] && args+=(--release)
  cargo zigbuild "${args[@]}" >&2
  echo "$OLD_GLIBC_TARGET_DIR/$triple/$profile/renda"
}

# The same in the background (test.sh: it compiles while the tests run); wait_old_glibc_build
# fails with its log when it failed.
OLD_GLIBC_JOB=""
start_old_glibc_build() {
  mkdir -p "$RENDA_CACHE"
  say "后台构建 glibc $OLD_GLIBC 版 renda / building the glibc $OLD_GLIBC renda in the background (log: $RENDA_CACHE/old-glibc-build.log)"
  # at a lower priority than the tests, which time their waits
  (
    renice -n 10 "$BASHPID" >/dev/null
    build_renda_for_old_glibc "$1"
  ) >"$RENDA_CACHE/old-glibc-build.log" 2>&1 &
  OLD_GLIBC_JOB=$!
}
wait_old_glibc_build() {
  if [ -n "$OLD_GLIBC_JOB" ] && ! wait "$OLD_GLIBC_JOB"; then
    tail -n 30 "$RENDA_CACHE/old-glibc-build.log" >&2
    say "glibc $OLD_GLIBC 版 renda 构建失败 / the glibc $OLD_GLIBC build failed"
    return 1
  fi
  OLD_GLIBC_JOB=""
}

# The same, in the background (its own target folder, so it never waits on the main build's lock).
TAURI_DRIVER_JOB=""
start_tauri_driver_install() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if command -v tauri-driver >/dev/null 2>&1; then
    return
  fi
  say "后台安装 tauri-driver / installing tauri-driver in the background (log: $RENDA_CACHE/tauri-driver-install.log)"
  mkdir -p "$RENDA_CACHE"
  cargo install tauri-driver --version '^2' --locked --target-dir "$RENDA_CACHE/tauri-driver-build" \
    >"$RENDA_CACHE/tauri-driver-install.log" 2>&1 &
  TAURI_DRIVER_JOB=$!
}

wait_tauri_driver_install() {
  if [ -n "$TAURI_DRIVER_JOB" ]; then
    if ! wait "$TAURI_DRIVER_JOB"; then
      tail -n 30 "$RENDA_CACHE/tauri-driver-install.log" >&2
      say "tauri-driver 安装失败 / cargo install tauri-driver failed"
      return 1
    fi
    TAURI_DRIVER_JOB=""
  fi
  ensure_tauri_driver
}
