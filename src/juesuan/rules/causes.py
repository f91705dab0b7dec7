"""One finding per root cause (run after the rules).

A wrong cell fails every identity it takes part in; a narrative sentence that names two
subjects (收入支出总计 → 收入总计 and 支出总计) fails twice; a table missing from the body is
also missing against the table of contents; a wrong share makes the shares not sum to 100%.
A reviewer wants the cause once, with what follows from it. Findings are linked when:

- they quote the same narrative sentence (same text, page and line);
- they have the same money difference (to the cent, at least ``MIN_SHARED_DIFF``): one
  wrong amount propagates the same gap through every relation it is in;
- a narrative or performance figure found wrong by two rules with the same stated and
  computed values (N-completion and P-execution-rate on one rate);
- a figure in 元 for 万元 and the narrative rules that used it;
- a narrative figure found wrong and the other narrative rules that computed with it
  ('支出决算为 245.53 万元' against the table's 257.14, and its '完成年初预算的 93.57%');
- they are about the same missing table (C family, same table id in the message);
- a share-sum finding (U-shares-sum) quotes a share that N-share found wrong;
- placeholders (U-placeholder) when the narrative is an unfilled template (U-template-residue);
- the same slip repeated item after item (N-rate-base: '完成预算的 0%' for every unbudgeted
  item; N-reason-direction: the same boilerplate reason against the numbers) — one writing
  practice;
- they are balance errors (A, H, X) that share a cell and miss by nearly the same amount
  (within ``NEAR_DIFF``): one wrong cell failing its row and its column;
- they are balance failures (A, H) inside one table that has ``BURST`` or more of them: a
  table whose amounts are shifted against its codes, or a column read wrongly, fails row
  after row — the root then points at the table.

Each linked group becomes one finding — the root, chosen as the table-side finding when
there is one (A, H, X before N, C, U: the table is where the number is wrong or missing) — with
the others nested under ``consequences``. When one cell is in every finding of the group, the
root's message names it as the likely cause.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from juesuan import lazy
from juesuan.glossary import TABLES
from juesuan.rules.base import Finding

MIN_SHARED_DIFF = Decimal("0.05")

# The severity policy and the grouping, as docs/rules.md prints them (rules/docs.py).
POLICY = """## Severity policy and root causes

- `error`: a real inconsistency beyond rounding — an identity off by more than its 尾差
  tolerance, a narrative figure or wording (大于/小于/持平, 增加/减少) that contradicts the
  numbers it states or the table, a required part missing, a wrong year in a heading or a
  stock date, a placeholder or template residue left in print.
- `warning`: likely a defect but possibly legitimate — a rate stated on a zero or blank base
  (0/0), a name that differs from the catalogue, a code whose parent is missing, a table that
  is lower than basic spending it should contain, an explanation whose direction words go
  against the numbers, counts that disagree (团组 0 but 人次 1).
- `info`: a note — differences at 尾差 level (a percentage off by its last digit through
  truncation instead of rounding), codes new to the bundled catalogue (one grouped finding),
  a name printed cut short by a narrow cell.
- Reading problems are never document errors: a finding that depends on a repaired or
  guessed cell says so (`extraction_uncertain`).
- One finding per root cause (`rules/causes.py`, run after the rules): findings quoting the
  same narrative sentence, with the same money difference, about the same missing table, a
  share-sum behind a wrong share, placeholders behind template residue, one slip repeated
  item after item, one cell failing its row and its column by nearly the same amount, one
  wrong figure read by two rules, a figure in 元 for 万元 and what was computed from it, and a
  table failing four or more of its balances are nested under one root (`consequences`). The root is the table-side finding; when one cell is in every linked
  finding the root names it as the likely wrong cell. `summary` counts roots.
