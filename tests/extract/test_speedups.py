"""The in-process speed-ups (issue 15) give exactly what the plain code gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.claims import clean_text, strip_noise
from juesuan.extract.performance.common import cells
from juesuan.read.types import Chunk, Line

# pieces the noise patterns look at: digits, separators, spaces, units, markup, CJK
_PIECES = st.sampled_from(["1", "0", "9", ".", ",", " ", "  ", "%", "万元", "元", "人", "人次", "<u>", "</b>",
                           "**", "$", "支", "出", "(", "（", ")", "a", "\t", "、"])
_TEXT = st.lists(_PIECES, max_size=30).map("".join)


@given(_TEXT)
@settings(max_examples=400)
def test_strip_noise_is_clean_text_without_the_line_map(text: str) -> None:
    assert strip_noise(text) == clean_text(text, list(range(len(text))))[0]


def test_strip_noise_examples() -> None:
    assert strip_noise("97. 20 %") == "97.20%"
    assert strip_noise("1,234.50 万元") == "1234.50万元"
    assert strip_noise("支 出**决算**") == "支出决算"


@given(st.lists(_TEXT, min_size=1, max_size=6))
def test_cells_of_a_line_are_a_fresh_list_each_call(texts: list[str]) -> None:
    ln = Line(no=1, text="\t".join(texts), chunks=[Chunk(t) for t in texts])
    first = cells(ln)
    first.append("changed")
    assert cells(ln) == first[:-1]


def test_cells_key_keeps_the_chunking() -> None:
    # the same text as one unsplit line and as two chunks are different lines
    flat = Line(no=1, text="项目\t97. 20%")
    split = Line(no=1, text="项目\t97. 20%", chunks=[Chunk("项目"), Chunk("97. 20%")])
    assert cells(split) == ["项目", "97.20%"]
    assert cells(flat) == ["项目\t97.20%"]
    assert cells(Line(no=2, text="467. 89 467. 89", chunks=[Chunk("467. 89 467. 89")])) == ["467.89", "467.89"]
