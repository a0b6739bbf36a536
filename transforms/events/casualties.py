"""Casualty and status claims read by clause: who was killed, injured, captured, missing, rescued,
released, displaced or arrested, how many, and by whom.

A claim is read from the clause that states it, not from the nearest number: the status word's role
decides where the people are. A passive verb's subject ("At least 30 people in 12 towns were
killed": 30 people, not 12 towns), an active verb's object ("the government freed four prisoners":
four released), an intransitive verb's or adjective's subject ("five soldiers died", "two remain
missing"), a status noun's "of" phrase or number ("the deaths of at least five police officers", "12
deaths"). The people counted must be people (a noun of ``claim_words.toml``'s ``people``, a
nationality, or a bare number): "the group released two videos" is no claim. The number's span,
value, bounds and hedge are the quantity stage's; "a soldier" is a claim of one. Without a parser the
quantity stage's own event is kept where its counted noun names people (``rule_claims``). The clause
reader itself is ``transforms.events.clauses``; this module chooses the sentences and merges the claims.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from schemas.entities import Entity, Mention
from schemas.events import CasualtyClaim, ClaimStatus
from schemas.quantities import Quantity
from transforms.events.clauses import ClauseReader, toll_of
from transforms.events.cue_words import CUE_PREFILTER, claim_words, one_person
from transforms.events.languages import grammar, language_claims
from transforms.sentences import Sentence

if TYPE_CHECKING:
    from transforms.events.parse import ClauseParser

__all__ = ["read_claims", "parse_claims", "rule_claims", "toll_of", "cue_sentences"]

_QUANTITY_STATUS: dict[str, ClaimStatus] = {
    "killed": "killed",
    "wounded": "injured",
    "captured": "captured",
    "missing": "missing",
    "displaced": "displaced",
    "rescued": "rescued",
}
_RELEASE_WORDS = re.compile(r"\b(?:releas\w*|freed|free|freeing|repatriat\w*|swap\w*|exchang\w*)\b", re.IGNORECASE)
_ARREST_WORDS = re.compile(r"\b(?:arrest\w*|detain\w*|apprehend\w*|jail\w*)\b", re.IGNORECASE)
_COUNT_OBJECT_WORD = re.compile(r"[A-Za-z]+")


def cue_sentences(text: str, sentences: Sequence[Sentence], quantities: Sequence[Quantity]) -> list[Sentence]:
    """The sentences worth a parse: a casualty or status word, and a count or "a soldier" to state how many."""
    counts = sorted(q.start for q in quantities if q.kind == "count" and q.qualifier != "ordinal")
    out = []
    for s in sentences:
        i = bisect.bisect_left(counts, s.start)
        counted = i < len(counts) and counts[i] < s.end
        if (counted or one_person().search(text, s.start, s.end)) and CUE_PREFILTER.search(text, s.start, s.end):
            out.append(s)
    return out


def read_claims(
    text: str,
    sentences: Sequence[Sentence],
    quantities: Sequence[Quantity],
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    parser: ClauseParser | None,
    language: str | None = None,
) -> list[CasualtyClaim]:
    """Every casualty or status claim of ``text``, sorted by start: by the word table of ``language`` where
    it has one (``transforms.events.languages``), else by parse when ``parser`` is given, else by rule."""
    if grammar(language or "") is not None:
        return language_claims(text, language)
    if parser is None:
        return rule_claims(text, sentences, quantities, mentions, entities)
    return parse_claims(text, sentences, quantities, mentions, entities, parser)


# -- by parse ------------------------------------------------------------------------------------------


def parse_claims(
    text: str,
    sentences: Sequence[Sentence],
    quantities: Sequence[Quantity],
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    parser: ClauseParser,
) -> list[CasualtyClaim]:
    found: dict[tuple[int, int], CasualtyClaim] = {}
    chosen = cue_sentences(text, sentences, quantities)
    for sentence, doc in zip(chosen, parser.parse_all([text[s.start : s.end] for s in chosen])):
        reader = ClauseReader(text, sentence.start, quantities, mentions, entities)
        for token in doc:
            for claim in reader.claims_of(token):
                key = (claim.start, claim.end)
                if key not in found or _outranks(claim, found[key]):
                    found[key] = claim
    return sorted(found.values(), key=lambda c: c.start)


# -- by rule -------------------------------------------------------------------------------------------


def _outranks(claim: CasualtyClaim, other: CasualtyClaim) -> bool:
    """Two statuses for the same people: the later fate stated wins where it is death ("three others who
    were shot ... were pronounced dead"); otherwise the first reading stays."""
    return claim.status == "killed" and other.status == "injured"


def rule_claims(
    text: str,
    sentences: Sequence[Sentence],
    quantities: Sequence[Quantity],
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
) -> list[CasualtyClaim]:
    """The quantity stage's casualty events, kept where the count counts people (no parser installed)."""
    words = claim_words()
    out = []
    for q in quantities:
        status = _QUANTITY_STATUS.get(q.event or "")
        if status is None or q.kind != "count":
            continue
        tokens = [w.lower() for w in _COUNT_OBJECT_WORD.findall(q.object or "")]
        lemmas = [w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in tokens]
        people, sector = words.sector(lemmas) if lemmas else (True, None)
        if not people and not any(m.type in ("NORP", "PERSON") for m in mentions if q.start <= m.start < q.end + 40):
            continue
        window = text[max(0, q.start - 40) : q.end + 60]
        if status in ("rescued", "captured") and _RELEASE_WORDS.search(window):
            status = "released"
        elif status == "captured" and _ARREST_WORDS.search(window):
            status = "arrested"
        out.append(CasualtyClaim(q.start, q.end, q.text, status, toll_of(q), who=sector, method="rule"))
    return out
