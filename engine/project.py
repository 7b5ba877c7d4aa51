"""Project documents: every tab's state in one JSON file, validated and saved atomically.

A project is a JSON object::

    {"app": "zerokara-lab", "schema_version": 1, "current_tab": "gates",
     "tabs": {"gates": {...}, "network": {...}, "descent": {...}, "training": {...}}}

Each tab's value is whatever that tab's ``state()`` returned (plain JSON types and NumPy
arrays); the tab validates it again in ``set_state``. This module only checks the envelope
and that the text is sound JSON: complete, finite numbers, sane sizes and nesting.

Arrays of more than ``PACK_MIN`` values are stored compactly (:mod:`engine.packed`: base64
of little-endian float64 with dtype and shape) and read back as NumPy arrays; files with
arrays written as plain lists of numbers (the old form) still load, as lists. A document
whose text would exceed ``MAX_BYTES`` is refused when it is saved, not when it is opened.

Nothing here follows a section of the book: it is the lab's own file format. The engine
raises :class:`ProjectError` with a machine-readable ``reason``; the GUI turns reasons
into translated sentences.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import math
import os
import re
import secrets
import tempfile
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import numpy as np

from engine import packed
from engine.reading import ReadProgress, finish, read_chunks

__all__ = [
    "load_steps",
    "APP_ID",
    "FILE_SUFFIX",
    "MAX_BYTES",
    "MAX_DEPTH",
    "PACK_MIN",
    "SCHEMA_VERSION",
    "is_tab_key",
    "ProjectError",
    "dumps",
    "load",
    "loads",
    "new_document",
    "plain",
    "save",
    "validate",
]

#: The version of the document layout this code writes and reads.
SCHEMA_VERSION = 1
#: The ``app`` field of every project file.
APP_ID = "zerokara-lab"
#: The file name ending of project files (``name.zkl.json``).
FILE_SUFFIX = ".zkl.json"
#: What a tab key in a project looks like (the app's tab registry, gui/registry.py, is the
#: one list of tabs; a key it does not know is ignored when the project is applied).
_TAB_KEY = re.compile(r"[a-z][a-z0-9_]{0,31}")
#: Files larger than this are refused before reading, and documents whose text would be
#: larger are refused when saved. Packed, the largest nets the app builds take: 784-1000×5
#: (4.8 million parameters) 51 MB, 784-1000-1000-10 (1.8 million) 24 MB; 128 MiB holds
#: about 12 million parameters (as lists of numbers 32 MiB held 1.4 million).
MAX_BYTES = 128 * 1024 * 1024
#: Arrays with more values than this are packed; smaller ones stay readable lists.
PACK_MIN = 64
#: Deepest nesting of arrays/objects accepted (a weight matrix is depth 5 or so).
MAX_DEPTH = 64
#: Longest integer literal accepted (a 64-bit seed has 20 digits).
_MAX_INT_DIGITS = 20


class ProjectError(ValueError):
    """A project file or document that cannot be used.

    ``reason`` is one of: ``not_found``, ``unreadable``, ``too_large``, ``empty``,
    ``not_utf8``, ``truncated``, ``not_json``, ``non_finite``, ``too_deep``,
    ``huge_number``, ``not_project``, ``newer_version``, ``bad_version``, ``bad_shape``,
    ``not_serializable``, ``write_failed``. ``detail`` is a short English detail (a JSON
    position, a field name, an OS error) the GUI may show after its own sentence.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


# -- building and checking documents --------------------------------------------------------
def new_document(tabs: dict[str, Any] | None = None, current_tab: str | None = None) -> dict:
    """A fresh, valid project document holding ``tabs`` (key -> state dict)."""
    doc: dict[str, Any] = {
        "app": APP_ID,
        "schema_version": SCHEMA_VERSION,
        "tabs": {key: plain(state) for key, state in (tabs or {}).items()},
    }
    if current_tab is not None:
        doc["current_tab"] = current_tab
    return validate(doc)


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of ``value`` (iterative, so hostile input cannot blow the stack)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def _check_values(value: Any) -> None:
    """Only JSON types, string keys and finite numbers, anywhere in ``value``; the error
    detail names where the bad value is (e.g. ``tabs.descent.path[3]``)."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            for key, child in item.items():
                if not isinstance(key, str):
                    raise ProjectError("bad_shape", f"{where}: key {key!r} is not a string")
                stack.append((child, f"{where}.{key}" if where else key))
        elif isinstance(item, list):
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(item))
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise ProjectError("non_finite", f"{where} = {item!r}")
        elif isinstance(item, bool) or item is None or isinstance(item, str):
            continue
        elif isinstance(item, np.ndarray):
            if item.dtype.kind not in "biuf":
                raise ProjectError("not_serializable", f"{where}: an array of {item.dtype}")
            if item.dtype.kind == "f" and not np.all(np.isfinite(item)):
                raise ProjectError("non_finite", f"{where}: an array holding NaN or infinity")
        elif isinstance(item, int):
            if len(str(abs(item))) > _MAX_INT_DIGITS:
                raise ProjectError("huge_number", f"{where}: more than 20 digits")
        else:
            raise ProjectError("not_serializable", f"{where}: {type(item).__name__}")


def plain(value: Any) -> Any:
    """``value`` with NumPy scalars turned into Python numbers, tuples into lists and NumPy
    arrays into lists (up to ``PACK_MIN`` values) or packed arrays (:func:`engine.packed.pack`),
    so a tab's state can be written as JSON."""
    if isinstance(value, dict):
        return {key: plain(child) for key, child in value.items()}
    if isinstance(value, list | tuple):
        return [plain(child) for child in value]
    if isinstance(value, np.ndarray):
        if value.size > PACK_MIN and value.dtype.kind in "biuf":
            if value.dtype.kind == "f" and not np.all(np.isfinite(value)):
                return plain(value.tolist())  # validate names the bad value's place
            return packed.pack(value)
        return plain(value.tolist())
    if isinstance(value, np.generic):
        return value.item()
    return value


