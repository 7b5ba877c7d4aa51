"""Convolution and pooling through im2col (book §7.2–7.4).

A convolution slides a filter over the input and takes a dot product at every position
(§7.2.3). Written as loops that is slow in Python; §7.4.3 turns it into *one* matrix
product: :func:`im2col` copies the input patch under every filter position into one row
of a matrix ("image to columns"), the filters become the columns of another, and

    out = im2col(x) @ W.reshape(FN, -1).T + b

gives all the output cells at once. The row order of ``im2col`` is the book's: one row
per (sample n, output row, output column); inside a row the patch in the order channel,
filter row, filter column, the same order as ``W.reshape(FN, -1)``.

The backward pass needs the opposite direction. :func:`col2im` puts every row back at the
patch it came from and **adds** the values where patches overlap. It is therefore *not*
the inverse of im2col: an input cell covered by k patches (k > 1 when the stride is smaller
than the filter) comes back k times, ``col2im(im2col(x)) == x * coverage``. What it is, is
the *transpose* of im2col (as linear maps): ``Σ im2col(x)·c == Σ x·col2im(c)`` for any x
and c. That is exactly what backpropagation needs (§5.6: a copy node's gradient is the sum
of the gradients of its copies), and the padding's gradient is dropped because the padding
is not an input.

Speed: :func:`im2col` here copies once from a strided *view* of the padded input
(``numpy.lib.stride_tricks.as_strided``), where the book copies one filter offset at a time in
Python loops; results are identical. :class:`Pooling` with the stride equal to its size (the
usual 2×2, stride 2) pools by a reshape, with no im2col at all.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided
from numpy.typing import NDArray

__all__ = [
    "ConvShapeError",
    "PoolingPaddingError",
    "conv_output_size",
    "im2col",
    "col2im",
    "coverage",
    "im2col_t",
    "Convolution",
    "Pooling",
    "POOL_MODES",
]

POOL_MODES = ("max", "average")

Array = NDArray[np.floating]


class ConvShapeError(ValueError):
    """Sizes that give no output (a filter larger than the padded input, a stride < 1, …)."""


class PoolingPaddingError(ConvShapeError):
    """Pooling padding that cannot be honoured: negative, or more than half the window.

    With more than half the window, some windows would lie entirely in the padding and
    have no input cell to take a maximum (or an average) of.
    """

    def __init__(self, pad: int, limit: int) -> None:
        super().__init__(f"pooling padding {pad} must be between 0 and {limit}")
        self.pad = pad
        self.limit = limit


def conv_output_size(input_size: int, filter_size: int, stride: int = 1, pad: int = 0) -> int:
    """OH = (H + 2P − FH) / S + 1, rounded down as the book's code does (eq. 7.1, §7.2.4).

    Raises :class:`ConvShapeError` for a stride < 1, a negative padding or a filter that
    does not fit in the padded input.
    """
    input_size, filter_size, stride, pad = int(input_size), int(filter_size), int(stride), int(pad)
    if stride < 1:
        raise ConvShapeError(f"stride {stride} must be at least 1")
    if pad < 0:
        raise ConvShapeError(f"padding {pad} must not be negative")
    if filter_size < 1 or input_size < 1:
        raise ConvShapeError("sizes must be at least 1")
    if filter_size > input_size + 2 * pad:
        raise ConvShapeError(
            f"a filter of {filter_size} does not fit in {input_size} + 2·{pad} cells"
        )
    return (input_size + 2 * pad - filter_size) // stride + 1


def _check_4d(x: NDArray, what: str = "input") -> None:
    if x.ndim != 4:
        raise ConvShapeError(f"{what} must be 4-D (N, C, H, W), got shape {x.shape}")


def _patches(
    x: Array, filter_h: int, filter_w: int, stride: int, pad: int
) -> tuple[NDArray, int, int]:
    """A strided view (C, FH, FW, N, OH, OW) of the padded input, and OH, OW (no copy)."""
    _check_4d(x)
    n, c, h, w = x.shape
    out_h = conv_output_size(h, filter_h, stride, pad)
    out_w = conv_output_size(w, filter_w, stride, pad)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad))) if pad else np.ascontiguousarray(x)
    s_n, s_c, s_h, s_w = xp.strides
    view = as_strided(
        xp,
        shape=(c, filter_h, filter_w, n, out_h, out_w),
        strides=(s_c, s_h, s_w, s_n, stride * s_h, stride * s_w),
        writeable=False,
    )
    return view, out_h, out_w


def im2col_t(x: Array, filter_h: int, filter_w: int, stride: int = 1, pad: int = 0) -> NDArray:
    """``im2col(x, …).T`` made directly, C-contiguous, shape (C·FH·FW, N·OH·OW) (§7.4.3).

    The layout the layers compute with: a filter matrix (FN, C·FH·FW) times this gives the
    output channel by channel, (FN, N·OH·OW), without a transpose of the big matrix.
    """
    view, _, _ = _patches(np.asarray(x), filter_h, filter_w, stride, pad)
    c, fh, fw, n, oh, ow = view.shape
    return np.ascontiguousarray(view).reshape(c * fh * fw, n * oh * ow)


def im2col(
    input_data: Array, filter_h: int, filter_w: int, stride: int = 1, pad: int = 0
) -> NDArray:
    """The patches of a batch of images as the rows of a matrix (book §7.4.3 ``im2col``).

    ``input_data`` is (N, C, H, W); the result is (N·OH·OW, C·FH·FW): row
    ``(n·OH + i)·OW + j`` is the padded input under the filter placed at output cell
    (i, j) of sample n, in the order channel, filter row, filter column. Same values and
    order as the book's function (zero padding), one copy from a strided view.
    """
    x = np.asarray(input_data)
    view, out_h, out_w = _patches(x, filter_h, filter_w, stride, pad)
    c, fh, fw, n, oh, ow = view.shape
    return np.ascontiguousarray(view.transpose(3, 4, 5, 0, 1, 2)).reshape(n * oh * ow, c * fh * fw)


def _col2im_6d(
    col6: NDArray, input_shape: tuple[int, int, int, int], stride: int, pad: int
) -> NDArray:
    """col2im from a (C, FH, FW, N, OH, OW) array (any strides): sums into (N, C, H, W)."""
    n, c, h, w = (int(v) for v in input_shape)
    _, fh, fw, _, oh, ow = col6.shape
    img = np.zeros((n, c, h + 2 * pad + stride - 1, w + 2 * pad + stride - 1), dtype=col6.dtype)
    per_n = col6.transpose(3, 0, 1, 2, 4, 5)  # (N, C, FH, FW, OH, OW)
    for fy in range(fh):
        y_end = fy + stride * oh
        for fx in range(fw):
            x_end = fx + stride * ow
            img[:, :, fy:y_end:stride, fx:x_end:stride] += per_n[:, :, fy, fx]
    return img[:, :, pad : h + pad, pad : w + pad]


def col2im(
    col: Array,
    input_shape: tuple[int, int, int, int],
    filter_h: int,
    filter_w: int,
    stride: int = 1,
    pad: int = 0,
) -> NDArray:
    """Put im2col's rows back on the image, **summing** where patches overlap (§7.4.3).

    ``col`` is (N·OH·OW, C·FH·FW) as :func:`im2col` makes it; the result has
    ``input_shape`` (N, C, H, W). Each input cell receives the sum of the entries of every
    patch that covers it; the padding's entries are dropped. So col2im is the *transpose*
    of im2col (what backward needs), not its inverse: ``col2im(im2col(x))`` is
    ``x * coverage(...)``, each cell times the number of patches that cover it.
    """
    n, c, h, w = (int(v) for v in input_shape)
    out_h = conv_output_size(h, filter_h, stride, pad)
    out_w = conv_output_size(w, filter_w, stride, pad)
    col = np.asarray(col)
    expected = (n * out_h * out_w, c * filter_h * filter_w)
    if col.shape != expected:
        raise ConvShapeError(f"col has shape {col.shape}, expected {expected}")
    col6 = col.reshape(n, out_h, out_w, c, filter_h, filter_w).transpose(3, 4, 5, 0, 1, 2)
    return _col2im_6d(col6, (n, c, h, w), stride, pad)


def coverage(
    height: int, width: int, filter_h: int, filter_w: int, stride: int = 1, pad: int = 0
) -> NDArray[np.int64]:
    """How many filter positions cover each input cell: ``col2im(im2col(ones))`` (§7.4.3)."""
    ones = np.ones((1, 1, int(height), int(width)))
    col = im2col(ones, filter_h, filter_w, stride, pad)
    back = col2im(col, ones.shape, filter_h, filter_w, stride, pad)
    return np.rint(back[0, 0]).astype(np.int64)


class Convolution:
    """The convolution layer of §7.4.3: forward by im2col and one matrix product.

    ``W`` is (FN, C, FH, FW), ``b`` is (FN,). ``forward(x)`` takes (N, C, H, W) and returns
    (N, FN, OH, OW); ``backward(dout)`` stores ``dW``, ``db`` and returns ``dx``
    (through :func:`col2im`). The interface of ``engine.layers``: ``params`` holds the
    very arrays ``W`` and ``b`` (an optimizer updates them in place), ``backward`` fills
    ``grads`` (``dW``, ``db``), ``train`` is unused. The book's class, computed with the
    transposed im2col (:func:`im2col_t`): the product is (FN, C·FH·FW) @ (C·FH·FW, N·OH·OW).
    """

    def __init__(self, W: Array, b: Array, stride: int = 1, pad: int = 0) -> None:
        W, b = np.asarray(W), np.asarray(b)
        if W.ndim != 4:
            raise ConvShapeError(f"W must be 4-D (FN, C, FH, FW), got shape {W.shape}")
        if b.shape != (W.shape[0],):
            raise ConvShapeError(f"b has shape {b.shape}, expected {(W.shape[0],)}")
        if int(stride) < 1:
            raise ConvShapeError(f"stride {stride} must be at least 1")
        if int(pad) < 0:
            raise ConvShapeError(f"padding {pad} must not be negative")
        self.params: dict[str, NDArray] = {"W": W, "b": b}
        self.grads: dict[str, NDArray] = {}
        self.train = True
        self.stride = int(stride)
        self.pad = int(pad)
        self.x_shape: tuple[int, ...] | None = None
        self.col_t: NDArray | None = None

    @property
    def W(self) -> NDArray:
        """The filters (FN, C, FH, FW): the array in ``params``."""
        return self.params["W"]

    @property
    def b(self) -> NDArray:
        """The biases (FN,): the array in ``params``."""
        return self.params["b"]

    @property
    def dW(self) -> NDArray | None:
        return self.grads.get("W")

    @property
    def db(self) -> NDArray | None:
        return self.grads.get("b")

    def __repr__(self) -> str:
        fn, c, fh, fw = self.W.shape
        return f"Convolution({fn} filters {c}×{fh}×{fw}, stride {self.stride}, pad {self.pad})"

    def output_shape(self, input_shape: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        """(N, FN, OH, OW) for an input of ``input_shape``."""
        n, c, h, w = input_shape
        fn, c_w, fh, fw = self.W.shape
        if c != c_w:
            raise ConvShapeError(f"the input has {c} channels, the filters {c_w}")
        return (
            n,
            fn,
            conv_output_size(h, fh, self.stride, self.pad),
            conv_output_size(w, fw, self.stride, self.pad),
        )

    def forward(self, x: Array) -> NDArray:
        x = np.asarray(x)
        _check_4d(x)
        n, fn, oh, ow = self.output_shape(x.shape)
        _, _, fh, fw = self.W.shape
        col_t = im2col_t(x, fh, fw, self.stride, self.pad)
        out = self.W.reshape(fn, -1) @ col_t
        out += self.b.reshape(fn, 1)
        self.x_shape = x.shape
        self.col_t = col_t
        return out.reshape(fn, n, oh, ow).transpose(1, 0, 2, 3)

    def backward(self, dout: Array) -> NDArray:
        if self.col_t is None or self.x_shape is None:
            raise RuntimeError("backward before forward")
        fn, c, fh, fw = self.W.shape
        n, _, oh, ow = np.shape(dout)
        d = np.asarray(dout).transpose(1, 0, 2, 3).reshape(fn, n * oh * ow)
        self.grads = {"W": (d @ self.col_t.T).reshape(self.W.shape), "b": d.sum(axis=1)}
        dcol_t = self.W.reshape(fn, -1).T @ d  # (C·FH·FW, N·OH·OW)
        col6 = dcol_t.reshape(c, fh, fw, n, oh, ow)
        return _col2im_6d(col6, self.x_shape, self.stride, self.pad)


class Pooling:
    """Max or average pooling over pool_h × pool_w windows (book §7.3, §7.4.4).

    ``mode`` "max" (the book's layer: the gradient goes to the first maximum of each
    window) or "average" (the padding counts as zeros in the mean). ``pad`` may be at most
    half the smaller window side; more raises :class:`PoolingPaddingError` (a window
    inside the padding has nothing to pool). Max pooling pads with −∞, so padding is never
    the maximum. The stride defaults to the window size, as in §7.3.
    """

    def __init__(
        self,
        pool_h: int,
        pool_w: int,
        stride: int | None = None,
        pad: int = 0,
        mode: str = "max",
    ) -> None:
        self.pool_h, self.pool_w = int(pool_h), int(pool_w)
        if self.pool_h < 1 or self.pool_w < 1:
            raise ConvShapeError("the pooling window must be at least 1×1")
        self.stride = self.pool_h if stride is None else int(stride)
        if self.stride < 1:
            raise ConvShapeError(f"stride {stride} must be at least 1")
        limit = min(self.pool_h, self.pool_w) // 2
        if int(pad) < 0 or int(pad) > limit:
            raise PoolingPaddingError(int(pad), limit)
        self.pad = int(pad)
        if mode not in POOL_MODES:
            raise ValueError(f"unknown pooling mode {mode!r}")
        self.mode = mode
        self.params: dict[str, NDArray] = {}
        self.grads: dict[str, NDArray] = {}
        self.train = True
        self.x_shape: tuple[int, ...] | None = None
        self.arg_max: NDArray | None = None

    def __repr__(self) -> str:
        return (
            f"Pooling({self.mode} {self.pool_h}×{self.pool_w}, stride {self.stride}, "
            f"pad {self.pad})"
        )

    def output_shape(self, input_shape: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        n, c, h, w = input_shape
        return (
            n,
            c,
            conv_output_size(h, self.pool_h, self.stride, self.pad),
            conv_output_size(w, self.pool_w, self.stride, self.pad),
        )

    def _windows(self, x: NDArray) -> NDArray:
        """(N, C, OH, OW, ph·pw) copy of every window (padded with −∞ or 0)."""
        n, c, oh, ow = self.output_shape(x.shape)
        ph, pw, s, p = self.pool_h, self.pool_w, self.stride, self.pad
        if s == ph and s == pw and p == 0:  # non-overlapping: a reshape, no im2col
            v = x[:, :, : oh * ph, : ow * pw].reshape(n, c, oh, ph, ow, pw)
            return v.transpose(0, 1, 2, 4, 3, 5).reshape(n, c, oh, ow, ph * pw)
        fill = -np.inf if self.mode == "max" else 0.0
        xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), constant_values=fill) if p else x
        xp = np.ascontiguousarray(xp)
        s_n, s_c, s_h, s_w = xp.strides
        v = as_strided(
            xp,
            shape=(n, c, oh, ow, ph, pw),
            strides=(s_n, s_c, s * s_h, s * s_w, s_h, s_w),
            writeable=False,
        )
        return v.reshape(n, c, oh, ow, ph * pw)

    def forward(self, x: Array) -> NDArray:
        x = np.asarray(x)
        _check_4d(x)
        win = self._windows(x)
        self.x_shape = x.shape
        if self.mode == "max":
            self.arg_max = win.argmax(axis=-1)
            return np.take_along_axis(win, self.arg_max[..., None], axis=-1)[..., 0]
        return win.mean(axis=-1)

    def backward(self, dout: Array) -> NDArray:
        if self.x_shape is None:
            raise RuntimeError("backward before forward")
        dout = np.asarray(dout)
        n, c, h, w = self.x_shape
        _, _, oh, ow = dout.shape
        ph, pw, s, p = self.pool_h, self.pool_w, self.stride, self.pad
        dx = np.zeros((n, c, h + 2 * p + s, w + 2 * p + s), dtype=dout.dtype)
        scale = dout / (ph * pw) if self.mode == "average" else None
        for qy in range(ph):
            for qx in range(pw):
                if self.mode == "max":
                    part = np.where(self.arg_max == qy * pw + qx, dout, 0)
                else:
                    part = scale
                dx[:, :, qy : qy + s * oh : s, qx : qx + s * ow : s] += part
        return dx[:, :, p : h + p, p : w + p]
