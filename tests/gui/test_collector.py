"""Cyclic garbage is collected in the GUI thread only (never in a worker)."""

import gc
import threading

from PySide6.QtCore import QCoreApplication

from gui.collector import GuiThreadCollector


class Cycle:
    def __init__(self):
        self.me = self

    def __del__(self):
        Cycle.freed_threads.append(threading.current_thread().name)


Cycle.freed_threads = []


def test_collector_installed_once_and_gc_disabled(qapp):
    collector = GuiThreadCollector.install(qapp)
    assert GuiThreadCollector.install(qapp) is collector
    assert QCoreApplication.instance().findChildren(GuiThreadCollector) == [collector]
    assert not gc.isenabled()


def test_cycles_made_in_a_worker_die_in_the_gui_thread(qapp, qtbot):
    GuiThreadCollector.install(qapp)
    Cycle.freed_threads.clear()

    def make_garbage():
        for _ in range(5000):
            Cycle()

    worker = threading.Thread(target=make_garbage, name="worker")
    worker.start()
    worker.join()
    assert Cycle.freed_threads == []  # nothing collected in the worker
    qtbot.waitUntil(lambda: len(Cycle.freed_threads) == 5000, timeout=5000)
    assert set(Cycle.freed_threads) == {threading.main_thread().name}
