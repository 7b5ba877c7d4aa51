"""Layered networks: the forward pass of ch. 3 and the learning of ch. 4–5.

``Network`` is a fully connected network with one activation per layer. Its forward
pass follows §3.4.3 (a = z·W + b, z = h(a), y = σ(a) at the output) and keeps every
intermediate value in a ``Trace``. With a softmax or identity output it also has a loss
and two gradients: the numerical one of §4.5 and backpropagation (§5.6–5.7).

``TwoLayerNet`` is the book's two-layer net (§4.5.1 with ReLU as in §5.7.2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from engine import functions as F
from engine.fastgrad import numerical_gradient_fast
from engine.gradient import numerical_gradient as _numerical_gradient

__all__ = ["Network", "TwoLayerNet", "Trace", "init_weights", "WEIGHT_INITS"]

HIDDEN_ACTIVATIONS = ("step", "sigmoid", "relu", "tanh", "identity")
OUTPUT_ACTIVATIONS = ("identity", "softmax", "sigmoid", "step")
WEIGHT_INITS = ("std", "xavier", "he")

Array = NDArray[np.floating]


def _relu_in_place(a: Array) -> Array:
    return np.maximum(a, 0, out=a)


def _sigmoid_in_place(a: Array) -> Array:
    # 1 / (1 + e^-a) without overflow: e^-|a| ≤ 1, then mirror the negative side
    negative = a < 0
    np.abs(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    e = a.copy()
    a += 1
    np.reciprocal(a, out=a)
    np.multiply(a, e, out=e)  # e / (1 + e), the value for negative inputs
    np.copyto(a, e, where=negative)
    return a


#: Hidden activations applied in place to the weighted sum (which backprop no longer needs).
_ACTIVATE_IN_PLACE = {
    "relu": _relu_in_place,
    "sigmoid": _sigmoid_in_place,
    "tanh": lambda a: np.tanh(a, out=a),
    "identity": lambda a: a,
}


def _relu_backward(delta: Array, z: Array) -> None:
    delta *= z > 0


def _sigmoid_backward(delta: Array, z: Array) -> None:
    delta *= z
    delta *= 1 - z


def _tanh_backward(delta: Array, z: Array) -> None:
    delta *= 1 - z * z


#: delta ← delta · h'(a), with h' computed from the activation's output z = h(a) (§5.5).
_BACKWARD_IN_PLACE = {
    "relu": _relu_backward,
    "sigmoid": _sigmoid_backward,
    "tanh": _tanh_backward,
    "identity": lambda delta, z: None,
}


@dataclass
class Trace:
    """Everything the forward pass computed (book §3.4.3's a1, z1, a2, z2, …, y).

    ``a[i]`` is layer i+1's weighted sum, ``z[i]`` the hidden layer i+1's activation
    (there are one fewer ``z`` than ``a``), and ``y`` the output.
    """

    x: Array
    a: list[Array] = field(default_factory=list)
    z: list[Array] = field(default_factory=list)
    y: Array | None = None


def init_weights(
    sizes: Sequence[int],
    method: str = "std",
    std: float = 0.01,
    seed: int | None = None,
    dtype: type = np.float64,
) -> tuple[list[Array], list[Array]]:
    """Random weights and zero biases for layer sizes ``sizes`` (book §6.2).

    ``method`` is ``"std"`` (N(0, std²), the book's ``weight_init_std``), ``"xavier"``
    (std 1/√n, §6.2.2, for sigmoid and tanh) or ``"he"`` (std √(2/n), §6.2.3, for ReLU),
    n being the number of inputs to the layer.
    """
    if method not in WEIGHT_INITS:
        raise ValueError(f"unknown weight initialisation {method!r}")
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=False):
        scale = {"std": std, "xavier": 1.0 / np.sqrt(n_in), "he": np.sqrt(2.0 / n_in)}[method]
        weights.append((scale * rng.standard_normal((n_in, n_out))).astype(dtype))
        biases.append(np.zeros(n_out, dtype=dtype))
    return weights, biases


class Network:
    """A fully connected network with per-layer activations (book §3.4, §5.7).

    ``sizes`` lists the neurons per layer, input first (``[2, 3, 2, 2]``);
    ``activations`` has one name per weight layer (``["sigmoid", "sigmoid", "identity"]``),
    hidden layers from ``step, sigmoid, relu, tanh, identity`` and the output from
    ``identity, softmax, sigmoid, step``. Weights default to zeros.

    ``weights[i]`` has shape (sizes[i], sizes[i+1]); ``params`` views the same arrays
    under the book's names ``W1, b1, W2, b2, …`` so optimizers update the network in place.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activations: Sequence[str],
        weights: Sequence[ArrayLike] | None = None,
        biases: Sequence[ArrayLike] | None = None,
        dtype: type = np.float64,
    ) -> None:
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError("a network needs at least two layers of at least one neuron")
        if len(activations) != len(sizes) - 1:
            raise ValueError(
                f"{len(sizes) - 1} weight layers need {len(sizes) - 1} activations, "
                f"got {len(activations)}"
            )
        for i, name in enumerate(activations):
            allowed = OUTPUT_ACTIVATIONS if i == len(activations) - 1 else HIDDEN_ACTIVATIONS
            if name not in allowed:
                raise ValueError(f"activation {name!r} is not allowed in layer {i + 1}")
        self.sizes = sizes
        self.activations = list(activations)
        self.dtype = np.dtype(dtype)
        if weights is None:
            weights = [np.zeros((m, n)) for m, n in zip(sizes[:-1], sizes[1:], strict=False)]
        if biases is None:
            biases = [np.zeros(n) for n in sizes[1:]]
        self.weights: list[Array] = [np.array(w, dtype=self.dtype) for w in weights]
        self.biases: list[Array] = [np.array(b, dtype=self.dtype) for b in biases]
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            if w.shape != (sizes[i], sizes[i + 1]):
                raise ValueError(
                    f"W{i + 1} has shape {w.shape}, expected {(sizes[i], sizes[i + 1])}"
                )
            if b.shape != (sizes[i + 1],):
                raise ValueError(f"b{i + 1} has shape {b.shape}, expected {(sizes[i + 1],)}")
        if len(self.weights) != len(sizes) - 1 or len(self.biases) != len(sizes) - 1:
            raise ValueError("one weight matrix and one bias vector per layer are needed")

    # -- structure -------------------------------------------------------------------
    @property
    def params(self) -> dict[str, Array]:
        """``{"W1": weights[0], "b1": biases[0], …}``: the same arrays, not copies."""
        out: dict[str, Array] = {}
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            out[f"W{i + 1}"] = w
            out[f"b{i + 1}"] = b
        return out

    @property
    def n_layers(self) -> int:
        """The number of weight layers (the book's "3-layer network" has 3)."""
        return len(self.weights)

    def copy(self) -> Network:
        """A deep copy (weights copied)."""
        return Network(self.sizes, self.activations, self.weights, self.biases, self.dtype)

    def __repr__(self) -> str:
        return f"Network(sizes={self.sizes}, activations={self.activations})"

    # -- forward ---------------------------------------------------------------------
    def forward(self, x: ArrayLike) -> Trace:
        """The forward pass with every intermediate value (book §3.4.3).

        ``x`` is one sample (1-D) or a batch (one sample per row).
        """
        z = np.asarray(x, dtype=self.dtype)
        if z.ndim == 0 or z.shape[-1] != self.sizes[0]:
            if z.ndim == 0:
                raise ValueError(f"input is one number, the network takes {self.sizes[0]}")
            raise ValueError(f"input has {z.shape[-1]} values, the network takes {self.sizes[0]}")
        trace = Trace(x=z.copy())
        last = self.n_layers - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            a = z @ w + b
            trace.a.append(a)
            z = np.asarray(F.ACTIVATIONS[self.activations[i]](a), dtype=self.dtype)
            if i < last:
                trace.z.append(z)
        trace.y = z
        return trace

    def predict(self, x: ArrayLike) -> Array:
        """The network's output y for ``x`` (book §3.4.3 ``forward``, §4.5 ``predict``)."""
        y = self.forward(x).y
        assert y is not None
        return y

    # -- learning --------------------------------------------------------------------
    def _check_trainable(self) -> None:
        if self.activations[-1] not in ("softmax", "identity"):
            raise ValueError("learning needs a softmax or identity output layer")
        for name in self.activations[:-1]:
            if name not in F.ACTIVATION_GRADS and name != "identity":
                raise ValueError(f"the {name} activation has no useful gradient")

    def _one_hot(self, t: ArrayLike, n: int) -> Array:
        ta = np.asarray(t)
        if ta.ndim == 2 and ta.shape[1] == self.sizes[-1]:
            return ta.astype(self.dtype)
        if n == 1 and ta.ndim == 1 and ta.size == self.sizes[-1] > 1:  # one one-hot target
            return ta.reshape(1, -1).astype(self.dtype)
        labels = F.check_labels(ta, self.sizes[-1])
        if labels.shape[0] != n:
            raise ValueError(f"{labels.shape[0]} labels for {n} samples")
        out = np.zeros((n, self.sizes[-1]), dtype=self.dtype)
        out[np.arange(n), labels] = 1
        return out

    def _loss_from_output(self, y: Array, t: ArrayLike) -> float:
        if self.activations[-1] == "softmax":
            return F.cross_entropy_error(y, t)
        y2 = np.atleast_2d(y)
        return F.sum_squared_error(y2, self._one_hot(t, y2.shape[0])) / y2.shape[0]

    def loss(self, x: ArrayLike, t: ArrayLike) -> float:
        """The loss: cross-entropy after softmax (§4.2.2), else ½Σ(y−t)² per sample (§4.2.1).

        ``t`` is one-hot or class labels; the mean over the batch is returned.
        """
        self._check_trainable()
        return self._loss_from_output(self.predict(x), t)

    def accuracy(self, x: ArrayLike, t: ArrayLike) -> float:
        """The fraction of samples whose largest output is the target class (book §4.5.2)."""
        y = np.atleast_2d(self.predict(x))
        ta = np.asarray(t)
        labels = ta.argmax(axis=1) if ta.ndim == 2 else ta.reshape(-1)
        return float(np.mean(y.argmax(axis=1) == labels))

    def numerical_gradient(
        self, x: ArrayLike, t: ArrayLike, method: str = "fast"
    ) -> dict[str, Array]:
        """∂L/∂W for every parameter by central differences, h = 1e-4 (book §4.5.1).

        ``method="loop"`` is the book's loop: nudge one parameter, recompute the loss,
        2 × (number of parameters) forward passes. ``method="fast"`` (the default) gives
        the same numbers (to rounding, ≈1e-12) ~100× faster: it recomputes only what a
        nudge changes, many parameters at a time (``engine.fastgrad``).
        """
        self._check_trainable()
        if method == "fast":
            return numerical_gradient_fast(self.weights, self.biases, self.activations, x, t)
        if method != "loop":
            raise ValueError(f"unknown numerical-gradient method {method!r}")
        params = self.params
        return {key: _numerical_gradient(lambda _p: self.loss(x, t), params[key]) for key in params}

    def loss_and_gradient(self, x: ArrayLike, t: ArrayLike) -> tuple[float, dict[str, Array]]:
        """The loss and its gradient by backpropagation from one forward pass (§5.6–5.7).

        The book's layers (Affine, ReLU/Sigmoid, SoftmaxWithLoss) fused into one lean pass:
        the activations' derivatives come from their outputs (ReLU: z > 0, sigmoid:
        z(1 − z), tanh: 1 − z²), temporaries are reused in place and the gradient with
        respect to the input, which no parameter needs, is never computed. Everything
        stays in the network's dtype: a float32 network with float32 data computes in
        float32 throughout (about twice as fast as float64).
        """
        self._check_trainable()
        z = np.asarray(x, dtype=self.dtype)
        if z.ndim == 1:
            z = z[None, :]
        if z.ndim != 2 or z.shape[1] != self.sizes[0]:
            raise ValueError(f"input has {z.shape[-1]} values, the network takes {self.sizes[0]}")
        batch = z.shape[0]
        last = self.n_layers - 1
        inputs = [z]  # the input of every Affine layer
        for i in range(last):
            a = z @ self.weights[i]
            a += self.biases[i]
            z = _ACTIVATE_IN_PLACE[self.activations[i]](a)
            inputs.append(z)
        y = z @ self.weights[last]
        y += self.biases[last]
        n_out = y.shape[1]
        ta = np.asarray(t)
        one_hot = ta.size == batch * n_out and (ta.ndim == 2 or (batch == 1 and n_out > 1))
        labels = None if one_hot else F.check_labels(ta, n_out).astype(np.intp)
        if labels is not None and labels.shape[0] != batch:
            raise ValueError(f"{labels.shape[0]} labels for {batch} samples")
        rows = np.arange(batch)
        # dL/dy (the gradient with respect to the output layer's weighted sum), in place in y
        if self.activations[last] == "softmax":
            y -= y.max(axis=1, keepdims=True)
            np.exp(y, out=y)
            y /= y.sum(axis=1, keepdims=True)
            picked = labels if labels is not None else ta.reshape(batch, n_out).argmax(axis=1)
            loss = -float(np.log(y[rows, picked] + F.CROSS_ENTROPY_DELTA).sum()) / batch
        else:  # identity output, ½Σ(y − t)² per sample
            loss = 0.0
        if labels is not None:
            y[rows, labels] -= 1
        else:
            y -= ta.reshape(batch, n_out).astype(self.dtype, copy=False)
        if self.activations[last] != "softmax":
            loss = 0.5 * float(np.vdot(y, y)) / batch
        delta = y
        delta *= self.dtype.type(1.0 / batch)
        grads: dict[str, Array] = {}
        for i in range(last, -1, -1):
            grads[f"W{i + 1}"] = inputs[i].T @ delta
            grads[f"b{i + 1}"] = delta.sum(axis=0)
            if i > 0:
                delta = delta @ self.weights[i].T
                _BACKWARD_IN_PLACE[self.activations[i - 1]](delta, inputs[i])
        return loss, {k: grads[k] for k in self.params}

    def gradient(self, x: ArrayLike, t: ArrayLike) -> dict[str, Array]:
        """∂L/∂W for every parameter by backpropagation (book §5.7.2)."""
        return self.loss_and_gradient(x, t)[1]


class TwoLayerNet(Network):
    """The book's two-layer net: Affine → ReLU → Affine → Softmax (§4.5.1, §5.7.2).

    Weights are ``weight_init_std`` × N(0, 1) and biases zero, as in the book; ``params``
    holds ``W1, b1, W2, b2``.
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        output_size: int,
        weight_init_std: float = 0.01,
        seed: int | None = None,
        dtype: type = np.float64,
    ) -> None:
        sizes = [input_size, hidden_size, output_size]
        w, b = init_weights(sizes, "std", weight_init_std, seed, dtype)
        super().__init__(sizes, ["relu", "softmax"], w, b, dtype)
