"""Classification codes the renderers and the demo need: names by code, and the fixed row
layout of the 基本支出 table (公开06表).

``juesuan.catalogue`` (the project's full catalogue) is used when it can be imported; the small
lists here are the fallback and hold only codes whose names are certain (they appear in the
reference catalogue built from the seeds, or are long-standing 政府收支分类科目 entries).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from juesuan.glossary import CLASS_NAME

# 支出功能分类科目: 款 and 项 used by the synthetic departments (类 come from the glossary).
FUNCTIONAL_NAMES: dict[str, str] = {
    "20103": "政府办公厅（室）及相关机构事务",
    "2010301": "行政运行",
    "2010302": "一般行政管理事务",
    "2010350": "事业运行",
    "2010399": "其他政府办公厅（室）及相关机构事务支出",
    "20501": "教育管理事务",
    "2050101": "行政运行",
    "2050102": "一般行政管理事务",
    "2050199": "其他教育管理事务支出",
    "20502": "普通教育",
    "2050201": "学前教育",
    "2050202": "小学教育",
    "2050203": "初中教育",
    "2050204": "高中教育",
    "2050299": "其他普通教育支出",
    "20503": "职业教育",
    "2050302": "中等职业教育",
    "20801": "人力资源和社会保障管理事务",
    "2080101": "行政运行",
    "2080102": "一般行政管理事务",
    "2080105": "劳动保障监察",
    "2080106": "就业管理事务",
    "2080109": "社会保险经办机构",
    "2080150": "事业运行",
    "2080199": "其他人力资源和社会保障管理事务支出",
    "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "20807": "就业补助",
    "2080701": "就业创业服务补贴",
    "2080704": "社会保险补贴",
    "2080705": "公益性岗位补贴",
    "2080799": "其他就业补助支出",
    "21001": "卫生健康管理事务",
    "2100101": "行政运行",
    "2100102": "一般行政管理事务",
    "21004": "公共卫生",
    "2100401": "疾病预防控制机构",
    "2100408": "基本公共卫生服务",
    "2100409": "重大公共卫生服务",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助",
    "21201": "城乡社区管理事务",
    "2120101": "行政运行",
    "2120102": "一般行政管理事务",
    "2120199": "其他城乡社区管理事务支出",
    "21208": "国有土地使用权出让收入安排的支出",
    "2120801": "征地和拆迁补偿支出",
    "2120802": "土地开发支出",
    "2120803": "城市建设支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
    "2210202": "提租补贴",
    "2210203": "购房补贴",
    "22301": "解决历史遗留问题及改革成本支出",
    "2230105": "国有企业退休人员社会化管理补助支出",
    "22960": "彩票公益金安排的支出",
    "2296002": "用于社会福利的彩票公益金支出",
}

# 部门预算支出经济分类科目 (类 and 款) as printed in 公开06表.
ECONOMIC_NAMES: dict[str, str] = {
    "301": "工资福利支出", "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金",
    "30106": "伙食补助费", "30107": "绩效工资", "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费", "30110": "职工基本医疗保险缴费", "30111": "公务员医疗补助缴费",
    "30112": "其他社会保障缴费", "30113": "住房公积金", "30114": "医疗费", "30199": "其他工资福利支出",
    "302": "商品和服务支出", "30201": "办公费", "30202": "印刷费", "30203": "咨询费", "30204": "手续费",
    "30205": "水费", "30206": "电费", "30207": "邮电费", "30208": "取暖费", "30209": "物业管理费",
    "30211": "差旅费", "30212": "因公出国（境）费用", "30213": "维修（护）费", "30214": "租赁费",
    "30215": "会议费", "30216": "培训费", "30217": "公务接待费", "30218": "专用材料费",
    "30224": "被装购置费", "30225": "专用燃料费", "30226": "劳务费", "30227": "委托业务费",
    "30228": "工会经费", "30229": "福利费", "30231": "公务用车运行维护费", "30239": "其他交通费用",
    "30240": "税金及附加费用", "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助", "30301": "离休费", "30302": "退休费", "30303": "退职（役）费",
    "30304": "抚恤金", "30305": "生活补助", "30306": "救济费", "30307": "医疗费补助", "30308": "助学金",
    "30309": "奖励金", "30310": "个人农业生产补贴", "30311": "代缴社会保险费",
    "30399": "其他对个人和家庭的补助",
    "307": "债务利息及费用支出", "30701": "国内债务付息", "30702": "国外债务付息",
    "310": "资本性支出", "31001": "房屋建筑物购建", "31002": "办公设备购置", "31003": "专用设备购置",
    "31005": "基础设施建设", "31006": "大型修缮", "31007": "信息网络及软件购置更新", "31008": "物资储备",
    "31009": "土地补偿", "31010": "安置补助", "31011": "地上附着物和青苗补偿", "31012": "拆迁补偿",
    "31013": "公务用车购置", "31019": "其他交通工具购置", "31021": "文物和陈列品购置",
    "31022": "无形资产购置", "31099": "其他资本性支出",
    "312": "对企业补助", "31201": "资本金注入", "31203": "政府投资基金股权投资", "31204": "费用补贴",
    "31205": "利息补贴", "31206": "其他资本性补助", "31299": "其他对企业补助",
    "399": "其他支出", "39907": "国家赔偿费用支出", "39908": "对民间非营利组织和群众性自治组织补贴",
    "39909": "经常性赠与", "39910": "资本性赠与", "39999": "其他支出",
}


def _seq(*codes: str) -> tuple[str, ...]:
    return codes


# 公开06表 prints three side-by-side column groups with a fixed list of codes each
# (人员经费: 301 and 303; 公用经费: 302; 公用经费 continued: 307, 310, 312, 399).
T06_GROUPS: tuple[tuple[str, ...], ...] = (
    _seq("301", "30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111",
         "30112", "30113", "30114", "30199", "303", "30301", "30302", "30303", "30304", "30305",
         "30306", "30307", "30308", "30309", "30310", "30311", "30399"),
    _seq("302", "30201", "30202", "30203", "30204", "30205", "30206", "30207", "30208", "30209",
         "30211", "30212", "30213", "30214", "30215", "30216", "30217", "30218", "30224", "30225",
         "30226", "30227", "30228", "30229", "30231", "30239", "30240", "30299"),
    _seq("307", "30701", "30702", "310", "31001", "31002", "31003", "31005", "31006", "31007",
         "31008", "31009", "31010", "31011", "31012", "31013", "31019", "31021", "31022", "31099",
         "312", "31201", "31203", "31204", "31205", "31206", "31299", "399", "39907", "39908",
         "39909", "39910", "39999"),
)
PERSONNEL_CLASSES = ("301", "303")  # 人员经费
PUBLIC_CLASSES = ("302", "307", "310", "312", "399")  # 公用经费


@lru_cache(maxsize=1)
def _catalogue():
    """The project catalogue module when it exists (juesuan.catalogue), else None."""
    try:
        import juesuan.catalogue as cat  # noqa: PLC0415
    except Exception:  # not built yet, or broken: fall back to the local lists
        return None
    return cat if hasattr(cat, "get") else None


def _from_catalogue(code: str) -> str | None:
    cat = _catalogue()
    if cat is None:
        return None
    try:
        entry = cat.get(code)
    except Exception:
        return None
    if entry is None:
        return None
    if isinstance(entry, str):
        return entry
    name = getattr(entry, "name", None)
    if name is None and isinstance(entry, dict):
        name = entry.get("name")
    return name if isinstance(name, str) and name else None


def functional_name(code: str) -> str:
    if code in CLASS_NAME:
        return CLASS_NAME[code]
    return FUNCTIONAL_NAMES.get(code) or _from_catalogue(code) or ""


def economic_name(code: str) -> str:
    return ECONOMIC_NAMES.get(code) or _from_catalogue(code) or ""


def _catalogue_codes(kind: Literal["functional", "economic"]) -> set[str]:
    from juesuan import catalogue as cat

    return {e.code for e in cat.entries(kind)}


def functional_codes() -> list[str]:
    """Every functional code of the bundled catalogue (and the local list), sorted: the input
    workbook's pick list."""
    return sorted(set(CLASS_NAME) | set(FUNCTIONAL_NAMES) | _catalogue_codes("functional"))


def economic_codes() -> list[str]:
    return sorted(set(ECONOMIC_NAMES) | _catalogue_codes("economic"))


def parent(code: str) -> str | None:
    """The 款 of a 项, the 类 of a 款 (functional); the 类 of a 款 (economic)."""
    if len(code) == 7:
        return code[:5]
    if len(code) == 5:
        return code[:3]
    return None


def economic_class(code: str) -> str:
    return code[:3]
