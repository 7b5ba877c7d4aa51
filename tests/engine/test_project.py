"""Project files: round trip, every kind of bad file refused, saves that never lose the old file."""

import contextlib
import errno
import json
import os
import stat
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import project
from engine.project import ProjectError

STATES = {
    "gates": {"preset": "AND", "w": [0.5, 0.5], "b": -0.7, "table": [[0, 0, 0], [1, 1, 1]]},
    "network": {
        "sizes": [2, 3, 2, 2],
        "activations": ["sigmoid", "sigmoid", "identity"],
        "x": [1.0, 2.0],
        "weights": [[[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]],
        "label": "重み",
    },
    "descent": {"function": "x0**2 + x1**2", "start": [-3.0, 4.0], "lr": 0.1, "steps": 100},
    "training": {"dataset": "spiral", "seed": 2**63 - 1, "lr": 1e-300, "on": True, "x": None},
}


def make_doc():
    return project.new_document(STATES, current_tab="descent")


def test_round_trip_text_and_file(tmp_path):
    doc = make_doc()
    assert project.loads(project.dumps(doc)) == doc
    path = tmp_path / f"mine{project.FILE_SUFFIX}"
    project.save(path, doc)
    again = project.load(path)
    assert again == doc
    assert again["schema_version"] == project.SCHEMA_VERSION == 1
    assert again["app"] == "zerokara-lab"
    assert again["tabs"]["network"]["label"] == "重み"
    assert isinstance(again["tabs"]["descent"]["steps"], int)
    assert again["tabs"]["training"]["lr"] == 1e-300
    # floats survive exactly
    assert (
        project.loads(project.dumps(project.new_document({"gates": {"v": 0.1 + 0.2}})))["tabs"][
            "gates"
        ]["v"]
        == 0.1 + 0.2
    )
    # no temporary files left behind
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_save_replaces_and_keeps_permissions(tmp_path):
    path = tmp_path / "p.zkl.json"
    project.save(path, make_doc())
    os.chmod(path, 0o640)
    project.save(path, project.new_document())
    assert project.load(path)["tabs"] == {}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_truncation_at_every_byte_is_refused(tmp_path):
    data = project.dumps(
        project.new_document({"gates": {"w": [0.5, -0.5], "b": -0.7, "name": "AND"}})
    ).encode()
    assert len(data) > 50
    path = tmp_path / "t.zkl.json"
    full = len(data.rstrip())
    for n in range(full):
        path.write_bytes(data[:n])
        with pytest.raises(ProjectError) as info:
            project.load(path)
        assert info.value.reason in {"empty", "truncated", "not_utf8"}, (n, info.value)
    # dropping only the final newline still leaves the whole document
    path.write_bytes(data[:full])
    assert project.load(path)["tabs"]["gates"]["name"] == "AND"


def test_truncated_inside_a_multibyte_character():
    data = project.dumps(project.new_document({"network": {"label": "重み"}})).encode()
    cut = data.index("重".encode()) + 1
    with pytest.raises(ProjectError) as info:
        project.loads(data[:cut])
    assert info.value.reason == "not_utf8"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("not json", "not_json"),
        ('{"app": "zerokara-lab",, }', "not_json"),
        ("[1, 2, 3]", "not_project"),
        ('"a string"', "not_project"),
        ("{}", "not_project"),
        ('{"app": "other", "schema_version": 1, "tabs": {}}', "not_project"),
        ('{"app": "zerokara-lab", "tabs": {}}', "bad_version"),
        ('{"app": "zerokara-lab", "schema_version": "1", "tabs": {}}', "bad_version"),
        ('{"app": "zerokara-lab", "schema_version": true, "tabs": {}}', "bad_version"),
        ('{"app": "zerokara-lab", "schema_version": 1.0, "tabs": {}}', "bad_version"),
        ('{"app": "zerokara-lab", "schema_version": 0, "tabs": {}}', "bad_version"),
        ('{"app": "zerokara-lab", "schema_version": 2, "tabs": {}}', "newer_version"),
        ('{"app": "zerokara-lab", "schema_version": 1}', "bad_shape"),
        ('{"app": "zerokara-lab", "schema_version": 1, "tabs": []}', "bad_shape"),
        ('{"app": "zerokara-lab", "schema_version": 1, "tabs": {"gates": 3}}', "bad_shape"),
        ('{"app": "zerokara-lab", "schema_version": 1, "tabs": {"Cheese tab!": {}}}', "bad_shape"),
        (
            '{"app": "zerokara-lab", "schema_version": 1, "tabs": {}, "current_tab": 7}',
            "bad_shape",
        ),
        ('{"app": "zerokara-lab", "schema_version": 1, "tabs": {"gates": {"b": NaN}}}', None),
        ('{"app": "zerokara-lab", "schema_version": 1, "tabs": {"gates": {"b": Infinity}}}', None),
        ('{"app": "zerokara-lab", "schema_version": 1, "tabs": {"gates": {"b": -Infinity}}}', None),
        ('{"app": "zerokara-lab", "schema_version": 1, "tabs": {"gates": {"b": 1e999}}}', None),
        (
            '{"app": "zerokara-lab", "schema_version": 1, "tabs": {"gates": {"b": '
            + "9" * 5000
            + "}}}",
            "huge_number",
        ),
        (
            '{"app": "zerokara-lab", "schema_version": 1, "tabs": {"gates": {"b": '
            + "9" * 21
            + "}}}",
            "huge_number",
        ),
    ],
)
def test_hostile_or_wrong_documents_refused(text, reason):
    with pytest.raises(ProjectError) as info:
        project.loads(text)
    if reason is None:
        assert info.value.reason in {"non_finite", "huge_number"}
    else:
        assert info.value.reason == reason, info.value
    assert isinstance(info.value, ValueError)


