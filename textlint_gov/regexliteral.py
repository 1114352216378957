"""The literal text every match of a regex must contain, to skip the regex cheaply (the dictionary
rules' regexes, GOV102's guards).

Most blocks of a post hold none of a dictionary's regexes' key words (截止, 年, 〔 …). A substring
test (``"截止" in text``, C speed) rules a regex out before its matcher runs; only the top level of
the pattern is read, so what is found is certain to be in every match, and a pattern the reader
does not understand (a top-level alternation, ignore-case, a parser change) gets ``""``: it is always
run. Plain groups are opened (``(4)[.．](15)`` needs ``15``). Only an optimisation: a regex is never
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
    """The longest run of literal characters that every match of ``pattern`` contains ('' if none)."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return ""
    try:
        parsed = _sre.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError, OverflowError, AttributeError, TypeError):  # pragma: no cover
        return ""
    if parsed.state.flags & re.IGNORECASE:
        return ""
    runs: list[str] = []
    run = ""
    for op, av in _flat(parsed):
        if op is _src.LITERAL:
            run += chr(av)
        elif op in _REPEATS and av[0] >= 1 and len(av[2]) == 1 and av[2][0][0] is _src.LITERAL:
            # x{m,n}: m copies of x are contiguous with what came before and with what follows
            ch = chr(av[2][0][1]) * av[0]
            runs.append(run + ch)
            run = ch
        else:
            runs.append(run)
            run = ""
    runs.append(run)
    return max(runs, key=len)


def _flat(items):
    """The items of a parsed sequence with its plain groups opened: ``(4)[.．](15)`` is read as
    ``4 [.．] 15`` (a group that changes flags is one opaque item)."""
    for op, av in items:
        if op is _src.SUBPATTERN and not av[1] and not av[2]:
            yield from _flat(av[-1])
        else:
            yield op, av
