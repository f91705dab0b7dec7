"""extract: every figure the 情况说明 states, as a typed claim (spec §4).

Each narrative section is cut into paragraphs (a paragraph starts at a list marker, a
heading, or a '与上年相比' sentence; wrapped lines — also across blank lines, as in flattened
conversions — are joined). OCR noise is removed by deletions only ('10855. 22' → '10855.22',
'<u>0.27</u>' → '0.27', '12,705.06' → '12705.06'), so every character keeps the line it came
from. Then every figure (number + unit) is typed by the words just before it in its clause:

  占 X 的 N%                    share (base X; else the 'whole' named before 其中/包括/主要用于)
  增加/减少/增长/下降/降低 N     change_amount / change_rate, with direction
  持平                          change_amount 0, direction 持平
  完成(年初|全年)预算的 N%        completion
  (年初|全年)?预算(数)?为 N 万元  budget
  N 辆/个/人次/台(套)/批次/人     count
  otherwise N 万元              amount

The subject is the noun phrase before the figure (or the subject carried over from earlier
in the paragraph), normalised to a canonical name and, where one exists, linked to a table
cell (``CellRef``). Conventions for consumers:

- ``cell`` is the cell holding the subject's current-year final value (budget claims of
  三公 items point at T09 预算数 instead; other budgets have no cell). Compare
  ``claim.value`` with the cell only for kinds ``amount`` and ``budget``.
- ``value`` is as printed, in ``unit`` (万元, 元, 亿元, %, 辆 …); 元 is not converted.
- change claims: ``base`` is None for year-on-year changes and '年初预算数'/'预算数' when the
  text compares with the budget (比年初预算数减少 …); ``previous`` is derived for YoY changes
  from the current value stated in the narrative (else the linked cell).
- ``text`` is the span from the subject's clause to the figure's clause.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.glossary import CLASS_BY_NAME, FUNCTIONAL_CLASSES, SHARE_BASES
from juesuan.locate.sections import section_index_ranges
from juesuan.model import CellRef, Claim, Disclosure, Section
from juesuan.money import parse_decimal
from juesuan.read.types import Source
from juesuan.textnorm import norm

# ---- paragraphs ---------------------------------------------------------------------------

_MARKER_RE = re.compile(
    r"^[\s\-*•·#>]*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.．]|"
    r"[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.、．](?!\d))"
)
_PARA_START_RE = re.compile(r"^[\s\-*•·]*(?:与(?:上年|20\d\d\s*年度?|年初预算)[^,，]{0,4}相比)")
_CHART_RE = re.compile(r"^[\s■●◆▲]*图\s*\d|^[■●◆]")


@dataclass
class Para:
    text: str
    lines: list[int]  # per character: index into src.lines
    start: int  # index of first line


# Deletions that undo OCR / markup noise. Each pattern's group 'd' (or the whole match) is
# removed; everything else is kept.
_DELETE_RES = (
    re.compile(r"</?u>|</?b>|</?i>|\*\*|</?sub>|</?sup>|\$"),
    re.compile(r"(?<=\d)(?P<d>\s+)(?=\.\s*\d)"),  # '10855 .22'
    re.compile(r"(?<=\d\.)(?P<d>\s+)(?=\d)"),  # '10855. 22'
    re.compile(r"(?<=\d)(?P<d>\s+)(?=%)"),  # '42.86 %'
    re.compile(r"(?<=\d)(?P<d>,\s?)(?=\d{3}(?:\.\d|[^\d]|$))"),  # thousands separators
    re.compile(r"(?<=\d)(?P<d>\s+)(?=万元|亿元|元|辆|个|人次|批次|台|套|人\b|人[、,，。;；)])"),
    re.compile(r"(?<=[\u4e00-\u9fff(（)）])(?P<d>\s+)(?=[\u4e00-\u9fff(（)）])"),  # '支 出决算'
)


def _delete(text: str, lmap: list[int], pat: re.Pattern[str]) -> tuple[str, list[int]]:
    spans = []
    for m in pat.finditer(text):
        if "d" in pat.groupindex and m.group("d") is not None:
            spans.append(m.span("d"))
        else:
            spans.append(m.span())
    if not spans:
        return text, lmap
    out, omap, pos = [], [], 0
    for a, b in spans:
        out.append(text[pos:a])
        omap.extend(lmap[pos:a])
        pos = b
    out.append(text[pos:])
    omap.extend(lmap[pos:])
    return "".join(out), omap


def clean_text(text: str, lmap: list[int]) -> tuple[str, list[int]]:
    for pat in _DELETE_RES:
        text, lmap = _delete(text, lmap, pat)
    return text, lmap


def _is_table_row(ln) -> bool:
    if len(ln.chunks) < 3:
        return False
    nums = sum(1 for c in ln.chunks if re.fullmatch(r"[\d,.\s%-]+", c.text or "x"))
    return nums >= 2


def paragraphs(src: Source, a: int, b: int, skip_first_heading: bool = True) -> list[Para]:
    """Join the lines in [a, b) into paragraphs (see module doc)."""
    paras: list[Para] = []
    cur_t: list[str] = []
    cur_m: list[int] = []
    start = a

    def flush():
        nonlocal cur_t, cur_m
        if cur_t:
            t = "".join(cur_t)
            if t.strip():
                ct, cm = clean_text(t, cur_m)
                paras.append(Para(ct, cm, start))
        cur_t, cur_m = [], []

    for i in range(a, b):
        ln = src.lines[i]
        if ln.marker or _is_table_row(ln):
            continue
        t = ln.text.replace("\t", " ").strip()
        if not t or _CHART_RE.match(t) or t.startswith("注:") or t.startswith("注："):
            continue
        if _MARKER_RE.match(t) or _PARA_START_RE.match(t):
            flush()
            start = i
        elif not cur_t:
            start = i
        if cur_t and cur_t[-1] and cur_t[-1][-1].isascii() and cur_t[-1][-1].isalpha() and t[0].isascii() and t[0].isalpha():
            t = " " + t
        cur_t.append(t)
        cur_m.extend([i] * len(t))
        if (len(t) <= 30 and _MARKER_RE.match(t) and re.search(r"(?:情况|结果|说明|评价)[。.]?$", t)
                and not re.search(r"[,，;；:：]|\d\s*(?:万元|%)", t)):
            flush()  # a short numbered heading ('2. 项目绩效自评结果') stands alone
            continue
        # a heading line (chapter title with no figure) stands alone
        if i == a and skip_first_heading:
            flush()
    flush()
    return paras


# ---- figures ------------------------------------------------------------------------------

_NUM = r"(?<![\d.])(\d+(?:\.\d+)?)"
_UNIT = r"(万元|亿元|元|%|辆|人次|个|台\(套\)|台（套）|台|套|批次|人)"
FIG_RE = re.compile(_NUM + r"\s*" + _UNIT)
FLAT_RE = re.compile(r"持平")
_SEP = set(",，;；。:：!！?？")
_SENT_END = set("。;；!！?？")

_BUDGET_TRIG = re.compile(r"(?:(年初|全年|调整后)?预算(?:数|总额)?|预算安排)(?:均|为|是|:)*\s*$")
_FINAL_TRIG = re.compile(r"(?:支出决算数?|决算数?|执行数|实际支出|实际执行)(?:均|为|是|:)*\s*$")
_CHANGE_TRIG = re.compile(r"(增加|减少|增长|下降|降低|上升|增)了?\s*$")
_COMPL_TRIG = re.compile(r"(?:完成(?:了)?(?:年初|全年|调整后)?预算(?:数)?的?|(?:预算)?执行率(?:情况)?(?:为|达到|达)?)\s*$")
_SHARE_TRIG = re.compile(r"占(.*?)(?:的)?(?:比重|比例)?(?:为)?\s*$")
_COMPARE_RE = re.compile(r"(?:比|较|与)(.{0,16}?)(?:相比)?$")

_DIR = {"增加": "增加", "增长": "增加", "上升": "增加", "增": "增加",
        "减少": "减少", "下降": "减少", "降低": "减少"}

_LEAD_JUNK = re.compile(
    r"^(?:[\s\-*•·#>、]|\(?[0-9一二三四五六七八九十]{1,3}[)）.、．]\s*|[(（][0-9一二三四五六七八九十]{1,3}[)）]|"
    r"其中|主要是|主要用于(?:以下方面)?|主要包括|具体包括|包括|另外|此外|以及|和|及|"
    r"与上年相比|与上年度相比|与20\d\d\s*年度?相比|与年初预算相比|"
    r"截至\s*20\d\d\s*年(?:\s*\d{1,2}\s*月\s*\d{1,2}\s*日)?|截至年末|截止年末|"
    r"20\d\d\s*年(?:度|期末|末)?|今年|本年度|本年|当年|年末|"
    r"本部门|我部门|本单位|我单位|部门|共有|共计|共|均|各|全年|累计|合计为)\s*"
)
_TAIL_JUNK = re.compile(r"(?:均为|为|是|达到|达|共计|累计|各|均|:|：|分别为|支出决算中|决算中|中)\s*$")


_dec = parse_decimal


def _strip_lead(s: str) -> str:
    prev = None
    while prev != s:
        prev = s
        s = _LEAD_JUNK.sub("", s, count=1)
    return s.strip()


def _strip_tail(s: str) -> str:
    prev = None
    while prev != s:
        prev = s
        s = _TAIL_JUNK.sub("", s).strip()
    return s


# ---- subjects -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Subj:
    name: str
    cell: CellRef | None = None
    t09_item: str | None = None  # for budget claims of 三公 items


def _c(t: str, r: str, c: str) -> CellRef:
    return CellRef(table=t, row=r, column=c)


_T09 = {
    "合计": "合计", "因公出国（境）费": "因公出国（境）费", "公务用车购置及运行费": "公务用车购置及运行费",
    "公务用车购置费": "公务用车购置费", "公务用车运行维护费": "公务用车运行维护费", "公务接待费": "公务接待费",
}
_T01_INCOME = ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
_T03_COLS = ("上缴上级支出", "经营支出", "对附属单位补助支出")
_CLASS_NAMES = sorted((n for _, n in FUNCTIONAL_CLASSES), key=len, reverse=True)
_KXP_RE = re.compile(r"(.+?)\(类\)\s*(.+?)\(款\)\s*(.+?)\(项\)")
_KX_RE = re.compile(r"(.+?)\(类\)\s*(.+?)\(款\)")


def _t09(item: str) -> Subj:
    name = "三公经费" if item == "合计" else item
    return Subj(name, _c("T09", "决算数", item), item)


def res_doc_has_other_funds(res) -> bool:
    doc = getattr(res, "doc", None)
    if doc is None:
        return False
    return any(doc.tables[t].has_data for t in ("T07", "T08") if t in doc.tables)


def _func_table(topic: str) -> tuple[str, str] | None:
    """(table, value column) for 功能分类 rows under a narrative topic."""
    if topic in ("一般公共预算支出", "基本支出"):
        return ("T05", "小计")
    if topic == "国有资本经营":
        return ("T08", "合计")
    if topic == "政府性基金":
        return ("T07", "小计")
    if topic == "财政拨款总体":
        return ("T04", "合计")
    if topic in ("收入支出总体", "支出"):
        return ("T03", "本年支出合计")
    return None


def _basic_table(topic: str) -> str:
    if topic in ("收入支出总体", "支出", "收入", ""):
        return "T03"
    if topic == "政府性基金":
        return "T07"
    if topic == "国有资本经营":
        return "T08"
    return "T05"


class Resolver:
    """Maps a subject phrase to canonical names and cells, given the section topic and the
    document's extracted tables (for 7-digit 项 codes)."""

    def __init__(self, doc: Disclosure | None):
        self.doc = doc
        self._labels: dict[str, dict[str, str]] = {}
        if doc is not None:
            for tid in ("T05", "T03", "T02", "T08", "T07"):
                t = doc.tables.get(tid)
                if t is not None and t.row_labels:
                    self._labels[tid] = {k: norm(v) for k, v in t.row_labels.items()}

    # 功能分类 code lookup -----------------------------------------------------------------
    def _code_for(self, cls: str, kuan: str, xiang: str | None, table: str) -> str | None:
        cls_n = norm(cls)
        if not cls_n.endswith("支出") and cls_n + "支出" in CLASS_BY_NAME:
            cls_n += "支出"
        ccode = CLASS_BY_NAME.get(cls_n)
        if ccode is None:
            best = difflib.get_close_matches(cls_n, list(CLASS_BY_NAME), n=1, cutoff=0.7)
            ccode = CLASS_BY_NAME[best[0]] if best else None
        order = [table] + [t for t in ("T05", "T03", "T02", "T08", "T07") if t != table]
        for tid in order:
            labels = self._labels.get(tid)
            if not labels:
                continue
            want = 7 if xiang else 5
            name = norm(xiang or kuan)
            cands = [k for k in labels if len(k) == want and k.isdigit() and (ccode is None or k.startswith(ccode))]
            exact = [k for k in cands if labels[k] == name]
            if xiang and len(exact) > 1:
                kn = norm(kuan)
                ex2 = [k for k in exact if labels.get(k[:5]) == kn]
                exact = ex2 or exact
            if exact:
                return exact[0]
            scored = sorted(
                ((difflib.SequenceMatcher(None, labels[k], name).ratio(), k) for k in cands),
                reverse=True,
            )
            if scored and scored[0][0] >= 0.75:
                return scored[0][1]
        return None

    def resolve(self, phrase: str, topic: str) -> list[Subj]:
        """Canonical subject(s) of a cleaned phrase (empty list: no subject in the phrase)."""
        p = phrase.replace('"', "").replace("“", "").replace("”", "").replace("'", "")
        p = p.replace("（", "(").replace("）", ")").replace(" ", "")
        if not p:
            return []
        if topic == "预算绩效":
            return [Subj(_shorten(p))]
        # 三公 items first: their phrases contain 财政拨款支出 etc.
        if "三公" in p:
            return [_t09("合计")]
        if "因公出国(境)费" in p or "因公出国费" in p:
            return [_t09("因公出国（境）费")]
        if re.search(r"公务用车购置及运行(?:维护)?费", p):
            return [_t09("公务用车购置及运行费")]
        if re.search(r"公务用车购置(?:费|支出)", p):
            return [_t09("公务用车购置费")]
        if re.search(r"公务用车运行(?:维护)?(?:费|支出)", p):
            return [_t09("公务用车运行维护费")]
        if re.search(r"外宾接待|外事接待", p):
            return [Subj("外事接待")]
        if "国内公务接待" in p:
            return [Subj("国内公务接待")]
        if "公务接待费" in p:
            return [_t09("公务接待费")]
        if "机关运行经费" in p:
            return [Subj("机关运行经费")]
        if "政府采购" in p or topic == "政府采购":
            return [Subj(_procurement(p))]
        if re.search(r"财政拨款收入?[、,]?支出?总计", p):
            return [Subj("财政拨款收入总计", _c("T04", "收入总计", "金额")),
                    Subj("财政拨款支出总计", _c("T04", "支出总计", "合计"))]
        if re.search(r"收入?[、,]?支出?总计", p):
            return [Subj("收入总计", _c("T01", "收入总计", "金额")),
                    Subj("支出总计", _c("T01", "支出总计", "金额"))]
        if "收入总计" in p:
            return [Subj("收入总计", _c("T01", "收入总计", "金额"))]
        if "支出总计" in p:
            return [Subj("支出总计", _c("T01", "支出总计", "金额"))]
        m = _KXP_RE.search(p)
        if m:
            name = f"{m.group(1)}(类){m.group(2)}(款){m.group(3)}(项)"
            ft = _func_table(topic) or ("T05", "小计")
            code = self._code_for(m.group(1), m.group(2), m.group(3), ft[0])
            return [Subj(name, _c(ft[0], code, ft[1]) if code else None)]
        m = _KX_RE.search(p)
        if m and not re.search(r"\(项\)", p):
            name = f"{m.group(1)}(类){m.group(2)}(款)"
            ft = _func_table(topic) or ("T05", "小计")
            code = self._code_for(m.group(1), m.group(2), None, ft[0])
            return [Subj(name, _c(ft[0], code, ft[1]) if code else None)]
        if "一般公共预算财政拨款基本支出" in p:
            return [Subj("一般公共预算财政拨款基本支出", _c("T05", "合计", "基本支出"))]
        if "一般公共预算财政拨款项目支出" in p:
            return [Subj("一般公共预算财政拨款项目支出", _c("T05", "合计", "项目支出"))]
        if "一般公共预算财政拨款收入" in p:
            return [Subj("一般公共预算财政拨款收入", _c("T01", "一般公共预算财政拨款收入", "金额"))]
        if "一般公共预算财政拨款支出" in p or ("一般公共预算财政拨款" in p and topic == "一般公共预算支出"):
            return [Subj("一般公共预算财政拨款支出", _c("T05", "合计", "小计"))]
        if "政府性基金预算财政拨款收入" in p:
            return [Subj("政府性基金预算财政拨款收入", _c("T01", "政府性基金预算财政拨款收入", "金额"))]
        if re.search(r"政府性基金预算财政拨款(?:本年)?支出", p):
            return [Subj("政府性基金预算财政拨款支出", _c("T07", "合计", "小计"))]
        if "国有资本经营预算财政拨款收入" in p:
            return [Subj("国有资本经营预算财政拨款收入", _c("T01", "国有资本经营预算财政拨款收入", "金额"))]
        if re.search(r"国有资本经营预算财政拨款(?:本年)?支出", p):
            return [Subj("国有资本经营预算财政拨款支出", _c("T08", "合计", "合计"))]
        if re.search(r"(?:年初|上年)结转(?:和)?结余", p):
            return [Subj("年初结转和结余", _c("T01", "年初结转和结余", "金额"))]
        if re.search(r"结转(?:和)?结余", p):
            return [Subj("年末结转和结余", _c("T01", "年末结转和结余", "金额"))]
        if "使用非财政拨款结余" in p:
            return [Subj("使用非财政拨款结余", _c("T01", "使用非财政拨款结余", "金额"))]
        if re.search(r"(?:本年)?收入合计|^本年收入$", p):
            return [Subj("本年收入合计", _c("T01", "本年收入合计", "金额"))]
        if re.search(r"(?:本年)?支出合计|^本年支出$", p):
            return [Subj("本年支出合计", _c("T01", "本年支出合计", "金额"))]
        if "财政拨款收入" in p:
            return [Subj("财政拨款收入", _c("T02", "合计", "财政拨款收入"))]
        if "财政拨款支出" in p:
            return [Subj("财政拨款支出", _c("T04", "本年支出合计", "合计"))]
        for item in _T01_INCOME:
            if item in p:
                return [Subj(item, _c("T01", item, "金额"))]
        for col in _T03_COLS:
            if col in p:
                return [Subj(col, _c("T03", "合计", col))]
        if "人员经费" in p:
            return [Subj("人员经费", _c("T06", "人员经费合计", "决算数"))]
        if "公用经费" in p:
            return [Subj("公用经费", _c("T06", "公用经费合计", "决算数"))]
        if "工资福利支出" in p:
            return [Subj("工资福利支出", _c("T06", "301", "决算数"))]
        if "商品和服务支出" in p:
            return [Subj("商品和服务支出", _c("T06", "302", "决算数"))]
        if re.search(r"对个人和家庭的?补助", p):
            return [Subj("对个人和家庭的补助", _c("T06", "303", "决算数"))]
        if "资本性支出" in p:
            return [Subj("资本性支出", _c("T06", "310", "决算数"))]
        pc = p.replace("(类)", "")
        for name in _CLASS_NAMES:
            short = name[:-2] if name.endswith("支出") else name
            if name in pc or (short and pc.endswith(short + "支出")) or pc == short:
                ft = _func_table(topic)
                code = CLASS_BY_NAME[name]
                if ft is None:
                    return [Subj(name)]
                if ft[0] == "T03" and topic == "收入支出总体":
                    return [Subj(name, _c("T01", code, "金额"))]
                return [Subj(name, _c(ft[0], code, ft[1]))]
        for kind in ("基本支出", "项目支出"):
            if kind in p:
                t = _basic_table(topic)
                if topic == "财政拨款总体" and res_doc_has_other_funds(self):
                    # All fiscal money = general budget (T05) + funds (T07) + state capital
                    # (T08): no single cell holds it when the fund tables have data.
                    return [Subj(kind)]
                return [Subj(kind, _c(t, "合计", kind))]
        if p in ("收入", "总收入"):
            if topic == "收入支出总体":
                return [Subj("收入总计", _c("T01", "收入总计", "金额"))]
            return [Subj("本年收入合计", _c("T01", "本年收入合计", "金额"))]
        if p in ("支出", "总支出"):
            if topic == "收入支出总体":
                return [Subj("支出总计", _c("T01", "支出总计", "金额"))]
            return [Subj("本年支出合计", _c("T01", "本年支出合计", "金额"))]
        return [Subj(_shorten(p))]


