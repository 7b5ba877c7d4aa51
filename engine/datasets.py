"""Data to learn from (book §3.6, §4.5): 2-D toys, the bundled 8×8 digits, and MNIST.

Every loader returns a :class:`Dataset`: inputs as C-contiguous ``float32`` rows (one
sample per row, pixels scaled to 0–1 as the book's ``normalize=True``) and labels as
``int64`` class numbers, already split into a training and a test part.

* ``toy_dataset("xor" | "circles" | "moons" | "spirals" | "blobs", …)``: 2-D points made
  from a seed and a noise level, so a run can be repeated exactly.
* ``load_digits()``: the 1,797 8×8 handwritten digits shipped in ``resources/data``
  (the UCI "Optical Recognition of Handwritten Digits" test set, CC BY 4.0).
* ``load_mnist(paths)``: MNIST from the learner's own files — the four IDX files
  (gzipped or not), a ``.npz``, or the book's ``mnist.pkl`` (read with a restricted
  unpickler). Wrong or corrupt files raise :class:`DatasetError` saying why.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import zlib
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
from numpy.typing import NDArray

import resources
from engine.reading import READ_CHUNK, ReadProgress, finish
from engine.safeio import UnsafeFileError, load_npz, load_pickle

#: Names of ``engine.mnist`` (bundled real MNIST, Fashion-MNIST, the user's full MNIST)
#: and ``engine.download`` offered here too, imported when first used (they need Dataset).
_LATER = {
    "BUNDLED_MNIST_PATH": "engine.mnist",
    "FASHION_MNIST_DIR": "engine.mnist",
    "FASHION_CLASSES": "engine.mnist",
    "MNIST_CLASSES": "engine.mnist",
    "MNIST_FILES": "engine.mnist",
    "load_bundled_mnist": "engine.mnist",
    "bundled_mnist": "engine.mnist",
    "book_arrays": "engine.mnist",
    "fashion_mnist_files": "engine.mnist",
    "load_fashion_mnist": "engine.mnist",
    "mnist_data_dir": "engine.mnist",
    "find_mnist_files": "engine.mnist",
    "find_mnist": "engine.mnist",
    "download_mnist": "engine.download",
    "download_steps": "engine.download",
    "DownloadError": "engine.download",
    "CancelToken": "engine.download",
    "MnistFile": "engine.download",
    "MNIST_DOWNLOADS": "engine.download",
    "DEFAULT_MIRRORS": "engine.download",
}

__all__ = [
    "Dataset",
    "DatasetError",
    "TOY_KINDS",
    "make_toy",
    "split",
    "toy_dataset",
    "load_digits",
    "DIGITS_PATH",
    "read_idx",
    "read_idx_steps",
    "ReadProgress",
    "load_mnist_steps",
    "load_mnist_idx",
    "load_mnist_arrays",
    "load_mnist",
    "assign_idx_roles",
    *_LATER,
]

#: The 2-D toy data sets; the first three always have two classes.
TOY_KINDS = ("xor", "circles", "moons", "spirals", "blobs")
#: The bundled 8×8 digits (a gzipped CSV: 64 pixel values 0–16, then the label).
DIGITS_PATH = resources.path("data", "digits.csv.gz")

#: Refuse IDX files that claim more elements than this (the full MNIST has 47 million).
MAX_IDX_ELEMENTS = 200_000_000
_IDX_DTYPES = {
    0x08: np.dtype(np.uint8),
    0x09: np.dtype(np.int8),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


class DatasetError(ValueError):
    """A data file that cannot be used; the message says why (wrong magic, truncated, …)."""


@dataclass(frozen=True)
class Dataset:
    """Inputs and labels split into training and test parts.

    ``x_*`` are float32 rows, ``t_*`` int64 labels 0…n_classes−1; ``image_shape`` is
    (height, width) for image data and None for points; ``class_names`` name the labels.
    """

    name: str
    x_train: NDArray[np.float32]
    t_train: NDArray[np.int64]
    x_test: NDArray[np.float32]
    t_test: NDArray[np.int64]
    n_classes: int
    image_shape: tuple[int, int] | None = None
    #: Names of the classes where a label means more than its number (Fashion-MNIST).
    class_names: tuple[str, ...] | None = None

    @property
    def n_features(self) -> int:
        return int(self.x_train.shape[1])

    @property
    def is_2d(self) -> bool:
        """True for 2-D points (a decision-region map can be drawn)."""
        return self.n_features == 2 and self.image_shape is None

    def __repr__(self) -> str:
        return (
            f"Dataset({self.name!r}, train={len(self.t_train)}, test={len(self.t_test)}, "
            f"features={self.n_features}, classes={self.n_classes})"
        )


# -- 2-D toys ------------------------------------------------------------------------------
def make_toy(
    kind: str, n_samples: int = 400, noise: float = 0.1, seed: int = 0, n_classes: int = 2
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """``n_samples`` labelled 2-D points of the toy ``kind``, shuffled, from ``seed``.

    xor: uniform in [−1, 1]², class = sign(x0) ≠ sign(x1); circles: an outer circle of
    radius 1 (class 0) around an inner one of radius 0.5; moons: two interleaved half
    circles; spirals: ``n_classes`` arms; blobs: ``n_classes`` Gaussian clusters (σ 0.5)
    on a circle of radius 3. ``noise`` is the standard deviation of Gaussian jitter
    added to every point. Classes are as equal in size as possible.
    """
    if kind not in TOY_KINDS:
        raise ValueError(f"unknown toy data set {kind!r}")
    if not 2 <= n_classes <= 5:
        raise ValueError("2 to 5 classes")
    if n_samples < 4 or not np.isfinite(noise) or noise < 0:
        raise ValueError("need at least 4 samples and a finite noise level ≥ 0")
    if kind in ("xor", "circles", "moons"):
        n_classes = 2
    rng = np.random.default_rng(seed)
    t = np.arange(n_samples) % n_classes
    if kind == "xor":
        x = rng.uniform(-1.0, 1.0, size=(n_samples, 2))
        t = ((x[:, 0] > 0) != (x[:, 1] > 0)).astype(np.int64)
    elif kind == "circles":
        angle = rng.uniform(0.0, 2 * np.pi, n_samples)
        radius = np.where(t == 0, 1.0, 0.5)
        x = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    elif kind == "moons":
        angle = rng.uniform(0.0, np.pi, n_samples)
        upper = np.column_stack([np.cos(angle), np.sin(angle)])
        lower = np.column_stack([1.0 - np.cos(angle), 0.5 - np.sin(angle)])
        x = np.where((t == 0)[:, None], upper, lower)
    elif kind == "spirals":
        r = rng.uniform(0.05, 1.0, n_samples)
        angle = t * (2 * np.pi / n_classes) + 4.0 * r
        x = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    else:  # blobs
        centre_angle = t * (2 * np.pi / n_classes)
        centres = 3.0 * np.column_stack([np.cos(centre_angle), np.sin(centre_angle)])
        x = centres + 0.5 * rng.standard_normal((n_samples, 2))
    x = x + noise * rng.standard_normal((n_samples, 2))
    order = rng.permutation(n_samples)
    return x[order], t[order].astype(np.int64)


def split(
    x: NDArray, t: NDArray, test_fraction: float = 0.25, seed: int = 0
) -> tuple[NDArray, NDArray, NDArray, NDArray]:
    """A random train/test split: ``(x_train, t_train, x_test, t_test)``.

    The last ``round(test_fraction · n)`` samples of a seeded permutation are the test
    set (at least one sample on each side).
    """
    n = len(t)
    if n < 2 or not 0.0 < test_fraction < 1.0:
        raise ValueError("need two samples and a test fraction strictly between 0 and 1")
    n_test = min(max(int(round(test_fraction * n)), 1), n - 1)
    order = np.random.default_rng(seed).permutation(n)
    train, test = order[: n - n_test], order[n - n_test :]
    return x[train], t[train], x[test], t[test]


def _as_dataset(
    name: str,
    parts: tuple[NDArray, NDArray, NDArray, NDArray],
    n_classes: int,
    image_shape: tuple[int, int] | None = None,
) -> Dataset:
    xa, ta, xb, tb = parts
    return Dataset(
        name,
        np.ascontiguousarray(xa, dtype=np.float32),
        np.ascontiguousarray(ta, dtype=np.int64),
        np.ascontiguousarray(xb, dtype=np.float32),
        np.ascontiguousarray(tb, dtype=np.int64),
        n_classes,
        image_shape,
    )


def toy_dataset(
    kind: str,
    n_samples: int = 400,
    noise: float = 0.1,
    seed: int = 0,
    n_classes: int = 2,
    test_fraction: float = 0.25,
) -> Dataset:
    """A toy from :func:`make_toy`, split by :func:`split` with the same seed."""
    x, t = make_toy(kind, n_samples, noise, seed, n_classes)
    classes = 2 if kind in ("xor", "circles", "moons") else n_classes
    return _as_dataset(kind, split(x, t, test_fraction, seed), classes)


# -- the bundled 8×8 digits ------------------------------------------------------------------
def load_digits(test_fraction: float = 0.2, seed: int = 0, path: Path | None = None) -> Dataset:
    """The 1,797 8×8 handwritten digits, pixels scaled from 0–16 to 0–1, split by seed."""
    source = DIGITS_PATH if path is None else Path(path)
    try:
        with gzip.open(source, "rt", encoding="ascii") as handle:
            table = np.loadtxt(handle, delimiter=",", dtype=np.float32, ndmin=2)
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        raise DatasetError(f"the digits file cannot be read ({exc.__class__.__name__})") from None
    if table.shape[1] != 65 or table.shape[0] < 2:
        raise DatasetError(f"the digits file has {table.shape[1]} columns, expected 65")
    x, t = table[:, :64] / 16.0, table[:, 64].astype(np.int64)
    if t.min() < 0 or t.max() > 9 or x.min() < 0 or x.max() > 1:
        raise DatasetError("the digits file has values out of range")
    return _as_dataset("digits", split(x, t, test_fraction, seed), 10, (8, 8))


# -- MNIST: IDX files ----------------------------------------------------------------------
def _open_source(source: str | Path | bytes) -> tuple[BinaryIO, BinaryIO, int]:
    """(the stream to read, the raw stream whose position is the progress, its size)."""
    if isinstance(source, bytes):
        raw: BinaryIO = io.BytesIO(source)
        total = len(source)
    else:
        raw = open(source, "rb")  # noqa: SIM115 - closed by read_idx_steps
        total = os.fstat(raw.fileno()).st_size
    magic = raw.read(2)
    raw.seek(0)
    if magic == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw), raw, total  # type: ignore[return-value]
    return raw, raw, total


def _read_exact(stream: BinaryIO, n: int) -> bytes:
    data = stream.read(n)
    return data if data is not None else b""


def _idx_header(stream: BinaryIO) -> tuple[np.dtype, tuple[int, ...], int]:
    header = _read_exact(stream, 4)
    if len(header) < 4:
        raise DatasetError("the file is too short to be an IDX file")
    if header[0] != 0 or header[1] != 0 or header[2] not in _IDX_DTYPES:
        raise DatasetError(
            f"wrong magic number 0x{header.hex()} (not an IDX file: "
            "expected 0x0000 then a type code such as 08)"
        )
    dtype, ndim = _IDX_DTYPES[header[2]], header[3]
    if not 1 <= ndim <= 4:
        raise DatasetError(f"the IDX header claims {ndim} dimensions (1 to 4 allowed)")
    dims_raw = _read_exact(stream, 4 * ndim)
    if len(dims_raw) < 4 * ndim:
        raise DatasetError("the IDX header is truncated")
    dims = tuple(int(d) for d in np.frombuffer(dims_raw, dtype=">u4"))
    count = 1
    for d in dims:
        count *= d
    if min(dims) == 0 or count > MAX_IDX_ELEMENTS:
        raise DatasetError(f"the IDX header claims absurd dimensions {dims}")
    return dtype, dims, count * dtype.itemsize


def read_idx_steps(
    source: str | Path | bytes, chunk: int = READ_CHUNK
) -> Generator[ReadProgress, None, NDArray]:
    """:func:`read_idx` in steps: yields a :class:`ReadProgress` after every ``chunk``
    bytes and returns the array, so a worker thread can report progress and stop. Only
    as many bytes as the header announces (plus one, to see a longer file) are read: a
    huge or corrupt file costs no more memory than its header claims."""
    try:
        stream, raw, total = _open_source(source)
    except OSError as exc:
        raise DatasetError(f"the file cannot be read ({exc.strerror or exc})") from None
    try:
        dtype, dims, expected = _idx_header(stream)
        data = bytearray(expected)
        view = memoryview(data)
        got = 0
        while got < expected:
            n = stream.readinto(view[got : got + chunk])  # type: ignore[attr-defined]
            if not n:
                break
            got += n
            yield ReadProgress(raw.tell(), total)
        longer = got == expected and len(_read_exact(stream, 1)) > 0
    except (OSError, EOFError, zlib.error) as exc:
        raise DatasetError(f"the file cannot be read ({exc.__class__.__name__}: {exc})") from None
    finally:
        stream.close()
        raw.close()
    if got < expected:
        raise DatasetError(
            f"the data is truncated: {got} bytes where the header {dims} needs {expected}"
        )
    if longer:
        raise DatasetError(f"the file is longer than its header {dims} says")
    return np.frombuffer(data, dtype=dtype).reshape(dims).astype(dtype.newbyteorder("="))


def read_idx(source: str | Path | bytes) -> NDArray:
    """The array in an IDX file (the format of LeCun's MNIST files, book §3.6.1), gzipped
    or not.

    Header: two zero bytes, a type code (0x08 unsigned byte … 0x0E double), the number
    of dimensions, then each dimension as a big-endian 32-bit integer. The data must be
    exactly as long as the dimensions say. Raises :class:`DatasetError` otherwise,
    before allocating anything for absurd dimensions.
    """
    return finish(read_idx_steps(source))


def _images(array: NDArray, what: str) -> tuple[NDArray[np.float32], tuple[int, int] | None]:
    """Images as float32 rows in 0–1 and their (h, w) if known."""
    a = np.asarray(array)
    if a.dtype == object or not (np.issubdtype(a.dtype, np.number) or a.dtype == bool):
        raise DatasetError(f"{what} are not numbers")
    if a.ndim == 3:
        shape: tuple[int, int] | None = (int(a.shape[1]), int(a.shape[2]))
        a = a.reshape(a.shape[0], -1)
    elif a.ndim == 4 and a.shape[1] == 1:  # (n, 1, h, w) as the book's load_mnist(flatten=False)
        shape = (int(a.shape[2]), int(a.shape[3]))
        a = a.reshape(a.shape[0], -1)
    elif a.ndim == 2:
        side = int(round(np.sqrt(a.shape[1])))
        shape = (side, side) if side * side == a.shape[1] else None
    else:
        raise DatasetError(f"{what} have shape {a.shape}; expected (n, pixels) or (n, h, w)")
    if a.shape[0] == 0 or a.shape[1] == 0:
        raise DatasetError(f"{what} are empty")
    if np.issubdtype(a.dtype, np.integer) or a.dtype == bool:
        top = 255.0 if a.max() > 1 else 1.0
        out = a.astype(np.float32) / np.float32(top)
    else:
        if not np.all(np.isfinite(a)):
            raise DatasetError(f"{what} contain NaN or infinity")
        top = 255.0 if a.max() > 1.0 else 1.0
        out = a.astype(np.float32) / np.float32(top)
    if out.min() < 0.0 or out.max() > 1.0:
        raise DatasetError(f"{what} have pixel values outside 0–255")
    return np.ascontiguousarray(out), shape


def _labels(array: NDArray, n: int, what: str) -> NDArray[np.int64]:
    a = np.asarray(array)
    if a.ndim == 2 and a.shape[0] == n and a.shape[1] > 1:  # one-hot
        a = a.argmax(axis=1)
    a = a.reshape(-1) if a.ndim == 2 and 1 in a.shape else a
    if a.ndim != 1 or a.dtype == object or not np.issubdtype(a.dtype, np.number):
        raise DatasetError(f"{what} have shape {a.shape}; expected one label per image")
    if len(a) != n:
        raise DatasetError(f"{len(a)} {what} for {n} images")
    if not np.all(np.isfinite(a)) or np.any(a != np.round(a)) or a.min() < 0 or a.max() > 9:
        raise DatasetError(f"{what} must be whole numbers 0–9")
    return a.astype(np.int64)


def load_mnist_arrays(
    train_img: NDArray, train_label: NDArray, test_img: NDArray, test_label: NDArray, name: str
) -> Dataset:
    """A Dataset from MNIST-like arrays (any image size, labels 0–9), checked."""
    x_train, shape = _images(train_img, "training images")
    x_test, shape_test = _images(test_img, "test images")
    if x_train.shape[1] != x_test.shape[1]:
        raise DatasetError(
            f"training images have {x_train.shape[1]} pixels, test images {x_test.shape[1]}"
        )
    t_train = _labels(train_label, len(x_train), "training labels")
    t_test = _labels(test_label, len(x_test), "test labels")
    return Dataset(name, x_train, t_train, x_test, t_test, 10, shape or shape_test)


_ROLES = ("train_img", "train_label", "test_img", "test_label")


def assign_idx_roles(paths: Sequence[str | Path]) -> dict[str, Path]:
    """Which of four IDX file names is which: train/test × images/labels.

    Uses the standard names (``train-images-idx3-ubyte``, ``t10k-labels-idx1-ubyte``,
    with or without ``.gz``): "t10k" or "test" marks a test file, "image"/"idx3" an image
    file, "label"/"idx1" a label file.
    """
    if len(paths) != 4:
        raise DatasetError(f"choose the four IDX files (got {len(paths)})")
    roles: dict[str, Path] = {}
    for p in paths:
        name = Path(p).name.lower()
        part = "test" if re.search(r"t10k|test", name) else "train"
        if re.search(r"label|idx1", name):
            kind = "label"
        elif re.search(r"image|idx3", name):
            kind = "img"
        else:
            raise DatasetError(f"cannot tell whether {Path(p).name} holds images or labels")
        role = f"{part}_{kind}"
        if role in roles:
            raise DatasetError(f"two files look like the same part ({role}): {Path(p).name}")
        roles[role] = Path(p)
    return roles


def _size(src: str | Path | bytes) -> int:
    if isinstance(src, bytes):
        return len(src)
    try:
        return Path(src).stat().st_size
    except OSError:
        return 0  # read_idx_steps says why


def _load_mnist_idx_steps(
    sources: Sequence[str | Path | bytes], name: str
) -> Generator[ReadProgress, None, Dataset]:
    total = sum(_size(src) for src in sources)
    before = 0
    arrays = {}
    for role, src in zip(_ROLES, sources, strict=True):
        steps = read_idx_steps(src)
        try:
            while True:
                try:
                    progress = next(steps)
                except StopIteration as done:
                    arrays[role] = done.value
                    break
                yield ReadProgress(before + progress.done, total)
        except DatasetError as exc:
            label = role if isinstance(src, bytes) else Path(src).name
            raise DatasetError(f"{label}: {exc}") from None
        before += _size(src)
    for role in ("train_img", "test_img"):
        if arrays[role].ndim != 3:
            raise DatasetError(f"the {role} file holds shape {arrays[role].shape}, not images")
    return load_mnist_arrays(**arrays, name=name)


def load_mnist_idx(
    train_img: str | Path | bytes,
    train_label: str | Path | bytes,
    test_img: str | Path | bytes,
    test_label: str | Path | bytes,
    name: str = "mnist",
) -> Dataset:
    """MNIST from its four IDX files (book §3.6.1's ``load_mnist`` reads the same)."""
    return finish(_load_mnist_idx_steps((train_img, train_label, test_img, test_label), name))


def load_mnist(paths: str | Path | Sequence[str | Path]) -> Dataset:
    """MNIST from the learner's files: four IDX files, one ``.npz`` or the book's ``mnist.pkl``.

    An ``.npz`` holds ``train_img, train_label, test_img, test_label`` (the book's keys)
    or ``x_train, y_train, x_test, y_test``; ``mnist.pkl`` is the dict the book's
    ``mnist.py`` writes, read with an unpickler that admits only NumPy arrays.
    """
    return finish(load_mnist_steps(paths))


def load_mnist_steps(
    paths: str | Path | Sequence[str | Path],
) -> Generator[ReadProgress, None, Dataset]:
    """:func:`load_mnist` in steps for a worker thread: yields :class:`ReadProgress`
    (bytes of the files read so far, of their total) and returns the Dataset. IDX files
    are read in chunks; an ``.npz`` or ``.pkl`` is read in one step after a first report."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    if len(paths) == 4:
        roles = assign_idx_roles(paths)
        return (yield from _load_mnist_idx_steps([roles[r] for r in _ROLES], "mnist"))
    if len(paths) != 1:
        raise DatasetError("choose four IDX files, one .npz or one .pkl file")
    path = paths[0]
    yield ReadProgress(0, _size(path))
    suffix = path.suffix.lower()
    try:
        if suffix == ".npz":
            data: object = load_npz(path)
        elif suffix in (".pkl", ".pickle"):
            data = load_pickle(path)
        else:
            raise DatasetError(f"{path.name}: not a .npz or .pkl file")
    except UnsafeFileError as exc:
        raise DatasetError(f"{path.name}: {exc}") from None
    except OSError as exc:
        raise DatasetError(f"{path.name}: {exc.strerror or exc}") from None
    if not isinstance(data, dict):
        raise DatasetError(f"{path.name}: expected a dict of arrays, found {type(data).__name__}")
    for keys in (_ROLES, ("x_train", "y_train", "x_test", "y_test")):
        if all(k in data for k in keys):
            arrays = [data[k] for k in keys]
            if not all(isinstance(a, np.ndarray) for a in arrays):
                raise DatasetError(f"{path.name}: the entries are not arrays")
            try:
                return load_mnist_arrays(*arrays, name=path.stem)
            except DatasetError as exc:
                raise DatasetError(f"{path.name}: {exc}") from None
    raise DatasetError(
        f"{path.name}: expected the keys train_img, train_label, test_img, test_label "
        f"(found {', '.join(sorted(map(str, data))[:6]) or 'none'})"
    )


def __getattr__(name: str) -> object:
    """The names of ``engine.mnist`` and ``engine.download``, imported on first use."""
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module 'engine.datasets' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LATER))
