"""The Training tab's model (no Qt): its settings, declared once, and a run's results.

``TrainingModel`` holds what a project saves: the data set and its parameters, the network,
the learning settings and the MNIST files in use. ``run_config(n_train)`` turns them into
the engine's ``TrainConfig``; ``data_key()`` names the data they describe. The ch. 6
settings (Batch Normalization, Dropout, weight decay, live histograms) are declared in
gui/models/training_techniques.py and take part like every other.

``RunLog`` (gui/models/training_log.py) holds what a run produced so far (losses per
iteration, accuracies per epoch, the latest decision regions and predictions, a
divergence): the tab appends the worker's records to it and draws from it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from engine import datasets as D
from engine import training as T
from engine.network import WEIGHT_INITS
from engine.optimizers import OPTIMIZERS
from gui.image_sources import load_real_dataset
from gui.models.base import TabModel
from gui.models.settings import (
    QT_TRANSLATE_NOOP,
    BoolSetting,
    ChoiceSetting,
    FloatSetting,
    IntListSetting,
    IntSetting,
)
from gui.models.training_log import RunLog
from gui.models.training_techniques import (
    TECHNIQUE_SETTINGS,
    own_network,
    technique_config,
)

__all__ = [
    "TrainingModel",
    "RunLog",
    "DATASET_KEYS",
    "REAL_DATASETS",
    "ACTIVATION_KEYS",
    "DEFAULT_LR",
]

C = "TrainingTab"  # the translation context of every text below

#: The data sets in the order ``datasetCombo`` shows them.
DATASETS = (
    ("xor", QT_TRANSLATE_NOOP("TrainingTab", "XOR (2-D)")),
    ("circles", QT_TRANSLATE_NOOP("TrainingTab", "Circles (2-D)")),
    ("moons", QT_TRANSLATE_NOOP("TrainingTab", "Moons (2-D)")),
    ("spirals", QT_TRANSLATE_NOOP("TrainingTab", "Spirals (2-D)")),
    ("blobs", QT_TRANSLATE_NOOP("TrainingTab", "Gaussian blobs (2-D)")),
    ("digits", QT_TRANSLATE_NOOP("TrainingTab", "8×8 handwritten digits (bundled)")),
    ("mnist-5k", QT_TRANSLATE_NOOP("TrainingTab", "MNIST 5,000 (bundled)")),
    ("fashion-mnist", QT_TRANSLATE_NOOP("TrainingTab", "Fashion-MNIST (installed)")),
    ("mnist-full", QT_TRANSLATE_NOOP("TrainingTab", "MNIST, 70,000 digits (downloaded)")),
    ("mnist", QT_TRANSLATE_NOOP("TrainingTab", "MNIST from your files…")),
)
DATASET_KEYS = tuple(key for key, _ in DATASETS)
#: Real image sets found by name (bundled, installed, downloaded: gui.image_sources).
REAL_DATASETS = ("mnist-5k", "fashion-mnist", "mnist-full")
ACTIVATIONS = (
    ("relu", QT_TRANSLATE_NOOP("TrainingTab", "ReLU")),
    ("sigmoid", QT_TRANSLATE_NOOP("TrainingTab", "Sigmoid")),
    ("tanh", QT_TRANSLATE_NOOP("TrainingTab", "tanh")),
)
ACTIVATION_KEYS = tuple(key for key, _ in ACTIVATIONS)
_INIT_LABELS = {
    "std": QT_TRANSLATE_NOOP("TrainingTab", "Gaussian × std"),
    "xavier": QT_TRANSLATE_NOOP("TrainingTab", "Xavier (1/√n)"),
    "he": QT_TRANSLATE_NOOP("TrainingTab", "He (√(2/n))"),
}
_GRADIENT_LABELS = {
    "backprop": QT_TRANSLATE_NOOP("TrainingTab", "Backpropagation (ch. 5)"),
    "numerical": QT_TRANSLATE_NOOP("TrainingTab", "Numerical gradient (ch. 4)"),
}
#: Default learning rate per optimizer, set when the learner picks one (the book's
#: §6.1.7 comparison uses similar ones); others: 0.01.
DEFAULT_LR = {"SGD": 0.1, "Momentum": 0.05, "Nesterov": 0.05, "AdaGrad": 0.05}
#: A numerical-gradient iteration estimated slower than this is refused: the worker can
#: only stop between records, and the estimate is good to a factor of ~2, so an
#: iteration (plus its epoch evaluation) stays within ~2 s. The digits net (64-50-10)
#: takes ~10 ms, a 784-50-10 net on a batch of 100 ~0.1 s.
MAX_NUMERICAL_SECONDS = 1.0
#: How many test images a run predicts for the preview grid.
PREVIEW_COUNT = 32
MAX_SEED = 2**31 - 1


def _toy(values: Mapping[str, Any], run_state: str) -> bool:
    return values["dataset"] in D.TOY_KINDS


def _has_classes(values: Mapping[str, Any], run_state: str) -> bool:
    return values["dataset"] in ("spirals", "blobs")


def _generated(values: Mapping[str, Any], run_state: str) -> bool:
    return values["dataset"] in D.TOY_KINDS or values["dataset"] == "digits"


def _std_init(values: Mapping[str, Any], run_state: str) -> bool:
    return values["init"] == "std" and not values["use_network"]


class TrainingModel(TabModel):
    """Data, network and learning settings of the Training tab (book §4.5, ch. 5, ch. 6)."""

    key = "training"
    SETTINGS = (
        # -- data
        ChoiceSetting(
            key="dataset",
            default="blobs",
            choices=DATASETS,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Data set"),
            help=QT_TRANSLATE_NOOP(
                "TrainingTab",
                "What to learn from. 2-D toys show a decision-region map; images show test digits.",
            ),
            context=C,
            object_name="datasetCombo",
        ),
        IntSetting(
            key="classes",
            default=3,
            minimum=2,
            maximum=5,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Classes"),
            help=QT_TRANSLATE_NOOP("TrainingTab", "Number of classes for spirals and blobs (2–5)"),
            context=C,
            enabled=_has_classes,
            object_name="classesField",
        ),
        IntSetting(
            key="samples",
            default=400,
            minimum=20,
            maximum=5000,
            step=50,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Samples"),
            help=QT_TRANSLATE_NOOP("TrainingTab", "Number of points generated (train + test)"),
            context=C,
            enabled=_toy,
            object_name="samplesField",
        ),
        FloatSetting(
            key="noise",
            default=0.1,
            minimum=0.0,
            maximum=2.0,
            step=0.05,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Noise"),
            help=QT_TRANSLATE_NOOP(
                "TrainingTab", "Standard deviation of the random jitter added to each point"
            ),
            context=C,
            enabled=_toy,
            object_name="noiseField",
        ),
        IntSetting(
            key="data_seed",
            default=0,
            minimum=0,
            maximum=MAX_SEED,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Data seed"),
            help=QT_TRANSLATE_NOOP(
                "TrainingTab", "The same seed makes the same points and the same train/test split"
            ),
            context=C,
            enabled=_generated,
            object_name="dataSeedField",
        ),
        FloatSetting(
            key="test_fraction",
            default=0.25,
            minimum=0.05,
            maximum=0.95,
            step=0.05,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Test fraction"),
            help=QT_TRANSLATE_NOOP(
                "TrainingTab", "Share of the samples kept aside to measure test accuracy"
            ),
            context=C,
            enabled=_generated,
            object_name="testFractionField",
        ),
        # -- network
        IntListSetting(
            key="hidden",
            default=(10,),
            minimum=1,
            maximum=1000,
            min_length=0,
            max_length=5,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Hidden layers"),
            help=QT_TRANSLATE_NOOP(
                "TrainingTab",
                "Neurons per hidden layer, separated by commas, e.g. “50” or “50, 20”",
            ),
            context=C,
            enabled=own_network,
            object_name="hiddenEdit",
        ),
        ChoiceSetting(
            key="activation",
            default="relu",
            choices=ACTIVATIONS,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Activation"),
            help=QT_TRANSLATE_NOOP("TrainingTab", "Activation function of the hidden layers"),
            context=C,
            enabled=own_network,
            object_name="activationCombo",
        ),
        ChoiceSetting(
            key="init",
            default="he",
            choices=tuple((key, _INIT_LABELS[key]) for key in WEIGHT_INITS),
            label=QT_TRANSLATE_NOOP("TrainingTab", "Initial weights"),
            help=QT_TRANSLATE_NOOP(
                "TrainingTab",
                "Xavier suits sigmoid and tanh, He suits ReLU (book §6.2); biases start at 0",
            ),
            context=C,
            enabled=own_network,
            object_name="initCombo",
        ),
        FloatSetting(
            key="init_std",
            default=0.01,
            minimum=1e-6,
            maximum=10.0,
            step=0.01,
            label=QT_TRANSLATE_NOOP("TrainingTab", "std"),
            help=QT_TRANSLATE_NOOP("TrainingTab", "Standard deviation for “Gaussian × std”"),
            context=C,
            enabled=_std_init,
            object_name="initStdField",
        ),
        BoolSetting(
            key="use_network",
            default=False,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Use the Network tab's network"),
            help=QT_TRANSLATE_NOOP(
                "TrainingTab",
                "Train the network drawn on the Network tab (its sizes, activations and "
                "weights); its inputs must match the data's features",
            ),
            context=C,
            object_name="useNetworkCheck",
        ),
        # -- ch. 6 techniques (the layered net of engine.regnet when any is on)
        *TECHNIQUE_SETTINGS,
        # -- learning
        ChoiceSetting(
            key="gradient",
            default="backprop",
            choices=tuple((key, _GRADIENT_LABELS[key]) for key in T.GRADIENT_METHODS),
            label=QT_TRANSLATE_NOOP("TrainingTab", "Gradient"),
            help=QT_TRANSLATE_NOOP("TrainingTab", "Both ways give the same gradient."),
            context=C,
            object_name="gradientCombo",
        ),
        ChoiceSetting(
            key="optimizer",
            default="SGD",
            choices=tuple((name, name) for name in OPTIMIZERS),
            label=QT_TRANSLATE_NOOP("TrainingTab", "Optimizer"),
            help=QT_TRANSLATE_NOOP(
                "TrainingTab", "How the gradient moves the parameters (book §6.1)"
            ),
            context=C,
            object_name="optimizerCombo",
        ),
        FloatSetting(
            key="lr",
            default=0.1,
            minimum=1e-6,
            maximum=1e6,
            step=0.01,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Learning rate"),
            help=QT_TRANSLATE_NOOP("TrainingTab", "Step size η; editable while paused"),
            context=C,
            while_paused=True,
            object_name="lrField",
        ),
        IntSetting(
            key="batch_size",
            default=32,
            minimum=1,
            maximum=10000,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Batch size"),
            help=QT_TRANSLATE_NOOP(
                "TrainingTab", "Samples per mini-batch, drawn at random; editable while paused"
            ),
            context=C,
            while_paused=True,
            object_name="batchField",
        ),
        IntSetting(
            key="length",
            default=1000,
            minimum=1,
            maximum=1_000_000,
            step=100,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Length"),
            help=QT_TRANSLATE_NOOP(
                "TrainingTab", "How long to train (iterations or epochs); editable while paused"
            ),
            context=C,
            while_paused=True,
            object_name="iterationsField",
        ),
        ChoiceSetting(
            key="unit",
            default="iterations",
            choices=(
                ("iterations", QT_TRANSLATE_NOOP("TrainingTab", "iterations")),
                ("epochs", QT_TRANSLATE_NOOP("TrainingTab", "epochs")),
            ),
            label=QT_TRANSLATE_NOOP("TrainingTab", "Length"),
            context=C,
            object_name="unitCombo",
        ),
        IntSetting(
            key="seed",
            default=0,
            minimum=0,
            maximum=MAX_SEED,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Seed"),
            help=QT_TRANSLATE_NOOP(
                "TrainingTab", "Seed for the initial weights and the mini-batch choice"
            ),
            context=C,
            object_name="seedField",
        ),
        # -- view
        BoolSetting(
            key="log_loss",
            default=False,
            label=QT_TRANSLATE_NOOP("TrainingTab", "Logarithmic loss axis"),
            context=C,
            while_running=True,
            object_name="logCheck",
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        #: The MNIST files the project uses (loaded by the tab; empty: none).
        self.mnist_files: list[str] = []
        #: Why the real image set chosen could not be had ("" if it could).
        self.data_error = ""

    # -- extra state: the MNIST files -----------------------------------------------------------
    def extra_state(self) -> dict[str, Any]:
        return {"mnist_files": list(self.mnist_files)}

    def validate_extra(self, state: Mapping[str, Any]) -> Any:
        files = state.get("mnist_files", self.mnist_files)
        if files is None:
            files = []
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise ValueError("mnist_files must be a list of file names")
        if len(files) > 8 or any(len(f) > 4096 for f in files):
            raise ValueError("mnist_files: too many or too long file names")
        return list(files)

    def commit_extra(self, prepared: Any) -> None:
        self.mnist_files = prepared

    def set_mnist_files(self, paths: list[str]) -> None:
        """The MNIST files now in use (after the tab loaded them)."""
        paths = [str(p) for p in paths]
        if paths != self.mnist_files:
            self.mnist_files = paths
            self.touch({"mnist_files"})

    # -- what the settings mean -----------------------------------------------------------------
    def data_key(self, mnist_id: int = 0) -> tuple:
        """A key naming the data the settings describe (equal keys: the same data).
        ``mnist_id`` tells loaded MNIST data sets apart."""
        v = self._values
        if v["dataset"] in D.TOY_KINDS:
            return (
                v["dataset"],
                v["samples"],
                v["noise"],
                v["data_seed"],
                v["classes"],
                v["test_fraction"],
            )
        if v["dataset"] == "digits":
            return ("digits", v["data_seed"], v["test_fraction"])
        if v["dataset"] in REAL_DATASETS:
            return (v["dataset"],)
        return ("mnist", mnist_id)

    def make_data(self) -> D.Dataset | None:
        """The generated data set the settings describe, or the real image set it names
        (None for MNIST from files: the tab loads it; None and ``data_error`` if a real
        set is absent or damaged)."""
        key = self.data_key()
        self.data_error = ""
        if key[0] in REAL_DATASETS:
            try:
                return load_real_dataset(key[0])
            except (D.DatasetError, OSError) as exc:
                self.data_error = str(exc)
                return None
        if key[0] in D.TOY_KINDS:
            return D.toy_dataset(*key)
        if key[0] == "digits":
            return D.load_digits(key[2], key[1])
        return None

    def iterations(self, n_train: int | None) -> int:
        """The run's length in iterations (epochs converted with ``n_train`` samples)."""
        v = self._values
        if v["unit"] == "epochs" and n_train:
            return max(1, math.ceil(v["length"] * n_train / max(1, min(v["batch_size"], n_train))))
        return v["length"]

    def run_config(self, n_train: int | None = None) -> T.TrainConfig:
        """The engine's ``TrainConfig`` for these settings and ``n_train`` training samples."""
        v = self._values
        return T.TrainConfig(
            hidden=list(v["hidden"]),
            activation=v["activation"],
            init=v["init"],
            init_std=v["init_std"],
            gradient=v["gradient"],
            optimizer=v["optimizer"],
            lr=v["lr"],
            batch_size=v["batch_size"],
            iterations=self.iterations(n_train),
            seed=v["seed"],
            preview_count=PREVIEW_COUNT,
            **self.technique_config(),
        )

    def technique_config(self) -> dict[str, Any]:
        """The ch. 6 part of the run config (see :func:`technique_config`)."""
        return technique_config(self._values)
