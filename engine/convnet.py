"""The book's SimpleConvNet (§7.5): conv – ReLU – pool – affine – ReLU – affine – softmax.

Parameters have the book's names and shapes: ``W1`` (FN, C, FH, FW) and ``b1`` for the
convolution (30 filters of 5×5 by default, stride 1, no padding), ``W2``/``b2`` for the
hidden Affine layer (100 neurons), ``W3``/``b3`` for the output (10 classes). Pooling is
2×2 max pooling with stride 2.

:meth:`SimpleConvNet.layer_outputs` runs the book's layers one after the other
(:class:`engine.conv.Convolution`, ReLU, :class:`engine.conv.Pooling`, Affine, …) and
returns every intermediate result, for the feature maps a learner looks at.
:meth:`SimpleConvNet.loss_and_gradient`, which training calls, computes the same numbers
in one lean pass (tests check the two agree):

* max pooling commutes with ReLU and with adding the bias (both are increasing), so the
  pass pools the raw products first and applies bias and ReLU to a quarter of the values;
* the transposed im2col is laid out with the four cells of each 2×2 pooling window in four
  separate blocks ``(C·FH·FW, 2, 2, N, OH/2, OW/2)``, so the convolution's output comes out
  as four contiguous blocks and the pooling is three element-wise maxima, with no window
  copy; backward puts each gradient at the first maximum of its window, as the book's
  ``argmax`` does;
* the gradient with respect to the input image, which no parameter needs, is never formed
  (no col2im in training); buffers are reused from one iteration to the next.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.lib.stride_tricks import as_strided
from numpy.typing import ArrayLike, NDArray

from engine import functions as F
from engine.conv import Convolution, ConvShapeError, Pooling, conv_output_size
from engine.gradient import numerical_gradient as _numerical_gradient

__all__ = ["SimpleConvNet", "LAYER_NAMES"]

Array = NDArray[np.floating]

#: The names of :meth:`SimpleConvNet.layer_outputs`, in order.
LAYER_NAMES = ("Conv1", "Relu1", "Pool1", "Affine1", "Relu2", "Affine2", "Softmax")

#: Images per slice when predicting on many images (bounds the memory of a full test set).
PREDICT_CHUNK = 500


class SimpleConvNet:
    """conv – relu – pool – affine – relu – affine – softmax (book §7.5, ``simple_convnet.py``).

    ``input_dim`` is (C, H, W); inputs may be given as (N, C, H, W) or flattened rows
    (N, C·H·W), as the datasets store them. Weights are ``weight_init_std`` times standard
    normal draws from ``np.random.default_rng(seed)`` (the book uses 0.01), biases zero.
    ``dtype`` float32 computes about twice as fast as float64.
    """

    def __init__(
        self,
        input_dim: Sequence[int] = (1, 28, 28),
        filter_num: int = 30,
        filter_size: int = 5,
        stride: int = 1,
        pad: int = 0,
        hidden_size: int = 100,
        output_size: int = 10,
        weight_init_std: float = 0.01,
        seed: int | None = 0,
        dtype: type = np.float32,
        params: dict[str, ArrayLike] | None = None,
    ) -> None:
        c, h, w = (int(v) for v in input_dim)
        self.input_dim = (c, h, w)
        self.filter_num, self.filter_size = int(filter_num), int(filter_size)
        self.stride, self.pad = int(stride), int(pad)
        self.hidden_size, self.output_size = int(hidden_size), int(output_size)
        self.weight_init_std = float(weight_init_std)
        self.dtype = np.dtype(dtype)
        oh = conv_output_size(h, self.filter_size, self.stride, self.pad)
        ow = conv_output_size(w, self.filter_size, self.stride, self.pad)
        if oh % 2 or ow % 2:
            raise ConvShapeError(
                f"the convolution's output {oh}×{ow} must have even sides for 2×2 pooling"
            )
        self.conv_shape = (self.filter_num, oh, ow)
        self.pool_shape = (self.filter_num, oh // 2, ow // 2)
        pool_size = self.filter_num * (oh // 2) * (ow // 2)
        #: neurons per stage, input first: the training loop's size check reads these
        self.sizes = [c * h * w, pool_size, self.hidden_size, self.output_size]
        if params is None:
            rng = np.random.default_rng(seed)
            std = self.weight_init_std
            params = {
                "W1": std
                * rng.standard_normal((self.filter_num, c, self.filter_size, self.filter_size)),
                "b1": np.zeros(self.filter_num),
                "W2": std * rng.standard_normal((pool_size, self.hidden_size)),
                "b2": np.zeros(self.hidden_size),
                "W3": std * rng.standard_normal((self.hidden_size, self.output_size)),
                "b3": np.zeros(self.output_size),
            }
        shapes = {
            "W1": (self.filter_num, c, self.filter_size, self.filter_size),
            "b1": (self.filter_num,),
            "W2": (pool_size, self.hidden_size),
            "b2": (self.hidden_size,),
            "W3": (self.hidden_size, self.output_size),
            "b3": (self.output_size,),
        }
        self.params: dict[str, Array] = {}
        for key, shape in shapes.items():
            value = np.array(params[key], dtype=self.dtype)
            if value.shape != shape:
                raise ValueError(f"{key} has shape {value.shape}, expected {shape}")
            self.params[key] = value
        self._buffers: dict[tuple[str, int], NDArray] = {}

    # -- structure -------------------------------------------------------------------
    def copy(self) -> SimpleConvNet:
        """A deep copy (parameters copied)."""
        return SimpleConvNet(
            self.input_dim,
            self.filter_num,
            self.filter_size,
            self.stride,
            self.pad,
            self.hidden_size,
            self.output_size,
            self.weight_init_std,
            dtype=self.dtype.type,
            params={k: v.copy() for k, v in self.params.items()},
        )

    def astype(self, dtype: type) -> SimpleConvNet:
        """The same network computing in ``dtype`` (parameters converted)."""
        net = self.copy()
        net.dtype = np.dtype(dtype)
        net.params = {k: v.astype(dtype) for k, v in net.params.items()}
        return net

    def __repr__(self) -> str:
        c, h, w = self.input_dim
        return (
            f"SimpleConvNet(input {c}×{h}×{w}, conv {self.filter_num}×{self.filter_size}×"
            f"{self.filter_size} stride {self.stride} pad {self.pad}, pool 2×2, "
            f"hidden {self.hidden_size}, output {self.output_size})"
        )

    def _images(self, x: ArrayLike) -> Array:
        """x as (N, C, H, W) in the network's dtype (flattened rows are reshaped)."""
        a = np.asarray(x)
        c, h, w = self.input_dim
        if a.ndim == 1 and a.size == c * h * w:
            a = a.reshape(1, c, h, w)
        elif a.ndim == 2 and a.shape[1] == c * h * w:
            a = a.reshape(-1, c, h, w)
        elif a.ndim == 3 and a.shape == (c, h, w):
            a = a[None]
        if a.ndim != 4 or a.shape[1:] != (c, h, w):
            raise ValueError(f"input of shape {np.shape(x)} is not images of {c}×{h}×{w}")
        return a.astype(self.dtype, copy=False)

    def _buffer(self, name: str, shape: tuple[int, ...]) -> NDArray:
        size = int(np.prod(shape))
        key = (name, size)
        buf = self._buffers.get(key)
        if buf is None or buf.dtype != self.dtype:
            if len(self._buffers) > 24:
                self._buffers.clear()
            buf = self._buffers[key] = np.empty(size, dtype=self.dtype)
        return buf.reshape(shape)

    # -- the layered form (book §7.5) ------------------------------------------------
    def layer_outputs(self, x: ArrayLike) -> dict[str, NDArray]:
        """Every layer's output for ``x``, the book's layers one by one (§7.5).

        Keys :data:`LAYER_NAMES`: "Conv1" (N, FN, OH, OW), "Relu1", "Pool1"
        (N, FN, OH/2, OW/2), "Affine1" and "Relu2" (N, hidden), "Affine2" (the scores) and
        "Softmax" (the probabilities).
        """
        p = self.params
        z = self._images(x)
        out: dict[str, NDArray] = {}
        out["Conv1"] = z = Convolution(p["W1"], p["b1"], self.stride, self.pad).forward(z)
        out["Relu1"] = z = np.maximum(z, 0)
        out["Pool1"] = z = Pooling(2, 2, 2).forward(z)
        out["Affine1"] = z = z.reshape(len(z), -1) @ p["W2"] + p["b2"]
        out["Relu2"] = z = np.maximum(z, 0)
        out["Affine2"] = z = z @ p["W3"] + p["b3"]
        out["Softmax"] = F.softmax(z)
        return out

    # -- the fused pass ----------------------------------------------------------------
    def _pooled_col_t(self, x: Array) -> NDArray:
        """The transposed im2col (C·FH·FW, 2, 2, N, PH, PW): the cells of each pooling
        window in four blocks (window row, window column)."""
        n = len(x)
        c, _, _ = self.input_dim
        fs, s, p = self.filter_size, self.stride, self.pad
        _, ph, pw = self.pool_shape
        xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p))) if p else np.ascontiguousarray(x)
        s_n, s_c, s_h, s_w = xp.strides
        view = as_strided(
            xp,
            shape=(c, fs, fs, 2, 2, n, ph, pw),
            strides=(s_c, s_h, s_w, s * s_h, s * s_w, s_n, 2 * s * s_h, 2 * s * s_w),
            writeable=False,
        )
        col = self._buffer("col", view.shape)
        np.copyto(col, view)
        return col.reshape(c * fs * fs, 4 * n * ph * pw)

    def _forward(self, x: Array, keep: bool) -> tuple[NDArray, dict[str, NDArray]]:
        """Scores (N, classes) by the fused pass; with ``keep``, what backward needs."""
        p = self.params
        n = len(x)
        fn = self.filter_num
        _, ph, pw = self.pool_shape
        m = n * ph * pw
        col = self._pooled_col_t(x)
        conv = self._buffer("conv", (fn, 4 * m))
        np.matmul(p["W1"].reshape(fn, -1), col, out=conv)
        q = conv.reshape(fn, 4, m)
        o0, o1, o2, o3 = q[:, 0], q[:, 1], q[:, 2], q[:, 3]
        pooled = self._buffer("pooled", (fn, m))
        m23 = self._buffer("m23", (fn, m))
        np.maximum(o0, o1, out=pooled)
        np.maximum(o2, o3, out=m23)
        saved: dict[str, NDArray] = {"col": col}
        if keep:
            saved["a01"] = np.greater(o1, o0)
            saved["a23"] = np.greater(o3, o2)
            saved["b"] = np.greater(m23, pooled)
        np.maximum(pooled, m23, out=pooled)
        pooled += p["b1"].reshape(fn, 1)
        np.maximum(pooled, 0, out=pooled)  # ReLU after the pooling: the same numbers
        flat = self._buffer("flat", (n, fn * ph * pw))
        np.copyto(flat.reshape(n, fn, ph * pw), pooled.reshape(fn, n, ph * pw).transpose(1, 0, 2))
        hidden = flat @ p["W2"]
        hidden += p["b2"]
        np.maximum(hidden, 0, out=hidden)
        scores = hidden @ p["W3"]
        scores += p["b3"]
        if keep:
            saved.update(pooled=pooled, flat=flat, hidden=hidden)
        return scores, saved

    def predict(self, x: ArrayLike) -> NDArray:
        """The scores before the softmax (N, classes), as the book's ``predict``.

        Many images are processed :data:`PREDICT_CHUNK` at a time, so a full test set needs
        little memory.
        """
        z = self._images(x)
        if len(z) <= PREDICT_CHUNK:
            return self._forward(z, keep=False)[0]
        parts = [
            self._forward(z[i : i + PREDICT_CHUNK], keep=False)[0]
            for i in range(0, len(z), PREDICT_CHUNK)
        ]
        return np.concatenate(parts)

    def loss(self, x: ArrayLike, t: ArrayLike) -> float:
        """Cross-entropy of the softmax of :meth:`predict` (labels or one-hot ``t``)."""
        return float(F.cross_entropy_error(F.softmax(self.predict(x)), np.asarray(t)))

    def accuracy(self, x: ArrayLike, t: ArrayLike) -> float:
        """The fraction of images whose highest score is the label (labels or one-hot)."""
        y = self.predict(x).argmax(axis=1)
        ta = np.asarray(t)
        if ta.ndim == 2:
            ta = ta.argmax(axis=1)
        return float(np.mean(y == ta)) if len(ta) else 0.0

    def _labels(self, t: ArrayLike, n: int) -> NDArray[np.intp]:
        ta = np.asarray(t)
        if ta.ndim == 2 and ta.shape == (n, self.output_size):
            ta = ta.argmax(axis=1)
        labels = F.check_labels(ta.reshape(-1), self.output_size).astype(np.intp)
        if labels.shape[0] != n:
            raise ValueError(f"{labels.shape[0]} labels for {n} images")
        return labels

    def loss_and_gradient(self, x: ArrayLike, t: ArrayLike) -> tuple[float, dict[str, NDArray]]:
        """The loss and ∂L/∂(each parameter) by backpropagation, one fused pass (§7.5).

        Same numbers as the book's layers run forward then backward (to rounding); see
        the module docstring for how it is computed.
        """
        p = self.params
        z = self._images(x)
        n = len(z)
        labels = self._labels(t, n)
        scores, s = self._forward(z, keep=True)
        rows = np.arange(n)
        # softmax with cross-entropy, its gradient in place (§5.6.3)
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        loss = -float(np.log(scores[rows, labels] + F.CROSS_ENTROPY_DELTA).sum()) / n
        scores[rows, labels] -= 1
        scores *= self.dtype.type(1.0 / n)
        dy = scores
        hidden, flat, pooled = s["hidden"], s["flat"], s["pooled"]
        grads: dict[str, NDArray] = {}
        grads["W3"] = hidden.T @ dy
        grads["b3"] = dy.sum(axis=0)
        dh = dy @ p["W3"].T
        dh *= hidden > 0
        grads["W2"] = flat.T @ dh
        grads["b2"] = dh.sum(axis=0)
        dflat = dh @ p["W2"].T  # (N, FN·PH·PW)
        fn = self.filter_num
        _, ph, pw = self.pool_shape
        m = n * ph * pw
        g = self._buffer("g", (fn, m))
        np.multiply(
            dflat.reshape(n, fn, ph * pw).transpose(1, 0, 2),
            pooled.reshape(fn, n, ph * pw) > 0,
            out=g.reshape(fn, n, ph * pw),
        )
        grads["b1"] = g.sum(axis=1)
        # each pooled gradient goes to the first maximum of its 2×2 window
        dconv = self._buffer("dconv", (fn, 4, m))
        gb, gnb = dconv[:, 2], dconv[:, 0]
        np.multiply(g, s["b"], out=gb)
        np.subtract(g, gb, out=gnb)  # windows whose maximum is in the first row
        np.multiply(gnb, s["a01"], out=dconv[:, 1])
        gnb -= dconv[:, 1]
        np.multiply(gb, s["a23"], out=dconv[:, 3])
        gb -= dconv[:, 3]
        grads["W1"] = (dconv.reshape(fn, 4 * m) @ s["col"].T).reshape(p["W1"].shape)
        return loss, {k: grads[k] for k in p}

    def gradient(self, x: ArrayLike, t: ArrayLike) -> dict[str, NDArray]:
        """∂L/∂W for every parameter by backpropagation (book §7.5 ``gradient``)."""
        return self.loss_and_gradient(x, t)[1]

    def numerical_gradient(self, x: ArrayLike, t: ArrayLike) -> dict[str, NDArray]:
        """The central-difference gradient of :meth:`loss`, weight by weight (§4.4).

        Slow (two forward passes per parameter): for gradient checks on small networks,
        ideally in float64.
        """
        z = self._images(x)
        labels = self._labels(t, len(z))
        return {
            key: _numerical_gradient(lambda _w: self.loss(z, labels), value)
            for key, value in self.params.items()
        }
