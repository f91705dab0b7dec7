"""T06 amounts that drifted against their codes within a column group.

Some PDF text tools emit a column group of 公开06表 as a run of codes and a run of amounts that
do not skip a row printing nothing: from that row on, each code line carries the next row's
amount, and the group's last line repeats the first amount of the run (the class figure) —
the tool started the run over. The figures are read as printed, each on its line, and the
class sum fails by exactly the repeated figure (pdfplumber on some FY2025 disclosures).

This is the drift of the flat code tables (``realign``), in one column group: the same
alignment of amount rows to code rows, with the identities T06 has — each class = Σ its items,
人员经费合计 / 公用经费合计 = their classes — and, as the sibling evidence, the “三公” table:
T06's 30212 / 30217 / 30231 are part of T09's 决算数 (X-T09-T06-floor), usually equal. An
alignment is kept only when every identity holds, its left-over amounts are a tail that
repeats the run's start (the drift's signature: without it a failing class sum is the
document's own, and is reported), and no amount inside the run is dropped.

A class sum holds wherever a one-row shift starts, so it confirms the shift but not its start:
``realign.settle`` names the rows that another acceptable alignment gives another figure. The
alignment shown keeps as many amounts on their own line as the evidence allows; the rows it
does not settle are marked uncertain (a row left blank among them gets an uncertain 0: blank
is 0, and the reviewer must see the doubt). A drift whose signature is printed but that no
alignment confirms marks the group's figures uncertain and the table partial.

What the reviewer sees: one reading note per group naming the table, the class, the first
realigned code and the shift; each moved figure carries the reason on its cell. No audit
finding: from the text alone a drift made by the tool cannot be told from one printed in the
PDF, and the identities that saw it hold once realigned (one root cause, no cascade).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from juesuan.extract import realign
from juesuan.extract.economic import Footer, Triple, identity_tally
from juesuan.extract.records import Value, add_note, make_value

REALIGNED = "基本支出决算表同一栏的金额与科目错位（文本中金额行比科目行上移），已按类合计=各款之和及“三公”经费表重新对齐"
UNSETTLED = "错位从哪一行开始无法由勾稽关系唯一确定：该行数值存疑"
UNCONFIRMED = "本栏类合计≠各款之和，且末行重复栏首数值（金额行与科目行错位），但无法确定正确对应：该行数值存疑"


def _segments(triples: list[Triple]) -> list[list[int]]:
    """Indices of the triples of each column group in reading order (by class when the group
    is not known: a class's rows are printed one under the other)."""
    out: dict[object, list[int]] = {}
    for k, tr in enumerate(triples):
        if tr.code:
            out.setdefault(tr.group if tr.group is not None else tr.code[:3], []).append(k)
    return list(out.values())


def _class_sums_failing(triples: list[Triple], seg: list[int]) -> int:
    keys: list[str | None] = [triples[k].code for k in seg]
    totals = [triples[k].value.parsed.value if triples[k].value is not None else None for k in seg]  # type: ignore[union-attr]
    return sum(1 for *_, ok in realign.hierarchy(keys, totals) if not ok)


def _trial(triples: list[Triple], seg: list[int], tuples: list[list[Value]], taken: list[int | None]) -> list[Triple]:
    trial = list(triples)
    for k, t in zip(seg, taken):
        trial[k] = replace(triples[k], value=tuples[t][0] if t is not None else None)
    return trial


def _accept(triples: list[Triple], footers: list[Footer], seg: list[int],
            tuples: list[list[Value]]) -> Callable[[list[int | None]], bool]:
    """The drift's own test of an alignment: every amount of the run placed (none dropped
    inside it), and the table's identities (classes, 人员/公用经费合计) fail only where they
    failed apart from this group (a slip elsewhere in the document is not this group's)."""
    before = identity_tally(triples, footers)[1] - _class_sums_failing(triples, seg)

    def ok(taken: list[int | None]) -> bool:
        if sum(1 for t in taken if t is not None) != len(tuples):
            return False
        return identity_tally(_trial(triples, seg, tuples, taken), footers)[1] <= before
    return ok


def realign_groups(triples: list[Triple], footers: list[Footer],
                   refs: dict[str, realign.Reference]) -> tuple[list[str], list[str], int]:
    """Realign each column group whose class sum fails and whose figures drifted (module).
    Returns (reading notes, reasons the table is only partly read, figures read that are known
    repeats). Triples are changed in place."""
    notes: list[str] = []
    doubts: list[str] = []
    repeats = 0
    for seg in _segments(triples):
        if not _class_sums_failing(triples, seg):
            continue
        # Only rows printing an amount take part: from the row the run did not skip on, every
        # row carries an amount; a row printing none was never reached by the drift.
        seg = [k for k in seg if triples[k].value is not None]
        keys: list[str | None] = [triples[k].code for k in seg]
        tuples = [[v] for k in seg if (v := triples[k].value) is not None]  # amount row j: row j's
        # the drift's signature: the run's last amounts repeat its first (the tool started over);
        # those are known repeats, the rest of the run is aligned whole
        tails = [n for n in range(1, len(tuples) // 2 + 1) if realign.repeats_start(tuples[-n:], tuples[:-n])]
        if not tails:
            continue  # the failing class sum is the document's own: reported, not hidden
        name = "、".join(dict.fromkeys(c[:3] for c in keys if c))
        for n in tails:
            run = tuples[:-n]
            rules = realign.Rules(min_checks=1, own=list(range(len(run))), accept=_accept(triples, footers, seg, run))
            settled = realign.settle(keys, run, refs, rules)
            if settled is not None:
                taken, unsettled = settled
                notes.append(_apply(triples, seg, run, taken, unsettled, name, n))
                repeats += n
                break
        else:
            for k in seg:
                if triples[k].value is not None:
                    triples[k].uncertain, triples[k].note = True, UNCONFIRMED
            doubts.append(f"经济分类 {name} 一栏类合计≠各款之和且末行重复栏首数值（金额行与科目行错位），无法确定正确对应")
    return notes, doubts, repeats


def _apply(triples: list[Triple], seg: list[int], tuples: list[list[Value]],
           taken: list[int | None], unsettled: set[int], name: str, left: int) -> str:
    """Put the alignment on the triples (amount row j was printed on row j); the reading note."""
    moved: list[tuple[str, int]] = []
    for i, (k, t) in enumerate(zip(seg, taken)):
        tr = triples[k]
        if t is None:
            tr.value = None
        elif t != i:
            v = tuples[t][0]
            tr.value = Value(raw=v.raw, parsed=v.parsed, line=tr.line, note=REALIGNED)
            tr.note = REALIGNED
            moved.append((tr.code or "", i - t))
        if i in unsettled:
            if tr.value is None:
                tr.value = make_value("0.00", tr.line)
            tr.uncertain, tr.note = True, add_note(tr.note, UNSETTLED)
    shifts = "、".join(dict.fromkeys(f"{s} 行" for _, s in moved))
    note = (f"T06：经济分类 {name} 一栏金额行与科目行错位，自 {moved[0][0]} 起 {len(moved)} 个科目的金额印在其上 {shifts}，"
            f"末尾 {left} 个数值重复栏首数值；已按类合计=各款之和等勾稽关系重新对齐") if moved else \
        f"T06：经济分类 {name} 一栏末尾 {left} 个数值重复栏首数值，未读入"
    if unsettled:
        codes = [triples[seg[i]].code or "" for i in sorted(unsettled)]
        note += f"；错位起点无法唯一确定，{codes[0]}–{codes[-1]} 间 {len(codes)} 个数值标记为存疑"
    return note


__all__ = ["realign_groups", "REALIGNED", "UNSETTLED", "UNCONFIRMED"]
