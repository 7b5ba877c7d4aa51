"""im2col, col2im, Convolution and Pooling (§7.4) against direct loops and finite differences."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.conv import (
    Convolution,
    ConvShapeError,
    Pooling,
    PoolingPaddingError,
    col2im,
    conv_output_size,
    coverage,
    im2col,
    im2col_t,
)
from engine.gradient import numerical_gradient


# -- independent references: plain loops over every index -----------------------------
def loop_im2col(x, fh, fw, s, p):
    n, c, h, w = x.shape
    oh, ow = (h + 2 * p - fh) // s + 1, (w + 2 * p - fw) // s + 1
    rows = []
    for i in range(n):
        for y in range(oh):
            for xx in range(ow):
                row = []
                for ch in range(c):
                    for fy in range(fh):
                        for fx in range(fw):
                            r, q = y * s + fy - p, xx * s + fx - p
                            inside = 0 <= r < h and 0 <= q < w
                            row.append(x[i, ch, r, q] if inside else 0.0)
                rows.append(row)
    return np.array(rows)


def loop_conv(x, W, b, s, p):
    n, c, h, w = x.shape
    fn, _, fh, fw = W.shape
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    oh, ow = (h + 2 * p - fh) // s + 1, (w + 2 * p - fw) // s + 1
    out = np.zeros((n, fn, oh, ow))
    for i in range(n):
        for f in range(fn):
            for y in range(oh):
                for xx in range(ow):
                    patch = xp[i, :, y * s : y * s + fh, xx * s : xx * s + fw]
                    out[i, f, y, xx] = np.sum(patch * W[f]) + b[f]
    return out


def loop_pool(x, k, s, p, mode):
    n, c, h, w = x.shape
    fill = -np.inf if mode == "max" else 0.0
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), constant_values=fill)
    oh, ow = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
    out = np.zeros((n, c, oh, ow))
    for i in range(n):
        for ch in range(c):
            for y in range(oh):
                for xx in range(ow):
                    win = xp[i, ch, y * s : y * s + k, xx * s : xx * s + k]
                    out[i, ch, y, xx] = win.max() if mode == "max" else win.mean()
    return out


SHAPES = [
    # N, C, H, W, FH, FW, stride, pad
    (1, 3, 7, 7, 5, 5, 1, 0),
    (2, 1, 7, 7, 3, 3, 2, 1),
    (2, 2, 6, 5, 2, 3, 1, 2),
    (1, 2, 9, 8, 3, 2, 3, 1),
]


def test_book_shapes():
    # §7.4.3: (1, 3, 7, 7) with a 5×5 filter gives (9, 75); a batch of 10 gives (90, 75)
    rng = np.random.default_rng(0)
    assert im2col(rng.random((1, 3, 7, 7)), 5, 5, stride=1, pad=0).shape == (9, 75)
    assert im2col(rng.random((10, 3, 7, 7)), 5, 5, stride=1, pad=0).shape == (90, 75)


@pytest.mark.parametrize("shape", SHAPES)
def test_im2col_matches_loop(shape):
    n, c, h, w, fh, fw, s, p = shape
    x = np.random.default_rng(1).standard_normal((n, c, h, w))
    col = im2col(x, fh, fw, s, p)
    np.testing.assert_array_equal(col, loop_im2col(x, fh, fw, s, p))
    np.testing.assert_array_equal(im2col_t(x, fh, fw, s, p), col.T)
    assert col.flags.c_contiguous


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 2),
    c=st.integers(1, 3),
    h=st.integers(1, 7),
    w=st.integers(1, 7),
    fh=st.integers(1, 4),
    fw=st.integers(1, 4),
    s=st.integers(1, 3),
    p=st.integers(0, 2),
)
def test_im2col_property(n, c, h, w, fh, fw, s, p):
    x = np.arange(n * c * h * w, dtype=float).reshape(n, c, h, w) + 1
    if fh > h + 2 * p or fw > w + 2 * p:
        with pytest.raises(ConvShapeError):
            im2col(x, fh, fw, s, p)
        return
    np.testing.assert_array_equal(im2col(x, fh, fw, s, p), loop_im2col(x, fh, fw, s, p))


@pytest.mark.parametrize("shape", SHAPES)
def test_col2im_is_the_transpose_of_im2col(shape):
    # <im2col(x), c> == <x, col2im(c)> for any x and c: col2im is im2col's adjoint
    n, c, h, w, fh, fw, s, p = shape
    rng = np.random.default_rng(2)
    x = rng.standard_normal((n, c, h, w))
    col = rng.standard_normal(im2col(x, fh, fw, s, p).shape)
    lhs = float(np.sum(im2col(x, fh, fw, s, p) * col))
    rhs = float(np.sum(x * col2im(col, x.shape, fh, fw, s, p)))
    assert lhs == pytest.approx(rhs, rel=1e-12)


def test_col2im_is_not_the_inverse():
    # each cell comes back once per patch covering it; 7×7, 3×3, stride 2, pad 1
    x = np.random.default_rng(3).random((1, 1, 7, 7))
    back = col2im(im2col(x, 3, 3, 2, 1), x.shape, 3, 3, 2, 1)
    cov = np.zeros((7, 7), int)
    for y in range(4):
        for xx in range(4):
            for fy in range(3):
                for fx in range(3):
                    r, q = 2 * y + fy - 1, 2 * xx + fx - 1
                    if 0 <= r < 7 and 0 <= q < 7:
                        cov[r, q] += 1
    np.testing.assert_array_equal(coverage(7, 7, 3, 3, 2, 1), cov)
    np.testing.assert_allclose(back[0, 0], x[0, 0] * cov)
    assert cov.max() == 4 and cov.min() == 1
    # with the stride equal to the filter and no padding, it is the inverse
    x = np.random.default_rng(4).random((2, 3, 6, 6))
    np.testing.assert_array_equal(col2im(im2col(x, 2, 2, 2), x.shape, 2, 2, 2), x)


def test_output_size():
    assert conv_output_size(7, 3, 2, 1) == 4  # (7 + 2 − 3)/2 + 1
    assert conv_output_size(28, 5) == 24
    assert conv_output_size(4, 3, 2, 0) == 1  # (4 − 3)/2 + 1 rounded down
    with pytest.raises(ConvShapeError):
        conv_output_size(3, 5)
    with pytest.raises(ConvShapeError):
        conv_output_size(7, 3, 0)
    with pytest.raises(ConvShapeError):
        conv_output_size(7, 3, 1, -1)


@pytest.mark.parametrize("shape", SHAPES)
def test_convolution_matches_loop(shape):
    n, c, h, w, fh, fw, s, p = shape
    rng = np.random.default_rng(5)
    x = rng.standard_normal((n, c, h, w))
    W = rng.standard_normal((3, c, fh, fw))
    b = rng.standard_normal(3)
    layer = Convolution(W, b, s, p)
    np.testing.assert_allclose(layer.forward(x), loop_conv(x, W, b, s, p), atol=1e-12)


@pytest.mark.parametrize("shape", SHAPES)
def test_convolution_backward_matches_finite_differences(shape):
    n, c, h, w, fh, fw, s, p = shape
    rng = np.random.default_rng(6)
    x = rng.standard_normal((n, c, h, w))
    W = rng.standard_normal((2, c, fh, fw))
    b = rng.standard_normal(2)
    layer = Convolution(W, b, s, p)
    dout = rng.standard_normal(layer.forward(x).shape)
    dx = layer.backward(dout)

    def f(_):  # L = Σ out · dout, so ∂L/∂(anything) is what backward returns
        return float(np.sum(loop_conv(x, W, b, s, p) * dout))

    np.testing.assert_allclose(dx, numerical_gradient(f, x), atol=1e-7)
    np.testing.assert_allclose(layer.dW, numerical_gradient(f, W), atol=1e-7)
    np.testing.assert_allclose(layer.db, numerical_gradient(f, b), atol=1e-7)
    assert layer.params["W"] is W and set(layer.grads) == {"W", "b"}


def test_convolution_rejects_bad_shapes():
    with pytest.raises(ConvShapeError):
        Convolution(np.zeros((2, 3, 3)), np.zeros(2))
    with pytest.raises(ConvShapeError):
        Convolution(np.zeros((2, 1, 3, 3)), np.zeros(3))
    layer = Convolution(np.zeros((2, 1, 3, 3)), np.zeros(2))
    with pytest.raises(ConvShapeError):
        layer.forward(np.zeros((1, 2, 5, 5)))  # channels differ
    with pytest.raises(ConvShapeError):
        layer.forward(np.zeros((5, 5)))


POOLS = [(2, 2, 0), (3, 2, 1), (3, 1, 1), (2, 1, 0), (3, 3, 0)]  # size, stride, pad


@pytest.mark.parametrize("mode", ["max", "average"])
@pytest.mark.parametrize("pool", POOLS)
def test_pooling_matches_loop_and_finite_differences(pool, mode):
    k, s, p = pool
    rng = np.random.default_rng(7)
    x = rng.standard_normal((2, 2, 7, 6))
    layer = Pooling(k, k, s, p, mode)
    out = layer.forward(x)
    np.testing.assert_allclose(out, loop_pool(x, k, s, p, mode), atol=1e-12)
    dout = rng.standard_normal(out.shape)
    dx = layer.backward(dout)
    num = numerical_gradient(lambda _: float(np.sum(loop_pool(x, k, s, p, mode) * dout)), x)
    np.testing.assert_allclose(dx, num, atol=1e-7)


def test_pooling_book_example():
    # Fig. 7-14: 2×2 max pooling with stride 2 of a 4×4 input
    x = np.array([[1, 2, 1, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 4, 0, 1]], float)[None, None]
    np.testing.assert_array_equal(Pooling(2, 2, 2).forward(x)[0, 0], [[2, 3], [4, 2]])


def test_pooling_ties_go_to_the_first_maximum():
    # as the book's argmax: one window of equal values sends its gradient to one cell
    x = np.ones((1, 1, 2, 2))
    layer = Pooling(2, 2, 2)
    layer.forward(x)
    np.testing.assert_array_equal(layer.backward(np.ones((1, 1, 1, 1)))[0, 0], [[1, 0], [0, 0]])


def test_pooling_refuses_padding_it_cannot_honour():
    with pytest.raises(PoolingPaddingError) as info:
        Pooling(2, 2, 2, pad=2)
    assert info.value.limit == 1 and "between 0 and 1" in str(info.value)
    with pytest.raises(PoolingPaddingError):
        Pooling(3, 3, 1, pad=-1)
    with pytest.raises(PoolingPaddingError):
        Pooling(1, 1, 1, pad=1)
    assert isinstance(PoolingPaddingError(1, 0), ValueError)
    with pytest.raises(ValueError):
        Pooling(2, 2, mode="median")


def test_pooling_default_stride_is_the_window():
    layer = Pooling(2, 2)
    assert layer.stride == 2
    assert layer.forward(np.zeros((1, 1, 6, 6))).shape == (1, 1, 3, 3)
