"""Batch Normalization (§6.3), weight decay (§6.4.2) and Dropout (§6.4.3).

Both layers keep the shape of the book's ``common/layers.py``: ``forward`` caches what
``backward`` needs, ``backward(dout)`` returns dL/dx. They follow the layer interface of
:mod:`engine.layers` (which re-exports them): ``params`` and ``grads`` dicts (BN's
``gamma`` and ``beta``; Dropout has none) and the ``train`` flag (True while learning,
False at test time) that a ``LayerNet`` sets; ``forward(x, train)`` may also pass it
directly, as the book's ``train_flg``.

Weight decay adds ½λΣW² over the *weights* (not the biases, nor BN's γ and β) to the loss
and λW to each weight's gradient: :func:`weight_decay_loss`, :func:`add_weight_decay`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from engine.layers import Layer

__all__ = [
    "BatchNormalization",
    "Dropout",
    "BN_EPS",
    "is_weight",
    "weight_decay_loss",
    "add_weight_decay",
]

Array = NDArray[np.float64]

#: The book's ε under the square root of the variance (``10e-7``, i.e. 1e-6).
BN_EPS = 10e-7


class BatchNormalization(Layer):
    """Batch Normalization (book §6.3.1, ``common/layers.py``).

    While training, each feature is normalised over the mini-batch,
    x̂ = (x − μ_B) / √(σ²_B + ε), then scaled and shifted, y = γ·x̂ + β; the running mean
    and variance follow ``running ← momentum·running + (1 − momentum)·batch`` (starting
    from zeros, as the book's layer does). At test time (``train=False``) x̂ uses the
    running values. Inputs of any rank are flattened to (N, features) first (ch. 7).
    """

    def __init__(
        self,
        gamma: Array,
        beta: Array,
        momentum: float = 0.9,
        running_mean: Array | None = None,
        running_var: Array | None = None,
    ) -> None:
        super().__init__()
        self.params["gamma"] = np.asarray(gamma, dtype=np.float64)
        self.params["beta"] = np.asarray(beta, dtype=np.float64)
        self.momentum = float(momentum)
        self.running_mean = None if running_mean is None else np.array(running_mean, float)
        self.running_var = None if running_var is None else np.array(running_var, float)
        self._shape: tuple[int, ...] | None = None
        self._xc: Array | None = None
        self._xn: Array | None = None
        self._std: Array | None = None

    @property
    def gamma(self) -> Array:
        return self.params["gamma"]

    @property
    def beta(self) -> Array:
        return self.params["beta"]

    def __repr__(self) -> str:
        return f"BatchNormalization(features={self.gamma.size}, momentum={self.momentum})"

    def forward(self, x: Array, train: bool | None = None) -> Array:
        """y = γ·x̂ + β with batch statistics (``train``) or the running ones (test);
        ``train`` defaults to the layer's ``train`` flag."""
        train = self.train if train is None else train
        x = np.asarray(x, dtype=np.float64)
        self._shape = x.shape
        flat = x.reshape(x.shape[0], -1)
        if self.running_mean is None:
            self.running_mean = np.zeros(flat.shape[1])
            self.running_var = np.zeros(flat.shape[1])
        if train:
            mu = flat.mean(axis=0)
            xc = flat - mu
            var = np.mean(xc**2, axis=0)
            std = np.sqrt(var + BN_EPS)
            xn = xc / std
            self._xc, self._xn, self._std = xc, xn, std
            m = self.momentum
            self.running_mean = m * self.running_mean + (1 - m) * mu
            self.running_var = m * self.running_var + (1 - m) * var
        else:
            xn = (flat - self.running_mean) / np.sqrt(self.running_var + BN_EPS)
        out = self.gamma * xn + self.beta
        return out.reshape(self._shape)

    def backward(self, dout: Array) -> Array:
        """dL/dx through the batch statistics; sets ``grads["gamma"]``, ``grads["beta"]``.

        The computational graph of §6.3.1 (Fig. 6-17), node by node as the book's layer
        walks it. Only valid after a ``train=True`` forward pass.
        """
        if self._xn is None or self._shape is None:
            raise RuntimeError("backward needs a forward pass with train=True first")
        dout = np.asarray(dout, dtype=np.float64).reshape(self._xn.shape)
        n = dout.shape[0]
        self.grads["beta"] = dout.sum(axis=0)
        self.grads["gamma"] = np.sum(self._xn * dout, axis=0)
        dxn = self.gamma * dout
        dxc = dxn / self._std
        dstd = -np.sum((dxn * self._xc) / (self._std * self._std), axis=0)
        dvar = 0.5 * dstd / self._std
        dxc = dxc + (2.0 / n) * self._xc * dvar
        dmu = np.sum(dxc, axis=0)
        dx = dxc - dmu / n
        return dx.reshape(self._shape)


class Dropout(Layer):
    """Dropout (book §6.4.3, ``common/layers.py``).

    While training, each unit is kept when a uniform draw exceeds ``ratio`` (so a share
    ``ratio`` is erased, afresh on every forward pass) and the kept ones pass unchanged;
    at test time every unit passes, multiplied by (1 − ratio). ``rng`` supplies the draws
    (``rng.random(shape)``); ``np.random.RandomState(s)`` gives the same masks as the
    book's ``np.random.rand`` after ``np.random.seed(s)``.
    """

    def __init__(
        self, ratio: float = 0.5, rng: np.random.Generator | np.random.RandomState | None = None
    ) -> None:
        if not 0.0 <= float(ratio) < 1.0:
            raise ValueError(f"the dropout ratio must be in [0, 1), not {ratio!r}")
        super().__init__()
        self.ratio = float(ratio)
        self.rng = rng if rng is not None else np.random.default_rng()
        self.mask: NDArray[np.bool_] | None = None
        #: While True, a training pass reuses the last mask (a gradient check compares
        #: the numerical and the backprop gradient of one and the same network).
        self.frozen = False

    def __repr__(self) -> str:
        return f"Dropout(ratio={self.ratio})"

    def forward(self, x: Array, train: bool | None = None) -> Array:
        """x·mask while training (a fresh random mask), x·(1 − ratio) at test time;
        ``train`` defaults to the layer's ``train`` flag."""
        train = self.train if train is None else train
        x = np.asarray(x, dtype=np.float64)
        if train:
            if not (self.frozen and self.mask is not None and self.mask.shape == x.shape):
                self.mask = self.rng.random(x.shape) > self.ratio
            return x * self.mask
        return x * (1.0 - self.ratio)

    def backward(self, dout: Array) -> Array:
        """dL/dx = dout·mask: the erased units pass no gradient back."""
        if self.mask is None:
            raise RuntimeError("backward needs a forward pass with train=True first")
        return dout * self.mask


def is_weight(key: str) -> bool:
    """True for a weight matrix's key (``W1``, ``W2``, …), the parameters weight decay acts on."""
    return key.startswith("W") and key[1:].isdigit()


def weight_decay_loss(params: Mapping[str, Array], lam: float) -> float:
    """½λ·ΣW² over the weights ``W1, W2, …`` of ``params`` (book §6.4.2); 0 when λ = 0."""
    if lam == 0:
        return 0.0
    return float(0.5 * lam * sum(np.sum(np.square(p)) for k, p in params.items() if is_weight(k)))


def add_weight_decay(
    grads: dict[str, Array], params: Mapping[str, Array], lam: float
) -> dict[str, Array]:
    """Add λW to each weight's gradient (the derivative of ½λW², §6.4.2); biases unchanged.

    Returns ``grads`` (updated in place, new arrays: the caller's arrays are not mutated).
    """
    if lam != 0:
        for key in list(grads):
            if is_weight(key):
                grads[key] = grads[key] + lam * params[key]
    return grads
