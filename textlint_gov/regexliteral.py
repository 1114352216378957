"""The literal text a block must contain for a regex to match in it, to skip the regex cheaply (the
dictionary rules' regexes, GOV102's guards).

Most blocks of a post hold none of a dictionary's regexes' key words (截止, 年, 〔 …). A substring
test (``"截止" in text``, C speed) rules a regex out before its matcher runs. What is found is certain
to be in every text the regex matches in: a run of literal characters of the pattern's sequence, of
a positive lookaround (总理 in ``(?<=总理)李``: in the text, before the match), or the longest
string that every branch of an alternation requires (总理 in ``(?<=总理)李[墙蔷]|李[墙蔷](?=总理)``).
A pattern the reader does not understand (ignore-case, a parser change) gets ``""``: it is always run.
Plain groups are opened (``(4)[.．](15)`` needs ``15``). Only an optimisation: a regex is never
skipped where it could match.
"""

from __future__ import annotations

import re
import sys

if sys.version_info >= (3, 11):
    from re import _constants as _src
    from re import _parser as _sre
else:  # pragma: no cover - Python 3.10
    import sre_constants as _src
    import sre_parse as _sre

_REPEATS = {_src.MAX_REPEAT, _src.MIN_REPEAT}


def required_literal(pattern: re.Pattern) -> str:
    """The longest literal text that every text ``pattern`` matches in contains ('' if none known)."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return ""
    try:
        parsed = _sre.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError, OverflowError, AttributeError, TypeError):  # pragma: no cover
        return ""
    if parsed.state.flags & re.IGNORECASE:
        return ""
    return max(_required(parsed), key=len)


def _required(items) -> list[str]:
    """Runs of literal text that a text matched by the parsed sequence ``items`` contains, each one
    whole (at least [""])."""
    runs: list[str] = []
    run = ""
    for op, av in _flat(items):
        if op is _src.LITERAL:
            run += chr(av)
            continue
        if op in _REPEATS and av[0] >= 1 and len(av[2]) == 1 and av[2][0][0] is _src.LITERAL:
            # x{m,n}: m copies of x are contiguous with what came before and with what follows
            ch = chr(av[2][0][1]) * av[0]
            runs.append(run + ch)
            run = ch
            continue
        runs.append(run)
        run = ""
        if op is _src.ASSERT:  # a positive lookaround: its text is in the text, beside the match
            runs.extend(_required(av[1]))
        elif op is _src.BRANCH:
            runs.append(_common([_required(alternative) for alternative in av[1]]))
    runs.append(run)
    return runs


def _common(alternatives: list[list[str]]) -> str:
    """The longest string that each alternative requires (is inside one of its runs), '' if none."""
    first = sorted({s for s in alternatives[0] if s}, key=len, reverse=True)
    for n in range(max(map(len, first), default=0), 0, -1):
        for run in first:
            for i in range(len(run) - n + 1):
                part = run[i : i + n]
                if all(any(part in r for r in alt) for alt in alternatives[1:]):
                    return part
    return ""


def _flat(items):
    """The items of a parsed sequence with its plain groups opened: ``(4)[.．](15)`` is read as
    ``4 [.．] 15`` (a group that changes flags is one opaque item)."""
    for op, av in items:
        if op is _src.SUBPATTERN and not av[1] and not av[2]:
            yield from _flat(av[-1])
        else:
            yield op, av
