"""The canonical model of a disclosure: the typed boundary between reading and everything after.

Rules, reports, the store and the renderers see only these objects, never raw text, so they
work the same for every input format. Money is always ``Decimal`` in 万元; JSON carries it as
a string so no float rounding ever touches it.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal, Protocol, Self, TypeVar, cast, dataclass_transform

from pydantic import BaseModel, ConfigDict, Field, field_serializer
from pydantic.dataclasses import dataclass
from pydantic.fields import FieldInfo

from juesuan.glossary import TABLE_IDS, TABLES
from juesuan.money import decimal_text, plain

_M = TypeVar("_M", bound="BaseModel | Record")


class Record:
    """Base of the models the readers and the rules make and read by the thousand per document
    (tables, cells, claims, statements, the performance models): validated pydantic dataclasses, not
    BaseModels, with the few BaseModel methods the code uses.

    Why not BaseModel: BaseModel defines ``__getattr__`` (for private attributes), and a class
    with ``__getattr__`` makes CPython send every attribute read through a slow hook that its
    specialising interpreter never optimises (about 4x the cost of a plain read). These
    models' fields are read millions of times per batch: as dataclasses (with ``__slots__``)
    a first read of a long disclosure takes about 4–5 % fewer instructions. Validation,
    serialisation (JSON, field serializers) and nesting in BaseModels are pydantic's, as before.
    """

    __slots__ = ()
    __pydantic_fields__: ClassVar[dict[str, FieldInfo]]
    __pydantic_validator__: ClassVar[Any]
    __pydantic_serializer__: ClassVar[Any]

    @classmethod
    def model_validate(cls, obj: Any) -> Self:
        return cast(Self, cls.__pydantic_validator__.validate_python(obj))

    def model_dump(self, *, mode: Literal["json", "python"] = "python") -> dict[str, Any]:
        return cast(dict[str, Any], self.__pydantic_serializer__.to_python(self, mode=mode))

    def model_dump_json(self) -> str:
        return cast(bytes, self.__pydantic_serializer__.to_json(self)).decode()

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with ``update`` set as given, not validated (as BaseModel.model_copy)."""
        out = copy.deepcopy(self) if deep else copy.copy(self)
        for k, v in (update or {}).items():
            setattr(out, k, v)
        return out


_R = TypeVar("_R", bound=type[Record])
_T = TypeVar("_T")

# A record's field for its readers' own bookkeeping: never serialised (Internal), not an
# argument, not shown, not compared (_internal). BaseModel's private attributes served this.
Internal = Annotated[_T, Field(exclude=True)]


def _internal(**default: Any) -> Any:
    return dataclasses.field(init=False, repr=False, compare=False, **default)



@dataclass_transform(kw_only_default=True, field_specifiers=(dataclasses.field, Field))
def record(cls: _R) -> _R:
    """Make ``cls`` (a Record) a pydantic dataclass. kw_only: fields are named at construction,
    as with BaseModel (so a field with a default may come before one without); slots: attribute
    reads and writes at the speed of a slot."""
    return cast(_R, dataclass(kw_only=True, slots=True)(cls))


class Location(BaseModel):
    """Where something was printed: page (1-based, when known), line (1-based in the source
    text or page), and a bounding box in PDF points (x0, top, x1, bottom) when the reader had
    positions."""

    model_config = ConfigDict(frozen=True)
    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None


class Placed(Protocol):
    page: int | None
    line: int | None


def reading_order(x: Placed) -> tuple[int, int]:
    """Where a claim or statement stands in reading order. A PDF numbers its lines per page, so
    line numbers alone do not order (or measure the distance between) two places."""
    return (x.page or 0, x.line or 0)


def lines_apart(a: Placed, b: Placed) -> int | None:
    """``b``'s line minus ``a``'s when both are located on the same page (or both in a text
    without pages); None otherwise — two page-local line numbers say nothing about distance."""
    if a.line is None or b.line is None or a.page != b.page:
        return None
    return b.line - a.line


