"""Department and region pages, drawn from ``juesuan.compare`` (through the store): a
department's figures year on year, and league tables of a region's departments with outliers
marked, each with ECharts charts."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from fastapi.responses import HTMLResponse

from juesuan.compare.region import METHOD
from juesuan.compare.years import CellSeries, YearTable
from juesuan.glossary import TABLE_IDS, TABLES
from juesuan.money import q2
from juesuan.store import NotFound
from juesuan.store.departments import divisions
from juesuan.web import charts

if TYPE_CHECKING:
    from juesuan.compare.region import League
    from juesuan.web.routes import Pages

# The headline rows of the department page, in reading order: (label, table, row, column,
# indented under the row above). The full comparison of every cell follows, folded.
HEADLINE: tuple[tuple[str, str, str, str, bool], ...] = (
    ("本年收入合计", "T01", "本年收入合计", "金额", False),
    ("本年支出合计", "T01", "本年支出合计", "金额", False),
    ("基本支出", "T03", "合计", "基本支出", True),
    ("项目支出", "T03", "合计", "项目支出", True),
    ("一般公共预算财政拨款支出", "T05", "合计", "小计", False),
    ("人员经费", "T06", "人员经费合计", "决算数", True),
    ("公用经费", "T06", "公用经费合计", "决算数", True),
    ("“三公”经费", "T09", "决算数", "合计", False),
    ("因公出国（境）费", "T09", "决算数", "因公出国（境）费", True),
    ("公务用车购置费", "T09", "决算数", "公务用车购置费", True),
    ("公务用车运行维护费", "T09", "决算数", "公务用车运行维护费", True),
    ("公务接待费", "T09", "决算数", "公务接待费", True),
)
SANGONG_PARTS = ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
# the region page's overview table: one column per metric (ids of juesuan.compare.region)
OVERVIEW = ("spending", "basic_share", "sangong", "sangong_completion", "operating", "findings_error")
DEFAULT_METRIC = "sangong"


def _num(v: Decimal | None) -> str:
    return "—" if v is None else format(q2(v), "f")


def _pct(v: Decimal | None) -> str:
    return "—" if v is None else f"{q2(v)}%"


def _chart_value(v: Decimal | None) -> str | None:
    return None if v is None else format(q2(v), "f")


def series_row(s: CellSeries, years: list[int], label: str | None = None, indent: bool = False) -> dict[str, Any]:
    """One comparison row: per year the value and its change from the year before."""
    cells = []
    for y in years:
        ch, rt = s.changes.get(y), s.rates.get(y)
        delta = ""
        if ch is not None:
            sign = "+" if ch > 0 else ""
            delta = f"{sign}{_num(ch)}" + (f"（{sign}{_pct(rt)}）" if rt is not None else "")
        cells.append({"text": _num(s.values.get(y)), "delta": delta,
                      "dir": "" if not ch else ("up" if ch > 0 else "down")})
    return {"label": label or s.label or s.row, "code": s.row if s.row.isdigit() else "", "column": s.column,
            "indent": indent, "cells": cells}


def register(pages: Pages) -> None:
    def departments_route(region: str | None = None) -> HTMLResponse:
        deps = pages.store.departments(region=region or None)
        return pages.render("departments.html.j2", title="部门", nav="departments", deps=deps, region=region or "")

    def department_route(department_id: int) -> HTMLResponse:
        return department(pages, department_id)

    def regions_route() -> HTMLResponse:
        return regions(pages)

    def region_route(region: str, year: str | None = None, metric: str | None = None) -> HTMLResponse:
        return region_page(pages, region, year, metric)

    r = pages.router
    r.add_api_route("/departments", departments_route, methods=["GET"], name="web.departments")
    r.add_api_route("/departments/{department_id}", department_route, methods=["GET"], name="web.department")
    r.add_api_route("/regions", regions_route, methods=["GET"], name="web.regions")
    r.add_api_route("/regions/{region}", region_route, methods=["GET"], name="web.region")


def _department_charts(yt: YearTable, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def values(table: str, row: str, column: str) -> list[str | None]:
        s = yt.get(table, row, column)
        return [_chart_value(s.values.get(y)) if s else None for y in yt.years]

    out = []
    sangong = {k: values("T09", "决算数", k) for k in SANGONG_PARTS}
    structure = {k: values("T03", "合计", k) for k in ("基本支出", "项目支出")}
    if charts.has_data(sangong):
        out.append({"id": "chart-sangong", "title": "“三公”经费决算数（万元）", "option": charts.bar(yt.years, sangong)})
    if charts.has_data(structure):
        out.append({"id": "chart-structure", "title": "支出结构：基本支出与项目支出（万元）",
                    "option": charts.bar(yt.years, structure)})
    by_year: dict[int, Counter[str]] = {}
    for d in docs:  # latest reading of each document; two documents of one year add up
        if d["year"] is not None:
            by_year.setdefault(d["year"], Counter()).update({"错误": d["errors"], "警告": d["warnings"],
                                                            "提示": d["infos"]})
    if by_year:
        ys = sorted(by_year)
        out.append({"id": "chart-findings", "title": "各年度审核发现（条）",
                    "option": charts.bar(ys, {k: [by_year[y][k] for y in ys] for k in ("错误", "警告", "提示")},
                                         unit="条", colours=charts.SEVERITY_COLOURS)})
    return out


def department(pages: Pages, department_id: int) -> HTMLResponse:
    from juesuan.web.routes import doc_row

    try:
        dep = pages.store.department(department_id)
    except NotFound as e:
        return pages.not_found(str(e))
    yt = pages.store.compare_years(department_id)
    docs = [doc_row(d) for d in pages.store.documents(department_id=department_id, limit=500)]
    headline = [series_row(s, yt.years, label, indent) | {"column": ""} for label, t, row, col, indent in HEADLINE
                if (s := yt.get(t, row, col)) is not None]
    full = []
    for tid in TABLE_IDS:
        rows = [series_row(s, yt.years) for s in yt.rows if s.table == tid]
        if rows:
            full.append({"tid": tid, "title": TABLES[tid].title, "rows": rows})
    return pages.render("department.html.j2", title=dep.name, nav="departments", dep=dep, years=yt.years,
                        headline=headline, full=full, docs=docs, charts=_department_charts(yt, docs))


def region_prefixes(region: str) -> list[str]:
    """A region and the larger regions printed in front of it: 样例市云岭县 → 样例市, 样例市云岭县."""
    out, acc = [], ""
    for d in divisions(region):
        acc += d
        out.append(acc)
    return out + ([region] if region and region not in out else [])


def regions(pages: Pages) -> HTMLResponse:
    """Every region and every larger region containing one (a city with its districts)."""
    counts: Counter[str] = Counter()
    years: dict[str, set[int]] = {}
    unplaced = 0
    for d in pages.store.departments():
        if not d.region:
            unplaced += 1
        for r in region_prefixes(d.region):
            counts[r] += 1
            years.setdefault(r, set()).update(d.years)
    items = [{"region": k, "departments": n, "years": sorted(years[k], reverse=True)}
             for k, n in sorted(counts.items())]
    return pages.render("regions.html.j2", title="地区", nav="regions", items=items, unplaced=unplaced)


def _overview(leagues: dict[str, League], pages: Pages) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows = documents (by spending, largest first), columns = OVERVIEW metrics."""
    cols = [{"id": m, "label": leagues[m].label, "unit": leagues[m].unit} for m in OVERVIEW if m in leagues]
    names: dict[int, str] = {}
    cells: dict[int, dict[str, dict[str, Any]]] = {}
    for c in cols:
        for e in leagues[c["id"]].entries:
            names[e.key] = e.name
            text = _pct(e.value) if c["unit"] == "%" else (str(e.value) if c["unit"] == "个" else _num(e.value))
            cells.setdefault(e.key, {})[c["id"]] = {"text": text, "outlier": e.outlier, "z": e.z}
    spending = {e.key: e.value for e in leagues["spending"].entries} if "spending" in leagues else {}
    order = sorted(names, key=lambda k: (k not in spending, -spending.get(k, 0), names[k]))
    rows = [{"name": names[k], "link": pages.url("document", document_id=k), "cells": cells[k],
             "outlier": any(v["outlier"] for v in cells[k].values())} for k in order]
    return cols, rows


