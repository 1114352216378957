"""Use and mention: text that talks about a form is not a use of it.

A notice that corrects a slip quotes the wrong form (“习近平书记”的表述有误，应为……; 不得写成“布署”),
and a list of repealed documents cites their titles as issued (《环境与国土资源局关于……》). Neither
is the author writing that form today. :func:`mentioned` recognises the first (the engine drops such
hits of wording, expression, typo and name rules, so ``--fix`` never rewrites the example);
:func:`historic` the second (rules that change over time leave old names alone there).
"""

from __future__ import annotations

import re

# Verbs that introduce a form being talked about: 误写为“布署”, 不能写成习近平书记.
_BEFORE = re.compile(
    r"(?:写成|写作|写为|误写|错写|误作|误为|误用|错用|错成|误成|而非|而不是|不宜用|避免使用|避免用|禁用|慎用|改掉)"
    r"[为作成]?[ \u3000]*[“‘「『\"']?$"
)
# What follows a quoted form that is being talked about: “布署”的写法是错误的; “X”应为“Y”.
_AFTER = re.compile(
    r"^[”’」』\"'][ \u3000]*(?:等|这种|这一|此类|一类)?[ \u3000]*"
    r"(?:的?(?:表述|写法|说法|提法|用法|用词|称谓|字样)|(?:应|须|需|要)?(?:改|更正|修改|纠正)?(?:为|成)[“‘「]"
    r"|应为|应改为|应写为|应当为|改为|更正为|是错|为错|属错|系错|错误|有误|不规范|不准确|不妥)"
)
_OPEN_QUOTES = "“‘「『\"'"
_CLAUSE_END = re.compile(r"[，。；：！？,;:!?\n（(]")


def mentioned(text: str, start: int, end: int) -> bool:
    """The span [start, end) of ``text`` is a form being talked about, not used."""
    before = text[max(0, start - 12) : start]
    if _BEFORE.search(before):
        return True
    quoted = start > 0 and text[start - 1] in _OPEN_QUOTES
    return quoted and bool(_AFTER.match(text[end : end + 12]))


def historic(text: str, start: int, end: int) -> bool:
    """The span names something as it was: inside a cited title 《…》, or in an enumeration that
    starts with 原 (原区旅游发展委员会、区环境与国土资源局)."""
    open_ = text.rfind("《", 0, start)
    if open_ >= 0 and text.rfind("》", open_, start) < 0:
        close = text.find("》", end)
        if close >= 0 and text.find("《", end, close) < 0:
            return True
    clause = max(
        (m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 40), start)), default=max(0, start - 40)
    )
    return bool(re.search(r"(?:^|[、和及与])原", text[clause:start]))
