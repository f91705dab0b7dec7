"""Adjacent narrative lines a tool printed the wrong way round (pdftotext -layout sorts a line
starting with a Latin-font figure or quote above the line before it) go back where the
document's own phrases attest the junctions; lines in the writer's order never move."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from juesuan.extract.claims.line_swaps import SWAP_COST, PhraseIndex, restore_swaps
from juesuan.extract.claims.paragraphs import paragraphs
from juesuan.read.text import read_text
from juesuan.textnorm import nfkc


def _paras(text: str) -> list[str]:
    src = read_text(text.encode(), "t.txt")
    return [p.text for p in paragraphs(src, 0, len(src.lines), skip_first_heading=False)]


def _read(lines: list[str]) -> list[str]:
    return _paras("\n".join(lines) + "\n")


# a made-up department's performance paragraph, wrapped as a PDF page would wrap it
_WRITTEN = [
    "五、绩效管理情况",
    "示例档案馆2025年度绩效管理工作如下：本馆修订了绩效管理细则；推行",
    "目标、运行、评价全链条管理：设定绩效目标的2025年度项目6个，涉及预算金额",
    "731.05万元；开展运行监控的2025年度项目6个，涉及预算金额731.05万元；开展自评",
    "的2025年度项目5个，涉及预算金额702.40万元，平均得分96.20分（其中，评为",
    "“优”的项目3个；评为“良”的项目2个；评为“中”的项目0个；评为",
    "“差”的项目0个。自评发现问题2个，已经完成整改的2个，正在整改的",
    "0个）。",
]


def test_lines_printed_a_line_too_early_go_back():
    # each line starting with a figure or a quote mark printed above the line before it
    w = _WRITTEN
    printed = [w[0], w[1], w[3], w[2], w[5], w[4], w[7], w[6]]
    assert _read(printed) == _read(w) == [nfkc(w[0]), nfkc("".join(w[1:]))]


def test_one_pair_printed_early_goes_back_alone():
    w = _WRITTEN
    assert _read([w[0], w[1], w[2], w[3], w[5], w[4], w[6], w[7]]) == _read(w)


def test_the_writers_order_stays():
    assert _read(_WRITTEN) == [nfkc(_WRITTEN[0]), nfkc("".join(_WRITTEN[1:]))]


def test_a_swap_the_phrases_do_not_attest_is_not_made():
    # the same fault in prose that writes nothing twice: no evidence, the lines stay as printed
    printed = ["一、基本情况", "3200卷移交档案并完成数字化", "本馆承担档案收集整理与开放利用工作，年内接收", "各类馆藏。"]
    assert _read(printed) == [nfkc(printed[0]), nfkc("".join(printed[1:]))]


def test_only_a_line_carrying_on_a_sentence_is_swapped_up():
    # a line printed above one that stops mid-sentence goes back after it when the phrases
    # attest the junction — unless it opens an item or paragraph of its own, or the line it
    # would follow ends its sentence
    texts = ["三、示例情况", "98.10万元；开展自评", "设定目标的项目4个，涉及预算金额", "的项目4个。"]
    index = PhraseIndex(lambda: [*texts, "其他项目涉及预算金额12.00万元；"])
    order = [0, 1, 2, 3]
    assert restore_swaps(texts, [False] * 4, [False, False, False, True], order, index) == [0, 2, 1, 3]
    assert restore_swaps(texts, [False, True, False, False], [False, False, False, True], order, index) == order
    assert restore_swaps(texts, [False] * 4, [False, False, True, True], order, index) == order


def test_the_run_across_a_junction():
    index = PhraseIndex(lambda: ["设定目标的项目6个，涉及预算金额731.05万元；", "评为“良”的项目"])
    assert index.across("涉及预算金额", "98.10万元；开展") == len("涉及预算金额0万元；")
    assert index.across("其中，评为", "“优”的项目") == len("评为“")
    assert index.across("推行", "目标、运行") == 0  # not even 行目 is written anywhere
    assert len("金额0") <= SWAP_COST < len("金额0万")  # a phrase, not a chance meeting


# ---- any paragraph of such clauses ----------------------------------------------------------

_LABELS = st.sampled_from(["设定目标", "开展监控", "组织自评", "委托评价", "年终复核"])
_GRADES = st.sampled_from(["优", "良", "中", "差"])
_AMOUNT = st.decimals(min_value=0, max_value=9999, places=2).map(lambda d: f"{d:.2f}")
_COUNT = st.integers(0, 40)


def _clauses(draw) -> list[str]:
    """3 to 8 clauses, each of its own kind (a paragraph never writes one twice)."""
    kinds = draw(st.lists(st.one_of(_LABELS.map(lambda w: ("label", w)), _GRADES.map(lambda g: ("grade", g))),
                          min_size=3, max_size=8, unique=True))
    return [f"{w}的项目{draw(_COUNT)}个，涉及预算金额{draw(_AMOUNT)}万元；" if kind == "label"
            else f"评为“{w}”的项目{draw(_COUNT)}个；" for kind, w in kinds]


@st.composite
def _paragraph(draw) -> tuple[str, list[int]]:
    """A paragraph of 3 to 8 clauses (ending in 。) and the places it is wrapped at."""
    text = "".join(_clauses(draw))[:-1] + "。"
    width = draw(st.integers(12, 36))
    # a line breaks anywhere but inside a figure (a page never wraps 12.50 as 12. / 50), and
    # never holds a figure alone (a line of figures only is pdfplumber's: paragraphs splices it)
    return text, _breakable(text, range(width, len(text), width))


def _breakable(text: str, cuts) -> list[int]:
    cuts = sorted(c for c in cuts if not (_in_figure(text[c - 1]) and _in_figure(text[c])))
    return [c for c, nxt in zip(cuts, [*cuts[1:], len(text)]) if not all(map(_in_figure, text[c:nxt]))]


def _in_figure(ch: str) -> bool:
    return ch.isdigit() or ch in ".，；。"


# the section opens with a line that writes each kind of clause in one piece, as a disclosure
# does somewhere (its tables, a summary, another year's paragraph) for the phrases it repeats
_HEAD = ["三、示例情况", "本年度设定目标的项目2个，涉及预算金额86.50万元；评为“良”的项目2个。"]


def _wrapped(text: str, cuts: list[int]) -> list[str]:
    bounds = [0, *cuts, len(text)]
    return [*_HEAD, *(text[a:b] for a, b in zip(bounds, bounds[1:]) if b > a)]


def _as_written(text: str) -> list[str]:
    return [nfkc(_HEAD[0]), nfkc(_HEAD[1] + text)]


@given(_paragraph())
def test_any_paragraph_in_the_writers_order_stays(par):
    """Wherever the lines of such a paragraph break, read in the writer's order it is read
    as written."""
    text, cuts = par
    assert _read(_wrapped(text, cuts)) == _as_written(text)


@given(_paragraph(), st.data())
def test_a_line_starting_with_an_amount_or_quote_printed_early_goes_back(par, data):
    """Such a paragraph wrapped anywhere and cut once more before one of its amounts of
    涉及预算金额 or grades in quotes, with the line starting there printed above the line
    before it: read as written — whenever, as printed, the two lines do not meet in a phrase
    the document writes (“…的项目3个；” over “评为“良”…” reads as written either way)."""
    text, cuts = par
    word = data.draw(st.sampled_from(["涉及预算金额", "评为"]))
    marks = [i + len(word) for i in range(len(text)) if text.startswith(word, i)]
    assume(marks)
    at = data.draw(st.sampled_from(marks))
    # a page's lines are a full width: the cut line keeps a few characters either side
    cuts = _breakable(text, {*(c for c in cuts if abs(c - at) > 6), at})
    assume(at in cuts and at >= 6)
    lines = _wrapped(text, cuts)
    k = len(_HEAD) + cuts.index(at) + 1  # the line starting at the cut
    assert lines[k].startswith(text[at:at + 2])
    printed = [*lines[:k - 1], lines[k], lines[k - 1], *lines[k + 1:]]
    assume(PhraseIndex(lambda: map(nfkc, printed)).across(nfkc(lines[k]), nfkc(lines[k - 1])) <= SWAP_COST)
    assert _read(printed) == _as_written(text)
