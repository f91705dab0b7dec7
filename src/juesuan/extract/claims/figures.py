"""Figures in narrative prose: number + unit, and the trigger words before a figure that
type it (share, change, completion, budget, amount, count)."""

from __future__ import annotations

import re

from juesuan import lazy
from juesuan.memo import memo
from juesuan.money import parse_decimal

# ---- figures ------------------------------------------------------------------------------

# a number not continuing one (no digit or point before it). The plain spelling is
# (?<![\d.])(\d+(?:\.\d+)?); this one matches the same but opens with the digit, so the regex
# engine skips to a digit instead of trying the lookbehind at every character of a paragraph
_NUM = r"(\d(?<![\d.]\d)\d*(?:\.\d+)?)"
_UNIT = r"(万元|亿元|元|%|辆|人次|个|台\(套\)|台（套）|台|套|批次|人)"
FIG_RE = lazy.pattern(_NUM + r"\s*" + _UNIT)
FLAT_RE = lazy.pattern(r"持平")
_SEP = set(",，;；。:：!！?？")
_SENT_END = set("。;；!！?？")
_SEP_RE = lazy.pattern("[" + re.escape("".join(sorted(_SEP))) + "]")


@memo(1 << 10)
def clause_separators(text: str) -> tuple[int, ...]:
    """Where ``text`` (a paragraph) holds a clause separator (``_SEP``), in order. The claims
    reader cuts each paragraph into clauses and sentences, the statements reader into
    sentences (ends of both are separators): one scan of the paragraph for both readers
    (kept by text: they read the same paragraphs), each taking the ends it wants from it."""
    return tuple([m.start() for m in _SEP_RE.finditer(text)])

_BUDGET_TRIG = lazy.pattern(r"(?:(年初|全年|调整后)?预算(?:数|总额)?|预算安排)(?:均|为|是|:)*\s*$")
_FINAL_TRIG = lazy.pattern(r"(?:支出决算数?|决算数?|执行数|实际支出|实际执行)(?:均|为|是|:)*\s*$")
_CHANGE_TRIG = lazy.pattern(r"(增加|减少|增长|下降|降低|上升|增)了?\s*$")
# a template alternative left in print ('增加（减少）0.58 万元'): a change, direction unknown
_CHANGE_ALT_TRIG = lazy.pattern(r"(?:增加|减少|增长|下降|降低|上升)[（(](?:增加|减少|增长|下降|降低|上升)[）)]\s*$")
_COMPL_TRIG = lazy.pattern(r"(?:完成(?:了)?(?:年初|全年|调整后)?预算(?:数)?的?|(?:预算)?执行率(?:情况)?(?:为|达到|达)?)\s*$")
_SHARE_TRIG = lazy.pattern(r"占(.*?)(?:的)?(?:比重|比例)?(?:为)?\s*$")
_COMPARE_RE = lazy.pattern(r"(?:比|较|与)(.{0,16}?)(?:相比)?$")

_DIR = {"增加": "增加", "增长": "增加", "上升": "增加", "增": "增加",
        "减少": "减少", "下降": "减少", "降低": "减少"}

# a run of leading junk: one match where stripping one piece at a time (``^(?:piece)\s*``
# until none is left) took a substitution per piece and one more to find none (tests/speed:
# the same text). No piece matches the empty string, and nothing follows the repeat, so the
# repeat takes the pieces one at a time as the substitutions did.
_LEAD_JUNK = lazy.pattern(
    r"(?:(?:[\s\-*•·#>、]|\(?[0-9一二三四五六七八九十]{1,3}[)）.、．]\s*|[(（][0-9一二三四五六七八九十]{1,3}[)）]|"
    r"其中|主要是|主要用于(?:以下方面)?|主要包括|具体包括|包括|另外|此外|以及|和|及|"
    r"与上年相比|与上年度相比|与20\d\d\s*年度?相比|与年初预算相比|"
    r"截至\s*20\d\d\s*年(?:\s*\d{1,2}\s*月\s*\d{1,2}\s*日)?|截至年末|截止年末|"
    r"20\d\d\s*年(?:度|期末|末)?|今年|本年度|本年|当年|年末|"
    r"本部门|我部门|本单位|我单位|部门|共有|共计|共|均|各|全年|累计|合计为)\s*)*"
)
# a run of trailing junk: one substitution where stripping one piece at a time (``piece\s*$``,
# then the whitespace, until nothing changes) took one per piece and one more to find none
# (tests/speed: the same text). It opens with a piece, not the repeat, so the regex engine
# skips to where a piece can start.
_TAIL_PIECE = r"(?:均为|为|是|达到|达|共计|累计|各|均|:|：|分别为|支出决算中|决算中|中)\s*"
_TAIL_JUNK = lazy.pattern(f"{_TAIL_PIECE}(?:{_TAIL_PIECE})*$")


_dec = parse_decimal


def _strip_lead(s: str) -> str:
    m = _LEAD_JUNK.match(s)
    assert m is not None  # (the repeat matches the empty string)
    return s[m.end():].strip()


def _strip_tail(s: str) -> str:
    return _TAIL_JUNK.sub("", s).strip()
