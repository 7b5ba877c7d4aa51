"""The book's layers (§5.4–5.7) and a network made of them, walked backwards.

Each layer caches in ``forward`` what its ``backward`` needs, as in the book's
``ch05/layer_naive.py`` and ``common/layers.py``: ``MulLayer`` and ``AddLayer`` (§5.4),
``Relu`` and ``Sigmoid`` (§5.5), ``Affine`` (§5.6, an input of any rank is flattened to
(N, −1) and the gradient gets the original shape back) and ``SoftmaxWithLoss`` (§5.6.3,
Appendix A). ``LayerNet`` is the book's ``TwoLayerNet``/``MultiLayerNet`` of §5.7: an
ordered list of layers and a last (loss) layer; ``predict`` walks the list forwards and
``gradient`` walks it backwards.

The layer interface (for the layers of ch. 6 and ch. 7 too)
-----------------------------------------------------------
A layer used in a ``LayerNet`` is any object with

* ``forward(x) -> out`` and ``backward(dout) -> dx`` (``dx`` has the shape of ``x``).
  Neither may modify its argument in place (the book's ``Relu.backward`` does; ours
  do not): return new arrays.
* ``params: dict[str, ndarray]`` — its learnable arrays under short local names
  (``{"W": W, "b": b}`` for Affine and Convolution, ``{"gamma": …, "beta": …}`` for
  Batch Normalization, ``{}`` for the rest). These are the arrays ``forward`` reads: an
  optimizer updates them in place.
* ``grads: dict[str, ndarray]`` — filled by ``backward`` with the same keys as
  ``params``.
* ``train: bool`` — ``True`` while learning, ``False`` for inference. Layers that
  behave differently (Dropout, Batch Normalization) read it in ``forward``; the net sets
  it on every layer before each pass (``predict(x, train=False)``, ``gradient`` uses
  ``True``), playing the role of the book's ``train_flg``.

Subclassing :class:`Layer` gives the three attributes and a ``__repr__``. The net names
each parameter by its local name and the running count of layers that have that local
name: Affine, Affine → ``W1 b1 W2 b2``; Affine, BatchNorm, Relu, Affine →
``W1 b1 gamma1 beta1 W2 b2``; Convolution, Relu, Pooling, Affine, Relu, Affine →
``W1 b1 W2 b2 W3 b3`` — the keys of the book's nets. New layers are re-exported here
(one import line each, at the bottom).

Where the book's code is odd
----------------------------
* ``SoftmaxWithLoss.backward(dout)``: the book ignores ``dout`` (it is always called
  with 1). Ours multiplies by it, so with ``dout = 1`` the values are the book's.
  For a 1-D input (one sample, not a batch) the book divides the gradient by
  ``t.shape[0]``, which is then the number of classes: (y − t)/C instead of y − t. Ours
  gives that same value for a 1-D input (``BOOK_1D_DIVISION`` documents it), so the
  book's examples come out identical; a batch of one row (shape (1, C)) gives y − t.
* ``Relu``: the layer's gradient at exactly 0 is 0 (its mask is ``x <= 0``), while the
  book's ``common.functions.relu_grad`` gives 1 at 0 (``x >= 0``). We keep the layer's
  0 (so does ``engine.functions.relu_grad``).
* ``Relu.backward`` in the book writes zeros into the ``dout`` it is given; ours returns
  a new array and leaves the caller's untouched.
* ``Affine`` with a 1-D input: the book's reshape to (x.shape[0], −1) fails; ours takes
  it as one sample (Fig. 5-24's X of shape (2,)) and returns 1-D results.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from engine import functions as F
from engine.gradient import numerical_gradient as _numerical_gradient

__all__ = [
    "Layer",
    "MulLayer",
    "AddLayer",
    "Relu",
    "Sigmoid",
    "Tanh",
    "Affine",
    "SoftmaxWithLoss",
    "IdentityWithLoss",
    "LayerNet",
    "MultiLayerNet",
    "TwoLayerNet",
    "from_network",
    "BOOK_1D_DIVISION",
]

Array = NDArray[np.floating]

#: True: for a 1-D input SoftmaxWithLoss.backward divides by the class count, as the book.
BOOK_1D_DIVISION = True


def _float(x: ArrayLike) -> Array:
    a = np.asarray(x)
    if not np.issubdtype(a.dtype, np.floating):
        a = a.astype(np.float64)
    return a


class Layer:
    """The base of every layer: empty ``params`` and ``grads``, ``train`` on (see module doc)."""

    def __init__(self) -> None:
        self.params: dict[str, Array] = {}
        self.grads: dict[str, Array] = {}
        self.train = True

    def forward(self, x: ArrayLike) -> Array:  # pragma: no cover - interface
        """The layer's output for ``x`` (caching what ``backward`` needs)."""
        raise NotImplementedError

    def backward(self, dout: ArrayLike) -> Array:  # pragma: no cover - interface
        """∂L/∂x from ∂L/∂out; fills ``grads``."""
        raise NotImplementedError

    def __repr__(self) -> str:
        shapes = ", ".join(f"{k}={tuple(v.shape)}" for k, v in self.params.items())
        return f"{type(self).__name__}({shapes})"


