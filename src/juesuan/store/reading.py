"""Reading and auditing one file for the store, in-process.

Audits with the public ``juesuan.audit``. Reads with the pipeline's two steps
(``read_source`` then ``build``, which is what ``juesuan.read`` does) because the store also
wants the source lines, for the units a department consolidates. Any failure to read becomes
an unreadable result with its reason — never findings, never an exception.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from juesuan import lazy
from juesuan.model import Disclosure

# A heading: 第二部分 …, 二、…, （二）…
_HEADING = lazy.pattern(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
# A numbered unit line: "1. X", "- 1、X", "（1）X", or a table row "1<TAB>X<TAB>备注"
_ITEM = lazy.pattern(r"^(?:[-•·]\s*)?(?:\d{1,3}\s*[.、．)）]|\d{1,3}\t|[（(]\d{1,3}[)）])\s*([^\t]{2,60})")
_UNIT_WORD = lazy.pattern(r"(局|委|办|院|中心|所|站|队|会|校|学|园|馆|部|处|厅|室|社|台|本级)(（本级）)?$")

@dataclass
class ReadResult:
    format: str
    disclosure: Disclosure | None
    report: Any | None
    error: str | None
    elapsed_s: float
    units: list[str] = field(default_factory=list)


def read_and_audit(path: Path) -> ReadResult:
    from juesuan import audit
    from juesuan.pipeline import ReadError, build, load_json
    from juesuan.read import is_model_json, read_source

    t0 = time.perf_counter()
    fmt = path.suffix.lower().lstrip(".") or "text"
    units: list[str] = []
    try:
        if is_model_json(path):
            fmt = "json"
            doc = load_json(path)
        else:
            src = read_source(path)
            fmt = src.format
            doc = build(src)
            units = consolidated_units([ln.text for ln in src.lines])
        report = audit(doc)
    except ReadError as e:
        return ReadResult(fmt, None, None, e.why, time.perf_counter() - t0)
    except Exception as e:  # a reader bug: record it as unreadable with the reason, do not crash
        return ReadResult(fmt, None, None, f"读取失败（{type(e).__name__}: {e}）", time.perf_counter() - t0)
    return ReadResult(fmt, doc, report, None, time.perf_counter() - t0, units)


class IsolatedReader:
    """``read_and_audit`` in a bounded worker process (juesuan.limits), reused from one file to
    the next; a worker that hits a limit or dies gives an unreadable result with the reason
    and is replaced.

        with IsolatedReader() as read:
            result = read(path)
    """

    def __init__(self) -> None:
        from juesuan.batch.isolate import Pool

        self.pool = Pool(1)

    def __enter__(self) -> IsolatedReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.close(kill=exc[0] is not None)

    def __call__(self, path: Path) -> ReadResult:
        from juesuan.batch.isolate import isolating

        if not isolating():  # debugging in one process
            return read_and_audit(path)
        t0 = time.perf_counter()
        for out in self.pool.run(read_and_audit, [path]):
            if out.ok:
                result: ReadResult = out.value
                return result
            fmt = path.suffix.lower().lstrip(".") or "text"
            return ReadResult(fmt, None, None, out.reason, time.perf_counter() - t0)
        raise AssertionError("unreachable")  # pragma: no cover - run yields one outcome per item


def read_isolated(path: Path) -> ReadResult:
    """One file in a fresh bounded worker (see :class:`IsolatedReader`)."""
    with IsolatedReader() as read:
        return read(path)


def consolidated_units(lines: list[str]) -> list[str]:
    """The units listed under the 决算单位构成 heading (or after 纳入…编制范围的单位包括：): the
    numbered lines (or table rows) that name a unit, up to the next heading. The table of contents carries the same heading
    followed by other headings; that occurrence yields nothing and the body's is used."""
    out: list[str] = []
    inside = False
    for raw in lines:
        text = raw.strip().replace("(", "（").replace(")", "）")
        if not text:
            continue
        if text.endswith("单位构成") or (_HEADING.match(text) and "单位构成" in text and len(text) < 40):
            inside, out = True, []
            continue
        if "编制范围" in text and text.endswith(("：", ":", "包括")):
            inside, out = True, []  # 纳入…决算编制范围的单位包括： (some layouts put it under 机构设置)
            continue
        if not inside:
            continue
        if _HEADING.match(text):
            if out:
                break
            inside = False
            continue
        m = _ITEM.match(text)
        name = m.group(1).strip().rstrip("。；;，,") if m else ""
        if name and _UNIT_WORD.search(name):
            out.append(name)
        elif out:
            break  # the list ended
    return out
