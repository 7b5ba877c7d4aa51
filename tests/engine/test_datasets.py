"""engine.datasets: toys, the bundled digits, and MNIST readers refusing bad files."""

from __future__ import annotations

import gzip
import pickle
import struct

import numpy as np
import pytest

from engine import datasets as D


# -- toys --------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", D.TOY_KINDS)
def test_toys_are_seeded_balanced_and_finite(kind):
    x, t = D.make_toy(kind, 200, noise=0.1, seed=3, n_classes=4)
    x2, t2 = D.make_toy(kind, 200, noise=0.1, seed=3, n_classes=4)
    assert x.shape == (200, 2) and t.shape == (200,)
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(t, t2)
    assert np.all(np.isfinite(x))
    classes = 2 if kind in ("xor", "circles", "moons") else 4
    assert set(np.unique(t)) == set(range(classes))
    if kind != "xor":  # xor labels follow the quadrant, the others are balanced
        assert np.bincount(t).min() == 200 // classes
    x3, _ = D.make_toy(kind, 200, noise=0.1, seed=4, n_classes=4)
    assert not np.array_equal(x, x3)


def test_xor_labels_follow_the_quadrants_without_noise():
    x, t = D.make_toy("xor", 100, noise=0.0, seed=0)
    np.testing.assert_array_equal(t, ((x[:, 0] > 0) != (x[:, 1] > 0)).astype(int))


def test_circles_radii_without_noise():
    x, t = D.make_toy("circles", 100, noise=0.0, seed=0)
    r = np.hypot(x[:, 0], x[:, 1])
    np.testing.assert_allclose(r[t == 0], 1.0)
    np.testing.assert_allclose(r[t == 1], 0.5)


def test_toy_dataset_split_and_dtypes():
    d = D.toy_dataset("blobs", 400, noise=0.2, seed=1, n_classes=5, test_fraction=0.25)
    assert (len(d.t_train), len(d.t_test)) == (300, 100)
    assert d.x_train.dtype == np.float32 and d.t_train.dtype == np.int64
    assert d.x_train.flags.c_contiguous
    assert d.n_classes == 5 and d.is_2d and d.n_features == 2


def test_bad_toy_arguments_are_refused():
    with pytest.raises(ValueError):
        D.make_toy("nope")
    with pytest.raises(ValueError):
        D.make_toy("blobs", n_classes=6)
    with pytest.raises(ValueError):
        D.make_toy("blobs", noise=float("nan"))


# -- bundled digits ----------------------------------------------------------------------
def test_bundled_digits():
    d = D.load_digits(test_fraction=0.2, seed=0)
    assert len(d.t_train) + len(d.t_test) == 1797
    assert d.n_features == 64 and d.image_shape == (8, 8) and d.n_classes == 10
    assert d.x_train.min() >= 0.0 and d.x_train.max() == 1.0
    assert set(np.unique(np.concatenate([d.t_train, d.t_test]))) == set(range(10))
    assert D.DIGITS_PATH.stat().st_size < 80_000


def test_digits_licence_is_shipped():
    text = (D.DIGITS_PATH.parent / "digits-LICENSE.txt").read_text(encoding="utf-8")
    assert "CC BY 4.0" in text and "BSD" in text


# -- IDX ---------------------------------------------------------------------------------
def idx_bytes(array: np.ndarray, code: int = 0x08) -> bytes:
    header = bytes([0, 0, code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def make_idx_set(folder, n_train=12, n_test=5, gz=False, side=4):
    rng = np.random.default_rng(0)
    parts = {
        "train-images-idx3-ubyte": rng.integers(0, 256, (n_train, side, side), dtype=np.uint8),
        "train-labels-idx1-ubyte": rng.integers(0, 10, n_train, dtype=np.uint8),
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (n_test, side, side), dtype=np.uint8),
        "t10k-labels-idx1-ubyte": rng.integers(0, 10, n_test, dtype=np.uint8),
    }
    paths = []
    for name, arr in parts.items():
        data = idx_bytes(arr)
        path = folder / (name + (".gz" if gz else ""))
        path.write_bytes(gzip.compress(data) if gz else data)
        paths.append(path)
    return paths, parts


@pytest.mark.parametrize("gz", [False, True])
def test_idx_set_loads(tmp_path, gz):
    paths, parts = make_idx_set(tmp_path, gz=gz)
    d = D.load_mnist(list(reversed(paths)))
    assert (len(d.t_train), len(d.t_test), d.n_features, d.image_shape) == (12, 5, 16, (4, 4))
    np.testing.assert_array_equal(d.t_train, parts["train-labels-idx1-ubyte"])
    np.testing.assert_allclose(
        d.x_test, parts["t10k-images-idx3-ubyte"].reshape(5, 16) / 255.0, rtol=1e-6
    )


def test_read_idx_other_dtypes():
    a = np.arange(6, dtype=np.int32).reshape(2, 3) - 3
    np.testing.assert_array_equal(D.read_idx(idx_bytes(a, 0x0C)), a)
    f = np.linspace(0, 1, 4)
    np.testing.assert_array_equal(D.read_idx(idx_bytes(f, 0x0E)), f)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x00", "too short"),
        (b"PK\x03\x04" + b"\x00" * 20, "magic"),
        (b"\x00\x00\x08\x09" + b"\x00" * 40, "dimensions"),
        (bytes([0, 0, 8, 3]) + struct.pack(">2I", 60000, 28), "truncated"),
        (bytes([0, 0, 8, 3]) + struct.pack(">3I", 4_000_000_000, 4_000_000_000, 9), "absurd"),
        (bytes([0, 0, 8, 1]) + struct.pack(">I", 0), "absurd"),
        (bytes([0, 0, 8, 1]) + struct.pack(">I", 10) + b"\x01" * 5, "truncated"),
        (bytes([0, 0, 8, 1]) + struct.pack(">I", 3) + b"\x01" * 5, "longer"),
        (b"\x1f\x8b" + b"garbage-not-gzip" * 4, "cannot be read"),
    ],
)
def test_corrupt_idx_is_refused_with_a_reason(data, reason):
    with pytest.raises(D.DatasetError, match=reason):
        D.read_idx(data)


