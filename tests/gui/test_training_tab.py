"""The Training tab, driven through its widgets: run, live plots, pause/step/resume,
stop, gradient check, MNIST files good and bad, divergence, send weights, export."""

from __future__ import annotations

import gzip
import re
import struct
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer

from engine import datasets as D
from engine import training as T
from engine.network import Network
from gui import registry


@pytest.fixture
def tab(window):
    tab = window.show_tab("training")
    return tab


def set_field(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def choose(combo, key):
    combo.setCurrentIndex(combo.findData(key))


def wait_idle(qtbot, tab, timeout=60000):
    qtbot.waitUntil(lambda: not tab.controller.is_active(), timeout=timeout)


def settled(qtbot, tab, quiet_ms=200, tries=25):
    """The iteration count once it has stopped growing for ``quiet_ms`` (a paused run's
    last records may still be queued, later on a loaded machine); fails if it never stops."""
    n = tab.log.n
    for _ in range(tries):
        qtbot.wait(quiet_ms)
        if tab.log.n == n:
            return n
        n = tab.log.n
    raise AssertionError(f"still receiving records after {tries * quiet_ms} ms: not paused")


def loss_points(tab):
    """How many loss values the curve holds (its data, before view clipping/downsampling)."""
    x = tab.ui.loss_curve.xData
    return 0 if x is None else len(x)


def test_blobs_reach_95_percent_through_the_ui(qtbot, tab):
    choose(tab.setting_widget("dataset"), "blobs")
    assert tab.ui.view_stack.currentWidget() is tab.ui.region_plot
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    assert tab.controller.is_active() or tab.log.n > 0
    wait_idle(qtbot, tab)
    assert tab.log.n == 1000 and loss_points(tab) == 1000
    acc = re.search(r"test (\d+\.\d) %", tab.ui.status_label.text())
    assert acc and float(acc.group(1)) >= 95.0, tab.ui.status_label.text()
    assert tab.log.epochs[-1][2] >= 0.95
    assert "Finished" in tab.ui.status_label.text()
    assert tab.ui.progress.value() == 1000
    # the decision-region map was drawn with all three classes
    image = tab.ui.region_image.image
    assert image is not None and set(np.unique(image)) == {0, 1, 2}
    train_x, _ = tab.ui.train_curve.getData()
    assert len(train_x) == len(tab.log.epochs) > 5


def test_loss_curve_grows_while_the_gui_stays_responsive(qtbot, tab):
    """While a long run goes on, a 10 ms timer of the GUI thread keeps firing and sees the
    loss curve at many different lengths: the GUI handles its own events between the
    redraws. Counted in timer events and curve lengths, not in milliseconds (a loaded
    machine makes every tick late; a GUI blocked by the run would not tick at all, and a
    curve drawn only at the end would be seen at one length)."""
    set_field(qtbot, tab.setting_widget("length"), "200000")
    sizes: list[int] = []
    received: list[int] = []
    running: list[bool] = []
    timer = QTimer()
    timer.setInterval(10)

    def tick():
        sizes.append(loss_points(tab))
        received.append(tab.log.n)
        running.append(tab.controller.is_active())

    timer.timeout.connect(tick)
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    timer.start()
    # 60 s only guards against a hang: 60 ticks take ~1 s on a quiet machine
    qtbot.waitUntil(lambda: len(set(sizes)) >= 6 and len(sizes) >= 60, timeout=60000)
    timer.stop()
    assert all(running), "the timer ticked after the run had ended: not during it"
    assert tab.controller.is_active() and tab.log.n < 200000  # still going: a long run
    qtbot.mouseClick(tab.ui.stop_button, Qt.MouseButton.LeftButton)
    assert not tab.controller.is_active()
    grown = [b for a, b in zip(sizes, sizes[1:], strict=False) if b > a]
    assert len(grown) >= 5
    assert sizes == sorted(sizes) and received == sorted(received)
    # records arrived in many separate deliveries between ticks, not in one lump
    assert sum(b > a for a, b in zip(received, received[1:], strict=False)) >= 5
    assert "Stopped at iteration" in tab.ui.status_label.text()


def test_pause_step_resume_gives_the_same_numbers(qtbot, tab):
    set_field(qtbot, tab.setting_widget("length"), "300")
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    reference = tab.log.losses[: tab.log.n].copy()
    reference_epochs = list(tab.log.epochs)
    assert len(reference) == 300

    qtbot.mouseClick(tab.ui.reset_button, Qt.MouseButton.LeftButton)
    assert tab.log.n == 0 and loss_points(tab) == 0
    for k in range(1, 6):  # single steps from idle: one mini-batch each
        qtbot.mouseClick(tab.ui.step_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda k=k: tab.log.n == k, timeout=10000)
    assert tab.controller.state == "paused"
    assert tab.ui.pause_button.text() == "Resume"
    assert tab.setting_widget("lr").isEnabled() and not tab.setting_widget("hidden").isEnabled()
    qtbot.mouseClick(tab.ui.pause_button, Qt.MouseButton.LeftButton)  # resume
    qtbot.waitUntil(lambda: tab.log.n >= 5, timeout=10000)
    qtbot.mouseClick(tab.ui.pause_button, Qt.MouseButton.LeftButton)  # pause again mid-run
    qtbot.mouseClick(tab.ui.step_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)  # Run = resume when paused
    wait_idle(qtbot, tab)
    np.testing.assert_array_equal(tab.log.losses[: tab.log.n], reference)
    assert tab.log.epochs == reference_epochs


def test_lr_edited_while_paused_is_used(qtbot, tab):
    set_field(qtbot, tab.setting_widget("length"), "40")
    qtbot.mouseClick(tab.ui.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.log.n == 1)
    assert not tab.setting_widget("gradient").isEnabled()
    set_field(qtbot, tab.setting_widget("lr"), "0.5")
    set_field(qtbot, tab.setting_widget("batch_size"), "8")
    set_field(qtbot, tab.setting_widget("length"), "20")
    assert (tab.config.lr, tab.config.batch_size, tab.config.iterations) == (0.5, 8, 20)
    assert "of 20" in tab.ui.status_label.text()
    qtbot.mouseClick(tab.ui.pause_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    assert tab.log.n == 20
    # the engine with the same change made after iteration 1 gives the same losses
    config = T.TrainConfig(iterations=20)
    gen = T.train(config, tab.current_data())
    expected = [next(gen).loss]
    config.lr, config.batch_size = 0.5, 8
    expected += [r.loss for r in gen]
    np.testing.assert_array_equal(tab.log.losses[:20], expected)
    assert tab.learned_network() is not None


def test_keyboard_shortcuts(qtbot, tab):
    set_field(qtbot, tab.setting_widget("length"), "500000")
    tab.ui.loss_plot.setFocus()
    qtbot.keyClick(tab.ui.loss_plot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.controller.state == "running" and tab.log.n > 0)
    qtbot.keyClick(tab.ui.loss_plot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.controller.state == "paused")
    n = settled(qtbot, tab)  # records already on their way arrive, then nothing more
    qtbot.wait(300)
    assert tab.log.n == n
    qtbot.keyClick(tab.ui.loss_plot, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: tab.log.n == n + 1)
    qtbot.keyClick(tab.ui.loss_plot, Qt.Key.Key_Escape)
    assert not tab.controller.is_active()


def test_gradient_check_runs_in_the_worker(qtbot, tab):
    qtbot.mouseClick(tab.ui.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.ui.check_model.rowCount() == 4, timeout=20000)
    qtbot.waitUntil(lambda: not tab.check_controller.is_active())
    rows = tab.ui.check_model.rows()
    assert [r[0] for r in rows] == ["W1", "b1", "W2", "b2"]
    assert all(r[2] < 1e-6 for r in rows)
    index = tab.ui.check_model.index(0, 1)
    assert tab.ui.check_model.data(index) == "2 × 10"
    assert "3 samples" in tab.ui.check_title.text()


def test_gradient_check_model(qtmodeltester, tab):
    tab.ui.check_model.set_rows([("W1", (2, 3), 1e-9, 2e-9), ("b1", (3,), 0.0, 0.0)])
    qtmodeltester.check(tab.ui.check_model)


def idx(array):
    head = bytes([0, 0, 8, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return head + array.tobytes()


def write_idx_set(folder, gz):
    rng = np.random.default_rng(0)
    paths = []
    for name, arr in (
        ("train-images-idx3-ubyte", rng.integers(0, 256, (60, 28, 28), dtype=np.uint8)),
        ("train-labels-idx1-ubyte", np.arange(60, dtype=np.uint8) % 10),
        ("t10k-images-idx3-ubyte", rng.integers(0, 256, (20, 28, 28), dtype=np.uint8)),
        ("t10k-labels-idx1-ubyte", np.arange(20, dtype=np.uint8) % 10),
    ):
        path = folder / (name + (".gz" if gz else ""))
        path.write_bytes(gzip.compress(idx(arr)) if gz else idx(arr))
        paths.append(str(path))
    return paths


def test_small_idx_set_loads_and_trains(qtbot, tab, tmp_path):
    paths = write_idx_set(tmp_path, gz=True)
    assert tab.load_mnist(paths)
    assert tab.setting_widget("dataset").currentData() == "mnist"
    assert "60 training and 20 test samples, 784 features" in tab.ui.data_info.text()
    assert tab.ui.view_stack.currentWidget() is tab.ui.digit_page  # digits + confusion matrix
    set_field(qtbot, tab.setting_widget("length"), "10")
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    assert tab.log.n == 10
    assert tab.ui.digit_grid._predictions is not None and len(tab.ui.digit_grid._predictions) == 20


def test_corrupt_file_is_refused_and_current_data_kept(qtbot, tab, tmp_path):
    choose(tab.setting_widget("dataset"), "moons")
    paths = write_idx_set(tmp_path, gz=False)
    first = tmp_path / "train-images-idx3-ubyte"
    first.write_bytes(first.read_bytes()[:1000])  # truncated images
    assert not tab.load_mnist(paths)
    assert "refused" in tab.ui.status_label.text() and "truncated" in tab.ui.status_label.text()
    assert tab.setting_widget("dataset").currentData() == "moons"
    bad = tmp_path / "mnist.pkl"
    bad.write_bytes(b"\x80\x04not really a pickle")
    assert not tab.load_mnist([str(bad)])
    assert "refused" in tab.ui.status_label.text()
    assert tab.mnist is None
    assert tab.window().statusBar().currentMessage()


def test_divergence_stops_with_a_message_and_the_tab_stays_usable(qtbot, tab):
    set_field(qtbot, tab.setting_widget("lr"), "100000")
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    assert isinstance(tab.log.diverged, T.Diverged)
    text = tab.ui.status_label.text()
    assert f"Diverged at iteration {tab.log.diverged.iteration}" in text
    assert tab.ui.run_button.isEnabled()
    set_field(qtbot, tab.setting_widget("lr"), "0.1")
    set_field(qtbot, tab.setting_widget("length"), "50")
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    assert tab.log.n == 50 and tab.log.diverged is None


def test_bad_hidden_layers_are_refused(qtbot, tab):
    for text in ("10, x", "10²", "1,000", "0"):
        set_field(qtbot, tab.setting_widget("hidden"), text)
        assert tab.setting_widget("hidden").text() == "10" and tab.model["hidden"] == [10]
        message = tab.binder.errors["hidden"]
        assert message.startswith("Hidden layers: ") and "from 1 to 1000" in message
        assert tab.window().statusBar().currentMessage() == message
    set_field(qtbot, tab.setting_widget("hidden"), "16 8")
    assert tab.model["hidden"] == [16, 8] and "hidden" not in tab.binder.errors


def test_numerical_gradient_warns_with_an_eta_and_refuses_huge_nets(qtbot, tab):
    choose(tab.setting_widget("gradient"), "numerical")
    assert tab.ui.eta_warning.isVisible()
    # measured in a worker once the edits pause (issue 14): wait for it
    qtbot.waitUntil(lambda: "per iteration" in tab.ui.eta_warning.text().lower(), timeout=30000)
    set_field(qtbot, tab.setting_widget("length"), "5")
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    assert tab.log.n == 5
    choose(tab.setting_widget("dataset"), "digits")
    set_field(qtbot, tab.setting_widget("hidden"), "1000, 1000, 1000")
    qtbot.waitUntil(lambda: "too slow" in tab.ui.eta_warning.text(), timeout=30000)
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    assert not tab.controller.is_active()
    assert "numerical gradient would take" in tab.ui.status_label.text()


def test_digits_learn_with_the_numerical_gradient_of_chapter_4(qtbot, tab):
    choose(tab.setting_widget("dataset"), "digits")
    assert tab.model["hidden"] == [50]
    # both ways' ETAs are shown next to the choice, with the honest speed ratio
    qtbot.waitUntil(lambda: "backprop" in tab.ui.eta_warning.text(), timeout=30000)
    text = tab.ui.eta_warning.text()
    assert "backprop" in text and "numerical gradient (ch. 4)" in text
    factor = float(re.search(r"([\d,.]+)× slower", text).group(1).replace(",", ""))
    assert factor > 1
    assert "× slower" in tab.setting_widget("gradient").toolTip()
    choose(tab.setting_widget("gradient"), "numerical")
    assert "ch. 4" in tab.setting_widget("gradient").currentText()
    set_field(qtbot, tab.setting_widget("length"), "40")
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    assert tab.log.n == 40 and tab.log.diverged is None
    assert tab.config.gradient == "numerical"
    losses = tab.log.losses[:40]
    assert losses[-10:].mean() < 0.8 * losses[:5].mean()
    assert "Finished" in tab.ui.status_label.text()


def test_send_weights_and_network_source(qtbot, tab):
    assert tab.setting_widget("use_network").isEnabled()  # the window connects the Network tab
    tab.set_network_source(None)
    assert not tab.setting_widget("use_network").isEnabled()
    assert "Not available" in tab.setting_widget("use_network").toolTip()
    source = Network([2, 4, 3], ["tanh", "softmax"], [np.full((2, 4), 0.1), np.eye(4, 3)])
    tab.set_network_source(lambda: source)
    assert tab.setting_widget("use_network").isEnabled()
    tab.setting_widget("use_network").setChecked(True)
    assert not tab.setting_widget("hidden").isEnabled()
    set_field(qtbot, tab.setting_widget("length"), "30")
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    assert tab.log.n == 30
    np.testing.assert_array_equal(source.weights[1], np.eye(4, 3))  # the source was copied
    with qtbot.waitSignal(tab.send_network) as blocker:
        qtbot.mouseClick(tab.ui.send_button, Qt.MouseButton.LeftButton)
    net, description = blocker.args
    assert net.sizes == [2, 4, 3] and net.activations == ["tanh", "softmax"]
    assert not np.array_equal(net.weights[1], np.eye(4, 3))
    assert "30 iterations" in description and "test accuracy" in description
    tab.set_network_source(lambda: Network([5, 3], ["softmax"]))
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    assert not tab.controller.is_active()
    assert "5 inputs" in tab.ui.status_label.text()


def test_trains_the_network_drawn_on_the_network_tab(qtbot, window):
    network_tab = window.tab("network")
    network_tab.show_network(Network([2, 3, 3], ["relu", "softmax"]), "drawn")
    tab = window.show_tab("training")
    tab.setting_widget("use_network").setChecked(True)
    set_field(qtbot, tab.setting_widget("length"), "5")
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    assert tab.log.n == 5


def test_state_round_trip_and_bad_state(qtbot, tab):
    choose(tab.setting_widget("dataset"), "spirals")
    set_field(qtbot, tab.setting_widget("lr"), "0.05")
    state = tab.state()
    tab.set_state({"dataset": "xor", "lr": 0.5})
    assert tab.setting_widget("dataset").currentData() == "xor"
    tab.set_state(state)
    assert tab.state() == state
    for bad in ({"lr": float("nan")}, {"dataset": "cats"}, {"hidden": ["a"]}, {"batch_size": 0}):
        with pytest.raises(ValueError):
            tab.set_state(bad)
    assert tab.state() == state


def test_exported_script_matches_the_engine(tab, tmp_path):
    tab.set_state({"dataset": "moons", "length": 120, "optimizer": "Adam", "lr": 0.01})
    script = tab.export_code()
    assert "PySide6" not in script and "import engine" not in script
    assert "from engine" not in script
    path = tmp_path / "train.py"
    path.write_text(script, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    values = dict(re.findall(r"^(\w+) = (\S+)$", out.stdout, re.M))
    config = tab.make_config()
    records = list(T.train(config, tab.current_data()))
    assert float(values["final_loss"]) == pytest.approx(records[-1].loss, rel=1e-9)
    assert float(values["test_accuracy"]) == records[-1].epoch.test_accuracy


def test_exported_script_for_digits_runs(tab, tmp_path):
    tab.set_state({"dataset": "digits", "length": 20, "hidden": [20]})
    path = tmp_path / "digits.py"
    path.write_text(tab.export_code(), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    config = tab.make_config()
    records = list(T.train(config, D.load_digits(0.25, 0)))
    assert float(re.search(r"final_loss = (\S+)", out.stdout).group(1)) == pytest.approx(
        records[-1].loss, rel=1e-9
    )


def test_smoke_test_leaves_no_worker(tab):
    before = tab.state()
    tab.smoke_test()  # raises unless its run made exactly 60 iterations and the check passed
    assert not tab.controller.is_active() and not tab.check_controller.is_active()
    assert tab.state() == before


def test_hooks(tab):
    assert set(tab.plot_widgets()) == {"Loss curve", "Accuracy curves", "Decision regions"}
    assert tab.findChild(type(tab.ui.loss_plot), "lossPlot") is tab.ui.loss_plot
    assert tab.table_models() == {"Gradient check": tab.ui.check_model}
    choose(tab.setting_widget("dataset"), "digits")
    assert tab.plot_widgets()["Test images"] is tab.ui.digit_grid


def test_learned_weights_go_to_the_network_tab_and_come_back(qtbot, window):
    net_tab = window.tab("network")
    tab = window.show_tab("training")
    tab.set_network_source(net_tab.current_network)  # what the main window wires up
    set_field(qtbot, tab.setting_widget("length"), "200")
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    learned = tab.learned_network()
    qtbot.mouseClick(tab.ui.send_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is net_tab
    shown = net_tab.current_network()
    assert shown.sizes == [2, 10, 3]
    for a, b in zip(shown.weights, learned.weights, strict=True):
        np.testing.assert_array_equal(a, b)
    # and the Network tab's network can be trained further here
    window.show_tab("training")
    tab.setting_widget("use_network").setChecked(True)
    set_field(qtbot, tab.setting_widget("length"), "20")
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    assert tab.log.n == 20 and tab.log.epochs[-1][2] >= 0.95


def test_exported_script_for_your_mnist_files_runs(qtbot, tab, tmp_path):
    paths = write_idx_set(tmp_path, gz=True)
    assert tab.load_mnist(paths)
    tab.set_state({"length": 15, "hidden": [12]})
    assert tab.setting_widget("dataset").currentData() == "mnist"
    path = tmp_path / "mnist_run.py"
    path.write_text(tab.export_code(), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    records = list(T.train(tab.make_config(), tab.current_data()))
    assert float(re.search(r"final_loss = (\S+)", out.stdout).group(1)) == pytest.approx(
        records[-1].loss, rel=1e-9
    )


def test_project_state_reloads_your_mnist_files(qtbot, tab, tmp_path):
    paths = write_idx_set(tmp_path, gz=False)
    assert tab.load_mnist(paths)
    state = tab.state()
    assert state["dataset"] == "mnist" and sorted(state["mnist_files"]) == sorted(paths)
    # a fresh tab (a project opened in a new window) loads the files the state names
    fresh = registry.view_class("training")(registry.make_model("training"))
    qtbot.addWidget(fresh)
    fresh.set_state(state)
    assert fresh.mnist is not None and len(fresh.current_data().t_train) == 60
    assert fresh.model["dataset"] == "mnist"
    moved = dict(state, mnist_files=[str(tmp_path / "gone" / "x.npz")])
    other = registry.view_class("training")(registry.make_model("training"))
    qtbot.addWidget(other)
    other.set_state(moved)  # reported, not raised
    assert other.mnist is None and "refused" in other.ui.status_label.text()


def test_closing_the_window_mid_run_joins_the_worker(qtbot):
    from gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    tab = win.show_tab("training")
    set_field(qtbot, tab.setting_widget("length"), "500000")
    qtbot.mouseClick(tab.ui.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.log.n > 50)
    qtbot.mouseClick(tab.ui.check_button, Qt.MouseButton.LeftButton)  # refused while running
    assert not tab.check_controller.is_active()
    win.close()
    assert not tab.controller.is_active()
