"""T06 amounts drifted against their codes within a column group (extract/economic_drift.py):
realigned when the identities and the “三公” table settle it, the rows they leave open marked
uncertain, a drift no alignment confirms flagged; a failing class sum without the drift's
signature is the document's own and stays reported.

A made-up department in the flat two-group layout a PDF text tool prints. Its 30213 printed no
amount; the tool's run of the 302 amounts did not skip it, so from 30213 on each code line
carries the next row's amount and 30299's line repeats the class figure 40.00.
Meant 302 items: 30201 10, 30202 5, 30211 6, 30212 3, 30213 blank, 30217 2, 30228 8,
30231 5, 30299 1 (Σ 40). The “三公” table: 出国 3, 运维 5, 接待 2.
"""

from __future__ import annotations

from decimal import Decimal as D

from juesuan import audit
from juesuan.extract import realign
from juesuan.extract.economic_drift import UNCONFIRMED, UNSETTLED
from juesuan.extract.records import make_value
from juesuan.pipeline import build
from juesuan.read.text import read_text
from juesuan.read.types import Line

HEAD = "一般公共预算财政拨款基本支出决算表\n单位：万元\n科目编码 科目名称 决算数 科目编码 科目名称 决算数\n"
LEFT = [("301 工资福利支出 100.00"), ("30101 基本工资 60.00"), ("30102 津贴补贴 40.00"),
        ("303 对个人和家庭的补助 20.00"), ("30302 退休费 20.00")]
RIGHT_CODES = [("302", "商品和服务支出"), ("30201", "办公费"), ("30202", "印刷费"), ("30211", "差旅费"),
               ("30212", "因公出国（境）费用"), ("30213", "维修（护）费"), ("30217", "公务接待费"),
               ("30228", "工会经费"), ("30231", "公务用车运行维护费"), ("30299", "其他商品和服务支出")]
DRIFTED = ["40.00", "10.00", "5.00", "6.00", "3.00", "2.00", "8.00", "5.00", "1.00", "40.00"]
MEANT = {"302": "40.00", "30201": "10.00", "30202": "5.00", "30211": "6.00", "30212": "3.00", "30217": "2.00",
         "30228": "8.00", "30231": "5.00", "30299": "1.00"}
FOOT = "人员经费合计 120.00 公用经费合计 40.00\n"
T09 = """财政拨款“三公”经费支出决算表
单位：万元
项目 预算数 决算数
合计 12.00 10.00
因公出国（境）费 3.00 3.00
公务用车购置及运行费 5.00 5.00
公务用车购置费 0.00 0.00
公务用车运行维护费 5.00 5.00
公务接待费 4.00 2.00
"""


def _t06(amounts: list[str]) -> str:
    lines = []
    for k, ((code, name), amt) in enumerate(zip(RIGHT_CODES, amounts)):
        right = f"{code} {name} {amt}".strip()
        lines.append(f"{LEFT[k]} {right}" if k < len(LEFT) else right)
    return HEAD + "\n".join(lines) + "\n" + FOOT


def _doc(text: str):
    return build(read_text(text.encode("utf-8"), "synthetic.txt"))


def _t06_cells(d) -> dict:
    return {c.row: c for c in d.tables["T06"].cells}


def _rules(d) -> set[str]:
    return {f.rule for f in audit(d).findings}


def test_drift_settled_by_the_sangong_table_is_realigned_exactly():
    d = _doc(_t06(DRIFTED) + T09)
    cells = _t06_cells(d)
    assert {r: str(cells[r].value) for r in MEANT} == MEANT
    assert "30213" not in cells  # it printed nothing: blank == 0
    assert not any(c.uncertain for c in cells.values())
    assert all(cells[r].repair for r in ("30217", "30228", "30231", "30299"))  # each moved figure says why
    assert not cells["30212"].repair
    t = d.tables["T06"]
    assert t.status == "read"
    notes = [w for w in d.warnings if w.startswith("T06：")]
    assert len(notes) == 1 and "302" in notes[0] and "30217" in notes[0] and "1 行" in notes[0]
    # one root cause, no cascade: the class sum and the 三公 floors hold once realigned
    assert not _rules(d) & {"H-T06-class-sum", "X-T09-T06-floor"}


