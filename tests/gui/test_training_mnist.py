"""Real MNIST on the Training tab: the data-set list, the book's preset, the test-set
confusion matrix per epoch, the download button; and a first start with an empty home."""

from __future__ import annotations

import gzip
import struct
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton

from engine import datasets as D
from engine.evaluation import confusion_matrix
from gui.models.training import TrainingModel
from gui.tabs.training import TrainingTab


@pytest.fixture
def tab(qtbot):
    widget = TrainingTab(TrainingModel())
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def keys(combo: QComboBox) -> list[str]:
    """The data sets the list offers (absent real sets are hidden rows)."""
    view = combo.view()
    return [combo.itemData(i) for i in range(combo.count()) if not view.isRowHidden(i)]


def test_the_bundled_mnist_and_fashion_are_offered(tab):
    combo = tab.findChild(QComboBox, "datasetCombo")
    listed = keys(combo)
    assert "mnist-5k" in listed and "mnist-full" not in listed  # empty home: no download
    assert ("fashion-mnist" in listed) == (D.fashion_mnist_files() is not None)
    combo.setCurrentIndex(combo.findData("mnist-5k"))
    data = tab.current_data()
    assert data is not None and data.name == "mnist-5k" and len(data.t_test) == 1000
    assert "4,000 training and 1,000 test" in tab.ui.data_info.text()
    assert not tab.setting_widget("data_seed").isEnabled()  # a fixed, documented split
    assert tab.findChild(QPushButton, "downloadMnistButton").isEnabled()


@pytest.mark.skipif(D.fashion_mnist_files() is None, reason="Fashion-MNIST not installed")
def test_fashion_mnist_with_class_names(tab):
    tab.model.set("dataset", "fashion-mnist")
    data = tab.current_data()
    assert data.class_names[9] == "Ankle boot" and len(data.t_train) == 60000
    assert tab.ui.confusion.class_names()[9] == "9 Ankle boot"


def test_the_books_train_neuralnet_preset(tab):
    qtbot_click(tab.findChild(QPushButton, "bookPresetButton"))
    s = tab.state()
    assert s["dataset"] == "mnist-5k"
    assert (s["hidden"], s["activation"], s["init"], s["init_std"]) == (
        [50],
        "relu",
        "std",
        0.01,
    )
    assert (s["optimizer"], s["lr"], s["batch_size"], s["length"]) == ("SGD", 0.1, 100, 10000)
    assert s["gradient"] == "backprop" and s["unit"] == "iterations"


def qtbot_click(button: QPushButton) -> None:
    button.click()


def test_confusion_matrix_follows_the_epochs_and_lists_a_cells_images(qtbot, tab):
    tab.mnist_extra.load_book_preset()
    tab.set_state({"length": 40})  # one epoch of the 4,000 bundled training digits
    tab.ui.run_button.click()
    qtbot.waitUntil(lambda: not tab.controller.is_active(), timeout=120_000)
    view = tab.findChild(type(tab.ui.confusion.view), "confusionMatrix")
    m = view.matrix
    data = tab.current_data()
    net = tab.learned_network()
    predicted = net.predict(data.x_test).argmax(axis=1)  # independently, after the run
    loop = np.zeros((10, 10), dtype=int)
    for a, b in zip(data.t_test, predicted, strict=True):
        loop[a, b] += 1
    np.testing.assert_array_equal(m, loop)
    assert m.trace() / m.sum() == pytest.approx(tab.log.epochs[-1][2])
    # a click on a cell lists those test images
    i, j = np.unravel_index(np.argmax(m - np.diag(np.diag(m))), m.shape)  # the worst mix-up
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.cell_center(i, j).toPoint())
    expected = np.flatnonzero((data.t_test == i) & (predicted == j))
    assert tab.ui.confusion.cell_list.indices == expected.tolist()
    assert f"True {i}, answered {j}: {len(expected)}" in tab.ui.confusion.title.text()
    np.testing.assert_array_equal(confusion_matrix(data.t_test, predicted, 10), m)


def write_full_mnist(folder) -> None:
    rng = np.random.default_rng(0)
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {
        "train_img": rng.integers(0, 256, (20, 28, 28)),
        "train_label": np.arange(20) % 10,
        "test_img": rng.integers(0, 256, (10, 28, 28)),
        "test_label": np.arange(10),
    }
    for role, name in D.MNIST_FILES.items():
        a = arrays[role].astype(np.uint8)
        header = bytes([0, 0, 8, a.ndim]) + struct.pack(f">{a.ndim}I", *a.shape)
        (folder / name).write_bytes(gzip.compress(header + a.tobytes()))


def test_a_finished_download_is_offered_and_chosen(tab):
    assert "mnist-full" not in keys(tab.setting_widget("dataset"))
    write_full_mnist(D.mnist_data_dir())
    tab.mnist_extra.on_downloaded({})  # what the dialog's ``downloaded`` signal does
    assert tab.setting_widget("dataset").currentData() == "mnist-full"
    assert "mnist-full" in keys(tab.setting_widget("dataset"))
    assert len(tab.current_data().t_train) == 20
    tab.mnist_extra.load_book_preset()  # the preset now takes the full set
    assert tab.state()["dataset"] == "mnist-full"


def test_download_button_opens_the_dialog(qtbot, tab):
    qtbot.mouseClick(tab.findChild(QPushButton, "downloadMnistButton"), Qt.MouseButton.LeftButton)
    dialog = tab.mnist_extra.dialog
    assert dialog is not None and dialog.isVisible()
    assert str(D.mnist_data_dir()) in dialog.intro.text()
    dialog.close()


def test_exported_script_trains_on_the_bundled_digits(tab, tmp_path):
    tab.mnist_extra.load_book_preset()
    tab.set_state({"length": 20})
    script = tab.export_code()
    assert "mnist-5k.npz" in script
    path = tmp_path / "train.py"
    path.write_text(script, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    assert "test_accuracy =" in out.stdout


def test_first_start_with_an_empty_home_offers_real_mnist(qtbot, window):
    """No network loaded, no files of the user's: MNIST for training and as input."""
    assert D.find_mnist() is None
    window.finish_building()
    training = window.tab("training")
    combo = training.findChild(QComboBox, "datasetCombo")
    assert "mnist-5k" in keys(combo)
    assert window.findChild(QPushButton, "downloadMnistButton") is not None
    assert any("Download MNIST" in a.text().replace("&", "") for a in window.file_menu.actions())
    network = window.tab("network")
    assert network.doc.sizes[0] == 2  # the book's §3.4.3 network at first
    network.mnist_action.trigger()  # Presets ▸ the book's §3.6.2 network on real digits
    panel = network.image_pages.panel
    assert panel.source.key == "mnist-5k" and network.doc.x.any()
    assert panel.predicted() == int(panel.source.labels[panel.index])
