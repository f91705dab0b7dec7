"""Table.status / status_reason: a table located but not (fully) read is never silent."""

from __future__ import annotations

from decimal import Decimal as D

from juesuan.extract.status import BLOCK_REASON, NO_FIGURES, column_blocks
from juesuan.pipeline import build
from juesuan.read.text import read_text
from juesuan.read.types import Chunk, Line

HEAD = "一般公共预算财政拨款支出决算表\n单位：万元\n项目\t\t合计\t基本支出\t项目支出\n"


def _doc(text: str):
    return build(read_text(text.encode("utf-8"), "synthetic.txt"))


def test_a_table_read_in_full_is_read():
    t = _doc(HEAD + "201\t一般公共服务支出\t10.00\t6.00\t4.00\n合计\t\t10.00\t6.00\t4.00\n").tables["T05"]
    assert t.status == "read" and t.status_reason is None


def test_located_with_figures_but_no_cell_is_unreadable():
    # the figures are there, but in no shape the reader knows: no code, no label
    d = _doc(HEAD + "见附图 10.00 6.00 4.00\n")
    t = d.tables["T05"]
    assert not t.cells
    assert t.status == "unreadable"
    assert "未能读出任何单元格" in t.status_reason
    assert any(w.startswith("T05") and "无法读取" in w for w in d.warnings)


def test_located_blank_table_without_statement_is_unreadable():
    t = _doc(HEAD + "合计\n").tables["T05"]
    assert t.status == "unreadable" and "没有读到任何数值" in t.status_reason


def test_declared_empty_table_is_read():
    t = _doc(HEAD + "合计\n注：本部门无一般公共预算财政拨款支出，故本表无数据。\n").tables["T05"]
    assert t.declared_empty and t.status == "read"


def test_identities_failing_in_bulk_make_a_table_partial():
    rows = "".join(f"2010{k}\t项{k}\t9.00\t1.00\t1.00\n" for k in range(1, 6))
    t = _doc(HEAD + "201\t一般公共服务支出\t45.00\t5.00\t5.00\n" + rows).tables["T05"]
    assert t.status == "partial" and "勾稽关系" in t.status_reason


def test_one_real_error_does_not_make_a_table_partial():
    t = _doc(HEAD + "201\t一般公共服务支出\t10.00\t6.00\t4.00\n20101\t人大事务\t10.00\t6.00\t4.00\n"
             "2010101\t行政运行\t10.00\t6.00\t4.01\n合计\t\t10.00\t6.00\t4.00\n").tables["T05"]
    assert t.status == "read"


# --------------------------------------------------------------------------- thresholds

ROWS = ("201\t一般公共服务支出\t10.00\t6.00\t4.00\n20101\t人大事务\t10.00\t6.00\t4.00\n"
        "2010101\t行政运行\t10.00\t6.00\t4.00\n合计\t\t10.00\t6.00\t4.00\n")


def test_a_fifth_of_the_figures_unread_is_stray_numbers_more_is_a_failed_reading():
    # a line with figures and neither code nor name is printed but cannot become cells: 12 read
    fifth = _doc(HEAD + ROWS + "\t见附注\t1.00\t2.00\t3.00\n").tables["T05"]
    assert fifth.status == "read", fifth.status_reason  # 3 of 15 unread
    more = _doc(HEAD + ROWS + "\t见附注\t1.00\t2.00\t3.00\t4.00\n").tables["T05"]
    assert more.status == "partial" and "表内印有 16 个数值，只读出 12 个" in more.status_reason


def test_two_failing_identities_are_the_documents_three_in_bulk_are_the_readers():
    classes = ("201\t一般公共服务支出", "205\t教育支出", "208\t社会保障和就业支出", "210\t卫生健康支出", "212\t城乡社区支出")

    def table(bad: int):  # five rows, each 小计 = 基本支出 + 项目支出 unless it is one of the bad
        rows = "".join(f"{c}\t{9 if k < bad else 1}.00\t1.00\t0.00\n" for k, c in enumerate(classes))
        return _doc(HEAD + rows).tables["T05"]

    assert table(2).status == "read"
    assert table(3).status == "partial" and "勾稽关系" in table(3).status_reason


# --------------------------------------------------------------------------- column blocks

T05_TITLE = ["一般公共预算财政拨款支出决算表", "单位：万元", "项目", "合计", "基本支出", "项目支出"]
T05_ROWS = [("201", "一般公共服务支出", "10.00", "6.00", "4.00"), ("201 06", "财政事务", "10.00", "6.00", "4.00"),
            ("201 06 01", "行政运行", "6.00", "6.00"), ("201 06 02", "一般行政管理事务", "4.00", "4.00")]


