from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from juesuan.cli.main import app

runner = CliRunner()


@pytest.fixture()
def model_files(tmp_path, sample_year):
    y, prev = sample_year
    m = tmp_path / "model.json"
    m.write_text(y.disclosure.model_dump_json(), encoding="utf-8")
    p = tmp_path / "prev.json"
    p.write_text(prev.disclosure.model_dump_json(), encoding="utf-8")
    b = tmp_path / "budgets.json"
    b.write_text(y.supplement.model_dump_json(), encoding="utf-8")
    return m, p, b


def test_render_txt_with_previous_and_budgets(model_files, tmp_path):
    m, p, b = model_files
    out = tmp_path / "o.txt"
    r = runner.invoke(app, ["render", str(m), "--to", "txt", "--out", str(out), "--previous", str(p), "--budgets", str(b)])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "公开09表" in text and "完成年初预算的" in text and "与2023年度相比" in text


def test_render_default_out_and_stdout(model_files):
    m, _, _ = model_files
    r = runner.invoke(app, ["render", str(m), "--to", "html"])
    assert r.exit_code == 0, r.output
    assert m.with_suffix(".html").exists()
    r = runner.invoke(app, ["render", str(m), "--to", "txt", "--out", "-"])
    assert r.exit_code == 0 and "收入支出决算总表" in r.stdout


def test_render_refuses_broken_figures(model_files, tmp_path):
    m, _, _ = model_files
    data = json.loads(m.read_text(encoding="utf-8"))
    for c in data["tables"]["T05"]["cells"]:
        if c["row"] == "合计" and c["column"] == "基本支出":
            c["value"] = "1.00"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "bad.txt"
    r = runner.invoke(app, ["render", str(bad), "--to", "txt", "--out", str(out)])
    assert r.exit_code == 1
    assert "未生成" in r.output and "--force" in r.output
    assert "Traceback" not in r.output and not out.exists()
    r = runner.invoke(app, ["render", str(bad), "--to", "txt", "--out", str(out), "--force"])
    assert r.exit_code == 0 and out.exists()


@pytest.mark.parametrize("args", [
    ["render", "nope.json", "--to", "txt"],
    ["render", "MODEL", "--to", "odt"],
    ["render", "MODEL", "--to", "txt", "--budgets", "nope.json"],
    ["render", "MODEL", "--to", "pdf", "--out", "-"],
    ["template", "x.csv"],
])
def test_errors_are_one_line_exit_2(args, model_files):
    m, _, _ = model_files
    args = [str(m) if a == "MODEL" else a for a in args]
    r = runner.invoke(app, args)
    assert r.exit_code == 2, r.output
    assert r.output.strip().count("\n") == 0 and r.output.startswith("juesuan：")
    assert "Traceback" not in r.output


def test_not_json_model(tmp_path):
    bad = tmp_path / "m.json"
    bad.write_text("{ not json", encoding="utf-8")
    r = runner.invoke(app, ["render", str(bad), "--to", "txt"])
    assert r.exit_code == 2 and "不是 juesuan 模型 JSON" in r.output


def test_pdf_without_font_fails_clearly(model_files, tmp_path, monkeypatch):
    from reportlab.pdfbase import pdfmetrics

    import juesuan.render.pdf as pdf

    monkeypatch.setattr(pdf, "FONT_PATHS", (str(tmp_path / "missing.ttc"),))
    monkeypatch.delenv(pdf.FONT_ENV, raising=False)
    monkeypatch.setattr(pdf, "FONT_NAME", "JuesuanTestNoFont")
    assert "JuesuanTestNoFont" not in pdfmetrics.getRegisteredFontNames()
    m, _, _ = model_files
    r = runner.invoke(app, ["render", str(m), "--to", "pdf", "--out", str(tmp_path / "o.pdf")])
    assert r.exit_code == 2
    assert "fonts-wqy-microhei" in r.output and r.output.strip().count("\n") == 0


def test_template_and_render_from_workbook(tmp_path, full_year):
    from juesuan.render.workbook import write_input_workbook

    t = tmp_path / "t.xlsx"
    r = runner.invoke(app, ["template", str(t)])
    assert r.exit_code == 0 and t.exists()
    filled = write_input_workbook(full_year[0].disclosure, tmp_path / "filled.xlsx")
    r = runner.invoke(app, ["render", str(filled), "--to", "xlsx"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "filled_决算.xlsx").exists()  # never overwrites the input


def test_demo_command(tmp_path):
    out = tmp_path / "demo"
    r = runner.invoke(app, ["demo", str(out), "--formats", "txt,html"])
    assert r.exit_code == 0, r.output
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert "renshe/2024/model.json" in files and "renshe/2024/disclosure.txt" in files
    assert "zhujian/2022/disclosure.html" in files and "weijian/2023/input.xlsx" in files
    assert "jiaoyu/2024/budgets.json" in files
    again = tmp_path / "demo2"
    runner.invoke(app, ["demo", str(again), "--formats", "txt"])
    assert (out / "renshe/2024/disclosure.txt").read_bytes() == (again / "renshe/2024/disclosure.txt").read_bytes()
    r = runner.invoke(app, ["demo", str(out), "--formats", "txt,odt"])
    assert r.exit_code == 2
