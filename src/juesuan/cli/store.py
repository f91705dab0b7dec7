"""Commands of the results store: ``ingest``, ``serve``, ``stats``."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from enum import Enum
from typing import TYPE_CHECKING

import typer

from juesuan.cli.app import app, fail
from juesuan.i18n import t

if TYPE_CHECKING:
    from juesuan.store.store import Store

DB_HELP = t("store.db")


def open_or_exit(db: str | None) -> Store:
    from sqlalchemy.exc import SQLAlchemyError

    from juesuan.store import open_store, resolve_url

    try:
        return open_store(db)
    except (SQLAlchemyError, OSError) as e:
        first = " ".join(str(e).split())[:200]
        raise fail(f"无法打开数据库 {resolve_url(db) if db else '（默认）'}：{first}") from None


@app.command(help=t("ingest.help"))
def ingest(
    files: list[str] = typer.Argument(..., help=t("ingest.files"), show_default=False),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    source_url: str | None = typer.Option(None, "--source-url", help=t("ingest.source_url")),
    isolate: bool = typer.Option(True, "--isolate/--no-isolate", help=t("ingest.isolate")),
) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from juesuan.batch.runner import collect
    from juesuan.store.reading import IsolatedReader, read_and_audit

    paths, missing = collect(files)
    for m in missing:
        typer.echo(f"juesuan: {m}：没有找到文件", err=True)
    if not paths:
        raise fail("没有可入库的文件")
    store = open_or_exit(db)
    console = Console(stderr=True)
    table = Table("文件", "结果", "部门", "年度", "错误", "提示", "说明", title=f"入库：{store.url}")
    failed = 0
    with (IsolatedReader() if isolate else nullcontext(read_and_audit)) as read, \
            Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                     console=console, transient=True) as progress:
        task = progress.add_task("入库", total=len(paths))
        for p in paths:
            progress.update(task, description=p.name[:40])
            try:
                o = store.ingest(p, source_url=source_url if len(paths) == 1 else None, reader=read)
            except OSError as e:
                failed += 1
                table.add_row(str(p), "[red]无法打开", "", "", "", "", e.strerror or str(e))
            else:
                failed += o.status == "unreadable"
                table.add_row(str(p), o.label if o.status == "read" else f"[red]{o.label}", o.department or "",
                              str(o.year or ""), str(o.summary.get("error", "")), str(o.summary.get("warning", "")),
                              o.error or "")
            progress.advance(task)
    Console().print(table)
    store.close()
    raise typer.Exit(2 if failed or missing else 0)


@app.command(help=t("serve.help"))
def serve(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help=t("serve.host")),
    port: int = typer.Option(8000, "--port", help=t("serve.port")),
    max_upload_mb: float | None = typer.Option(None, "--max-upload-mb",
                                               help=t("serve.max_upload_mb")),
) -> None:
    import uvicorn

    from juesuan.api import create_app

    store = open_or_exit(db)
    application = create_app(store, max_upload_mb=max_upload_mb)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    typer.echo(f"juesuan 网页：http://{shown}:{port}/   接口文档：http://{shown}:{port}/api/docs   数据库：{store.url}",
               err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")


class StatsFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


@app.command(help=t("stats.help"))
def stats(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    format: StatsFormat = typer.Option(StatsFormat.text, "--format", "-f", help="text | json | csv"),
) -> None:
    store = open_or_exit(db)
    rows = store.stats()
    store.close()
    if format is StatsFormat.json:
        sys.stdout.write(json.dumps([r.model_dump() | {"confirmed_share": r.confirmed_share} for r in rows],
                                    ensure_ascii=False, indent=2) + "\n")
        return
    if format is StatsFormat.csv:
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["rule", "findings", "confirmed", "dismissed", "unreviewed", "confirmed_share"])
        for r in rows:
            share = r.confirmed_share
            w.writerow([r.rule, r.findings, r.confirmed, r.dismissed, r.unreviewed,
                        "" if share is None else f"{share * 100:.2f}%"])
        return
    from rich.console import Console
    from rich.table import Table

    if not rows:
        typer.echo("数据库中还没有问题（先用 juesuan ingest 入库）")
        return
    t = Table("规则", "问题数", "确认", "驳回", "未审核", "确认率", title="各规则审核统计（确认率 = 确认 ÷ 已审核）")
    for r in rows:
        share = r.confirmed_share
        t.add_row(r.rule, str(r.findings), str(r.confirmed), str(r.dismissed), str(r.unreviewed),
                  "—" if share is None else f"{share * 100:.2f}%")
    Console().print(t)
