"""Shared helpers for the narrative-extraction tests (sections, claims, performance)."""

from __future__ import annotations

import re
from functools import cache

from juesuan.model import Cell, Disclosure, Table
from juesuan.read import read_source
from juesuan.read.text import read_text
from tests_support import seed_file as seed_path  # noqa: F401  (re-exported for the claims tests)


def simple_table_spans(src) -> list[tuple[int, int]]:
    """A deliberately simple stand-in for the lead's table locator: a table starts at a line
    '公开NN表' (or a known title just before it) and runs to the next '注' line."""
    spans = []
    lines = src.lines
    i = 0
    while i < len(lines):
        if re.search(r"公开\s*\d{1,2}\s*表", lines[i].text):
            start = max(0, i - 2)
            j = i + 1
            while j < len(lines) and not lines[j].text.lstrip().startswith(("注", "说明")) \
                    and not re.search(r"公开\s*\d{1,2}\s*表", lines[j].text):
                j += 1
            spans.append((start, j))
            i = j
            continue
        i += 1
    return spans


def t05_from_text(src) -> Disclosure:
    """Build a Disclosure whose T05 carries the row labels printed in the source (code<TAB>name
    rows of the 一般公共预算财政拨款支出决算表), as the lead's table extraction would."""
    doc = Disclosure()
    t = doc.table("T05")
    in_t05 = False
    for ln in src.lines:
        txt = ln.text
        if "一般公共预算财政拨款支出决算表" in txt.replace(" ", "") and "\t" not in txt:
            in_t05 = True
            continue
        if in_t05 and ("注" in txt[:2] or "基本支出决算" in txt):
            if t.row_labels:
                break
        if in_t05:
            cells = txt.split("\t")
            if len(cells) >= 3 and re.fullmatch(r"\d{3}(\d{2}){0,2}", cells[0].strip()):
                code, name = cells[0].strip(), cells[1].strip()
                t.row_labels[code] = name
                m = re.fullmatch(r"[\d,.]+", cells[2].replace(" ", ""))
                if m:
                    from decimal import Decimal
                    t.put(Cell(table="T05", row=code, column="小计",
                               value=Decimal(cells[2].replace(",", "").replace(" ", ""))))
    t.present = bool(t.row_labels)
    return doc


@cache
def load_seed(prefix: str):
    from juesuan.extract.claims import NarrativeContext, extract_claims
    from juesuan.extract.performance import extract_performance
    from juesuan.locate.sections import locate_sections

    src = read_source(seed_path(prefix))
    spans = simple_table_spans(src)
    sections = locate_sections(src, spans)
    doc = t05_from_text(src)
    claims = extract_claims(NarrativeContext(src, sections, doc))
    perf = extract_performance(src, sections)
    return src, sections, claims, perf


def synthetic_source(text: str):
    return read_text(text.encode("utf-8"), "synthetic.txt")


def find(claims, **kw):
    out = []
    for c in claims:
        ok = True
        for k, v in kw.items():
            cv = getattr(c, k)
            if k == "value":
                from decimal import Decimal
                ok = ok and cv == Decimal(str(v))
            elif k == "cell":
                ok = ok and cv is not None and (cv.table, cv.row, cv.column) == v
            elif k == "text_has":
                ok = ok and v in c.text
            else:
                ok = ok and cv == v
        if ok:
            out.append(c)
    return out


def make_doc(t05_labels: dict[str, str]) -> Disclosure:
    doc = Disclosure()
    t = Table(id="T05", present=True, row_labels=dict(t05_labels))
    doc.tables["T05"] = t
    return doc
