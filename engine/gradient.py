"""Numerical differentiation and gradient descent (book §4.3, §4.4).

``numerical_gradient`` follows the book's idiom exactly: it perturbs ``x`` *in place*,
one element at a time, calls ``f`` and restores the element. That is what lets
``numerical_gradient(lambda w: net.loss(x, t), net.W)`` differentiate a loss with respect
to a weight matrix that ``f`` reads through ``net``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from engine.optimizers import Optimizer

__all__ = [
    "numerical_diff",
    "numerical_gradient",
    "gradient_descent",
    "descent_path",
    "DescentStep",
    "Diverged",
    "RaceRecord",
    "race",
    "forward_diff",
    "difference_errors",
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


@dataclass(frozen=True)
class Diverged:
    """The last record of a path that ran away: at ``step`` the point became non-finite
    (``reason == "nan"``: NaN or ±inf in x, f or the gradient) or left the box
    ``|xᵢ| ≤ bound`` (``reason == "bound"``). ``x`` is that point (a copy)."""

    step: int
    reason: str
    x: NDArray[np.floating]
    bound: float | None = None


def descent_path(
    f: Callable[[NDArray], float],
    init_x: ArrayLike,
    lr: float = 0.01,
    step_num: int = 100,
    grad: Callable[[NDArray], NDArray] | None = None,
    *,
    optimizer: Optimizer | None = None,
    bound: float | None = None,
    h: float = 1e-4,
) -> Iterator[DescentStep | Diverged]:
    """Yield the points of a gradient descent, the start point first (book §4.4.1, §6.1).

    Yields ``step_num + 1`` records; record *k* holds the point after *k* steps (a copy),
    ``f`` there and the gradient there. ``grad`` defaults to the numerical gradient
    (central differences with step ``h``). Without ``optimizer`` the update is plain
    x ← x − lr·∇f; with one (``engine.optimizers``), its ``update`` moves the point and
    ``lr`` is not used.

    If the point, f or the gradient becomes non-finite, or some |xᵢ| exceeds ``bound``,
    the path ends with a :class:`Diverged` record for that step instead of raising.
    """
    gradient_of = grad if grad is not None else (lambda p: numerical_gradient(f, p, h))
    x = np.array(init_x, dtype=np.float64)
    params = {"x": x}
    for step in range(step_num + 1):
        with np.errstate(all="ignore"):
            problem = _check_point(x, bound)
            if problem is None:
                value = float(f(x))
                g = np.asarray(gradient_of(x), dtype=np.float64)
                if not (math.isfinite(value) and np.all(np.isfinite(g))):
                    problem = "nan"
        if problem is not None:
            yield Diverged(step, problem, x.copy(), bound)
            return
        yield DescentStep(step, x.copy(), value, g.copy())
        if step < step_num:
            with np.errstate(all="ignore"):
                if optimizer is None:
                    x = x - lr * g
                    params["x"] = x
                else:
                    optimizer.update(params, {"x": g.copy()})
                    x = params["x"]


def _check_point(x: NDArray, bound: float | None) -> str | None:
    if not np.all(np.isfinite(x)):
        return "nan"
    if bound is not None and float(np.max(np.abs(x))) > bound:
        return "bound"
    return None


@dataclass(frozen=True)
class RaceRecord:
    """One step of a race: ``entries[i]`` is racer *i*'s record at ``step`` (a
    :class:`DescentStep`, its final :class:`Diverged`, or ``None`` once it has ended)."""

    step: int
    entries: tuple[DescentStep | Diverged | None, ...]


def race(
    f: Callable[[NDArray], float],
    init_x: ArrayLike,
    optimizers: Sequence[Optimizer],
    step_num: int = 100,
    grad: Callable[[NDArray], NDArray] | None = None,
    *,
    bound: float | None = None,
    h: float = 1e-4,
) -> Iterator[RaceRecord]:
    """Several optimizers descending from the same start, advanced together (book §6.1.7).

    Yields ``step_num + 1`` :class:`RaceRecord` s (fewer if every racer diverged): record
    *k* holds each racer's point after *k* steps, so pausing between records is exact.
    Each racer is ``descent_path(..., optimizer=opt)``; the optimizers are used as given
    (fresh ones give a fresh race).
    """
    paths: list[Iterator[DescentStep | Diverged] | None] = [
        descent_path(f, init_x, step_num=step_num, grad=grad, optimizer=opt, bound=bound, h=h)
        for opt in optimizers
    ]
    for step in range(step_num + 1):
        entries: list[DescentStep | Diverged | None] = []
        for i, path in enumerate(paths):
            record = next(path, None) if path is not None else None
            if record is None or isinstance(record, Diverged):
                paths[i] = None
            entries.append(record)
        if all(e is None for e in entries):
            return
        yield RaceRecord(step, tuple(entries))


def forward_diff(f: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """The forward difference (f(x+h) − f(x)) / h (book §4.3.1), error O(h)."""
    return (f(x + h) - f(x)) / h


def difference_errors(
    f: Callable[[Any], Any],
    derivative: float,
    x: float,
    hs: ArrayLike,
    dtype: type = np.float64,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """|forward − f'(x)| and |central − f'(x)| for each h, computed in ``dtype`` (§4.3.1).

    Shows the trade-off behind the book's h = 1e-4: truncation error shrinks with h (as h
    for the forward difference, h² for the central one) while rounding error grows as
    ε/h; an h below the float's resolution (1e-50: zero in float32, x + h == x in float64)
    gives NaN or a derivative of 0. Non-finite results are returned as NaN.
    """
    xs = dtype(x)
    forward, central = [], []
    with np.errstate(all="ignore"):
        for h in np.asarray(hs, dtype=np.float64):
            hh = dtype(h)
            fwd = (f(xs + hh) - f(xs)) / hh
            cen = (f(xs + hh) - f(xs - hh)) / (dtype(2) * hh)
            forward.append(abs(float(fwd) - derivative))
            central.append(abs(float(cen) - derivative))
    out_f = np.array(forward, dtype=np.float64)
    out_c = np.array(central, dtype=np.float64)
    out_f[~np.isfinite(out_f)] = np.nan
    out_c[~np.isfinite(out_c)] = np.nan
    return out_f, out_c