def test_without_the_sangong_table_the_start_of_the_drift_is_flagged():
    """The class sum holds wherever a one-row shift starts: with nothing else to settle it, the
    rows whose figure depends on the start are uncertain, never silently wrong."""
    d = _doc(_t06(DRIFTED))
    cells = _t06_cells(d)
    for r, want in MEANT.items():
        c = cells.get(r)
        assert c is not None and (str(c.value) == want or c.uncertain), (r, c)
    assert any(UNSETTLED in c.repair for c in cells.values())
    assert not cells["302"].uncertain and str(cells["302"].value) == "40.00"
    assert "H-T06-class-sum" not in _rules(d)


def test_a_failing_class_sum_without_the_drift_signature_is_the_documents_own():
    """A typo in an item (no repeat of the class figure at the end of the run) is reported,
    not realigned and not hidden behind an uncertain mark."""
    typo = list(MEANT.values())[:-1] + ["2.00"]  # 30299 printed 2.00 for 1.00
    amounts = typo[:5] + [""] + typo[5:]  # 30213 blank, no drift
    d = _doc(_t06(amounts) + T09)
    cells = _t06_cells(d)
    assert str(cells["30299"].value) == "2.00" and not cells["30299"].uncertain
    assert not [w for w in d.warnings if w.startswith("T06：")]
    assert "H-T06-class-sum" in _rules(d)


def test_a_drift_no_alignment_confirms_marks_the_group_and_the_table():
    """The run repeats the class figure at its end, but one of its figures is also off (8.00
    printed 9.00): no alignment makes 302 = Σ items, so the 302 figures are uncertain and the
    table only partly read, with the reason in Chinese."""
    amounts = [("9.00" if a == "8.00" else a) for a in DRIFTED]
    d = _doc(_t06(amounts) + T09)
    cells = _t06_cells(d)
    assert all(cells[r].uncertain and UNCONFIRMED in cells[r].repair for r in MEANT)
    assert not cells["30101"].uncertain
    t = d.tables["T06"]
    assert t.status == "partial" and "错位" in (t.status_reason or "")


def _line() -> Line:
    return Line(no=1, text="", chunks=[], page=1)


def test_settle_names_the_rows_a_one_row_shift_leaves_open():
    """keys 302, 30201..30204 with one row skipped somewhere: Σ holds wherever; a sibling figure
    equal for 30204's shifted amount settles that row only."""
    keys: list[str | None] = ["302", "30201", "30202", "30203", "30204"]
    amounts = ["9.00", "1.00", "3.00", "5.00"]  # one row printed nothing: 1 + 3 + 5 = 9
    tuples = [[v] for a in amounts if (v := make_value(a, _line())) is not None]
    rules = realign.Rules(min_checks=1, own=[0, 1, 2, 3])
    out = realign.settle(keys, tuples, {}, rules)
    assert out is not None
    taken, unsettled = out
    assert taken[0] == 0 and {1, 2, 3, 4} <= unsettled | {i for i, t in enumerate(taken) if t is None}
    assert unsettled  # the start of the shift is open
    pinned = realign.settle(keys, tuples, {"30201": realign.Reference(high=D(0)), "30204": realign.Reference(high=D(5))},
                            rules)
    assert pinned is not None
    taken, unsettled = pinned
    assert taken == [0, None, 1, 2, 3] and not unsettled


def test_a_slip_in_another_class_does_not_stop_the_realignment():
    """30101 printed 61.00 for 60.00 (the document's own slip, 301 ≠ Σ): the 302 group is still
    realigned, and the slip is reported — once, for 301."""
    d = _doc(_t06(DRIFTED).replace("30101 基本工资 60.00", "30101 基本工资 61.00") + T09)
    cells = _t06_cells(d)
    assert {r: str(cells[r].value) for r in MEANT} == MEANT
    findings = [f for f in audit(d).findings if f.rule == "H-T06-class-sum"]
    assert len(findings) == 1 and "301" in findings[0].message