@record
class Cell(Record):
    """One printed value: ``(table, row, column) → value`` with provenance (spec §3)."""

    table: str
    row: str
    column: str
    value: Decimal
    raw: str = ""
    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    repaired: bool = False
    repair: str = ""
    # True when the evidence could not tell an OCR slip from a real error, or the value was
    # inferred rather than read; findings that involve the cell say extraction_uncertain.
    uncertain: bool = False
    label: str = ""  # the row name as printed (after normalisation)

    @field_serializer("value")
    def _ser_value(self, v: Decimal) -> str:
        return plain(v)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.table, self.row, self.column)

    @property
    def location(self) -> Location:
        return Location(page=self.page, line=self.line, bbox=self.bbox)


# Table.layout of a table printed column by column, one cell a line, and placed by its
# identities (extract/blocks): partial when some figure could sit elsewhere.
BLOCK_LAYOUT = "column-blocks"


@record
class Table(Record):
    """One of the nine standard tables, by canonical id (T01..T09)."""

    id: str
    title: str = ""  # as printed
    number: str | None = None  # printed 公开NN, e.g. "07"
    present: bool = False  # printed in the body
    declared_empty: bool = False  # the document states it has no data (本表无数据 …)
    empty_statement: str = ""
    unit: str | None = None  # 万元 / 元 as printed on the table
    page: int | None = None
    line: int | None = None
    end_line: int | None = None
    layout: str = ""  # e.g. "vertical"/"horizontal" for T09, "tabbed"/"flat"
    # How well the reader could read the table. A table that is not "read" takes no part in
    # the audit: every rule that depends on it is reported as not checked (never passed).
    status: Literal["read", "partial", "unreadable"] = "read"
    status_reason: str | None = None  # why not "read", in Chinese
    cells: list[Cell] = Field(default_factory=list)
    # printed names by canonical row key, in printed order
    row_labels: dict[str, str] = Field(default_factory=dict)
    # The fields below are the readers' own bookkeeping (_internal): never serialised, compared
    # or printed, not arguments. (cells by (row, column), kept by get/add/put/remove)
    _index: Internal[dict[tuple[str, str], Cell] | None] = _internal(default=None)
    # reader → status only: printed figures read and known to lie in columns the model does not
    # keep (Shanghai 公开09表's 年初/本年收入/年末 on T08), or known to repeat figures already
    # placed (a drifted amount run started over, extract/realign): read, so not "left unread"
    _unmodelled: Internal[int] = _internal(default=0)
    # reader → status only: reasons the reader itself knows the table is only partly read
    # (figures it saw drifted and could not realign, extract/economic_drift), in Chinese
    _doubts: Internal[list[str]] = _internal(default_factory=list)
    # reader → status only: rows printed with figures that went nowhere (no code, none could
    # be rebuilt: OCR dropped a digit), as (what to say, their figures); the identities judge
    # whether they were part of the table (extract/status.judge)
    _skipped: Internal[list[tuple[str, list[Decimal]]]] = _internal(default_factory=list)
    # reader → status only: cells whose place a text tool filled with header words set level
    # with the row ('合计 105.00 合计 基本支出 项目支出'), as "row/column": printed, not read
    _covered: Internal[list[str]] = _internal(default_factory=list)
    # reader → cross-table placement only (extract/blocks): for a table placed from column
    # blocks whose accepted placements were all listed, (least, most) of each cell of its
    # printed grid over them (a blank cell counts 0); None when not known
    _ranges: Internal[dict[tuple[str, str], tuple[Decimal, Decimal]] | None] = _internal(default=None)

    @property
    def spec(self):
        return TABLES[self.id]

    def get(self, row: str, column: str) -> Cell | None:
        # The index is rebuilt whenever cells were added or replaced (mutation tests swap cells).
        idx = self._index
        cells = self.cells
        if idx is None or len(idx) != len(cells) or (cells and idx.get((cells[-1].row, cells[-1].column)) is not cells[-1]):
            idx = self._index = {(c.row, c.column): c for c in cells}
        return idx.get((row, column))

    @property
    def vouches(self) -> bool:
        """Do the table's cells not marked uncertain stand as a read table's do? Those of a
        table read in full, and those of one placed from column blocks: every placement its
        identities accept puts them there (the table is partial for the figures some placement
        would move, each marked uncertain)."""
        return self.status == "read" or self.status == "partial" and self.layout == BLOCK_LAYOUT

    def known(self, row: str, column: str) -> Cell | None:
        """The cell at (row, column) when it stands as a read table's cells do (``vouches``;
        a table read in full gives its uncertain cells too). None otherwise, and for a blank
        cell."""
        c = self.get(row, column)
        if c is None or self.status == "read":
            return c
        return c if self.vouches and not c.uncertain else None

    def add(self, cell: Cell) -> bool:
        """Append ``cell`` unless a cell is already at its (row, column) (then False). The
        index stays current, so a reader adding a table's cells one by one does not rebuild
        it after every cell."""
        if self.get(cell.row, cell.column) is not None:
            return False
        self.cells.append(cell)
        # get() just made the index match the cells before this one. (The type as a string: a
        # subscripted generic would be built anew on every call, a cell's dearest step here.)
        cast("dict[tuple[str, str], Cell]", self._index)[(cell.row, cell.column)] = cell
        return True

    def put(self, cell: Cell) -> None:
        """Add or replace the cell at (row, column)."""
        for i, c in enumerate(self.cells):
            if c.row == cell.row and c.column == cell.column:
                self.cells[i] = cell
                self._index = None
                return
        self.cells.append(cell)
        self._index = None

    def remove(self, row: str, column: str) -> Cell | None:
        """Remove and return the cell at (row, column), if any."""
        for i, c in enumerate(self.cells):
            if c.row == row and c.column == column:
                self._index = None
                return self.cells.pop(i)
        return None

    def value(self, row: str, column: str) -> Decimal | None:
        c = self.get(row, column)
        return None if c is None else c.value

    def rows(self) -> list[str]:
        """Row keys in printed order: the rows holding cells, in the order of their cells, and
        each row printed without an amount (known only from ``row_labels``, which keeps printed
        order) right after the labelled row printed before it, or before the first labelled row
        when none was; at the end only when no labelled row holds a cell."""
        with_cells = dict.fromkeys(c.row for c in self.cells)
        after: dict[str | None, list[str]] = {}
        anchor: str | None = None
        for r in self.row_labels:
            if r in with_cells:
                anchor = r
            else:
                after.setdefault(anchor, []).append(r)
        if not after:
            return list(with_cells)
        first = next((r for r in self.row_labels if r in with_cells), None)
        lead = after.pop(None, [])
        out: list[str] = []
        for r in with_cells:
            if r == first:
                out.extend(lead)
            out.append(r)
            out.extend(after.get(r, ()))
        return out if first is not None else out + lead

    @property
    def has_data(self) -> bool:
        return any(c.value != 0 for c in self.cells)


