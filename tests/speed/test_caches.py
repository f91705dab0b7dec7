"""The in-process speed mechanisms (issue 15) answer exactly what they stand in for: a kept
answer is reused only while what it depends on is unchanged and only within its own build (two
documents built in turn or at once never see each other's), and a collector pause restores the
collector's state. Synthetic inputs only (made-up departments)."""

from __future__ import annotations

import gc
import threading
import unicodedata
from collections.abc import Callable
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from juesuan import expansion
from juesuan.expansion import document_checks, expand
from juesuan.extract.claims import NarrativeContext
from juesuan.extract.claims.paragraphs import paragraphs
from juesuan.extract.claims.subjects import Resolver, _closest
from juesuan.gcpause import gc_paused
from juesuan.locate.sections import locate_sections
from juesuan.memo import uncached
from juesuan.model import Cell, Disclosure, Repair
from juesuan.pipeline import build
from juesuan.read.text import read_text
from juesuan.read.types import Source
from juesuan.repair.identities import DocumentIdentities, identities
from juesuan.rules.memo import evaluation, memoized
from juesuan.textnorm import _QUOTES, nfkc, norm

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


def test_a_child_forked_during_a_pause_starts_without_it():
    """A reading worker forked while the command's pause is in force runs with the collector
    on, and its own pauses work (gcpause._after_fork)."""
    def pauses() -> str:
        before = gc.isenabled()
        with gc_paused():
            inside = gc.isenabled()
        return f"{before} {inside} {gc.isenabled()}"

    with gc_paused():
        report = _in_forked_child(pauses)
        assert not gc.isenabled()  # the parent's pause holds
    assert report == "True False True"


def test_a_commands_pause_moves_its_objects_to_the_oldest_generation_as_it_ends():
    """for_command: no young collection walks what the command allocated once it ends, and
    nothing is left frozen for a caller that goes on."""
    from juesuan.gcpause import for_command

    assert gc.get_freeze_count() == 0
    with for_command():
        assert not gc.isenabled()
        made = [[i] for i in range(5000)]
        assert gc.get_count()[0] >= 5000  # all young while paused
    assert gc.isenabled()
    assert gc.get_count()[0] < 100 and gc.get_freeze_count() == 0
    assert made[-1] == [4999]


def _in_forked_child(report: Callable[[], str]) -> str:
    """What ``report`` returns when run in a forked child (which leaves at once after it): for
    what changes the collector's state for the rest of a process."""
    import os

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.write(w, report().encode())
        finally:
            os._exit(0)
    os.close(w)
    out = os.read(r, 100).decode()
    os.waitpid(pid, 0)
    return out


def _collections_in_a_settled_child(default_threshold: bool) -> tuple[int, int]:
    """In a forked child settled as a batch worker is after its first document: how many
    collections reading and auditing a document runs, then how many 60,000 objects in reference
    cycles set off. ``default_threshold``: with the young threshold put back to Python's."""

    def collections() -> str:
        from pathlib import Path

        import juesuan
        from juesuan.gcpause import settle

        path = Path(juesuan.__file__).parent / "examples" / "sample_disclosure.txt"
        juesuan.audit(juesuan.read(path))  # the first document: what it loads is kept
        settle()
        if default_threshold:
            gc.set_threshold(700, *gc.get_threshold()[1:])
        seen: list[int] = []
        gc.callbacks.append(lambda phase, info: seen.append(info["generation"]) if phase == "stop" else None)
        juesuan.audit(juesuan.read(path))
        reading = len(seen)
        for _ in range(60_000):
            loop: list[object] = []
            loop.append(loop)
        del loop
        return f"{reading} {len(seen) - reading}"

    reading, cycles = map(int, _in_forked_child(collections).split())
    return reading, cycles


def test_a_settled_process_never_walks_a_model_in_use():
    """gcpause.settle: a document's model, built in a pause and alive until the document is done,
    is not walked by a young collection as the pause ends (Python's threshold would); garbage in
    reference cycles is still collected once there is more of it than a model holds."""
    assert _collections_in_a_settled_child(default_threshold=True)[0] >= 1  # what settle avoids
    reading, cycles = _collections_in_a_settled_child(default_threshold=False)
    assert reading == 0
    assert cycles >= 1


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
    ids = DocumentIdentities(d)
    first = ids()
    assert first == identities(d) and first
    assert ids() == first  # kept: same shape
    t = d.tables["T05"]
    t.put(Cell(table="T05", row="20102", column="合计", value=D("1.00"), raw="1.00"))
    assert ids() == identities(d) != first


