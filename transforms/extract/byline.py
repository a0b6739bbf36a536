"""Author lines: recognising a byline and reading the personal names out of it.

Handles the shapes news sites and wire services use: "By Jane Smith and John Doe",
"By JANE SMITH | Reuters", "Jane Smith, Staff Writer", "Story by Petty Officer 3rd Class Jane Doe",
"By Reuters" (a wire service, under its one name from ``authors.toml``).
A line of running text counts as a byline only with "By" or with a journalist's role, an outlet or a
date after the names, so place names, headlines, photo captions ("Col. Dave Butler, Army
spokesman") and attributions ("John Kirby, Pentagon press secretary") are not mistaken for authors;
a line with a verb of saying ("said Lt. Gen. John Smith") never is one. ``parse_names`` skips the
role test for fields already known to hold authors (``<meta name="author">``, a ``byline`` element).
Words and separators come from ``boilerplate.toml`` and ``authors.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.extract.author_labels import agency_name, is_journalism_role, is_speaker_role, is_speech
from transforms.extract.boilerplate_rules import BoilerplateRules, BylineRules, load_rules

__all__ = ["parse_byline", "parse_names", "is_byline", "is_person_name"]

_AND = re.compile(r"\s+(?:and|&|und|et|y|e)\s+|\s*;\s*", re.IGNORECASE)
_NAME_CHARS = re.compile(r"[^\W\d_]|[.'’\-]")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)
_INITIAL = re.compile(r"(?:[^\W\d_]\.)+")
_LEADING_AND = re.compile(r"^(?:and|&)\s+", re.IGNORECASE)  # ", and Tom Watkins"
_ONE_WORD_OUTLET = re.compile(r"[A-Z][\w.&-]*")


@dataclass(frozen=True, slots=True)
class _Reading:
    names: tuple[str, ...]
    opener: bool  # the line starts with "By" (or "Story by", ...)
    signalled: bool  # a role, outlet with a date, or similar follows the names


def parse_byline(line: str, rules: BoilerplateRules | None = None) -> tuple[str, ...]:
    """The authors named by ``line`` if it is a byline, else ``()``."""
    b = (rules or load_rules()).byline
    reading = _read(line, b)
    if reading is None:
        return _wire_credit(line, b, opener_needed=True)
    if not (reading.opener or reading.signalled):
        return ()
    return reading.names


def parse_names(text: str, rules: BoilerplateRules | None = None) -> tuple[str, ...]:
    """Personal names in a field known to hold authors ("By Jane Doe", "Jane Doe, Reuters"), or the
    wire service it names ("By AP" gives "Associated Press")."""
    b = (rules or load_rules()).byline
    reading = _read(text, b)
    return reading.names if reading is not None else _wire_credit(text, b, opener_needed=False)


def is_byline(line: str, rules: BoilerplateRules | None = None) -> bool:
    """Whether ``line`` is an author line."""
    return bool(parse_byline(line, rules))


def is_person_name(name: str, rules: BoilerplateRules | None = None) -> bool:
    """Whether ``name`` has the shape of one personal name (ranks and initials allowed)."""
    return _is_name(name.strip(), (rules or load_rules()).byline)


def _wire_credit(line: str, b: BylineRules, *, opener_needed: bool) -> tuple[str, ...]:
    """``("Reuters",)`` for "By Reuters", "By REUTERS | Wire", or a bare "Reuters" in an author field."""
    text = " ".join(line.split())
    if not text or len(text) > b.max_chars:
        return ()
    opener = b.prefix.match(text)
    if opener is None and opener_needed:
        return ()
    names_part, _outlet = _split_outlet(text[opener.end() :] if opener else text, b)
    agency = agency_name(names_part)
    return (agency,) if agency else ()


def _read(line: str, b: BylineRules) -> _Reading | None:
    text = " ".join(line.split())
    if not text or len(text) > b.max_chars or is_speech(text):
        return None
    opener = b.prefix.match(text)
    rest = text[opener.end() :] if opener else text
    names_part, outlet = _split_outlet(rest, b)
    names: list[str] = []
    signalled = bool(outlet and b.date_hint.search(outlet))
    parts = [_LEADING_AND.sub("", p.strip()) for p in names_part.split(",") if p.strip()]
    for index, part in enumerate(parts):
        if names and index == len(parts) - 1 and _ONE_WORD_OUTLET.fullmatch(part):
            break  # "By Dana Ford, Tom Watkins, CNN": a one-word outlet closes the names
        if b.roles.search(part) and not b.ranks.search(part) and len(part.split()) <= b.role_max_words:
            # "Jane Smith, Staff Writer, Defense News": the rest is role and outlet; a speaker's role
            # ("Army spokesman", "commanding general of ...") makes the line a caption or attribution
            signalled = is_journalism_role(part) and not is_speaker_role(part)
            break
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