# -- §5.4: the two nodes of the shopping example --------------------------------------
class MulLayer(Layer):
    """The × node (book §5.4.1): out = x·y; backward gives (dout·y, dout·x), the inputs swapped."""

    def __init__(self) -> None:
        super().__init__()
        self.x: Any = None
        self.y: Any = None

    def forward(self, x: Any, y: Any) -> Any:  # type: ignore[override]
        """x · y, remembering both inputs."""
        self.x, self.y = x, y
        return x * y

    def backward(self, dout: Any) -> tuple[Any, Any]:  # type: ignore[override]
        """(∂L/∂x, ∂L/∂y) = (dout · y, dout · x)."""
        return dout * self.y, dout * self.x


class AddLayer(Layer):
    """The + node (book §5.4.2): out = x + y; backward passes dout on to both inputs."""

    def forward(self, x: Any, y: Any) -> Any:  # type: ignore[override]
        """x + y."""
        return x + y

    def backward(self, dout: Any) -> tuple[Any, Any]:  # type: ignore[override]
        """(∂L/∂x, ∂L/∂y) = (dout · 1, dout · 1)."""
        return dout * 1, dout * 1


# -- §5.5: activation layers ----------------------------------------------------------
class Relu(Layer):
    """ReLU (book §5.5.1): out = max(0, x); the gradient flows where x > 0 and stops elsewhere.

    At x = 0 exactly the gradient is 0, as the book's layer (its mask is ``x <= 0``).
    """

    def __init__(self) -> None:
        super().__init__()
        self.mask: NDArray[np.bool_] | None = None

    def forward(self, x: ArrayLike) -> Array:
        """max(0, x), a new array; remembers where x ≤ 0."""
        xa = _float(x)
        self.mask = xa <= 0
        return np.where(self.mask, xa.dtype.type(0), xa)

    def backward(self, dout: ArrayLike) -> Array:
        """dout where x > 0, else 0 (a new array: ``dout`` is not modified)."""
        d = _float(dout)
        return np.where(self.mask, d.dtype.type(0), d)


class Sigmoid(Layer):
    """The sigmoid layer (book §5.5.2): backward is dout · y(1 − y), from the output y alone."""

    def __init__(self) -> None:
        super().__init__()
        self.out: Array | None = None

    def forward(self, x: ArrayLike) -> Array:
        """1 / (1 + exp(−x)), overflow-safe (``engine.functions.sigmoid``)."""
        self.out = F.sigmoid(x)
        return self.out

    def backward(self, dout: ArrayLike) -> Array:
        """dout · (1 − y) · y."""
        return _float(dout) * (1.0 - self.out) * self.out


class Tanh(Layer):
    """tanh as a layer (not in the book's ch. 5; §6.2.2 uses it): backward dout · (1 − y²)."""

    def __init__(self) -> None:
        super().__init__()
        self.out: Array | None = None

    def forward(self, x: ArrayLike) -> Array:
        """tanh(x)."""
        self.out = np.tanh(_float(x))
        return self.out

    def backward(self, dout: ArrayLike) -> Array:
        """dout · (1 − y²)."""
        return _float(dout) * (1.0 - self.out * self.out)


