#!/bin/sh
# Install ftpgui from this unpacked tarball, for you (~/.local, the default) or for everyone (/usr/local).
#
#   ./install.sh                  # ~/.local/lib/ftpgui, ~/.local/bin/ftpgui, menu entry, icons, metainfo
#   sudo ./install.sh --system    # the same under /usr/local
#   ./install.sh --prefix DIR     # the same under DIR
#   ./install.sh --uninstall [--system | --prefix DIR]
#
# The programs were built on Debian 12 and need glibc 2.36 or newer (Debian 12, Ubuntu 22.10, Fedora 37
# and later). Qt's X11 platform also needs a few libraries a minimal system may lack:
# libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1 (Debian/Ubuntu names); Wayland works without them.
set -eu

APP_ID=io.github.ftpgui.ftpgui
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="${HOME:-}/.local"
ACTION=install

while [ $# -gt 0 ]; do
  case "$1" in
    --system) PREFIX=/usr/local ;;
    --user) PREFIX="${HOME:?HOME is not set}/.local" ;;
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; PREFIX=$2; shift ;;
    --prefix=*) PREFIX=${1#--prefix=} ;;
    --uninstall) ACTION=uninstall ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$PREFIX" in
  /*) ;;
  *) echo "install.sh: the prefix must be an absolute path, not '$PREFIX'" >&2; exit 2 ;;
esac

LIB="$PREFIX/lib/ftpgui"
BIN="$PREFIX/bin"
SHARE="$PREFIX/share"
SIZES="16 24 32 48 64 128 256 512"

refresh_caches() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
}

if [ "$ACTION" = uninstall ]; then
  rm -rf "$LIB"
  rm -f "$BIN/ftpgui" "$BIN/ftpgui-cli" "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml"
  rm -f "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
  for s in $SIZES; do rm -f "$SHARE/icons/hicolor/${s}x${s}/apps/$APP_ID.png"; done
  refresh_caches
  echo "ftpgui removed from $PREFIX"
  exit 0
fi

# glibc: the bundle's Python and Qt were linked against Debian 12's 2.36
glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}') || glibc=""
if [ -n "$glibc" ]; then
  major=${glibc%%.*}; minor=${glibc#*.}; minor=${minor%%.*}
  if [ "$major" -lt 2 ] || { [ "$major" -eq 2 ] && [ "$minor" -lt 36 ]; }; then
    echo "install.sh: this build needs glibc 2.36 or newer; this system has $glibc." >&2
    echo "            Run ftpgui from source instead: python3 dev.py run (see README.md)." >&2
    exit 1
  fi
else
  echo "install.sh: warning: could not read the glibc version (musl?); this build needs glibc 2.36 or newer." >&2
fi

[ -x "$HERE/ftpgui/ftpgui" ] || { echo "install.sh: $HERE/ftpgui/ftpgui is missing: unpack the whole tarball" >&2; exit 1; }

mkdir -p "$PREFIX/lib" "$BIN" "$SHARE/applications" "$SHARE/metainfo" "$SHARE/icons/hicolor/scalable/apps"
# copy beside the old version, then swap, so a failed copy leaves the old one working
rm -rf "$LIB.new"
cp -R "$HERE/ftpgui" "$LIB.new"
rm -rf "$LIB"
mv "$LIB.new" "$LIB"
ln -sf "$LIB/ftpgui" "$BIN/ftpgui"
ln -sf "$LIB/ftpgui-cli" "$BIN/ftpgui-cli"

# (%U: the ftp:// addresses a browser or file manager opens with it; the path quoted, a space in it kept)
sed "s|^Exec=ftpgui %U$|Exec=\"$BIN/ftpgui\" %U|" "$HERE/share/applications/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
cp "$HERE/share/icons/hicolor/scalable/apps/$APP_ID.svg" "$SHARE/icons/hicolor/scalable/apps/"
for s in $SIZES; do
  mkdir -p "$SHARE/icons/hicolor/${s}x${s}/apps"
  cp "$HERE/share/icons/hicolor/${s}x${s}/apps/$APP_ID.png" "$SHARE/icons/hicolor/${s}x${s}/apps/"
done
refresh_caches

echo "ftpgui installed in $LIB"
case ":${PATH:-}:" in
  *":$BIN:"*) echo "Start it from the application menu, or run: ftpgui" ;;
  *) echo "Start it from the application menu, or run: $BIN/ftpgui ($BIN is not on your PATH)" ;;
esac
