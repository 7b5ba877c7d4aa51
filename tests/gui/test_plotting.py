"""pyqtgraph comes configured from gui/plotting.py, and only from there."""

import ast
from pathlib import Path

GUI = Path(__file__).resolve().parents[2] / "gui"


def test_only_gui_plotting_imports_pyqtgraph():
    """Any other way in would let a plot be made before the options are set (white
    background, row-major images), or import pyqtgraph before the first paint."""
    offenders = []
    for file in sorted(GUI.rglob("*.py")):
        if file == GUI / "plotting.py":
            continue
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{file.relative_to(GUI)}:{node.lineno}: {n}"
                for n in names
                if n.split(".")[0] == "pyqtgraph"
            ]
    assert offenders == []


def test_gui_plotting_sets_the_options():
    from gui.plotting import exporters, pg

    assert pg.getConfigOption("imageAxisOrder") == "row-major"
    assert pg.getConfigOption("antialias") is True
    assert pg.getConfigOption("background") == "w"
    assert pg.getConfigOption("foreground") == "k"
    assert hasattr(exporters(), "ImageExporter") and hasattr(exporters(), "CSVExporter")
