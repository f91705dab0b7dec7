"""Money rows of a self-evaluation: the funds block (年度资金总额 and its sources, each with
年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分), the scored 资金管理情况 rows, and the
整体 table's tasks (年度主要任务: 项目下达金额 / 项目执行金额 / 项目执行率 / 分值 / 得分).

Printed fund rows drop or double cells, so the figures are placed by the table's own identity
(执行率 = 执行数 ÷ 预算数), never by column position alone."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from juesuan import lazy
from juesuan.extract.performance.common import NUMTOK, Row, clean, d, text_words
from juesuan.memo import memo
from juesuan.model import (
    PERF_TASK_FIELDS,
    PerformanceFund,
    PerformanceIndicator,
    PerformanceItem,
    PerformanceTask,
    made,
    printed_at,
    printed_data,
)
from juesuan.textnorm import norm

_FUND_LABEL = lazy.pattern(r"资金总额|预算总额|预算资金|财政拨款|专户管理资金|单位资金|其他资金|上年结转|财政资金")
# every label above has one of these characters; reading a label from a line's cells only deletes
# characters (noise, '(万元)'), so a line without any of them has no label
_FUND_LABEL_CHARS = lazy.pattern(r"[资预拨结]")
# a funds row has two figures at least, so a digit: a line's normalised text holds one when
# any of its cells does (normalising keeps a digit a digit; tested over every digit)
_DIGIT = lazy.pattern(r"\d")
_LABEL_NOISE = lazy.pattern(r"[(（]万元[)）][:：]?|^其中[:：]?|^资金来源[:：]?|^[(（]\d+[)）]|[:：]$")
_STD_WEIGHTS = (Decimal(5), Decimal(10), Decimal(20))
# how far a printed rate may be from 执行数 ÷ 预算数 (percent points): made once, not per comparison
_RATE_SLACK = Decimal("0.6")
# the same for a rate printed as a fraction (0.95)
_FRACTION_SLACK = Decimal("0.006")


def _label_noise_out(label: str) -> str:
    """``_LABEL_NOISE`` deleted from ``label``. Asked of every candidate row: the pattern's
    branches are tried at each position of the text, so a label that cannot hold any of them
    (no 万元; none of its openings or endings) is returned as it is without the scan."""
    if "万元" in label or label.startswith(("其中", "资金来源", "(", "（")) or label.endswith((":", "：", ":\n", "：\n")):
        return _LABEL_NOISE.sub("", label)
    return label


_COMMA_POINT = lazy.pattern(r"\d+,\d{1,2}")


def _num_tokens(key: tuple[str, ...] | str) -> list[str]:
    """The figures of a funds row: ``key`` is its non-empty cells (a tabbed row) or its text
    (a flattened one, whose figures are separated by spaces)."""
    if isinstance(key, str):
        return [p for p in clean(key).split() if NUMTOK.match(p)]
    out: list[str] = []
    for c in key:
        t = c.replace(" ", "")
        if "," in t and _COMMA_POINT.fullmatch(t):  # '10065, 85': OCR read the decimal point as a comma
            t = t.replace(",", ".")
        if t and NUMTOK.match(t):
            out.append(t)
        elif t and " " in c.strip() and all(NUMTOK.match(p) for p in c.split()):
            out.extend(c.split())
    return out


def fund_row(v: list[Decimal], percent: list[bool] | None = None) -> tuple[int, int, int | None, int, int | None] | None:
    """Indices (budget, executed, weight, rate, score) in a funds row's numbers: 年初预算数,
    全年预算数, 全年执行数 [, duplicate], 分值, 执行率, 得分 — located by the rate that equals
    执行数 ÷ 预算数, since printed rows drop or duplicate cells. ``percent`` marks the numbers
    printed with a % sign: when 分值 happens to equal the rate (分值 10 at 10.00%), the one
    printed as a percentage is the rate."""
    for bi, ei in ((1, 2), (0, 1)):
        if len(v) <= ei + 1:
            continue
        b, e = v[bi], v[ei]
        want = (e / b * 100) if b else None
        hits = [ri for ri in range(ei + 1, len(v))
                if ((want is not None and abs(v[ri] - want) <= _RATE_SLACK) or (b == 0 and e == 0 and v[ri] in (0, 100)))
                and ri - 1 > ei - (0 if ri - 1 > ei else 1)]
        if not hits:
            continue
        ri = next((h for h in hits if percent and percent[h]), hits[0])
        # the cell before the rate is 分值 — unless it repeats 执行数 (a doubled cell)
        w = ri - 1 if ri - 1 > ei and (v[ri - 1] != v[ei] or v[ri - 1] in _STD_WEIGHTS) else None
        sc = ri + 1 if ri + 1 < len(v) else None
        return bi, ei, w, ri, sc
    return None


def _agrees(ratio: Decimal, printed: Decimal) -> bool:
    """A printed rate (percent, or a fraction) against 执行数 ÷ 预算数, to the printed precision."""
    return abs(ratio * 100 - printed) <= _RATE_SLACK or abs(ratio - printed) <= _FRACTION_SLACK


def read_funds(rows: list[Row]) -> list[PerformanceFund]:
    out: list[PerformanceFund] = []
    for r in rows:
        if not _FUND_LABEL_CHARS.search(r.text) or not _DIGIT.search(r.text):
            continue  # cannot hold a label (most lines of a form) or figures: skip the cell-by-cell look
        ln = r.line
        # (a tabbed row is read from its non-empty cells, a flattened one from its text)
        got = _funds_row(r.toks if len(ln.chunks) > 1 else ln.text)
        if got is not None:
            source, raws, vals = got
            out.append(made(PerformanceFund, {"source": source, "printed": printed_data(raws, ln.page, ln.no), **vals}))
    return out


# a funds row's reading: its source, its figures as printed and their values, by field
_FundRow = tuple[str, dict[str, str], dict[str, Decimal]]


@memo(1 << 12)
def _funds_row(key: tuple[str, ...] | str) -> _FundRow | None:
    """What a row reads as a funds row, from its non-empty cells (a tabbed row) or its text (a
    flattened row, '其中：当年财政拨款 38,205.24 …', whose words are its cells); None when it is
    none. Cached by them: a department's forms repeat rows — the zero rows of the sources a
    project has none of, the 资金管理情况 rows that pass the screen — and only the place of a
    row's figures (its ``Printed``) is its own."""
    cs = text_words(key) if isinstance(key, str) else key
    k = next((i for i, c in enumerate(cs) if NUMTOK.match(c.strip())), len(cs))
    # the row's label: the text cell nearest its figures (a caption cell may precede it)
    first = next((c for c in reversed(cs[:k]) if _FUND_LABEL.search(norm(c))), cs[0] if cs else "")
    label = _label_noise_out(_label_noise_out(norm(first)))
    if not _FUND_LABEL.search(label) or "情况说明" in label:
        return None
    raw = _num_tokens(key)
    vals = [d(x) for x in raw]
    if len(raw) < 2 or any(v is None for v in vals):
        return None
    return _fund(label, raw, [v for v in vals if v is not None])


