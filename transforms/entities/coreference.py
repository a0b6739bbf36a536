"""Candidate mentions of one article and how they become one consistent set.

Owns: the ``Candidate`` span record (frozen: a step that changes one returns a new one, made with
``dataclasses.replace``); overlap resolution by priority (gazetteer > rule/acronym > model >
weak gazetteer > repeated names); person IDs (full names keyed by their transliteration key, surnames and
variants bound to a full name in the same article); and repetition: a name found once (by the model, a
gazetteer or a rule) is a mention wherever else it occurs in the article, and a person's surname alone
("Doe" after "Jane Doe") is that person, and a ship's name without its prefix ("Decatur" after "USS Decatur
(DDG 73)") is that ship.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from schemas.entities import EntityType, MentionMethod
from transforms.entities.gazetteer import Entry, entity_id
from transforms.entities.people import NAME_SUFFIXES, PARTICLES, canonical_person, known_person, name_key
from transforms.entities.spans import has_word

__all__ = [
    "Candidate",
    "select",
    "assign_person_ids",
    "repeat_names",
    "surnames_as_people",
    "person_suffixes",
    "ship_name",
    "PRIORITY",
]

PRIORITY: dict[str, float] = {
    "gazetteer": 5.0,
    "rule": 4.0,
    "acronym": 5.5,
    "model": 3.0,
    "surname": 3.5,
    "weak": 2.0,
    "coreference": 1.0,
    "title": 1.5,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A span that may become a mention; ``rank`` is a key of ``PRIORITY``."""

    start: int
    end: int
    type: EntityType
    method: MentionMethod
    rank: str
    entry: Entry | None = None
    canonical: str | None = None
    subtype: str | None = None
    country: str | None = None
    entity_id: str | None = None
    title: str | None = None
    affiliation: str | None = None

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def model_only(self) -> bool:
        """Found by the statistical model, with no gazetteer entry behind it."""
        return self.method == "model" and self.entry is None


