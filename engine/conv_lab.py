"""What the CNN tab shows, computed without Qt: the im2col explorer, filters by hand and
SimpleConvNet's training with snapshots of its filters (book §7.1–7.6).

* :func:`explore` lays out one small convolution the way §7.4.3 computes it: the padded
  input, its im2col matrix, the filter matrix ``W.reshape(FN, -1).T``, the output, and
  an *index map* telling which input cell every im2col entry is a copy of. From that map
  come the receptive field of an output cell, the copies of an input cell and how many
  patches cover each cell (what col2im adds up in the backward pass).
* :func:`filter_image` and :func:`pool_map` apply a hand-made filter and a pooling to an
  image (§7.2, §7.3); :data:`FILTER_PRESETS` are the classic edge, blur and sharpen kernels.
* :func:`train_convnet` runs :func:`engine.training.train` on a SimpleConvNet and adds the
  first layer's filters to its records (Fig. 7-24: before and after learning).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from engine.conv import Convolution, Pooling, col2im, coverage, im2col
from engine.convnet import SimpleConvNet
from engine.datasets import Dataset
from engine.training import Diverged, IterationRecord, TrainConfig, train

__all__ = [
    "Exploration",
    "explore",
    "FILTER_PRESETS",
    "preset_filter",
    "filter_image",
    "pool_map",
    "ConvnetRecord",
    "train_convnet",
]


@dataclass(frozen=True)
class Exploration:
    """One convolution laid out as im2col computes it (§7.4.3).

    ``x`` (N, C, H, W) and ``padded`` (N, C, H+2P, W+2P); ``col`` (N·OH·OW, C·FH·FW);
    ``weights`` (FN, C, FH, FW) and ``bias`` (FN,); ``filter_matrix`` (C·FH·FW, FN);
    ``out`` (N, FN, OH, OW) = ``col @ filter_matrix + bias`` reshaped; ``index`` has the
    shape of ``col``: the flat index into ``padded`` each entry was copied from.
    """

    x: NDArray
    padded: NDArray
    col: NDArray
    weights: NDArray
    bias: NDArray
    filter_matrix: NDArray
    out: NDArray
    index: NDArray[np.int64]
    stride: int
    pad: int

    @property
    def out_h(self) -> int:
        return int(self.out.shape[2])

    @property
    def out_w(self) -> int:
        return int(self.out.shape[3])

    def row_of(self, n: int, i: int, j: int) -> int:
        """The im2col row of output cell (i, j) of sample n: (n·OH + i)·OW + j."""
        return (int(n) * self.out_h + int(i)) * self.out_w + int(j)

    def cell_of_row(self, row: int) -> tuple[int, int, int]:
        """(n, i, j) of im2col row ``row``."""
        n, rest = divmod(int(row), self.out_h * self.out_w)
        i, j = divmod(rest, self.out_w)
        return n, i, j

    def receptive_field(self, n: int, i: int, j: int) -> list[tuple[int, int, int]]:
        """The padded-input cells (c, y, x) under the filter at output cell (i, j), in
        im2col's column order (channel, filter row, filter column)."""
        _, c, hp, wp = self.padded.shape
        flat = self.index[self.row_of(n, i, j)]
        out = []
        for k in flat:
            rest = int(k) % (c * hp * wp)
            ch, rest = divmod(rest, hp * wp)
            y, x = divmod(rest, wp)
            out.append((ch, y, x))
        return out

    def copies_of(self, n: int, c: int, y: int, x: int) -> list[tuple[int, int]]:
        """Every (row, column) of the im2col matrix holding padded cell (c, y, x) of n."""
        _, ch, hp, wp = self.padded.shape
        k = ((int(n) * ch + int(c)) * hp + int(y)) * wp + int(x)
        rows, cols = np.nonzero(self.index == k)
        return [(int(r), int(q)) for r, q in zip(rows, cols, strict=True)]

    def dot_terms(self, n: int, f: int, i: int, j: int) -> list[tuple[float, float]]:
        """The pairs (input value, filter weight) whose products sum (with the bias) to
        output cell (n, f, i, j)."""
        row = self.col[self.row_of(n, i, j)]
        return [(float(a), float(w)) for a, w in zip(row, self.filter_matrix[:, f], strict=True)]

    def coverage(self) -> NDArray[np.int64]:
        """(H, W): how many filter positions cover each input cell; col2im adds that many
        values into it in the backward pass (so col2im(im2col(x)) = x · coverage)."""
        _, _, h, w = self.x.shape
        _, _, fh, fw = self.weights.shape
        return coverage(h, w, fh, fw, self.stride, self.pad)

    def col2im_of_ones(self, f: int = 0) -> NDArray:
        """(N, C, H, W): the backward pass of ∂L/∂out = 1 everywhere for filter ``f``:
        each input cell collects the filter weights of every patch covering it."""
        n, c, h, w = self.x.shape
        fn, _, fh, fw = self.weights.shape
        dcol = np.outer(np.ones(len(self.col)), self.filter_matrix[:, f])
        return col2im(dcol, (n, c, h, w), fh, fw, self.stride, self.pad)


