"""Records built without validation (juesuan.construct, model.made) are the records validation
builds, and the test suite holds every producer to that (JUESUAN_CHECK_MADE, tests/conftest.py)."""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from decimal import Decimal
from typing import Any, Literal, get_args, get_origin

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from juesuan import construct
from juesuan.model import (
    Cell,
    CellRef,
    Claim,
    PerformanceFund,
    PerformanceIndicator,
    PerformanceItem,
    PerformanceTask,
    Printed,
    Statement,
    Table,
    made,
)

RECORDS = [Cell, Claim, Statement, PerformanceIndicator, PerformanceFund, PerformanceTask, PerformanceItem, Table,
           Printed]

_SCALARS: dict[Any, st.SearchStrategy[Any]] = {
    str: st.text(max_size=6),
    int: st.integers(-5, 9000),
    bool: st.booleans(),
    float: st.floats(allow_nan=False, allow_infinity=False, width=32),
    Decimal: st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**6, max_value=10**6),
    Printed: st.builds(Printed, raw=st.text(max_size=6), page=st.none() | st.integers(1, 99),
                       line=st.none() | st.integers(1, 999)),
    CellRef: st.builds(CellRef, table=st.sampled_from(["T01", "T05"]), row=st.text(max_size=4),
                       column=st.text(max_size=4)),
}


def _values(tp: Any) -> st.SearchStrategy[Any]:
    """Values of type ``tp`` as a producer hands them (already of the field's exact types)."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is Literal:
        return st.sampled_from(args)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*[st.none() if a is type(None) else _values(a) for a in args])
    if origin is list:
        return st.lists(_values(args[0]), max_size=3)
    if origin is dict:
        return st.dictionaries(_values(args[0]), _values(args[1]), max_size=3)
    if origin is tuple:
        return st.tuples(*[_values(a) for a in args]) if Ellipsis not in args else st.lists(
            _values(args[0]), max_size=4).map(tuple)
    if origin is typing.Annotated:
        return _values(args[0])
    return _SCALARS[tp]


@st.composite
def _fields(draw: st.DrawFn, cls: type) -> dict[str, Any]:
    """A field dict for ``cls``: every required field, and any of the others."""
    hints = typing.get_type_hints(cls, include_extras=False)
    infos = cls.__pydantic_fields__  # type: ignore[attr-defined]
    out: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        if infos[f.name].is_required() or draw(st.booleans()):
            tp = hints[f.name]
            nested = get_origin(tp) is list and get_args(tp)[0] in RECORDS
            # (a list of records: empty — each record's builder is tested on its own)
            out[f.name] = [] if nested else draw(_values(tp))
    return out


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
@given(data=st.data())
def test_a_record_built_is_the_record_validated(cls: type, data: st.DataObject) -> None:
    fields = data.draw(_fields(cls))
    want = cls.__pydantic_validator__.validate_python(dict(fields))  # type: ignore[attr-defined]
    got = construct._setter(cls)(dict(fields))
    assert type(got) is cls
    for f in dataclasses.fields(cls):
        assert construct.same(getattr(got, f.name), getattr(want, f.name)), f.name
    assert got == want and got.model_dump_json() == want.model_dump_json()  # type: ignore[attr-defined]


def test_each_record_gets_its_own_default_containers() -> None:
    a, b = made(Statement, {"text": "一"}), made(Statement, {"text": "二"})
    a.path.append("类")
    assert b.path == [] and made(PerformanceIndicator, {"name": "数量"}).printed == {}
    t = made(Table, {"id": "T05"})
    assert t._doubts == [] and t._doubts is not made(Table, {"id": "T05"})._doubts


def test_the_suite_checks_every_record_a_producer_makes() -> None:
    # an int where the model says Decimal: validation would convert it, the built record would
    # keep it (and serialise it differently). Under the suite's check, the producer fails.
    assert os.environ[construct.CHECK_ENV] == "1"  # (tests/conftest.py)
    fields = {"table": "T05", "row": "201", "column": "小计", "value": 1}
    with pytest.raises(AssertionError, match=r"Cell\.value"):
        made(Cell, fields)
    with pytest.raises(AssertionError, match=r"Cell\.bbox"):  # a list where the model says tuple
        made(Cell, {**fields, "value": Decimal(1), "bbox": [1.0, 2.0, 3.0, 4.0]})
    with pytest.raises(ValidationError):  # what validation refuses is refused
        made(Claim, {"subject": "收入总计", "kind": "总数", "value": Decimal(1)})


def test_without_the_check_a_record_is_built_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(construct.CHECK_ENV)
    build = construct.builder(Cell)
    c = build({"table": "T05", "row": "201", "column": "小计", "value": Decimal("1.50"), "page": 3})
    assert c == Cell(table="T05", row="201", column="小计", value=Decimal("1.50"), page=3)
    with pytest.raises(KeyError, match="value"):  # a required field missing is named
        build({"table": "T05", "row": "201", "column": "小计"})


def test_a_base_model_is_always_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    from juesuan.findings import Family, Finding

    monkeypatch.delenv(construct.CHECK_ENV)
    # (its model_validator derives the family from the rule id)
    f = construct.builder(Finding)({"rule": "H-kuan-sum", "message": "不等", "severity": "warning"})
    assert isinstance(f, BaseModel) and f.family is Family("H") and f.severity.value == "warning"


def test_same_sees_types_and_exponents() -> None:
    assert construct.same(Decimal("1.50"), Decimal("1.50"))
    assert not construct.same(Decimal("1.5"), Decimal("1.50")) and not construct.same(1, Decimal(1))
    assert not construct.same([1.0], (1.0,)) and construct.same({"a": [Decimal(1)]}, {"a": [Decimal(1)]})
    assert not construct.same(CellRef(table="T01", row="1", column="合计"), CellRef(table="T05", row="1", column="合计"))
