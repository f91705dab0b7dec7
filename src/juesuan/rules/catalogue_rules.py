"""K — classification codes: known to the catalogue, names match, hierarchy placement.

Uses ``juesuan.catalogue`` (``is_known(code)``, ``name_matches(code, name)``); 类 names in
T01/T04 that the catalogue does not settle are compared with the glossary's list of 功能分类
classes.
"""

from __future__ import annotations

from juesuan import catalogue as cat
from juesuan import lazy
from juesuan.extract.economic import HEADER_WORDS
from juesuan.glossary import CLASS_NAME, TABLES
from juesuan.rules.base import Context, Rule, register
from juesuan.textnorm import norm

CODE_TABLES = ("T02", "T03", "T05", "T06", "T07", "T08")
CLASS_TABLES = ("T01", "T04")


def _codes(ctx: Context):
    """The codes printed in the tables, except in a table the reader did not read in full: its
    row names and codes are as doubtful as its figures (the rules report it not checked)."""
    for tid in CODE_TABLES + CLASS_TABLES:
        if tid not in ctx.doc.tables or tid in ctx.unread:
            continue
        for code in ctx.code_rows(tid):
            if tid in CLASS_TABLES and len(code) != 3:
                continue
            yield tid, code


def _row_cells(ctx: Context, tid: str, code: str):
    return [c for c in ctx.doc.tables[tid].cells if c.row == code]


_NUMBERING = lazy.pattern(r"^\s*(?:[一二三四五六七八九十]+、|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])\s*")


# characters no official name contains (kana, Latin letters, odd symbols): an OCR slip
_GARBLED = lazy.pattern(r"[\u3040-\u30ffA-Za-z^~\\|<>{}\[\]@#$%&*=+]")


def _clean(name: str) -> str:
    return _NUMBERING.sub("", name or "").strip()


@register
class CodeKnown(Rule):
    """科目编码应在该年度的政府收支分类科目中（功能分类 3/5/7 位，部门经济分类 3/5 位）。

    目录不全（各地、各年有新增科目），所以结构上成立的新编码——上级科目在文档中印出或在目录中，
    同一编码在各表名称一致——不算问题，只合并为一条 info 列出“目录未收录的编码”；结构上不成立的
    （上级科目既不在文档也不在目录中，或同一编码在各表名称不同）为 warning。

    失败示例：T05 印有 2089901，文档和目录中都没有 20899。
    通过示例：2080199 其他人力资源和社会保障管理事务支出；或新科目 2013901，其上级 20139 印在表中。
    """

    id = "K-code-known"
    family = "K"
    severity = "warning"
    name = "编码存在"
    tables = CODE_TABLES + CLASS_TABLES  # each checked on its own; an unread one is not checked

    def check(self, ctx):
        codes = list(_codes(ctx))
        printed = {code for _, code in codes}
        new: list[tuple[str, str, str]] = []
        reported: set[str] = set()
        # a code is printed in several tables (T02, T03, T05 …): looked up once (None: the
        # lookup failed, the code is passed over wherever it is printed)
        known_of: dict[str, bool | None] = {}
        for tid, code in codes:
            if code in reported:
                continue
            if code in known_of:
                known = known_of[code]
            else:
                try:
                    known = known_of[code] = cat.is_known(code, year=ctx.doc.meta.year)
                except Exception:
                    known = known_of[code] = None
            if known is None or known:
                continue
            reported.add(code)
            name = ctx.label(tid, code)
            problem = self._structure(ctx, cat, code, printed)
            if problem is None:
                new.append((tid, code, name))
                continue
            yield self.finding(f"{TABLES[tid].title} 科目编码 {code} {name} 不在分类科目目录中，且{problem}",
                               cells=_row_cells(ctx, tid, code)[:1], expected="目录中的编码", actual=code)
        if new:
            listed = "、".join(f"{code} {name}".strip() for _, code, name in new[:12])
            more = f" 等 {len(new)} 个" if len(new) > 12 else f"（{len(new)} 个）"
            yield self.finding(f"以下编码不在本工具所带的分类科目目录中，但上级科目齐全、名称前后一致，"
                               f"应是目录未收录的新科目：{listed}{more}", severity="info",
                               cells=[c for tid, code, _ in new[:12] for c in _row_cells(ctx, tid, code)[:1]],
                               expected="目录中的编码", actual=", ".join(code for _, code, _ in new))

    @staticmethod
    def _structure(ctx: Context, cat, code: str, printed: set[str]) -> str | None:
        """Why an unknown code is structurally doubtful (None: it is not)."""
        if len(code) > 3:
            parent = code[:-2]
            try:
                parent_known = cat.is_known(parent)
            except Exception:
                parent_known = False
            if parent not in printed and not parent_known:
                return f"上级科目 {parent} 既未印出也不在目录中"
        names = {_clean(ctx.doc.tables[t].row_labels.get(code, "")) for t in CODE_TABLES if t in ctx.doc.tables}
        names.discard("")
        if len(names) > 1:
            return f"各表名称不一（{'、'.join(sorted(names))}）"
        return None


