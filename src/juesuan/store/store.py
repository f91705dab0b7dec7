"""The results store: documents, their readings (model, cells, claims, findings), departments
and reviews, in SQLite or PostgreSQL.

    store = open_store()                    # the user's SQLite file, or JUESUAN_DB
    outcome = store.ingest("a.pdf")         # read + audit + save in one transaction
    store.findings(document_id=outcome.document_id)

Every write is one transaction: a failure part-way leaves nothing behind. A document is its
bytes (SHA-256); ingesting the same bytes again is a no-op, and reading them again with a
newer juesuan or rule set adds a reading next to the old ones.
"""

from __future__ import annotations

import hashlib
import json
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from sqlalchemy import Engine, Select, Table, and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.expression import Subquery

from juesuan.compare.region import League, region_leagues
from juesuan.compare.years import YearTable, year_on_year
from juesuan.findings import CoverageRow
from juesuan.model import Disclosure
from juesuan.store import departments as deptnames
from juesuan.store.schema import (
    CellRow,
    ClaimRow,
    Department,
    DepartmentAlias,
    DepartmentUnit,
    Document,
    FindingRow,
    Reading,
    Review,
)
from juesuan.store.versions import juesuan_version, ruleset_version

if TYPE_CHECKING:
    from juesuan.store.reading import ReadResult
from juesuan.store.views import (
    CellView,
    DepartmentView,
    DocumentView,
    FindingView,
    ReadingStatus,
    ReadingView,
    ReviewState,
    ReviewView,
    RuleStats,
)

REVIEW_STATES = ("confirmed", "dismissed")
MODEL_CACHE = 256  # unpacked models kept for comparisons (a few hundred kB each)


class StoreError(Exception):
    """A request the store refuses (unknown id, bad review state); the message is Chinese."""


class NotFound(StoreError):
    pass


class _FindingLike(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


class _ReportLike(Protocol):
    findings: Sequence[Any]


@dataclass
class IngestOutcome:
    """What one ingest or save did."""

    document_id: int
    reading_id: int
    content_hash: str
    file_name: str
    new_document: bool  # the bytes were not stored before
    new_reading: bool  # False: this juesuan + rule set had read them already (nothing done)
    status: str  # "read" | "unreadable" (the reading's status)
    error: str | None = None  # why it could not be read
    department: str | None = None
    year: int | None = None
    summary: dict[str, int] = field(default_factory=dict)
    elapsed_s: float = 0.0

    @property
    def label(self) -> str:
        """One Chinese word for progress lines and tables."""
        if self.status == "unreadable":
            return "无法读取"
        if not self.new_reading:
            return "已存在"
        return "新增" if self.new_document else "重新读取"


@dataclass
class Pending:
    """One result made ready to save (``Store.pending``), saved by ``Store.save_all``."""

    file_name: str
    content_hash: str
    fmt: str
    doc: Prepared | None
    findings: list[dict[str, Any]]
    error: str | None
    elapsed_s: float
    source_url: str | None
    size: int | None
    units: Sequence[str]
    jv: str
    rv: str
    coverage: bytes | None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pack_model(doc: Disclosure) -> bytes:
    return zlib.compress(doc.model_dump_json().encode("utf-8"), 6)


def unpack_model(blob: bytes) -> Disclosure:
    return Disclosure.model_validate_json(zlib.decompress(blob))


@dataclass
class Prepared:
    """What the store keeps of one read document, as plain rows. A batch worker makes it
    where it read the document (``prepare``), so the writer saves it without rebuilding the
    model from JSON; the model is unpacked only if a neighbouring year needs comparing."""

    packed: bytes  # pack_model(doc)
    year: int | None
    kind: str
    department: str
    cells: list[dict[str, Any]]  # CellRow columns but reading_id
    claims: list[dict[str, Any]]  # ClaimRow columns but reading_id
    _model: Disclosure | None = field(default=None, repr=False, compare=False)

    def model(self) -> Disclosure:
        if self._model is None:
            self._model = unpack_model(self.packed)
        return self._model

    def __getstate__(self) -> dict[str, Any]:
        # crosses a process boundary as bytes and rows only: unpickling the model cost the
        # writer more than validating its JSON
        state = dict(self.__dict__)
        state["_model"] = None
        return state


def prepare(doc: Disclosure, packed: bytes | None = None) -> Prepared:
    cells = [dict(tbl=c.table, row=c.row, col=c.column, value=c.value, raw=c.raw, page=c.page, line=c.line,
                  repaired=c.repaired, repair=c.repair, uncertain=c.uncertain, label=c.label)
             for c in doc.all_cells()]
    claims = [dict(subject=c.subject, kind=c.kind, value=c.value, unit=c.unit, text=c.text, page=c.page, line=c.line,
                   cell=f"{c.cell.table}/{c.cell.row}/{c.cell.column}" if c.cell is not None else None,
                   direction=c.direction, previous=c.previous) for c in doc.claims]
    meta = doc.meta
    return Prepared(packed or pack_model(doc), meta.year, meta.kind, meta.department, cells, claims)


def pack_coverage(rows: Sequence[CoverageRow]) -> bytes:
    return zlib.compress(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False).encode("utf-8"), 6)


