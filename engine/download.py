"""Fetching the full MNIST (book §3.6.1): the four IDX files from mirrors tried in turn.

The book's ``dataset/mnist.py`` downloads the four ``.gz`` files once and keeps them; for
many readers it fails (HTTP 403 from LeCun's site). :func:`download_steps` does the same
job carefully, as a generator the GUI's worker consumes:

* mirrors are tried in turn (:data:`DEFAULT_MIRRORS`: the one the book's loader uses now,
  then LeCun's original, which torchvision also lists);
* every file is written as ``<name>.part`` and renamed to ``<name>`` only once its size and
  digest (SHA-256, else MD5, :data:`MNIST_DOWNLOADS`) are right, so nothing incomplete is
  ever taken for a complete file; a ``.part`` left by a cancel, a dropped connection or a
  stop resumes with an HTTP ``Range`` request next time (from any mirror);
* each bad outcome is a typed :class:`DownloadError`: an HTTP status (403, 404, …), a
  refused connection, a stalled server (timeout), a truncated body, a wrong digest, a body
  that is not gzip, a failing disk, a cancel. A bad file is deleted, a resumable one kept.

:func:`download_mnist` is the plain-function form: it returns the paths or raises.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import http.client
import os
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

__all__ = [
    "MnistFile",
    "MNIST_DOWNLOADS",
    "DEFAULT_MIRRORS",
    "DownloadError",
    "HTTPStatusError",
    "ConnectionFailedError",
    "DownloadTimeoutError",
    "TruncatedDownloadError",
    "ChecksumMismatchError",
    "NotGzipError",
    "DiskError",
    "DownloadCancelledError",
    "MirrorsFailedError",
    "CancelToken",
    "DownloadProgress",
    "DownloadFinished",
    "DownloadFailed",
    "download_steps",
    "download_mnist",
]


@dataclass(frozen=True)
class MnistFile:
    """One file to fetch: its name on the mirrors, its size in bytes and published digests
    (hex; at least one of them)."""

    role: str
    name: str
    size: int | None
    sha256: str | None = None
    md5: str | None = None


#: The four MNIST files with their sizes and published digests (SHA-256 as TensorFlow
#: Datasets records them, MD5 as torchvision does).
MNIST_DOWNLOADS = (
    MnistFile(
        "train_img",
        "train-images-idx3-ubyte.gz",
        9_912_422,
        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    ),
    MnistFile(
        "train_label",
        "train-labels-idx1-ubyte.gz",
        28_881,
        "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
        "d53e105ee54ea40749a09fcbcd1e9432",
    ),
    MnistFile(
        "test_img",
        "t10k-images-idx3-ubyte.gz",
        1_648_877,
        "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        "9fb629c4189551a2d022fa330f9573f3",
    ),
    MnistFile(
        "test_label",
        "t10k-labels-idx1-ubyte.gz",
        4_542,
        "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
        "ec29112dd5afa0611ce80d1b7f02629c",
    ),
)

#: Mirrors tried in turn: the book's loader's (``dataset/mnist.py``, also torchvision's
#: first) and LeCun's original site (the book's first edition, torchvision's second).
DEFAULT_MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)

CHUNK = 64 * 1024
MAX_REDIRECTS = 5
#: Seconds between two progress records of one file (the last one always comes).
PROGRESS_INTERVAL = 0.1


# -- errors ---------------------------------------------------------------------------------
class DownloadError(Exception):
    """A download that did not give a complete, verified file. ``file`` and ``url`` say
    where (either may be empty); the GUI words the message from the subclass."""

    def __init__(self, detail: str, file: str = "", url: str = "") -> None:
        super().__init__(f"{file}: {detail}" if file else detail)
        self.detail, self.file, self.url = detail, file, url


class HTTPStatusError(DownloadError):
    """The server answered with an HTTP error status (``status``: 403, 404, 500, …)."""

    def __init__(self, status: int, reason: str, file: str = "", url: str = "") -> None:
        super().__init__(f"HTTP {status} {reason}".strip(), file, url)
        self.status = status


class ConnectionFailedError(DownloadError):
    """No connection: refused, host not found, TLS failure, network unreachable."""


class DownloadTimeoutError(DownloadError):
    """The server stopped sending (nothing for ``timeout`` seconds)."""


class TruncatedDownloadError(DownloadError):
    """The connection ended before the whole file came; the ``.part`` is kept to resume."""

    def __init__(self, got: int, expected: int, file: str = "", url: str = "") -> None:
        super().__init__(f"the connection ended after {got} of {expected} bytes", file, url)
        self.got, self.expected = got, expected


class ChecksumMismatchError(DownloadError):
    """The whole file came but its digest is not the published one (deleted)."""


class NotGzipError(DownloadError):
    """The body is not a gzip file (often a web page from a proxy or an error page)."""


class DiskError(DownloadError):
    """Writing to the destination failed (``errno``: ENOSPC for a full disk, EACCES, …)."""

    def __init__(self, error: OSError, file: str = "") -> None:
        super().__init__(error.strerror or str(error), file)
        self.errno = error.errno

    @property
    def disk_full(self) -> bool:
        return self.errno in (errno.ENOSPC, errno.EDQUOT)


class DownloadCancelledError(DownloadError):
    """Cancelled by the caller; a ``.part`` file is kept so the next download resumes."""


class MirrorsFailedError(DownloadError):
    """Every mirror failed for ``file``; ``errors`` holds each mirror's error, in order."""

    def __init__(self, file: str, errors: Sequence[DownloadError]) -> None:
        detail = "; ".join(f"{e.url or '?'}: {e.detail}" for e in errors) or "no mirror given"
        super().__init__(f"no mirror delivered it ({detail})", file)
        self.errors = list(errors)


