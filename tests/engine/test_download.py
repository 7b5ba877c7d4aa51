"""download_mnist against a real HTTP server on 127.0.0.1 serving IDX files built here.

Every fault the issue names is injected by the server (403, 404, a stall, a truncated
body, a wrong digest, a body that is not gzip, a server that ignores Range) or by the
test (a refused connection, a destination whose writes fail, a cancel, a resume). No
test touches the internet.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest

from engine import datasets as D
from engine import download as W
from tests.tools.mnist_server import BODIES, SPECS, refused_url, running_server


@pytest.fixture
def server():
    with running_server() as srv:
        yield srv


def run(dest: Path, mirrors, **kw):
    return W.download_mnist(dest, mirrors, files=SPECS, timeout=kw.pop("timeout", 3.0), **kw)


def assert_nothing_complete(dest: Path) -> None:
    """No file under its final name (which find_mnist would take as complete)."""
    assert D.find_mnist_files(dest) is None
    for spec in SPECS:
        if (dest / spec.name).exists():
            assert (dest / spec.name).read_bytes() == BODIES[spec.name]


# -- success -------------------------------------------------------------------------------
def test_download_puts_four_verified_files_where_find_mnist_finds_them(
    server, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    dest = D.mnist_data_dir()
    seen = []
    paths = run(dest, [server.url("ok")], progress=seen.append)
    assert set(paths) == {"train_img", "train_label", "test_img", "test_label"}
    for spec in SPECS:
        assert (dest / spec.name).read_bytes() == BODIES[spec.name]
    assert not list(dest.glob("*.part"))
    data = D.find_mnist()
    assert data is not None and (len(data.t_train), len(data.t_test)) == (300, 50)
    total = sum(len(b) for b in BODIES.values())
    assert seen[-1].done == seen[-1].total == total
    assert all(a.done <= b.done for a, b in zip(seen, seen[1:], strict=False))
    assert seen[-1].rate > 0 and seen[-1].seconds_left == 0
    # a second call finds them verified and fetches nothing
    server.requests.clear()
    assert run(dest, [server.url("ok")]) == paths
    assert server.requests == []


def test_the_published_mnist_digests_and_sizes():
    """The real files' figures (LeCun's site, as TFDS and torchvision record them)."""
    by_name = {s.name: s for s in W.MNIST_DOWNLOADS}
    assert by_name["train-images-idx3-ubyte.gz"].size == 9_912_422
    assert by_name["t10k-labels-idx1-ubyte.gz"].sha256.startswith("f7ae60f92e00ec6d")
    assert all(len(s.sha256) == 64 and len(s.md5) == 32 for s in W.MNIST_DOWNLOADS)
    assert [s.name for s in W.MNIST_DOWNLOADS] == list(D.MNIST_FILES.values())
    assert "ossci-datasets" in W.DEFAULT_MIRRORS[0]  # the book's dataset/mnist.py


def test_redirects_are_followed(server, tmp_path):
    run(tmp_path, [server.url("redirect")])
    assert D.find_mnist_files(tmp_path) is not None


def test_md5_only_digest_is_checked(server, tmp_path):
    specs = tuple(
        W.MnistFile(s.role, s.name, s.size, None, hashlib.md5(BODIES[s.name]).hexdigest())
        for s in SPECS
    )
    W.download_mnist(tmp_path, [server.url("ok")], files=specs, timeout=3)
    assert D.find_mnist_files(tmp_path) is not None


# -- each fault ------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [403, 404])
def test_http_error_status(server, tmp_path, status):
    with pytest.raises(W.HTTPStatusError) as info:
        run(tmp_path, [server.url(str(status))])
    assert info.value.status == status and info.value.file == SPECS[0].name
    assert str(status) in str(info.value)
    assert_nothing_complete(tmp_path)
    assert not list(tmp_path.glob("*.part"))


def test_connection_refused(tmp_path):
    with pytest.raises(W.ConnectionFailedError, match="refused"):
        run(tmp_path, [refused_url()])
    assert_nothing_complete(tmp_path)


def test_stalled_server_times_out(server, tmp_path):
    with pytest.raises(W.DownloadTimeoutError):
        run(tmp_path, [server.url("stall")], timeout=0.5)
    assert_nothing_complete(tmp_path)
    part = tmp_path / (SPECS[0].name + ".part")
    assert part.stat().st_size == 1000  # kept to resume


def test_truncated_body_is_not_taken_for_the_file_and_resumes(server, tmp_path):
    with pytest.raises(W.TruncatedDownloadError) as info:
        run(tmp_path, [server.url("truncate")])
    size = SPECS[0].size
    assert info.value.got == size // 2 and info.value.expected == size
    assert_nothing_complete(tmp_path)
    assert (tmp_path / (SPECS[0].name + ".part")).stat().st_size == size // 2
    server.requests.clear()
    run(tmp_path, [server.url("ok")])
    assert ("ok", SPECS[0].name, f"bytes={size // 2}-") in server.requests
    assert (tmp_path / SPECS[0].name).read_bytes() == BODIES[SPECS[0].name]


def test_wrong_checksum_deletes_the_file(server, tmp_path):
    with pytest.raises(W.ChecksumMismatchError):
        run(tmp_path, [server.url("wrong")])
    assert_nothing_complete(tmp_path)
    assert not list(tmp_path.glob("*.part"))  # a wrong file is not resumed


def test_body_that_is_not_gzip(server, tmp_path):
    with pytest.raises(W.NotGzipError, match="html"):
        run(tmp_path, [server.url("html")])
    assert_nothing_complete(tmp_path)
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk(server, tmp_path):
    """The .part file is /dev/full: every write fails with ENOSPC, as on a full disk."""
    (tmp_path / (SPECS[0].name + ".part")).symlink_to("/dev/full")
    with pytest.raises(W.DiskError) as info:
        run(tmp_path, [server.url("ok"), server.url("ok")])
    assert info.value.disk_full
    assert len({r[0] for r in server.requests}) == 1  # no other mirror tried for a disk error
    assert_nothing_complete(tmp_path)


def test_unwritable_destination(server, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(W.DiskError):
        run(blocker / "mnist", [server.url("ok")])


def test_cancel_keeps_a_part_that_the_next_download_resumes(server, tmp_path, monkeypatch):
    monkeypatch.setattr(W, "PROGRESS_INTERVAL", 0.0)  # a record per block, even on localhost
    token = W.CancelToken()

    def progress(p):
        if p.file_done > 20_000:
            token.cancel()

    with pytest.raises(W.DownloadCancelledError):
        run(tmp_path, [server.url("ok")], progress=progress, cancel=token)
    assert_nothing_complete(tmp_path)
    part = tmp_path / (SPECS[0].name + ".part")
    kept = part.stat().st_size
    assert 0 < kept < SPECS[0].size
    server.requests.clear()
    run(tmp_path, [server.url("ok")])
    assert server.requests[0] == ("ok", SPECS[0].name, f"bytes={kept}-")
    assert D.load_mnist_idx(**D.find_mnist_files(tmp_path)).x_train.shape == (300, 784)


def test_cancel_token_wakes_a_stalled_read(server, tmp_path):
    token = W.CancelToken()
    timer = threading.Timer(0.3, token.cancel)
    timer.start()
    with pytest.raises(W.DownloadCancelledError):
        # the read's own timeout (300 s) is longer than the stall (120 s): only the token
        # can end the download while the server still holds the connection open
        run(tmp_path, [server.url("stall")], cancel=token, timeout=300)
    assert not server.stall_ended.is_set(), "the download ended with the stall, not the cancel"
    timer.join()


def test_cancel_as_event_or_callable(server, tmp_path):
    event = threading.Event()
    event.set()
    with pytest.raises(W.DownloadCancelledError):
        run(tmp_path, [server.url("ok")], cancel=event)
    with pytest.raises(W.DownloadCancelledError):
        run(tmp_path, [server.url("ok")], cancel=lambda: True)
    assert_nothing_complete(tmp_path)


def test_resume_from_a_server_that_ignores_range_starts_over(server, tmp_path):
    name = SPECS[0].name
    (tmp_path / (name + ".part")).write_bytes(BODIES[name][:5000])
    run(tmp_path, [server.url("norange")])
    assert (tmp_path / name).read_bytes() == BODIES[name]


def test_a_foreign_part_is_caught_by_the_digest(server, tmp_path):
    name = SPECS[0].name
    (tmp_path / (name + ".part")).write_bytes(b"\x1f\x8b" + b"x" * 4000)
    with pytest.raises(W.ChecksumMismatchError):
        run(tmp_path, [server.url("ok")])
    assert not (tmp_path / (name + ".part")).exists()
    run(tmp_path, [server.url("ok")])  # and the next try starts clean
    assert D.find_mnist_files(tmp_path) is not None


def test_a_damaged_complete_file_is_replaced(server, tmp_path):
    run(tmp_path, [server.url("ok")])
    (tmp_path / SPECS[1].name).write_bytes(b"damaged")
    run(tmp_path, [server.url("ok")])
    assert (tmp_path / SPECS[1].name).read_bytes() == BODIES[SPECS[1].name]


# -- mirrors in turn -----------------------------------------------------------------------
def test_mirrors_are_tried_in_turn(server, tmp_path):
    records = list(
        W.download_steps(
            tmp_path,
            [server.url("403"), refused_url(), server.url("html"), server.url("ok")],
            files=SPECS,
            timeout=3,
        )
    )
    end = records[-1]
    assert isinstance(end, W.DownloadFinished)
    kinds = [type(e) for e in end.skipped[:3]]
    assert kinds == [W.HTTPStatusError, W.ConnectionFailedError, W.NotGzipError]
    assert D.find_mnist_files(tmp_path) is not None


def test_all_mirrors_failing_lists_each(server, tmp_path):
    with pytest.raises(W.MirrorsFailedError) as info:
        run(tmp_path, [server.url("403"), server.url("404")])
    assert [e.status for e in info.value.errors] == [403, 404]
    assert "403" in str(info.value) and "404" in str(info.value)
    assert_nothing_complete(tmp_path)


def test_generator_form_ends_with_a_failure_record(tmp_path):
    records = list(W.download_steps(tmp_path, [refused_url()], files=SPECS, timeout=3))
    assert isinstance(records[-1], W.DownloadFailed)
    assert isinstance(records[-1].error, W.ConnectionFailedError)


def test_closing_the_generator_leaves_only_a_part(server, tmp_path, monkeypatch):
    monkeypatch.setattr(W, "PROGRESS_INTERVAL", 0.0)
    steps = W.download_steps(tmp_path, [server.url("ok")], files=SPECS, timeout=3)
    for record in steps:
        if isinstance(record, W.DownloadProgress) and record.file_done > 0:
            break
    steps.close()
    assert_nothing_complete(tmp_path)


def test_a_file_without_a_digest_is_refused(tmp_path):
    with pytest.raises(ValueError, match="digest"):
        list(W.download_steps(tmp_path, [], files=[W.MnistFile("x", "x.gz", 3)]))


def test_names_are_offered_by_engine_datasets():
    assert D.download_mnist is W.download_mnist and D.DownloadError is W.DownloadError
