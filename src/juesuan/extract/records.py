"""Rows of a code-keyed table (functional or economic) as records: code, name, values.

A record knows where its values were printed. In the tabbed layout each value knows its
column (by position under the header); in the flat layout values arrive as a compact list
with ``column`` unset and ``columns.assign`` decides their columns later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan import lazy
from juesuan.extract.grid import (
    DIGITS_1_2,
    DIGITS_1_3,
    DIGITS_2,
    amount,
    is_amount,
    is_lanci,
    is_note,
    squeeze_number,
    strip_enum,
)
from juesuan.memo import memo
from juesuan.money import Parsed
from juesuan.read.types import Chunk, Line
from juesuan.textnorm import norm

# (compiled once: asked of every token)
_DIGITS_4_OR_6 = lazy.pattern(r"\d{4}|\d{6}")

FUNC_CODE_RE = lazy.pattern(r"^2\d{2}(?:\d{2}){0,2}$")
# every economic code (类 款) opens with a 3: a token that does not is none (asked first)
ECON_CODE_FIRST = "3"
ECON_CODE_RE = lazy.pattern("^" + ECON_CODE_FIRST + r"\d{2}(?:\d{2})?$")
# A single space between two Chinese characters is letter spacing ('因 公 出 国'); a run of
# spaces is a gap between two cells (a text dump that keeps its columns, pdftotext -layout).
_CJK_GAP_RE = lazy.pattern(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
# An amount with its two decimals glued to what follows ('445.69221 02 01 住房公积金',
# '2,995.39收入决算表'): text tools drop the line break between two rows.
_GLUED_AMOUNT_RE = lazy.pattern(r"(?<![\d.])(\d[\d,]*\.\d{2})(?=\d|[\u4e00-\u9fff])")
# A classification code glued to its name ('30207邮电费': a narrow gap the tool dropped).
_GLUED_CODE_RE = lazy.pattern(r"(?<![\d.,])([23]\d{2}(?:\d{2}){0,2})(?=[\u4e00-\u9fff])")


@dataclass
class Value:
    raw: str  # as printed
    parsed: Parsed
    line: Line
    chunk: Chunk | None = None
    column: str | None = None  # known in the tabbed layout
    uncertain: bool = False  # the column was inferred, and the evidence left other choices
    note: str = ""  # why (Chinese, shown with the cell)


@dataclass
class Record:
    code: str | None
    name: str
    line: Line
    values: list[Value] = field(default_factory=list)
    total: bool = False  # the 合计 row
    code_note: str = ""  # how the code was rebuilt, when it was
    group: int | None = None  # T06 column group (0..2) in the tabbed layout
    after: str = ""  # name text printed after the row's amounts, on a later line (flat layout)
    before: str = ""  # name text printed above the row's code line that can only be its own (flat layout)
    between: list[tuple[int, str]] = field(default_factory=list)  # (values before it, word): text
    # printed among the row's amounts on its own line — a header cell set level with the row
    covered: list[str] = field(default_factory=list)  # columns whose place such header words took
    dropped: int = 0  # values read into columns the model does not keep (Shanghai T08 年初/收入/年末)
    unsure_dropped: int = 0  # of those, values whose column the identities left open (maybe a kept one)

    @property
    def key(self) -> str | None:
        """The row's canonical key: 合计 for the total row, else its code (None: no code)."""
        return "合计" if self.total else self.code


def add_note(note: str, more: str) -> str:
    """A reading note with one more reason after it (reasons joined by '；')."""
    return f"{note}；{more}" if note else more


def parent_row(key: str | None) -> str | None:
    """The key of a code row's parent in a 类/款/项 table: 2080501 → 20805 → 208 → 合计 (the
    total row has none)."""
    if key is None or len(key) not in (3, 5, 7):
        return None
    return "合计" if len(key) == 3 else key[:-2]


def is_total_label(label: str) -> bool:
    """'合计', '合 计', and OCR forms such as '숨计' or '尖杁坝合计' (garbage before 合计)."""
    s = strip_enum(label)
    return s in ("合计", "总计", "计") or (len(s) <= 3 and s.endswith("计")) or (s.endswith("合计") and len(s) <= 6)


