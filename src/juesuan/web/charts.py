"""ECharts options for the comparison pages, built on the server as plain JSON.

A template puts an option in a ``data-option`` attribute (``|tojson`` escapes it for HTML) and
``static/charts.js`` draws every ``.chart`` element with the vendored ECharts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

PALETTE = ["#1f5f99", "#d9822b", "#3f9a62", "#b23a48", "#7b5ea7", "#5b7083"]
SEVERITY_COLOURS = {"错误": "#c62828", "警告": "#b26a00", "提示": "#1565c0"}
COUNT_UNITS = ("条", "份", "个")


def has_data(series: Mapping[str, Sequence[Any]]) -> bool:
    return any(v is not None for values in series.values() for v in values)


def bar(categories: Sequence[Any], series: Mapping[str, Sequence[Any]], *, unit: str = "万元",
        stacked: bool = True, colours: Mapping[str, str] | None = None, horizontal: bool = False) -> dict[str, Any]:
    """A (stacked) bar chart; values are decimal strings or numbers, None for not printed."""
    cat_axis = {"type": "category", "data": [str(c) for c in categories]}
    val_axis: dict[str, Any] = {"type": "value", "name": unit, "nameTextStyle": {"align": "left"}}
    if unit in COUNT_UNITS:
        val_axis["minInterval"] = 1  # counts: no 0.2 of a document
    out_series = []
    for i, (name, values) in enumerate(series.items()):
        s: dict[str, Any] = {"name": name, "type": "bar", "data": list(values), "barMaxWidth": 48,
                             "itemStyle": {"color": (colours or {}).get(name, PALETTE[i % len(PALETTE)])}}
        if stacked:
            s["stack"] = "total"
        out_series.append(s)
    return {
        "animation": False,  # charts are printed and screenshotted; no half-drawn frames
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 16, "top": 40, "bottom": 8, "containLabel": True},
        "xAxis": val_axis if horizontal else cat_axis,
        "yAxis": ({**cat_axis, "inverse": True} if horizontal else val_axis),
        "series": out_series,
    }
