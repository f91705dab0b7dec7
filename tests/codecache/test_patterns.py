"""The compiled-pattern cache (juesuan.codecache.patterns): a pattern rebuilt from the cache is
the pattern ``re.compile`` makes."""

from __future__ import annotations

import importlib
import marshal
import pkgutil
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import juesuan
from juesuan import codecache, lazy
from juesuan.codecache import patterns

# The kinds of pattern the package holds: CJK ranges (the dear ones), named groups, look-
# arounds, flags, verbose patterns, bytes, lone surrogates (read.pdfium_page), Latin-1 only.
SAMPLES: list[tuple[str | bytes, int]] = [
    (r"(?<=[\u4e00-\u9fff(（)）])(?P<d>\s+)(?=[\u4e00-\u9fff(（)）])", 0),
    (r"^[\s\-*•·#>]*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.．])", 0),
    (r"(?P<neg>未|不|没有|无)?(?:(?P<up>增加|增长)|(?P<down>减少|下降))", 0),
    (r"^(sheet|工作表|表)\s*\d*$", re.I),
    (r"""
        (?P<code>\d{3,7})   # a code
        \s* (?P<name>\S+)   # its name
     """, re.X),
    (rb"<c r=\"([A-Z]{1,3})(\d{1,7})\"", 0),
    ("[\ud800-\udfff]", 0),
    (r"\d\.\d{2}(?!\d)|\d,\d{3}", 0),
    (r"[0-9A-Za-z.,%≥≤=<>+\-]+|.", re.S),
]
TEXTS = ["收入 合计 （类） 一、 第一部分 增加", "Sheet1", "code 2010301 行政运行", "1,234.56 元", "\ud800x",
         "未增加，减少", "a 中 文 b", ""]


def _kept(d) -> dict:
    return patterns.FILE.read(d / f"patterns-{sys.implementation.cache_tag}.bin")


def _reloaded(d, regex, flags):
    """The pattern compiled once (recorded, written), then rebuilt from the file by a process
    that has loaded nothing yet."""
    patterns.compile(regex, flags)
    codecache.flush_all()
    codecache.forget_all()
    assert (regex, flags) in _kept(d)
    return patterns.compile(regex, flags)


def _same(a: re.Pattern, b: re.Pattern, texts) -> None:
    assert a == b  # pattern, flags and compiled code (sre compares the code word by word)
    assert (a.groups, a.groupindex, a.flags) == (b.groups, b.groupindex, b.flags)
    for t in texts:
        t = t.encode("utf-8", "surrogatepass") if isinstance(a.pattern, bytes) else t
        assert [m.span() for m in a.finditer(t)] == [m.span() for m in b.finditer(t)]


@pytest.mark.parametrize(("regex", "flags"), SAMPLES)
def test_pattern_from_the_cache_is_re_compiles(cache_dir, regex, flags):
    _same(_reloaded(cache_dir, regex, flags), re.compile(regex, flags), TEXTS)


def _package_patterns() -> list[tuple[str | bytes, int]]:
    """Every pattern the package's modules hold through ``lazy.pattern``, in module globals or
    in the tables (tuples, lists, dicts) they keep at module level."""
    found: dict[tuple[str | bytes, int], None] = {}

    def visit(v, depth=0):
        if isinstance(v, lazy._LazyPattern):
            found[v._args] = None
        elif depth < 3 and isinstance(v, (tuple, list)):
            for x in v:
                visit(x, depth + 1)
        elif depth < 3 and isinstance(v, dict):
            for x in v.values():
                visit(x, depth + 1)

    skip = ("juesuan.web", "juesuan.api", "juesuan.store.migrations", "juesuan.__main__")
    for info in pkgutil.walk_packages(juesuan.__path__, "juesuan."):
        if info.name.startswith(skip):
            continue
        try:
            mod = importlib.import_module(info.name)
        except ImportError:  # an optional extra (OCR, cluster) not installed here
            continue
        for v in vars(mod).values():
            visit(v)
    return list(found)


