"""What the narrative readers of one build share: the claims, statements and performance
readers each walk the same sections of the same source, and the claims and statements readers
resolve the same subject phrases against the same tables.

``pipeline._build`` makes one ``NarrativeContext`` per document, once the sections are located
and the tables are final, and hands it to each reader; it goes with the build. Nothing is kept
at module level, so concurrent builds (batch workers, the web server's threads) never see each
other's document, and no document outlives its build.
"""

from __future__ import annotations

from juesuan.extract.claims.paragraphs import Para, paragraphs, source_phrases
from juesuan.extract.claims.subjects import Resolver
from juesuan.locate.sections import section_index_ranges
from juesuan.model import Disclosure, Section
from juesuan.read.types import Source


class NarrativeContext:
    """One document's sections as the narrative readers read them: each section's range of
    source lines (computed once), the paragraphs of a range (joined once, then handed out as
    fresh lists) and one subject resolver over the document's tables (made on first use)."""

    def __init__(self, src: Source, sections: list[Section], doc: Disclosure | None = None):
        self.src = src
        self.sections = sections
        self.doc = doc
        self.ranges: list[tuple[Section, int, int]] = section_index_ranges(src, sections)
        self._paragraphs: dict[tuple[int, int, bool], list[Para]] = {}
        self._resolver: Resolver | None = None
        self._phrases = source_phrases(src)  # built on first use, then shared by the sections

    def paragraphs(self, a: int, b: int, skip_first_heading: bool = True) -> list[Para]:
        key = (a, b, skip_first_heading)
        got = self._paragraphs.get(key)
        if got is None:
            got = self._paragraphs[key] = paragraphs(self.src, a, b, skip_first_heading, self._phrases)
        return list(got)

    @property
    def resolver(self) -> Resolver:
        """The resolver of the document's tables as they are at its first use (the readers
        run after every table stage, so the tables no longer change)."""
        if self._resolver is None:
            self._resolver = Resolver(self.doc)
        return self._resolver
