"""Synthetic departments: made-up names and figures, consistent by construction.

Every amount is generated in integer cents of 万元 and every total is the exact sum of its
parts, so all identities of spec §5 hold exactly (no 尾差). The output is deterministic for a
given seed. Names use the fictitious prefix 样例市 so no synthetic department can be mistaken
for a real one.

* ``profiles`` — the four department profiles and the economic weights;
* ``cents`` — integer-cent arithmetic (allocation by largest remainder, roll-ups);
* ``figures`` — one department-year's figures (T01–T09 in cents);
* ``build`` — those figures as the canonical model (``Disclosure``);
* ``budgets`` — narrative inputs: 年初预算, 三公 counts, procurement, assets, performance;
* ``perf_tables`` — whole performance self-evaluation tables, scores consistent by construction.

    >>> from juesuan.synth import generate
    >>> series = generate(seed=7)            # list[DemoDepartment], several years each
    >>> d = series[0].years[-1].disclosure   # a juesuan.model.Disclosure
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.model import Disclosure
from juesuan.render.supplement import Supplement
from juesuan.synth.budgets import performance, supplement
from juesuan.synth.build import TABLE_NUMBERS, TABLE_TITLES, disclosure, empty_statement
from juesuan.synth.cents import allocate, dec
from juesuan.synth.figures import Figures, compute
from juesuan.synth.profiles import DEFAULT_SEED, PROFILES, YEARS, Profile


@dataclass
class DemoYear:
    year: int
    disclosure: Disclosure
    supplement: Supplement
    figures: Figures | None = None  # the cents behind the disclosure (the next year's openings)

    def __repr__(self) -> str:  # short: hypothesis prints it for every failing example
        return f"DemoYear({self.disclosure.meta.source})"


@dataclass
class DemoDepartment:
    profile: Profile
    years: list[DemoYear] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.profile.key

    @property
    def name(self) -> str:
        return self.profile.name


def generate_year(profile: Profile, year: int, seed: int = DEFAULT_SEED,
                  previous: DemoYear | None = None) -> DemoYear:
    """One department-year; with ``previous`` its opening balances are that year's closing ones."""
    rng = random.Random(f"juesuan-demo/{seed}/{profile.key}/{year}")
    f = compute(profile, year, seed, rng, previous.figures if previous else None)
    d = disclosure(profile, year, seed, f)
    performance(d, profile, f, rng)
    return DemoYear(year=year, disclosure=d, supplement=supplement(profile, year, f, rng, d), figures=f)


def generate(seed: int = DEFAULT_SEED, years: tuple[int, ...] = YEARS,
             profiles: tuple[Profile, ...] = PROFILES) -> list[DemoDepartment]:
    out = []
    for p in profiles:
        dept = DemoDepartment(profile=p)
        prev: DemoYear | None = None
        for y in years:
            dy = generate_year(p, y, seed, prev)
            if prev is not None:
                dy.supplement.operating_expenses_previous = prev.supplement.operating_expenses
            dept.years.append(dy)
            prev = dy
        out.append(dept)
    return out


def sample(seed: int = DEFAULT_SEED) -> tuple[Disclosure, Disclosure, Supplement]:
    """The bundled sample: the first department's last year, its previous year, supplement."""
    dept = generate(seed, profiles=PROFILES[:1])[0]
    return dept.years[-1].disclosure, dept.years[-2].disclosure, dept.years[-1].supplement


def write_sample(directory: str | Path | None = None) -> None:
    """(Re)write the bundled sample: examples/sample_disclosure.txt (the text rendering of the
    first synthetic department's last year) and sample_disclosure.json (its model)."""
    from juesuan.render import render_bytes

    out = Path(directory) if directory else Path(__file__).resolve().parent.parent / "examples"
    out.mkdir(parents=True, exist_ok=True)
    d, prev, sup = sample()
    (out / "sample_disclosure.txt").write_bytes(render_bytes(d, "txt", prev, sup))
    (out / "sample_disclosure.json").write_text(d.model_dump_json(indent=1) + "\n", encoding="utf-8")


__all__ = ["DEFAULT_SEED", "PROFILES", "TABLE_NUMBERS", "TABLE_TITLES", "YEARS", "DemoDepartment", "DemoYear",
           "Profile", "allocate", "dec", "empty_statement", "generate", "generate_year", "sample", "write_sample"]