def make_value(text: str, line: Line, chunk: Chunk | None = None, column: str | None = None) -> Value | None:
    p = amount(text)
    if p is None:
        return None
    return Value(raw=text.strip(), parsed=p, line=line, chunk=chunk, column=column)


# --------------------------------------------------------------------------- tabbed


# (compiled once: asked of every row of every functional table)
_D3, _D2, _D5_7 = lazy.pattern(r"\d{3}"), lazy.pattern(r"\d{2}"), lazy.pattern(r"\d{5}|\d{7}")
_CODE_TAIL = lazy.pattern(r"^(\d{2,3})\s*(?=\D)")
_BARE_CODE = lazy.pattern(r"^\d{5,7}$")
_CODE_HEAD = lazy.pattern(r"^(\d{3,7})(?=\D)")  # a whole run of digits opening a cell


def split_code_and_name(label_chunks: list[str], code_re: re.Pattern[str]) -> tuple[str | None, str, str]:
    """From the label cells of a tabbed row: (code, name, note). Joins codes printed in
    separate 类/款/项 cells ('223 | 01 | 03'), splits a code from its name printed in one
    cell ('2010101 行政运行': no gap the reader or the tool could see), and drops a code
    fragment OCR repeated at the start of the name ('2080702 | 02 职业培训补贴')."""
    parts = [norm(c) for c in label_chunks if norm(c)]
    code = None
    note = ""
    i = 0
    if parts and _D3.fullmatch(parts[0]):
        code = parts[0]
        i = 1
        while i < len(parts) and _D2.fullmatch(parts[i]) and len(code) < 7:
            code += parts[i]
            i += 1
        if i > 1:
            note = "code printed in separate 类/款/项 cells"
    elif parts and _D5_7.fullmatch(parts[0]):
        code = parts[0]
        i = 1
    elif parts and (m := _CODE_HEAD.match(parts[0])) is not None and code_re.match(m.group(1)):
        code = m.group(1)
        parts[0] = parts[0][m.end():]
        note = "code and name printed in one cell"
    name = "".join(parts[i:])
    if code and not code_re.match(code):
        # A digit string that is not a code of this table (e.g. an OCR'd 2052053 header).
        name, code = "".join(parts), None
    if code:
        m = _CODE_TAIL.match(name)
        if m and code.endswith(m.group(1)):
            name = name[m.end():]
            note = (note + "; " if note else "") + f"code tail '{m.group(1)}' repeated before the name"
    if not code and _BARE_CODE.match(name or ""):
        code, name = name, ""
    return code, name, note


def tabbed_records(
    lines: list[Line], value_pos: dict[int, str], code_re: re.Pattern[str], width: int
) -> list[Record]:
    """Records from tabbed lines. ``value_pos`` maps chunk positions to canonical columns."""
    out: list[Record] = []
    first_value = min(value_pos) if value_pos else 2
    for ln in lines:
        if ln.marker or not ln.chunks or is_lanci(ln) or is_note(ln.text):
            continue
        cells = [c.text for c in ln.chunks]
        chunks = list(ln.chunks)
        # A row printed without its code cell (continuation pages often drop it) has fewer
        # cells than the header: its values still end at the last column, so align right.
        if (len(cells) < width and cells and not code_re.match(norm(cells[0])) and not is_total_label(cells[0])
                and any(is_amount(c) for c in cells)):
            shift = width - len(cells)
            if shift <= first_value:
                cells = [""] * shift + cells
                chunks = [None] * shift + chunks  # type: ignore[list-item]
        label_chunks = cells[:first_value]
        code, name, note = split_code_and_name(label_chunks, code_re)
        values: list[Value] = []
        for pos, col in value_pos.items():
            if pos < len(cells) and cells[pos].strip():
                v = make_value(cells[pos], ln, chunks[pos], col)
                if v is not None:
                    values.append(v)
        total = code is None and any(is_total_label(c) for c in label_chunks if norm(c))
        if code is None and not total and not name:
            continue
        if code is None and not total and not values:
            continue  # a header or a wrapped name fragment
        if not code and not total and _is_header_text(name):
            continue
        out.append(Record(code=code, name=name, line=ln, values=values, total=total, code_note=note))
    return out


