import pytest

from juesuan import codecache


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A fresh cache directory for this test; what the process had loaded is forgotten."""
    monkeypatch.setenv(codecache.ENV, str(tmp_path))
    codecache.forget_all()
    yield tmp_path
    codecache.forget_all()
