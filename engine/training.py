"""Mini-batch learning (book §4.5), with backprop (ch. 5) and the optimizers of ch. 6.

The book's algorithm, one iteration per record:

1. pick a random mini-batch of the training data,
2. compute the gradient of its loss (numerically, §4.5, or by backpropagation, §5.7),
3. move every parameter a little against its gradient (the chosen optimizer, §6.1),
4. repeat.

:func:`train` is a generator: the GUI runs it in a worker thread and may pause it
between two iterations. It yields one :class:`IterationRecord` per mini-batch; every
time another epoch's worth of samples has been seen (and after the last iteration) the
record carries an :class:`EpochRecord` with train/test accuracy (§4.5.3) and, for 2-D
data, a grid of predicted classes for a decision-region map. A NaN or infinite loss
yields a :class:`Diverged` record naming the iteration, and the generator ends.

Runs are deterministic: the same config, data and starting weights give the same numbers
(mini-batches come from ``np.random.default_rng(config.seed)``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

import numpy as np
from numpy.typing import NDArray

from engine import functions as F
from engine.datasets import Dataset
from engine.fastgrad import estimated_seconds
from engine.livestats import LayerHistograms, layer_histograms
from engine.network import Network, init_weights
from engine.optimizers import OPTIMIZERS
from engine.regnet import RegularizedNet

__all__ = [
    "TrainConfig",
    "IterationRecord",
    "EpochRecord",
    "Diverged",
    "GradientCheckRecord",
    "build_network",
    "train",
    "region_bounds",
    "region_grid",
    "gradient_check",
    "gradient_check_run",
    "n_parameters",
    "chunked_accuracy",
    "chunked_predictions",
    "seconds_per_iteration",
    "GRADIENT_METHODS",
    "LayerHistograms",
    "layer_histograms",
]

GRADIENT_METHODS = ("backprop", "numerical")


@dataclass
class TrainConfig:
    """Everything that defines a run.

    The network is ``[n_features, *hidden, n_classes]`` with ``activation`` in the hidden
    layers and softmax + cross-entropy at the output (§5.6.3).

    **Editable while paused:** :func:`train` re-reads ``lr``, ``batch_size`` and
    ``iterations`` before every iteration, so the GUI may change them on the config
    object it passed in while the run is paused (never while it runs: the worker thread
    reads them). Everything else is read once at the start.
    """

    hidden: list[int] = field(default_factory=lambda: [10])
    activation: str = "relu"
    init: str = "he"
    init_std: float = 0.01
    #: Training accuracy is measured on the first ``eval_samples`` training samples (0: on
    #: all of them), as the book's Trainer does with ``evaluate_sample_num_per_epoch``; the
    #: test accuracy is always on the whole test set.
    eval_samples: int = 0
    gradient: str = "backprop"
    optimizer: str = "SGD"
    lr: float = 0.1
    batch_size: int = 32
    iterations: int = 1000
    seed: int = 0
    region_resolution: int = 48
    preview_count: int = 32
    #: ch. 6 techniques: BN after hidden layer i's Affine (§6.3), a dropout ratio after its
    #: activation (§6.4.3), weight decay λ (§6.4.2). Empty lists mean "off everywhere";
    #: when any is on, :func:`build_network` makes an ``engine.regnet.RegularizedNet``.
    batchnorm: list[bool] = field(default_factory=list)
    dropout: list[float] = field(default_factory=list)
    weight_decay: float = 0.0
    #: Every this many iterations (0: never) a :class:`LayerHistograms` of the batch's
    #: activations and weight gradients rides on the iteration record — and, when
    #: ``histogram_interval`` > 0, only once that many seconds have passed since the last
    #: one (the Training tab draws at most 5 a second: binning more would be wasted). The
    #: first iteration always has one. Histograms only observe: the run's numbers are the
    #: same with or without them.
    histogram_every: int = 0
    histogram_interval: float = 0.0

    @property
    def regularized(self) -> bool:
        """True when BN, dropout or weight decay is on (the layered net is needed)."""
        return any(self.batchnorm) or any(d > 0 for d in self.dropout) or self.weight_decay > 0

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class EpochRecord:
    """Evaluation after an epoch: accuracy on the whole training and test sets (§4.5.3).

    ``epoch`` counts samples seen / training-set size (fractional after the last
    iteration); ``region`` (2-D data) is a ``(res, res)`` uint8 grid of predicted classes
    over :func:`region_bounds`, row 0 at the bottom; ``predictions`` (image data) the
    predicted classes of the first ``preview_count`` test images; ``test_predictions``
    (image data) those of every test image, for a confusion matrix (§3.6.2).
    """

    epoch: float
    iteration: int
    train_accuracy: float
    test_accuracy: float
    region: NDArray[np.uint8] | None = None
    predictions: NDArray[np.int64] | None = None
    test_predictions: NDArray[np.uint8] | None = None


@dataclass(frozen=True)
class IterationRecord:
    """One mini-batch: its loss before the update, and an epoch evaluation if one is due."""

    iteration: int
    loss: float
    epoch: EpochRecord | None = None
    histograms: LayerHistograms | None = None


@dataclass(frozen=True)
class Diverged:
    """The loss (or a gradient) became NaN or infinite at ``iteration``; training ended."""

    iteration: int
    loss: float


@dataclass(frozen=True)
class GradientCheckRecord:
    """Mean and max |numerical − backprop| for each parameter (book §5.7.3)."""

    rows: tuple[tuple[str, tuple[int, ...], float, float], ...]
    batch_size: int
    #: |numerical − backprop| of every parameter entry, by key (the heat map locates them)
    differences: dict[str, NDArray] = field(default_factory=dict)


def build_network(config: TrainConfig, n_in: int, n_out: int) -> Network | RegularizedNet:
    """A fresh network for ``config``: weights from ``init_weights`` with ``config.seed``.

    The fast fused :class:`~engine.network.Network` unless BN, dropout or weight decay is
    on (``config.regularized``); then the layered :class:`~engine.regnet.RegularizedNet`
    (ch. 6), starting from the same weights.
    """
    sizes = [int(n_in), *[int(h) for h in config.hidden], int(n_out)]
    if config.regularized:
        n_hidden = len(config.hidden)
        bn = (list(config.batchnorm) + [False] * n_hidden)[:n_hidden]
        drop = (list(config.dropout) + [0.0] * n_hidden)[:n_hidden]
        return RegularizedNet(
            sizes,
            config.activation,
            config.init,
            config.init_std,
            config.seed,
            batchnorm=bn,
            dropout=drop,
            weight_decay=config.weight_decay,
        )
    activations = [config.activation] * len(config.hidden) + ["softmax"]
    weights, biases = init_weights(sizes, config.init, config.init_std, config.seed)
    return Network(sizes, activations, weights, biases)


def n_parameters(net: Network) -> int:
    """The number of weights and biases."""
    return int(sum(p.size for p in net.params.values()))


def region_bounds(data: Dataset, margin: float = 0.1) -> tuple[float, float, float, float]:
    """``(x_min, x_max, y_min, y_max)`` around all points of 2-D data, padded by ``margin``."""
    pts = np.concatenate([data.x_train, data.x_test]).astype(np.float64)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    pad = margin * np.maximum(hi - lo, 1e-6)
    lo, hi = lo - pad, hi + pad
    return float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])


def region_grid(
    net: Network, bounds: tuple[float, float, float, float], resolution: int
) -> NDArray[np.uint8]:
    """The predicted class at the centre of each cell of a ``resolution``² grid (row = y)."""
    x_min, x_max, y_min, y_max = bounds
    step_x = (x_max - x_min) / resolution
    step_y = (y_max - y_min) / resolution
    xs = x_min + step_x * (np.arange(resolution) + 0.5)
    ys = y_min + step_y * (np.arange(resolution) + 0.5)
    gx, gy = np.meshgrid(xs, ys)
    points = np.column_stack([gx.ravel(), gy.ravel()])
    with np.errstate(all="ignore"):
        y = net.predict(points)
    return y.argmax(axis=1).astype(np.uint8).reshape(resolution, resolution)


def chunked_accuracy(net: Network, x: NDArray, t: NDArray, chunk: int = 8192) -> float:
    """``net.accuracy`` computed in slices, so 60,000 MNIST images need little memory."""
    n = len(t)
    if n <= chunk:
        return net.accuracy(x, t)
    return int(np.sum(chunked_predictions(net, x, chunk) == t)) / n


def chunked_predictions(net: Network, x: NDArray, chunk: int = 8192) -> NDArray[np.int64]:
    """The predicted class (argmax of ``net.predict``) of every row of ``x``, in slices.

    The same arithmetic as ``Network.forward``, without its trace (no copy of the input,
    no intermediate values kept): 70,000 MNIST images every epoch cost only the products.
    """
    out = np.empty(len(x), dtype=np.int64)
    if not isinstance(net, Network):  # any model with predict (e.g. the ch. 7 ConvNet)
        for start in range(0, len(x), chunk):
            out[start : start + chunk] = net.predict(x[start : start + chunk]).argmax(axis=1)
        return out
    for start in range(0, len(x), chunk):
        z = np.asarray(x[start : start + chunk], dtype=net.dtype)
        for w, b, name in zip(net.weights, net.biases, net.activations, strict=True):
            z = np.asarray(F.ACTIVATIONS[name](z @ w + b), dtype=net.dtype)
        out[start : start + chunk] = z.argmax(axis=1)
    return out


def _evaluate(
    net: Network,
    data: Dataset,
    config: TrainConfig,
    epoch: float,
    iteration: int,
    bounds: tuple[float, float, float, float] | None,
) -> EpochRecord:
    with np.errstate(all="ignore"):
        n_eval = config.eval_samples if config.eval_samples > 0 else len(data.t_train)
        train_acc = chunked_accuracy(net, data.x_train[:n_eval], data.t_train[:n_eval])
        test_predictions = None
        if data.image_shape is not None:  # every test answer, for a confusion matrix
            predicted = chunked_predictions(net, data.x_test)
            test_acc = float(np.mean(predicted == data.t_test))
            test_predictions = predicted.astype(np.uint8)
        else:
            test_acc = chunked_accuracy(net, data.x_test, data.t_test)
        region = None
        if bounds is not None:
            region = region_grid(net, bounds, config.region_resolution)
        predictions = None
        if data.image_shape is not None and config.preview_count > 0:
            preview = data.x_test[: config.preview_count]
            predictions = net.predict(preview).argmax(axis=1).astype(np.int64)
    return EpochRecord(epoch, iteration, train_acc, test_acc, region, predictions, test_predictions)


def _finite(loss: float, grads: dict[str, NDArray]) -> bool:
    return bool(np.isfinite(loss)) and all(bool(np.all(np.isfinite(g))) for g in grads.values())


def train(
    config: TrainConfig, data: Dataset, network: Network | None = None
) -> Iterator[IterationRecord | Diverged]:
    """Mini-batch gradient descent on ``data`` (book §4.5.2–4.5.3 ``train_neuralnet.py``).

    ``network`` (updated in place) defaults to :func:`build_network`. Each iteration
    draws ``batch_size`` training indices with replacement (the book's
    ``np.random.choice(train_size, batch_size)``), computes the loss and its gradient by
    ``config.gradient`` ("backprop": ``loss_and_gradient``; "numerical":
    ``numerical_gradient``, the slow way of §4.5) and lets the optimizer update the
    parameters. See :class:`TrainConfig` for what may change while paused.
    """
    if config.gradient not in GRADIENT_METHODS:
        raise ValueError(f"unknown gradient method {config.gradient!r}")
    if config.optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {config.optimizer!r}")
    net = network if network is not None else build_network(config, data.n_features, data.n_classes)
    if net.sizes[0] != data.n_features or net.sizes[-1] < data.n_classes:
        raise ValueError(
            f"the network takes {net.sizes[0]} inputs and has {net.sizes[-1]} outputs; "
            f"the data has {data.n_features} features and {data.n_classes} classes"
        )
    optimizer = OPTIMIZERS[config.optimizer](lr=config.lr)
    rng = np.random.default_rng(config.seed)
    n_train = len(data.t_train)
    bounds = region_bounds(data) if data.is_2d else None
    seen = 0
    epochs_done = 0
    iteration = 0
    last_histogram = 0.0
    while iteration < config.iterations:
        iteration += 1
        batch = rng.choice(n_train, min(int(config.batch_size), n_train))
        x_batch, t_batch = data.x_train[batch], data.t_train[batch]
        with np.errstate(all="ignore"):
            if config.gradient == "numerical":
                grads = net.numerical_gradient(x_batch, t_batch)
                loss = net.loss(x_batch, t_batch)
            else:
                loss, grads = net.loss_and_gradient(x_batch, t_batch)
        if not _finite(loss, grads):
            yield Diverged(iteration, float(loss))
            return
        hists = None
        every = int(config.histogram_every)
        if every > 0 and (iteration % every == 0 or iteration == 1):
            now = time.perf_counter()
            if iteration == 1 or now - last_histogram >= config.histogram_interval:
                hists = layer_histograms(net, x_batch, grads, iteration)
                last_histogram = now
        optimizer.lr = config.lr
        with np.errstate(all="ignore"):
            optimizer.update(net.params, grads)
        seen += len(batch)
        epoch = None
        if seen // n_train > epochs_done or iteration >= config.iterations:
            epochs_done = seen // n_train
            epoch = _evaluate(net, data, config, seen / n_train, iteration, bounds)
        yield IterationRecord(iteration, float(loss), epoch, hists)


def gradient_check(net: Network, x: NDArray, t: NDArray) -> GradientCheckRecord:
    """Compare backprop with the numerical gradient on one batch (book §5.7.3).

    For each parameter: the mean and the largest |numerical − backprop| over its
    elements. Both are tiny (≈1e-10 … 1e-7) when backprop is right.
    """
    probe = net.copy()
    with np.errstate(all="ignore"):
        if isinstance(probe, RegularizedNet):
            numerical, backprop = probe.gradient_check_pair(x, t)
        else:
            numerical = probe.numerical_gradient(x, t)
            backprop = probe.gradient(x, t)
    rows = []
    differences = {}
    for key in probe.params:
        diff = np.abs(numerical[key] - backprop[key])
        differences[key] = diff
        rows.append((key, tuple(diff.shape), float(diff.mean()), float(diff.max())))
    return GradientCheckRecord(tuple(rows), int(len(np.atleast_2d(x))), differences)


def gradient_check_run(net: Network, x: NDArray, t: NDArray) -> Iterator[GradientCheckRecord]:
    """:func:`gradient_check` as a one-record generator, for the worker thread."""
    yield gradient_check(net, x, t)


def seconds_per_iteration(net: Network, x_batch: NDArray, gradient: str) -> float:
    """An honest estimate of one iteration's time on this machine.

    Backprop costs about three forward passes (timed here). The numerical gradient is
    what ``Network.numerical_gradient`` really runs, the fast method of
    :mod:`engine.fastgrad` (same numbers as the book's loop of §4.5, which would cost two
    forward passes per parameter): its :func:`engine.fastgrad.estimated_seconds`, plus
    one forward pass for the loss.
    """
    probe = net.copy()
    repeats = 3
    start = time.perf_counter()
    with np.errstate(all="ignore"):
        for _ in range(repeats):
            probe.predict(x_batch)
    forward = (time.perf_counter() - start) / repeats
    if gradient == "numerical":
        if isinstance(net, RegularizedNet):  # the book's loop: two losses per parameter
            return forward * (2 * n_parameters(net) + 4)
        batch = len(np.atleast_2d(x_batch))
        return estimated_seconds(net.sizes, net.activations, batch) + forward
    return forward * 3
