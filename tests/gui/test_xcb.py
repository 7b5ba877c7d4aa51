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
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QAbstractButton, QComboBox, QWidget

from gui.main_window import TAB_KEYS

pytestmark = [
    pytest.mark.xcb,
    pytest.mark.skipif(
        os.environ.get("QT_QPA_PLATFORM") != "xcb",
        reason="real-window pass: run with QT_QPA_PLATFORM=xcb under xvfb-run (see .ci/run)",
    ),
]

#: The widgets each tab's action needs (design.md §4).
WIDGETS = {
    "gates": ("gatePresetCombo", "truthTable", "learnButton", "boundaryPlot"),
    "network": ("topologyView", "inputEditor"),
    "descent": ("functionCombo", "runButton", "stopButton", "trajectoryPlot"),
    "training": ("datasetCombo", "runButton", "stopButton", "lossPlot"),
}


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
    found = {name: tab.findChild(QWidget, name) for name in WIDGETS[key]}
    missing = [name for name, widget in found.items() if widget is None]
    if missing:
        pytest.skip(f"{key} tab has no {', '.join(missing)} yet (design.md §4 names)")
    return found


def next_item(qtbot, combo: QComboBox) -> None:
    """Choose the next entry with the keyboard, as a user would."""
    assert combo.isEnabled() and combo.count() > 1
    before = combo.currentIndex()
    combo.setFocus()
    key = Qt.Key.Key_Down if before < combo.count() - 1 else Qt.Key.Key_Up
    qtbot.keyClick(combo, key)
    qtbot.waitUntil(lambda: combo.currentIndex() != before)


def run_then_stop(qtbot, run: QAbstractButton, stop: QAbstractButton) -> None:
    """Start a run with the Run button, stop it with Stop (if still going), wait for idle."""
    assert run.isEnabled()
    qtbot.mouseClick(run, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stop.isEnabled() or run.isEnabled(), timeout=10_000)
    if stop.isEnabled():
        qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run.isEnabled() and not stop.isEnabled(), timeout=15_000)


def test_the_window_is_a_real_x11_window(window, qtbot, shots):
    assert QGuiApplication.platformName() == "xcb"
    assert window.isVisible() and window.winId()
    for key in TAB_KEYS:
        click_tab(window, qtbot, key)
        save_both(window, shots, key)


def test_gates_choose_a_gate_and_learn(window, qtbot, shots):
    tab = click_tab(window, qtbot, "gates")
    w = widgets_of(tab, "gates")
    next_item(qtbot, w["gatePresetCombo"])
    qtbot.mouseClick(w["learnButton"], Qt.MouseButton.LeftButton)
    assert w["truthTable"].model().rowCount() >= 4
    save_both(window, shots, "gates-action")


def test_network_click_the_canvas_and_type_an_input(window, qtbot, shots):
    tab = click_tab(window, qtbot, "network")
    w = widgets_of(tab, "network")
    view = w["topologyView"]
    target = getattr(view, "viewport", lambda: view)()
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    editor = w["inputEditor"]
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert window.isVisible()
    save_both(window, shots, "network-action")


def test_descent_pick_a_surface_and_run(window, qtbot, shots):
    tab = click_tab(window, qtbot, "descent")
    w = widgets_of(tab, "descent")
    next_item(qtbot, w["functionCombo"])
    run_then_stop(qtbot, w["runButton"], w["stopButton"])
    save_both(window, shots, "descent-action")


def test_training_pick_a_dataset_and_run(window, qtbot, shots):
    tab = click_tab(window, qtbot, "training")
    w = widgets_of(tab, "training")
    next_item(qtbot, w["datasetCombo"])
    run_then_stop(qtbot, w["runButton"], w["stopButton"])
    save_both(window, shots, "training-action")
