"""The rule engine: the evaluation context, the rule base class, the registry, and the run
that yields findings and coverage (:mod:`juesuan.findings`).

Modelled on SQLFluff: every rule has a stable id (family letter + short name; the family
derives from it), a severity, a Chinese name and description, and a file of passing and
failing cases (tests/rules/cases/<rule-id>.yml, docs/rules.md). The identities are rules made
from :data:`juesuan.relations.RELATIONS`; the other families are classes registered with
:func:`register`. Rules see only the canonical model (:class:`juesuan.model.Disclosure`).

Equality of printed numbers is decided by :func:`juesuan.money.tolerance` only (0.005 per
printed term). A cell that is not printed is absent (not zero); an identity none of whose
cells is printed is not checked, and a table that is neither printed nor declared empty
takes no part in arithmetic (the completeness rules report it instead).
"""

from __future__ import annotations

import difflib
import re
import textwrap
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from itertools import accumulate

from juesuan.expansion import Checks, document_checks
from juesuan.findings import (
    FAMILY_NAMES,
    PERF_TABLE,
    CoverageRow,
    Finding,
    FindingCell,
    FindingClaim,
    Severity,
    family_of,
    sort_findings,
)
from juesuan.glossary import CLASS_NAME, SANGONG_TABLE, TABLES
from juesuan.model import Cell, Claim, Disclosure, Location, made
from juesuan.money import ZERO, decimal_text, one_digit_apart, q2, rounding_band, tolerance
from juesuan.pages import zh_unread
from juesuan.relations import Check, Relation
from juesuan.repair.identities import held as held_checks

FAMILIES = {f.value: name for f, name in FAMILY_NAMES.items()}
FAMILY_ORDER = tuple(FAMILIES)
SEVERITIES = tuple(s.value for s in Severity)
_SEVERITY = {s.value: s for s in Severity}  # (Severity(x) for every finding: Enum's call costs more)

Ref = tuple[str, str, str]  # (table, row, column)


def join_lines(text: str) -> str:
    """Join wrapped lines of Chinese prose: no space between two CJK characters."""
    out = ""
    for line in text.splitlines():
        line = line.strip()
        if out and line and (out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum()):
            out += " "
        out += line
    return out


def num(v: Decimal | None) -> str:
    """A number as messages print it: two decimals, no separators."""
    if v is None:
        return "（空）"
    return format(q2(v), "f")


def pct(v: Decimal | None) -> str:
    return "（空）" if v is None else f"{format(q2(v), 'f')}%"


def half_unit(v: Decimal) -> Decimal:
    """Half a unit in the last printed digit of ``v`` (0.005 for 12.34, 0.05 for 12.3,
    0.5 for 12 or coarser)."""
    # asked of nearly every printed figure a rule compares: the usual exponents (cents, whole
    # numbers, tenths) are matched without building v.as_tuple()
    for quantum, half in USUAL_HALF_UNITS:
        if v.same_quantum(quantum):
            return half
    exponent = v.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity
        return Decimal("0.5")
    return _half_unit_at(min(max(exponent, -6), 0))


@cache  # seven exponents; asked for every figure every rule compares
def _half_unit_at(exponent: int) -> Decimal:
    return Decimal(5).scaleb(exponent - 1)


# The quanta figures are printed with, most common first (cents, whole numbers, tenths), with
# half a unit of each: what the tolerances of a printed figure are asked for nearly every time.
USUAL_HALF_UNITS: tuple[tuple[Decimal, Decimal], ...] = tuple(
    (Decimal(1).scaleb(e), _half_unit_at(e)) for e in (-2, 0, -1))


def similar(a: str, b: str, at_least: float) -> bool:
    """``difflib.SequenceMatcher(None, a, b).ratio() >= at_least``, its cheap upper bounds asked
    first (ratio ≤ quick_ratio ≤ real_quick_ratio, so the answer is the same): the rules ask it
    of name after name, and most pairs are far apart."""
    m = difflib.SequenceMatcher(None, a, b)
    return m.real_quick_ratio() >= at_least and m.quick_ratio() >= at_least and m.ratio() >= at_least


def printed_tolerance(*values: Decimal | None) -> Decimal:
    """Rounding tolerance of a relation between printed numbers of varying precision:
    ``money.tolerance`` per term, with the term's own printed unit."""
    return sum((tolerance(1, half_unit(v)) for v in values if v is not None), ZERO)


