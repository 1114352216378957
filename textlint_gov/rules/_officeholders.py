"""Who held which post when: the officeholder data of GOV603 (name slips), GOV604 (titles by date)
and GOV605 (order of leaders listed together).

``dictionaries/officeholders.yaml`` ships the national posts since 2012 with their sources; an office
adds its own leaders under ``leaders:`` in rules.yaml (or names a YAML file of the same shape there)::

    leaders:
      - name: 张明远
        posts:
          - {title: 县委书记, since: 2021-06-01, rank: 1}
      - name: 李华
        posts:
          - {title: 县长, since: 2021-06-01, until: 2024-01-10, rank: 2}
          - {title: 县人大常委会主任, since: 2024-01-10}

A post holds on ``since <= date < until``. ``rank`` orders the members of one ``body`` (the roster's
own order when no body is given): leaders listed together stand in that order (GOV605).
:func:`parse_leaders` checks every value and names the key and what is allowed.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from textlint_gov.rules.gov601_name_near_miss import _Index
from textlint_gov.rules.kinds import _post_date, dictionaries_dir
from textlint_gov.yamlfile import read_yaml

MAX_LEADERS = 2000
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")
_TITLE = re.compile(r"^[\u4e00-\u9fff、（）()]{2,30}$")
LOCAL_BODY = "本地领导班子"  # the body of a ranked local post that names none


# The data behind the leader rules, as their documentation cites it.
SOURCE = (
    "dictionaries/officeholders.yaml（新华社历次全会公报、全国人大和全国政协选举决定）；"
    "国办秘函〔2019〕19号 单项否决“严重表述错误”"
)


class LeadersError(ValueError):
    """An invalid leaders: value; the message names the key and what is allowed."""


@dataclass(frozen=True)
class Post:
    title: str
    body: str = ""
    since: _dt.date | None = None
    until: _dt.date | None = None
    rank: int | None = None

    def holds(self, d: _dt.date) -> bool:
        return (self.since is None or self.since <= d) and (self.until is None or d < self.until)


@dataclass(frozen=True)
class Officeholder:
    name: str
    posts: tuple[Post, ...]
    source: str = ""
    local: bool = False
    flag: tuple[tuple[str, str], ...] = ()  # (text, date) cases of the shipped data
    passes: tuple[tuple[str, str], ...] = ()

    def titles_at(self, d: _dt.date) -> set[str]:
        return {p.title for p in self.posts if p.holds(d)}

    def ever(self, title: str) -> list[Post]:
        return [p for p in self.posts if p.title == title]


@dataclass
class Roster:
    """Officeholders with their titles' written forms, indexed for the rules."""

    people: dict[str, Officeholder]
    forms: dict[str, str]  # written form -> title (exact: the form means this post only)
    context: frozenset[str]  # forms that may mean other posts too (主席): context for name slips only
    local_titles: frozenset[str] = frozenset()
    _cache: dict = field(default_factory=dict, repr=False)

    def holders(self, title: str, d: _dt.date) -> list[str]:
        return [p.name for p in self.people.values() if any(x.title == title and x.holds(d) for x in p.posts)]

    def coverage(self, title: str) -> _dt.date | None:
        """The earliest date from which every holder of ``title`` is known; None: always (no since)."""
        key = ("coverage", title)
        if key not in self._cache:
            starts = [x.since for p in self.people.values() for x in p.posts if x.title == title]
            self._cache[key] = min((s for s in starts if s), default=None) if all(starts) else None
        return self._cache[key]

    def matcher(self):
        """Aho-Corasick over the names and the titles' forms (leftmost-longest)."""
        if "matcher" not in self._cache:
            import ahocorasick_rs

            words = sorted({*self.people, *self.forms, *self.context})
            self._cache["matcher"] = (
                words,
                ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest),
            )
        return self._cache["matcher"]

    def scan(self, text: str) -> tuple[tuple[str, int, int], ...]:
        """The names, title forms and context words in ``text``, leftmost-longest. GOV603, GOV604 and
        GOV605 ask in turn about the same block: the last answer is kept, so it is scanned once."""
        last = self._cache.get("scan")
        if last is not None and last[0] == text:
            return last[1]
        words, ac = self.matcher()
        found = tuple((words[i], s, e) for i, s, e in ac.find_matches_as_indexes(text))
        self._cache["scan"] = (text, found)
        return found

    def index(self):
        """GOV601's one-wildcard index over the names ("李强" -> "\\0强", "李\\0")."""
        if "index" not in self._cache:
            self._cache["index"] = _Index(self.people, 2)
        return self._cache["index"]

    def ranked(self, d: _dt.date) -> dict[str, dict[str, int]]:
        """body -> {name: rank} of the ranked posts held on ``d``."""
        out: dict[str, dict[str, int]] = {}
        for p in self.people.values():
            for x in p.posts:
                if x.rank is not None and x.holds(d):
                    out.setdefault(x.body or LOCAL_BODY, {})[p.name] = x.rank
        return out

    def ranked_dates(self, body: str) -> list[_dt.date]:
        """The dates a ranked roster of ``body`` changed (each term's start), latest first."""
        return sorted(
            {
                x.since
                for p in self.people.values()
                for x in p.posts
                if (x.body or LOCAL_BODY) == body and x.rank and x.since
            },
            reverse=True,
        )

    def ever_ranked(self, body: str) -> frozenset[str]:
        return frozenset(
            p.name
            for p in self.people.values()
            for x in p.posts
            if x.rank is not None and (x.body or LOCAL_BODY) == body
        )


