"""Issue 14 item 1 (worker side): a running QThread is never dropped.

A worker inside a long step that ``stop`` cannot join in time is kept (state
"stopping") and ends at its next yield point; ``start`` meanwhile waits for it instead of
overwriting it; a generator's ``None`` yield points let a run stop mid-record and are
never delivered nor counted as a step."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject

from gui.worker import WorkerController


class Collector(QObject):
    def __init__(self, controller):
        super().__init__()
        self.items = []
        self.finished = []
        self.states = []
        controller.records.connect(self.on_records)
        controller.finished.connect(self.on_finished)
        controller.state_changed.connect(self.on_state)

    def on_records(self, batch):
        self.items.extend(batch)

    def on_finished(self, completed):
        self.finished.append(completed)

    def on_state(self, state):
        self.states.append(state)


class Concurrency:
    """Counts how many of its generators run at the same time."""

    def __init__(self):
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0

    def long_step(self, seconds, tag):
        """A generator whose first record takes ``seconds`` with no yield point (an
        uninterruptible step, like one matmul), then yields records forever."""

        def factory():
            with self.lock:
                self.now += 1
                self.most = max(self.most, self.now)
            try:
                time.sleep(seconds)
                i = 0
                while True:
                    yield (tag, i)
                    i += 1
                    time.sleep(0.001)
            finally:
                with self.lock:
                    self.now -= 1

        return factory


def test_stop_during_a_long_step_keeps_the_thread_and_finishes_later(qtbot):
    c = WorkerController()
    got = Collector(c)
    runs = Concurrency()
    c.start(runs.long_step(1.0, "a"))
    qtbot.waitUntil(lambda: runs.now == 1, timeout=5000)
    began = time.monotonic()
    assert c.stop(timeout_ms=100) is False
    assert time.monotonic() - began < 0.5  # the GUI thread is not blocked for 5 s
    assert c.state == "stopping" and c.is_stopping() and c.is_active()
    assert got.finished == []
    with qtbot.waitSignal(c.finished, timeout=10000) as done:
        pass
    assert done.args == [False]
    assert c.state == "idle" and not c.is_active()
    assert got.states[-2:] == ["stopping", "idle"]


def test_start_over_a_stopping_run_waits_for_it(qtbot):
    """The old ``start`` stopped (5 s at most), ignored the failure and overwrote the
    running thread: two runs at once, and a dropped QThread."""
    c = WorkerController()
    got = Collector(c)
    runs = Concurrency()
    c.start(runs.long_step(1.5, "a"))
    qtbot.waitUntil(lambda: runs.now == 1, timeout=5000)
    c.stop(timeout_ms=50)
    started_now = c.start(runs.long_step(0.0, "b"))
    assert started_now is False and c.state == "stopping"
    qtbot.waitUntil(lambda: any(tag == "b" for tag, _ in got.items), timeout=15000)
    assert runs.most == 1, "two runs were going at the same time"
    assert not any(tag == "a" for tag, _ in got.items)  # the stopped run delivered nothing
    assert c.state == "running"
    assert c.stop(timeout_ms=5000)
    assert c.state == "idle"


def _with_yield_points(n_records, points_per_record, pause):
    def factory():
        for i in range(n_records):
            for _ in range(points_per_record):
                time.sleep(pause)
                yield None
            yield i

    return factory


def test_yield_points_let_a_long_record_stop(qtbot):
    """Each record takes 3 s, in 300 steps of 10 ms with a yield point after each."""
    c = WorkerController()
    got = Collector(c)
    c.start(_with_yield_points(5, 300, 0.01))
    qtbot.wait(300)
    began = time.monotonic()
    assert c.stop(timeout_ms=3000)
    assert time.monotonic() - began < 1.0
    assert got.items == []  # no record finished, and None is never delivered
    assert c.state == "idle"


def test_yield_points_are_not_steps(qtbot):
    c = WorkerController()
    got = Collector(c)
    c.start(_with_yield_points(4, 5, 0.0), paused=True)
    c.step(1)
    qtbot.waitUntil(lambda: len(got.items) == 1, timeout=5000)
    qtbot.wait(100)
    assert got.items == [0]
    c.step(2)
    qtbot.waitUntil(lambda: len(got.items) == 3, timeout=5000)
    assert got.items == [0, 1, 2]
    with qtbot.waitSignal(c.finished, timeout=5000):
        c.resume()
    assert got.items == [0, 1, 2, 3]
