"""Issue 14 item 1 on the Training tab: with MNIST-sized data (60,000 rows), hidden
layers 1000 × 5 and a batch of 10,000 (an iteration takes seconds), Stop, Run-after-Stop
and Reset say "stopping…" and wait for the thread; a new run never starts over it."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

import gui.tabs.training as training_module


@pytest.fixture(scope="module")
def big_mnist(tmp_path_factory):
    rng = np.random.default_rng(14)
    path = tmp_path_factory.mktemp("mnist") / "big-mnist.npz"
    np.savez(
        path,
        x_train=rng.integers(0, 256, (60_000, 28, 28), dtype=np.uint8),
        y_train=rng.integers(0, 10, 60_000, dtype=np.uint8),
        x_test=rng.integers(0, 256, (10_000, 28, 28), dtype=np.uint8),
        y_test=rng.integers(0, 10, 10_000, dtype=np.uint8),
    )
    return path


def set_field(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.mark.slow
def test_stop_run_after_stop_and_reset_wait_for_the_thread(qtbot, window, big_mnist, monkeypatch):
    # Stop asks and returns at once, so "stopping…" is shown whatever the machine's speed
    monkeypatch.setattr(training_module, "STOP_WAIT_MS", 0, raising=False)
    tab = window.show_tab("training")
    assert tab.load_mnist([str(big_mnist)])
    set_field(qtbot, tab.binder.widget("hidden"), "1000, 1000, 1000, 1000, 1000")
    set_field(qtbot, tab.binder.widget("batch_size"), "10000")
    tab.model.set("unit", "iterations")
    set_field(qtbot, tab.binder.widget("length"), "1000")
    threads = []

    def note_thread():
        thread = tab.controller._thread
        if thread is not None and all(thread is not t for t in threads):
            threads.append(thread)
        running = [t for t in threads if t.isRunning()]
        assert len(running) <= 1, "two training threads at once"

    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    assert tab.controller.state == "running"
    note_thread()
    qtbot.wait(800)  # inside the first iteration's forward pass

    qtbot.mouseClick(tab.ui.stop_button, Qt.MouseButton.LeftButton)
    assert tab.controller.state == "stopping"
    assert "stopping…" in tab.ui.status_label.text()
    assert not tab.ui.stop_button.isEnabled() and not tab.ui.pause_button.isEnabled()
    first = tab.controller._thread
    assert first is not None and first.isRunning()  # kept, not dropped

    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)  # Run right after Stop
    note_thread()
    assert tab.controller._thread is first  # not overwritten by a new run
    qtbot.waitUntil(
        lambda: (note_thread(), tab.controller._thread is not first)[1], timeout=120_000
    )
    assert first.isFinished()
    qtbot.waitUntil(lambda: tab.controller.state == "running", timeout=10_000)
    note_thread()
    assert len(threads) == 2

    qtbot.wait(300)
    qtbot.mouseClick(tab.ui.stop_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.ui.reset_button, Qt.MouseButton.LeftButton)  # Reset while stopping
    if tab.controller.is_stopping():
        assert "stopping…" in tab.ui.status_label.text()
    qtbot.waitUntil(lambda: not tab.controller.is_active(), timeout=120_000)
    qtbot.waitUntil(lambda: "Ready" in tab.ui.status_label.text(), timeout=10_000)
    assert tab.config is None and tab.log.n == 0  # the reset happened, after the stop
    assert all(t.isFinished() for t in threads)
    assert tab.ui.run_button.isEnabled() and not tab.ui.stop_button.isEnabled()