def _one_cell_a_line(lines: list[str]):
    return _doc("\n".join(lines) + "\n")


def test_one_cell_a_line_row_by_row_reads_with_codes_split_over_lines():
    lines = [*T05_TITLE, "合计", "10.00", "6.00", "4.00"]
    for code, *rest in T05_ROWS:
        lines += [*code.split(), *rest]
    t = _one_cell_a_line(lines).tables["T05"]
    assert t.status == "read"
    assert t.value("2010601", "基本支出") == D("6.00") and t.value("2010602", "项目支出") == D("4.00")


def _column_blocks(columns: list[str]):
    codes = [c for r in T05_ROWS for c in r[0].split()[:1]] + [p for r in T05_ROWS for p in r[0].split()[1:]]
    names = [r[1] for r in T05_ROWS]
    return _one_cell_a_line([*T05_TITLE, "合计", *codes, *names, "10.00", "6.00", "4.00", *columns])


COLUMN_BLOCKS = ["10.00", "10.00", "6.00", "4.00", "6.00", "6.00", "6.00", "4.00", "4.00", "4.00"]


def test_one_cell_a_line_column_by_column_is_placed_by_its_identities():
    """pdftotext's reading order: the codes of all rows, then the names, then each column's
    amounts (empty cells dropped). The identities place every amount (extract/blocks.py);
    an amount another placement could move is marked uncertain, none is wrong."""
    t = _column_blocks(COLUMN_BLOCKS).tables["T05"]
    want = {("合计", "小计"): "10.00", ("合计", "基本支出"): "6.00", ("合计", "项目支出"): "4.00"}
    for code, _name, *vals in T05_ROWS:
        cols = ("小计", "基本支出") if len(vals) == 2 and code.endswith("01") else ("小计", "项目支出") if len(vals) == 2 \
            else ("小计", "基本支出", "项目支出")
        want.update({(code.replace(" ", ""), c): v for c, v in zip(cols, vals)})
    assert {(c.row, c.column): f"{c.value:.2f}" for c in t.cells} == want
    assert t.status == "read" and t.layout == "column-blocks"


def test_column_blocks_no_placement_confirms_are_unreadable_and_keep_no_cell():
    d = _column_blocks([*COLUMN_BLOCKS[:-1], "5.00"])  # 项目支出 of 2010602 misprinted: no identity holds
    t = d.tables["T05"]
    assert t.status == "unreadable" and t.status_reason == BLOCK_REASON
    assert not t.cells and not t.row_labels
    assert any(w.startswith("T05") and "无法读取" in w for w in d.warnings)


def test_a_row_of_twelve_three_gong_amounts_is_not_a_column_block():
    # the horizontal 三公 form prints 预算数 and 决算数 of six items in one row: 12 amounts running
    lines = [HEAD.split("\n")[0], "单位：万元", *"预算数 决算数".split()]
    amounts = ["3.00", "1.00", "2.00", "0.50", "1.50", "0.00"] * 2
    assert not column_blocks("T09", [Line(no=k, text=t, chunks=[Chunk(t)]) for k, t in enumerate(lines + amounts)])
    assert column_blocks("T05", [Line(no=k, text=t, chunks=[Chunk(t)]) for k, t in enumerate(lines + amounts)])


def test_a_table_the_toc_lists_but_a_scan_shows_nowhere_is_unreadable_not_missing():
    from juesuan.extract.status import UNRECOGNISED_IN_SCAN, mark_unrecognised
    from juesuan.model import Disclosure, Table

    def doc():
        d = Disclosure(toc_tables=["T05", "T08"])
        d.tables["T05"] = Table(id="T05")  # not located
        d.tables["T08"] = Table(id="T08", declared_empty=True)
        return d

    scanned = doc()
    mark_unrecognised(scanned, True, {})
    assert scanned.tables["T05"].status == "unreadable" and scanned.tables["T05"].status_reason == UNRECOGNISED_IN_SCAN
    assert scanned.tables["T08"].status == "read"  # declared empty: nothing to recognise
    text = doc()
    mark_unrecognised(text, False, {})  # a text layer's titles are exact: absence stays a finding
    assert text.tables["T05"].status == "read"


