"""The 预算绩效 narrative: '“X”项目自评综述：…项目自评得分 N 分。项目全年预算数为 A 万元，执行数为
B 万元，完成预算的 C%' — one PerformanceItem per project, source="narrative"."""

from __future__ import annotations

import re

from juesuan import lazy
from juesuan.extract.claims.context import NarrativeContext
from juesuan.extract.claims.subjects import PROJECT_HEADINGS
from juesuan.extract.performance.common import N, clean_name, d
from juesuan.model import PerformanceItem, Section

_BUDGET = lazy.pattern(r"全年预算数?为?\s*" + N + r"\s*万元")
_EXEC = lazy.pattern(r"执行数为?\s*" + N + r"\s*万元")
_RATE = lazy.pattern(r"完成(?:全年)?预算的\s*" + N + r"\s*%")
_SCORE = lazy.pattern(r"自评得分(?:为)?\s*" + N + r"\s*分")


def narrative_items(ctx: NarrativeContext, sec: Section, a: int, b: int) -> list[PerformanceItem]:
    src = ctx.src
    items: list[PerformanceItem] = []
    for para in ctx.paragraphs(a, b):
        text = para.text
        starts: dict[int, str] = {}
        for pat in PROJECT_HEADINGS:
            for m in pat.finditer(text):
                name = clean_name(re.sub(r"^(?:我部门绩效自评情况|根据年初设定的绩效目标)", "", m.group(1)))
                if len(name) < 2 or any(abs(m.start(1) - k) < 3 for k in starts):
                    continue
                # keep one start per project mention: the earliest pattern match wins
                if any(k <= m.start(1) < k + len(v) + 12 for k, v in starts.items()):
                    continue
                starts[m.start(1)] = name
        if not starts:
            continue
        pos = sorted(starts)
        for k, p in enumerate(pos):
            end = pos[k + 1] if k + 1 < len(pos) else len(text)
            seg = text[p:end]
            bm, em, rm, sm = _BUDGET.search(seg), _EXEC.search(seg), _RATE.search(seg), _SCORE.search(seg)
            if not (bm or sm):
                continue
            ln = src.lines[para.lines[min(p, len(para.lines) - 1)]]
            items.append(PerformanceItem(
                name=starts[p],
                budget=d(bm.group(1)) if bm else None,
                executed=d(em.group(1)) if em else None,
                rate=d(rm.group(1)) if rm else None,
                total_score=d(sm.group(1)) if sm else None,
                source="narrative", page=ln.page, line=ln.no,
            ))
    return items


