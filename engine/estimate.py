"""How long one training iteration takes here, measured on a slice (book §4.5, §5.7).

Backprop costs about three forward passes (§5.7: the backward pass of each Affine layer
is two matrix products of the forward one's size); the numerical gradient is what
``Network.numerical_gradient`` runs (:func:`engine.fastgrad.estimated_seconds`). A full
batch of 1000 through 784-1000×5 takes seconds to time, so :func:`measure_iteration`
times a slice of at most ``SLICE_ROWS`` rows and scales it by the batch size (a forward
pass costs rows × parameters). It is a generator with one record, for a worker thread.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from engine.fastgrad import estimated_seconds
from engine.network import Network

__all__ = ["SLICE_ROWS", "IterationEstimate", "estimate_key", "measure_iteration"]

#: At most this many rows are timed (~0.15 s through 784-1000×5 on one idle core).
SLICE_ROWS = 128


@dataclass(frozen=True)
class IterationEstimate:
    """Seconds one iteration takes with backprop and with the numerical gradient."""

    key: tuple
    backprop: float
    numerical: float


def estimate_key(sizes: Sequence[int], activations: Sequence[str], batch: int) -> tuple:
    """What an estimate depends on: the network's shape and activations, the batch size."""
    return (tuple(int(n) for n in sizes), tuple(activations), int(batch))


def measure_iteration(
    sizes: Sequence[int], activations: Sequence[str], batch: int, x: NDArray
) -> Iterator[IterationEstimate]:
    """Time forward passes of a slice of ``x`` through a network of this shape (weights
    do not change the time) and yield one :class:`IterationEstimate` for ``batch`` rows."""
    rows = max(1, min(int(batch), SLICE_ROWS, len(x)))
    weights = [np.full((a, b), 0.01) for a, b in zip(sizes[:-1], sizes[1:], strict=True)]
    biases = [np.zeros(b) for b in sizes[1:]]
    net = Network(list(sizes), list(activations), weights, biases)
    x_slice = np.asarray(x[:rows], dtype=np.float64)
    best = float("inf")
    with np.errstate(all="ignore"):
        for _ in range(2):
            start = time.perf_counter()
            net.predict(x_slice)
            best = min(best, time.perf_counter() - start)
    forward = best * batch / rows
    numerical = estimated_seconds(list(sizes), list(activations), int(batch)) + forward
    yield IterationEstimate(estimate_key(sizes, activations, batch), 3 * forward, numerical)
