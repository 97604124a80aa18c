#!/usr/bin/env bash
# Windows 安装程序测试 / the Windows installer as an office PC runs it, under Wine, in a throwaway
# Wine prefix (scripts/wine-lib.sh): installs it silently (/S, per user), checks the program files,
# the Start-menu and desktop shortcuts and the uninstall entry, runs the installed `renda.exe
# --version` and `renda.exe init` (the data file in the default data folder,
# %APPDATA%\renda\renda-workbench\data), installs again over it (an upgrade: data untouched), then
# uninstalls silently and checks the program, its shortcuts and its entry are gone and the data
# folder is exactly as it was.
#
#   bash scripts/windows-installer-test.sh              # builds first: scripts/windows-build.sh
#   bash scripts/windows-installer-test.sh --debug      # … the debug build (quicker to build)
#   bash scripts/windows-installer-test.sh --no-build   # … packages what is built (with --debug too)
#   bash scripts/windows-installer-test.sh --debug --no-ui   # scripts/test.sh: ui/dist is built
#   bash scripts/windows-installer-test.sh FILE.exe     # tests the given installer
#
# The installed window is started too: Wine has no WebView2, so it must show its Chinese message
# box, and answering 是 must start browser mode, which must answer (Xvfb and xdotool).
#
# Not tested here: the window itself (WebView2 does not run under Wine), the installer's and the
# uninstaller's pages (silent mode shows none), a real Windows 10/11.
source "$(dirname "$0")/lib.sh"
source "$ROOT/scripts/wine-lib.sh"
cd "$ROOT"

START=$SECONDS
INSTALLER=""
BUILD_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --debug | --no-build | --no-ui) BUILD_ARGS+=("$arg") ;;
    -h | --help) sed -n '2,21p' "$0"; exit 0 ;;
    -*) echo "windows-installer-test: 未知参数 / unknown argument: $arg" >&2; exit 2 ;;
    *) INSTALLER="$arg" ;;
  esac
done

fail() {
  echo "windows-installer-test: 失败 / FAILED: $*" >&2
  exit 1
}

