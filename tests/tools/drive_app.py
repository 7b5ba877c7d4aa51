"""Drive the real application (``gui.app.main``) from a test, in a fresh process.

Usage::

    python tests/tools/drive_app.py close-mid-run TAB DELAY_MS [PROJECT]
    python tests/tools/drive_app.py close-big-run MNIST.npz BATCH ITERATIONS DELAY_MS
    python tests/tools/drive_app.py raise-in-slot
    python tests/tools/drive_app.py edit-and-wait
    python tests/tools/drive_app.py report

The script creates the ``QApplication``, schedules a hook for when the event loop starts
and then runs ``gui.app.main`` unchanged, so start-up, session restore, autosave and
closing follow exactly the code path a user gets. The hook prints lines the test reads:

* ``close-mid-run``: shows tab TAB, clicks its run/learn button (if it has one), waits
  DELAY_MS and closes the window; prints ``STARTED <key> <objectName|->``, ``CLOSING``
  right before ``window.close()`` and ``CLOSED <keys|->`` right after it: the tabs with a
  worker still running (its stop timed out), ``-`` for none, then ``WAITING`` if the
  window is still open waiting for them (it closes when they have ended).
* ``close-big-run``: opens MNIST.npz on the Training tab, sets hidden layers
  1000 × 5, the batch size and the number of iterations, clicks Run, waits DELAY_MS and
  closes the window (a close inside one long record); prints like ``close-mid-run``.
* ``raise-in-slot``: a slot raises ``RuntimeError("boom from a slot")``, later another a
  ``MemoryError``; prints ``STATUS <status bar>`` and ``DIALOG <visible error dialogs>``
  after each, then ``ALIVE`` (the event loop still runs) and closes.
* ``edit-and-wait``: changes the state the way a user would (a gate preset, the first
  number field of every tab, the current tab), prints ``STATE <json of every tab>`` and
  keeps running (the test kills it); ``DEFAULTS <json>`` is printed before the edits.
* ``report``: prints ``STATE <json>`` of what the window holds after start-up (the
  restored session) and ``STATUS <status bar message>``, then closes.

Every mode prints ``AUTOSAVE <path>`` first. Set ``ZEROKARA_AUTOSAVE_MS`` to shorten the
autosave period, and sandbox ``HOME``/``XDG_*`` so the user's own session is untouched.
"""

from __future__ import annotations

import faulthandler
import json
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
)

RUN_BUTTONS = ("runButton", "learnButton")


def say(*parts: object) -> None:
    print(*parts, flush=True)


def main_window():
    from gui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            return widget
    raise RuntimeError("no main window")


def tabs_json(window) -> str:
    from engine import project

    return json.dumps(project.plain(window.project.collect_tabs()), sort_keys=True)


def start_run(tab) -> str:
    """Click the tab's run/learn button; returns its objectName or '-'."""
    for name in RUN_BUTTONS:
        button = tab.findChild(QAbstractButton, name)
        if button is not None and button.isEnabled():
            button.click()
            return name
    return "-"


def close_mid_run(key: str, delay_ms: int) -> None:
    window = main_window()
    tab = window.show_tab(key)
    say("STARTED", key, start_run(tab))

    def close() -> None:
        from gui.registry import tab_keys

        say("CLOSING")
        window.close()  # closeEvent stops and joins every worker before it returns
        left = [
            key
            for key in tab_keys()
            if window.is_built(key) and any(c.is_active() for c in window.tab(key)._controllers)
        ]
        # a worker still inside a long step: the window must be waiting for it, visible
        waiting = bool(left) and window.isVisible() and window._closer.waiting
        say("CLOSED", " ".join(left) or "-", "WAITING" if waiting else "")

    QTimer.singleShot(delay_ms, close)


