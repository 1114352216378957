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


# What a leader's own report, speech or article is called in its title: 习近平在……上的讲话.
_OWN_WORK = "(?:讲话|报告|致辞|演讲|讲演|谈话|文章|署名文章|贺信|贺词|书信|回信|序言|前言|讲话稿)"
# The verb that opens a quotation of his words: 习近平总书记指出：“……”
_QUOTE_VERB = re.compile(
    r"(?:指出|强调|说|讲|表示|要求|提出|宣布|写道|明确|阐明|深刻指出|郑重宣示)[：:，,]?[ \u3000]*$"
)


def own_words(ctx, start: int, end: int, speaker: str) -> bool:
    """The span [start, end) of ``ctx.text`` is ``speaker``'s own words: the document is his report,
    speech or article (its title names him as speaker or author, or a by-line names him), or the
    span is inside a verbatim quotation of him (习近平总书记指出：“……”). A formulation he uses of
    himself (新时代中国特色社会主义思想 without his name) is right there, and only there."""
    text = ctx.text
    open_ = text.rfind("“", 0, start)
    if open_ >= 0 and text.find("”", open_, start) < 0:
        before = text[max(0, open_ - 40) : open_]
        at = before.rfind(speaker)
        if at >= 0 and "。" not in before[at:] and _QUOTE_VERB.search(before):
            return True
    return _by_speaker(ctx, speaker)


def _by_speaker(ctx, speaker: str) -> bool:
    meta = getattr(ctx, "meta", None) or {}
    titles = [meta.get("title") or ""]
    blocks = list(getattr(ctx, "blocks", ()) or ())
    titles += [b.text for b in blocks[:8] if b.kind == "title"]
    # the title starts with his name, then the occasion of his speech or the name of his article:
    # 习近平在……上的讲话 / 习近平：在……的报告 / 习近平同志《……》 / 习近平致……的贺信
    occasion = rf"在[^。；]{{1,60}}?的?(?:重要)?(?:主旨)?{_OWN_WORK}"
    letter = rf"致[^。；]{{1,40}}?的?{_OWN_WORK}"
    work = re.compile(
        rf"^《?{re.escape(speaker)}(?:同志|总书记)?[：:\s\u3000]*(?:{occasion}|《|{letter}|{_OWN_WORK})"
    )
    if any(work.search(t) for t in titles if t):
        return True
    for b in blocks[:8]:  # a by-line: 习近平 / 作者：习近平 / ——习近平
        line = re.sub(r"[\s\u3000]+", "", b.text)
        if re.fullmatch(r"(?:作者[：:]|文[／/]|——)?" + re.escape(speaker), line):
            return True
    return False
