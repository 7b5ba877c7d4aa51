"""*Download MNIST…*: the full MNIST (book §3.6.1) into the user's data folder.

:class:`DownloadDialog` runs ``engine.download.download_steps`` through the one worker
pattern, shows bytes, rate and time left, cancels at once (a ``CancelToken`` also wakes a
stalled read), and words each failure as what happened and what to try. The mirror list
is editable here and kept in the settings (``mnist/mirrors``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine import datasets as D
from engine import download as W
from gui.text import tr_fmt
from gui.worker import WorkerController

__all__ = ["DownloadDialog", "saved_mirrors", "MIRRORS_KEY"]

MIRRORS_KEY = "mnist/mirrors"


def saved_mirrors() -> list[str]:
    """The mirror list from the settings, else the defaults (the book's and LeCun's)."""
    value = QSettings().value(MIRRORS_KEY, None)
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list):
        mirrors = [str(v).strip() for v in value if str(v).strip()]
        if mirrors:
            return mirrors
    return list(W.DEFAULT_MIRRORS)


def _size(n: float) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} kB"


class DownloadDialog(QDialog):
    """Download the four MNIST files, with progress, Cancel and clear messages."""

    #: the files' paths by role, once all four are in place and verified
    downloaded = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        dest: Path | None = None,
        files: tuple[W.MnistFile, ...] = W.MNIST_DOWNLOADS,
        timeout: float = 15.0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("downloadMnistDialog")
        self.dest = D.mnist_data_dir() if dest is None else Path(dest)
        self.files = files
        self.timeout = timeout
        self.token: W.CancelToken | None = None
        self.outcome: W.DownloadFinished | W.DownloadFailed | None = None
        self.controller = WorkerController(self, emit_hz=10.0)
        self.controller.records.connect(self._on_records)
        self.controller.finished.connect(self._on_finished)
        self.controller.failed.connect(self._on_failed)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.mirrors_label = QLabel()
        self.mirrors_edit = QPlainTextEdit("\n".join(saved_mirrors()))
        self.mirrors_edit.setObjectName("mirrorsEdit")
        self.mirrors_edit.setMaximumHeight(70)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self._on_reset_mirrors)
        self.progress = QProgressBar()
        self.progress.setObjectName("downloadProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setObjectName("downloadStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.start_button = QPushButton()
        self.start_button.setObjectName("startDownloadButton")
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelDownloadButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        mirror_row = QHBoxLayout()
        mirror_row.addWidget(self.mirrors_edit, 1)
        mirror_row.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)
        run_row = QHBoxLayout()
        run_row.addWidget(self.progress, 1)
        run_row.addWidget(self.start_button)
        run_row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.mirrors_label)
        layout.addLayout(mirror_row)
        layout.addLayout(run_row)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(620, 340)
        self.retranslate_ui()
        self._update_buttons()

    # -- text ------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Download MNIST"))
        total = sum(f.size or 0 for f in self.files)
        self.intro.setText(
            tr_fmt(
                self.tr(
                    "The full MNIST of book §3.6 (60,000 training and 10,000 test digits, "
                    "four files, %1) goes to %2. Each file is checked against its published "
                    "SHA-256 digest; an interrupted download resumes where it stopped."
                ),
                _size(total),
                str(self.dest),
            )
        )
        self.mirrors_label.setText(self.tr("Mirrors, tried in turn (one address per line):"))
        self.reset_button.setText(self.tr("Defaults"))
        self.start_button.setText(self.tr("Download"))
        self.cancel_button.setText(self.tr("Cancel"))
        if self.outcome is not None:
            self.status.setText(self.describe(self.outcome))

    def describe_error(self, e: W.DownloadError) -> str:
        """What happened and what to try, for one error."""
        where = e.url or ""
        if isinstance(e, W.MirrorsFailedError):
            lines = [tr_fmt(self.tr("No mirror could deliver %1:"), e.file)]
            lines += ["• " + self.describe_error(sub) for sub in e.errors]
            return "\n".join(lines)
        if isinstance(e, W.HTTPStatusError):
            if e.status == 403:
                text = self.tr(
                    "%1 refused access (HTTP 403 Forbidden), as it often does for the book's "
                    "own loader. Try another mirror, or again later."
                )
            elif e.status == 404:
                text = self.tr(
                    "%1 has no such file (HTTP 404 Not Found): the mirror may have moved. "
                    "Check its address in the list."
                )
            else:
                text = self.tr("%1 answered HTTP %2. Try another mirror, or again later.")
            return tr_fmt(text, where, e.status)
        if isinstance(e, W.ConnectionFailedError):
            return tr_fmt(
                self.tr(
                    "Could not connect to %1 (%2). Check the internet connection or proxy, "
                    "or try another mirror."
                ),
                where,
                e.detail,
            )
        if isinstance(e, W.DownloadTimeoutError):
            return tr_fmt(
                self.tr("%1 stopped sending. Try again: the download resumes where it stopped."),
                where,
            )
        if isinstance(e, W.TruncatedDownloadError):
            return tr_fmt(
                self.tr(
                    "The connection closed after %1 of %2 of %3. Try again: the download "
                    "resumes from there."
                ),
                _size(e.got),
                _size(e.expected),
                e.file,
            )
        if isinstance(e, W.ChecksumMismatchError):
            return tr_fmt(
                self.tr(
                    "%1 from %2 is not the published MNIST file (its SHA-256 differs); it was "
                    "deleted. Try another mirror."
                ),
                e.file,
                where,
            )
        if isinstance(e, W.NotGzipError):
            return tr_fmt(
                self.tr(
                    "%1 sent something other than the file (perhaps a web page from a proxy or "
                    "a login portal); nothing was kept. Try another mirror or network."
                ),
                where,
            )
        if isinstance(e, W.DiskError):
            if e.disk_full:
                return tr_fmt(
                    self.tr(
                        "The disk is full: %1 could not be written in %2. Free about 12 MB and "
                        "try again; what was downloaded is kept."
                    ),
                    e.file or "?",
                    str(self.dest),
                )
            return tr_fmt(
                self.tr("Could not write in %1 (%2). Check that the folder can be written."),
                str(self.dest),
                e.detail,
            )
        if isinstance(e, W.DownloadCancelledError):
            return self.tr("Cancelled. What was downloaded is kept: Download again to resume.")
        return tr_fmt(self.tr("The download failed: %1"), str(e))

    def describe(self, outcome: W.DownloadFinished | W.DownloadFailed) -> str:
        if isinstance(outcome, W.DownloadFinished):
            text = tr_fmt(
                self.tr(
                    "MNIST is ready in %1. It is found at every start: choose it on the "
                    "Training tab, or as input images on the Network tab."
                ),
                str(self.dest),
            )
            if outcome.skipped:
                text += "\n" + self.tr("On the way:") + "\n"
                text += "\n".join("• " + self.describe_error(e) for e in outcome.skipped)
            return text
        return self.describe_error(outcome.error)

    # -- running -----------------------------------------------------------------------------
    def mirrors(self) -> list[str]:
        lines = [s.strip() for s in self.mirrors_edit.toPlainText().splitlines()]
        return [s for s in lines if s]

    @Slot()
    def _on_reset_mirrors(self) -> None:
        self.mirrors_edit.setPlainText("\n".join(W.DEFAULT_MIRRORS))
        QSettings().remove(MIRRORS_KEY)

    @Slot()
    def start(self) -> bool:
        mirrors = self.mirrors()
        bad = [m for m in mirrors if not m.lower().startswith(("http://", "https://"))]
        if not mirrors or bad:
            self.status.setText(
                tr_fmt(
                    self.tr("Mirrors: each line must be an http:// or https:// address (%1)."),
                    bad[0] if bad else self.tr("the list is empty"),
                )
            )
            return False
        QSettings().setValue(MIRRORS_KEY, mirrors)
        self.token = W.CancelToken()
        self.outcome = None
        self.progress.setValue(0)
        self.status.setText(self.tr("Connecting…"))
        dest, token, files, timeout = self.dest, self.token, self.files, self.timeout
        self.controller.start(lambda: W.download_steps(dest, mirrors, token, files, timeout))
        self._update_buttons()
        return True

    @Slot()
    def cancel(self) -> None:
        """Cancel now: the token wakes a blocked read, so the worker ends at once."""
        if self.token is not None:
            self.token.cancel()
        if self.controller.is_active() and not self.controller.stop(10_000):
            return  # pragma: no cover - the read timeout bounds this
        if self.outcome is None:
            self.outcome = W.DownloadFailed(W.DownloadCancelledError("cancelled"))
            self.status.setText(self.describe(self.outcome))
        self._update_buttons()

    def is_running(self) -> bool:
        return self.controller.is_active()

    def _update_buttons(self) -> None:
        running = self.controller.is_active()
        self.start_button.setEnabled(not running)
        self.start_button.setText(
            self.tr("Try again")
            if isinstance(self.outcome, W.DownloadFailed)
            else self.tr("Download")
        )
        self.cancel_button.setEnabled(running)
        self.mirrors_edit.setReadOnly(running)

    @Slot(object)
    def _on_records(self, records: list[Any]) -> None:
        for record in records:
            if isinstance(record, W.DownloadProgress):
                self._show_progress(record)
            else:
                self.outcome = record
        if self.outcome is not None:
            self.status.setText(self.describe(self.outcome))
            if isinstance(self.outcome, W.DownloadFinished):
                self.progress.setValue(1000)
                self.downloaded.emit(dict(self.outcome.paths))

    def _show_progress(self, p: W.DownloadProgress) -> None:
        if p.total:
            self.progress.setValue(int(1000 * min(p.done / p.total, 1.0)))
        left = p.seconds_left
        text = tr_fmt(
            self.tr("%1 from %2: %3 of %4 · %5/s"),
            p.file,
            p.mirror,
            _size(p.done),
            _size(p.total),
            _size(p.rate),
        )
        if left is not None:
            text += " · " + tr_fmt(self.tr("%1 s left"), f"{left:.0f}")
        self.status.setText(text)

    @Slot(bool)
    def _on_finished(self, completed: bool) -> None:
        self._update_buttons()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.status.setText(tr_fmt(self.tr("The download failed: %1"), message))
        self._update_buttons()

    # -- closing -------------------------------------------------------------------------
    def done(self, result: int) -> None:
        if self.controller.is_active():
            self.cancel()
        super().done(result)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt
        if self.controller.is_active():
            self.cancel()
        super().closeEvent(event)
