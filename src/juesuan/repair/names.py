"""Repairing OCR-garbled row names ('行歌运行' → 行政运行, '津贝占补卜贝占' → 津贴补贴).

A printed name is replaced by the catalogue name of its code only with evidence that the
difference is a reading error, not the document's own wording:
  * another table of the same document prints the same code with the catalogue name; or
  * the printed name is longer than the catalogue name by two or more characters while
    sharing most of its characters — the signature of glyphs split into fragments (贴 → 贝占).
A different but plausible name (e.g. 公务招待费 for 30217 公务接待费) is kept: that is a
finding about the document, not a reading error.
"""

from __future__ import annotations

from juesuan import catalogue as cat
from juesuan.model import Disclosure, Repair
from juesuan.textnorm import norm


def repair_names(doc: Disclosure) -> None:
    vocab = _vocabulary()
    printed: dict[str, set[str]] = {}
    for t in doc.tables.values():
        for row, label in t.row_labels.items():
            if row.isdigit():
                printed.setdefault(row, set()).add(norm(label))
    for t in doc.tables.values():
        for row, label in list(t.row_labels.items()):
            if not row.isdigit() or not label or cat.name_matches(row, label):
                continue
            entry = cat.get(row)
            if entry is None:
                continue
            canon = norm(entry.name)
            n = norm(label)
            corroborated = any(cat.name_matches(row, other) for other in printed.get(row, ()) if other != n)
            extra = set(n) - set(canon)
            # Glyph fragments are characters no classification name uses (贝, 占, 卜, digits):
            # a longer name made of ordinary finance words is the document's own wording.
            split_glyphs = (
                len(n) >= len(canon) + 2
                and len(set(canon) & set(n)) * 2 >= len(set(canon))
                and bool(extra)
                and all(ch not in vocab for ch in extra)
            )
            if not (corroborated or split_glyphs):
                continue
            why = ("another table prints this code with its catalogue name" if corroborated
                   else "extra glyph fragments typical of OCR")
            t.row_labels[row] = entry.name
            for c in t.cells:
                if c.row == row:
                    c.label = entry.name
            doc.repairs.append(Repair(table=t.id, row=row, column="", raw=label, value=entry.name,
                                      reason=f"OCR name '{label}' → {entry.name} ({why})"))


_VOCAB: set[str] | None = None


def _vocabulary() -> set[str]:
    """Every character used by a catalogue name."""
    global _VOCAB
    if _VOCAB is None:
        _VOCAB = {ch for e in cat.entries() for ch in norm(e.name)}
    return _VOCAB