def test_a_table_whose_title_is_printed_alone_is_unreadable_not_missing():
    # a tool that printed a form's cells out of order (pdfminer) puts the title after them: the
    # title line is in the body, nothing after it confirms a table
    from juesuan.pipeline import build
    from juesuan.read.text import read_text
    from juesuan.rules import run_rules

    body = ("2024年度部门决算\n收入支出决算总表\n公开01表\n单位：万元\n项目\t决算数\t项目\t决算数\n"
            "一、一般公共预算财政拨款收入\t100.00\t一、一般公共服务支出\t100.00\n"
            "本年收入合计\t100.00\t本年支出合计\t100.00\n")
    stray = "\n".join(["项目", "决算数", "10.00", "6.00", "4.00", "收入决算表", "第三部分 情况说明",
                        "一、收入支出决算总体情况说明", "本年收入合计100.00万元。"])
    doc = build(read_text((body + stray).encode(), "dept.txt"))
    t02 = doc.tables["T02"]
    assert not t02.present and t02.status == "unreadable" and "印有此表标题" in (t02.status_reason or "")
    assert any(w.startswith("T02 收入决算表：无法读取") for w in doc.warnings)
    missing = [f for f in run_rules(doc) if f.rule in ("C-tables-present", "C-toc-tables") and "（T02）" in f.message]
    assert not missing
    # a table neither located nor titled stays absent, and is reported so
    assert not doc.tables["T03"].present and doc.tables["T03"].status == "read"
    assert any(f.rule == "C-tables-present" and "（T03）" in f.message for f in run_rules(doc))


# --------------------------------------------------------------------------- one cell a line

def _cell_per_line(rows: list[tuple[str, ...]]) -> str:
    """T05 as plain pdftotext prints a table the tool read row by row: every cell a line."""
    return HEAD.replace("\t\t", "\n").replace("\t", "\n") + "".join("\n".join(r) + "\n" for r in rows)


def test_one_cell_a_line_with_a_failing_identity_is_partial_not_an_error():
    """One cell a line, a blank cell leaves no trace: a figure on the wrong row and a misprint
    look the same, so a failing identity makes the reading doubtful — never a finding."""
    d = _doc(_cell_per_line([("201", "一般公共服务支出", "10.00", "6.00", "4.00"), ("20101", "人大事务", "10.00", "6.00", "4.00"),
                             ("2010101", "行政运行", "10.00", "6.00", "4.50"), ("合计", "10.00", "6.00", "4.00")]))
    t = d.tables["T05"]
    assert t.status == "partial" and "各占一行" in t.status_reason
    from juesuan import audit
    assert not [f.rule for f in audit(d).findings if f.rule.startswith(("A-T05", "H-"))]
    # the same figures with cells kept in their columns (tabs) are a misprint: reported
    tabbed = _doc(HEAD + "201\t一般公共服务支出\t10.00\t6.00\t4.00\n20101\t人大事务\t10.00\t6.00\t4.00\n"
                  "2010101\t行政运行\t10.00\t6.00\t4.50\n合计\t\t10.00\t6.00\t4.00\n")
    assert [f.rule for f in audit(tabbed).findings if f.rule.startswith(("A-T05", "H-"))]


def test_one_cell_a_line_whose_identities_hold_is_read():
    t = _doc(_cell_per_line([("201", "一般公共服务支出", "10.00", "6.00", "4.00"), ("20101", "人大事务", "10.00", "6.00", "4.00"),
                             ("2010101", "行政运行", "10.00", "6.00", "4.00"), ("合计", "10.00", "6.00", "4.00")])).tables["T05"]
    assert t.status == "read", t.status_reason


def test_a_footer_figure_is_taken_by_one_footer_only():
    """人员经费合计's figure printed below its label, 公用经费合计's after the page's footer:
    the line between the labels is 人员's, and 公用 does not take it again."""
    from juesuan.extract.economic import footers_of
    texts = ["人员经费合计", "1,864.13", "公用经费合计", "— 10 —", "399.15"]
    lines = [Line(no=k, text=t, chunks=[Chunk(t)]) for k, t in enumerate(texts)]
    got = {f.key: (f.value.raw if f.value else None) for f in footers_of(lines)}
    assert got["人员经费合计"] == "1,864.13" and got.get("公用经费合计") != "1,864.13"
    texts = ["1,000.00", "人员经费合计", "500.00", "公用经费合计"]  # pdftotext -layout: each above its label
    lines = [Line(no=k, text=t, chunks=[Chunk(t)]) for k, t in enumerate(texts)]
    assert {f.key: f.value.raw for f in footers_of(lines)} == {"人员经费合计": "1,000.00", "公用经费合计": "500.00"}


# ------------------------------------------------- rows skipped for want of a code (OCR)

KUAN = "201\t一般公共服务支出\t10.00\t6.00\t4.00\n20101\t人大事务\t10.00\t6.00\t4.00\n"


def test_a_skipped_row_an_identity_misses_makes_the_table_partial():
    """A row whose code was lost (none could be rebuilt) while its figures are exactly what a
    failing identity misses: a figure lost in reading, not a misprint — never an error."""
    d = _doc(HEAD + KUAN + "2010101\t行政运行\t7.00\t3.00\t4.00\n某某专项事务\t3.00\t3.00\t\n合计\t\t10.00\t6.00\t4.00\n")
    t = d.tables["T05"]
    assert t.status == "partial" and "某某专项事务" in t.status_reason and "未读取" in t.status_reason
    import juesuan

    assert not [f for f in juesuan.audit(d).findings if f.rule.startswith("H-")]


