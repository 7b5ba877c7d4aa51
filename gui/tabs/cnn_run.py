"""What the CNN tab's worker runs (book §7.5): read the chosen data set in the worker
thread (Fashion-MNIST's 60,000 images take a moment), yield a :class:`Loaded` record with
the run's ``TrainConfig`` (the learning rate may be changed on it while paused), then the
records of :func:`engine.conv_lab.train_convnet`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from engine.conv_lab import train_convnet
from engine.convnet import SimpleConvNet
from engine.datasets import Dataset
from engine.training import TrainConfig

__all__ = ["NoDataError", "Loaded", "RunFactory", "load_data", "FILTER_EVERY"]

#: The worker copies the first layer's filters into every this many iteration records.
FILTER_EVERY = 5


class NoDataError(Exception):
    """The chosen data set is not available (the message is shown as is)."""


def load_data(key: str) -> Dataset:
    """The data set of ``tr_data`` key (raises :class:`NoDataError` with a reason key)."""
    from engine import mnist

    if key == "bundled":
        return mnist.bundled_mnist()
    if key == "mnist":
        data = mnist.find_mnist()
        if data is None:
            raise NoDataError("mnist")
        return data
    if mnist.fashion_mnist_files() is None:
        raise NoDataError("fashion")
    return mnist.load_fashion_mnist()


@dataclass(frozen=True)
class Loaded:
    config: TrainConfig
    data: Dataset


class RunFactory:
    """Called in the worker thread: loads the data, then trains ``net``."""

    def __init__(self, data_key: str, model_config, net: SimpleConvNet) -> None:
        self.data_key, self.model_config, self.net = data_key, model_config, net

    def __call__(self) -> Iterator[Any]:
        return self._run()

    def _run(self) -> Iterator[Any]:
        data = load_data(self.data_key)
        config = self.model_config(len(data.t_train))
        yield Loaded(config, data)
        yield from train_convnet(config, data, self.net, filter_every=FILTER_EVERY)