def text_starts(texts: Sequence[str]) -> list[int]:
    """Where each of ``texts`` starts in their join by line breaks (``Context.statement_text``):
    a position there lies in the text ``text_at(starts, position)``."""
    return list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))


def text_at(starts: list[int], position: int) -> int:
    return bisect_right(starts, position) - 1


# ---------------------------------------------------------------------------------------
# Context: indexed access to the model, with optional tracing of the cells a rule reads.


class Context:
    """The model as rules see it. A table whose ``status`` is not "read" is not usable: no
    rule checks it (the engine reports those rules as not checked)."""

    def __init__(self, doc: Disclosure):
        self.doc = doc
        self.unread = {tid: t for tid, t in doc.tables.items() if t.status != "read"}
        self.touched: set[Ref] | None = None
        self._cells: dict[Ref, Cell] = {}
        for tid, t in doc.tables.items():
            self._cells.update({(tid, c.row, c.column): c for c in t.cells})
        self._rows: dict[str, list[str]] = {}  # a table's rows, listed when first asked for
        self._claims_by_subject: dict[str, list[Claim]] | None = None
        self._code_rows: dict[tuple[str, int | None], list[str]] = {}
        self._checks: Checks | None = None
        self._usable: dict[str, bool] = {}
        self._statement_text: str | None = None
        self._statement_starts: list[int] | None = None  # where each statement starts in statement_text
        self._held: dict[int, Check] | None = None
        self._replaced = False
        # the self-evaluation forms the reader could not read, by name (PerformanceItem.status):
        # no finding rests on their figures, and the P rules say they were not checked there
        self.unread_forms = {p.name: p for p in doc.performance if p.status != "read"}
        # the claims the running rule gave no verdict on for want of a table read in full,
        # by table (ids of the claims): coverage then says those tables were not checked
        self.passed_over: dict[str, set[int]] = {}

    # tables -------------------------------------------------------------------------
    def usable(self, tid: str) -> bool:
        """A table takes part in arithmetic when it has cells or is declared empty (then all
        its cells are zero). A table neither printed nor declared empty does not, nor does a
        table the reader could not read in full."""
        # (asked for every check of every identity: the tables and their statuses are fixed when
        # the context is made — a mutation test replaces cells, never adds or removes them)
        got = self._usable.get(tid)
        if got is None:
            t = self.doc.tables.get(tid)
            got = self._usable[tid] = t is not None and tid not in self.unread and (bool(t.cells) or t.declared_empty)
        return got

    def rows(self, tid: str) -> list[str]:
        got = self._rows.get(tid)
        if got is None:
            t = self.doc.tables.get(tid)
            if t is None:
                return []
            got = self._rows[tid] = t.rows()
        return got

    def code_rows(self, tid: str, length: int | None = None) -> list[str]:
        # Expanding the relations asks for the same table's code rows hundreds of times, and a
        # context's rows are fixed when it is made: each answer is listed once (a fresh copy
        # is handed out, callers may change theirs).
        key = (tid, length)
        got = self._code_rows.get(key)
        if got is None:
            got = self._code_rows[key] = [r for r in self.rows(tid) if r.isdigit() and (length is None or len(r) == length)]
        return list(got)

    def columns(self, tid: str) -> tuple[str, ...]:
        return TABLES[tid].columns

    def label(self, tid: str, row: str) -> str:
        t = self.doc.tables.get(tid)
        name = t.row_labels.get(row, "") if t is not None else ""
        if not name:
            c = next((c for (tt, r, _), c in self._cells.items() if tt == tid and r == row and c.label), None)
            name = c.label if c else ""
        if not name and tid in ("T01", "T04") and row in CLASS_NAME:
            name = CLASS_NAME[row]
        return name

    def checks(self, rel: Relation) -> Iterable[Check]:
        """The checks ``rel`` expands to over the document: those the build expanded for the
        same shape, when it did (``juesuan.expansion``; a context sees the document's rows and
        cells as they are when it is made). A context that records the cells each rule reads
        (``touched``, mutation testing) expands over itself, so the reads are recorded."""
        if self.touched is not None:
            return rel.expand(self)
        if self._checks is None:
            self._checks = document_checks(self.doc)
        return self._checks[rel.id]

    # cells --------------------------------------------------------------------------
    def cell(self, tid: str, row: str, column: str) -> Cell | None:
        key = (tid, row, column)
        if self.touched is not None:
            self.touched.add(key)
        return self._cells.get(key)

    def cell_at(self) -> Callable[[Ref], Cell | None]:
        """``cell`` for a key: the index's own lookup, unless the reads are recorded (a rule
        that reads hundreds of cells by key, the identities, asks for it once)."""
        if self.touched is None:
            return self._cells.get
        return lambda ref: self.cell(*ref)

    def value(self, tid: str, row: str, column: str) -> Decimal | None:
        c = self.cell(tid, row, column)
        return None if c is None else c.value

    def replace(self, cell: Cell) -> None:
        """Let the rules see ``cell`` in place of the one at its key (mutation testing)."""
        self._cells[cell.key] = cell
        self._replaced = True  # (the rules no longer see the tables' own cells: nothing is held)
        self._held = None

    def held(self) -> Mapping[int, Check]:
        """The checks (by id) the table status found to hold over the very cells the rules see
        (``repair.identities.held``): an identity rule need not check them again. None when the
        reads are recorded (mutation testing) or a cell was replaced."""
        if self._held is None:
            self._held = held_checks(self.doc) if self.touched is None and not self._replaced else {}
        return self._held

    def cells(self, tid: str) -> list[Cell]:
        t = self.doc.tables.get(tid)
        if t is None:
            return []
        if self.touched is not None:
            self.touched.update(c.key for c in t.cells)
        return list(t.cells)

    # claims -------------------------------------------------------------------------
    def claims_by_subject(self) -> dict[str, list[Claim]]:
        if self._claims_by_subject is None:
            idx: dict[str, list[Claim]] = {}
            for c in self.doc.claims:
                idx.setdefault(c.subject, []).append(c)
            self._claims_by_subject = idx
        return self._claims_by_subject

    def statement_text(self) -> str:
        """Every statement's text, one after another, a line break between two: a rule looking
        for words the narrative seldom prints asks once whether any statement could hold them
        (the statements do not change while the rules run)."""
        if self._statement_text is None:
            self._statement_text = "\n".join([st.text for st in self.doc.statements])
        return self._statement_text

    def statements_matching(self, pattern: re.Pattern) -> list[int]:
        """The statements (by index, in order) ``pattern`` may match in: each one a match in the
        statements' text joined (``statement_text``) lies in, or every statement when a match
        spans a line break (it may hide a match in the next). For a pattern without anchors or
        look-arounds: a match inside a statement is then one in the joined text. A rule that
        scans the narrative for something it seldom prints scans only those."""
        text = self.statement_text()
        spans = [m.span() for m in pattern.finditer(text)]
        if not spans:
            return []
        if any("\n" in text[a:b] for a, b in spans):
            return list(range(len(self.doc.statements)))
        if self._statement_starts is None:
            self._statement_starts = text_starts([st.text for st in self.doc.statements])
        starts = self._statement_starts
        return sorted({text_at(starts, a) for a, _ in spans})

    def unread_claim(self, claim: Claim, *, whole_table: bool = False) -> bool:
        """Does the claim name a cell the rules cannot take as read? One of a table not read in
        full, unless the cell stands as a read table's do (``Table.known``: placed from column
        blocks where no placement moves it). ``whole_table``: the rule reads the table's blanks
        as well, which only a table read in full shows. The rule asking gives the claim no
        verdict then, and the table is noted (``passed_over``): its coverage is "not checked",
        never "passed"."""
        if claim.cell is None or claim.cell.table not in self.unread:
            return False
        if not whole_table and self._known(claim) is not None:
            return False
        self.passed_over.setdefault(claim.cell.table, set()).add(id(claim))
        return True

    def claim_cell(self, claim: Claim) -> Cell | None:
        """The cell a claim names — None when it may be misread (a table not read in full,
        unless ``Table.known`` vouches for the cell): a narrative figure is never judged against
        such a cell (not checked, not an error)."""
        ref = claim.cell
        if ref is None:
            return None
        if ref.table in self.unread:
            return self._known(claim)
        return self.cell(ref.table, ref.row, ref.column)

    def vouched(self, cell: FindingCell) -> bool:
        """May a finding rest on the cell ``cell`` names? Not on one of a table not read in
        full, unless the table vouches for it (``Table.known``): a reading failure is never a
        finding."""
        if cell.table.startswith(PERF_TABLE):
            return cell.table[len(PERF_TABLE):] not in self.unread_forms
        t = self.unread.get(cell.table)
        return t is None or t.known(cell.row, cell.column) is not None

    def _known(self, claim: Claim) -> Cell | None:
        ref = claim.cell
        assert ref is not None
        known = self.unread[ref.table].known(ref.row, ref.column)
        return None if known is None else self.cell(ref.table, ref.row, ref.column)

    # descriptions -------------------------------------------------------------------
    def describe(self, ref: Ref, with_table: bool = True) -> str:
        tid, row, col = ref
        parts: list[str] = [TABLES[tid].title] if with_table else []
        if row.isdigit():
            name = self.label(tid, row)
            parts.append(f"{row} {name}".strip())
        else:
            parts.append(row)
        if tid == SANGONG_TABLE:  # (its columns are the 三公 items, each worth naming)
            parts.append(col)
        elif col not in ("金额", "决算数"):
            parts.append(col)
        return " ".join(parts)


