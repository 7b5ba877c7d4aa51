"""The CNN tab's Qt-free computations: the im2col explorer, filters by hand, training records."""

import numpy as np
import pytest

from engine.conv import ConvShapeError
from engine.conv_lab import (
    FILTER_PRESETS,
    explore,
    filter_image,
    pool_map,
    preset_filter,
    train_convnet,
)
from engine.convnet import SimpleConvNet
from engine.datasets import Dataset
from engine.training import TrainConfig


def test_explorer_7x7_3x3_stride2_pad1():
    e = explore(n=1, c=1, h=7, w=7, fh=3, fw=3, stride=2, pad=1, fn=2, seed=0)
    assert (e.out_h, e.out_w) == (4, 4)  # (7 + 2·1 − 3)/2 + 1
    assert e.padded.shape == (1, 1, 9, 9) and e.col.shape == (16, 9)
    assert e.filter_matrix.shape == (9, 2)
    # output cell (1, 2): rows 2…4 and columns 4…6 of the padded input
    field = e.receptive_field(0, 1, 2)
    assert field == [(0, y, x) for y in (2, 3, 4) for x in (4, 5, 6)]
    assert e.row_of(0, 1, 2) == 6 and e.cell_of_row(6) == (0, 1, 2)
    # its dot product, by hand from the padded input and the filter
    patch = e.padded[0, 0, 2:5, 4:7].ravel()
    for f in range(2):
        terms = e.dot_terms(0, f, 1, 2)
        assert [a for a, _ in terms] == list(patch)
        total = sum(a * w for a, w in terms) + e.bias[f]
        assert total == pytest.approx(e.out[0, f, 1, 2])
        assert total == pytest.approx(np.sum(patch * e.weights[f, 0].ravel()) + e.bias[f])
    # the corner cell (0, 0) reaches into the padding
    assert e.receptive_field(0, 0, 0)[0] == (0, 0, 0) and e.padded[0, 0, 0, 0] == 0


def test_explorer_copies_and_coverage():
    e = explore(n=2, c=2, h=5, w=6, fh=3, fw=2, stride=1, pad=1, fn=1, seed=1)
    cov = e.coverage()
    for y in range(5):
        for x in range(6):
            copies = e.copies_of(1, 1, y + 1, x + 1)  # padded coordinates
            assert len(copies) == cov[y, x]
            for row, col in copies:
                assert e.col[row, col] == e.x[1, 1, y, x]
    back = e.col2im_of_ones(0)
    assert back.shape == e.x.shape
    # every cell gets the sum of the filter weights that touched it (a direct loop)
    expected = np.zeros((2, 5, 6))
    for i in range(e.out_h):
        for j in range(e.out_w):
            for c in range(2):
                for fy in range(3):
                    for fx in range(2):
                        y, x = i + fy - 1, j + fx - 1
                        if 0 <= y < 5 and 0 <= x < 6:
                            expected[c, y, x] += e.weights[0, c, fy, fx]
    np.testing.assert_allclose(back[0], expected)
    np.testing.assert_allclose(back[1], expected)


def test_explorer_refuses_a_filter_too_big():
    with pytest.raises(ConvShapeError):
        explore(h=3, w=3, fh=5, fw=5, pad=0)


def test_presets_and_filters():
    for name, sizes in FILTER_PRESETS.items():
        assert set(sizes) == {3, 5}, name
        assert preset_filter(name, 5).shape == (5, 5)
    assert preset_filter("blur", 3).sum() == pytest.approx(1.0)
    assert preset_filter("edges", 3).sum() == pytest.approx(0.0)
    img = np.zeros((8, 8))
    img[:, 4:] = 1.0  # a vertical edge
    fmap = filter_image(img, preset_filter("vertical", 3))
    assert fmap.shape == (8, 8)
    assert fmap[4, 3] > 0 and fmap[4, 1] == 0
    np.testing.assert_allclose(filter_image(img, preset_filter("identity", 5)), img)
    assert pool_map(fmap, 2, "max").shape == (4, 4)
    np.testing.assert_allclose(pool_map(img, 2, "average")[0], [0, 0, 1, 1])


def test_train_convnet_records_filters():
    rng = np.random.default_rng(0)
    x = rng.random((60, 64)).astype(np.float32)
    t = rng.integers(0, 2, 60)
    data = Dataset("noise", x[:50], t[:50], x[50:], t[50:], 2, (8, 8))
    net = SimpleConvNet(
        input_dim=(1, 8, 8), filter_num=3, filter_size=3, hidden_size=4, output_size=2
    )
    before = net.params["W1"].copy()
    config = TrainConfig(optimizer="Adam", lr=0.01, batch_size=10, iterations=12, seed=0)
    records = list(train_convnet(config, data, net, filter_every=4))
    assert len(records) == 12
    with_filters = [r.record.iteration for r in records if r.filters is not None]
    assert 4 in with_filters and 8 in with_filters and 12 in with_filters
    assert records[-1].params is not None
    assert not np.array_equal(records[-1].filters, before)
    assert records[3].filters is not records[7].filters
