# Shared by the scripts that run Windows builds under Wine (scripts/windows-installer-test.sh,
# the Windows layer of scripts/test.sh): a throwaway Wine prefix in which Rust programs start.
#
#   source scripts/wine-lib.sh
#   wine_prefix_ready "$WORK/prefix"     # makes the prefix, installs the test-only stub DLL
#   wine "$WORK/prefix/drive_c/…/renda.exe" --version
#
# wine_prefix_ready exports WINEPREFIX (and WINEARCH, WINEDEBUG, WINEDLLOVERRIDES) for the rest of
# the calling script. 64-bit Wine only (Debian's `wine64`): the programs and the installer are
# x86_64. Sources scripts/lib.sh when the caller has not.

if [ -z "${ROOT:-}" ] || ! declare -F ensure_apt >/dev/null; then
  source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
fi

WINE_PACKAGES=(wine wine64 gcc-mingw-w64-x86-64)

# Wine's own noise off; no prompts to download Mono (.NET) or Gecko (Internet Explorer's engine),
# neither of which our programs use; and no winemenubuilder, which would copy the shortcuts a
# Windows installer makes into this machine's own menus (~/.local/share/applications).
wine_quiet_env() {
  export WINEARCH=win64
  export WINEDEBUG=-all
  export WINEDLLOVERRIDES="mscoree,mshtml=,winemenubuilder.exe=d"
}

# The test-only bcryptprimitives.dll (tests/windows/bcryptprimitives.c: Debian 12's Wine 8 lacks
# ProcessPrng, which Rust's std asks for at start), built with MinGW into the cache folder when its
# source is newer. Prints the DLL's path. Never shipped.
wine_stub_dll() {
  local src="$ROOT/tests/windows/bcryptprimitives.c" def="$ROOT/tests/windows/bcryptprimitives.def"
  local out="$RENDA_CACHE/wine/bcryptprimitives.dll"
  if [ ! -s "$out" ] || [ "$src" -nt "$out" ] || [ "$def" -nt "$out" ]; then
    command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || ensure_apt gcc-mingw-w64-x86-64 >&2
    mkdir -p "$(dirname "$out")"
    x86_64-w64-mingw32-gcc -O2 -shared -s -o "$out.part" "$src" "$def" -ladvapi32 >&2
    mv "$out.part" "$out"
  fi
  echo "$out"
}

# wine_prefix_ready DIR: a fresh (or reused) 64-bit prefix in DIR with the stub in its system32.
# Takes some 10–30 s the first time (wineboot); DIR is the caller's to delete (`wine_prefix_done`).
wine_prefix_ready() {
  local dir="$1" dll log
  ensure_apt "${WINE_PACKAGES[@]}" >&2
  wine_quiet_env
  mkdir -p "$dir"
  export WINEPREFIX
  WINEPREFIX="$(cd "$dir" && pwd)"
  dll="$(wine_stub_dll)"
  if [ ! -d "$WINEPREFIX/drive_c/windows/system32" ]; then
    log="$(mktemp "${TMPDIR:-/tmp}/wineboot.XXXXXX")"
    # no display is needed; wineboot complains (to the log) about the missing 32-bit Wine only
    if ! DISPLAY="" wineboot -i >"$log" 2>&1 || ! wineserver -w; then
      tail -n 20 "$log" >&2
      rm -f "$log"
      echo "wine_prefix_ready: wineboot 失败 / wineboot failed in $WINEPREFIX" >&2
      return 1
    fi
    rm -f "$log"
    # Wine links the user's Desktop, Documents, … to this machine's home folder: made real folders
    # inside the prefix, so that what a Windows program puts on the desktop stays in the prefix.
    local link
    for link in "$WINEPREFIX"/drive_c/users/*/*; do
      if [ -L "$link" ]; then
        rm -f "$link"
        mkdir -p "$link"
      fi
    done
  fi
  [ -d "$WINEPREFIX/drive_c/windows/system32" ] || {
    echo "wine_prefix_ready: 前缀中没有 system32 / no system32 in $WINEPREFIX" >&2
    return 1
  }
  cp "$dll" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
}

# wine_prefix_done: stops the prefix's wineserver (and so every program still running in it).
wine_prefix_done() {
  if [ -n "${WINEPREFIX:-}" ]; then
    wineserver -k >/dev/null 2>&1 || true
    wineserver -w >/dev/null 2>&1 || true
  fi
}

# wine_user_dir: the prefix's folder for the Windows user (drive_c/users/<name>), where
# %APPDATA%, %LOCALAPPDATA%, the desktop and the Start menu are.
wine_user_dir() {
  local d
  for d in "$WINEPREFIX/drive_c/users/${USER:-$(id -un)}" "$WINEPREFIX"/drive_c/users/*; do
    if [ -d "$d/AppData" ]; then
      echo "$d"
      return 0
    fi
  done
  echo "wine_user_dir: 前缀中没有用户文件夹 / no user folder in $WINEPREFIX/drive_c/users" >&2
  return 1
}
