"""GOV305: a stray space that splits a Chinese word in running text (部 署, 工 作 方 案)."""

from __future__ import annotations

import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule
from textlint_gov.tokens import Segmenter

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_SPACES = " \u3000\u00a0"
# A label letter-spaced on purpose to align a list ends with a colon: 副 主 任：, 成 员：, 副 总 指 挥：
_LABEL_RUN = re.compile(rf"[{_HAN}](?:[ \u3000\u00a0]?[{_HAN}]){{0,4}}[ \u3000\u00a0]?[：:]")
# Two-character labels of forms and tables, letter-spaced by convention (姓 名、备 注); a flattened table
# runs them into the text around them.
_LABELS = frozenset(
    [
        "姓名",
        "性别",
        "民族",
        "籍贯",
        "年龄",
        "学历",
        "学位",
        "职务",
        "职称",
        "单位",
        "地址",
        "住址",
        "电话",
        "手机",
        "邮编",
        "邮箱",
        "日期",
        "时间",
        "地点",
        "备注",
        "说明",
        "意见",
        "签名",
        "签字",
        "盖章",
        "事由",
        "内容",
        "序号",
        "编号",
        "金额",
        "合计",
        "总计",
        "小计",
        "附件",
        "主任",
        "组长",
        "成员",
        "主持",
        "记录",
        "审核",
        "审批",
        "批准",
    ]
)


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


class StraySpace(Rule):
    """汉字词语中间夹了空格（部 署、工 作 方 案）。

    作用：
    找出正文中把一个词拆开的空格（半角空格、全角空格或不换行空格），如“认真部 署工作”“制定工 作 方 案”，
    建议删去空格。只报两个汉字之间的单个空格，且空格两边各剩一个不成词的单字、去掉空格后连成 jieba 词典中的词，
    并在带标点的句子中（空格前后 20 字内有逗号、句号等）。不报：公文名单中为对齐两字姓名和职务有意加的空格
    （张  三、副 主 任：、主  任），表格的表头和各格、名单和段落被压成一行时留下的空格（两边各是独立的词或格，
    或周围没有标点），表格常用的字距标签（姓 名、备 注），数字与单位之间、中外文之间的空格。
    原因：
    从 Word、PDF 或网页复制文字、或排版时为对齐手工加空格，常把词拆开；网页上显示为“部 署”，
    读者看来是排版错误，检查中计入“格式不规范”。
    示例：
    会议对下一步工作进行了部 署，要求制定工 作 方 案。
    修改为：
    会议对下一步工作进行了部署，要求制定工作方案。
    """

    code = "GOV305"
    name = "stray-space"
    category = "punctuation"
    severity = Severity.WARNING
    summary = "汉字词语中间夹了空格（部 署）"
    fix = Applicability.SAFE
    source = "jieba 分词词典（MIT）判断词语边界"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("通知\n会议对工作进行了部 署，要求抓好落实。\n", "部署"),)
    passes = ("通知\n组  长：张  三\n副 主 任：李 平\n指标名称 计量 单位 2011 历年累计\n",)

    def check(self, ctx: Context):
        seg = ctx.segmenter
        text = ctx.text
        for m in _GAP.finditer(text):  # the segmenter loads only when there is a gap to judge
            g = m.start()
            left, right = _han_run(text, g, -1), _han_run(text, g + 1, 1)
            if not (_broken(seg.tokenize(left), -1) and _broken(seg.tokenize(right), 0)):
                continue  # a space between words (计量 单位, 单位名称 单位地址), not inside one
            if len(left) == 1 and len(right) == 1:
                continue  # two characters standing alone: an aligned name or a letter-spaced label (张 三, 年 月 日)
            if (len(left) == 1 and not _in_sentence(text, g - 2, -1)) or (
                len(right) == 1 and not _in_sentence(text, g + 2, 1)
            ):
                continue  # one side is a cell of its own (信息数 条 425, 114人 大风车幼儿园)
            if not _punctuated(text, g):
                continue  # no sentence around it: a flattened table row or list (序号姓 名手机号码, 乡长林 海 芦洋乡)
            if _LABEL_RUN.match(text, g + 1):
                continue  # an aligned label: 副 主 任：, 副 总 指 挥：
            word = _split_word(left + right, len(left), seg)
            if word is None or (word[0] in _LABELS and text[g - 1 : g + 2].translate(_DROP) == word[0]):
                continue
            a, b = g - (len(left) - word[1]), g + 1 + (word[2] - len(left))
            # a letter-spaced run (工 作 方 案): single characters each followed by one space
            while (
                a >= 2 and text[a - 1] in _SPACES and _han(text[a - 2]) and (a < 3 or not _han(text[a - 3]))
            ):
                a -= 2
            while (
                b + 1 < len(text)
                and text[b] in _SPACES
                and _han(text[b + 1])
                and (b + 2 >= len(text) or not _han(text[b + 2]))
            ):
                b += 2
            a, b = _trim(text, a, b, seg)
            if not ctx.block.contiguous(a, b):
                continue  # the span joins two source lines (a Markdown soft break): not one stretch of text
            fixed = text[a:b].translate(_DROP)
            yield Hit(a, b, f"“{text[a:b]}”中间多了空格，应为“{fixed}”", fixed)


