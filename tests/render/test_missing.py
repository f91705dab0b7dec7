"""The writer never invents: a table the input does not supply prints 【待补充】 (and validation
says so); a table the model declares empty prints its 本表无数据 statement."""

from __future__ import annotations

from typer.testing import CliRunner

from juesuan.cli.main import app
from juesuan.render import render_bytes
from juesuan.render.missing import MARK, missing_findings, missing_tables

runner = CliRunner()


def _without(d, *tids):
    d = d.model_copy(deep=True)
    for tid in tids:
        d.tables.pop(tid, None)
    return d


def test_missing_table_is_marked_not_invented(sample_year):
    y, _ = sample_year
    d = _without(y.disclosure, "T03")
    assert missing_tables(d) == ["T03"]
    text = render_bytes(d, "txt", None, y.supplement).decode()
    assert "本年支出合计0.00万元" not in text
    section = text.split("三、支出决算情况说明", 2)[-1].split("四、", 1)[0]
    assert MARK in section and "万元" not in section
    table = text.split("支出决算表\n\n公开03表", 1)[1].split("财政拨款收入支出决算总表", 1)[0]
    assert MARK in table and "本表无数据" not in table
    found = missing_findings(d)
    assert len(found) == 1 and found[0].rule == "C-render-missing" and "支出决算表" in found[0].message


def test_declared_empty_table_keeps_its_statement(sample_year):
    y, _ = sample_year
    d = y.disclosure
    assert d.tables["T07"].declared_empty and not missing_tables(d)
    text = render_bytes(d, "txt", None, y.supplement).decode()
    assert d.tables["T07"].empty_statement in text
    assert MARK not in text


def test_empty_table_without_declaration_is_missing(sample_year):
    y, _ = sample_year
    d = y.disclosure.model_copy(deep=True)
    d.tables["T08"].cells = []
    d.tables["T08"].declared_empty = False
    assert missing_tables(d) == ["T08"]
    text = render_bytes(d, "html", None, y.supplement).decode()
    assert MARK in text


def test_cli_reports_missing_table_and_renders_the_mark(tmp_path, sample_year):
    y, _ = sample_year
    m = tmp_path / "m.json"
    m.write_text(_without(y.disclosure, "T03", "T09").model_dump_json(), encoding="utf-8")
    out = tmp_path / "o.txt"
    r = runner.invoke(app, ["render", str(m), "--to", "txt", "--out", str(out)])
    assert "C-render-missing" in r.output and "支出决算表" in r.output
    assert out.exists(), r.output
    assert out.read_text(encoding="utf-8").count(MARK) >= 4


def test_cli_style_option(tmp_path, sample_year):
    y, _ = sample_year
    m = tmp_path / "m.json"
    m.write_text(y.disclosure.model_dump_json(), encoding="utf-8")
    out = tmp_path / "sh.txt"
    r = runner.invoke(app, ["render", str(m), "--to", "txt", "--out", str(out), "--style", "shanghai"])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert text.index("公开07表") > text.index("“三公”经费支出决算表\n")
    # re-rendering the Shanghai text keeps its style without being told
    again = tmp_path / "again.txt"
    r = runner.invoke(app, ["render", str(out), "--to", "txt", "--out", str(again), "--force"])
    assert r.exit_code == 0, r.output
    assert "国有资本经营预算财政拨款收入支出决算表\n\n公开09表" in again.read_text(encoding="utf-8")
    r = runner.invoke(app, ["render", str(m), "--to", "txt", "--style", "beijing"])
    assert r.exit_code == 2 and "beijing" in r.output