def test_a_skipped_row_no_identity_misses_leaves_the_table_read():
    """Stray marks read as a row (OCR noise under a table), the identities all holding: the
    table is read, and a real misprint elsewhere is still reported."""
    t = _doc(HEAD + KUAN + "2010101\t行政运行\t10.00\t6.00\t4.00\n某某专项事务\t\t18\t\n合计\t\t10.00\t6.00\t4.00\n").tables["T05"]
    assert t.status == "read"
    t = _doc(HEAD + KUAN + "2010101\t行政运行\t9.00\t6.00\t4.00\n某某专项事务\t\t18\t\n合计\t\t10.00\t6.00\t4.00\n").tables["T05"]
    assert t.status == "read"  # 20101 misses 1.00: not the skipped row's 18


def test_a_code_one_digit_off_glued_to_its_name_is_read_from_the_name():
    """OCR lost a digit of the code and glued the rest to the name: the catalogue's code for
    the name under the rows above, one slip away from the printed digits, is the row's code
    (said in the reading notes); digits further off leave the row unread."""
    d = _doc(HEAD + KUAN + "201010行政运行\t10.00\t6.00\t4.00\n合计\t\t10.00\t6.00\t4.00\n")
    t = d.tables["T05"]
    assert t.status == "read" and t.get("2010101", "小计").value == D("10.00")
    assert t.row_labels["2010101"] == "行政运行"
    assert any("code printed as '201010' read as 2010101" in w for w in d.warnings)
    d = _doc(HEAD + KUAN + "209910行政运行\t10.00\t6.00\t4.00\n合计\t\t10.00\t6.00\t4.00\n")
    assert d.tables["T05"].get("2010101", "小计") is None
    assert any("none could be rebuilt" in w for w in d.warnings)


def test_one_slip():
    from juesuan.extract.codes import _one_slip

    assert _one_slip("220019", "2200199") and _one_slip("22001999", "2200199") and _one_slip("2200189", "2200199")
    assert not _one_slip("2200199", "2200199") and not _one_slip("220909", "2200199") and not _one_slip("22019", "2200199")


def test_a_code_printed_in_one_cell_with_its_name_is_split():
    """No gap between the code and the name (one cell, with or without a space): the code of
    this table heading the cell is the row's code; a digit run no code of the table is stays
    in the name for the rebuild above."""
    from juesuan.extract.records import FUNC_CODE_RE, split_code_and_name

    assert split_code_and_name(["2010101行政运行"], FUNC_CODE_RE)[:2] == ("2010101", "行政运行")
    assert split_code_and_name(["2010101 行政运行", ""], FUNC_CODE_RE)[:2] == ("2010101", "行政运行")
    assert split_code_and_name(["220019其他自然资源事务支出"], FUNC_CODE_RE)[:2] == (None, "220019其他自然资源事务支出")
    assert split_code_and_name(["3010101工资"], FUNC_CODE_RE)[:2] == (None, "3010101工资")  # not a 功能分类 code
    d = _doc(HEAD + KUAN + "2010101 行政运行\t10.00\t6.00\t4.00\n合计\t\t10.00\t6.00\t4.00\n")
    t = d.tables["T05"]
    assert t.status == "read" and t.get("2010101", "小计").value == D("10.00") and t.row_labels["2010101"] == "行政运行"


def test_a_blank_table_in_a_column_block_source_is_blank_not_misplaced():
    """A table printed with no figure at all, one cell a line, beside one printed column by
    column: there is nothing the column blocks could have misplaced, so it says what the PDF
    says — located, no figure read (NO_FIGURES, which N-claim-blank may point out) — not that
    its figures could not be placed."""
    codes = [c for r in T05_ROWS for c in r[0].split()[:1]] + [p for r in T05_ROWS for p in r[0].split()[1:]]
    blank_t09 = ["财政拨款“三公”经费支出决算表", "单位：万元", "合计", "预算数", "决算数", "因公出国（境）费",
                 "预算数", "决算数", "公务接待费", "预算数", "决算数"]
    d = _one_cell_a_line([*T05_TITLE, "合计", *codes, *[r[1] for r in T05_ROWS], "10.00", "6.00", "4.00",
                          *COLUMN_BLOCKS, *blank_t09])
    assert d.tables["T05"].layout == "column-blocks"
    t = d.tables["T09"]
    assert t.status == "unreadable" and t.status_reason == NO_FIGURES and not t.cells and not t.row_labels
