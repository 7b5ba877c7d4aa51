"""What each tab has, written out once for the tests that drive tabs generically.

The generic GUI tests (the abuse test, the bad-input sweep, the xcb pass) used to skip a
tab when they did not find a widget, so a renamed ``runButton`` made its tests vanish
instead of fail. They read this table instead, and ``tests/gui/test_tab_widgets.py``
checks it against the real window: every tab has an entry, every widget named here
exists with its type, and a tab has no run controls or in-place editors the table does
not list. A new tab, or a new run control, is one edit here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QWidget

#: Buttons that start a tab's long work, and the buttons that steer it once started.
RUN_NAMES = ("runButton", "learnButton")
CONTROL_NAMES = ("pauseButton", "resumeButton", "stepButton", "stopButton")


@dataclass(frozen=True)
class TabWidgets:
    """The widgets of one tab that tests look up by objectName (design.md §4)."""

    #: objectName → the class the widget is (or derives from)
    named: dict[str, type[QWidget]]
    #: the button that starts its run (one of RUN_NAMES), or None: the tab runs nothing
    run: str | None = None
    #: which of CONTROL_NAMES it has
    controls: tuple[str, ...] = ()
    #: graphics views with an in-place value editor (``start_edit`` and ``editor``)
    in_place_editors: tuple[str, ...] = field(default=())


TABS: dict[str, TabWidgets] = {
    "gates": TabWidgets(
        named={
            "gatePresetCombo": QComboBox,
            "truthTable": QAbstractItemView,
            "learnButton": QAbstractButton,
            "boundaryPlot": QWidget,
        },
        run="learnButton",
    ),
    "network": TabWidgets(
        named={"topologyView": QWidget, "inputEditor": QAbstractItemView},
        in_place_editors=("topologyView",),
    ),
    "descent": TabWidgets(
        named={
            "functionCombo": QComboBox,
            "runButton": QAbstractButton,
            "stopButton": QAbstractButton,
            "trajectoryPlot": QWidget,
        },
        run="runButton",
        controls=("pauseButton", "stepButton", "stopButton"),
    ),
    "training": TabWidgets(
        named={
            "datasetCombo": QComboBox,
            "runButton": QAbstractButton,
            "stopButton": QAbstractButton,
            "lossPlot": QWidget,
        },
        run="runButton",
        controls=("pauseButton", "stepButton", "stopButton"),
    ),
    "backprop": TabWidgets(
        named={
            "graphView": QWidget,
            "graphPresetCombo": QComboBox,
            "stepForwardButton": QAbstractButton,
            "stepBackwardButton": QAbstractButton,
            "expressionEdit": QWidget,
        },
    ),
    "techniques": TabWidgets(
        named={
            "initLab": QWidget,
            "initStatsTable": QAbstractItemView,
            "searchBoard": QWidget,
            "trialsTable": QAbstractItemView,
        },
        # five pages, each with its own Run and Cancel (``<page>RunButton``): hammered by
        # tests/gui/test_techniques_tab.py::test_hammering_every_pages_run_and_cancel
    ),
    "cnn": TabWidgets(
        named={
            "im2colView": QWidget,
            "filterView": QWidget,
            "cnnDatasetCombo": QComboBox,
            "cnnKernelTable": QAbstractItemView,
            "runButton": QAbstractButton,
            "stopButton": QAbstractButton,
            "cnnLossPlot": QWidget,
        },
        run="runButton",
        controls=("pauseButton", "stepButton", "stopButton"),
    ),
}


def tab_widgets(key: str) -> TabWidgets:
    """The table's entry for tab ``key``; a tab missing from the table fails here."""
    assert key in TABS, f"tests/tools/tab_widgets.py has no entry for the {key!r} tab"
    return TABS[key]


def find(tab: QWidget, name: str) -> QWidget:
    """The tab's widget ``name`` of the table; fails (never skips) when it is missing."""
    spec = tab_widgets(tab_key(tab))
    kind = spec.named.get(name, QAbstractButton)
    widget = tab.findChild(kind, name)
    assert widget is not None, f"the {tab.objectName()} has no {kind.__name__} {name!r}"
    return widget


def tab_key(tab: QWidget) -> str:
    """``gatesTab`` → ``gates``."""
    name = tab.objectName()
    assert name.endswith("Tab"), name
    return name[: -len("Tab")]
