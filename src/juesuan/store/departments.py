"""Department identity: one department across years and spellings.

Disclosures print a department's name with more or fewer administrative divisions in front
(上海市普陀区财政局 one year, 普陀区财政局 the next). The identity ``key`` keeps the innermost
division and the name after it; the divisions stripped in front form the ``region``:

    上海市普陀区财政局   → key 普陀区财政局, region 上海市普陀区
    普陀区财政局         → key 普陀区财政局, region 普陀区
    辽宁省丹东市人力资源和社会保障局 → key 丹东市人力资源和社会保障局, region 辽宁省丹东市

A division is never stripped when nothing but a bare office name would remain (上海市财政局
keeps its 上海市), so the key never collapses to 财政局. Two names are the same department when
their keys are equal and one region ends with the other (上海市普陀区 ⊇ 普陀区); a key seen in two
incompatible regions (上海市普陀区 / 舟山市普陀区) is two departments.
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan import lazy

# An administrative division: up to 12 characters ending in a division word. Lazy, so
# 样例市青禾区 splits into 样例市 + 青禾区.
_DIVISION = lazy.pattern(
    r"[\u4e00-\u9fff]{1,12}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|盟|地区|州|区|县|旗)"
)
_SPACES = lazy.pattern(r"\s+")
# a trailing "(本级)" names the department's own unit, not another department
_OWN_UNIT = lazy.pattern(r"[（(]\s*本级\s*[)）]$")


@dataclass(frozen=True)
class DepartmentName:
    name: str  # cleaned spelling
    key: str
    region: str


def clean(name: str) -> str:
    s = _SPACES.sub("", name or "").replace("(", "（").replace(")", "）")
    return _OWN_UNIT.sub("", s)


def divisions(name: str) -> list[str]:
    """The administrative divisions printed in front of the name, outermost first."""
    out: list[str] = []
    rest = name
    while True:
        m = _DIVISION.match(rest)
        if not m or len(m.group(0)) == len(rest):
            return out
        out.append(m.group(0))
        rest = rest[m.end():]


def parse(name: str) -> DepartmentName:
    s = clean(name)
    divs = divisions(s)
    region = "".join(divs)
    # strip all but the innermost division; keep it so the key names a place
    stripped = "".join(divs[:-1]) if divs else ""
    return DepartmentName(name=s, key=s[len(stripped):], region=region)


def same_region(a: str, b: str) -> bool:
    """Compatible regions: equal, one unknown, or one a more complete spelling of the other."""
    return not a or not b or a.endswith(b) or b.endswith(a)
