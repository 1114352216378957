"""GOV104: a character or word typed twice (的的, 进行进行, 的通知的通知)."""

from __future__ import annotations

import re

from textlint_gov.findings import Applicability, Hit, Severity
from textlint_gov.rules import Context, Rule
from textlint_gov.tokens import Segmenter

# Single characters that never stand twice in a row as words of their own: particles, prepositions and
# conjunctions. A doubled content character (常常, 看看, 说说, 个个) is a reduplicated word, or two words
# that share a character (局局长 = 局 + 局长); neither is a slip, so single characters outside this set
# are never reported.
_FUNCTION_CHARS = frozenset("的了在是和与及把被为从向并而或于以由按之也都就又其该")
# Two-character verbs and adjectives whose ABAB reduplication is ordinary Chinese (动词重叠“研究研究”表示
# 短时、尝试；形容词“雪白雪白”表示程度；朱德熙《语法讲义》4.4、8.3). Doubling any other word is reported.
_ABAB = frozenset(
    [
        "研究",
        "讨论",
        "学习",
        "商量",
        "考虑",
        "思考",
        "琢磨",
        "了解",
        "熟悉",
        "交流",
        "沟通",
        "休息",
        "活动",
        "锻炼",
        "运动",
        "放松",
        "整理",
        "收拾",
        "打扫",
        "清理",
        "准备",
        "检查",
        "介绍",
        "体验",
        "比较",
        "练习",
        "总结",
        "打听",
        "关心",
        "照顾",
        "帮助",
        "教育",
        "表扬",
        "批评",
        "提醒",
        "反映",
        "议论",
        "分析",
        "请示",
        "汇报",
        "调查",
        "调整",
        "尝试",
        "溜达",
        "热闹",
        "高兴",
        "开心",
        "暖和",
        "凉快",
        "舒服",
        "轻松",
        "明白",
        "雪白",
        "通红",
        "冰凉",
        "笔直",
        "漆黑",
        "碧绿",
        "火红",
        "乐呵",
        "意思",
        "表示",
        "打扮",
        "如何",
        "怎样",
        "怎么样",
        "这样",
        "那样",
        "如此",
        "某某",
        "什么",
    ]
)
# Degree adverbs: 很高很高, 非常非常 repeat for emphasis.
_DEGREE = ("很", "太", "好", "真", "最", "非常", "特别", "十分")
# Single characters that make a word of the word before them (采购人, 审核员, 支队长): in 政府采购采购人 the
# second 采购 belongs to 采购人, so it is no repetition.
_SUFFIXES = frozenset("人者员方长处科局费率量性化式型家师生手商户站室所机单表证书权额金")
# An ordinal that starts a heading: a heading ending with a word, run into a body that starts with the same
# word (三、检查重点 / 重点加强对……), is two paragraphs the crawler or the editor put on one line.
_HEADING = re.compile(
    r"(?:^|[。；！？：:\s])(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|第[一二三四五六七八九十]+[，、])[^。；！？，：:\s]+$"
)
# Characters that make a post of the word after them (副主任, 总工程师), which jieba cuts apart: in
# 副主任主任医师 the first 主任 is the post's, the second the rank's.
_POST_PREFIXES = frozenset("副总")
# A chemical name (α-乙酰乙酰苯胺) repeats its groups on purpose.
_CHEMICAL = re.compile(r"[-‐－A-Za-z\u0370-\u03ff]")
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾几半")
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』"}
# Any repetition the rule reports repeats some characters back to back (消防消防设施 too).
_REPEAT = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff]{1,12})\1")
_MAX_TOKENS = 4
_MAX_CHARS = 12


def _han(s: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in s)


def _loose(token: str) -> bool:
    """Nothing, a mark or digit, or a one-character word: no compound with the word next to it."""
    return len(token) <= 1 or not _han(token)


def _compounds(before: str, noun: str, after: str, jieba) -> bool:
    """A noun between two words of two or more characters it can compound with (监管|机构|机构|设置)."""
    if len(before) < 2 or len(after) < 2 or not _han(before + after):
        return False
    tags = jieba.tag(noun)
    return len(tags) == 1 and tags[0][1] in ("n", "nz", "ng")


