"""The Chinese interface: help, errors, percentages; English only with --lang en."""

from __future__ import annotations

from decimal import Decimal

import pytest
from typer.testing import CliRunner

from juesuan import i18n
from juesuan.cli.main import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _zh():
    i18n.set_lang("zh")
    yield
    i18n.set_lang("zh")


def test_pct_two_places_half_up():
    assert i18n.pct(Decimal("71.6539")) == "71.65%"
    assert i18n.pct(Decimal("0.005")) == "0.01%"
    assert i18n.pct(None) == "—"


def test_every_message_has_both_languages_and_the_same_placeholders():
    import string

    for mid, (zh, en) in i18n.MESSAGES.items():
        assert zh and en, mid
        names = {f for _, f, _, _ in string.Formatter().parse(zh) if f}
        assert names == {f for _, f, _, _ in string.Formatter().parse(en) if f}, mid


@pytest.mark.parametrize("why, expected", [
    ("encrypted PDF (a password is required to open it)", "文件已加密"),
    ("a budget (预算) document, not a final-accounts (决算) disclosure", "这是部门预算，不是部门决算"),
    ("no such file", "文件不存在"),
    ("PDF has 900 pages (more than 500); not a single disclosure", "PDF 有 900 页（超过 500 页）"),
    ("OCR: '14, 344, 12' → 14344.12 (comma as decimal point; confirmed by 2 identities)",
     "按逗号为小数点读作 14344.12（2 个勾稽关系印证）"),
    ("OCR: '2.995.39' → 2995.39 (periods as thousands separators; confirmed by 1 identity)",
     "按句点为千位分隔符读作 2995.39（1 个勾稽关系印证）"),
])
def test_reasons_in_chinese(why, expected):
    assert expected in i18n.translate_reason(why)


def test_unknown_reason_is_kept_not_lost():
    assert i18n.translate_reason("something new") == "something new"


def test_help_is_chinese_and_english_only_with_lang_en():
    zh = runner.invoke(app, ["check", "--help"])
    assert zh.exit_code == 0
    assert "审核一份部门决算" in zh.output and "选项" in zh.output and "显示本帮助并退出" in zh.output
    assert "Show this message" not in zh.output and "Audit a disclosure" not in zh.output
    en = runner.invoke(app, ["--lang", "en", "check", "--help"])
    assert en.exit_code == 0
    assert "Audit a disclosure" in en.output and "Options" in en.output and "审核一份" not in en.output


def test_help_shows_no_type_for_a_flag_and_types_in_words():
    """A flag takes no value (Typer labels it <bool>, as if --coverage wanted one); the other
    types are words of the interface language, not Python's."""
    zh = runner.invoke(app, ["check", "--help"], terminal_width=200)
    assert "<bool>" not in zh.output and "<str>" not in zh.output
    assert "<路径>" in zh.output and "<文本>" in zh.output
    line = next(ln for ln in zh.output.splitlines() if "--coverage" in ln)
    assert "<" not in line.split("--coverage", 1)[1].split("与", 1)[0]
    en = runner.invoke(app, ["--lang", "en", "check", "--help"], terminal_width=200)
    assert "<bool>" not in en.output and "<path>" in en.output and "<text>" in en.output


def test_usage_errors_in_chinese():
    r = runner.invoke(app, ["check"])
    assert r.exit_code == 2 and "缺少参数" in r.output and "Missing argument" not in r.output
    r = runner.invoke(app, ["check", "x.pdf", "--format", "pdf"])
    assert r.exit_code == 2 and "无效" in r.output


def test_read_error_names_the_file_in_chinese(tmp_path):
    r = runner.invoke(app, ["check", str(tmp_path / "无此文件.pdf")])
    assert r.exit_code == 2
    assert r.output.strip() == f"juesuan：无法读取 {tmp_path / '无此文件.pdf'}：文件不存在"
    r = runner.invoke(app, ["--lang", "en", "check", str(tmp_path / "x.pdf")])
    assert "cannot read" in r.output and "no such file" in r.output


