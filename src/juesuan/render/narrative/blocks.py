"""The rendered document as a sequence of blocks, which each format module (txt, html, docx,
pdf) draws."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan.render.layout import TableLayout


def placeholder(what: str) -> str:
    """A place the author must write (never filled in by the program)."""
    return f"【请填写：{what}】"


@dataclass
class Heading:
    text: str
    level: int  # 0 cover title, 1 第X部分, 2 一、…, 3 （一）…


@dataclass
class Para:
    text: str


@dataclass
class TableBlock:
    layout: TableLayout


@dataclass
class TocEntry:
    text: str
    level: int


@dataclass
class PageBreak:
    pass


Block = Heading | Para | TableBlock | TocEntry | PageBreak


@dataclass
class Document:
    department: str
    year: int | None
    blocks: list[Block] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # figures the 情况说明 needed that the input lacks

    @property
    def title(self) -> str:
        y = f"{self.year}年度" if self.year else ""
        return f"{self.department}{y}部门决算"


def placeholders(doc: Document) -> list[str]:
    """Every 【请填写：…】 in the document, in order (what the author still has to write)."""
    out = []
    for b in doc.blocks:
        if isinstance(b, (Para, Heading, TocEntry)):
            out += re.findall(r"【请填写：[^】]*】", b.text)
    return out
