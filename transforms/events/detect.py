"""Incidents of one article: one ``Event`` per incident, with its type, parties, place, date and toll.

A sentence reports an incident when it holds a cue of ``data/event_cues.toml`` (the heaviest cue of the
sentence gives the type and subtype) or a casualty claim (``transforms.events.casualties``). Its parties
come from ``transforms.events.actors``, its date from the sentence's first dated temporal expression
(else an earlier one of the same paragraph, else the article's date), its toll from the claims of the
sentence, its amount from the largest sum of money in it (contracts, sales). A sentence of several
clauses with a cue each (``transforms.events.segments``) reports one incident per clause, with the
clause's own parties, date and toll; the cue words are read by ``transforms.events.triggers``, and one
incident per place of a listed set by ``transforms.events.actors.per_place``. Sentences of one article
that report the same kind of incident at a compatible place and date are one incident: its first
sentence is kept and its toll is the largest stated. A claim in a sentence with no cue belongs to the
incident just before it, or, with none, is an incident of its own (a clash, an attack on civilians,
arrests).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from schemas.entities import Entity, Mention
from schemas.events import CasualtyClaim, Event, Toll
from schemas.quantities import Quantity
from schemas.temporal import TemporalExpression
from transforms.events.actors import parties, per_place, sector_of
from transforms.events.cue_words import Cue, event_cues, feature_words
from transforms.events.forces import with_force
from transforms.events.languages import grammar, language_cue
from transforms.events.segments import clauses, subjectless, with_subject
from transforms.events.triggers import VIOLENT, Found, Hit, best_cue, cue_hits
from transforms.sentences import Sentence

__all__ = ["detect_events", "sum_tolls"]

_TOLL_FIELDS = {"killed": "fatalities", "injured": "injured", "captured": "captured", "missing": "missing"}
_AMOUNT_TYPES = frozenset({"procurement", "sanctions"})
_SINCE = re.compile(r"\b[Ss]ince\b[^,;]*$")  # a date in a "since ..." phrase bounds what follows, it dates nothing
_SAME_WINDOW_DAYS = 7  # two dates of one incident in one article: the day it happened, the day it was told
_COUNTRY_TARGETS = VIOLENT | {"sanctions", "strategic_developments"}
_GRANULARITY = {"day": "day", "hour": "day", "minute": "day", "week": "day", "month": "month", "year": "year"}


def sum_tolls(tolls: Sequence[Toll]) -> Toll | None:
    """The toll of several claims of one status in one sentence ("12 civilians and three soldiers")."""
    if not tolls:
        return None
    if len(tolls) == 1:
        return tolls[0]
    low = sum(t.low for t in tolls if t.low is not None) if all(t.low is not None for t in tolls) else None
    high = sum(t.high for t in tolls if t.high is not None) if all(t.high is not None for t in tolls) else None
    return Toll(sum(t.value for t in tolls), low, high, next((t.hedge for t in tolls if t.hedge), None))


def _larger(a: Toll | None, b: Toll | None) -> Toll | None:
    if a is None or b is None:
        return a or b
    return b if b.value > a.value else a


def _date(
    text: str,
    sentence: Sentence,
    dates: Sequence[TemporalExpression],
    published: dt.date | None,
    span: tuple[int, int] | None = None,
) -> tuple[dt.date | None, str | None, str | None]:
    """The date of the clause ``span``, else of the sentence, else of the paragraph before, else the article's."""
    dated = [
        d
        for d in dates
        if d.type in ("DATE", "TIME") and d.start_date is not None and d.granularity in _GRANULARITY and d.mod is None
    ]
    if span:  # "Since leaving homeport Apr. 27, the group has completed an exercise": a start, not its date
        dated = [d for d in dated if span[0] <= d.start < span[1] or not _SINCE.search(text, sentence.start, d.start)]
    inside = [d for d in dated if span[0] <= d.start < span[1]] if span else []
    if span and not inside:  # a clause with no date of its own: the one said before it in the sentence
        inside = [d for d in dated if sentence.start <= d.start < span[0]][-1:]
    inside = inside or [d for d in dated if sentence.start <= d.start < sentence.end]
    if not inside:
        paragraph = text.rfind("\n\n", 0, sentence.start)
        inside = [d for d in dated if paragraph < d.start < sentence.start][-1:]
    if inside:
        d = inside[0]
        granularity = _GRANULARITY[d.granularity or "day"]
        return d.start_date, granularity, "sentence"
    return (published, "day", "article") if published is not None else (None, None, None)


