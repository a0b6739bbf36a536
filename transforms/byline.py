"""Author lines: recognising a byline and reading the personal names out of it.

Handles the shapes news sites and wire services use: "By Jane Smith and John Doe",
"By JANE SMITH | Reuters", "Jane Smith, Staff Writer", "Story by Petty Officer 3rd Class Jane Doe".
A line of running text counts as a byline only with "By" or with a role, outlet or date after the
names, so place names and headlines are not mistaken for authors; ``parse_names`` skips that test
for fields already known to hold authors (``<meta name="author">``, a ``byline`` element).
Words and separators come from ``boilerplate.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.rules import BoilerplateRules, BylineRules, load_rules

__all__ = ["parse_byline", "parse_names", "is_byline", "is_person_name"]

_AND = re.compile(r"\s+(?:and|&|und|et|y|e)\s+|\s*;\s*", re.IGNORECASE)
_NAME_CHARS = re.compile(r"[^\W\d_]|[.'’\-]")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)
_INITIAL = re.compile(r"(?:[^\W\d_]\.)+")


@dataclass(frozen=True, slots=True)
class _Reading:
    names: tuple[str, ...]
    opener: bool  # the line starts with "By" (or "Story by", ...)
    signalled: bool  # a role, outlet with a date, or similar follows the names


def parse_byline(line: str, rules: BoilerplateRules | None = None) -> tuple[str, ...]:
    """The authors named by ``line`` if it is a byline, else ``()``."""
    reading = _read(line, (rules or load_rules()).byline)
    if reading is None or not (reading.opener or reading.signalled):
        return ()
    return reading.names


def parse_names(text: str, rules: BoilerplateRules | None = None) -> tuple[str, ...]:
    """Personal names in a field known to hold authors ("By Jane Doe", "Jane Doe, Reuters")."""
    reading = _read(text, (rules or load_rules()).byline)
    return reading.names if reading is not None else ()


def is_byline(line: str, rules: BoilerplateRules | None = None) -> bool:
    """Whether ``line`` is an author line."""
    return bool(parse_byline(line, rules))


def is_person_name(name: str, rules: BoilerplateRules | None = None) -> bool:
    """Whether ``name`` has the shape of one personal name (ranks and initials allowed)."""
    return _is_name(name.strip(), (rules or load_rules()).byline)


def _read(line: str, b: BylineRules) -> _Reading | None:
    text = " ".join(line.split())
    if not text or len(text) > b.max_chars:
        return None
    opener = b.prefix.match(text)
    rest = text[opener.end() :] if opener else text
    names_part, outlet = _split_outlet(rest, b)
    names: list[str] = []
    signalled = bool(outlet and b.date_hint.search(outlet))
    for part in (p.strip() for p in names_part.split(",")):
        if not part:
            continue
        if b.roles.search(part) and not b.ranks.search(part) and len(part.split()) <= b.role_max_words:
            signalled = True
            break  # "Jane Smith, Staff Writer, Defense News": the rest is role and outlet
        for name in _AND.split(part):
            if not _is_name(name, b):
                return None
            names.append(_fix_case(name.strip()))
    if not names:
        return None
    return _Reading(tuple(dict.fromkeys(names)), opener is not None, signalled)


def _split_outlet(text: str, b: BylineRules) -> tuple[str, str]:
    cut = min((i for i in (text.find(sep) for sep in b.outlet_separators) if i >= 0), default=-1)
    if cut < 0:
        return text, ""
    return text[:cut].strip(), text[cut:].strip(" |/—–-•·")


def _is_name(name: str, b: BylineRules) -> bool:
    tokens = name.split()
    if b.ranks.search(name):
        tokens = b.ranks.sub(" ", name).split()
        if not tokens:
            return False
    elif len(tokens) < 2:
        return False
    if tokens[0].lower() in b.name_particles:
        return False
    if sum(1 for t in tokens if t.lower() not in b.name_particles) > b.max_name_words:
        return False
    capitalised = 0
    for token in tokens:
        if token.lower() in b.name_particles or _ORDINAL.fullmatch(token) or _INITIAL.fullmatch(token):
            continue
        if not all(_NAME_CHARS.fullmatch(ch) for ch in token):
            return False
        first = next((ch for ch in token if ch.isalpha()), "")
        if not first or first.islower():
            return False
        capitalised += 1
    return capitalised >= 1


def _fix_case(name: str) -> str:
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return name.title()
    return name
