"""Services and national bodies called without their country: "the Navy", "the Supreme Court", "the Customs
Service", "the Ministry of Defence".

A bare form is the body the article names in full ("Indian Navy" before "the Navy"), else the body of the
article's country when one country clearly dominates it (``dominant_country``). The bare forms are the
context words of the services (``services`` in ``data/context.toml``) and, for a national body of the
gazetteers, its name or alias without its country ("Customs Service" of "U.S. Customs Service", "Ministry of
Defence" of "UK Ministry of Defence").

An organization the model found worded as a nationality and a service word ("an American Air Force pilot") is
that country's service (``demonym_services``), and so is a nationality it found alone before the service word
written as a name (``nationality_services``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry

__all__ = ["bare", "demonym_services", "dominant_country", "nationality_services", "service_table", "short_services"]

# the subtypes of the bodies a country has one of, called without the country inside it
_NATIONAL = frozenset({"service", "court", "agency", "intelligence_agency", "ministry", "legislature"})


def bare(surface: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", surface.strip())


def service_table(entries: Iterable[Entry], words: Iterable[str]) -> dict[tuple[str, str], Entry]:
    """(country, bare form) -> the national body so called: a service word ending the body's name or an alias
    ("Navy" of "U.S. Navy"), or a name or alias that opens with a name of the body's country, without it."""
    entries = list(entries)
    countries: dict[str, set[str]] = {}
    for e in entries:
        if e.subtype == "country" and e.country:
            countries.setdefault(e.country, set()).update((e.name, *e.aliases))
    table: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        if entry.subtype not in _NATIONAL or not entry.country:
            continue
        forms = (entry.name, *entry.aliases)
        if entry.subtype in ("service", "court"):
            for word in words:
                if word in forms:  # the body called so outright ("National Guard"), not one of its components
                    table[(entry.country, word)] = entry
                elif any(f.endswith(" " + word) for f in forms):
                    table.setdefault((entry.country, word), entry)
        for form in forms:
            for country in countries.get(entry.country, ()):
                rest = form[len(country) + 1 :]
                if form.startswith(country + " ") and rest[:1].isupper() and " " in rest:
                    table.setdefault((entry.country, rest), entry)
    return table


def dominant_country(chosen: Iterable[Candidate]) -> str | None:
    """The country an article is about: the most named, if named twice and more than any other."""
    counts = Counter(
        c.entry.country if c.entry is not None else c.country
        for c in chosen
        if (c.entry is not None and c.entry.country) or c.country
    )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    return ranked[0][0]


def short_services(
    text: str, chosen: list[Candidate], table: Mapping[tuple[str, str], Entry], words: frozenset[str]
) -> list[Candidate]:
    """``chosen`` with each bare form (``words``: the second members of ``table``'s keys) made a mention of the
    body the article names in full, else of its country's."""
    bare_forms = [
        c
        for c in chosen
        if bare(text[c.start : c.end]) in words
        and c.type == "ORG"
        and not (c.method == "rule" and c.entry is not None)  # a title's service, resolved already
    ]
    if not bare_forms:
        return chosen
    named: dict[str, list[tuple[int, Entry]]] = {}
    for c in chosen:
        surface = text[c.start : c.end]
        if c.entry is not None and c.entry.country and c not in bare_forms:
            for word in words:
                if surface.endswith(" " + word) and table.get((c.entry.country, word)) == c.entry:
                    named.setdefault(word, []).append((c.start, c.entry))  # "Indian Navy", not "Department of the Navy"
    country = dominant_country(chosen)
    out: list[Candidate] = []
    for c in chosen:
        if c in bare_forms:
            word = bare(text[c.start : c.end])
            # the service named in full before the bare form; where none is, the article's country's, and only
            # without one the service the article names later ("Marines ... Royal Marines" in a U.S. story)
            before = {entry for start, entry in named.get(word, []) if start < c.start}
            seen = before or (set() if country is not None else {entry for _, entry in named.get(word, [])})
            service = next(iter(seen)) if len(seen) == 1 else None
            if service is None and not seen and country is not None:
                service = table.get((country, word))
            if service is not None:
                c = replace(c, entry=service, type=service.type, canonical=None)
        out.append(c)
    return out


def demonym_services(
    text: str,
    chosen: list[Candidate],
    table: Mapping[tuple[str, str], Entry],
    words: Iterable[str],
    lookup: Callable[[str], Entry | None],
) -> list[Candidate]:
    """``chosen`` with each model organization worded as a nationality and a service word ("American Air
    Force") resolved to that country's service. A nationality the model found alone before a service word in
    lower case ("the Russian navy") stays a nationality: CoNLL marks it so, and making the two words the
    service cost CoNLL dev two MISC spans while re3d and the hand gold did not move."""
    words = tuple(words)
    worded = re.compile(rf"(\w+)[ \t]+({'|'.join(re.escape(w) for w in words)})", re.IGNORECASE)
    out = []
    for c in chosen:
        match = worded.fullmatch(text, c.start, c.end) if c.type == "ORG" and c.model_only else None
        nationality = lookup(match.group(1)) if match is not None else None
        if match is not None and nationality is not None and nationality.type == "NORP" and nationality.country:
            service = table.get((nationality.country, _word(words, match.group(2))))
            if service is not None:
                c = replace(c, entry=service, canonical=None)
        out.append(c)
    return out


def nationality_services(
    text: str, chosen: list[Candidate], table: Mapping[tuple[str, str], Entry], words: Iterable[str]
) -> list[Candidate]:
    """``chosen`` with each nationality followed by a service word written as a name ("an American Air Force
    pilot", the model finding only "American") made that country's service, over both words, unless another
    mention holds the service word."""
    written = re.compile(rf"[ \t]+({'|'.join(re.escape(w) for w in words)})\b")
    taken = [(c.start, c.end) for c in chosen]
    out = []
    for c in chosen:
        after = written.match(text, c.end) if c.type == "NORP" else None
        if after is not None:
            service = table.get((c.country or (c.entry.country if c.entry else None) or "", after.group(1)))
            if service is not None and not any(s < after.end() and after.start() < e for s, e in taken):
                c = replace(c, end=after.end(), type="ORG", entry=service, canonical=None, subtype=None)
        out.append(c)
    return out


def _word(words: tuple[str, ...], written: str) -> str:
    return next(w for w in words if w.lower() == written.lower())
