"""Building the hot models from values the code has already typed (``model.made``).

The readers and the rules make cells, claims, statements and performance figures by the
thousand per document, each from values they parsed themselves: ``Decimal`` amounts, ``int``
lines, ``str`` texts. Pydantic's validation of such a record checks and copies what is already
right, field by field, and costs 3-4x what setting its slots does (a first read of a long
disclosure: 8-12 ms of validation, most of it these records). A record class
(``model.Record``, a slotted dataclass) is therefore built by a constructor made for it here
that sets each field from the given dict or the field's default, as the dataclass's own
``__init__`` would, without validating.

What keeps that honest: with ``JUESUAN_CHECK_MADE=1`` in the environment (the test suite sets
it, tests/conftest.py), every record is also validated by pydantic and the two compared field
by field, exact types included (a ``list`` where the model says ``tuple``, an ``int`` where it
says ``Decimal``, a ``str`` outside a ``Literal``): a producer that hands a record a value
validation would have converted or refused fails every test that reaches it. A model that
needs validation to convert its input (a BaseModel whose enum fields are given as strings, one
with a ``model_validator``) is always validated.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

Builder = Callable[[dict[str, Any]], Any]

# Checked construction (tests): read once, when the first builder is made.
CHECK_ENV = "JUESUAN_CHECK_MADE"


def builder(cls: type) -> Builder:
    """The constructor ``made`` uses for ``cls``: the validator for a BaseModel, else (a
    pydantic dataclass with slots) one that sets its fields (checked against the validator
    under ``JUESUAN_CHECK_MADE=1``)."""
    validate: Builder = cls.__pydantic_validator__.validate_python  # type: ignore[attr-defined]
    if issubclass(cls, BaseModel) or not dataclasses.is_dataclass(cls):
        return validate
    trusted = _setter(cls)
    if os.environ.get(CHECK_ENV) == "1":
        return _checked(cls, trusted, validate)
    return trusted


def _setter(cls: type) -> Builder:
    """A function ``fields -> instance`` setting each dataclass field of ``cls`` from
    ``fields`` or its default. Generated source, as ``dataclasses`` makes ``__init__``: one
    straight-line assignment per field, no loop and no ``setattr`` call per field (a record
    has up to 22 fields)."""
    infos = cls.__pydantic_fields__  # type: ignore[attr-defined]
    env: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    body = ["def build(f):", "    o = _new(_cls)"]
    for k, fld in enumerate(dataclasses.fields(cls)):
        name, info = fld.name, infos.get(fld.name)
        factory = info.default_factory if info is not None else None
        default = info.default if info is not None else fld.default
        if factory is None and fld.default_factory is not dataclasses.MISSING:
            factory = fld.default_factory
        if factory is not None:
            env[f"_f{k}"] = factory
            value = f"f[{name!r}] if {name!r} in f else _f{k}()"
        elif default is PydanticUndefined or default is dataclasses.MISSING:
            value = f"f[{name!r}]"  # required: a KeyError names the missing field
        else:
            env[f"_d{k}"] = default
            value = f"f.get({name!r}, _d{k})"
        if not fld.init:  # (bookkeeping the readers set later: never given)
            value = f"_f{k}()" if factory is not None else f"_d{k}"
        body.append(f"    o.{name} = {value}")
    body.append("    return o")
    exec("\n".join(body), env)  # noqa: S102 - source made above from the class's own field names
    return env["build"]


def _checked(cls: type, trusted: Builder, validate: Builder) -> Builder:
    def build(fields: dict[str, Any]) -> Any:
        want = validate(fields)
        got = trusted(fields)
        for fld in dataclasses.fields(cls):
            a, b = getattr(got, fld.name), getattr(want, fld.name)
            if not same(a, b):
                raise AssertionError(f"{cls.__name__}.{fld.name}: built {a!r} ({type(a).__name__}), "
                                     f"validation gives {b!r} ({type(b).__name__})")
        return got

    return build


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (``Decimal`` to its printed exponent)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(v, b[k]) for k, v in a.items())
    if isinstance(a, Decimal):
        return a.as_tuple() == b.as_tuple()
    if isinstance(a, BaseModel):
        return all(same(getattr(a, k), getattr(b, k)) for k in type(a).model_fields)
    return bool(a == b)
