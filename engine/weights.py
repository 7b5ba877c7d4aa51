"""Ready-made networks and weight files for the forward pass of ch. 3.

``network_from_arrays`` turns the book's weight dictionary (``W1, b1, W2, b2, …``, as in
``sample_weight.pkl`` of §3.6.2) into a ``Network``, checking every shape; ``load_weights``
reads such a dictionary from ``.npz`` or from a pickle through ``engine.safeio`` (NumPy
arrays only). The presets are the networks the book and the study notes compute by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from engine.network import (
    HIDDEN_ACTIVATIONS,
    OUTPUT_ACTIVATIONS,
    WEIGHT_INITS,
    Network,
    init_weights,
)
from engine.safeio import load_npz, load_pickle

__all__ = [
    "MAX_ABS_WEIGHT",
    "MAX_NEURONS",
    "MAX_LAYERS",
    "network_from_arrays",
    "network_to_arrays",
    "load_weights",
    "book_network",
    "BOOK_INPUT",
    "BOOK_OUTPUT",
    "study_notes_network",
    "STUDY_NOTES_INPUT",
    "xor_network",
    "random_network",
]

#: Weights or biases larger than this in magnitude are refused as absurd.
MAX_ABS_WEIGHT = 1e6
#: The widest layer accepted (MNIST's 784 inputs fit comfortably).
MAX_NEURONS = 10_000
#: The most neuron layers (input and output included) accepted.
MAX_LAYERS = 12

_KEY = re.compile(r"^([Wb])(\d+)$")


def _check_values(name: str, array: np.ndarray, max_abs: float) -> np.ndarray:
    if array.dtype.kind not in "fiub":
        raise ValueError(f"{name} holds {array.dtype} values, not numbers")
    array = array.astype(np.float64)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite values")
    if array.size and float(np.max(np.abs(array))) > max_abs:
        raise ValueError(f"{name} contains values larger than {max_abs:g} in magnitude")
    return array


def network_from_arrays(
    arrays: Mapping[str, Any],
    activations: Sequence[str] | None = None,
    hidden: str = "sigmoid",
    output: str = "softmax",
    max_abs: float = MAX_ABS_WEIGHT,
) -> Network:
    """A ``Network`` from the book's weight dictionary ``{"W1": …, "b1": …, "W2": …}``.

    This is how §3.6.2 uses ``sample_weight.pkl`` (784-50-100-10, sigmoid hidden layers,
    softmax output): ``W{k}`` has shape (n_{k-1}, n_k) and ``b{k}`` shape (n_k,) (a
    (1, n_k) row is accepted too). Unless ``activations`` is given, every hidden layer
    uses ``hidden`` and the output ``output``. Other keys are ignored.

    Raises ``ValueError`` naming the problem: a missing or extra-numbered array, shapes
    that do not chain, non-numeric, non-finite or absurdly large values.
    """
    if not isinstance(arrays, Mapping):
        raise ValueError("the file does not hold a dictionary of arrays (W1, b1, W2, b2, …)")
    numbered: dict[str, dict[int, Any]] = {"W": {}, "b": {}}
    for key, value in arrays.items():
        match = _KEY.match(str(key))
        if match:
            numbered[match.group(1)][int(match.group(2))] = value
    if not numbered["W"]:
        raise ValueError("no weight matrices W1, W2, … were found")
    n_layers = max(numbered["W"])
    if n_layers + 1 > MAX_LAYERS:
        raise ValueError(f"{n_layers} weight layers are more than the {MAX_LAYERS - 1} supported")
    for kind in ("W", "b"):
        for k in range(1, n_layers + 1):
            if k not in numbered[kind]:
                raise ValueError(f"{kind}{k} is missing")
        extra = sorted(k for k in numbered[kind] if k < 1 or k > n_layers)
        if extra:
            raise ValueError(f"{kind}{extra[0]} has no matching W{extra[0]}")
    weights, biases = [], []
    for k in range(1, n_layers + 1):
        try:
            w = np.asarray(numbered["W"][k])
            b = np.asarray(numbered["b"][k])
        except Exception as exc:  # ragged lists and the like
            raise ValueError(f"W{k} or b{k} is not a numeric array") from exc
        if w.ndim != 2:
            raise ValueError(f"W{k} must be a matrix, got shape {w.shape}")
        if b.ndim == 2 and b.shape[0] == 1:
            b = b[0]
        if b.ndim != 1:
            raise ValueError(f"b{k} must be a vector, got shape {b.shape}")
        if b.shape[0] != w.shape[1]:
            raise ValueError(f"b{k} has {b.shape[0]} values but W{k} has {w.shape[1]} columns")
        if weights and w.shape[0] != weights[-1].shape[1]:
            raise ValueError(
                f"W{k} has {w.shape[0]} rows but W{k - 1} has {weights[-1].shape[1]} columns"
            )
        if max(w.shape) > MAX_NEURONS:
            raise ValueError(
                f"W{k} has shape {w.shape}: layers wider than {MAX_NEURONS} are not supported"
            )
        if min(w.shape) < 1:
            raise ValueError(f"W{k} is empty")
        weights.append(_check_values(f"W{k}", w, max_abs))
        biases.append(_check_values(f"b{k}", b, max_abs))
    sizes = [weights[0].shape[0]] + [w.shape[1] for w in weights]
    if activations is None:
        activations = [hidden] * (n_layers - 1) + [output]
    return Network(sizes, list(activations), weights, biases)


def network_to_arrays(net: Network) -> dict[str, np.ndarray]:
    """The book's dictionary ``{"W1": …, "b1": …}`` of copies of ``net``'s parameters."""
    return {key: value.copy() for key, value in net.params.items()}


def load_weights(path: str | Path, hidden: str = "sigmoid", output: str = "softmax") -> Network:
    """A ``Network`` from a ``.npz`` archive or a pickle such as the book's ``sample_weight.pkl``.

    Pickles go through ``engine.safeio.load_pickle`` (NumPy arrays only: anything that
    would run code raises ``safeio.UnsafeFileError``, a ``ValueError``). Shapes are
    checked by ``network_from_arrays``.
    """
    path = Path(path)
    data = load_npz(path) if path.suffix.lower() == ".npz" else load_pickle(path)
    return network_from_arrays(data, hidden=hidden, output=output)


# -- presets ------------------------------------------------------------------------------
#: The input of the book's §3.4.3 example and the output it prints.
BOOK_INPUT = (1.0, 0.5)
BOOK_OUTPUT = (0.3168270764110298, 0.6962790898619668)
#: The input of the study notes' 2-3-2-2 example.
STUDY_NOTES_INPUT = (1.0, 2.0)


def book_network() -> Network:
    """The 3-layer network of book §3.4.3 (``init_network``): 2-3-2-2, sigmoid, identity.

    With x = ``BOOK_INPUT`` it gives y = ``BOOK_OUTPUT``.
    """
    return Network(
        [2, 3, 2, 2],
        ["sigmoid", "sigmoid", "identity"],
        [
            [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]],
            [[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]],
            [[0.1, 0.3], [0.2, 0.4]],
        ],
        [[0.1, 0.2, 0.3], [0.1, 0.2], [0.1, 0.2]],
    )


def study_notes_network() -> Network:
    """The study notes' 2-3-2-2 network (sigmoid hidden layers, identity output).

    The notes' listing adds b1 a second time before the second layer and feeds the
    weighted sums on without their activation; this network computes it as §3.4.3 does.
    """
    return Network(
        [2, 3, 2, 2],
        ["sigmoid", "sigmoid", "identity"],
        [
            [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]],
            [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]],
            [[0.1, 0.5], [0.6, 0.8]],
        ],
        [[-0.3, -0.5, -0.8], [0.2, 0.6], [-0.3, -0.2]],
    )


def xor_network() -> Network:
    """XOR as a two-layer perceptron (book §2.5.2): hidden NAND and OR, output AND.

    Step activations with the book's weights: NAND (−0.5, −0.5, b 0.7), OR (0.5, 0.5,
    b −0.2), AND (0.5, 0.5, b −0.7).
    """
    return Network(
        [2, 2, 1],
        ["step", "step"],
        [[[-0.5, 0.5], [-0.5, 0.5]], [[0.5], [0.5]]],
        [[0.7, -0.2], [-0.7]],
    )


def random_network(
    sizes: Sequence[int],
    hidden: str = "sigmoid",
    output: str = "softmax",
    method: str = "std",
    std: float = 0.01,
    seed: int | None = None,
) -> Network:
    """A network with random weights (``engine.network.init_weights``, book §6.2) and zero
    biases: ``"std"`` (N(0, std²)), ``"xavier"`` (std 1/√n) or ``"he"`` (std √(2/n))."""
    sizes = [int(s) for s in sizes]
    if len(sizes) < 2 or len(sizes) > MAX_LAYERS:
        raise ValueError(f"a network needs 2 to {MAX_LAYERS} layers")
    if min(sizes) < 1 or max(sizes) > MAX_NEURONS:
        raise ValueError(f"every layer needs 1 to {MAX_NEURONS} neurons")
    if method not in WEIGHT_INITS:
        raise ValueError(f"unknown weight initialisation {method!r}")
    if hidden not in HIDDEN_ACTIVATIONS or output not in OUTPUT_ACTIVATIONS:
        raise ValueError("unknown activation")
    weights, biases = init_weights(sizes, method, std, seed)
    return Network(sizes, [hidden] * (len(sizes) - 2) + [output], weights, biases)
