"""A layered network with Batch Normalization, Dropout and weight decay (ch. 6).

The book's ``MultiLayerNetExtend`` (``common/multi_layer_net_extend.py``) as an
:class:`engine.layers.LayerNet`: for every hidden layer ``Affine → [BatchNorm] →
activation → [Dropout]``, then ``Affine → SoftmaxWithLoss``; the loss adds ½λΣW² (§6.4.2)
and each weight's gradient λW. Unlike the book's class, BN and the dropout ratio are chosen
*per hidden layer*. Parameter keys follow ``LayerNet``'s rule (the running count of each
local name): with BN on every hidden layer they are the book's ``W1 b1 gamma1 beta1 …``.

It has what :func:`engine.training.train` uses (``sizes``, ``params``, ``predict``,
``loss``, ``accuracy``, ``loss_and_gradient``, ``gradient``, ``numerical_gradient``,
``copy``), so the training loop runs it unchanged; prediction is in test mode (BN's
running statistics, dropout's × (1 − ratio)) and the gradient in training mode, as the
book's net does.
"""

from __future__ import annotations

import copy as _copy
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from engine.layers import Affine, Layer, LayerNet, Relu, Sigmoid, SoftmaxWithLoss, Tanh
from engine.network import Network, init_weights
from engine.regularization import BN_EPS, BatchNormalization, Dropout

__all__ = ["RegularizedNet", "REGNET_ACTIVATIONS"]

Array = NDArray[np.float64]

_ACTIVATIONS = {"relu": Relu, "sigmoid": Sigmoid, "tanh": Tanh}
REGNET_ACTIVATIONS = tuple(_ACTIVATIONS)


def _per_layer(value, n: int, kind: type, what: str) -> list:
    if isinstance(value, (bool, int, float, np.floating)) and not isinstance(value, Sequence):
        return [kind(value)] * n
    values = [kind(v) for v in value]
    if len(values) != n:
        raise ValueError(f"{n} hidden layers need {n} {what}, got {len(values)}")
    return values