ClaimKind = Literal[
    "amount", "share", "change_amount", "change_rate", "completion", "budget", "count"
]


class CellRef(BaseModel):
    model_config = ConfigDict(frozen=True)
    table: str
    row: str
    column: str


@record
class Claim(Record):
    """A number the narrative states about something (spec §4)."""

    subject: str  # normalised subject, e.g. "收入总计", "基本支出", "公务接待费"
    kind: ClaimKind
    value: Decimal
    unit: str = ""  # 万元 / 元 / % / 个 / 人次 / 辆 / 台(套) / 批次 / 人
    text: str = ""  # the sentence span that states it
    page: int | None = None
    line: int | None = None
    section: str = ""  # narrative section title it sits under
    cell: CellRef | None = None  # the table cell it talks about, when there is one
    base: str | None = None  # for shares: the subject of the whole (e.g. "收入总计")
    direction: Literal["增加", "减少", "持平"] | None = None  # for change claims
    previous: Decimal | None = None  # previous-year value when stated or derivable
    year: int | None = None

    @field_serializer("value", "previous")
    def _ser_dec(self, v: Decimal | None) -> str | None:
        return decimal_text(v)


@record
class Statement(Record):
    """One sentence of the 情况说明 read as a statement, not just its numbers
    (extract/claims/statements.py): what it is about, the measures it states (or carries
    from the sentences before it in the same paragraph), the words that relate them, the
    reason given. Narrative rules that read words (大于/小于/持平, template residue) use it."""

    text: str
    page: int | None = None
    line: int | None = None
    section: str = ""
    topic: str = ""
    subject: str = ""  # canonical subject, as in claims
    path: list[str] = Field(default_factory=list)  # 类/款/项 names as printed
    cell: CellRef | None = None  # the final-value cell of the subject, when there is one
    budget: Decimal | None = None  # 预算数 in 万元 (stated here or earlier in the paragraph)
    budget_kind: str = ""  # 年初预算 / 全年预算 / 调整后预算 / 预算
    final: Decimal | None = None  # 决算数 in 万元
    completion: Decimal | None = None  # 完成预算的 N%
    relation: str | None = None  # 大于 / 小于 / 等于 / 持平 / 基本持平: 决算数 vs 预算数 as worded
    reason: str = ""  # the text after 主要原因

    @field_serializer("budget", "final", "completion")
    def _ser_dec(self, v: Decimal | None) -> str | None:
        return None if v is None else format(v, "f")


