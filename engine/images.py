"""Images as network input (book §3.6): resizing, and MNIST's own preprocessing of a drawing.

LeCun's MNIST digits were made like this (the database's page): each black-and-white
digit was scaled, keeping its aspect ratio, to fit a 20×20 box (anti-aliasing gives grey
levels), then placed in a 28×28 image so that the centre of mass of its pixels is at the
centre. A digit drawn with the mouse is recognised far better after the same steps;
:func:`mnist_preprocess` does them, and :func:`preprocess_steps` shows each.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "area_weights",
    "resize_area",
    "ink_box",
    "center_of_mass",
    "PreprocessSteps",
    "preprocess_steps",
    "mnist_preprocess",
    "MNIST_BOX",
    "MNIST_SIDE",
]

#: The box a digit is scaled to fit, and the side of the image it is centred in.
MNIST_BOX = 20
MNIST_SIDE = 28


def area_weights(n_in: int, n_out: int) -> NDArray[np.float64]:
    """The ``(n_out, n_in)`` matrix of area resampling along one axis: row ``i`` holds the
    fraction of each source pixel that target pixel ``i`` covers, normalised to sum 1.

    Target pixel ``i`` spans ``[i·s, (i+1)·s)`` in source coordinates, ``s = n_in/n_out``.
    """
    if n_in < 1 or n_out < 1:
        raise ValueError("sizes must be at least 1")
    scale = n_in / n_out
    lo = np.arange(n_out)[:, None] * scale
    hi = lo + scale
    j = np.arange(n_in)[None, :]
    overlap = np.clip(np.minimum(hi, j + 1) - np.maximum(lo, j), 0.0, None)
    return overlap / overlap.sum(axis=1, keepdims=True)


def resize_area(image: NDArray, height: int, width: int) -> NDArray[np.float64]:
    """``image`` (2-D) resampled to ``height × width`` by averaging the area each target
    pixel covers (anti-aliased shrinking; enlarging repeats pixels, blending at edges)."""
    a = np.asarray(image, dtype=np.float64)
    if a.ndim != 2 or a.size == 0:
        raise ValueError("need a non-empty 2-D image")
    return area_weights(a.shape[0], height) @ a @ area_weights(a.shape[1], width).T


def ink_box(image: NDArray, threshold: float = 0.0) -> tuple[int, int, int, int] | None:
    """``(top, bottom, left, right)`` (bottom/right exclusive) of the pixels above
    ``threshold``, or None for an empty image."""
    a = np.asarray(image)
    rows = np.flatnonzero(np.any(a > threshold, axis=1))
    cols = np.flatnonzero(np.any(a > threshold, axis=0))
    if rows.size == 0:
        return None
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def center_of_mass(image: NDArray) -> tuple[float, float]:
    """``(row, column)`` of the intensity-weighted mean pixel position (pixel ``(r, c)``
    at coordinates ``(r, c)``); the centre of the image if it is all zero."""
    a = np.asarray(image, dtype=np.float64)
    total = a.sum()
    if total <= 0:
        return (a.shape[0] - 1) / 2, (a.shape[1] - 1) / 2
    r = np.arange(a.shape[0]) @ a.sum(axis=1) / total
    c = np.arange(a.shape[1]) @ a.sum(axis=0) / total
    return float(r), float(c)


@dataclass(frozen=True)
class PreprocessSteps:
    """Each stage of :func:`preprocess_steps`: the ``box`` of the ink in the drawing (or
    None), the ``cropped`` ink, the ``scaled`` digit (longer side 20), its centre of mass
    ``mass`` in it, the ``shift`` applied, and the ``result`` (28×28 float32, 0–1)."""

    box: tuple[int, int, int, int] | None
    cropped: NDArray[np.float64]
    scaled: NDArray[np.float64]
    mass: tuple[float, float]
    shift: tuple[int, int]
    result: NDArray[np.float32]


def preprocess_steps(
    drawing: NDArray,
    threshold: float = 0.05,
    box: int = MNIST_BOX,
    side: int = MNIST_SIDE,
) -> PreprocessSteps:
    """MNIST's preprocessing of a drawing (white ink on black, any size, values 0–1),
    stage by stage (book §3.6; LeCun et al. 1998):

    1. crop to the ink: the bounding box of the pixels above ``threshold``·max;
    2. scale it, keeping the aspect ratio, so its longer side is ``box`` (20) pixels
       (area resampling: anti-aliased grey levels);
    3. paste it in a ``side × side`` (28×28) black image so that its centre of mass falls
       on pixel coordinate side/2 = 14 in each direction (where it lies in the real digits:
       the bundled 5,000 average 14.01, 13.99, σ 0.29), shifted by whole pixels;
    4. scale the grey levels so the brightest pixel is 1.

    An empty drawing gives an all-zero image.
    """
    a = np.clip(np.asarray(drawing, dtype=np.float64), 0.0, None)
    if a.ndim != 2 or a.size == 0 or not np.all(np.isfinite(a)):
        raise ValueError("need a finite, non-empty 2-D image")
    top = float(a.max())
    found = ink_box(a, threshold * top) if top > 0 else None
    empty = np.zeros((side, side), dtype=np.float32)
    if found is None:
        return PreprocessSteps(None, np.zeros((0, 0)), np.zeros((0, 0)), (0.0, 0.0), (0, 0), empty)
    r0, r1, c0, c1 = found
    cropped = a[r0:r1, c0:c1]
    h, w = cropped.shape
    scale = box / max(h, w)
    new_h, new_w = max(1, int(round(h * scale))), max(1, int(round(w * scale)))
    scaled = resize_area(cropped, new_h, new_w)
    mass = center_of_mass(scaled)
    centre = side / 2
    # top-left corner that puts the centre of mass on the centre, in whole pixels
    top_row = int(np.rint(centre - mass[0]))
    left_col = int(np.rint(centre - mass[1]))
    canvas = np.zeros((side, side))
    rs, cs = max(top_row, 0), max(left_col, 0)
    re, ce = min(top_row + new_h, side), min(left_col + new_w, side)
    if rs < re and cs < ce:
        canvas[rs:re, cs:ce] = scaled[rs - top_row : re - top_row, cs - left_col : ce - left_col]
    peak = canvas.max()
    result = (canvas / peak if peak > 0 else canvas).astype(np.float32)
    return PreprocessSteps(found, cropped, scaled, mass, (top_row, left_col), result)


def mnist_preprocess(drawing: NDArray, threshold: float = 0.05) -> NDArray[np.float32]:
    """A drawing made into an MNIST-like 28×28 image (:func:`preprocess_steps`'s result):
    crop to the ink, fit in 20×20 keeping the aspect ratio, centre of mass at the centre."""
    return preprocess_steps(drawing, threshold).result
