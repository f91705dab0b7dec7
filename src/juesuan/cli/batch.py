"""`juesuan batch PATH…`: check many disclosures, each in a bounded worker, into the store."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from juesuan.cli.app import app, fail
from juesuan.i18n import t


@app.command(help=t("batch.help"))
def batch(
    paths: list[str] = typer.Argument(..., help=t("batch.paths")),
    db: str | None = typer.Option(None, "--db", help=t("batch.db")),
    workers: int = typer.Option(0, "--workers", "-w", help=t("batch.workers")),
    out: Path | None = typer.Option(None, "--out", "-o", help=t("batch.out")),
    dask: str | None = typer.Option(None, "--dask", help=t("batch.dask")),
    limit: list[str] = typer.Option([], "--limit", help=t("batch.limit")),
) -> None:
    from rich.console import Console
    from rich.markup import escape

    from juesuan.batch.runner import Saver, collect, execute, plan, run_local
    from juesuan.batch.summary import BatchProgress, print_summary
    from juesuan.cores import usable
    from juesuan.limits import current

    lim = current()
    for item in limit:
        name, _, value = item.partition("=")
        try:
            lim = lim.with_value(name.strip(), value.strip())
        except ValueError as e:
            raise fail(str(e))
    files, missing = collect(paths)
    err = Console(stderr=True)
    for m in missing:
        err.print(f"[yellow]juesuan: {escape(m)}: 没有匹配的文件[/yellow]")  # (a glob's [ab] is not markup)
    if not files:
        raise fail("没有找到要检查的文件")
    store = _open(db)
    entries, jobs = plan(files, store, html=out is not None)
    address = dask or os.environ.get("DASK_SCHEDULER_ADDRESS")
    n = workers or usable()  # (a container's CPU quota counts: juesuan.cores)
    progress = BatchProgress(err, total=len(entries), done_before=len(entries) - len(jobs))
    interrupted = False
    saver = Saver(store)  # results saved in groups (one transaction per group), all by the end
    with progress:
        if address:
            from juesuan.batch.cluster import ClusterError, connect, run_dask

            try:
                outcomes = run_dask(connect(address), jobs, lim)
            except ClusterError as e:
                raise fail(str(e))
        else:
            outcomes = run_local(jobs, n, lim, progress.page, saver.tick)
        try:
            execute(store, entries, jobs, outcomes, out, progress.advance, saver)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            outcomes.close()  # stops (kills) the workers at once
    from juesuan.batch.outputs import rows_from_store, write_outputs

    rows = rows_from_store(store, entries)
    try:
        written = write_outputs(rows, out) if out is not None else []
    except OSError as e:  # a symlink or a device where an output goes, a full disk
        raise fail(f"无法写入 {getattr(e, 'path', None) or e.filename or out}：{e.strerror or e}") from None
    print_summary(Console(), entries, rows, written, interrupted)
    if interrupted:
        raise typer.Exit(130)


def _open(db: str | None):
    from juesuan.store import open_store

    try:
        return open_store(db)
    except Exception as e:  # a bad URL, an unreachable server, a read-only file
        raise fail(f"无法打开数据库 {db or ''}（{type(e).__name__}: {' '.join(str(e).split())[:200]}）")
