"""The one worker pattern: an engine generator consumed in a ``QThread``.

A tab asks its :class:`WorkerController` to ``start`` a *factory* (a callable returning
an engine generator). The generator runs in a worker thread; its records are buffered
and handed to the GUI thread in lists, at most ``emit_hz`` times a second (plus at once
when stepping, pausing or finishing), so a fast generator cannot flood the event loop.

Pause, step and resume act *between* two records of the generator, so a paused and
stepped run yields exactly the records of an uninterrupted one. A generator may also
yield ``None`` in the middle of a long record (between the layers of a big iteration,
between the slices of an evaluation): a *yield point*, never delivered nor counted as a
step, where the worker only checks whether it should stop.

A run that is asked to stop and does not end within ``stop``'s timeout is never
dropped: the controller keeps its thread, says ``"stopping"`` and finishes (state
``"idle"``, ``finished(False)``) when the worker reaches its next yield point. A
``start`` meanwhile waits for it and then begins.

Every signal of the worker is connected to bound methods of the controller, a
GUI-thread ``QObject``: Qt queues them to the GUI thread (a lambda would run in the
worker thread). ``stop`` joins the thread; tabs call it from ``shutdown``, which the
main window calls from ``closeEvent``.
"""

from __future__ import annotations

import atexit
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

__all__ = ["GeneratorWorker", "WorkerController", "RedrawThrottle"]

Factory = Callable[[], Iterator[Any]]

#: Seconds a new run's worker waits before it starts: the GUI thread first repaints what
#: the start cleared (new ranges, empty curves, often the heaviest frame of a run) without
#: a busy worker taking the GIL from it between every call into Qt. A full-speed Descent
#: race started with a 20–50 ms hitch without it (bench/bench_4_responsive.py).
HEAD_START = 0.02

#: The longest a worker waits for the GUI thread to finish a frame (``WorkerController.hold``).
MAX_HOLD = 0.05


#: Every started worker thread with its worker until it has finished. A controller deleted
#: with its tab while its run is still inside a long step (a test closing a tab, the
#: estimate of a big net) must not take the running QThread with it: the thread is asked
#: to stop and lives on here until it ends (never dropped).
_LIVE: list[tuple[QThread, QObject]] = []


def _thread_finished(thread: QThread) -> bool:
    try:
        return thread.isFinished() or not thread.isRunning()
    except RuntimeError:  # already deleted by Qt
        return True


def _keep_alive(thread: QThread, worker: QObject) -> None:
    _LIVE[:] = [(t, w) for t, w in _LIVE if not _thread_finished(t)]
    _LIVE.append((thread, worker))


@atexit.register
def _join_live_threads() -> None:
    """At exit: ask the threads still running to stop and wait for them (bounded)."""
    for thread, worker in list(_LIVE):
        if _thread_finished(thread):
            continue
        try:
            worker.request_stop()  # type: ignore[attr-defined]
            thread.requestInterruption()
            thread.quit()
            thread.wait(60_000)
        except RuntimeError:
            pass


