"""Models, settings, the tab registry and tr_fmt import no Qt, and tr_fmt is one pass."""

import subprocess
import sys
from pathlib import Path

from gui import registry
from gui.text import tr_fmt
from tests.tools.imports import imported_modules

ROOT = Path(__file__).resolve().parents[2]
QT_FREE = [
    *(ROOT / "gui" / "models").rglob("*.py"),
    ROOT / "gui" / "registry.py",
    ROOT / "gui" / "text.py",
]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph")


def test_sources_import_no_qt():
    offenders = [
        f"{file.name}:{line}: {name}"
        for file in QT_FREE
        for line, name in imported_modules(file)
        if name.split(".")[0] in FORBIDDEN or name.startswith(("gui.tabs", "gui.binder"))
    ]
    assert not offenders


def test_importing_models_and_making_them_loads_no_qt():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in (ROOT / "gui" / "models").rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "from gui import registry\n"
        "for key in registry.tab_keys(): registry.make_model(key)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_tr_fmt_is_one_pass():
    assert tr_fmt("Could not open %1: %2", "50%2 off.zkl.json", "gone") == (
        "Could not open 50%2 off.zkl.json: gone"
    )
    assert tr_fmt("%2 before %1", "a", "b") == "b before a"
    assert tr_fmt("%1 and %3, 100%", "x") == "x and %3, 100%"
    assert tr_fmt("%10 vs %1", *"abcdefghij") == "j vs a"


def test_registry_keys_shortcuts_unique_and_in_order():
    keys = registry.tab_keys()
    assert keys[:4] == ("gates", "network", "descent", "training")
    assert len(set(keys)) == len(keys)
    shortcuts = [s.shortcut for s in registry.TABS]
    # Ctrl+N, N rising in tab order; a chapter's tab may keep its number while the tabs of
    # earlier chapters are still to come (CNN, ch. 7, is Ctrl+7)
    numbers = [int(s.removeprefix("Ctrl+")) for s in shortcuts]
    assert all(s == f"Ctrl+{n}" for s, n in zip(shortcuts, numbers, strict=True))
    assert numbers[:4] == [1, 2, 3, 4] and numbers == sorted(set(numbers))
    for spec in registry.TABS:
        if spec.model:
            model = registry.make_model(spec.key)
            assert model.key == spec.key and model.revision == 0
