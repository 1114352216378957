r"""Regex safety: every dictionary regex is checked statically before it is compiled.

Dictionary regexes reach the matcher from rules.yaml files found upward from the current folder
(a cloned repository's own), so each is checked statically before it is compiled. Python's
backtracking engine is exponential on a repeat whose body can match one string in several ways
and quadratic on an unbounded repeat that a failed attempt scans again from each later start.
Refused: (1) a repeat inside a repeat that may stop at more than one place (what follows it can
be matched by it); (2) alternatives under a repeat
that can begin with the same character; (3) an unbounded repeat whose characters can also start
the pattern, unless the pattern is anchored (^, \A), guarded by a negative lookbehind covering
them (``(?<!\d)\d+年``), or ends with that repeat (a greedy repeat at the end cannot fail).
Characters are compared on witnesses: ASCII, the pattern's own literals and range ends, samples.
"""

from __future__ import annotations

import math
import re
import sys

if sys.version_info >= (3, 11):
    from re import _constants as _src
    from re import _parser as _sre
else:  # pragma: no cover - Python 3.10
    import sre_constants as _src
    import sre_parse as _sre

_MAXREPEAT = _src.MAXREPEAT
_REPEATS = {
    _src.MAX_REPEAT,
    _src.MIN_REPEAT,
    *([_src.POSSESSIVE_REPEAT] if hasattr(_src, "POSSESSIVE_REPEAT") else []),
}
_CATEGORY_RE = {
    _src.CATEGORY_DIGIT: r"\d",
    _src.CATEGORY_NOT_DIGIT: r"\D",
    _src.CATEGORY_SPACE: r"\s",
    _src.CATEGORY_NOT_SPACE: r"\S",
    _src.CATEGORY_WORD: r"\w",
    _src.CATEGORY_NOT_WORD: r"\W",
}
_SAMPLES = "中一〇é٣\u3000\u00a0…—，。、“”《》（）０Ａａ"
MAX_REGEX_LENGTH = 2000  # characters of one dictionary regex
MAX_CHOICES = 5000  # ways a bounded pattern may be tried from one start
MAX_AMBIGUOUS_REPEAT = 8  # a bounded repeat up to this many times may hold overlapping alternatives


class UnsafeRegex(ValueError):
    """A pattern refused by :func:`regex_problem`."""


def regex_problem(pattern: str) -> str | None:
    """Why ``pattern`` could take more than linear time on some text (Chinese, short), or None."""
    if len(pattern) > MAX_REGEX_LENGTH:
        return f"过长（{len(pattern)} 个字符，上限 {MAX_REGEX_LENGTH}）"
    parsed = _sre.parse(pattern)
    flags = parsed.state.flags
    for letter, flag in (("i", _src.SRE_FLAG_IGNORECASE), ("s", _src.SRE_FLAG_DOTALL)):
        if re.search(rf"\(\?[a-zA-Z]*{letter}", pattern):  # a local (?i:…) counts for the whole pattern
            flags |= flag
    witnesses = {chr(c) for c in range(128)} | set(_SAMPLES)
    _collect_literals(parsed, witnesses)
    checker = _RegexChecker(sorted(witnesses), flags)
    try:
        if checker.nested(parsed, outer=False) > math.log(MAX_CHOICES):
            raise UnsafeRegex(
                f"可选、可变长的部分太多且能匹配同样的字符（如 a?a?a?…aaa），从一处开始就可能有超过 {MAX_CHOICES} 种走法；请减少"
            )
        for branch in checker.top_branches(parsed):
            checker.rescans(branch)
    except UnsafeRegex as e:
        return str(e)
    return None


