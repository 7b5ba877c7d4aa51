"""The book's ch. 6 comparisons as series of training runs, each through :func:`train`.

A *series* is a list of :class:`Run` (a label and a :class:`TrainConfig`) trained one
after the other on the same data by :func:`run_series`, a generator yielding
:class:`SeriesProgress` now and then and a :class:`RunResult` as each run finishes — so a
view can draw each curve as soon as it is done. The presets build the book's series:

* :func:`optimizer_runs` — SGD, Momentum, AdaGrad, Adam on MNIST (§6.1.8, Fig. 6-9);
* :func:`init_runs` — std 0.01, Xavier, He on MNIST (§6.2.4, Fig. 6-15);
* :func:`bn_runs` — weight scales 1 … 1e-4 with and without BN (§6.3.2, Fig. 6-18);
* :func:`overfit_runs` — 300 images, 6×100: plain, λ = 0.1, dropout 0.2 (§6.4, Figs. 6-20,
  6-21, 6-23).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from engine.datasets import Dataset
from engine.training import Diverged, TrainConfig, train

__all__ = [
    "Run",
    "RunResult",
    "SeriesProgress",
    "run_series",
    "iterations_for_epochs",
    "subset",
    "optimizer_runs",
    "init_runs",
    "bn_runs",
    "overfit_runs",
    "BOOK_OPTIMIZER_LR",
]

#: The learning rates of the book's ``optimizer_compare_mnist.py`` (the classes' defaults).
BOOK_OPTIMIZER_LR = {"SGD": 0.01, "Momentum": 0.01, "AdaGrad": 0.01, "Adam": 0.001}


@dataclass(frozen=True)
class Run:
    """One training run of a series: a label (for the legend) and its config."""

    label: str
    config: TrainConfig
    group: str = ""


@dataclass(frozen=True)
class RunResult:
    """A finished run: per-iteration losses and per-epoch accuracies (§4.5.3)."""

    index: int
    label: str
    group: str
    config: TrainConfig
    losses: NDArray[np.float64]
    epochs: NDArray[np.float64]
    train_accuracy: NDArray[np.float64]
    test_accuracy: NDArray[np.float64]
    diverged_at: int | None = None
    seconds: float = 0.0

    @property
    def gap(self) -> float:
        """Final train − test accuracy: the overfitting gap of §6.4.1."""
        if not len(self.train_accuracy):
            return 0.0
        return float(self.train_accuracy[-1] - self.test_accuracy[-1])


@dataclass(frozen=True)
class SeriesProgress:
    """Where a series is: run ``run`` (0-based) of ``n_runs``, its iteration, and the
    seconds left (estimated from the speed so far; None before there is any)."""

    run: int
    n_runs: int
    iteration: int
    iterations: int
    done_fraction: float
    seconds_left: float | None = None


def iterations_for_epochs(epochs: int, n_train: int, batch_size: int) -> int:
    """Iterations for ``epochs`` epochs of ``n_train`` images in batches of ``batch_size``
    (the book's ``iter_per_epoch = max(train_size / batch_size, 1)``)."""
    per_epoch = max(n_train / batch_size, 1.0)
    return int(np.ceil(epochs * per_epoch))


def subset(data: Dataset, n_train: int, n_test: int | None = None) -> Dataset:
    """The first ``n_train`` training images (the book's ``x_train[:300]``) and the first
    ``n_test`` test images (all by default)."""
    n_train = min(int(n_train), len(data.t_train))
    n_test = len(data.t_test) if n_test is None else min(int(n_test), len(data.t_test))
    return replace(
        data,
        x_train=data.x_train[:n_train],
        t_train=data.t_train[:n_train],
        x_test=data.x_test[:n_test],
        t_test=data.t_test[:n_test],
    )


def run_series(
    runs: Sequence[Run], data: Dataset, progress_every: int = 1
) -> Iterator[SeriesProgress | RunResult]:
    """Train each run on ``data`` in turn (§6 comparisons); yield progress and results.

    A progress record comes every ``progress_every`` iterations (every one by default:
    a worker can only stop between two records, so Cancel stays prompt).

    Each run goes through :func:`engine.training.train` (so the same numbers as the
    Training tab for the same config). A diverging run ends early with ``diverged_at``
    set; the series goes on.
    """
    total = sum(int(r.config.iterations) for r in runs)
    done = 0
    start = time.perf_counter()
    for index, run in enumerate(runs):
        losses: list[float] = []
        epochs: list[float] = []
        train_acc: list[float] = []
        test_acc: list[float] = []
        diverged = None
        run_start = time.perf_counter()
        for record in train(run.config, data):
            if isinstance(record, Diverged):
                diverged = record.iteration
                break
            losses.append(record.loss)
            if record.epoch is not None:
                epochs.append(record.epoch.epoch)
                train_acc.append(record.epoch.train_accuracy)
                test_acc.append(record.epoch.test_accuracy)
            if record.iteration % progress_every == 0:
                finished = done + record.iteration
                elapsed = time.perf_counter() - start
                left = elapsed / finished * (total - finished) if finished else None
                yield SeriesProgress(
                    index,
                    len(runs),
                    record.iteration,
                    run.config.iterations,
                    finished / total if total else 1.0,
                    left,
                )
        done += int(run.config.iterations)
        yield RunResult(
            index,
            run.label,
            run.group,
            run.config,
            np.asarray(losses),
            np.asarray(epochs),
            np.asarray(train_acc),
            np.asarray(test_acc),
            diverged,
            time.perf_counter() - run_start,
        )


def _base(**kw) -> TrainConfig:
    base = dict(
        hidden=[100] * 4,
        activation="relu",
        init="he",
        optimizer="SGD",
        lr=0.01,
        batch_size=128,
        iterations=2000,
        seed=0,
        preview_count=0,
    )
    base.update(kw)
    return TrainConfig(**base)


def optimizer_runs(iterations: int = 2000, seed: int = 0) -> list[Run]:
    """The book's ``optimizer_compare_mnist.py`` (§6.1.8, Fig. 6-9): a 784-100×4-10 ReLU
    net with He weights, batch 128, SGD/Momentum/AdaGrad/Adam at their default rates."""
    return [
        Run(name, _base(optimizer=name, lr=lr, iterations=iterations, seed=seed), "optimizer")
        for name, lr in BOOK_OPTIMIZER_LR.items()
    ]


def init_runs(iterations: int = 2000, seed: int = 0) -> list[Run]:
    """The book's ``weight_init_compare.py`` (§6.2.4, Fig. 6-15): std 0.01, Xavier and He
    initial weights, 784-100×4-10 ReLU, SGD lr 0.01, batch 128."""
    return [
        Run("std=0.01", _base(init="std", init_std=0.01, iterations=iterations, seed=seed), "init"),
        Run("Xavier", _base(init="xavier", iterations=iterations, seed=seed), "init"),
        Run("He", _base(init="he", iterations=iterations, seed=seed), "init"),
    ]


def bn_runs(
    scales: Sequence[float] | None = None, epochs: int = 20, n_train: int = 1000, seed: int = 0
) -> list[Run]:
    """The book's ``batch_norm_test.py`` (§6.3.2, Fig. 6-18): for each weight scale (16
    values from 1 to 1e-4 on a log scale by default) a 784-100×5-10 ReLU net with and
    without BN after every hidden Affine, SGD lr 0.01, batch 100, ``epochs`` epochs on
    ``n_train`` images. Runs come in pairs (BN first), ``group`` = the scale."""
    if scales is None:
        scales = np.logspace(0, -4, num=16)
    iterations = iterations_for_epochs(epochs, n_train, 100)
    runs = []
    for w in scales:
        for bn in (True, False):
            config = _base(
                hidden=[100] * 5,
                init="std",
                init_std=float(w),
                batch_size=100,
                iterations=iterations,
                seed=seed,
                batchnorm=[bn] * 5 if bn else [],
            )
            runs.append(Run(f"W={w:.4g}" + (" BN" if bn else ""), config, f"{w:.6g}"))
    return runs


def overfit_runs(
    epochs: int = 201,
    dropout_epochs: int = 301,
    n_train: int = 300,
    seed: int = 0,
    weight_decay: float = 0.1,
    dropout: float = 0.2,
    lr: float = 0.01,
    hidden: Sequence[int] = (100,) * 6,
) -> list[Run]:
    """The book's overfitting experiments (§6.4): 300 MNIST training images, a
    784-100×6-10 ReLU net (He weights), SGD lr 0.01, batch 100 — plain for 201 epochs
    (``overfit_weight_decay.py`` with λ = 0, Fig. 6-20), with λ = 0.1 (Fig. 6-21), and with
    dropout 0.2 for 301 epochs (``overfit_dropout.py``, Fig. 6-23)."""
    it = iterations_for_epochs(epochs, n_train, 100)
    it_drop = iterations_for_epochs(dropout_epochs, n_train, 100)
    common = dict(hidden=list(hidden), batch_size=100, seed=seed, lr=lr)
    return [
        Run("plain", _base(iterations=it, **common), "overfit"),
        Run(
            f"λ={weight_decay:g}",
            _base(iterations=it, weight_decay=weight_decay, **common),
            "overfit",
        ),
        Run(
            f"dropout {dropout:g}",
            _base(iterations=it_drop, dropout=[dropout] * len(hidden), **common),
            "overfit",
        ),
    ]
