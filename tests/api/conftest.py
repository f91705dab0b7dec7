from __future__ import annotations

import pytest


@pytest.fixture
def client(store):
    from fastapi.testclient import TestClient

    from juesuan.api import create_app

    # isolate=False: the bounded worker is tested by the batch suite; here the HTTP surface
    app = create_app(store, max_upload_mb=1, web=False, isolate=False)
    with TestClient(app) as c:
        yield c