def _collect_literals(seq, out: set[str]) -> None:
    for op, av in seq:
        if op in (_src.LITERAL, _src.NOT_LITERAL):
            for d in (-1, 0, 1):
                if 0 <= av + d < 0x110000:
                    out.add(chr(av + d))
        elif op == _src.RANGE:
            for c in (av[0] - 1, av[0], av[1], av[1] + 1):
                if 0 <= c < 0x110000:
                    out.add(chr(c))
        elif op == _src.IN:
            _collect_literals(av, out)
        elif op == _src.BRANCH:
            for b in av[1]:
                _collect_literals(b, out)
        elif op in _REPEATS:
            _collect_literals(av[2], out)
        elif op == _src.SUBPATTERN:
            _collect_literals(av[-1], out)
        elif op in (_src.ASSERT, _src.ASSERT_NOT):
            _collect_literals(av[1], out)
        elif op == getattr(_src, "ATOMIC_GROUP", None):
            _collect_literals(av, out)
        elif op == _src.GROUPREF_EXISTS:
            for b in av[1:]:
                if b is not None:
                    _collect_literals(b, out)


class _RegexChecker:
    def __init__(self, witnesses: list[str], flags: int) -> None:
        self.w = witnesses
        self.flags = flags
        self.all = frozenset(witnesses)
        self._memo: dict = {}  # (op, value or id of the parsed node) -> characters

    # -- character sets over the witnesses
    def _one(self, op, av) -> frozenset[str]:
        key = (op, av if isinstance(av, int) else id(av))
        got = self._memo.get(key)
        if got is None:
            got = self._memo[key] = self._one_uncached(op, av)
        return got

    def _one_uncached(self, op, av) -> frozenset[str]:
        ic = self.flags & _src.SRE_FLAG_IGNORECASE
        if op == _src.LITERAL:
            c = chr(av)
            if not ic:
                return frozenset({c})  # every literal is a witness
            return frozenset(x for x in self.w if x == c or x.lower() == c.lower())
        if op == _src.NOT_LITERAL:
            c = chr(av)
            return frozenset(x for x in self.w if not (x == c or (ic and x.lower() == c.lower())))
        if op == _src.ANY:
            return (
                self.all if self.flags & _src.SRE_FLAG_DOTALL else frozenset(x for x in self.w if x != "\n")
            )
        if op == _src.IN:
            negate = bool(av) and av[0][0] == _src.NEGATE
            got: set[str] = set()
            for iop, iav in av[1:] if negate else av:
                if iop == _src.RANGE:
                    lo, hi = iav
                    got.update(
                        x
                        for x in self.w
                        if lo <= ord(x) <= hi
                        or (ic and (lo <= ord(x.lower()[0]) <= hi or lo <= ord(x.upper()[0]) <= hi))
                    )
                elif iop == _src.CATEGORY:
                    got |= self._category(iav)
                else:
                    got |= self._one(iop, iav)
            return self.all - got if negate else frozenset(got)
        if op == _src.CATEGORY:
            return self._category(av)
        return self.all  # anything else: assume any character

    def _category(self, cat) -> frozenset[str]:
        expr = _CATEGORY_RE.get(cat)
        if expr is None:
            return self.all
        rx = re.compile(expr)
        return frozenset(x for x in self.w if rx.fullmatch(x))

    def chars(self, seq) -> frozenset[str]:
        """Every character that ``seq`` can consume."""
        if isinstance(seq, _sre.SubPattern):
            key = ("chars", id(seq))
            if key not in self._memo:
                self._memo[key] = self._chars(seq)
            return self._memo[key]
        return self._chars(seq)

    def _chars(self, seq) -> frozenset[str]:
        out: set[str] = set()
        for op, av in seq:
            if op in (_src.ASSERT, _src.ASSERT_NOT, _src.AT):
                continue
            if op in _REPEATS:
                out |= self.chars(av[2])
            elif op == _src.SUBPATTERN:
                out |= self.chars(av[-1])
            elif op == getattr(_src, "ATOMIC_GROUP", None):
                out |= self.chars(av)
            elif op == _src.BRANCH:
                for b in av[1]:
                    out |= self.chars(b)
            elif op in (_src.LITERAL, _src.NOT_LITERAL, _src.ANY, _src.IN, _src.CATEGORY):
                out |= self._one(op, av)
            else:
                return self.all
        return frozenset(out)

    def first(self, seq) -> tuple[frozenset[str], bool]:
        """Characters a match of ``seq`` can begin with, and whether it can match empty."""
        if isinstance(seq, _sre.SubPattern):
            key = ("first", id(seq))
            if key not in self._memo:
                self._memo[key] = self._first(seq)
            return self._memo[key]
        return self._first(seq)

    def _first(self, seq) -> tuple[frozenset[str], bool]:
        out: set[str] = set()
        for op, av in seq:
            if op in (_src.ASSERT, _src.ASSERT_NOT, _src.AT):
                continue
            if op in _REPEATS:
                f, empty = self.first(av[2])
                out |= f
                if av[0] > 0 and not empty:
                    return frozenset(out), False
                continue
            if op == _src.SUBPATTERN or op == getattr(_src, "ATOMIC_GROUP", None):
                f, empty = self.first(av[-1] if op == _src.SUBPATTERN else av)
            elif op == _src.BRANCH:
                f, empty = frozenset(), False
                for b in av[1]:
                    bf, be = self.first(b)
                    f, empty = f | bf, empty or be
            elif op in (_src.LITERAL, _src.NOT_LITERAL, _src.ANY, _src.IN, _src.CATEGORY):
                f, empty = self._one(op, av), False
            else:  # back-references, conditionals: anything
                return self.all, True
            out |= f
            if not empty:
                return frozenset(out), False
        return frozenset(out), True

    # -- (1) nested repeats and (2) ambiguous alternatives under a repeat
    def nested(self, seq, outer: bool, follow: frozenset[str] = frozenset(), times: int = 1) -> float:
        """``outer``: inside a repeat of more than one time; ``follow``: the characters that may come
        after ``seq`` (inside a repeat, its own first characters too: the next turn); ``times``: how
        often ``seq`` may be tried in one attempt (the product of the enclosing repeats' bounds).
        A variable repeat whose characters can also match what follows it is a choice the engine
        may revisit: unbounded, or inside a repeat, it is refused (``(a+)+``, ``\\d*\\d*x``); bounded
        ones (``a?``) multiply: the log of their product is returned (the largest of alternatives)."""
        items = list(seq)
        afters: list[frozenset[str]] = [follow] * (len(items) + 1)  # what may follow each item
        for i in range(len(items) - 1, 0, -1):
            f, empty = self.first(items[i : i + 1])
            afters[i - 1] = f | afters[i] if empty else f
        cost = 0.0
        for i, (op, av) in enumerate(items):
            after = afters[i]
            if op in _REPEATS:
                lo, hi, body = av
                if hi > lo and (self.chars(body) if hi > 1 else self.first(body)[0]) & after:
                    if outer and hi > 1:
                        raise UnsafeRegex(
                            "重复之中又有重复且界限不定（如 (a+)+），可能指数级回溯；请去掉一层，或让内层重复后紧跟它不能匹配的字符"
                        )
                    if hi == _MAXREPEAT:
                        raise UnsafeRegex(
                            "无上限的重复后面的内容也能被它匹配（如 \\d*\\d*x），失败时要逐一回溯；请改写，使重复后紧跟它不能匹配的字符"
                        )
                    cost += times * math.log(hi - lo + 1)
                if hi == _MAXREPEAT or hi > MAX_AMBIGUOUS_REPEAT:
                    self.ambiguous(body)
                if hi > 1:
                    cost += self.nested(body, True, self.first(body)[0] | after, times * min(hi, MAX_CHOICES))
                else:
                    cost += self.nested(body, outer, after, times)
            elif op == _src.SUBPATTERN:
                cost += self.nested(av[-1], outer, after, times)
            elif op == getattr(_src, "ATOMIC_GROUP", None):
                cost += self.nested(av, outer, after, times)
            elif op == _src.BRANCH:
                cost += max(self.nested(b, outer, after, times) for b in av[1])
            elif op in (_src.ASSERT, _src.ASSERT_NOT):
                cost += self.nested(av[1], False, frozenset(), times)
            elif op == _src.GROUPREF_EXISTS:
                raise UnsafeRegex("不支持条件分组 (?(1)...)")
            elif op == _src.GROUPREF:
                raise UnsafeRegex("不支持反向引用（\\1）")
        return cost

    def ambiguous(self, seq) -> None:
        for op, av in seq:
            if op == _src.BRANCH:
                seen: set[str] = set()
                for b in av[1]:
                    f, empty = self.first(b)
                    if empty or seen & f:
                        raise UnsafeRegex(
                            "重复之中的分支可以从同一个字符开始（如 (a|ab)+），可能指数级回溯；请合并分支"
                        )
                    seen |= f
                    self.ambiguous(b)
            elif op == _src.SUBPATTERN:
                self.ambiguous(av[-1])
            elif op in _REPEATS:
                self.ambiguous(av[2])

    # -- (3) an unbounded repeat scanned again from each later start
    def top_branches(self, parsed) -> list[list]:
        items = list(parsed)
        if len(items) == 1 and items[0][0] == _src.BRANCH:
            return [list(b) for b in items[0][1][1]]
        return [items]

    def rescans(self, seq) -> None:
        guard: set[str] = set()
        starts: frozenset[str] | None = None
        for op, av in seq:
            if op == _src.AT and av in (_src.AT_BEGINNING, _src.AT_BEGINNING_STRING):
                return  # anchored at the start of the text: one attempt
            if op == _src.ASSERT_NOT and av[0] == -1:
                f, _ = self.first(av[1])
                guard |= f
                continue
            if op in (_src.ASSERT, _src.ASSERT_NOT, _src.AT):
                continue
            break
        starts, _ = self.first(seq)
        self._scan(seq, starts, frozenset(guard), tail=True)

    def _scan(self, seq, starts, guard, tail: bool, before: tuple = ()) -> None:
        """``before``: the character sets of the parts every match has passed on its way here. A
        long repeat after a part it cannot match is entered only at the start of a run (``第\\d+号``
        rescans nothing, ``x[a-z]+y`` on ``xxxx…`` rescans from every x)."""
        items = list(seq)
        tails = [tail] * (len(items) + 1)  # nothing after item i can fail
        for i in range(len(items) - 1, 0, -1):
            tails[i - 1] = tails[i] and self._cannot_fail(*items[i])
        for i, (op, av) in enumerate(items):
            rest_empty = tails[i]
            if op in _REPEATS:
                lo, hi, body = av
                long = hi == _MAXREPEAT or hi > MAX_CHOICES
                if long and not (rest_empty and op == _src.MAX_REPEAT and lo <= MAX_CHOICES):
                    c = self.chars(body)
                    if c & starts and not c <= guard and not any(c.isdisjoint(p) for p in before):
                        sample = min(
                            c & starts, key=lambda x: (not x.isalnum(), not x.isprintable() or x.isspace(), x)
                        )
                        sample = sample if sample.isprintable() and not sample.isspace() else " "
                        raise UnsafeRegex(
                            f"无上限的重复可能在长串（如“{sample * 3}…”）上从每个位置重新扫描，耗时随长度平方增长；"
                            "请给重复设上限（如 {1,20}），或在开头加反向否定断言（如 (?<!\\d)\\d+）"
                        )
                self._scan(body, starts, guard, tail=False, before=before)
            elif op == _src.SUBPATTERN:
                self._scan(av[-1], starts, guard, rest_empty, before)
            elif op == _src.BRANCH:
                for b in av[1]:
                    self._scan(b, starts, guard, rest_empty, before)
            if op not in (_src.ASSERT, _src.ASSERT_NOT, _src.AT) and not self.first([(op, av)])[1]:
                before = (*before, self.chars([(op, av)]))

    def _cannot_fail(self, op, av) -> bool:
        if op in _REPEATS:
            return av[0] == 0
        if op == _src.SUBPATTERN:
            return all(self._cannot_fail(o, a) for o, a in av[-1])
        return False
