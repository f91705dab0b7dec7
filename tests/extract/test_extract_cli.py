"""The extract command: the CSV contract, JSON model, and one-line errors with exit 2."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from juesuan.cli.main import app
from tests_support import seed_file

runner = CliRunner()


def test_csv_contract():
    r = runner.invoke(app, ["extract", str(seed_file("000")), "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["table", "row", "column", "value", "raw", "page", "line", "repaired", "repair"]
    body = rows[1:]
    assert body == sorted(body, key=lambda x: (x[0], x[1], x[2]))
    assert ["T06", "30226", "决算数", "1714.84"] == body[[i for i, x in enumerate(body) if x[:2] == ["T06", "30226"]][0]][:4]


def test_json_model():
    r = runner.invoke(app, ["extract", str(seed_file("002")), "--format", "json"])
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["meta"]["year"] == 2023
    cells = data["tables"]["T01"]["cells"]
    assert any(c["row"] == "收入总计" and c["value"] == "12705.28" for c in cells)


def test_unreadable_inputs_exit_2(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("这是一份会议纪要，不是决算。\n", encoding="utf-8")
    r = runner.invoke(app, ["extract", str(bad)])
    assert r.exit_code == 2
    assert "notes.txt" in r.output and "Traceback" not in r.output
    r = runner.invoke(app, ["extract", str(tmp_path / "missing.pdf")])
    assert r.exit_code == 2 and "文件不存在" in r.output
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert runner.invoke(app, ["extract", str(empty)]).exit_code == 2


def test_budget_document_is_refused(tmp_path):
    # a 部门预算 document has tables of the same shape but is not a final-accounts disclosure
    doc = tmp_path / "budget.txt"
    doc.write_text(
        "样例市样例局2025年部门预算\n目录\n财政拨款收支总表\n公开01表\n项目\t\t金额\n收入总计\t\t100.00\n"
        "一般公共预算支出表\n公开02表\n合计\t\t100.00\n“三公”经费支出预算表\n公开07表\n合计\t\t1.00\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["extract", str(doc)])
    assert r.exit_code == 2 and "这是部门预算，不是部门决算" in r.output
    assert runner.invoke(app, ["check", str(doc)]).exit_code == 2
