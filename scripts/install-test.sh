#!/usr/bin/env bash
# 安装包测试 / the .deb as an office PC gets it: builds it (`scripts/package-deb.sh --debug
# --no-build`: the debug binaries the earlier layers built and tested), checks what it holds, installs it with
# `dpkg -i`, starts the installed window under Xvfb (welcome page, through tauri-driver), runs the
# installed `renda serve` from /tmp and loads it in Chromium, starts the menu entry in browser
# mode, then removes the package (`dpkg -r`, then `dpkg -P`) and checks the data folder is intact.
# Last, the same package in an older Debian (chroot): it installs, and the menu entry starts
# browser mode there by itself.
#
#   bash scripts/install-test.sh              # packages the debug build first
#   bash scripts/install-test.sh FILE.deb     # tests the given package
#
# Installs and removes the package `renda-workbench` on this machine (root, or sudo).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_node
DEB="${1:-}"
if [ -z "$DEB" ]; then
  bash scripts/package-deb.sh --debug --no-build
  DEB="$(ls -t "$ROOT"/target/renda-workbench_*.deb | head -n 1)"
fi
[ -f "$DEB" ] || { echo "install-test: 找不到安装包 / no package: $DEB" >&2; exit 1; }

fail() {
  echo "install-test: 失败 / FAILED: $*" >&2
  exit 1
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/renda-install-test.XXXXXX")"
INSTALLED=0
OLD_INSTALLED=0
chroot_run() { $SUDO chroot "$@"; }
cleanup() {
  local rc=$?
  if [ "$INSTALLED" = 1 ]; then
    $SUDO dpkg -P renda-workbench >/dev/null 2>&1 || true
  fi
  if [ "$OLD_INSTALLED" = 1 ]; then
    chroot_run "$OLDROOT" dpkg -P renda-workbench >/dev/null 2>&1 || true
  fi
  if [ $rc -eq 0 ]; then rm -rf "$WORK"; else echo "install-test: 保留 / kept $WORK" >&2; fi
  exit $rc
}
trap cleanup EXIT

say "检查安装包内容 / what the package holds: $DEB"
[ "$(dpkg-deb -f "$DEB" Package)" = renda-workbench ] || fail "包名应为 renda-workbench：$(dpkg-deb -f "$DEB" Package)"
dpkg-deb -f "$DEB" Depends | grep -Eqx 'libc6 \(>= [0-9.]+\)' || fail "Depends 应只有 libc6：$(dpkg-deb -f "$DEB" Depends)"
dpkg-deb -f "$DEB" Recommends | grep -q 'libwebkit2gtk-4.1-0' || fail "Recommends 中没有 libwebkit2gtk-4.1-0"
dpkg-deb --ctrl-tarfile "$DEB" | tar -t >"$WORK/control.txt"
if grep -Eq '(preinst|postinst|prerm|postrm)$' "$WORK/control.txt"; then
  fail "安装包带有维护脚本（删除时可能触及数据）：$(tr '\n' ' ' <"$WORK/control.txt")"
fi
dpkg-deb -c "$DEB" >"$WORK/contents.txt"
for f in ./usr/bin/renda ./usr/bin/renda-desktop ./usr/bin/renda-workbench; do
  grep -Eq "^-rwxr-xr-x .* $f\$" "$WORK/contents.txt" || fail "包中缺少可执行文件 $f"
done
grep -Eq ' \./usr/share/icons/hicolor/[0-9x]+/apps/renda-desktop\.png$' "$WORK/contents.txt" || fail "包中没有图标"
desktop="$(grep -Eo '\./usr/share/applications/[^ ]+\.desktop$' "$WORK/contents.txt" | head -n 1)"
[ -n "$desktop" ] || fail "包中没有菜单项（.desktop）"
dpkg-deb --fsys-tarfile "$DEB" | tar -xO "$desktop" >"$WORK/entry.desktop"
grep -qx 'Exec=/usr/bin/renda-workbench' "$WORK/entry.desktop" || fail "菜单项没有启动 renda-workbench：$(cat "$WORK/entry.desktop")"
grep -qx 'Icon=renda-desktop' "$WORK/entry.desktop" || fail "菜单项的图标不是 renda-desktop"
echo "  包名、依赖、无维护脚本、三个程序、图标、菜单项：正确 / name, depends, no scripts, binaries, icon, menu entry: ok"

if dpkg-query -W -f='${Status}' renda-workbench 2>/dev/null | grep -q "install ok installed"; then
  say "本机已安装 renda-workbench，测试将重新安装并在结束时删除 / renda-workbench is installed: reinstalled and removed"
fi
say "安装 / dpkg -i"
$SUDO dpkg -i "$DEB"
INSTALLED=1
[ "$(command -v renda)" = /usr/bin/renda ] || fail "renda 不在 PATH 上：$(command -v renda || echo 无)"
renda --version | grep -q '^renda ' || fail "renda --version：$(renda --version 2>&1)"

say "已安装的桌面窗口显示欢迎页 / the installed window shows the welcome page (Xvfb + tauri-driver)"
RENDA_DESKTOP_BIN=/usr/bin/renda-desktop bash scripts/window-e2e.sh --no-build --grep 'welcome page|titled'

say "已安装的浏览器模式 / installed renda serve from /tmp, with a fresh home folder, in Chromium"
HOME_DIR="$WORK/home"
DATA="$HOME_DIR/.local/share/renda-workbench"
mkdir -p "$HOME_DIR"
(cd /tmp && env -u RENDA_DB -u XDG_DATA_HOME HOME="$HOME_DIR" node "$ROOT/tests/e2e/install/installed.mjs" serve)
[ -s "$DATA/renda.db" ] || fail "数据文件不在默认的数据文件夹中：$DATA/renda.db"
(cd /tmp && env -u RENDA_DB -u XDG_DATA_HOME HOME="$HOME_DIR" node "$ROOT/tests/e2e/install/installed.mjs" launcher)
find "$DATA" -type f -exec sha256sum {} + | sort >"$WORK/data-before.txt"
[ -s "$WORK/data-before.txt" ] || fail "数据文件夹为空"

say "删除软件，数据保留 / dpkg -r, then dpkg -P: the data folder stays"
$SUDO dpkg -r renda-workbench
[ ! -e /usr/bin/renda ] && [ ! -e /usr/bin/renda-desktop ] || fail "dpkg -r 之后程序仍在"
find "$DATA" -type f -exec sha256sum {} + | sort >"$WORK/data-after.txt"
cmp -s "$WORK/data-before.txt" "$WORK/data-after.txt" || fail "dpkg -r 改动了数据文件夹：$(diff "$WORK/data-before.txt" "$WORK/data-after.txt")"
# nothing is left to purge when the package has no conffiles; purge anyway if dpkg still lists it
if dpkg-query -W renda-workbench >/dev/null 2>&1; then $SUDO dpkg -P renda-workbench; fi
INSTALLED=0
find "$DATA" -type f -exec sha256sum {} + | sort >"$WORK/data-after.txt"
cmp -s "$WORK/data-before.txt" "$WORK/data-after.txt" || fail "dpkg -P 改动了数据文件夹：$(diff "$WORK/data-before.txt" "$WORK/data-after.txt")"
echo "  数据文件夹完好 / data folder intact: $(wc -l <"$WORK/data-before.txt") 个文件 / files"
say "较旧的系统 / an older system: Debian 11 (glibc 2.31, no WebKitGTK 4.1) in a chroot"
# As on 麒麟 V10 or 统信 UOS 20: dpkg accepts the package, the window cannot load, and the menu
# entry starts browser mode by itself. The system is made once with debootstrap and kept in the
# cache folder; the package is installed and purged in it on every run.
OLDROOT="$RENDA_CACHE/old-system/bullseye"
if [ ! -x "$OLDROOT/usr/bin/dpkg" ]; then
  ensure_apt debootstrap
  $SUDO rm -rf "$OLDROOT.part"
  $SUDO mkdir -p "$(dirname "$OLDROOT")"
  $SUDO debootstrap --variant=minbase bullseye "$OLDROOT.part" >"$WORK/debootstrap.log" 2>&1 ||
    fail "debootstrap bullseye 失败：$(tail -n 5 "$WORK/debootstrap.log")"
  $SUDO mv "$OLDROOT.part" "$OLDROOT"
fi
echo "  $(chroot_run "$OLDROOT" ldd --version | head -n 1)"
$SUDO cp "$DEB" "$OLDROOT/tmp/renda-workbench.deb"
$SUDO rm -rf "$OLDROOT/tmp/renda-home"
chroot_run "$OLDROOT" dpkg -i /tmp/renda-workbench.deb >/dev/null || fail "旧系统上 dpkg -i 失败"
OLD_INSTALLED=1
if why="$(chroot_run "$OLDROOT" /usr/bin/renda-desktop --version 2>&1)"; then
  fail "旧系统上桌面窗口本应无法加载（测试用的系统不对）：$why"
fi
echo "  桌面窗口在旧系统上无法加载，如预期 / the window cannot load there, as expected: ${why%%$'\n'*}"
SUDO="$SUDO" node tests/e2e/install/installed.mjs old-system "$OLDROOT"
chroot_run "$OLDROOT" dpkg -P renda-workbench >/dev/null
OLD_INSTALLED=0
[ -s "$OLDROOT/tmp/renda-home/.local/share/renda-workbench/renda.db" ] || fail "旧系统上删除软件后数据不在了"
$SUDO rm -rf "$OLDROOT/tmp/renda-home" "$OLDROOT/tmp/renda-workbench.deb"
say "安装包测试通过 / install test passed"
