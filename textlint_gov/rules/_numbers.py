"""Check digits for the privacy rules: resident ID (GB 11643-1999) and bank cards (Luhn)."""

from __future__ import annotations

import datetime as _dt

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


def valid_resident_id(number: str) -> bool:
    """An 18-character resident ID with a real birth date and a correct check character."""
    if len(number) != 18 or not number[:17].isdigit() or number[0] not in "12345678":
        return False
    try:
        born = _dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not (1900 <= born.year <= 2100):
        return False
    return id_check_char(number[:17]) == number[17].upper()


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def mask(s: str, keep_head: int, keep_tail: int) -> str:
    digits = [i for i, c in enumerate(s) if c.isalnum()]
    hide = set(digits[keep_head : len(digits) - keep_tail])
    return "".join("*" if i in hide else c for i, c in enumerate(s))
