"""Recall on reviewer-style defects, and false alarms on clean documents.

The rules were written against the seeds; this measures them on documents they were not
tuned on, with defects of the kinds reviewers find by hand (issue #10): a narrative that
contradicts its tables or itself, wrong direction words, wrong rates and shares, sums that
do not add up, template residue, wrong years, lists that name empty items, a glossary that
skips a used term, an amount with the wrong unit, a wrong table cell.

Documents: the writer's synthetic disclosures (four made-up departments, rendered as text,
their 【请填写】 prompts filled with neutral words) and the five real seed texts. Each
planter (below) makes one defect by editing the text — held out from the rules: it knows
nothing of how they work, only what a reviewer would call wrong — and names the rules any
of which may report it. A defect is found when a new error or warning finding (root or
nested) of one of those rules appears that the unplanted document did not have.

``run()`` prints per planter: applied / found, and per document: error+warning roots on the
clean document (false alarms for the synthetic ones, which are consistent by construction)
and new findings of other rules after planting (collateral noise).
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

Planter = Callable[[str], "str | None"]


# ---- where the narrative is ------------------------------------------------------------

def _narrative_start(text: str) -> int:
    """The body's 情况说明 (the last heading of the overview section: the first is the 目录)."""
    hits = [m.start() for m in re.finditer(r"收入支出决算总体情况", text)]
    return hits[-1] if hits else 0


def _sub_first(text: str, pattern: str, repl: Callable[[re.Match[str]], str], after: int | None = None) -> str | None:
    """The first match in the narrative (from ``after``, default the 情况说明, up to the
    glossary: attachments and tables are not the narrative)."""
    start = _narrative_start(text) if after is None else after
    end = _glossary_start(text) if after is None else len(text)
    m = re.compile(pattern, re.M).search(text, start, max(end, start))
    if m is None:
        return None
    return text[: m.start()] + repl(m) + text[m.end():]


def _sub_last(text: str, pattern: str, repl: Callable[[re.Match[str]], str]) -> str | None:
    """The last match: a part heading of the body (the first ones are the 目录's)."""
    ms = list(re.compile(pattern, re.M).finditer(text))
    if not ms:
        return None
    m = ms[-1]
    return text[: m.start()] + repl(m) + text[m.end():]


def _num(s: str) -> Decimal:
    return Decimal(s.replace(",", "").replace(" ", ""))


def _fmt_like(orig: str, v: Decimal) -> str:
    q = Decimal(1).scaleb(Decimal(orig.replace(",", "").replace(" ", "")).as_tuple().exponent)  # type: ignore[arg-type]
    return format(v.quantize(q), "f")


_AMT = r"(\d[\d,]*\.\d{1,2})"


# ---- planters: one reviewer-style defect each ------------------------------------------

def flip_budget_relation(t: str) -> str | None:
    return _sub_first(t, r"决算数(小于|大于)((?:年初)?预算数)",
                      lambda m: "决算数" + ("大于" if m.group(1) == "小于" else "小于") + m.group(2))


def flip_year_direction(t: str) -> str | None:
    swap = {"增加": "减少", "减少": "增加"}
    return _sub_first(t, r"((?:比|较|与)[^，,。]{0,14}?(?:相比)?[，,]?\s*[^，,。]{0,14}?)(增加|减少)(\s*" + _AMT + r"\s*万元)",
                      lambda m: m.group(1) + swap[m.group(2)] + m.group(3))


def amount_off(t: str) -> str | None:
    return _sub_first(t, r"(支出决算(?:数)?为\s*)" + _AMT,
                      lambda m: m.group(1) + _fmt_like(m.group(2), _num(m.group(2)) + 1))


def share_off(t: str) -> str | None:
    return _sub_first(t, r"(占[^，,。；;%]{0,16}?)(\d{1,2}\.\d{2})(\s*%)",
                      lambda m: m.group(1) + _fmt_like(m.group(2), _num(m.group(2)) + Decimal("0.5")) + m.group(3))


def change_rate_off(t: str) -> str | None:
    return _sub_first(t, r"((?:增长|下降|降低)\s*)(\d{1,3}\.\d{2})(\s*%)",
                      lambda m: m.group(1) + _fmt_like(m.group(2), _num(m.group(2)) + 1) + m.group(3))


def completion_off(t: str) -> str | None:
    """A completion rate whose budget the sentence states (else nothing in the document can
    tell the rate is wrong)."""
    return _sub_first(t, r"(预算(?:数)?为\s*\d[\d,]*\.\d{1,2}\s*万元[^。%]{0,40}?完成(?:年初)?预算的\s*)([1-9]\d{0,2}\.\d{2})(\s*%)",
                      lambda m: m.group(1) + _fmt_like(m.group(2), _num(m.group(2)) + 2) + m.group(3))


