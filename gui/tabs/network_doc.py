"""The Network tab's document: the undo stack and Qt signals over ``NetworkModel``.

The network, its input and its batch live in the Qt-free ``NetworkModel``
(gui/models/network.py); this object writes every edit through it (so the model's revision
counts each one) and pushes undoable edits as ``QUndoCommand``s. The canvas and the tables
only mirror it (napari style); they listen to three signals: ``structure_changed`` (sizes,
layers or activations changed: rebuild), ``values_changed`` (a weight or bias changed:
refresh numbers) and ``input_changed`` (x or the batch changed). A state restored into the
model (a project) comes back as ``structure_changed`` with an empty undo stack.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from engine.network import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS, Network, Trace
from engine.weights import MAX_LAYERS, MAX_NEURONS
from gui.models.network import CORNERS, MAX_BATCH, NetworkModel, default_batch, fit_vector
from gui.models.network import NetworkState as Snapshot
from gui.text import tr_fmt

__all__ = ["NetworkDocument", "Snapshot", "DocumentError"]


class DocumentError(ValueError):
    """An edit the network cannot take (e.g. removing its last neuron); translated text."""


class _SnapshotCommand(QUndoCommand):
    """Replace the whole document state (structure edits, presets, loads)."""

    def __init__(self, doc: NetworkDocument, after: Snapshot, text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self.before = doc.snapshot()
        self.after = after

    def redo(self) -> None:
        self.doc._restore(self.after)

    def undo(self) -> None:
        self.doc._restore(self.before)


class _ValueCommand(QUndoCommand):
    """Set one weight (kind "W", index (i, j)) or bias (kind "b", index (j,))."""

    def __init__(
        self, doc: NetworkDocument, kind: str, layer: int, index: tuple, value: float, text: str
    ) -> None:
        super().__init__(text)
        self.doc, self.kind, self.layer, self.index = doc, kind, layer, index
        self.old = float(doc.array(kind, layer)[index])
        self.new = float(value)

    def redo(self) -> None:
        self.doc._set_value(self.kind, self.layer, self.index, self.new)

    def undo(self) -> None:
        self.doc._set_value(self.kind, self.layer, self.index, self.old)


class NetworkDocument(QObject):
    """The network shown on the Network tab, its input vector and batch, and their undo.

    Layers are numbered as neuron layers ``0 … len(sizes)-1`` (0 = input) for neurons,
    and as weight layers ``0 … n_layers-1`` for ``weights[k]``/``biases[k]`` (the book's
    W{k+1}, b{k+1}).
    """

    structure_changed = Signal()
    values_changed = Signal()
    input_changed = Signal()

    def __init__(self, model: NetworkModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.undo_stack = QUndoStack(self)
        self._trace: Trace | None = None
        unsubscribe = model.subscribe(self._on_model_changed)
        self.destroyed.connect(lambda *_: unsubscribe())

    def _on_model_changed(self, keys: frozenset[str]) -> None:
        """A state restored into the model (a project): show it, forget the undo history."""
        if "*" in keys:
            self._trace = None
            self.undo_stack.clear()
            self.structure_changed.emit()

    # -- what the model holds ----------------------------------------------------------
    @property
    def network(self) -> Network:
        return self.model.network

    @property
    def x(self) -> np.ndarray:
        return self.model.x

    @property
    def batch(self) -> np.ndarray:
        return self.model.batch

    @property
    def description(self) -> str:
        return self.model.description

    # -- reading -----------------------------------------------------------------------
    @property
    def sizes(self) -> list[int]:
        return self.network.sizes

    def array(self, kind: str, layer: int) -> np.ndarray:
        return (self.network.weights if kind == "W" else self.network.biases)[layer]

    def trace(self) -> Trace:
        """The forward pass for the current input (cached until something changes)."""
        if self._trace is None:
            with np.errstate(over="ignore", invalid="ignore"):
                self._trace = self.network.forward(self.x)
        return self._trace

    def batch_output(self) -> np.ndarray:
        with np.errstate(over="ignore", invalid="ignore"):
            return np.atleast_2d(self.network.predict(self.batch))

    def snapshot(self) -> Snapshot:
        return self.model.snapshot()

    # -- raw changes (used by the commands) --------------------------------------------
    def _restore(self, snap: Snapshot) -> None:
        self.model.replace(snap)
        self._trace = None
        self.structure_changed.emit()

    def _set_value(self, kind: str, layer: int, index: tuple, value: float) -> None:
        self.model.set_array_value(kind, layer, index, value)
        self._trace = None
        self.values_changed.emit()

    _default_batch = staticmethod(default_batch)
    _fit = staticmethod(fit_vector)

    # -- undoable edits ----------------------------------------------------------------
    def set_weight(self, layer: int, i: int, j: int, value: float) -> None:
        """W{layer+1}[i, j] = value (undoable)."""
        if float(self.network.weights[layer][i, j]) == float(value):
            return
        text = tr_fmt(
            QCoreApplication.translate("NetworkDocument", "Set W%1[%2, %3]"), layer + 1, i, j
        )
        self.undo_stack.push(_ValueCommand(self, "W", layer, (i, j), value, text))

    def set_bias(self, layer: int, j: int, value: float) -> None:
        """b{layer+1}[j] = value (undoable)."""
        if float(self.network.biases[layer][j]) == float(value):
            return
        text = tr_fmt(
            QCoreApplication.translate("NetworkDocument", "Set b%1[%2]"), str(layer + 1), str(j)
        )
        self.undo_stack.push(_ValueCommand(self, "b", layer, (j,), value, text))

    def set_value(self, kind: str, layer: int, index: tuple, value: float) -> None:
        if kind == "W":
            self.set_weight(layer, index[0], index[1], value)
        else:
            self.set_bias(layer, index[0], value)

    def set_input(self, index: int, value: float) -> None:
        """x[index] = value (not on the undo stack: the input is a probe, not the network)."""
        x = self.x.copy()
        x[index] = value
        self.model.set_input(x)
        self._trace = None
        self.input_changed.emit()

    def set_input_vector(self, x: np.ndarray) -> None:
        x = np.asarray(x, dtype=np.float64).reshape(-1)
        if x.shape[0] != self.sizes[0]:
            raise DocumentError(
                tr_fmt(
                    QCoreApplication.translate("NetworkDocument", "The input needs %1 values."),
                    str(self.sizes[0]),
                )
            )
        self.model.set_input(x)
        self._trace = None
        self.input_changed.emit()

    def set_batch_value(self, row: int, col: int, value: float) -> None:
        batch = self.batch.copy()
        batch[row, col] = value
        self.set_batch(batch)

    def set_batch(self, batch: np.ndarray) -> None:
        """Replace the batch of inputs (rows of the input size)."""
        self.model.set_batch(batch)
        self.input_changed.emit()

    def resize_batch(self, rows: int) -> None:
        rows = max(1, min(int(rows), MAX_BATCH))
        if rows < self.batch.shape[0]:
            self.set_batch(self.batch[:rows])
        else:
            extra = np.zeros((rows - self.batch.shape[0], self.sizes[0]))
            self.set_batch(np.vstack([self.batch, extra]))

    def _push_network(
        self,
        network: Network,
        text: str,
        x: np.ndarray | None = None,
        description: str | None = None,
        batch: np.ndarray | None = None,
    ) -> None:
        n_in = network.sizes[0]
        if x is None:
            x = self._fit(self.x, n_in)
        if batch is None:
            batch = (
                self._fit(self.batch, n_in)
                if n_in == self.sizes[0] or n_in != 2
                else np.array(CORNERS)
            )
        after = Snapshot(
            network.copy(),
            np.asarray(x, dtype=np.float64).copy(),
            np.asarray(batch, dtype=np.float64).copy(),
            self.description if description is None else description,
        )
        self.undo_stack.push(_SnapshotCommand(self, after, text))

    def load(
        self, network: Network, description: str, x: np.ndarray | None = None, text: str = ""
    ) -> None:
        """Show ``network`` (copied) with ``description`` (undoable)."""
        if len(network.sizes) > MAX_LAYERS or max(network.sizes) > MAX_NEURONS:
            raise DocumentError(
                QCoreApplication.translate("NetworkDocument", "This network is too large to show.")
            )
        if x is None:
            x = self._fit(self.x, network.sizes[0])
        batch = self._default_batch(network.sizes[0], np.asarray(x, dtype=np.float64))
        self._push_network(
            network,
            text or QCoreApplication.translate("NetworkDocument", "Load network"),
            x,
            description,
            batch,
        )
        self.undo_stack.setClean()

    def add_neuron(self, layer: int) -> None:
        """Append a neuron to neuron layer ``layer``; its weights start at zero."""
        net, sizes = self.network, list(self.sizes)
        if sizes[layer] >= MAX_NEURONS:
            raise DocumentError(
                QCoreApplication.translate("NetworkDocument", "This layer cannot grow any more.")
            )
        weights = [w.copy() for w in net.weights]
        biases = [b.copy() for b in net.biases]
        sizes[layer] += 1
        if layer > 0:
            weights[layer - 1] = np.hstack([weights[layer - 1], np.zeros((sizes[layer - 1], 1))])
            biases[layer - 1] = np.append(biases[layer - 1], 0.0)
        if layer < len(sizes) - 1:
            weights[layer] = np.vstack([weights[layer], np.zeros((1, sizes[layer + 1]))])
        new = Network(sizes, net.activations, weights, biases)
        self._push_network(new, QCoreApplication.translate("NetworkDocument", "Add neuron"))

    def remove_neurons(self, layer: int, indices: list[int]) -> None:
        """Remove neurons ``indices`` of neuron layer ``layer`` with their weights."""
        indices = sorted(set(indices))
        sizes = list(self.sizes)
        if len(indices) >= sizes[layer]:
            raise DocumentError(
                QCoreApplication.translate("NetworkDocument", "A layer needs at least one neuron.")
            )
        net = self.network
        weights = [w.copy() for w in net.weights]
        biases = [b.copy() for b in net.biases]
        sizes[layer] -= len(indices)
        if layer > 0:
            weights[layer - 1] = np.delete(weights[layer - 1], indices, axis=1)
            biases[layer - 1] = np.delete(biases[layer - 1], indices)
        if layer < len(sizes) - 1:
            weights[layer] = np.delete(weights[layer], indices, axis=0)
        new = Network(sizes, net.activations, weights, biases)
        x = np.delete(self.x, indices) if layer == 0 else None
        batch = np.delete(self.batch, indices, axis=1) if layer == 0 else None
        text = (
            QCoreApplication.translate("NetworkDocument", "Remove neuron")
            if len(indices) == 1
            else QCoreApplication.translate("NetworkDocument", "Remove neurons")
        )
        self._push_network(new, text, x=x, batch=batch)

    def add_layer(self, position: int) -> None:
        """Insert a hidden layer at neuron-layer ``position`` (1 … len(sizes)-1).

        It copies the layer before it through identity weights and the identity
        activation, so the network computes exactly what it did before: change its
        activation or weights to make it do something.
        """
        sizes = list(self.sizes)
        if len(sizes) >= MAX_LAYERS:
            raise DocumentError(
                QCoreApplication.translate(
                    "NetworkDocument", "The network cannot have more layers."
                )
            )
        position = max(1, min(position, len(sizes) - 1))
        n = sizes[position - 1]
        net = self.network
        weights = [w.copy() for w in net.weights]
        biases = [b.copy() for b in net.biases]
        weights.insert(position - 1, np.eye(n))
        biases.insert(position - 1, np.zeros(n))
        activations = list(net.activations)
        activations.insert(position - 1, "identity")
        sizes.insert(position, n)
        new = Network(sizes, activations, weights, biases)
        self._push_network(new, QCoreApplication.translate("NetworkDocument", "Add layer"))

    def remove_layer(self, layer: int) -> None:
        """Remove hidden neuron layer ``layer``, joining its two weight matrices as if
        the layer were linear: W = W_in·W_out, b = b_in·W_out + b_out."""
        sizes = list(self.sizes)
        if layer <= 0 or layer >= len(sizes) - 1:
            raise DocumentError(
                QCoreApplication.translate("NetworkDocument", "Only hidden layers can be removed.")
            )
        net = self.network
        weights = [w.copy() for w in net.weights]
        biases = [b.copy() for b in net.biases]
        w_in, w_out = weights[layer - 1], weights[layer]
        merged_w = w_in @ w_out
        merged_b = biases[layer - 1] @ w_out + biases[layer]
        too_big = [np.max(np.abs(m), initial=0) > 1e6 for m in (merged_w, merged_b)]
        if any(too_big) or not (np.all(np.isfinite(merged_w)) and np.all(np.isfinite(merged_b))):
            raise DocumentError(
                QCoreApplication.translate(
                    "NetworkDocument",
                    "Joining the weights around this layer would give values beyond ±1e6.",
                )
            )
        weights[layer - 1 : layer + 1] = [merged_w]
        biases[layer - 1 : layer + 1] = [merged_b]
        activations = list(net.activations)
        del activations[layer - 1]
        del sizes[layer]
        new = Network(sizes, activations, weights, biases)
        self._push_network(new, QCoreApplication.translate("NetworkDocument", "Remove layer"))

    def set_activation(self, layer: int, name: str) -> None:
        """The activation of weight layer ``layer`` (undoable)."""
        last = self.network.n_layers - 1
        allowed = OUTPUT_ACTIVATIONS if layer == last else HIDDEN_ACTIVATIONS
        if name not in allowed or self.network.activations[layer] == name:
            return
        net = self.network
        activations = list(net.activations)
        activations[layer] = name
        new = Network(net.sizes, activations, net.weights, net.biases)
        self._push_network(new, QCoreApplication.translate("NetworkDocument", "Set activation"))
