#!/usr/bin/env bash
# Build ftpgui for Linux: the PyInstaller one-folder bundle, then a tarball with install.sh, the .desktop
# file, AppStream metainfo and the icons.
#
#   packaging/build_linux.sh [--dist DIR] [--work DIR] [--no-tarball]
#
# Needs a Python with ftpgui's dependencies and PyInstaller (pip install -e '.[package]').
# PYTHON=... picks the interpreter (default: python3). Output: DIST/ftpgui/ (the bundle; run
# DIST/ftpgui/ftpgui --self-test to check it) and DIST/ftpgui-VERSION-linux-ARCH.tar.gz.
# The bundle runs on the glibc it was built against or newer: built on Debian 12, it needs glibc >= 2.36.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-python3}
DIST="$ROOT/dist"
WORK="$ROOT/build/pyinstaller"
TARBALL=1
while (($#)); do
  case "$1" in
    --dist) DIST=$2; shift ;;
    --work) WORK=$2; shift ;;
    --no-tarball) TARBALL=0 ;;
    *) echo "build_linux.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
APP_ID=io.github.ftpgui.ftpgui
VERSION=$("$PY" -c 'import sys; sys.path.insert(0, sys.argv[1]); import ftpgui; print(ftpgui.__version__)' "$ROOT")
NAME="ftpgui-$VERSION-linux-$(uname -m)"

started=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$DIST" --workpath "$WORK" \
  "$ROOT/packaging/ftpgui.spec"
echo "build_linux.sh: bundle built in $(($(date +%s) - started)) s: $DIST/ftpgui ($(du -sh "$DIST/ftpgui" | cut -f1))"

((TARBALL)) || exit 0

STAGE="$DIST/$NAME"
rm -rf "$STAGE"
mkdir -p "$STAGE/share/applications" "$STAGE/share/metainfo" "$STAGE/share/icons/hicolor/scalable/apps"
cp -R "$DIST/ftpgui" "$STAGE/ftpgui"
install -m 755 "$ROOT/packaging/linux/install.sh" "$STAGE/install.sh"
cp "$ROOT/packaging/linux/$APP_ID.desktop" "$STAGE/share/applications/"
cp "$ROOT/packaging/linux/$APP_ID.metainfo.xml" "$STAGE/share/metainfo/"
cp "$ROOT/resources/icons/ftpgui.svg" "$STAGE/share/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in "$ROOT"/resources/icons/png/ftpgui-*.png; do
  size=${png##*-}; size=${size%.png}
  mkdir -p "$STAGE/share/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$STAGE/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
cat > "$STAGE/README.txt" <<EOF
ftpgui $VERSION for Linux ($(uname -m))

Install for yourself:        ./install.sh            (into ~/.local)
Install for everyone:        sudo ./install.sh --system   (into /usr/local)
Remove:                      ./install.sh --uninstall     (add --system if installed so)
Run without installing:      ./ftpgui/ftpgui
Check that it works here:    ./ftpgui/ftpgui --self-test

Built on Debian 12: needs glibc 2.36 or newer. On a minimal system, Qt's X11 platform also needs
libxcb-cursor0, libxcb-icccm4 and libxcb-keysyms1 (Debian/Ubuntu package names).
Licence: GPL-3.0-or-later; Qt and PySide6 (LGPL-3.0) are the separate libraries in ftpgui/_internal.
EOF
tar -C "$DIST" -czf "$DIST/$NAME.tar.gz.part" "$NAME"
mv "$DIST/$NAME.tar.gz.part" "$DIST/$NAME.tar.gz"
rm -rf "$STAGE"
echo "build_linux.sh: $DIST/$NAME.tar.gz ($(du -h "$DIST/$NAME.tar.gz" | cut -f1))"
