"""Each known hostile input ends in one clean line naming the limit or the defect, in
bounded time and memory (run in a bounded worker, as `juesuan check` does)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from juesuan.batch.task import load_bounded, load_document
from juesuan.fuzz import hostile
from juesuan.fuzz.corpus import base_dir, load_bases, write_bases
from juesuan.read.types import ReadError


@pytest.fixture(scope="module")
def bases():
    return load_bases(write_bases(base_dir()))


class Pick(random.Random):
    """A Random whose choice() takes the named option, so a builder makes one known kind."""

    def __init__(self, want):
        super().__init__(0)
        self.want = want

    def choice(self, seq):
        return self.want if self.want in seq else super().choice(seq)


def _write(tmp_path: Path, built) -> Path:
    suffix, data = built
    p = tmp_path / f"hostile.{suffix}"
    p.write_bytes(data)
    return p


def _refused(path: Path) -> str:
    with pytest.raises(ReadError) as e:
        load_bounded(path)
    line = f"juesuan: {e.value}"
    assert "\n" not in line and path.name in line
    return e.value.why


@pytest.mark.parametrize("builder, kind, label", [
    (hostile.hostile_docx, "bomb", "解压后大小"),
    (hostile.hostile_docx, "many-rows", "行数"),
    (hostile.hostile_xlsx, "dimension", "单元格数"),
    (hostile.hostile_xlsx, "million-rows", "行数"),
    (hostile.hostile_xlsx, "shared-strings", "解压后大小"),
    (hostile.hostile_pdf, "many-chars", "单页字符数"),
    (hostile.hostile_pdf, "many-pages", "页数"),
    (hostile.huge_lines, "many-lines", "文本行数"),
])
def test_limit_is_named(tmp_path, bases, builder, kind, label):
    why = _refused(_write(tmp_path, builder(Pick(kind), bases)))
    assert why.startswith("超出限制") and label in why and "JUESUAN_" in why


def test_huge_grid_span_is_clamped(tmp_path, bases):
    p = _write(tmp_path, hostile.hostile_docx(Pick("gridspan"), bases))
    try:
        doc = load_bounded(p)
    except ReadError as e:  # refused cleanly is fine too; a hang or memory blow-up is not
        assert "\n" not in str(e)
    else:
        assert doc.meta is not None


def test_absurd_spans_are_read_as_no_span(tmp_path):
    """colspan=10^9 is garbage, not "as wide as allowed": spreading every cell over max_span
    columns made a 200-column grid that took seconds to locate."""
    from juesuan.read.html import read_html

    page = ('<html><body><table><tr><td colspan="1000000000" rowspan="99999">收入</td><td colspan="2">1.00</td>'
            '<td>2.00</td></tr><tr><td>支出</td><td>3.00</td><td>4.00</td><td>5.00</td></tr></table></body></html>')
    rows = [ln for ln in read_html(page.encode(), "t.html").lines if ln.gridded]
    assert [c.text for c in rows[0].chunks] == ["收入", "1.00", "", "2.00"]
    assert [c.text for c in rows[1].chunks] == ["支出", "3.00", "4.00", "5.00"]


def test_absurd_grid_span_in_word_is_read_as_no_span():
    from lxml import etree

    from juesuan.read.office import _W, _int_attr

    el = etree.Element(_W + "gridSpan", {_W + "val": "1000000000"})
    assert _int_attr(el, "val", 1) == 1
    el.set(_W + "val", "3")
    assert _int_attr(el, "val", 1) == 3


def test_encrypted_pdf_is_named(tmp_path, bases):
    why = _refused(_write(tmp_path, hostile.hostile_pdf(Pick("encrypted"), bases)))
    assert "encrypt" in why.lower() or "加密" in why


def test_absurd_numbers_are_not_crashes(tmp_path, bases):
    text = bases["txt"].decode("utf-8")
    for bad in ("123456789012345678901234567", "9" * 30, "1e400", "NaN", "Infinity", "1.2.3", "--5"):
        p = tmp_path / "n.txt"
        p.write_text(text.replace("合计", f"合计\t{bad}", 3), encoding="utf-8")
        from juesuan.report import audit

        audit(load_document(str(p)))  # a report, whatever it finds; never an exception


def test_one_bad_byte_keeps_the_text_readable(tmp_path, bases):
    data = bytearray(bases["txt"])
    data[len(data) // 2] = 0xFF
    p = tmp_path / "one.txt"
    p.write_bytes(bytes(data))
    from juesuan.read import read_source

    src = read_source(p)
    assert any("无法解码" in w for w in src.warnings)
    assert load_document(str(p)).meta.department


@pytest.mark.parametrize("bad", ["1E+999999", "1e400", "9" * 30])
def test_model_json_numbers_out_of_range_are_refused(tmp_path, bases, bad):
    """A model JSON is read by check and render: 1E+999999 once overflowed in N-completion."""
    data = re.sub(rb'"value": "[0-9.]+"', b'"value": "' + bad.encode() + b'"', bases["json"], count=1)
    why = _refused(_write(tmp_path, ("json", data)))
    assert "超出合理范围" in why and "/value：" in why


def test_model_json_with_a_million_objects_is_refused_before_validation(tmp_path, bases):
    data = bases["json"][:-1].rstrip() + b', "claims": [' + b",".join([b"{}"] * 200_000) + b"]}"
    why = _refused(_write(tmp_path, ("json", data)))
    assert "行数" in why and "JUESUAN_MAX_ROWS" in why


def test_render_refuses_a_fifo_instead_of_waiting(tmp_path):
    import os

    from juesuan.render.io import InputError, load_model

    fifo = tmp_path / "model.json"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as e:
        load_model(fifo)  # opening it would block until a writer came
    assert "model.json" in str(e.value) and "管道" in str(e.value)


def test_a_line_longer_than_the_limit_is_cut_with_a_warning(tmp_path, bases, monkeypatch):
    monkeypatch.setenv("JUESUAN_MAX_LINE_CHARS", "5000")
    p = tmp_path / "long.txt"
    p.write_bytes(bases["txt"] + "收入\t".encode() * 40_000)
    from juesuan.read import read_source

    src = read_source(p)
    assert max(len(ln.text) for ln in src.lines) == 5000
    long = max(src.lines, key=lambda ln: len(ln.text))
    assert sum(len(c.text) for c in long.chunks) + len(long.chunks) - 1 <= 5000
    assert any("过长" in w and "5,000" in w for w in src.warnings)


def test_html_rows_are_counted_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_MAX_ROWS", "100")
    page = b"<html><body><table>" + b"<tr><td>1.00</td></tr>" * 101 + b"</table></body></html>"
    why = _refused(_write(tmp_path, ("html", page)))
    assert "行数 101 > 100" in why
