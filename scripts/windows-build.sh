#!/usr/bin/env bash
# 构建 Windows 版与安装程序 / cross-builds the Windows programs and their installer, on Linux,
# offline.
#
#   bash scripts/windows-build.sh             # release: <target>/windows/人大工作台-<版本>-安装程序.exe
#   bash scripts/windows-build.sh --debug     # debug build (quicker; the installer test may use it)
#   bash scripts/windows-build.sh --no-ui     # ui/dist as it is (scripts/test.sh built it already)
#   bash scripts/windows-build.sh --no-build  # package what an earlier run built (UI and binaries)
#
# Builds the UI (both programs embed ui/dist), then for x86_64-pc-windows-gnu (MinGW) `renda.exe`
# (the CLI and browser mode) and the window (`renda-desktop`, named 人大工作台.exe here), takes the
# WebView2Loader.dll that the webview2-com-sys build leaves in the target folder, and writes the
# three files and the installer into <cargo target folder>/windows/ (printed at the end). The
# installer is our own NSIS script (packaging/windows/installer.nsi) built with Debian's makensis:
# Tauri's NSIS bundling downloads NSIS and the WebView2 bootstrapper at build time, which fails on
# an offline build machine. The version is the one in Cargo.toml.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

TRIPLE=x86_64-pc-windows-gnu
PROFILE=release
BUILD=1
UI=1
for arg in "$@"; do
  case "$arg" in
    --debug) PROFILE=debug ;;
    --no-build) BUILD=0 ;;
    --no-ui) UI=0 ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "windows-build: 未知参数 / unknown argument: $arg" >&2; exit 2 ;;
  esac
done

fail() {
  echo "windows-build: 失败 / FAILED: $*" >&2
  exit 1
}

ensure_apt gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis
if ! rustup target list --installed 2>/dev/null | grep -qx "$TRIPLE"; then
  say "安装 Rust 目标 $TRIPLE / rustup target add $TRIPLE"
  rustup target add "$TRIPLE"
fi

# the folder cargo really builds in (CARGO_TARGET_DIR from lib.sh, or the caller's own)
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys;print(json.load(sys.stdin)["target_directory"])')"
BIN_DIR="$TARGET_DIR/$TRIPLE/$PROFILE"
OUT="$TARGET_DIR/windows"

# one version for the installer, both programs and the window's configuration
VERSION="$(cargo metadata --format-version 1 --no-deps | python3 -c '
import json, sys
versions = {p["name"]: p["version"] for p in json.load(sys.stdin)["packages"]}
print(versions["renda"])
if versions.get("renda-desktop") != versions["renda"]:
    sys.exit("renda %s, renda-desktop %s" % (versions["renda"], versions.get("renda-desktop")))
')" || fail "Cargo.toml 与 src-tauri/Cargo.toml 的版本不一致 / the two Cargo.toml versions differ"
conf_version="$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["version"])' src-tauri/tauri.conf.json)"
[ "$conf_version" = "$VERSION" ] || fail "tauri.conf.json 的版本 $conf_version 与 Cargo.toml 的 $VERSION 不一致"

START=$SECONDS
if [ "$BUILD" = 1 ]; then
  if [ "$UI" = 1 ]; then
    build_ui
  else
    [ -s ui/dist/index.html ] || fail "界面尚未构建（ui/dist）/ the UI is not built: run without --no-ui"
  fi
  say "交叉构建 renda.exe 与桌面窗口（$PROFILE，$TRIPLE）/ cargo build --target $TRIPLE"
  args=(--target "$TRIPLE" -p renda --bin renda -p renda-desktop --bin renda-desktop)
  [ "$PROFILE" = release ] && args+=(--release)
  cargo build "${args[@]}"
fi
BUILD_SECS=$((SECONDS - START))
for f in "$BIN_DIR/renda.exe" "$BIN_DIR/renda-desktop.exe"; do
  [ -s "$f" ] || fail "尚未构建 / not built: $f"
done

# webview2-com-sys copies the loader next to the binaries; else it is in its build script's output
LOADER="$BIN_DIR/WebView2Loader.dll"
if [ ! -s "$LOADER" ]; then
  LOADER="$(find "$BIN_DIR/build" -path '*webview2-com-sys-*/out/x64/WebView2Loader.dll' -printf '%T@ %p\n' 2>/dev/null |
    sort -n | tail -n 1 | cut -d' ' -f2-)"
fi
[ -n "$LOADER" ] && [ -s "$LOADER" ] || fail "找不到 WebView2Loader.dll（webview2-com-sys 的构建输出）/ not found under $BIN_DIR"

say "收集文件 / collecting into $OUT"
rm -rf "$OUT"
mkdir -p "$OUT"
cp "$BIN_DIR/renda.exe" "$OUT/renda.exe"
cp "$BIN_DIR/renda-desktop.exe" "$OUT/人大工作台.exe"
cp "$LOADER" "$OUT/WebView2Loader.dll"
if [ "$PROFILE" = release ]; then
  # the symbols the Rust standard library brings along: a few MB nobody on the PC needs
  x86_64-w64-mingw32-strip "$OUT/renda.exe" "$OUT/人大工作台.exe"
fi

SUFFIX=""
NSIS_ARGS=()
# the debug installer is for the tests: quick to compress rather than small
[ "$PROFILE" = debug ] && SUFFIX="-debug" && NSIS_ARGS+=(-DFAST_COMPRESSION)
INSTALLER="$OUT/人大工作台-$VERSION$SUFFIX-安装程序.exe"
say "制作安装程序 / makensis packaging/windows/installer.nsi"
NSIS_START=$SECONDS
LC_ALL=C.UTF-8 makensis -V2 -WX -INPUTCHARSET UTF8 "${NSIS_ARGS[@]}" -DVERSION="$VERSION" -DSRCDIR="$OUT" \
  -DICON="$ROOT/src-tauri/icons/icon.ico" -DOUTFILE="$INSTALLER" packaging/windows/installer.nsi
[ -s "$INSTALLER" ] || fail "makensis 没有生成安装程序 / no installer written: $INSTALLER"
NSIS_SECS=$((SECONDS - NSIS_START))

say "Windows 版 / Windows build ($PROFILE, $VERSION): $OUT"
(cd "$OUT" && du -b -- renda.exe 人大工作台.exe WebView2Loader.dll | awk '{printf "  %6.1f MB  %s\n", $1 / 1048576, $2}')
printf '  安装程序 / installer: %s（%.1f MB）\n' "$INSTALLER" "$(du -b "$INSTALLER" | cut -f1 | awk '{print $1 / 1048576}')"
printf '  安装后 / installed: %.1f MB（不含卸载程序 / without the uninstaller）\n' "$(du -bc "$OUT/renda.exe" "$OUT/人大工作台.exe" "$OUT/WebView2Loader.dll" | tail -n 1 | cut -f1 | awk '{print $1 / 1048576}')"
echo "  用时 / time: 构建 / build ${BUILD_SECS}s, makensis ${NSIS_SECS}s"
