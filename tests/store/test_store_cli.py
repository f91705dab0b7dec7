"""`juesuan ingest`, `juesuan stats` and `juesuan check --previous`."""

from __future__ import annotations

import json
from decimal import Decimal

from typer.testing import CliRunner

from juesuan.cli.main import app
from juesuan.store import open_store
from store_engines import demo_departments, write_model

runner = CliRunner()
SAMPLE = "src/juesuan/examples/sample_disclosure.txt"


def test_ingest_twice_then_stats(tmp_path):
    db = tmp_path / "s.db"
    bad = tmp_path / "notice.txt"
    bad.write_text("会议通知\n", encoding="utf-8")
    r = runner.invoke(app, ["ingest", SAMPLE, str(bad), "--db", str(db)])
    assert r.exit_code == 2, r.output  # one file could not be read: stored with its reason, status 2
    assert "新增" in r.output and "无法读取" in r.output
    r = runner.invoke(app, ["ingest", SAMPLE, "--db", str(db), "--no-isolate"])
    assert r.exit_code == 0 and "已存在" in r.output
    store = open_store(str(db))
    assert store.count_documents() == 2
    store.close()
    r = runner.invoke(app, ["stats", "--db", str(db), "--format", "json"])
    assert r.exit_code == 0
    stats = json.loads(r.output)
    # The bundled sample is a writer's draft: its 【请填写】 prompts are one finding
    # (U-template-residue). Nothing has been reviewed yet.
    assert [s["rule"] for s in stats] == ["U-template-residue"]
    assert all(s["findings"] >= 1 and s["confirmed"] == 0 and s["dismissed"] == 0 for s in stats)


def test_stats_counts_reviews(tmp_path):
    db = tmp_path / "s.db"
    doc = demo_departments()[2].years[-1].disclosure.model_copy(deep=True)
    doc.tables["T01"].get("收入总计", "金额").value += Decimal(3)
    path = write_model(doc, tmp_path / "broken.json")
    assert runner.invoke(app, ["ingest", str(path), "--db", str(db), "--no-isolate"]).exit_code == 0
    store = open_store(str(db))
    f = store.findings(severity="error")[0]
    store.review(f.id, "dismissed", "赵六", "原件如此")
    store.close()
    rows = json.loads(runner.invoke(app, ["stats", "--db", str(db), "--format", "json"]).output)
    row = next(r for r in rows if r["rule"] == f.rule)
    assert row["dismissed"] == 1 and row["confirmed"] == 0 and row["confirmed_share"] == 0.0
    text = runner.invoke(app, ["stats", "--db", str(db)]).output
    assert f.rule in text and "0.00%" in text


def test_check_previous_adds_cross_year_findings(tmp_path):
    dept = demo_departments()[0]
    prev = write_model(dept.years[-2].disclosure, tmp_path / "2023.json")
    r = runner.invoke(app, ["check", SAMPLE, "--previous", str(prev), "--format", "json"])
    findings = json.loads(r.output)["findings"]
    # exit 1: the bundled sample is a draft (U-template-residue is its one error); the demo's
    # years chain, so no cross-year finding
    assert r.exit_code == 1 and [f["rule"] for f in findings] == ["U-template-residue"]
    restated = dept.years[-2].disclosure.model_copy(deep=True)
    restated.cell("T01", "年末结转和结余", "金额").value += Decimal("5")  # last year printed more
    prev = write_model(restated, tmp_path / "2023b.json")
    r = runner.invoke(app, ["check", SAMPLE, "--previous", str(prev), "--format", "json"])
    assert "Y-carryover" in [f["rule"] for f in json.loads(r.output)["findings"]]
    old = write_model(dept.years[0].disclosure, tmp_path / "2022.json")
    r = runner.invoke(app, ["check", SAMPLE, "--previous", str(old)])
    assert r.exit_code == 2 and "相邻两年" in r.output
    r = runner.invoke(app, ["check", SAMPLE, "--previous", str(tmp_path / "missing.pdf")])
    assert r.exit_code == 2 and "missing.pdf" in r.output


def test_bad_database_url_is_one_line(tmp_path):
    r = runner.invoke(app, ["stats", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert r.exit_code == 2 and "无法打开数据库" in r.output and "Traceback" not in r.output


def test_serve_answers_http(tmp_path):
    """`juesuan serve` on a free port: the API answers, then the server stops on SIGINT."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "serve.db"
    proc = subprocess.Popen([sys.executable, "-m", "juesuan.cli.main", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, JUESUAN_FILES=str(tmp_path / "files")))
    try:
        body = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/documents", timeout=2) as r:
                    body = json.loads(r.read())
                break
            except OSError:
                time.sleep(0.25)
        assert body == {"total": 0, "items": []}
    finally:
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in err