def _shorten(p: str) -> str:
    p = p.strip("()（）、,，:： ")
    return p[-40:] if len(p) > 40 else p


def _procurement(p: str) -> str:
    if "小微企业" in p:
        return "小微企业合同金额"
    if "中小企业" in p:
        for k in ("货物", "工程", "服务"):
            if k + "采购" in p or p.startswith(k):
                return f"中小企业{k}合同金额"
        return "中小企业合同金额"
    for k in ("货物", "工程", "服务"):
        if k in p:
            return f"政府采购{k}支出"
    if "总额" in p or p.startswith("政府采购支出") or p == "政府采购":
        return "政府采购支出总额"
    return _shorten(p)


_BASE_ALIASES = (
    (re.compile(r"三公"), "三公经费"),
    (re.compile(r"收入?[、,]?支出?总计"), "收入总计"),
    (re.compile(r"收入总计"), "收入总计"),
    (re.compile(r"支出总计"), "支出总计"),
    (re.compile(r"^(?:本年)?收入(?:合计)?$|本年收入|收入合计"), "本年收入合计"),
    (re.compile(r"^(?:本年)?支出(?:合计)?$|本年支出|支出合计"), "本年支出合计"),
    (re.compile(r"小微企业"), "小微企业合同金额"),
    (re.compile(r"中小企业"), "中小企业合同金额"),
    (re.compile(r"政府采购(?:支出)?总额"), "政府采购支出总额"),
    (re.compile(r"^货物支出"), "政府采购货物支出"),
    (re.compile(r"^工程支出"), "政府采购工程支出"),
    (re.compile(r"^服务支出"), "政府采购服务支出"),
    (re.compile(r"一般公共预算财政拨款支出"), "一般公共预算财政拨款支出"),
    (re.compile(r"财政拨款支出"), "财政拨款支出"),
    (re.compile(r"基本支出"), "基本支出"),
)

