from __future__ import annotations

import pytest

from store_engines import ENGINES, store_url


@pytest.fixture(params=ENGINES)
def db_url(request, tmp_path):
    yield from store_url(request.param, tmp_path)


@pytest.fixture
def store(db_url):
    from juesuan.store import open_store

    s = open_store(db_url)
    yield s
    s.close()


@pytest.fixture
def client(store):
    from fastapi.testclient import TestClient

    from juesuan.api import create_app

    # isolate=False: the bounded worker is tested by the batch suite; here the HTTP surface
    app = create_app(store, max_upload_mb=1, web=False, isolate=False)
    with TestClient(app) as c:
        yield c
