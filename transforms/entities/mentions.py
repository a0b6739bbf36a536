"""Entity extraction: every person, organization, place, nationality, weapon, platform and operation
mentioned in a text, resolved to canonical entities with stable IDs.

Public API: ``EntityExtractor(model=...)`` with ``extract(text) -> EntityResult`` and
``pipe(texts, batch_size) -> Iterator[EntityResult]``. The pipeline for a batch of texts:

1. the spaCy model's tokenizer and embedding layer;
2. strong gazetteer aliases (``transforms.entities.gazetteer``) set as entities, which the model's NER respects;
3. the model's NER; its spans are typed and resolved through the gazetteers and places when they match;
4. weak gazetteer aliases (cities, demonyms, nicknames) where the model found nothing; pattern rules
   (``transforms.entities.military_patterns``); weapon and platform class nouns ("barrel bombs", "warplanes";
   ``transforms.entities.weapon_classes``), which are the head of a named system right before them ("Kalibr cruise
   missiles"), make a name before them a system ("Zelzal" of "Zelzal rockets") and otherwise rank as
   weak; acronyms defined in the text (``transforms.entities.acronyms``);
5. titles and affiliations around person names, and titles standing for a person (``transforms.entities.titled``,
   with the title finder of ``transforms.entities.people``);
6. overlap resolution, person IDs and repetition of names found once (``transforms.entities.coreference``); entity IDs,
   canonical names and the ``EntityResult`` (``transforms.entities.results``).

The model's spans are trimmed and tested in ``transforms.entities.spans``; sports team slots are retyped in
``transforms.entities.teams``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from schemas.entities import Entity, EntityType
from transforms.entities.acronym_links import defined_acronyms
from transforms.entities.acronyms import bind_initials, concept_initials, quoted_short_names
from transforms.entities.compounds import join_compounds, with_legal_forms
from transforms.entities.coordinated import join_coordinated
from transforms.entities.coreference import Candidate, known_people, repeat_names, select, surnames_as_people
from transforms.entities.divided_countries import country_halves
from transforms.entities.documents import document_at
from transforms.entities.engineer_districts import engineer_districts
from transforms.entities.entity_types import model_type, regime_spans, retype
from transforms.entities.event_names import award_words, places_in_event_names
from transforms.entities.exercises import exercise_names
from transforms.entities.facility_runs import facility_runs
from transforms.entities.gazetteer import Entry, Gazetteer, build_gazetteer, load_entries, read_data
from transforms.entities.in_context import context_rules
from transforms.entities.language_names import as_language
from transforms.entities.meetings import meeting_names
from transforms.entities.military_patterns import find_patterns
from transforms.entities.ner import DEFAULT_MODEL, fresh_model
from transforms.entities.org_context import orgs_by_context
from transforms.entities.other_languages import english, trusted_span
from transforms.entities.parent_units import parent_units
from transforms.entities.people import title_finder
from transforms.entities.place_context import places_by_context
from transforms.entities.places import place_entries
from transforms.entities.program_offices import program_offices
from transforms.entities.qualified_places import qualified_places
from transforms.entities.results import EntityResult, entity_result, entry_entity, resolve
from transforms.entities.short_names import base_short_names, org_short_names, ship_short_names
from transforms.entities.spans import accepts, trim
from transforms.entities.split_places import rejoin_places, split_place_pairs
from transforms.entities.squadrons import squadron_patterns
from transforms.entities.state_abbreviations import spelled_states
from transforms.entities.strike_groups import strike_group_short_forms
from transforms.entities.sub_bodies import parent_bodies
from transforms.entities.teams import team_candidates
from transforms.entities.tickers import ticker_mentions
from transforms.entities.titled import TitledPeople
from transforms.entities.town_states import town_items
from transforms.entities.truecase import acronym_forms, dateline_places, recase
from transforms.entities.unit_numbers import with_unit_numbers
from transforms.entities.water_names import water_names
from transforms.entities.weapon_classes import class_candidates
from transforms.entities.wire_credits import wire_credits
from transforms.entities.works import work_titles

__all__ = ["EntityExtractor", "EntityResult"]

_MODEL_TYPES: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "FACILITY",
    "EVENT": "EVENT",
    "LANGUAGE": "NORP",
}
# CoNLL-style labels (the default model's) named as the OntoNotes ones; MISC and LOC take their type from
# the gazetteer when it knows the name (a nationality, a country), else MISC is dropped and LOC stays LOC
_MODEL_LABELS = {"PER": "PERSON"}
_PLAIN_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_INITIAL_NAME = re.compile(r"(?<![\w.])[A-Z]\.\s?[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?![\w.])")
# the U.S. government's honorific before an official's name: "The Honorable Jane Roe", "the Hon. Jane Q. Roe"
_HONORED_NAME = re.compile(
    r"\b[Tt]he[ \t]+(?:Honorable|Hon\.)[ \t]+"
    r"(?P<name>[A-Z][a-z]+(?:[ \t]+(?:[A-Z]\.|[A-Z][a-z]+(?:-[A-Z][a-z]+)?)){1,3})"
)


@lru_cache(maxsize=4)
def _resources(model: str) -> tuple[Language, Gazetteer]:
    nlp = fresh_model(model)
    places = place_entries()
    gazetteer = build_gazetteer(
        nlp,
        [(load_entries(), "strong"), (places.countries, "weak"), (places.regions, "strong"), (places.weak, "weak")],
        fallback=places.cities,
    )
    return nlp, gazetteer


@lru_cache(maxsize=1)
def _body_heads() -> frozenset[str]:
    return frozenset(read_data("context.toml")["bodies_named_for_places"]["heads"])


def _opens_body(doc: Doc, after: int, entry: Entry) -> bool:
    """Whether a place opens a body's name, the word after it being a body's kind ("Atlantic| Council")."""
    return entry.type in ("GPE", "LOC") and after < len(doc) and doc[after].text in _body_heads()


def _inner_acronyms(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Without the acronyms in parentheses inside a rule's name: "(CSG)" of "Carrier Strike Group (CSG) 3"."""
    rules = [c for c in cands if c.rank == "rule"]
    return [
        c
        for c in cands
        if not (
            text[c.start - 1 : c.start] == "("
            and text[c.end : c.end + 1] == ")"
            and any(r.start < c.start and c.end < r.end for r in rules)
        )
    ]


