"""Qt pieces shared by the GUI benchmarks (targets 3–5): app, probes, a live view, workloads.

``LatenessProbe`` is a 10 ms precise QTimer in the GUI thread that records how late each
tick is. ``LiveView`` is a stand-in for the Training tab's live plots (loss and accuracy
curves, a decision-region image), redrawn at most 30 times a second through
``gui.worker.RedrawThrottle``; once the real tab has landed, ``training_tab_view`` drives
that instead. The workloads are engine generators run at full speed by
``gui.worker.WorkerController``.
"""

from __future__ import annotations

import os
import tempfile  # noqa: E402
import time
from collections.abc import Callable, Iterator

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app's settings and autosave go to a throw-away home, never the user's.
_HOME = tempfile.mkdtemp(prefix="zerokara-bench-")
for _var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = _HOME

from _common import ROOT, mirror_app_blas_threads  # noqa: E402,F401  (ROOT: sys.path)
from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, Qt, QTimer, Slot  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.worker import RedrawThrottle, WorkerController  # noqa: E402

_APP: QApplication | None = None


def app() -> QApplication:
    """The QApplication, configured as Zerokara Lab configures it."""
    global _APP
    if _APP is None:
        _APP = QApplication.instance() or QApplication(["bench"])
        from PySide6.QtCore import QSettings

        from gui.app import configure_application

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, _HOME)
        configure_application(_APP)
        mirror_app_runtime()
    return _APP


def mirror_app_runtime() -> None:
    """What ``gui.app`` sets up at start-up: one BLAS thread, a 1 ms GIL switch interval.

    NumPy is already loaded here, so the BLAS thread count is set through OpenBLAS itself
    (the app sets OPENBLAS_NUM_THREADS before NumPy loads). ZEROKARA_BENCH_RAW_RUNTIME=1
    in the environment skips this, to show the difference.
    """
    from gui.app import tune_runtime

    if os.environ.get("ZEROKARA_BENCH_RAW_RUNTIME"):
        return
    mirror_app_blas_threads()
    tune_runtime()


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if values else float("nan")


class LatenessProbe(QObject):
    """A 10 ms timer in the GUI thread; ``lateness_ms`` lists how late each tick came."""

    def __init__(self, interval_ms: int = 10) -> None:
        super().__init__()
        self.interval_ms = interval_ms
        self.lateness_ms: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_tick)
        self._last = 0

    def start(self) -> None:
        self.lateness_ms.clear()
        self._clock.start()
        self._last = self._clock.nsecsElapsed()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def _on_tick(self) -> None:
        now = self._clock.nsecsElapsed()
        self.lateness_ms.append(max(0.0, (now - self._last) / 1e6 - self.interval_ms))
        self._last = now

    def summary(self) -> tuple[float, float]:
        return percentile(self.lateness_ms, 50), percentile(self.lateness_ms, 99)


