"""Comparing a document read back with the cells it should have: the one definition of a
silent misreading, shared by the writer's round trips (tests/render) and the text-dump tests
(tests/read)."""

from __future__ import annotations


def cells_of(d) -> dict:
    return {c.key: c for c in d.all_cells()}


def problems(want_d, got_d) -> list[str]:
    """Cells read wrong without saying so: missing from a table read as complete, extra, or
    with another value — unless marked uncertain."""
    want, got = cells_of(want_d), cells_of(got_d)
    out = []
    for k, c in want.items():
        g = got.get(k)
        if g is None:
            t = got_d.tables.get(k[0])
            if t is not None and t.declared_empty and c.value == 0:
                continue  # a table declared empty is all zeros to the audit: a zero is not lost
            if c.value == 0:
                continue  # a zero left blank: blank, 0 and absent are one value (see extra below)
            if t is None or getattr(t, "status", "read") == "read":
                out.append(f"missing {k}={c.value}")
        elif g.value != c.value and not g.uncertain:
            out.append(f"wrong {k}: {c.value} read as {g.value}")
    # a 0 read into a cell printed blank says what the blank says (blank, 0 and absent are one
    # value in a disclosure): not a wrong figure (a printed 0.00 or '-' that only the text's order
    # could place, e.g. one pdftotext printed late, may land in any blank cell)
    out += [f"extra {k}={g.value}" for k, g in got.items() if k not in want and not g.uncertain and g.value != 0]
    return out