# ---------------------------------------------------------------------------------------
# Rules and the registry

REGISTRY: dict[str, Rule] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: register one instance of the rule class."""
    if not (cls.__doc__ or "").strip():
        raise ValueError(f"rule {cls.__name__} has no docstring")
    register_rule(cls())
    return cls


def register_rule(inst: Rule) -> Rule:
    """Register a rule instance (rules made from data, e.g. ``juesuan.relations``)."""
    family_of(inst.id)  # raises for an id without a family letter
    if inst.family != family_of(inst.id):
        raise ValueError(f"bad rule id/family: {type(inst).__name__} {inst.id!r} {inst.family!r}")
    if inst.severity not in SEVERITIES:
        raise ValueError(f"bad severity for {inst.id}: {inst.severity}")
    if inst.id in REGISTRY:
        raise ValueError(f"duplicate rule id {inst.id}")
    if not inst.description:
        raise ValueError(f"rule {inst.id} has no description")
    REGISTRY[inst.id] = inst
    return inst


class Rule:
    """Base class. Subclasses set ``id`` (family letter + short name), ``severity``, ``name``
    (a short Chinese title), ``tables`` (the tables whose cells it reads; empty for a rule about
    the whole document) and implement :meth:`check`. ``joint`` says the tables are read
    together (a cross-table identity): one unreadable table then stops the rule for all of
    them; otherwise each table is checked on its own. ``whole_document`` says its claim rests on
    every page having been read — something is absent from the document, or a count or a sum
    runs over all of its forms — so it is not checked when the reader could not read a page
    (``Disclosure.unread_pages``): what it did not see may be there."""

    id: str = ""
    severity: str = "error"
    name: str = ""
    tables: tuple[str, ...] = ()
    joint: bool = False
    whole_document: bool = False
    # Does it read the self-evaluation forms' figures? None: the P family does (the rules that
    # only count the forms or read only the narrative say False). Coverage then says it was not
    # checked on the forms the reader could not read (PerformanceItem.status).
    reads_forms: bool | None = None

    @property
    def family(self) -> str:
        return family_of(self.id).value

    @property
    def on_forms(self) -> bool:
        return self.family == "P" if self.reads_forms is None else self.reads_forms

    @property
    def description(self) -> str:
        return textwrap.dedent(self.__doc__ or "").strip()

    @property
    def summary(self) -> str:
        return join_lines(self.description.split("\n\n", 1)[0])

    def check(self, ctx: Context) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- building findings ------------------------------------------------------------
    def finding(
        self,
        message: str,
        *,
        cells: Sequence[Cell] = (),
        claims: Sequence[Claim] = (),
        expected: Decimal | str | None = None,
        actual: Decimal | str | None = None,
        difference: Decimal | str | None = None,
        severity: str | None = None,
        page: int | None = None,
        line: int | None = None,
        uncertain: bool = False,
    ) -> Finding:
        seen: set[Ref] = set()
        cell_list = []
        for c in cells:
            if c is not None and c.key not in seen:
                seen.add(c.key)
                cell_list.append(c)
        if page is None and line is None:
            placed: list[Cell | Claim] = [*cell_list, *(cl for cl in claims if cl is not None)]
            for p in placed:
                if p.page is not None or p.line is not None:
                    page, line = p.page, p.line
                    break
        unc = uncertain or any(c.repaired or c.uncertain for c in cell_list)

        def s(v):
            return decimal_text(v) if isinstance(v, Decimal) else v

        return made(Finding, dict(  # (model.made: every finding of every rule passes here)
            rule=self.id,
            family=family_of(self.id),
            severity=_SEVERITY[severity or self.severity],
            message=message,
            cells=[FindingCell.of(c) for c in cell_list],
            claims=[FindingClaim.of(c) for c in claims if c is not None],
            expected=s(expected),
            actual=s(actual),
            difference=s(difference),
            location=made(Location, {"page": page, "line": line}),
            extraction_uncertain=unc,
        ))

    def relation(
        self,
        ctx: Context,
        lhs: Sequence[tuple[int, Ref]],
        rhs: Sequence[tuple[int, Ref]],
        op: str = "=",
        *,
        require: Sequence[Ref] = (),
        severity: str | None = None,
        note: str = "",
        max_terms: int = 8,
    ) -> Finding | None:
        """Check ``Σ lhs op Σ rhs`` (op is '=', '<=' or '>='), absent cells counting as zero.

        Not checked when no cell of the relation is printed, or when a cell in ``require``
        is absent (an optional total). Tolerance: ``money.tolerance`` of the number of
        printed cells. Severity: see :func:`rounding_severity`."""
        # Every check of every identity passes here, and most hold: the sums are taken straight
        # from the cells, and the terms listed for a message only when one fails. Each side is
        # summed term by term from zero, as sum() would (the same Decimal operations in the same
        # order; a term of sign +1 is added as it is, which is what 1 × value gives), with the
        # printed terms counted on the way.
        at = ctx.cell_at()
        n = 0
        lv = rv = ZERO
        for s, r in lhs:
            c = at(r)
            if c is not None:
                lv = lv + c.value if s == 1 else lv + s * c.value
                n += 1
        for s, r in rhs:
            c = at(r)
            if c is not None:
                rv = rv + c.value if s == 1 else rv + s * c.value
                n += 1
        if n == 0:
            return None  # no cell of the relation is printed
        for r in require:
            if at(r) is None:
                return None
        tol = _terms_tolerance(n)
        diff = lv - rv
        excess = abs(diff) if op == "=" else diff if op == "<=" else -diff
        if excess <= tol:
            return None
        lc = [(s, r, at(r)) for s, r in lhs]
        rc = [(s, r, at(r)) for s, r in rhs]
        everything = lc + rc
        sym = {"=": "≠", "<=": ">"}.get(op, "<")
        msg = (
            f"{self._side(ctx, lc, lv, max_terms)} {sym} {self._side(ctx, rc, rv, max_terms, lc)}"
            f"，相差 {num(diff)}（尾差容许 {format(tol, 'f')}，{n} 个数）"
        )
        if op != "=":
            msg += f"；应满足 左 {'≤' if op == '<=' else '≥'} 右"
        if note:
            msg += f"；{note}"
        terms = [(s, c) for s, _, c in lc if c is not None] + [(-s, c) for s, _, c in rc if c is not None]
        sev = rounding_severity(excess, n, diff, terms) or severity or self.severity
        if sev == Severity.INFO:
            msg += "；差额在尾差范围附近，且不能由某一个数的一位数字解释，按尾差提示"
        return self.finding(
            msg,
            cells=[c for _, _, c in everything if c is not None],
            expected=rv,
            actual=lv,
            difference=diff,
            severity=sev,
        )

    @staticmethod
    def _side(ctx: Context, terms, total: Decimal, max_terms: int, before=()) -> str:
        prev_table = before[-1][1][0] if before else None
        out = []
        shown = terms
        if len(terms) > max_terms:
            # long sums: show the non-zero terms first, summarise the rest
            nonzero = [t for t in terms if t[2] is not None and t[2].value != 0]
            shown = nonzero[: max_terms - 1] if len(nonzero) >= max_terms else nonzero
            if not shown:
                shown = terms[: max_terms - 1]
        for i, (s, ref, c) in enumerate(shown):
            desc = ctx.describe(ref, with_table=ref[0] != prev_table)
            prev_table = ref[0]
            v = num(c.value) if c is not None else "（空）"
            sign = "" if i == 0 and s > 0 else (" − " if s < 0 else " + ")
            if i == 0 and s < 0:
                sign = "−"
            out.append(f"{sign}{desc} {v}")
        if len(shown) < len(terms):
            ids = {id(t) for t in shown}
            rest = [t for t in terms if id(t) not in ids]
            rest_v = sum((s * c.value for s, _, c in rest if c is not None), ZERO)
            if rest_v == 0:
                out.append(f" + 其余 {len(rest)} 项（均为 0 或空）")
            else:
                out.append(f" + 其余 {len(rest)} 项 {num(rest_v)}")
        text = "".join(out)
        if len(terms) > 1:
            text += f" = {num(total)}"
        return text


# money.tolerance of n printed terms: asked for every check of every identity, of a handful of n
_terms_tolerance = cache(tolerance)


def all_rules() -> list[Rule]:
    _load()
    # (every audit asks for them: sorted again only when the registry has changed)
    global _ordered
    registered = tuple(REGISTRY.values())
    if _ordered is None or _ordered[0] != registered:
        _ordered = registered, sorted(REGISTRY.values(), key=lambda r: (FAMILY_ORDER.index(r.family), r.id))
    return list(_ordered[1])


_ordered: tuple[tuple[Rule, ...], list[Rule]] | None = None  # all_rules' answer, with the rules it is for


def _load() -> None:
    # importing the family modules registers their rules
    from juesuan.rules import (  # noqa: F401
        catalogue_rules,
        completeness,
        identities,
        narrative,
        performance,
        reasons,
        units,
        wording,
    )


def rounding_severity(excess: Decimal, n: int, diff: Decimal, terms: Sequence[tuple[int, Cell]]) -> str | None:
    """``info`` when a difference beyond the tolerance is still 尾差-level — within
    ``money.rounding_band(n)`` — and no printed cell explains it by one digit (changing a
    single digit of one cell would make the relation hold exactly: a typo or an OCR slip, so
    a real error). None otherwise: the rule's own severity applies. ``terms`` are the printed
    cells with their sign in ``lhs − rhs``."""
    if excess > rounding_band(n):
        return None
    if any(one_digit_apart(c.value, c.value - sign * diff) for sign, c in terms):
        return None
    return Severity.INFO


def run_rules(doc: Disclosure, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Evaluate the rules (all registered rules by default) and return the findings, most
    severe first."""
    return evaluate(doc, rules)[0]


