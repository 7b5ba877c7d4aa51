"""A real HTTP server on 127.0.0.1 serving MNIST-like IDX files built here, with faults.

``/<mode>/<file>``: ok, 403, 404, stall, truncate, html, wrong, norange, redirect. Used by
the engine's download tests and the download dialog's.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from engine import download as W


def idx_gz(array: np.ndarray) -> bytes:
    header = bytes([0, 0, 8, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return gzip.compress(header + array.astype(np.uint8).tobytes(), mtime=0)


def build_files() -> dict[str, bytes]:
    rng = np.random.default_rng(5)
    arrays = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, (300, 28, 28)),
        "train-labels-idx1-ubyte.gz": rng.integers(0, 10, 300),
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, (50, 28, 28)),
        "t10k-labels-idx1-ubyte.gz": rng.integers(0, 10, 50),
    }
    return {name: idx_gz(a) for name, a in arrays.items()}


BODIES = build_files()
ROLES = {spec.name: spec.role for spec in W.MNIST_DOWNLOADS}
SPECS = tuple(
    W.MnistFile(ROLES[name], name, len(body), hashlib.sha256(body).hexdigest())
    for name, body in BODIES.items()
)


class Handler(http.server.BaseHTTPRequestHandler):
    """``/<mode>/<file>``: ok, 403, 404, stall, truncate, html, wrong, norange, redirect."""

    server: Server

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        _, mode, name = self.path.split("/", 2)
        self.server.requests.append((mode, name, self.headers.get("Range")))
        if mode in ("403", "404"):
            self.send_error(int(mode))
            return
        if mode == "redirect":
            self.send_response(302)
            self.send_header("Location", f"/ok/{name}")
            self.end_headers()
            return
        body = BODIES.get(name)
        if body is None:
            self.send_error(404)
            return
        if mode == "html":
            body = b"<html><body>Access denied</body></html>" * 40
        if mode == "wrong":
            body = gzip.compress(b"\x00\x00\x08\x01" + bytes(len(body)), mtime=0)[: len(body)]
        start = 0
        header = self.headers.get("Range")
        if header and mode not in ("norange", "html"):
            start = int(header.split("=")[1].split("-")[0])
        self.send_response(206 if start else 200)
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        self.send_header("Content-Length", str(len(body) - start))
        self.end_headers()
        rest = body[start:]
        if mode == "stall":
            self.wfile.write(rest[:1000])
            self.wfile.flush()
            self.server.stalling.set()
            self.server.release.wait(self.server.stall_seconds)
            self.server.stall_ended.set()  # from here on the client can see the body end
            return
        if mode == "truncate":
            self.wfile.write(rest[: len(rest) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        for i in range(0, len(rest), 8192):  # several blocks: progress records, cancel
            self.wfile.write(rest[i : i + 8192])


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, str, str | None]] = []
        self.release = threading.Event()
        # a stall lasts until release (set when the server shuts down) or this long; a
        # client that gave up while ``stall_ended`` is still clear did not wait for it
        self.stall_seconds = 120.0
        self.stall_ended = threading.Event()
        self.stalling = threading.Event()  # the first 1000 bytes are sent, the rest is held

    def sent_bytes_were_read(self) -> bool:
        """True when a stall has begun and the kernel holds none of its bytes any more,
        neither unsent here nor unread at the client (Linux: /proc/net/tcp queues)."""
        if not self.stalling.is_set():
            return False
        port = f"{self.server_address[1]:04X}"
        queues = []
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = line.split()
            local, remote, state, tx_rx = fields[1], fields[2], fields[3], fields[4]
            if state == "01" and port in (local.split(":")[1], remote.split(":")[1]):
                queues += [int(q, 16) for q in tx_rx.split(":")]
        return bool(queues) and not any(queues)

    def url(self, mode: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{mode}/"


@contextmanager
def running_server() -> Iterator[Server]:
    srv = Server()
    thread = threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.release.set()
        srv.shutdown()
        srv.server_close()
        thread.join(5)
    assert not thread.is_alive()


def refused_url() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    return f"http://127.0.0.1:{port}/"
