"""The image sets a learner can pick an input from (Qt-free; loaded once, on first use).

Test parts only: the bundled 1,000 MNIST test digits, the full MNIST test set when it has
been downloaded, Fashion-MNIST's test set when installed, and the bundled 8×8 digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

import resources
from engine import datasets as D

__all__ = [
    "ImageSource",
    "available_sources",
    "load_source",
    "SOURCE_KEYS",
    "SAMPLE_WEIGHT_PATH",
    "load_real_dataset",
    "real_dataset_present",
    "clear_caches",
]

#: The book's trained 784-50-100-10 network of §3.6.2 (MIT, see its LICENSE file).
SAMPLE_WEIGHT_PATH = resources.path("data", "sample_weight.pkl")

#: In the order the pickers list them.
SOURCE_KEYS = ("mnist-5k", "mnist", "fashion", "digits")


@dataclass(frozen=True)
class ImageSource:
    """``images`` (n, h, w) float32 in 0–1 with their ``labels`` and ``class_names``."""

    key: str
    images: NDArray[np.float32]
    labels: NDArray[np.int64]
    class_names: tuple[str, ...]

    @property
    def shape(self) -> tuple[int, int]:
        return int(self.images.shape[1]), int(self.images.shape[2])

    @property
    def n_pixels(self) -> int:
        return self.shape[0] * self.shape[1]

    def __len__(self) -> int:
        return len(self.labels)


def available_sources(n_pixels: int | None = None) -> list[str]:
    """Keys of the sets present on this machine (with ``n_pixels`` pixels, if given)."""
    sizes = {"mnist-5k": 784, "mnist": 784, "fashion": 784, "digits": 64}
    present = {
        "mnist-5k": D.BUNDLED_MNIST_PATH.is_file(),
        "mnist": D.find_mnist_files() is not None,
        "fashion": D.fashion_mnist_files() is not None,
        "digits": D.DIGITS_PATH.is_file(),
    }
    return [k for k in SOURCE_KEYS if present[k] and (n_pixels is None or sizes[k] == n_pixels)]


def _test_part(files: dict, key: str, names: tuple[str, ...]) -> ImageSource:
    images = D.read_idx(files["test_img"])
    labels = D.read_idx(files["test_label"]).astype(np.int64)
    if images.ndim != 3 or len(images) != len(labels) or labels.max() > 9:
        raise D.DatasetError(f"{files['test_img'].name}: not MNIST-shaped test images")
    return ImageSource(key, images.astype(np.float32) / np.float32(255), labels, names)


@lru_cache(maxsize=4)
def load_source(key: str) -> ImageSource:
    """The test images of ``key`` (raises ``DatasetError`` if absent or damaged)."""
    if key == "mnist-5k":
        _, (x, t) = D.load_bundled_mnist()
        return ImageSource(key, x.reshape(-1, 28, 28), t, D.MNIST_CLASSES)
    if key == "mnist":
        files = D.find_mnist_files()
        if files is None:
            raise D.DatasetError("the full MNIST has not been downloaded")
        return _test_part(files, key, D.MNIST_CLASSES)
    if key == "fashion":
        files = D.fashion_mnist_files()
        if files is None:
            raise D.DatasetError("Fashion-MNIST is not installed")
        return _test_part(files, key, D.FASHION_CLASSES)
    if key == "digits":
        data = D.load_digits()
        return ImageSource(key, data.x_test.reshape(-1, 8, 8), data.t_test, D.MNIST_CLASSES)
    raise KeyError(key)


# -- whole data sets for training (train and test parts) -----------------------------------
def real_dataset_present(key: str) -> bool:
    """Whether the real image set ``key`` ("mnist-5k", "fashion-mnist", "mnist-full") is here."""
    if key == "mnist-5k":
        return D.BUNDLED_MNIST_PATH.is_file()
    if key == "fashion-mnist":
        return D.fashion_mnist_files() is not None
    if key == "mnist-full":
        return D.find_mnist_files() is not None
    return False


@lru_cache(maxsize=3)
def load_real_dataset(key: str) -> D.Dataset:
    """The real image set ``key`` as a Dataset, loaded once (raises ``DatasetError``)."""
    if key == "mnist-5k":
        return D.bundled_mnist()
    if key == "fashion-mnist":
        return D.load_fashion_mnist()
    if key == "mnist-full":
        data = D.find_mnist()
        if data is None:
            raise D.DatasetError("the full MNIST has not been downloaded (File ▸ Download MNIST…)")
        return data
    raise KeyError(key)


def clear_caches() -> None:
    """Forget loaded sets (after a download put new files in place)."""
    load_source.cache_clear()
    load_real_dataset.cache_clear()
