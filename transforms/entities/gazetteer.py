"""Defense gazetteers: the entries read from ``transforms/entities/data/gazetteer_*.toml`` and places, their
stable entity IDs, and a token matcher that finds every alias in a spaCy ``Doc``.

Each entry is one canonical entity (name, type, subtype, country, Wikidata ID, aliases). Its
``entity_id`` is the Wikidata ID when the entry has one, else ``entity_id(type, name)``: a hash of the type
and the normalized canonical name, so the same entity gets the same ID in every article and run, and an
entity the model finds gets the ID a later gazetteer entry of the same name will carry.

Aliases are *strong* (set before the model's NER, which then predicts around them) or *weak* (ordinary
words, surnames, city names: used only where the model found nothing). For weapons and platforms the type
follows the subtype (``SUBTYPE_TYPE``): missiles and guns are WEAPON, aircraft, ships, vehicles and
launch systems PLATFORM.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal, Protocol, TypeVar, cast

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from schemas.entities import ENTITY_TYPES, EntityType

__all__ = [
    "read_data",
    "Entry",
    "Gazetteer",
    "GazetteerMatch",
    "SUBTYPE_TYPE",
    "entity_id",
    "normalize",
    "load_entries",
    "build_gazetteer",
    "make_entry",
    "MatchMode",
    "FormIndex",
    "find_form",
]

GAZETTEER_FILES = (
    "gazetteer_orgs.toml",
    "gazetteer_armed_groups.toml",
    "gazetteer_companies.toml",
    "gazetteer_weapons.toml",
    "gazetteer_operations.toml",
)

_WEAPON_SUBTYPES = (
    "missile",
    "cruise_missile",
    "ballistic_missile",
    "hypersonic_missile",
    "anti_ship_missile",
    "air_to_air_missile",
    "surface_to_air_missile",
    "anti_tank_missile",
    "manpads",
    "icbm",
    "slbm",
    "guided_bomb",
    "bomb",
    "rocket",
    "munition",
    "loitering_munition",
    "torpedo",
    "small_arm",
    "towed_artillery",
    "naval_gun",
    "mine",
    "weapon_class",
)
_PLATFORM_SUBTYPES = (
    "fighter_aircraft",
    "attack_aircraft",
    "bomber",
    "transport_aircraft",
    "tanker_aircraft",
    "aew_aircraft",
    "patrol_aircraft",
    "reconnaissance_aircraft",
    "electronic_warfare_aircraft",
    "command_aircraft",
    "trainer_aircraft",
    "aircraft",
    "tiltrotor",
    "helicopter",
    "uav",
    "rocket_launcher",
    "self_propelled_artillery",
    "air_defense_system",
    "tank",
    "armored_vehicle",
    "ship_class",
    "ship",
    "aircraft_carrier",
    "cruiser",
    "destroyer",
    "frigate",
    "submarine",
    "satellite",
    "spacecraft",
    "platform_class",
)
SUBTYPE_TYPE: dict[str, EntityType] = {
    **{s: "WEAPON" for s in _WEAPON_SUBTYPES},
    **{s: "PLATFORM" for s in _PLATFORM_SUBTYPES},
}

MatchMode = Literal["strong", "weak"]
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")


def normalize(text: str) -> str:
    """The lookup form of a name: straight quotes, single spaces, no leading "the"."""
    return _LEADING_THE.sub("", _SPACE.sub(" ", text.translate(_QUOTES)).strip())


def entity_id(type_: str, name: str, wikidata_id: str | None = None) -> str:
    """Stable ID of a canonical entity: its Wikidata ID, else ``E`` + 16 hex of sha256(type|name)."""
    if wikidata_id:
        return wikidata_id
    digest = hashlib.sha256(f"{type_}|{normalize(name).casefold()}".encode()).hexdigest()
    return "E" + digest[:16]


@dataclass(frozen=True, slots=True)
class Entry:
    """One canonical entity of a gazetteer."""

    entity_id: str
    name: str
    type: EntityType
    subtype: str | None = None
    country: str | None = None
    wikidata_id: str | None = None
    aliases: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    """A gazetteer alias found in a doc: character offsets and the entry it names."""

    start: int
    end: int
    entry: Entry
    strong: bool
    token_start: int
    token_end: int


def make_entry(
    name: str,
    type_: str,
    *,
    subtype: str | None = None,
    country: str | None = None,
    wikidata_id: str | None = None,
    aliases: Iterable[str] = (),
    weak: Iterable[str] = (),
) -> Entry:
    if type_ not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {type_!r} for {name!r}")
    typed = cast(EntityType, type_)
    return Entry(
        entity_id(typed, name, wikidata_id),
        name,
        typed,
        subtype,
        country,
        wikidata_id,
        tuple(dict.fromkeys(a for a in aliases if a and a != name)),
        tuple(weak),
    )


def read_data(name: str, package: str = "transforms.entities.data") -> dict[str, Any]:
    """A TOML file of ``transforms/entities/data`` (or of another data package), parsed."""
    return tomllib.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


def load_entries(files: Iterable[str] = GAZETTEER_FILES) -> list[Entry]:
    """The defense gazetteer entries, in file order."""
    entries: list[Entry] = []
    for name in files:
        data = read_data(name)
        for item in data.get("entity", ()):
            subtype = item.get("subtype", data.get("subtype"))
            type_ = item.get("type") or SUBTYPE_TYPE.get(subtype or "") or data.get("type")
            if type_ is None:
                raise ValueError(f"{name}: no type for {item.get('name')!r}")
            entries.append(
                make_entry(
                    item["name"],
                    type_,
                    subtype=subtype,
                    country=item.get("country"),
                    wikidata_id=item.get("wikidata"),
                    aliases=item.get("aliases", ()),
                    weak=item.get("weak", ()),
                )
            )
    return entries


V = TypeVar("V")


def find_form(surface: Mapping[str, V], folded: Mapping[str, V], text: str) -> V | None:
    """The value of a surface form: exact, then normalized, then case-folded (multi-word forms only)."""
    found = surface.get(text)
    if found is None:
        found = surface.get(normalize(text))
    if found is None and " " in text.strip():
        found = folded.get(normalize(text).casefold())
    return found


class FormIndex(Protocol):
    """Names only looked up, never matched in text (``transforms.entities.places.Cities``): too many to hold
    as entries, so an entry is made for the form a lookup finds."""

    def lookup(self, text: str) -> Entry | None: ...

    def forms(self) -> Iterable[str]: ...


@dataclass(slots=True)
class Gazetteer:
    """Entries by ID, a surface-form index for lookups, and matchers built on one spaCy vocab; names
    no entry has are looked up in ``fallback``."""

    entries: dict[str, Entry] = field(default_factory=dict)
    surface: dict[str, str] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)
    strong_matcher: PhraseMatcher | None = None
    weak_matcher: PhraseMatcher | None = None
    fallback: FormIndex | None = None

    def lookup(self, text: str) -> Entry | None:
        """The entry a surface form names (``find_form``); else the fallback's (as the entry of the
        same ID, when there is one)."""
        key = find_form(self.surface, self.folded, text)
        if key:
            return self.entries.get(key)
        found = self.fallback.lookup(text) if self.fallback is not None else None
        return self.entries.get(found.entity_id, found) if found is not None else None

    def forms(self) -> set[str]:
        """Every surface form a lookup knows, the fallback's included."""
        return set(self.surface).union(self.fallback.forms() if self.fallback is not None else ())

    def matches(self, doc: Doc) -> Iterator[GazetteerMatch]:
        """Every alias occurrence in ``doc`` (overlapping ones included), strong ones first."""
        for matcher, strong in ((self.strong_matcher, True), (self.weak_matcher, False)):
            if matcher is None:
                continue
            for match_id, start, end in matcher(doc):
                entry = self.entries.get(doc.vocab.strings[match_id])
                if entry is not None:
                    yield GazetteerMatch(
                        doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), entry, strong, start, end
                    )


