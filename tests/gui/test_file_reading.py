"""Files a learner picks are read in a worker thread with progress and Cancel (issue 14):
MNIST files on the Training tab and project files, with real Fashion-MNIST."""

from __future__ import annotations

import json
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from engine import datasets as D
from engine import project
from engine.reading import ReadProgress
from gui import file_reading
from gui.models.training import TrainingModel
from gui.tabs.training import TrainingTab

FASHION = D.fashion_mnist_files()


@pytest.fixture
def tab(qtbot):
    widget = TrainingTab(TrainingModel())
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def press_cancel():
    """Click Cancel on the visible progress dialog, as a user would."""
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QProgressDialog) and w.isVisible():
            w.findChild(QPushButton).click()


def _slow_reader(threads, seconds=1.5, steps=30, fail=None):
    """A reader that takes ``seconds`` in ``steps`` and records the thread it ran in."""

    def factory():
        threads.append(threading.current_thread())
        for i in range(steps):
            time.sleep(seconds / steps)
            yield ReadProgress(i + 1, steps)
        if fail is not None:
            raise fail
        return "done"

    return factory


def test_reading_runs_in_a_worker_and_the_window_keeps_running(qtbot, tab):
    threads: list[threading.Thread] = []
    ticks = []
    seen = []  # (objectName, value) of the visible progress dialog, at every tick

    def tick():
        ticks.append(time.perf_counter())
        seen.extend(
            (w.objectName(), w.value())
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()
        )

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    value = file_reading.read_with_progress(tab, "Reading", _slow_reader(threads))
    timer.stop()
    assert value == "done"
    assert threads and threads[0] is not threading.main_thread()
    assert len(ticks) >= 10  # the GUI thread ran its timer all along (1.5 s of reading)
    assert seen and {name for name, _ in seen} == {"readProgressDialog"}
    assert max(v for _, v in seen) > 0  # the progress reached the dialog


def test_cancel_stops_the_read_and_a_failure_comes_back_as_its_exception(qtbot, tab):
    threads: list[threading.Thread] = []

    QTimer.singleShot(file_reading.SHOW_AFTER_MS + 200, press_cancel)
    began = time.perf_counter()
    with pytest.raises(file_reading.ReadCancelledError):
        file_reading.read_with_progress(tab, "Reading", _slow_reader(threads, seconds=20))
    assert time.perf_counter() - began < 10  # stopped at a step, not after 20 s
    with pytest.raises(MemoryError):
        file_reading.read_with_progress(
            tab, "Reading", _slow_reader(threads, seconds=0.1, fail=MemoryError())
        )


@pytest.mark.skipif(FASHION is None, reason="Fashion-MNIST not installed")
def test_open_mnist_files_reads_the_real_fashion_mnist_off_the_gui_thread(qtbot, tab, monkeypatch):
    threads = []
    steps = D.load_mnist_steps

    def recording(paths):
        threads.append(threading.current_thread())
        return (yield from steps(paths))

    monkeypatch.setattr(D, "load_mnist_steps", recording)
    assert tab.load_mnist([str(p) for p in FASHION.values()])
    assert threads and threads[0] is not threading.main_thread()
    assert tab.data.mnist.x_train.shape == (60000, 784)
    assert tab.model.get("dataset") == "mnist"


def test_a_memory_error_reading_mnist_is_a_message_and_keeps_the_data(qtbot, tab, monkeypatch):
    before = tab.model.get("dataset")

    def no_memory(paths):
        yield ReadProgress(0, 1)
        raise MemoryError()

    monkeypatch.setattr(D, "load_mnist_steps", no_memory)
    assert not tab.load_mnist(["/nowhere/a.npz"])
    assert "not enough memory" in tab.status_error.lower()
    assert tab.model.get("dataset") == before


def test_a_cancelled_project_open_keeps_the_current_work(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "p.zkl.json"
    project.save(path, project.new_document({}))
    window.show_tab("gates")
    before = json.dumps(window.project.collect_tabs(), default=str, sort_keys=True)

    real = project.load_steps

    def slow_load(p):
        for i in range(100):
            time.sleep(0.05)
            yield ReadProgress(i, 100)
        return (yield from real(p))

    monkeypatch.setattr(project, "load_steps", slow_load)
    QTimer.singleShot(
        file_reading.SHOW_AFTER_MS + 200,
        press_cancel,
    )
    assert not window.project.open_path(path, ask=False)
    assert "cancelled" in window.statusBar().currentMessage().lower()
    assert json.dumps(window.project.collect_tabs(), default=str, sort_keys=True) == before
    assert window.project.path != path
