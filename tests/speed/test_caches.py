"""The in-process speed mechanisms (issue 15) answer exactly what they stand in for: a kept
answer is reused only while what it depends on is unchanged, and a collector pause restores
the collector's state. Synthetic inputs only (a made-up department)."""

from __future__ import annotations

import gc
import threading
from decimal import Decimal as D

from juesuan.extract.claims.paragraphs import paragraphs
from juesuan.extract.claims.subjects import _closest
from juesuan.gcpause import gc_paused
from juesuan.model import Cell, Disclosure, Repair
from juesuan.pipeline import build
from juesuan.read.text import read_text
from juesuan.read.types import Chunk, Line
from juesuan.repair.identities import _expand, _shape, identities
from juesuan.rules.memo import evaluation, memoized
from juesuan.textnorm import nfkc

T05 = ("一般公共预算财政拨款支出决算表\n单位：万元\n项目\t\t合计\t基本支出\t项目支出\n"
       "201\t一般公共服务支出\t10.00\t6.00\t4.00\n20101\t人大事务\t10.00\t6.00\t4.00\n"
       "2010101\t行政运行\t10.00\t6.00\t4.00\n合计\t\t10.00\t6.00\t4.00\n")


def _doc() -> Disclosure:
    return build(read_text(T05.encode("utf-8"), "synthetic.txt"))


# ---- gcpause ------------------------------------------------------------------------------

def test_gc_pause_nests_and_restores_the_collector():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()


def test_gc_pause_leaves_a_disabled_collector_disabled():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_gc_pause_of_two_threads_enables_once_both_end():
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with gc_paused():
            inside.set()
            release.wait(5)

    t = threading.Thread(target=other)
    with gc_paused():
        t.start()
        inside.wait(5)
    assert not gc.isenabled()  # the other thread's pause is still running
    release.set()
    t.join(5)
    assert gc.isenabled()


# ---- rules.memo ---------------------------------------------------------------------------

def test_memo_computes_once_per_evaluation_and_per_object():
    calls: list[object] = []

    def compute(o: object) -> int:
        calls.append(o)
        return len(calls)

    a, b = object(), object()
    with evaluation():
        assert memoized("q", a, compute) == memoized("q", a, compute) == 1
        assert memoized("q", b, compute) == 2
        assert memoized("other", a, compute) == 3
    assert memoized("q", a, compute) == 4  # outside an evaluation: computed every time
    assert memoized("q", a, compute) == 5


# ---- identities -----------------------------------------------------------------------------

def test_identities_are_expanded_again_when_the_printed_cells_change():
    d = _doc()
    first = identities(d)
    assert first == _expand(d, _shape(d)[0]) and first
    assert identities(d) == first  # kept: same shape
    t = d.tables["T05"]
    t.put(Cell(table="T05", row="20102", column="合计", value=D("1.00"), raw="1.00"))
    assert identities(d) == _expand(d, _shape(d)[0]) != first


def test_identities_follow_cells_printed_but_unreadable():
    d = _doc()
    before = identities(d)
    d.tables["T05"].cells = [c for c in d.tables["T05"].cells if c.key != ("T05", "2010101", "项目支出")]
    d.repairs.append(Repair(table="T05", row="2010101", column="项目支出", raw="4.0?", value=None, reason="unreadable"))
    after = identities(d)
    assert after == _expand(d, _shape(d)[0])
    assert any(("T05", "2010101", "项目支出") in i.keys for i in after)
    assert len(before) == len(after)


def test_identities_of_another_document_are_its_own():
    d1, d2 = _doc(), _doc()
    identities(d1)
    d2.tables["T05"].cells = d2.tables["T05"].cells[:3]
    assert identities(d2) == _expand(d2, _shape(d2)[0])


# ---- paragraphs -------------------------------------------------------------------------------

def test_paragraphs_follow_the_lines_of_the_source():
    src = read_text("一、收入支出决算总体情况\n本年收入合计 100.00 万元。\n".encode(), "s.txt")
    first = [p.text for p in paragraphs(src, 0, len(src.lines))]
    assert first == [p.text for p in paragraphs(src, 0, len(src.lines))]
    src.lines.append(Line(no=3, text="本年支出合计 90.00 万元。", chunks=[Chunk("本年支出合计 90.00 万元。")]))
    again = [p.text for p in paragraphs(src, 0, len(src.lines))]
    assert again != first and "90.00" in again[-1]
    other = read_text("一、收入支出决算总体情况\n本年收入合计 200.00 万元。\n".encode(), "t.txt")
    assert "200.00" in paragraphs(other, 0, len(other.lines))[-1].text


# ---- resolver: the closest row name ---------------------------------------------------------

def test_closest_row_name_is_difflibs_best_above_the_cutoff():
    import difflib

    labels = {"2010101": "行政运行", "2010102": "一般行政管理事务", "2010150": "事业运行", "2010199": "其他人大事务支出"}
    for name in ("行政运行", "一般行政管理", "事业运行费", "其他人大事务", "完全不同的名称", "运行"):
        cands = list(labels)
        scored = sorted(((difflib.SequenceMatcher(None, labels[k], name).ratio(), k) for k in cands), reverse=True)
        want = scored[0][1] if scored[0][0] >= 0.75 else None
        assert _closest(name, cands, labels, 0.75) == want


# ---- textnorm --------------------------------------------------------------------------------

def test_nfkc_of_text_already_normal_is_the_text_and_of_other_text_normalised():
    assert nfkc("本年收入 100.00") == "本年收入 100.00"
    assert nfkc("１２３．４５　⼈") == "123.45 人"


def test_resolver_keeps_subjects_by_phrase_but_hands_out_fresh_lists():
    from juesuan.extract.claims.subjects import Resolver

    d = _doc()
    res = Resolver(d)
    first = res.resolve("一般公共服务支出", "一般公共预算财政拨款支出")
    kept = list(first)
    assert kept and kept == res._resolve("一般公共服务支出", "一般公共预算财政拨款支出")
    first.clear()  # the caller's list: the kept answer is not touched
    assert Resolver(d).resolve("一般公共服务支出", "一般公共预算财政拨款支出") == kept
    other = _doc()
    other.tables["T05"].row_labels["201"] = "另一个名称"
    assert Resolver(other)._subjects is not res._subjects  # another document: its own answers
