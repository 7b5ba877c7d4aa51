"""engine.images: area resizing and MNIST's preprocessing of a drawing."""

from __future__ import annotations

import numpy as np
import pytest

from engine import datasets as D
from engine import images as I


def resize_loop(a, h, w):
    """Direct area averaging: each target pixel integrates the source over its square."""
    H, W = a.shape
    out = np.zeros((h, w))
    for i in range(h):
        for j in range(w):
            y0, y1 = i * H / h, (i + 1) * H / h
            x0, x1 = j * W / w, (j + 1) * W / w
            acc = 0.0
            for r in range(H):
                for c in range(W):
                    oy = max(0.0, min(y1, r + 1) - max(y0, r))
                    ox = max(0.0, min(x1, c + 1) - max(x0, c))
                    acc += a[r, c] * oy * ox
            out[i, j] = acc / ((y1 - y0) * (x1 - x0))
    return out


@pytest.mark.parametrize(
    ("shape", "target"), [((9, 7), (4, 3)), ((5, 6), (11, 13)), ((10, 10), (10, 10))]
)
def test_resize_area_equals_a_direct_integration(shape, target):
    a = np.random.default_rng(0).random(shape)
    np.testing.assert_allclose(I.resize_area(a, *target), resize_loop(a, *target), atol=1e-12)


def test_resize_keeps_the_mean_when_shrinking_evenly():
    a = np.random.default_rng(1).random((40, 60))
    assert I.resize_area(a, 20, 30).mean() == pytest.approx(a.mean())


def test_center_of_mass_and_box():
    a = np.zeros((10, 10))
    a[2, 3] = 1.0
    a[6, 7] = 3.0
    assert I.center_of_mass(a) == pytest.approx((5.0, 6.0))
    assert I.ink_box(a) == (2, 7, 3, 8)
    assert I.ink_box(np.zeros((4, 4))) is None


def drawing_with_rectangle(top, left, h, w, size=200):
    d = np.zeros((size, size))
    d[top : top + h, left : left + w] = 1.0
    return d


def test_a_drawing_is_fitted_in_20x20_with_its_aspect_ratio_and_centred():
    steps = I.preprocess_steps(drawing_with_rectangle(10, 120, 100, 50))
    out = steps.result
    assert out.shape == (28, 28) and out.dtype == np.float32 and out.max() == 1.0
    box = I.ink_box(out, 1e-6)
    assert (box[1] - box[0], box[3] - box[2]) == (20, 10)  # 2:1 kept, longer side 20
    r, c = I.center_of_mass(out)
    assert abs(r - 14) <= 0.5 and abs(c - 14) <= 0.5
    assert steps.box == (10, 110, 120, 170)


def test_where_the_digit_was_drawn_and_how_big_does_not_matter():
    a = I.mnist_preprocess(drawing_with_rectangle(10, 10, 60, 30))
    b = I.mnist_preprocess(drawing_with_rectangle(100, 120, 60, 30))
    c = I.mnist_preprocess(drawing_with_rectangle(0, 0, 180, 90))
    np.testing.assert_allclose(a, b)
    np.testing.assert_allclose(a, c, atol=1e-6)


def test_centre_of_mass_not_box_centre_is_centred():
    """An L shape: heavy on the left, so its box sits right of the centre."""
    d = np.zeros((100, 100))
    d[10:90, 10:30] = 1.0  # thick vertical bar
    d[70:90, 10:90] = 1.0  # bottom bar
    out = I.mnist_preprocess(d)
    r, c = I.center_of_mass(out)
    assert abs(r - 14) <= 0.5 and abs(c - 14) <= 0.5
    box = I.ink_box(out, 1e-6)
    assert (box[2] + box[3]) / 2 > 15  # the box is not centred


def test_empty_and_bad_drawings():
    assert not I.mnist_preprocess(np.zeros((50, 50))).any()
    with pytest.raises(ValueError):
        I.mnist_preprocess(np.full((3, 3), np.nan))
    with pytest.raises(ValueError):
        I.mnist_preprocess(np.zeros(5))


def test_real_mnist_digits_are_already_in_this_form():
    """Real MNIST digits were made this way: preprocessing most of them again gives them
    back exactly (93 of the first 100 test digits), the rest nearly."""
    _, (x, t) = D.load_bundled_mnist()
    same, corr = 0, []
    for img in x[:100].reshape(-1, 28, 28):
        out = I.mnist_preprocess(img)
        same += int(np.allclose(out, img / img.max(), atol=1e-6))
        corr.append(np.corrcoef(out.ravel(), img.ravel())[0, 1])
        box = I.ink_box(out, 0.05)
        assert max(box[1] - box[0], box[3] - box[2]) <= 21
    assert same >= 85 and min(corr) > 0.99
