"""Issue 14 item 3: arrays stored compactly, every network the app builds saves and
reopens, and a document too large to reopen is refused when it is saved."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from engine import project
from engine.network import Network, init_weights
from engine.packed import pack, unpack

#: The largest networks the app lets a learner build (Training: 5 hidden layers of at
#: most 1000; Network tab: two 1000-wide layers on MNIST).
BIG_NETS = ([784, 1000, 1000, 10], [784, 1000, 1000, 1000, 1000, 1000, 10])


def _network_state(sizes: list[int]) -> dict:
    weights, biases = init_weights(sizes, "he", 0.01, 0)
    net = Network(sizes, ["relu"] * (len(sizes) - 2) + ["softmax"], weights, biases)
    return {
        "sizes": list(net.sizes),
        "activations": list(net.activations),
        "weights": [w.copy() for w in net.weights],
        "biases": [b.copy() for b in net.biases],
        "input": np.linspace(0, 1, sizes[0]),
    }


@pytest.mark.parametrize("sizes", BIG_NETS, ids=lambda s: "-".join(map(str, s)))
def test_biggest_networks_save_and_reopen_exactly(tmp_path, sizes):
    state = _network_state(sizes)
    path = tmp_path / "big.zkl.json"
    project.save(path, project.new_document({"network": state}))
    size = path.stat().st_size
    n_values = sum(w.size + b.size for w, b in zip(state["weights"], state["biases"]))
    assert size < project.MAX_BYTES
    assert size < 11 * n_values + 100_000  # ~10.7 bytes a value, not ~20 as a list
    loaded = project.load(path)["tabs"]["network"]
    for key in ("weights", "biases"):
        for got, want in zip(loaded[key], state[key], strict=True):
            if want.size > project.PACK_MIN:
                assert isinstance(got, np.ndarray) and got.dtype == np.float64
            assert np.array_equal(np.asarray(got, float), want)  # bit for bit
    assert np.array_equal(loaded["input"], state["input"])


def test_packed_form_is_base64_of_little_endian_float64():
    a = np.array([[1.5, -2.0], [3.25, 1e-300]] * 40)
    p = pack(a)
    assert p["__ndarray__"] == "<f8" and p["shape"] == [80, 2]
    raw = base64.b64decode(p["data"])
    assert raw == a.astype("<f8").tobytes()
    assert np.array_equal(unpack(json.loads(json.dumps(p))), a)


def test_old_list_form_still_reads():
    old = {
        "app": "zerokara-lab",
        "schema_version": 1,
        "tabs": {"network": {"weights": [[[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]], "biases": [[0.1]]}},
    }
    doc = project.loads(json.dumps(old))
    assert doc["tabs"]["network"]["weights"] == [[[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]]


def test_small_arrays_stay_readable_lists():
    text = project.dumps(project.new_document({"network": {"x": np.array([1.0, 2.0])}}))
    assert '"__ndarray__"' not in text and "2.0" in text


def test_too_large_refused_at_save_time_with_the_reason(tmp_path, monkeypatch):
    state = _network_state([784, 100, 10])
    monkeypatch.setattr(project, "MAX_BYTES", 200_000)
    path = tmp_path / "p.zkl.json"
    path.write_text("old")
    with pytest.raises(project.ProjectError) as info:
        project.save(path, project.new_document({"network": state}))
    assert info.value.reason == "too_large"
    assert "MB" in info.value.detail and "at most" in info.value.detail
    assert path.read_text() == "old"  # nothing written
    assert list(tmp_path.iterdir()) == [path]


def _doc_with(packed_value: dict) -> str:
    return json.dumps(
        {"app": "zerokara-lab", "schema_version": 1, "tabs": {"network": {"w": packed_value}}}
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"__ndarray__": "|O"}, "bad_shape"),
        ({"shape": [3, 3]}, "bad_shape"),
        ({"shape": [-1]}, "bad_shape"),
        ({"shape": "big"}, "bad_shape"),
        ({"data": "!!!!" * 267}, "bad_shape"),
        ({"data": 5}, "bad_shape"),
        ({"data": base64.b64encode(np.full(100, np.nan).tobytes()).decode()}, "non_finite"),
    ],
)
def test_malformed_packed_arrays_refused(change, reason):
    good = pack(np.arange(100, dtype=float))
    assert np.array_equal(project.loads(_doc_with(good))["tabs"]["network"]["w"], np.arange(100))
    with pytest.raises(project.ProjectError) as info:
        project.loads(_doc_with({**good, **change}))
    assert info.value.reason == reason


def test_other_objects_with_the_tag_stay_objects():
    doc = project.loads(_doc_with({"__ndarray__": None, "extra": 1}))
    assert doc["tabs"]["network"]["w"] == {"__ndarray__": None, "extra": 1}


def test_non_finite_array_refused_on_save(tmp_path):
    bad = np.ones(1000)
    bad[500] = np.inf
    with pytest.raises(project.ProjectError) as info:
        project.save(tmp_path / "x.zkl.json", project.new_document({"network": {"w": bad}}))
    assert info.value.reason == "non_finite"
