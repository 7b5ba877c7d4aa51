"""The initial-weight experiment of §6.2.2–6.2.4 (Figs. 6-10 … 6-14).

The book feeds 1,000 samples of 100 Gaussian inputs through 5 layers of 100 units,
with no biases, and draws a histogram of each layer's activations: with std 1 and the
sigmoid they pile up at 0 and 1 (vanishing gradients, Fig. 6-10); with std 0.01 they
crowd around 0.5 (no diversity, Fig. 6-11); Xavier's 1/√n keeps them spread (Fig. 6-13)
and He's √(2/n) does the same for ReLU (Fig. 6-14).

:func:`activation_histograms` runs that experiment and returns numbers only. Its random
draws follow the book's order under ``np.random.seed(seed)``: first the (1000, 100)
input, then one (100, 100) weight matrix per layer, so a seed reproduces exactly what the
book's ``weight_init_activation_histogram.py`` computes after ``np.random.seed(seed)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from engine import functions as F

__all__ = [
    "INIT_ACTIVATIONS",
    "INIT_SCALES",
    "InitLabError",
    "LayerStats",
    "InitLabResult",
    "init_std",
    "activation_histograms",
    "NEAR",
]

#: The activations of the experiment (§6.2.2 sigmoid, §6.2.3 ReLU, tanh in the note).
INIT_ACTIVATIONS = ("sigmoid", "tanh", "relu")
#: The initial scales the book compares, plus any typed std ("std").
INIT_SCALES = ("1", "0.01", "xavier", "he", "std")
#: "Near 0" means |z| < NEAR, "near 1" means |z| > 1 − NEAR (±1 for tanh).
NEAR = 0.05

_LIMITS = {"samples": (1, 20_000), "inputs": (1, 2_000), "layers": (1, 20), "units": (1, 2_000)}


class InitLabError(ValueError):
    """A setting the experiment cannot use; the message names it."""


@dataclass(frozen=True)
class LayerStats:
    """One layer's activations: histogram ``counts`` over ``edges`` and summary numbers.

    ``near_zero`` and ``near_one`` are the shares (0…1) of activations with |z| < NEAR
    and |z| > 1 − NEAR; ``above_range`` the share beyond the histogram's last edge (ReLU
    outputs above 1 are not drawn in the book's figure either).
    """

    layer: int
    counts: NDArray[np.int64]
    edges: NDArray[np.float64]
    mean: float
    std: float
    near_zero: float
    near_one: float
    above_range: float


@dataclass(frozen=True)
class InitLabResult:
    """The experiment's setting, the weight std used, and one :class:`LayerStats` per layer."""

    activation: str
    scale: str
    std: float
    seed: int | None
    layers: tuple[LayerStats, ...]

    def to_rows(self) -> list[tuple[int, float, float, float, float]]:
        """``(layer, mean, std, near 0, near 1)`` per layer, for a table or CSV."""
        return [(s.layer, s.mean, s.std, s.near_zero, s.near_one) for s in self.layers]


def init_std(scale: str, n_in: int, std: float | None = None) -> float:
    """The weight std for an initial scale (§6.2): "1", "0.01", "xavier" (1/√n, §6.2.2),
    "he" (√(2/n), §6.2.3) or "std" (the given ``std``); n = the layer's number of inputs."""
    if scale == "1":
        return 1.0
    if scale == "0.01":
        return 0.01
    if scale == "xavier":
        return float(np.sqrt(1.0 / n_in))
    if scale == "he":
        return float(np.sqrt(2.0 / n_in))
    if scale == "std":
        if std is None or not np.isfinite(std) or std <= 0:
            raise InitLabError(f"std must be a positive finite number, not {std!r}")
        return float(std)
    raise InitLabError(f"unknown initial scale {scale!r}")


def _activate(name: str, a: NDArray[np.float64]) -> NDArray[np.float64]:
    if name == "sigmoid":
        return F.sigmoid(a)
    if name == "relu":
        return np.maximum(a, 0.0)
    if name == "tanh":
        return np.tanh(a)
    raise InitLabError(f"unknown activation {name!r}")


def _check_size(name: str, value: int) -> int:
    lo, hi = _LIMITS[name]
    if int(value) != value or not lo <= value <= hi:
        raise InitLabError(f"{name} must be a whole number in [{lo}, {hi}], not {value!r}")
    return int(value)


def activation_histograms(
    activation: str = "sigmoid",
    scale: str = "1",
    std: float | None = None,
    seed: int | None = 0,
    samples: int = 1000,
    inputs: int = 100,
    layers: int = 5,
    units: int = 100,
    bins: int = 30,
) -> InitLabResult:
    """Run the book's initial-weight experiment (§6.2.2–6.2.4) and summarise each layer.

    ``x`` = randn(samples, inputs); for each layer ``w`` = randn(n_in, units) · σ with σ
    from :func:`init_std` (n_in = the previous layer's width), ``z = h(x·w)`` (no bias);
    the next layer takes ``z``. Histograms have ``bins`` bins on [0, 1] (the book's
    ``plt.hist(a.flatten(), 30, range=(0, 1))``), on [−1, 1] for tanh. The draws come from
    ``np.random.RandomState(seed)`` — the stream ``np.random.seed(seed)`` gives the book's
    script — and ``seed=None`` draws fresh randomness.
    """
    if activation not in INIT_ACTIVATIONS:
        raise InitLabError(f"unknown activation {activation!r}")
    samples = _check_size("samples", samples)
    inputs = _check_size("inputs", inputs)
    layers = _check_size("layers", layers)
    units = _check_size("units", units)
    if not 1 <= int(bins) <= 200:
        raise InitLabError(f"bins must be in [1, 200], not {bins!r}")
    if seed is not None and not 0 <= int(seed) < 2**32:
        raise InitLabError(f"seed must be in [0, 2**32), not {seed!r}")
    # check the scale before drawing anything
    first_std = init_std(scale, inputs, std)
    rng = np.random.RandomState(seed)
    x = rng.randn(samples, inputs)
    low = -1.0 if activation == "tanh" else 0.0
    stats = []
    n_in = inputs
    for i in range(layers):
        sigma = init_std(scale, n_in, std)
        w = rng.randn(n_in, units) * sigma
        with np.errstate(over="ignore"):
            z = _activate(activation, x @ w)
        flat = z.ravel()
        counts, edges = np.histogram(flat, int(bins), range=(low, 1.0))
        magnitude = np.abs(flat)
        stats.append(
            LayerStats(
                layer=i + 1,
                counts=counts.astype(np.int64),
                edges=edges,
                mean=float(flat.mean()),
                std=float(flat.std()),
                near_zero=float(np.mean(magnitude < NEAR)),
                near_one=float(np.mean(magnitude > 1.0 - NEAR)),
                above_range=float(np.mean(flat > 1.0)),
            )
        )
        x = z
        n_in = units
    return InitLabResult(activation, scale, first_std, seed, tuple(stats))
