"""`juesuan batch`: folders and globs, failures recorded with reasons, results in the store,
outputs from the store, and resume after a hard kill."""

from __future__ import annotations

import csv
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from batch.synth_docs import synthetic_texts
from juesuan.cli.main import app
from juesuan.store import open_store

runner = CliRunner()


def _doc_rows(out: Path) -> list[dict]:
    with (out / "文件.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _readings(db: Path) -> int:
    """Rows saved so far, read without opening a Store (which would migrate concurrently)."""
    import sqlite3

    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as con:
            return con.execute("select count(*) from readings").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_batch_folder_store_and_outputs(corpus, tmp_path):
    db, out = tmp_path / "r.db", tmp_path / "out"
    r = runner.invoke(app, ["batch", str(corpus), "--db", str(db), "--out", str(out), "--workers", "2"])
    assert r.exit_code == 0, r.output
    rows = _doc_rows(out)
    assert len(rows) == 8  # the hidden file is not collected
    by_file = {Path(x["文件"]).name: x for x in rows}
    assert by_file["broken.pdf"]["读取状态"] == "无法读取"
    assert re.search("[\u4e00-\u9fff]", by_file["broken.pdf"]["原因"])  # the reason in Chinese
    assert by_file["notes.txt"]["读取状态"] == "无法读取"
    read = [x for x in rows if x["读取状态"] == "已读取"]
    assert len(read) == 6 and all(x["部门"] and x["年度"] for x in read)
    # the store holds every document, the failures with their reasons
    store = open_store(str(db))
    assert store.count_documents() == 8
    # each read document's reading keeps what was checked (a stored report shows coverage)
    read_docs = store.documents(status="read", limit=100)
    assert len(read_docs) == 6
    for d in read_docs:
        assert {c.status for c in store.coverage(d.id)} >= {"passed"}
    # the workbook: one row per document, and all findings
    wb = openpyxl.load_workbook(out / "批量结果.xlsx")
    assert wb["文件"].max_row == 9
    n_findings = sum(int(x["错误"]) + int(x["警告"]) + int(x["提示"]) for x in rows)
    assert wb["发现"].max_row - 1 == n_findings
    assert len(list((out / "reports").glob("*.html"))) == 6
    assert (out / "发现.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "文件" in r.output and "未能读取的文件" in r.output


def test_glob_and_missing_argument(corpus, tmp_path):
    db = tmp_path / "g.db"
    r = runner.invoke(app, ["batch", str(corpus / "**" / "dept0*.txt"), str(tmp_path / "nothing-*.pdf"), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert open_store(str(db)).count_documents() == 6
    r = runner.invoke(app, ["batch", str(tmp_path / "nothing-*.pdf"), "--db", str(db)])
    assert r.exit_code == 2


def test_resume_after_kill(tmp_path):
    docs = tmp_path / "docs"
    # 60 documents (12 written, the rest copies with new bytes: a trailing newline each), so
    # the batch commits a group (every second or 32 documents) well before it ends
    n = 60
    paths = synthetic_texts(docs, 12)
    for k in range(n - len(paths)):
        (docs / f"copy{k:02d}.txt").write_bytes(paths[k % len(paths)].read_bytes() + b"\n" * (k + 1))
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "juesuan", "batch", str(docs), "--db", str(db), "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        done = 0
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            done = _readings(db)
            if done >= 2:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the batch finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    before = open_store(str(db)).count_documents()
    assert 2 <= before < n
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(docs), "--db", str(db), "--out", str(out), "--workers", "2"])
    assert r.exit_code == 0, r.output
    rows = _doc_rows(out)
    runs = [x["本次处理"] for x in rows]
    assert runs.count("已跳过（先前已完成）") == before
    assert runs.count("已完成") == n - before
    store = open_store(str(db))
    assert store.count_documents() == n
    assert all(len(store.document(d.id).readings) == 1 for d in store.documents(limit=100))


def test_batch_outputs_never_follow_a_symlink(tmp_path):
    """A link planted in the output folder (文件.csv → a file elsewhere, a report's name →
    elsewhere) is not written through: the reports take another name, the summary files
    are refused with one line and exit 2, and the link targets stay as they were."""
    docs = tmp_path / "docs"
    stem = synthetic_texts(docs, 1)[0].stem
    out, victim, victim2 = tmp_path / "out", tmp_path / "victim.txt", tmp_path / "victim2.txt"
    (out / "reports").mkdir(parents=True)
    victim.write_text("keep", encoding="utf-8")
    victim2.write_text("keep", encoding="utf-8")
    (out / "reports" / f"{stem}.html").symlink_to(victim2)
    (out / "文件.csv").symlink_to(victim)
    r = runner.invoke(app, ["batch", str(docs), "--db", str(tmp_path / "r.db"), "--out", str(out), "--workers", "1"])
    assert r.exit_code == 2 and "文件.csv" in r.output and "Traceback" not in r.output
    assert victim.read_text(encoding="utf-8") == "keep" and victim2.read_text(encoding="utf-8") == "keep"
    assert (out / "reports" / f"{stem}-2.html").read_text(encoding="utf-8").startswith("<!")


def test_unprocessed_files_are_pending_not_unreadable(tmp_path):
    """An interrupted batch's summary: files it never reached are 未处理, never counted or
    listed as unreadable; a failed file's reason is shown in Chinese."""
    from rich.console import Console

    from juesuan.batch.outputs import rows_from_store
    from juesuan.batch.runner import FileEntry
    from juesuan.batch.summary import print_summary

    store = open_store(str(tmp_path / "r.db"))
    entries = [FileEntry(Path("a.pdf")),
               FileEntry(Path("b.pdf"), run_status="unreadable", reason="empty file")]
    rows = rows_from_store(store, entries)
    assert [(r.status, r.reason) for r in rows] == [("pending", ""), ("unreadable", "文件是空的")]
    con = Console(record=True, width=200)
    print_summary(con, entries, rows, [], interrupted=True)
    text = con.export_text()
    assert "尚未处理" in text and "b.pdf" in text and "a.pdf" not in text
    store.close()


def test_names_that_look_like_markup_are_printed_as_they_are(tmp_path):
    """File names, reasons and globs are shown as given: ``[/x]`` is no closing tag to Rich
    (it was an internal error) and ``[final]`` no style (it vanished)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "报告[final].txt").write_text("这不是决算公开文件[/x]", encoding="utf-8")
    (folder / "资料[").mkdir()  # a path that reads "资料[/x]附件.txt"
    (folder / "资料[" / "x]附件.txt").write_text("也不是", encoding="utf-8")
    r = runner.invoke(app, ["batch", str(folder), str(folder / "[ab]*.pdf"), "--db", str(tmp_path / "r.db"),
                            "--out", str(tmp_path / "out")], env={"COLUMNS": "400"})
    assert r.exit_code == 0, r.output
    assert "报告[final].txt" in r.output and "资料[/x]附件.txt" in r.output
    assert "[ab]*.pdf: 没有匹配的文件" in r.output
