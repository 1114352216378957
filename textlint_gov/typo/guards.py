"""What the typo detector takes as written right: function characters, country abbreviations,
personal names (surnames, compound surnames, transliterations, names in lists and before 同志),
发文字号 codes, trade names, division names, and the protected vocabulary (a mask per run).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from textlint_gov.docdate import DOC_NUMBER_TAIL
from textlint_gov.regexliteral import required_literal
from textlint_gov.typo.data import FUNCTION_CHARS, MAX_NAME  # noqa: F401  (FUNCTION_CHARS re-exported)
from textlint_gov.typo.segment import Model

# Characters that end a place name (塘屿, 金井湾): a pair starting with one is the seam after a name
# (塘屿岛, 金井湾台湾小镇), not a swapped word.
PLACE_END = frozenset("湾屿岛山江河湖海港澳村镇乡县市区州省街路桥溪峰岭洲坑塘礁岙坪洋厝垵")
# One-character country names as used in 中美关系, 愿同智方, 中柬两国: never a typo there.
COUNTRY_ABBREV = frozenset(
    "美俄日韩朝英法德意西葡希柬老越泰缅印巴孟斯尼菲马新澳加墨古智秘阿埃蒙哈乌吉塔土伊叙黎以约沙卡科也苏南非欧荷比瑞丹挪芬波捷匈罗保塞克黑"
)


def _foreign_abbrev(s: str, i: int) -> bool:
    if s[i] not in COUNTRY_ABBREV:
        return False
    before = s[i - 1] if i > 0 else ""
    after = s[i + 1 : i + 3]
    return before in "中同与对和跟" and (
        after[:1] in "方两双" or after in ("关系", "合作", "友好", "建交", "人民")
    )


# Common surnames (《百家姓》 and the 2020 census ranking), without characters that are mostly
# function words (于 何 和 常 ...): a single-character token of these starts a probable name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤"
    "向易乔赖文庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍韦申尤毕聂焦向柴邢柳岳齐祝"
)
# Characters typical of transliterated foreign names (凯莉, 杰佛逊, 哈瓦娜): two of them in a row are a name.
TRANSLIT = frozenset("娜莉丽妮佛顿伊斯尔特拉德塞森基尼诺罗卡克雷奥蒂夫姆兹瓦洛莱利琳茨索贝迪恩")


def _name_like(s: str, i: int, single: set[int]) -> bool:
    for p in range(max(0, i - 3), i + 1):
        if (
            s[p : p + 2] in COMPOUND_SURNAMES
        ):  # 欧阳晓波, 司马光: the surname and up to two given-name characters
            return True
    for p in (i - 2, i - 1, i):
        if p >= 0 and s[p] in SURNAMES and p in single and (p + 1 in single or p + 1 == i):
            return True
    c = s[i]
    return bool(
        c in TRANSLIT and ((i > 0 and s[i - 1] in TRANSLIT) or (i + 1 < len(s) and s[i + 1] in TRANSLIT))
    )


# Compound surnames of 《百家姓》 still in use (欧阳 司马 上官 ...).
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "司空",
        "夏侯",
        "令狐",
        "独孤",
        "南宫",
        "西门",
        "端木",
        "轩辕",
        "呼延",
        "百里",
        "东郭",
        "闻人",
        "澹台",
        "公冶",
        "太史",
        "申屠",
        "钟离",
        "万俟",
        "拓跋",
        "赫连",
        "宗政",
        "濮阳",
        "淳于",
        "单于",
        "仲孙",
        "乐正",
        "锺离",
    ]
)
# 发文字号: the issuing code right before 〔2021〕/[2021]/（2021） and the number with 号 (包府办发〔2021〕3号)
DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,10})" + DOC_NUMBER_TAIL)
# A personal name: the two or three characters before 同志 (凌敏同志), or a name standing alone after a
# role in a list (副局长 高诚良, 副主任：欧阳晓波).
COMRADE = re.compile(r"([\u4e00-\u9fff]{2,3})同志")
LISTED_NAME = re.compile(
    r"(?:长|主任|委员|书记|成员|主席|经理|干事|科员|调研员|秘书|助理|专员|联络员|组员|主管|院士|教授|代表)"
    r"(?:\s*[：:]\s*|\s+)([\u4e00-\u9fff]{2,4})(?=\s|$|[、，,；;）)])"
)

# A trade name (字号) of a registered business: the characters right before 家庭农场, 合作社, 有限公司
# (丰景家庭农场) are chosen, not words.
TRADE_NAME = re.compile(
    r"([\u4e00-\u9fff]{2,4}?)(?=(?:家庭农场|专业合作社|合作社|有限责任公司|股份有限公司|有限公司))"
)


# A string each pattern needs to match at all: a text without it is not searched with the pattern
# (号, 同志; TRADE_NAME needs one of the endings its lookahead lists).
_GUARD_NEEDS = tuple((p, required_literal(p)) for p in (DOC_NUMBER, COMRADE, LISTED_NAME, TRADE_NAME))
_TRADE_NEEDS = ("家庭农场", "合作社", "公司")


def _guarded(text: str) -> frozenset[int]:
    """Positions that are no words of running text: 发文字号 codes, personal names and trade names (see above)."""
    out: set[int] = set()
    for pattern, need in _GUARD_NEEDS:
        if need not in text or (pattern is TRADE_NAME and not any(w in text for w in _TRADE_NEEDS)):
            continue
        for mo in pattern.finditer(text):
            out.update(range(mo.start(1), mo.end(1)))
    return frozenset(out)


def _in_place_name(m: Model, s: str, i: int) -> bool:
    """``s[i]`` is inside a division name or stem (长顺县代化镇, 包头): never a typo there."""
    names = m.names
    n = len(s)
    for L in range(2, MAX_NAME + 1):
        for k in range(max(0, i - L + 1), min(i, n - L) + 1):
            if s[k : k + L] in names:
                return True
    return False


def _protected(s: str, words: Iterable[str]) -> bytearray:
    """Which characters of ``s`` lie inside an occurrence of one of ``words`` (1) or not (0): a mask,
    so that asking costs the same however many occurrences there are."""
    reach = [0] * (len(s) + 1)  # reach[k]: the farthest end of an occurrence starting at k
    for w in words:
        if len(w) < 2:
            continue
        start = s.find(w)
        while start >= 0:
            if start + len(w) > reach[start]:
                reach[start] = start + len(w)
            start = s.find(w, start + 1)
    out = bytearray(len(s))
    end = 0
    for k in range(len(s)):
        if reach[k] > end:
            end = reach[k]
        if k < end:
            out[k] = 1
    return out


class _ProtectedAt:
    """``_protected(s, words)[i]`` asked position by position: whether ``s[i]`` lies inside an
    occurrence of one of ``words`` (of two characters or more), by looking up the substrings of ``s``
    around ``i`` of each length those words have: a few dozen look-ups for each position asked,
    whatever the number of words or of their occurrences. A string asked about at many positions (a
    crafted one) gets the whole mask instead, once."""

    __slots__ = ("asked", "lengths", "mask", "s", "words")

    ASK_BEFORE_MASK = 16

    def __init__(self, s: str, words: frozenset[str], lengths: tuple[int, ...]) -> None:
        self.s, self.words, self.lengths = s, words, lengths
        self.asked = 0
        self.mask: bytearray | None = None

    def __getitem__(self, i: int) -> bool:
        if self.mask is not None:
            return bool(self.mask[i])
        self.asked += 1
        if self.asked > self.ASK_BEFORE_MASK:
            self.mask = _protected(self.s, self.words)
            return bool(self.mask[i])
        s, words = self.s, self.words
        n = len(s)
        for L in self.lengths:
            for a in range(max(0, i - L + 1), min(i, n - L) + 1):
                if s[a : a + L] in words:
                    return True
        return False


_WORD_SETS: dict[tuple[frozenset[str], frozenset[str]], tuple[frozenset[str], tuple[int, ...]]] = {}


def protected_at(s: str, words: frozenset[str], vocab: frozenset[str]) -> _ProtectedAt:
    """:class:`_ProtectedAt` of ``words | vocab`` (the union and its word lengths kept for the last
    few word sets: the same ones come with every block)."""
    key = (words, vocab)
    got = _WORD_SETS.get(key)
    if got is None:
        if len(_WORD_SETS) >= 8:
            _WORD_SETS.clear()
        union = words | vocab
        got = _WORD_SETS[key] = (union, tuple(sorted({len(w) for w in union if len(w) >= 2})))
    return _ProtectedAt(s, *got)