def _fund(label: str, raw: list[str], v: list[Decimal]) -> _FundRow | None:
    source = "年度资金总额" if ("总额" in label or "资金总额" in label) else label
    got = fund_row(v, ["%" in x for x in raw])
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
    elif len(v) >= 3 and v[0] and _agrees(v[1] / v[0], v[2]):
        # 预算数(A) 执行数(B) 执行率(B/A) [得分], the rate maybe a fraction
        idx = {"全年预算数": 0, "全年执行数": 1, "执行率": 2}
        if len(v) >= 4:
            idx["得分"] = 3
    else:
        return None
    vals = {_FUND_ATTR[key]: v[k] for key, k in idx.items()}
    rate, budget = vals["rate"], vals.get("budget")
    if "%" not in raw[idx["执行率"]] and rate <= Decimal("1.5") and budget:
        ratio = vals.get("executed", Decimal(0)) / budget
        if abs(ratio - rate) < abs(ratio * 100 - rate):
            vals["rate"] = rate * 100  # printed as a fraction (0.95)
    return source, {key: raw[k] for key, k in idx.items()}, vals


_FUND_ATTR = {"年初预算数": "initial_budget", "全年预算数": "budget", "全年执行数": "executed", "分值": "weight",
              "执行率": "rate", "得分": "score"}


_TASK_SKIP = lazy.pattern(r"^(?:年度主要任?务?|任务|务|对应项目|项目下达金额|项目执行金额|项目执行率|分值|得分)$")


