#!/usr/bin/env bash
# Zerokara Lab: set up and run, or set up and test, on a Debian/Ubuntu machine.
#   ./zerokara.sh run  [app arguments]   install what is missing, then start the app
#   ./zerokara.sh test [pytest arguments] install what is missing, then run the test suite
#   ./zerokara.sh desktop [--uninstall]   add (remove) the menu entry, icon and project file type
set -euo pipefail
cd "$(dirname "$0")"

VENV=${ZEROKARA_VENV:-.venv}
PYTHON=${PYTHON:-python3}

# Debian packages Qt needs (design.md §6); the test run adds a virtual screen and tools.
APP_DEBS=(libglib2.0-0 libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 fonts-ipafont-gothic)
TEST_DEBS=(xvfb xauth desktop-file-utils)

need_debs() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

need_venv() {
  local spec=$1 stamp="$VENV/.zerokara-${2}"
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV" || { echo "Could not make a venv: apt-get install python3-venv" >&2; exit 1; }
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip >&2
    "$VENV/bin/python" -m pip install -q -e "$spec" >&2
    touch "$stamp"
  fi
}

command -v dpkg-query >/dev/null 2>&1 || { echo "This script expects Debian or Ubuntu." >&2; exit 1; }

case "${1:-run}" in
  run)
    shift || true
    need_debs "${APP_DEBS[@]}"
    need_venv . app
    if [ ! -e "${XDG_DATA_HOME:-$HOME/.local/share}/applications/zerokara-lab.desktop" ]; then
      echo "Tip: ./zerokara.sh desktop adds Zerokara Lab to your applications menu." >&2
    fi
    exec "$VENV/bin/python" main.py "$@"
    ;;
  desktop)
    shift || true
    need_debs "${APP_DEBS[@]}"
    need_venv . app
    if [ "${1:-}" = "--uninstall" ]; then
      exec "$VENV/bin/zerokara-lab" --uninstall-desktop
    fi
    exec "$VENV/bin/zerokara-lab" --install-desktop
    ;;
  test)
    shift || true
    need_debs "${APP_DEBS[@]}" "${TEST_DEBS[@]}"
    need_venv '.[test]' test
    export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  *)
    sed -n '2,5p' "$0"
    exit 2
    ;;
esac
