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
5. titles and affiliations around person names, and titles standing for a person (``transforms.entities.people``);
6. overlap resolution, person IDs and repetition of names found once (``transforms.entities.coreference``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from schemas.entities import Entity, EntitySource, EntityType, Mention
from transforms.entities.acronyms import find_definitions, find_uses
from transforms.entities.coreference import Candidate, assign_person_ids, repeat_names, select
from transforms.entities.entity_types import retype
from transforms.entities.gazetteer import Entry, Gazetteer, build_gazetteer, entity_id, load_entries, normalize
from transforms.entities.military_patterns import find_patterns
from transforms.entities.ner import DEFAULT_MODEL, fresh_model
from transforms.entities.people import TitleFinder, title_finder
from transforms.entities.places import place_entries
from transforms.entities.teams import team_slots
from transforms.entities.truecase import acronym_forms, dateline_places, recase
from transforms.entities.weapon_classes import class_candidates

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
_LEADING = re.compile(r"^(?:(?:the|The|THE)\s+)")
_TRAILING = re.compile(r"(?:['’]s?|\s+|[,;:]|(?<=[a-z]{4})\.)$")
_CUT = re.compile(r"\s*[(\[]")
_NUMBERS = re.compile(r"(?:\s+[\d][\d.,/:-]*)+$")
_INITIAL_NAME = re.compile(r"(?<![\w.])[A-Z]\.\s?[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?![\w.])")


@dataclass(frozen=True, slots=True)
class EntityResult:
    """The mentions of one text (in text order) and the distinct entities they resolve to."""

    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]


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


