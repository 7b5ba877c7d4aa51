"""The one list of tabs. The window, the project controller, ``--smoke-test``,
``--screenshot`` and the tests all read it; adding a tab is one ``TabSpec`` here.

No Qt is imported: a spec names its view class and model class by import path (the
window imports a view's module only when it builds that tab, so start-up imports only the
tab shown first — bench/bench_6_startup.py), and titles are source strings translated in
the tab's context (``QCoreApplication.translate(spec.context, spec.title)`` in gui/).

Cross-tab traffic goes through the specs, never through ``getattr`` on another tab:

* ``receives``: what a tab can be sent. ``"network"``: the view's ``show_network(net,
  description)``; any tab emitting ``send_network(net, description)`` reaches it
  (``MainWindow.send``).
* ``provides``: what a tab can give others. ``"network"``: the view's
  ``current_network()``; ``MainWindow.source("network")`` returns that callable.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from gui.models.base import TabModel
from gui.models.settings import QT_TRANSLATE_NOOP

__all__ = ["TabSpec", "TABS", "tab_keys", "spec", "view_class", "model_class", "make_model"]


@dataclass(frozen=True)
class TabSpec:
    """One tab: ``key`` (code, settings, project files, screenshots), ``title`` (a source
    string in ``context``, the view's translation context), ``view`` and ``model``
    (``"module:Class"``; ``model`` may be empty while a tab keeps its state in widgets),
    ``shortcut`` (``Ctrl+1`` …), ``object_name`` of the view, and what it ``receives``
    from and ``provides`` to other tabs."""

    key: str
    title: str
    context: str
    view: str
    model: str = ""
    shortcut: str = ""
    object_name: str = ""
    receives: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()


TABS: tuple[TabSpec, ...] = (
    TabSpec(
        key="gates",
        title=QT_TRANSLATE_NOOP("GatesTab", "Gates"),
        context="GatesTab",
        view="gui.tabs.gates:GatesTab",
        model="gui.models.gates:GatesModel",
        shortcut="Ctrl+1",
        object_name="gatesTab",
    ),
    TabSpec(
        key="network",
        title=QT_TRANSLATE_NOOP("NetworkTab", "Network"),
        context="NetworkTab",
        view="gui.tabs.network:NetworkTab",
        model="gui.models.network:NetworkModel",
        shortcut="Ctrl+2",
        object_name="networkTab",
        receives=("network",),
        provides=("network",),
    ),
    TabSpec(
        key="descent",
        title=QT_TRANSLATE_NOOP("DescentTab", "Descent"),
        context="DescentTab",
        view="gui.tabs.descent:DescentTab",
        model="gui.models.descent:DescentModel",
        shortcut="Ctrl+3",
        object_name="descentTab",
    ),
    TabSpec(
        key="training",
        title=QT_TRANSLATE_NOOP("TrainingTab", "Training"),
        context="TrainingTab",
        view="gui.tabs.training:TrainingTab",
        model="gui.models.training:TrainingModel",
        shortcut="Ctrl+4",
        object_name="trainingTab",
    ),
    TabSpec(
        key="backprop",
        title=QT_TRANSLATE_NOOP("BackpropTab", "Backprop"),
        context="BackpropTab",
        view="gui.tabs.backprop:BackpropTab",
        model="gui.models.backprop:BackpropModel",
        shortcut="Ctrl+5",
        object_name="backpropTab",
    ),
    TabSpec(
        key="techniques",
        title=QT_TRANSLATE_NOOP("TechniquesTab", "Techniques"),
        context="TechniquesTab",
        view="gui.tabs.techniques:TechniquesTab",
        model="gui.models.techniques:TechniquesModel",
        shortcut="Ctrl+6",
        object_name="techniquesTab",
    ),
    TabSpec(
        key="cnn",
        title=QT_TRANSLATE_NOOP("CnnTab", "CNN"),
        context="CnnTab",
        view="gui.tabs.cnn:CnnTab",
        model="gui.models.cnn:CnnModel",
        shortcut="Ctrl+7",
        object_name="cnnTab",
    ),
)

_BY_KEY = {s.key: s for s in TABS}
if len(_BY_KEY) != len(TABS):  # pragma: no cover - caught by the first import in any test
    raise RuntimeError("two tabs share a key")


def tab_keys() -> tuple[str, ...]:
    """The tab keys in display order."""
    return tuple(s.key for s in TABS)


def spec(key: str) -> TabSpec:
    """The spec of tab ``key`` (KeyError for an unknown key)."""
    return _BY_KEY[key]


def _load(path: str) -> type:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def view_class(key: str) -> type:
    """The view class of tab ``key``, its module imported on first use."""
    return _load(spec(key).view)


def model_class(key: str) -> type[TabModel] | None:
    """The model class of tab ``key``, or None while that tab has none."""
    path = spec(key).model
    return _load(path) if path else None


def make_model(key: str) -> TabModel | None:
    """A new model (defaults) for tab ``key``, or None while that tab has none."""
    cls = model_class(key)
    return cls() if cls is not None else None