# Cells of the common bases, for consumers that check shares (topic-independent ones).
BASE_CELLS: dict[str, CellRef] = {name: _c(*ref) for name, ref in SHARE_BASES.items()}


def _base_name(phrase: str) -> str | None:
    p = phrase.replace('"', "").replace("“", "").replace("”", "").replace(" ", "")
    p = re.sub(r"的$", "", p)
    p = re.sub(r"^授予", "", p)
    if not p:
        return None
    for pat, name in _BASE_ALIASES:
        if pat.search(p):
            return name
    return _shorten(p)


_TOPIC_WHOLE = {
    "收入": "本年收入合计",
    "支出": "本年支出合计",
    "一般公共预算支出": "一般公共预算财政拨款支出",
    "三公": "三公经费",
    "政府采购": "政府采购支出总额",
}

_PROJECT_RES = (
    re.compile(r"[“\"]([^”\"]{2,80})[”\"]\s*项目(?:绩效)?自评综述"),
    re.compile(r"(?:^|[。:：;；])\s*(?:[-*•\s]*(?:\d{1,2}|[(（]\d{1,2}[)）])\s*[.、．]?\s*)?([^。:：;；,，]{2,80}?)(?:项目)?绩效自评综述"),
    re.compile(r"(?:^|[。:：;；,，])\s*([^。:：;；,，]{2,60}?)项目(?:绩效)?自评得分"),
)