def _windows(text: str, margin: int = 16) -> list[tuple[int, int]]:
    """Stretches of ``text`` around each back-to-back repetition, with ``margin`` characters of context
    on either side (merged when they overlap): only these need segmenting."""
    spans: list[list[int]] = []
    for m in _REPEAT.finditer(text):
        lo, hi = max(0, m.start() - margin), min(len(text), m.end() + margin)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    return [(lo, hi) for lo, hi in spans]


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks: quoted repetition is the speaker's, not a slip."""
    spans, stack = [], []
    for i, c in enumerate(text):
        if c in _QUOTES:
            stack.append((c, i))
        elif stack and c == _QUOTES[stack[-1][0]]:
            spans.append((stack.pop()[1], i + 1))
    return spans


class RepeatedWord(Rule):
    """同一个字或词紧挨着重复出现（的的、进行进行、的通知的通知）。

    作用：
    按 jieba 分词，找出紧挨着重复的词或词组：重复的虚词（的的、了了、在在），重复的词（进行进行、工作工作），
    重复的词组（的通知的通知、约谈医疗机构约谈医疗机构），建议只保留一个。
    也报一个词紧接着以它开头或结尾的长词（对消防消防设施、违法行为行为的）。
    不报：jieba 词典中的重叠词（常常、人人、天天、看看、谢谢、星星、认认真真），动词、形容词的 ABAB 重叠
    （研究研究、讨论讨论），表示强调、拟声和数量的重叠（很高很高、咣当咣当、大口大口），两个词恰好相接
    （局局长 = 局 + 局长，支队支队长，政府采购采购人，监管机构机构设置，人民政府政府信息公开），数字
    （一一、一步一步、一个一个），引号内的引语，虚词以外的单字重叠（说说、玲玲），化学名称（乙酰乙酰苯胺），
    职务后紧接以同一词开头的职称（副主任主任医师），
    以及标题与正文被压成一行时的衔接（三、检查重点重点加强……）。
    原因：
    复制粘贴和输入法联想容易把字词打两遍，通读时眼睛会自动跳过，是政府网站检查中常见的“错别字”扣分项；
    正文中的文字重复属于《党政机关公文处理工作条例》第十九条要求审核的“文字表述”问题。
    叠词是否规范难以一概而论，本规则只报“警告”，由编辑确认。
    示例：
    加强对消防消防设施的检查；关于做好春节期间安全生产工作的通知的通知
    修改为：
    加强对消防设施的检查；关于做好春节期间安全生产工作的通知
    """

    code = "GOV104"
    name = "repeated-word"
    category = "typo"
    severity = Severity.WARNING
    summary = "字词重复（的的、进行进行、的通知的通知）"
    fix = Applicability.UNSAFE
    source = "jieba 分词词典（MIT）；《党政机关公文处理工作条例》第十九条"

    # Test cases, run through the real engine by tests/test_rulebook.py (.txt: the first line is the title).
    flags = (("通知\n要对问题进行进行研究，做好工作的的落实。\n", "进行"),)
    passes = ("通知\n大家讨论讨论，常常看看，局局长、支队支队长、副主任主任医师到会。\n",)

    def check(self, ctx: Context):
        text = ctx.text
        quoted = None
        for lo, hi in _windows(text):
            for start, end, unit in self._repeats(text, lo, hi, ctx.words, ctx.segmenter):
                if self._heading_run_on(text, start) or _CHEMICAL.match(text, max(0, start - 1), start):
                    continue
                if quoted is None:
                    quoted = _quoted(text)
                if not any(a < start and end < b for a, b in quoted) and ctx.block.contiguous(start, end):
                    yield Hit(start, end, f"字词重复：“{text[start:end]}”应为“{unit}”", unit)

    def _repeats(self, text: str, lo: int, hi: int, user_words: frozenset[str], jieba: Segmenter):
        """Repetitions in ``text[lo:hi]`` as jieba cuts it: (start, end, the single form)."""
        tokens = [(w, a + lo, b + lo) for w, a, b in jieba.tokenize(text[lo:hi])]
        words = [t for t, _, _ in tokens]
        n = len(tokens)
        i = 0
        while i < n:
            found = None
            for k in range(1, _MAX_TOKENS + 1):
                if i + 2 * k > n:
                    break
                if words[i : i + k] != words[i + k : i + 2 * k]:
                    continue
                unit = "".join(words[i : i + k])
                if len(unit) <= _MAX_CHARS and self._doubled_slip(unit, words[i : i + k], user_words, jieba):
                    j = i + 2 * k
                    while j + k <= n and words[j : j + k] == words[i : i + k]:
                        j += k  # 的的的: one finding
                    if len(unit) > 1 and j < n and (words[j] in _SUFFIXES or jieba.has_word(unit + words[j])):
                        break  # 政府采购采购人: the second copy heads the next word
                    if (
                        k == 1
                        and j == i + 2
                        and i > 0
                        and j < n
                        and _compounds(words[i - 1], unit, words[j], jieba)
                    ):
                        break  # 监管机构机构设置: a noun that ends one compound and starts the next
                    found = (tokens[i][1], tokens[j - 1][2], unit, j)
                break
            if found is None and i + 1 < n:
                found = self._overlap(tokens, i, user_words, jieba)
            if found is None:
                i += 1
                continue
            start, end, unit, i = found
            yield start, end, unit

    @staticmethod
    def _heading_run_on(text: str, start: int) -> bool:
        return _HEADING.search(text, max(0, start - 30), start) is not None

    @staticmethod
    def _overlap(tokens, i: int, user_words: frozenset[str], jieba):
        """A word followed by a longer word that starts with it (消防消防设施), or a longer word followed
        by a word it ends with (违法行为行为); the rest of the longer word must be a word of two or more
        characters (支队支队长 and 党委委员 are right)."""
        (w1, a1, e1), (w2, a2, e2) = tokens[i], tokens[i + 1]
        if (
            len(w1) < 2
            or len(w2) < 2
            or w1 == w2
            or not _han(w1 + w2)
            or w1 in user_words
            or w2 in user_words
        ):
            return None
        # the copy outside the longer word must stand alone: a particle or a mark on its other side
        # (对消防消防设施, 违法行为行为的), not a word it could form a compound with (人民政府政府信息公开)
        before = tokens[i - 1][0] if i > 0 else ""
        after = tokens[i + 2][0] if i + 2 < len(tokens) else ""
        # nor a word with a single character there (副主任主任医师: the post 副主任, then the rank 主任医师)
        if (
            w2.startswith(w1)
            and len(w2) - len(w1) >= 2
            and jieba.has_word(w2[len(w1) :])
            and _loose(before)
            and not (before in _POST_PREFIXES or (_han(before) and jieba.has_word(before + w1)))
        ):
            return (a1, a2 + len(w1), w1, i + 1)
        if (
            w1.endswith(w2)
            and len(w1) - len(w2) >= 2
            and jieba.has_word(w1[: -len(w2)])
            and _loose(after)
            and not (_han(after) and jieba.has_word(w2 + after))
        ):
            return (e1 - len(w2), e2, w2, i + 2)
        return None

    @staticmethod
    def _doubled_slip(unit: str, parts: list[str], user_words: frozenset[str], jieba) -> bool:
        if not _han(unit) or unit[0] in _NUMERALS or unit in user_words or unit * 2 in user_words:
            return False
        if len(unit) == 1:
            return unit in _FUNCTION_CHARS
        if len(parts) == 1 and unit in _ABAB:
            return False
        if unit.startswith(_DEGREE) and len(unit) <= 3:
            return False  # 很高很高, 非常非常: emphasis
        tags = [t for _, t in jieba.tag(unit)]
        if "o" in tags or "q" in tags:
            return False  # 咣当咣当 (onomatopoeia), 大口大口, 成批成批 (measure words)
        return not jieba.has_word(unit * 2)