@register
class NameMatches(Rule):
    """科目名称应与编码相符（与目录名称或其别名一致）。

    失败示例：30217 印为“公务招待费”（应为 公务接待费）；T01 八、“社会保障支出”（208 应为
    社会保障和就业支出）。
    通过示例：30217 公务接待费。
    """

    id = "K-name-matches"
    family = "K"
    severity = "warning"
    name = "名称与编码相符"
    tables = CODE_TABLES + CLASS_TABLES  # each checked on its own; an unread one is not checked

    def check(self, ctx):
        # a code and its name are printed in several tables (T02, T03, T05 …): each code is
        # looked up once, each name it is printed with judged once
        entries: dict[str, cat.Entry | None] = {}
        verdicts: dict[tuple[str, str], bool] = {}
        for tid, code in _codes(ctx):
            t = ctx.doc.tables[tid]
            printed = _clean(t.row_labels.get(code, ""))
            if not printed:
                continue
            ok = None
            expected = ""
            entry = entries[code] if code in entries else entries.setdefault(code, cat.get(code))
            # An unknown code is K-code-known's business; a name can only be checked against
            # an entry that exists.
            if entry is not None:
                ok = verdicts.get((code, printed))
                if ok is None:
                    ok = verdicts[(code, printed)] = cat.name_matches(code, printed)
                expected = entry.name
            if ok is None and tid in CLASS_TABLES and code in CLASS_NAME:
                expected = CLASS_NAME[code]
                ok = printed == expected
            if ok is False and expected and _is_piece(printed, expected):
                # only part of the name: cut short in print (a narrow cell, common in provincial
                # templates) or wrapped over lines of which the text gave one — not a different
                # name: a note (info), not a warning; nobody misreads the row
                yield self.finding(f"{TABLES[tid].title} 科目 {code} 名称只印出或只读到一部分：“{printed}”"
                                   f"（应为“{expected}”，疑为单元格过窄被截断或跨行换行）", severity="info",
                                   cells=_row_cells(ctx, tid, code)[:1], expected=expected, actual=printed)
                continue
            if ok is False and expected and _glued_neighbour(ctx, tid, code, printed, expected):
                continue  # pieces of the right name glued to pieces of neighbours' wrapped names: our reading
            if ok is False:
                exp = f"（应为“{expected}”）" if expected else ""
                # non-Chinese characters in a name are the OCR's, not the document's: a note
                garbled = bool(_GARBLED.search(printed))
                yield self.finding(f"{TABLES[tid].title} 科目 {code} 印为“{printed}”，与编码不符{exp}"
                                   + ("（名称含非汉字字符，疑为识别错误）" if garbled else ""),
                                   cells=_row_cells(ctx, tid, code)[:1], expected=expected or None, actual=printed,
                                   uncertain=garbled, severity="info" if garbled else None)