def _is_header_text(name: str) -> bool:
    n = norm(name)
    return any(w in n for w in ("科目编码", "科目名称", "栏次", "项目", "功能分类", "类款项")) and len(n) < 20


# --------------------------------------------------------------------------- flat


def flat_tokens(ln: Line) -> list[str]:
    return list(_flat_tokens(ln.text))


# What each substitution of a flat line needs, as patterns that open with what they look for
# rather than with a lookbehind (which the re module tries at every position of every line):
# a letter-spaced pair of Chinese characters; an amount's two decimals followed by a digit or a
# Chinese character; a digit followed by a Chinese character. Few lines have any.
_CJK_GAP_HINT = lazy.pattern(r"[\u4e00-\u9fff] [\u4e00-\u9fff]")
_GLUED_AMOUNT_HINT = lazy.pattern(r"\.\d{2}[\d\u4e00-\u9fff]")
_GLUED_CODE_HINT = lazy.pattern(r"\d[\u4e00-\u9fff]")


@memo(1 << 14)  # the readers, the table status and the locator each split a line again
def _flat_tokens(text: str) -> tuple[str, ...]:
    text = squeeze_number(text.replace("\t", " "))
    # (each substitution only where its hint is found: it cannot change a line without; the
    # hint is also asked first because a template with a group costs a call into the re
    # module's Python even where nothing matches)
    if _CJK_GAP_HINT.search(text):
        text = _CJK_GAP_RE.sub("", text)
    if _GLUED_AMOUNT_HINT.search(text):
        text = _GLUED_AMOUNT_RE.sub(r"\1 ", text)
    if _GLUED_CODE_HINT.search(text):
        text = _GLUED_CODE_RE.sub(r"\1 ", text)
    return tuple(text.split())


def join_split_code(toks: list[str], code_re: re.Pattern[str]) -> list[str]:
    """A code printed in 类/款/项 cells and read as separate tokens ('201 06 01', '301 01',
    '2 01 01') → one token. Joined only while every part is a bare 1–3 digit group and the
    result is a code the catalogue knows, so a row's integer amounts are never eaten."""
    if not toks or not DIGITS_1_3.fullmatch(toks[0]):
        return toks
    # (imported past the test most lines fail: asked of every line of a flat table, and an
    # import statement costs a lookup each time it runs)
    from juesuan import catalogue as cat

    best, used, code = None, 0, ""
    for k, t in enumerate(toks[:4]):
        if not DIGITS_1_3.fullmatch(t) or len(code + t) > 7:
            break
        code += t
        if code_re.match(code) and cat.get(code) is not None:
            best, used = code, k + 1
    if best is None or used < 2:
        return toks
    return [best, *toks[used:]]


def _total_after_header(toks: list[str]) -> int | None:
    """Index of a 合计 token preceded only by header words ('类 款 项 合计 2,946.25 …':
    the header's last line and the total row printed as one line)."""
    for k, t in enumerate(toks[:8]):
        if is_amount(t):
            return None
        # a lone '计' is the end of a header cell wrapped over lines ('本年支出合' / '计')
        if k and (t in ("合计", "总计") or (is_total_label(t) and 2 <= len(t) <= 3)):
            return k
    return None