def test_newer_version_message_is_clear():
    doc = {"app": "zerokara-lab", "schema_version": 7, "tabs": {}}
    with pytest.raises(ProjectError, match="schema_version 7 > 1"):
        project.loads(json.dumps(doc))


@pytest.mark.parametrize("depth", [project.MAX_DEPTH + 5, 100_000])
def test_deep_nesting_refused(depth):
    text = (
        '{"app": "zerokara-lab", "schema_version": 1, "tabs": {"gates": {"x": '
        + "[" * depth
        + "]" * depth
        + "}}}"
    )
    with pytest.raises(ProjectError) as info:
        project.loads(text)
    assert info.value.reason == "too_deep"


def test_reasonable_nesting_accepted():
    nested = [[[[[1.0]]]]]
    doc = project.new_document({"network": {"w": nested}})
    assert project.loads(project.dumps(doc))["tabs"]["network"]["w"] == nested


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), object(), {1: "x"}, 10**30])
def test_unwritable_values_refused_on_save(tmp_path, bad):
    path = tmp_path / "p.zkl.json"
    project.save(path, make_doc())
    before = path.read_bytes()
    doc = project.new_document()
    doc["tabs"]["gates"] = {"value": bad}
    with pytest.raises(ProjectError):
        project.save(path, doc)
    assert path.read_bytes() == before
    assert len(list(tmp_path.iterdir())) == 1


def test_huge_file_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.zkl.json"
    with open(path, "wb") as f:
        f.truncate(project.MAX_BYTES + 1)  # sparse: costs no disk
    read_calls = []
    real_open = open

    class Spy:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.f.close()

        def fileno(self):
            return self.f.fileno()

        def read(self, *a):
            read_calls.append(a)
            return self.f.read(*a)

    monkeypatch.setattr("builtins.open", lambda *a, **k: Spy(real_open(*a, **k)))
    with pytest.raises(ProjectError) as info:
        project.load(path)
    assert info.value.reason == "too_large"
    assert read_calls == []


def test_missing_file_and_folder():
    with pytest.raises(ProjectError) as info:
        project.load("/nonexistent/folder/x.zkl.json")
    assert info.value.reason == "not_found"


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(ProjectError) as info:
        project.load(tmp_path)
    assert info.value.reason == "unreadable"


def test_not_utf8(tmp_path):
    path = tmp_path / "x.zkl.json"
    path.write_bytes(b'{"app": "\xff\xfe"}')
    with pytest.raises(ProjectError) as info:
        project.load(path)
    assert info.value.reason == "not_utf8"