def _date(value: Any, key: str) -> _dt.date | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise LeadersError(f"{key} 的值“{str(value)[:20]}”不合法（应为日期 YYYY-MM-DD）") from None


def _cases(value: Any, key: str) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(
        isinstance(c, dict) and set(c) == {"text", "date"} and isinstance(c["text"], str) for c in value
    ):
        raise LeadersError(f"{key} 应为 {{text: 文本, date: YYYY-MM-DD}} 的列表")
    out = []
    for c in value:
        d = _date(c["date"], f"{key}.date")
        if d is None:
            raise LeadersError(f"{key}.date 应为日期 YYYY-MM-DD")
        out.append((c["text"], d.isoformat()))
    return tuple(out)


def parse_leaders(value: Any, key: str = "leaders", *, local: bool = True) -> list[Officeholder]:
    """The officeholders of a ``leaders:`` list (rules.yaml or a data file), every value checked."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise LeadersError(
            f"{key} 应为列表，每项 {{name: 姓名, posts: [{{title: 职务, since: YYYY-MM-DD}}]}}"
        )
    if len(value) > MAX_LEADERS:
        raise LeadersError(f"{key} 有 {len(value)} 项，超过上限 {MAX_LEADERS}")
    out = []
    allowed = {"name", "posts", "source"} | ({"flag", "pass"} if not local else set())
    for i, raw in enumerate(value):
        where = f"{key} 第{i + 1}项"
        if not isinstance(raw, dict):
            raise LeadersError(f"{where} 应为映射（name、posts）")
        unknown = set(raw) - allowed
        if unknown:
            raise LeadersError(
                f"{where}: 未知的键“{sorted(map(str, unknown))[0]}”（可用：{'、'.join(sorted(allowed))}）"
            )
        name = raw.get("name")
        if not isinstance(name, str) or not _NAME.match(name):
            raise LeadersError(f"{where}: name 应为 2 到 6 个汉字的姓名")
        where = f"{key} 第{i + 1}项（{name}）"
        posts_raw = raw.get("posts")
        if not isinstance(posts_raw, list) or not posts_raw:
            raise LeadersError(
                f"{where}: posts 应为非空列表，每项 {{title: 职务, since: YYYY-MM-DD, until: YYYY-MM-DD}}"
            )
        posts = []
        for j, p in enumerate(posts_raw):
            pw = f"{where}.posts 第{j + 1}项"
            if not isinstance(p, dict):
                raise LeadersError(f"{pw} 应为映射（title、body、since、until、rank）")
            bad = set(p) - {"title", "body", "since", "until", "rank"}
            if bad:
                raise LeadersError(
                    f"{pw}: 未知的键“{sorted(map(str, bad))[0]}”（可用：title、body、since、until、rank）"
                )
            title = p.get("title")
            if not isinstance(title, str) or not _TITLE.match(title):
                raise LeadersError(f"{pw}: title 应为 2 到 30 个汉字的职务名称")
            body = p.get("body") or ""
            if not isinstance(body, str) or len(body) > 30:
                raise LeadersError(f"{pw}: body 应为机构名称（至多 30 个字）")
            rank = p.get("rank")
            if rank is not None and (
                isinstance(rank, bool) or not isinstance(rank, int) or not 1 <= rank <= 1000
            ):
                raise LeadersError(f"{pw}: rank 应为 1 到 1000 的整数（排序）")
            since, until = _date(p.get("since"), f"{pw}.since"), _date(p.get("until"), f"{pw}.until")
            if since and until and until <= since:
                raise LeadersError(f"{pw}: until 应晚于 since")
            posts.append(Post(title, body, since, until, rank))
        source = raw.get("source") or ""
        if not isinstance(source, str):
            raise LeadersError(f"{where}: source 应为文字（出处）")
        if not local and not source:
            raise LeadersError(f"{where}: 缺少 source（出处）")
        out.append(
            Officeholder(
                name,
                tuple(posts),
                source,
                local,
                _cases(raw.get("flag"), f"{where}.flag"),
                _cases(raw.get("pass"), f"{where}.pass"),
            )
        )
    return out


def read_leaders_file(path, display: str) -> list[Officeholder]:
    """A YAML file holding a ``leaders:`` list (or the list itself)."""

    data = read_yaml(path, LeadersError, display=display)
    if isinstance(data, dict) and "leaders" in data:
        data = data["leaders"]
    try:
        return parse_leaders(data, "leaders")
    except LeadersError as e:
        raise LeadersError(f"{display}: {e}") from None


_ORIGIN = "dictionaries/officeholders.yaml"


@lru_cache(maxsize=1)
def _shipped() -> dict:
    """dictionaries/officeholders.yaml, read once."""
    return read_yaml(dictionaries_dir() / "officeholders.yaml", LeadersError, display=_ORIGIN)


@lru_cache(maxsize=1)
def national() -> tuple[tuple[Officeholder, ...], dict[str, str], frozenset[str]]:
    """The shipped data: officeholders, written form -> title, context-only forms."""
    origin = _ORIGIN
    data = _shipped()
    forms: dict[str, str] = {}
    for t in data["titles"]:
        forms[t["title"]] = t["title"]
        for f in t.get("forms") or ():
            forms[f] = t["title"]
    try:
        people = parse_leaders(data["officeholders"], origin, local=False)
    except LeadersError as e:
        raise LeadersError(f"{origin}: {e}") from None
    return tuple(people), forms, frozenset(data.get("context") or ())


@lru_cache(maxsize=1)
def _similar() -> frozenset[tuple[str, str]]:
    """Character pairs of leaders' names that the typo confusion sets lack (officeholders.yaml ``similar``)."""
    pairs = set()
    for a, b in _shipped().get("similar") or ():
        pairs |= {(a, b), (b, a)}
    return frozenset(pairs)


