"""Reading the learner's files in steps, so a worker thread can report progress and stop.

The GUI reads every file a learner picks (MNIST files, projects) in a worker thread
(issue 14); the engine's readers are generators that yield a :class:`ReadProgress` after
each chunk and return what they read. ``finish`` runs one to its end (scripts, tests).
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import BinaryIO, TypeVar

__all__ = ["READ_CHUNK", "ReadProgress", "finish", "read_chunks"]

#: Bytes read between two progress reports: a few milliseconds each.
READ_CHUNK = 4 * 1024 * 1024

_T = TypeVar("_T")


@dataclass(frozen=True)
class ReadProgress:
    """``done`` of ``total`` bytes of the files on disk read so far."""

    done: int
    total: int


def finish(steps: Generator[ReadProgress, None, _T]) -> _T:
    """Run a reading generator to its end and return its value."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def read_chunks(
    file: BinaryIO, limit: int, total: int, chunk: int = READ_CHUNK
) -> Generator[ReadProgress, None, bytes]:
    """At most ``limit`` bytes of ``file`` in chunks, yielding progress against ``total``."""
    parts: list[bytes] = []
    got = 0
    while got < limit:
        part = file.read(min(chunk, limit - got))
        if not part:
            break
        parts.append(part)
        got += len(part)
        yield ReadProgress(got, total)
    return b"".join(parts)