def evaluate(doc: Disclosure, rules: Iterable[Rule] | None = None) -> tuple[list[Finding], list[CoverageRow]]:
    """Evaluate the rules and say, for each rule and each table it concerns, whether it passed,
    failed, did not apply or could not be checked (a table the reader did not read in full).
    Findings that rest on an unread table are dropped: a reading failure is never a finding.
    Findings that share a root cause are then nested under one (rules/causes.py)."""
    from juesuan.gcpause import gc_paused
    from juesuan.rules.memo import evaluation

    with gc_paused(), evaluation():
        return _evaluate(doc, rules)


def _evaluate(doc: Disclosure, rules: Iterable[Rule] | None) -> tuple[list[Finding], list[CoverageRow]]:
    from juesuan.rules.causes import group_causes

    ctx = Context(doc)
    out: list[Finding] = []
    coverage: list[CoverageRow] = []
    for rule in rules if rules is not None else all_rules():
        if rule.whole_document and doc.unread_pages:
            coverage.append(made(CoverageRow, {"rule": rule.id, "table": None, "status": "not_checked",
                                               "reason": _pages_unread_reason(doc)}))
            continue
        ctx.passed_over = {}
        found = list(rule.check(ctx))
        kept = [f for f in found if all(map(ctx.vouched, f.cells))] if ctx.unread or ctx.unread_forms else found
        out.extend(kept)
        coverage.extend(_coverage(ctx, rule, found, kept))
    return sort_findings(group_causes(sort_findings(out))), coverage