def explore(
    n: int = 1,
    c: int = 1,
    h: int = 7,
    w: int = 7,
    fh: int = 3,
    fw: int = 3,
    stride: int = 2,
    pad: int = 1,
    fn: int = 2,
    seed: int = 0,
) -> Exploration:
    """A small convolution with readable numbers: inputs 0…9, weights −1…1, biases 0 or 1.

    Raises :class:`engine.conv.ConvShapeError` when the filter does not fit.
    """
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 10, (n, c, h, w)).astype(np.float64)
    weights = rng.integers(-1, 2, (fn, c, fh, fw)).astype(np.float64)
    bias = rng.integers(0, 2, fn).astype(np.float64)
    col = im2col(x, fh, fw, stride, pad)
    padded = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    idx = np.arange(padded.size, dtype=np.float64).reshape(padded.shape)
    # im2col of the padded index array with no further padding: the source of each entry
    index = np.rint(im2col(idx, fh, fw, stride, 0)).astype(np.int64)
    filter_matrix = weights.reshape(fn, -1).T
    out = Convolution(weights, bias, stride, pad).forward(x)
    return Exploration(
        x, padded, col, weights, bias, filter_matrix, out, index, int(stride), int(pad)
    )


def _presets() -> dict[str, dict[int, NDArray]]:
    blur3 = np.ones((3, 3)) / 9
    blur5 = np.ones((5, 5)) / 25
    ident3 = np.zeros((3, 3))
    ident3[1, 1] = 1
    ident5 = np.zeros((5, 5))
    ident5[2, 2] = 1
    lap3 = -np.ones((3, 3))
    lap3[1, 1] = 8
    lap5 = -np.ones((5, 5))
    lap5[2, 2] = 24
    sobel_x = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], float)
    sobel_x5 = np.outer([1, 4, 6, 4, 1], [-1, -2, 0, 2, 1]) / 16
    return {
        "edges": {3: lap3, 5: lap5},
        "vertical": {3: sobel_x, 5: sobel_x5},
        "horizontal": {3: sobel_x.T.copy(), 5: sobel_x5.T.copy()},
        "blur": {3: blur3, 5: blur5},
        "sharpen": {3: 2 * ident3 - blur3, 5: 2 * ident5 - blur5},
        "identity": {3: ident3, 5: ident5},
    }


#: Named kernels, each in a 3×3 and a 5×5 version: edges (Laplacian), vertical and
#: horizontal edges (Sobel), blur (box mean), sharpen (2·identity − blur), identity.
FILTER_PRESETS: dict[str, dict[int, NDArray]] = _presets()


def preset_filter(name: str, size: int) -> NDArray:
    """A copy of preset ``name`` (see :data:`FILTER_PRESETS`) of ``size`` 3 or 5."""
    return FILTER_PRESETS[name][int(size)].copy()


def filter_image(
    image: NDArray, kernel: NDArray, stride: int = 1, pad: int | None = None
) -> NDArray:
    """The feature map of a 2-D image under a 2-D kernel (§7.2.3, by im2col).

    ``pad`` defaults to "same" padding (kernel size // 2), so the map keeps the image's size
    at stride 1.
    """
    img = np.asarray(image, dtype=np.float64)
    k = np.asarray(kernel, dtype=np.float64)
    if pad is None:
        pad = k.shape[0] // 2
    layer = Convolution(k[None, None], np.zeros(1), stride, pad)
    return layer.forward(img[None, None])[0, 0]


def pool_map(fmap: NDArray, size: int = 2, mode: str = "max", stride: int | None = None) -> NDArray:
    """Max or average pooling of a 2-D map over size×size windows (§7.3)."""
    layer = Pooling(size, size, stride, 0, mode)
    return layer.forward(np.asarray(fmap, dtype=np.float64)[None, None])[0, 0]


@dataclass(frozen=True)
class ConvnetRecord:
    """A training record of :func:`train_convnet`: the engine's record, and a copy of the
    first layer's filters (FN, C, FH, FW) every ``filter_every`` iterations and at every
    epoch record; ``params`` (a copy of all parameters) at epoch records only."""

    record: IterationRecord | Diverged
    filters: NDArray | None = None
    params: dict[str, NDArray] | None = None


def train_convnet(
    config: TrainConfig, data: Dataset, net: SimpleConvNet, filter_every: int = 10
) -> Iterator[ConvnetRecord]:
    """:func:`engine.training.train` on ``net`` (updated in place), with filter snapshots."""
    for rec in train(config, data, net):
        filters = params = None
        epoch = getattr(rec, "epoch", None)
        if isinstance(rec, Diverged) or epoch is not None or rec.iteration % filter_every == 0:
            filters = net.params["W1"].copy()
        if epoch is not None:
            params = {k: v.copy() for k, v in net.params.items()}
        yield ConvnetRecord(rec, filters, params)
