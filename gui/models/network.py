"""The Network tab's model (no Qt): the network being drawn, its input and batch.

``NetworkModel`` holds what a project saves of the Network tab: the layered network
(sizes, activations, weights and biases, book §3.4), the input vector x whose forward pass
is shown, a batch of inputs, and a description of where the network came from. It has no
declared settings: all of it is extra state, validated as a whole by ``set_state``.

The tab's ``NetworkDocument`` (gui/tabs/network_doc.py) adds the undo stack and Qt signals
on top and writes every change through ``replace`` / ``set_array_value`` / ``set_input`` /
``set_batch`` here, so the revision counts every edit and no weight is serialized to find
out whether something changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np

from engine.network import Network
from engine.weights import BOOK_INPUT, MAX_LAYERS, MAX_NEURONS, book_network, network_from_arrays
from gui.models.base import TabModel

__all__ = ["NetworkModel", "NetworkState", "default_batch", "fit_vector"]

#: Inputs shown in the batch table for a network with 2 inputs: the four corners.
CORNERS = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
#: The most rows the batch table holds.
MAX_BATCH = 1000


def default_batch(n_in: int, x: np.ndarray) -> np.ndarray:
    """The batch a newly shown network gets: the corners (2 inputs), else x, 0 and 1."""
    if n_in == 2:
        return np.array(CORNERS)
    return np.vstack([x, np.zeros(n_in), np.ones(n_in)])


def fit_vector(vector: np.ndarray, n: int) -> np.ndarray:
    """``vector`` (or each row) cut or zero-padded to length ``n``."""
    out = np.zeros(vector.shape[:-1] + (n,))
    m = min(n, vector.shape[-1])
    out[..., :m] = vector[..., :m]
    return out


class NetworkState(NamedTuple):
    """Everything the model holds, validated (arrays are the model's own copies)."""

    network: Network
    x: np.ndarray
    batch: np.ndarray
    description: str


class NetworkModel(TabModel):
    """The network on the Network tab, its input x, its batch and a description."""

    key = "network"
    SETTINGS = ()

    def __init__(self) -> None:
        super().__init__()
        self.network: Network = book_network()
        self.x = np.array(BOOK_INPUT, dtype=np.float64)
        self.batch = default_batch(self.network.sizes[0], self.x)
        self.description = "@book"

    # -- changes (each bumps the revision) ------------------------------------------------------
    def replace(self, state: NetworkState, keys: frozenset[str] = frozenset({"network"})) -> None:
        """Hold ``state`` (copied) from now on."""
        self.network = state.network.copy()
        self.x = np.array(state.x, dtype=np.float64)
        self.batch = np.array(state.batch, dtype=np.float64)
        self.description = state.description
        self.touch(keys)

    def snapshot(self) -> NetworkState:
        """A copy of everything the model holds."""
        return NetworkState(self.network.copy(), self.x.copy(), self.batch.copy(), self.description)

    def set_array_value(self, kind: str, layer: int, index: tuple, value: float) -> None:
        """W{layer+1}[index] (``kind`` "W") or b{layer+1}[index] (``kind`` "b") = value."""
        arrays = self.network.weights if kind == "W" else self.network.biases
        arrays[layer][index] = value
        self.touch({"values"})

    def set_input(self, x: np.ndarray) -> None:
        """The input vector (its length must be the network's input size)."""
        x = np.asarray(x, dtype=np.float64).reshape(-1)
        if x.shape != (self.network.sizes[0],):
            raise ValueError(f"the input needs {self.network.sizes[0]} values")
        self.x = x.copy()
        self.touch({"input"})

    def set_batch(self, batch: np.ndarray) -> None:
        """The batch of inputs (rows of the network's input size, at most MAX_BATCH)."""
        batch = np.asarray(batch, dtype=np.float64)
        if batch.ndim != 2 or batch.shape[1] != self.network.sizes[0]:
            raise ValueError("the batch does not fit the network")
        self.batch = batch[:MAX_BATCH].copy()
        self.touch({"input"})

    # -- persistence ----------------------------------------------------------------------------
    def extra_state(self) -> dict[str, Any]:
        net = self.network
        return {
            "sizes": list(net.sizes),
            "activations": list(net.activations),
            "weights": [w.tolist() for w in net.weights],
            "biases": [b.tolist() for b in net.biases],
            "input": self.x.tolist(),
            "batch": self.batch.tolist(),
            "description": self.description,
        }

    def validate_extra(self, state: Mapping[str, Any]) -> NetworkState | None:
        """The network of ``state`` (schema_version 1 layout), or ValueError naming the
        problem. A state without weights leaves the network as it is."""
        if "weights" not in state and "biases" not in state:
            return None
        try:
            weights, biases = state["weights"], state["biases"]
            if not isinstance(weights, list) or not isinstance(biases, list):
                raise ValueError("weights and biases must be lists")
            arrays = {}
            for k, (w, b) in enumerate(zip(weights, biases, strict=True), start=1):
                arrays[f"W{k}"], arrays[f"b{k}"] = np.asarray(w, float), np.asarray(b, float)
            activations = state["activations"]
            if not isinstance(activations, list):
                raise ValueError("activations must be a list")
            net = network_from_arrays(arrays, activations=list(activations))
            if list(state.get("sizes", net.sizes)) != net.sizes:
                raise ValueError("the sizes do not match the weights")
            if len(net.sizes) > MAX_LAYERS or max(net.sizes) > MAX_NEURONS:
                raise ValueError("the network is too large to show")
            x = np.asarray(state.get("input", np.zeros(net.sizes[0])), dtype=float)
            if x.shape != (net.sizes[0],) or not np.all(np.isfinite(x)):
                raise ValueError("the input does not fit the network")
            batch = default_batch(net.sizes[0], x)
            if state.get("batch") is not None:
                b = np.asarray(state["batch"], dtype=float)
                # a batch that does not fit is replaced by the default one (it is a probe)
                if b.ndim == 2 and b.shape[1] == net.sizes[0] and np.all(np.isfinite(b)):
                    batch = b[:MAX_BATCH].copy()
            description = state.get("description", "")
            if not isinstance(description, str):
                raise ValueError("the description must be text")
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"unusable Network tab state: {exc}") from exc
        return NetworkState(net, x, batch, description[:500])

    def commit_extra(self, prepared: NetworkState | None) -> None:
        if prepared is not None:
            self.network, self.x, self.batch, self.description = prepared