def close_big_run(npz: str, batch: int, iterations: int, delay_ms: int) -> None:
    window = main_window()
    tab = window.show_tab("training")
    if not tab.load_mnist([npz]):
        raise SystemExit("the MNIST file was refused")
    hidden = tab.binder.widget("hidden")
    hidden.setText("1000, 1000, 1000, 1000, 1000")
    hidden.editingFinished.emit()
    tab.model.set("unit", "iterations")
    for key, value in (("batch_size", batch), ("length", iterations)):
        field = tab.binder.widget(key)
        field.setText(str(value))
        field.editingFinished.emit()
    say("STARTED", "training", start_run(tab))

    def close() -> None:
        say("CLOSING", tab.controller.state)
        window.close()

    QTimer.singleShot(delay_ms, close)


def raise_in_slot() -> None:
    from PySide6.QtWidgets import QMessageBox

    window = main_window()

    def report() -> None:
        boxes = [b for b in window.findChildren(QMessageBox, "errorDialog") if b.isVisible()]
        say("STATUS", window.statusBar().currentMessage().replace("\n", " "))
        say("DIALOG", len(boxes), boxes[0].text() if boxes else "-")

    def boom() -> None:
        raise RuntimeError("boom from a slot")

    def out_of_memory() -> None:
        raise MemoryError()

    QTimer.singleShot(0, boom)
    QTimer.singleShot(400, report)
    QTimer.singleShot(500, out_of_memory)
    QTimer.singleShot(900, report)
    QTimer.singleShot(1000, lambda: say("ALIVE"))
    QTimer.singleShot(1100, window.close)


def edit(window) -> None:
    """Change state through the widgets, as a user would."""
    from gui.registry import tab_keys
    from gui.widgets import NumberField

    combo = window.tab("gates").findChild(QComboBox, "gatePresetCombo")
    if combo is not None and combo.count() > 2:
        combo.setCurrentIndex(2)  # what choosing an item with the mouse does
        combo.activated.emit(2)
    for key in tab_keys():
        for spin in window.tab(key).findChildren(QDoubleSpinBox):
            if spin.isEnabled() and not spin.isReadOnly():
                spin.setValue(spin.value() + spin.singleStep())
                break
        for field in window.tab(key).findChildren(NumberField):
            if field.isEnabled() and not field.isReadOnly():
                low, high = field.minimum, field.maximum
                target = field.value() + (1 if field.integer else 0.25)
                if target > high:
                    target = field.value() - (1 if field.integer else 0.25)
                if low <= target <= high:
                    field.setText(str(target))
                    field.editingFinished.emit()
                break
    window.show_tab("network")


def hook(mode: str, args: list[str]) -> None:
    from gui.project import autosave_path

    window = main_window()
    if window.project is None:  # tabs still being built (lazy start-up): try again soon
        QTimer.singleShot(20, lambda: hook(mode, args))
        return
    say("AUTOSAVE", autosave_path())
    if mode == "close-mid-run":
        close_mid_run(args[0], int(args[1]))
    elif mode == "raise-in-slot":
        raise_in_slot()
    elif mode == "close-big-run":
        close_big_run(args[0], int(args[1]), int(args[2]), int(args[3]))
    elif mode == "edit-and-wait":
        say("DEFAULTS", tabs_json(window))
        edit(window)
        say("STATE", tabs_json(window))
    elif mode == "report":
        say("STATE", tabs_json(window))
        say("STATUS", window.statusBar().currentMessage().replace("\n", " "))
        say("PATH", window.project.path or "-")
        QTimer.singleShot(0, window.close)
    else:
        raise SystemExit(f"unknown mode {mode}")


def run(argv: list[str]) -> int:
    mode, args = argv[0], argv[1:]
    if hasattr(signal, "SIGUSR1"):  # a test that sees a hang can ask where every thread is
        faulthandler.register(signal.SIGUSR1, all_threads=True)
    app = QApplication([sys.argv[0]])
    QTimer.singleShot(0, lambda: hook(mode, args))
    from gui.app import main

    project = [args[2]] if mode == "close-mid-run" and len(args) > 2 else []
    code = main(["--lang", "en", *project])
    del app
    return code


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
