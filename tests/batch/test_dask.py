"""The same batch on a Dask cluster (LocalCluster, two worker processes) gives the same
results in the store as the local process pool."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from juesuan.cli.main import app
from juesuan.store import open_store

distributed = pytest.importorskip("distributed")
runner = CliRunner()


def _results(db) -> dict[str, tuple]:
    store = open_store(str(db))
    out = {}
    for d in store.documents(limit=1000):
        findings = sorted((f.rule, f.message) for f in store.findings(document_id=d.id))
        out[d.content_hash] = (d.status, d.error, d.department, d.year, tuple(findings))
    return out


def test_dask_cluster_matches_local_pool(corpus, tmp_path):
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    r = runner.invoke(app, ["batch", str(corpus), "--db", str(local_db), "--workers", "2"])
    assert r.exit_code == 0, r.output
    with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        r = runner.invoke(app, ["batch", str(corpus), "--db", str(dask_db), "--dask", cluster.scheduler_address])
    assert r.exit_code == 0, r.output
    local, remote = _results(local_db), _results(dask_db)
    assert len(local) == 8 and local == remote


def test_unreachable_scheduler_is_one_line(corpus, tmp_path):
    r = runner.invoke(app, ["batch", str(corpus / "a"), "--db", str(tmp_path / "x.db"), "--dask", "tcp://127.0.0.1:9"])
    assert r.exit_code == 2 and "Dask" in r.output
