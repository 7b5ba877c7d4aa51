"""Compact arrays inside JSON: base64 of the little-endian bytes, with dtype and shape.

A weight matrix written as a JSON list of numbers takes ~20 bytes a value and a Python
float object per value while it is built; packed it takes 10.7 bytes a value (8 bytes,
base64) and one ``bytes`` object. A packed array is a JSON object::

    {"__ndarray__": "<f8", "shape": [784, 1000], "data": "AAAA…"}

``pack`` makes it, ``unpack`` checks it strictly (only float64/int64, a shape that
matches the data, finite values) and returns the array. Not a section of the book: the
lab's own file format (:mod:`engine.project`).
"""

from __future__ import annotations

import base64
import binascii
import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["TAG", "DTYPES", "PackError", "pack", "unpack", "is_packed", "packed_size"]

#: The key that marks a packed array.
TAG = "__ndarray__"
#: The dtypes a packed array may have (little-endian float64 and int64).
DTYPES = {"<f8": np.dtype("<f8"), "<i8": np.dtype("<i8")}
_KEYS = frozenset({TAG, "shape", "data"})


class PackError(ValueError):
    """A packed array that is malformed (bad dtype, shape, base64 or values)."""


def is_packed(value: Any) -> bool:
    """Whether ``value`` is a JSON object in the packed-array form: exactly the keys
    ``__ndarray__``, ``shape`` and ``data`` (maybe malformed inside). Any other object,
    even one with a ``__ndarray__`` key, is an ordinary object."""
    return isinstance(value, dict) and len(value) == 3 and set(value) == _KEYS


def packed_size(n_values: int) -> int:
    """The number of characters the ``data`` field of ``n_values`` 8-byte values takes."""
    return 4 * math.ceil(8 * n_values / 3)


def pack(array: NDArray) -> dict[str, Any]:
    """The packed form of a numeric array: bools and integers as int64, the rest float64."""
    a = np.asarray(array)
    if a.dtype.kind in "biu":
        a = a.astype("<i8", copy=False)
        dtype = "<i8"
    elif a.dtype.kind == "f":
        a = a.astype("<f8", copy=False)
        dtype = "<f8"
    else:
        raise PackError(f"cannot pack an array of {a.dtype}")
    data = base64.b64encode(np.ascontiguousarray(a).tobytes()).decode("ascii")
    return {TAG: dtype, "shape": [int(n) for n in a.shape], "data": data}


def unpack(value: dict[str, Any]) -> NDArray:
    """The array a packed object holds; ``PackError`` naming what is wrong otherwise."""
    if set(value) != _KEYS:
        raise PackError(f"a packed array has exactly the keys {sorted(_KEYS)}")
    dtype = DTYPES.get(value[TAG]) if isinstance(value[TAG], str) else None
    if dtype is None:
        raise PackError(f"unknown array dtype {value[TAG]!r}")
    shape = value["shape"]
    if not isinstance(shape, list) or len(shape) > 8:
        raise PackError("the shape must be a list of at most 8 sizes")
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape):
        raise PackError("the shape must hold whole numbers ≥ 0")
    data = value["data"]
    if not isinstance(data, str):
        raise PackError("the data must be base64 text")
    count = math.prod(shape)
    if len(data) != packed_size(count):
        raise PackError(f"the data does not hold {count} values of shape {tuple(shape)}")
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise PackError("the data is not valid base64") from exc
    if len(raw) != count * dtype.itemsize:
        raise PackError(f"the data does not hold {count} values of shape {tuple(shape)}")
    array = np.frombuffer(raw, dtype=dtype).reshape(shape).astype(dtype.newbyteorder("="))
    if dtype.kind == "f" and not np.all(np.isfinite(array)):
        raise PackError("the array holds NaN or infinity")
    return array