def is_tab_key(key: object) -> bool:
    """Whether ``key`` can name a tab in a project (lower-case letters, digits, ``_``)."""
    return isinstance(key, str) and _TAB_KEY.fullmatch(key) is not None


def validate(doc: Any) -> dict:
    """Check a project document's envelope and values; return it, or raise ProjectError."""
    if not isinstance(doc, dict):
        raise ProjectError("not_project", "the file is not a JSON object")
    if doc.get("app") != APP_ID:
        raise ProjectError("not_project", "no 'app': 'zerokara-lab' field")
    version = doc.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProjectError("bad_version", "'schema_version' must be a whole number")
    if version > SCHEMA_VERSION:
        raise ProjectError("newer_version", f"schema_version {version} > {SCHEMA_VERSION}")
    if version < 1:
        raise ProjectError("bad_version", f"schema_version {version}")
    tabs = doc.get("tabs")
    if not isinstance(tabs, dict):
        raise ProjectError("bad_shape", "'tabs' must be an object")
    for key, state in tabs.items():
        if not is_tab_key(key):
            raise ProjectError("bad_shape", f"bad tab key {str(key)[:40]!r}")
        if not isinstance(state, dict):
            raise ProjectError("bad_shape", f"'tabs.{key}' must be an object")
    current = doc.get("current_tab")
    if current is not None and not is_tab_key(current):
        raise ProjectError("bad_shape", f"unknown current_tab {current!r}")
    if _depth(doc, MAX_DEPTH) > MAX_DEPTH:
        raise ProjectError("too_deep", f"nested deeper than {MAX_DEPTH} levels")
    _check_values(doc)
    return doc


# -- text ------------------------------------------------------------------------------------
def _packed_chars(value: Any) -> int:
    """Characters the packed arrays in ``value`` take (a lower bound of its text)."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if packed.is_packed(item) and isinstance(item.get("data"), str):
                total += len(item["data"])
            else:
                stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return total


def _swap_packed_data(value: Any, datas: list[str], nonce: str) -> None:
    """Replace the data of every packed array in ``value`` (made by ``plain``, so not
    shared with the caller) by ``@nonce:index``, keeping the data in ``datas``."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if packed.is_packed(item) and isinstance(item.get("data"), str):
                datas.append(item["data"])
                item["data"] = f"@{nonce}:{len(datas) - 1}"
            else:
                stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _too_large(size: int) -> ProjectError:
    return ProjectError(
        "too_large",
        f"{size / 1e6:.1f} MB; a project may hold at most {MAX_BYTES / 1e6:.0f} MB",
    )


def _dump_pieces(doc: dict) -> list[str]:
    """The JSON text of a validated document as pieces whose concatenation is the text:
    the packed arrays' data are pieces of their own, so a save writes them one by one
    (no 50 MB join and encode holding the GIL while the window waits)."""
    validate(doc)
    doc = plain(doc)
    if _packed_chars(doc) > MAX_BYTES:
        raise _too_large(_packed_chars(doc))
    # the packed data (base64: nothing to escape) is spliced in after json.dumps, which
    # would otherwise scan every character of it (0.9 s for a 784-1000×5 net)
    datas: list[str] = []
    nonce = secrets.token_hex(8)
    _swap_packed_data(doc, datas, nonce)
    try:
        text = json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=1, sort_keys=True) + "\n"
    except (TypeError, ValueError) as exc:  # pragma: no cover - validate catches these first
        raise ProjectError("not_serializable", str(exc)) from exc
    pieces = [text]
    if datas:
        pieces = re.split(f'"@{nonce}:(\\d+)"', text)
        for i in range(1, len(pieces), 2):
            pieces[i] = f'"{datas[int(pieces[i])]}"'
    size = sum(len(p.encode("utf-8")) if i % 2 == 0 else len(p) for i, p in enumerate(pieces))
    if size > MAX_BYTES:
        raise _too_large(size)
    return pieces


def dumps(doc: dict) -> str:
    """The JSON text of a validated document (UTF-8 friendly, sorted keys, no NaN, arrays
    packed); ``ProjectError("too_large")`` if the text would be larger than ``MAX_BYTES``
    (such a file could not be opened again)."""
    return "".join(_dump_pieces(doc))


