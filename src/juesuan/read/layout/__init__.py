"""Page geometry shared by the PDF and OCR readers: glyphs + ruling lines → Lines.

A page is given as *glyphs* (PDF characters, or OCR text fragments) and *edges* (horizontal
and vertical ruling segments, from the PDF's vector graphics or found in a scanned image).
``page_lines`` turns them into the reader contract. One job per module:

- ``glyphs``: the Glyph and Edge types, glyphs → text (spacing, CJK joins, baselines);
- ``grid``: ruling segments → ruled tables as cell boxes;
- ``ruled``: a ruled table and the glyphs in it → grid rows (``gridded=True``);
- ``prose``: the other glyphs → prose rows, aligned when they form a table without rulings;
- ``page``: both → numbered Lines, page numbers marked;
- ``timing``: the per-page time bound and the document deadline.

Coordinates are PDF points (or image pixels scaled to points by the caller) from the page's
top-left corner.
"""

from juesuan.read.layout.glyphs import (
    Edge,
    Glyph,
    blank_precedes,
    cluster_baselines,
    is_cjk,
    join_glyphs,
    join_lines,
)
from juesuan.read.layout.grid import find_tables
from juesuan.read.layout.page import PAGE_NO_RE, page_lines
from juesuan.read.layout.timing import Deadline, PageTimeout, time_limit

__all__ = [
    "Glyph",
    "Edge",
    "blank_precedes",
    "cluster_baselines",
    "page_lines",
    "find_tables",
    "is_cjk",
    "join_glyphs",
    "join_lines",
    "time_limit",
    "Deadline",
    "PageTimeout",
    "PAGE_NO_RE",
]
