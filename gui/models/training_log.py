"""A Training run's results so far (no Qt): ``RunLog``, appended from the worker's records.

The tab draws from it; tests read it (re-exported by gui/models/training.py).
"""

from __future__ import annotations

import numpy as np

from engine import training as T

__all__ = ["RunLog"]


class RunLog:
    """What the current run produced, appended from the worker's records (no Qt).

    ``n`` iterations so far with ``losses[:n]``; ``epochs`` rows of (epoch, train accuracy,
    test accuracy), also as ``epoch_array[:len(epochs)]``; ``region`` / ``predictions``: the
    latest not yet drawn (the tab takes them); ``diverged``: the engine's Diverged record.
    """

    def __init__(self) -> None:
        self.losses = np.zeros(1024)
        self.x = np.arange(1, 1025, dtype=np.float64)
        self.n = 0
        self.epochs: list[tuple[float, float, float]] = []
        self.epoch_array = np.zeros((256, 3))
        self.region: np.ndarray | None = None
        self.predictions: np.ndarray | None = None
        #: every test image's predicted class after the latest epoch (image data)
        self.test_predictions: np.ndarray | None = None
        self.diverged: T.Diverged | None = None
        #: The latest per-layer histograms (``TrainConfig.histogram_every``), not yet drawn.
        self.histograms = None

    def add(self, records: list) -> None:
        """Append a batch of the engine's records (iteration records and Diverged)."""
        for record in records:
            if isinstance(record, T.IterationRecord):
                if self.n >= len(self.losses):
                    self.losses = np.concatenate([self.losses, np.zeros(len(self.losses))])
                if self.n >= len(self.x):
                    self.x = np.arange(1, 2 * len(self.x) + 1, dtype=np.float64)
                self.losses[self.n] = record.loss
                self.n += 1
                if record.histograms is not None:
                    self.histograms = record.histograms
                if record.epoch is not None:
                    e = record.epoch
                    row = (e.epoch, e.train_accuracy, e.test_accuracy)
                    if len(self.epochs) >= len(self.epoch_array):
                        self.epoch_array = np.concatenate([self.epoch_array, self.epoch_array])
                    self.epoch_array[len(self.epochs)] = row
                    self.epochs.append(row)
                    if e.region is not None:
                        self.region = e.region
                    if e.predictions is not None:
                        self.predictions = e.predictions
                    if e.test_predictions is not None:
                        self.test_predictions = e.test_predictions
            elif isinstance(record, T.Diverged):
                self.diverged = record

    @property
    def last_loss(self) -> float | None:
        return float(self.losses[self.n - 1]) if self.n else None