def test_identities_follow_cells_printed_but_unreadable():
    d = _doc()
    ids = DocumentIdentities(d)
    before = ids()
    d.tables["T05"].cells = [c for c in d.tables["T05"].cells if c.key != ("T05", "2010101", "项目支出")]
    d.repairs.append(Repair(table="T05", row="2010101", column="项目支出", raw="4.0?", value=None, reason="unreadable"))
    after = ids()
    assert after == identities(d)
    assert any(("T05", "2010101", "项目支出") in i.keys for i in after)
    assert len(before) == len(after)


# ---- the relations' checks, kept per document ----------------------------------------------------

def test_document_checks_are_kept_while_the_shape_holds_and_expanded_again_after():
    d = _doc()
    first = document_checks(d)
    assert first == expand(d) and first["A-T05-row"]
    assert document_checks(d) is first  # kept: same shape
    d.tables["T05"].cells[0].value = D("99.00")  # a value: no part of the shape
    assert document_checks(d) is first
    d.tables["T05"].put(Cell(table="T05", row="20102", column="合计", value=D("1.00"), raw="1.00"))
    again = document_checks(d)
    assert again is not first and again == expand(d) != first


def test_document_checks_count_cells_printed_but_unreadable():
    d = _doc()
    gone = ("T05", "2010101", "项目支出")
    d.tables["T05"].cells = [c for c in d.tables["T05"].cells if c.key != gone]
    plain, printed = document_checks(d), document_checks(d, [gone])
    assert printed == expand(d, [gone]) != plain
    assert any(gone in c.refs for c in printed["A-T05-row"]) and document_checks(d) == plain


def test_document_checks_are_kept_whatever_is_counted_printed_that_no_relation_asks_about():
    d = _doc()
    asked = ("T05", "2010101", "项目支出")  # (X-T05-T03-bound asks whether T05's cells are printed)
    d.tables["T05"].cells = [c for c in d.tables["T05"].cells if c.key != asked]
    unasked = ("T01", "结余分配", "金额")  # (a stray repair dropped: no relation asks about it)
    build = document_checks(d, [unasked])
    assert build == expand(d, [unasked]) == expand(d)
    assert document_checks(d) is build  # the audit counts nothing as printed: the same checks
    counted = document_checks(d, [unasked, asked])
    assert counted is not build and counted == expand(d, [asked]) != build
    assert document_checks(d, [asked]) is counted and document_checks(d) == build


def test_document_checks_are_each_documents_own_and_go_with_it():
    a, b = _doc(), _doc()
    b.tables["T05"].put(Cell(table="T05", row="20102", column="合计", value=D("1.00"), raw="1.00"))
    ca, cb = document_checks(a), document_checks(b)
    assert ca == expand(a) and cb == expand(b) and ca != cb
    assert document_checks(a) is ca
    key = id(b)
    del b, cb
    gc.collect()
    assert key not in expansion._kept


def test_the_audit_checks_what_its_context_would_expand():
    from juesuan.relations import BY_ID, RELATIONS
    from juesuan.rules.base import Context

    d = _doc()
    ctx = Context(d)
    for rel in RELATIONS:
        assert list(ctx.checks(rel)) == list(rel.expand(ctx))
    ctx.touched = set()  # recording what each rule reads: the relation is expanded over the context
    bound = BY_ID["X-T05-T03-bound"]  # (its expansion asks which T05 cells are printed)
    assert list(ctx.checks(bound)) == list(bound.expand(Context(d))) and ("T05", "合计", "小计") in ctx.touched


# ---- model ------------------------------------------------------------------------------------

def test_each_table_has_its_own_reader_notes():
    from juesuan.model import Table

    a, b = Table(id="T05"), Table(id="T06")
    a._doubts.append("疑问")
    a._covered.append("201 合计")
    assert b._doubts == [] and b._covered == [] and Table(id="T07")._doubts == []


# ---- the narrative context of one build ------------------------------------------------------