# -- §5.6: Affine and the loss layers -------------------------------------------------
class Affine(Layer):
    """The Affine layer (book §5.6.2): out = x·W + b.

    ``x`` may be one sample (1-D), a batch (N, n) or any higher rank (N, …), which is
    flattened to (N, −1) as in the book's ``common/layers.py`` (for the convolution
    chapter); ``backward`` returns dx in the original shape. dx = dout·Wᵀ,
    dW = xᵀ·dout, db = Σ dout over the batch. ``params`` holds the very arrays W and b.
    """

    def __init__(self, W: ArrayLike, b: ArrayLike) -> None:
        super().__init__()
        self.params = {"W": np.asarray(W), "b": np.asarray(b)}
        self.x: Array | None = None
        self.original_x_shape: tuple[int, ...] | None = None

    @property
    def W(self) -> Array:
        """The weight matrix (the array in ``params``)."""
        return self.params["W"]

    @property
    def b(self) -> Array:
        """The bias vector (the array in ``params``)."""
        return self.params["b"]

    @property
    def dW(self) -> Array | None:
        """∂L/∂W after ``backward`` (the book's attribute name)."""
        return self.grads.get("W")

    @property
    def db(self) -> Array | None:
        """∂L/∂b after ``backward`` (the book's attribute name)."""
        return self.grads.get("b")

    def forward(self, x: ArrayLike) -> Array:
        """x·W + b (x of rank > 2 flattened per sample)."""
        xa = np.asarray(x)
        self.original_x_shape = xa.shape
        if xa.ndim > 2:
            xa = xa.reshape(xa.shape[0], -1)
        self.x = xa
        return xa @ self.W + self.b

    def backward(self, dout: ArrayLike) -> Array:
        """dx = dout·Wᵀ (original shape); fills grads W = xᵀ·dout and b = Σ dout."""
        d = np.asarray(dout)
        dx = d @ self.W.T
        if self.x.ndim == 1:
            self.grads = {"W": np.outer(self.x, d), "b": d.copy()}
        else:
            self.grads = {"W": self.x.T @ d, "b": d.sum(axis=0)}
        return dx.reshape(self.original_x_shape)


def _one_hot_like(y: Array, t: ArrayLike) -> Array:
    """``t`` as one-hot rows of ``y``'s shape (``t`` one-hot already or class labels)."""
    ta = np.asarray(t)
    if ta.size == y.size and y.size > 1 or ta.shape == y.shape:
        return ta.reshape(y.shape).astype(y.dtype)
    n_classes = y.shape[-1]
    labels = F.check_labels(ta, n_classes)
    rows = 1 if y.ndim == 1 else y.shape[0]
    if labels.shape[0] != rows:
        raise ValueError(f"{labels.shape[0]} labels for {rows} samples")
    out = np.zeros((rows, n_classes), dtype=y.dtype)
    out[np.arange(rows), labels] = 1
    return out.reshape(y.shape)


class SoftmaxWithLoss(Layer):
    """Softmax then the cross-entropy error, as one layer (book §5.6.3, Appendix A).

    ``forward(x, t)`` returns the loss (the mean over a batch; δ = 1e-7 inside the log);
    ``t`` is one-hot or class labels. ``backward(dout=1)`` gives dout · (y − t)/N for a
    batch of N rows — and (y − t)/C for a 1-D input of C classes, as the book's code
    does (see the module docstring). ``y``, ``t`` (one-hot) and ``loss`` stay readable.
    """

    def __init__(self) -> None:
        super().__init__()
        self.loss: float | None = None
        self.y: Array | None = None
        self.t: Array | None = None

    def forward(self, x: ArrayLike, t: ArrayLike) -> float:  # type: ignore[override]
        """The cross-entropy of softmax(x) against ``t``."""
        self.y = F.softmax(x)
        self.t = _one_hot_like(self.y, t)
        self.loss = F.cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout: ArrayLike = 1) -> Array:
        """dout · (y − t) / N (N the batch size; the class count for a 1-D input)."""
        n = self.y.shape[0]  # for a 1-D input: the class count, as in the book
        if self.y.ndim == 1 and not BOOK_1D_DIVISION:
            n = 1
        return np.asarray(dout) * (self.y - self.t) / n


