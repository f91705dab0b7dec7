from __future__ import annotations

from juesuan.render import render_bytes
from juesuan.render.layout import cn_number
from juesuan.synth import sample
from tests_support import EXAMPLES


def test_table_layout_like_the_seeds(sample_year):
    y, prev = sample_year
    d = y.disclosure
    lines = render_bytes(d, "txt", prev.disclosure, y.supplement).decode("utf-8").split("\n")
    i = lines.index("收入支出决算总表", lines.index("第二部分 " + d.meta.department + f"{d.meta.year}年度部门决算表"))
    assert lines[i:i + 10] == ["收入支出决算总表", "", "公开01表", "", f"部门：{d.meta.department}", "",
                               f"{d.meta.year}年度", "", "单位：万元", ""]
    assert lines[i + 10] == "收入\t\t\t支出\t\t"
    assert lines[i + 11] == "项目\t行次\t决算数\t项目\t行次\t决算数"
    assert lines[i + 12] == "栏次\t\t1\t栏次\t\t2"
    assert lines[i + 13].startswith("一、一般公共预算财政拨款收入\t1\t")
    j = lines.index("收入决算表", i)
    assert lines[j + 10].split("\t")[:3] == ["项目", "", "本年收入合计"]
    assert lines[j + 12] == "栏次\t\t" + "\t".join(str(k) for k in range(1, 8))
    assert lines[j + 13].startswith("合计\t\t")
    notes = [ln for ln in lines if ln.startswith("注：")]
    assert len(notes) == 9
    assert d.tables["T07"].empty_statement in lines


def test_cn_numbers():
    assert [cn_number(n) for n in (1, 9, 10, 11, 19, 20, 21, 26)] == [
        "一", "九", "十", "十一", "十九", "二十", "二十一", "二十六"]


def test_bundled_sample_is_current():
    d, prev, sup = sample()
    txt = render_bytes(d, "txt", prev, sup).decode("utf-8")
    assert (EXAMPLES / "sample_disclosure.txt").read_text(encoding="utf-8") == txt, \
        "regenerate: python -m juesuan.demo --write-sample"
    from juesuan.model import Disclosure

    bundled = Disclosure.model_validate_json((EXAMPLES / "sample_disclosure.json").read_bytes())
    assert bundled.model_dump() == d.model_dump()
