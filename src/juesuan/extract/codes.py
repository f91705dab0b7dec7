"""Rebuilding classification codes that a printed row lost (names only, a code cut by the
page width, a cell with neither). Evidence, strongest first: the same name with its code in
another table of the same document (in the same order), then the catalogue."""

from __future__ import annotations

from collections.abc import Sequence

from juesuan import catalogue as cat
from juesuan import lazy
from juesuan.extract.records import Record
from juesuan.model import Disclosure
from juesuan.textnorm import norm

# A code the reader could not take as one, left at the head of the name: OCR lost, doubled or
# misread one of its digits and glued it to the name ('220019其他自然资源事务支出').
_CODE_FRAGMENT = lazy.pattern(r"^\s*(\d{3,8})\s*(?=\D)")


def rebuild_functional_codes(doc: Disclosure, records: dict[str, tuple[list[Record], bool]]) -> None:
    sequences = {tid: [(r.code, norm(r.name)) for r in recs if r.code] for tid, (recs, _) in records.items()}
    for tid, (recs, _) in records.items():
        last_code: str | None = None
        for rec in recs:
            if rec.total:
                continue
            if rec.code:
                last_code = rec.code
                continue
            if not rec.name:
                continue
            m = _CODE_FRAGMENT.match(rec.name)
            name = rec.name[m.end():] if m else rec.name
            code, why = _from_siblings(tid, norm(name), last_code, sequences)
            if code is None:
                code, why = _from_catalogue(norm(name), last_code)
            if code is not None and m:
                # the name's code, and the printed digits one slip of OCR away from it: both say
                # which row this is; digits further off say another code, and the row stays unread
                if not _one_slip(m.group(1), code):
                    continue
                why = f"code printed as '{m.group(1)}' (one digit lost, doubled or misread); {why.removeprefix('code missing in print; ')}"
                rec.name = name
                doc.warnings.append(f"{tid} line {rec.line.no}: code printed as '{m.group(1)}' read as {code} ({name.strip()}): "
                                    f"the name's code, one digit of the printed code lost, doubled or misread")
            if code is not None:
                rec.code = code
                rec.code_note = why
                last_code = code