# -- cancelling ----------------------------------------------------------------------------
class CancelToken:
    """A cancel flag that also wakes a blocked read: :meth:`cancel` (from any thread) sets
    it and shuts the open connection's socket, so a stalled server cannot delay a cancel."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None

    def cancel(self) -> None:
        self._event.set()
        with self._lock:
            sock = self._socket
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def is_set(self) -> bool:
        return self._event.is_set()

    __call__ = is_set

    def _attach(self, sock: socket.socket | None) -> None:
        with self._lock:
            self._socket = sock
        if sock is not None and self._event.is_set():
            self.cancel()


def _cancel_check(cancel: object) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if isinstance(cancel, (CancelToken, threading.Event)):
        return cancel.is_set
    if callable(cancel):
        return cancel  # type: ignore[return-value]
    raise TypeError("cancel must be a CancelToken, a threading.Event or a callable")


# -- records ------------------------------------------------------------------------------
@dataclass(frozen=True)
class DownloadProgress:
    """Where a download is: ``file`` from ``mirror``, ``file_done`` of ``file_total`` bytes
    (None if unknown), ``done`` of ``total`` bytes over all files, ``fetched`` bytes received
    in this call over ``elapsed`` seconds."""

    file: str
    mirror: str
    file_done: int
    file_total: int | None
    done: int
    total: int
    fetched: int
    elapsed: float

    @property
    def rate(self) -> float:
        """Bytes per second received in this call (0 at the start)."""
        return self.fetched / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        """Estimated seconds to the end at the current rate, or None before any data."""
        rate = self.rate
        return max(self.total - self.done, 0) / rate if rate > 0 else None


@dataclass(frozen=True)
class DownloadFinished:
    """All files are in place: ``paths`` by role (``train_img``, …); ``skipped`` mirrors'
    errors on the way (a 403 before a mirror that worked)."""

    paths: dict[str, Path]
    skipped: list[DownloadError] = field(default_factory=list)


@dataclass(frozen=True)
class DownloadFailed:
    """The download ended with ``error``; nothing incomplete carries a final file name."""

    error: DownloadError


# -- the work --------------------------------------------------------------------------------
def _digest_ok(path: Path, spec: MnistFile) -> bool:
    algorithm, expected = ("sha256", spec.sha256) if spec.sha256 else ("md5", spec.md5)
    h = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest().lower() == (expected or "").lower()


def _open(
    url: str, offset: int, timeout: float, token: CancelToken | None
) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse, str]:
    """GET ``url`` (from byte ``offset`` if > 0), following redirects."""
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConnectionFailedError(f"not an http(s) address: {url}", url=url)
        connection: http.client.HTTPConnection
        if parts.scheme == "https":
            connection = http.client.HTTPSConnection(
                parts.hostname, parts.port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        headers = {"User-Agent": "zerokara-lab", "Accept-Encoding": "identity"}
        if offset > 0:
            headers["Range"] = f"bytes={offset}-"
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("GET", path, headers=headers)
            if token is not None:  # the response owns the socket once the headers are in
                token._attach(connection.sock)
            response = connection.getresponse()
        except BaseException:
            connection.close()
            raise
        if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
            url = urljoin(url, response.getheader("Location", ""))
            connection.close()
            continue
        return connection, response, url
    raise ConnectionFailedError("too many redirects", url=url)


def _fetch_one(
    spec: MnistFile,
    mirror: str,
    dest: Path,
    timeout: float,
    cancelled: Callable[[], bool],
    token: CancelToken | None,
    progress: Callable[[int], DownloadProgress],
) -> Iterator[DownloadProgress]:
    """Bring ``spec`` from ``mirror`` into ``dest/<name>.part``, verify it, rename it."""
    final, part = dest / spec.name, dest / (spec.name + ".part")
    url = urljoin(mirror if mirror.endswith("/") else mirror + "/", spec.name)
    try:
        offset = part.stat().st_size if part.exists() else 0
    except OSError as exc:
        raise DiskError(exc, spec.name) from None
    if spec.size is not None and offset > spec.size:
        offset = 0  # not a prefix of this file
    connection = None
    try:
        if offset and offset == spec.size:
            response = None  # complete already: only the digest is left to check
        else:
            try:
                connection, response, url = _open(url, offset, timeout, token)
            except DownloadError:
                raise
            except TimeoutError:
                raise DownloadTimeoutError(
                    f"no answer within {timeout:g} s", spec.name, url
                ) from None
            except (OSError, http.client.HTTPException) as exc:
                if cancelled():
                    raise DownloadCancelledError("cancelled", spec.name, url) from None
                raise ConnectionFailedError(_reason(exc), spec.name, url) from None
        if response is not None:
            status = response.status
            if status == 416 and offset:  # our .part is no prefix the server knows: restart
                offset = 0
                connection.close()  # type: ignore[union-attr]
                connection, response, url = _open(url, 0, timeout, token)
                status = response.status
            if status not in (200, 206):
                raise HTTPStatusError(status, response.reason or "", spec.name, url)
            if status == 200:
                offset = 0  # the server ignored the Range: start over
            elif not _range_starts_at(response.getheader("Content-Range", ""), offset):
                raise ConnectionFailedError(
                    f"the server resumed elsewhere ({response.getheader('Content-Range')})",
                    spec.name,
                    url,
                )
            length = response.getheader("Content-Length")
            expected = offset + int(length) if length and length.isdigit() else spec.size
            yield from _receive(
                response, part, offset, expected, spec, url, cancelled, progress, timeout
            )
    finally:
        if token is not None:
            token._attach(None)
        if connection is not None:
            connection.close()
    if not _digest_ok(part, spec):
        _remove(part)
        raise ChecksumMismatchError("the file's digest is not the published one", spec.name, url)
    try:
        os.replace(part, final)
    except OSError as exc:
        raise DiskError(exc, spec.name) from None


def _receive(
    response: http.client.HTTPResponse,
    part: Path,
    offset: int,
    expected: int | None,
    spec: MnistFile,
    url: str,
    cancelled: Callable[[], bool],
    progress: Callable[[int], DownloadProgress],
    timeout: float,
) -> Iterator[DownloadProgress]:
    got = offset
    first = offset == 0
    last = 0.0
    try:
        handle = open(part, "ab" if offset else "wb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise DiskError(exc, spec.name) from None
    try:
        yield progress(got)
        while True:
            if cancelled():
                raise DownloadCancelledError("cancelled", spec.name, url)
            try:
                block = response.read1(CHUNK)
            except TimeoutError:
                raise DownloadTimeoutError(
                    f"nothing received for {timeout:g} s", spec.name, url
                ) from None
            except http.client.IncompleteRead as exc:
                block = exc.partial
                if block:
                    _write(handle, block, spec.name)
                    got += len(block)
                break
            except (OSError, http.client.HTTPException) as exc:
                if cancelled():
                    raise DownloadCancelledError("cancelled", spec.name, url) from None
                raise ConnectionFailedError(_reason(exc), spec.name, url) from None
            if not block:
                break
            if first:
                first = False
                if block[:2] != b"\x1f\x8b":
                    handle.close()
                    _remove(part)
                    raise NotGzipError(
                        f"the body starts with {block[:16]!r}, not a gzip header", spec.name, url
                    )
            _write(handle, block, spec.name)
            got += len(block)
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL:
                last = now
                yield progress(got)
        try:
            handle.flush()
            os.fsync(handle.fileno())
        except OSError as exc:
            raise DiskError(exc, spec.name) from None
    finally:
        handle.close()
    if cancelled():
        raise DownloadCancelledError("cancelled", spec.name, url)
    if expected is not None and got < expected:
        raise TruncatedDownloadError(got, expected, spec.name, url)
    if first and got == 0:
        raise TruncatedDownloadError(0, expected or 0, spec.name, url)
    yield progress(got)


def _range_starts_at(header: str, offset: int) -> bool:
    """True if a ``Content-Range: bytes start-end/total`` header starts at ``offset``."""
    unit, _, rest = header.strip().partition(" ")
    start = rest.partition("-")[0]
    return unit == "bytes" and start.isdigit() and int(start) == offset


def _write(handle, block: bytes, name: str) -> None:  # noqa: ANN001 - a binary file
    try:
        handle.write(block)
    except OSError as exc:
        raise DiskError(exc, name) from None


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return "host not found"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error ({exc.reason or exc})"
    return f"{exc.__class__.__name__}: {exc}"


def download_steps(
    dest: str | Path,
    mirrors: Sequence[str] | None = None,
    cancel: object = None,
    files: Sequence[MnistFile] = MNIST_DOWNLOADS,
    timeout: float = 15.0,
) -> Iterator[DownloadProgress | DownloadFinished | DownloadFailed]:
    """Download ``files`` (default: MNIST's four IDX ``.gz`` files, §3.6.1) into ``dest``,
    as a generator: :class:`DownloadProgress` records, then one :class:`DownloadFinished`
    or :class:`DownloadFailed`.

    Each file already in ``dest`` with the right digest is kept; a wrong one is replaced.
    Mirrors are tried in turn for each file; a disk error or a cancel ends at once.
    ``cancel``: a :class:`CancelToken` (wakes a blocked read), a ``threading.Event`` or a
    callable returning True to cancel (checked between blocks). ``timeout``: seconds to
    wait for a connection or for the next bytes. Closing the generator leaves only
    ``.part`` files, which a later call resumes.
    """
    mirrors = list(DEFAULT_MIRRORS if mirrors is None else mirrors)
    cancelled = _cancel_check(cancel)
    token = cancel if isinstance(cancel, CancelToken) else None
    dest = Path(dest)
    for spec in files:
        if not (spec.sha256 or spec.md5):
            raise ValueError(f"{spec.name}: a digest (sha256 or md5) is needed")
    start = time.monotonic()
    total = sum(spec.size or 0 for spec in files)
    done_before = 0
    fetched_before = 0
    skipped: list[DownloadError] = []
    try:
        dest.mkdir(parents=True, exist_ok=True)
        paths: dict[str, Path] = {}
        for spec in files:
            final = dest / spec.name
            if final.is_file():
                if _digest_ok(final, spec):
                    paths[spec.role] = final
                    done_before += spec.size or final.stat().st_size
                    continue
                final.unlink()
            errors: list[DownloadError] = []
            for mirror in mirrors:
                part = dest / (spec.name + ".part")
                base = part.stat().st_size if part.exists() else 0

                def progress(
                    got: int,
                    spec: MnistFile = spec,
                    mirror: str = mirror,
                    base: int = base,
                    done: int = done_before,
                    fetched: int = fetched_before,
                ) -> DownloadProgress:
                    return DownloadProgress(
                        spec.name, mirror, got, spec.size, done + got, total,
                        fetched + max(got - base, 0), time.monotonic() - start,
                    )  # fmt: skip

                last = None
                try:
                    for record in _fetch_one(
                        spec, mirror, dest, timeout, cancelled, token, progress
                    ):
                        last = record
                        yield record
                except (DiskError, DownloadCancelledError):
                    raise
                except DownloadError as exc:
                    errors.append(exc)
                    if last is not None:
                        fetched_before = last.fetched
                    continue
                if last is not None:
                    fetched_before = last.fetched
                paths[spec.role] = final
                done_before += spec.size or final.stat().st_size
                break
            else:
                skipped.extend(errors)
                if len(errors) == 1:
                    raise errors[0]
                raise MirrorsFailedError(spec.name, errors)
            skipped.extend(errors)
    except DownloadError as exc:
        yield DownloadFailed(exc)
        return
    except OSError as exc:
        yield DownloadFailed(DiskError(exc))
        return
    yield DownloadFinished(paths, skipped)


def download_mnist(
    dest: str | Path,
    mirrors: Sequence[str] | None = None,
    progress: Callable[[DownloadProgress], object] | None = None,
    cancel: object = None,
    files: Sequence[MnistFile] = MNIST_DOWNLOADS,
    timeout: float = 15.0,
) -> dict[str, Path]:
    """Download MNIST's four IDX files into ``dest`` (see :func:`download_steps`) and
    return their paths by role (``train_img``, ``train_label``, ``test_img``,
    ``test_label``); ``progress`` is called with each :class:`DownloadProgress`.
    Raises a :class:`DownloadError` subclass when a file cannot be had.
    """
    for record in download_steps(dest, mirrors, cancel, files, timeout):
        if isinstance(record, DownloadProgress):
            if progress is not None:
                progress(record)
        elif isinstance(record, DownloadFailed):
            raise record.error
        else:
            return record.paths
    raise DownloadError("the download ended without a result")  # pragma: no cover