_ROSTERS: dict[tuple, Roster] = {}


def roster(local: Iterable[Officeholder] = ()) -> Roster:
    """The national data plus an office's own leaders (theirs win for a name in both)."""
    local = tuple(local)
    key = local
    if key not in _ROSTERS:
        people, forms, context = national()
        merged = {p.name: p for p in people}
        forms = dict(forms)
        local_titles = set()
        for p in local:
            if p.name in merged:  # a national leader's local posts (a visit's title is national)
                merged[p.name] = Officeholder(
                    p.name, merged[p.name].posts + p.posts, merged[p.name].source, False
                )
            else:
                merged[p.name] = p
            for x in p.posts:
                forms.setdefault(x.title, x.title)
                local_titles.add(x.title)
        if len(_ROSTERS) > 16:
            _ROSTERS.clear()
        _ROSTERS[key] = Roster(merged, forms, context - set(forms), frozenset(local_titles))
    return _ROSTERS[key]


def post_date(meta: dict) -> _dt.date | None:
    """The post's date, as the dictionary rules read it (``date``, else ``written_date``)."""

    return _post_date(meta)


# Characters that may follow a name: punctuation, 同志, common verbs of a news post.
_AFTER_NAME = re.compile(
    r"^(?:$|[\s\u3000，。、；：！？,.;:!?（）()“”\"《》]|同志|在|主持|出席|强调|指出|会见|会谈|考察|调研|视察|表示|签署|"
    r"作|讲话|发表|致|参加|听取|宣布|率|接见|等|对|来|到|赴|就|一行|说|提出|要求|批示|指示|看望|慰问|今|昨|近日|日前|"
    r"总书记|主席|副主席|总理|副总理|委员长|书记|常委)"
)