def test_every_pattern_of_the_package_survives_the_cache(cache_dir):
    """All the package's patterns, written to the cache by one process and rebuilt by the next,
    equal what re.compile makes of them."""
    held = _package_patterns()
    assert len(held) > 250  # the readers', the stages' and the rules' (a walk that found them)
    for regex, flags in held:
        patterns.compile(regex, flags)
    codecache.flush_all()
    codecache.forget_all()
    assert len(_kept(cache_dir)) == len(held)
    for regex, flags in held:
        assert patterns.compile(regex, flags) == re.compile(regex, flags), regex


# Regular expressions over a small alphabet of the constructs the package uses.
_ATOMS = st.sampled_from(["中", "[\u4e00-\u9fff]", "[（(]", "\\d", "\\s", "[一二三]", ".", "元", "[^，。]",
                          "(?P<n>万)", "\\b", "x", "[a-z]"])
_REGEX = st.recursive(_ATOMS, lambda inner: st.one_of(
    st.tuples(inner, inner).map("".join),
    st.tuples(inner, inner).map(lambda p: f"(?:{p[0]}|{p[1]})"),
    st.tuples(inner, st.sampled_from(["*", "+", "?", "{1,3}", "*?"])).map(lambda p: f"(?:{p[0]}){p[1]}"),
    inner.map(lambda p: f"(?<=[（(]){p}"),
), max_leaves=6)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(regex=_REGEX, flags=st.sampled_from([0, re.I, re.S, re.M]), text=st.text("中元万（(一二三 x.1", max_size=12))
def test_any_pattern_from_the_cache_matches_as_compiled(cache_dir, regex, flags, text):
    try:
        want = re.compile(regex, flags)
    except re.error:  # e.g. a repeated group name: not a pattern at all
        return
    _same(_reloaded(cache_dir, regex, flags), want, [text])


def test_a_corrupt_or_foreign_file_is_a_miss(cache_dir):
    f = cache_dir / f"patterns-{sys.implementation.cache_tag}.bin"
    for junk in (b"", b"\x00garbage", marshal.dumps([1, 2]), marshal.dumps((("other", 1), {}))):
        f.write_bytes(junk)
        codecache.forget_all()
        assert patterns.compile("[（(]类[)）]") == re.compile("[（(]类[)）]")
    # a record for this key that sre refuses is compiled afresh
    f.write_bytes(marshal.dumps((patterns.FILE.header, {("[（(]", 0): (0, b"\x01\x02\x03\x04", 0, {}, ())})))
    codecache.forget_all()
    assert patterns.compile("[（(]") == re.compile("[（(]")


def test_debug_compiles_are_not_cached(cache_dir, capsys):
    patterns.compile("[中]", re.DEBUG)
    codecache.flush_all()
    assert not list(cache_dir.iterdir())


def _compile_in_worker(regex: str) -> bool:
    from juesuan.codecache import patterns as p

    p.compile(regex)
    return bool(p.FILE.new)


def test_a_reading_workers_patterns_are_kept(cache_dir, monkeypatch):
    """A forked worker ends without atexit; it writes what it compiled when it ends."""
    from juesuan.batch import isolate
    from juesuan.batch.isolate import run_one

    # A plain fork: a forkserver started earlier in this test run keeps the cache directory
    # of its own start (the run's), not this test's.
    forked = isolate._context
    monkeypatch.setattr(isolate, "_context", lambda kind=None: forked("fork"))
    monkeypatch.setenv("JUESUAN_ISOLATE", "1")
    assert run_one(_compile_in_worker, "[\u4e00-\u9fff]{2}工作") is True
    assert ("[\u4e00-\u9fff]{2}工作", 0) in _kept(cache_dir)


def test_a_lazy_pattern_compiles_through_the_cache(cache_dir):
    p = lazy.pattern(r"(?P<n>[一二三])、")
    assert p.match("二、").group("n") == "二"
    codecache.flush_all()
    assert (r"(?P<n>[一二三])、", 0) in _kept(cache_dir)


def test_nowhere_to_keep_them_costs_no_recording(tmp_path, monkeypatch):
    """A cache directory that cannot be made (a read-only home, a file in the way): patterns
    are compiled as re.compile does and nothing is recorded, run after run."""
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    monkeypatch.setenv(codecache.ENV, str(blocked / "cache"))
    codecache.forget_all()
    try:
        assert patterns.compile("[（(]续[)）]") == re.compile("[（(]续[)）]")
        assert not patterns.FILE.writable() and not patterns.FILE.new
    finally:
        codecache.forget_all()