class Section(BaseModel):
    """A part of the document: narrative chapter, glossary, attachment, table of contents."""

    kind: str  # "toc" | "overview" | "narrative" | "glossary" | "tables" | "attachment" | "other"
    title: str
    page: int | None = None
    line: int
    end_line: int
    topic: str = ""  # e.g. "机关运行经费", "政府采购", "国有资产", "预算绩效", "T05"
    end_page: int | None = None  # the page of end_line (a section may end on a later page)


@record
class Printed(Record):
    """Where and how one performance figure was printed (the provenance behind ``perf-csv``).
    A record (the readers make one for every figure of every form, thousands in a long
    attachment); never changed once made — tables and rows share them."""

    raw: str = ""  # the text as printed (after line normalisation, before number parsing)
    page: int | None = None
    line: int | None = None


def made(cls: type[_M], fields: dict[str, Any]) -> _M:
    """``cls(**fields)`` for the models the readers and the rules make by the thousand per
    document: cells, figures, statements, claims, findings. A record (``Record``) is built from
    values its producer has already typed, without validating them again (juesuan.construct,
    which also says how the test suite holds every producer to what validation would give); a
    BaseModel is validated, without BaseModel.__init__'s keyword round trip, which costs as
    much again as the validation of a small model."""
    build = _BUILDERS.get(cls)
    if build is None:
        build = _builder(cls)
    return cast(_M, build(fields))


_BUILDERS: dict[type, Callable[[dict[str, Any]], Any]] = {}


def _builder(cls: type) -> Callable[[dict[str, Any]], Any]:
    """``made``'s constructor for ``cls``, made when first asked for."""
    from juesuan.construct import builder

    build = _BUILDERS[cls] = builder(cls)
    return build


def printed_at(raw: str, page: int | None, line: int | None) -> Printed:
    """``Printed(raw=raw, page=page, line=line)``, made (see ``made``)."""
    return made(Printed, {"raw": raw, "page": page, "line": line})


def printed_data(raws: dict[str, str], page: int | None, line: int | None) -> dict[str, Printed]:
    """A row's ``printed`` field (figure → how it was printed, all on one line), for ``made``.
    (``made``'s constructor asked for once, not for each of the row's figures.)"""
    build = _BUILDERS.get(Printed) or _builder(Printed)
    return {k: build({"raw": raw, "page": page, "line": line}) for k, raw in raws.items()}


# perf-csv field names (public contract, README): the Chinese label of each printed figure.
PERF_TABLE_FIELDS = ("年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分", "总分")
PERF_INDICATOR_FIELDS = ("年度指标值", "实际完成值", "分值", "得分")
# A 整体 table's task rows in perf-csv (`indicator` = the task's name): field → PerformanceTask attribute.
PERF_TASK_FIELDS = {"全年预算数": "budget", "全年执行数": "executed", "执行率": "rate", "分值": "weight", "得分": "score"}
# How the model names a 部门（单位）整体 evaluation: '部门整体:<unit>' (the form prints the unit alone).
OVERALL_PREFIX = "部门整体:"


