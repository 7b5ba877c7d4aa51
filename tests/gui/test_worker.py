"""The one worker pattern: records arrive in order, pause/step/resume are exact, stop joins."""

import time

import numpy as np
import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from gui.worker import RedrawThrottle, WorkerController


def counting(n, delay=0.0):
    def factory():
        for i in range(n):
            if delay:
                time.sleep(delay)
            yield i

    return factory


def random_walk(seed, n):
    def factory():
        rng = np.random.default_rng(seed)
        x = 0.0
        for _ in range(n):
            x += rng.standard_normal()
            yield x

    return factory


class Collector(QObject):
    def __init__(self, controller):
        super().__init__()
        self.items = []
        self.batches = 0
        self.finished = []
        self.errors = []
        controller.records.connect(self.on_records)
        controller.finished.connect(self.on_finished)
        controller.failed.connect(self.on_failed)

    def on_records(self, batch):
        self.batches += 1
        self.items.extend(batch)

    def on_finished(self, completed):
        self.finished.append(completed)

    def on_failed(self, message):
        self.errors.append(message)


def test_all_records_arrive_in_batches(qtbot):
    c = WorkerController()
    got = Collector(c)
    with qtbot.waitSignal(c.finished, timeout=10000):
        c.start(counting(100000))
    assert got.items == list(range(100000))
    assert got.finished == [True]
    assert got.batches < 2000  # coalesced, not one signal per record
    assert c.state == "idle" and not c.is_active()


def test_pause_step_resume_same_numbers(qtbot):
    reference = list(random_walk(7, 500)())
    c = WorkerController()
    got = Collector(c)
    c.start(random_walk(7, 500), paused=True)
    assert c.state == "paused"
    for _ in range(5):
        c.step()
        qtbot.waitUntil(lambda: len(got.items) >= 1, timeout=5000)
    qtbot.waitUntil(lambda: len(got.items) == 5, timeout=5000)
    qtbot.wait(50)
    assert len(got.items) == 5  # paused: nothing more
    c.step(10)
    qtbot.waitUntil(lambda: len(got.items) == 15, timeout=5000)
    with qtbot.waitSignal(c.finished, timeout=10000):
        c.resume()
    assert got.items == reference


def test_stop_mid_run_joins(qtbot):
    c = WorkerController()
    got = Collector(c)
    c.start(counting(10**9, delay=0.0005))
    qtbot.waitUntil(lambda: len(got.items) > 10, timeout=5000)
    assert c.stop(2000)
    assert not c.is_active() and c.state == "idle"
    assert got.finished == [False]
    n = len(got.items)
    qtbot.wait(100)
    assert len(got.items) == n


def test_failure_is_reported_not_raised(qtbot):
    def broken():
        yield 1
        raise FloatingPointError("overflow at step 2")

    c = WorkerController()
    got = Collector(c)
    with qtbot.waitSignal(c.finished, timeout=5000):
        c.start(broken)
    assert got.items == [1]
    assert got.errors and "overflow at step 2" in got.errors[0]
    assert got.finished == [False]


@pytest.mark.parametrize("cycles", [50])
def test_rapid_start_stop(qtbot, cycles):
    c = WorkerController()
    for _ in range(cycles):
        c.start(counting(10**9))
        c.pause()
        c.step()
        c.resume()
        assert c.stop(2000)
    assert not c.is_active()


def test_redraw_throttle_coalesces(qtbot):
    calls = []
    throttle = RedrawThrottle(lambda: calls.append(time.monotonic()), fps=30)
    for _ in range(1000):
        throttle.request()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=10000)
    qtbot.wait(100)
    assert len(calls) == 1
    throttle.request()
    throttle.flush()
    assert len(calls) == 2


def test_pack_runs_in_the_worker_thread(qtbot):
    import threading

    seen_threads = []

    def pack(batch):
        seen_threads.append(threading.current_thread() is threading.main_thread())
        return np.asarray(batch)

    c = WorkerController()
    got = Collector(c)
    with qtbot.waitSignal(c.finished, timeout=10000):
        c.start(counting(5000), pack=pack)
    assert seen_threads and not any(seen_threads)
    # the Collector extends its list with what arrives: here, the packed arrays' items
    assert [int(x) for x in got.items] == list(range(5000))


def _endless(pulled: list):
    """A generator factory of 0, 1, 2, … that notes each record as the worker pulls it."""

    def factory():
        for i in range(10**9):
            pulled.append(i)
            yield i

    return factory


class _Stopper(QWidget):
    """Stops ``controller`` when qtbot closes it at the end of a test, failed or not."""

    def __init__(self, controller):
        super().__init__()
        self.controller = controller

    def closeEvent(self, event):  # noqa: N802 - Qt override
        self.controller.stop()
        super().closeEvent(event)


def test_hold_stops_the_worker_until_the_window_has_painted(qtbot, monkeypatch):
    """``hold`` keeps a running worker between two records until the next paint is over;
    the records are those of an uninterrupted run. With a hold that would last a minute,
    only the paint can end it within the 30 s the test waits, so no clock is needed."""
    from PySide6.QtWidgets import QApplication, QWidget

    from gui import worker as W

    monkeypatch.setattr(W, "MAX_HOLD", 60.0)  # only a paint can end this hold in time
    pulled = []
    factory = _endless(pulled)
    c = WorkerController()
    got = Collector(c)
    c.start(factory)
    qtbot.waitUntil(lambda: len(pulled) > 1000, timeout=30000)
    qtbot.addWidget(_Stopper(c))
    widget = QWidget()
    qtbot.addWidget(widget)
    c.hold(widget)  # hidden: nothing would paint, so nothing is held
    before = len(pulled)
    qtbot.waitUntil(lambda: len(pulled) > before + 1000, timeout=30000)
    widget.show()
    qtbot.waitExposed(widget)
    for _ in range(3):
        QApplication.processEvents()  # the paints of showing it are over
    c.hold(widget)
    at_hold = len(pulled)
    time.sleep(0.3)  # longer on a loaded machine only gives a broken hold more time to leak
    frozen = len(pulled)
    assert frozen <= at_hold + 1  # at most the record being pulled when the hold came
    time.sleep(0.3)  # no paint yet: still held
    assert len(pulled) == frozen
    widget.update()
    qtbot.waitUntil(lambda: len(pulled) > frozen + 1000, timeout=30000)
    c.stop()
    assert got.items == list(range(len(got.items)))


def test_a_hold_ends_by_itself_when_nothing_paints(qtbot):
    from PySide6.QtWidgets import QApplication, QWidget

    pulled = []
    factory = _endless(pulled)
    c = WorkerController()
    c.start(factory)
    qtbot.waitUntil(lambda: len(pulled) > 100, timeout=5000)
    qtbot.addWidget(_Stopper(c))
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    for _ in range(3):
        QApplication.processEvents()  # the paints of showing it are over
    c.hold(widget)
    time.sleep(0.01)
    frozen = len(pulled)
    qtbot.waitUntil(lambda: len(pulled) > frozen + 100, timeout=30000)  # MAX_HOLD, 0.05 s
    c.hold(widget)
    c.stop()  # a stop ends a hold at once
    assert not c.is_active()
