"""juesuan.lazy: hooks run after a module's first import; patterns compiled on first use."""

from __future__ import annotations

import re
import sys

import pytest

from juesuan.lazy import after_import, pattern


@pytest.fixture
def fresh_module(tmp_path, monkeypatch):
    """A module never imported before, on sys.path (its name, a list of what ran in it)."""
    name = f"lazy_probe_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text("import builtins\nVALUE = 1\nbuiltins._lazy_probe_ran.append('body')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    ran: list[str] = []
    import builtins

    monkeypatch.setattr(builtins, "_lazy_probe_ran", ran, raising=False)
    yield name, ran
    sys.modules.pop(name, None)


def test_after_import_runs_once_after_the_body_and_before_the_importer_sees_it(fresh_module):
    name, ran = fresh_module

    def hook(module):
        ran.append("hook")
        module.VALUE = 2

    after_import(name, hook)
    assert ran == []  # registering imports nothing
    module = __import__(name)
    assert ran == ["body", "hook"] and module.VALUE == 2
    # the module keeps its real loader (source, resources)
    assert type(module.__loader__).__name__ == "SourceFileLoader"
    assert "VALUE = 1" in module.__loader__.get_source(name)
    del sys.modules[name]
    __import__(name)  # imported again: the hook is spent
    assert ran == ["body", "hook", "body"]


def test_after_import_of_an_imported_module_runs_at_once(fresh_module):
    name, ran = fresh_module
    module = __import__(name)
    after_import(name, lambda m: ran.append(f"hook {m is module}"))
    assert ran == ["body", "hook True"]


def test_every_hook_runs_in_order(fresh_module):
    name, ran = fresh_module
    after_import(name, lambda m: ran.append("first"))
    after_import(name, lambda m: ran.append("second"))
    __import__(name)
    assert ran == ["body", "first", "second"]


def test_a_missing_module_still_raises_and_other_imports_are_untouched(fresh_module):
    after_import("lazy_probe_does_not_exist", lambda m: None)
    with pytest.raises(ModuleNotFoundError):
        __import__("lazy_probe_does_not_exist")
    import json.decoder  # an ordinary import is not wrapped

    assert type(json.decoder.__spec__.loader).__name__ == "SourceFileLoader"


def test_pattern_compiles_on_first_use_only():
    p = pattern(r"(?P<n>\d+)元")
    assert p.pattern == r"(?P<n>\d+)元"  # its source does not compile it (patterns built from others)
    assert "_re" not in vars(p)
    assert p.search("共 12 元") is None
    compiled = vars(p)["_re"]
    # from now on its methods are the compiled pattern's own, found on the object itself
    assert p.search == compiled.search and p.sub == compiled.sub
    assert not hasattr(type(p), "__getattr__")  # (a hook would slow every lookup)


def test_a_patterns_data_compiles_it_too():
    p = pattern(r"(?P<n>\d+)(元)", re.I)
    assert (p.flags, p.groups, p.groupindex) == (re.compile(r"(?P<n>\d+)(元)", re.I).flags, 2, {"n": 1})
    q = pattern(r"x(y)")
    assert q.fullmatch("xy") is not None and q.groups == 1


@pytest.mark.parametrize("regex, flags, text", [
    (r"(?P<n>\d+)\s*万元", 0, "收入 12 万元，支出 3万元"),
    (r"^第(.)章$", re.M, "前言\n第一章\n第二章"),
    (r"abc", re.I, "ABC abc aBc"),
])
def test_pattern_answers_as_the_compiled_pattern(regex, flags, text):
    lazy, real = pattern(regex, flags), re.compile(regex, flags)
    assert lazy.search(text).group(0) == real.search(text).group(0)
    assert lazy.findall(text) == real.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.sub("#", text) == real.sub("#", text)
    assert lazy.subn("#", text) == real.subn("#", text)
    assert lazy.split(text) == real.split(text)
    assert (lazy.match(text) is None) == (real.match(text) is None)
    assert (lazy.fullmatch(text) is None) == (real.fullmatch(text) is None)
    assert (lazy.pattern, lazy.flags, lazy.groups, lazy.groupindex) == (
        real.pattern, real.flags, real.groups, real.groupindex)


