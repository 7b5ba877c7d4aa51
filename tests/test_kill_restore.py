"""Nothing lost: the app killed with SIGKILL comes back with the session it autosaved.

Each run is a fresh process of the real application (``tests/tools/drive_app.py`` runs
``gui.app.main``) with sandboxed HOME/XDG folders and ``ZEROKARA_AUTOSAVE_MS`` shortening
the autosave period. The first process changes the state through its widgets and is
killed; a second one starts normally and must show exactly that state again.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from engine import project
from tests.tools.sandbox import sandbox_env

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "tests" / "tools" / "drive_app.py"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


#: The autosave period these tests run the app with (ms): a kill finds a fresh autosave.
AUTOSAVE_MS = 50


def read_tagged(stream, tag: str, deadline: float) -> str:
    """The rest of the first line of ``stream`` starting with ``tag``."""
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        if line.startswith(tag + " "):
            return line[len(tag) + 1 :].rstrip("\n")
    raise AssertionError(f"the app never printed {tag}")


def report(env: dict[str, str]) -> dict[str, str]:
    """Start the app normally, let it restore, and read what it shows."""
    done = subprocess.run(
        [sys.executable, str(DRIVER), "report"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    return lines


def edit_and_kill(env: dict[str, str], extra_ms: float = 0.0) -> tuple[dict, dict, Path]:
    """Edit in a fresh app, wait until the autosave holds the edit (plus ``extra_ms``
    of further autosaves), SIGKILL it. Returns (defaults, edited state, autosave path)."""
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), "edit-and-wait"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    watchdog = threading.Timer(90, proc.kill)  # a silent, hung app cannot block readline
    watchdog.start()
    try:
        deadline = time.monotonic() + 60
        autosave = Path(read_tagged(proc.stdout, "AUTOSAVE", deadline))
        defaults = json.loads(read_tagged(proc.stdout, "DEFAULTS", deadline))
        state = json.loads(read_tagged(proc.stdout, "STATE", deadline))
        while time.monotonic() < deadline:
            try:
                if project.load(autosave)["tabs"] == state:
                    break
            except project.ProjectError:
                pass  # not written yet
            time.sleep(0.02)
        else:
            raise AssertionError("the edit never reached the autosave")
        time.sleep(extra_ms / 1000)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    return defaults, state, autosave


def test_sigkill_then_restart_restores_the_session(tmp_path):
    env = sandbox_env(tmp_path, AUTOSAVE_MS)
    defaults, state, autosave = edit_and_kill(env)
    assert state != defaults  # the edits really changed something
    assert state["gates"] != defaults["gates"]
    saved = project.load(autosave)
    assert saved["current_tab"] == "network"
    lines = report(sandbox_env(tmp_path, autosave_ms=None))
    assert json.loads(lines["STATE"]) == state
    assert "Restored your last session" in lines["STATUS"]
    assert not autosave.with_name(autosave.name + ".corrupt").exists()


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_the_session(tmp_path):
    """Killed at random moments while autosaving every 50 ms: the file always parses and
    the next start restores it. (Figures for issue 9: 6 kills, 6 sessions recovered.)"""
    rng = random.Random(9)
    recovered = 0
    for run in range(6):
        env = sandbox_env(tmp_path / f"run{run}", AUTOSAVE_MS)
        _, state, autosave = edit_and_kill(env, extra_ms=rng.uniform(0, 400))
        assert project.load(autosave)["tabs"] == state  # whole, never half-written
        lines = report(sandbox_env(tmp_path / f"run{run}", autosave_ms=None))
        assert json.loads(lines["STATE"]) == state
        recovered += 1
    assert recovered == 6


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, 60_000), ("250", 250), ("50", 50), ("49", 60_000), ("abc", 60_000), ("", 60_000)],
)
def test_autosave_interval_setting(monkeypatch, value, expected):
    from gui.project import AUTOSAVE_ENV, autosave_interval

    if value is None:
        monkeypatch.delenv(AUTOSAVE_ENV, raising=False)
    else:
        monkeypatch.setenv(AUTOSAVE_ENV, value)
    assert autosave_interval() == expected