@record
class PerformanceIndicator(Record):
    """One row of a self-evaluation's indicator tree (一级/二级/三级指标)."""

    level1: str = ""  # 一级指标 (产出指标, 效益指标, 满意度指标, 成本指标 …), inherited downwards
    level2: str = ""  # 二级指标 (数量指标, 质量指标, 时效指标 …), inherited downwards
    name: str  # 三级指标 as printed after repair
    comparator: str | None = None  # normalised: "≥", "≤", "=", ">", "<"; None when not printed
    target: Decimal | None = None  # 年度指标值 when numeric
    target_text: str = ""  # 年度指标值 as printed (qualitative targets: 合理合规, 优良 …)
    unit: str = ""  # 度量单位 (%, 人, 万元, 元/人/天 …)
    actual: Decimal | None = None  # 实际完成值 when numeric
    actual_text: str = ""
    weight: Decimal | None = None  # 分值
    score: Decimal | None = None  # 得分
    deviation: str = ""  # 偏差原因分析及改进措施 (joined when printed in several columns)
    # 偏差度 as printed, percent (some forms print it between 得分 and the analysis text)
    deviation_rate: Decimal | None = None
    # 完成程度 / 完成率 as printed, percent (a form may print it as a ratio: 1 → 100)
    completion: Decimal | None = None
    # Points a 一级/二级 indicator heading carries in its own cell ("成本指标 (20分)"): the
    # budget its rows' 分值 must add up to. Repeated on every row under that heading.
    level1_weight: Decimal | None = None
    level2_weight: Decimal | None = None
    reverse: bool = False  # a cost-type indicator where lower is better (≤ targets, 成本指标)
    page: int | None = None
    line: int | None = None
    uncertain: bool = False
    # perf-csv field (PERF_INDICATOR_FIELDS) → how it was printed
    printed: dict[str, Printed] = Field(default_factory=dict)

    @field_serializer("target", "actual", "weight", "score", "deviation_rate", "completion",
                      "level1_weight", "level2_weight")
    def _ser_dec(self, v: Decimal | None) -> str | None:
        return decimal_text(v)


@record
class PerformanceFund(Record):
    """One funds row of a self-evaluation (年度资金总额, 其中：财政拨款 / 上年结转 / 其他资金)."""

    source: str  # "年度资金总额" for the total row, else the source as printed
    initial_budget: Decimal | None = None  # 年初预算数
    budget: Decimal | None = None  # 全年预算数
    executed: Decimal | None = None  # 全年执行数
    weight: Decimal | None = None  # 分值
    rate: Decimal | None = None  # 执行率, percent
    score: Decimal | None = None  # 得分
    printed: dict[str, Printed] = Field(default_factory=dict)

    @field_serializer("initial_budget", "budget", "executed", "weight", "rate", "score")
    def _ser_dec(self, v: Decimal | None) -> str | None:
        return decimal_text(v)


@record
class PerformanceTask(Record):
    """A task of a 部门整体绩效自评表 (年度主要任务 / 对应项目) and its funds."""

    name: str
    budget: Decimal | None = None  # 项目下达金额 / 预算数
    executed: Decimal | None = None  # 项目执行金额 / 执行数
    rate: Decimal | None = None  # percent
    weight: Decimal | None = None
    score: Decimal | None = None
    page: int | None = None
    line: int | None = None
    # perf-csv table field (PERF_TASK_FIELDS) → how it was printed
    printed: dict[str, Printed] = Field(default_factory=dict)

    @field_serializer("budget", "executed", "rate", "weight", "score")
    def _ser_dec(self, v: Decimal | None) -> str | None:
        return decimal_text(v)