class EntityExtractor:
    """Finds and resolves entity mentions; build once, reuse for many texts (the model loads once)."""

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.model = model
        self._nlp, self._gaz = _resources(model)
        places = place_entries()
        country_names = {e.country: e.name for e in places.countries if e.country}
        self._titles = title_finder()
        self._people = TitledPeople(self._titles, self._gaz.lookup, country_names)
        self._acronyms_upper = acronym_forms(self._gaz.forms())
        # a CoNLL-style model (PER/LOC/ORG/MISC), not an OntoNotes one
        self._conll_labels = "PER" in getattr(self._nlp.get_pipe("ner"), "labels", ())
        self._context = context_rules((*self._gaz.entries.values(), *places.countries), places.capitals)
        self._states = {e.name: e for e in self._gaz.entries.values() if e.subtype == "state" and e.country == "USA"}

    def us_state(self, name: str) -> Entity | None:
        """The entity of the U.S. state ``name`` ("Georgia"), for a mention the geocoder read as that state."""
        e = self._states.get(name)
        return None if e is None else entry_entity(e.entity_id, e)

    def extract(self, text: str, language: str | None = None) -> EntityResult:
        """The entities of ``text``; ``language`` (ISO 639-1) other than English keeps only the model's people
        (``transforms.entities.other_languages``)."""
        return next(self.pipe([text], languages=[language]))

    def pipe(
        self, texts: Iterable[str], batch_size: int = 32, languages: Iterable[str | None] | None = None
    ) -> Iterator[EntityResult]:
        langs = iter(languages or ())  # one per text; a text past their end is read as English
        docs: Iterable[Doc] = (
            self._make_doc(text if isinstance(text, str) else "", next(langs, None)) for text in texts
        )
        for name, component in self._nlp.pipeline:
            if name == "ner":
                docs = (self._preset(doc) for doc in docs)
            docs = component.pipe(docs, batch_size=batch_size) if hasattr(component, "pipe") else map(component, docs)
        for doc in docs:
            yield self._analyse(doc)

    # -- steps -------------------------------------------------------------------------------------------

    def _listed(self, surface: str) -> Entry | None:
        """The gazetteer entry ``surface`` names, if the gazetteer lists it (not a city only looked up)."""
        entry = self._gaz.lookup(surface)
        return entry if entry is not None and entry.entity_id in self._gaz.entries else None

    def _make_doc(self, text: str, language: str | None = None) -> Doc:
        """The doc the model reads: all-caps lines recased, typographic quotes made plain (same offsets: the
        model learnt from plain ASCII quotes, "n’t" is "n't" to it); the original text and language kept aside."""
        doc = self._nlp.make_doc(recase(text, self._acronyms_upper).translate(_PLAIN_QUOTES))
        doc.user_data["sitrep_text"] = text
        doc.user_data["sitrep_language"] = language
        return doc

    def _preset(self, doc: Doc) -> Doc:
        matches = sorted(
            (m for m in self._gaz.matches(doc) if m.strong and not _opens_body(doc, m.token_end, m.entry)),
            key=lambda m: (-(m.token_end - m.token_start), m.token_start),
        )
        taken: set[int] = set()
        spans: list[Span] = []
        for m in matches:
            tokens = set(range(m.token_start, m.token_end))
            if tokens & taken:
                continue
            taken |= tokens
            spans.append(Span(doc, m.token_start, m.token_end, label=m.entry.type, kb_id=m.entry.entity_id))
        doc.set_ents(spans, default="missing")
        return doc

    def _analyse(self, doc: Doc) -> EntityResult:
        text = doc.user_data.get("sitrep_text", doc.text)
        cands: list[Candidate] = []
        other_names: list[tuple[int, int]] = []  # untyped MISC names: a work, an award, a law ("Killing Gaza")
        documents: list[tuple[int, int]] = []  # treaties and laws, whatever the model typed them
        in_english = english(doc.user_data.get("sitrep_language"))
        for ent in doc.ents:
            cand = self._from_model(text, ent)
            if document_at(text, ent.start_char, ent.end_char):
                documents.append((ent.start_char, ent.end_char))  # a treaty or a law: no entity of ours
            elif cand is not None and (in_english or trusted_span(text, cand)):
                cands.append(cand)
            elif ent.label_ == "MISC" and len(ent) > 1:
                other_names.append((ent.start_char, ent.end_char))
        for m in self._gaz.matches(doc):
            if m.entry.type in ("GPE", "LOC") and any(
                s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in other_names + documents
            ):
                continue  # a place named inside a longer name is part of that name
            if not m.strong:
                cands.append(
                    Candidate(
                        start=m.start, end=m.end, type=m.entry.type, method="gazetteer", rank="weak", entry=m.entry
                    )
                )
        for match in _INITIAL_NAME.finditer(text):
            cands.append(Candidate(start=match.start(), end=match.end(), type="PERSON", method="rule", rank="weak"))
        for match in _HONORED_NAME.finditer(text):
            start, end = match.span("name")
            cands.append(Candidate(start=start, end=end, type="PERSON", method="rule", rank="rule"))
        patterns = find_patterns(text)
        for p in [
            *patterns,
            *squadron_patterns(text, patterns),
            *program_offices(text),
            *water_names(text),
            *strike_group_short_forms(text),
            *meeting_names(text, self._gaz.lookup),
        ]:
            entry = self._gaz.lookup(p.canonical)
            cands.append(
                Candidate(
                    start=p.start,
                    end=p.end,
                    type=entry.type if entry else p.type,
                    method="rule",
                    rank="gazetteer" if p.outranks_gazetteer else "rule",
                    entry=entry,
                    canonical=p.canonical,
                    subtype=p.subtype,
                ),
            )
        cands = _inner_acronyms(text, facility_runs(text, retype(text, cands, self._gaz.lookup, self._titled)))
        cands = class_candidates(text, cands, self._gaz.lookup)
        cands = join_compounds(text, with_legal_forms(text, cands), self._gaz.lookup)
        cands = exercise_names(text, join_coordinated(text, cands))
        for start, end in dateline_places(text):
            entry = self._gaz.lookup(text[start:end]) or self._gaz.lookup(text[start:end].title())
            if entry is None or entry.type in ("GPE", "LOC"):
                cands.append(
                    Candidate(
                        start=start,
                        end=end,
                        type=entry.type if entry else "GPE",
                        method="rule",
                        rank="rule",
                        entry=entry,
                    )
                )
        for start, end, agency in wire_credits(text):
            entry = self._gaz.lookup(agency)
            if entry is not None:
                cands.append(
                    Candidate(start=start, end=end, type=entry.type, method="rule", rank="gazetteer", entry=entry)
                )
        chosen = team_candidates(
            text,
            split_place_pairs(
                text, rejoin_places(text, self._drop_weak_conflicts(cands), self._gaz.lookup), self._gaz.lookup
            ),
        )
        chosen = places_by_context(text, parent_bodies(text, chosen, self._gaz.lookup), self._gaz.lookup, self._titled)
        chosen = known_people(text, orgs_by_context(text, chosen, self._gaz.lookup))
        chosen = defined_acronyms(text, chosen, self._gaz.lookup)
        chosen = concept_initials(text, bind_initials(text, chosen, self._is_place))
        chosen = ticker_mentions(text, quoted_short_names(text, chosen))
        chosen, titled = self._people.apply(text, surnames_as_people(text, chosen))
        chosen = qualified_places(
            text, self._context.apply(text, chosen, self._listed, self._gaz.lookup), self._gaz.lookup
        )
        chosen = country_halves(text, chosen)
        chosen = engineer_districts(text, spelled_states(text, chosen, self._context.state_names, self._states))
        chosen = resolve(
            text, org_short_names(text, ship_short_names(text, base_short_names(text, chosen)), self._gaz.lookup)
        )
        repeated = [
            as_language(text, c, chosen)
            for c in repeat_names(text, chosen)
            if (c.type != "NORP" or not any(s <= c.start and c.end <= e for s, e in titled))
            and not any(s <= c.start and c.end <= e for s, e in documents)  # "Washington" of "Washington Treaty"
        ]
        chosen = parent_units(text, with_unit_numbers(text, select(chosen + repeated)))
        chosen = award_words(text, places_in_event_names(text, chosen))
        titles = work_titles(text)  # "The Palestine Laboratory", "Meet the Press": no entity, nor a name inside
        chosen = [c for c in chosen if not any(s <= c.start and c.end <= e for s, e in titles)]
        return entity_result(text, town_items(text, chosen))

    def _titled(self, text: str, start: int) -> bool:
        """A rank or office right before ``start``, with no comma between ("commander, Submarine Forces" names
        the office's body, not a person)."""
        return (
            not text[max(0, start - 8) : start].rstrip(" \t").endswith(",")
            and self._titles.before(text, start) is not None
        )

    def _is_place(self, letters: str) -> bool:
        entry = self._gaz.lookup(letters)
        return entry is not None and entry.type in ("GPE", "LOC")

    def _from_model(self, text: str, ent: Span) -> Candidate | None:
        if ent.kb_id_ and ent.kb_id_ in self._gaz.entries:
            entry = self._gaz.entries[ent.kb_id_]
            return Candidate(
                start=ent.start_char,
                end=ent.end_char,
                type=entry.type,
                method="gazetteer",
                rank="gazetteer",
                entry=entry,
            )
        start, end = trim(text, ent.start_char, ent.end_char)
        end = self._context.without_members(text, start, end)
        if end <= start:
            return None
        surface = text[start:end]
        found = self._gaz.lookup(surface)
        label = _MODEL_LABELS.get(ent.label_, ent.label_)
        if found is not None and accepts(label, found, surface):
            return Candidate(start=start, end=end, type=found.type, method="model", rank="model", entry=found)
        type_ = model_type(label, surface) if self._conll_labels else None
        type_ = type_ or _MODEL_TYPES.get(label)
        regime = regime_spans(text, start, end) if type_ is None and label == "MISC" else None
        if regime is not None:  # a CoNLL-style model reads "the Assad regime" as MISC "Assad"
            return Candidate(start=regime[0], end=regime[1], type="ORG", method="model", rank="model")
        if type_ is None:
            return None
        return Candidate(start=start, end=end, type=type_, method="model", rank="model")

    def _drop_weak_conflicts(self, cands: list[Candidate]) -> list[Candidate]:
        """Weak gazetteer spans only where no stronger candidate overlaps; then resolve overlaps."""
        strong = [c for c in cands if c.rank != "weak"]
        weak = [c for c in cands if c.rank == "weak" and not any(c.start < s.end and s.start < c.end for s in strong)]
        return select(strong + weak)
