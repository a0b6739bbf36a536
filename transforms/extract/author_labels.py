"""What an author value names: a wire service, a job title or desk, a quoted speaker, or maybe a person.

This module owns the reading of ``transforms/extract/data/authors.toml`` and the tests made with its word
lists; the policy that uses them (who stays in ``authors``) lives in ``transforms.extract.authors``, and the
byline reader (``transforms.extract.byline``) asks it whether a line is a speaker's attribution. Every test
is a rule over words, never a list of particular values: adding a word is an edit to the TOML file.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = [
    "AuthorRules",
    "load_author_rules",
    "parse_author_rules",
    "agency_name",
    "is_job_label",
    "is_speech",
    "is_speaker_role",
    "is_journalism_role",
    "words",
    "squash",
    "DEFAULT_AUTHOR_RULES_FILE",
]

DEFAULT_AUTHOR_RULES_FILE = "authors.toml"
_WORD = re.compile(r"[^\W_]+(?:[.'’/-][^\W_]+)*\.?|&")
_OPENER = re.compile(r"^\s*(?:by|from|the)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class AuthorRules:
    """The word lists of ``authors.toml``, compiled once."""

    jobs: frozenset[str]
    qualifiers: frozenset[str]
    speech: re.Pattern[str]
    speaker_roles: re.Pattern[str]
    journalism_roles: re.Pattern[str]
    agencies: dict[str, str]  # squashed alias -> canonical name


@functools.cache
def load_author_rules(name: str = DEFAULT_AUTHOR_RULES_FILE) -> AuthorRules:
    """Load and compile a rules file shipped in ``transforms.extract.data`` (cached per name)."""
    return parse_author_rules(resources.files("transforms.extract.data").joinpath(name).read_text(encoding="utf-8"))


def parse_author_rules(toml_text: str) -> AuthorRules:
    """Compile rules from TOML text; raises ``ValueError`` naming the bad key."""
    try:
        doc = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"author rules: {err}") from err
    labels, speech, bylines = _table(doc, "labels"), _table(doc, "speech"), _table(doc, "bylines")
    agencies: dict[str, str] = {}
    for canonical, aliases in _table(doc, "agencies").items():
        for alias in [canonical, *_strings(aliases, f"agencies.{canonical}")]:
            agencies[squash(alias)] = canonical
    return AuthorRules(
        jobs=frozenset(w.lower() for w in _strings(labels.get("jobs"), "labels.jobs")),
        qualifiers=frozenset(w.lower() for w in _strings(labels.get("qualifiers"), "labels.qualifiers")),
        speech=_alternation(_strings(speech.get("verbs"), "speech.verbs")),
        speaker_roles=_alternation(_strings(speech.get("speaker_roles"), "speech.speaker_roles")),
        journalism_roles=_alternation(_strings(bylines.get("journalism_roles"), "bylines.journalism_roles")),
        agencies=agencies,
    )


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` (a trailing dot kept, so "Sen." is not "sen")."""
    return [w.lower() for w in _WORD.findall(text)]


def squash(text: str) -> str:
    """Letters and digits only, case-folded: "Sott.net" and "SOTT NET" both give "sottnet"."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def agency_name(value: str, rules: AuthorRules | None = None) -> str | None:
    """The canonical name of the wire service ``value`` names ("By AP" gives "Associated Press"), else ``None``."""
    r = rules or load_author_rules()
    return r.agencies.get(squash(_OPENER.sub("", value.strip())))


def is_job_label(value: str, site_words: Iterable[str] = (), rules: AuthorRules | None = None) -> bool:
    """Whether ``value`` is only job-title, desk and qualifier words (and the site's own name), with a job word.

    "National Security Writer", "Defense News Staff", "Editorial Board", "Submitted": yes.
    "Sam Writer", "Jane Doe": no ("sam" and "jane" are neither).
    """
    r = rules or load_author_rules()
    tokens = [w.rstrip(".") for w in words(value)]
    allowed = r.jobs | r.qualifiers | {w.rstrip(".") for w in site_words}
    return bool(tokens) and any(t in r.jobs for t in tokens) and all(t in allowed for t in tokens)


def is_speech(value: str, rules: AuthorRules | None = None) -> bool:
    """Whether ``value`` holds a verb of saying ("said Lt. Gen. John Smith", "according to Col. Jane Doe")."""
    return bool((rules or load_author_rules()).speech.search(value))


def is_speaker_role(value: str, rules: AuthorRules | None = None) -> bool:
    """Whether ``value`` holds a role of a person in the news ("Army spokesman", "commanding general")."""
    return bool((rules or load_author_rules()).speaker_roles.search(value))


def is_journalism_role(value: str, rules: AuthorRules | None = None) -> bool:
    """Whether ``value`` holds a role or outlet of a person who writes the news ("Staff Writer", "Reuters")."""
    return bool((rules or load_author_rules()).journalism_roles.search(value))


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    if not phrases:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)", re.IGNORECASE)


def _table(doc: dict[str, Any], key: str) -> dict[str, Any]:
    value = doc.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"author rules: missing table [{key}]")
    return value


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"author rules: {where} must be a list of strings")
    return list(value)
