# Shared by scripts/start.sh and scripts/test.sh: install what is missing, nothing more.
# Debian/Ubuntu packages through apt, the UI's npm packages from the lockfile, tauri-driver
# through cargo. Safe to run again: each step checks first.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

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

ensure_node() {
  if ! command -v npm >/dev/null 2>&1; then
    ensure_apt nodejs npm
  fi
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
    say "安装 tauri-driver"
    cargo install tauri-driver --version '^2' --locked
  fi
}
