"""Per-layer histograms of a network being trained (§6.2's view of initial weights, live).

The Training tab shows, every few iterations, how each hidden layer's activations and
each weight layer's gradient are spread, so vanishing or exploding layers are seen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from engine.network import Network
from engine.regnet import RegularizedNet

__all__ = ["LayerHistograms", "layer_histograms", "Histogram"]

Histogram = tuple[NDArray[np.int64], NDArray[np.float64]]


@dataclass(frozen=True)
class LayerHistograms:
    """Per hidden layer: a histogram of its activations on one mini-batch, and per weight
    layer one of its weight gradient ∂L/∂W (§6.2: vanishing or exploding layers show here).

    Each entry is ``(counts, edges)``; gradients are binned on a symmetric range.
    ``batchnorm`` holds, for each hidden layer followed by Batch Normalization (§6.3), its
    number (from 1) and a histogram of the BN layer's output γ·x̂ + β (symmetric range).
    """

    iteration: int
    activations: tuple[Histogram, ...]
    gradients: tuple[Histogram, ...]
    batchnorm: tuple[tuple[int, Histogram], ...] = ()


def _hist(values: NDArray, symmetric: bool, bins: int) -> Histogram:
    flat = np.asarray(values, dtype=np.float64).ravel()
    lo, hi = (float(flat.min()), float(flat.max())) if flat.size else (0.0, 1.0)
    if not (np.isfinite(lo) and np.isfinite(hi)):  # only then the copy without NaN / ±inf
        flat = flat[np.isfinite(flat)]
        lo, hi = (float(flat.min()), float(flat.max())) if flat.size else (0.0, 1.0)
    top = max(abs(lo), abs(hi)) or 1.0
    low = -top if symmetric or lo < 0 else 0.0
    counts, edges = np.histogram(flat, bins, range=(low, top))
    return counts.astype(np.int64), edges


def layer_histograms(
    net: Network | RegularizedNet,
    x_batch: NDArray,
    grads: dict[str, NDArray],
    iteration: int = 0,
    bins: int = 30,
) -> LayerHistograms:
    """Histograms of every hidden layer's activations on ``x_batch`` and of every ``W``
    gradient in ``grads`` (§6.2.2's figures, live while training).

    For a ``RegularizedNet`` the activations (and its BN layers' outputs) are those of its
    last forward pass (the one the gradient came from, in training mode); a ``Network``
    runs ``forward`` once.
    """
    normalized: tuple[tuple[int, Histogram], ...] = ()
    with np.errstate(all="ignore"):
        if isinstance(net, RegularizedNet):
            if not net.hidden_outputs or len(net.hidden_outputs[0]) != len(x_batch):
                net.predict(x_batch, train=True)
            hidden = net.hidden_outputs
            normalized = tuple((i + 1, _hist(z, True, bins)) for i, z in net.normalized_outputs)
        else:
            hidden = net.forward(x_batch).z
        acts = tuple(_hist(z, False, bins) for z in hidden)
        keys = [k for k in grads if k.startswith("W")]
        gs = tuple(_hist(grads[k], True, bins) for k in keys)
    return LayerHistograms(iteration, acts, gs, normalized)
