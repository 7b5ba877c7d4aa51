"""The Download MNIST dialog against a local HTTP server: progress, Cancel, and a message
saying what happened and what to try for every fault. No test touches the internet."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from engine import datasets as D
from engine import download as W
from gui.download_dialog import MIRRORS_KEY, DownloadDialog, saved_mirrors
from tests.tools.mnist_server import BODIES, SPECS, refused_url, running_server


@pytest.fixture
def server():
    with running_server() as srv:
        yield srv


@pytest.fixture
def dialog(qtbot, tmp_path):
    dlg = DownloadDialog(dest=tmp_path / "mnist", files=SPECS, timeout=1.0)
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    dlg.cancel()


def run(qtbot, dialog, mirrors) -> str:
    dialog.mirrors_edit.setPlainText("\n".join(mirrors))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=15000)
    return dialog.status.text()


def test_default_mirrors_and_saved_list():
    assert saved_mirrors() == list(W.DEFAULT_MIRRORS)
    QSettings().setValue(MIRRORS_KEY, ["http://a.example/", " ", "http://b.example/"])
    assert saved_mirrors() == ["http://a.example/", "http://b.example/"]


def test_a_download_that_works(qtbot, dialog, server):
    got = []
    dialog.downloaded.connect(got.append)
    text = run(qtbot, dialog, [server.url("ok")])
    assert "MNIST is ready" in text and str(dialog.dest) in text
    assert dialog.progress.value() == 1000
    assert got and set(got[0]) == {"train_img", "train_label", "test_img", "test_label"}
    assert D.find_mnist_files(dialog.dest) is not None
    assert QSettings().value(MIRRORS_KEY) == [server.url("ok")]  # the edited list is kept


def test_a_mirror_that_refuses_is_reported_on_the_way(qtbot, dialog, server):
    text = run(qtbot, dialog, [server.url("403"), server.url("ok")])
    assert "MNIST is ready" in text and "HTTP 403" in text


@pytest.mark.parametrize(
    ("mode", "what", "advice"),
    [
        ("403", "HTTP 403", "another mirror"),
        ("404", "HTTP 404", "Check its address"),
        ("stall", "stopped sending", "resumes"),
        ("truncate", "connection closed after", "resumes"),
        ("wrong", "SHA-256 differs", "another mirror"),
        ("html", "something other than the file", "another mirror"),
    ],
)
def test_each_server_fault_says_what_happened_and_what_to_try(
    qtbot, dialog, server, mode, what, advice
):
    text = run(qtbot, dialog, [server.url(mode)])
    assert what in text and advice in text
    assert D.find_mnist_files(dialog.dest) is None
    assert dialog.start_button.text() == "Try again" and dialog.start_button.isEnabled()


def test_connection_refused(qtbot, dialog):
    text = run(qtbot, dialog, [refused_url()])
    assert "Could not connect" in text and "connection refused" in text
    assert "internet connection" in text


def test_every_mirror_failing_lists_each(qtbot, dialog, server):
    text = run(qtbot, dialog, [server.url("403"), server.url("404")])
    assert "No mirror could deliver" in text and "HTTP 403" in text and "HTTP 404" in text


def test_full_disk(qtbot, dialog, server):
    dialog.dest.mkdir(parents=True)
    (dialog.dest / (SPECS[0].name + ".part")).symlink_to("/dev/full")
    text = run(qtbot, dialog, [server.url("ok")])
    assert "disk is full" in text and "Free about" in text


def test_bad_mirror_lines_are_refused(qtbot, dialog):
    dialog.mirrors_edit.setPlainText("ftp://old.example/\n")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert not dialog.is_running()
    assert "http://" in dialog.status.text() and "ftp://old.example/" in dialog.status.text()
    dialog.mirrors_edit.setPlainText("")
    assert not dialog.start()


def test_cancel_ends_a_stalled_download_at_once_and_resume_follows(qtbot, dialog, server):
    dialog.mirrors_edit.setPlainText(server.url("stall"))
    dialog.timeout = 300.0  # longer than the server's stall (120 s): only Cancel ends it
    assert dialog.start()
    # the first 1000 bytes were sent and the client has taken them from its socket
    qtbot.waitUntil(server.sent_bytes_were_read, timeout=30000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.is_running()  # the click returned with the download thread joined
    assert not server.stall_ended.is_set(), "the download ended with the stall, not Cancel"
    assert "Cancelled" in dialog.status.text() and "resume" in dialog.status.text()
    kept = (dialog.dest / (SPECS[0].name + ".part")).stat().st_size
    assert kept > 0
    server.requests.clear()
    text = run(qtbot, dialog, [server.url("ok")])
    assert "MNIST is ready" in text
    assert server.requests[0][2] == f"bytes={kept}-"
    assert (dialog.dest / SPECS[0].name).read_bytes() == BODIES[SPECS[0].name]


def test_closing_the_dialog_while_downloading_leaves_no_thread(qtbot, dialog, server):
    dialog.mirrors_edit.setPlainText(server.url("stall"))
    dialog.timeout = 30.0
    assert dialog.start()
    qtbot.wait(200)
    dialog.reject()
    assert not dialog.is_running()


def test_japanese_messages(qtbot, dialog, server):
    from gui.i18n import LanguageManager

    LanguageManager.instance().set_language("ja", save=False)
    text = run(qtbot, dialog, [server.url("404")])
    assert "404" in text and "ミラー" in text
