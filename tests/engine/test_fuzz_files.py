"""Fuzz every file reader with one corpus of truncated, bit-flipped and hostile files.

Readers: ``engine.project.load``, ``engine.safeio.load_pickle``/``load_npz``,
``engine.weights.load_weights`` (.npz and .pkl) and ``engine.datasets`` (``read_idx``,
``load_mnist`` with one .npz/.pkl or four IDX files). Every reader gets every file of the
corpus, whatever its format, and may only succeed or raise its documented error type
(all ``ValueError`` subclasses) with a non-empty message. Hostile pickles (os.system,
eval, exec, subprocess, builtins.getattr/__import__, hand-written GLOBAL/INST/STACK_GLOBAL
opcodes) must be refused and must not create their marker file.

Each reader runs the corpus in a fresh subprocess with a timeout (no hang) and a 3 GB
address-space limit (a file that makes a reader allocate absurd memory shows up as a
MemoryError, not a thrashing machine).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import pickle
import random
import struct
import subprocess
import sys
import time
import traceback
import zipfile
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
MARK = "PWNED"
TIMEOUT_S = 120
SEED = 9


# -- the corpus -----------------------------------------------------------------------------
class Evil:
    """Pickles to ``func(*args)``."""

    def __init__(self, func, *args) -> None:
        self.func, self.args = func, args

    def __reduce__(self):
        return (self.func, self.args)


def idx_bytes(array: np.ndarray, code: int = 0x08) -> bytes:
    header = bytes([0, 0, code, array.ndim]) + b"".join(struct.pack(">I", d) for d in array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def npz_bytes(**arrays) -> bytes:
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def npy_member(shape, payload: bytes, descr: str = "<f8") -> bytes:
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": descr, "fortran_order": False, "shape": shape}
    )
    return header.getvalue() + payload


def zip_of(members: dict[str, bytes], compression=zipfile.ZIP_STORED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def declare_size(zip_data: bytes, size: int) -> bytes:
    """Patch every uncompressed-size field of a zip to ``size`` (a lie)."""
    data = bytearray(zip_data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            data[at + offset : at + offset + 4] = struct.pack("<I", size)
            start = at + 4
    return bytes(data)


def seeds() -> dict[str, bytes]:
    """Valid files of every format (each reader must accept its own)."""
    rng = np.random.default_rng(SEED)
    weights = {
        "W1": rng.standard_normal((4, 3)),
        "b1": rng.standard_normal(3),
        "W2": rng.standard_normal((3, 2)),
        "b2": rng.standard_normal(2),
    }
    images = rng.integers(0, 256, (3, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 10, 3).astype(np.uint8)
    mnist = {
        "train_img": images.reshape(3, -1),
        "train_label": labels,
        "test_img": images.reshape(3, -1)[:2],
        "test_label": labels[:2],
    }
    doc = {"app": "zerokara-lab", "schema_version": 1, "tabs": {"gates": {"w": [0.5, 0.5]}}}
    return {
        "project.zkl.json": json.dumps(doc).encode(),
        "weights-p2.pkl": pickle.dumps(weights, protocol=2),
        "weights-p5.pkl": pickle.dumps(weights, protocol=5),
        "weights.npz": npz_bytes(**weights),
        "mnist.pkl": pickle.dumps(mnist, protocol=4),
        "mnist.npz": npz_bytes(**mnist),
        "images.idx": idx_bytes(images),
        "labels.idx": idx_bytes(labels),
        "images.idx.gz": gzip.compress(idx_bytes(images)),
    }


def hostile(folder: Path) -> dict[str, bytes]:
    mark = str(folder / MARK)
    touch = f"touch {mark}"
    import builtins
    import subprocess as sp

    def proto0(text: str) -> bytes:
        return text.encode()

    return {
        "evil-os-system.pkl": pickle.dumps(Evil(os.system, touch)),
        "evil-in-dict.pkl": pickle.dumps({"W1": np.ones((2, 2)), "b1": Evil(os.system, touch)}),
        "evil-eval.pkl": pickle.dumps(Evil(eval, f"open({mark!r}, 'w')")),
        "evil-exec.pkl": pickle.dumps(Evil(exec, f"open({mark!r}, 'w')")),
        "evil-subprocess.pkl": pickle.dumps(Evil(sp.call, ["touch", mark])),
        "evil-popen.pkl": pickle.dumps(Evil(sp.Popen, ["touch", mark])),
        "evil-getattr.pkl": pickle.dumps(Evil(builtins.getattr, sp.Popen, "__init__")),
        "evil-import.pkl": pickle.dumps(Evil(builtins.__import__, "os")),
        "evil-open.pkl": pickle.dumps(Evil(open, mark, "w")),
        # hand-written opcodes: GLOBAL + REDUCE, INST, STACK_GLOBAL, nested getattr
        "evil-global.pkl": proto0(f"cos\nsystem\n(S'{touch}'\ntR."),
        "evil-posix.pkl": proto0(f"cposix\nsystem\n(S'{touch}'\ntR."),
        "evil-inst.pkl": proto0(f"(S'{touch}'\nios\nsystem\n."),
        "evil-stack-global.pkl": b"\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00"
        + b"\x8c\x02os\x8c\x06system\x93"
        + b"\x8c"
        + bytes([len(touch)])
        + touch.encode()
        + b"\x85R.",
        "evil-builtins-getattr.pkl": proto0(
            f"cbuiltins\ngetattr\n(cbuiltins\n__import__\n(S'os'\ntRS'system'\ntR(S'{touch}'\ntR."
        ),
        # allowed globals used wrongly: must fail as data, not run anything
        "reconstruct-misuse.pkl": proto0(
            "cnumpy.core.multiarray\n_reconstruct\n(cnumpy\ndtype\n(I0\ntS'b'\ntR."
        ),
        "codecs-misuse.pkl": proto0("c_codecs\nencode\n(I1\nI2\nI3\ntR."),
        "persistent-id.pkl": proto0("P1\n."),
        # huge declared sizes: BINBYTES8, BINUNICODE8, LONG4, FRAME
        "huge-binbytes8.pkl": b"\x80\x04\x8e" + struct.pack("<Q", 2**62) + b"xx.",
        "huge-binunicode8.pkl": b"\x80\x04\x8d" + struct.pack("<Q", 2**62) + b"xx.",
        "huge-long4.pkl": b"\x80\x02\x8b" + struct.pack("<i", 2**31 - 1) + b"\x01.",
        "huge-frame.pkl": b"\x80\x04\x95" + struct.pack("<Q", 2**62) + b"N.",
        "huge-memo-get.pkl": b"\x80\x02j\xff\xff\xff\x7f.",
        "deep-lists.pkl": b"\x80\x02" + b"]" * 100_000 + b"e" * 10 + b".",
        "mark-flood.pkl": b"(" * 200_000 + b".",
        # npz: a tiny file claiming a 75 GB array, a lying zip size, bomb-lite, objects
        "npz-huge-shape.npz": zip_of({"W1.npy": npy_member((100_000, 100_000), b"\0" * 64)}),
        "npz-negative-shape.npz": zip_of({"W1.npy": npy_member((-5, 3), b"\0" * 64)}),
        "npz-declared-2gb.npz": declare_size(
            zip_of({"W1.npy": npy_member((2,), b"\0" * 16)}), 2**31
        ),
        "npz-bomb-lite.npz": zip_of(
            {"W1.npy": npy_member((4_000_000,), bytes(32_000_000))}, zipfile.ZIP_DEFLATED
        ),
        "npz-object.npz": zip_of(
            {"W1.npy": npy_member((1,), pickle.dumps([Evil(os.system, touch)]), "|O")}
        ),
        "npz-bad-descr.npz": zip_of({"W1.npy": npy_member((2,), b"\0" * 16, "<x9")}),
        "npz-empty-zip.npz": zip_of({}),
        "npz-not-npy.npz": zip_of({"W1.npy": b"hello"}),
        # IDX: wrong magic, absurd dimensions, wrong type code, gzip bomb-lite, truncated gzip
        "idx-magic.idx": b"\x12\x34\x08\x01" + struct.pack(">I", 3) + b"abc",
        "idx-huge-dims.idx": b"\x00\x00\x08\x03" + struct.pack(">III", 2**32 - 1, 2**32 - 1, 1),
        "idx-255-dims.idx": b"\x00\x00\x08\xff" + b"\xff" * 64,
        "idx-type.idx": b"\x00\x00\x77\x01" + struct.pack(">I", 1) + b"\0",
        "idx-gzip-bomb-lite.idx.gz": gzip.compress(
            b"\x00\x00\x08\x01" + struct.pack(">I", 10) + bytes(50_000_000)
        ),
        "idx-gzip-truncated.idx.gz": gzip.compress(idx_bytes(np.zeros((5, 5), np.uint8)))[:30],
        # project JSON: deep nesting, huge numbers, NaN, other encodings
        "json-deep.zkl.json": b"[" * 100_000 + b"]" * 100_000,
        "json-huge-int.zkl.json": b'{"app": "zerokara-lab", "schema_version": '
        + b"9" * 5000
        + b"}",
        "json-1e999.zkl.json": b'{"app": "zerokara-lab", "schema_version": 1, "x": 1e999}',
        "json-nan.zkl.json": b'{"app": "zerokara-lab", "schema_version": 1, "x": NaN}',
        "json-utf16.zkl.json": '{"app": "zerokara-lab"}'.encode("utf-16"),
        "json-bom.zkl.json": b'\xef\xbb\xbf{"app": "zerokara-lab", "schema_version": 1}',
        "json-nul.zkl.json": b'{"app": "zerokara-lab\x00", "schema_version": 1}',
        "empty": b"",
    }


def mutations(name: str, data: bytes, rng: random.Random) -> dict[str, bytes]:
    out = {}
    for cut in sorted({0, 1, 2, 3, 4, 8, 16, len(data) // 2, len(data) - 1}):
        if 0 <= cut < len(data):
            out[f"{name}~cut{cut}"] = data[:cut]
    for i in range(12):
        flipped = bytearray(data)
        at = rng.randrange(len(flipped))
        flipped[at] ^= 1 << rng.randrange(8)
        out[f"{name}~flip{i}@{at}"] = bytes(flipped)
    out[f"{name}~garbage"] = data + bytes(rng.randrange(256) for _ in range(64))
    return out


def build_corpus(folder: Path) -> dict[str, bytes]:
    rng = random.Random(SEED)
    corpus = dict(seeds())
    for name, data in list(corpus.items()):
        corpus.update(mutations(name, data, rng))
    corpus.update(hostile(folder))
    for i in range(20):
        corpus[f"random{i}"] = bytes(rng.randrange(256) for _ in range(rng.choice([1, 7, 64, 999])))
    return corpus


# -- the readers ----------------------------------------------------------------------------
def _reader_table():
    from engine import datasets, project, safeio, weights

    def four_idx(path: Path):
        """``load_mnist`` with the corpus file as the training images, the rest valid."""
        good = seeds()
        folder = path.parent / (path.name + ".set")
        folder.mkdir(exist_ok=True)
        files = {
            "train-images-idx3-ubyte": path.read_bytes(),
            "train-labels-idx1-ubyte": good["labels.idx"],
            "t10k-images-idx3-ubyte": good["images.idx"],
            "t10k-labels-idx1-ubyte": good["labels.idx"],
        }
        for name, data in files.items():
            (folder / name).write_bytes(data)
        return datasets.load_mnist([folder / name for name in files])

    return {
        "project.load": (project.load, project.ProjectError, ".zkl.json"),
        "safeio.load_pickle": (safeio.load_pickle, safeio.UnsafeFileError, ".pkl"),
        "safeio.load_npz": (safeio.load_npz, safeio.UnsafeFileError, ".npz"),
        "weights.load_weights.npz": (weights.load_weights, ValueError, ".npz"),
        "weights.load_weights.pkl": (weights.load_weights, ValueError, ".pkl"),
        "datasets.read_idx": (datasets.read_idx, datasets.DatasetError, ".idx"),
        "datasets.load_mnist.npz": (datasets.load_mnist, datasets.DatasetError, ".npz"),
        "datasets.load_mnist.pkl": (datasets.load_mnist, datasets.DatasetError, ".pkl"),
        "datasets.load_mnist.idx": (four_idx, datasets.DatasetError, ""),
    }


READERS = [
    "project.load",
    "safeio.load_pickle",
    "safeio.load_npz",
    "weights.load_weights.npz",
    "weights.load_weights.pkl",
    "datasets.read_idx",
    "datasets.load_mnist.npz",
    "datasets.load_mnist.pkl",
    "datasets.load_mnist.idx",
]
#: Which seed each reader must accept.
ACCEPTS = {
    "project.load": "project.zkl.json",
    "safeio.load_pickle": "weights-p2.pkl",
    "safeio.load_npz": "weights.npz",
    "weights.load_weights.npz": "weights.npz",
    "weights.load_weights.pkl": "weights-p5.pkl",
    "datasets.read_idx": "images.idx.gz",
    "datasets.load_mnist.npz": "mnist.npz",
    "datasets.load_mnist.pkl": "mnist.pkl",
    "datasets.load_mnist.idx": "images.idx",
}


def child(reader: str, folder: Path) -> None:
    """Run in the subprocess: every corpus file through ``reader``, one JSON line each."""
    import resource

    limit = 3 << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    func, error, suffix = _reader_table()[reader]
    inputs = folder / "in"
    work = folder / f"work-{reader}"
    work.mkdir()
    for i, source in enumerate(sorted(inputs.iterdir())):
        target = work / f"f{i}{suffix}"
        target.write_bytes(source.read_bytes())
        start = time.monotonic()
        try:
            func(target)
            outcome, kind, message = "ok", "", ""
        except error as exc:
            outcome, kind, message = "refused", type(exc).__name__, str(exc)
        except BaseException as exc:  # noqa: BLE001 - exactly what the test reports
            outcome, kind = "crash", type(exc).__name__
            message = "".join(traceback.format_exception_only(type(exc), exc)).strip()[:300]
        print(
            json.dumps(
                {
                    "file": source.name,
                    "outcome": outcome,
                    "type": kind,
                    "message": message[:300],
                    "seconds": round(time.monotonic() - start, 3),
                }
            ),
            flush=True,
        )


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "in").mkdir()
    corpus = build_corpus(folder)
    for name, data in corpus.items():
        (folder / "in" / name.replace("/", "_")).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def figures():
    counts: dict[str, int] = {}
    yield counts
    print("\nfile fuzz:", counts, "total", sum(counts.values()))


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
@pytest.mark.parametrize("reader", READERS)
def test_reader_refuses_bad_files_cleanly(corpus_dir, reader, figures):
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, __file__, reader, str(corpus_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    elapsed = time.monotonic() - start
    assert done.returncode == 0, done.stderr[-2000:]
    results = [json.loads(line) for line in done.stdout.splitlines()]
    files = sorted(p.name for p in (corpus_dir / "in").iterdir())
    assert [r["file"] for r in results] == files  # every file, none hung
    crashes = [r for r in results if r["outcome"] == "crash"]
    assert not crashes, "\n".join(f"{r['file']}: {r['message']}" for r in crashes)
    by_file = {r["file"]: r for r in results}
    for r in results:
        if r["outcome"] == "refused":
            assert r["message"].strip(), r
        if r["file"].startswith("evil") or r["file"].startswith("huge"):
            assert r["outcome"] == "refused", r
        assert r["seconds"] < 20, r
    assert by_file[ACCEPTS[reader]]["outcome"] == "ok", by_file[ACCEPTS[reader]]
    assert not (corpus_dir / MARK).exists(), "a hostile file ran code"
    figures[reader] = len(results)
    assert elapsed < TIMEOUT_S


def test_hostile_pickles_name_what_they_refer_to(tmp_path):
    from engine.safeio import UnsafeFileError, load_pickle

    for name, data in hostile(tmp_path).items():
        if not name.startswith("evil"):
            continue
        with pytest.raises(UnsafeFileError) as info:
            load_pickle(data)
        assert "not NumPy array data" in str(info.value), name
    assert not (tmp_path / MARK).exists()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    child(sys.argv[1], Path(sys.argv[2]))
