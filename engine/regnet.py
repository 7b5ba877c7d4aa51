"""A layered network with Batch Normalization, Dropout and weight decay (ch. 6).

The book's ``MultiLayerNetExtend`` (``common/multi_layer_net_extend.py``): for every
hidden layer ``Affine → [BatchNorm] → activation → [Dropout]``, then ``Affine →
Softmax-with-Loss``; the loss adds ½λΣW² (§6.4.2) and each weight's gradient λW. Unlike
the book's class, BN and the dropout ratio are chosen *per hidden layer*.

It has the same methods as :class:`engine.network.Network` that
:func:`engine.training.train` uses (``sizes``, ``params``, ``predict``, ``loss``,
``accuracy``, ``loss_and_gradient``, ``gradient``, ``numerical_gradient``, ``copy``), so
the training loop runs it unchanged; prediction is in test mode (BN's running statistics,
dropout's × (1 − ratio)) and the gradient in training mode, as the book's net does.
"""

from __future__ import annotations

import copy as _copy
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from engine import functions as F
from engine.gradient import numerical_gradient as _numerical_gradient
from engine.network import init_weights
from engine.regularization import BatchNormalization, Dropout, add_weight_decay, weight_decay_loss

__all__ = ["RegularizedNet", "REGNET_ACTIVATIONS"]

Array = NDArray[np.float64]

REGNET_ACTIVATIONS = ("relu", "sigmoid", "tanh")


class _Affine:
    """y = x·W + b (book §5.6.2); ``params`` holds the live arrays."""

    def __init__(self, w: Array, b: Array) -> None:
        self.params = {"W": w, "b": b}
        self.grads: dict[str, Array] = {}
        self.x: Array | None = None

    def forward(self, x: Array, train: bool = True) -> Array:
        self.x = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, dout: Array) -> Array:
        assert self.x is not None
        self.grads["W"] = self.x.T @ dout
        self.grads["b"] = dout.sum(axis=0)
        return dout @ self.params["W"].T