# ---- extraction ---------------------------------------------------------------------------

@dataclass
class _State:
    carried: list[Subj] = field(default_factory=list)
    whole: str | None = None
    last_change: dict[str, tuple[Decimal, str]] = field(default_factory=dict)  # subj → (change, dir)
    count_ctx: str = ""
    carried_pos: int = -1


def _clause_bounds(text: str) -> list[int]:
    """Sorted positions of clause separators."""
    return [i for i, ch in enumerate(text) if ch in _SEP]


def extract_claims(src: Source, sections: list[Section], doc: Disclosure) -> list[Claim]:
    res = Resolver(doc)
    year = doc.meta.year if doc is not None else None
    claims: list[Claim] = []
    for sec, a, b in section_index_ranges(src, sections):
        if sec.kind != "narrative":
            continue
        st = _State(whole=None)
        sec_claims: list[Claim] = []
        for para in paragraphs(src, a, b):
            st.carried = []
            st.carried_pos = -1
            st.count_ctx = ""
            _extract_para(src, para, sec, res, st, sec_claims, year)
        claims.extend(sec_claims)
    return claims


def _is_generic(phrase: str) -> bool:
    return phrase in ("", "项目", "决算", "决算数", "支出决算", "支出决算数", "执行数", "资金", "金额",
                      "其中", "数", "上年", "预算", "较上年", "比上年", "同比", "分别")


