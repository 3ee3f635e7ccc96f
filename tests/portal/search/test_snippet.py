"""A result's snippet: about `width` characters around the first match, matches marked, the rest
escaped, whatever the text holds."""

import pytest
from django.utils.safestring import SafeString

from portal.search.query import snippet


@pytest.mark.parametrize(
    ("text", "terms", "width", "expected"),
    [
        ("三号楼加装电梯公示", ["加装电梯"], 90, "三号楼<mark>加装电梯</mark>公示"),
        # Tags go, entities and angle brackets in the text stay escaped, spaces collapse.
        (
            "<p>加装 <b>电梯</b> &amp; 维修</p>\n\n<p>a < b</p>",
            ["电梯"],
            90,
            "加装 <mark>电梯</mark> &amp;amp; 维修 a &lt; b",
        ),
        ('业主说："电梯" & 楼梯', ["电梯"], 90, "业主说：&quot;<mark>电梯</mark>&quot; &amp; 楼梯"),
        # Case does not matter; every occurrence within the excerpt is marked.
        ("PPT 与 ppt 都行", ["ppt"], 90, "<mark>PPT</mark> 与 <mark>ppt</mark> 都行"),
        # Longest term first: 物业管理费 is marked whole, not as 物业.
        ("公开物业管理费明细", ["物业管理费", "物业"], 90, "公开<mark>物业管理费</mark>明细"),
        # A match far in: the excerpt starts a third of the width before it.
        (
            "甲" * 50 + "电梯" + "乙" * 50,
            ["电梯"],
            30,
            "…" + "甲" * 10 + "<mark>电梯</mark>" + "乙" * 18 + "…",
        ),
        ("没有匹配的内容" * 20, ["电梯"], 10, "没有匹配的内容没有匹…"),
        ("<script>alert(1)</script>x<y", [], 90, "alert(1)x&lt;y"),
        ("", ["电梯"], 90, ""),
        (None, ["电梯"], 90, ""),
    ],
)
def test_snippets(text, terms, width, expected):
    result = snippet(text, terms, width=width)
    assert result == expected
    assert isinstance(result, SafeString) or result == ""


def test_the_same_terms_give_the_same_snippets_search_after_search():
    terms = ["加装电梯", "电梯"]
    first = [snippet(f"第{n}号楼加装电梯", terms) for n in range(3)]
    again = [snippet(f"第{n}号楼加装电梯", list(terms)) for n in range(3)]
    assert first == again == [f"第{n}号楼<mark>加装电梯</mark>" for n in range(3)]