class LiveView(QObject):
    """Stand-in for the Training tab: live loss, accuracy and decision regions.

    Records are ``(iteration, loss)`` tuples, or ``(iteration, loss, accuracy, regions)``
    with a 2-D class map every so often. Data go into preallocated arrays; plot items are
    made once; redraws are coalesced to ≤ 30 per second; cheap cosmetic pens; ranges are
    fixed while running (no auto-range on every frame).
    """

    def __init__(self, capacity: int = 200_000, planned: int = 100_000) -> None:
        super().__init__()
        import pyqtgraph as pg

        self.widget = pg.GraphicsLayoutWidget()
        self.widget.resize(1000, 400)
        self.loss_plot = self.widget.addPlot(title="loss")
        self.acc_plot = self.widget.addPlot(title="accuracy")
        self.region_plot = self.widget.addPlot(title="regions")
        for plot in (self.loss_plot, self.acc_plot):
            plot.setDownsampling(auto=True, mode="peak")
            plot.setClipToView(True)
            plot.disableAutoRange()
        # fixed ranges from the planned run length: no axis re-layout while running
        self.loss_plot.setRange(xRange=(0, planned), yRange=(0, 3), padding=0)
        self.acc_plot.setRange(xRange=(0, planned), yRange=(0, 1), padding=0)
        pen = pg.mkPen("b", width=1, cosmetic=True)
        self.loss_curve = self.loss_plot.plot(pen=pen, antialias=False)
        self.acc_curve = self.acc_plot.plot(
            pen=pg.mkPen("r", width=1, cosmetic=True), antialias=False
        )
        self.image = pg.ImageItem()
        self.region_plot.addItem(self.image)
        self.iterations = np.zeros(capacity)
        self.losses = np.zeros(capacity)
        self.acc_x: list[float] = []
        self.acc_y: list[float] = []
        self.n = 0
        self._regions: np.ndarray | None = None
        self._regions_dirty = False
        self._regions_at = 0.0
        self._acc_dirty = False
        self.frames = 0
        self.frame_ms: list[float] = []
        self.throttle = RedrawThrottle(self._redraw, fps=30, parent=self)
        self.widget.show()

    @Slot(object)
    def on_records(self, batch: list) -> None:
        for record in batch:
            if self.n >= self.iterations.shape[0]:
                break
            self.iterations[self.n] = record[0]
            self.losses[self.n] = record[1]
            self.n += 1
            if len(record) > 2:
                self.acc_x.append(record[0])
                self.acc_y.append(record[2])
                self._acc_dirty = True
                if record[3] is not None:
                    self._regions = record[3]
                    self._regions_dirty = True
        self.throttle.request()

    def _redraw(self) -> None:
        start = time.perf_counter()
        self._draw()
        self.frame_ms.append((time.perf_counter() - start) * 1e3)

    def _draw(self) -> None:
        n = self.n
        if n:
            last = self.iterations[n - 1]
            if last > self.loss_plot.viewRange()[0][1]:  # past the planned length: double it
                self.loss_plot.setXRange(0, last * 2, padding=0)
                self.acc_plot.setXRange(0, last * 2, padding=0)
            self.loss_curve.setData(self.iterations[:n], self.losses[:n], skipFiniteCheck=True)
        if self._acc_dirty:
            self.acc_curve.setData(self.acc_x, self.acc_y, skipFiniteCheck=True)
            self._acc_dirty = False
        now = time.perf_counter()
        if self._regions_dirty and self._regions is not None and now - self._regions_at > 0.2:
            self._regions_at = now  # regions change slowly: at most 5 images a second
            self.image.setImage(self._regions, autoLevels=False, levels=(0, 3))
            self._regions_dirty = False
        self.frames += 1

    def close(self) -> None:
        self.throttle.flush()
        self.widget.close()


