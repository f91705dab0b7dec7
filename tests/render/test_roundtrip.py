"""Render a synthetic department, read it back with juesuan.pipeline.load, compare every cell
(table, row, column, value) exactly."""

from __future__ import annotations

import pytest

from juesuan.synth import generate

_DEPTS = generate()
CASES = [(dep.key, i) for dep in _DEPTS for i in range(len(dep.years))]


def _case(key: str, i: int):
    dep = next(d for d in _DEPTS if d.key == key)
    y = dep.years[i]
    prev = dep.years[i - 1].disclosure if i else None
    return y, prev


def _cells(d) -> dict[tuple[str, str, str], object]:
    return {(c.table, c.row, c.column): c.value for c in d.all_cells()}


def _reader(fmt: str):
    from juesuan.pipeline import load

    return load


def _roundtrip(fmt: str, key: str, i: int, tmp_path):
    from juesuan.render import render_file

    load = _reader(fmt)
    y, prev = _case(key, i)
    path = render_file(y.disclosure, fmt, tmp_path / f"{key}_{y.year}.{fmt}", prev, y.supplement)
    back = load(path)
    want, got = _cells(y.disclosure), _cells(back)
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    wrong = sorted(k for k in set(want) & set(got) if want[k] != got[k])
    assert not (missing or extra or wrong), (
        f"{fmt} {key} {y.year}: missing {missing[:5]}, extra {extra[:5]}, "
        f"wrong {[(k, str(want[k]), str(got[k])) for k in wrong[:5]]}")
    assert back.meta.department == y.disclosure.meta.department
    assert back.meta.year == y.year
    for tid, t in y.disclosure.tables.items():
        assert back.tables[tid].present, (fmt, tid)
        if t.declared_empty:
            assert back.tables[tid].declared_empty, (fmt, tid)


@pytest.mark.parametrize("key,i", CASES, ids=[f"{k}-{i}" for k, i in CASES])
def test_txt_roundtrip(key, i, tmp_path):
    _roundtrip("txt", key, i, tmp_path)


LAST = [(dep.key, len(dep.years) - 1) for dep in _DEPTS]


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", "pdf"])
@pytest.mark.parametrize("key,i", LAST, ids=[k for k, _ in LAST])
def test_other_formats_roundtrip(fmt, key, i, tmp_path):
    _roundtrip(fmt, key, i, tmp_path)


def test_input_workbook_is_not_mistaken_for_a_disclosure(tmp_path):
    """render accepts an input workbook; juesuan.render.io tells it from an official-layout xlsx."""
    from juesuan.render import render_file
    from juesuan.render.io import _is_input_workbook
    from juesuan.render.workbook import write_input_workbook

    y, _ = _case("renshe", 2)
    assert _is_input_workbook(write_input_workbook(y.disclosure, tmp_path / "in.xlsx"))
    assert not _is_input_workbook(render_file(y.disclosure, "xlsx", tmp_path / "out.xlsx"))