def _one_slip(printed: str, code: str) -> bool:
    """Is ``printed`` ``code`` with one digit deleted, inserted or replaced?"""
    if len(printed) == len(code):
        return sum(a != b for a, b in zip(printed, code)) == 1
    short, long = sorted((printed, code), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _from_siblings(tid, name, last_code, sequences):
    for other, seq in sequences.items():
        if other == tid or not seq:
            continue
        start = 0
        if last_code is not None:
            idx = [i for i, (c, _) in enumerate(seq) if c == last_code]
            start = idx[0] + 1 if idx else 0
        for c, n in seq[start:]:
            if n == name:
                return c, f"code missing in print; rebuilt as {c} from {other}, which prints the same name after the same rows"
    return None, ""


def _from_catalogue(name, last_code):
    parents = []
    if last_code:
        parents = [last_code[:5], last_code[:3]] if len(last_code) == 7 else [last_code, last_code[:3]]
    for parent in parents + [None]:
        code = cat.code_for_name(name, "functional", parent=parent)
        if code:
            return code, f"code missing in print; rebuilt as {code} from the catalogue name"
    return None, ""


def rebuild_economic_codes(triples, doc: Disclosure) -> None:
    known = {t.code for t in triples if t.code}
    for i, tr in enumerate(triples):
        if tr.code:
            continue
        if tr.fragment and tr.name:
            m = cat.best_match(tr.name, "economic", parent=tr.fragment[:3])
            if m is not None:
                tr.code = m[0].code
                tr.note = f"code printed as '{tr.fragment}' (cut by the page width); rebuilt from the name"
                known.add(tr.code)
                continue
        if tr.name:
            code = cat.code_for_name(tr.name, "economic")
            if code and code not in known:
                tr.code = code
                tr.note = f"code missing in print; rebuilt as {code} from the catalogue name"
                known.add(code)
                continue
        if not tr.name and tr.value is not None and tr.group is not None:
            # A class total printed with neither code nor name: the class is the parent of the
            # next item in the same column group.
            for nxt in triples[i + 1 :]:
                if nxt.group == tr.group and nxt.code and len(nxt.code) == 5:
                    cls = nxt.code[:3]
                    if cls not in known:
                        tr.code = cls
                        tr.note = f"code and name missing in print; rebuilt as class {cls}, the parent of {nxt.code} below it"
                        known.add(cls)
                    break


# Dot leaders and ellipses a form prints in a name cell ('高等教育......', '…'): not the name.
_LEADER_RE = lazy.pattern(r"[.…·]{2,}|…")
WINDOW = 3  # rows on either side of a misread name that may hold its other part


def _key(name: str) -> str:
    return norm(_LEADER_RE.sub("", name or ""))


def settle_wrapped_names(rows: Sequence) -> None:
    """Names of consecutive rows (``Record`` or ``Triple``: ``code`` and ``name``) as a text
    dump wraps them: a part of one row's name printed with its neighbour's ('文化旅游体育与传媒
    支出其他文化旅游体育与传媒支' / '出'). Where the names of a run of rows, joined, are exactly
    the catalogue names of their codes, joined, each row gets its own part back — joined by the
    catalogue, never by guesswork. Dot leaders are dropped; anything else stays as printed."""
    for r in rows:
        if r.name and _LEADER_RE.search(r.name):
            r.name = _LEADER_RE.sub("", r.name)
    known = [(e.name if r.code and (e := cat.get(r.code)) is not None else None) for r in rows]
    for i, r in enumerate(rows):
        if known[i] is None or not r.name or cat.name_matches(r.code, r.name):
            continue
        for a in range(max(0, i - WINDOW), i + 1):
            b = next((b for b in range(i + 1, min(len(rows), i + WINDOW) + 1)
                      if _fits(rows, known, a, b)), None)
            if b is not None:
                for k in range(a, b):
                    rows[k].name = known[k]
                break


def _fits(rows: Sequence, known: list[str | None], a: int, b: int) -> bool:
    """Do rows a..b-1, all with catalogue names, print exactly those names between them?"""
    names = known[a:b]
    if any(n is None for n in names):
        return False
    return "".join(_key(r.name) for r in rows[a:b]) == "".join(norm(n or "") for n in names)


def give_back_wrapped_lines(records: Sequence) -> None:
    """Names a PDF text tool wrapped over lines around their code line (flat layout): a row's
    name may start on lines above its code line and end on lines below it — '国有土地使用权出让' /
    '21219 收入对应专项债务收 0 2,000.00 …' / '入安排的支出' (pdfplumber sets the code and
    amounts level with the middle line), or two lines with the code line first or second.
    The text between two code lines (``Record.after`` of the upper row) is then the upper
    row's tail followed by the lower row's head, cut anywhere.

    Each row with a catalogue name takes the one head (a suffix of the text above) and tail
    (a prefix of the text below) that make its printed name exactly that name; rows whose
    claims on one stretch of text overlap take nothing. A row the catalogue does not know
    takes the text around it only where its neighbours' claims leave no doubt about what is
    its own (both stretches settled). Everything else keeps its name as printed on the code
    line — joined by the catalogue, never by guesswork, and never with a neighbour's piece."""
    n = len(records)
    own = [norm(getattr(r, "before", "") + (r.name or "")) for r in records]
    gaps = [_key(getattr(r, "after", "")) for r in records]  # gaps[i]: between row i and row i+1
    # (head length, tail length) a row takes of the text around it; a 合计 row's label never wraps
    claims: list[tuple[int, int] | None] = [(0, 0) if r.total else None for r in records]
    names: dict[int, str] = {}
    options: dict[int, dict[tuple[int, int], str]] = {}
    for i, r in enumerate(records):
        e = cat.get(r.code) if r.code and not r.total else None
        if e is None:
            continue
        above = gaps[i - 1] if i else ""
        options[i] = {(len(h), len(k) - len(h) - len(own[i])): k
                      for k in {norm(x) for x in e.names}
                      for h in (above[j:] for j in range(len(above) + 1))
                      if k.startswith(h + own[i]) and gaps[i].startswith(k[len(h) + len(own[i]):])}
    # A name and its alias may both fit ('…缴费' / '…缴费支出'): the neighbour that is sure of its
    # share of the text between them says which (the two shares cover that text exactly).
    changed = True
    while changed:
        changed = False
        for i, fits in options.items():
            if len(fits) == 1:
                if claims[i] is None:
                    (claims[i], names[i]), = fits.items()
                    changed = True
            elif len(fits) > 1:
                up = claims[i - 1] if i else (0, 0)
                down = claims[i + 1] if i + 1 < n else None
                kept = {c: k for c, k in fits.items()
                        if (up is None or c[0] + up[1] == len(gaps[i - 1] if i else ""))
                        and (down is None or c[1] + down[0] == len(gaps[i]))}
                if (up is not None or down is not None) and len(kept) == 1:
                    options[i] = kept
                    changed = True
    for i in range(n - 1):  # a stretch of text claimed twice: neither row is sure
        a, b = claims[i], claims[i + 1]
        if a is not None and b is not None and a[1] + b[0] > len(gaps[i]):
            claims[i] = claims[i + 1] = None
            names.pop(i, None), names.pop(i + 1, None)
    settled = list(claims)
    for i, name in names.items():
        if claims[i] is not None and (claims[i] != (0, 0) or bool(getattr(records[i], "before", ""))):
            records[i].name = name  # the printed pieces, joined: the catalogue's name (or alias)
    for i, r in enumerate(records):
        if settled[i] is not None or not r.code or i == n - 1:
            continue
        up = settled[i - 1] if i else (0, 0)
        down = settled[i + 1]
        if up is None or down is None:
            continue
        head = gaps[i - 1][up[1]:] if i else ""
        tail = gaps[i][:len(gaps[i]) - down[0]]
        if head or tail:
            r.name = head + own[i] + tail
    for r in records:
        r.before = r.after = ""  # given out above, or nobody's for sure
