"""The timer's autosave packs and writes in a worker thread (issue 14): the window only
snapshots the tabs; what is written is the state at the snapshot, edits after it are
written by the next autosave, and closing writes last."""

from __future__ import annotations

import threading

import numpy as np

from engine import project
from engine.network import Network, init_weights
from gui.project import autosave_path


def _big_net() -> Network:
    sizes = [784, 300, 300, 10]
    weights, biases = init_weights(sizes, "he", 0.01, 0)
    return Network(sizes, ["relu", "relu", "softmax"], weights, biases)


def test_the_timers_autosave_writes_in_a_worker_a_snapshot(window, qtbot, monkeypatch):
    controller = window.project
    controller.enable_session(restore=False)
    tab = window.show_tab("network")
    tab.show_network(_big_net(), "big")
    threads = []
    write = project.save

    def recording(path, doc):
        threads.append(threading.current_thread())
        write(path, doc)

    monkeypatch.setattr(project, "save", recording)
    tab.doc.set_weight(0, 0, 0, 0.25)
    assert controller.autosave_in_background()
    tab.doc.set_weight(0, 0, 0, 0.75)  # after the snapshot: not in this autosave
    worker = controller._save_worker()
    qtbot.waitUntil(lambda: not worker.is_active(), timeout=30_000)
    assert threads and threads[0] is not threading.main_thread()
    saved = project.load(autosave_path())["tabs"]["network"]
    first = np.asarray(saved["weights"][0])
    assert first.shape == (784, 300) and first[0, 0] == 0.25
    np.testing.assert_array_equal(first[1:], tab.doc.network.weights[0][1:])
    # the edit after the snapshot moved a revision: the next autosave writes it
    assert controller.autosave_in_background()
    qtbot.waitUntil(lambda: not worker.is_active(), timeout=30_000)
    saved = project.load(autosave_path())["tabs"]["network"]
    assert np.asarray(saved["weights"][0])[0, 0] == 0.75
    assert not controller.autosave_in_background()  # nothing changed since: skipped


def test_a_failing_background_autosave_says_so(window, qtbot, monkeypatch):
    controller = window.project
    controller.enable_session(restore=False)
    window.show_tab("gates")
    window.tab("gates").model.set("w1", 2.0)

    def failing(path, doc):
        raise project.ProjectError("write_failed", "disk full")

    monkeypatch.setattr(project, "save", failing)
    assert controller.autosave_in_background()
    qtbot.waitUntil(lambda: not controller._save_worker().is_active(), timeout=30_000)
    qtbot.waitUntil(lambda: "Autosave failed" in controller.last_message, timeout=5_000)
    assert "disk full" in controller.last_message
    assert controller._autosaved_revisions is None  # tried again next time
