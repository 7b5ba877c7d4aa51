"""The self-study layer across the real tabs: Japanese everywhere, projects that keep
every tab's work."""

import re

from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QTabWidget

from gui.main_window import MainWindow
from gui.registry import tab_keys

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# words that stay the same in the Japanese UI (names, symbols, formulas, numbers)
NEUTRAL = re.compile(r"^[\s\d.,:;+\-−×·=()\[\]{}|/%‖∇√²³⁰¹ⁿ…→←↑↓✓✗★▲●<>&*^_'\"!?a-zA-Zα-ωηρβ₀-₉]*$")


def visible_texts(tab):
    texts = []
    for widget in tab.findChildren(QLabel) + tab.findChildren(QAbstractButton):
        if widget.isVisibleTo(tab) and widget.text().strip():
            texts.append(widget.text())
    for box in tab.findChildren(QGroupBox):
        if box.isVisibleTo(tab) and box.title().strip():
            texts.append(box.title())
    for inner in tab.findChildren(QTabWidget):
        texts += [inner.tabText(i) for i in range(inner.count())]
    for combo in tab.findChildren(QComboBox):
        if combo.isVisibleTo(tab) and combo.count():
            texts.append(combo.itemText(0))
    return texts


def untranslated(texts):
    """Texts with a run of 3+ English letters forming words and no Japanese at all."""
    out = []
    for text in texts:
        plain = re.sub(r"<[^>]+>", "", text)
        if JAPANESE.search(plain):
            continue
        words = re.findall(r"[A-Za-z]{4,}", plain)
        # optimizer and function names, SGD/Adam etc. stay in English in the book too
        words = [
            w
            for w in words
            if w
            not in {
                "Momentum",
                "Nesterov",
                "AdaGrad",
                "RMSprop",
                "Adam",
                "ReLU",
                "Xavier",
                "Rosenbrock",
                "Himmelblau",
                "Beale",
                "MNIST",
                "Zerokara",
                "softmax",
                "sigmoid",
                "tanh",
                "identity",
                "step",
                "XNOR",
                "NAND",
                "Custom",
            }
        ]
        if words:
            out.append(text)
    return out


def test_every_tab_speaks_japanese(window, qtbot):
    window.set_language("ja")
    for key in tab_keys():
        tab = window.show_tab(key)
        # Qt posts the LanguageChange events: wait until the tab has relabelled itself
        qtbot.waitUntil(
            lambda t=tab: sum(bool(JAPANESE.search(x)) for x in visible_texts(t)) >= 8,
            timeout=3000,
        )
        texts = visible_texts(tab)
        japanese = [t for t in texts if JAPANESE.search(t)]
        assert len(japanese) >= 8, (key, texts)
        assert untranslated(texts) == [], key
        assert JAPANESE.search(tab.lesson.toPlainText()), key
    window.set_language("en")
    for key in tab_keys():
        tab = window.tab(key)
        qtbot.waitUntil(
            lambda t=tab: not [x for x in visible_texts(t) if JAPANESE.search(x)], timeout=3000
        )


def choose(combo, index):
    """Pick an entry as a user does (Qt emits ``activated`` only for user choices)."""
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def change_every_tab(window):
    """Change each tab's work the way a learner would (real widgets and presets)."""
    gates = window.tab("gates")
    combo = window.findChild(QComboBox, "gatePresetCombo")
    choose(combo, combo.findText("XOR"))
    network = window.tab("network")
    from engine.weights import random_network

    network.show_network(random_network([3, 4, 2], "relu", method="he", seed=5), "random")
    descent = window.tab("descent")
    functions = window.findChild(QComboBox, "functionCombo")
    choose(functions, 2)
    training = window.tab("training")
    datasets = window.findChild(QComboBox, "datasetCombo")
    choose(datasets, datasets.count() - 1)
    backprop = window.tab("backprop")
    graphs = window.findChild(QComboBox, "graphPresetCombo")
    choose(graphs, graphs.findData("affine"))
    backprop.model.set_input_text("B", "[0.5, -1, 2]")
    techniques = window.tab("techniques")
    activations = techniques.findChild(QComboBox, "initActivationCombo")
    choose(activations, activations.findData("relu"))
    cnn = window.tab("cnn")
    presets = cnn.findChild(QComboBox, "cnnPreset")
    choose(presets, presets.findData("sharpen"))
    return gates, network, descent, training, cnn


def test_project_keeps_all_four_real_tabs(qtbot, tmp_path):
    first = MainWindow()
    first.project.confirm_unsaved = False
    qtbot.addWidget(first)
    defaults = {key: first.tab(key).state() for key in tab_keys()}
    change_every_tab(first)
    changed = {key: first.tab(key).state() for key in tab_keys()}
    for key in tab_keys():
        assert changed[key] != defaults[key], f"the {key} tab's change did not reach its state"
    path = tmp_path / "study.zkl.json"
    assert first.project.save_to(path)
    first.close()

    second = MainWindow()
    second.project.confirm_unsaved = False
    qtbot.addWidget(second)
    assert {key: second.tab(key).state() for key in tab_keys()} == defaults
    assert second.project.open_path(path, ask=False)
    assert {key: second.tab(key).state() for key in tab_keys()} == changed
    assert second.findChild(QComboBox, "gatePresetCombo").currentText() == "XOR"
    second.close()
