#!/usr/bin/env bash
# The real desktop window, end to end: the built `renda-desktop` (Tauri 2 +
# WebKitGTK) driven by tauri-driver on a virtual display, on a fresh temporary data folder.
#
#   scripts/window-e2e.sh               # builds the UI if ui/dist is missing, cargo build -p renda-desktop, runs
#   scripts/window-e2e.sh --no-build    # uses target/debug/renda-desktop as it is
#   RENDA_DESKTOP_BIN=/path/to/renda-desktop scripts/window-e2e.sh --no-build
#   scripts/window-e2e.sh --no-build --grep welcome   # only the tests whose name matches
#
# Needs (Debian): libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev
# libayatana-appindicator3-dev xvfb webkit2gtk-driver fonts-noto-cjk dbus-x11, Node ≥ 20, and
# tauri-driver (installed here with cargo when missing). Screenshots: target/e2e-screens/window-*.png.
# Exits non-zero when a test fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BUILD=1
GREP=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --grep) GREP=(--test-name-pattern "${2:?--grep needs a pattern}"); shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "window-e2e: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v WebKitWebDriver >/dev/null 2>&1; then
  echo "window-e2e: WebKitWebDriver not found (apt-get install webkit2gtk-driver)" >&2
  exit 1
fi
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "window-e2e: installing tauri-driver (cargo install tauri-driver --version ^2 --locked) …"
  cargo install tauri-driver --version '^2' --locked
fi

APP="${RENDA_DESKTOP_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/debug/renda-desktop}"
if [[ "$BUILD" == 1 && -z "${RENDA_DESKTOP_BIN:-}" ]]; then
  if [[ ! -f ui/dist/index.html ]]; then
    echo "window-e2e: building the UI (ui/dist is missing) …"
    (cd ui && { [[ -d node_modules ]] || npm ci; } && npm run build)
  fi
  echo "window-e2e: cargo build -p renda-desktop …"
  cargo build -p renda-desktop
fi
if [[ ! -x "$APP" ]]; then
  echo "window-e2e: $APP is missing (cargo build -p renda-desktop)" >&2
  exit 1
fi
export RENDA_DESKTOP_BIN="$APP"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/renda-window-e2e.XXXXXX")"
export RENDA_DB="$WORK/data/renda.db"      # a fresh data folder: the app starts on its welcome page
mkdir -p "$WORK/data" "$ROOT/target/e2e-screens"
rm -f "$ROOT"/target/e2e-screens/window-*.png

XVFB_PID=""
DRIVER_PID=""
cleanup() {
  local rc=$?
  # tauri-driver runs in its own process group (setsid) with dbus, WebKitWebDriver and the app in it.
  if [[ -n "$DRIVER_PID" ]]; then
    kill -TERM -- "-$DRIVER_PID" 2>/dev/null || true
    sleep 0.5
    kill -KILL -- "-$DRIVER_PID" 2>/dev/null || true
  fi
  if [[ -n "$XVFB_PID" ]]; then
    kill -TERM "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 ]]; then
    echo "window-e2e: FAILED (exit $rc). tauri-driver log: $WORK/tauri-driver.log" >&2
    tail -n 40 "$WORK/tauri-driver.log" >&2 2>/dev/null || true
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A virtual display of its own, even on a desktop: the screenshots are read from its framebuffer
# (-fbdir), the pixels the user would see. WebKitWebDriver's own screenshot needs WebKit's GPU
# compositor, which the app turns off (src-tauri/src/lib.rs).
N=99
while [[ -e "/tmp/.X11-unix/X$N" || -e "/tmp/.X$N-lock" ]]; do N=$((N + 1)); done
mkdir -p "$WORK/fb"
Xvfb ":$N" -screen 0 1920x1080x24 -fbdir "$WORK/fb" -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
export DISPLAY=":$N"
export RENDA_XVFB_FB="$WORK/fb/Xvfb_screen0"
for _ in $(seq 1 100); do
  [[ -e "/tmp/.X11-unix/X$N" ]] && break
  if ! kill -0 "$XVFB_PID" 2>/dev/null; then cat "$WORK/xvfb.log" >&2; exit 1; fi
  sleep 0.1
done
echo "window-e2e: Xvfb on $DISPLAY"

PORT="${TAURI_DRIVER_PORT:-4444}"
export TAURI_DRIVER_URL="http://127.0.0.1:$PORT"
# No accessibility bridge, and a private D-Bus session bus (started after the display exists, so
# the portals it activates can reach it): WebKitGTK under Xvfb is steadier so.
export NO_AT_BRIDGE=1
DBUS=()
command -v dbus-run-session >/dev/null 2>&1 && DBUS=(dbus-run-session --)
setsid "${DBUS[@]}" tauri-driver --port "$PORT" --native-port "$((PORT + 1))" >"$WORK/tauri-driver.log" 2>&1 &
DRIVER_PID=$!
echo "window-e2e: tauri-driver on port $PORT, app $APP, RENDA_DB=$RENDA_DB"

node --test --test-reporter=tap "${GREP[@]}" tests/e2e/window/smoke.test.mjs