class _Activation:
    """ReLU, sigmoid or tanh with the derivative taken from its output (§5.5)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.params: dict[str, Array] = {}
        self.grads: dict[str, Array] = {}
        self.out: Array | None = None

    def forward(self, x: Array, train: bool = True) -> Array:
        if self.name == "relu":
            out = np.maximum(x, 0.0)
        elif self.name == "sigmoid":
            out = F.sigmoid(x)
        else:
            out = np.tanh(x)
        self.out = out
        return out

    def backward(self, dout: Array) -> Array:
        z = self.out
        assert z is not None
        if self.name == "relu":
            return dout * (z > 0)
        if self.name == "sigmoid":
            return dout * z * (1.0 - z)
        return dout * (1.0 - z * z)


class RegularizedNet:
    """``[n_in, *hidden, n_out]`` with optional BN, Dropout per hidden layer and λ (ch. 6).

    ``batchnorm[i]`` puts a BatchNormalization (γ = 1, β = 0, momentum 0.9) after hidden
    layer i's Affine; ``dropout[i] > 0`` a Dropout of that ratio after its activation;
    ``weight_decay`` is λ. Weights come from :func:`engine.network.init_weights` (the same
    numbers the fused ``Network`` of the same config starts from); dropout masks from
    ``np.random.default_rng(seed + 1)``.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str = "relu",
        init: str = "he",
        init_std: float = 0.01,
        seed: int | None = 0,
        batchnorm: Sequence[bool] | bool = False,
        dropout: Sequence[float] | float = 0.0,
        weight_decay: float = 0.0,
        weights: Sequence[ArrayLike] | None = None,
        biases: Sequence[ArrayLike] | None = None,
    ) -> None:
        self.sizes = [int(s) for s in sizes]
        if len(self.sizes) < 2 or min(self.sizes) < 1:
            raise ValueError("a network needs at least two layers of at least one neuron")
        if activation not in REGNET_ACTIVATIONS:
            raise ValueError(f"activation {activation!r} is not one of {REGNET_ACTIVATIONS}")
        n_hidden = len(self.sizes) - 2
        bn = (
            [bool(batchnorm)] * n_hidden
            if isinstance(batchnorm, bool)
            else [bool(b) for b in batchnorm]
        )
        drop = [float(dropout)] * n_hidden if np.isscalar(dropout) else [float(d) for d in dropout]
        if len(bn) != n_hidden or len(drop) != n_hidden:
            raise ValueError(
                f"{n_hidden} hidden layers need {n_hidden} BN flags and dropout ratios"
            )
        if not np.isfinite(weight_decay) or weight_decay < 0:
            raise ValueError(f"weight decay must be a finite number ≥ 0, not {weight_decay!r}")
        self.activation = activation
        self.activations = [activation] * n_hidden + ["softmax"]
        self.batchnorm = bn
        self.dropout = drop
        self.weight_decay = float(weight_decay)
        self.seed = seed
        if weights is None or biases is None:
            weights, biases = init_weights(self.sizes, init, init_std, seed)
        self._rng = np.random.default_rng(None if seed is None else seed + 1)
        self.layers: list = []
        self.params: dict[str, Array] = {}
        self._param_of: list[tuple[str, object, str]] = []  # (book key, layer, layer key)
        for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
            affine = _Affine(np.array(w, dtype=np.float64), np.array(b, dtype=np.float64))
            self.layers.append(affine)
            self._register(f"W{i + 1}", affine, "W")
            self._register(f"b{i + 1}", affine, "b")
            if i == n_hidden:
                break
            if bn[i]:
                norm = BatchNormalization(np.ones(self.sizes[i + 1]), np.zeros(self.sizes[i + 1]))
                self.layers.append(norm)
                self._register(f"gamma{i + 1}", norm, "gamma")
                self._register(f"beta{i + 1}", norm, "beta")
            self.layers.append(_Activation(activation))
            if drop[i] > 0:
                self.layers.append(Dropout(drop[i], self._rng))
        self._frozen_masks = False
        self.hidden_outputs: list[Array] = []

    def _register(self, key: str, layer, layer_key: str) -> None:
        self.params[key] = layer.params[layer_key]
        self._param_of.append((key, layer, layer_key))

    def __repr__(self) -> str:
        return (
            f"RegularizedNet(sizes={self.sizes}, activation={self.activation!r}, "
            f"batchnorm={self.batchnorm}, dropout={self.dropout}, weight_decay={self.weight_decay})"
        )

    @property
    def n_layers(self) -> int:
        return len(self.sizes) - 1

    @property
    def weights(self) -> list[Array]:
        return [self.params[f"W{i + 1}"] for i in range(self.n_layers)]

    @property
    def biases(self) -> list[Array]:
        return [self.params[f"b{i + 1}"] for i in range(self.n_layers)]

    def copy(self) -> RegularizedNet:
        """A deep copy (parameters, running statistics and the dropout stream)."""
        twin = _copy.deepcopy(self)
        return twin

    # -- forward ---------------------------------------------------------------------
    def _forward(self, x: ArrayLike, train: bool) -> Array:
        z = np.asarray(x, dtype=np.float64)
        if z.ndim == 1:
            z = z[None, :]
        if z.shape[1] != self.sizes[0]:
            raise ValueError(f"input has {z.shape[1]} values, the network takes {self.sizes[0]}")
        outputs = []
        for layer in self.layers:
            if (
                isinstance(layer, Dropout)
                and self._frozen_masks
                and train
                and layer.mask is not None
            ):
                z = z * layer.mask  # the gradient check reuses the masks of its first pass
            else:
                z = layer.forward(z, train)
            if isinstance(layer, _Activation):
                outputs.append(z)
        self.hidden_outputs = outputs
        return z

    def predict(self, x: ArrayLike, train: bool = False) -> Array:
        """The output scores (before softmax), in test mode unless ``train``."""
        return self._forward(x, train)

    def loss(self, x: ArrayLike, t: ArrayLike, train: bool = True) -> float:
        """Cross-entropy after softmax + ½λΣW² (book §6.4.2), in training mode by default."""
        y = F.softmax(self._forward(x, train))
        return float(F.cross_entropy_error(y, t)) + weight_decay_loss(
            self.params, self.weight_decay
        )

    def accuracy(self, x: ArrayLike, t: ArrayLike) -> float:
        """The share of samples whose largest output is the target class, in test mode."""
        y = self.predict(x)
        ta = np.asarray(t)
        labels = ta.argmax(axis=1) if ta.ndim == 2 else ta.reshape(-1)
        return float(np.mean(y.argmax(axis=1) == labels))

    # -- gradients -------------------------------------------------------------------
    def loss_and_gradient(self, x: ArrayLike, t: ArrayLike) -> tuple[float, dict[str, Array]]:
        """The loss (training mode) and its gradient by backpropagation (§5.7, §6.3–6.4)."""
        scores = self._forward(x, True)
        y = F.softmax(scores)
        ta = np.asarray(t)
        batch = y.shape[0]
        loss = float(F.cross_entropy_error(y, ta)) + weight_decay_loss(
            self.params, self.weight_decay
        )
        dout = y.copy()
        if ta.ndim == 2:
            dout -= ta
        else:
            dout[np.arange(batch), F.check_labels(ta, y.shape[1])] -= 1
        dout /= batch
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        grads = {key: layer.grads[lk] for key, layer, lk in self._param_of}
        add_weight_decay(grads, self.params, self.weight_decay)
        return loss, grads

    def gradient(self, x: ArrayLike, t: ArrayLike) -> dict[str, Array]:
        """∂L/∂θ for every parameter by backpropagation."""
        return self.loss_and_gradient(x, t)[1]

    def numerical_gradient(
        self, x: ArrayLike, t: ArrayLike, method: str = "loop"
    ) -> dict[str, Array]:
        """∂L/∂θ by central differences (h = 1e-4, §4.4) on the training-mode loss.

        Dropout's masks are drawn once and then held fixed, so the numerical and the
        backprop gradient (which reuses them too, see :meth:`gradient_check_pair`) see
        the same network.
        """
        if self._has_dropout() and not self._frozen_masks:
            grads, _ = self.gradient_check_pair(x, t)
            return grads
        return {
            key: _numerical_gradient(lambda _p: self.loss(x, t, True), self.params[key])
            for key in self.params
        }

    def _has_dropout(self) -> bool:
        return any(isinstance(layer, Dropout) for layer in self.layers)

    def gradient_check_pair(
        self, x: ArrayLike, t: ArrayLike
    ) -> tuple[dict[str, Array], dict[str, Array]]:
        """(numerical, backprop) gradients on the same batch and the same dropout masks."""
        backprop = self.gradient(x, t)  # draws the masks
        backprop = {k: v.copy() for k, v in backprop.items()}
        self._frozen_masks = True
        try:
            numerical = self.numerical_gradient(x, t)
        finally:
            self._frozen_masks = False
        return numerical, backprop
