"""A, H, X — the accounting identities and bounds, one rule per entry of
:data:`juesuan.relations.RELATIONS` (where each relation is written, once).

A rule here only decides which of its checks apply: a within-table relation is checked for
each table that takes part in arithmetic (printed, or declared empty); a cross-table relation
only when all its tables do. Tolerance, messages and severity are ``Rule.relation``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from juesuan.findings import Finding
from juesuan.relations import RELATIONS, Check, Relation
from juesuan.rules.base import Context, Rule, register_rule


class IdentityRule(Rule):
    """A rule that checks one relation of ``juesuan.relations`` (its ``doc`` is the rule's
    description)."""

    def __init__(self, relation: Relation) -> None:
        self.rel = relation
        self.id = relation.id
        self.name = relation.name
        self.severity = relation.severity
        self.tables = relation.tables
        self.joint = relation.joint

    @property
    def description(self) -> str:
        return self.rel.doc

    def check(self, ctx: Context) -> Iterator[Finding]:
        if self.joint:
            if all(ctx.usable(t) for t in self.tables):
                yield from self._relations(ctx, ctx.checks(self.rel))
        else:
            usable = ctx.usable
            yield from self._relations(ctx, [c for c in ctx.checks(self.rel) if usable(c.lhs[0][1][0])])

    def _relations(self, ctx: Context, checks: Iterable[Check]) -> Iterator[Finding]:
        relation = self.relation
        held = ctx.held()
        for c in checks:
            if id(c) in held:
                # the table status found it to hold over these very cells, within a tolerance
                # no larger than this one (its parts alone, without the total, are counted), or
                # found none of them printed
                continue
            f = relation(ctx, c.lhs, c.rhs, c.op, require=c.require)
            if f is not None:
                yield f


for _rel in RELATIONS:
    register_rule(IdentityRule(_rel))