def _extract_para(src: Source, para: Para, sec: Section, res: Resolver, st: _State,
                  out: list[Claim], year: int | None) -> None:
    text = para.text
    topic = sec.topic
    seps = _clause_bounds(text)

    def clause_start(pos: int) -> int:
        k = bisect_right(seps, pos - 1)
        return seps[k - 1] + 1 if k > 0 else 0

    def clause_end(pos: int) -> int:
        k = bisect_right(seps, pos)
        return seps[k] if k < len(seps) else len(text)

    def sent_start(pos: int) -> int:
        j = pos - 1
        while j >= 0 and text[j] not in _SENT_END:
            j -= 1
        return j + 1

    # project names in 预算绩效 set the carried subject
    proj_marks: list[tuple[int, str]] = []
    if topic == "预算绩效":
        for pat in _PROJECT_RES:
            for m in pat.finditer(text):
                name = re.sub(r"[\"“”'‘’]", "", m.group(1)).strip()
                name = re.sub(r"^(?:我部门绩效自评情况|根据年初设定的绩效目标)", "", name).strip(",，:： ")
                if len(name) >= 2:
                    proj_marks.append((m.start(1), name))
        proj_marks.sort()

    # figures and 持平 markers, in order
    events: list[tuple[int, int, str, str, str]] = []  # (start, end, kind?, num, unit)
    for m in FIG_RE.finditer(text):
        events.append((m.start(), m.end(), "fig", m.group(1), m.group(2)))
    for m in FLAT_RE.finditer(text):
        events.append((m.start(), m.end(), "flat", "0", ""))
    events.sort()

    prev_end_in_clause = -1
    cur_clause = -1
    clause_subjects: list[Subj] = []
    clause_counts = False
    last_class_phrase_pos = 0
    proj_i = 0

    for (s, e, ev, num, unit) in events:
        # project headings passed so far
        while proj_i < len(proj_marks) and proj_marks[proj_i][0] < s:
            st.carried = [Subj(proj_marks[proj_i][1])]
            st.carried_pos = -1
            proj_i += 1
        cs = clause_start(s)
        if cs != cur_clause:
            cur_clause = cs
            prev_end_in_clause = cs
            clause_subjects = []
            clause_counts = False
        phrase_raw = text[prev_end_in_clause:s]
        # a 类/款/项 name earlier in the sentence (before a '。') carries over
        kxp = None
        ss = sent_start(s)
        for km in _KXP_RE.finditer(text, last_class_phrase_pos, s):
            kxp = km
        if kxp is not None:
            last_class_phrase_pos = kxp.end()
            if kxp.start() < cs:
                st.carried = res.resolve(_strip_lead(kxp.group(0)), topic) or st.carried
                st.carried_pos = clause_start(kxp.start())
        unit_n = unit.replace("（", "(").replace("）", ")")
        if ev == "fig":
            after = text[e:e + 6]
            if unit_n in ("万元", "亿元", "元") and re.match(r"\s*(?:\(含\)|（含）|以上|以下)", after):
                prev_end_in_clause = e
                continue
            if "以上设备" in text[e:e + 12] or re.search(r"单价|价值", text[max(cs, s - 6):s]):
                if unit_n in ("万元", "元"):
                    prev_end_in_clause = e
                    continue
        if "原因" in text[ss:s] or "问题" in text[ss:s]:
            prev_end_in_clause = e  # explanations ('主要原因是…收回资金110万元') state no claim
            continue
        kind, base, direction, phrase = _classify(phrase_raw, ev, unit_n)
        if kind is None:
            prev_end_in_clause = e
            continue
        # whole: 其中/包括/主要用于 names the whole for later shares
        if re.search(r"其中|包括|主要用于以下|具体情况", text[cs:s]) and out:
            for c in reversed(out):
                if c.kind == "amount" and c.section == sec.title:
                    st.whole = c.subject
                    break
        tail = re.split(r"主要用于|主要是|主要包括|用于", phrase)[-1]
        if tail.strip() and tail != phrase:
            phrase = tail
        subj_phrase = _strip_tail(_strip_lead(phrase))
        cmp_budget = False
        if kind in ("change_amount", "change_rate"):
            mcmp = re.search(r"(比|较|与)(.*)$", subj_phrase)
            if mcmp:
                ref = mcmp.group(2)
                cmp_budget = "预算" in ref
                subj_phrase = subj_phrase[:mcmp.start()]
            if "预算" in text[cs:s] and re.search(r"(?:比|较|与)[^,，。]*预算", text[cs:s]):
                cmp_budget = True
            subj_phrase = _strip_tail(_strip_lead(subj_phrase))
            if ev == "flat" and "预算" in text[cs:clause_end(e)]:
                cmp_budget = True
            if kind == "change_rate" and not mcmp:
                # '比年初预算数减少 9.11 万元,降低 5.03%': the rate follows its amount
                for c in reversed(out[-4:]):
                    if c.kind == "change_amount" and c.text and c.line is not None and c.base == "年初预算数":
                        if text.find(c.text) >= ss:
                            cmp_budget = True
                        break
        if kind == "count":
            subjects = [Subj(_count_subject(subj_phrase, unit_n, st, text[e:e + 8]))]
            if subjects[0].name is None:  # type: ignore[comparison-overlap]
                prev_end_in_clause = e
                continue
            clause_counts = True
        elif _is_generic(subj_phrase) and kind == "amount" and clause_counts and st.count_ctx:
            subjects = res.resolve(st.count_ctx, topic)
        elif _is_generic(subj_phrase):
            subjects = clause_subjects or st.carried
            if not subjects:
                subjects = [Subj(_TOPIC_WHOLE.get(topic, topic or "?"))] if kind != "share" else []
        else:
            subjects = res.resolve(subj_phrase, topic)
        if not subjects:
            prev_end_in_clause = e
            continue
        if kind == "count" and subjects[0].name == "":
            prev_end_in_clause = e
            continue
        value = _dec(num)
        if value is None:
            prev_end_in_clause = e
            continue
        if kind == "share" and base is None:
            base = st.whole or _TOPIC_WHOLE.get(topic)
            if base is not None and subjects and subjects[0].name == base:
                base = _TOPIC_WHOLE.get(topic) if _TOPIC_WHOLE.get(topic) != base else None
        # text span: from the subject's clause (or sentence) to the figure's clause end
        span_a = cs
        if subjects is st.carried and 0 <= st.carried_pos < cs and s - st.carried_pos < 240:
            span_a = st.carried_pos
        span_b = clause_end(e - 1)
        if kind in ("change_rate",) and span_a > 0:
            # include the change-amount clause before it when it is in the same sentence
            pcs = clause_start(max(span_a - 1, 0))
            if pcs >= ss and re.search(r"增加|减少|增长|下降|降低", text[pcs:span_a]):
                span_a = pcs
        snippet = text[span_a:span_b].strip(" ,，;；:：").lstrip("-*•· ")
        line_idx = para.lines[min(max(span_a, 0), len(para.lines) - 1)]
        # where the figure itself is
        fig_idx = para.lines[min(s, len(para.lines) - 1)]
        ln = src.lines[fig_idx]
        del line_idx
        for sj in subjects:
            cell = sj.cell
            if kind == "budget":
                cell = _c("T09", "预算数", sj.t09_item) if sj.t09_item else None
            if topic == "预算绩效":
                cell = None
            claim = Claim(
                subject=sj.name, kind=kind, value=value, unit=_unit_label(unit_n, ev),
                text=snippet, page=ln.page, line=ln.no, section=sec.title, cell=cell,
                base=("年初预算数" if cmp_budget and kind in ("change_amount", "change_rate") else base),
                direction=direction, year=year,
            )
            if kind in ("change_amount", "change_rate") and not cmp_budget:
                claim.previous = _previous(claim, out, res)
            out.append(claim)
            if kind == "change_amount":
                st.last_change[sj.name] = (value, direction or "")
        if kind != "count" and not _is_generic(subj_phrase):
            if subjects is not st.carried:
                st.carried_pos = cs
            st.carried = subjects
            clause_subjects = subjects
        elif kind != "count":
            clause_subjects = subjects
        prev_end_in_clause = e


