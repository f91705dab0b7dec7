"""The hot models (model.Record): pydantic dataclasses that behave as the BaseModels they
replaced for everything the code asks of them, without BaseModel's ``__getattr__``."""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from juesuan.model import (
    Cell,
    CellRef,
    Claim,
    Disclosure,
    PerformanceFund,
    PerformanceIndicator,
    PerformanceItem,
    PerformanceTask,
    Printed,
    Record,
    Statement,
    Table,
    made,
)

RECORDS = [Table, Cell, Claim, Statement, PerformanceIndicator, PerformanceFund, PerformanceTask, PerformanceItem,
           Printed]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_a_record_reads_its_fields_without_a_getattr_hook(cls: type[Record]) -> None:
    # The reason these are not BaseModels: a class with __getattr__ anywhere in its MRO sends
    # every attribute read through CPython's slow hook. Slots: no per-instance __dict__ either.
    assert not hasattr(cls, "__getattr__")
    assert "__slots__" in vars(cls) and not issubclass(cls, BaseModel)


def _cell(**kw: object) -> Cell:
    return Cell(**{"table": "T05", "row": "2010101", "column": "基本支出", "value": Decimal("12.30"), **kw})


def test_a_record_validates_and_coerces_as_a_model_did() -> None:
    assert _cell(value="7.50").value == Decimal("7.50")
    with pytest.raises(ValidationError):
        _cell(page="第三页")
    with pytest.raises(ValidationError):
        Cell(table="T05", row="201", column="合计")  # type: ignore[call-arg]
    with pytest.raises((TypeError, ValidationError)):
        Cell("T05", "201", "合计", Decimal(1))  # type: ignore[misc]  # fields are named, as before
    with pytest.raises(AttributeError):
        _cell().colour = "red"  # type: ignore[attr-defined]  # no field of that name


def test_a_record_nests_in_a_model_as_itself_and_round_trips_through_json() -> None:
    c = _cell(raw="12.30", page=2, line=17, bbox=(1.0, 2.0, 3.0, 4.0))
    t = Table(id="T05", cells=[c])
    assert t.cells[0] is c  # not copied or revalidated on the way in
    doc = Disclosure(tables={"T05": t}, claims=[Claim(subject="收入总计", kind="amount", value=Decimal("1.5"),
                                                      cell=CellRef(table="T01", row="收入总计", column="决算数"))],
                     statements=[Statement(text="示例", budget=Decimal("2"))],
                     performance=[PerformanceItem(name="示例项目", indicators=[PerformanceIndicator(
                         name="数量", target=Decimal("3"), printed={"分值": Printed(raw="10", page=1, line=2)})])])
    back = Disclosure.model_validate_json(doc.model_dump_json())
    assert back == doc and type(back.tables["T05"].cells[0]) is Cell
    assert back.model_dump_json() == doc.model_dump_json()
    assert pickle.loads(pickle.dumps(doc)) == doc  # batch workers send documents between processes


def test_model_methods_the_code_uses() -> None:
    c = _cell(raw="12.30")
    # the field serializer (money as a string) applies in both modes, as it did on the BaseModel
    assert c.model_dump(mode="json")["value"] == "12.30" == c.model_dump()["value"]
    assert Cell.model_validate(c.model_dump()) == c
    assert c.model_dump_json().startswith('{"table":"T05","row":"2010101"')
    moved = c.model_copy(update={"value": Decimal(13), "repaired": True})
    assert (moved.value, moved.repaired, c.value, c.repaired) == (Decimal(13), True, Decimal("12.30"), False)
    item = PerformanceItem(name="示例项目", indicators=[PerformanceIndicator(name="数量")])
    shallow, deep = item.model_copy(), item.model_copy(deep=True)
    assert shallow.indicators is item.indicators and deep.indicators is not item.indicators and deep == item


@given(st.text(max_size=8), st.none() | st.integers(1, 500), st.sampled_from(["0", "1.5", "-3.25", "1E+2"]))
def test_made_is_the_constructor(raw: str, page: int | None, value: str) -> None:
    fields = {"table": "T01", "row": "收入总计", "column": "决算数", "value": Decimal(value), "raw": raw, "page": page}
    assert made(Cell, dict(fields)) == Cell(**fields)  # type: ignore[arg-type]
    assert made(Cell, dict(fields)).model_dump_json() == Cell(**fields).model_dump_json()  # type: ignore[arg-type]


def test_a_tables_bookkeeping_is_its_own() -> None:
    a, b = Table(id="T05"), Table(id="T05")
    a._doubts.append("列错位")
    a._unmodelled = 3
    assert b._doubts == [] and b._unmodelled == 0  # each table its own list
    assert a.add(_cell()) and not a.add(_cell()) and a.get("2010101", "基本支出") == _cell()
    b.cells.append(_cell())
    assert a == b  # the index and the reader's notes are not the table's content
    assert "_doubts" not in a.model_dump_json() and "_index" not in repr(a)
    assert Disclosure.model_validate_json(Disclosure(tables={"T05": a}).model_dump_json()).tables["T05"]._doubts == []
    assert pickle.loads(pickle.dumps(a))._unmodelled == 3  # a batch worker's table keeps what its reader noted
