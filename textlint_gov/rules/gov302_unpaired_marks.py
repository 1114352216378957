"""GOV302: a paired mark (quote, bracket, 书名号) without its partner in the paragraph."""

from __future__ import annotations

import re

from textlint_gov.findings import Hit, Severity
from textlint_gov.rules import Context, Rule

# opening mark -> closing mark; half-width brackets pair with full-width ones (GOV301 reports the width)
_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": "）", "【": "】", "〈": "〉", "〔": "〕", "[": "]"}
_CLOSE = {"”": "“", "’": "‘", "》": "《", "）": "（", ")": "（", "】": "【", "〉": "〈", "〕": "〔", "]": "["}
_NORMAL = {"(": "（", ")": "）"}
_QUOTE_OPEN = {"“", "‘"}
_QUOTE_CLOSE = {"”", "’"}
_MARKS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSE)) + "]")  # only these are read
_SENTENCE_END = tuple("。！？；：…”’）》】!?;:")
# 序次语 written 1） or 一) at the start of a paragraph: a lone closing bracket by design (GOV305 checks the form)
_ORDINAL = re.compile(r"\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}|[a-zA-Z])[)）]")
# A bracket may open in one block and close in a following one when the lines between are short:
# the header of a 法规 wrapped by the editor or the crawler (“（2019年3月28日……常务委员会” /
# “第九次会议通过）”). Quotations across paragraphs have their own rule (GB/T 15834-2011 4.8.3).
_CROSS_BLOCKS = 3  # blocks looked at on each side
_SHORT = 120  # characters: a longer block is body text, not a wrapped line


class UnpairedMarks(Rule):
    """引号、括号、书名号不成对。

    作用：
    在每个段落内配对检查 “ ” ‘ ’ 《 》 （ ） 【 】 〈 〉 〔 〕，报告缺少另一半的标号。半角括号与全角括号按一对计（宽度问题由 GOV301 报告）；段首的“1）”类序次语不算缺少左括号。
    引用多段文字时，各段开头用前引号、只在最后一段末尾用后引号（GB/T 15834-2011 4.8.3），所以段末未闭合的前引号、段首第一个后引号不报；引号内又出现同一种前引号（内层应用单引号）、或已闭合后又多出后引号的才报。不以句末标点结束的段落视为被折断的行，段末未闭合的括号、段中第一个左括号之前的右括号不报。括号（含书名号、方头括号等）在一段开、在随后不远的段落闭合，而其间各段都是短行（不超过 120 字，前后各看 3 段）的，如被折行的法规题注“（2019年3月28日……常务委员会”/“第九次会议通过）”，按一对计。
    原因：
    GB/T 15834-2011 4.8、4.9、4.15：引号、括号、书名号都是成对使用的标号。缺一半多是删改时漏删或漏补，读者无法判断引文、注释或书名到哪里为止。
    示例：
    深入学习贯彻《中华人民共和国安全生产法，落实企业主体责任。
    修改为：
    深入学习贯彻《中华人民共和国安全生产法》，落实企业主体责任。
    """

    code = "GOV302"
    name = "unpaired-marks"
    category = "punctuation"
    severity = Severity.WARNING
    summary = "引号、括号、书名号不成对"
    source = "GB/T 15834-2011 4.8 引号、4.9 括号、4.15 书名号"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (
        ("通知\n深入学习贯彻《中华人民共和国安全生产法，落实企业主体责任。\n", None),
        ("通知\n他说：“要“抓好”落实。”\n", None),
        ("通知\n落实企业主体责任）。\n", None),
    )
    passes = (
        "通知\n深入学习贯彻《中华人民共和国安全生产法》（2021年修正），落实“三个必须”。\n",
        "通知\n“第一条\u3000为了规范管理，制定本办法。\n“第二条\u3000本办法自公布之日起施行。”\n",
        "通知\n1）明确责任分工。\n",
    )

    def check(self, ctx: Context):
        cross = None  # read only when the block has an unpaired mark of its own
        for hit in self._check_block(ctx.text):
            if cross is None:
                cross = _paired_across_blocks(ctx)
            if hit.start not in cross:
                yield hit

    def _check_block(self, text: str):
        skip = -1
        m = _ORDINAL.match(text)
        if m:
            skip = m.end() - 1
        # A paragraph that does not end a sentence is a fragment (a line broken by the crawler or
        # the editor): its last opener may close on the next line, as its first closer may open above.
        fragment_end = not text.rstrip().endswith(_SENTENCE_END)
        stack: list[tuple[str, int]] = []
        quote_seen = False
        opened = False  # a bracket has opened in this paragraph
        for mark in _MARKS.finditer(text):
            i, ch = mark.start(), mark.group()
            if i == skip:
                continue
            if ch in _QUOTE_OPEN:
                if stack and stack[-1][0] == ch:
                    j = stack[-1][1]
                    yield Hit(
                        j,
                        j + 1,
                        f"“{ch}”缺少与之配对的“{_PAIRS[ch]}”（引号内又出现“{ch}”，内层引号应改用单引号）",
                    )
                    stack.pop()
                stack.append((ch, i))
                quote_seen = True
            elif ch in _QUOTE_CLOSE:
                want = _CLOSE[ch]
                if stack and stack[-1][0] == want:
                    stack.pop()
                elif any(o == want for o, _ in stack):
                    while stack and stack[-1][0] != want:
                        _o, j = stack.pop()
                        yield Hit(j, j + 1, f"“{text[j]}”缺少与之配对的“{_PAIRS[text[j]]}”")
                    stack.pop()
                elif quote_seen:
                    yield Hit(i, i + 1, f"“{ch}”缺少与之配对的“{want}”")
                # else: the first mark of the paragraph closes a quotation of several paragraphs
                quote_seen = True
            elif ch in _PAIRS:
                stack.append((_NORMAL.get(ch, ch), i))
                opened = True
            elif ch in _CLOSE:
                want = _CLOSE[ch]
                if stack and stack[-1][0] == want:
                    stack.pop()
                    continue
                depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == want), None)
                if depth is None:
                    if not (i == 0 or text[:i].isspace() or (fragment_end and not opened)):
                        yield Hit(i, i + 1, f"“{ch}”缺少与之配对的“{want}”")
                    continue
                for opener, j in stack[depth + 1 :]:
                    if opener not in _QUOTE_OPEN:
                        yield Hit(j, j + 1, f"“{text[j]}”缺少与之配对的“{_PAIRS[text[j]]}”")
                del stack[depth:]
        if fragment_end:
            return
        for opener, j in stack:
            if opener in _QUOTE_OPEN:
                continue  # a quotation of several paragraphs opens in each and closes in the last
            yield Hit(j, j + 1, f"“{text[j]}”缺少与之配对的“{_PAIRS[text[j]]}”")