def _unit_label(unit: str, ev: str) -> str:
    if ev == "flat":
        return ""
    return "台(套)" if unit in ("台(套)", "台", "套") else unit


def _classify(phrase: str, ev: str, unit: str) -> tuple[str | None, str | None, str | None, str]:
    """(kind, base, direction, subject phrase) for the text between the previous figure in
    the clause and this one."""
    p = phrase.rstrip()
    if ev == "flat":
        q = re.sub(r"(?:与|和|跟)?(?:上年|上年度|20\d\d\s*年度?)?(?:决算数?)?(?:基本)?$", "", p)
        q = re.sub(r"(?:决算数)?(?:与|和)?(?:年初)?预算数?$", "", q)
        return "change_amount", None, "持平", q
    if unit == "%":
        m = _COMPL_TRIG.search(p)
        if m:
            return "completion", None, None, p[:m.start()]
        m = _CHANGE_TRIG.search(p)
        if m:
            return "change_rate", None, _DIR[m.group(1)], p[:m.start()]
        m = _SHARE_TRIG.search(p)
        if m and "占" in p:
            i = p.rfind("占")
            base_phrase = p[i + 1:]
            base = _base_name(base_phrase) if base_phrase.strip() else None
            return "share", base, None, p[:i]
        return None, None, None, p
    if unit in ("万元", "亿元", "元"):
        m = _CHANGE_TRIG.search(p)
        if m:
            return "change_amount", None, _DIR[m.group(1)], p[:m.start()]
        m = _BUDGET_TRIG.search(p)
        if m and not re.search(r"(?:执行|决算)", p[m.start():]):
            return "budget", None, None, p[:m.start()]
        m = _FINAL_TRIG.search(p)
        if m:
            return "amount", None, None, p[:m.start()]
        return "amount", None, None, p
    return "count", None, None, p


