"""A cache file (juesuan.codecache.cachefile): kept per interpreter, merged, capped, written
atomically, and no state of it can turn into an error."""

from __future__ import annotations

import marshal
import sys

import pytest

from juesuan import codecache
from juesuan.codecache.cachefile import CacheFile


@pytest.fixture
def kind(cache_dir):
    f = CacheFile("testkind", ("v1",), max_records=5)
    yield f
    codecache.cachefile._files.remove(f)


def _path(d):
    return d / f"testkind-{sys.implementation.cache_tag}.bin"


def test_records_survive_to_the_next_process(cache_dir, kind):
    kind.get("a")
    kind.remember("a", (1, b"x"))
    codecache.flush_all()
    kind.forget()  # another process: loads the file afresh
    assert kind.get("a") == (1, b"x")
    assert kind.path == _path(cache_dir)


def test_a_corrupt_or_foreign_file_is_a_miss(cache_dir, kind):
    for junk in (b"", b"\x00garbage", marshal.dumps([1, 2]), marshal.dumps((("other", 1), {"a": 1})),
                 marshal.dumps((kind.header[:-1] + ("v0",), {"a": 1}))):  # an older format
        _path(cache_dir).write_bytes(junk)
        kind.forget()
        assert kind.get("a") is None


def test_a_directory_that_cannot_be_written_costs_nothing(tmp_path, monkeypatch, kind):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    monkeypatch.setenv(codecache.ENV, str(blocked / "cache"))  # a directory under a file
    kind.forget()
    assert kind.get("a") is None
    kind.remember("a", 1)
    kind.flush()  # does not raise
    assert blocked.read_text() == "x"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("off", ["", "off", "OFF", "0"])
def test_turned_off_is_none(monkeypatch, off):
    monkeypatch.setenv(codecache.ENV, off)
    assert codecache.directory() is None


def test_flush_merges_what_other_processes_wrote(cache_dir, kind):
    kind.remember("a", 1)
    kind.flush()
    kind.forget()
    kind.get("x")  # another process, which loaded the file ...
    other = CacheFile("testkind", ("v1",), max_records=5)  # ... while a third one wrote more
    other.get("x")
    other.remember("b", 2)
    other.flush()
    codecache.cachefile._files.remove(other)
    kind.remember("c", 3)
    kind.flush()
    assert kind.read(_path(cache_dir)) == {"a": 1, "b": 2, "c": 3}


def test_the_file_is_capped(cache_dir, kind):
    kind.get("x")
    for i in range(4):
        kind.remember(i, i)
    kind.flush()
    for i in range(4, 8):
        kind.remember(i, i)
    kind.flush()  # 4 + 4 > 5: only the newest are kept, rather than grow without end
    assert sorted(kind.read(_path(cache_dir))) == [4, 5, 6, 7]


def test_the_default_directory_is_platformdirs_user_cache_dir(monkeypatch, tmp_path):
    platformdirs = pytest.importorskip("platformdirs")
    monkeypatch.delenv(codecache.ENV)
    for xdg in (None, str(tmp_path / "xdg")):
        if xdg is None:
            monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        assert str(codecache.directory()) == platformdirs.user_cache_dir("juesuan", appauthor=False)


def test_a_commands_caches_do_not_depend_on_the_hash_seed(tmp_path):
    """What a command keeps is the same text every run: a key that changed with the hash seed
    (a pattern joined from a set, as tokenize's) would add an entry to the file on every run."""
    import os
    import subprocess

    from tests_support import seed_file

    kept = []
    for seed in ("1", "2"):
        d = tmp_path / seed
        env = dict(os.environ, JUESUAN_CACHE_DIR=str(d), PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "juesuan", "check", str(seed_file("001"))], env=env,
                       capture_output=True, check=False)
        kept.append({f.name: set(marshal.loads(f.read_bytes())[1]) for f in d.iterdir()})
    assert set(kept[0]) == {f"{k}-{sys.implementation.cache_tag}.bin" for k in ("patterns", "generated")}
    assert kept[0] == kept[1]


@pytest.mark.parametrize("mode", [0o664, 0o646, 0o666])
def test_a_file_others_can_write_is_not_read(cache_dir, kind, mode):
    """The generated-code cache holds code that is run: a file anyone but its owner can write
    is a miss (and is replaced, with mode 0600, at the next flush)."""
    kind.get("x")
    kind.remember("a", 1)
    kind.flush()
    path = _path(cache_dir)
    assert path.stat().st_mode & 0o777 == 0o600
    kind.forget()
    assert kind.get("a") == 1
    path.chmod(mode)
    kind.forget()
    assert kind.get("a") is None


def test_a_file_of_another_user_is_not_read(cache_dir, kind, monkeypatch):
    import os

    kind.get("x")
    kind.remember("a", 1)
    kind.flush()
    kind.forget()
    monkeypatch.setattr(os, "getuid", lambda: os.stat(_path(cache_dir)).st_uid + 1)
    assert kind.get("a") is None


def test_no_home_directory_turns_the_cache_off(monkeypatch, kind):
    """A process without a home directory to be found (HOME unset, no passwd entry) runs
    without the cache, never fails for it."""
    from pathlib import Path

    monkeypatch.delenv(codecache.ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    kind.forget()
    assert kind.get("a") is None and kind.path is None
    kind.remember("a", 1)
    kind.flush()
