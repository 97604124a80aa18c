#!/usr/bin/env bash
# The Windows layer of scripts/test.sh: `renda.exe`, cross-built for x86_64-pc-windows-gnu, tested
# under Wine on this machine (most offices run Windows 10/11):
#   1. the engine's tests that meet Windows' file semantics, cross-compiled and run by Wine (the
#      cargo runner): exports over a file held by Excel, backups and restores, Chinese paths with
#      spaces, the CLI as a user runs it, packages between offices, spreadsheets read — a subset,
#      since each of the ~20 test programs takes a minute to cross-link and the rest hold no
#      Windows-specific paths;
#   2. `renda.exe serve` under Wine, driven by the browser e2e (Chromium here against it): the
#      first-year flow from an empty database (imports, exports, a suggestion's whole life) and the
#      上报包 exchange (a package uploaded through the page, a copied data file, packs by the CLI),
#      and a backup restored from the list in 设置与备份.
# The installer is built and tried by scripts/windows-installer-test.sh. The window itself cannot
# run under Wine (no WebView2): docs/windows.md says what is not tested.
# Usage: bash scripts/windows-test.sh [--no-e2e]
source "$(dirname "$0")/lib.sh"
source "$ROOT/scripts/wine-lib.sh"
cd "$ROOT"

WIN_TARGET=x86_64-pc-windows-gnu
ensure_windows_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx "$WIN_TARGET"; then
    rustup target add "$WIN_TARGET"
  fi
}

ensure_windows_target
WORK="$(mktemp -d "${TMPDIR:-/tmp}/renda-wine.XXXXXX")"
trap 'wine_prefix_done; rm -rf "$WORK"' EXIT
wine_prefix_ready "$WORK/prefix"

say "Windows 代码检查 / clippy for the Windows target (the code only Windows compiles)"
cargo clippy --target "$WIN_TARGET" -p renda --all-targets -- -D warnings

say "Windows 1/2 引擎测试（Wine 中运行） / engine tests cross-built and run under Wine"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
cargo test --target "$WIN_TARGET" --lib --test windows_files --test safety --test upward --test excel
# The command-line tests start renda.exe dozens of times; Wine's process start has failed
# transiently (error 1359) when several tests start processes at once, so they run one at a time.
cargo test --target "$WIN_TARGET" --test cli -- --test-threads=1
cargo build --target "$WIN_TARGET" --bin renda

say "Windows 数据文件夹 / the default data folder is %APPDATA%\\renda\\renda-workbench\\data"
EXE="$CARGO_TARGET_DIR/$WIN_TARGET/debug/renda.exe"
(unset RENDA_DB; wine "$EXE" init >"$WORK/init.txt")
data="$(wine_user_dir)/AppData/Roaming/renda/renda-workbench/data/renda.db"
[ -s "$data" ] || { cat "$WORK/init.txt"; echo "renda.exe init 没有在 %APPDATA% 中建立数据文件 / no data file at $data" >&2; exit 1; }

if [ "${1:-}" != "--no-e2e" ]; then
  say "Windows 2/2 浏览器端到端（Wine 中的 renda.exe serve） / browser e2e against renda.exe under Wine"
  # the harness runs RENDA_BIN as a program: this one hands every argument to renda.exe in Wine
  printf '#!/bin/sh\nexec wine "%s" "$@"\n' "$EXE" >"$WORK/renda"
  chmod +x "$WORK/renda"
  (cd ui && RENDA_BIN="$WORK/renda" node --test ../tests/e2e/browser/first_year.test.mjs ../tests/e2e/browser/upward.test.mjs ../tests/e2e/browser/backup.test.mjs ../tests/e2e/browser/projects_year.test.mjs)
fi