def test_truncated_gzip_is_refused(tmp_path):
    data = gzip.compress(idx_bytes(np.zeros((50, 4, 4), np.uint8)))
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(D.DatasetError):
        D.read_idx(path)


def test_label_count_mismatch_is_refused(tmp_path):
    paths, _ = make_idx_set(tmp_path)
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(idx_bytes(np.zeros(11, np.uint8)))
    with pytest.raises(D.DatasetError, match="11 training labels for 12 images"):
        D.load_mnist(paths)


def test_labels_out_of_range_are_refused(tmp_path):
    paths, _ = make_idx_set(tmp_path)
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(idx_bytes(np.full(5, 12, np.uint8)))
    with pytest.raises(D.DatasetError, match="0–9"):
        D.load_mnist(paths)


def test_unrecognised_idx_names_are_refused(tmp_path):
    paths, _ = make_idx_set(tmp_path)
    other = tmp_path / "mystery.bin"
    other.write_bytes(b"")
    with pytest.raises(D.DatasetError, match="images or labels"):
        D.load_mnist([*paths[:3], other])
    with pytest.raises(D.DatasetError, match="four"):
        D.load_mnist(paths[:2])


# -- npz and pkl ---------------------------------------------------------------------------
def book_dict(n_train=8, n_test=4):
    rng = np.random.default_rng(1)
    return {
        "train_img": rng.integers(0, 256, (n_train, 784), dtype=np.uint8),
        "train_label": rng.integers(0, 10, n_train, dtype=np.uint8),
        "test_img": rng.integers(0, 256, (n_test, 784), dtype=np.uint8),
        "test_label": rng.integers(0, 10, n_test, dtype=np.uint8),
    }


def test_npz_loads_with_book_or_keras_keys(tmp_path):
    data = book_dict()
    np.savez(tmp_path / "a.npz", **data)
    d = D.load_mnist(tmp_path / "a.npz")
    assert d.image_shape == (28, 28) and len(d.t_train) == 8
    np.savez_compressed(
        tmp_path / "b.npz",
        x_train=data["train_img"].reshape(8, 28, 28),
        y_train=data["train_label"],
        x_test=data["test_img"].reshape(4, 28, 28),
        y_test=data["test_label"],
    )
    d2 = D.load_mnist(tmp_path / "b.npz")
    np.testing.assert_array_equal(d.x_train, d2.x_train)


def test_book_pickle_loads(tmp_path):
    path = tmp_path / "mnist.pkl"
    with open(path, "wb") as f:
        pickle.dump(book_dict(), f, -1)
    d = D.load_mnist(path)
    assert len(d.t_test) == 4 and d.x_train.dtype == np.float32 and d.x_train.max() <= 1


class Evil:
    def __reduce__(self):
        return (print, ("pwned",))


def test_hostile_pickle_is_refused(tmp_path):
    path = tmp_path / "mnist.pkl"
    path.write_bytes(pickle.dumps({"train_img": Evil()}))
    with pytest.raises(D.DatasetError, match="not NumPy"):
        D.load_mnist(path)


def test_wrong_npz_contents_are_refused(tmp_path):
    np.savez(tmp_path / "w.npz", weights=np.zeros(3))
    with pytest.raises(D.DatasetError, match="keys"):
        D.load_mnist(tmp_path / "w.npz")
    (tmp_path / "bad.npz").write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(D.DatasetError):
        D.load_mnist(tmp_path / "bad.npz")
    data = book_dict()
    data["test_img"] = data["test_img"][:, :100]
    np.savez(tmp_path / "shape.npz", **data)
    with pytest.raises(D.DatasetError, match="pixels"):
        D.load_mnist(tmp_path / "shape.npz")
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(D.DatasetError, match="not a .npz"):
        D.load_mnist(tmp_path / "x.txt")