def test_budget_document_is_named_as_such(tmp_path):
    p = tmp_path / "预算.txt"
    p.write_text("样例市样例局2025年部门预算\n目录\n财政拨款收支总表\n公开01表\n项目\t\t金额\n收入总计\t\t100.00\n"
                 "一般公共预算支出表\n公开02表\n合计\t\t100.00\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(p)])
    assert r.exit_code == 2, r.output
    assert f"无法读取 {p}：这是部门预算，不是部门决算" in r.output


def test_encrypted_pdf_error_in_chinese(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    plain = tmp_path / "plain.pdf"
    c = canvas.Canvas(str(plain), pagesize=A4, encrypt="secret")
    c.drawString(100, 700, "hello")
    c.save()
    r = runner.invoke(app, ["check", str(plain)])
    assert r.exit_code == 2
    assert f"无法读取 {plain}：文件已加密" in r.output


def test_every_help_text_has_its_english():
    """Every command's and parameter's help is in the catalogue (juesuan.i18n), so --lang en
    shows no Chinese help: a help text written in place would stay Chinese."""
    import re

    import typer

    import juesuan.cli.main  # noqa: F401 - registers every command
    from juesuan.cli.app import app as root
    from juesuan.i18n import english_for

    han = re.compile("[\u4e00-\u9fff]")
    missing, stack = [], [typer.main.get_command(root)]
    while stack:
        cmd = stack.pop()
        texts = [(cmd.name, cmd.help)] + [(f"{cmd.name} {p.name}", getattr(p, "help", None)) for p in cmd.params]
        missing += [where for where, text in texts if isinstance(text, str) and han.search(text) and not english_for(text.strip())]
        stack.extend(getattr(cmd, "commands", {}).values())
    assert not missing
    for command in ("batch", "ingest", "serve", "stats", "check"):
        shown = runner.invoke(app, ["--lang", "en", command, "--help"], terminal_width=200).output
        assert not han.search(shown), (command, shown)


@pytest.mark.parametrize("regex, head", [
    (r"^no such file$", "no such file"),
    (r"^file too large \((?P<a>\d+) MiB\)$", "file too large "),  # stops at an escape
    (r"^Got unexpected extra arguments? \((?P<a>.*)\)$", "Got unexpected extra argument"),  # 's' optional
    (r"^pages* read$", "page"),
    (r"^(?P<t>T\d\d) line$", ""),  # a group first: no literal head
    (r"^truncated PDF.*$|^corrupt.*$", ""),  # an alternative: nothing is common to every match
    (r"not anchored", ""),
])
def test_literal_head_is_what_every_match_starts_with(regex, head):
    assert i18n._literal_head(regex) == head


def test_head_gate_translates_as_trying_every_pattern():
    """The gate only skips patterns that cannot match: every text translates as it would with
    each pattern tried in turn (made-up reasons, one or more for many patterns)."""
    import re

    texts = ["no such file", "file too large (900 MiB > 200 MiB)", "Got unexpected extra argument (x)",
             "Got unexpected extra arguments (x y)", "page 7: OCR failed (timeout)", "T05 line 12: row '其他' has no "
             "code and none could be rebuilt; values skipped", "corrupt PDF stream", "an encrypted thing",
             "stray value '1.00' dropped: totals hold", "unreadable", "unreadable; stray value '2' dropped",
             "OCR: '1,5' → 1.5 (comma as decimal point; confirmed by 3 identities)", "something else entirely",
             "Invalid value for '--format': 'pdf' is not one of 'csv', 'json'.", ""]

    def every_pattern(text: str) -> str:
        parts = [p.strip() for p in i18n._JOINED.split(text)] if text else []
        out = []
        for part in parts:
            for pat, _, zh in i18n._REASONS:
                m = re.match(pat.pattern, part)
                if m:
                    out.append(zh.format(**{k: (v or "") for k, v in m.groupdict().items()}))
                    break
            else:
                out.append(part)
        return "；".join(out) if text else text

    for text in texts:
        assert i18n.translate_reason(text) == every_pattern(text), text
