"""Catalogue (政府收支分类科目): data integrity, lookups, name checks, OCR matching."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections import Counter, defaultdict
from importlib.resources import files

import pytest

from juesuan import catalogue as cat
from juesuan.catalogue import Entry, name_key
from tests_support import REFERENCE, SEEDS

needs_shared = pytest.mark.skipif(not REFERENCE.is_dir(), reason="shared/ not beside the repo")


def _data_rows(fn: str) -> list[dict[str, str]]:
    text = files("juesuan.catalogue").joinpath("data", fn).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _ref_rows(fn: str) -> list[dict[str, str]]:
    with open(REFERENCE / fn, encoding="utf-8") as f:
        return list(csv.DictReader(f))


# ----------------------------------------------------------------- data files


@pytest.mark.parametrize("fn", ["functional.csv", "economic_dept.csv"])
def test_data_file_columns_and_values(fn: str) -> None:
    rows = _data_rows(fn)
    assert list(rows[0]) == [
        "code", "name", "level", "parent", "editions", "aliases", "provenance", "status",
    ]
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)), [c for c, n in Counter(codes).items() if n > 1]
    for r in rows:
        assert re.fullmatch(r"\d{3}(\d{2}){0,2}", r["code"]), r
        assert r["status"] in {"confirmed", "verify"}, r
        assert r["provenance"], r
        assert r["name"] == r["name"].strip() and r["name"], r
        assert all(re.fullmatch(r"20\d\d", y) for y in r["editions"].split(";")), r
        # the catalogue prints full-width parentheses
        for n in [r["name"], *filter(None, r["aliases"].split(";"))]:
            assert "(" not in n and ")" not in n, r


def test_counts() -> None:
    func = Counter(e.level for e in cat.entries("functional"))
    econ = Counter(e.level for e in cat.entries("economic"))
    assert func["类"] >= 26
    assert func["款"] >= 150
    assert func["项"] >= 600
    assert econ["类"] == 10
    assert econ["款"] >= 90


def test_all_functional_classes() -> None:
    expected = {
        "201": "一般公共服务支出", "202": "外交支出", "203": "国防支出", "204": "公共安全支出",
        "205": "教育支出", "206": "科学技术支出", "207": "文化旅游体育与传媒支出",
        "208": "社会保障和就业支出", "209": "社会保险基金支出", "210": "卫生健康支出",
        "211": "节能环保支出", "212": "城乡社区支出", "213": "农林水支出", "214": "交通运输支出",
        "215": "资源勘探工业信息等支出", "216": "商业服务业等支出", "217": "金融支出",
        "219": "援助其他地区支出", "220": "自然资源海洋气象等支出", "221": "住房保障支出",
        "222": "粮油物资储备支出", "223": "国有资本经营预算支出", "224": "灾害防治及应急管理支出",
        "227": "预备费", "229": "其他支出", "230": "转移性支出", "231": "债务还本支出",
        "232": "债务付息支出", "233": "债务发行费用支出", "234": "抗疫特别国债安排的支出",
    }
    got = {e.code: e.name for e in cat.entries("functional") if e.level == "类"}
    assert got == expected


def test_economic_classes_and_key_items() -> None:
    got = {e.code: e.name for e in cat.entries("economic") if e.level == "类"}
    assert got == {
        "301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助",
        "307": "债务利息及费用支出", "309": "资本性支出（基本建设）", "310": "资本性支出",
        "311": "对企业补助（基本建设）", "312": "对企业补助", "313": "对社会保障基金补助",
        "399": "其他支出",
    }
    for code, name in {
        "30212": "因公出国（境）费用", "30217": "公务接待费", "30231": "公务用车运行维护费",
        "30239": "其他交通费用", "30240": "税金及附加费用", "39906": "赠与",
        "39909": "经常性赠与", "39910": "资本性赠与", "39907": "国家赔偿费用支出",
        "39999": "其他支出", "30108": "机关事业单位基本养老保险缴费",
    }.items():
        e = cat.get(code)
        assert e is not None and e.name == name, code


def test_hierarchy_is_consistent() -> None:
    up = {"款": "类", "项": "款"}
    for e in cat.entries():
        assert e.kind == cat.kind_of(e.code), e
        assert e.level == {3: "类", 5: "款", 7: "项"}[len(e.code)], e
        if e.level == "类":
            assert e.parent is None, e
            continue
        assert e.parent == e.code[:-2], e
        p = cat.get(e.parent, e.kind)
        assert p is not None, f"{e.code} {e.name}: parent {e.parent} missing"
        assert p.level == up[e.level], e
        assert e in cat.children(p.code, p.kind)


def test_names_unique_within_parent() -> None:
    seen: dict[tuple[str, str | None, str], str] = {}
    for e in cat.entries():
        for key in {name_key(n) for n in e.names}:
            k = (e.kind, e.parent if e.parent else "", key)
            assert k not in seen, f"{e.code} and {seen[k]} share the name {key!r}"
            seen[k] = e.code


def test_common_project_items_under_201_and_admin_kuan() -> None:
    # 01 行政运行 / 02 一般行政管理事务 / 03 机关服务 / 99 其他… wherever the 款 has them
    for kuan in ["20101", "20102", "20103", "20104", "20105", "20106", "20108", "20111",
                 "20113", "20126", "20129", "20131", "20132", "20134", "20138", "20801",
                 "21001", "21015", "22401"]:
        names = {e.code[-2:]: e.name for e in cat.children(kuan)}
        assert names.get("01") == "行政运行", kuan
        assert names.get("02") == "一般行政管理事务", kuan
        assert names.get("03") == "机关服务", kuan
        other = names.get("99")
        assert other is not None and other.startswith("其他"), kuan


def test_entry_is_frozen() -> None:
    e = cat.get("2080101")
    assert isinstance(e, Entry)
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.name = "x"  # type: ignore[misc]


# ----------------------------------------------------------------- reference & seeds


@needs_shared
@pytest.mark.parametrize(
    "fn", ["expenditure_functional_codes.csv", "expenditure_economic_codes_dept.csv"]
)
def test_reference_codes_present_with_same_name(fn: str) -> None:
    for r in _ref_rows(fn):
        e = cat.get(r["code"])
        assert e is not None, r["code"]
        assert e.level == r["level"], r["code"]
        assert cat.name_matches(r["code"], r["name"]), (r["code"], r["name"], e.name)


@needs_shared
@pytest.mark.parametrize(
    "fn", ["expenditure_functional_codes.csv", "expenditure_economic_codes_dept.csv"]
)
def test_reference_observed_variants(fn: str) -> None:
    """ASCII-parenthesis spellings are the same name; OCR errors, truncations, artifacts and
    non-standard names are not."""
    n = 0
    for r in _ref_rows(fn):
        for variant in filter(None, (v.strip() for v in r["observed_variants"].split("|"))):
            m = re.fullmatch(r"(.+?) \[(.+)\]", variant)
            assert m, variant
            printed, tag = m.groups()
            n += 1
            if "ASCII parentheses" in tag:
                assert cat.name_matches(r["code"], printed), variant
            else:
                assert not cat.name_matches(r["code"], printed), variant
    assert n > 0


@needs_shared
def test_provenance_seed_claims_hold() -> None:
    """'code+name printed in seed NNN' must be true of the seed text."""
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    checked = 0
    for e in cat.entries():
        m = re.search(r"code\+name printed in seed ([0-9]{3}(?:;[0-9]{3})*)", e.provenance)
        if not m:
            assert e.status == "verify" or e.level == "类", e
            continue
        pat = re.escape(e.code) + r"[\t ]+" + re.escape(e.name).replace("（", "[（(]").replace(
            "）", "[）)]"
        )
        for sid in m.group(1).split(";"):
            assert re.search(pat, texts[sid]), (e.code, sid)
            checked += 1
        assert e.status == "confirmed", e
    assert checked > 50


# ----------------------------------------------------------------- lookups


def test_get_and_kind_inference() -> None:
    assert cat.get("201").kind == "functional"  # type: ignore[union-attr]
    assert cat.get("301").kind == "economic"  # type: ignore[union-attr]
    assert cat.get(" 2080101 ").name == "行政运行"  # type: ignore[union-attr]
    assert cat.get(2080505).name == "机关事业单位基本养老保险缴费支出"  # type: ignore[union-attr]
    assert cat.get("３０２１７").name == "公务接待费"  # type: ignore[union-attr]  # full-width digits
    assert cat.get("2080101", kind="economic") is None
    assert cat.get("999") is None
    assert cat.get("20899x") is None
    assert cat.kind_of("20801") == "functional"
    assert cat.kind_of("30101") == "economic"
    assert cat.kind_of("3010101") is None
    assert cat.kind_of("3010") is None
    assert cat.kind_of("") is None


def test_children_parent_class() -> None:
    kids = [e.code for e in cat.children("20805")]
    assert kids[:3] == ["2080501", "2080502", "2080503"]
    assert "2080505" in kids and "2080599" in kids
    assert all(e.level == "项" for e in cat.children("20805"))
    assert {e.code for e in cat.children("301")} >= {"30101", "30102", "30199"}
    assert cat.children("2080101") == []
    assert cat.parent_of("2080105").code == "20801"  # type: ignore[union-attr]
    assert cat.parent_of("20805").code == "208"  # type: ignore[union-attr]
    assert cat.parent_of("2089998").code == "20899"  # type: ignore[union-attr]  # unknown code
    assert cat.parent_of("208") is None
    assert cat.class_for("2080505").name == "社会保障和就业支出"  # type: ignore[union-attr]
    assert cat.class_for("30217").name == "商品和服务支出"  # type: ignore[union-attr]


def test_is_known() -> None:
    assert cat.is_known("2080505")
    assert cat.is_known("2080505", 2024)
    assert cat.is_known("30217", 2023)
    assert cat.is_known("208", 2019)  # before the first edition held: judged by the first
    assert not cat.is_known("2089998")
    assert not cat.is_known("20880", 2024)
    assert not cat.is_known("30219")
    assert not cat.is_known("abc")


def test_name_matches() -> None:
    assert cat.name_matches("2080101", "行政运行")
    assert cat.name_matches("2080101", " 行政 运行 ")
    assert not cat.name_matches("2080101", "事业运行")
    assert cat.name_matches("30212", "因公出国(境)费用")
    assert cat.name_matches("30213", "维修(护)费")
    assert cat.name_matches("20103", "政府办公厅(室)及相关机构事务")
    assert cat.name_matches("20805", "行政事业单位养老支出")
    assert cat.name_matches("20805", "行政事业单位离退休")  # alias: earlier name
    assert cat.name_matches("2080505", "机关事业单位基本养老保险缴费支出（项）")
    assert cat.name_matches("208", "社会保障和就业支出(类)")
    assert cat.name_matches("2230102", '"三供一业"移交补助支出')
    assert cat.name_matches("2230102", "三供一业移交补助支出")
    assert not cat.name_matches("20805", "行政事业单位")
    assert not cat.name_matches("9999999", "行政运行")


def test_known_misnames_do_not_match_their_code() -> None:
    rows = _data_rows("known_misnames.csv")
    assert {r["category"] for r in rows} >= {"non-standard name", "OCR error"}
    for r in rows:
        assert cat.get(r["code"], r["kind"]) is not None, r  # type: ignore[arg-type]
        assert not cat.name_matches(r["code"], r["printed_name"]), r


def test_known_misnames_resolve_by_fuzzy_match() -> None:
    for r in _data_rows("known_misnames.csv"):
        if not r["resolves_to"]:
            continue
        e = cat.get(r["resolves_to"])
        assert e is not None
        hit = cat.best_match(r["printed_name"], r["kind"], parent=e.parent)  # type: ignore[arg-type]
        assert hit is not None and hit[0].code == e.code, (r, hit)


def test_code_for_name() -> None:
    assert cat.code_for_name("行政运行", "functional", parent="20801") == "2080101"
    assert cat.code_for_name("行政运行", "functional") is None  # recurs under many 款
    assert cat.code_for_name("津贴补贴", "economic") == "30102"
    assert cat.code_for_name("一般公共服务支出", "functional") == "201"
    assert cat.code_for_name("行政事业单位离退休", "functional") == "20805"
    assert cat.code_for_name("其他支出", "functional") is None
    assert cat.code_for_name("其他支出", "functional", level="类") == "229"
    assert cat.code_for_name("其他支出", "economic", level="款") == "39999"
    assert cat.code_for_name("住房公积金", "functional", parent="221") == "2210201"
    assert cat.code_for_name("住房公积金", "economic") == "30113"
    assert cat.code_for_name("行歌运行", "functional", parent="20801") is None  # exact only


# ----------------------------------------------------------------- fuzzy matching


@pytest.mark.parametrize(
    ("printed", "kind", "level", "parent", "code"),
    [
        ("行歌运行", "functional", None, "20801", "2080101"),
        ("津贝占补卜贝占", "economic", None, None, "30102"),
        ("津贝占补卜贝占", "economic", "款", "301", "30102"),
        ("行政单位高退休", "functional", None, "20805", "2080501"),
        ("行政单位高退休", "functional", None, None, "2080501"),
        ("款业管理事务", "functional", None, "20801", "2080106"),
        ("解决历史遗智问题及改革成本支出", "functional", None, None, "22301"),
        ("解决历史遗智问题及改革成本支出", "functional", "款", "223", "22301"),
        ("行政运行丨", "functional", "项", "20801", "2080101"),  # trailing OCR fragment
        ("一般行政管理事务 1", "functional", None, "20801", "2080102"),
        ("机关事业单位基本养老保险缴费支出（项", "functional", None, None, "2080505"),
        ("住房公积金管理丨", "functional", None, None, "2210302"),  # longer nested name wins
        ("公务招待费", "economic", None, None, "30217"),  # fuzzy finds it; name check does not
    ],
)
def test_best_match_resolves(printed: str, kind: str, level: str | None, parent: str | None,
                             code: str) -> None:
    hit = cat.best_match(printed, kind, level=level, parent=parent)  # type: ignore[arg-type]
    assert hit is not None, printed
    entry, score = hit
    assert entry.code == code, (printed, entry.code, score)
    assert cat.DEFAULT_MIN_SCORE <= score <= 100


def test_best_match_score_orders_evidence() -> None:
    exact = cat.best_match("行政运行", "functional", parent="20801")
    garbled = cat.best_match("行歌运行", "functional", parent="20801")
    assert exact is not None and garbled is not None
    assert exact[1] == 100.0
    assert garbled[1] < exact[1]


@pytest.mark.parametrize(
    ("printed", "kind", "level", "parent"),
    [
        ("的了是在有我", "functional", None, None),
        ("的了是在有我", "economic", None, None),
        ("xqzv wplk", "functional", None, None),
        ("", "functional", None, None),
        ("12345", "economic", None, None),
        ("行政运行", "functional", None, None),  # ambiguous without a parent
        ("行政运行", "functional", "项", "20805"),  # no 行政运行 under 20805
        ("か公費", "economic", None, None),  # too garbled to trust
    ],
)
def test_best_match_rejects(printed: str, kind: str, level: str | None,
                            parent: str | None) -> None:
    assert cat.best_match(printed, kind, level=level, parent=parent) is None  # type: ignore[arg-type]


def test_best_match_respects_level_and_min_score() -> None:
    hit = cat.best_match("其他支出", "functional", level="类")
    assert hit is not None and hit[0].code == "229"
    assert cat.best_match("其他支出", "functional") is None  # 229 / 22999 / 2299999
    assert cat.best_match("行歌运行", "functional", parent="20801", min_score=80) is None
    for e, _ in cat.candidates("行政运行", "functional", level="项", parent="208", limit=10):
        assert e.code.startswith("208") and e.level == "项"


def test_every_name_resolves_to_itself_within_its_parent() -> None:
    """Exact names are found by fuzzy match too (no sibling outranks or ties an entry)."""
    by_parent: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for e in cat.entries():
        by_parent[(e.kind, e.parent or "")].append(e)
    for e in cat.entries():
        level = e.level
        hit = cat.best_match(e.name, e.kind, level=level, parent=e.parent)
        assert hit is not None and hit[0].code == e.code, (e.code, e.name, hit)
        assert cat.code_for_name(e.name, e.kind, parent=e.parent, level=level) == e.code


def test_rows_follow_the_header_not_the_file_order() -> None:
    """``_rows`` gives each row's fields in ``_COLUMNS`` order, stripped, blank lines skipped,
    whatever order the file's header puts them in (a made-up two-row file)."""
    from juesuan.catalogue import _rows

    text = ("status,code,name,level,parent,editions,aliases,provenance\n"
            "verify, 299 ,虚构支出,类,,2024;2025,,made up\n"
            "\n"
            "confirmed,29901, 虚构事务 ,款,299,2025,别名一; 别名二,made up\n")
    assert list(_rows(text)) == [
        ["299", "虚构支出", "类", "", "2024;2025", "", "verify", "made up"],
        ["29901", "虚构事务", "款", "299", "2025", "别名一; 别名二", "confirmed", "made up"],
    ]
