#!/bin/sh
# Install Playbook Readiness for this user only (no root): ./install.sh
# Remove it again (your data stays where it is): ./install.sh --uninstall
#
# Puts the program in ~/.local/lib/playbook-readiness, the command playbook-app in
# ~/.local/bin, and a menu entry with its icon in ~/.local/share. Nothing is written
# outside your home folder. To run it from a USB stick instead, do not install: run
# PlaybookReadiness/playbook-app from the stick (see "Portable mode" in the README).
set -eu

app_id="org.playbookreadiness.PlaybookReadiness"
here="$(cd "$(dirname "$0")" && pwd)"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
lib="$HOME/.local/lib/playbook-readiness"
bin="$HOME/.local/bin"
apps="$data_home/applications"
icons="$data_home/icons/hicolor"
metainfo="$data_home/metainfo"

refresh_menus() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$apps" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$lib"
  rm -f "$bin/playbook-app" "$apps/$app_id.desktop" "$metainfo/$app_id.metainfo.xml"
  find "$icons" -name "$app_id.*" -type f -exec rm -f {} + 2>/dev/null || true
  refresh_menus
  echo "Playbook Readiness is removed. Your data was left alone, in"
  echo "  ${PLAYBOOK_DATA_DIR:-$data_home/PlaybookReadiness}"
  exit 0
fi
if [ $# -gt 0 ]; then
  echo "usage: $0 [--uninstall]" >&2
  exit 2
fi

# The bundle carries Python and Qt; the desktop's own libraries (X11 or Wayland,
# OpenGL, fontconfig, CUPS) come from the system. Name any that are missing.
missing="$(LD_LIBRARY_PATH="$here/PlaybookReadiness/_internal:$here/PlaybookReadiness/_internal/PySide6/Qt/lib" \
  find "$here/PlaybookReadiness/_internal" -name '*.so*' -type f -exec ldd {} + 2>/dev/null |
  sed -n 's/^[[:space:]]*\([^ ]*\) => not found.*/\1/p' | sort -u | tr '\n' ' ')"
if [ -n "$missing" ]; then
  echo "warning: this system lacks libraries the app uses: $missing" >&2
  echo "  On Debian or Ubuntu, installing the .deb instead brings them in." >&2
fi

rm -rf "$lib"
mkdir -p "$lib" "$bin" "$apps" "$metainfo"
cp -R "$here/PlaybookReadiness/." "$lib/"
ln -sf "$lib/playbook-app" "$bin/playbook-app"
sed "s|^Exec=playbook-app|Exec=$lib/playbook-app|" "$here/share/$app_id.desktop" > "$apps/$app_id.desktop"
cp "$here/share/$app_id.metainfo.xml" "$metainfo/"
(cd "$here/share/icons/hicolor" && find . -type f) | while read -r icon; do
  mkdir -p "$icons/$(dirname "$icon")"
  cp "$here/share/icons/hicolor/$icon" "$icons/$icon"
done
refresh_menus
echo "Playbook Readiness is installed: open it from your applications menu, or run"
echo "  $bin/playbook-app"
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "($bin is not on your PATH; add it to run playbook-app by name.)" ;;
esac
