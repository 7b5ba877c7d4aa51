"""Files read in steps (issue 14): progress while reading, no more memory than claimed."""

from __future__ import annotations

import gzip
import os
import struct
from pathlib import Path

import numpy as np
import pytest

from engine import datasets as D
from engine import project
from engine.reading import ReadProgress, finish


def _idx(array: np.ndarray) -> bytes:
    header = bytes([0, 0, 0x08, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(np.uint8).tobytes()


def _drain(steps):
    """(the progress reports, the returned value) of a reading generator."""
    reports = []
    while True:
        try:
            reports.append(next(steps))
        except StopIteration as done:
            return reports, done.value


def test_idx_steps_report_progress_and_return_the_same_array(tmp_path):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (300, 28, 28), dtype=np.uint8)
    for name, blob in (("plain", _idx(images)), ("packed.gz", gzip.compress(_idx(images)))):
        path = tmp_path / name
        path.write_bytes(blob)
        reports, array = _drain(D.read_idx_steps(path, chunk=20_000))
        np.testing.assert_array_equal(array, images)
        assert len(reports) >= 300 * 784 // 20_000  # one report per chunk of the data
        assert all(isinstance(r, ReadProgress) for r in reports)
        assert [r.done for r in reports] == sorted(r.done for r in reports)
        assert reports[-1].done == reports[-1].total == os.path.getsize(path)


def test_a_huge_file_is_refused_from_its_header_without_reading_it(tmp_path):
    path = tmp_path / "huge-images-idx3-ubyte"
    with open(path, "wb") as f:  # a 20 GB sparse file whose header claims 60000×28×28
        f.write(bytes([0, 0, 0x08, 3]) + struct.pack(">3I", 60000, 28, 28))
        f.truncate(20 * 1024**3)
    with pytest.raises(D.DatasetError, match="longer than its header"):
        D.read_idx(path)
    junk = tmp_path / "junk-images-idx3-ubyte"
    with open(junk, "wb") as f:
        f.truncate(20 * 1024**3)
    with pytest.raises(D.DatasetError, match="wrong magic number"):
        D.read_idx(junk)


@pytest.mark.skipif(D.fashion_mnist_files() is None, reason="Fashion-MNIST not installed")
def test_the_real_fashion_mnist_in_steps_equals_the_one_pass_read():
    files = D.fashion_mnist_files()
    paths = list(files.values()) if isinstance(files, dict) else list(files)
    reports, data = _drain(D.load_mnist_steps(paths))
    assert data.x_train.shape == (60000, 784) and data.x_test.shape == (10000, 784)
    assert len(reports) >= 10
    total = sum(os.path.getsize(p) for p in paths)
    assert reports[-1] == ReadProgress(total, total)
    # against an independent read: gzip + NumPy, not the IDX reader
    raw = next(p for p in paths if "t10k-labels" in str(p))
    labels = np.frombuffer(gzip.decompress(Path(raw).read_bytes())[8:], dtype=np.uint8)
    np.testing.assert_array_equal(data.t_test, labels)


def test_project_steps_report_progress_and_load_the_same_document(tmp_path):
    doc = project.new_document({"network": {"weights": [np.arange(300_000.0).reshape(600, 500)]}})
    path = tmp_path / "big.zkl.json"
    project.save(path, doc)
    reports, loaded = _drain(project.load_steps(path))
    assert reports[0] == ReadProgress(0, os.path.getsize(path))
    assert reports[-1].done == os.path.getsize(path)
    weights = loaded["tabs"]["network"]["weights"][0]
    np.testing.assert_array_equal(np.asarray(weights), np.arange(300_000.0).reshape(600, 500))
    again = finish(project.load_steps(path))["tabs"]["network"]["weights"][0]
    np.testing.assert_array_equal(np.asarray(again), np.asarray(weights))
