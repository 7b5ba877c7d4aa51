"""The Descent tab: gradient descent and the book's optimizers racing on 2-D surfaces
(book §4.3–4.4, §6.1), a thin view over ``gui.models.descent.DescentModel``.

The race itself is ``engine.gradient.race`` run by the tab's worker controller, one
record per step for every racer at once, so pause / single step / resume are exact.
``RaceView`` keeps the points, redraws at most 30 times a second and explains divergence.
"""

from __future__ import annotations

import functools
import time
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QPointF, Qt, Slot
from PySide6.QtWidgets import QApplication, QWidget

from gui.models.descent import PRESETS, SPEEDS, DescentModel, RacePlan
from gui.models.settings import SettingError
from gui.tabs.base import LabTab
from gui.tabs.descent_race import Pace, RaceView, pack_race, race_records
from gui.tabs.descent_racers import RacersPanel
from gui.tabs.descent_ui import DescentUi
from gui.text import ERROR_COLOR, error_style, tr_fmt
from gui.widgets import format_number, notify

__all__ = ["DescentTab", "SPEEDS", "PRESETS"]


class DescentTab(LabTab):
    """Descent: surfaces, a start point, racing optimizers, live readouts, derivative lab."""

    lesson_key = "descent"
    object_name = "descentTab"

    def __init__(self, model: DescentModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, model if model is not None else DescentModel())
        self.model: DescentModel
        self.binder = self.bind()
        self.racers = RacersPanel(self.model)
        self.ui = DescentUi(self, self.content, self.binder, self.racers)
        self.pace = Pace(self.model["speed"])
        self.controller = self.make_controller()
        self.race = RaceView(self.ui, self.controller, self)
        self.controller.records.connect(self.race.on_records)
        self.controller.finished.connect(self._on_finished)
        self.controller.failed.connect(self._on_failed)
        self.controller.state_changed.connect(self._on_state_changed)
        self._shown_surface = None
        self._connect()
        self.model.subscribe(self._on_model_changed)
        self._on_model_changed(frozenset({"*"}))
        self.finish_setup()
        self._update_buttons()

    # -- construction ------------------------------------------------------------------
    def _connect(self) -> None:
        ui = self.ui
        ui.apply_button.clicked.connect(self._on_apply_expression)
        ui.start_target.sigPositionChanged.connect(self._on_target_moved)
        ui.trajectory_plot.scene().sigMouseClicked.connect(self._on_plot_clicked)
        ui.run_button.clicked.connect(self.run)
        ui.pause_button.clicked.connect(self.toggle_pause)
        ui.step_button.clicked.connect(self.single_step)
        ui.stop_button.clicked.connect(self.stop)
        ui.reset_button.clicked.connect(self.reset)
        ui.preset_notes.clicked.connect(lambda: self.apply_preset("notes"))
        ui.preset_lr.clicked.connect(lambda: self.apply_preset("learning_rates"))
        ui.preset_ch6.clicked.connect(lambda: self.apply_preset("chapter6"))
        self.binder.rejected.connect(self._on_field_rejected)
        self.binder.edited.connect(self._on_field_edited)
        for name, slot in (
            ("run", self.run),
            ("stop", self.stop),
            ("pause", self.toggle_pause),
            ("step", self.single_step),
        ):
            for shortcut in ui.shortcuts[name]:
                shortcut.activated.connect(slot)

    @property
    def tracks(self):
        return self.race.tracks

    @property
    def surface(self):
        return self.model.surface()

    # -- language ----------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Descent")

    def retranslate_ui(self) -> None:
        ui = self.ui
        ui.surface_box.setTitle(self.tr("Function"))
        ui.expression_edit.setPlaceholderText(self.tr("e.g. x**2 + 3*y**2 + sin(x)"))
        ui.apply_button.setText(self.tr("Plot"))
        ui.apply_button.setToolTip(self.tr("Use the typed function (Enter)"))
        ui.settings_box.setTitle(self.tr("Start and gradient"))
        ui.start_label.setText(self.tr("Start (x, y)"))
        ui.racers_box.setTitle(self.tr("Optimizers"))
        self.racers.retranslate_ui()
        ui.preset_notes.setText(self.tr("Study notes"))
        ui.preset_notes.setToolTip(
            self.tr("x0² + x1² from (3, 4), SGD with lr 0.1, 100 steps, as in the study notes")
        )
        ui.preset_lr.setText(self.tr("lr comparison"))
        ui.preset_lr.setToolTip(
            self.tr("SGD with lr 10, 0.1 and 1e-10 from (−3, 4): too large, right, too small")
        )
        ui.preset_ch6.setText(self.tr("Ch. 6 race"))
        ui.preset_ch6.setToolTip(
            self.tr(
                "The book's §6.1 comparison on x²/20 + y² from (−7, 2): "
                "SGD, Momentum, AdaGrad, Adam"
            )
        )
        ui.run_box.setTitle(self.tr("Run"))
        ui.run_button.setText(self.tr("Run"))
        ui.run_button.setToolTip(self.tr("Start the race from the start point (R, Ctrl+R)"))
        ui.step_button.setText(self.tr("Step"))
        ui.step_button.setToolTip(self.tr("Advance every optimizer by one step (S)"))
        ui.stop_button.setText(self.tr("Stop"))
        ui.stop_button.setToolTip(self.tr("Stop the race; the points so far stay (Esc)"))
        ui.reset_button.setText(self.tr("Reset"))
        ui.reset_button.setToolTip(self.tr("Stop and clear the trajectories and the table"))
        for i, speed in enumerate(SPEEDS):
            ui.speed_combo.setItemText(
                i, self.tr("max speed") if speed == 0 else tr_fmt(self.tr("%1 steps/s"), speed)
            )
        self._update_pause_text()
        ui.trajectory_plot.setTitle(self.tr("Trajectories"))
        ui.trajectory_plot.setToolTip(
            self.tr("Click or drag the red target to set the start point; wheel to zoom")
        )
        ui.trajectory_plot.setLabel("bottom", "x")
        ui.trajectory_plot.setLabel("left", "y")
        ui.value_plot.setTitle(self.tr("f per step"))
        ui.value_plot.setLabel("bottom", self.tr("step"))
        ui.grad_plot.setTitle(self.tr("‖∇f‖ per step"))
        ui.grad_plot.setLabel("bottom", self.tr("step"))
        ui.views.setTabText(0, self.tr("Race"))
        ui.views.setTabText(1, self.tr("Derivative lab"))
        ui.views.setTabToolTip(1, self.tr("Tangent lines and the error of numerical differences"))
        results = ui.results
        results.headers = [
            self.tr("Optimizer"),
            self.tr("Status"),
            self.tr("Steps"),
            "x",
            "y",
            "f(x, y)",
            "‖∇f‖",
        ]
        results.status_text = {
            "waiting": self.tr("waiting"),
            "running": self.tr("running"),
            "finished": self.tr("finished"),
            "barely_moved": self.tr("barely moved"),
            "diverged": self.tr("diverged at step %1"),
            "stopped": self.tr("stopped"),
        }
        results.status_tips = {
            "barely_moved": self.tr("finished: barely moved (learning rate too small?)"),
            "diverged": self.tr("The point left the region or became NaN: see the message above"),
            "stopped": self.tr("Stopped before the last step (Stop or Esc)"),
        }
        results.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, results.COLUMNS - 1)
        results.refresh()
        ui.results_table.setToolTip(self.tr("Each optimizer's last point, to full precision"))
        ui.derivative_lab.retranslate_ui()
        self.race.explain()
        if not self.tracks:
            self._show_hint()

    def _show_hint(self) -> None:
        """What to do, in the empty space above the empty table (before any race)."""
        self.ui.message_label.setStyleSheet("color: #555;")
        self.ui.message_label.setText(
            self.tr(
                "Press Run (R) to race the ticked optimizers from the red target, or press "
                "one of the presets; each one's last point appears in this table."
            )
        )

    # -- the model, shown ----------------------------------------------------------------
    def _on_model_changed(self, keys: frozenset[str]) -> None:
        ui, model = self.ui, self.model
        everything = "*" in keys
        if everything or keys & {"surface", "expression", "arrows"}:
            surface = model.surface()
            if surface is not self._shown_surface:
                ui.map.show_surface(surface, model["arrows"])
                self._shown_surface = surface
            ui.map.set_arrows_visible(model["arrows"])
        if everything or keys & {"start_x", "start_y"}:
            blocked = ui.start_target.blockSignals(True)
            ui.start_target.setPos(QPointF(*model.start()))
            ui.start_target.blockSignals(blocked)
        if everything or "speed" in keys:
            self.pace.set_speed(model["speed"])
        if (everything or "steps" in keys) and not self.tracks:
            self.race.show_empty_readouts(model["steps"])

    def start_point(self) -> tuple[float, float]:
        return self.model.start()

    def set_start(self, x: float, y: float) -> None:
        self.model.set_start(x, y)

    def select_surface(self, key: str) -> None:
        """Select a named surface (or ``"custom"``)."""
        self.model.set("surface", key)

    @Slot(str, str)
    def _on_field_rejected(self, key: str, message: str) -> None:
        if key == "expression":
            ui = self.ui
            ui.expression_error.setText(message)
            ui.expression_error.show()
            try:
                self.model.setting(key).validate(ui.expression_edit.text())
            except SettingError as exc:  # put the cursor where the problem is
                column = exc.args[0] if exc.args else ""
                if column.isdigit() and int(column) > 0:
                    ui.expression_edit.setCursorPosition(int(column) - 1)
        notify(self, message)

    @Slot(str)
    def _on_field_edited(self, key: str) -> None:
        if key == "expression":
            self.ui.expression_error.hide()

    @Slot()
    def _on_apply_expression(self) -> bool:
        """Use the typed function (the Plot button; Enter in the field does the same)."""
        ok = self.binder.commit_text("expression", self.ui.expression_edit.text())
        if not ok:
            self.ui.expression_edit.setStyleSheet(error_style())
        return ok

    @Slot(object)
    def _on_target_moved(self, _item: object = None) -> None:
        pos = self.ui.start_target.pos()
        self.model.set_start(float(pos.x()), float(pos.y()))

    @Slot(object)
    def _on_plot_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        view = self.ui.trajectory_plot.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(event.scenePos()):
            return
        point = view.mapSceneToView(event.scenePos())
        self.model.set_start(round(point.x(), 4), round(point.y(), 4))
        x, y = self.model.start()
        notify(
            self,
            tr_fmt(
                self.tr("Start point set to (%1, %2): press Run (R)."),
                format_number(x),
                format_number(y),
            ),
        )

    # -- presets --------------------------------------------------------------------------
    def apply_preset(self, key: str, run: bool = True) -> None:
        """Set up a preset (``notes``, ``learning_rates``, ``chapter6``) and run it."""
        self.controller.stop()
        self.model.apply_preset(key)
        if run:
            self.run()

    # -- running --------------------------------------------------------------------------
    def _prepare_run(self) -> RacePlan | None:
        """Check the settings, clear the old run and show the new racers; None if unusable."""
        typed = self.ui.expression_edit.text().strip()
        if typed != self.model["expression"].strip() and not self._on_apply_expression():
            return None
        try:
            plan = self.model.race_plan()
        except ValueError:
            text = self.tr("Tick at least one optimizer to race.")
            notify(self, text)
            self.ui.message_label.setStyleSheet(f"color: {ERROR_COLOR};")
            self.ui.message_label.setText(text)
            return None
        self.controller.stop()
        self.race.begin(plan)
        return plan

    def _factory(self, plan: RacePlan) -> functools.partial:
        return functools.partial(
            race_records,
            plan.surface,
            list(plan.start),
            plan.optimizers,
            plan.steps,
            plan.analytic,
            plan.bound,
            plan.h,
            self.pace,
        )

    @Slot()
    def run(self) -> None:
        """Start (or restart) the race."""
        if self.controller.state == "paused" and self.tracks:
            self.controller.resume()
            return
        plan = self._prepare_run()
        if plan is not None:
            self.controller.start(self._factory(plan), pack=pack_race)

    @Slot()
    def toggle_pause(self) -> None:
        """Pause a running race, resume a paused one (Space)."""
        state = self.controller.state
        if state == "running":
            self.controller.pause()
        elif state == "paused":
            self.controller.resume()
        else:
            self.run()

    @Slot()
    def single_step(self) -> None:
        """One step of every optimizer; starts a paused race when none is going (S)."""
        if self.controller.is_active():
            self.controller.step(1)
            return
        plan = self._prepare_run()
        if plan is not None:
            self.controller.start(self._factory(plan), paused=True, pack=pack_race)
            self.controller.step(2)  # the start point and the first step

    @Slot()
    def stop(self) -> None:
        """Stop the race; what was computed stays on screen."""
        if self.controller.is_active():
            self.controller.stop()

    @Slot()
    def reset(self) -> None:
        """Stop and clear trajectories, readouts and the table."""
        self.controller.stop()
        self.race.clear()
        self.race.show_empty_readouts(self.model["steps"])
        self._show_hint()

    @Slot(bool)
    def _on_finished(self, completed: bool) -> None:
        self.race.on_finished(completed)
        self._update_buttons()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        text = tr_fmt(self.tr("The run stopped because of an error: %1"), message)
        self.ui.message_label.setText(text)
        notify(self, text)

    @Slot(str)
    def _on_state_changed(self, state: str) -> None:
        self.model.set_run_state(state)
        self.binder.update_enabled()
        self._update_buttons()

    def _update_pause_text(self) -> None:
        paused = self.controller.state == "paused"
        self.ui.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.ui.pause_button.setToolTip(self.tr("Pause or resume the race (Space)"))

    def _update_buttons(self) -> None:
        active = self.controller.is_active()
        self.ui.pause_button.setEnabled(active)
        self.ui.stop_button.setEnabled(active)
        self._update_pause_text()

    # -- hooks ----------------------------------------------------------------------------
    def set_state(self, state: dict[str, Any]) -> None:
        prepared = self.model.prepare_state(state)  # a refused state changes nothing
        self.controller.stop()
        self.model.commit_state(prepared)
        self.reset()

    def export_code(self) -> str:
        return self.model.export_code()

    def plot_widgets(self) -> dict[str, QWidget]:
        ui = self.ui
        return {
            self.tr("Trajectories"): ui.trajectory_plot,
            self.tr("f per step"): ui.value_plot,
            self.tr("Gradient norm per step"): ui.grad_plot,
            self.tr("Tangent line"): ui.derivative_lab.tangent_plot,
            self.tr("Errors of the difference quotient"): ui.derivative_lab.error_plot,
        }

    def table_models(self) -> dict[str, QAbstractItemModel]:
        return {self.tr("Results"): self.ui.results}

    def smoke_test(self) -> None:
        previous = self.model.state()
        try:
            self.model.set("speed", 0)
            self.apply_preset("learning_rates")
            deadline = time.monotonic() + 30
            while self.controller.is_active() and time.monotonic() < deadline:
                QApplication.processEvents()
                time.sleep(0.005)
            if self.controller.is_active():
                raise RuntimeError("the Descent race did not finish")
            QApplication.processEvents()
            if self.tracks[0].status != "diverged":
                raise RuntimeError("lr = 10 did not diverge")
            x, y = self.tracks[1].xs[-1], self.tracks[1].ys[-1]
            if not (abs(x + 6.1111e-10) < 1e-13 and abs(y - 8.1481e-10) < 1e-13):
                raise RuntimeError(f"unexpected descent result {(x, y)}")
            # the export copies the engine's source (the frozen app must carry it)
            compile(self.export_code(), "race.py", "exec")
        finally:
            self.controller.stop()
            self.set_state(previous)
