"""The Training tab's model without Qt: settings, run config, data, a run's log, old projects."""

import math

import numpy as np
import pytest

from engine import datasets as D
from engine import training as T
from gui.models.settings import SettingError
from gui.models.training import DEFAULT_LR, RunLog, TrainingModel

#: A Training state as saved by 07c0310 (schema_version 1): no ``use_network`` yet.
OLD_STATE = {
    "dataset": "spirals",
    "classes": 4,
    "samples": 600,
    "noise": 0.2,
    "data_seed": 3,
    "test_fraction": 0.3,
    "hidden": [20, 10],
    "activation": "tanh",
    "init": "xavier",
    "init_std": 0.01,
    "gradient": "backprop",
    "optimizer": "Adam",
    "lr": 0.001,
    "batch_size": 50,
    "length": 3,
    "unit": "epochs",
    "seed": 7,
    "log_loss": True,
    "mnist_files": [],
}


def test_defaults_match_the_engine_defaults():
    m = TrainingModel()
    config = m.run_config()
    assert config == T.TrainConfig(preview_count=config.preview_count)  # hidden [10], SGD 0.1…
    assert m.state()["dataset"] == "blobs" and m.state()["use_network"] is False


#: The ch. 6 settings (added after OLD_STATE was saved) at their defaults.
TECHNIQUE_DEFAULTS = {
    "batchnorm_layers": [],
    "dropout_percent": [],
    "weight_decay": 0.0,
    "layer_histograms": False,
}


def test_a_project_of_the_current_schema_opens_unchanged():
    m = TrainingModel()
    m.set_state(OLD_STATE)
    # keys added since (use_network, the ch. 6 techniques) take their defaults
    assert m.state() == {**OLD_STATE, "use_network": False, **TECHNIQUE_DEFAULTS}
    config = m.run_config(n_train=420)
    # 3 epochs of 420 samples in batches of 50: ceil(3 · 420 / 50) iterations
    assert config.iterations == math.ceil(3 * 420 / 50) == 26
    assert (config.hidden, config.activation, config.init, config.optimizer) == (
        [20, 10],
        "tanh",
        "xavier",
        "Adam",
    )
    assert m.data_key() == ("spirals", 600, 0.2, 3, 4, 0.3)


def test_the_techniques_are_saved_and_reach_the_run_config():
    m = TrainingModel()
    techniques = {
        "batchnorm_layers": [2, 5],
        "dropout_percent": [10, 0, 30],
        "weight_decay": 0.05,
        "layer_histograms": True,
    }
    m.set_state({**OLD_STATE, **techniques})
    saved = m.state()
    assert {k: saved[k] for k in techniques} == techniques
    again = TrainingModel()
    again.set_state(saved)  # a saved project opens with the same values
    assert again.state() == saved
    config = m.run_config(420)
    # hidden [20, 10]: layer 5 does not exist, the third dropout ratio is beyond the net
    assert config.batchnorm == [False, True]
    assert config.dropout == [0.1]  # the 0 % of layer 2 is no dropout
    assert config.weight_decay == 0.05 and config.histogram_every > 0
    assert config.regularized
    net = T.build_network(config, 2, 4)
    assert net.batchnorm == [False, True] and net.dropout == [0.1, 0.0]
    assert net.weight_decay == 0.05
    m.set("use_network", True)  # the Network tab's net has no such layers
    config = m.run_config(420)
    assert (config.batchnorm, config.dropout, config.weight_decay) == ([], [], 0.0)
    assert not m.is_enabled("batchnorm_layers") and not m.is_enabled("weight_decay")


@pytest.mark.parametrize(
    "bad",
    [
        {"batchnorm_layers": [0]},
        {"batchnorm_layers": [6]},
        {"batchnorm_layers": "1, 2"},
        {"dropout_percent": [96]},
        {"dropout_percent": [-1]},
        {"dropout_percent": [10] * 6},
        {"weight_decay": -0.1},
        {"weight_decay": float("inf")},
        {"weight_decay": 11.0},
        {"layer_histograms": "yes"},
    ],
)
def test_bad_techniques_refused_naming_the_key(bad):
    m = TrainingModel()
    m.set_state(OLD_STATE)
    with pytest.raises(SettingError) as info:
        m.set_state(bad)
    assert info.value.key == next(iter(bad))
    assert m.state()["weight_decay"] == 0.0 and m.state()["batchnorm_layers"] == []


