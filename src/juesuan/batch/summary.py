"""The terminal side of a batch: a Rich progress bar with counts and an ETA, and the summary
printed at the end (documents by status, findings by family and severity, the slowest and
the failed files with their reasons)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console, Group
from rich.live import Live
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from juesuan.batch.outputs import SEVERITY_LABELS, DocRow, findings_by
from juesuan.batch.runner import FAILED_RUNS, RUN_LABELS, FileEntry

FAMILY_LABELS = {
    "C": "完整性", "A": "表内运算", "H": "科目层级", "X": "表间勾稽", "N": "情况说明", "K": "科目目录",
    "U": "单位与格式", "P": "绩效", "Y": "跨年比较", "R": "读取",
}


class BatchProgress:
    """Progress bar: done / total, failed, findings, elapsed and remaining time."""

    def __init__(self, console: Console, total: int, done_before: int):
        self.progress = Progress(
            TextColumn("[bold]批量检查"), BarColumn(), MofNCompleteColumn(),
            TextColumn("完成 {task.fields[ok]} · 失败 [red]{task.fields[failed]}[/red] · 发现 {task.fields[findings]}"),
            TextColumn("已用"), TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn(),
            console=console, transient=False,
        )
        self.task = self.progress.add_task("batch", total=total, completed=done_before, ok=done_before,
                                           failed=0, findings=0)
        self.ok, self.failed, self.findings = done_before, 0, 0
        self.pages = Progress(TextColumn("  {task.description}", markup=False),  # (a file name, as it is)
                              BarColumn(), TextColumn("第 {task.completed}/{task.total} 页"),
                              console=console, transient=True)
        self.reading: dict[str, Any] = {}  # file path → its pages bar while a worker reads it

    def page(self, job: Any, payload: tuple) -> None:
        """A worker has read page ``done`` of ``total`` of ``job`` (isolate.progress): one bar
        per file being read, gone when the file is done — a long scan shows its pages."""
        done, total = payload
        if job.path not in self.reading:
            self.reading[job.path] = self.pages.add_task(Path(job.path).name, total=total)
        self.pages.update(self.reading[job.path], completed=done, total=total)

    def __enter__(self) -> BatchProgress:
        self.live = Live(Group(self.progress, self.pages), console=self.progress.console, transient=False)
        self.live.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        for task in self.reading.values():
            self.pages.remove_task(task)
        self.reading.clear()
        self.live.stop()

    def advance(self, entry: FileEntry, result: Any) -> None:
        task = self.reading.pop(str(entry.path), None)
        if task is not None:
            self.pages.remove_task(task)
        if entry.run_status in FAILED_RUNS:
            self.failed += 1
        else:
            self.ok += 1
        if result is not None:
            self.findings += len(result.findings)
        self.progress.update(self.task, advance=1, ok=self.ok, failed=self.failed, findings=self.findings)


def print_summary(con: Console, entries: list[FileEntry], rows: list[DocRow], written: list[Path],
                  interrupted: bool) -> None:
    runs = Counter(e.run_status or "pending" for e in entries)
    t = Table(title="文件", title_justify="left")
    t.add_column("状态")
    t.add_column("文件数", justify="right")
    for key, n in sorted(runs.items(), key=lambda kv: -kv[1]):
        t.add_row(RUN_LABELS.get(key, "未处理"), str(n))
    reads = Counter(r.status for r in rows)
    t.add_row("—— 数据库中：已读取", str(reads.get("read", 0)))
    t.add_row("—— 数据库中：无法读取", str(reads.get("unreadable", 0)))
    if reads.get("pending"):
        t.add_row("—— 尚未处理", str(reads["pending"]))
    con.print(t)
    _findings_table(con, rows)
    slow = sorted((e for e in entries if e.seconds > 0), key=lambda e: -e.seconds)[:5]
    if slow:
        st = Table(title="最慢的文件", title_justify="left")
        st.add_column("文件")
        st.add_column("用时（秒）", justify="right")
        st.add_column("峰值内存（MB）", justify="right")
        for e in slow:
            st.add_row(Text(str(e.path)), f"{e.seconds:.2f}", f"{e.peak_mb:.0f}" if e.peak_mb else "")
        con.print(st)
    failed = [r for r in rows if r.status == "unreadable"]
    if failed:
        ft = Table(title="未能读取的文件", title_justify="left")
        ft.add_column("文件")
        ft.add_column("原因")
        for r in failed[:50]:
            ft.add_row(Text(r.file), Text(r.reason))  # (names and reasons as they are, never markup)
        if len(failed) > 50:
            ft.add_row(f"……另有 {len(failed) - 50} 个", "")
        con.print(ft)
    for p in written:
        con.print(f"已写出 {p}", markup=False)
    if interrupted:
        con.print("[yellow]已中断：已完成的结果都已保存，再次运行同一命令会继续处理其余文件。[/yellow]")


def _findings_table(con: Console, rows: list[DocRow]) -> None:
    fam = findings_by(rows, "family")
    if not fam:
        con.print("没有发现问题。")
        return
    sev = Counter((f.get("family", ""), f.get("severity", "")) for r in rows for f in r.findings)
    t = Table(title="发现（按类别和严重程度）", title_justify="left")
    t.add_column("类别")
    for s in ("error", "warning", "info"):
        t.add_column(SEVERITY_LABELS[s], justify="right")
    t.add_column("合计", justify="right")
    for family, n in sorted(fam.items()):
        label = f"{family} {FAMILY_LABELS.get(family, '')}".strip()
        t.add_row(label, *(str(sev.get((family, s), 0)) for s in ("error", "warning", "info")), str(n))
    con.print(t)