def flat_records(lines: list[Line], code_re: re.Pattern[str]) -> list[Record]:
    """Records from the flat layout: a record starts at a code (or 合计) at the start of a
    line and runs until the next one; wrapped name lines join; values are compact."""
    out: list[Record] = []
    rec: Record | None = None
    pending_code: str | None = None
    started = False
    loose: list[Value] = []  # amounts printed above the 合计 label, before any row
    for ln in lines:
        if ln.marker or is_note(ln.text):
            if rec is not None and is_note(ln.text):
                rec = None
            continue
        toks = join_split_code(flat_tokens(ln), code_re)
        if not toks:
            continue
        while (rec is not None and rec.code and not rec.name and not rec.values and toks
               and DIGITS_2.fullmatch(toks[0]) and _known_code(rec.code + toks[0], code_re)):
            rec.code += toks[0]  # 类 / 款 / 项 printed one a line ('201' / '06' / '01')
            toks = toks[1:]
        if not toks:
            continue
        if not started and (k := _total_after_header(toks)) is not None:
            toks = toks[k:]
        if not started and all(is_amount(t) and "." in t for t in toks):
            loose.extend(v for t in toks if (v := make_value(t, ln)) is not None)
            continue
        if "栏次" in toks[0]:
            started = True
            continue
        # A bare 1–2 digit line is a page number; a 3-4 digit fragment may be a split code.
        if len(toks) == 1 and DIGITS_1_2.fullmatch(toks[0]) and pending_code is None:
            continue
        first = toks[0]
        if pending_code is not None and DIGITS_1_2.fullmatch(first):
            # '3010' + '1' on the next line: one code split by the page width
            first = pending_code + first
            toks = [first] + toks[1:]
            pending_code = None
        if _DIGITS_4_OR_6.fullmatch(first) and len(toks) == 1:
            pending_code = first
            continue
        pending_code = None
        if code_re.match(first):
            rec = Record(code=first, name="", line=ln)
            out.append(rec)
            started = True
            toks = toks[1:]
        elif is_total_label(first) or first in ("合计", "总计"):
            # a header fragment ('本年支出合 | 计') read as a total row before the real one
            out = [r for r in out if not (r.total and not r.values)]
            rec = Record(code=None, name="合计", line=ln, total=True)
            if not started and not any(is_amount(t) for t in toks[1:]):
                rec.values, loose = loose, []  # its amounts were printed on the lines above
            out.append(rec)
            started = True
            toks = toks[1:]
        elif not started or rec is None:
            continue
        k = 0
        while k < len(toks):
            t = toks[k]
            k += 1
            if rec.values and "." not in t and (glued := _glued_record(toks[k - 1:], code_re)) is not None:
                # a second row glued onto this line after the first row's amounts
                rec = Record(code=glued[0], name="", line=ln)
                out.append(rec)
                k += glued[1] - 1
                continue
            if is_amount(t) and not (rec.name == "" and not rec.values and DIGITS_1_2.fullmatch(t)
                                     and not (t == "0" and all(is_amount(x) for x in toks[k:]))):
                # (a bare 1–2 digit token right after the code is a fragment of the code or a
                # 行次 — but a bare 0 with only amounts after it is neither: a printed zero, as in
                # '207 0 2.80 2.80 2.80 0' under a name printed around the code line)
                v = make_value(t, ln, None, None)
                if v is not None:
                    rec.values.append(v)
            elif not rec.values:
                rec.name += t
            elif rec.line is not ln:
                rec.after += t  # name text on a later line: the next row's name, set above its code
            else:
                rec.between.append((len(rec.values), t))
    _names_from_above(out)
    for prev, rec in zip(out, out[1:]):
        if prev.total and prev.after:
            # a 合计 row's label never wraps: text printed after it is the next row's name
            rec.before, prev.after = prev.after, ""
    return out


def _known_code(code: str, code_re: re.Pattern[str]) -> bool:
    from juesuan import catalogue as cat

    return bool(code_re.match(code)) and cat.get(code) is not None


def _names_from_above(records: list[Record]) -> None:
    """PDF text tools set a row's name (or its first part) on the line above its code line,
    after the previous row's amounts. Where the catalogue confirms it — the text above, or
    the text above joined to what follows the code, is the code's name — it becomes the name;
    never by guesswork."""
    from juesuan import catalogue as cat

    for prev, rec in zip(records, records[1:]):
        above = prev.after
        if not above or not rec.code:
            continue
        if cat.name_matches(rec.code, above + rec.name) and not cat.name_matches(rec.code, rec.name):
            rec.name, prev.after = above + rec.name, ""
        elif not rec.name and cat.name_matches(rec.code, above):
            rec.name, prev.after = above, ""


def _glued_record(toks: list[str], code_re: re.Pattern[str]) -> tuple[str, int] | None:
    """(code, tokens used) when ``toks`` start a new coded row: a code (whole or split into
    类/款/项 tokens) the catalogue knows, followed by its name."""
    joined = join_split_code(toks, code_re)
    used = len(toks) - len(joined) + 1
    if not code_re.match(joined[0]) or len(joined) < 2 or is_amount(joined[1]):
        return None
    from juesuan import catalogue as cat

    return (joined[0], used) if cat.get(joined[0]) is not None else None