def select(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, higher priority first, then longer, then earlier, then a rule's over another's of
    the same span (a quoted nickname beside its unit over a gazetteer's word: "the “Stingers” of VFA-113"); in text
    order."""
    ordered = sorted(candidates, key=lambda c: (-PRIORITY[c.rank], -c.length, c.start, c.method != "rule"))
    taken: list[tuple[int, int]] = []
    kept: list[Candidate] = []
    for cand in ordered:
        if cand.length <= 0 or any(cand.start < e and s < cand.end for s, e in taken):
            continue
        taken.append((cand.start, cand.end))
        kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _name_words(name: str) -> list[str]:
    return [w for w in name.split() if w not in NAME_SUFFIXES]


def _surname(name: str) -> str:
    words = _name_words(name)
    return words[-1] if words else name


def known_people(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` with each model span of two or more words that spells a person of ``data/name_variants.toml``
    ("Ursula von der Leyen", read as an organization), or that is the surname of one the article names as a
    person too, made that person; a known person's Wikidata ID is added later, by ``assign_person_ids``."""
    people = {canonical_person(text[c.start : c.end]) for c in chosen if c.type == "PERSON"} - {None}
    return [
        replace(c, type="PERSON", subtype=None, country=None)
        if c.model_only and c.type in ("ORG", "GPE", "LOC", "NORP") and _known_here(text[c.start : c.end], people)
        else c
        for c in chosen
    ]


def _known_here(name: str, people: set[str | None]) -> bool:
    """A name of two or more words that spells a known person, or a known person's surname alone where the
    article names that person as a person too ("Zelenskyy's office" after "President Zelensky")."""
    known = canonical_person(name)
    if len(name.split()) > 1:
        return known_person(known or "")[0] is not None
    return known is not None and known in people


def assign_person_ids(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates``, every PERSON candidate without an ID given its canonical name and ID."""
    by_surname: dict[str, tuple[str, str]] = {}
    out = list(candidates)
    singles: list[int] = []  # positions of one-word names, bound once every full name is known
    for i, cand in enumerate(candidates):
        if cand.type != "PERSON" or cand.entity_id is not None or cand.rank == "title":
            continue
        name = re.sub(r"\s+", " ", text[cand.start : cand.end])
        words = [w for w in _name_words(name) if w.lower().strip(".") not in PARTICLES]
        if len(words) < 2:
            singles.append(i)
            continue
        canonical = canonical_person(name) or name
        person_id = _person_id(canonical)
        out[i] = replace(cand, canonical=canonical, entity_id=person_id, country=known_person(canonical)[1])
        by_surname.setdefault(name_key(_surname(name)), (canonical, person_id))
        by_surname.setdefault(name_key(_surname(canonical)), (canonical, person_id))
    for i in singles:
        cand = candidates[i]
        name = text[cand.start : cand.end]
        bound = by_surname.get(name_key(name))
        if bound is None:
            known = canonical_person(name)
            bound = (known, _person_id(known)) if known else None
        if bound is None:
            bound = (name, entity_id("PERSON", name_key(name)))
        out[i] = replace(cand, canonical=bound[0], entity_id=bound[1], country=known_person(bound[0])[1])
    return _with_given_names(_with_middle_names(out))


def _with_middle_names(cands: list[Candidate]) -> list[Candidate]:
    """Full names of one person written with and without a middle name or initial in one article ("James C.
    Kopp", "James Kopp") get the ID and canonical name of the fullest form, when the middle parts agree (an
    initial stands for a name with that letter; "John A. Smith" and "John B. Smith" stay two people, and so do
    names with fewer middle parts than the fullest but some: "George W. Bush" beside "George H. W. Bush")."""
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for c in cands:
        if c.type == "PERSON" and c.rank != "title" and c.canonical and c.entity_id:
            words = _name_words(c.canonical)
            if len(words) >= 2:
                groups.setdefault((name_key(words[0]), name_key(words[-1])), []).append((c.canonical, c.entity_id))
    best: dict[str, tuple[str, str]] = {}
    for forms in groups.values():
        distinct = sorted(set(forms), key=lambda f: (-len(_name_words(f[0])), f[0]))
        fullest = distinct[0]
        middles = [_name_words(f)[1:-1] for f, _ in distinct]
        if len(distinct) > 1 and all(_agrees(m, middles[0]) and len(m) in (0, len(middles[0])) for m in middles[1:]):
            best |= {eid: fullest for _, eid in distinct[1:]}
    return [
        replace(c, canonical=best[c.entity_id][0], entity_id=best[c.entity_id][1])
        if c.type == "PERSON" and c.entity_id in best
        else c
        for c in cands
    ]


def _with_given_names(cands: list[Candidate]) -> list[Candidate]:
    """A person named by the first words of one full name in the article ("Elian" or "Juan Miguel" beside
    "Juan Miguel Gonzalez") is that person, when exactly one full name starts so and the words are no
    person's surname there ("Gonzalez" is bound by the surname rule)."""
    persons = {
        (c.canonical, c.entity_id)
        for c in cands
        if c.type == "PERSON" and c.rank != "title" and c.canonical and c.entity_id
    }
    surnames = {name_key(_surname(f)) for f, _ in persons if len(_name_words(f)) >= 2}
    best: dict[str, tuple[str, str]] = {}
    for form, eid in persons:
        keys = [name_key(w) for w in _name_words(form)]
        if not keys or (len(keys) == 1 and keys[0] in surnames):
            continue
        longer = {
            (g, gid)
            for g, gid in persons
            if gid != eid
            and len(_name_words(g)) > len(keys)
            and [name_key(w) for w in _name_words(g)[: len(keys)]] == keys
        }
        if len({gid for _, gid in longer}) == 1:
            best[eid] = next(iter(longer))
    return [
        replace(c, canonical=best[c.entity_id][0], entity_id=best[c.entity_id][1])
        if c.type == "PERSON" and c.entity_id in best
        else c
        for c in cands
    ]


def _agrees(short: list[str], full: list[str]) -> bool:
    """Whether the middle parts ``short`` are a shortening of ``full``: each an initial or a word of it, in order."""
    rest = iter(w.strip(".").lower() for w in full)
    return all(
        any(f == w.strip(".").lower() or (len(w.strip(".")) == 1 and f[:1] == w[:1].lower()) for f in rest)
        for w in short
    )


def _person_id(canonical: str) -> str:
    """A person's ID: the Wikidata item of a person known across articles, else the name's key."""
    return entity_id("PERSON", name_key(canonical), known_person(canonical)[0])


def _uses(text: str, needle: str) -> Iterable[tuple[int, int]]:
    pattern = re.compile(rf"(?<![\w\-.]){re.escape(needle)}(?!\w|-\w|['’](?!s\b)\w)")  # "Doe's" counts
    for match in pattern.finditer(text):
        yield match.start(), match.end()


_SHIP_NAME = re.compile(r"^(?:USS|USNS|USCGC|HMS|HMAS|HMCS|HMNZS|INS|JS|ROKS|FS|TCG)\s+(.+?)(?:\s+\([^)]*\))?$")


def ship_name(surface: str) -> str | None:
    """A ship's name without its prefix and hull number ("Ronald Reagan" of "USS Ronald Reagan (CVN 76)")."""
    match = _SHIP_NAME.match(surface)
    return match.group(1) if match else None


def person_suffixes(text: str, chosen: Iterable[Candidate]) -> set[str]:
    """Every ending of the names of the people named in two words or more ("De Fatta" and "Fatta" of
    "Richard De Fatta"): the surnames a shorter name may be."""
    out: set[str] = set()
    for c in chosen:
        words = text[c.start : c.end].split()
        if c.type == "PERSON" and len(words) >= 2:
            out |= {" ".join(words[i:]) for i in range(1, len(words))}
    return out


_CAPITALIZED = re.compile(r"(?<![\w-])[A-Z][\w'’]+(?:-[A-Z]?[\w'’]+)?(?![\w-])")


def _variant_uses(text: str, surname: str) -> list[tuple[int, int]]:
    """Capitalized words spelling ``surname`` differently but with the same transliteration key."""
    key = name_key(surname)
    return [
        (m.start(), m.end())
        for m in _CAPITALIZED.finditer(text)
        if m.group() != surname and m.group()[:2].lower() == surname[:2].lower() and name_key(m.group()) == key
    ]


def _repeat(cand: Candidate, start: int, end: int, rank: str) -> Candidate:
    """``cand`` found again at ``start``-``end``: a coreference mention, without the first one's title."""
    return replace(cand, start=start, end=end, method="coreference", rank=rank, title=None, affiliation=None)


def repeat_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """New candidates: other occurrences of names already found, and persons' surnames used alone."""
    extra: list[Candidate] = []
    seen: set[str] = set()
    ships: set[str] = set()
    spans = [(c.start, c.end) for c in chosen]

    def inside_other(start: int, end: int) -> bool:
        return any(s < end and start < e and (s, e) != (start, end) for s, e in spans)

    for cand in chosen:
        surface = text[cand.start : cand.end]
        if cand.rank in ("coreference", "title", "weak") or surface in seen:
            continue
        seen.add(surface)
        if len(surface) >= 3 and surface[:1].isupper() and "\n" not in surface:
            extra += [_repeat(cand, s, e, "coreference") for s, e in _uses(text, surface) if s != cand.start]
        ship = ship_name(surface) if cand.type == "PLATFORM" else None
        if ship and ship not in ships:  # "Florida" after "USS Florida" even if a place came first
            ships.add(ship)
            extra += [_repeat(cand, s, e, "surname") for s, e in _uses(text, ship) if not inside_other(s, e)]
        if cand.type == "PERSON" and len(_name_words(surface)) >= 2:
            surname = _surname(surface)
            if len(surname) >= 3 and surname[:1].isupper() and surname not in seen:
                seen.add(surname)
                uses = [*_uses(text, surname), *_variant_uses(text, surname)]
                extra += [_repeat(cand, s, e, "surname") for s, e in uses if not inside_other(s, e)]
    return extra


def surnames_as_people(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` with each name the model typed as something else that is the surname of a person named in
    full in the article ("De Fatta" beside "Richard De Fatta", "Miller" beside "Scott Miller"), or the given
    name of the one such person ("Michèle" beside "Michèle Flournoy"), made that person's mention; names the
    gazetteers know ("Washington", "Ford") are left alone."""
    given: dict[str, set[str]] = {}
    for c in chosen:
        words = text[c.start : c.end].split()
        if c.type == "PERSON" and 2 <= len(words) <= 3 and not has_word(text, words[-1].lower()):
            given.setdefault(words[0], set()).add(" ".join(words))  # not the model's "person" "Cookville Fire"
    names = person_suffixes(text, chosen) | {first for first, people in given.items() if len(people) == 1}
    if not names:
        return chosen
    return [
        replace(c, type="PERSON") if c.model_only and c.type != "PERSON" and text[c.start : c.end] in names else c
        for c in chosen
    ]
