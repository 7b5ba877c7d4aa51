"""Target 5: long curves redraw at ≥ 30 frames per second.

Two plots as the app shows them, in a 1280×800 offscreen window:

* a loss curve of 100,000 points (the Training tab after a long run);
* a descent trajectory of 10,000 points over a contour image (the Descent tab).

Each frame appends a point (``setData`` on items created once) and repaints the view
synchronously. Baseline: the same plots drawn the naive way (no downsampling, no clipping
to the view, antialiased pens, auto-range on every frame). Measured: downsampling ('peak'),
``clipToView``, a cosmetic 1-px pen without antialiasing, ``skipFiniteCheck`` and fixed
ranges. Target: the measured frame rate ≥ 30 fps (the ratio to the baseline is printed).

The same is then measured on the real tabs, in a real ``MainWindow``: the Training tab
after a 100,000-iteration run (its loss curve holds 100,000 points) and the Descent tab
after a 10,000-step race of the ch. 6 preset (four paths of 10,001 points), each frame
redrawing the tab as during a run (its ``_redraw`` with fixed ranges) and repainting its
plots synchronously.

Run: ``python bench/bench_5_plots.py [--frames N] [--stand-ins-only]``
"""

from __future__ import annotations

import argparse
import sys
import time

import _gui_harness as H
import numpy as np
from _common import Result, banner, median, report

LOSS_POINTS = 100_000
PATH_POINTS = 10_000


def loss_curve(tuned: bool):
    import pyqtgraph as pg

    x = np.arange(LOSS_POINTS + 1000, dtype=float)
    rng = np.random.default_rng(0)
    y = 2.3 * np.exp(-x / 20000) + 0.1 * rng.random(x.shape[0])
    widget = pg.PlotWidget()
    widget.resize(1280, 800)
    plot = widget.getPlotItem()
    if tuned:
        plot.setDownsampling(auto=True, mode="peak")
        plot.setClipToView(True)
        plot.disableAutoRange()
        plot.setRange(xRange=(0, LOSS_POINTS * 1.2), yRange=(0, 2.5), padding=0)
        curve = plot.plot(pen=pg.mkPen("b", width=1, cosmetic=True), antialias=False)
    else:
        curve = plot.plot(pen=pg.mkPen("b", width=2), antialias=True)
    widget.show()
    state = {"n": LOSS_POINTS}

    def frame():
        state["n"] += 1
        n = state["n"]
        if tuned:
            curve.setData(x[:n], y[:n], skipFiniteCheck=True)
        else:
            curve.setData(x[:n], y[:n])
            plot.enableAutoRange()
        widget.viewport().repaint()

    return widget, frame


def trajectory(tuned: bool):
    import pyqtgraph as pg

    t = np.linspace(0, 40 * np.pi, PATH_POINTS + 1000)
    px = 7 * np.exp(-t / 60) * np.cos(t)
    py = 2 * np.exp(-t / 60) * np.sin(3 * t)
    gx, gy = np.meshgrid(np.linspace(-10, 10, 200), np.linspace(-4, 4, 200))
    z = gx**2 / 20 + gy**2
    widget = pg.PlotWidget()
    widget.resize(1280, 800)
    plot = widget.getPlotItem()
    image = pg.ImageItem(np.log1p(z))
    image.setRect(-10, -4, 20, 8)
    plot.addItem(image)
    if tuned:
        plot.disableAutoRange()
        plot.setRange(xRange=(-10, 10), yRange=(-4, 4), padding=0)
        path = plot.plot(pen=pg.mkPen("r", width=1, cosmetic=True), antialias=False)
        head = plot.plot([0], [0], pen=None, symbol="o", symbolBrush="r", symbolSize=8)
    else:
        path = plot.plot(pen=pg.mkPen("r", width=2), symbol="o", symbolSize=4, antialias=True)
        head = None
    widget.show()
    state = {"n": PATH_POINTS}

    def frame():
        state["n"] += 1
        n = state["n"]
        if tuned:
            path.setData(px[:n], py[:n], skipFiniteCheck=True)
            head.setData(px[n - 1 : n], py[n - 1 : n])
        else:
            path.setData(px[:n], py[:n])
            plot.enableAutoRange()
        widget.viewport().repaint()

    return widget, frame


def frame_rate(frame, frames: int, repeats: int) -> float:
    """Median frames per second of ``frame()`` (three warm-up frames first)."""
    qapp = H.app()
    for _ in range(3):
        frame()
        qapp.processEvents()
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(frames):
            frame()
        qapp.processEvents()
        rates.append(frames / (time.perf_counter() - start))
    return median(rates)


def fps(make, tuned: bool, frames: int, repeats: int) -> float:
    widget, frame = make(tuned)
    rate = frame_rate(frame, frames, repeats)
    widget.close()
    widget.deleteLater()
    H.app().processEvents()
    return rate


def real_tab_fps(key: str, frames: int, repeats: int) -> tuple[float, str]:
    """Frames per second of a real tab after a long run, redrawn as during a run."""
    if key == "training":
        run = H.RealTabRun("training", "runButton", {"iterationsField": LOSS_POINTS})
    else:
        run = H.RealTabRun(
            "descent",
            "runButton",
            {"stepsField": PATH_POINTS, "speedCombo": 0},
            clicks=("chapter6PresetButton",),  # four optimizers racing on x²/20 + y²
        )
    try:
        run.run(300)  # returns as soon as the run has ended
        tab = run.tab
        if key == "training":
            what = f"{tab.log.n:,} losses"
            tab.painter.fix_ranges()  # the ranges a running run keeps

            def frame():
                tab.painter.invalidate()  # as if new points had come: the whole curve again
                tab.painter.redraw()
                for plot in (tab.ui.loss_plot, tab.ui.accuracy_plot, tab.ui.region_plot):
                    plot.viewport().repaint()

        else:
            what = f"{len(tab.tracks)} paths of {max(t.n for t in tab.tracks):,} points"

            def frame():
                tab.race.redraw()
                for plot in (tab.ui.trajectory_plot, tab.ui.value_plot, tab.ui.grad_plot):
                    plot.viewport().repaint()

        rate = frame_rate(frame, frames, repeats)
    finally:
        run.close()
    return rate, what


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--stand-ins-only", action="store_true", help="skip the real tabs")
    args = parser.parse_args(argv)
    H.app()
    banner("T5 redraw rate of long curves (offscreen, 1280×800)")
    results = []
    for name, make in (
        (f"loss curve, {LOSS_POINTS:,} points", loss_curve),
        (f"trajectory, {PATH_POINTS:,} points over a contour image", trajectory),
    ):
        naive = fps(make, False, max(5, args.frames // 5), args.repeats)
        tuned = fps(make, True, args.frames, args.repeats)
        results.append(
            report(
                Result(
                    "T5",
                    name,
                    "naive",
                    naive,
                    "tuned",
                    tuned,
                    "fps",
                    tuned / naive,
                    "≥ 30 fps",
                    tuned >= 30,
                )
            )
        )
    if args.stand_ins_only:
        return results
    for key, name in (("training", "the Training tab"), ("descent", "the Descent tab")):
        rate, what = real_tab_fps(key, args.frames, args.repeats)
        results.append(
            report(
                Result(
                    "T5",
                    f"{name} after a long run ({what}), whole frame",
                    "target",
                    30.0,
                    "measured",
                    rate,
                    "fps",
                    rate / 30.0,
                    "≥ 30 fps",
                    rate >= 30,
                    "the real tab: its redraw and its plots repainted",
                )
            )
        )
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
