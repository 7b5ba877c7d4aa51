#!/usr/bin/env bash
# Zerokara Lab: set up and run, or set up and test, on a Debian/Ubuntu machine.
#   ./zerokara.sh run  [app arguments]   install what is missing, then start the app
#   ./zerokara.sh test [pytest arguments] install what is missing, then run the test suite
#   ./zerokara.sh desktop [--uninstall]   add (remove) the menu entry, icon and project file type
# What it installs and why: README, "Setting up". From nothing on Debian 12 and 13 it is
# checked by tools/fresh_machine_check.sh; tests/test_zerokara_sh.py checks its decisions.
set -euo pipefail
cd "$(dirname "$0")"

VENV=${ZEROKARA_VENV:-.venv}
PYTHON=${PYTHON:-python3}

# Debian packages Qt needs (design.md §6).
APP_DEBS=(libglib2.0-0 libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 fonts-ipafont-gothic)
# The test run adds a virtual screen (xvfb, xauth), desktop-file-validate, objdump for
# PyInstaller's frozen build (binutils), Kerberos' GSSAPI library that pyside6-lupdate and
# -lrelease link to (the translation tests; Debian 13's minimal system lacks it) and the real
# Fashion-MNIST the data tests read.
TEST_DEBS=(xvfb xauth desktop-file-utils binutils libgssapi-krb5-2 dataset-fashion-mnist)

say() { echo "zerokara.sh: $*" >&2; }
die() {
  echo "zerokara.sh: $*" >&2
  exit 1
}

# Names of the installed packages and of what they provide: Debian 13's libglib2.0-0t64
# provides libglib2.0-0 (the 64-bit time_t rename), so that name counts as installed.
installed_debs() {
  dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Provides}\n' 2>/dev/null |
    awk '$1 ~ /^.i/ { sub(/^[^ ]+ +/, ""); gsub(/\([^)]*\)/, ""); gsub(/,/, " "); print }' |
    tr -s ' ' '\n'
}

need_debs() {
  local missing=() have
  have=$(installed_debs)
  for p in "$@"; do
    grep -qxF -- "$p" <<<"$have" || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    say "Debian packages: the $# needed are installed"
    return 0
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "needs root or sudo to install: ${missing[*]}"
    sudo=(sudo)
  fi
  say "Installing Debian packages: ${missing[*]}"
  say "  apt-get update"
  "${sudo[@]}" apt-get update -qq || die "apt-get update failed"
  say "  apt-get install"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2 || die "apt-get could not install: ${missing[*]}"
}

# "3.11 /usr": the version and base prefix of a Python (in a venv: of the Python that made it).
py_id() {
  "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2], sys.base_prefix)' 2>/dev/null
}

