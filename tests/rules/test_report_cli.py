"""Reports and the `juesuan check` command."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from juesuan.cli.main import app
from juesuan.report import CSV_HEADER, audit

from .builders import add, department

runner = CliRunner()


def _write(tmp_path, doc, name="doc.json"):
    p = tmp_path / name
    p.write_text(doc.model_dump_json(), encoding="utf-8")
    return p


def _broken():
    doc = department()
    add(doc, "T06", "公用经费合计", "决算数", 10)
    return doc


def test_report_dict_contract():
    r = audit(_broken()).to_dict()
    assert list(r) == ["document", "findings", "summary", "reading_warnings", "repairs", "coverage"]
    assert list(r["document"]) == ["source", "department", "year", "unit", "tables_found"]
    assert r["document"]["tables_found"] == [f"T0{i}" for i in range(1, 10)]
    assert r["summary"]["error"] == sum(1 for f in r["findings"] if f["severity"] == "error") > 0
    assert set(r["summary"]) == {"error", "warning", "info"}


def test_check_json_exit_1_on_errors(tmp_path):
    res = runner.invoke(app, ["check", str(_write(tmp_path, _broken())), "--format", "json"])
    assert res.exit_code == 1, res.output
    data = json.loads(res.stdout)
    assert any(f["rule"] == "X-T05-T06-basic" for f in data["findings"])


def test_check_exit_0_when_clean(tmp_path):
    res = runner.invoke(app, ["check", str(_write(tmp_path, department())), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["summary"] == {"error": 0, "warning": 0, "info": 0}


def test_check_exit_2_unreadable(tmp_path):
    p = tmp_path / "broken.json"
    p.write_text("{not json", encoding="utf-8")
    res = runner.invoke(app, ["check", str(p)])
    assert res.exit_code == 2
    assert "Traceback" not in res.output


def test_check_exit_2_missing_file(tmp_path):
    res = runner.invoke(app, ["check", str(tmp_path / "nope.pdf")])
    assert res.exit_code == 2


def test_check_csv_one_finding_per_row(tmp_path):
    doc = _broken()
    res = runner.invoke(app, ["check", str(_write(tmp_path, doc)), "--format", "csv"])
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) - 1 == len(audit(doc).findings)


def test_check_text(tmp_path):
    res = runner.invoke(app, ["check", str(_write(tmp_path, _broken())), "--format", "text"])
    assert res.exit_code == 1
    assert "X-T05-T06-basic" in res.stdout


def test_html_standalone_and_linked(tmp_path):
    out = tmp_path / "r.html"
    res = runner.invoke(app, ["check", str(_write(tmp_path, _broken())), "--format", "html", "-o", str(out)])
    assert res.exit_code == 1
    html = out.read_text(encoding="utf-8")
    assert "<script src" not in html and "<link" not in html and "http://" not in html and "https://" not in html
    r = audit(_broken())
    # every finding with cells links to highlighted cells, and those cells link back
    for i, _f in enumerate(r.findings):
        assert f'id="f{i}"' in html
    assert 'class="num hit sev-error"' in html
    assert 'data-findings="f' in html
    for tid in ("T01", "T04", "T06", "T09"):
        assert f'id="t-{tid}"' in html