class IdentityWithLoss(Layer):
    """Identity output with the sum of squared errors (§4.2.1), the mean over a batch.

    L = ½ Σ (y − t)² / N (one sample: N = 1), the loss ``engine.network.Network`` uses
    after an identity output; backward gives dout · (y − t) / N. Not in the book as a
    layer; the Network tab's regression targets use it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.loss: float | None = None
        self.y: Array | None = None
        self.t: Array | None = None

    def forward(self, x: ArrayLike, t: ArrayLike) -> float:  # type: ignore[override]
        """½ Σ (x − t)² / N."""
        self.y = _float(x)
        self.t = _one_hot_like(self.y, t)
        n = 1 if self.y.ndim == 1 else self.y.shape[0]
        self.loss = F.sum_squared_error(self.y, self.t) / n
        return self.loss

    def backward(self, dout: ArrayLike = 1) -> Array:
        """dout · (y − t) / N."""
        n = 1 if self.y.ndim == 1 else self.y.shape[0]
        return np.asarray(dout) * (self.y - self.t) / n


# -- §5.7: a network of layers --------------------------------------------------------
class LayerNet:
    """An ordered list of layers and a loss layer (the book's nets of §5.7).

    ``layers`` is a sequence (named ``Affine1, Relu1, Affine2, …`` by class and count) or
    a mapping name → layer; ``last_layer`` is ``SoftmaxWithLoss`` or ``IdentityWithLoss``.
    ``params`` collects the layers' arrays under the book's keys (see the module
    docstring); an optimizer updating ``params`` updates the layers. With
    ``weight_decay_lambda`` λ > 0 the loss adds ½λ Σ ‖W‖² over every ``W`` and the
    gradient λW (book §6.4.1, ``MultiLayerNet``).
    """

    def __init__(
        self,
        layers: Sequence[Layer] | Mapping[str, Layer],
        last_layer: Layer,
        weight_decay_lambda: float = 0.0,
    ) -> None:
        if isinstance(layers, Mapping):
            self.layers: OrderedDict[str, Layer] = OrderedDict(layers)
        else:
            self.layers = OrderedDict()
            counts: dict[str, int] = {}
            for layer in layers:
                kind = type(layer).__name__
                counts[kind] = counts.get(kind, 0) + 1
                self.layers[f"{kind}{counts[kind]}"] = layer
        self.last_layer = last_layer
        self.weight_decay_lambda = float(weight_decay_lambda)
        #: ∂L/∂(output of each layer) from the last ``backward`` (δ of §5.7), by layer name
        self.douts: dict[str, Array] = {}
        self._keys: list[tuple[str, Layer, str]] = []
        counts = {}
        for layer in self.layers.values():
            for local in layer.params:
                counts[local] = counts.get(local, 0) + 1
                self._keys.append((f"{local}{counts[local]}", layer, local))

    def __repr__(self) -> str:
        inner = ", ".join(self.layers)
        return f"{type(self).__name__}([{inner}] → {type(self.last_layer).__name__})"

    @property
    def params(self) -> dict[str, Array]:
        """Every learnable array by the book's key (``W1``, ``b1``, …): the arrays themselves."""
        return {key: layer.params[local] for key, layer, local in self._keys}

    def set_train(self, train: bool) -> None:
        """Set every layer's ``train`` flag (the book's ``train_flg``)."""
        for layer in self.layers.values():
            layer.train = train
        self.last_layer.train = train

    def predict(self, x: ArrayLike, train: bool = False) -> Array:
        """The output before the loss layer: every layer's ``forward`` in order (§5.7.2)."""
        self.set_train(train)
        out: Any = x
        for layer in self.layers.values():
            out = layer.forward(out)
        return out

    def loss(self, x: ArrayLike, t: ArrayLike, train: bool = False) -> float:
        """The loss layer's value on ``predict(x)`` (plus weight decay, if any)."""
        value = self.last_layer.forward(self.predict(x, train), t)
        if self.weight_decay_lambda:
            value += (
                0.5
                * self.weight_decay_lambda
                * sum(float(np.sum(w * w)) for key, w in self.params.items() if key[0] == "W")
            )
        return value

    def accuracy(self, x: ArrayLike, t: ArrayLike) -> float:
        """The fraction of samples whose largest output is the target class (§4.5.2)."""
        y = np.atleast_2d(self.predict(x))
        ta = np.asarray(t)
        labels = ta.argmax(axis=1) if ta.ndim == 2 else ta.reshape(-1)
        return float(np.mean(y.argmax(axis=1) == labels))

    def backward(self, dout: ArrayLike = 1.0) -> Array:
        """Walk the layers backwards from the loss (after ``loss``); returns ∂L/∂x.

        Records ``douts[name]``, the gradient arriving at each layer's output.
        """
        d = self.last_layer.backward(dout)
        self.douts = {}
        for name in reversed(self.layers):
            self.douts[name] = d
            d = self.layers[name].backward(d)
        return d

    def loss_and_gradient(self, x: ArrayLike, t: ArrayLike) -> tuple[float, dict[str, Array]]:
        """The loss (forward with ``train=True``) and ∂L/∂p for every key of ``params``."""
        value = self.loss(x, t, train=True)
        self.backward(1.0)
        grads = {}
        for key, layer, local in self._keys:
            g = layer.grads[local]
            if self.weight_decay_lambda and local == "W":
                g = g + self.weight_decay_lambda * layer.params[local]
            grads[key] = g
        return value, grads

    def gradient(self, x: ArrayLike, t: ArrayLike) -> dict[str, Array]:
        """∂L/∂p by backpropagation through the layers (book §5.7.2 ``gradient``)."""
        return self.loss_and_gradient(x, t)[1]

    def numerical_gradient(self, x: ArrayLike, t: ArrayLike, h: float = 1e-4) -> dict[str, Array]:
        """∂L/∂p by central differences, one parameter at a time (book §4.5.1)."""
        params = self.params
        return {
            key: _numerical_gradient(lambda _w: self.loss(x, t, train=True), params[key], h)
            for key in params
        }


_ACTIVATION_LAYERS = {"relu": Relu, "sigmoid": Sigmoid, "tanh": Tanh}


def _init_method(weight_init_std: float | str) -> tuple[str, float]:
    name = str(weight_init_std).lower()
    if name in ("relu", "he"):
        return "he", 0.0
    if name in ("sigmoid", "xavier"):
        return "xavier", 0.0
    return "std", float(weight_init_std)


class MultiLayerNet(LayerNet):
    """The book's ``MultiLayerNet`` (§5.7, §6.2): (Affine → activation) × k, Affine, Softmax.

    ``weight_init_std`` is a number (N(0, std²)), ``"relu"``/``"he"`` (√(2/n)) or
    ``"sigmoid"``/``"xavier"`` (√(1/n)); biases start at zero. The same ``seed`` gives
    the same weights as ``engine.network.init_weights`` (and so as
    ``engine.network.TwoLayerNet``).
    """

    def __init__(
        self,
        input_size: int,
        hidden_size_list: Sequence[int],
        output_size: int,
        activation: str = "relu",
        weight_init_std: float | str = "relu",
        weight_decay_lambda: float = 0.0,
        seed: int | None = None,
        dtype: type = np.float64,
    ) -> None:
        from engine.network import init_weights  # engine.network may later use this module

        if activation not in _ACTIVATION_LAYERS:
            raise ValueError(f"unknown activation {activation!r}")
        sizes = [int(input_size), *(int(s) for s in hidden_size_list), int(output_size)]
        method, std = _init_method(weight_init_std)
        weights, biases = init_weights(sizes, method, std, seed, dtype)
        layers: list[Layer] = []
        for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
            layers.append(Affine(w, b))
            if i < len(weights) - 1:
                layers.append(_ACTIVATION_LAYERS[activation]())
        self.sizes = sizes
        super().__init__(layers, SoftmaxWithLoss(), weight_decay_lambda)


class TwoLayerNet(MultiLayerNet):
    """The book's two-layer net of §5.7.2: Affine1 → Relu1 → Affine2 → SoftmaxWithLoss."""

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        output_size: int,
        weight_init_std: float = 0.01,
        seed: int | None = None,
        dtype: type = np.float64,
    ) -> None:
        super().__init__(
            input_size, [hidden_size], output_size, "relu", weight_init_std, 0.0, seed, dtype
        )