def _count_subject(p: str, unit: str, st: _State, after: str) -> str | None:
    q = p.replace(" ", "")
    if unit == "辆":
        if "保有量" in q:
            return "公务用车保有量"
        if "购置" in q:
            return "公务用车购置数量"
        m = re.search(r"([^,，、;；:：其中]{2,14}用车)$", q)
        if m:
            return m.group(1)
        if q in ("车辆", "") or q.endswith("共有车辆"):
            return "车辆总数"
        return _shorten(q)
    if unit in ("台(套)", "台", "套"):
        if "设备" in q or "以上" in q:
            return "单价100万元以上设备"
        if "车辆" in q or "购置" in q:
            return "公务用车购置数量"
        return None
    if unit == "个":
        if "团组" in q or "团组" in after:
            if "出国" in q:
                st.count_ctx = "因公出国"
            elif "外" in q:
                st.count_ctx = "外事接待"
            elif "国内" in q or "接待" in q:
                st.count_ctx = "国内公务接待"
            return (st.count_ctx or "") + "团组"
        if "项目" in q or after.startswith("项目"):
            return _shorten(q) if q.endswith("项目") else "项目数"
        if "单位" in q or after.startswith("单位"):
            return "单位数"
        return None
    if unit == "批次":
        if "国内" in q:
            st.count_ctx = "国内公务接待"
        elif "外事" in q or "外宾" in q:
            st.count_ctx = "外事接待"
        return (st.count_ctx or "公务接待") + "批次"
    if unit == "人次":
        if "出国" in q:
            st.count_ctx = "因公出国"
        elif "外宾" in q or "外事" in q or "国(境)外" in q:
            st.count_ctx = "外事接待"
        elif "国内" in q or "来宾" in q or "接待" in q:
            st.count_ctx = "国内公务接待"
        if not st.count_ctx:
            return None
        return st.count_ctx + "人次"
    if unit == "人":
        if st.count_ctx and (q in ("", "累计") or len(q) <= 3):
            return st.count_ctx + "人数"
        if "接待" in q:
            st.count_ctx = "外事接待" if "外" in q else "国内公务接待"
            return st.count_ctx + "人数"
        return None
    return None


