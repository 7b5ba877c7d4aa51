"""Random hyperparameter search with validation data (book §6.5).

The book's ``hyperparameter_optimization.py``: from 500 MNIST training images, 20 % are
held out as *validation* data (§6.5.1: never tune on the test set); each trial draws the
weight decay λ = 10^U(−8, −4) and then the learning rate lr = 10^U(−6, −2) (§6.5.2, in
that order, as the book's loop does), trains a 784-100×6-10 ReLU net with SGD, batch 100,
for 50 epochs and records the validation accuracy. :func:`search` is a generator yielding
each :class:`Trial` as it finishes (and progress in between), so a board fills in live;
narrowing the ranges to the best region and searching again is §6.5.3's loop.
"""

from __future__ import annotations

import csv
import io
import math
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from engine.datasets import Dataset
from engine.experiments import iterations_for_epochs
from engine.training import Diverged, TrainConfig, train

__all__ = [
    "SearchSpace",
    "Trial",
    "SearchProgress",
    "SearchError",
    "split_validation",
    "sample_trials",
    "search",
    "best_trials",
    "trials_csv",
    "BOOK_SPACE",
]


class SearchError(ValueError):
    """A search setting that cannot be used; the message names it."""


@dataclass(frozen=True)
class SearchSpace:
    """Log10 ranges: lr in 10^[lr_low, lr_high], λ in 10^[wd_low, wd_high] (§6.5.2)."""

    lr_low: float = -6.0
    lr_high: float = -2.0
    wd_low: float = -8.0
    wd_high: float = -4.0

    def __post_init__(self) -> None:
        for name in ("lr_low", "lr_high", "wd_low", "wd_high"):
            value = getattr(self, name)
            if not math.isfinite(value) or not -12.0 <= value <= 1.0:
                raise SearchError(f"{name} must be an exponent in [-12, 1], not {value!r}")
        if self.lr_low > self.lr_high:
            raise SearchError("lr_low must not exceed lr_high")
        if self.wd_low > self.wd_high:
            raise SearchError("wd_low must not exceed wd_high")

    @classmethod
    def around(cls, lrs: Sequence[float], wds: Sequence[float]) -> SearchSpace:
        """The smallest space holding these learning rates and weight decays (§6.5.3)."""
        if not len(lrs) or not len(wds):
            raise SearchError("no trials to narrow the ranges to")
        lr = np.log10(np.asarray(lrs, dtype=float))
        wd = np.log10(np.asarray(wds, dtype=float))
        return cls(float(lr.min()), float(lr.max()), float(wd.min()), float(wd.max()))


BOOK_SPACE = SearchSpace()


@dataclass(frozen=True)
class Trial:
    """One finished trial: its hyperparameters and learning curves (per epoch)."""

    index: int
    lr: float
    weight_decay: float
    val_accuracy: NDArray[np.float64]
    train_accuracy: NDArray[np.float64]
    diverged: bool = False
    seconds: float = 0.0

    @property
    def final_val(self) -> float:
        return float(self.val_accuracy[-1]) if len(self.val_accuracy) else 0.0

    @property
    def final_train(self) -> float:
        return float(self.train_accuracy[-1]) if len(self.train_accuracy) else 0.0


@dataclass(frozen=True)
class SearchProgress:
    """Trial ``trial`` (0-based) of ``n_trials`` at ``epoch``; seconds left, estimated."""

    trial: int
    n_trials: int
    done_fraction: float
    seconds_left: float | None


def split_validation(
    data: Dataset, n_train: int = 500, rate: float = 0.2, seed: int = 0
) -> Dataset:
    """The first ``n_train`` training images, shuffled, ``rate`` of them held out as
    validation data (book §6.5.1, ``shuffle_dataset`` then the first 20 %).

    The result's ``x_test``/``t_test`` hold the *validation* images: the test set is not
    used at all.
    """
    if not 0.0 < rate < 1.0:
        raise SearchError(f"the validation share must be in (0, 1), not {rate!r}")
    n = min(int(n_train), len(data.t_train))
    n_val = int(n * rate)
    if n_val < 1 or n - n_val < 1:
        raise SearchError(f"{n} images cannot be split {rate:g} for validation")
    order = np.random.default_rng(seed).permutation(n)
    x, t = data.x_train[:n][order], data.t_train[:n][order]
    return replace(
        data,
        name=f"{data.name} (validation split)",
        x_train=x[n_val:],
        t_train=t[n_val:],
        x_test=x[:n_val],
        t_test=t[:n_val],
    )


