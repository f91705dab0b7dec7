"""PostgreSQL that cannot start must fail the PostgreSQL tests, never skip them silently."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGET = "tests/store/test_store.py::test_has_result[postgresql]"


def _run(env_update: dict[str, str | None]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    for k, v in env_update.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", TARGET, "-rfs"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_unavailable_postgres_fails_with_the_reason():
    r = _run({"JUESUAN_TEST_PG_URL": "unavailable: initdb failed"})
    assert r.returncode == 1 and "initdb failed" in r.stdout


def test_missing_variable_fails_in_ci_and_skips_locally():
    ci = _run({"JUESUAN_TEST_PG_URL": None, "CI": "1"})
    assert ci.returncode == 1 and "not set in CI" in ci.stdout
    local = _run({"JUESUAN_TEST_PG_URL": None, "CI": None})
    assert local.returncode == 0 and "SKIPPED" in local.stdout
