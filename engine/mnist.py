"""Real MNIST in the box, Fashion-MNIST when installed, full MNIST when downloaded (book §3.6).

* :func:`load_bundled_mnist` — the book's ``load_mnist(normalize, flatten, one_hot_label)``
  (§3.6.1) over the 5,000 real MNIST digits shipped in ``resources/data/mnist-5k.npz``
  (500 per class, a fixed stratified split: 4,000 for training, 1,000 — 100 per class —
  for testing; see ``mnist-5k-LICENSE.txt``). :func:`bundled_mnist` gives the same data
  as a :class:`~engine.datasets.Dataset` for the app.
* :func:`load_fashion_mnist` — Zalando's Fashion-MNIST (same format as MNIST, ten kinds of
  clothing, :data:`FASHION_CLASSES`) from ``/usr/share/datasets/fashion-mnist`` where
  Debian's ``dataset-fashion-mnist`` puts it.
* :func:`find_mnist` — the full MNIST (60,000 + 10,000) if its four IDX files are in the
  user's data folder (:func:`mnist_data_dir`, where ``download_mnist`` puts them).
* :func:`book_arrays` — any of these in the book's tuple form.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

import resources
from engine.datasets import Dataset, DatasetError, load_mnist_idx
from engine.safeio import UnsafeFileError, load_npz

__all__ = [
    "BUNDLED_MNIST_PATH",
    "FASHION_MNIST_DIR",
    "FASHION_CLASSES",
    "MNIST_CLASSES",
    "MNIST_FILES",
    "load_bundled_mnist",
    "bundled_mnist",
    "book_arrays",
    "fashion_mnist_files",
    "load_fashion_mnist",
    "mnist_data_dir",
    "find_mnist_files",
    "find_mnist",
]

#: The bundled subset: 5,000 real MNIST training digits as uint8 (see its LICENSE file).
BUNDLED_MNIST_PATH = resources.path("data", "mnist-5k.npz")
#: Where Debian's ``dataset-fashion-mnist`` installs the four Fashion-MNIST IDX files.
FASHION_MNIST_DIR = Path("/usr/share/datasets/fashion-mnist")
#: Class names of the digits (the label itself).
MNIST_CLASSES = tuple(str(d) for d in range(10))
#: Fashion-MNIST's ten classes, label 0…9 (Xiao, Rasul, Vollgraf 2017).
FASHION_CLASSES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)
#: The four IDX files of MNIST and Fashion-MNIST, by role, as LeCun's site names them.
MNIST_FILES = {
    "train_img": "train-images-idx3-ubyte.gz",
    "train_label": "train-labels-idx1-ubyte.gz",
    "test_img": "t10k-images-idx3-ubyte.gz",
    "test_label": "t10k-labels-idx1-ubyte.gz",
}


def _bundled_arrays(path: Path | None = None) -> dict[str, NDArray[np.uint8]]:
    source = BUNDLED_MNIST_PATH if path is None else Path(path)
    try:
        arrays = load_npz(source)
    except (UnsafeFileError, OSError) as exc:
        raise DatasetError(f"the bundled MNIST file cannot be read ({exc})") from None
    for part, n in (("train", 4000), ("test", 1000)):
        x, t = arrays.get(f"x_{part}"), arrays.get(f"t_{part}")
        if (
            x is None
            or t is None
            or x.shape != (n, 28, 28)
            or t.shape != (n,)
            or x.dtype != np.uint8
            or t.dtype != np.uint8
            or t.max() > 9
        ):
            raise DatasetError(f"the bundled MNIST file's {part} part is not {n} 28×28 images")
    return arrays


def _book_form(
    x: NDArray[np.uint8], t: NDArray, normalize: bool, flatten: bool, one_hot_label: bool
) -> tuple[NDArray, NDArray]:
    images: NDArray = x.reshape(len(x), -1) if flatten else x.reshape(len(x), 1, *x.shape[1:])
    images = images.astype(np.float32) / np.float32(255.0) if normalize else images.astype(np.uint8)
    labels: NDArray = t.astype(np.int64)
    if one_hot_label:
        labels = np.eye(10, dtype=np.float32)[labels]
    return np.ascontiguousarray(images), labels


def load_bundled_mnist(
    normalize: bool = True, flatten: bool = True, one_hot_label: bool = False
) -> tuple[tuple[NDArray, NDArray], tuple[NDArray, NDArray]]:
    """The bundled real MNIST subset as the book's ``load_mnist`` returns MNIST (§3.6.1).

    Returns ``(x_train, t_train), (x_test, t_test)`` with 4,000 and 1,000 images.
    ``normalize``: float32 pixels in 0.0–1.0 (value / 255), else the uint8 grey levels
    0–255. ``flatten``: rows of 784 values, else ``(n, 1, 28, 28)`` (one channel, as
    ch. 7 needs). ``one_hot_label``: labels as float32 rows with a 1 at the class (§3.6.1),
    else int64 class numbers 0–9.
    """
    a = _bundled_arrays()
    train = _book_form(a["x_train"], a["t_train"], normalize, flatten, one_hot_label)
    test = _book_form(a["x_test"], a["t_test"], normalize, flatten, one_hot_label)
    return train, test


def bundled_mnist(path: Path | None = None) -> Dataset:
    """The bundled real MNIST subset as a Dataset (``"mnist-5k"``: 4,000 train, 1,000 test,
    float32 rows in 0–1, 28×28)."""
    a = _bundled_arrays(path)
    return Dataset(
        "mnist-5k",
        np.ascontiguousarray(a["x_train"].reshape(4000, 784), dtype=np.float32) / np.float32(255),
        a["t_train"].astype(np.int64),
        np.ascontiguousarray(a["x_test"].reshape(1000, 784), dtype=np.float32) / np.float32(255),
        a["t_test"].astype(np.int64),
        10,
        (28, 28),
        MNIST_CLASSES,
    )


def book_arrays(
    data: Dataset, normalize: bool = True, flatten: bool = True, one_hot_label: bool = False
) -> tuple[tuple[NDArray, NDArray], tuple[NDArray, NDArray]]:
    """Any image Dataset in the form of the book's ``load_mnist`` (options as in
    :func:`load_bundled_mnist`); ``normalize=False`` gives back the exact uint8 levels."""
    if data.image_shape is None:
        raise DatasetError(f"{data.name} holds points, not images")
    h, w = data.image_shape
    out = []
    for x, t in ((data.x_train, data.t_train), (data.x_test, data.t_test)):
        images = np.asarray(x, dtype=np.float32)
        if not normalize:  # x = level / 255 in float32, so rounding gives the level back
            images = np.rint(images * np.float32(255.0)).astype(np.uint8)
        images = images.reshape(len(x), -1) if flatten else images.reshape(len(x), 1, h, w)
        labels: NDArray = np.asarray(t, dtype=np.int64)
        if one_hot_label:
            labels = np.eye(data.n_classes, dtype=np.float32)[labels]
        out.append((np.ascontiguousarray(images), labels))
    return out[0], out[1]


# -- IDX folders: Fashion-MNIST and the full MNIST ---------------------------------------------
def _idx_files(directory: Path) -> dict[str, Path] | None:
    """The four IDX files in ``directory`` (``.gz`` or not), by role, or None if any is missing."""
    found: dict[str, Path] = {}
    for role, name in MNIST_FILES.items():
        for candidate in (directory / name, directory / name.removesuffix(".gz")):
            if candidate.is_file():
                found[role] = candidate
                break
        else:
            return None
    return found


def fashion_mnist_files(directory: Path | None = None) -> dict[str, Path] | None:
    """The Fashion-MNIST IDX files if installed (default :data:`FASHION_MNIST_DIR`), else None."""
    return _idx_files(FASHION_MNIST_DIR if directory is None else Path(directory))


def load_fashion_mnist(directory: Path | None = None) -> Dataset:
    """Fashion-MNIST (60,000 + 10,000 28×28 images of clothing, classes
    :data:`FASHION_CLASSES`), a drop-in replacement for MNIST in §3.6 onwards.

    Raises :class:`DatasetError` if it is not installed or a file is damaged.
    """
    files = fashion_mnist_files(directory)
    if files is None:
        raise DatasetError(f"Fashion-MNIST is not installed in {directory or FASHION_MNIST_DIR}")
    data = load_mnist_idx(**files, name="fashion-mnist")
    return Dataset(
        data.name,
        data.x_train,
        data.t_train,
        data.x_test,
        data.t_test,
        10,
        data.image_shape,
        FASHION_CLASSES,
    )


def mnist_data_dir() -> Path:
    """The user's MNIST folder: ``$XDG_DATA_HOME/zerokara-lab/mnist``
    (``~/.local/share/zerokara-lab/mnist`` when ``XDG_DATA_HOME`` is unset or relative)."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return root / "zerokara-lab" / "mnist"


def find_mnist_files(directory: Path | None = None) -> dict[str, Path] | None:
    """The full MNIST's four IDX files in the user's data folder (or ``directory``), by
    role, if all four are there; else None. Nothing is read (``.part`` files never count)."""
    return _idx_files(mnist_data_dir() if directory is None else Path(directory))


def find_mnist(directory: Path | None = None) -> Dataset | None:
    """The full MNIST (book §3.6.1: 60,000 training and 10,000 test images) from the
    user's data folder if its four files are there, else None.

    Files that are there but damaged raise :class:`DatasetError` (saying which file).
    """
    files = find_mnist_files(directory)
    if files is None:
        return None
    data = load_mnist_idx(**files, name="mnist-full")
    return Dataset(
        data.name,
        data.x_train,
        data.t_train,
        data.x_test,
        data.t_test,
        10,
        data.image_shape,
        MNIST_CLASSES,
    )
