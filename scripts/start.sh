#!/usr/bin/env bash
# 安装缺少的软件并启动人大工作台桌面程序（首次启动时可载入示例数据）。
# Installs what is missing and starts the desktop app. Without a display, starts browser mode.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_apt "${APP_PACKAGES[@]}"
build_ui
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  say "没有图形界面，改用浏览器模式 / no display: browser mode"
  exec cargo run --release --bin renda -- serve --open "$@"
fi
say "启动桌面程序 / starting the desktop app"
exec cargo run -p renda-desktop "$@"