def _previous(claim: Claim, out: list[Claim], res: Resolver) -> Decimal | None:
    """Previous-year value from the current value (narrative amount, else the cell) and the
    change (for rates: the change amount stated just before for the same subject)."""
    if claim.direction is None:
        return None
    current: Decimal | None = None
    for c in reversed(out):
        if c.subject == claim.subject and c.kind == "amount" and c.unit == "万元":
            current = c.value
            break
    if current is None and claim.cell is not None and res.doc is not None:
        current = res.doc.value(claim.cell.table, claim.cell.row, claim.cell.column)
    if current is None:
        return None
    if claim.kind == "change_amount":
        change = claim.value
        if claim.unit not in ("万元", ""):
            return None
    else:
        change = None
        for c in reversed(out[-6:]):
            if c.subject == claim.subject and c.kind == "change_amount":
                change = c.value
                break
        if change is None:
            return None
    if claim.direction == "持平":
        return current
    return current - change if claim.direction == "增加" else current + change


def resolve_subject(name: str, topic: str, doc: Disclosure | None = None) -> CellRef | None:
    """The cell of a subject or base name under a topic (e.g. a share's ``base``)."""
    if name in BASE_CELLS:
        return BASE_CELLS[name]
    subs = Resolver(doc).resolve(name, topic)
    return subs[0].cell if subs else None


__all__ = ["extract_claims", "paragraphs", "clean_text", "resolve_subject", "BASE_CELLS", "Resolver"]
