"""The claims and the statements readers cut a paragraph at the separators of one scan
(``figures.clause_separators``, session 27): the clause bounds, the claims' sentence ends and
the statements' sentences are those each found by its own pattern before. Synthetic texts."""

from __future__ import annotations

import importlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.claims.figures import _SENT_END, _SEP, clause_separators

statements = importlib.import_module("juesuan.extract.claims.statements")

# every separator, full-width and ASCII, and what is none: words, figures, whitespace, brackets
_PIECES = st.sampled_from([*sorted(_SEP), "。", "．", ".", "、", " ", "\u3000", "\t", "\n", "(", "）", "收入",
                           "支出", "12.5", "万元", "%", "x"])
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


def _sentences_before(text: str) -> list[tuple[int, int]]:
    """statements._sentences before session 27: its own scan for 。；;."""
    out, a = [], 0
    for m in re.finditer("[。；;]", text):
        i = m.start()
        if text[a:i].strip():
            out.append((a, i + 1))
        a = i + 1
    if text[a:].strip():
        out.append((a, len(text)))
    return out


@given(_TEXTS)
@settings(max_examples=100, deadline=None)
def test_the_clauses_and_sentences_are_those_of_their_own_scans(text: str) -> None:
    seps = clause_separators(text)
    assert list(seps) == [m.start() for m in re.finditer("[" + re.escape("".join(sorted(_SEP))) + "]", text)]
    # the claims reader's sentence ends, taken from the separators
    assert [i for i in seps if text[i] in _SENT_END] == [
        m.start() for m in re.finditer("[" + re.escape("".join(sorted(_SENT_END))) + "]", text)]
    assert statements._sentences(text) == _sentences_before(text)

