"""One output row of a page while it is laid out (a ruled-table row or a prose line)."""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.read.types import Chunk


@dataclass(slots=True)
class Row:
    top: float
    bottom: float
    chunks: list[Chunk]
    gridded: bool
    table: int = -1
    # prose only: the line split at wide gaps (RUN_GAP_WIDE); used unless the line belongs
    # to a block aligned as a table without rulings, which uses the finer ``chunks``
    coarse: list[Chunk] | None = None
