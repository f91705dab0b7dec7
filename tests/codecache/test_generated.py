"""The code dataclasses and typing generate (juesuan.codecache.generated): from the cache it is
the code the builtins compile, and the classes behave the same."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import typing
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juesuan import codecache
from juesuan.codecache import generated
from tests_support import seed_file


@pytest.fixture
def installed(cache_dir):
    generated.install()
    yield cache_dir
    generated.uninstall()


def _kept(d) -> dict:
    return generated.FILE.read(d / f"generated-{sys.implementation.cache_tag}.bin")


def _methods(cls) -> dict[str, object]:
    return {k: v.__code__ for k, v in vars(cls).items() if hasattr(v, "__code__")}


def _make(options: dict, names: tuple[str, ...]):
    @dataclass(**options)
    class Row:
        __annotations__ = {n: "int" for n in names}  # noqa: RUF012 - a dataclass's fields
        locals().update({n: i for i, n in enumerate(names) if i >= len(names) // 2})  # trailing defaults
    return Row


def _cached_twice(options, names, cache_dir):
    """The class made once through the cache (compiled, written), then again by a process
    that has loaded nothing but the file."""
    _make(options, names)
    codecache.flush_all()
    codecache.forget_all()
    assert _kept(cache_dir)
    return _make(options, names)


_OPTIONS = st.fixed_dictionaries({}, optional={
    "frozen": st.booleans(), "order": st.booleans(), "eq": st.booleans(), "slots": st.booleans(),
    "kw_only": st.booleans(), "repr": st.booleans(), "unsafe_hash": st.booleans()})
_NAMES = st.lists(st.sampled_from(["a", "b", "c", "amount", "table_id", "x1"]), min_size=0, max_size=4,
                  unique=True).map(lambda n: tuple(sorted(n, key=lambda x: "abcdefghijklmnopqrstuvwxyz".index(x[0]))))


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(options=_OPTIONS, names=_NAMES)
def test_a_dataclass_from_the_cache_is_the_one_compiled(installed, options, names):
    if options.get("order") and not options.get("eq", True):
        return  # not a dataclass at all (ValueError), with or without the cache
    cached = _cached_twice(options, names, installed)
    generated.uninstall()
    plain = _make(options, names)
    generated.install()
    assert _methods(cached) == _methods(plain)
    values = {n: i * 7 for i, n in enumerate(names)}
    a, b = cached(**values), plain(**values)
    if options.get("repr", True):
        assert repr(a) == repr(b)
    assert dataclasses.astuple(a) == dataclasses.astuple(b)
    if options.get("eq", True):
        assert a == cached(**values)


def test_the_package_dataclasses_behave_the_same_from_the_cache(tmp_path):
    """Every module of the package imported with the cache installed, twice (the second run
    from the file): each dataclass's methods are the code the builtin compiles."""
    script = (
        "import dataclasses, importlib, pkgutil, sys, juesuan\n"
        "from juesuan.codecache import generated\n"
        "if sys.argv[1] == 'on': generated.install()\n"
        "out = {}\n"
        "for info in pkgutil.walk_packages(juesuan.__path__, 'juesuan.'):\n"
        "    if info.name.startswith(('juesuan.web', 'juesuan.api', 'juesuan.store.migrations', 'juesuan.__main__')):\n"
        "        continue\n"
        "    try: mod = importlib.import_module(info.name)\n"
        "    except ImportError: continue\n"
        "    for k, v in vars(mod).items():\n"
        "        if dataclasses.is_dataclass(v) and isinstance(v, type) and v.__module__ == info.name:\n"
        "            out[f'{info.name}.{k}'] = sorted((m, f.__code__.co_code.hex(), repr(f.__code__.co_consts))\n"
        "                for m, f in vars(v).items() if hasattr(f, '__code__') and f.__code__.co_filename == '<string>')\n"
        "print(len(out), hash(repr(sorted(out.items()))))\n"
    )
    env = {"JUESUAN_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"}
    run = [subprocess.run([sys.executable, "-c", script, mode], capture_output=True, text=True, env=env, check=True)
           .stdout for mode in ("off", "on", "on")]
    assert int(run[0].split()[0]) > 40  # the stages' and rules' dataclasses (a walk that found them)
    assert run[0] == run[1] == run[2]
    assert _kept(tmp_path)  # the second "on" run read them from the file


def test_forward_references_compile_as_typing_would(installed):
    refs = ["int", "list[str] | None", "dict[str, 'Cell']", "*Ts"]
    first = [typing.ForwardRef(r).__forward_code__ for r in refs]
    codecache.flush_all()
    codecache.forget_all()
    again = [typing.ForwardRef(r).__forward_code__ for r in refs]
    generated.uninstall()
    plain = [typing.ForwardRef(r).__forward_code__ for r in refs]
    assert first == again == plain
    assert len(_kept(installed)) == len(refs)


def test_a_source_that_does_not_compile_raises_as_the_builtin_does(installed):
    with pytest.raises(SyntaxError, match="Forward reference must be an expression"):
        typing.ForwardRef("1 +")
    with pytest.raises(SyntaxError):
        dataclasses.exec("def (:", {}, {})  # type: ignore[attr-defined]
    codecache.flush_all()
    assert not _kept(installed)


def test_future_flags_are_the_callers(installed):
    """exec of a string inherits the calling code's __future__ features: the cache keys them."""
    ns: dict = {}
    src = "def f(x: Undefined) -> int: return x\n"
    exec_ = dataclasses.exec  # type: ignore[attr-defined]
    exec_(src, ns, ns)  # called from this module: annotations are postponed here
    assert ns["f"].__annotations__ == {"x": "Undefined", "return": "int"}
    caller = compile("exec_(src, ns2, ns2)", "<test>", "exec", dont_inherit=True)  # no features
    ns2: dict = {"exec_": exec_, "src": src, "Undefined": float}
    ns2["ns2"] = ns2
    exec(caller, ns2)
    assert ns2["f"].__annotations__ == {"x": float, "return": int}


def test_uninstall_restores_the_builtins(installed):
    generated.uninstall()
    assert "exec" not in vars(dataclasses) and "compile" not in vars(typing)


def test_the_command_line_installs_it_and_the_library_does_not(tmp_path):
    code = ("import dataclasses, juesuan.pipeline; print('exec' in vars(dataclasses))")
    lib = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert lib.stdout.strip() == "False"
    env = dict(os.environ, JUESUAN_CACHE_DIR=str(tmp_path))
    outputs = [subprocess.run([sys.executable, "-m", "juesuan", "check", "-f", "json", str(seed_file("000"))],
                              capture_output=True, env=env).stdout for _ in range(2)]
    assert len(_kept(tmp_path)) > 300  # the command's dataclass methods and annotations
    assert outputs[0] == outputs[1] and outputs[0].startswith(b"{")


@dataclass
class _WithFactory:
    items: list[int] = field(default_factory=list)


def test_default_factories_work_through_the_cache(installed):
    cls = _cached_twice({}, ("a",), installed)
    assert cls(a=1).a == 1
    assert _WithFactory().items == []