def _pages_unread_reason(doc: Disclosure) -> str:
    return "第 {pages} 页有未能读取的内容（{why}），本规则所说的内容可能印在其中，未检查".format(**zh_unread(doc.unread_pages))


def _unread_reason(ctx: Context, tid: str, unchecked: str = "本规则未检查") -> str:
    t = ctx.unread[tid]
    what = "未能读取" if t.status == "unreadable" else "只读取了一部分"
    return f"{TABLES[tid].title}（{tid}）{what}" + (f"：{t.status_reason}" if t.status_reason else "") + f"，{unchecked}"


def _passed_over_rows(ctx: Context, rule: Rule, covered: list[str | None]) -> list[CoverageRow]:
    """A not-checked row for each table whose claims the rule passed over (``passed_over``),
    beside its row for what it did check: the claims it gave no verdict on did not pass."""
    return [made(CoverageRow, {"rule": rule.id, "table": t, "status": "not_checked",
                               "reason": _unread_reason(ctx, t, f"情况说明中与该表对应的 {len(ids)} 处数字未核对")})
            for t, ids in sorted(ctx.passed_over.items()) if t not in covered]


def _coverage(ctx: Context, rule: Rule, found: list[Finding], kept: list[Finding]) -> list[CoverageRow]:
    tables: list[str | None] = list(rule.tables)
    for f in found:
        # a performance figure (P:<project>) is not one of the tables coverage is kept for
        tables.extend(sorted(t for t in f.tables if t not in tables and not t.startswith(PERF_TABLE)))
    if not tables:
        tables = [None]
    blocked = [t for t in rule.tables if t in ctx.unread] if rule.joint else []
    failed = set().union(*(f.tables for f in kept)) if kept else set()
    rows = []
    # (model.made: a row for every rule and table of every audit)
    for t in tables:
        if t in failed and not blocked:
            # (also on a table read in part: kept findings rest only on cells it vouches for)
            rows.append(made(CoverageRow, {"rule": rule.id, "table": t, "status": "failed"}))
        elif t in ctx.unread or blocked:
            rows.append(made(CoverageRow, {"rule": rule.id, "table": t, "status": "not_checked",
                                           "reason": _unread_reason(ctx, t if t in ctx.unread else blocked[0])}))
        elif t is None and kept:
            rows.append(made(CoverageRow, {"rule": rule.id, "table": t, "status": "failed"}))
        elif t is not None and not ctx.usable(t):
            rows.append(made(CoverageRow, {"rule": rule.id, "table": t, "status": "not_applicable",
                                           "reason": f"{TABLES[t].title}（{t}）未印出，也未声明无数据"}))
        else:
            rows.append(made(CoverageRow, {"rule": rule.id, "table": t, "status": "passed"}))
    if ctx.passed_over:
        rows.extend(_passed_over_rows(ctx, rule, tables))
    if ctx.unread_forms and rule.on_forms:
        rows.append(made(CoverageRow, {"rule": rule.id, "table": None, "status": "not_checked",
                                       "reason": _unread_forms_reason(ctx)}))
    return rows


