"""First-read shortcuts of the performance readers (issue 15) give the plain answers: the funds
and 资金管理情况 readers read a row once per distinct row (a department's forms repeat their
zero funds rows and their 资金管理情况 rows form after form) and read, place by place, what
reading every row anew reads. Synthetic inputs only."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.performance import funds
from juesuan.extract.performance.common import NUMTOK, Row, clean, d, rows_of
from juesuan.model import PerformanceFund, PerformanceIndicator, made, printed_data
from juesuan.read.types import Chunk, Line
from juesuan.textnorm import norm


def _num_tokens_plain(r: Row) -> list[str]:
    ln = r.line
    if len(ln.chunks) <= 1:
        return [p for p in clean(ln.text).split() if NUMTOK.match(p)]
    out: list[str] = []
    for c in r.toks:
        t = c.replace(" ", "")
        if "," in t and funds._COMMA_POINT.fullmatch(t):
            t = t.replace(",", ".")
        if t and NUMTOK.match(t):
            out.append(t)
        elif t and " " in c.strip() and all(NUMTOK.match(p) for p in c.split()):
            out.extend(c.split())
    return out


def _fund_plain(label: str, raw: list[str], v: list[Decimal], ln: Line) -> PerformanceFund | None:
    source = "年度资金总额" if ("总额" in label or "资金总额" in label) else label
    got = funds.fund_row(v, ["%" in x for x in raw])
    idx: dict[str, int] = {}
    if got is not None:
        bi, ei, wi, ri, si = got
        idx = {"全年预算数": bi, "全年执行数": ei, "执行率": ri}
        if bi == 1:
            idx["年初预算数"] = 0
        if wi is not None:
            idx["分值"] = wi
        if si is not None:
            idx["得分"] = si
    elif len(v) >= 3 and v[0] and funds._agrees(v[1] / v[0], v[2]):
        idx = {"全年预算数": 0, "全年执行数": 1, "执行率": 2}
        if len(v) >= 4:
            idx["得分"] = 3
    else:
        return None
    vals = {funds._FUND_ATTR[key]: v[k] for key, k in idx.items()}
    rate, budget = vals["rate"], vals.get("budget")
    if "%" not in raw[idx["执行率"]] and rate <= Decimal("1.5") and budget:
        ratio = vals.get("executed", Decimal(0)) / budget
        if abs(ratio - rate) < abs(ratio * 100 - rate):
            vals["rate"] = rate * 100
    printed = printed_data({key: raw[k] for key, k in idx.items()}, ln.page, ln.no)
    return made(PerformanceFund, {"source": source, "printed": printed, **vals})


def _read_funds_plain(rows: list[Row]) -> list[PerformanceFund]:
    """``funds.read_funds`` as it was: every row read anew."""
    out: list[PerformanceFund] = []
    for r in rows:
        if not funds._FUND_LABEL_CHARS.search(r.text) or not funds._DIGIT.search(r.text):
            continue
        ln = r.line
        cs = r.words if len(ln.chunks) <= 1 else r.toks
        k = next((i for i, c in enumerate(cs) if NUMTOK.match(c.strip())), len(cs))
        first = next((c for c in reversed(cs[:k]) if funds._FUND_LABEL.search(norm(c))), cs[0] if cs else "")
        label = funds._label_noise_out(funds._label_noise_out(norm(first)))
        if not funds._FUND_LABEL.search(label) or "情况说明" in label:
            continue
        raw = _num_tokens_plain(r)
        vals = [d(x) for x in raw]
        if len(raw) < 2 or any(v is None for v in vals):
            continue
        fund = _fund_plain(label, raw, [v for v in vals if v is not None], ln)
        if fund is not None:
            out.append(fund)
    return out


def _read_management_plain(rows: list[Row]) -> list[PerformanceIndicator]:
    """``funds.read_management`` as it was: every row read anew."""
    out: list[PerformanceIndicator] = []
    seen = False
    for r in rows:
        ln = r.line
        seen = seen or "资金管理情况" in r.text
        if not seen or len(r.toks) < 4:
            continue
        toks = [c for c, n in zip(r.toks, r.ntoks) if n != "资金管理情况"]
        figures = [k for k, t in enumerate(toks) if NUMTOK.match(t) and not t.endswith("%")]
        if not seen or len(figures) < 2 or figures[0] < 2 or figures[1] != figures[0] + 1:
            continue
        k = figures[0]
        name, said = norm(toks[0]), "".join(toks[1:k])
        out.append(made(PerformanceIndicator, {
            "level1": "资金管理情况", "name": name, "actual_text": said, "weight": d(toks[k]), "score": d(toks[k + 1]),
            "deviation": "".join(toks[k + 2:]), "page": ln.page, "line": ln.no,
            "printed": printed_data({"分值": toks[k], "得分": toks[k + 1]}, ln.page, ln.no)}))
    return out


# cells of funds rows and of the rows around them: labels (with their noise), figures (as
# percentages, fractions, OCR's comma for a point, broken by a space), blanks, texts
_CELLS = st.sampled_from([
    "年度资金总额(万元):", "年度资金总额", "其中：财政拨款", "财政拨款", "上年结转", "其他资金", "（1）单位资金", "预算资金", "资金管理情况",
    "情况说明", "安排科学性", "合理安排,预算", "项目", "", "", "-", "0", "10", "100", "6", "7", "144.96", "150", "95.5%", "0.95",
    "96.64", "10065, 85", "97. 20", "1,234.5", "5", "20", "<u>8</u>", "1 2", "abc"])
_ROW = st.tuples(st.lists(_CELLS, min_size=1, max_size=8), st.booleans())


def _lines(specs: list[tuple[list[str], bool]]) -> list[Line]:
    """Each row tabbed (a chunk per cell) or flattened (one text, its cells separated by
    spaces); the rows printed twice, on other lines, as forms repeat them."""
    out = []
    for no, (cells, tabbed) in enumerate(specs + specs, start=1):
        text = ("\t" if tabbed else " ").join(cells)
        chunks = [Chunk(c) for c in cells] if tabbed and len(cells) > 1 else [Chunk(text)]
        out.append(Line(no=no, text=text, chunks=chunks, page=no // 5))
    return out


@given(st.lists(_ROW, max_size=6))
@settings(max_examples=100)
def test_the_funds_and_management_rows_read_once_are_those_read_anew(specs: list[tuple[list[str], bool]]) -> None:
    lines = _lines(specs)
    assert repr(funds.read_funds(rows_of(lines))) == repr(_read_funds_plain(rows_of(lines)))
    assert repr(funds.read_management(rows_of(lines))) == repr(_read_management_plain(rows_of(lines)))


def test_a_repeated_funds_row_is_read_at_each_place() -> None:
    row = "年度资金总额(万元):\t\t150\t144.96\t144.96\t144.96\t10\t100\t10"
    lines = [Line(no=no, text=row, chunks=[Chunk(c) for c in row.split("\t")], page=no) for no in (3, 9)]
    got = funds.read_funds(rows_of(lines))
    assert [(f.source, f.budget, f.executed, f.rate, f.score) for f in got] == [
        ("年度资金总额", Decimal("144.96"), Decimal("144.96"), Decimal("100"), Decimal("10"))] * 2
    assert [(f.printed["执行率"].page, f.printed["执行率"].line) for f in got] == [(3, 3), (9, 9)]
    assert got[0].printed is not got[1].printed