def sample_trials(
    n: int, space: SearchSpace = BOOK_SPACE, seed: int | None = 0
) -> list[tuple[float, float]]:
    """``n`` pairs ``(lr, weight_decay)``, log-uniform in ``space`` (§6.5.2).

    Per trial λ is drawn first, then lr — the order of the book's loop — from
    ``np.random.RandomState(seed)``, i.e. the book's ``np.random.uniform`` after
    ``np.random.seed(seed)``.
    """
    if int(n) != n or not 1 <= n <= 10_000:
        raise SearchError(f"the number of trials must be in [1, 10000], not {n!r}")
    rng = np.random.RandomState(seed)
    out = []
    for _ in range(int(n)):
        wd = 10 ** rng.uniform(space.wd_low, space.wd_high)
        lr = 10 ** rng.uniform(space.lr_low, space.lr_high)
        out.append((float(lr), float(wd)))
    return out


def search(
    data: Dataset,
    n_trials: int = 100,
    space: SearchSpace = BOOK_SPACE,
    epochs: int = 50,
    hidden: Sequence[int] = (100,) * 6,
    batch_size: int = 100,
    seed: int = 0,
    start_index: int = 0,
) -> Iterator[SearchProgress | Trial]:
    """Run ``n_trials`` random trials on ``data`` (already split by
    :func:`split_validation`: its test part is the validation set) (§6.5.2–6.5.3).

    Each trial trains through :func:`engine.training.train` with SGD and the trial's lr
    and λ, evaluating the validation accuracy after every epoch. Yields a
    :class:`SearchProgress` after every iteration and each :class:`Trial` as it ends.
    """
    if int(epochs) != epochs or not 1 <= epochs <= 10_000:
        raise SearchError(f"epochs must be in [1, 10000], not {epochs!r}")
    pairs = sample_trials(n_trials, space, seed)
    iterations = iterations_for_epochs(int(epochs), len(data.t_train), batch_size)
    start = time.perf_counter()
    for k, (lr, wd) in enumerate(pairs):
        config = TrainConfig(
            hidden=list(hidden),
            activation="relu",
            init="he",
            optimizer="SGD",
            lr=lr,
            batch_size=batch_size,
            iterations=iterations,
            seed=seed + start_index + k,
            weight_decay=wd,
            preview_count=0,
        )
        trial_start = time.perf_counter()
        val, tr = [], []
        diverged = False
        for record in train(config, data):
            if isinstance(record, Diverged):
                diverged = True
                break
            if record.epoch is not None:
                val.append(record.epoch.test_accuracy)
                tr.append(record.epoch.train_accuracy)
            # one record per iteration: a worker stops between two records (prompt Cancel)
            done = (k + record.iteration / iterations) / len(pairs)
            elapsed = time.perf_counter() - start
            yield SearchProgress(k, len(pairs), done, elapsed / done * (1 - done) if done else None)
        elapsed = time.perf_counter() - start
        left = elapsed / (k + 1) * (len(pairs) - k - 1)
        yield Trial(
            start_index + k,
            lr,
            wd,
            np.asarray(val),
            np.asarray(tr),
            diverged,
            time.perf_counter() - trial_start,
        )
        yield SearchProgress(k, len(pairs), (k + 1) / len(pairs), left)


def best_trials(trials: Sequence[Trial], k: int = 20) -> list[Trial]:
    """The ``k`` trials with the highest final validation accuracy (the book's Fig. 6-24
    ranking, best first; ties keep their order)."""
    return sorted(trials, key=lambda tr: tr.final_val, reverse=True)[: int(k)]


def trials_csv(trials: Sequence[Trial]) -> str:
    """The trials as CSV: index, lr, weight decay, final validation and train accuracy."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["trial", "lr", "weight_decay", "val_accuracy", "train_accuracy", "diverged"])
    for tr in trials:
        writer.writerow(
            [
                tr.index + 1,
                repr(tr.lr),
                repr(tr.weight_decay),
                f"{tr.final_val:.4f}",
                f"{tr.final_train:.4f}",
                int(tr.diverged),
            ]
        )
    return buffer.getvalue()
