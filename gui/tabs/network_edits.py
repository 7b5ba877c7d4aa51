"""The Network tab's edits from the toolbar, the keyboard and the canvas — add or remove
layers and neurons, the right-click menu, activations, presets, weight files, random
networks and inputs — as a mixin of ``NetworkTab``. Every edit goes through the tab's
``NetworkDocument`` (undoable); a refusal is shown with the document's reason. Texts are
in the "NetworkTab" context.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from engine.network import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from engine.safeio import UnsafeFileError
from engine.weights import (
    BOOK_INPUT,
    STUDY_NOTES_INPUT,
    book_network,
    load_weights,
    random_network,
    study_notes_network,
    xor_network,
)
from gui.image_sources import SAMPLE_WEIGHT_PATH
from gui.tabs.network_canvas import BundleItem, EdgeItem, HeaderItem, NeuronItem
from gui.tabs.network_items import activation_label
from gui.text import tr_fmt

__all__ = ["NetworkEditsMixin"]


class NetworkEditsMixin:
    """Structure edits of ``NetworkTab`` (which provides ``doc``, ``view``, ``pages``,
    ``weight_tabs``, the actions, ``_header_layer``, ``_current_layer``, ``_try``,
    ``_on_rejected`` and ``_update_action_state``)."""

    def _on_add_layer(self) -> None:
        layer = self._current_layer()
        self._try(self.doc.add_layer, min(layer + 1, len(self.doc.sizes) - 1))

    def _on_remove_layer(self) -> None:
        self._try(self.doc.remove_layer, self._current_layer())

    def _on_add_neuron(self) -> None:
        self._try(self.doc.add_neuron, self._current_layer())

    def _on_remove_neurons(self) -> None:
        selected = self.view.selected_neurons()
        if not selected:
            self._on_rejected(
                QCoreApplication.translate("NetworkTab", "Select the neurons to remove first.")
            )
            return
        by_layer: dict[int, list[int]] = {}
        for item in selected:
            by_layer.setdefault(item.layer, []).append(item.index)
        layer = max(by_layer, key=lambda k: len(by_layer[k]))
        self._try(self.doc.remove_neurons, layer, by_layer[layer])

    def _on_delete(self) -> None:
        if self.view.selected_neurons():
            self._on_remove_neurons()
        elif self._header_layer is not None:
            self._on_remove_layer()

    def _on_canvas_add_neuron(self, layer: int) -> None:
        self._try(self.doc.add_neuron, layer)

    def _on_canvas_add_layer(self, position: int) -> None:
        self._try(self.doc.add_layer, position)

    def _on_bundle_clicked(self, layer: int) -> None:
        if layer < len(self.pages):
            self.weight_tabs.setCurrentIndex(layer)

    def _on_header_clicked(self, layer: int) -> None:
        self.view.scene().clearSelection()
        self._header_layer = layer
        self.view.mark_header(layer)
        if layer > 0 and layer - 1 < len(self.pages):
            self.weight_tabs.setCurrentIndex(layer - 1)
        self._update_action_state()

    def _on_context_menu(self, item: object, global_pos: QPoint) -> None:
        menu = self.build_context_menu(item)
        if menu is not None:
            menu.exec(global_pos)

    def build_context_menu(self, item: object) -> QMenu | None:
        """The canvas's right-click menu for ``item`` (a neuron, header, edge or nothing)."""
        menu = QMenu(self)
        sizes = self.doc.sizes
        layer = None
        if isinstance(item, (NeuronItem, HeaderItem)):
            layer = item.layer
            self._header_layer = layer
        elif isinstance(item, EdgeItem):
            action = menu.addAction(
                tr_fmt(QCoreApplication.translate("NetworkTab", "Edit %1…"), item.name())
            )
            action.triggered.connect(lambda: self.view.start_edit(item))
            layer = item.layer + 1
        elif isinstance(item, BundleItem):
            layer = item.layer + 1
        if layer is not None:
            add = menu.addAction(
                QCoreApplication.translate("NetworkTab", "Add neuron to this layer")
            )
            add.triggered.connect(lambda: self._try(self.doc.add_neuron, layer))
            if isinstance(item, NeuronItem):
                menu.addAction(self.remove_neuron_action)
            if layer < len(sizes) - 1:
                ins = menu.addAction(
                    QCoreApplication.translate("NetworkTab", "Insert layer after this one")
                )
                ins.triggered.connect(lambda: self._try(self.doc.add_layer, layer + 1))
            if 0 < layer < len(sizes) - 1:
                rem = menu.addAction(QCoreApplication.translate("NetworkTab", "Remove this layer"))
                rem.triggered.connect(lambda: self._try(self.doc.remove_layer, layer))
            if layer > 0:
                sub = menu.addMenu(QCoreApplication.translate("NetworkTab", "Activation"))
                names = OUTPUT_ACTIVATIONS if layer == len(sizes) - 1 else HIDDEN_ACTIVATIONS
                current = self.doc.network.activations[layer - 1]
                for name in names:
                    act = sub.addAction(activation_label(name))
                    act.setCheckable(True)
                    act.setChecked(name == current)
                    act.setData((layer - 1, name))
                sub.triggered.connect(self._on_activation_chosen)
            menu.addSeparator()
        menu.addAction(self.add_layer_action)
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addAction(self.fit_action)
        return menu

    def _on_activation_chosen(self, action: QAction) -> None:
        layer, name = action.data()
        self.doc.set_activation(layer, name)

    # -- presets, files, random networks and inputs ---------------------------------
    def load_book_preset(self) -> None:
        self.doc.load(
            book_network(),
            "@book",
            np.array(BOOK_INPUT),
            QCoreApplication.translate("NetworkTab", "Load preset"),
        )

    def load_study_notes_preset(self) -> None:
        self.doc.load(
            study_notes_network(),
            "@notes",
            np.array(STUDY_NOTES_INPUT),
            QCoreApplication.translate("NetworkTab", "Load preset"),
        )

    def load_xor_preset(self) -> None:
        self.doc.load(
            xor_network(),
            "@xor",
            np.array([1.0, 0.0]),
            QCoreApplication.translate("NetworkTab", "Load preset"),
        )
        self.left_tabs.setCurrentWidget(self.batch_page)

    def load_mnist_preset(self) -> None:
        """The book's trained MNIST network (§3.6.2, bundled ``sample_weight.pkl``); the
        Image page then feeds it a bundled real test digit."""
        net = load_weights(SAMPLE_WEIGHT_PATH)
        self.doc.load(
            net,
            "@mnist",
            np.zeros(net.sizes[0]),
            QCoreApplication.translate("NetworkTab", "Load preset"),
        )

    def load_weights_file(self, path: str | Path) -> bool:
        """Load W1, b1, … from ``path`` (.npz or a NumPy-only pickle); False and a message
        if the file is refused."""
        path = Path(path)
        try:
            net = load_weights(path)
            description = "@file:" + path.name
            self.doc.load(
                net,
                description,
                np.zeros(net.sizes[0]),
                QCoreApplication.translate("NetworkTab", "Load weights"),
            )
        except (OSError, ValueError) as exc:
            reason = str(exc)
            if isinstance(exc, UnsafeFileError) and path.suffix.lower() == ".npz":
                # NumPy's own words here suggest loading with allow_pickle: not for a learner
                reason = QCoreApplication.translate(
                    "NetworkTab",
                    "it is not a plain .npz archive of numbers (make one with "
                    "numpy.savez(path, W1=…, b1=…, W2=…, b2=…))",
                )
            self._on_rejected(
                tr_fmt(
                    QCoreApplication.translate("NetworkTab", "Could not load %1: %2"),
                    path.name,
                    reason,
                )
            )
            return False
        return True

    def random_init(
        self, sizes: list[int], hidden: str, output: str, method: str, std: float, seed: int
    ) -> None:
        net = random_network(sizes, hidden, output, method, std, seed)
        self.doc.load(
            net,
            f"@random:{method}, seed {seed}",
            None,
            QCoreApplication.translate("NetworkTab", "Random initialisation"),
        )

    def _on_random_input(self) -> None:
        self.doc.set_input_vector(self._rng.random(self.doc.sizes[0]).round(4))

    def _on_zero_input(self) -> None:
        self.doc.set_input_vector(np.zeros(self.doc.sizes[0]))

    def _on_random_requested(
        self, sizes: list, hidden: str, output: str, method: str, std: float, seed: int
    ) -> None:
        self.random_init(sizes, hidden, output, method, std, seed)
        self.message_label.clear()

    def _on_load_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("NetworkTab", "Load weights"),
            "",
            QCoreApplication.translate(
                "NetworkTab", "Weights (*.npz *.pkl *.pickle);;All files (*)"
            ),
        )
        if path:
            self.load_weights_file(path)