"""
# differences in percentage points, not money: equal values mean nothing across rules
_PERCENT_RULES = {"N-share", "N-change-rate", "N-completion", "U-shares-sum", "P-execution-rate"}
_ROOT_FAMILY = ("A", "H", "X", "C", "N", "K", "U", "P")
_ONE_PRACTICE = {"N-rate-base", "N-reason-direction", "K-name-matches"}
_TABLE_ID = lazy.pattern(r"[（(](T0\d)[)）]")


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


# Field access that works on both shapes of a finding's parts (dicts, or the typed models
# of juesuan.findings once that lands): one place, so the grouping does not care.
def field_of(obj, name: str):
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def severity_of(f: Finding) -> str:
    return str(getattr(f.severity, "value", f.severity))


def page_of(f: Finding) -> int | None:
    return field_of(f.location, "page")


_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def _money_diff(f: Finding) -> Decimal | None:
    if f.rule in _PERCENT_RULES or f.difference is None:
        return None
    try:
        d = abs(Decimal(f.difference)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return None
    return d if d >= MIN_SHARED_DIFF else None


def _claim_keys(f: Finding) -> set[tuple]:
    return {(field_of(c, "text"), field_of(c, "page"), field_of(c, "line")) for c in f.claims if field_of(c, "text")}


def _keys(f: Finding) -> list[tuple]:
    """The evidence keys by which two findings are linked (see module doc)."""
    keys: list[tuple] = []
    if f.family == "N" and f.claims:
        first = f.claims[0]
        keys.append(("sentence", field_of(first, "text"), field_of(first, "page"), field_of(first, "line")))
    d = _money_diff(f)
    # a narrative figure off by the same cents in two rules (P: narrative vs attachment, N:
    # narrative vs the table row of the same name) is one wrong figure, warning or not
    if d is not None and (severity_of(f) == "error" or (f.family in ("N", "P") and f.claims)):
        keys.append(("diff", d))
    if f.family == "C":
        m = _TABLE_ID.search(f.message)
        if m:
            keys.append(("table", m.group(1)))
    if f.rule in ("N-share", "U-shares-sum"):
        keys.extend(("share", k) for k in _claim_keys(f))
    if f.rule in ("U-placeholder", "U-template-residue"):
        keys.append(("template",))
    pair = _stated_vs_computed(f)
    if pair is not None:
        keys.append(("pair",) + pair)
    if f.rule in _ONE_PRACTICE:
        # the same slip repeated item after item ('完成预算的 0%' for every unbudgeted item) is
        # one writing practice: the messages end with the same explanation
        keys.append(("practice", f.rule, severity_of(f), f.message[-24:]))
    return keys


_FIGURE_RULES = {"P-execution-rate", "P-narrative-attachment"}


def _stated_vs_computed(f: Finding) -> tuple | None:
    """(stated, computed) of a narrative or performance figure, to the cent: two rules that
    read the same wrong figure (N-completion and P-execution-rate on '完成预算的 44.53%', N-named-
    item and P-narrative-attachment on 467.69 for 467.89) report one cause."""
    # only rules that read one printed figure (not scores: equal score pairs are common)
    if not (f.family == "N" or f.rule in _FIGURE_RULES) or f.actual is None or f.expected is None:
        return None
    try:
        a, e = Decimal(str(f.actual)), Decimal(str(f.expected))
    except (InvalidOperation, ValueError):
        return None
    if a == e:
        return None
    return a.quantize(Decimal("0.01")), e.quantize(Decimal("0.01"))


def _links_through(findings: list[Finding], wrong_of: Callable[[Finding], set[tuple]],
                   used_by: Callable[[Finding], set[tuple]]) -> list[tuple[int, int]]:
    """(cause, consequence) pairs: a finding that says some narrative claims are wrong
    (``wrong_of``) is the cause of every other narrative finding that computed with one of them
    (``used_by``, the same keys)."""
    out = []
    for i, f in enumerate(findings):
        wrong = wrong_of(f)
        if wrong:
            out += [(i, j) for j, g in enumerate(findings) if j != i and g.family == "N" and used_by(g) & wrong]
    return out


def _yuan_links(findings: list[Finding]) -> list[tuple[int, int]]:
    """A figure written in 元 for 万元 (U-yuan-for-wan) makes every narrative rule that uses it
    fail (a change rate computed on 257.69 元): those are its consequences."""
    return _links_through(findings, lambda f: _claim_keys(f) if f.rule == "U-yuan-for-wan" else set(), _claim_keys)


def _claim_value_keys(f: Finding) -> set[tuple]:
    return {(field_of(c, "text"), field_of(c, "page"), field_of(c, "line"), str(field_of(c, "value")))
            for c in f.claims if field_of(c, "text")}


def _wrong_figures(f: Finding) -> set[tuple]:
    """The claims a narrative finding says are wrong: those whose value is its printed one."""
    if f.family != "N" or f.actual is None:
        return set()
    return {k for k in _claim_value_keys(f) if k[3] == str(f.actual)}


def _figure_links(findings: list[Finding]) -> list[tuple[int, int]]:
    """A narrative figure found wrong (the finding's printed value is that claim's: '支出决算为
    245.53 万元' against the table's 257.14) makes every other narrative rule that computed with
    the same claim fail ('完成年初预算的 93.57%' checked as 245.53 ÷ 274.82): one wrong figure."""
    return _links_through(findings, _wrong_figures, _claim_value_keys)


def _root_rank(f: Finding) -> tuple:
    fam = _ROOT_FAMILY.index(f.family) if f.family in _ROOT_FAMILY else len(_ROOT_FAMILY)
    # the writing slips that make other rules fail are the cause, not a consequence
    template_first = 0 if f.rule in ("U-template-residue", "U-yuan-for-wan") else 1
    return (_SEVERITY_RANK[severity_of(f)], template_first, fam, -len(f.cells))


def _common_cell(group: list[Finding]):
    counts: Counter = Counter()
    cells: dict[tuple, object] = {}
    for f in group:
        for c in f.cells:
            k = (field_of(c, "table"), field_of(c, "row"), field_of(c, "column"))
            counts[k] += 1
            cells[k] = c
    if not counts:
        return None
    k, n = counts.most_common(1)[0]
    # a cell is named as the cause only when every finding involves it and no other cell does
    if n < len(group) or sum(1 for v in counts.values() if v == n) > 1:
        return None
    return cells[k]


BURST = 4  # this many balance failures inside one table point at the table, not at each row


def _one_table(fs: list[Finding]) -> str | None:
    tables = {field_of(c, "table") for f in fs for c in f.cells}
    return next(iter(tables)) if len(tables) == 1 else None


def _bursts(findings: list[Finding]) -> dict[int, str]:
    """Indices of within-table balance errors (A, H) of a table that has at least BURST of them:
    a shifted or misread table fails row after row."""
    by_table: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        if f.family in ("A", "H") and severity_of(f) == "error":
            t = _one_table([f])
            if t is not None:
                by_table.setdefault(t, []).append(i)
    return {i: t for t, idx in by_table.items() if len(idx) >= BURST for i in idx}


NEAR_DIFF = Decimal("0.02")


def _signed_diff(f: Finding) -> Decimal | None:
    try:
        return Decimal(f.difference) if f.difference is not None else None
    except (InvalidOperation, ValueError):
        return None


def _one_cell_pairs(findings: list[Finding]) -> list[tuple[int, int]]:
    """Pairs of balance errors (A, H, X) that share a cell and miss by nearly the same amount:
    one wrong cell (20801 项目支出 printed 0.03 too high) fails its row and its column, each by
    that amount give or take rounding."""
    cand = []
    for i, f in enumerate(findings):
        d = _signed_diff(f)
        if f.family in ("A", "H", "X") and severity_of(f) == "error" and d is not None and d != 0:
            keys = {(field_of(c, "table"), field_of(c, "row"), field_of(c, "column")) for c in f.cells}
            cand.append((i, abs(d), keys))
    out = []
    for a in range(len(cand)):
        for b in range(a + 1, len(cand)):
            (i, di, ki), (j, dj, kj) = cand[a], cand[b]
            if ki & kj and abs(di - dj) <= NEAR_DIFF:
                out.append((i, j))
    return out


def group_causes(findings: list[Finding]) -> list[Finding]:
    """Nest findings that share a root cause under one root finding (see module doc)."""
    if len(findings) < 2:
        return findings
    uf = _Union(len(findings))
    seen: dict[tuple, int] = {}
    bursts = _bursts(findings)
    for i, f in enumerate(findings):
        for k in _keys(f) + ([("burst", bursts[i])] if i in bursts else []):
            if k in seen:
                uf.join(seen[k], i)
            else:
                seen[k] = i
    for i, j in _one_cell_pairs(findings) + _yuan_links(findings) + _figure_links(findings):
        uf.join(i, j)
    groups: dict[int, list[Finding]] = {}
    for i, f in enumerate(findings):
        groups.setdefault(uf.find(i), []).append(f)
    out: list[Finding] = []
    for members in groups.values():
        if len(members) == 1:
            out.append(members[0])
            continue
        members.sort(key=_root_rank)
        root, rest = members[0], members[1:]
        cell = _common_cell(members)
        lead = (f"疑为 {field_of(cell, 'table')} {field_of(cell, 'row')} {field_of(cell, 'column')}"
                f"（{field_of(cell, 'value')}）有误，"
                f"它所在的 {len(members)} 处关系均不成立。") if cell else ""
        burst = _one_table(members)
        if not lead and burst and len(members) >= BURST:
            lead = (f"{TABLES[burst].title} 有 {len(members)} 处平衡关系不成立，疑为该表数字与科目错位或某列"
                    f"读取有误，请先核对该表：")
        root.message = f"{lead}{root.message}（同一原因另引起 {len(rest)} 项不符，见其下）"
        root.consequences = list(root.consequences) + rest
        out.append(root)
    return out


def flatten(findings: list[Finding]) -> list[Finding]:
    """Every finding, roots and their consequences (for counting and mutation tests)."""
    out: list[Finding] = []
    for f in findings:
        out.append(f)
        out.extend(flatten(f.consequences))
    return out


__all__ = ["group_causes", "flatten", "MIN_SHARED_DIFF", "field_of", "severity_of", "page_of"]
