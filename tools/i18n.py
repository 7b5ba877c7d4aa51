"""Keep the translations in step with the code.

    python tools/i18n.py update    # pyside6-lupdate: gui/ -> resources/translations/*.ts
    python tools/i18n.py release   # pyside6-lrelease: *.ts -> *.qm (commit both)
    python tools/i18n.py check     # list unfinished or missing translations (exit 1 if any)
    python tools/i18n.py fill [F]  # set translations from JSON (default: every tools/ja/*.json),
                                   # then release: {"source": "訳", "Context|source": "訳"}

Keep your translations in a JSON file under tools/ja/ (one per tab): after a merge
conflict in the .ts or .qm, take either side, then run ``update`` and ``fill`` again.

The ``.ts`` files are the source of truth (edit them with Qt Linguist or a text editor);
the ``.qm`` files are committed because hatchling ships only tracked files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("ja",)


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    return str(exe) if exe.exists() else (shutil.which(name) or name)


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "gui").rglob("*.py"))


def lupdate(ts: Path) -> None:
    """Merge the strings of every ``tr()`` call in gui/ into the .ts file ``ts``."""
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-extensions",
            "py",
            "-no-obsolete",
            "-locations",
            "none",
            *sources(),
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def update() -> None:
    for lang in LANGUAGES:
        lupdate(TRANSLATIONS / f"zerokara_{lang}.ts")


def release(out_dir: Path = TRANSLATIONS) -> list[Path]:
    made = []
    for lang in LANGUAGES:
        ts = TRANSLATIONS / f"zerokara_{lang}.ts"
        qm = out_dir / f"zerokara_{lang}.qm"
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        made.append(qm)
    return made


def unfinished(lang: str = "ja") -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    tree = ET.parse(TRANSLATIONS / f"zerokara_{lang}.ts")
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                continue
            done = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            if not done or not "".join(translation.itertext()).strip():
                missing.append((name, message.findtext("source", "")))
    return missing


def fill(mapping: dict[str, str], lang: str = "ja") -> int:
    """Set the translation of each message whose source (or "Context|source") is a key."""
    path = TRANSLATIONS / f"zerokara_{lang}.ts"
    tree = ET.parse(path)
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            text = mapping.get(f"{name}|{source}", mapping.get(source))
            translation = message.find("translation")
            if text is None or translation is None:
                continue
            translation.text = text
            translation.attrib.pop("type", None)
            count += 1
    ET.indent(tree)
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return count


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "release":
        release()
    elif command == "fill":
        import json

        target = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "tools" / "ja"
        files = sorted(target.glob("*.json")) if target.is_dir() else [target]
        mapping: dict[str, str] = {}
        for file in files:
            mapping.update(json.loads(file.read_text(encoding="utf-8")))
        print(fill(mapping), "set")
        release()
    elif command == "check":
        todo = unfinished()
        for ctx, src in todo:
            print(f"{ctx}: {src}")
        sys.exit(1 if todo else 0)
    else:
        sys.exit(__doc__)
