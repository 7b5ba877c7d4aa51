"""The real-window pass: the app on Qt's xcb platform (an X server, Xvfb in CI).

Skipped unless ``QT_QPA_PLATFORM=xcb``; `.ci/run` runs it as::

    QT_QPA_PLATFORM=xcb ZEROKARA_SHOTS=DIR xvfb-run -a python -m pytest -m xcb tests/gui

Each tab is reached by clicking its tab in the tab bar, one action is driven on its real
widgets (looked up by the objectNames of design.md §4), and both Qt's own rendering of the
window and the pixels the X server shows are saved as PNGs and checked not to be blank.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QLineEdit,
    QWidget,
)

from gui.registry import tab_keys
from tests.tools.tab_widgets import find, tab_widgets

pytestmark = [
    pytest.mark.xcb,
    pytest.mark.skipif(
        os.environ.get("QT_QPA_PLATFORM") != "xcb",
        reason="real-window pass: run with QT_QPA_PLATFORM=xcb under xvfb-run (see .ci/run)",
    ),
]


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where screenshots go: $ZEROKARA_SHOTS (kept by CI) or the test's temp folder."""
    folder = Path(os.environ.get("ZEROKARA_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def assert_not_blank(image: QImage, what: str) -> None:
    """A real rendering has many colours and no single colour covering nearly all of it."""
    assert not image.isNull() and image.width() > 100 and image.height() > 100, what
    small = image.scaled(160, 100).convertToFormat(QImage.Format.Format_RGB32)
    counts: dict[int, int] = {}
    for y in range(small.height()):
        for x in range(small.width()):
            pixel = small.pixel(x, y)
            counts[pixel] = counts.get(pixel, 0) + 1
    total = small.width() * small.height()
    assert len(counts) >= 8, f"{what}: only {len(counts)} colours"
    assert max(counts.values()) < 0.97 * total, f"{what}: one colour covers it all"


def save_both(window, folder: Path, name: str) -> None:
    """Save and check Qt's rendering of the window and the X server's pixels of it."""
    QGuiApplication.processEvents()
    rendered = window.grab().toImage()
    assert rendered.save(str(folder / f"{name}.png"))
    assert_not_blank(rendered, f"{name}.png")
    screen = window.screen().grabWindow(window.winId()).toImage()
    assert screen.save(str(folder / f"{name}-screen.png"))
    assert_not_blank(screen, f"{name}-screen.png")


def click_tab(window, qtbot, key: str) -> QWidget:
    tab = window.tab(key)
    bar = window.tabs.tabBar()
    index = window.tabs.indexOf(tab)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is tab)
    return tab


def widgets_of(tab: QWidget, key: str) -> dict[str, QWidget]:
    """The widgets the per-tab table names (tests/tools/tab_widgets.py): a missing one fails."""
    return {name: find(tab, name) for name in tab_widgets(key).named}


def next_item(qtbot, combo: QComboBox) -> None:
    """Choose the next entry with the keyboard, as a user would."""
    assert combo.isEnabled() and combo.count() > 1
    before = combo.currentIndex()
    combo.setFocus()
    key = Qt.Key.Key_Down if before < combo.count() - 1 else Qt.Key.Key_Up
    qtbot.keyClick(combo, key)
    qtbot.waitUntil(lambda: combo.currentIndex() != before)


def plotted_points(plot: QWidget) -> int:
    """How many data points the curves and scatters of a pyqtgraph view show."""
    import pyqtgraph as pg

    total = 0
    for item in plot.scene().items():
        if isinstance(item, pg.PlotDataItem):
            continue  # counted through its curve and scatter children
        if isinstance(item, pg.PlotCurveItem) and item.xData is not None:
            total += len(item.xData)
        elif isinstance(item, pg.ScatterPlotItem):
            total += len(item.data)
    return total


def run_then_stop(qtbot, run: QAbstractButton, stop: QAbstractButton, plot: QWidget) -> None:
    """Run: the plot grows; Stop (if still going): the tab is idle again."""
    assert run.isEnabled()
    before = plotted_points(plot)
    qtbot.mouseClick(run, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: plotted_points(plot) > before, timeout=20_000)
    if stop.isEnabled():
        qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run.isEnabled() and not stop.isEnabled(), timeout=15_000)


def test_the_window_is_a_real_x11_window(window, qtbot, shots):
    assert QGuiApplication.platformName() == "xcb"
    assert window.isVisible() and window.winId()
    for key in tab_keys():
        click_tab(window, qtbot, key)
        save_both(window, shots, key)


def test_gates_choose_a_gate_and_learn(window, qtbot, shots):
    tab = click_tab(window, qtbot, "gates")
    w = widgets_of(tab, "gates")
    next_item(qtbot, w["gatePresetCombo"])
    qtbot.mouseClick(w["learnButton"], Qt.MouseButton.LeftButton)
    assert w["truthTable"].model().rowCount() >= 4
    save_both(window, shots, "gates-action")


def type_into(qtbot, editor: QWidget, text: str) -> str:
    """Type ``text`` into a line edit or the first cell of a table, then Enter; the result."""
    if isinstance(editor, QAbstractItemView):
        index = editor.model().index(0, 0)
        editor.setCurrentIndex(index)
        editor.edit(index)
        # the cell editor the delegate opened (found directly: focus needs an active window,
        # and Xvfb has no window manager to activate one)
        qtbot.waitUntil(lambda: editor.viewport().findChild(QLineEdit) is not None)
        cell = editor.viewport().findChild(QLineEdit)
        cell.selectAll()
        qtbot.keyClicks(cell, text)
        qtbot.keyClick(cell, Qt.Key.Key_Return)  # the delegate commits in a queued call
        qtbot.waitUntil(lambda: editor.state() != QAbstractItemView.State.EditingState)
        return str(editor.model().index(0, 0).data())
    if isinstance(editor, QLineEdit):
        editor.setFocus()
        editor.selectAll()
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        return editor.text()
    pytest.fail(f"inputEditor is a {type(editor).__name__}: no generic way to type into it")


def test_network_click_the_canvas_and_type_an_input(window, qtbot, shots):
    tab = click_tab(window, qtbot, "network")
    w = widgets_of(tab, "network")
    view = w["topologyView"]
    target = view.viewport() if isinstance(view, QAbstractScrollArea) else view
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.rect().center())
    assert type_into(qtbot, w["inputEditor"], "2").strip() in ("2", "2.0")
    save_both(window, shots, "network-action")


def test_descent_pick_a_surface_and_run(window, qtbot, shots):
    tab = click_tab(window, qtbot, "descent")
    w = widgets_of(tab, "descent")
    next_item(qtbot, w["functionCombo"])
    run_then_stop(qtbot, w["runButton"], w["stopButton"], w["trajectoryPlot"])
    save_both(window, shots, "descent-action")


def test_training_pick_a_dataset_and_run(window, qtbot, shots):
    tab = click_tab(window, qtbot, "training")
    w = widgets_of(tab, "training")
    next_item(qtbot, w["datasetCombo"])
    run_then_stop(qtbot, w["runButton"], w["stopButton"], w["lossPlot"])
    save_both(window, shots, "training-action")
