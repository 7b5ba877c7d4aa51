import os
import pickle

import numpy as np
import pytest

from engine.safeio import UnsafeFileError, load_npz, load_pickle


class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


def test_arrays_round_trip(tmp_path):
    data = {"W1": np.arange(6.0).reshape(2, 3), "b1": np.zeros(3, np.float32), "n": 3, "l": [1, 2]}
    for protocol in (2, 4, 5):
        loaded = load_pickle(pickle.dumps(data, protocol=protocol))
        np.testing.assert_array_equal(loaded["W1"], data["W1"])
        assert loaded["b1"].dtype == np.float32 and loaded["n"] == 3 and loaded["l"] == [1, 2]
    path = tmp_path / "w.pkl"
    path.write_bytes(pickle.dumps(data))
    assert set(load_pickle(path)) == {"W1", "b1", "n", "l"}


@pytest.mark.parametrize("payload", [Evil(), {"x": Evil()}, [np.zeros(2), Evil()]])
def test_code_is_refused(payload):
    with pytest.raises(UnsafeFileError, match="posix.system|os.system|nt.system"):
        load_pickle(pickle.dumps(payload))


def test_other_globals_refused():
    with pytest.raises(UnsafeFileError, match="collections.OrderedDict"):
        import collections

        load_pickle(pickle.dumps(collections.OrderedDict(a=1)))


def test_truncated_and_garbage():
    good = pickle.dumps({"W": np.ones((10, 10))})
    for bad in (good[: len(good) // 2], b"", b"\x80\x05garbage", os.urandom(64)):
        with pytest.raises(UnsafeFileError):
            load_pickle(bad)


def test_npz(tmp_path):
    p = tmp_path / "a.npz"
    np.savez(p, W1=np.ones((2, 2)))
    assert load_npz(p)["W1"].shape == (2, 2)
    q = tmp_path / "obj.npz"
    np.savez(q, o=np.array([{"a": 1}], dtype=object))
    with pytest.raises(UnsafeFileError):
        load_npz(q)
    r = tmp_path / "bad.npz"
    r.write_bytes(p.read_bytes()[:40])
    with pytest.raises(UnsafeFileError):
        load_npz(r)


def _npz_claiming(shape, payload: bytes = b"\0" * 64) -> bytes:
    import io
    import zipfile

    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f8", "fortran_order": False, "shape": shape}
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("W1.npy", header.getvalue() + payload)
    return buf.getvalue()


def test_npz_declaring_a_huge_array_refused_before_allocating(tmp_path):
    """A 300-byte archive claiming a 75 GB array: UnsafeFileError, not MemoryError."""
    path = tmp_path / "bomb.npz"
    path.write_bytes(_npz_claiming((100_000, 100_000)))
    with pytest.raises(UnsafeFileError, match="declares 80000000000 bytes"):
        load_npz(path)


def test_npy_renamed_npz_refused(tmp_path):
    path = tmp_path / "plain.npz"
    np.save(tmp_path / "plain.npy", np.ones(3))
    (tmp_path / "plain.npy").rename(path)
    with pytest.raises(UnsafeFileError):
        load_npz(path)


def test_npz_with_corrupt_compressed_data_refused(tmp_path):
    """One flipped bit inside a deflated member: zlib.error became UnsafeFileError."""
    import io

    buf = io.BytesIO()
    np.savez_compressed(buf, W1=np.arange(400.0))
    data = bytearray(buf.getvalue())
    start = data.index(b"W1.npy") + len("W1.npy") + 40  # inside the deflate stream
    data[start] ^= 0xFF
    path = tmp_path / "flipped.npz"
    path.write_bytes(bytes(data))
    with pytest.raises(UnsafeFileError):
        load_npz(path)
