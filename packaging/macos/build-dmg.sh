#!/usr/bin/env bash
# Sign, package, notarize and staple the macOS app:
#   packaging/macos/build-dmg.sh ARCH      (arm64 or x86_64; after pyinstaller packaging/playbook.spec)
# makes dist/PlaybookReadiness-<version>-macos-<ARCH>.dmg. Runs on macOS 13 or newer (the
# app's minimum, as Qt 6.11 requires).
#
# Secrets (never committed): MACOS_SIGN_IDENTITY, e.g. "Developer ID Application: NAME (TEAMID)",
# in a keychain prepared by import-certificate.sh; for notarization APPLE_ID,
# APPLE_TEAM_ID and APPLE_APP_PASSWORD (an app-specific password of that Apple ID).
# Without MACOS_SIGN_IDENTITY the app is signed ad hoc and not notarized: fine for testing,
# but Gatekeeper will refuse to open it on another Mac.
set -euo pipefail
arch="${1:?usage: build-dmg.sh arm64|x86_64}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/packaging/macos"
app="$repo/dist/Playbook Readiness.app"
version="$(python -c 'import playbook_app; print(playbook_app.__version__)')"
dmg="$repo/dist/PlaybookReadiness-$version-macos-$arch.dmg"
[ -d "$app" ] || { echo "error: no $app; run pyinstaller packaging/playbook.spec" >&2; exit 1; }
built="$(lipo -archs "$app/Contents/MacOS/PlaybookReadiness")"
[ "$built" = "$arch" ] || { echo "error: the app is built for $built, not $arch" >&2; exit 1; }

identity="${MACOS_SIGN_IDENTITY:--}"
# A secure timestamp (which notarization requires) exists only for a real identity.
if [ "$identity" = "-" ]; then stamp=(--timestamp=none); else stamp=(--timestamp); fi
# Inside out: every library and program first, then the app with the hardened runtime
# (notarization requires it) and a secure timestamp.
find "$app/Contents" -type f \( -name '*.so' -o -name '*.dylib' -o -perm -u+x \) -print0 |
  while IFS= read -r -d '' binary; do
    if file "$binary" | grep -q Mach-O; then
      codesign --force "${stamp[@]}" --options runtime --sign "$identity" "$binary"
    fi
  done
codesign --force "${stamp[@]}" --options runtime --entitlements "$here/entitlements.plist" \
  --sign "$identity" "$app"
codesign --verify --deep --strict --verbose=2 "$app"

notarize() {
  xcrun notarytool submit "$1" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait
}
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
if [ "$identity" != "-" ]; then
  : "${APPLE_ID:?}" "${APPLE_TEAM_ID:?}" "${APPLE_APP_PASSWORD:?}"
  # The app gets its own ticket, stapled to it: once copied out of the DMG onto a laptop
  # with no internet, Gatekeeper still finds it.
  ditto -c -k --keepParent "$app" "$staging/app.zip"
  notarize "$staging/app.zip"
  rm "$staging/app.zip"
  xcrun stapler staple "$app"
fi
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "Playbook Readiness" -srcfolder "$staging" -fs HFS+ -format UDZO "$dmg"
codesign --force "${stamp[@]}" --sign "$identity" "$dmg"

if [ "$identity" != "-" ]; then
  notarize "$dmg"
  # And the DMG's own ticket, so opening the DMG offline passes Gatekeeper too.
  xcrun stapler staple "$dmg"
  xcrun stapler validate "$dmg"
  spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
else
  echo "MACOS_SIGN_IDENTITY is not set: signed ad hoc, not notarized."
fi
echo "built $dmg"