def _league_chart(lg: League) -> dict[str, Any]:
    option = charts.bar([e.name for e in lg.entries], {lg.label: [_chart_value(e.value) for e in lg.entries]},
                        unit=lg.unit, horizontal=True)
    # outliers in red, the rest in the first palette colour
    option["series"][0]["data"] = [{"value": _chart_value(e.value), "itemStyle": {
        "color": charts.SEVERITY_COLOURS["错误"] if e.outlier else charts.PALETTE[0]}} for e in lg.entries]
    return option


def region_page(pages: Pages, region: str, year: str | None, metric: str | None) -> HTMLResponse:
    deps = pages.store.departments(region=region)
    all_years = sorted({y for d in deps for y in d.years}, reverse=True)
    if not all_years:
        return pages.not_found(f"地区“{region}”还没有可比较的决算")
    chosen = int(year) if year and year.isdigit() and int(year) in all_years else all_years[0]
    n, league_list = pages.store.compare_region(chosen, region)
    leagues = {lg.metric: lg for lg in league_list}
    # the asked-for metric, else the default, else the first one any department states
    selected = leagues.get(metric or "") or next(
        (lg for lg in [leagues.get(DEFAULT_METRIC), *league_list] if lg is not None and lg.entries), league_list[0])
    cols, rows = _overview(leagues, pages)
    errors = Counter(min(int(e.value), 10) for e in leagues["findings_error"].entries) if "findings_error" in leagues \
        else Counter()
    chart_list = [
        {"id": "chart-league", "title": f"{selected.label}（{selected.unit}）：各部门排行，红色为异常值",
         "option": _league_chart(selected), "height": 80 + 26 * len(selected.entries)},
    ] if selected.entries else []
    chart_list += [
        {"id": "chart-findings-dist", "title": "每份文件的错误数分布（份）",
         "option": charts.bar([str(b) if b < 10 else "≥10" for b in range(11)], {"文件数": [errors.get(b, 0) for b in range(11)]},
                              unit="份", colours={"文件数": charts.SEVERITY_COLOURS["错误"]})},
    ]
    return pages.render("region.html.j2", title=f"{region} {chosen}", nav="regions", region=region, year=chosen,
                        years=all_years, documents=n, cols=cols, rows=rows, leagues=league_list, selected=selected,
                        charts=chart_list, method=METHOD, num=_num, pct=_pct)