class EntityExtractor:
    """Finds and resolves entity mentions; build once, reuse for many texts (the model loads once)."""

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.model = model
        self._nlp, self._gaz = _resources(model)
        self._titles: TitleFinder = title_finder()
        self._country_names = {e.country: e.name for e in place_entries().countries if e.country}
        self._acronyms_upper = acronym_forms(self._gaz.forms())

    def extract(self, text: str) -> EntityResult:
        return next(self.pipe([text]))

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[EntityResult]:
        docs: Iterable[Doc] = (self._make_doc(text if isinstance(text, str) else "") for text in texts)
        for name, component in self._nlp.pipeline:
            if name == "ner":
                docs = (self._preset(doc) for doc in docs)
            docs = component.pipe(docs, batch_size=batch_size) if hasattr(component, "pipe") else map(component, docs)
        for doc in docs:
            yield self._analyse(doc)

    # -- steps -------------------------------------------------------------------------------------------

    def _make_doc(self, text: str) -> Doc:
        """The doc the model reads: all-caps lines recased (same offsets); the original text kept aside."""
        doc = self._nlp.make_doc(recase(text, self._acronyms_upper))
        doc.user_data["sitrep_text"] = text
        return doc

    def _preset(self, doc: Doc) -> Doc:
        matches = sorted(
            (m for m in self._gaz.matches(doc) if m.strong),
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
        for ent in doc.ents:
            cand = self._from_model(text, ent)
            if cand is not None:
                cands.append(cand)
        for m in self._gaz.matches(doc):
            if not m.strong:
                cands.append(
                    Candidate(
                        start=m.start, end=m.end, type=m.entry.type, method="gazetteer", rank="weak", entry=m.entry
                    )
                )
        for match in _INITIAL_NAME.finditer(text):
            cands.append(Candidate(start=match.start(), end=match.end(), type="PERSON", method="rule", rank="weak"))
        for p in find_patterns(text):
            entry = self._gaz.lookup(p.canonical)
            cands.append(
                Candidate(
                    start=p.start,
                    end=p.end,
                    type=entry.type if entry else p.type,
                    method="rule",
                    rank="rule",
                    entry=entry,
                    canonical=p.canonical,
                    subtype=p.subtype,
                )
            )
        cands = retype(text, cands, self._gaz.lookup)
        cands = class_candidates(text, cands, self._gaz.lookup)
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
        chosen = _teams(text, self._drop_weak_conflicts(cands))
        chosen = self._acronyms(text, chosen)
        chosen, titled = self._people(text, chosen)
        chosen = self._resolve(text, chosen)
        repeated = [
            c
            for c in repeat_names(text, chosen)
            if c.type != "NORP" or not any(s <= c.start and c.end <= e for s, e in titled)
        ]
        chosen = select(chosen + repeated)
        return self._result(text, chosen)

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
        start, end = _trim(text, ent.start_char, ent.end_char)
        if end <= start:
            return None
        surface = text[start:end]
        found = self._gaz.lookup(surface)
        label = ent.label_
        if found is not None and _accepts(label, found, surface):
            return Candidate(start=start, end=end, type=found.type, method="model", rank="model", entry=found)
        type_ = _MODEL_TYPES.get(label)
        if type_ is None:
            return None
        return Candidate(start=start, end=end, type=type_, method="model", rank="model")

    def _drop_weak_conflicts(self, cands: list[Candidate]) -> list[Candidate]:
        """Weak gazetteer spans only where no stronger candidate overlaps; then resolve overlaps."""
        strong = [c for c in cands if c.rank != "weak"]
        weak = [c for c in cands if c.rank == "weak" and not any(c.start < s.end and s.start < c.end for s in strong)]
        return select(strong + weak)

    def _acronyms(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        extra: list[Candidate] = []
        for d in find_definitions(text):
            long_cand = next((c for c in chosen if c.start <= d.long_start and d.long_end <= c.end), None)
            if long_cand is None or long_cand.type == "PERSON":
                entry = self._gaz.lookup(d.long)
                long_cand = Candidate(
                    start=d.long_start,
                    end=d.long_end,
                    type=entry.type if entry else "ORG",
                    method="rule",
                    rank="acronym",
                    entry=entry,
                    canonical=normalize(d.long),
                )
                extra.append(long_cand)
            elif long_cand.entry is None and long_cand.canonical is None:
                named = replace(long_cand, canonical=normalize(d.long))
                chosen = [named if c is long_cand else c for c in chosen]
                long_cand = named
            for start, end in find_uses(text, d.short):
                extra.append(
                    Candidate(
                        start=start,
                        end=end,
                        type=long_cand.type,
                        method="acronym",
                        rank="acronym",
                        entry=long_cand.entry,
                        canonical=long_cand.canonical or normalize(d.long),
                    )
                )
        if not extra:
            return chosen
        return select([c for c in chosen if c.rank != "acronym"] + extra)

    def _people(self, text: str, chosen: list[Candidate]) -> tuple[list[Candidate], list[tuple[int, int]]]:
        """Titles and affiliations of people; titles standing for people; the spans titles cover."""
        titled: list[tuple[int, int]] = []
        with_titles: list[Candidate] = []  # ``chosen``, model persons with their titles and affiliations
        for cand in chosen:
            if cand.method != "model":
                prior = self._titles.before(text, cand.start) if cand.type == "PERSON" else None
                if prior is not None:
                    titled.append((prior.start, prior.end))
                with_titles.append(cand)
                continue
            if cand.type != "PERSON":
                start = self._titles.strip_leading(text, cand.start, cand.end)
                if start == cand.start or cand.entry is not None or not _looks_like_name(text[start : cand.end]):
                    with_titles.append(cand)
                    continue
                cand = replace(cand, type="PERSON", start=start)
            cand = replace(cand, start=self._titles.strip_leading(text, cand.start, cand.end))
            match = self._titles.before(text, cand.start) or self._titles.after(text, cand.end)
            if match is not None:
                cand = replace(cand, title=match.title, affiliation=self._affiliation(match.affiliation))
                titled.append((match.start, match.end))
            with_titles.append(cand)
        chosen = with_titles
        people = [c for c in chosen if c.type == "PERSON" and c.end > c.start]
        extra: list[Candidate] = []
        for match in self._titles.standalone(text):
            start, end = match.start, match.end
            if any(start < c.end and c.start < end for c in chosen if c.type != "PERSON"):
                if any(c.start <= start and end <= c.end for c in chosen):
                    continue
            split = self._trailing_name(text, start, end)
            if split is not None:
                extra.append(
                    Candidate(
                        start=split[0],
                        end=end,
                        type="PERSON",
                        method="rule",
                        rank="model",
                        title=match.title,
                        affiliation=self._affiliation(split[1]),
                    )
                )
                continue
            following = next((p for p in people if p.start >= end and text[end : p.start].strip() == ""), None)
            if following is not None or any(p.start < end and start < p.end for p in people):
                continue
            extra.append(
                Candidate(
                    start=start,
                    end=end,
                    type="PERSON",
                    method="rule",
                    rank="title",
                    title=match.title,
                    affiliation=self._affiliation(match.affiliation),
                )
            )
            titled.append((start, end))
        kept = [
            c
            for c in chosen
            if c.end > c.start
            and (
                c.type == "PERSON"
                or (c.method != "model" and c.type != "NORP")
                or not any(s <= c.start and c.end <= e for s, e in titled)
            )
        ]
        kept = [c for c in kept if c.type == "PERSON" or not any(x.start <= c.start and c.end <= x.end for x in extra)]
        return select(kept + extra), titled

    def _trailing_name(self, text: str, start: int, end: int) -> tuple[int, str] | None:
        """Where a person's name begins at the end of a title span ("Minister for the Middle East Jane Doe")."""
        words = list(re.finditer(r"[A-Z][\w'’-]+", text[start:end]))
        for k in (2, 3):
            if len(words) > k + 1:
                cut = start + words[-k].start()
                portfolio = re.search(r"\b(?:of|for)[ \t]+(?:the[ \t]+)?(.+)$", text[start:cut].rstrip())
                if portfolio and self._gaz.lookup(portfolio.group(1)) is not None:
                    return cut, portfolio.group(1)
        return None

    def _affiliation(self, text: str | None) -> str | None:
        text = re.sub(r"^(?:[Tt]he|An?|Its|His|Her)\s+", "", text or "")
        if not text:
            return None
        entry = self._gaz.lookup(text)
        if entry is None:
            return text if len(text.split()) <= 5 else None
        if entry.type == "NORP" and entry.country:
            return self._country_names.get(entry.country, entry.name)
        return entry.name

    def _resolve(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """``chosen`` with entity IDs and canonical names; a title standing for a person gets that person's."""
        chosen = assign_person_ids(text, chosen)  # a new list: its items are replaced below, one by one
        for i, cand in enumerate(chosen):
            if cand.entity_id is not None:
                continue
            if cand.entry is not None:
                chosen[i] = replace(cand, entity_id=cand.entry.entity_id)
            elif cand.type != "PERSON" or cand.rank != "title":
                canonical = cand.canonical or normalize(_TRAILING.sub("", text[cand.start : cand.end]))
                chosen[i] = replace(cand, canonical=canonical, entity_id=entity_id(cand.type, canonical))
        for i, cand in enumerate(chosen):
            if cand.rank == "title" and cand.entity_id is None:
                holder = _apposed(text, cand, chosen) or _title_holder(cand, chosen)
                if holder is not None:
                    chosen[i] = replace(cand, entity_id=holder.entity_id, canonical=holder.canonical)
        return chosen

    def _result(self, text: str, chosen: list[Candidate]) -> EntityResult:
        mentions: list[Mention] = []
        entities: dict[str, Entity] = {}
        surfaces: dict[str, list[str]] = {}
        for c in chosen:
            surface = text[c.start : c.end]
            mentions.append(Mention(c.start, c.end, surface, c.type, c.entity_id, c.title, c.affiliation, c.method))
            if c.entity_id is None or c.rank == "title":
                continue
            surfaces.setdefault(c.entity_id, []).append(surface)
            if c.entity_id not in entities:
                entities[c.entity_id] = _entity(c)
        result = []
        for key, entity in entities.items():
            if entity.source != "gazetteer":
                aliases = tuple(sorted(set(surfaces[key]) - {entity.canonical_name}))
                entity = Entity(
                    entity.entity_id,
                    entity.canonical_name,
                    entity.type,
                    entity.subtype,
                    entity.country,
                    aliases,
                    entity.wikidata_id,
                    entity.source,
                )
            result.append(entity)
        return EntityResult(tuple(mentions), tuple(result))


def _teams(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Place and person names in sports team slots become ORG, unresolved; bare slots become ORG too."""
    slots = team_slots(text)
    if not slots:
        return chosen
    out: list[Candidate] = []
    for cand in chosen:
        country = cand.entry is not None and cand.entry.subtype == "country"
        if (
            cand.type in ("GPE", "LOC", "PERSON")
            and not country
            and any(s <= cand.start and cand.end <= e for s, e in slots)
        ):
            cand = Candidate(start=cand.start, end=cand.end, type="ORG", method="rule", rank="rule", subtype="team")
        elif cand.method == "model" and sum(cand.start < e and s < cand.end for s, e in slots) > 1:
            continue  # one model span across two teams of a score line: the slots stand instead
        out.append(cand)
    for start, end in slots:
        if not any(c.start < end and start < c.end for c in out):
            out.append(Candidate(start=start, end=end, type="ORG", method="rule", rank="rule", subtype="team"))
    return select(out)


def _entity(c: Candidate) -> Entity:
    assert c.entity_id is not None
    if c.entry is not None:
        e = c.entry
        return Entity(c.entity_id, e.name, e.type, e.subtype, e.country, e.aliases, e.wikidata_id, "gazetteer")
    source: EntitySource = "rule" if c.method in ("rule", "acronym") else "model"
    return Entity(c.entity_id, c.canonical or "", c.type, c.subtype, c.country, (), None, source)


def _apposed(text: str, cand: Candidate, chosen: list[Candidate]) -> Candidate | None:
    """The person named right next to a title, separated by a comma only ("X, the Foreign Minister")."""
    for other in chosen:
        if other.type == "PERSON" and other.rank != "title" and other.entity_id:
            gap = text[other.end : cand.start] if other.end <= cand.start else text[cand.end : other.start]
            if gap.strip() == "," and len(gap) <= 3:
                return other
    return None


def _title_holder(cand: Candidate, chosen: list[Candidate]) -> Candidate | None:
    holders = [
        c
        for c in chosen
        if c.type == "PERSON"
        and c.rank != "title"
        and c.title
        and c.entity_id
        and (c.title == cand.title or (cand.title or "") in c.title)
    ]
    if not holders:
        return None
    before = [c for c in holders if c.start < cand.start]
    return before[-1] if before else holders[0]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The model's span without a leading "the", a trailing possessive, or text past a line break."""
    surface = text[start:end]
    if "\n" in surface:
        first = surface.split("\n")[0]
        end = start + len(first)
        surface = first
    cut = _CUT.search(surface)
    if cut and cut.start() > 0:
        end = start + cut.start()
        surface = text[start:end]
    lead = _LEADING.match(surface)
    if lead and end - start > lead.end():
        start += lead.end()
    surface = text[start:end]
    numbers = _NUMBERS.search(surface)
    if numbers and numbers.start() > 0:
        end = start + numbers.start()
        surface = text[start:end]
    tail = _TRAILING.search(surface)
    if tail and tail.start() > 0:
        end = start + tail.start()
    return start, end


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _accepts(label: str, entry: Entry, surface: str) -> bool:
    """Whether a model span of ``label`` may take the gazetteer entry its text names."""
    if label == "PERSON":
        return entry.type == "PERSON" or (surface not in entry.weak and entry.subtype not in ("city", "state"))
    if label == "ORG" and entry.subtype in ("city", "state"):
        return False
    return True
