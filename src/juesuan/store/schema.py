"""The store's tables (SQLAlchemy 2 declarative). The Alembic migrations in
``store/migrations/versions`` create exactly these; a test compares the two.

Money columns use :class:`Money`: exact ``NUMERIC`` on PostgreSQL, decimal text on SQLite
(whose NUMERIC is a float) — a value never passes through float on either engine.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator, TypeEngine


def utcnow() -> datetime:
    return datetime.now(UTC)


class Money(TypeDecorator[Decimal]):
    """Decimal stored exactly: NUMERIC(24, 6) on PostgreSQL, text on SQLite."""

    impl = String(40)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(24, 6, asdecimal=True))
        return dialect.type_descriptor(String(40))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        d = value if isinstance(value, Decimal) else Decimal(str(value))
        return d if dialect.name == "postgresql" else format(d, "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        d = value if isinstance(value, Decimal) else Decimal(value)
        # NUMERIC(24, 6) pads to six places; give back the printed precision's normal form
        return d.normalize() if d == d.to_integral_value() else d


class Base(DeclarativeBase):
    pass


class Department(Base):
    """A department with a stable identity across years and spellings (see departments.py)."""

    __tablename__ = "departments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), index=True)  # innermost division + name
    name: Mapped[str] = mapped_column(String(200))  # the fullest spelling seen
    region: Mapped[str] = mapped_column(String(200), default="", index=True)  # e.g. 上海市普陀区
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    aliases: Mapped[list[DepartmentAlias]] = relationship(back_populates="department")


class DepartmentAlias(Base):
    """Every spelling under which the department was printed."""

    __tablename__ = "department_aliases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    department: Mapped[Department] = relationship(back_populates="aliases")


class DepartmentUnit(Base):
    """A unit a department's disclosure consolidates (决算单位构成) in a given year."""

    __tablename__ = "department_units"
    __table_args__ = (UniqueConstraint("department_id", "year", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))


class Document(Base):
    """One file, identified by the SHA-256 of its bytes (the same bytes twice is one document)."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(500))
    source_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    format: Mapped[str] = mapped_column(String(20))
    size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    kind: Mapped[str | None] = mapped_column(String(40), nullable=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), nullable=True, index=True)
    # the newest reading (kept by Store.save; no FK: readings reference documents already)
    latest_reading_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    department: Mapped[Department | None] = relationship()
    readings: Mapped[list[Reading]] = relationship(back_populates="document", order_by="Reading.id")


class Reading(Base):
    """One reading of a document by one juesuan version and rule set: its status, model and
    results. Re-reading with a newer juesuan adds a row; the old ones stay (history)."""

    __tablename__ = "readings"
    __table_args__ = (UniqueConstraint("document_id", "juesuan_version", "ruleset_version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    juesuan_version: Mapped[str] = mapped_column(String(40))
    ruleset_version: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))  # "read" | "unreadable"
    error: Mapped[str | None] = mapped_column(Text, nullable=True)  # why it could not be read
    elapsed_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    department_name: Mapped[str | None] = mapped_column(String(200), nullable=True)  # as printed
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    infos: Mapped[int] = mapped_column(Integer, default=0)
    model: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # zlib(model JSON)
    # zlib(JSON list of CoverageRow): which rules ran on which table, and which could not be
    # checked (a table not read) — a stored report must say what it did not check
    coverage: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    document: Mapped[Document] = relationship(back_populates="readings")


class CellRow(Base):
    """A cell of spec §3 with its provenance."""

    __tablename__ = "cells"
    __table_args__ = (Index("ix_cells_reading_key", "reading_id", "tbl", "row", "col"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reading_id: Mapped[int] = mapped_column(ForeignKey("readings.id", ondelete="CASCADE"))
    tbl: Mapped[str] = mapped_column(String(8))
    row: Mapped[str] = mapped_column(String(100))
    col: Mapped[str] = mapped_column(String(100))
    value: Mapped[Decimal] = mapped_column(Money)
    raw: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)
    line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    repaired: Mapped[bool] = mapped_column(Boolean, default=False)
    repair: Mapped[str] = mapped_column(Text, default="")
    uncertain: Mapped[bool] = mapped_column(Boolean, default=False)
    label: Mapped[str] = mapped_column(String(200), default="")


class ClaimRow(Base):
    """A narrative claim (spec §4)."""

    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reading_id: Mapped[int] = mapped_column(ForeignKey("readings.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[Decimal] = mapped_column(Money)
    unit: Mapped[str] = mapped_column(String(20), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)
    line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cell: Mapped[str | None] = mapped_column(String(220), nullable=True)  # "T01/收入总计/金额"
    direction: Mapped[str | None] = mapped_column(String(4), nullable=True)
    previous: Mapped[Decimal | None] = mapped_column(Money, nullable=True)


class FindingRow(Base):
    """A finding (spec §6). ``match_key`` (rule + the cells it is about) identifies the same
    finding across readings, so a review survives re-reading."""

    __tablename__ = "findings"
    __table_args__ = (Index("ix_findings_reading_severity", "reading_id", "severity"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reading_id: Mapped[int] = mapped_column(ForeignKey("readings.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(80), index=True)
    family: Mapped[str] = mapped_column(String(4))
    severity: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)
    match_key: Mapped[str] = mapped_column(String(64), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the full spec §6 dict
    extraction_uncertain: Mapped[bool] = mapped_column(Boolean, default=False)


class Review(Base):
    """A reviewer's decision on a finding of a document. Rows are never updated: the latest
    row for (document, match_key) is the current state, the others are its history."""

    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_doc_key", "document_id", "match_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    match_key: Mapped[str] = mapped_column(String(64))
    rule: Mapped[str] = mapped_column(String(80), index=True)
    state: Mapped[str] = mapped_column(String(12))  # "confirmed" | "dismissed"
    reviewer: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
