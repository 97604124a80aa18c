#!/usr/bin/env bash
# 运行全部测试 / runs every test layer: code checks, engine (real SQLite files), UI type check and
# unit tests, printed paper (every export printed to PDF by LibreOffice and checked: scripts/print-test.sh),
# browser end-to-end (Chromium against `renda serve`), the real desktop window
# (tauri-driver under Xvfb), the .deb installed with dpkg (then the window's figures), and the
# Windows build under Wine (scripts/windows-test.sh, then the installer: scripts/windows-installer-test.sh).
# Installs what is missing first. Each crate is built once: the UI first (the `renda` binary embeds
# it), then `cargo build --workspace --bins --tests` makes the tests and the binaries that every
# later layer and the .deb use. Builds go to CARGO_TARGET_DIR (default: ~/.cache/renda/target, see lib.sh).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
export CARGO_TERM_COLOR=never

TIMES=()
layer_start=$(date +%s)
run_start=$layer_start
# Ends the layer now running (its time is printed at the end, also when a later layer fails).
layer_done() {
  local now
  now=$(date +%s)
  TIMES+=("$(printf '%5ds  %s' $((now - layer_start)) "$1")")
  layer_start=$now
}
print_times() {
  local rc=$?
  if [ -n "$TAURI_DRIVER_JOB" ]; then kill "$TAURI_DRIVER_JOB" 2>/dev/null || true; fi
  if [ -n "$OLD_GLIBC_JOB" ]; then kill "$OLD_GLIBC_JOB" 2>/dev/null || true; fi
  if [ ${#TIMES[@]} -gt 0 ]; then
    say "各层用时 / time per layer"
    printf '%s\n' "${TIMES[@]}"
    printf '%5ds  合计 / total\n' $(($(date +%s) - run_start))
  fi
  return $rc
}
trap print_times EXIT

ensure_apt "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_ui_deps
# tauri-driver compiles (about two minutes on a fresh machine) while the UI builds and the tests run.
start_tauri_driver_install
layer_done "0 准备：系统软件包、界面依赖 / apt, npm ci"

say "构建界面 / building ui (before cargo: the renda binary embeds ui/dist)"
(cd ui && npm run build)
# the .deb's `renda` for older systems (glibc 2.28) compiles beside the layers below, for layer 7
start_old_glibc_build debug
layer_done "0 构建界面 / ui build"

say "1/11 代码检查 / cargo fmt --check, cargo clippy --workspace --all-targets -D warnings, eslint"
cargo fmt --all --check
# --workspace (not -p renda): the same feature set as the build below, so that clippy reuses its
# build scripts and proc macros; it lints the shell (src-tauri) too
cargo clippy --workspace --all-targets -- -D warnings
(cd ui && npm run lint)
layer_done "1 代码检查 / fmt + clippy + eslint"

say "2/11 构建程序与测试 / cargo build --workspace --bins --tests"
# One build for every later layer: the tests, renda and renda-desktop (for the e2e layers and the
# .deb) share one feature set. `cargo build` alone would leave out the dev-dependencies' features
# and build some 40 crates (the whole Tauri stack among them) a second time.
cargo build --workspace --bins --tests
export RENDA_BIN="$CARGO_TARGET_DIR/debug/renda"
export RENDA_DESKTOP_BIN="$CARGO_TARGET_DIR/debug/renda-desktop"
layer_done "2 构建 / cargo build --workspace --bins --tests"

say "3/11 引擎与外壳测试 / engine + shell wiring tests (cargo test --workspace)"
cargo test --workspace
layer_done "3 引擎与外壳测试 / cargo test --workspace"

say "4/11 打印测试 / printed paper: every export and template printed to PDF by LibreOffice, then checked"
bash scripts/print-test.sh
layer_done "4 打印测试 / print test (LibreOffice PDFs checked, first pages in target/print/)"

say "5/11 界面类型检查与单元测试 / ui typecheck + vitest"
(cd ui && npm run typecheck && npm run test)
layer_done "5 界面类型检查与单元测试 / vue-tsc + vitest"

say "6/11 浏览器端到端测试 / browser e2e"
(cd ui && npm run e2e)
layer_done "6 浏览器端到端 / browser e2e"

say "7/11 桌面窗口测试 / desktop window: WebDriver e2e"
wait_tauri_driver_install
bash scripts/window-e2e.sh --no-build
layer_done "7 桌面窗口 / window e2e (incl. waiting for tauri-driver)"

say "8/11 安装包测试 / .deb: build, dpkg -i, run, dpkg -r, dpkg -P"
wait_old_glibc_build
bash scripts/install-test.sh
layer_done "8 安装包 / .deb install test (incl. waiting for the glibc 2.28 build)"

say "9/11 窗口数据 / window figures (not pass/fail)"
# figures, not pass/fail: the debug build of layer 2 (the release figures: scripts/measure-window.sh)
bash scripts/measure-window.sh --bin "$RENDA_DESKTOP_BIN" --renda "$RENDA_BIN"
layer_done "9 窗口数据 / window figures (debug build)"

say "10/11 Windows：交叉构建，在 Wine 中测试 / Windows: cross-built, tested under Wine"
bash scripts/windows-test.sh
layer_done "10 Windows / renda.exe: engine tests and browser e2e under Wine"

say "11/11 Windows 安装程序 / Windows: the window cross-built (debug), the installer made, installed, upgraded and uninstalled under Wine"
bash scripts/windows-installer-test.sh --debug --no-ui
layer_done "11 Windows 安装程序 / installer test under Wine (incl. the debug cross-build)"

say "全部测试通过 / all layers passed in $(($(date +%s) - run_start))s"