def test_pattern_is_not_a_compiled_pattern_for_the_re_module():
    with pytest.raises(TypeError):
        re.sub(pattern("a"), "b", "a")  # type: ignore[call-overload]


def test_a_bad_pattern_fails_when_used():
    p = pattern("(")  # a typo in a pattern nobody uses on this run costs nothing
    with pytest.raises(re.error):
        p.search("x")


@pytest.fixture
def costly_pair(tmp_path, monkeypatch):
    """A costly module (records that it ran) and an importer taking two names from it."""
    tag = tmp_path.name.replace("-", "_")
    costly, importer = f"lazy_costly_{tag}", f"lazy_importer_{tag}"
    (tmp_path / f"{costly}.py").write_text(
        "import builtins\nbuiltins._lazy_probe_ran.append('costly')\n"
        "class Shape:\n    def __init__(self, n):\n        self.n = n\n"
        "    @classmethod\n    def unit(cls):\n        return cls(1)\n"
        "class Other:\n    pass\nEXTRA = 7\n")
    (tmp_path / f"{importer}.py").write_text(
        f"from {costly} import Shape, Other\n"
        "def make(n) -> Shape | Other:  # an annotation combining a stand-in, evaluated at def\n"
        "    return Shape(n)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    ran: list[str] = []
    import builtins

    monkeypatch.setattr(builtins, "_lazy_probe_ran", ran, raising=False)
    yield costly, importer, ran
    for name in (costly, importer):
        sys.modules.pop(name, None)


def test_deferred_names_load_their_module_on_first_use(costly_pair):
    from juesuan.lazy import defer_while_importing

    costly, importer, ran = costly_pair
    defer_while_importing(importer, {costly: ("Shape", "Other")})
    mod = __import__(importer)
    assert ran == [] and costly not in sys.modules  # imported without running the costly module
    shape = mod.make(3)
    assert ran == ["costly"] and shape.n == 3
    real = sys.modules[costly]
    assert type(shape) is real.Shape and isinstance(shape, mod.Shape)
    assert mod.Shape.unit().n == 1  # a classmethod through the stand-in
    assert not isinstance(shape, mod.Other)


def test_deferred_names_only_while_the_importer_runs(costly_pair):
    from juesuan.lazy import defer_while_importing

    costly, importer, ran = costly_pair
    defer_while_importing(importer, {costly: ("Shape",)})
    mod = __import__(importer)
    # the importer asked for a name not deferred: it got the real one, which loaded the module
    assert ran == ["costly"] and mod.Other is sys.modules[costly].Other
    assert isinstance(mod.make(2), sys.modules[costly].Shape)
    # whoever imports the module afterwards gets the real module, with all its names
    assert __import__(costly).EXTRA == 7 and ran == ["costly"]


def test_nothing_is_an_instance_of_a_stand_in_never_loaded(costly_pair):
    from juesuan.lazy import defer_while_importing

    costly, importer, ran = costly_pair
    defer_while_importing(importer, {costly: ("Shape", "Other")})
    mod = __import__(importer)
    assert not isinstance(object(), mod.Shape) and ran == []
    assert costly not in sys.modules
    assert __import__(costly).EXTRA == 7 and ran == ["costly"]  # a later import is the real module


def test_an_importer_already_imported_is_left_alone(costly_pair):
    from juesuan.lazy import defer_while_importing

    costly, importer, ran = costly_pair
    mod = __import__(importer)
    defer_while_importing(importer, {costly: ("Shape",)})
    assert mod.Shape is sys.modules[costly].Shape
