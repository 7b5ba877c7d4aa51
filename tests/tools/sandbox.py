"""An environment for a subprocess of the app that touches nothing of the real user."""

from __future__ import annotations

import os
from pathlib import Path


def sandbox_env(folder: Path, autosave_ms: int | None = None) -> dict[str, str]:
    """``os.environ`` with HOME and the XDG folders inside ``folder``, offscreen Qt, and
    the autosave period set to ``autosave_ms`` (or the app's default when None)."""
    env = dict(os.environ)
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        path = folder / name.lower()
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        env[name] = str(path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("ZEROKARA_AUTOSAVE_MS", None)
    if autosave_ms is not None:
        env["ZEROKARA_AUTOSAVE_MS"] = str(autosave_ms)
    return env