def _bracket_marks(text: str):
    """(offset, opener it needs or is) of every non-quote paired mark of a block, in order."""
    m = _ORDINAL.match(text)
    skip = m.end() - 1 if m else -1
    for mark in _MARKS.finditer(text):
        i, ch = mark.start(), mark.group()
        if i == skip or ch in _QUOTE_OPEN or ch in _QUOTE_CLOSE:
            continue
        if ch in _PAIRS:
            yield i, True, _NORMAL.get(ch, ch)
        elif ch in _CLOSE:
            yield i, False, _CLOSE[ch]


def _paired_across_blocks(ctx: Context) -> set[int]:
    """Offsets in this block of brackets whose partner stands in a neighbouring block, within a
    run of short blocks (at most :data:`_CROSS_BLOCKS` away). Needs the context's neighbour view."""
    blocks, index = ctx.blocks, ctx.index
    if not (0 <= index < len(blocks)) or blocks[index] is not ctx.block or len(ctx.text) > _SHORT:
        return set()
    lo = index
    while lo > max(0, index - _CROSS_BLOCKS) and len(blocks[lo - 1].text) <= _SHORT:
        lo -= 1
    hi = index
    while hi < min(len(blocks) - 1, index + _CROSS_BLOCKS) and len(blocks[hi + 1].text) <= _SHORT:
        hi += 1
    if lo == hi:
        return set()
    stack: list[tuple[int, int, str]] = []  # (block, offset, opener)
    cross: set[int] = set()
    for b in range(lo, hi + 1):
        for i, is_open, opener in _bracket_marks(blocks[b].text):
            if is_open:
                stack.append((b, i, opener))
                continue
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][2] == opener), None)
            if depth is None:
                continue
            ob, oi, _ = stack[depth]
            del stack[depth:]
            if ob != b:
                if ob == index:
                    cross.add(oi)
                if b == index:
                    cross.add(i)
    return cross