def build_gazetteer(
    nlp: Language, groups: Iterable[tuple[Iterable[Entry], MatchMode]], fallback: FormIndex | None = None
) -> Gazetteer:
    """Index ``groups`` of (entries, mode) in priority order; the first entry to claim a surface wins.

    Mode "strong": aliases go to the strong matcher, except the entry's weak ones; "weak": every alias goes
    to the weak matcher. Names in ``fallback`` are only looked up, to type and resolve spans the model
    found, after every entry's.
    """
    gaz = Gazetteer(fallback=fallback)
    strong_forms: dict[str, list[str]] = {}
    weak_forms: dict[str, list[str]] = {}
    claimed: set[str] = set()
    for entries, mode in groups:
        for entry in entries:
            if entry.entity_id in gaz.entries:
                entry = _merge(gaz.entries[entry.entity_id], entry)
            gaz.entries[entry.entity_id] = entry
            for form in (entry.name, *entry.aliases):
                form = form.translate(_QUOTES).strip()
                if not form or form in claimed:
                    continue
                claimed.add(form)
                gaz.surface.setdefault(form, entry.entity_id)
                gaz.surface.setdefault(normalize(form), entry.entity_id)
                if " " in form:
                    gaz.folded.setdefault(normalize(form).casefold(), entry.entity_id)
                target = strong_forms if mode == "strong" and form not in entry.weak else weak_forms
                target.setdefault(entry.entity_id, []).append(form)
                for variant in _quote_variants(form):
                    if variant not in claimed:
                        claimed.add(variant)
                        target.setdefault(entry.entity_id, []).append(variant)
    gaz.strong_matcher = _matcher(nlp, strong_forms)
    gaz.weak_matcher = _matcher(nlp, weak_forms)
    return gaz


def _quote_variants(form: str) -> list[str]:
    return [form.replace("'", "’")] if "'" in form else []


def _merge(old: Entry, new: Entry) -> Entry:
    aliases = tuple(dict.fromkeys((*old.aliases, *new.aliases, new.name)))
    return Entry(
        old.entity_id,
        old.name,
        old.type,
        old.subtype or new.subtype,
        old.country or new.country,
        old.wikidata_id or new.wikidata_id,
        tuple(a for a in aliases if a != old.name),
        tuple(dict.fromkeys((*old.weak, *new.weak))),
    )


def _matcher(nlp: Language, forms: dict[str, list[str]]) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for key, patterns in forms.items():
        matcher.add(key, [nlp.make_doc(pattern) for pattern in patterns])
    return matcher
