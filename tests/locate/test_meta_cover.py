"""The department named on the cover, however a text tool laid the cover out (locate/meta)."""

from __future__ import annotations

import pytest

from juesuan.locate.meta import locate_metadata
from juesuan.read.text import read_text

COVERS = {
    "one line": "示例市示例区财政局2024年度部门决算\n目录\n",
    # pdfplumber with layout=True: the cover's blank space kept as blank lines, the text indented
    "blank lines kept": "\n".join([" " * 80] * 20 + ["          示例市示例区财政局          2024 年度部门决算   ", "目 录"]) + "\n",
    # pdfplumber: the year's figures set on a line of their own below the 年度 they belong to
    "year set apart": "示例市示例区财政局\n年度部门决算\n2024\n目 录\n",
}


@pytest.mark.parametrize("cover", COVERS.values(), ids=COVERS.keys())
def test_the_department_is_read_from_the_cover(cover):
    src = read_text(cover.encode("utf-8"), "cover.txt")
    assert locate_metadata(src, []).department == "示例市示例区财政局"


@pytest.mark.parametrize("cover", COVERS.values(), ids=COVERS.keys())
def test_the_year_is_read_from_the_cover(cover):
    src = read_text(cover.encode("utf-8"), "cover.txt")
    assert locate_metadata(src, []).year == 2024


# A year is read only where the document prints it: a figure alone on a line is a year set
# apart only right after a 年度 that lost its year (at the line's start or after a gap).
NO_YEAR = {
    "no figures": "示例市示例区财政局\n年度部门决算\n目 录\n",
    "a figure after a line with no 年度": "示例市示例区财政局\n部门决算\n2024\n目 录\n",
    "a figure after a 年度 that has its year": "示例市示例区财政局\n上年度部门决算\n2024\n目 录\n",
    "a figure that is not a year alone": "示例市示例区财政局\n年度部门决算\n2024 12\n目 录\n",
}


@pytest.mark.parametrize("cover", NO_YEAR.values(), ids=NO_YEAR.keys())
def test_no_year_is_invented(cover):
    src = read_text(cover.encode("utf-8"), "cover.txt")
    assert locate_metadata(src, []).year is None


def test_a_year_in_place_takes_no_figure_below():
    from juesuan.locate.meta import _years

    assert list(_years(["示例市示例区财政局 2023 年度部门决算", "2024"])) == [2023]
    assert list(_years(["示例市示例区财政局  年度部门决算", "  2024  "])) == [2024]
