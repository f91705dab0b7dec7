"""The one place where official Chinese names meet English identifiers.

Official names stay as data (titles, row labels, column labels). Code refers to tables by
canonical id (T01..T09, by content, never by the printed 公开NN number) and to rows/columns
by the canonical labels of the data contract (spec §2–§3).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSpec:
    """One of the nine standard tables. The ways provinces print its title are the title
    families of ``locate/tables.py`` (they are patterns, matched most specific first)."""

    id: str
    title: str  # canonical official title
    english: str
    keyed_by: str  # "functional" | "economic" | "item" | "sangong"
    columns: tuple[str, ...]  # canonical column labels (value columns only)


T01_INCOME_ROWS = (
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
    "本年收入合计",
    "使用非财政拨款结余",
    "年初结转和结余",
    "收入总计",
)
T01_INCOME_ITEMS = T01_INCOME_ROWS[:8]
T01_EXPENDITURE_TOTAL_ROWS = ("本年支出合计", "结余分配", "年末结转和结余", "支出总计")

T04_INCOME_ROWS = (
    "一般公共预算财政拨款",
    "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款",
    "本年收入合计",
    "年初财政拨款结转和结余",
    "年初一般公共预算财政拨款",
    "年初政府性基金预算财政拨款",
    "年初国有资本经营预算财政拨款",
    "收入总计",
)
T04_EXPENDITURE_TOTAL_ROWS = ("本年支出合计", "年末财政拨款结转和结余", "支出总计")
T04_EXPENDITURE_COLUMNS = ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
# The three kinds of fiscal appropriation (资金), as T04 names them, and T01's income row for each.
FUNDS = T04_EXPENDITURE_COLUMNS[1:]
FUND_INCOME_T01 = dict(zip(FUNDS, T01_INCOME_ITEMS[:3], strict=True))

# 功能分类 classes (类) in the standard order printed in T01/T04, with their codes.
FUNCTIONAL_CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("234", "抗疫特别国债安排的支出"),
)
CLASS_BY_NAME = {name: code for code, name in FUNCTIONAL_CLASSES}
CLASS_NAME = dict(FUNCTIONAL_CLASSES)

# 经济分类 classes whose spending is 人员经费 (T06 人员经费合计); every other class is 公用经费.
PERSONNEL_CLASSES = ("301", "303")
T06_TOTALS = ("人员经费合计", "公用经费合计")

T09_ITEMS = ("合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行维护费", "公务接待费")

TABLES: dict[str, TableSpec] = {
    t.id: t
    for t in (
        TableSpec("T01", "收入支出决算总表", "income and expenditure summary",
                  "item", ("金额",)),
        TableSpec("T02", "收入决算表", "income by function", "functional",
                  ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")),
        TableSpec("T03", "支出决算表", "expenditure by function", "functional",
                  ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")),
        TableSpec("T04", "财政拨款收入支出决算总表", "fiscal appropriation summary",
                  "item", ("金额",) + T04_EXPENDITURE_COLUMNS),
        TableSpec("T05", "一般公共预算财政拨款支出决算表", "general budget appropriation expenditure",
                  "functional", ("小计", "基本支出", "项目支出")),
        TableSpec("T06", "一般公共预算财政拨款基本支出决算表", "general budget basic expenditure by economic class",
                  "economic", ("决算数",)),
        TableSpec("T07", "政府性基金预算财政拨款收入支出决算表", "government fund appropriation", "functional",
                  ("年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余")),
        TableSpec("T08", "国有资本经营预算财政拨款支出决算表", "state capital operation appropriation", "functional",
                  ("合计", "基本支出", "项目支出")),
        TableSpec("T09", "财政拨款“三公”经费支出决算表", "'three public expenses'",
                  "sangong", T09_ITEMS),
    )
}

TABLE_IDS = tuple(TABLES)
SANGONG_TABLE = next(t.id for t in TABLES.values() if t.keyed_by == "sangong")  # the “三公” table

# The wholes the narrative states shares of (占…的 x%) whose cell does not depend on the
# section they are named in: name → (table, row, column).
SHARE_BASES: dict[str, tuple[str, str, str]] = {
    "收入总计": ("T01", "收入总计", "金额"),
    "支出总计": ("T01", "支出总计", "金额"),
    "本年收入合计": ("T01", "本年收入合计", "金额"),
    "本年支出合计": ("T01", "本年支出合计", "金额"),
    "一般公共预算财政拨款支出": ("T05", "合计", "小计"),
    "财政拨款支出": ("T04", "本年支出合计", "合计"),
    "三公经费": ("T09", "决算数", "合计"),
}

# Tables keyed by 功能分类 code (类/款/项 rows and a 合计 row).
FUNCTIONAL_TABLES = tuple(t.id for t in TABLES.values() if t.keyed_by == "functional")
