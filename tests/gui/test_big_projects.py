"""Issue 14 item 3 with the real window: the biggest networks the app builds save,
autosave and reopen; a project too large to reopen is refused at save time, saying why."""

from __future__ import annotations

import numpy as np
import pytest

from engine import project
from engine.network import Network, init_weights
from gui.main_window import MainWindow
from gui.project import autosave_path

BIG_NETS = ([784, 1000, 1000, 10], [784, 1000, 1000, 1000, 1000, 1000, 10])


def _net(sizes):
    weights, biases = init_weights(sizes, "he", 0.01, 1)
    return Network(sizes, ["relu"] * (len(sizes) - 2) + ["softmax"], weights, biases)


def _window(qtbot):
    win = MainWindow()
    win.project.confirm_unsaved = False
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _same_network(tab, net):
    got = tab.doc.network
    assert got.sizes == net.sizes
    for a, b in zip(got.weights + got.biases, net.weights + net.biases, strict=True):
        assert np.array_equal(a, b)


@pytest.mark.slow
@pytest.mark.parametrize("sizes", BIG_NETS, ids=lambda s: "-".join(map(str, s)))
def test_biggest_networks_save_autosave_and_reopen(qtbot, tmp_path, sizes):
    net = _net(sizes)
    first = _window(qtbot)
    first.project.enable_session(restore=False)
    first.tab("network").show_network(net, "big")
    path = tmp_path / "big.zkl.json"
    assert first.project.save_to(path), first.project.last_message
    first.tab("network").doc.set_weight(0, 0, 0, 0.75)  # unsaved: the autosave differs
    first.close()
    assert autosave_path().is_file()
    assert not autosave_path().with_name(autosave_path().name + ".corrupt").exists()

    second = _window(qtbot)
    second.project.enable_session()  # restores the autosave
    assert "Restored" in second.project.last_message, second.project.last_message
    assert second.tab("network").doc.network.weights[0][0, 0] == 0.75
    assert second.isWindowModified()
    assert second.project.open_path(path, ask=False), second.project.last_message
    _same_network(second.tab("network"), net)
    second.close()


def test_too_large_project_refused_at_save_with_the_reason(qtbot, tmp_path, monkeypatch):
    win = _window(qtbot)
    win.tab("network").show_network(_net([784, 100, 10]), "wide")
    monkeypatch.setattr(project, "MAX_BYTES", 300_000)
    path = tmp_path / "wide.zkl.json"
    assert not win.project.save_to(path)
    assert not path.exists()
    message = win.project.last_message
    assert "too large" in message and "MB" in message, message
    win.close()
