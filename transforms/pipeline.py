"""Normalizing one cleaned article: sentences, dates, entities (with the places of the place mentions,
``transforms.geo``), quantities and events, in one pure call.

This is the composition every caller shares (the ingest workers, ``sitrep normalize``, reprocessing),
so that a document normalizes the same way wherever it runs. Dates are resolved against the
publication date passed in; nothing here reads the clock.

Where the date and quantity grammars claim the same words, one table keeps them: a span of elapsed
time ("three days") is a duration in ``temporal_expressions``, while a fraction, percentage or amount
of money ("a quarter of its tanks") is a quantity even when the date grammar also read it.

The events stage reads what the others found: casualty claims by clause (parsed only when the entity
stage runs, with the same spaCy package's parser) and one event per incident. Where it parsed a
sentence, it also corrects the casualty ``event`` of that sentence's quantities.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from schemas.entities import Entity, Mention
from schemas.events import CasualtyClaim, Event
from schemas.quantities import Quantity
from schemas.temporal import TemporalExpression
from transforms.dates.expressions import extract_dates
from transforms.events.incidents import find_events
from transforms.events.parse import load_parser
from transforms.geo.geocode import canonical_place, geocode
from transforms.quantities.claims import extract_quantities
from transforms.sentences import Sentence, split_sentences

if TYPE_CHECKING:  # spaCy loads only where an extractor is built, not for every caller of this module
    from transforms.entities.mentions import EntityExtractor

__all__ = ["EMPTY", "Normalized", "normalize_text"]

_TIME_UNITS = frozenset({"h", "d"})  # the standard time units of units.toml
_QUANTITY_WINS = frozenset({"fraction", "percent", "money"})


@dataclass(frozen=True, slots=True)
class Normalized:
    """Everything the normalizers found in one text; offsets index that text."""

    sentences: tuple[Sentence, ...]
    dates: tuple[TemporalExpression, ...]
    quantities: tuple[Quantity, ...]
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[CasualtyClaim, ...] = ()
    events: tuple[Event, ...] = ()


EMPTY = Normalized(sentences=(), dates=(), quantities=())
"""What an article carries when its normalization failed (the failure is reported separately)."""


def _overlaps(a: TemporalExpression | Quantity, b: TemporalExpression | Quantity) -> bool:
    return a.start < b.end and b.start < a.end


def reconcile(
    dates: Sequence[TemporalExpression], quantities: Sequence[Quantity]
) -> tuple[tuple[TemporalExpression, ...], tuple[Quantity, ...]]:
    """Give words claimed by both grammars to one of them (see the module docstring)."""
    kept_dates = [d for d in dates if not any(_overlaps(d, q) and q.kind in _QUANTITY_WINS for q in quantities)]
    kept_quantities = [
        q
        for q in quantities
        if not any(_overlaps(q, d) for d in kept_dates)
        or q.kind in _QUANTITY_WINS
        or (q.kind == "measure" and q.unit not in _TIME_UNITS)
        or q.kind == "count"
        and q.object is not None
    ]
    return tuple(kept_dates), tuple(kept_quantities)


def _states_by_context(
    mentions: Sequence[Mention], entities: Sequence[Entity], extractor: EntityExtractor
) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """Mentions the geocoder read, from the article's other places, as a U.S. state of their name ("Georgia"
    beside Atlanta and Alabama) where the entity stage, which reads names without that context, named the
    country or the city ("Georgia" the country, "Washington" the capital): made mentions of the state, whose
    entity joins the article's; an entity no mention names any more leaves it."""
    by_id = {e.entity_id: e for e in entities}
    out: list[Mention] = []
    for m in mentions:
        entity = by_id.get(m.entity_id or "")
        place = m.place
        if (
            entity is not None
            and place is not None
            and place.feature_code == "ADM1"
            and place.country == "USA"
            and entity.subtype in ("country", "city")  # a known other place of the same name, not a part of it
            and m.text.casefold() == place.name.casefold()
            and (state := extractor.us_state(place.name)) is not None
        ):
            # an entity's place is its canonical one, the same in every article (transforms.geo.geocode)
            by_id.setdefault(state.entity_id, replace(state, place=canonical_place(state.canonical_name, "USA")))
            m = replace(m, entity_id=state.entity_id)
        out.append(m)
    left = {m.entity_id for m in mentions} - {m.entity_id for m in out}  # entities no mention names any more
    return tuple(out), tuple(e for e in by_id.values() if e.entity_id not in left)


def normalize_text(
    text: str, *, published: dt.date | None, extractor: EntityExtractor | None = None, language: str | None = None
) -> Normalized:
    """Run every normalizer over ``text`` (entities only when an extractor is given); never raises.
    ``language`` (ISO 639-1, the article's) chooses the casualty word table of a language other than English and
    keeps only the entity model's people there (``transforms.entities.other_languages``)."""
    found = extractor.extract(text, language) if extractor is not None else None
    mentions, entities = geocode(text, found.mentions, found.entities) if found is not None else ((), ())
    if extractor is not None:
        mentions, entities = _states_by_context(mentions, entities, extractor)
    dates, quantities = reconcile(extract_dates(text, published=published), extract_quantities(text, entities=mentions))
    sentences = tuple(split_sentences(text))
    events = find_events(
        text,
        sentences=sentences,
        mentions=mentions,
        entities=entities,
        quantities=quantities,
        dates=dates,
        published=published,
        parser=load_parser() if extractor is not None else None,
        language=language,
    )
    return Normalized(
        sentences=sentences,
        dates=dates,
        quantities=events.quantities,
        mentions=mentions,
        entities=entities,
        claims=events.claims,
        events=events.events,
    )