# -- workloads: engine generators at full speed ----------------------------------------------
def toy_training(
    iterations: int, region_every: int = 100, hidden: int = 50, batch: int = 32
) -> Callable[[], Iterator]:
    """A 2-D three-class toy (spiral) trained by backprop; regions every ``region_every``."""
    from engine.network import Network, init_weights
    from engine.optimizers import SGD

    def factory():
        rng = np.random.default_rng(0)
        n = 300
        r = np.tile(np.linspace(0.05, 1, n // 3), 3)
        cls = np.repeat(np.arange(3), n // 3)
        theta = cls * 2 * np.pi / 3 + r * 4 + rng.normal(0, 0.2, n)
        x = np.c_[r * np.cos(theta), r * np.sin(theta)]
        w, b = init_weights([2, hidden, 3], "he", seed=0)
        net = Network([2, hidden, 3], ["relu", "softmax"], w, b)
        opt = SGD(0.1)
        gx, gy = np.meshgrid(np.linspace(-1.2, 1.2, 48), np.linspace(-1.2, 1.2, 48))
        grid = np.c_[gx.ravel(), gy.ravel()]
        for it in range(1, iterations + 1):
            idx = rng.choice(n, batch)
            loss, grads = net.loss_and_gradient(x[idx], cls[idx])
            opt.update(net.params, grads)
            if it % region_every == 0:
                regions = net.predict(grid).argmax(axis=1).reshape(48, 48).astype(np.float32)
                yield (it, loss, net.accuracy(x, cls), regions)
            else:
                yield (it, loss)

    return factory


def mnist_sized_training(iterations: int) -> Callable[[], Iterator]:
    """TwoLayerNet 784-50-10, batch 100, backprop + SGD: BLAS-heavy iterations."""
    from engine.network import TwoLayerNet
    from engine.optimizers import SGD

    def factory():
        rng = np.random.default_rng(0)
        x = rng.random((2000, 784))
        t = rng.integers(0, 10, 2000)
        net = TwoLayerNet(784, 50, 10, seed=0)
        opt = SGD(0.1)
        for it in range(1, iterations + 1):
            idx = rng.choice(2000, 100)
            loss, grads = net.loss_and_gradient(x[idx], t[idx])
            opt.update(net.params, grads)
            yield (it, loss)

    return factory


def descent_race(steps: int) -> Callable[[], Iterator]:
    """Six optimizers racing on x²/20 + y² with numerical gradients, round-robin."""
    from engine.gradient import numerical_gradient
    from engine.optimizers import OPTIMIZERS

    def f(p):
        return p[0] ** 2 / 20.0 + p[1] ** 2

    def factory():
        points = {name: np.array([-7.0, 2.0]) for name in OPTIMIZERS}
        opts = {name: cls(lr=0.1) for name, cls in OPTIMIZERS.items()}
        for step in range(1, steps + 1):
            for name, opt in opts.items():
                p = points[name]
                g = numerical_gradient(f, p)
                opt.update({"x": p}, {"x": g})
                yield (step, float(f(p)))

    return factory


def perceptron_learning(epochs: int) -> Callable[[], Iterator]:
    """The perceptron rule on a 3-input table (``engine.perceptron.learn`` when present)."""
    try:
        from engine.perceptron import learn  # lands with the Gates tab
    except ImportError:
        learn = None
    inputs = np.array([[a, b, c] for a in (0, 1) for b in (0, 1) for c in (0, 1)], float)
    targets = np.array([0, 1, 1, 0, 1, 0, 0, 1])  # parity: never converges, runs all epochs

    def factory():
        if learn is not None:
            for i, record in enumerate(learn(inputs, targets, lr=0.1, max_epochs=epochs)):
                yield (i, float(getattr(record, "errors", 0)))
            return
        w, b = np.zeros(3), 0.0
        for epoch in range(1, epochs + 1):
            errors = 0
            for x, t in zip(inputs, targets, strict=True):
                y = 1 if float(np.dot(w, x) + b) > 0 else 0
                w = w + 0.1 * (t - y) * x
                b += 0.1 * (t - y)
                errors += int(t != y)
            yield (epoch, float(errors))

    return factory


def run_controller(
    factory: Callable[[], Iterator], seconds: float, view: LiveView | None = None
) -> tuple[int, float]:
    """Run ``factory`` in a WorkerController for ``seconds``; (records received, seconds)."""
    qapp = app()
    controller = WorkerController()
    counter = _Counter()
    controller.records.connect(counter.on_records)
    if view is not None:
        controller.records.connect(view.on_records)
    loop = QEventLoop()
    controller.finished.connect(loop.quit)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    start = time.perf_counter()
    controller.start(factory)
    loop.exec()
    elapsed = time.perf_counter() - start
    count = counter.count
    controller.stop()
    qapp.processEvents()
    return count, elapsed


def run_headless(factory: Callable[[], Iterator], seconds: float) -> tuple[int, float]:
    """Consume ``factory()`` in a plain loop for ``seconds``: (records, seconds)."""
    generator = factory()
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    for _ in generator:
        count += 1
        if count % 64 == 0 and time.perf_counter() >= deadline:
            break
    return count, time.perf_counter() - start


class _Counter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    @Slot(object)
    def on_records(self, batch: list) -> None:
        self.count += len(batch)


# -- the real tabs (once they have landed) ---------------------------------------------------
class RealTabRun:
    """Click a real tab's start button in a real ``MainWindow`` and watch its worker.

    The tab's own engine generator is captured on its way into ``WorkerController.start``
    and wrapped to count records as the worker pulls them, so the same factory can then be
    timed headless (``run_headless(run.factory, …)``). Buttons are found by the objectNames
    of design.md §4 (``runButton``, ``learnButton``).
    """

    def __init__(
        self,
        key: str,
        button: str = "runButton",
        values: dict | None = None,
        state: dict | None = None,
        settle: float = 1.0,
        clicks: tuple[str, ...] = (),
    ) -> None:
        """``values``: number fields to set first, by objectName (e.g. a longer run);
        ``state``: a partial tab state for ``tab.set_state`` (e.g. another data set);
        ``clicks``: buttons to click before ``values`` are set (e.g. a preset).
        The window then idles for ``settle`` seconds, so that what a new window does
        once (first paints, the first garbage collections) is not taken for the run."""
        from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QWidget

        from gui.main_window import MainWindow

        app()
        self.window = MainWindow()
        self.window.show()
        self.tab = self.window.show_tab(key)
        if state:
            self.tab.set_state({**self.tab.state(), **state})
        for name in clicks:
            self.tab.findChild(QAbstractButton, name).click()
        model = getattr(self.tab, "model", None)
        for name, value in (values or {}).items():
            setting = next(
                (s for s in (model.settings() if model else ()) if s.object_name == name), None
            )
            if setting is not None:  # a declared setting: through the model
                model.set(setting.key, value)
                continue
            field = self.tab.findChild(QWidget, name)
            if isinstance(field, QAbstractSlider):
                field.setValue(value)
            elif field is not None and hasattr(field, "setValue"):
                field.setValue(value, emit=True)  # a NumberField
        if settle > 0:
            loop = QEventLoop()
            QTimer.singleShot(int(settle * 1000), loop.quit)
            loop.exec()
        self.button_name = button
        self.factory: Callable[[], Iterator] | None = None
        self.count = 0
        self.end: float | None = None
        self._loop: QEventLoop | None = None

    def run(self, seconds: float) -> tuple[int, float]:
        from PySide6.QtWidgets import QAbstractButton

        qapp = app()
        original = WorkerController.start
        run = self

        def spy(controller, factory, *args, **kwargs):
            def counted():
                for record in factory():
                    run.count += 1
                    yield record
                run.end = time.perf_counter()  # the run completed before the time was up

            if run.factory is None:
                run.factory = factory
            return original(controller, counted, *args, **kwargs)

        button = self.tab.findChild(QAbstractButton, self.button_name)
        if button is None:
            raise LookupError(f"no {self.button_name} on the {self.tab.objectName()} tab")
        WorkerController.start = spy
        try:
            qapp.processEvents()
            self.end = None
            start = time.perf_counter()
            button.click()
            loop = QEventLoop()
            QTimer.singleShot(int(seconds * 1000), loop.quit)
            watch = QTimer()
            watch.setInterval(20)
            watch.timeout.connect(self._quit_when_done)
            self._loop = loop
            watch.start()
            loop.exec()
            watch.stop()
            elapsed = (self.end or time.perf_counter()) - start
            count = self.count
        finally:
            WorkerController.start = original
            self.tab.shutdown()
            qapp.processEvents()
        if self.factory is None:
            raise RuntimeError(f"{self.button_name} started no worker on this tab")
        return count, elapsed

    def _quit_when_done(self) -> None:
        if self.end is not None:
            self._loop.quit()

    def close(self) -> None:
        self.window.shutdown()
        self.window.hide()
        self.window.deleteLater()
        app().processEvents()