VERSION="$(python3 -c 'import tomllib;print(tomllib.load(open("Cargo.toml","rb"))["package"]["version"])')"
BUILT=""
if [ -z "$INSTALLER" ]; then
  bash scripts/windows-build.sh "${BUILD_ARGS[@]}"
  BUILT="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys;print(json.load(sys.stdin)["target_directory"])')/windows"
  shopt -s nullglob
  found=("$BUILT"/人大工作台-"$VERSION"*-安装程序.exe)
  shopt -u nullglob
  [ ${#found[@]} -eq 1 ] || fail "$BUILT 中应有一个安装程序，实际 ${#found[@]} 个 / expected one installer"
  INSTALLER="${found[0]}"
fi
[ -s "$INSTALLER" ] || fail "找不到安装程序 / no installer: $INSTALLER"
INSTALLER="$(cd "$(dirname "$INSTALLER")" && pwd)/$(basename "$INSTALLER")"
TEST_START=$SECONDS

WORK="$(mktemp -d "${TMPDIR:-/tmp}/renda-windows-installer-test.XXXXXX")"
cleanup() {
  local rc=$?
  wine_prefix_done
  if [ -n "${XVFB_PID:-}" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
  if [ $rc -eq 0 ]; then rm -rf "$WORK"; else echo "windows-installer-test: 保留 / kept $WORK" >&2; fi
  exit $rc
}
trap cleanup EXIT

# every Windows program gets at most this long: a dialog nobody can answer fails the test, not hangs it
WINE_TIMEOUT=180
run_wine() { timeout "$WINE_TIMEOUT" wine "$@"; }

say "安装程序 / the installer: $INSTALLER（$(du -h "$INSTALLER" | cut -f1)）"
# the manifest asks for no administrator (per-user install)
grep -aq 'level="asInvoker"' "$INSTALLER" || fail "安装程序会请求管理员权限（清单中没有 asInvoker）"

say "新的 Wine 前缀 / a fresh Wine prefix: $WORK/prefix"
wine_prefix_ready "$WORK/prefix"
U="$(wine_user_dir)"
INSTDIR="$U/AppData/Local/Programs/人大工作台"
MENU="$U/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/人大工作台"
DESKTOP="$U/Desktop"
DATA="$U/AppData/Roaming/renda/renda-workbench/data"
UNINSTALLER="$INSTDIR/卸载人大工作台.exe"
PROGRAM_FILES=(renda.exe 人大工作台.exe WebView2Loader.dll 卸载人大工作台.exe)
SHORTCUTS=("$MENU/人大工作台.lnk" "$MENU/人大工作台（浏览器模式）.lnk" "$MENU/卸载人大工作台.lnk"
  "$DESKTOP/人大工作台.lnk" "$DESKTOP/人大工作台（浏览器模式）.lnk")
UNINSTALL_KEY='[Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\renda-workbench]'

# install silently; the installer returns when it is done
install() {
  run_wine "$INSTALLER" /S || fail "静默安装失败（退出码 $?）/ the silent install failed"
  wineserver -w
}

# what a shortcut (.lnk) points at: its strings, UTF-16 or the ANSI code page
lnk_text() {
  python3 -c 'import sys; b = open(sys.argv[1], "rb").read(); print((b.decode("utf-16-le", "ignore") + b.decode("latin-1")).replace("\0", ""))' "$1"
}

check_installed() {
  local f
  for f in "${PROGRAM_FILES[@]}"; do
    [ -s "$INSTDIR/$f" ] || fail "安装后缺少 / missing after install: $INSTDIR/$f"
  done
  if [ -n "$BUILT" ]; then
    for f in renda.exe 人大工作台.exe WebView2Loader.dll; do
      cmp -s "$BUILT/$f" "$INSTDIR/$f" || fail "安装的 $f 与构建的不同 / the installed $f differs from the built one"
    done
  fi
  for f in "${SHORTCUTS[@]}"; do
    [ -s "$f" ] || fail "缺少快捷方式 / missing shortcut: $f"
  done
  # (the text is read whole first: grep -q would stop reading early, which pipefail counts as failure)
  local lnk
  lnk="$(lnk_text "$MENU/人大工作台.lnk")"
  [[ "$lnk" == *人大工作台.exe* ]] || fail "“人大工作台”快捷方式没有指向 人大工作台.exe"
  lnk="$(lnk_text "$MENU/人大工作台（浏览器模式）.lnk")"
  [[ "$lnk" == *renda.exe* && "$lnk" == *"serve --open"* ]] ||
    fail "开始菜单的“浏览器模式”快捷方式不是 renda.exe serve --open"
  lnk="$(lnk_text "$DESKTOP/人大工作台（浏览器模式）.lnk")"
  [[ "$lnk" == *renda.exe* && "$lnk" == *"serve --open"* ]] ||
    fail "桌面的“浏览器模式”快捷方式不是 renda.exe serve --open"
  grep -qF "$UNINSTALL_KEY" "$WORK/prefix/user.reg" || fail "HKCU 中没有卸载项 / no uninstall entry: $UNINSTALL_KEY"
  sed -n "/^$(printf '%s' "$UNINSTALL_KEY" | sed 's/[][\\.]/\\&/g')/,/^\$/p" "$WORK/prefix/user.reg" >"$WORK/entry.txt"
  grep -qx "\"DisplayVersion\"=\"$VERSION\"" "$WORK/entry.txt" || fail "卸载项的版本不是 $VERSION：$(cat "$WORK/entry.txt")"
  grep -q '^"QuietUninstallString"=.*/S"$' "$WORK/entry.txt" || fail "卸载项没有静默卸载命令：$(cat "$WORK/entry.txt")"
}

say "静默安装 / silent install (/S)"
t=$SECONDS
install
INSTALL_SECS=$((SECONDS - t))
check_installed
INSTALLED_BYTES="$(du -sb "$INSTDIR" | cut -f1)"
echo "  程序文件、开始菜单与桌面快捷方式、卸载项：正确（${INSTALL_SECS}s）/ files, shortcuts, uninstall entry: ok"

say "安装的 renda.exe / the installed renda.exe under Wine"
out="$(run_wine "$INSTDIR/renda.exe" --version 2>&1 | tr -d '\r')" || fail "renda.exe --version 失败：$out"
[ "$out" = "renda $VERSION" ] || fail "renda.exe --version 应为“renda $VERSION”，实际“$out”"
echo "  $out"
# the default data folder, as the window and browser mode use it (README; the uninstaller names it)
[ ! -e "$DATA" ] || fail "数据文件夹在第一次运行前就已存在 / the data folder exists before first use: $DATA"
out="$(unset RENDA_DB; run_wine "$INSTDIR/renda.exe" init 2>&1 | tr -d '\r')" || fail "renda.exe init 失败：$out"
[ -s "$DATA/renda.db" ] || fail "renda.exe init 没有在默认数据文件夹中建立 renda.db：$DATA（输出：$out）"
echo "  renda.exe init → %APPDATA%\\renda\\renda-workbench\\data\\renda.db（$(du -h "$DATA/renda.db" | cut -f1)）"
wineserver -w

say "没有 WebView2 时的桌面窗口 / the installed window without WebView2 (Wine has none), on Xvfb"
# The window cannot run under Wine; what it does without WebView2 can: a Chinese message box that
# offers browser mode, whose default answer 是 (Enter) starts `renda.exe serve --open` from the
# program folder. Wine hands the URL to the "browser" set below, a script that only writes it down.
ensure_apt xvfb xdotool
cat >"$WORK/browser" <<SH
#!/bin/sh
echo "\$@" >>"$WORK/opened.txt"
SH
chmod +x "$WORK/browser"
run_wine reg add 'HKCU\Software\Wine\WineBrowser' /v Browsers /t REG_SZ /d "$WORK/browser" /f >/dev/null
# the prefix's programs end first, so that the next start (on the X display) begins a new session
wineserver -w
exec 5>"$WORK/display"
Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
exec 5>&-
for _ in $(seq 1 50); do [ -s "$WORK/display" ] && break; sleep 0.2; done
[ -s "$WORK/display" ] || fail "Xvfb 没有启动：$(cat "$WORK/xvfb.log")"
export DISPLAY=":$(head -n 1 "$WORK/display")"
(timeout "$WINE_TIMEOUT" wine "$INSTDIR/人大工作台.exe" >"$WORK/window.txt" 2>&1) &
WINDOW_JOB=$!
box=""
for _ in $(seq 1 60); do
  box="$(xdotool search --name '人大工作台' 2>/dev/null | head -n 1)" && [ -n "$box" ] && break
  sleep 0.5
done
[ -n "$box" ] || fail "没有出现提示框 / no message box from the window: $(cat "$WORK/window.txt")"
grep -q '人大工作台无法打开桌面窗口' "$WORK/window.txt" ||
  fail "窗口没有说明缺少 WebView2 / the window did not say why: $(cat "$WORK/window.txt")"
xdotool key --window "$box" Return 2>/dev/null
url=""
for _ in $(seq 1 60); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/?token=[A-Za-z0-9]*' "$WORK/opened.txt" 2>/dev/null | head -n 1)" && [ -n "$url" ] && break
  sleep 0.5
done
[ -n "$url" ] || fail "回答“是”后浏览器模式没有打开浏览器 / browser mode did not open the browser: $(cat "$WORK/window.txt")"
wait "$WINDOW_JOB" && fail "没有 WebView2 时窗口程序应以错误退出 / the window should exit with an error" || true
page="$(curl -fsSL -c "$WORK/cookies" "$url")" || fail "浏览器模式没有应答 / browser mode does not answer: $url"
[[ "$page" == *'<div id="app">'* || "$page" == *"人大工作台"* ]] || fail "浏览器模式的页面不对 / not the app's page: ${page:0:300}"
echo "  提示框出现，选“是”后浏览器模式已启动并应答 / the box came up; 是 started browser mode: ${url%%\?*}"
# browser mode ends with the prefix's programs; the box and Xvfb are done
wineserver -k >/dev/null 2>&1 || true
wineserver -w
kill "$XVFB_PID" 2>/dev/null || true
wait "$XVFB_PID" 2>/dev/null || true
unset DISPLAY
snapshot() { (cd "$DATA" && find . -type f -exec sha256sum {} + | sort); }
snapshot >"$WORK/data-before.txt"

say "覆盖安装（升级）/ installing again over it: program files replaced, data untouched"
install
check_installed
snapshot >"$WORK/data-after.txt"
cmp -s "$WORK/data-before.txt" "$WORK/data-after.txt" ||
  fail "覆盖安装改动了数据文件夹：$(diff "$WORK/data-before.txt" "$WORK/data-after.txt")"
echo "  数据未变 / data unchanged"

say "静默卸载 / silent uninstall (/S)"
# The uninstaller copies itself to %TEMP% and returns at once; that copy does the work. Waiting
# for the prefix's programs to end (wineserver -w) waits for it, as `_?=` would, and lets the copy
# remove the uninstaller and the folder as it does on Windows.
t=$SECONDS
run_wine "$UNINSTALLER" /S || fail "静默卸载失败（退出码 $?）/ the silent uninstall failed"
wineserver -w
UNINSTALL_SECS=$((SECONDS - t))
if [ -e "$INSTDIR" ]; then
  fail "卸载后程序文件夹仍在 / the program folder is still there: $(find "$INSTDIR" | tr '\n' ' ')"
fi
for f in "${SHORTCUTS[@]}"; do
  [ ! -e "$f" ] || fail "卸载后快捷方式仍在 / shortcut left: $f"
done
[ ! -e "$MENU" ] || fail "卸载后开始菜单文件夹仍在 / Start-menu folder left: $MENU"
if grep -qF "$UNINSTALL_KEY" "$WORK/prefix/user.reg"; then fail "卸载后 HKCU 中仍有卸载项 / uninstall entry left"; fi
[ -s "$DATA/renda.db" ] || fail "卸载删除了数据文件 / the uninstaller removed the data file: $DATA/renda.db"
snapshot >"$WORK/data-after.txt"
cmp -s "$WORK/data-before.txt" "$WORK/data-after.txt" ||
  fail "卸载改动了数据文件夹：$(diff "$WORK/data-before.txt" "$WORK/data-after.txt")"
echo "  程序、快捷方式、卸载项已删除，数据文件夹完好（${UNINSTALL_SECS}s）/ program, shortcuts, entry gone; data intact"

say "Windows 安装程序测试通过 / Windows installer test passed"
printf '  安装程序 / installer %.1f MB，安装后 / installed %.1f MB；测试用时 / test time %ss（含构建 / with the build %ss）\n' \
  "$(du -b "$INSTALLER" | cut -f1 | awk '{print $1 / 1048576}')" \
  "$(echo "$INSTALLED_BYTES" | awk '{print $1 / 1048576}')" "$((SECONDS - TEST_START))" "$((SECONDS - START))"
