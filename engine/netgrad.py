"""The backward pass of a drawn network against a target (ch. 5 applied to ch. 3's network).

Given an ``engine.network.Network``, one input x, a target t (a class label or a one-hot /
real vector) and a loss — ``"sse"``: ½ Σ (y − t)² on the network's own output y
(§4.2.1), or ``"ce"``: the cross-entropy after a softmax of the output layer's weighted
sums (§4.2.2, the Softmax-with-Loss layer of §5.6.3, whatever the drawn output
activation) — :func:`backward` walks the book's layers (``engine.layers``) backwards
and returns the loss, ∂L/∂W and ∂L/∂b of every layer (keys ``W1, b1, …``) and
δ = ∂L/∂a at every neuron (a being its weighted sum, §5.7). :func:`numerical` gives
one parameter's derivative by central differences (§4.3), :func:`sgd_step` one
gradient-descent step (§4.4.1) on a copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from engine import functions as F
from engine import layers as L
from engine.network import Network

__all__ = ["LOSSES", "BackwardResult", "target_vector", "backward", "loss", "numerical", "sgd_step"]

#: The losses the Network tab offers.
LOSSES = ("sse", "ce")

Array = NDArray[np.float64]

_HIDDEN = {"relu": L.Relu, "sigmoid": L.Sigmoid, "tanh": L.Tanh}


class Softmax(L.Layer):
    """Softmax alone as a layer (output activation before ½Σ(y − t)²)."""

    def __init__(self) -> None:
        super().__init__()
        self.out: Array | None = None

    def forward(self, x: ArrayLike) -> Array:
        """softmax(x) per row."""
        self.out = F.softmax(x)
        return self.out

    def backward(self, dout: ArrayLike) -> Array:
        """y ⊙ (dout − Σ dout·y): the Jacobian of the softmax times dout."""
        d = np.asarray(dout)
        return self.out * (d - np.sum(d * self.out, axis=-1, keepdims=True))


@dataclass(frozen=True)
class BackwardResult:
    """What one backward pass found.

    ``loss`` L, ``y`` the prediction the loss is computed on (softmax(a) for ``"ce"``),
    ``grads`` ∂L/∂W and ∂L/∂b keyed ``W1, b1, …``, ``deltas[i]`` ∂L/∂a of layer i+1's
    neurons (1-D), ``t`` the target as a vector.
    """

    loss: float
    y: Array
    grads: dict[str, Array]
    deltas: list[Array]
    t: Array


def target_vector(t: ArrayLike, n_out: int) -> Array:
    """A target as a vector of ``n_out``: a class label (an integer) becomes one-hot.

    ``ValueError`` for a label out of range or a vector of the wrong length.
    """
    ta = np.asarray(t, dtype=np.float64)
    if ta.ndim == 0:
        label = F.check_labels(ta.reshape(1), n_out)[0]
        out = np.zeros(n_out)
        out[label] = 1.0
        return out
    ta = ta.reshape(-1)
    if ta.shape[0] != n_out:
        raise ValueError(f"the target has {ta.shape[0]} values, the network {n_out} outputs")
    if not np.all(np.isfinite(ta)):
        raise ValueError("the target must be finite")
    return ta


def _layer_net(net: Network, kind: str) -> L.LayerNet:
    if kind not in LOSSES:
        raise ValueError(f"unknown loss {kind!r}")
    layers: list[L.Layer] = []
    last = net.n_layers - 1
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        layers.append(L.Affine(w, b))
        name = net.activations[i]
        if i == last and kind == "ce":
            break
        if name == "identity":
            continue
        if name == "softmax":
            layers.append(Softmax())
        elif name in _HIDDEN:
            layers.append(_HIDDEN[name]())
        else:
            raise ValueError(f"the {name} activation has no useful gradient (layer {i + 1})")
    last_layer = L.SoftmaxWithLoss() if kind == "ce" else L.IdentityWithLoss()
    return L.LayerNet(layers, last_layer)


def backward(net: Network, x: ArrayLike, t: ArrayLike, kind: str = "sse") -> BackwardResult:
    """Loss, gradients and δ of ``net`` at one input ``x`` for target ``t`` (§5.7).

    ``ValueError`` for a step activation (its derivative is 0 wherever it exists) or an
    unknown loss. The network's arrays are read, never changed.
    """
    lnet = _layer_net(net, kind)
    xa = np.asarray(x, dtype=np.float64).reshape(1, -1)  # a batch of one: no 1-D quirk
    tv = target_vector(t, net.sizes[-1])
    with np.errstate(all="ignore"):
        value, grads = lnet.loss_and_gradient(xa, tv[None, :])
    deltas = [lnet.douts[f"Affine{i + 1}"][0].copy() for i in range(net.n_layers)]
    y = lnet.last_layer.y[0].copy()
    grads = {k: np.array(v, dtype=np.float64) for k, v in grads.items()}
    return BackwardResult(float(value), y, grads, deltas, tv)


def loss(net: Network, x: ArrayLike, t: ArrayLike, kind: str = "sse") -> float:
    """The loss alone (the same as ``backward(...).loss``)."""
    lnet = _layer_net(net, kind)
    xa = np.asarray(x, dtype=np.float64).reshape(1, -1)
    with np.errstate(all="ignore"):
        return float(lnet.loss(xa, target_vector(t, net.sizes[-1])[None, :]))


def numerical(
    net: Network,
    x: ArrayLike,
    t: ArrayLike,
    kind: str,
    key: str,
    index: Sequence[int],
    h: float = 1e-4,
) -> float:
    """∂L/∂(params[key][index]) by the central difference (L(p + h) − L(p − h)) / 2h (§4.3)."""
    probe = net.copy()
    p = probe.params[key]
    idx = tuple(int(i) for i in index)
    saved = float(p[idx])
    p[idx] = saved + h
    up = loss(probe, x, t, kind)
    p[idx] = saved - h
    down = loss(probe, x, t, kind)
    return (up - down) / (2 * h)


def sgd_step(net: Network, grads: dict[str, Array], lr: float) -> Network:
    """A copy of ``net`` after one step W ← W − lr·∂L/∂W for every parameter (§4.4.1)."""
    out = net.copy()
    for key, p in out.params.items():
        p -= lr * grads[key]
    return out