def test_the_data_the_settings_describe():
    m = TrainingModel()
    m.set_state({"dataset": "moons", "samples": 100, "noise": 0.05, "data_seed": 2})
    data = m.make_data()
    expected = D.toy_dataset("moons", 100, 0.05, 2, 3, 0.25)
    np.testing.assert_array_equal(data.x_train, expected.x_train)
    m.set("dataset", "digits")
    assert m.make_data().n_features == 64
    m.set("dataset", "mnist")
    assert m.make_data() is None and m.data_key(42) == ("mnist", 42)


@pytest.mark.parametrize(
    "bad",
    [
        {"lr": float("nan")},
        {"lr": 0.0},
        {"dataset": "cats"},
        {"hidden": ["a"]},
        {"hidden": [1001]},
        {"hidden": [1] * 6},
        {"batch_size": 0},
        {"length": 10**7},
        {"seed": -1},
        {"log_loss": "yes"},
        {"mnist_files": "file.npz"},
        {"mnist_files": [3]},
    ],
)
def test_bad_states_refused_whole(bad):
    m = TrainingModel()
    m.set_state(OLD_STATE)
    with pytest.raises(ValueError) as info:
        m.set_state({"samples": 100, **bad})  # the good value is not applied either
    assert m.state()["samples"] == 600
    if isinstance(info.value, SettingError):
        assert info.value.key == next(iter(bad))


def test_enabled_follows_the_data_set_the_network_and_the_run():
    m = TrainingModel()
    assert m.is_enabled("classes") and m.is_enabled("noise")  # blobs
    m.set("dataset", "digits")
    assert not m.is_enabled("classes") and not m.is_enabled("noise") and m.is_enabled("data_seed")
    m.set("dataset", "mnist")
    assert not m.is_enabled("data_seed") and not m.is_enabled("test_fraction")
    assert not m.is_enabled("init_std")
    m.set("init", "std")
    assert m.is_enabled("init_std")
    m.set("use_network", True)
    assert not m.is_enabled("hidden") and not m.is_enabled("init_std")
    m.set_run_state("paused")
    assert {k for k in ("lr", "batch_size", "length", "log_loss") if m.is_enabled(k)} == {
        "lr",
        "batch_size",
        "length",
        "log_loss",
    }
    assert not m.is_enabled("optimizer") and not m.is_enabled("dataset")
    m.set_run_state("running")
    assert [s.key for s in m.settings() if m.is_enabled(s.key)] == ["log_loss"]


def test_mnist_files_are_extra_state_with_a_revision():
    m = TrainingModel()
    m.set_mnist_files(["/a/train.gz"])
    assert m.revision == 1 and m.state()["mnist_files"] == ["/a/train.gz"]
    m.set_mnist_files(["/a/train.gz"])
    assert m.revision == 1


def test_run_log_collects_the_engine_records():
    data = D.toy_dataset("blobs", 200, 0.1, 0, 3, 0.25)
    config = T.TrainConfig(iterations=1500, batch_size=10)
    records = list(T.train(config, data))
    log = RunLog()
    for start in range(0, len(records), 97):  # in the worker's batches
        log.add(records[start : start + 97])
    iterations = [r for r in records if isinstance(r, T.IterationRecord)]
    assert log.n == len(iterations) == 1500
    np.testing.assert_array_equal(log.losses[:1500], [r.loss for r in iterations])
    epochs = [r.epoch for r in iterations if r.epoch is not None]
    assert log.epochs == [(e.epoch, e.train_accuracy, e.test_accuracy) for e in epochs]
    assert log.region is not None and log.last_loss == iterations[-1].loss


def test_default_lr_table_names_real_optimizers():
    from engine.optimizers import OPTIMIZERS

    assert set(DEFAULT_LR) <= set(OPTIMIZERS)
