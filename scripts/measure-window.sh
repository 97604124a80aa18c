#!/usr/bin/env bash
# 窗口数据 / the window's figures: time from launch to a usable 工作台 on the demo data, and the
# PSS of all the app's processes (the shell, WebKitWebProcess, WebKitNetworkProcess) once it has
# settled, beside the same figures for the floor — the same shell showing one static page
# (`renda-desktop --window-floor`). Median of 3 launches each, under Xvfb through tauri-driver
# (the launch is the WebDriver session request). Prints figures; it is not a pass/fail test.
# Targets: memory ≤ 1.5× the floor, ≤ 1.5 s to a usable 工作台, in a release build.
#
#   bash scripts/measure-window.sh                      # release build: builds it if missing
#   bash scripts/measure-window.sh --bin PATH [--renda PATH]   # a given renda-desktop (and renda)
#   MEASURE_RUNS=5 bash scripts/measure-window.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_node
APP=""
RENDA=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) APP="${2:?--bin PATH}"; shift ;;
    --renda) RENDA="${2:?--renda PATH}"; shift ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "measure-window: 未知参数 / unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$APP" ]; then
  build_ui
  say "构建发布版 / cargo build --release --workspace --bins"
  cargo build --release --workspace --bins
  APP="$CARGO_TARGET_DIR/release/renda-desktop"
  RENDA="$CARGO_TARGET_DIR/release/renda"
fi
RENDA="${RENDA:-$(dirname "$APP")/renda}"
for f in "$APP" "$RENDA"; do
  [ -x "$f" ] || { echo "measure-window: 找不到 / missing: $f" >&2; exit 1; }
done
case "$APP" in */debug/*) say "注意：这是调试版的数据（发布版更快更小）/ note: a debug build's figures" ;; esac
ensure_tauri_driver

WORK="$(mktemp -d "${TMPDIR:-/tmp}/renda-measure.XXXXXX")"
XVFB_PID=""
DRIVER_PID=""
cleanup() {
  local rc=$?
  if [ -n "$DRIVER_PID" ]; then
    kill -TERM -- "-$DRIVER_PID" 2>/dev/null || true
    sleep 0.5
    kill -KILL -- "-$DRIVER_PID" 2>/dev/null || true
  fi
  if [ -n "$XVFB_PID" ]; then kill -TERM "$XVFB_PID" 2>/dev/null || true; fi
  if [ $rc -ne 0 ]; then tail -n 30 "$WORK/tauri-driver.log" >&2 2>/dev/null || true; fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT

export RENDA_DB="$WORK/data/renda.db"
mkdir -p "$WORK/data"
"$RENDA" --db "$RENDA_DB" demo >/dev/null

N=99
while [ -e "/tmp/.X11-unix/X$N" ] || [ -e "/tmp/.X$N-lock" ]; do N=$((N + 1)); done
Xvfb ":$N" -screen 0 1920x1080x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
export DISPLAY=":$N"
for _ in $(seq 1 100); do
  [ -e "/tmp/.X11-unix/X$N" ] && break
  sleep 0.1
done
PORT="${TAURI_DRIVER_PORT:-4454}"
export TAURI_DRIVER_URL="http://127.0.0.1:$PORT"
export NO_AT_BRIDGE=1
DBUS=()
command -v dbus-run-session >/dev/null 2>&1 && DBUS=(dbus-run-session --)
setsid "${DBUS[@]}" tauri-driver --port "$PORT" --native-port "$((PORT + 1))" >"$WORK/tauri-driver.log" 2>&1 &
DRIVER_PID=$!
RENDA_DESKTOP_BIN="$(realpath "$APP")" node tests/e2e/window/measure.mjs