def read_tasks(rows: list[Row]) -> list[PerformanceTask]:
    """The 整体 table's task rows: a name and five figures."""
    out: list[PerformanceTask] = []
    inside = False  # below the 年度主要任务 header, above the 年度目标 rows
    weight_first = False  # 分值 printed before 执行率 (… 预算数 执行数 分值 执行率 得分)
    for r in rows:
        ln, text = r.line, r.text
        if "年度主要任" in text or "对应项目" in text:
            inside = True
            if "分值" in text and "执行率" in text:  # the header's column order
                weight_first = text.index("分值") < text.index("执行率")
        elif text.startswith(("年度目标", "年度总体目标", "年初总体目标", "绩效指标")):
            inside = False
        if not inside:
            continue
        toks: Sequence[str] = r.toks
        if len(toks) == 1:
            toks = clean(ln.text).split()
        names = [norm(t) for t in toks if not NUMTOK.match(t) and not _TASK_SKIP.match(norm(t))]
        figures = [t for t in toks if NUMTOK.match(t)]
        if len(figures) < 3 or len(names) != 1 or "金额" in names[0] or _FUND_LABEL.search(names[0]):
            continue  # not a task: a header, or the table's funds rows
        v = [d(x) for x in figures]
        task = PerformanceTask(name=names[0], budget=v[0], executed=v[1], page=ln.page, line=ln.no)
        order = ("全年预算数", "全年执行数") + (
            ("分值", "执行率", "得分") if len(v) >= 5 and weight_first else ("执行率", "分值", "得分") if len(v) >= 5
            else ("执行率",))
        for key, raw, value in zip(order, figures, v):
            setattr(task, PERF_TASK_FIELDS[key], value)
            task.printed[key] = printed_at(raw, ln.page, ln.no)
        out.append(task)
    return out


def read_management(rows: list[Row]) -> list[PerformanceIndicator]:
    """The scored 资金管理情况 rows some forms print above the indicator tree (安排科学性,
    拨付合规性 … each with 情况说明, 分值, 得分, 存在问题和改进措施). They count towards 总分
    like indicators, so they are read as indicators under 一级 '资金管理情况'."""
    out: list[PerformanceIndicator] = []
    seen = False  # the block's label ('资金管理情况') has been printed
    for r in rows:
        seen = seen or "资金管理情况" in r.text
        if not seen or len(r.toks) < 4:
            continue  # (a scored row has at least four cells)
        got = _management_row(r.toks)
        if got is not None:
            fields, raws = got
            ln = r.line
            out.append(made(PerformanceIndicator, {
                **fields, "page": ln.page, "line": ln.no, "printed": printed_data(raws, ln.page, ln.no)}))
    return out


@memo(1 << 12)
def _management_row(toks: tuple[str, ...]) -> tuple[dict[str, str | Decimal | None], dict[str, str]] | None:
    """A scored 资金管理情况 row's indicator fields (but its place) and its figures as printed,
    from its non-empty cells; None when it is none. Cached by them: a department's forms print
    the same rows (安排科学性 … with the same 情况说明 and scores) form after form."""
    toks = tuple([t for t in toks if norm(t) != "资金管理情况"])
    figures = [k for k, t in enumerate(toks) if NUMTOK.match(t) and not t.endswith("%")]
    # a scored row: name, 情况说明, 分值, 得分 [, 存在问题] — a funds row has no 情况说明
    if len(figures) < 2 or figures[0] < 2 or figures[1] != figures[0] + 1:
        return None
    k = figures[0]
    return ({"level1": "资金管理情况", "name": norm(toks[0]), "actual_text": "".join(toks[1:k]), "weight": d(toks[k]),
             "score": d(toks[k + 1]), "deviation": "".join(toks[k + 2:])},
            {"分值": toks[k], "得分": toks[k + 1]})


# Where a form's funds block starts (its label row: 年度资金（万元） on an 整体 form, 项目资金（万元）
# or 年度资金总额 on a project form) and the rows that open what follows it: the tasks of an
# 整体 form, the goals, the indicator tree.
_FUNDS_OPEN = lazy.pattern(r"年度资金|项目资金")
_FUNDS_CLOSE = lazy.pattern(r"年度主要任务|任务名称|总体目标|绩效指标|一级指标")
FUNDS_UNREAD = ("年度资金一栏印有数字，但各格数值未按行印出，执行率、分值与得分未能读出；"
                "请改用原 PDF 或保留版式的文本（pdftotext -layout）")


def funds_unread(item: PerformanceItem, rows: Sequence[Row]) -> bool:
    """Does the form print figures in its funds block (年度资金 … up to the tasks, goals or
    indicators) of which the reader took in none? A tool that prints the block's cells column
    by column (plain pdftotext of tightly set rows: the headers one a line, then the figures)
    leaves the funds rows unrecognisable. The form is then read in part: its 执行率 weight and
    score are missing from the model, and its weights and scores no longer add up, which is the
    reading's fault, not the form's. A block printed without figures (left blank) is not unread."""
    if item.funds or item.budget is not None or item.executed is not None or item.weight is not None:
        return False
    opened = False  # (the block is looked for above what follows it only: an indicator may
    # well be named 项目资金使用合规性)
    for r in rows:
        if not opened and _FUNDS_OPEN.search(r.text):
            opened = True
        elif _FUNDS_CLOSE.search(r.text):
            return False
        if opened and any(NUMTOK.match(w) for w in r.words):
            return True
    return False