def test_save_into_read_only_folder_fails_cleanly(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "p.zkl.json"
    project.save(path, make_doc())
    before = path.read_bytes()
    folder.chmod(0o555)
    if sys.platform == "win32" or os.geteuid() == 0:
        # root ignores folder permissions: make the temporary file fail the same way
        def refuse(*args, **kwargs):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

        monkeypatch.setattr(project.tempfile, "mkstemp", refuse)
    try:
        with pytest.raises(ProjectError) as info:
            project.save(path, project.new_document())
        assert info.value.reason == "write_failed"
        assert "permission" in info.value.detail.lower()
        assert path.read_bytes() == before
        assert [p.name for p in folder.iterdir()] == ["p.zkl.json"]
    finally:
        folder.chmod(0o755)


def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["write", "half-write", "fsync", "replace"])
def test_full_disk_leaves_old_file(tmp_path, monkeypatch, where):
    path = tmp_path / "p.zkl.json"
    project.save(path, make_doc())
    before = path.read_bytes()
    if where == "half-write":
        real_write = os.write

        def half(fd, data):
            if len(data) > 10:
                return real_write(fd, bytes(data[: len(data) // 2]))
            _enospc()

        monkeypatch.setattr(os, "write", half)
    else:
        monkeypatch.setattr(os, where, _enospc)
    with pytest.raises(ProjectError) as info:
        project.save(path, project.new_document({"gates": {"x": list(range(500))}}))
    monkeypatch.undo()
    assert info.value.reason == "write_failed"
    assert "space" in info.value.detail.lower()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.zkl.json"]
    assert project.load(path) == make_doc()


def test_new_document_shape():
    doc = project.new_document()
    assert doc == {"app": "zerokara-lab", "schema_version": 1, "tabs": {}}
    with pytest.raises(ProjectError):
        project.new_document({"No pe": {}})


def test_numpy_values_become_plain_json():
    import numpy as np

    doc = project.new_document(
        {"network": {"W": np.array([[0.1, 0.2]]), "n": np.int64(3), "t": (1, np.float32(0.5))}}
    )
    assert doc["tabs"]["network"] == {"W": [[0.1, 0.2]], "n": 3, "t": [1, 0.5]}
    assert type(doc["tabs"]["network"]["n"]) is int
    assert project.loads(project.dumps(doc)) == doc


def test_bad_value_named_by_its_place():
    with pytest.raises(ProjectError, match=r"tabs\.descent\.path\[1\] = nan"):
        project.new_document({"descent": {"path": [1.0, float("nan")]}})


_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**62), 2**62)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(("gates", "network", "descent", "training", "cnn")),
        st.dictionaries(st.text(), _json_values),
    )
)
def test_any_json_state_round_trips(tabs):
    doc = project.new_document(tabs)
    assert project.loads(project.dumps(doc)) == doc


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_arbitrary_input_only_ever_raises_project_error(data):
    with contextlib.suppress(ProjectError):  # anything else fails the test
        project.loads(data)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_corrupting_one_byte_never_crashes(data):
    text = project.dumps(make_doc()).encode()
    i = data.draw(st.integers(0, len(text) - 1))
    b = data.draw(st.integers(0, 255))
    mutated = text[:i] + bytes([b]) + text[i + 1 :]
    try:
        doc = project.loads(mutated)
    except ProjectError:
        return
    assert project.validate(doc) is doc


def test_save_removes_temporaries_a_killed_save_left(tmp_path):
    import os
    import time

    from engine import project

    target = tmp_path / "work.zkl.json"
    old = tmp_path / ".work.zkl.json.abc123.tmp"
    young = tmp_path / ".work.zkl.json.def456.tmp"
    other = tmp_path / ".other.zkl.json.abc123.tmp"
    for leftover in (old, young, other):
        leftover.write_text("{half a proj")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    os.utime(other, (hour_ago, hour_ago))
    project.save(target, project.new_document())
    assert not old.exists()  # left by a killed save: gone
    assert young.exists()  # may be another instance saving now: kept
    assert other.exists()  # another project's: not ours to touch
    assert project.load(target)["schema_version"] == project.SCHEMA_VERSION


def test_a_tab_this_version_lacks_is_kept_in_the_document():
    # a project from a build with one more tab opens (the window ignores that tab)
    doc = project.loads(
        '{"app": "zerokara-lab", "schema_version": 1, "tabs": {"cnn": {"x": 1}}, '
        '"current_tab": "cnn"}'
    )
    assert doc["tabs"] == {"cnn": {"x": 1}}
    assert not project.is_tab_key("Cheese tab!") and project.is_tab_key("backprop")
