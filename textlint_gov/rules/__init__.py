"""The rule registry: one code per rule, one file per rule (ruff ``codes.rs``).

A rule is either a Python module ``govNNN_<name>.py`` in this package that defines a subclass of
:class:`Rule`, or a YAML dictionary in ``dictionaries/`` whose ``rule:`` header makes it a rule of
the data-driven kind in :mod:`textlint_gov.rules.kinds`. Both are found at first use; the registry
refuses duplicate or malformed codes.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from textlint_gov.rules.base import (
    CODE_RE,
    DOC_SECTIONS,
    Context,
    Registry,
    Rule,
    RuleDefinitionError,
    parse_doc,
)
from textlint_gov.rules.kinds import builtin_dictionary_rules

__all__ = [
    "CODE_RE",
    "DOC_SECTIONS",
    "Context",
    "Registry",
    "Rule",
    "RuleDefinitionError",
    "parse_doc",
    "registry",
]

_REGISTRY: Registry | None = None


def registry() -> Registry:
    """All built-in rules: Python rule modules of this package and rule dictionaries."""
    global _REGISTRY
    if _REGISTRY is None:
        reg = Registry()
        for mod in pkgutil.iter_modules(__path__):
            if not re.match(r"^[a-z]+\d{3}_", mod.name):
                continue
            module = importlib.import_module(f"{__name__}.{mod.name}")
            for obj in vars(module).values():
                if (
                    isinstance(obj, type)
                    and issubclass(obj, Rule)
                    and obj.__module__ == module.__name__
                    and "code" in vars(obj)
                ):
                    reg.add(obj(), f"textlint_gov/rules/{mod.name}.py")
        for rule, origin in builtin_dictionary_rules():
            reg.add(rule, origin)
        _REGISTRY = reg
    return _REGISTRY
