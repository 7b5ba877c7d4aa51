"""Translations: committed .qm match the .ts sources, nothing untranslated, Japanese renders."""

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n  # noqa: E402


def test_qm_is_compiled_from_current_ts(tmp_path):
    for made in i18n.release(tmp_path):
        committed = ROOT / "resources" / "translations" / made.name
        assert committed.read_bytes() == made.read_bytes(), (
            f"{made.name} is stale: run python tools/i18n.py release"
        )


def test_every_string_is_translated():
    assert i18n.unfinished("ja") == []


def test_ts_covers_every_tr_call(tmp_path):
    """lupdate over the code finds no source text the .ts lacks."""
    ts = tmp_path / "zerokara_ja.ts"
    shutil.copy(ROOT / "resources" / "translations" / "zerokara_ja.ts", ts)
    i18n.lupdate(ts)
    before = (ROOT / "resources" / "translations" / "zerokara_ja.ts").read_text(encoding="utf-8")
    assert ts.read_text(encoding="utf-8").count("<source>") == before.count("<source>")
    original = i18n.TRANSLATIONS
    try:
        i18n.TRANSLATIONS = tmp_path
        assert i18n.unfinished("ja") == [], (
            "new strings need translating: python tools/i18n.py update"
        )
    finally:
        i18n.TRANSLATIONS = original


def test_japanese_font_available_when_installed():
    from gui.i18n import japanese_font_families

    if not any(
        Path(p).exists()
        for p in (
            "/usr/share/fonts/opentype/ipafont-gothic",
            "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
        )
    ):
        pytest.skip("no Japanese font installed on this machine")
    assert japanese_font_families()


def test_japanese_ui_text(window):
    window.set_language("ja")
    assert window.tabs.tabText(0) == "ゲート"
    assert window.file_menu.title() == "ファイル(&F)"
    from gui.widgets import InputError, parse_number

    with pytest.raises(InputError, match="数値ではありません"):
        parse_number("abc")
