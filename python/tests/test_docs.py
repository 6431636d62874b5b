"""Docstrings on everything, help() useful, doctests that run, stubs that match."""

import ast
import dataclasses
import doctest
import inspect
import pydoc
from decimal import Decimal
from pathlib import Path

import pytest

import defense_spending as dsp
from defense_spending import _dataset, _errors, _frames, _native, _types

PACKAGE = Path(dsp.__file__).parent


def test_every_public_name_has_its_own_docstring():
    for name in dsp.__all__:
        obj = getattr(dsp, name)
        if name in ("METRICS", "Threshold"):
            continue  # values: documented where they are defined
        doc = inspect.getdoc(obj)
        assert doc and len(doc) > 20, name
        # Not dataclasses' generated "Name(field, ...)" signature.
        assert not doc.startswith(f"{name}("), name


def test_every_method_has_a_docstring():
    classes = [dsp.Dataset] + [getattr(dsp, n) for n in dsp.__all__ if inspect.isclass(getattr(dsp, n))]
    for cls in classes:
        for name, member in vars(cls).items():
            if name.startswith("_") or not callable(member) and not isinstance(member, property):
                continue
            assert inspect.getdoc(getattr(cls, name)), f"{cls.__name__}.{name}"
    for name in ("bundled", "load", "from_bytes", "revisions"):
        assert len(inspect.getdoc(getattr(dsp, name))) > 80, name


def test_help_teaches():
    text = pydoc.render_doc(dsp.Dataset, renderer=pydoc.plaintext)
    for words in ("meeting_target(self, year: 'int', threshold: 'Threshold')", "highest share", "spending_frame", "decimal128"):
        assert words in text, words
    text = pydoc.render_doc(dsp, renderer=pydoc.plaintext)
    assert "LoadError" in text and "exact" in text
    text = pydoc.render_doc(dsp.LoadError, renderer=pydoc.plaintext)
    assert "TABLE3!D14" in text


@pytest.mark.parametrize("module", [dsp, _dataset, _types, _errors, _frames], ids=lambda m: m.__name__)
def test_doctests(module):
    pytest.importorskip("pandas")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_reprs_read_and_round_trip(ds):
    r = ds.record("POL", 2024)
    back = eval(repr(r), {"SpendingRecord": dsp.SpendingRecord, "Decimal": Decimal})
    assert back == r
    assert repr(ds) == "<Dataset (bundled): %d spending records, 2014-2024>" % len(ds)
    m = ds.member("POL")
    assert repr(m) == "Member(code='POL', name='Poland', joined=datetime.date(1999, 3, 12), source='historylessons-1999')"
    assert str(ds.contracts()[0].value) == "almost USD 700 million"


def _stub_names(tree, cls=None):
    body = tree.body
    if cls:
        body = next(n for n in body if isinstance(n, ast.ClassDef) and n.name == cls).body
    return {n.name for n in body if isinstance(n, (ast.FunctionDef, ast.ClassDef))} | {
        n.target.id for n in body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
    }


def test_the_native_stub_matches_the_module():
    stub = PACKAGE / "_native.pyi"
    assert (PACKAGE / "py.typed").exists()
    tree = ast.parse(stub.read_text())
    public = {n for n in dir(_native) if not n.startswith("_")}
    assert _stub_names(tree) - {"_Row"} == public
    methods = {n for n in dir(_native.Dataset) if not n.startswith("_")} | {"__len__"}
    assert _stub_names(tree, "Dataset") == methods


def test_the_package_is_typed_and_dataclasses_are_frozen():
    for name in dsp.__all__:
        obj = getattr(dsp, name)
        if dataclasses.is_dataclass(obj):
            assert obj.__dataclass_params__.frozen, name
            hints = {f.name: f.type for f in dataclasses.fields(obj)}
            assert all(hints.values()), name
