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
