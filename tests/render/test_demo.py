from __future__ import annotations

from juesuan.glossary import TABLE_IDS
from juesuan.render.codes import economic_name, functional_name
from juesuan.render.validate import validate
from juesuan.synth import YEARS, generate


def test_deterministic():
    a = [y.disclosure.model_dump_json() for d in generate(seed=11) for y in d.years]
    b = [y.disclosure.model_dump_json() for d in generate(seed=11) for y in d.years]
    c = [y.disclosure.model_dump_json() for d in generate(seed=12) for y in d.years]
    assert a == b
    assert a != c


def test_several_years_and_made_up_names(departments):
    assert len(departments) >= 3
    for dep in departments:
        assert [y.year for y in dep.years] == list(YEARS)
        assert dep.name.startswith("样例市")
        for y in dep.years:
            assert y.disclosure.meta.department == dep.name
            assert y.disclosure.meta.year == y.year


def test_identities_hold_everywhere(departments):
    for dep in departments:
        for y in dep.years:
            assert validate(y.disclosure) == [], (dep.key, y.year)


def test_rules_engine_finds_no_arithmetic_errors(departments):
    from juesuan import rules

    for dep in departments:
        for y in dep.years:
            bad = [f for f in rules.run_rules(y.disclosure)
                   if f.severity == "error" and f.family in ("A", "H", "X")]
            assert bad == [], (dep.key, y.year, [f.message for f in bad][:3])


def test_every_table_present_and_some_declared_empty(departments):
    empties = set()
    for dep in departments:
        for y in dep.years:
            d = y.disclosure
            for tid in TABLE_IDS:
                t = d.tables[tid]
                assert t.present, (dep.key, y.year, tid)
                if t.declared_empty:
                    assert t.empty_statement.startswith("说明：")
                    assert not t.has_data
                    empties.add(tid)
    assert "T07" in empties and "T08" in empties
    zj = next(d for d in departments if d.key == "zhujian").years[-1].disclosure
    assert zj.tables["T07"].has_data and zj.tables["T08"].has_data


def test_codes_have_names(departments):
    for dep in departments:
        d = dep.years[-1].disclosure
        for tid in ("T02", "T03", "T05", "T07", "T08"):
            for r in d.tables[tid].rows():
                if r != "合计":
                    assert functional_name(r), (tid, r)
        for r in d.tables["T06"].rows():
            if r.isdigit():
                assert economic_name(r), r


def test_year_on_year_changes_are_nonzero(departments):
    dep = departments[0]
    totals = [y.disclosure.value("T01", "收入总计", "金额") for y in dep.years]
    assert len(set(totals)) == len(totals)


def test_t09_table_covers_basic_spending(departments):
    for dep in departments:
        for y in dep.years:
            d = y.disclosure
            assert d.value("T09", "决算数", "公务接待费") >= (d.value("T06", "30217", "决算数") or 0)
            assert d.value("T09", "决算数", "公务用车运行维护费") >= (d.value("T06", "30231", "决算数") or 0)
