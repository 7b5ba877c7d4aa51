"""Data files shipped with Zerokara Lab: icons, translations, lesson texts and data sets."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """The absolute path of a file inside the ``resources`` package."""
    return ROOT.joinpath(*parts)
