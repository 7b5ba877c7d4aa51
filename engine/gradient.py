"""Numerical differentiation and gradient descent (book §4.3, §4.4).

``numerical_gradient`` follows the book's idiom exactly: it perturbs ``x`` *in place*,
one element at a time, calls ``f`` and restores the element. That is what lets
``numerical_gradient(lambda w: net.loss(x, t), net.W)`` differentiate a loss with respect
to a weight matrix that ``f`` reads through ``net``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "numerical_diff",
    "numerical_gradient",
    "gradient_descent",
    "descent_path",
    "DescentStep",
]


def numerical_diff(f: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """The central difference (f(x+h) − f(x−h)) / 2h (book §4.3.1), error O(h²)."""
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(
    f: Callable[[NDArray], float], x: NDArray, h: float = 1e-4
) -> NDArray[np.floating]:
    """The gradient of ``f`` at ``x`` by central differences, element by element (book §4.4).

    ``x`` may have any shape and must be a floating-point array; it is perturbed in
    place and every element is restored exactly before the function returns (also if
    ``f`` raises). Returns a new array of ``x``'s shape.
    """
    if not isinstance(x, np.ndarray) or not np.issubdtype(x.dtype, np.floating):
        raise TypeError("numerical_gradient needs a floating-point NumPy array it can perturb")
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
    while not it.finished:
        idx = it.multi_index
        tmp = x[idx]
        try:
            x[idx] = tmp + h
            fxh1 = f(x)
            x[idx] = tmp - h
            fxh2 = f(x)
        finally:
            x[idx] = tmp
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        it.iternext()
    return grad


def gradient_descent(
    f: Callable[[NDArray], float],
    init_x: ArrayLike,
    lr: float = 0.01,
    step_num: int = 100,
) -> NDArray[np.floating]:
    """Plain gradient descent x ← x − η ∇f(x) for ``step_num`` steps (book §4.4.1).

    The gradient is numerical (``numerical_gradient``). ``init_x`` is left untouched (the
    book's version overwrites it); the final point is returned.
    """
    x = np.array(init_x, dtype=np.float64)
    for _ in range(step_num):
        x -= lr * numerical_gradient(f, x)
    return x


@dataclass(frozen=True)
class DescentStep:
    """One point of a descent path: the step number, the point, f there and the gradient."""

    step: int
    x: NDArray[np.floating]
    value: float
    grad: NDArray[np.floating]


def descent_path(
    f: Callable[[NDArray], float],
    init_x: ArrayLike,
    lr: float = 0.01,
    step_num: int = 100,
    grad: Callable[[NDArray], NDArray] | None = None,
) -> Iterator[DescentStep]:
    """Yield the points of plain gradient descent, the start point first (book §4.4.1).

    Yields ``step_num + 1`` records; record *k* holds the point after *k* steps (a copy),
    ``f`` there and the gradient there. ``grad`` defaults to the numerical gradient.
    """
    gradient_of = grad if grad is not None else (lambda p: numerical_gradient(f, p))
    x = np.array(init_x, dtype=np.float64)
    for step in range(step_num + 1):
        g = np.asarray(gradient_of(x), dtype=np.float64)
        yield DescentStep(step, x.copy(), float(f(x)), g.copy())
        if step < step_num:
            x = x - lr * g