def _glued_neighbour(ctx: Context, tid: str, code: str, printed: str, expected: str) -> bool:
    """Is ``printed`` a piece of the code's own name glued to pieces of other rows' names of
    the same table (or of its header, repeated at a page break)? A name wrapped over lines in a
    table of two or three column groups (T06) leaves its pieces beside the neighbouring
    columns' in the page text a tool prints ("大型修缮" + "缴费" + "公务员医疗补助缴" +
    "信息网络及软件购"): our reading, not the document's. Not a glue: another row's whole
    name, or the code's own name with its characters in order but not in one piece
    ("对其他个人和家庭的补助支出" for 其他对个人和家庭的补助) — a name printed wrong."""
    printed, expected = norm(printed), norm(expected)
    if printed == expected or len(printed) > 200:
        return False
    others = [norm(entry.name) for c in ctx.code_rows(tid) if c != code and (entry := cat.get(c)) is not None]
    if printed in others or _in_order(printed, expected) > _in_one_piece(printed, expected) + 1:
        return False
    return _pieces_of(printed, expected, [*others, *HEADER_WORDS])


def _in_order(a: str, b: str) -> int:
    """How many characters of ``b`` ``a`` has in order (longest common subsequence)."""
    row = [0] * (len(b) + 1)
    for ch in a:
        prev_diag = 0
        for j, bj in enumerate(b, 1):
            prev_diag, row[j] = row[j], (prev_diag + 1 if ch == bj else max(row[j], row[j - 1]))
    return row[-1]


def _in_one_piece(a: str, b: str) -> int:
    """The longest piece of ``b`` that ``a`` has (longest common substring)."""
    return max((j - i for i in range(len(b)) for j in range(i + 1, len(b) + 1) if b[i:j] in a), default=0)


def _is_piece(seg: str, name: str) -> bool:
    """A wrapped name's piece: its first or last line (any length) or a middle one (two
    characters at least: one character in the middle of a name says nothing)."""
    return seg in name and (len(seg) >= 2 or name.startswith(seg) or name.endswith(seg))


def _pieces_of(printed: str, own: str, others: list[str]) -> bool:
    """``printed`` cut into pieces of ``own`` (two characters at least: one would let any
    other name pass for a glue) and of ``others``, with at least one of each."""
    n = len(printed)
    reach: list[set[tuple[bool, bool]]] = [set() for _ in range(n + 1)]
    reach[0].add((False, False))
    for i in range(n):
        if not reach[i]:
            continue
        for j in range(i + 1, n + 1):
            seg = printed[i:j]
            mine = j - i >= 2 and seg in own
            theirs = any(_is_piece(seg, o) for o in others)
            for has_own, has_other in tuple(reach[i]):
                if mine:
                    reach[j].add((True, has_other))
                if theirs:
                    reach[j].add((has_own, True))
    return (True, True) in reach[n]


@register
class Parent(Rule):
    """7 位项级科目应在其 5 位款级科目之下（款在类之下）：上级科目行须存在并印在其前。

    失败示例：T05 有 2080505 而无 20805；或 2101101 印在 20805 之下。
    通过示例：208 → 20805 → 2080505 依次印出。
    """

    id = "K-parent"
    family = "K"
    severity = "error"
    name = "上级科目"

    def check(self, ctx):
        for tid in ("T02", "T03", "T05", "T06", "T07", "T08"):
            t = ctx.doc.tables.get(tid)
            if t is None:
                continue
            rows = ctx.code_rows(tid)
            present = set(rows)
            current: dict[int, str] = {}
            for code in rows:
                n = len(code)
                if n in (5, 7):
                    plen = 3 if n == 5 else 5
                    parent = code[:plen]
                    if tid == "T06" and n == 5 and parent not in present:
                        current[n] = code
                        continue  # T06 may print only 款 rows of a class
                    if parent not in present:
                        yield self.finding(f"{TABLES[tid].title} 科目 {code} {ctx.label(tid, code)} 缺少上级科目 {parent}",
                                           cells=_row_cells(ctx, tid, code)[:1], expected=parent, actual="absent")
                    elif tid != "T06" and current.get(plen) != parent:  # T06 prints side-by-side groups
                        yield self.finding(
                            f"{TABLES[tid].title} 科目 {code} {ctx.label(tid, code)} 未印在其上级科目 {parent} 之下"
                            f"（前一个{'类' if plen == 3 else '款'}是 {current.get(plen)}）",
                            severity="warning", cells=_row_cells(ctx, tid, code)[:1], expected=parent,
                            actual=current.get(plen) or "")
                current[n] = code
                if n == 3:
                    current.pop(5, None)
