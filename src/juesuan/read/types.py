"""What every reader produces: a source made of lines, each made of chunks (cells).

A text reader splits a line on tabs; a PDF reader groups words into cells by position. Either
way the rest of the pipeline sees the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

# A rectangle on a page: x0, top, x1, bottom, in PDF points from the page's top-left corner.
Box = tuple[float, float, float, float]

# A character no line's text is expected to hold (readers drop NULs): what a pass that scans a
# document's lines as one text (one search instead of one per line) joins them with. Each
# such pass counts it in the joined text and goes line by line when a line holds it anyway.
LINE_JOINER = "\x00"

# the text of whatever has one (a line, a chunk, a glyph, a form's row), as a C-level getter for
# map(): the passes over every line or cell of a document ask it without a Python frame each
TEXT = attrgetter("text")


def joined_texts(texts: list[str]) -> str | None:
    """``texts`` (lines' texts) joined by LINE_JOINER, for a pass that searches them as one
    text; None when one of them holds the joiner (the pass then asks them one by one)."""
    whole = LINE_JOINER.join(texts)
    return whole if whole.count(LINE_JOINER) == max(len(texts) - 1, 0) else None


def joined_lines(src: Source) -> str | None:
    """``joined_texts`` of the source's lines, made once for the passes that scan them (the
    locator's lines holding 表, twice, and the headings of the sections): it is made again
    only when ``src.lines`` no longer holds the same line objects, in order (a pass that
    changes a line makes a new one: a line's text is not changed once the source is read)."""
    lines = tuple(src.lines)
    made = src._joined
    # (a tuple equals one holding the same objects by their identity: a C-level pass, no
    # text asked)
    if made is None or made[0] != lines:
        made = src._joined = (lines, joined_texts([ln.text for ln in lines]))
    return made[1]


def keep_joined(src: Source, texts: list[str]) -> None:
    """Hand ``joined_lines`` the texts of ``src.lines`` as the reader made them (in order, none
    holding LINE_JOINER): joined as they are, without a pass asking every line for its text
    again and the joined text for the joiner."""
    src._joined = (tuple(src.lines), LINE_JOINER.join(texts))


@dataclass(slots=True)
class Chunk:
    """A run of text that the layout keeps together: one table cell, or a whole line of
    prose. Coordinates are PDF points from the page's top-left, when known.

    A chunk is a value: nothing changes one in place (make a new one instead). The text
    reader hands one chunk to every cell of a document printed with the same text (a form's
    thousands of empty cells, its repeated 10 and 100), so a change would reach them all."""

    text: str
    x0: float | None = None
    x1: float | None = None
    top: float | None = None
    bottom: float | None = None

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        if self.x0 is None or self.top is None or self.x1 is None or self.bottom is None:
            return None
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(slots=True)
class Line:
    no: int  # line number: in the file for text inputs, on the page for paged inputs
    text: str  # normalised text of the whole line (chunks joined by a tab)
    chunks: list[Chunk] = field(default_factory=list)
    page: int | None = None
    # True when the line comes from a real table grid (PDF ruling lines, docx/xlsx/html cells),
    # so empty chunks are meaningful positions rather than dropped cells.
    gridded: bool = False
    # "page_number" for a printed page-number line ("— 8 —"): layout furniture, not content.
    marker: str = ""
    # Leading spaces the text had (a text dump that keeps columns, pdftotext -layout): a token's
    # character column is indent + its offset in ``text``. 0 when unknown.
    indent: int = 0

    @property
    def cells(self) -> list[str]:
        return [c.text for c in self.chunks]


@dataclass(slots=True)
class Source:
    path: str
    format: str  # text | pdf | docx | xlsx | html
    lines: list[Line]
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    # Pages (1-based) whose text came from OCR rather than a text layer: their figures are
    # only as good as the recognition, so the identities must confirm them (``repair``).
    ocr_pages: list[int] = field(default_factory=list)
    # Pages (1-based) with content the reader could not read, and why (in Chinese): a scanned
    # page or a picture of text without OCR, a page skipped for time. A table that reaches
    # such a page may be incomplete (``extract.status``).
    unread_pages: dict[int, str] = field(default_factory=dict)
    # (joined_lines' text and the lines it was made of: see there)
    _joined: tuple[tuple[Line, ...], str | None] | None = field(default=None, repr=False, compare=False)


# Why a page the reader never reached was not read: the document's time ran out (limits.seconds).
OUT_OF_TIME = "文件读取时间过长，本页未读取"


@dataclass(slots=True)
class ReadLog:
    """What a reader notes as it reads: warnings (English; ``juesuan.i18n`` translates them for
    users) and the pages whose content it could not read, each with why (Chinese). A lost page
    is recorded where it is lost, with its warning, so the two can never disagree
    (``Source.unread_pages``)."""

    warnings: list[str] = field(default_factory=list)
    unread: dict[int, str] = field(default_factory=dict)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def lost(self, page: int, message: str, why: str) -> None:
        """Page ``page`` (1-based) has content that was not read: ``message`` for the
        warnings, ``why`` for the tables that may reach it (the first reason stands)."""
        self.warnings.append(message)
        self.unread.setdefault(page, why)


class ReadError(Exception):
    """The input cannot be read as a disclosure. The message names the file and why; the CLI
    prints it on one line and exits with status 2."""

    def __init__(self, path: str, why: str):
        why = " ".join(str(why).split())  # a library's multi-line message: one line
        super().__init__(f"{path}: {why}")
        self.path = path
        self.why = why