def unpack_coverage(blob: bytes | None) -> list[CoverageRow]:
    return [] if blob is None else [CoverageRow.model_validate(r) for r in json.loads(zlib.decompress(blob))]


def match_key(finding: dict[str, Any]) -> str:
    """Identity of a finding across readings: its rule and the cells it is about (values
    left out, so a better reading of the same cell still matches); for findings about no cell,
    the claims' text, else the message."""
    cells = sorted(f"{c['table']}/{c['row']}/{c['column']}" for c in finding.get("cells") or [])
    if cells:
        basis = cells
    elif finding.get("claims"):
        basis = sorted(c.get("text", "") for c in finding["claims"])
    else:
        basis = [finding.get("message", "")]
    h = hashlib.sha256("\x1f".join([finding["rule"], *basis]).encode("utf-8"))
    return h.hexdigest()[:32]


def _summary(findings: Iterable[dict[str, Any]]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        out[f["severity"]] = out.get(f["severity"], 0) + 1
    return out


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._model_cache: OrderedDict[int, Disclosure] = OrderedDict()
        self._cache_lock = threading.Lock()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is one transaction: committed on success, rolled back on any
        exception."""
        with self._sessions() as s, s.begin():
            yield s

    # ------------------------------------------------------------------ writing
    def has_result(self, content_hash: str, juesuan_version: str, ruleset_version: str) -> bool:
        with self._sessions() as s:
            q = (select(Reading.id).join(Document)
                 .where(Document.content_hash == content_hash, Reading.juesuan_version == juesuan_version,
                        Reading.ruleset_version == ruleset_version))
            return s.execute(q.limit(1)).first() is not None

    def ingest(self, path: str | Path, *, source_url: str | None = None, isolated: bool = False,
               reader: Callable[[Path], ReadResult] | None = None) -> IngestOutcome:
        """Read, audit and save one file. A file juesuan cannot read is stored as an
        unreadable reading with the reason (never as findings). ``isolated`` reads in a
        bounded worker process (time, CPU and memory limits of juesuan.limits) — for files
        from strangers, e.g. uploads; ``reader`` (e.g. an open ``IsolatedReader``) reads
        instead, so many files can share one worker. Raises OSError only when the file cannot
        be opened."""
        from juesuan.store.reading import read_and_audit, read_isolated

        p = Path(path)
        data = p.read_bytes()
        h = content_hash(data)
        existing = self._existing(h)
        if existing is not None:
            return existing
        read = reader or (read_isolated if isolated else read_and_audit)
        result = read(p)
        return self.save(p.name, h, result.format, result.disclosure, result.report, result.error,
                         result.elapsed_s, source_url=source_url, size=len(data), units=result.units)

    def _existing(self, h: str) -> IngestOutcome | None:
        with self._sessions() as s:
            q = (select(Document, Reading).join(Reading)
                 .where(Document.content_hash == h, Reading.juesuan_version == juesuan_version(),
                        Reading.ruleset_version == ruleset_version()))
            row = s.execute(q.limit(1)).first()
            if row is None:
                return None
            d, r = row
            return self._outcome(d, r, new_document=False, new_reading=False)

    def save(self, file_name: str, content_hash: str, fmt: str, disclosure: Disclosure | Prepared | None,
             report: _ReportLike | None, error: str | None, elapsed_s: float, *,
             source_url: str | None = None, size: int | None = None,
             units: Sequence[str] = (), juesuan_version_: str | None = None,
             ruleset_version_: str | None = None, packed: bytes | None = None) -> IngestOutcome:
        """Save what a reader computed (possibly in another process) in one transaction.

        ``disclosure`` None means the document could not be read; ``error`` says why; a
        ``Prepared`` is the document as a batch worker sent it. ``packed``:
        ``pack_model(disclosure)`` when the caller has it already. Saving a result the store
        already has for this juesuan and rule set changes nothing."""
        pending = self.pending(file_name, content_hash, fmt, disclosure, report, error, elapsed_s,
                               source_url=source_url, size=size, units=units, juesuan_version_=juesuan_version_,
                               ruleset_version_=ruleset_version_, packed=packed)
        return self.save_all([pending])[0]

    def pending(self, file_name: str, content_hash: str, fmt: str, disclosure: Disclosure | Prepared | None,
                report: _ReportLike | None, error: str | None, elapsed_s: float, *,
                source_url: str | None = None, size: int | None = None,
                units: Sequence[str] = (), juesuan_version_: str | None = None,
                ruleset_version_: str | None = None, packed: bytes | None = None) -> Pending:
        """``save``'s arguments, made ready to save (with others, by ``save_all``)."""
        prep: Prepared | None
        if isinstance(disclosure, Disclosure):
            prep = prepare(disclosure, packed)
            prep._model = disclosure
        else:
            prep = disclosure
        # a juesuan.findings.Report carries its coverage; a bare list of findings (tests, old
        # pickled results) has none, and the stored report then says nothing about coverage
        rows = getattr(report, "coverage", None) or []
        return Pending(file_name, content_hash, fmt, prep,
                       [_finding_dict(f) for f in (report.findings if report is not None else [])],
                       error, elapsed_s, source_url, size, units,
                       juesuan_version_ or juesuan_version(), ruleset_version_ or ruleset_version(),
                       pack_coverage(rows) if rows else None)

    def save_all(self, items: Sequence[Pending]) -> list[IngestOutcome]:
        """Save several results in one transaction (a batch groups the documents that finish
        close together: one commit instead of one each). When the group cannot be saved as one
        — another writer stored the same bytes or department spelling meanwhile — each is
        saved on its own, so one conflict costs nothing else."""
        if not items:
            return []
        try:
            with self.session() as s:
                return [self._save(s, p) for p in items]
        except IntegrityError:
            if len(items) == 1:
                # the second pass finds the other writer's rows and attaches to them
                with self.session() as s:
                    return [self._save(s, items[0])]
        return [self.save_all([p])[0] for p in items]

    def _save(self, s: Session, p: Pending) -> IngestOutcome:
        file_name, h, fmt, disclosure, findings, error = p.file_name, p.content_hash, p.fmt, p.doc, p.findings, p.error
        elapsed_s, source_url, size, units, jv, rv = p.elapsed_s, p.source_url, p.size, p.units, p.jv, p.rv
        doc = s.scalars(select(Document).where(Document.content_hash == h)).first()
        new_document = doc is None
        if doc is None:
            doc = Document(content_hash=h, file_name=file_name, source_url=source_url, format=fmt, size=size)
            s.add(doc)
            s.flush()
        else:
            prior = s.scalars(select(Reading).where(Reading.document_id == doc.id, Reading.juesuan_version == jv,
                                                    Reading.ruleset_version == rv)).first()
            if prior is not None:
                return self._outcome(doc, prior, new_document=False, new_reading=False)
            if source_url and not doc.source_url:
                doc.source_url = source_url
        if disclosure is not None:
            doc.year = disclosure.year if disclosure.year is not None else doc.year
            doc.kind = disclosure.kind or doc.kind
            if disclosure.department:
                dept = resolve_department(s, disclosure.department)
                doc.department_id = dept.id
                if doc.year is not None and units:
                    _save_units(s, dept, doc.year, units)
        reading = Reading(document_id=doc.id, juesuan_version=jv, ruleset_version=rv,
                          status="read" if disclosure is not None else "unreadable",
                          error=error if disclosure is None else None, elapsed_s=elapsed_s,
                          department_name=disclosure.department if disclosure is not None else None,
                          model=disclosure.packed if disclosure is not None else None,
                          coverage=p.coverage)
        s.add(reading)
        s.flush()
        doc.latest_reading_id = reading.id
        if disclosure is not None:
            _insert_rows(s, CellRow, reading.id, disclosure.cells)
            _insert_rows(s, ClaimRow, reading.id, disclosure.claims)
            from juesuan.store.crossyear import refresh_crossyear

            findings = findings + refresh_crossyear(s, doc, reading, disclosure.model)
        _save_findings(s, reading.id, findings)
        summary = _summary(findings)
        reading.errors, reading.warnings, reading.infos = summary["error"], summary["warning"], summary["info"]
        return self._outcome(doc, reading, new_document=new_document, new_reading=True)

    def _outcome(self, doc: Document, r: Reading, *, new_document: bool, new_reading: bool) -> IngestOutcome:
        return IngestOutcome(
            document_id=doc.id, reading_id=r.id, content_hash=doc.content_hash, file_name=doc.file_name,
            new_document=new_document, new_reading=new_reading, status=r.status, error=r.error,
            department=r.department_name, year=doc.year,
            summary={"error": r.errors, "warning": r.warnings, "info": r.infos}, elapsed_s=r.elapsed_s or 0.0)

    # ------------------------------------------------------------------ reviewing
    def review(self, finding_id: int, state: ReviewState, reviewer: str, reason: str = "") -> ReviewView:
        """Record a reviewer's decision. It applies to this finding in every reading of the
        document (matched by rule + cells), so it survives re-reading."""
        if state not in REVIEW_STATES:
            raise StoreError(f"审核结论只能是 confirmed（确认）或 dismissed（驳回），不是 {state!r}")
        if not reviewer.strip():
            raise StoreError("请填写审核人")
        if len(reviewer.strip()) > 100:
            raise StoreError("审核人姓名过长（最多 100 个字）")
        if state == "dismissed" and not reason.strip():
            raise StoreError("驳回时请写明理由")  # a false alarm needs its reason on record
        with self.session() as s:
            row = s.execute(select(FindingRow, Reading.document_id).join(Reading)
                            .where(FindingRow.id == finding_id)).first()
            if row is None:
                raise NotFound(f"没有编号为 {finding_id} 的问题")
            f, document_id = row
            rv = Review(document_id=document_id, match_key=f.match_key, rule=f.rule, state=state,
                        reviewer=reviewer.strip(), reason=reason.strip())
            s.add(rv)
            s.flush()
            return _review_view(rv)

    def review_history(self, finding_id: int) -> list[ReviewView]:
        with self._sessions() as s:
            row = s.execute(select(FindingRow.match_key, Reading.document_id).join(Reading)
                            .where(FindingRow.id == finding_id)).first()
            if row is None:
                raise NotFound(f"没有编号为 {finding_id} 的问题")
            q = (select(Review).where(Review.document_id == row.document_id, Review.match_key == row.match_key)
                 .order_by(Review.id))
            return [_review_view(r) for r in s.scalars(q)]

    def stats(self) -> list[RuleStats]:
        """Per rule: findings in the latest readings, and how reviewers judged them."""
        with self._sessions() as s:
            counts = dict(s.execute(select(FindingRow.rule, func.count())
                                    .join(Document, Document.latest_reading_id == FindingRow.reading_id)
                                    .group_by(FindingRow.rule)).tuples().all())
            current = _current_reviews()
            judged: dict[str, dict[str, int]] = {}
            for rule, state, n in s.execute(select(Review.rule, Review.state, func.count())
                                            .join(current, current.c.id == Review.id)
                                            .group_by(Review.rule, Review.state)).tuples():
                judged.setdefault(rule, {})[state] = n
        out = []
        for rule in sorted(set(counts) | set(judged)):
            c = judged.get(rule, {}).get("confirmed", 0)
            d = judged.get(rule, {}).get("dismissed", 0)
            n = counts.get(rule, 0)
            out.append(RuleStats(rule=rule, findings=n, confirmed=c, dismissed=d, unreviewed=max(n - c - d, 0)))
        return out

    # ------------------------------------------------------------------ queries
    def documents(self, *, department_id: int | None = None, year: int | None = None, region: str | None = None,
                  status: str | None = None, q: str | None = None, limit: int = 100,
                  offset: int = 0) -> list[DocumentView]:
        """Documents with their latest reading, newest first. ``region`` matches a prefix or
        suffix of the department's region (上海市 or 普陀区); ``q`` a part of the file or
        department name."""
        with self._sessions() as s:
            stmt = self._documents_query(department_id, year, region, status, q)
            stmt = stmt.order_by(Document.id.desc()).limit(limit).offset(offset)
            return [_document_view(d, r, dep) for d, r, dep in s.execute(stmt).tuples()]

    def count_documents(self, *, department_id: int | None = None, year: int | None = None,
                        region: str | None = None, status: str | None = None, q: str | None = None) -> int:
        with self._sessions() as s:
            sub = self._documents_query(department_id, year, region, status, q).subquery()
            return s.execute(select(func.count()).select_from(sub)).scalar_one()

    def _documents_query(self, department_id: int | None, year: int | None, region: str | None,
                         status: str | None, q: str | None) -> Select[tuple[Document, Reading, Department]]:
        stmt = (select(Document, Reading, Department)
                .join(Reading, Reading.id == Document.latest_reading_id)
                .outerjoin(Department, Department.id == Document.department_id))
        if department_id is not None:
            stmt = stmt.where(Document.department_id == department_id)
        if year is not None:
            stmt = stmt.where(Document.year == year)
        if region:
            stmt = stmt.where(Department.region.startswith(region) | Department.region.endswith(region))
        if status:
            stmt = stmt.where(Reading.status == status)
        if q:
            stmt = stmt.where(Document.file_name.contains(q) | Department.name.contains(q))
        return stmt

    def document(self, document_id: int) -> DocumentView:
        with self._sessions() as s:
            d = s.get(Document, document_id)
            if d is None:
                raise NotFound(f"没有编号为 {document_id} 的文件")
            readings = list(s.scalars(select(Reading).where(Reading.document_id == d.id).order_by(Reading.id)))
            dep = s.get(Department, d.department_id) if d.department_id is not None else None
            view = _document_view(d, readings[-1] if readings else None, dep)
            view.readings = [_reading_view(r) for r in readings]
            return view

    def document_by_hash(self, content_hash: str) -> DocumentView | None:
        with self._sessions() as s:
            did = s.scalars(select(Document.id).where(Document.content_hash == content_hash)).first()
        return None if did is None else self.document(did)

    def model(self, document_id: int, reading_id: int | None = None) -> Disclosure | None:
        """The document's model as its latest (or the given) reading built it; None when that
        reading could not read the document."""
        with self._sessions() as s:
            r = self._reading(s, document_id, reading_id)
            return None if r.model is None else unpack_model(r.model)

    def coverage(self, document_id: int, reading_id: int | None = None) -> list[CoverageRow]:
        """What the latest (or the given) reading checked: rule × table, passed / failed /
        not applicable / not checked (with the reason)."""
        with self._sessions() as s:
            return unpack_coverage(self._reading(s, document_id, reading_id).coverage)

    def _reading(self, s: Session, document_id: int, reading_id: int | None) -> Reading:
        q = select(Reading).where(Reading.document_id == document_id)
        q = q.where(Reading.id == reading_id) if reading_id is not None else q.order_by(Reading.id.desc())
        r = s.scalars(q.limit(1)).first()
        if r is None:
            raise NotFound(f"没有编号为 {document_id} 的文件" if reading_id is None
                           else f"文件 {document_id} 没有编号为 {reading_id} 的读取记录")
        return r

    def cells(self, document_id: int, *, table: str | None = None, reading_id: int | None = None) -> list[CellView]:
        with self._sessions() as s:
            r = self._reading(s, document_id, reading_id)
            q = select(CellRow).where(CellRow.reading_id == r.id)
            if table:
                q = q.where(CellRow.tbl == table)
            rows = s.scalars(q.order_by(CellRow.tbl, CellRow.row, CellRow.col))
            return [CellView(table=c.tbl, row=c.row, column=c.col, value=c.value, raw=c.raw, page=c.page,
                             line=c.line, repaired=c.repaired, repair=c.repair, uncertain=c.uncertain,
                             label=c.label) for c in rows]

    def findings(self, *, document_id: int | None = None, reading_id: int | None = None,
                 rule: str | None = None, family: str | None = None, severity: str | None = None,
                 state: str | None = None, limit: int | None = None, offset: int = 0) -> list[FindingView]:
        """Findings of the latest readings (or of one reading) with their current review.
        ``state``: confirmed | dismissed | unreviewed."""
        with self._sessions() as s:
            current = _current_reviews()
            stmt = (select(FindingRow, Reading.document_id, Review)
                    .join(Reading, Reading.id == FindingRow.reading_id)
                    .outerjoin(current, and_(current.c.document_id == Reading.document_id,
                                             current.c.match_key == FindingRow.match_key))
                    .outerjoin(Review, Review.id == current.c.id))
            if reading_id is not None:
                stmt = stmt.where(FindingRow.reading_id == reading_id)
            else:
                stmt = stmt.join(Document, Document.latest_reading_id == FindingRow.reading_id)
            if document_id is not None:
                stmt = stmt.where(Reading.document_id == document_id)
            if rule:
                stmt = stmt.where(FindingRow.rule == rule)
            if family:
                stmt = stmt.where(FindingRow.family == family)
            if severity:
                stmt = stmt.where(FindingRow.severity == severity)
            if state == "unreviewed":
                stmt = stmt.where(Review.id.is_(None))
            elif state:
                stmt = stmt.where(Review.state == state)
            stmt = stmt.order_by(FindingRow.id).offset(offset)
            if limit is not None:
                stmt = stmt.limit(limit)
            return [FindingView(id=f.id, document_id=doc_id, reading_id=f.reading_id, rule=f.rule, family=f.family,
                                severity=f.severity, message=f.message, match_key=f.match_key, finding=f.data,
                                review=_review_view(rv) if rv is not None else None)
                    for f, doc_id, rv in s.execute(stmt).tuples()]

    def departments(self, *, region: str | None = None) -> list[DepartmentView]:
        with self._sessions() as s:
            q = select(Department).order_by(Department.region, Department.key)
            if region:
                q = q.where(Department.region.startswith(region) | Department.region.endswith(region))
            deps = list(s.scalars(q))
            years: dict[int, set[int]] = {}
            for did, y in s.execute(select(Document.department_id, Document.year).distinct()
                                    .where(Document.year.is_not(None))).tuples():
                if did is not None and y is not None:
                    years.setdefault(did, set()).add(y)
            aliases: dict[int, list[str]] = {}
            for did, name in s.execute(select(DepartmentAlias.department_id, DepartmentAlias.name)
                                       .order_by(DepartmentAlias.name)).tuples():
                aliases.setdefault(did, []).append(name)
            return [DepartmentView(id=d.id, name=d.name, key=d.key, region=d.region, parent_id=d.parent_id,
                                   aliases=aliases.get(d.id, []), years=sorted(years.get(d.id, ())))
                    for d in deps]

    def department(self, department_id: int) -> DepartmentView:
        with self._sessions() as s:
            d = s.get(Department, department_id)
            if d is None:
                raise NotFound(f"没有编号为 {department_id} 的部门")
            ys = sorted({y for y in s.scalars(select(Document.year).where(Document.department_id == d.id))
                         if y is not None})
            return _department_view(s, d, ys)

    def department_models(self, department_id: int) -> dict[int, Disclosure]:
        """The latest readable model of each year of a department (for year-on-year views).
        The models may be shared with other callers: read them, do not change them."""
        q = (select(Document.year, Reading.id).join(Reading, Reading.document_id == Document.id)
             .where(Document.department_id == department_id, Reading.status == "read",
                    Document.year.is_not(None))
             .order_by(Reading.id))
        with self._sessions() as s:
            latest: dict[int, int] = {}
            for y, rid in s.execute(q).tuples():
                if y is not None:
                    latest[y] = rid  # later readings overwrite earlier ones
            models = self._models(s, list(latest.values()))
        return {y: models[rid] for y, rid in sorted(latest.items()) if rid in models}

    def region_models(self, year: int, region: str | None = None) -> list[tuple[DocumentView, Disclosure]]:
        """The latest model of every readable document of a year (optionally of a region).
        The models may be shared with other callers: read them, do not change them."""
        out: list[tuple[DocumentView, Disclosure]] = []
        offset = 0
        while True:
            docs = self.documents(year=year, region=region, status="read", limit=500, offset=offset)
            if not docs:
                return out
            with self._sessions() as s:
                latest = dict(s.execute(select(Document.id, Document.latest_reading_id)
                                        .where(Document.id.in_([d.id for d in docs]))).tuples().all())
                models = self._models(s, [r for r in latest.values() if r is not None])
            out.extend((d, models[rid]) for d in docs if (rid := latest.get(d.id)) is not None and rid in models)
            offset += len(docs)

    def _models(self, s: Session, reading_ids: list[int]) -> dict[int, Disclosure]:
        """Unpacked models of readings, through a small cache: a reading never changes, and
        building a model from JSON costs more than the query."""
        out: dict[int, Disclosure] = {}
        with self._cache_lock:
            for rid in reading_ids:
                if rid in self._model_cache:
                    self._model_cache.move_to_end(rid)
                    out[rid] = self._model_cache[rid]
        missing = [rid for rid in reading_ids if rid not in out]
        for chunk in (missing[i:i + 500] for i in range(0, len(missing), 500)):
            for rid, blob in s.execute(select(Reading.id, Reading.model).where(Reading.id.in_(chunk))).tuples():
                if blob is not None:
                    out[rid] = unpack_model(blob)
        with self._cache_lock:
            for rid in missing:
                if rid in out:
                    self._model_cache[rid] = out[rid]
            while len(self._model_cache) > MODEL_CACHE:
                self._model_cache.popitem(last=False)
        return out

    # ------------------------------------------------------------------ comparisons
    def compare_years(self, department_id: int) -> YearTable:
        """Every cell of a department, year on year (latest readable reading of each year)."""
        self.department(department_id)  # NotFound for an unknown id
        return year_on_year(self.department_models(department_id))

    def compare_region(self, year: int, region: str | None = None) -> tuple[int, list[League]]:
        """League tables of the departments of a region in a year: (documents compared,
        leagues). One document per department (the newest)."""
        seen: set[int | None] = set()
        docs: list[tuple[int, str, Disclosure]] = []
        summaries: dict[int, dict[str, int]] = {}
        for d, m in self.region_models(year, region):
            dep = d.department_id if d.department_id is not None else -d.id
            if dep in seen:
                continue
            seen.add(dep)
            docs.append((d.id, d.department or d.file_name, m))
            summaries[d.id] = d.summary
        return len(docs), region_leagues(docs, summaries)


# ---------------------------------------------------------------------- helpers


def _finding_dict(f: Any) -> dict[str, Any]:
    d = f if isinstance(f, dict) else f.to_dict()
    return json.loads(json.dumps(d, ensure_ascii=False, default=str))  # JSON-clean (Decimals → str)


def _current_reviews() -> Subquery:
    """Subquery: the newest review id per (document, match_key) — the current decision."""
    return (select(Review.document_id, Review.match_key, func.max(Review.id).label("id"))
            .group_by(Review.document_id, Review.match_key).subquery("current"))


def resolve_department(s: Session, printed: str) -> Department:
    """The department a printed name belongs to, created when new (see departments.py)."""
    n = deptnames.parse(printed)
    alias = s.scalars(select(DepartmentAlias).where(DepartmentAlias.name == n.name)).first()
    if alias is not None:
        return alias.department
    candidates = [d for d in s.scalars(select(Department).where(Department.key == n.key))
                  if deptnames.same_region(d.region, n.region)]
    if len(candidates) == 1:
        dept = candidates[0]
        if len(n.region) > len(dept.region):  # keep the most complete spelling
            dept.region, dept.name = n.region, n.name
    else:  # new, or ambiguous (普陀区 in two cities): a department of its own
        dept = Department(key=n.key, name=n.name, region=n.region, parent_id=_consolidating(s, n))
        s.add(dept)
        s.flush()
    s.add(DepartmentAlias(department_id=dept.id, name=n.name))
    s.flush()
    return dept


def _consolidating(s: Session, n: deptnames.DepartmentName) -> int | None:
    """The department whose disclosure lists ``n`` among its units (决算单位构成), if any."""
    for dep_id, unit in s.execute(select(DepartmentUnit.department_id, DepartmentUnit.name)
                                  .where(DepartmentUnit.name.endswith(n.key))).tuples():
        u = deptnames.parse(unit)
        if u.key == n.key and deptnames.same_region(u.region, n.region):
            return dep_id
    return None


def _save_units(s: Session, dept: Department, year: int, units: Sequence[str]) -> None:
    """Record the units a department consolidates; a stored department that is one of them
    gets this department as its parent."""
    have = set(s.scalars(select(DepartmentUnit.name).where(DepartmentUnit.department_id == dept.id,
                                                           DepartmentUnit.year == year)))
    for u in dict.fromkeys(deptnames.clean(u) for u in units):
        if not u or u in have:
            continue
        s.add(DepartmentUnit(department_id=dept.id, year=year, name=u))
        n = deptnames.parse(u)
        if n.key == dept.key:
            continue  # 本级: the department itself
        for child in s.scalars(select(Department).where(Department.key == n.key, Department.id != dept.id,
                                                        Department.parent_id.is_(None))):
            if deptnames.same_region(child.region, n.region):
                child.parent_id = dept.id
    s.flush()


def _insert(s: Session, cls: type[Any], rows: list[dict[str, Any]]) -> None:
    """Insert many rows with Core, without the ORM's per-row bookkeeping. SQLite takes an
    executemany (in-process, fast). On PostgreSQL, pg8000 would send an executemany as one
    round trip per row; asking for RETURNING makes SQLAlchemy batch the rows into multi-row
    INSERTs ("insertmanyvalues") from one cached statement."""
    table = cast(Table, cls.__table__)
    conn = s.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(table.insert().returning(table.c.id), rows)
    else:
        conn.execute(table.insert(), rows)


def _insert_rows(s: Session, cls: type[Any], reading_id: int, rows: list[dict[str, Any]]) -> None:
    """A reading's cells or claims (``Prepared.cells`` / ``.claims``)."""
    if rows:
        _insert(s, cls, [{**r, "reading_id": reading_id} for r in rows])


def _save_findings(s: Session, reading_id: int, findings: list[dict[str, Any]]) -> None:
    rows = [dict(reading_id=reading_id, rule=f["rule"], family=f.get("family") or f["rule"][0],
                 severity=f["severity"], message=f["message"], match_key=match_key(f), data=f,
                 extraction_uncertain=bool(f.get("extraction_uncertain"))) for f in findings]
    if rows:
        _insert(s, FindingRow, rows)


def _document_view(d: Document, r: Reading | None, dep: Department | None) -> DocumentView:
    return DocumentView(
        id=d.id, content_hash=d.content_hash, file_name=d.file_name, source_url=d.source_url, format=d.format,
        size=d.size, year=d.year, kind=d.kind, department_id=d.department_id,
        department=dep.name if dep is not None else None, region=dep.region if dep is not None else None,
        status=cast(ReadingStatus, r.status) if r is not None else None,
        error=r.error if r is not None else None,
        juesuan_version=r.juesuan_version if r is not None else None,
        ruleset_version=r.ruleset_version if r is not None else None,
        summary={"error": r.errors, "warning": r.warnings, "info": r.infos} if r is not None else {},
        created_at=d.created_at)


def _reading_view(r: Reading) -> ReadingView:
    return ReadingView(id=r.id, juesuan_version=r.juesuan_version, ruleset_version=r.ruleset_version,
                       status=cast(ReadingStatus, r.status),
                       error=r.error, elapsed_s=r.elapsed_s,
                       summary={"error": r.errors, "warning": r.warnings, "info": r.infos}, created_at=r.created_at)


def _review_view(r: Review) -> ReviewView:
    return ReviewView(id=r.id, document_id=r.document_id, rule=r.rule, state=cast(ReviewState, r.state),
                      reviewer=r.reviewer, reason=r.reason, created_at=r.created_at)


def _department_view(s: Session, d: Department, years: list[int]) -> DepartmentView:
    aliases = sorted(s.scalars(select(DepartmentAlias.name).where(DepartmentAlias.department_id == d.id)))
    units: dict[int, list[str]] = {}
    for y, name in s.execute(select(DepartmentUnit.year, DepartmentUnit.name)
                             .where(DepartmentUnit.department_id == d.id)
                             .order_by(DepartmentUnit.year, DepartmentUnit.id)).tuples():
        units.setdefault(y, []).append(name)
    return DepartmentView(id=d.id, name=d.name, key=d.key, region=d.region, parent_id=d.parent_id,
                          aliases=aliases, years=years, units=units)
