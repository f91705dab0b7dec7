"""The public API (juesuan.read / audit / render), coverage and rule selection."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import juesuan
from juesuan.cli.main import app
from juesuan.findings import Family, Finding, Severity
from rules.builders import add, department

runner = CliRunner()


def _unreadable(tid: str = "T06"):
    doc = department()
    t = doc.tables[tid]
    t.status, t.status_reason = "unreadable", "扫描页模糊，无法识别数字"
    return doc


def test_api_surface():
    assert juesuan.__version__
    assert callable(juesuan.read) and callable(juesuan.audit) and callable(juesuan.render)
    # the stage subpackages stay importable beside the functions of the same name
    from juesuan.read import ReadError
    from juesuan.render import FORMATS

    assert issubclass(ReadError, Exception) and "pdf" in FORMATS
    import juesuan.render.txt as txt

    assert hasattr(txt, "render_txt")


def test_read_audit_render_round(tmp_path):
    src = tmp_path / "d.json"
    src.write_text(department().model_dump_json(), encoding="utf-8")
    d = juesuan.read(src)
    r = juesuan.audit(d)
    assert r.findings == [] and r.summary == {"error": 0, "warning": 0, "info": 0}
    out = juesuan.render(d, to="txt", path=tmp_path / "out.txt")
    assert "收入支出决算总表" in out.read_text(encoding="utf-8")


def test_finding_is_typed():
    doc = department()
    add(doc, "T06", "公用经费合计", "决算数", 10)
    r = juesuan.audit(doc)
    f = next(f for f in r.findings if f.rule == "X-T05-T06-basic")
    assert isinstance(f, Finding) and f.severity is Severity.ERROR and f.family is Family.X
    assert {c.table for c in f.cells} == {"T05", "T06"}
    assert f.location.line is not None
    assert Finding(rule="A-x", message="m").family is Family.A  # family derives from the id


def test_unreadable_table_is_not_checked_never_passed():
    doc = _unreadable("T06")
    add(doc, "T06", "30101", "决算数", 5)  # would break H-T06-class-sum, H-T06-personnel, X-T05-T06-basic
    r = juesuan.audit(doc)
    assert not any("T06" in f.tables for f in r.findings)
    rows = {(c.rule, c.table): c for c in r.coverage}
    for rule in ("H-T06-class-sum", "H-T06-personnel", "X-T05-T06-basic"):
        assert rows[(rule, "T06")].status == "not_checked"
        assert "未能读取" in (rows[(rule, "T06")].reason or "")
    # a cross-table rule is not checked on its other table either
    assert rows[("X-T05-T06-basic", "T05")].status == "not_checked"
    # rules on other tables still run and pass
    assert rows[("A-T05-row", "T05")].status == "passed"
    assert not any(c.status == "passed" and c.table == "T06" for c in r.coverage)


def test_coverage_failed_and_not_applicable():
    doc = department()
    add(doc, "T05", "合计", "小计", 1)
    doc.tables.pop("T08")
    rows = {(c.rule, c.table): c.status for c in juesuan.audit(doc).coverage}
    assert rows[("A-T05-row", "T05")] == "failed"
    assert rows[("A-T08-row", "T08")] == "not_applicable"


def test_rule_selection():
    doc = department()
    add(doc, "T06", "公用经费合计", "决算数", 10)
    only_x = juesuan.audit(doc, rules="X")
    assert only_x.findings and {f.family for f in only_x.findings} == {Family.X}
    assert {c.rule[0] for c in only_x.coverage} == {"X"}
    none = juesuan.audit(doc, rules=["X", "H"], exclude="X-T05-T06-basic,H")
    assert all(f.rule != "X-T05-T06-basic" for f in none.findings)
    with pytest.raises(ValueError, match="Z-nope"):
        juesuan.audit(doc, rules="Z-nope")


def test_cli_rules_and_exclude(tmp_path):
    doc = department()
    add(doc, "T06", "公用经费合计", "决算数", 10)
    p = tmp_path / "d.json"
    p.write_text(doc.model_dump_json(), encoding="utf-8")
    res = runner.invoke(app, ["check", str(p), "--format", "json", "--rules", "A,H"])
    data = json.loads(res.stdout)
    assert data["findings"] and {f["family"] for f in data["findings"]} <= {"A", "H"}
    res = runner.invoke(app, ["check", str(p), "--format", "json", "--exclude", "X,H"])
    assert all(f["family"] not in ("X", "H") for f in json.loads(res.stdout)["findings"])
    res = runner.invoke(app, ["check", str(p), "--rules", "nope"])
    assert res.exit_code == 2 and "nope" in res.output and "Traceback" not in res.output


def test_docs_api_example(tmp_path):
    import re

    from tests_support import DOCS

    text = (DOCS / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) >= 3
    scope: dict = {"tmp": tmp_path}
    for block in blocks:
        exec(compile(block, "docs/api.md", "exec"), scope)
