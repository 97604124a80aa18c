#!/usr/bin/env bash
# 构建 Linux 安装包（.deb）/ builds the .deb that an office PC installs with `dpkg -i`.
#
#   bash scripts/package-deb.sh           # release build: target/renda-workbench_<版本>_<架构>.deb
#   bash scripts/package-deb.sh --debug   # debug build (the install test uses it; quicker to build)
#   bash scripts/package-deb.sh --debug --no-build   # package the binaries already built (tests)
#
# Builds the UI, then `renda` and `renda-desktop` (`cargo build --workspace --bins`: the UI goes
# into both), then the packaged `renda` once more, linked for glibc 2.28 (cargo-zigbuild), and bundles them with the Tauri CLI from the UI's lockfile (`@tauri-apps/cli`,
# `npx tauri bundle --bundles deb`, which is `tauri build` without its own cargo run): no download
# once `scripts/start.sh` or `scripts/test.sh` has run (apt and npm packages, Rust crates present).
# With --no-build the UI and renda-desktop in CARGO_TARGET_DIR are packaged as they are (the
# glibc 2.28 `renda` is brought up to date either way).
# The package holds /usr/bin/renda-desktop (the window), /usr/bin/renda (the CLI and browser mode,
# with the UI inside), /usr/bin/renda-workbench (the menu entry: the window where WebKitGTK 4.1 is
# installed, browser mode otherwise), the .desktop file and the icons. Tauri names the package after
# the product (人大工作台), which dpkg does not accept, and makes WebKitGTK a hard dependency; both
# are rewritten here: the package is `renda-workbench`, and WebKitGTK, GTK and the CJK fonts are
# recommended, so that it installs where WebKitGTK 4.1 is missing (browser mode). It has no
# maintainer scripts: removing it never touches the users' data folders.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

PROFILE=release
BUILD=1
TAURI_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --debug) PROFILE=debug; TAURI_ARGS+=(--debug) ;;
    --no-build) BUILD=0 ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "package-deb: 未知参数 / unknown argument: $arg" >&2; exit 2 ;;
  esac
done
CARGO_PROFILE_ARGS=()
[ "$PROFILE" = release ] && CARGO_PROFILE_ARGS=(--release)

ensure_apt "${APP_PACKAGES[@]}"
if [ "$BUILD" = 1 ]; then
  build_ui
  say "构建 renda 与 renda-desktop（$PROFILE）/ cargo build --workspace --bins"
  cargo build --workspace --bins "${CARGO_PROFILE_ARGS[@]}"
else
  ensure_ui_deps
  for f in "$CARGO_TARGET_DIR/$PROFILE/renda" "$CARGO_TARGET_DIR/$PROFILE/renda-desktop"; do
    [ -x "$f" ] || { echo "package-deb: 尚未构建 / not built: $f" >&2; exit 1; }
  done
fi

# The packaged CLI is linked for glibc $OLD_GLIBC, so that browser mode runs on 麒麟 V10 and
# 统信 UOS 20, whose glibc is older than the build machine's; tauri.conf.json's
# bundle.linux.deb.files takes it from target/pack.
old="$(build_renda_for_old_glibc "$PROFILE")"
mkdir -p "$ROOT/target/pack"
cp "$old" "$ROOT/target/pack/renda"

say "打包 / npx tauri bundle --bundles deb ${TAURI_ARGS[*]}"
BUNDLE_DIR="$CARGO_TARGET_DIR/$PROFILE/bundle/deb"
rm -rf "$BUNDLE_DIR"
(cd src-tauri && "$ROOT/ui/node_modules/.bin/tauri" bundle --ci --bundles deb "${TAURI_ARGS[@]}")
shopt -s nullglob
built=("$BUNDLE_DIR"/*.deb)
shopt -u nullglob
if [ ${#built[@]} -ne 1 ]; then
  echo "package-deb: 在 $BUNDLE_DIR 中应有一个 .deb，实际 ${#built[@]} 个 / expected one .deb" >&2
  exit 1
fi

say "改写包名与依赖 / package renda-workbench, WebKitGTK recommended"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/renda-deb.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
dpkg-deb -R "${built[0]}" "$WORK/pkg"
control="$WORK/pkg/DEBIAN/control"
version="$(sed -n 's/^Version: //p' "$control")"
arch="$(sed -n 's/^Architecture: //p' "$control")"
recommends="$(node -p 'require("./src-tauri/tauri.conf.json").bundle.linux.deb.recommends.join(", ")')"
# Tauri adds WebKitGTK and GTK to Depends; they move to Recommends (the menu entry falls back to
# browser mode without them). libc is all `renda` needs for certain.
sed -i -e 's/^Package: .*/Package: renda-workbench/' -e '/^Depends: /d' -e '/^Recommends: /d' "$control"
newest_glibc() { objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1; }
# The newest glibc symbol version `renda` uses. The window may need a newer one: where it cannot
# load, the menu entry starts browser mode (src-tauri/linux/renda-workbench).
glibc="$(newest_glibc "$WORK/pkg/usr/bin/renda")"
[ -n "$glibc" ] || { echo "package-deb: 无法读出所需的 glibc 版本 / no GLIBC version found" >&2; exit 1; }
if [ "$(printf '%s\n' "$glibc" "$OLD_GLIBC" | sort -V | tail -n 1)" != "$OLD_GLIBC" ]; then
  echo "package-deb: renda 需要 glibc $glibc，高于 $OLD_GLIBC / renda needs glibc $glibc > $OLD_GLIBC" >&2
  exit 1
fi
echo "renda 需要 glibc ≥ $glibc；桌面窗口需要 glibc ≥ $(newest_glibc "$WORK/pkg/usr/bin/renda-desktop") 与 WebKitGTK 4.1"
sed -i "/^Architecture: /a Depends: libc6 (>= $glibc)\nRecommends: $recommends" "$control"
for script in preinst postinst prerm postrm; do
  if [ -e "$WORK/pkg/DEBIAN/$script" ]; then
    echo "package-deb: 安装包不应有 $script（删除软件不得触及数据）/ unexpected maintainer script" >&2
    exit 1
  fi
done
for f in usr/bin/renda usr/bin/renda-desktop usr/bin/renda-workbench; do
  [ -x "$WORK/pkg/$f" ] || { echo "package-deb: 包中缺少 /$f / missing from the package" >&2; exit 1; }
done
OUT="$ROOT/target/renda-workbench_${version}_${arch}.deb"
# xz for the release package (smallest); the debug one (tests) is large and only needs to be quick
COMPRESS=(-Zxz)
[ "$PROFILE" = debug ] && COMPRESS=(-Zgzip -z1)
dpkg-deb --root-owner-group "${COMPRESS[@]}" -b "$WORK/pkg" "$OUT" >/dev/null
say "安装包 / package: $OUT（$(du -h "$OUT" | cut -f1)）"
dpkg-deb -f "$OUT" Package Version Depends Recommends
echo "安装：sudo apt install $OUT（同时装上推荐的 WebKitGTK 等）或 sudo dpkg -i $OUT"