def groups_persons(t: str) -> str | None:
    return _sub_first(t, r"团组\s*\d+\s*个([，,、]\s*(?:累计)?\s*)\d+\s*人次", lambda m: f"团组0个{m.group(1)}3人次")


def residue_alternative(t: str) -> str | None:
    return _sub_first(t, r"(?<![（(])增加(?=\s*\d)", lambda m: "增加（减少）")


def heading_year(t: str) -> str | None:
    return _sub_last(t, r"^(\s*第.部分\s*\S*?)(20\d\d)(\s*年度?部门决算\s*情况说明)",
                     lambda m: m.group(1) + str(int(m.group(2)) - 1) + m.group(3))


def placeholder_name(t: str) -> str | None:
    return _sub_last(t, r"^(\s*第.部分\s*)(\S+?)(局|中心|委员会|院)(\s*20\d\d\s*年度部门决算表)",
                     lambda m: m.group(1) + "XX" + m.group(3) + m.group(4))


def list_blank_item(t: str) -> str | None:
    return _sub_first(t, r"(人员经费[^。；;]{0,30}?主要包括[:：]?\s*)", lambda m: m.group(1) + "个人农业生产补贴、")


def reason_lead_in(t: str) -> str | None:
    # the sentence's last change must be the decrease (no 增 after it), or the lead-in is right
    return _sub_first(t, r"((?:比|较)[^，,。]{0,12}?减少\s*" + _AMT + r"\s*万元[^。增]*。)",
                      lambda m: m.group(1) + "增加的主要原因是业务量增加。")


def yuan_for_wan(t: str) -> str | None:
    return _sub_first(t, r"(机关运行经费(?:支出)?\s*)(\d[\d,]*\.\d{1,2})(?<!0\.00)(\s*)万元",
                      lambda m: m.group(1) + m.group(2) + m.group(3) + "元")


def glossary_drop(t: str) -> str | None:
    m = re.search(r"^.{0,12}基本支出\s*[:：].*$\n?", t[_glossary_start(t):], re.M)
    if m is None:
        return None
    a = _glossary_start(t) + m.start()
    return t[:a] + t[a + len(m.group(0)):]


def _glossary_start(t: str) -> int:
    hits = [m.start() for m in re.finditer(r"名词解释", t)]
    return hits[-1] if hits else len(t)


def missing_unit(t: str) -> str | None:
    return _sub_first(t, r"(占[^，,。；;%]{0,16}?\d{1,2}\.\d{2})\s*%(?=[，,；;。])", lambda m: m.group(1))


def truncated_year(t: str) -> str | None:
    start = _narrative_start(t) + 20
    return _sub_first(t, r"(?<!\d)20(\d)\d(\s*年度)", lambda m: "20" + m.group(1) + m.group(2), after=start)


def flat_contradiction(t: str) -> str | None:
    return _sub_first(t, r"((?:增加|减少)\s*" + _AMT + r"\s*万元)[，,]\s*(?:增长|下降|降低)\s*\d+\.\d+\s*%",
                      lambda m: m.group(1) + "，与上年持平")


def procurement_part(t: str) -> str | None:
    return _sub_first(t, r"((?:政府采购)?货物(?:采购)?(?:支出|金额)\s*(?:为)?\s*)" + _AMT,
                      lambda m: m.group(1) + _fmt_like(m.group(2), _num(m.group(2)) + 5))


def table_cell(t: str) -> str | None:
    """A 项 row of a code table: its first amount +10.00 (a wrong cell)."""
    return _sub_first(t, r"^(\s*20\d{5}\b[^\d\n]*?)(\d[\d,]*\.\d{2})",
                      lambda m: m.group(1) + _fmt_like(m.group(2), _num(m.group(2)) + 10), after=0)


@dataclass(frozen=True)
class Defect:
    name: str
    plant: Planter
    rules: frozenset[str]  # rule ids (or family letters) any of which reports it


def _d(name: str, plant: Planter, *rules: str) -> Defect:
    return Defect(name, plant, frozenset(rules))


