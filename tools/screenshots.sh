#!/usr/bin/env bash
# Regenerate the README's screenshots: docs/screenshots/<tab>.png (English) and
# docs/screenshots/ja/<tab>.png (Japanese), 1280×800, with fresh default settings.
#   tools/screenshots.sh            # uses .venv/bin/python (after ./zerokara.sh run once)
#   PYTHON=/path/to/python tools/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
settings=$(mktemp -d)
trap 'rm -rf "$settings"' EXIT
# Each run gets empty settings: the default window (1280×800, lesson panels shown), not the
# geometry the previous run saved (the offscreen screen is smaller and would shrink it).
XDG_CONFIG_HOME="$settings/en" "$PY" main.py --lang en --screenshot docs/screenshots
XDG_CONFIG_HOME="$settings/ja" "$PY" main.py --lang ja --screenshot docs/screenshots/ja