def from_network(net: Any) -> LayerNet:
    """A ``LayerNet`` over an ``engine.network.Network``'s own weight arrays (shared).

    Hidden activations relu, sigmoid, tanh and identity (no layer); the output layer
    softmax (→ ``SoftmaxWithLoss``) or identity (→ ``IdentityWithLoss``, ½Σ(y − t)²).
    ``ValueError`` for an activation without a useful gradient (step) or another output.
    """
    layers: list[Layer] = []
    last = len(net.weights) - 1
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        layers.append(Affine(w, b))
        name = net.activations[i]
        if i < last:
            if name == "identity":
                continue
            if name not in _ACTIVATION_LAYERS:
                raise ValueError(f"the {name} activation has no useful gradient")
            layers.append(_ACTIVATION_LAYERS[name]())
    output = net.activations[last]
    if output == "softmax":
        return LayerNet(layers, SoftmaxWithLoss())
    if output == "identity":
        return LayerNet(layers, IdentityWithLoss())
    raise ValueError(f"backpropagation needs a softmax or identity output, not {output}")


# -- layers of later chapters (one import line each) ----------------------------------
from engine.conv import Convolution, Pooling, col2im, im2col  # noqa: E402, F401
from engine.regularization import BatchNormalization, Dropout  # noqa: E402, F401