class GeneratorWorker(QObject):
    """Runs in a worker thread: pulls records from a generator and emits them in lists."""

    # every signal carries the run's number, so a stopped run's queued signals can never
    # be taken for a later run's (a freed worker's address may be reused by the next one)
    records_ready = Signal(int, object)
    done = Signal(int, bool)  # True: generator exhausted; False: stopped early
    failed = Signal(int, str)

    def __init__(
        self,
        factory: Factory,
        emit_hz: float = 30.0,
        paused: bool = False,
        pack: Callable[[list[Any]], Any] | None = None,
        run_id: int = 0,
    ) -> None:
        super().__init__()
        self.run_id = run_id
        self._factory = factory
        self._pack = pack
        self._interval = 1.0 / emit_hz if emit_hz > 0 else 0.0
        self._cond = threading.Condition()
        self._paused = paused
        self._steps = 0
        self._stop = False
        self._held = False  # the GUI thread is drawing a frame: see WorkerController.hold

    # -- control, called from the GUI thread -----------------------------------------
    def pause(self) -> None:
        with self._cond:
            self._paused = True
            self._cond.notify_all()

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._steps = 0
            self._cond.notify_all()

    def step(self, n: int = 1) -> None:
        with self._cond:
            self._paused = True
            self._steps += n
            self._cond.notify_all()

    def hold(self, held: bool) -> None:
        with self._cond:
            self._held = held
            self._cond.notify_all()

    def request_stop(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()

    # -- the loop, in the worker thread ----------------------------------------------
    def _should_stop(self) -> bool:
        return self._stop or QThread.currentThread().isInterruptionRequested()

    def _wait_for_permission(self, flush: Callable[[], None]) -> bool:
        """Block while held (at most ``MAX_HOLD`` seconds) or paused; return False if a
        stop was requested."""
        with self._cond:
            if self._held:
                self._cond.wait_for(lambda: not self._held or self._stop, timeout=MAX_HOLD)
            while self._paused and self._steps == 0 and not self._should_stop():
                flush()
                self._cond.wait(0.05)
            if self._should_stop():
                return False
            if self._paused:
                self._steps -= 1
            return True

    @Slot()
    def run(self) -> None:
        buffer: list[Any] = []
        last_emit = time.monotonic()

        def flush() -> None:
            nonlocal buffer, last_emit
            if buffer:
                self.records_ready.emit(
                    self.run_id, buffer if self._pack is None else self._pack(buffer)
                )
                buffer = []
            last_emit = time.monotonic()

        completed = False
        with self._cond:
            self._cond.wait_for(self._should_stop, timeout=HEAD_START)
        try:
            generator = self._factory()
            between_records = True
            while True:
                # plain flag reads on the way through (a lock and a QThread call per record
                # cost ~6 µs, 7 % of a toy training step); the lock only when asked to wait
                if between_records:
                    if (self._paused or self._stop or self._held) and not (
                        self._wait_for_permission(flush)
                    ):
                        break
                elif self._stop:  # a yield point: the plain flag only (stop() always sets it)
                    break
                try:
                    record = next(generator)
                except StopIteration:
                    completed = True
                    break
                between_records = record is not None
                if record is None:  # a yield point inside a long record
                    continue
                buffer.append(record)
                if self._paused or time.monotonic() - last_emit >= self._interval:
                    flush()
            flush()
        except Exception as exc:  # surfaced to the GUI thread, never raised into Qt
            flush()
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            self.failed.emit(self.run_id, detail)
        self.done.emit(self.run_id, completed)


class WorkerController(QObject):
    """Owns at most one worker thread; lives in the GUI thread; re-emits the worker's news.

    ``state`` is ``"idle"``, ``"running"``, ``"paused"`` or ``"stopping"`` (asked to stop,
    the thread not ended yet: it is never dropped); ``state_changed`` announces it.
    ``records`` delivers lists of records, ``finished(completed)`` comes once per run
    (``completed`` False when stopped early, by ``stop`` too, or failed), ``failed(message)``
    before it. After ``finished`` no record of that run arrives.
    """

    records = Signal(object)
    finished = Signal(bool)
    failed = Signal(str)
    state_changed = Signal(str)

    def __init__(self, parent: QObject | None = None, emit_hz: float = 30.0) -> None:
        super().__init__(parent)
        self.emit_hz = emit_hz
        self._thread: QThread | None = None
        self._worker: GeneratorWorker | None = None
        self._run_id = 0
        self._state = "idle"
        self._holding = False
        self._release_queued = False
        self._pending: tuple | None = None  # a start waiting for a stopping run to end

    @property
    def state(self) -> str:
        return self._state

    def is_active(self) -> bool:
        """True while a run is going, paused or stopping (its thread not ended yet)."""
        return self._thread is not None

    def is_stopping(self) -> bool:
        """True while a run was asked to stop and its thread has not ended yet."""
        return self._state == "stopping"

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def start(
        self,
        factory: Factory,
        paused: bool = False,
        pack: Callable[[list[Any]], Any] | None = None,
    ) -> bool:
        """Start running ``factory()`` in a new worker thread (stopping any current run).

        ``pack``, if given, turns each list of records into what ``records`` delivers,
        in the worker thread (e.g. NumPy arrays, so a fast generator costs the GUI
        thread one array copy per frame instead of a Python loop over every record).

        If the current run does not end within ``stop``'s timeout, the new run is not
        started over it: it starts as soon as the old thread has ended (state
        ``"stopping"`` until then). Returns True if it started now.
        """
        if not self.stop():
            self._pending = (factory, paused, pack)
            return False
        self._pending = None
        self._run_id += 1
        worker = GeneratorWorker(factory, self.emit_hz, paused, pack, self._run_id)
        thread = QThread()
        thread.setObjectName("zerokara-worker")
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.records_ready.connect(self._on_records)
        worker.failed.connect(self._on_failed)
        worker.done.connect(self._on_done)
        self._worker, self._thread = worker, thread
        thread.start()
        _keep_alive(thread, worker)
        self._set_state("paused" if paused else "running")
        return True

    def pause(self) -> None:
        if self._worker is not None and not self.is_stopping():
            self._worker.pause()
            self._set_state("paused")

    def resume(self) -> None:
        if self._worker is not None and not self.is_stopping():
            self._worker.resume()
            self._set_state("running")

    def hold(self, view: QWidget) -> None:
        """Keep the worker off the GIL until the window has painted the frame being drawn.

        Call it from the GUI thread at the start of a redraw of ``view``. The GUI thread
        takes the GIL again after each of its many calls into Qt; a pure-Python worker
        running flat out makes each of those wait, and a frame that takes 3 ms alone took
        20–40 ms (bench/bench_4_responsive.py). Held, the worker stops between two records
        until the next paint has been handled (or ``MAX_HOLD``), then goes on; the records
        it yields are the same, only later. Nothing is held while ``view`` is hidden or its
        window minimised: nothing would paint, and the run would only go slower.
        """
        worker = self._worker
        if worker is None or self._holding:
            return
        if not view.isVisible() or view.window().isMinimized():
            return
        self._holding = True
        self._release_queued = False
        worker.hold(True)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        QTimer.singleShot(int(MAX_HOLD * 1000), self._end_hold)  # nothing painted: go on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        if self._holding and not self._release_queued and event.type() == QEvent.Type.Paint:
            # the window's widgets paint in one pass: release once that pass is over
            self._release_queued = True
            QTimer.singleShot(0, self._end_hold)
        return False

    @Slot()
    def _end_hold(self) -> None:
        if not self._holding:
            return
        self._holding = False
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self._worker is not None:
            self._worker.hold(False)

    def step(self, n: int = 1) -> None:
        """Let a paused run advance ``n`` records (pausing it first if it runs)."""
        if self._worker is not None and not self.is_stopping():
            self._worker.step(n)
            self._set_state("paused")

    def stop(self, timeout_ms: int = 1000) -> bool:
        """Ask the run to stop and wait up to ``timeout_ms`` for its thread to end.

        Returns True when no thread is left (``finished(False)`` has been emitted). If the
        worker is in the middle of a long step, returns False and the state is
        ``"stopping"``: the thread is kept (never dropped) and ``finished(False)`` comes
        when it ends. ``timeout_ms=0`` only asks.
        """
        thread, worker = self._thread, self._worker
        if thread is None or worker is None:
            return True
        worker.request_stop()
        thread.requestInterruption()
        thread.quit()
        if timeout_ms > 0 and thread.wait(timeout_ms):
            self._release()
            self.finished.emit(False)
            self._start_pending()
            return True
        self._set_state("stopping")
        return False

    def wait_stopped(self, timeout_ms: int) -> bool:
        """Wait (running the event loop) until no thread is left, at most ``timeout_ms``."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self._thread is not None and time.monotonic() < deadline:
            if self._thread.wait(20):
                break
            QCoreApplication.processEvents()
        QCoreApplication.processEvents()  # the worker's last signals, then _on_done
        return self._thread is None

    def _start_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self.start(*pending)

    def _release(self) -> None:
        """Forget the joined thread and worker; Python ownership deletes both."""
        self._end_hold()
        thread = self._thread
        self._thread = self._worker = None
        if thread is not None:
            thread.wait()
        self._set_state("idle")

    def _from_current_run(self, run_id: int) -> bool:
        """True if the signal being handled comes from the current (not a stopped) run.

        Compared by run number, not ``sender()``: a stopped run's signals may still be
        queued when its worker is freed and a new worker takes the same address."""
        return self._worker is not None and run_id == self._worker.run_id

    @Slot(int, object)
    def _on_records(self, run_id: int, batch: list[Any]) -> None:
        if self._from_current_run(run_id) and not self.is_stopping():
            self.records.emit(batch)

    @Slot(int, str)
    def _on_failed(self, run_id: int, message: str) -> None:
        if self._from_current_run(run_id):
            self.failed.emit(message)

    @Slot(int, bool)
    def _on_done(self, run_id: int, completed: bool) -> None:
        if not self._from_current_run(run_id) or self._thread is None:
            return
        stopping = self.is_stopping()
        self._thread.quit()
        self._release()
        self.finished.emit(completed and not stopping)
        self._start_pending()


class RedrawThrottle(QObject):
    """Coalesces redraw requests: ``callback`` runs at most ``fps`` times a second.

    Call ``request()`` whenever data changed; the callback runs on the next frame tick.
    ``flush()`` runs a pending redraw now (e.g. when a run ends).
    """

    def __init__(self, callback: Callable[[], None], fps: float = 30.0, parent=None) -> None:
        super().__init__(parent)
        self._callback = callback
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, int(1000 / fps)))
        self._timer.timeout.connect(self._on_tick)

    def request(self) -> None:
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        if self._dirty:
            self._dirty = False
            self._callback()
        self._timer.stop()

    @Slot()
    def _on_tick(self) -> None:
        if self._dirty:
            self._dirty = False
            self._callback()
        else:
            self._timer.stop()
