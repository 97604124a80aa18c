#!/usr/bin/env bash
# 运行全部测试 / runs every test layer: engine (real SQLite files), UI type check and unit
# tests, browser end-to-end (Chromium against `renda serve`) and the real desktop window
# (tauri-driver under Xvfb). Installs what is missing first.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
export CARGO_TERM_COLOR=never
start=$(date +%s)
ensure_apt "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_ui_deps
ensure_tauri_driver

say "1/5 引擎测试 / engine tests (cargo fmt --check, cargo test -p renda)"
cargo fmt --all --check
cargo test -p renda

say "2/5 界面类型检查与单元测试 / ui typecheck + vitest"
(cd ui && npm run typecheck && npm run test)

say "3/5 构建界面与程序 / build ui, renda, renda-desktop"
(cd ui && npm run build)
cargo build --bin renda -p renda
cargo build -p renda-desktop

say "4/5 浏览器端到端测试 / browser e2e"
(cd ui && npm run e2e)

say "5/5 桌面窗口测试 / desktop window: shell wiring + WebDriver e2e"
cargo test -p renda-desktop
bash scripts/window-e2e.sh

say "全部测试通过 / all layers passed in $(( $(date +%s) - start ))s"
