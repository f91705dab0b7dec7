"""Department identity: names with more or fewer administrative divisions are one department."""

from __future__ import annotations

import pytest

from juesuan.store.departments import parse, same_region


@pytest.mark.parametrize(("name", "key", "region"), [
    ("上海市普陀区财政局", "普陀区财政局", "上海市普陀区"),
    ("普陀区财政局", "普陀区财政局", "普陀区"),
    ("上海市财政局", "上海市财政局", "上海市"),  # never collapses to a bare 财政局
    ("辽宁省丹东市人力资源和社会保障局", "丹东市人力资源和社会保障局", "辽宁省丹东市"),
    ("辽宁省阜新市细河区人力资源和社会保障服务中心", "细河区人力资源和社会保障服务中心", "辽宁省阜新市细河区"),
    ("济源产城融合示范区人力资源和社会保障局", "济源产城融合示范区人力资源和社会保障局", "济源产城融合示范区"),
    ("样例市市场监督管理局", "样例市市场监督管理局", "样例市"),  # 市场 is not a division
    ("区人社局", "区人社局", ""),
    ("样例市青禾区人力资源和社会保障局（本级）", "青禾区人力资源和社会保障局", "样例市青禾区"),
    (" 上海市 普陀区 财政局 ", "普陀区财政局", "上海市普陀区"),
])
def test_parse(name, key, region):
    n = parse(name)
    assert (n.key, n.region) == (key, region)


def test_same_department_across_spellings():
    a, b = parse("上海市普陀区财政局"), parse("普陀区财政局")
    assert a.key == b.key and same_region(a.region, b.region)


def test_same_district_name_in_two_cities_is_two_departments():
    a, b = parse("上海市普陀区财政局"), parse("浙江省舟山市普陀区财政局")
    assert a.key == b.key and not same_region(a.region, b.region)
