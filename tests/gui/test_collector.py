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
    collector = GuiThreadCollector.install(qapp)
    assert collector._timer.isActive()  # its tick calls collect() in the GUI thread
    collector.collect()
    assert len(Cycle.freed_threads) == 5000
    assert set(Cycle.freed_threads) == {threading.main_thread().name}


def test_collector_survives_a_quit_of_a_reused_application(qapp, qtbot):
    collector = GuiThreadCollector.install(qapp)
    qapp.aboutToQuit.emit()  # what app.quit() in an in-process main() run does
    assert not gc.isenabled() and collector._timer.isActive()
    collector._timer.stop()
    gc.enable()  # something else switched it back on
    assert GuiThreadCollector.install(qapp) is collector
    assert not gc.isenabled() and collector._timer.isActive()
