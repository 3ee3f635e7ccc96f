"""Masking of volunteers' and residents' names for public pages (PIPL: no full name without consent)."""

import re
from functools import lru_cache
from html import escape

# Two-character surnames that must stay whole so the masked name still reads naturally.
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "令狐",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "申屠",
    "轩辕",
    "澹台",
    "钟离",
    "闻人",
    "呼延",
)

ANONYMOUS = "匿名志愿者"


def split_surname(name):
    """(surname, given name); compound surnames only when a given name follows them."""
    name = (name or "").strip()
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def mask_name(name):
    """张小芬 -> 张*芬, 张芬 -> 张*, 欧阳修 -> 欧阳*, 欧阳小明 -> 欧阳*明, 张 -> *."""
    name = "".join((name or "").split())
    if not name:
        return ANONYMOUS
    if len(name) == 1:
        return "*"
    surname, given = split_surname(name)
    if len(given) <= 1:
        return surname + "*"
    return surname + "*" * (len(given) - 1) + given[-1]


def mask_names_in(text, names, html=False):
    """`text` with every full name in `names` replaced by its masked form (张秀英 -> 张*英).

    Longer names go first so 欧阳建国 is not half-masked as 欧阳建. One-character "names"
    are ignored: they would mask that character everywhere. With html=True the text is HTML
    and names are matched as HTML writes them too.
    """
    names = {"".join(name.split()) for name in names if name}
    names = {name for name in names if len(name) >= 2}
    if not text or not names:
        return text
    forms = {}
    for name in names:
        forms[name] = name
        if html:
            forms[escape(name, quote=False)] = name
    return _pattern(frozenset(forms)).sub(lambda match: mask_name(forms[match.group()]), text)


@lru_cache(maxsize=64)
def _pattern(forms):
    return re.compile("|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True)))