def _unread_forms_reason(ctx: Context) -> str:
    forms = list(ctx.unread_forms.values())
    names = "、".join(f"《{p.name}》" for p in forms[:3]) + (f"等 {len(forms)} 张" if len(forms) > 3 else "")
    why = "；".join(dict.fromkeys(p.status_reason or "" for p in forms))
    what = "未能读取" if all(p.status == "unreadable" for p in forms) else "未能完整读取"
    return f"绩效自评表{names}{what}（{why}），本规则未检查这些表"


def select(rules: Iterable[str] | str | None = None, exclude: Iterable[str] | str | None = None) -> list[Rule]:
    """The registered rules named by ``rules`` (ids or family letters; a comma-separated string
    or a list; all rules when None), minus those named by ``exclude``. An unknown name is a
    ValueError naming it."""
    everything = all_rules()

    def pick(names: Iterable[str] | str) -> set[str]:
        if isinstance(names, str):
            names = names.split(",")
        ids: set[str] = set()
        for raw in names:
            name = raw.strip()
            if not name:
                continue
            if name in REGISTRY:
                ids.add(name)
            elif name.upper() in FAMILIES:
                ids |= {r.id for r in everything if r.family == name.upper()}
            else:
                raise ValueError(f"未知的规则或规则族：{name}（规则编号如 X-T05-T06-basic，规则族为 "
                                 f"{' '.join(FAMILIES)} 之一）")
        return ids

    chosen = pick(rules) if rules is not None else {r.id for r in everything}
    dropped = pick(exclude) if exclude is not None else set()
    return [r for r in everything if r.id in chosen and r.id not in dropped]
