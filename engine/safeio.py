"""Reading files that may come from anywhere, without running their code.

The book ships its weights (``sample_weight.pkl``) and MNIST (``mnist.pkl``) as pickles.
A pickle can call any function while it loads, so ``load_pickle`` admits only what
NumPy array reconstruction needs and refuses everything else with ``UnsafeFileError``.
"""

from __future__ import annotations

import io
import pickle
import zipfile
import zlib
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


def _check_npz_sizes(source: str | Path | BinaryIO) -> None:
    """Refuse, before anything is unpacked, an archive that would unpack to more than
    ``MAX_BYTES`` or an array whose header declares more data than its member holds (a
    few bytes claiming a 75 GB array would otherwise make NumPy allocate it first)."""
    with zipfile.ZipFile(source) as archive:
        total = 0
        for info in archive.infolist():
            total += info.file_size
            if total > MAX_BYTES:
                raise UnsafeFileError("the archive unpacks to more than 1 GB")
            if not info.filename.endswith(".npy"):
                continue
            with archive.open(info) as member:
                version = np.lib.format.read_magic(member)
                if version == (1, 0):
                    shape, _, dtype = np.lib.format.read_array_header_1_0(member)
                elif version == (2, 0):
                    shape, _, dtype = np.lib.format.read_array_header_2_0(member)
                else:
                    continue  # np.load checks the rest
            declared = dtype.itemsize
            for n in shape:
                declared *= n
            if declared > info.file_size:
                raise UnsafeFileError(
                    f"{info.filename} declares {declared} bytes of data but holds {info.file_size}"
                )


def load_npz(source: str | Path | BinaryIO) -> dict[str, np.ndarray]:
    """The arrays of an ``.npz`` file, refusing object arrays (which would need pickle),
    archives that unpack to more than ``MAX_BYTES`` and arrays whose declared shape does
    not fit the data stored."""
    try:
        _check_npz_sizes(source)
        if not isinstance(source, (str, Path)):
            source.seek(0)
        with np.load(source, allow_pickle=False) as data:
            return {key: np.asarray(data[key]) for key in data.files}
    except UnsafeFileError:
        raise
    except ValueError as exc:
        raise UnsafeFileError(f"the file is not a plain .npz archive ({exc})") from None
    except (OSError, EOFError, KeyError, MemoryError, zipfile.BadZipFile, zlib.error) as exc:
        raise UnsafeFileError(
            f"the file is not a readable .npz archive ({exc.__class__.__name__})"
        ) from None