DEFECTS = (
    _d("决算与预算用词反了", flip_budget_relation, "N-budget-relation"),
    _d("增减用词反了", flip_year_direction, "N-direction", "N-change-rate", "N-change-amount", "N-reason-direction",
       "N-parts-sum"),
    _d("说明金额与表不符", amount_off, "N-claim-cell", "N-completion", "N-budget-relation", "N-named-item",
       "N-parts-sum", "P-narrative-attachment"),
    _d("占比算错", share_off, "N-share", "U-shares-sum"),
    _d("增减率算错", change_rate_off, "N-change-rate"),
    _d("完成率算错", completion_off, "N-completion"),
    _d("团组 0 而人次非 0", groups_persons, "N-counts"),
    _d("待选用词未删", residue_alternative, "U-template-residue"),
    _d("章节标题年度错", heading_year, "U-year"),
    _d("标题单位名为占位符", placeholder_name, "U-placeholder"),
    _d("清单列入表中为空的科目", list_blank_item, "N-list-items"),
    _d("减少却写增加的主要原因", reason_lead_in, "N-reason-direction"),
    _d("万元写成元", yuan_for_wan, "U-yuan-for-wan", "N-repeated", "N-claim-cell"),
    _d("名词解释缺表中用到的名词", glossary_drop, "C-glossary-terms"),
    _d("百分数漏写 %", missing_unit, "U-missing-unit"),
    _d("年度写成三位", truncated_year, "U-template-residue"),
    _d("增减又说持平", flat_contradiction, "N-flat"),
    _d("采购分项与总额不符", procurement_part, "N-parts-sum", "N-share", "U-shares-sum"),
    _d("表内一格错", table_cell, "A", "H", "X"),
)


# ---- documents ---------------------------------------------------------------------------

_PROMPT = re.compile(r"【请填写[^】]*】")


def documents() -> list[tuple[str, str]]:
    """(name, text): the synthetic departments (last year, prompts filled), then the seeds."""
    from juesuan.render import render_bytes
    from juesuan.synth import generate

    out = []
    for dept in generate():
        y, prev = dept.years[-1], dept.years[-2]
        text = render_bytes(y.disclosure, "txt", prev.disclosure, y.supplement).decode("utf-8")
        out.append((f"synth-{dept.profile.key}", _PROMPT.sub("工作安排调整", text)))
    for p in sorted(SEEDS.glob("*.txt")):
        out.append((p.name[:3], p.read_text(encoding="utf-8")))
    return out


def findings(text: str):
    """Every finding (roots and nested) of the text as a document: (rule, severity, message)."""
    from juesuan.pipeline import load
    from juesuan.rules import run_rules
    from juesuan.rules.causes import flatten

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "doc.txt"
        p.write_text(text, encoding="utf-8")
        roots = run_rules(load(p))
    return roots, flatten(roots)


def _key(f) -> tuple[str, str]:
    return f.rule, re.sub(r"第 \d+ 行|\d+(?:\.\d+)?", "#", f.message)[:80]


def _matches(rule: str, wanted: frozenset[str]) -> bool:
    return rule in wanted or rule[0] in wanted


def measure() -> tuple[dict, dict]:
    per_defect: dict[str, list[int]] = {d.name: [0, 0] for d in DEFECTS}
    per_doc: dict[str, dict] = {}
    for name, text in documents():
        roots, flat = findings(text)
        base = {_key(f) for f in flat}
        doc = per_doc.setdefault(name, {"clean": sum(1 for f in roots if f.severity.value != "info"),
                                        "applied": 0, "found": 0, "collateral": 0, "missed": []})
        for d in DEFECTS:
            planted = d.plant(text)
            if planted is None or planted == text:
                continue
            _, flat2 = findings(planted)
            new = [f for f in flat2 if _key(f) not in base and f.severity.value != "info"]
            hit = any(_matches(f.rule, d.rules) for f in new)
            per_defect[d.name][0] += 1
            per_defect[d.name][1] += hit
            doc["applied"] += 1
            doc["found"] += hit
            if not hit:
                doc["missed"].append(d.name)
            doc["collateral"] += sum(1 for f in new if not _matches(f.rule, d.rules))
    return per_defect, per_doc


def run() -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT / "src"))
    per_defect, per_doc = measure()
    rows = []
    applied = sum(a for a, _ in per_defect.values())
    found = sum(f for _, f in per_defect.values())
    rows.append(("recall on planted defects (all documents)", f"{found}/{applied} = {found / max(applied, 1):.0%}"))
    for name, (a, f) in per_defect.items():
        rows.append((f"  {name}", f"{f}/{a}"))
    for name, d in per_doc.items():
        kind = "false alarms (clean synthetic)" if name.startswith("synth") else "error+warning roots (unplanted)"
        rows.append((f"{name}: {kind}", str(d["clean"])))
        rows.append((f"{name}: planted found / applied; collateral new findings",
                     f"{d['found']}/{d['applied']}; {d['collateral']}"))
        if d["missed"]:
            rows.append((f"{name}: missed", "、".join(d["missed"])))
    return rows


if __name__ == "__main__":
    for label, fig in run():
        print(f"{label}\t{fig}")
