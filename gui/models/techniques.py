"""The Techniques tab's model (ch. 6): the settings of its pages, declared once, and the
engine calls they make. No Qt.

Pages: the initial-weight lab (§6.2), the Batch Normalization comparison (§6.3.2), the
overfitting lab (§6.4), the hyperparameter search board (§6.5) and the MNIST comparisons
(§6.1.8, §6.2.4). Finished runs are not persisted (they are recomputed in seconds to
minutes); only the settings are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from engine import experiments as X
from engine import hyperparams as H
from engine.initlab import InitLabResult, activation_histograms
from gui.models.base import TabModel
from gui.models.settings import (
    QT_TRANSLATE_NOOP,
    ChoiceSetting,
    FloatSetting,
    IntSetting,
)

__all__ = ["TechniquesModel", "PAGES", "CTX"]

CTX = "TechniquesTab"

#: The pages, in order (keys used in ``page`` and by tests).
PAGES = ("init", "bn", "overfit", "search", "compare")


def _when_std(values: Mapping[str, Any], _run_state: str) -> bool:
    return values["init_scale"] == "std"


def _count(key: str, default: int, low: int, high: int, label: str, name: str, help: str = ""):
    return IntSetting(
        key=key,
        default=default,
        minimum=low,
        maximum=high,
        label=label,
        help=help,
        context=CTX,
        object_name=name,
    )


def _exponent(key: str, default: float, label: str, name: str) -> FloatSetting:
    return FloatSetting(
        key=key,
        default=default,
        minimum=-12.0,
        maximum=1.0,
        step=0.5,
        label=label,
        context=CTX,
        object_name=name,
    )


_SETTINGS = (
    # -- §6.2 the initial-weight lab: a few ms, so usable while other pages run --------------
    ChoiceSetting(
        key="init_activation",
        default="sigmoid",
        choices=(
            ("sigmoid", QT_TRANSLATE_NOOP("TechniquesTab", "Sigmoid")),
            ("tanh", QT_TRANSLATE_NOOP("TechniquesTab", "tanh")),
            ("relu", QT_TRANSLATE_NOOP("TechniquesTab", "ReLU")),
        ),
        label=QT_TRANSLATE_NOOP("TechniquesTab", "Activation"),
        help=QT_TRANSLATE_NOOP(
            "TechniquesTab", "The activation of the 5 layers (§6.2.2 sigmoid, §6.2.3 ReLU)"
        ),
        context=CTX,
        while_running=True,
        object_name="initActivationCombo",
    ),
    ChoiceSetting(
        key="init_scale",
        default="1",
        choices=(
            ("1", QT_TRANSLATE_NOOP("TechniquesTab", "std 1 (Fig. 6-10)")),
            ("0.01", QT_TRANSLATE_NOOP("TechniquesTab", "std 0.01 (Fig. 6-11)")),
            ("xavier", QT_TRANSLATE_NOOP("TechniquesTab", "Xavier 1/√n (Fig. 6-13)")),
            ("he", QT_TRANSLATE_NOOP("TechniquesTab", "He √(2/n) (Fig. 6-14)")),
            ("std", QT_TRANSLATE_NOOP("TechniquesTab", "Any std…")),
        ),
        label=QT_TRANSLATE_NOOP("TechniquesTab", "Initial weights"),
        help=QT_TRANSLATE_NOOP(
            "TechniquesTab", "The standard deviation of the Gaussian initial weights"
        ),
        context=CTX,
        while_running=True,
        object_name="initScaleCombo",
    ),
    FloatSetting(
        key="init_std",
        default=0.05,
        minimum=1e-6,
        maximum=100.0,
        step=0.01,
        label=QT_TRANSLATE_NOOP("TechniquesTab", "std"),
        help=QT_TRANSLATE_NOOP("TechniquesTab", "Any standard deviation (with “Any std…”)"),
        context=CTX,
        while_running=True,
        enabled=_when_std,
        object_name="initStdField",
    ),
    IntSetting(
        key="init_seed",
        default=0,
        minimum=0,
        maximum=2**32 - 1,
        label=QT_TRANSLATE_NOOP("TechniquesTab", "Seed"),
        help=QT_TRANSLATE_NOOP(
            "TechniquesTab",
            "np.random.seed(seed) before the book's script: the same draws in the same order",
        ),
        context=CTX,
        while_running=True,
        object_name="initSeedField",
    ),
    # -- §6.3.2 Batch Normalization ----------------------------------------------------------
    _count(
        "bn_scales",
        16,
        1,
        16,
        QT_TRANSLATE_NOOP("TechniquesTab", "Weight scales"),
        "bnScalesField",
        QT_TRANSLATE_NOOP("TechniquesTab", "How many weight scales from 1 to 10⁻⁴ (the book: 16)"),
    ),
    _count("bn_epochs", 20, 1, 200, QT_TRANSLATE_NOOP("TechniquesTab", "Epochs"), "bnEpochsField"),
    _count(
        "bn_train",
        1000,
        100,
        4000,
        QT_TRANSLATE_NOOP("TechniquesTab", "Training images"),
        "bnTrainField",
    ),
    # -- §6.4 overfitting -------------------------------------------------------------------
    _count(
        "overfit_train",
        300,
        10,
        4000,
        QT_TRANSLATE_NOOP("TechniquesTab", "Training images"),
        "overfitTrainField",
        QT_TRANSLATE_NOOP("TechniquesTab", "The first N MNIST training images (the book: 300)"),
    ),
    _count(
        "overfit_epochs",
        201,
        1,
        2000,
        QT_TRANSLATE_NOOP("TechniquesTab", "Epochs"),
        "overfitEpochsField",
        QT_TRANSLATE_NOOP("TechniquesTab", "Epochs of the plain and λ runs (the book: 201)"),
    ),
    _count(
        "overfit_dropout_epochs",
        301,
        1,
        2000,
        QT_TRANSLATE_NOOP("TechniquesTab", "Dropout epochs"),
        "overfitDropoutEpochsField",
        QT_TRANSLATE_NOOP("TechniquesTab", "Epochs of the dropout run (the book: 301)"),
    ),
    FloatSetting(
        key="overfit_lambda",
        default=0.1,
        minimum=0.0,
        maximum=10.0,
        step=0.01,
        label=QT_TRANSLATE_NOOP("TechniquesTab", "Weight decay λ"),
        help=QT_TRANSLATE_NOOP("TechniquesTab", "λ of the weight-decay run: loss + ½λΣW² (§6.4.2)"),
        context=CTX,
        object_name="overfitLambdaField",
    ),
    FloatSetting(
        key="overfit_dropout",
        default=0.2,
        minimum=0.0,
        maximum=0.95,
        step=0.05,
        label=QT_TRANSLATE_NOOP("TechniquesTab", "Dropout ratio"),
        help=QT_TRANSLATE_NOOP(
            "TechniquesTab", "The share of hidden units erased in each training pass (§6.4.3)"
        ),
        context=CTX,
        object_name="overfitDropoutField",
    ),
    FloatSetting(
        key="overfit_lr",
        default=0.01,
        minimum=1e-6,
        maximum=10.0,
        step=0.01,
        label=QT_TRANSLATE_NOOP("TechniquesTab", "Learning rate"),
        help=QT_TRANSLATE_NOOP("TechniquesTab", "SGD's learning rate (the book: 0.01)"),
        context=CTX,
        object_name="overfitLrField",
    ),
    # -- §6.5 hyperparameter search ---------------------------------------------------------
    _count(
        "search_trials",
        20,
        1,
        1000,
        QT_TRANSLATE_NOOP("TechniquesTab", "Trials"),
        "searchTrialsField",
        QT_TRANSLATE_NOOP("TechniquesTab", "Random trials per search (the book runs 100)"),
    ),
    _count(
        "search_epochs",
        50,
        1,
        500,
        QT_TRANSLATE_NOOP("TechniquesTab", "Epochs per trial"),
        "searchEpochsField",
    ),
    _count(
        "search_train",
        500,
        20,
        4000,
        QT_TRANSLATE_NOOP("TechniquesTab", "Training images"),
        "searchTrainField",
        QT_TRANSLATE_NOOP(
            "TechniquesTab", "The first N training images; 20 % of them are held out for validation"
        ),
    ),
    _exponent("lr_low", -6.0, QT_TRANSLATE_NOOP("TechniquesTab", "lr from 10^"), "lrLowField"),
    _exponent("lr_high", -2.0, QT_TRANSLATE_NOOP("TechniquesTab", "lr to 10^"), "lrHighField"),
    _exponent("wd_low", -8.0, QT_TRANSLATE_NOOP("TechniquesTab", "λ from 10^"), "wdLowField"),
    _exponent("wd_high", -4.0, QT_TRANSLATE_NOOP("TechniquesTab", "λ to 10^"), "wdHighField"),
    _count(
        "search_seed",
        0,
        0,
        2**31 - 1,
        QT_TRANSLATE_NOOP("TechniquesTab", "Seed"),
        "searchSeedField",
    ),
    # -- §6.1.8 / §6.2.4 MNIST comparisons --------------------------------------------------
    ChoiceSetting(
        key="compare_preset",
        default="optimizers",
        choices=(
            ("optimizers", QT_TRANSLATE_NOOP("TechniquesTab", "Four optimizers (Fig. 6-9)")),
            ("init", QT_TRANSLATE_NOOP("TechniquesTab", "Three initial weights (Fig. 6-15)")),
        ),
        label=QT_TRANSLATE_NOOP("TechniquesTab", "Comparison"),
        context=CTX,
        object_name="comparePresetCombo",
    ),
    _count(
        "compare_iterations",
        2000,
        10,
        20000,
        QT_TRANSLATE_NOOP("TechniquesTab", "Iterations"),
        "compareIterationsField",
        QT_TRANSLATE_NOOP("TechniquesTab", "Mini-batches of 128 per run (the book: 2000)"),
    ),
)


class TechniquesModel(TabModel):
    """Settings of the Techniques tab and what they run; the page shown is extra state
    (``page``, one of ``PAGES``), set with :meth:`set_page`."""

    key = "techniques"
    SETTINGS = _SETTINGS

    def __init__(self) -> None:
        super().__init__()
        self.page = PAGES[0]

    def set_page(self, page: str) -> None:
        if page not in PAGES:
            raise ValueError(f"unknown page {page!r}")
        if page != self.page:
            self.page = page
            self.touch(("page",))

    def extra_state(self) -> dict[str, Any]:
        return {"page": self.page}

    def validate_extra(self, state: Mapping[str, Any]) -> Any:
        page = state.get("page", self.page)
        if page not in PAGES:
            raise ValueError(f"unknown Techniques page {page!r}")
        return page

    def commit_extra(self, prepared: Any) -> None:
        self.page = prepared

    # -- §6.2 ----------------------------------------------------------------------------------
    def init_lab(self) -> InitLabResult:
        """The initial-weight experiment with the current settings (a few ms)."""
        return activation_histograms(
            self["init_activation"], self["init_scale"], self["init_std"], self["init_seed"]
        )

    # -- series --------------------------------------------------------------------------------
    def bn_runs(self) -> list[X.Run]:
        """Fig. 6-18's runs: ``bn_scales`` of the book's 16 log-spaced scales, ±BN."""
        scales = np.logspace(0, -4, num=16)
        chosen = scales[np.round(np.linspace(0, 15, self["bn_scales"])).astype(int)]
        return X.bn_runs(chosen, self["bn_epochs"], self["bn_train"])

    def overfit_runs(self) -> list[X.Run]:
        """§6.4's runs: plain, λ and dropout with the current settings."""
        return X.overfit_runs(
            self["overfit_epochs"],
            self["overfit_dropout_epochs"],
            self["overfit_train"],
            weight_decay=self["overfit_lambda"],
            dropout=self["overfit_dropout"],
            lr=self["overfit_lr"],
        )

    def compare_runs(self) -> list[X.Run]:
        """Fig. 6-9's optimizers or Fig. 6-15's initial weights."""
        if self["compare_preset"] == "init":
            return X.init_runs(self["compare_iterations"])
        return X.optimizer_runs(self["compare_iterations"])

    # -- §6.5 ----------------------------------------------------------------------------------
    def search_space(self) -> H.SearchSpace:
        """The ranges to draw from; a pair typed upside down is read as the same range
        (from 10^-2 to 10^-6 is 10^[-6, -2]), so no edit of one end is ever refused."""
        lr = sorted((self["lr_low"], self["lr_high"]))
        wd = sorted((self["wd_low"], self["wd_high"]))
        return H.SearchSpace(lr[0], lr[1], wd[0], wd[1])

    def narrow_to(self, lr_range: tuple[float, float], wd_range: tuple[float, float]) -> None:
        """Set the search ranges to log10 bounds (a region selected on the scatter, §6.5.3)."""

        def clamp(v: float) -> float:
            return min(max(round(float(v), 3), -12.0), 1.0)

        lo_lr, hi_lr = sorted(clamp(v) for v in lr_range)
        lo_wd, hi_wd = sorted(clamp(v) for v in wd_range)
        self.update({"lr_low": lo_lr, "lr_high": hi_lr, "wd_low": lo_wd, "wd_high": hi_wd})