@record
class PerformanceItem(Record):
    """A performance self-evaluation (项目/整体绩效自评表 or its narrative summary).

    The flat figures (budget … total_score) are the table's own headline figures; the lists
    carry the whole table when it was read (attachments). ``printed`` maps a perf-csv table
    field (PERF_TABLE_FIELDS) to how it was printed.
    """

    name: str
    kind: Literal["project", "overall"] = "project"  # 项目支出 / 部门(单位)整体
    department: str = ""  # 主管部门
    implementer: str = ""  # 实施单位
    initial_budget: Decimal | None = None  # 年初预算数
    budget: Decimal | None = None  # 全年预算数
    executed: Decimal | None = None  # 全年执行数
    rate: Decimal | None = None  # 执行率 as printed, percent
    rate_score: Decimal | None = None  # 预算执行率得分
    weight: Decimal | None = None  # 预算执行率 分值 (usually 10)
    indicator_score: Decimal | None = None  # 指标自评得分小计
    deduction: Decimal | None = None  # 减分项
    total_score: Decimal | None = None  # 绩效自评总得分 / 总分
    grade: str = ""  # 自评等级 (优 / 良 / 中 / 差) as printed
    objective: str = ""  # 年度总体目标 (年初设定目标)
    achieved: str = ""  # 实际完成情况
    funds: list[PerformanceFund] = Field(default_factory=list)
    indicators: list[PerformanceIndicator] = Field(default_factory=list)
    tasks: list[PerformanceTask] = Field(default_factory=list)
    footnote: str = ""  # the table's own scoring note, when it prints one
    year: int | None = None  # the year the table's title names
    source: Literal["attachment", "narrative"] = "attachment"
    page: int | None = None
    line: int | None = None
    end_line: int | None = None  # last source line of the table (attachments)
    uncertain: bool = False  # a figure was repaired or guessed while reading
    note: str = ""  # the repair and its evidence
    printed: dict[str, Printed] = Field(default_factory=dict)
    # How well the reader could read the form (as Table.status): an "unreadable" one keeps only
    # its name, a "partial" one what was read (its funds block printed but not read); no rule
    # judges the figures of either (the audit reports those rules as not checked)
    status: Literal["read", "partial", "unreadable"] = "read"
    status_reason: str | None = None  # why not "read", in Chinese

    @field_serializer("initial_budget", "budget", "executed", "rate", "rate_score", "weight",
                      "indicator_score", "deduction", "total_score")
    def _ser_dec(self, v: Decimal | None) -> str | None:
        return decimal_text(v)


class Metadata(BaseModel):
    source: str = ""
    format: str = "text"  # text | pdf | docx | xlsx | html | json
    department: str = ""
    year: int | None = None
    unit: str = "万元"  # unit the tables were printed in; values are always converted to 万元
    unit_stated: bool = False
    pages: int | None = None
    kind: str = "部门决算"


class Repair(BaseModel):
    """A change extraction made to what was printed, with its evidence."""

    table: str
    row: str
    column: str
    raw: str
    value: str | None
    reason: str
    line: int | None = None
    page: int | None = None


class Disclosure(BaseModel):
    meta: Metadata = Field(default_factory=Metadata)
    tables: dict[str, Table] = Field(default_factory=dict)
    toc_tables: list[str] = Field(default_factory=list)  # tables the 目录 lists
    sections: list[Section] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)  # the narrative, sentence by sentence
    performance: list[PerformanceItem] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)  # reading problems that are not findings
    # pages (1-based) whose content the reader could not read, and why (Chinese): a rule that
    # says something is absent from the document cannot look there (rules.base, whole_document)
    unread_pages: dict[int, str] = Field(default_factory=dict)

    def table(self, tid: str) -> Table:
        if tid not in self.tables:
            self.tables[tid] = Table(id=tid)
        return self.tables[tid]

    def cell(self, table: str, row: str, column: str) -> Cell | None:
        t = self.tables.get(table)
        return None if t is None else t.get(row, column)

    def value(self, table: str, row: str, column: str) -> Decimal | None:
        c = self.cell(table, row, column)
        return None if c is None else c.value

    def all_cells(self) -> list[Cell]:
        out: list[Cell] = []
        for tid in TABLE_IDS:
            if tid in self.tables:
                out.extend(self.tables[tid].cells)
        return out

    def tables_found(self) -> list[str]:
        return [tid for tid in TABLE_IDS if tid in self.tables and self.tables[tid].present]
