"""Activation and loss functions (book §2.3, §3.2, §3.5, §4.2).

Every function accepts a scalar, a 1-D vector or a batch (2-D, one sample per row) and
returns a new array; none modifies its argument.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "step_function",
    "sigmoid",
    "sigmoid_grad",
    "relu",
    "relu_grad",
    "tanh",
    "tanh_grad",
    "identity",
    "softmax",
    "sum_squared_error",
    "check_labels",
    "cross_entropy_error",
    "ACTIVATIONS",
    "ACTIVATION_GRADS",
]

#: The small constant the book adds inside ``log`` so that ``log(0)`` never happens (§4.2.2).
CROSS_ENTROPY_DELTA = 1e-7


def _float_array(x: ArrayLike) -> NDArray[np.floating]:
    a = np.asarray(x)
    if not np.issubdtype(a.dtype, np.floating):
        a = a.astype(np.float64)
    return a


def step_function(x: ArrayLike) -> NDArray[np.int64]:
    """The step function h(x) = 1 if x > 0 else 0 (book §3.2.2); the perceptron's activation."""
    return (np.asarray(x) > 0).astype(np.int64)


def sigmoid(x: ArrayLike) -> NDArray[np.floating]:
    """The sigmoid h(x) = 1 / (1 + exp(-x)) (book §3.2.4).

    Computed without overflow for any finite input: for negative x the equivalent
    exp(x) / (1 + exp(x)) is used, so ``sigmoid(-1000)`` is 0.0 with no warning.
    """
    a = _float_array(x)
    out = np.empty_like(a)
    pos = a >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-a[pos]))
    e = np.exp(a[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def sigmoid_grad(x: ArrayLike) -> NDArray[np.floating]:
    """The derivative of the sigmoid, h'(x) = h(x)(1 − h(x)) (book §5.5.2)."""
    s = sigmoid(x)
    return s * (1.0 - s)


def relu(x: ArrayLike) -> NDArray[np.floating]:
    """The rectified linear unit h(x) = max(0, x) (book §3.2.7)."""
    return np.maximum(0, _float_array(x))


def relu_grad(x: ArrayLike) -> NDArray[np.floating]:
    """The derivative of ReLU: 1 where x > 0, else 0 (book §5.5.1)."""
    a = _float_array(x)
    return (a > 0).astype(a.dtype)


def tanh(x: ArrayLike) -> NDArray[np.floating]:
    """The hyperbolic tangent, an S-shaped activation centred on 0 (book §6.2.2)."""
    return np.tanh(_float_array(x))


def tanh_grad(x: ArrayLike) -> NDArray[np.floating]:
    """The derivative of tanh, 1 − tanh(x)²."""
    t = np.tanh(_float_array(x))
    return 1.0 - t * t


def identity(x: ArrayLike) -> NDArray[np.floating]:
    """The identity function σ(x) = x, the output activation for regression (book §3.4.2)."""
    return _float_array(x).copy()


def softmax(x: ArrayLike) -> NDArray[np.floating]:
    """The softmax yₖ = exp(aₖ) / Σᵢ exp(aᵢ) (book §3.5.1), per row for a batch.

    Subtracts the maximum first (§3.5.2), so ``softmax([1010, 1000, 990])`` does not overflow.
    Each output row sums to 1.
    """
    a = _float_array(x)
    shifted = a - np.max(a, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def sum_squared_error(y: ArrayLike, t: ArrayLike) -> float:
    """The sum of squared errors E = ½ Σₖ (yₖ − tₖ)² (book §4.2.1), summed over a batch too."""
    ya = _float_array(y)
    ta = _float_array(t)
    return float(0.5 * np.sum((ya - ta) ** 2))


def check_labels(t: ArrayLike, n_classes: int) -> NDArray[np.int64]:
    """Class labels as a flat int64 array; ``ValueError`` unless each is a whole number
    from 0 to ``n_classes`` − 1 (a label 5 for 2 classes, −1 or 0.5 is a mistake, not an
    index to wrap or truncate)."""
    ta = np.asarray(t).reshape(-1)
    if ta.dtype.kind not in "biuf":
        raise ValueError(f"labels must be numbers, got {ta.dtype}")
    if ta.size and ta.dtype.kind == "f" and not np.all(np.isfinite(ta) & (ta == np.round(ta))):
        raise ValueError("labels must be whole numbers")
    if ta.size and (ta.min() < 0 or ta.max() >= n_classes):
        raise ValueError(f"labels must be 0 to {n_classes - 1}")
    return ta.astype(np.int64)


def cross_entropy_error(y: ArrayLike, t: ArrayLike) -> float:
    """The cross-entropy error E = −Σₖ tₖ log(yₖ + δ), δ = 1e-7 (book §4.2.2–4.2.4).

    ``y`` is a probability vector or a batch of them. ``t`` is one-hot (same shape as
    ``y``) or class labels (one integer per sample). For a batch the mean over samples is
    returned.
    """
    ya = _float_array(y)
    ta = np.asarray(t)
    if ya.ndim == 1:
        ya = ya.reshape(1, -1)
        ta = ta.reshape(1, -1) if ta.size == ya.size else ta.reshape(1)
    if ta.size == ya.size:  # one-hot: convert to labels (book §4.2.4)
        ta = ta.reshape(ya.shape).argmax(axis=1)
    ta = check_labels(ta, ya.shape[1])
    if ta.shape[0] != ya.shape[0]:
        raise ValueError(f"{ta.shape[0]} labels for {ya.shape[0]} samples")
    batch = ya.shape[0]
    return float(-np.sum(np.log(ya[np.arange(batch), ta] + CROSS_ENTROPY_DELTA)) / batch)


#: Activations by the names the GUI and project files use.
ACTIVATIONS = {
    "step": step_function,
    "sigmoid": sigmoid,
    "relu": relu,
    "tanh": tanh,
    "identity": identity,
    "softmax": softmax,
}

#: Element-wise derivatives of the activations that have one (used by backprop).
ACTIVATION_GRADS = {
    "sigmoid": sigmoid_grad,
    "relu": relu_grad,
    "tanh": tanh_grad,
}