find_python() {
  if ! command -v "$PYTHON" >/dev/null 2>&1; then
    [ "$PYTHON" = python3 ] || die "$PYTHON not found"
    need_debs python3
  fi
  PY_ID=$(py_id "$PYTHON") || die "$PYTHON does not run"
  PY_VER=${PY_ID%% *}
  PY_PREFIX=${PY_ID#* }
  local major=${PY_VER%%.*} minor=${PY_VER#*.}
  ((major > 3 || (major == 3 && minor >= 10))) ||
    die "Zerokara Lab needs Python 3.10 or newer; $PYTHON is $PY_VER"
}

# Debian's own Python (prefix /usr) keeps parts in packages of their own: venv's ensurepip
# in python3-venv (python3.X-venv for a Python that is not the default python3), needed to
# make a venv; the shared libpython3.X, which PyInstaller's frozen build (test run) bundles.
# Other Pythons (pyenv, /usr/local, conda) carry both.
venv_deb() {
  [ "$PY_PREFIX" = /usr ] || return 0
  local default
  default=$(py_id /usr/bin/python3 || true)
  if [ "${default%% *}" = "$PY_VER" ]; then echo python3-venv; else echo "python$PY_VER-venv"; fi
}
libpython_deb() {
  [ "$PY_PREFIX" != /usr ] || echo "libpython$PY_VER"
}

# Why the venv cannot be used as it is; nothing when it can.
venv_problem() {
  local id
  if [ ! -e "$VENV" ] && [ ! -L "$VENV" ]; then
    echo "there is none yet"
  elif [ ! -x "$VENV/bin/python" ]; then
    echo "it has no bin/python"
  elif ! id=$(py_id "$VENV/bin/python"); then
    echo "its bin/python does not run"
  elif [ "$id" != "$PY_ID" ]; then
    echo "it was made by another Python ($id, not $PYTHON's $PY_ID)"
  elif ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
    echo "it has no working pip"
  fi
}

remove_venv() {
  if [ -L "$VENV" ] || [ -f "$VENV/pyvenv.cfg" ] || [ -z "$(ls -A "$VENV" 2>/dev/null)" ]; then
    rm -rf "$VENV"
  else
    die "$VENV is not a virtual environment (no pyvenv.cfg); move it away and try again"
  fi
}

make_venv() {
  remove_venv
  say "Creating the virtual environment $VENV with $PYTHON ($PY_VER)"
  if ! "$PYTHON" -m venv "$VENV" >&2; then
    remove_venv
    die "$PYTHON -m venv failed (see above)"
  fi
  if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
    remove_venv
    die "the new venv $VENV has no working pip"
  fi
}

# pip install, unless the stamp says this spec was installed from this pyproject.toml.
# The stamp is written only after both pip runs succeeded.
need_install() {
  local spec=$1 stamp="$VENV/.zerokara-$2" hash want
  hash=$(sha256sum pyproject.toml | cut -d' ' -f1)
  want="$spec $hash"
  if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    say "Zerokara Lab ($spec) is installed in $VENV"
    return 0
  fi
  if [ "$2" = app ] && [ "$(cat "$VENV/.zerokara-test" 2>/dev/null)" = ".[test] $hash" ]; then
    say "Zerokara Lab (.[test], which includes .) is installed in $VENV"
    return 0
  fi
  rm -f "$stamp"
  say "Upgrading pip in $VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip >&2 || die "could not upgrade pip in $VENV"
  say "Installing Zerokara Lab ($spec) and its Python packages into $VENV"
  "$VENV/bin/python" -m pip install -q -e "$spec" >&2 || die "pip could not install $spec"
  echo "$want" >"$stamp"
}

# Debian packages, a venv made by $PYTHON with a working pip, the app in it.
setup() {
  local debs=("${APP_DEBS[@]}") spec=. problem lib
  find_python
  if [ "$1" = test ]; then
    debs+=("${TEST_DEBS[@]}")
    lib=$(libpython_deb)
    [ -z "$lib" ] || debs+=("$lib")
    spec='.[test]'
  fi
  problem=$(venv_problem)
  if [ -n "$problem" ]; then
    local deb
    deb=$(venv_deb)
    [ -z "$deb" ] || debs+=("$deb")
  fi
  need_debs "${debs[@]}"
  if [ -n "$problem" ]; then
    say "The venv $VENV is made anew: $problem"
    make_venv
  else
    say "The venv $VENV is usable (Python $PY_VER, pip works)"
  fi
  need_install "$spec" "$1"
}

command -v dpkg-query >/dev/null 2>&1 || die "This script expects Debian or Ubuntu."

case "${1:-run}" in
  run)
    shift || true
    setup app
    if [ ! -e "${XDG_DATA_HOME:-$HOME/.local/share}/applications/zerokara-lab.desktop" ]; then
      echo "Tip: ./zerokara.sh desktop adds Zerokara Lab to your applications menu." >&2
    fi
    say "Starting Zerokara Lab"
    exec "$VENV/bin/python" main.py "$@"
    ;;
  desktop)
    shift || true
    setup app
    if [ "${1:-}" = "--uninstall" ]; then
      exec "$VENV/bin/zerokara-lab" --uninstall-desktop
    fi
    exec "$VENV/bin/zerokara-lab" --install-desktop
    ;;
  test)
    shift || true
    setup test
    export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
    say "Running the tests: python -m pytest $*"
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  *)
    sed -n '2,5p' "$0"
    exit 2
    ;;
esac