def test_context_paragraphs_are_the_paragraphs_of_the_range_in_fresh_lists():
    src = read_text("一、收入支出决算总体情况\n本年收入合计 100.00 万元。\n".encode(), "s.txt")
    ctx = NarrativeContext(src, locate_sections(src, []))
    first = ctx.paragraphs(0, len(src.lines))
    assert first == paragraphs(src, 0, len(src.lines)) and "100.00" in first[-1].text
    first.clear()  # the caller's list: the kept answer is not touched
    assert ctx.paragraphs(0, len(src.lines)) == paragraphs(src, 0, len(src.lines))


# Two made-up documents printed line for line alike — the same sections at the same lines, the
# same 类/款/项 path in the same words — whose 项 has another code and another figure: a range's
# paragraphs, a path's code or a phrase's subject kept from one build would show in the other.
_ALIKE = ("一般公共预算财政拨款支出决算表\n单位：万元\n项目\t\t合计\t基本支出\t项目支出\n"
          "201\t一般公共服务支出\t{v}\t{v}\t0.00\n20101\t人大事务\t{v}\t{v}\t0.00\n"
          "{code}\t行政运行\t{v}\t{v}\t0.00\n合计\t\t{v}\t{v}\t0.00\n"
          "第三部分 部门决算情况说明\n一、一般公共预算财政拨款支出决算情况说明\n"
          "一般公共服务支出(类)人大事务(款)行政运行(项)支出{v}万元，主要用于机关运行。\n")
_ALIKE_DOCS = {"2010101": "10.00", "2010199": "30.00"}  # code → its figure


def _alike(code: str) -> Disclosure:
    return build(read_text(_ALIKE.format(code=code, v=_ALIKE_DOCS[code]).encode(), f"{code}.txt"))


def _its_own(code: str, d: Disclosure) -> None:
    [claim] = [c for c in d.claims if c.kind == "amount"]
    assert claim.value == D(_ALIKE_DOCS[code])
    assert claim.cell is not None and claim.cell.row == code
    [st] = [s for s in d.statements if "(项)" in s.subject]
    assert st.cell is not None and st.cell.row == code and _ALIKE_DOCS[code] in st.text


def test_builds_of_two_documents_in_turn_keep_to_their_own_document():
    for code in [*_ALIKE_DOCS, *_ALIKE_DOCS, *reversed(_ALIKE_DOCS)]:
        _its_own(code, _alike(code))


def test_a_build_keeps_nothing_of_its_document_alive():
    name = "probe-kept-alive.txt"
    d = build(read_text(_ALIKE.format(code="2010101", v="10.00").encode(), name))
    assert d.meta.source == name and d.claims
    del d
    gc.collect()
    alive = [o for o in gc.get_objects()
             if (isinstance(o, Source) and o.path == name) or (isinstance(o, Disclosure) and o.meta.source == name)]
    assert not alive


def test_concurrent_builds_keep_to_their_own_document():
    failures: list[BaseException] = []

    def run(code: str) -> None:
        try:
            for _ in range(5):
                _its_own(code, _alike(code))
        except BaseException as e:  # reported by the main thread
            failures.append(e)

    threads = [threading.Thread(target=run, args=(code,)) for code in _ALIKE_DOCS for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not failures, failures[0]


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


@given(st.text(alphabet=st.sampled_from("本年收入１２３．４５　⼈（），: \t“”‘’'\"ａＡ\u3000\u00a0"), max_size=12))
def test_norm_asking_nfkc_quick_check_itself_is_its_definition(s):
    # norm skips nfkc's call on a text already NFKC: the same key as NFKC, straight quotes,
    # no whitespace
    want = "".join(unicodedata.normalize("NFKC", s).translate(_QUOTES).split())
    assert uncached(norm)(s) == want


def test_resolver_keeps_subjects_by_phrase_but_hands_out_fresh_lists():
    d = _doc()
    res = Resolver(d)
    first = res.resolve("一般公共服务支出", "一般公共预算财政拨款支出")
    kept = list(first)
    assert kept and kept == res._resolve("一般公共服务支出", "一般公共预算财政拨款支出")
    first.clear()  # the caller's list: the kept answer is not touched
    assert res.resolve("一般公共服务支出", "一般公共预算财政拨款支出") == kept
