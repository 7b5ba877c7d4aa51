"""Issue 14 item 5: an exception in a slot is shown (a dialog and the status bar), logged
to ``errors.log`` in the app's data folder, and the app keeps running. Before, it only
reached stderr, which a learner who started the app from its icon never sees."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.tools.sandbox import sandbox_env

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "tests" / "tools" / "drive_app.py"


def test_exception_in_a_slot_is_shown_logged_and_survived(tmp_path):
    env = sandbox_env(tmp_path / "home")
    done = subprocess.run(
        [sys.executable, str(DRIVER), "raise-in-slot"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    status = [line[7:] for line in lines if line.startswith("STATUS ")]
    dialogs = [line.split(" ", 2) for line in lines if line.startswith("DIALOG ")]
    assert len(status) == 2, done.stdout
    assert "RuntimeError: boom from a slot" in status[0]
    assert dialogs[0][1] == "1" and "boom from a slot" in dialogs[0][2]
    assert "Not enough memory" in status[1]  # a MemoryError becomes a message
    assert dialogs[1][1] == "1"  # one box at a time: the first is still open
    assert "ALIVE" in lines  # the event loop went on
    logs = list((tmp_path / "home").rglob("errors.log"))
    assert len(logs) == 1, logs
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: boom from a slot" in text
    assert "MemoryError" in text
    assert "boom from a slot" in done.stderr  # developers still see it
