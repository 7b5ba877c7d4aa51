"""The Training tab's ch. 6 settings: BN per hidden layer, dropout per hidden layer, λ,
and live per-layer histograms (at most 5 redraws a second) — set through the widgets,
checked against what the trained net really does."""

import re
import subprocess
import sys
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt

from engine import training as T
from engine.regnet import RegularizedNet
from gui.tabs.training_hist import HISTOGRAM_FPS


def _type(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _choose(combo, key):
    combo.setCurrentIndex(combo.findData(key))


def _run(qtbot, tab, timeout=120_000):
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.controller.is_active(), timeout=timeout)
    assert tab.log.n == tab.config.iterations, tab.ui.status_label.text()


def _norm(net):
    return sum(float(np.sum(w * w)) for w in net.weights)


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
    assert "gamma1" in tab.net.params and "gamma2" not in tab.net.params  # one BN layer
    qtbot.waitUntil(lambda: not tab.controller.is_active(), timeout=120_000)
    elapsed = time.monotonic() - start
    view = tab.ui.histogram_view
    qtbot.waitUntil(lambda: view.last is not None, timeout=2000)
    assert len(view.last.activations) == 2 and len(view.last.gradients) == 3
    assert view.redraws >= 1
    assert view.redraws <= elapsed * HISTOGRAM_FPS + 2  # at most 5 redraws a second
    counts, _ = view.last.activations[0]
    assert int(np.sum(counts)) == 20 * tab.config.batch_size
    # the BN layer of hidden layer 2 has its own plot, between activations and gradients
    assert view.titles() == ["z1", "z2", "BN2", "∂L/∂W1", "∂L/∂W2", "∂L/∂W3"]
    assert view.row_names() == ["activations", "BN output γx̂+β", "weight gradients"]
    assert [layer for layer, _ in view.last.batchnorm] == [2]
    assert tab.log.n == tab.config.iterations


def test_without_bn_the_histograms_have_no_bn_row(window, qtbot):
    tab = window.show_tab("training")
    _type(qtbot, tab.setting_widget("length"), "30")
    tab.setting_widget("layer_histograms").setChecked(True)
    _run(qtbot, tab)
    view = tab.ui.histogram_view
    qtbot.waitUntil(lambda: view.last is not None, timeout=2000)
    assert not isinstance(tab.net, RegularizedNet)  # nothing on: the fused net
    assert view.titles() == ["z1", "∂L/∂W1", "∂L/∂W2"]
    assert view.row_names() == ["activations", "weight gradients"]


def test_weight_decay_shrinks_the_trained_weights(window, qtbot):
    tab = window.show_tab("training")
    _choose(tab.setting_widget("dataset"), "spirals")
    _type(qtbot, tab.setting_widget("hidden"), "30, 30")
    _type(qtbot, tab.setting_widget("length"), "400")
    _run(qtbot, tab)
    plain = _norm(tab.net)
    plain_first = tab.log.losses[0]
    start_norm = _norm(T.build_network(T.TrainConfig(**{**tab.config.as_dict()}), 2, 3))
    _type(qtbot, tab.setting_widget("weight_decay"), "0.05")
    _run(qtbot, tab)
    assert isinstance(tab.net, RegularizedNet) and tab.net.weight_decay == 0.05
    assert _norm(tab.net) < 0.8 * plain
    # the same starting weights: the first loss is larger by exactly ½λΣW²
    assert tab.log.losses[0] == pytest.approx(plain_first + 0.5 * 0.05 * start_norm, rel=1e-9)


def test_dropout_trains_with_random_masks_and_predicts_scaled(window, qtbot):
    tab = window.show_tab("training")
    _type(qtbot, tab.setting_widget("hidden"), "16, 12")
    _type(qtbot, tab.setting_widget("dropout_percent"), "50, 25")
    _type(qtbot, tab.setting_widget("length"), "200")
    _run(qtbot, tab)
    net = tab.net
    assert net.dropout == [0.5, 0.25]
    x = tab.run_data.x_test.astype(np.float64)
    # test time, by hand: every unit passes, × (1 − ratio) (the book's form, §6.4.3)
    w, b = net.weights, net.biases
    z1 = np.maximum(x @ w[0] + b[0], 0) * 0.5
    z2 = np.maximum(z1 @ w[1] + b[1], 0) * 0.75
    np.testing.assert_allclose(net.predict(x), z2 @ w[2] + b[2], rtol=1e-12)
    # while training, a fresh mask each pass: two passes differ, a share ratio is erased
    a, b_ = net.predict(x, train=True), net.predict(x, train=True)
    assert not np.allclose(a, b_)
    erased = [1 - np.mean(net.layers[f"Dropout{i}"].mask) for i in (1, 2)]
    assert erased == pytest.approx([0.5, 0.25], abs=0.05)
    assert tab.log.epochs and tab.log.epochs[-1][2] > 0.5  # it still learns


