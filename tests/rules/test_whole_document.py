"""Rules whose claim rests on every page having been read (``Rule.whole_document``: something
is absent from the document, or a count or sum runs over all its forms) are not checked when
the reader could not read a page, and the coverage says why; every other rule still runs."""

from __future__ import annotations

from tests.rules.builders import department

from juesuan.rules.base import all_rules, evaluate


def _without_glossary():
    doc = department()
    doc.sections = [s for s in doc.sections if s.kind != "glossary" and "名词解释" not in s.title]
    return doc


def test_absence_is_a_finding_when_every_page_was_read():
    findings, coverage = evaluate(_without_glossary())
    assert any(f.rule == "C-glossary" for f in findings)
    assert [r.status for r in coverage if r.rule == "C-glossary"] == ["failed"]


def test_absence_is_not_checked_when_a_page_was_not_read():
    doc = _without_glossary()
    doc.unread_pages = {12: "含文字的图片未识别（未安装 OCR）", 13: "含文字的图片未识别（未安装 OCR）"}
    findings, coverage = evaluate(doc)
    assert not any(f.rule == "C-glossary" for f in findings)
    (row,) = [r for r in coverage if r.rule == "C-glossary"]
    assert row.status == "not_checked" and "第 12–13 页" in row.reason and "未安装 OCR" in row.reason


def test_only_whole_document_rules_stop():
    doc = department()
    doc.unread_pages = {30: "本页读取超时"}
    _, coverage = evaluate(doc)
    stopped = {r.rule for r in coverage if r.status == "not_checked"}
    whole = {r.id for r in all_rules() if r.whole_document}
    assert stopped == whole
    assert {"C-glossary", "C-required-sections", "C-table-sections", "C-glossary-terms", "P-narrative-count"} <= whole
    assert "C-tables-present" not in whole  # a table is judged by its own status (extract.status)
