"""Errors shared across the package without importing what raises them."""

from __future__ import annotations

from collections.abc import Collection, Iterable


class ConfigError(Exception):
    """An invalid configuration; the message names the file and the key."""


def unknown_key(mapping: Iterable, allowed: Collection[str]) -> str | None:
    """The message for the first key of ``mapping`` that ``allowed`` lacks (``未知的键“k”（可用：a、b）``),
    else None: one wording for a misspelt key in every YAML mapping the package reads."""
    for key in mapping:
        if key not in allowed:
            return f"未知的键“{key}”（可用：{'、'.join(allowed)}）"
    return None