def test_the_gradient_check_of_the_configured_net_passes(window, qtbot):
    tab = window.show_tab("training")
    _type(qtbot, tab.setting_widget("hidden"), "6, 5")
    _type(qtbot, tab.setting_widget("batchnorm_layers"), "1, 2")
    _type(qtbot, tab.setting_widget("dropout_percent"), "30, 30")
    _type(qtbot, tab.setting_widget("weight_decay"), "0.1")
    qtbot.mouseClick(tab.ui.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.check_controller.is_active(), timeout=30_000)
    rows = tab.ui.check_model.rows()
    keys = [r[0] for r in rows]
    assert keys == ["W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3"]
    assert max(r[3] for r in rows) < 1e-6, rows  # the largest |numerical − backprop|


def test_the_exported_script_trains_the_same_net(window, qtbot, tmp_path):
    tab = window.show_tab("training")
    tab.set_state(
        {
            "dataset": "moons",
            "hidden": [10, 8],
            "batchnorm_layers": [1],
            "dropout_percent": [20, 10],
            "weight_decay": 0.01,
            "optimizer": "Adam",
            "lr": 0.01,
            "length": 80,
        }
    )
    script = tab.export_code()
    assert "BatchNormalization" in script and "Dropout" in script
    assert "import engine" not in script and "from engine" not in script
    path = tmp_path / "train_ch6.py"
    path.write_text(script, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    values = dict(re.findall(r"^(\w+) = (\S+)$", out.stdout, re.M))
    config = tab.make_config()
    assert config.regularized
    records = list(T.train(config, tab.current_data()))
    assert float(values["final_loss"]) == pytest.approx(records[-1].loss, rel=1e-9)
    assert float(values["test_accuracy"]) == records[-1].epoch.test_accuracy
    # and without the techniques the script is not the same net
    tab.set_state({"batchnorm_layers": [], "dropout_percent": [], "weight_decay": 0.0})
    assert "BatchNormalization" not in tab.export_code()


def test_the_numerical_gradient_of_a_big_layered_net_is_refused(window, qtbot):
    tab = window.show_tab("training")
    _choose(tab.setting_widget("dataset"), "digits")
    # 64-1000-1000-10: ~100 s per iteration here, so refused on a machine 100× faster too
    # (200, 200 was ~4 s here and under 1 s on Debian 13's Python 3.13: a run started)
    _type(qtbot, tab.setting_widget("hidden"), "1000, 1000")
    _type(qtbot, tab.setting_widget("weight_decay"), "0.01")
    _choose(tab.setting_widget("gradient"), "numerical")
    assert tab.model["hidden"] == [1000, 1000]
    assert not tab.start()
    assert "numerical gradient would take" in tab.status_error
    assert not tab.controller.is_active()


def test_a_bad_dropout_is_refused(window, qtbot):
    tab = window.show_tab("training")
    _type(qtbot, tab.setting_widget("dropout_percent"), "120")
    assert tab.model["dropout_percent"] == []
    _type(qtbot, tab.setting_widget("weight_decay"), "-1")
    assert tab.model["weight_decay"] == 0.0


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_control_is_clipped_at_1280x800(window, qtbot, lang):
    """Every field of the controls column lies inside its visible width (the Japanese
    labels used to push the fields' right edges out of the column)."""
    window.set_language(lang)
    window.resize(1280, 800)
    window.show()
    tab = window.show_tab("training")
    tab.setting_widget("layer_histograms").setChecked(True)
    qtbot.wait(50)
    viewport = tab.ui.controls_scroll.viewport()
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    fields = [
        w
        for kind in (QLineEdit, QComboBox, QAbstractButton)
        for w in tab.ui.controls_panel.findChildren(kind)
        if w.isVisible() and w.parent() is not None and not isinstance(w.parent(), QComboBox)
    ]
    assert len(fields) > 20
    for w in fields:
        right = w.mapTo(viewport, w.rect().topRight()).x()
        assert right < viewport.width(), (w.objectName(), right, viewport.width())


def test_a_bn_dropout_net_sent_to_the_network_tab_predicts_the_same(window, qtbot):
    net_tab = window.tab("network")
    tab = window.show_tab("training")
    _type(qtbot, tab.setting_widget("hidden"), "8, 6")
    _type(qtbot, tab.setting_widget("batchnorm_layers"), "1")
    _type(qtbot, tab.setting_widget("dropout_percent"), "20, 20")
    _type(qtbot, tab.setting_widget("length"), "150")
    _run(qtbot, tab)
    trained = tab.net
    qtbot.mouseClick(tab.ui.send_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is net_tab
    shown = net_tab.current_network()
    assert shown.sizes == [2, 8, 6, 3]
    x = tab.run_data.x_test.astype(np.float64)
    scores = trained.predict(x)  # test mode: BN's running statistics, × (1 − ratio)
    probabilities = np.exp(scores - scores.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(shown.predict(x), probabilities, rtol=1e-9, atol=1e-12)
