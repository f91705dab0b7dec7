"""Department profiles of the synthetic data (all names made up, under the fictitious 样例市) and
the weights that split spending by economic class."""

from __future__ import annotations

from dataclasses import dataclass

YEARS = (2022, 2023, 2024)
DEFAULT_SEED = 20240601


@dataclass(frozen=True)
class Profile:
    key: str
    name: str
    units: tuple[str, ...]
    scale: int  # approximate 本年支出合计 in the first year, cents of 万元
    admin_share: float  # share of basic spending in 行政 units (drives 机关运行经费)
    main_basic: tuple[tuple[str, float], ...]  # 项 codes that carry ordinary basic spending
    retire_code: str  # 303 retirement spending lands here
    medical_code: str  # 30110/30111 → this 项
    project: tuple[tuple[str, float], ...]  # 项 codes with project spending
    project_ratio: float  # general-budget project spending / general-budget basic spending
    nonfiscal: tuple[tuple[str, str, float], ...] = ()  # (income item, 项 code, share of scale)
    fund: tuple[tuple[str, float], ...] = ()  # 政府性基金 项 codes
    fund_ratio: float = 0.0
    capital: tuple[tuple[str, float], ...] = ()  # 国有资本经营 项 codes
    capital_ratio: float = 0.0
    vehicles: int = 0
    projects: tuple[str, ...] = ()  # made-up project names for the performance summaries


PROFILES: tuple[Profile, ...] = (
    Profile(
        key="renshe",
        name="样例市青禾区人力资源和社会保障局",
        units=("样例市青禾区人力资源和社会保障局（本级）", "样例市青禾区就业服务中心", "样例市青禾区劳动人事争议仲裁院"),
        scale=420000,
        admin_share=0.7,
        main_basic=(("2080101", 0.7), ("2080150", 0.3)),
        retire_code="2080501",
        medical_code="2101101",
        project=(("2080102", 0.12), ("2080106", 0.08), ("2080701", 0.3), ("2080704", 0.25),
                 ("2080705", 0.2), ("2080799", 0.05)),
        project_ratio=0.9,
        projects=("青禾区就业服务平台运维", "零工市场建设补助", "技能培训补贴发放"),
    ),
    Profile(
        key="jiaoyu",
        name="样例市松溪县教育局",
        units=("样例市松溪县教育局（本级）", "样例市松溪县第一中学", "样例市松溪县实验小学",
               "样例市松溪县中心幼儿园", "样例市松溪县职业中专"),
        scale=1850000,
        admin_share=0.08,
        main_basic=(("2050101", 0.06), ("2050201", 0.1), ("2050202", 0.34), ("2050203", 0.26),
                    ("2050204", 0.16), ("2050302", 0.08)),
        retire_code="2080502",
        medical_code="2101102",
        project=(("2050102", 0.08), ("2050202", 0.3), ("2050203", 0.25), ("2050204", 0.17),
                 ("2050299", 0.1), ("2050302", 0.1)),
        project_ratio=0.35,
        nonfiscal=(("事业收入", "2050204", 0.035), ("其他收入", "2050203", 0.006),
                   ("上级补助收入", "2050302", 0.01)),
        fund=(("2296002", 1.0),),
        fund_ratio=0.0,  # declared empty in some years (set per year below)
        vehicles=2,
        projects=("县域学校校舍维修改造", "教师培训提升计划", "学生营养餐补助"),
    ),
    Profile(
        key="zhujian",
        name="样例市明川区住房和城乡建设局",
        units=("样例市明川区住房和城乡建设局（本级）", "样例市明川区市政设施服务中心"),
        scale=960000,
        admin_share=0.6,
        main_basic=(("2120101", 0.75), ("2120199", 0.25)),
        retire_code="2080501",
        medical_code="2101101",
        project=(("2120102", 0.35), ("2120199", 0.25), ("2210203", 0.4)),
        project_ratio=0.6,
        nonfiscal=(("其他收入", "2120199", 0.004),),
        fund=(("2120801", 0.55), ("2120802", 0.15), ("2120803", 0.3)),
        fund_ratio=0.45,
        capital=(("2230105", 1.0),),
        capital_ratio=0.02,
        vehicles=3,
        projects=("老旧小区配套设施改造", "市政道路养护", "住房保障信息系统运维"),
    ),
    Profile(
        key="weijian",
        name="样例市云岭县卫生健康局",
        units=("样例市云岭县卫生健康局（本级）", "样例市云岭县疾病预防控制中心"),
        scale=680000,
        admin_share=0.45,
        main_basic=(("2100101", 0.55), ("2100401", 0.45)),
        retire_code="2080502",
        medical_code="2101102",
        project=(("2100102", 0.15), ("2100408", 0.55), ("2100409", 0.3)),
        project_ratio=1.1,
        nonfiscal=(("事业收入", "2100401", 0.02), ("经营收入", "2100401", 0.004)),
        vehicles=1,
        projects=("基层医疗机构能力提升", "慢性病综合防控", "妇幼健康服务"),
    ),
)

# Economic split of 人员经费 (weights; zero-weight items stay blank).
PERSONNEL_WEIGHTS = {
    "30101": 22, "30102": 17, "30103": 5, "30107": 13, "30108": 10, "30109": 4,
    "30110": 5, "30111": 1, "30112": 1, "30113": 8, "30199": 2,
}
RETIRE_WEIGHTS = {"30302": 95, "30305": 3, "30309": 2}
PUBLIC_WEIGHTS = {
    "30201": 12, "30202": 2, "30205": 3, "30206": 6, "30207": 4, "30209": 10, "30211": 6,
    "30213": 5, "30215": 1, "30216": 3, "30217": 1, "30226": 14, "30228": 7, "30229": 8,
    "30231": 4, "30239": 5, "30299": 4, "31002": 5,
}