class RegularizedNet(LayerNet):
    """``[n_in, *hidden, n_out]`` with optional BN, Dropout per hidden layer and λ (ch. 6).

    ``batchnorm[i]`` puts a BatchNormalization (γ = 1, β = 0, momentum 0.9) after hidden
    layer i's Affine; ``dropout[i] > 0`` a Dropout of that ratio after its activation;
    ``weight_decay`` is λ. Weights come from :func:`engine.network.init_weights` (the same
    numbers the fused ``Network`` of the same config starts from), unless given; dropout
    masks from ``np.random.default_rng(seed + 1)``.
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
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError("a network needs at least two layers of at least one neuron")
        if activation not in _ACTIVATIONS:
            raise ValueError(f"activation {activation!r} is not one of {REGNET_ACTIVATIONS}")
        n_hidden = len(sizes) - 2
        bn = _per_layer(batchnorm, n_hidden, bool, "BN flags")
        drop = _per_layer(dropout, n_hidden, float, "dropout ratios")
        if not np.isfinite(weight_decay) or weight_decay < 0:
            raise ValueError(f"weight decay must be a finite number ≥ 0, not {weight_decay!r}")
        if weights is None or biases is None:
            weights, biases = init_weights(sizes, init, init_std, seed)
        self.sizes = sizes
        self.activation = activation
        self.activations = [activation] * n_hidden + ["softmax"]
        self.batchnorm = bn
        self.dropout = drop
        self.seed = seed
        rng = np.random.default_rng(None if seed is None else seed + 1)
        layers: list[Layer] = []
        for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
            layers.append(Affine(np.array(w, dtype=np.float64), np.array(b, dtype=np.float64)))
            if i == n_hidden:
                break
            if bn[i]:
                layers.append(BatchNormalization(np.ones(sizes[i + 1]), np.zeros(sizes[i + 1])))
            layers.append(_ACTIVATIONS[activation]())
            if drop[i] > 0:
                layers.append(Dropout(drop[i], rng))
        super().__init__(layers, SoftmaxWithLoss(), weight_decay)
        #: The outputs of the hidden activations in the last forward pass (§6.2's view).
        self.hidden_outputs: list[Array] = []
        #: (hidden layer index from 0, γ·x̂ + β) of each BN layer in the last forward pass.
        self.normalized_outputs: list[tuple[int, Array]] = []

    @property
    def weight_decay(self) -> float:
        return self.weight_decay_lambda

    def __repr__(self) -> str:
        return (
            f"RegularizedNet(sizes={self.sizes}, activation={self.activation!r}, "
            f"batchnorm={self.batchnorm}, dropout={self.dropout}, "
            f"weight_decay={self.weight_decay_lambda})"
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
        return _copy.deepcopy(self)

    def to_network(self) -> Network:
        """The fused :class:`~engine.network.Network` that predicts exactly what this net
        predicts at test time (§6.3, §6.4.3), for the Network tab.

        At test time Batch Normalization is a fixed affine map per feature, y = s·(a − μ) + β
        with s = γ/√(σ² + ε) from the running statistics, so it folds into the Affine
        before it: W·s and (b − μ)·s + β. Dropout multiplies its layer's outputs by
        (1 − ratio), which folds into the next weight matrix's rows. The output is
        softmax (this net's scores before the loss).
        """
        weights = [np.array(w, dtype=np.float64) for w in self.weights]
        biases = [np.array(b, dtype=np.float64) for b in self.biases]
        hidden = -1  # the hidden layer the next BN or Dropout belongs to
        for layer in self.layers.values():
            if isinstance(layer, Affine):
                hidden += 1
            elif isinstance(layer, BatchNormalization):
                n = layer.gamma.size
                mean = np.zeros(n) if layer.running_mean is None else layer.running_mean
                var = np.zeros(n) if layer.running_var is None else layer.running_var
                scale = layer.gamma / np.sqrt(var + BN_EPS)
                weights[hidden] = weights[hidden] * scale
                biases[hidden] = (biases[hidden] - mean) * scale + layer.beta
            elif isinstance(layer, Dropout):
                weights[hidden + 1] = weights[hidden + 1] * (1.0 - layer.ratio)
        return Network(self.sizes, self.activations, weights, biases)

    def predict(self, x: ArrayLike, train: bool = False) -> Array:
        """The output scores before softmax, in test mode unless ``train`` (§6.3, §6.4.3);
        records ``hidden_outputs`` and ``normalized_outputs``."""
        z = np.asarray(x, dtype=np.float64)
        if z.ndim == 1:
            z = z[None, :]
        if z.shape[1] != self.sizes[0]:
            raise ValueError(f"input has {z.shape[1]} values, the network takes {self.sizes[0]}")
        self.set_train(train)
        outputs: list[Array] = []
        normalized: list[tuple[int, Array]] = []
        for layer in self.layers.values():
            z = layer.forward(z)
            if isinstance(layer, (Relu, Sigmoid, Tanh)):
                outputs.append(z)
            elif isinstance(layer, BatchNormalization):
                normalized.append((len(outputs), z))
        self.hidden_outputs = outputs
        self.normalized_outputs = normalized
        return z

    def loss(self, x: ArrayLike, t: ArrayLike, train: bool = True) -> float:
        """Cross-entropy after softmax + ½λΣW² (§6.4.2), in training mode by default."""
        return super().loss(x, t, train)

    def loss_and_gradient(self, x: ArrayLike, t: ArrayLike) -> tuple[float, dict[str, Array]]:
        """The loss (training mode) and ∂L/∂θ by backpropagation (§5.7, §6.3–6.4).

        ``LayerNet``'s walk, less one product: the first Affine's ∂L/∂x (the gradient of
        the *input*, which no one uses) is not computed — for MNIST that is the largest
        matrix product of the backward pass (bench 10).
        """
        value = self.loss(x, t, train=True)
        d = self.last_layer.backward(1.0)
        self.douts = {}
        names = list(self.layers)
        for name in reversed(names[1:]):
            self.douts[name] = d
            d = self.layers[name].backward(d)
        first = self.layers[names[0]]
        self.douts[names[0]] = d
        assert isinstance(first, Affine)
        first.grads = {"W": first.x.T @ d, "b": d.sum(axis=0)}
        lam = self.weight_decay_lambda
        grads = {}
        for key, layer, local in self._keys:
            g = layer.grads[local]
            grads[key] = g + lam * layer.params[local] if lam and local == "W" else g
        return value, grads

    def _dropouts(self) -> list[Dropout]:
        return [layer for layer in self.layers.values() if isinstance(layer, Dropout)]

    def numerical_gradient(self, x: ArrayLike, t: ArrayLike, h: float = 1e-4) -> dict[str, Array]:
        """∂L/∂θ by central differences (h = 1e-4, §4.4) on the training-mode loss.

        With dropout, the masks are drawn once by a first pass and then held, so every
        nudged loss sees the same network (:meth:`gradient_check_pair`).
        """
        drops = self._dropouts()
        if drops and not any(d.frozen for d in drops):
            return self.gradient_check_pair(x, t)[0]
        return super().numerical_gradient(x, t, h)

    def gradient_check_pair(
        self, x: ArrayLike, t: ArrayLike
    ) -> tuple[dict[str, Array], dict[str, Array]]:
        """(numerical, backprop) gradients on the same batch and the same dropout masks."""
        backprop = {k: np.array(v) for k, v in self.gradient(x, t).items()}  # draws masks
        drops = self._dropouts()
        for d in drops:
            d.frozen = True
        try:
            numerical = LayerNet.numerical_gradient(self, x, t)
        finally:
            for d in drops:
                d.frozen = False
        return numerical, backprop
