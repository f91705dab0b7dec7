"""What a batch leaves behind: one row per document and all findings, built from the store
(so a resumed batch lists the documents an earlier run finished), written as an Excel
workbook (two sheets) and two CSV files (UTF-8 with BOM, Chinese headers, for Excel users).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from juesuan.batch.runner import FAILED_RUNS, RUN_LABELS, FileEntry
from juesuan.i18n import translate_reason
from juesuan.safeio import atomic_path, write_atomic

DOC_HEADER = ["文件", "部门", "年度", "读取状态", "原因", "错误", "警告", "提示", "本次处理", "用时（秒）"]
FINDING_HEADER = ["文件", "部门", "年度", "规则", "类别", "严重程度", "说明", "期望值", "实际值", "差额", "页", "行",
                  "提取存疑"]
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
READ_LABELS = {"read": "已读取", "unreadable": "无法读取", "pending": "未处理"}


@dataclass
class DocRow:
    file: str
    department: str
    year: int | None
    status: str  # read | unreadable (the store's reading status) | pending (not processed yet)
    reason: str
    summary: dict[str, int]
    run_status: str
    seconds: float
    findings: list[dict[str, Any]] = field(default_factory=list)

    def cells(self) -> list[Any]:
        return [self.file, self.department, self.year if self.year is not None else "",
                READ_LABELS.get(self.status, self.status), self.reason,
                self.summary.get("error", 0), self.summary.get("warning", 0), self.summary.get("info", 0),
                RUN_LABELS.get(self.run_status, self.run_status), round(self.seconds, 2)]


def rows_from_store(store: Any, entries: list[FileEntry]) -> list[DocRow]:
    rows = []
    for e in entries:
        view = store.document_by_hash(e.content_hash) if e.content_hash else None
        if view is None:  # not processed yet (an interrupted batch), or could not even be hashed
            status = "unreadable" if e.run_status in FAILED_RUNS else "pending"
            rows.append(DocRow(str(e.path), "", None, status, translate_reason(e.reason), {}, e.run_status,
                               e.seconds))
            continue
        findings = [f.finding for f in store.findings(document_id=view.id)] if view.status == "read" else []
        # reasons are stored as the pipeline wrote them (English); a reviewer reads them translated
        rows.append(DocRow(str(e.path), view.department or "", view.year, view.status or "unreadable",
                           translate_reason(view.error or ""), dict(view.summary or {}), e.run_status,
                           e.seconds, findings))
    return rows


def finding_cells(row: DocRow, f: dict[str, Any]) -> list[Any]:
    loc = f.get("location") or {}
    return [row.file, row.department, row.year if row.year is not None else "", f.get("rule", ""),
            f.get("family", ""), SEVERITY_LABELS.get(f.get("severity", ""), f.get("severity", "")),
            f.get("message", ""), f.get("expected") or "", f.get("actual") or "", f.get("difference") or "",
            loc.get("page") or "", loc.get("line") or "", "是" if f.get("extraction_uncertain") else "否"]


def findings_by(rows: list[DocRow], key: str) -> Counter:
    return Counter(f.get(key, "") for r in rows for f in r.findings)


def _safe(v: Any) -> Any:
    """Text that a spreadsheet would run as a formula is written as text (a leading ')."""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


def write_workbook(rows: list[DocRow], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, lines in (
        ("文件", DOC_HEADER, (r.cells() for r in rows)),
        ("发现", FINDING_HEADER, (finding_cells(r, f) for r in rows for f in r.findings)),
    ):
        ws = wb.create_sheet(title)
        ws.freeze_panes = "A2"
        from openpyxl.cell import WriteOnlyCell

        head = []
        for h in header:
            c = WriteOnlyCell(ws, value=h)
            c.font = bold
            head.append(c)
        ws.append(head)
        for line in lines:
            ws.append([_safe(v) for v in line])
    with atomic_path(path) as tmp:  # never through a symlink, never half-written
        wb.save(tmp)


def csv_text(header: list[str], lines: Any) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for line in lines:
        w.writerow([_safe(v) for v in line])
    return buf.getvalue()


def write_outputs(rows: list[DocRow], out_dir: Path) -> list[Path]:
    """批量结果.xlsx, 文件.csv and 发现.csv in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    book = out_dir / "批量结果.xlsx"
    write_workbook(rows, book)
    docs = out_dir / "文件.csv"
    write_atomic(docs, csv_text(DOC_HEADER, (r.cells() for r in rows)), encoding="utf-8-sig")
    finds = out_dir / "发现.csv"
    write_atomic(finds, csv_text(FINDING_HEADER, (finding_cells(r, f) for r in rows for f in r.findings)),
                 encoding="utf-8-sig")
    return [book, docs, finds]
