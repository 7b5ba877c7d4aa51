"""Where the Training tab's network comes from, and what a run would train (a mixin of
:class:`gui.tabs.training.TrainingTab`): the Network tab's network when "use the Network
tab's network" is on (checked before a run), else one built from the settings; the shape a
run would train, for the time estimates (no network built on an edit).

Texts are translated in the tab's context ("TrainingTab").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from engine import datasets as D
from engine import training as T
from engine.fastgrad import estimated_seconds
from engine.network import Network
from gui.text import tr_fmt

__all__ = ["NetworkSourceMixin"]


class NetworkSourceMixin:
    """The network source of the Training tab (``model``, ``binder``, ``estimator`` and
    ``_network_source`` are the tab's)."""

    # ================================================================ network source
    def connect_sources(self, source) -> None:
        # the Training tab may train the network drawn on the tab providing "network"
        self.set_network_source(source("network"))

    def set_network_source(self, source: Callable[[], Network] | None) -> None:
        """Where "use the Network tab's network" takes its network from (main window)."""
        self._network_source = source
        if source is None and self.model["use_network"]:
            self.model.set("use_network", False)
        self._update_network_source_tooltip()
        self.binder.update_enabled()

    def _update_network_source_tooltip(self) -> None:
        if self._network_source is None:
            tip = QCoreApplication.translate(
                "TrainingTab", "Not available: no Network tab is connected"
            )
            self.binder.widget("use_network").setToolTip(tip)

    def make_network(self, config: T.TrainConfig, data: D.Dataset) -> Network:
        """The network a run with ``config`` on ``data`` starts from (ValueError: why not)."""
        if self.model["use_network"] and self._network_source is not None:
            net = self._network_source().copy()
            if net.sizes[0] != data.n_features or net.sizes[-1] < data.n_classes:
                raise ValueError(
                    tr_fmt(
                        QCoreApplication.translate(
                            "TrainingTab",
                            "The Network tab's network takes %1 inputs and has %2 outputs; "
                            "this data set needs %3 inputs and at least %4 outputs.",
                        ),
                        net.sizes[0],
                        net.sizes[-1],
                        data.n_features,
                        data.n_classes,
                    )
                )
            if net.activations[-1] not in ("softmax", "identity") or any(
                a == "step" for a in net.activations[:-1]
            ):
                raise ValueError(
                    QCoreApplication.translate(
                        "TrainingTab",
                        "The Network tab's network cannot learn: it needs a softmax or identity "
                        "output and no step activation (its gradient is zero).",
                    )
                )
            return net
        return T.build_network(config, data.n_features, data.n_classes)

    def _shape(self, config: T.TrainConfig, data: D.Dataset) -> tuple[list[int], list[str]]:
        """The sizes and activations a run would train (no network is built)."""
        if self.model["use_network"] and self._network_source is not None:
            net = self._network_source()
            return list(net.sizes), list(net.activations)
        return (
            [data.n_features, *config.hidden, data.n_classes],
            [config.activation] * len(config.hidden) + ["softmax"],
        )

    def estimates(self, config: T.TrainConfig, data: D.Dataset) -> tuple[float, float] | None:
        """Seconds per iteration (backprop, numerical) if measured already, else None (a
        measurement on a slice is then scheduled in a worker: gui/tabs/training_estimate):
        an edit never builds a network or times a full batch on the GUI thread."""
        sizes, activations = self._shape(config, data)
        batch = max(1, min(config.batch_size, len(data.t_train)))
        return self.estimator.lookup(sizes, activations, batch, data.x_train)

    def numerical_estimate(self, config: T.TrainConfig, data: D.Dataset) -> float:
        """Seconds per iteration of the numerical gradient (from its operation count)."""
        sizes, activations = self._shape(config, data)
        batch = max(1, min(config.batch_size, len(data.t_train)))
        return estimated_seconds(sizes, activations, batch)
