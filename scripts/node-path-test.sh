#!/usr/bin/env bash
# The README's Node path on a Debian 12 that has no Node at all, in a chroot: ensure_node (shared
# by the README's two commands) must install the distribution's Node 18 with apt, find it too old
# for Vite, install Node 22 with npm, and the UI must then install from the lockfile and build.
# It tests the committed tree (a clone of HEAD). Needs root or sudo and the network to Debian's
# and npm's package servers; about five minutes. Not part of test.sh: it downloads some 300
# packages on every run, and the path it tests changes rarely.
#
#   bash scripts/node-path-test.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BASE="$RENDA_CACHE/node-path/bookworm"
SYS="$RENDA_CACHE/node-path/run"
fail() {
  echo "node-path-test: $*" >&2
  exit 1
}
cleanup() {
  $SUDO umount "$SYS/proc" 2>/dev/null || true
  # never remove a tree with the host's /proc still mounted in it
  if mountpoint -q "$SYS/proc"; then
    echo "node-path-test: $SYS/proc 仍挂载，保留 $SYS / still mounted, $SYS kept" >&2
    return
  fi
  $SUDO rm -rf "$SYS"
}
trap cleanup EXIT

if [ ! -x "$BASE/usr/bin/dpkg" ]; then
  ensure_apt debootstrap
  say "Debian 12 最小系统（只需一次）/ a bare Debian 12 with debootstrap (once)"
  $SUDO rm -rf "$BASE.part"
  $SUDO mkdir -p "$(dirname "$BASE")"
  $SUDO debootstrap --variant=minbase bookworm "$BASE.part" >/dev/null || fail "debootstrap bookworm 失败"
  $SUDO mv "$BASE.part" "$BASE"
fi
cleanup
$SUDO cp -a "$BASE" "$SYS"
$SUDO cp /etc/resolv.conf "$SYS/etc/resolv.conf"
# the host's certificate authorities, for a network that passes through a proxy of its own
$SUDO cp /etc/ssl/certs/ca-certificates.crt "$SYS/etc/host-ca.crt"
$SUDO mount -t proc proc "$SYS/proc"
$SUDO git clone --quiet "$ROOT" "$SYS/src"

say "在没有 Node 的 Debian 12 上准备界面工具 / the UI toolchain on a Debian 12 without Node"
# shellcheck disable=SC2016 # expanded inside the chroot
$SUDO chroot "$SYS" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
  NODE_EXTRA_CA_CERTS=/etc/host-ca.crt bash -c '
  set -euo pipefail
  cd /src
  if command -v node >/dev/null; then echo "此系统已有 Node / this system has a Node already" >&2; exit 1; fi
  source scripts/lib.sh
  build_ui
  case "$(command -v node)" in
    "$NODE_HOME"/*) ;;
    *) echo "构建用的不是装到缓存里的 Node 22：$(command -v node)" >&2; exit 1 ;;
  esac
  node_fits
  test -s ui/dist/index.html
  echo "OK: apt 装了 Node $(/usr/bin/node --version)，界面用 Node $(node --version) 构建 / built with it"
' || fail "失败 / failed"
say "Node 路径测试通过 / node path test passed"