def _refuse_constant(name: str) -> Any:
    raise ProjectError("non_finite", f"{name} is not a number JSON allows")


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ProjectError("huge_number", f"{text[:20]} does not fit a float")
    return value


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise ProjectError("huge_number", "an integer with more than 20 digits")
    return int(text)


_PARTIAL_TOKEN = re.compile(r"-?\d*\.?\d*(?:[eE][+-]?\d*)?|t|tr|tru|f|fa|fal|fals|n|nu|nul")


def _looks_truncated(text: str, exc: json.JSONDecodeError) -> bool:
    """Whether the text is sound JSON cut short (rather than wrong somewhere inside)."""
    tail = text[exc.pos :].rstrip()
    if not tail or exc.msg.startswith("Unterminated string"):
        return True
    return _PARTIAL_TOKEN.fullmatch(tail) is not None


def _unpack_object(value: dict) -> Any:
    """``json`` object hook: a packed array becomes a NumPy array, other objects stay."""
    if not packed.is_packed(value):
        return value
    try:
        return packed.unpack(value)
    except packed.PackError as exc:
        reason = "non_finite" if "NaN" in str(exc) else "bad_shape"
        raise ProjectError(reason, f"a packed array: {exc}") from None


def loads(text: str | bytes) -> dict:
    """Parse and validate a project's JSON text; raise ProjectError on anything unusable."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise ProjectError("too_large", f"{len(text)} bytes")
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ProjectError("not_utf8", f"byte {exc.start}") from exc
    if len(text) > MAX_BYTES:
        raise ProjectError("too_large", f"{len(text)} characters")
    if not text.strip():
        raise ProjectError("empty")
    try:
        doc = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_float=_parse_float,
            parse_int=_parse_int,
            object_hook=_unpack_object,
        )
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        if _looks_truncated(text, exc):
            raise ProjectError("truncated", f"the text ends early ({where})") from exc
        raise ProjectError("not_json", f"{exc.msg} ({where})") from exc
    except RecursionError as exc:
        raise ProjectError("too_deep", f"nested deeper than {MAX_DEPTH} levels") from exc
    except ValueError as exc:  # int() limits and the like
        if isinstance(exc, ProjectError):
            raise
        raise ProjectError("huge_number", str(exc)[:80]) from exc
    return validate(doc)


# -- files -----------------------------------------------------------------------------------
def load(path: str | os.PathLike) -> dict:
    """Read and validate a project file; refuses files over ``MAX_BYTES`` before reading."""
    return finish(load_steps(path))


def load_steps(path: str | os.PathLike) -> Generator[ReadProgress, None, dict]:
    """:func:`load` in steps for a worker thread: yields :class:`ReadProgress` while the
    file is read (in chunks) and returns the validated document."""
    path = Path(path)
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_BYTES:
                raise ProjectError("too_large", f"{size} bytes")
            yield ReadProgress(0, size)
            data = yield from read_chunks(file, MAX_BYTES + 1, size)
    except FileNotFoundError as exc:
        raise ProjectError("not_found", str(path)) from exc
    except IsADirectoryError as exc:
        raise ProjectError("unreadable", f"{path} is a folder") from exc
    except OSError as exc:
        raise ProjectError("unreadable", exc.strerror or str(exc)) from exc
    return loads(data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # pragma: no cover - os.write raises instead
            raise OSError(errno.EIO, "write returned 0")
        view = view[written:]


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # Windows cannot open folders; nothing more to do there
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


#: Characters encoded and written at a time by ``save``.
_WRITE_CHARS = 4 * 1024 * 1024


def save(path: str | os.PathLike, doc: dict) -> None:
    """Write ``doc`` to ``path`` atomically.

    The text goes to a temporary file in the same folder, which is flushed and fsynced and
    then renamed over ``path`` (``os.replace``); the folder is fsynced last. If anything
    fails the old file is untouched, the temporary file is removed and ProjectError
    (``write_failed``) is raised.
    """
    path = Path(path)
    pieces = _dump_pieces(doc)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        mode = os.stat(path).st_mode & 0o777
    except OSError:
        mode = 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ProjectError("write_failed", exc.strerror or str(exc)) from exc
    try:
        try:
            for piece in pieces:  # written piece by piece, 4 MiB at a time
                for start in range(0, len(piece), _WRITE_CHARS):
                    _write_all(fd, piece[start : start + _WRITE_CHARS].encode("utf-8"))
            os.fsync(fd)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ProjectError("write_failed", exc.strerror or str(exc)) from exc
        raise
    _fsync_directory(directory)
    _remove_stale_temporaries(path)


#: A temporary file of a save older than this was left by a process that was killed.
STALE_TEMPORARY_SECONDS = 600


def _remove_stale_temporaries(path: Path) -> None:
    """Delete ``.<name>.*.tmp`` files that a killed save left beside ``path`` (old ones
    only: a young one may belong to another instance saving right now)."""
    now = time.time()
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_TEMPORARY_SECONDS:
                leftover.unlink()
