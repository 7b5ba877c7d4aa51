"""Reading files that may come from anywhere, without running their code.

The book ships its weights (``sample_weight.pkl``) and MNIST (``mnist.pkl``) as pickles.
A pickle can call any function while it loads, so ``load_pickle`` admits only what
NumPy array reconstruction needs and refuses everything else with ``UnsafeFileError``.
"""

from __future__ import annotations

import io
import pickle
import zipfile
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

__all__ = ["UnsafeFileError", "load_pickle", "load_npz", "ALLOWED_GLOBALS"]

#: The only globals a pickle may reference: NumPy's array and scalar reconstruction.
ALLOWED_GLOBALS = frozenset(
    {
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "_reconstruct"),
        ("numpy.core.multiarray", "scalar"),
        ("numpy._core.multiarray", "scalar"),
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
        ("numpy.core.numeric", "_frombuffer"),
        ("numpy._core.numeric", "_frombuffer"),
        # protocol-2 pickles store array bytes as latin-1 text turned back by this pure function
        ("_codecs", "encode"),
    }
)

#: Files larger than this are refused before reading (a full MNIST pickle is ~220 MB).
MAX_BYTES = 1 << 30


class UnsafeFileError(ValueError):
    """A file that references code other than NumPy array reconstruction, or is malformed."""


class _NumpyOnlyUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in ALLOWED_GLOBALS:
            return super().find_class(module, name)
        raise UnsafeFileError(f"the file refers to {module}.{name}, which is not NumPy array data")

    def persistent_load(self, pid: Any) -> Any:
        raise UnsafeFileError("the file uses persistent references")


def load_pickle(source: str | Path | bytes | BinaryIO) -> Any:
    """Load a pickle that may hold only NumPy arrays, scalars, dicts, lists, tuples and
    plain values (the book's ``sample_weight.pkl`` and ``mnist.pkl``).

    Raises ``UnsafeFileError`` for anything that would call other code, and for
    truncated or corrupt data.
    """
    if isinstance(source, bytes):
        stream: BinaryIO = io.BytesIO(source)
    elif isinstance(source, (str, Path)):
        path = Path(source)
        if path.stat().st_size > MAX_BYTES:
            raise UnsafeFileError("the file is larger than 1 GB")
        stream = io.BytesIO(path.read_bytes())
    else:
        stream = source
    try:
        return _NumpyOnlyUnpickler(stream, encoding="latin1").load()
    except UnsafeFileError:
        raise
    except (
        pickle.UnpicklingError,
        EOFError,
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        KeyError,
        MemoryError,
        OverflowError,
        ImportError,
    ) as exc:
        raise UnsafeFileError(
            f"the file is not a readable pickle ({exc.__class__.__name__})"
        ) from None


def load_npz(source: str | Path | BinaryIO) -> dict[str, np.ndarray]:
    """The arrays of an ``.npz`` file, refusing object arrays (which would need pickle)."""
    try:
        with np.load(source, allow_pickle=False) as data:
            return {key: np.asarray(data[key]) for key in data.files}
    except ValueError as exc:
        raise UnsafeFileError(f"the file is not a plain .npz archive ({exc})") from None
    except (OSError, EOFError, KeyError, zipfile.BadZipFile) as exc:
        raise UnsafeFileError(
            f"the file is not a readable .npz archive ({exc.__class__.__name__})"
        ) from None
