"""pyqtgraph comes configured from gui/plotting.py, and only from there."""

from pathlib import Path

from tests.tools.imports import imported_modules

GUI = Path(__file__).resolve().parents[2] / "gui"


def test_only_gui_plotting_imports_pyqtgraph():
    """Any other way in would let a plot be made before the options are set (white
    background, row-major images), or import pyqtgraph before the first paint."""
    offenders = []
    for file in sorted(GUI.rglob("*.py")):
        if file == GUI / "plotting.py":
            continue
        offenders += [
            f"{file.relative_to(GUI)}:{line}: {name}"
            for line, name in imported_modules(file)
            if name.split(".")[0] == "pyqtgraph"
        ]
    assert offenders == []


def test_gui_plotting_sets_the_options():
    from gui.plotting import exporters, pg

    assert pg.getConfigOption("imageAxisOrder") == "row-major"
    assert pg.getConfigOption("antialias") is True
    assert pg.getConfigOption("background") == "w"
    assert pg.getConfigOption("foreground") == "k"
    assert hasattr(exporters(), "ImageExporter") and hasattr(exporters(), "CSVExporter")
