"""The Training tab's ch. 6 settings: BN per hidden layer, dropout per hidden layer, λ,
and live per-layer histograms (at most 5 redraws a second)."""

import time

import numpy as np
from PySide6.QtCore import Qt

from engine.regnet import RegularizedNet
from gui.tabs.training_hist import HISTOGRAM_FPS


def _type(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_bn_dropout_and_decay_reach_the_run_and_histograms_draw_live(window, qtbot):
    tab = window.show_tab("training")
    _type(qtbot, tab.setting_widget("hidden"), "20, 20")
    _type(qtbot, tab.setting_widget("batchnorm_layers"), "2, 5")
    _type(qtbot, tab.setting_widget("dropout_percent"), "10")
    _type(qtbot, tab.setting_widget("weight_decay"), "0.001")
    _type(qtbot, tab.setting_widget("length"), "300")
    tab.setting_widget("layer_histograms").setChecked(True)
    config = tab.model.run_config(100)
    assert config.batchnorm == [False, True]  # layer 5 does not exist: ignored
    assert config.dropout == [0.1] and config.weight_decay == 0.001
    assert config.histogram_every > 0
    assert tab.ui.histogram_view.isVisible()
    start = time.monotonic()
    assert tab.start()
    assert isinstance(tab.net, RegularizedNet)
    assert tab.net.batchnorm == [False, True] and tab.net.dropout == [0.1, 0.0]
    qtbot.waitUntil(lambda: not tab.controller.is_active(), timeout=120_000)
    elapsed = time.monotonic() - start
    view = tab.ui.histogram_view
    assert view.last is not None
    assert len(view.last.activations) == 2 and len(view.last.gradients) == 3
    assert view.redraws >= 1
    assert view.redraws <= elapsed * HISTOGRAM_FPS + 2  # at most 5 redraws a second
    counts, _ = view.last.activations[0]
    assert int(np.sum(counts)) == 20 * min(tab.config.batch_size, 1_000_000)
    assert tab.log.n == tab.config.iterations


def test_a_bad_dropout_is_refused(window, qtbot):
    tab = window.show_tab("training")
    _type(qtbot, tab.setting_widget("dropout_percent"), "120")
    assert tab.model["dropout_percent"] == []
    _type(qtbot, tab.setting_widget("weight_decay"), "-1")
    assert tab.model["weight_decay"] == 0.0
