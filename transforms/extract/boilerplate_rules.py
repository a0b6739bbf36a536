"""Boilerplate rules as data: loading ``transforms/extract/data/boilerplate.toml`` into compiled, frozen values.

This module owns the shape of the rules file and nothing else; how the rules are applied lives in
``transforms.extract.boilerplate`` (line and block filtering) and ``transforms.extract.byline`` (author lines).
Adding a phrase is an edit to the TOML file, not to code.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["BoilerplateRules", "BylineRules", "LineRule", "load_rules", "parse_rules", "DEFAULT_RULES_FILE"]

DEFAULT_RULES_FILE = "boilerplate.toml"


@dataclass(frozen=True, slots=True)
class LineRule:
    """One compiled pattern and the category (TOML key) it came from."""

    category: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class BylineRules:
    """How author lines look: an opening phrase, outlet separators, role words, ranks, name particles."""

    prefix: re.Pattern[str]
    outlet_separators: tuple[str, ...]
    roles: re.Pattern[str]
    ranks: re.Pattern[str]
    date_hint: re.Pattern[str]
    name_particles: frozenset[str]
    max_chars: int
    max_name_words: int
    role_max_words: int


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """Everything ``boilerplate.toml`` says, compiled once."""

    lines: tuple[LineRule, ...]
    related_headers: tuple[re.Pattern[str], ...]
    tail: tuple[re.Pattern[str], ...]
    byline: BylineRules
    link_line_min_chars: int
    link_line_max_chars: int
    link_block_max_lines: int
    title_max_chars: int
    title_max_words: int
    kicker_max_words: int
    header_window: int


@functools.cache
def load_rules(name: str = DEFAULT_RULES_FILE) -> BoilerplateRules:
    """Load and compile a rules file shipped in ``transforms.extract.data`` (cached per name)."""
    text = resources.files("transforms.extract.data").joinpath(name).read_text(encoding="utf-8")
    return parse_rules(text)


def parse_rules(toml_text: str) -> BoilerplateRules:
    """Compile rules from TOML text; raises ``ValueError`` naming the bad key or pattern."""
    try:
        doc = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"boilerplate rules: {err}") from err
    limits = _table(doc, "limits")
    lines = tuple(
        LineRule(category, _compile(pattern, f"lines.{category}"))
        for category, patterns in _table(doc, "lines").items()
        for pattern in _strings(patterns, f"lines.{category}")
    )
    related = _table(doc, "related")
    tail = _table(doc, "tail")
    return BoilerplateRules(
        lines=lines,
        related_headers=tuple(
            _compile(p, "related.headers") for p in _strings(related.get("headers"), "related.headers")
        ),
        tail=tuple(_compile(p, "tail.patterns") for p in _strings(tail.get("patterns"), "tail.patterns")),
        byline=_byline(_table(doc, "byline")),
        link_line_min_chars=_int(limits, "link_line_min_chars"),
        link_line_max_chars=_int(limits, "link_line_max_chars"),
        link_block_max_lines=_int(limits, "link_block_max_lines"),
        title_max_chars=_int(limits, "title_max_chars"),
        title_max_words=_int(limits, "title_max_words"),
        kicker_max_words=_int(limits, "kicker_max_words"),
        header_window=_int(limits, "header_window"),
    )


def _byline(table: dict[str, Any]) -> BylineRules:
    roles = _strings(table.get("roles"), "byline.roles")
    ranks = _strings(table.get("ranks"), "byline.ranks")
    return BylineRules(
        prefix=_compile(str(table.get("prefix", "")), "byline.prefix"),
        outlet_separators=tuple(_strings(table.get("outlet_separators"), "byline.outlet_separators")),
        roles=_word_alternation(roles, "byline.roles"),
        ranks=_word_alternation(ranks, "byline.ranks"),
        date_hint=_compile(str(table.get("date_hint", "(?!x)x")), "byline.date_hint"),
        name_particles=frozenset(p.lower() for p in _strings(table.get("name_particles"), "byline.name_particles")),
        max_chars=_int(table, "max_chars"),
        max_name_words=_int(table, "max_name_words"),
        role_max_words=_int(table, "role_max_words"),
    )


def _word_alternation(words: list[str], where: str) -> re.Pattern[str]:
    """One pattern matching any of ``words`` as whole words (a trailing dot belongs to the word)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return _compile(rf"(?<![\w.])(?:{alternatives})(?![\w])", where) if words else re.compile(r"(?!x)x")


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as err:
        raise ValueError(f"boilerplate rules: bad pattern in {where}: {pattern!r}: {err}") from err


def _table(doc: dict[str, Any], key: str) -> dict[str, Any]:
    value = doc.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"boilerplate rules: missing table [{key}]")
    return value


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"boilerplate rules: {where} must be a list of strings")
    return list(value)


def _int(table: dict[str, Any], key: str) -> int:
    value = table.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"boilerplate rules: {key} must be a non-negative integer")
    return value
