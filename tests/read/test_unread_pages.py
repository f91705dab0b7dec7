"""Pages the reader could not read are recorded where they are lost (read.types.ReadLog), and
what was not read is never taken for missing: a table not located is unreadable, not absent;
a rule that says something is absent from the document is not checked; a document whose
tables all lie beyond the pages read is not called "not a disclosure".

The reading is cut after k pages by a deadline that expires on its k+1-th look (the document's
time running out on a slow machine), on the real sample PDF."""

from __future__ import annotations

import re

import pytest
from tests.tests_support import SAMPLES

import juesuan
from juesuan.pages import page_ranges, zh_page_ranges
from juesuan.read import ReadError
from juesuan.read.types import OUT_OF_TIME, ReadLog

SAMPLE = SAMPLES / "上海市普陀区财政局2024年度部门决算.pdf"
NESTED = re.compile(r"（同一原因另引起 \d+ 项不符，见其下）")


def _cut_after(monkeypatch, k: int) -> None:
    from juesuan.read import pdf

    class Cut:
        def __init__(self, seconds):
            self.looks = 0

        def expired(self):
            self.looks += 1
            return self.looks > k

        def left(self):
            return None

    monkeypatch.setattr(pdf, "Deadline", Cut)


def _causes(report) -> set[tuple[str, str]]:
    # a root cause: its rule and message, without the count of what it caused (that count
    # shrinks with the pages read)
    return {(f.rule, NESTED.sub("", f.message)) for f in report.findings}


@pytest.fixture(scope="module")
def full():
    if not SAMPLE.exists():
        pytest.skip("sample PDF not available")
    return _causes(juesuan.audit(juesuan.read(SAMPLE)))


def test_read_log_keeps_the_first_reason():
    log = ReadLog()
    log.warn("page 1: read with pdfplumber")
    log.lost(3, "page 3: skipped (slow)", "本页读取超时")
    log.lost(3, "page 3: OCR failed", "本页文字识别失败")
    assert log.unread == {3: "本页读取超时"} and len(log.warnings) == 3


def test_page_ranges():
    assert page_ranges([7, 1, 2, 3, 3]) == "1-3, 7"
    assert zh_page_ranges([8, 9, 10, 12]) == "8–10、12"
    assert page_ranges([]) == ""


@pytest.mark.parametrize("k", [8, 14, 20])
def test_pages_never_reached_are_unread(monkeypatch, full, k):
    _cut_after(monkeypatch, k)
    doc = juesuan.read(SAMPLE)
    assert doc.unread_pages == {p: OUT_OF_TIME for p in range(k + 1, 26)}
    assert any(w.startswith(f"stopped after page {k}:") for w in doc.warnings)
    for t in doc.tables.values():
        if not t.present and not t.declared_empty:  # not found: perhaps on a page not read
            assert t.status == "unreadable" and f"第 {k + 1}–25 页" in (t.status_reason or ""), t
    report = juesuan.audit(doc)
    assert _causes(report) <= full  # nothing the whole document does not have
    rows = [r for r in report.coverage if r.rule == "C-glossary"]
    assert [r.status for r in rows] == ["not_checked"] and f"第 {k + 1}–25 页" in (rows[0].reason or "")


def test_cut_at_every_page_adds_no_finding(monkeypatch, full):
    for k in range(6, 26):
        _cut_after(monkeypatch, k)
        assert _causes(juesuan.audit(juesuan.read(SAMPLE))) <= full, k


def test_no_table_on_the_pages_read_is_not_called_not_a_disclosure(monkeypatch, full):
    _cut_after(monkeypatch, 3)  # the sample's first table is on page 6
    with pytest.raises(ReadError) as e:
        juesuan.read(SAMPLE)
    assert "could not be read" in str(e.value) and "4-25" in str(e.value)
    assert "not a final-accounts disclosure" not in str(e.value)