def name_ends(text: str, end: int) -> bool:
    """A name may end at ``end``: what follows is punctuation, 同志, a verb or a title."""
    return bool(_AFTER_NAME.match(text[end : end + 3]))


# 时任国务院总理、原总理、前任、已故: the text names a past post
_PAST = re.compile(r"(?:时任|原任|原|前任|前|曾任|历任|已故|老)$")


def past_context(text: str, start: int) -> bool:
    """The words before ``start`` (a title chain's start) mark a past post: 时任, 原, 前任, 曾任."""
    return bool(_PAST.search(text[max(0, start - 3) : start]))


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


def rest_of_sentence(text: str, start: int) -> str:
    """The text from ``start`` to the end of its sentence."""
    end = _SENTENCE_END.search(text, start)
    return text[start : end.start() if end else len(text)]


def sentence_years(text: str, start: int) -> list[int]:
    """Years written in the sentence of ``start``, before or after it (2016年，李克强总理……;
    国务院总理温家宝曾于2008年视察灾区)."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, start)
    return [int(m.group(1)) for m in _YEAR.finditer(text, begin, after.start() if after else len(text))]


@lru_cache(maxsize=1)
def _confusion() -> dict[str, dict[str, int]]:
    from textlint_gov.typo import model

    return model().confusion


_KINDS = (
    "同音",
    "音近",
    "形近",
    "形近",
)  # typo_confusion.txt columns: same sound and tone, other tone, shape, strokes


def confusable(a: str, b: str) -> str | None:
    """How two characters are confused (同音/音近/形近), or None: the typo detector's confusion sets."""
    if a == b:
        return None
    conf = _confusion()
    kind = conf.get(b, {}).get(a)
    if kind is None:
        kind = conf.get(a, {}).get(b)
    if kind is None:
        return "同音或形近" if (a, b) in _similar() else None
    return _KINDS[kind]


def slips(r: Roster, window: str, title: str | None = None) -> list[tuple[str, str]]:
    """Known names one character off ``window`` where that character is confusable: [(name, kind)];
    with ``title``, only its holders (at any time)."""
    out = []
    for c in r.index().near(window) or ():
        if title is not None and not r.people[c].ever(title):
            continue
        i = next(k for k in range(len(c)) if c[k] != window[k])
        kind = confusable(window[i], c[i])
        if kind:
            out.append((c, kind))
    return out


# Common surnames (the hundred-odd most frequent, 公安部户籍人口统计): a name after a title starts with one.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温"
    "康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂"
    "成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党"
    "宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝栗回"
)
