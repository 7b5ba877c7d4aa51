"""Accuracy of a network over a whole data set, in batches (book §3.6.2–3.6.3).

§3.6.2 runs ``sample_weight.pkl``'s network over MNIST's 10,000 test images one at a
time and counts the right answers (accuracy 0.9352); §3.6.3 does the same in batches of
100 (``x[i:i+batch_size]``, ``np.argmax(y, axis=1)``) — the same numbers, much faster.
:func:`accuracy_steps` is that batch loop as a generator (one record per batch, so the GUI
shows progress and can stop), ending with an :class:`AccuracyResult` that also holds the
confusion matrix and the misclassified images.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "AccuracyProgress",
    "AccuracyResult",
    "confusion_matrix",
    "accuracy_steps",
    "evaluate",
]


@dataclass(frozen=True)
class AccuracyProgress:
    """After a batch: ``done`` of ``total`` images seen, ``correct`` of them right."""

    done: int
    total: int
    correct: int


@dataclass(frozen=True)
class AccuracyResult:
    """The whole set: ``accuracy`` = correct / total, every image's ``predicted`` class,
    the ``confusion`` matrix (row = true class, column = predicted) and the indices of the
    ``wrong`` images in order."""

    accuracy: float
    correct: int
    total: int
    predicted: NDArray[np.int64]
    confusion: NDArray[np.int64]
    wrong: NDArray[np.int64]


def confusion_matrix(t: NDArray, y: NDArray, n_classes: int) -> NDArray[np.int64]:
    """``m[i, j]`` = how many samples of true class ``i`` were predicted as ``j``."""
    t = np.asarray(t, dtype=np.int64).reshape(-1)
    y = np.asarray(y, dtype=np.int64).reshape(-1)
    if t.shape != y.shape:
        raise ValueError("as many predictions as labels are needed")
    if t.size and (min(t.min(), y.min()) < 0 or max(t.max(), y.max()) >= n_classes):
        raise ValueError(f"classes must be 0…{n_classes - 1}")
    return np.bincount(t * n_classes + y, minlength=n_classes * n_classes).reshape(
        n_classes, n_classes
    )


def accuracy_steps(
    predict: Callable[[NDArray], NDArray],
    x: NDArray,
    t: NDArray,
    batch_size: int = 100,
    n_classes: int | None = None,
) -> Iterator[AccuracyProgress | AccuracyResult]:
    """§3.6.3's batch loop: ``y = predict(x[i:i+batch_size])``, ``p = argmax(y, axis=1)``,
    count ``p == t``; one :class:`AccuracyProgress` per batch, then an
    :class:`AccuracyResult`. ``t`` may be labels or one-hot rows."""
    if isinstance(batch_size, bool) or int(batch_size) != batch_size or batch_size < 1:
        raise ValueError("the batch size must be a whole number ≥ 1")
    batch_size = int(batch_size)
    labels = np.asarray(t)
    if labels.ndim == 2:
        labels = labels.argmax(axis=1)
    labels = labels.astype(np.int64)
    n = len(labels)
    if len(x) != n or n == 0:
        raise ValueError("need as many labels as images, and at least one")
    predicted = np.empty(n, dtype=np.int64)
    correct = 0
    for i in range(0, n, batch_size):
        with np.errstate(all="ignore"):
            y = np.asarray(predict(x[i : i + batch_size]))
        p = np.argmax(y, axis=1)
        predicted[i : i + batch_size] = p
        correct += int(np.sum(p == labels[i : i + batch_size]))
        yield AccuracyProgress(min(i + batch_size, n), n, correct)
    classes = n_classes or int(max(labels.max(), predicted.max())) + 1
    yield AccuracyResult(
        correct / n,
        correct,
        n,
        predicted,
        confusion_matrix(labels, predicted, classes),
        np.flatnonzero(predicted != labels).astype(np.int64),
    )


def evaluate(
    predict: Callable[[NDArray], NDArray],
    x: NDArray,
    t: NDArray,
    batch_size: int = 100,
    n_classes: int | None = None,
) -> AccuracyResult:
    """:func:`accuracy_steps` run to the end: the :class:`AccuracyResult`."""
    result = None
    for record in accuracy_steps(predict, x, t, batch_size, n_classes):
        result = record
    assert isinstance(result, AccuracyResult)
    return result
