"""Records of the events stage: one ``CasualtyClaim`` per stated number of people with a status, one
``Event`` per incident an article reports. ``Event`` mirrors ``schemas.tables.EVENTS``; the flow adds
article_id, revision, sentence and run_id when it builds rows. Offsets are character offsets into the
article text, end exclusive. The event types, subtypes, statuses and sectors are the ontology of
docs/events.md (ACLED's event types extended for defence news).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

__all__ = ["ClaimStatus", "Sector", "CLAIM_STATUSES", "SECTORS", "Toll", "CasualtyClaim", "Event"]

ClaimStatus = Literal["killed", "injured", "captured", "missing", "rescued", "released", "displaced", "arrested"]
CLAIM_STATUSES: tuple[ClaimStatus, ...] = (
    "killed",
    "injured",
    "captured",
    "missing",
    "rescued",
    "released",
    "displaced",
    "arrested",
)
Sector = Literal["military", "government", "armed_group", "civilians", "police", "company", "international", "other"]
SECTORS: tuple[Sector, ...] = (
    "military",
    "government",
    "armed_group",
    "civilians",
    "police",
    "company",
    "international",
    "other",
)


@dataclass(frozen=True, slots=True)
class Toll:
    """A number of people as stated: ``value`` with the interval it states and its hedge ("at least")."""

    value: float
    low: float | None = None
    high: float | None = None
    hedge: str | None = None


@dataclass(frozen=True, slots=True)
class CasualtyClaim:
    """A number of people with a status: "at least 30" killed, "a soldier" captured.

    ``who`` is the sector of the people it counts, ``who_country`` their country (ISO alpha-3) where the
    sentence says it; ``by_entity_id``/``by_text`` the one who did it, where the sentence says it
    (the subject of an active verb, the agent of a passive one). ``method``: ``parse`` (read on the
    dependency parse of the sentence) or ``rule`` (read on the words around the number). A part named
    in apposition ("23 people, including seven children") is a claim ``part_of`` the whole: a toll
    counts the whole once.
    """

    start: int
    end: int
    text: str
    status: ClaimStatus
    toll: Toll
    who: Sector | None = None
    who_country: str | None = None
    who_text: str | None = None
    by_entity_id: str | None = None
    by_text: str | None = None
    method: Literal["parse", "rule"] = "rule"
    part_of: int | None = None  # the start of the claim that counts these people too ("23, including seven children")


@dataclass(frozen=True, slots=True)
class Event:
    """One incident reported by an article: what happened, who did it to whom, with what, where, when,
    and the toll. ``start``/``end`` is the sentence that reports it first; ``trigger`` the cue word."""

    start: int
    end: int
    event_type: str
    subtype: str
    trigger: str
    confidence: float
    actor1_entity_id: str | None = None
    actor1_text: str | None = None
    actor1_country: str | None = None
    actor1_sector: Sector | None = None
    actor2_entity_id: str | None = None
    actor2_text: str | None = None
    actor2_country: str | None = None
    actor2_sector: Sector | None = None
    platform_or_weapon: tuple[str, ...] = ()  # entity ids of the WEAPON and PLATFORM mentions of the clause
    place_entity_id: str | None = None
    place_text: str | None = None
    place_country: str | None = None
    date: dt.date | None = None
    date_granularity: str | None = None  # day | month | year (the precision ``date`` is known to)
    date_source: Literal["sentence", "article"] | None = None
    fatalities: Toll | None = None
    injured: Toll | None = None
    captured: Toll | None = None
    missing: Toll | None = None
    amount: float | None = None
    currency: str | None = None
