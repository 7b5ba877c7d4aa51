"""The engine is pure NumPy: no Qt, pyqtgraph or gui anywhere in it."""

import subprocess
import sys
from pathlib import Path

from tests.tools.imports import imported_modules

ENGINE = Path(__file__).resolve().parents[2] / "engine"
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph", "gui")


def test_no_forbidden_imports_in_source():
    offenders = []
    for file in ENGINE.rglob("*.py"):
        offenders += [
            f"{file.name}: {name}"
            for _, name in imported_modules(file)
            if name.split(".")[0] in FORBIDDEN
        ]
    assert not offenders


def test_importing_every_engine_module_loads_no_qt():
    modules = sorted(f"engine.{p.stem}" for p in ENGINE.glob("*.py") if p.stem != "__init__")
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ENGINE.parent)
