#!/usr/bin/env bash
# Build ftpgui for macOS: dist/ftpgui.app with PyInstaller, its self-test, then a .dmg. Optionally signed
# with a Developer ID and notarised (see packaging/README.md, "macOS signing and notarisation").
#
#   packaging/build_macos.sh [--dist DIR] [--work DIR]
#
# Needs a Python with ftpgui and PyInstaller (pip install -e '.[package]'); PYTHON=... picks it.
# The .app is built for the architecture of that Python (arm64 on Apple silicon, x86_64 on Intel).
# Environment, all optional:
#   MACOS_SIGN_IDENTITY   "Developer ID Application: Name (TEAMID)" in the keychain: sign with the hardened
#                         runtime. Without it the app is ad-hoc signed and Gatekeeper asks the first time
#                         (right-click the app, Open).
#   MACOS_NOTARY_PROFILE  a `xcrun notarytool store-credentials` profile: notarise the .dmg and staple it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-python3}
DIST="$ROOT/dist"
WORK="$ROOT/build/pyinstaller"
while (($#)); do
  case "$1" in
    --dist) DIST=$2; shift ;;
    --work) WORK=$2; shift ;;
    *) echo "build_macos.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
VERSION=$("$PY" -c 'import sys; sys.path.insert(0, sys.argv[1]); import ftpgui; print(ftpgui.__version__)' "$ROOT")
ARCH=$("$PY" -c 'import platform; print(platform.machine())')
APP="$DIST/ftpgui.app"
DMG="$DIST/ftpgui-$VERSION-macos-$ARCH.dmg"

started=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$DIST" --workpath "$WORK" \
  "$ROOT/packaging/ftpgui.spec"
echo "build_macos.sh: $APP built in $(($(date +%s) - started)) s"

if [[ -n "${MACOS_SIGN_IDENTITY:-}" ]]; then
  # sign inside out: every library and executable, then the bundle, with the hardened runtime
  find "$APP/Contents" -type f \( -name '*.dylib' -o -name '*.so' -o -perm -u+x \) -print0 |
    xargs -0 codesign --force --timestamp --options runtime \
      --entitlements "$ROOT/packaging/macos/entitlements.plist" --sign "$MACOS_SIGN_IDENTITY"
  codesign --force --timestamp --options runtime --entitlements "$ROOT/packaging/macos/entitlements.plist" \
    --sign "$MACOS_SIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict --verbose=2 "$APP"
else
  codesign --force --deep --sign - "$APP"  # ad hoc: enough to run on Apple silicon
fi

QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/ftpgui" --self-test

rm -f "$DMG"
hdiutil create -volname "ftpgui $VERSION" -srcfolder "$APP" -ov -format UDZO "$DMG"
if [[ -n "${MACOS_SIGN_IDENTITY:-}" ]]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
fi
if [[ -n "${MACOS_NOTARY_PROFILE:-}" ]]; then
  xcrun notarytool submit "$DMG" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
fi
echo "build_macos.sh: $DMG"
