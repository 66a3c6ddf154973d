#!/usr/bin/env bash
# App tests run headless on Monocle (no packages needed for that). app/screenshots.sh and trying the app under
# Xvfb need an X server and GTK. The desktop-integration tests need a private D-Bus session with a real
# notification daemon (dunst on Xvfb; dbus-monitor watches the calls), libnotify's notify-send, gdbus/gsettings
# with dconf and the GNOME interface schema (live light/dark switch); the tray screenshot uses trayer as the
# tray host. Install what is missing (idempotent).
set -euo pipefail
need=()
for pkg in xvfb xauth libgtk-3-0 libgl1-mesa-dri dbus dbus-bin dunst libnotify-bin libglib2.0-bin dconf-service \
           dconf-gsettings-backend gsettings-desktop-schemas trayer x11-utils imagemagick; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get install -y "${need[@]}" || { $SUDO apt-get update && $SUDO apt-get install -y "${need[@]}"; }
fi