# One space (half-width, ideographic or no-break) between two Han characters. Two or more spaces are
# deliberate alignment (张  三, 主　　任).
_GAP = re.compile(rf"(?<=[{_HAN}])[ \u3000\u00a0](?=[{_HAN}])")
_DROP = str.maketrans("", "", _SPACES)
_CLAUSE_MARKS = "，。、；：？！"
_SENTENCE_MARKS = "，。、；：？！“”‘’（）《》"


def _han_run(text: str, i: int, step: int, limit: int = 8) -> str:
    """The Han characters next to offset ``i`` going ``step`` (-1: ending before i; 1: starting at i)."""
    if step < 0:
        j = i
        while j > 0 and _han(text[j - 1]) and i - j < limit:
            j -= 1
        return text[j:i]
    j = i
    while j < len(text) and _han(text[j]) and j - i < limit:
        j += 1
    return text[i:j]


def _broken(tokens, index: int) -> bool:
    """The token at the gap is one character: the space cut a word, or stands between words."""
    return bool(tokens) and len(tokens[index][0]) == 1


def _in_sentence(text: str, i: int, step: int) -> bool:
    """The character at ``i`` (next to a one-character side, going ``step``) belongs to running text:
    a Han character, a sentence mark, or one space that a letter-spaced run goes on after (工 作 方 案)."""
    if i < 0 or i >= len(text):
        return False
    if text[i] in _SPACES:
        j = i + step
        return 0 <= j < len(text) and _han(text[j])
    return _han(text[i]) or text[i] in _SENTENCE_MARKS


def _trim(text: str, a: int, b: int, seg: Segmenter) -> tuple[int, int]:
    """Narrow ``text[a:b]`` to the words its spaces split, as jieba cuts it with the spaces removed."""
    where = [k for k in range(a, b) if text[k] not in _SPACES]
    spans = []
    for _word, s, e in seg.tokenize("".join(text[k] for k in where), hmm=False):
        if e - s >= 2 and where[e - 1] - where[s] != e - 1 - s:
            spans.append((where[s], where[e - 1] + 1))
    if not spans:
        return a, b
    return min(x for x, _ in spans), max(y for _, y in spans)


def _punctuated(text: str, g: int, reach: int = 20) -> bool:
    """A sentence mark within ``reach`` characters of the gap, with no other space in between except the
    single spaces of a letter-spaced run (工 作 方 案，)."""
    for step in (-1, 1):
        i = g + step
        while 0 <= i < len(text) and abs(i - g) <= reach and text[i] != "\n":
            c = text[i]
            if c in _SPACES:
                j, k = i + step, i - 2 * step  # the next character; the one before the piece just passed
                single = 0 <= k < len(text) and (text[k] in _SPACES) and _han(text[i - step])
                if not (single and 0 <= j < len(text) and _han(text[j])):
                    break
            elif c in _CLAUSE_MARKS:
                return True
            i += step
    return False


def _split_word(joined: str, gap: int, jieba: Segmenter):
    """The dictionary word of ``joined`` (as jieba cuts it) that spans offset ``gap``, if any."""
    for word, s, e in jieba.tokenize(joined):
        if s < gap < e:
            return (word, s, e) if len(word) >= 2 and jieba.has_word(word) else None
    return None