def _features(
    text: str,
    sentence: Sentence,
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    quantities: Sequence[Quantity],
    harmed: bool,
) -> set[str]:
    """What a cue may need of its sentence: entity types, money, casualty, military, hostile."""
    inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
    features: set[str] = {m.type for m in inside}
    if any(q.kind == "money" and sentence.start <= q.start < sentence.end for q in quantities):
        features.add("money")
    if harmed:
        features.add("casualty")
    words = feature_words()
    if words["hostile"].search(text, sentence.start, sentence.end) and not words["testing"].search(
        text, sentence.start, sentence.end
    ):
        features.add("hostile")
    if words["military"].search(text, sentence.start, sentence.end) or any(
        sector_of(m, entities.get(m.entity_id or ""), text[m.end : m.end + 40]) in ("military", "armed_group")
        for m in inside
    ):
        features.add("military")
    return features


def _home_country(text: str, mentions: Sequence[Mention], entities: Mapping[str, Entity]) -> str | None:
    """The country of the article's armed forces: the most frequent country of its military mentions. A
    unit or command named without its country ("the strike group", "Army Contracting Command") is taken
    to be of it."""
    counts: dict[str, int] = {}
    for m in mentions:
        entity = entities.get(m.entity_id or "")
        if entity is not None and entity.country and sector_of(m, entity, text[m.end : m.end + 40]) == "military":
            counts[entity.country] = counts.get(entity.country, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


def _headline(text: str, sentence: Sentence) -> bool:
    """A title line: the text's first sentence, a line of its own without a full stop."""
    line = text[sentence.start : sentence.end].rstrip()
    return sentence.index == 0 and "\n" in text[sentence.end : sentence.end + 2] and line[-1:] not in ".!?\"”'。！？"


def detect_events(
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    quantities: Sequence[Quantity],
    dates: Sequence[TemporalExpression],
    claims: Sequence[CasualtyClaim],
    published: dt.date | None,
    language: str | None = None,
) -> list[Event]:
    """The incidents of ``text``, in order of their first sentence. In a language with a claim word table
    (``transforms.events.languages``), an incident is a sentence with a claim and a cue of that table."""
    foreign = grammar(language or "") is not None
    events: list[Event] = []
    home = _home_country(text, mentions, entities)
    hits = cue_hits(text)
    titles: set[int] = set()
    for sentence in sentences:
        in_sentence = [c for c in claims if sentence.start <= c.start < sentence.end]
        harmed = any(c.status in ("killed", "injured") for c in in_sentence)
        features = _features(text, sentence, mentions, entities, quantities, harmed)
        title = _headline(text, sentence)
        found = best_cue(text, hits, sentence, features, harmed, title)
        if foreign:
            found = _language_found(text, sentence, language) if in_sentence else None
            if found is None:
                continue
        if found is None and not in_sentence:
            continue
        if found is None:
            last = events[-1] if events else None
            if last is not None and last.event_type in VIOLENT:
                events[-1] = _with_tolls(last, in_sentence, larger=True)
                continue
            if not _violent(text, sentence, features, in_sentence):
                continue  # a toll of an accident or an illness: the claims stay, no incident
            found_events = [_claim_event(text, sentence, in_sentence, mentions, entities, dates, published)]
        else:
            args = (text, sentence, mentions, entities, quantities, dates, published)
            event = _event(*args, found, in_sentence)
            parts = (
                []
                if foreign
                else clauses(text, sentence, _cue_of(text, hits, sentence, features, harmed, title), mentions)
            )
            if len(parts) > 1:  # one incident per clause; the sentence's subject acts where a clause names none
                found_events, subject = [], event
                for a, b, cue in parts:
                    clause = _event(*args, cue, [c for c in in_sentence if a <= c.start < b], (a, b))
                    if subjectless(text, a, sentence):
                        clause = with_subject(clause, subject)
                    elif clause.actor1_text is not None:
                        subject = clause
                    found_events.append(clause)
            else:
                found_events = [event]
        for event in found_events:
            placed = per_place(text, event, mentions, entities, home) if found is not None else [event]
            if len(placed) > 1:  # one incident per place of a list: the first keeps the sentence's toll
                events.extend(placed)
                continue
            same = _same_incident(events, placed[0], sentence.start)
            if same is None:
                events.append(placed[0])
            elif events[same].start in titles:  # the title names it; the body's first sentence reports it
                events[same] = _merge(placed[0], events[same])
            else:
                events[same] = _merge(events[same], placed[0])
        if title:
            titles.add(sentence.start)
    return events


def _event(
    text: str,
    sentence: Sentence,
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    quantities: Sequence[Quantity],
    dates: Sequence[TemporalExpression],
    published: dt.date | None,
    found: Found,
    claims: Sequence[CasualtyClaim],
    span: tuple[int, int] | None = None,
) -> Event:
    start, end = span or (sentence.start, sentence.end)
    p = parties(
        text,
        start,
        end,
        found.at,
        mentions,
        entities,
        blocked=[(d.start, d.end) for d in dates if sentence.start <= d.start < sentence.end],
        country_target=found.cue.event_type in _COUNTRY_TARGETS or found.cue.subtype == "sale_approval",
    )
    p = with_force(text, start, found.at, p, mentions, entities)  # a ship or strike group acts for its navy
    date, granularity, source = _date(text, sentence, dates, published, span)
    amount = currency = None
    if found.cue.event_type in _AMOUNT_TYPES:
        money = [q for q in quantities if q.kind == "money" and start <= q.start < end and q.value]
        if money:
            biggest = max(money, key=lambda q: q.value or 0.0)
            amount, currency = biggest.value, biggest.currency
    confidence = min(1.0, 0.3 + 0.15 * found.cue.weight + 0.1 * (p.actor1 is not None) + 0.1 * (p.place is not None))
    event = Event(
        start=start,
        end=end,
        event_type=found.cue.event_type,
        subtype=found.cue.subtype,
        trigger=text[found.at : found.end],
        confidence=round(confidence, 2),
        actor1_entity_id=p.actor1.entity_id if p.actor1 else None,
        actor1_text=p.actor1.text if p.actor1 else None,
        actor1_country=p.actor1.country if p.actor1 else None,
        actor1_sector=p.actor1.sector if p.actor1 else None,
        actor2_entity_id=p.actor2.entity_id if p.actor2 else None,
        actor2_text=p.actor2.text if p.actor2 else None,
        actor2_country=p.actor2.country if p.actor2 else None,
        actor2_sector=p.actor2.sector if p.actor2 else None,
        platform_or_weapon=p.weapons,
        place_entity_id=p.place.entity_id if p.place else None,
        place_text=p.place.text if p.place else None,
        place_country=p.place.country if p.place else None,
        date=date,
        date_granularity=granularity,
        date_source=source,  # type: ignore[arg-type]
        amount=amount,
        currency=currency,
    )
    return _with_tolls(event, claims, larger=False)


def _violent(text: str, sentence: Sentence, features: set[str], claims: Sequence[CasualtyClaim]) -> bool:
    """Whether a sentence with claims and no cue reports violence: a hostile, military or violent word,
    or a doer of the harm ("killed by Israeli forces")."""
    if features & {"hostile", "military"} or any(c.by_text for c in claims):
        return True
    return feature_words()["violence"].search(text, sentence.start, sentence.end) is not None


def _language_found(text: str, sentence: Sentence, language: str | None) -> Found | None:
    cue = language_cue(text, sentence.start, sentence.end, language)
    if cue is None:
        return None
    event_type, subtype, at, end = cue
    return Found(Cue(event_type, subtype, event_cues()[0].pattern, 1.0, frozenset()), at, end)


def _claim_event(
    text: str,
    sentence: Sentence,
    claims: Sequence[CasualtyClaim],
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    dates: Sequence[TemporalExpression],
    published: dt.date | None,
) -> Event:
    """An incident known only by its toll: arrests, an attack on civilians, else a clash."""
    statuses = {c.status for c in claims}
    if statuses <= {"arrested"}:
        kind = ("strategic_developments", "arrests")
    elif any(c.who == "civilians" for c in claims):
        kind = ("violence_against_civilians", "attack")
    elif statuses & {"killed", "injured", "captured", "missing"}:
        kind = ("battles", "armed_clash")
    else:
        kind = ("strategic_developments", "other")
    cue = Cue(kind[0], kind[1], event_cues()[0].pattern, 1.0, frozenset())
    found = Found(cue, claims[0].start, claims[0].end)
    event = _event(text, sentence, mentions, entities, (), dates, published, found, claims)
    return replace(event, confidence=round(event.confidence * 0.7, 2))


def _with_tolls(event: Event, claims: Sequence[CasualtyClaim], *, larger: bool) -> Event:
    changes: dict[str, Toll | None] = {}
    for status, name in _TOLL_FIELDS.items():
        toll = sum_tolls([c.toll for c in claims if c.status == status and c.part_of is None])
        if toll is not None:
            changes[name] = _larger(getattr(event, name), toll) if larger else toll
    return replace(event, **changes) if changes else event  # type: ignore[arg-type]


def _same_incident(events: list[Event], event: Event, sentence_start: int) -> int | None:
    """The index of an earlier event of the article that is the same incident, or None; two clauses or
    places of one sentence are two incidents."""
    for i in range(len(events) - 1, -1, -1):
        other = events[i]
        if other.start >= sentence_start:
            continue
        if (other.event_type, other.subtype) != (event.event_type, event.subtype):
            continue
        if other.place_entity_id and event.place_entity_id and other.place_entity_id != event.place_entity_id:
            continue
        if (
            other.date_source == event.date_source == "sentence"
            and other.date is not None
            and event.date is not None
            and abs((other.date - event.date).days) > _SAME_WINDOW_DAYS
        ):
            continue
        return i
    return None


def _merge(first: Event, later: Event) -> Event:
    """One incident told in two sentences: the first sentence, what only the later one says, the larger toll."""
    changes: dict[str, object] = {}
    for name in ("actor1", "actor2", "place"):
        if getattr(first, f"{name}_entity_id") is None and getattr(first, f"{name}_text") is None:
            for suffix in (
                ("entity_id", "text", "country", "sector") if name != "place" else ("entity_id", "text", "country")
            ):
                changes[f"{name}_{suffix}"] = getattr(later, f"{name}_{suffix}")
    if first.date_source != "sentence" and later.date_source == "sentence":
        changes |= {"date": later.date, "date_granularity": later.date_granularity, "date_source": "sentence"}
    for name in _TOLL_FIELDS.values():
        changes[name] = _larger(getattr(first, name), getattr(later, name))
    if first.amount is None and later.amount is not None:
        changes |= {"amount": later.amount, "currency": later.currency}
    weapons = tuple(dict.fromkeys(first.platform_or_weapon + later.platform_or_weapon))
    return replace(first, platform_or_weapon=weapons, **changes)  # type: ignore[arg-type]


def _cue_of(
    text: str, hits: list[Hit], sentence: Sentence, features: set[str], harmed: bool, title: bool
) -> Callable[[tuple[int, int]], Found | None]:
    return lambda span: best_cue(text, hits, sentence, features, harmed, title, span)
