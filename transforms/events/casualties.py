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
quantity stage's own event is kept where its counted noun names people (``rule_claims``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from schemas.entities import Entity, Mention
from schemas.events import CasualtyClaim, ClaimStatus, Sector, Toll
from schemas.quantities import Quantity
from transforms.events.cue_words import CUE_PREFILTER, claim_words, one_person
from transforms.sentences import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Token

    from transforms.events.parse import ClauseParser

__all__ = ["read_claims", "parse_claims", "rule_claims", "toll_of", "cue_sentences"]

_HEDGES = {
    "about": "about",
    "nearly": "nearly",
    "at_least": "at least",
    "more_than": "more than",
    "at_most": "at most",
    "less_than": "less than",
    "up_to": "up to",
}
_ONE = frozenset({"a", "an", "one", "another"})
_RELATIVE = frozenset({"who", "that", "which"})
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


def toll_of(q: Quantity) -> Toll:
    """The toll a count states: its value, bounds and hedge."""
    value = q.value if q.value is not None else 0.0
    return Toll(value=value, low=q.low, high=q.high, hedge=_HEDGES.get(q.qualifier or ""))


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
) -> list[CasualtyClaim]:
    """Every casualty or status claim of ``text``, sorted by start: by parse when ``parser`` is given."""
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
        reader = _Reader(text, sentence.start, quantities, mentions, entities)
        for token in doc:
            for claim in reader.claims_of(token):
                found.setdefault((claim.start, claim.end), claim)
    return sorted(found.values(), key=lambda c: c.start)


class _Reader:
    """Reads the claims of one parsed sentence; offsets are shifted by ``base`` into the article."""

    def __init__(
        self,
        text: str,
        base: int,
        quantities: Sequence[Quantity],
        mentions: Sequence[Mention],
        entities: Mapping[str, Entity],
    ) -> None:
        self.text, self.base, self.entities = text, base, entities
        self.quantities = [q for q in quantities if q.kind == "count" and q.qualifier != "ordinal"]
        self.mentions = mentions
        self.words = claim_words()

    def claims_of(self, token: Token) -> Iterable[CasualtyClaim]:
        lemma = token.lemma_.lower()
        words = self.words
        if token.pos_ in ("VERB", "AUX") and lemma in words.verbs:
            status = words.verbs[lemma]
            if lemma == "shoot" and any(c.lower_ == "dead" for c in token.children):
                status = "killed"  # "shot dead"; "shot" alone is wounded
            victims, agent = self._verb_roles(token)
            return self._claims(victims, status, agent)
        if token.pos_ in ("VERB", "ADJ", "AUX") and (lemma in words.intransitive or token.lower_ in words.intransitive):
            status = words.intransitive.get(lemma) or words.intransitive[token.lower_]
            return self._claims(self._subject_of(token), status, None)
        if token.pos_ in ("NOUN", "PROPN", "ADJ") and (lemma in words.nouns or token.lower_ in words.nouns):
            return self._noun_claims(token, words.nouns.get(lemma) or words.nouns[token.lower_])
        if token.pos_ == "NOUN" and lemma == "toll":
            return self._toll_claims(token)
        return ()

    # -- roles ---------------------------------------------------------------------------------------------

    def _verb_roles(self, verb: Token) -> tuple[list[Token], Token | None]:
        deps = {c.dep_ for c in verb.children}
        passive = "nsubjpass" in deps or "auxpass" in deps or (verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN")
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if passive:
            victims = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if not victims and verb.dep_ in ("acl", "amod"):
                victims = [verb.head]
            if not victims and verb.dep_ == "conj":
                victims = [c for c in verb.head.children if c.dep_ in ("nsubjpass", "nsubj")]
            victims = [verb.head if v.lower_ in _RELATIVE and verb.dep_ == "relcl" else v for v in victims]
            return victims, agent
        victims = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        agent = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if not victims and verb.tag_ == "VBN":  # "dozens injured", "left five soldiers wounded"
            if agent is not None:
                return [agent], None
            if verb.head.lemma_ == "leave":
                return [c for c in verb.head.children if c.dep_ in ("dobj", "obj")], None
            before = verb.doc[verb.i - 1] if verb.i > 0 else None
            if before is not None and before.pos_ in ("NOUN", "PROPN", "NUM"):  # "... four soldiers injured"
                return [before], None
        if agent is None and verb.dep_ in ("conj", "advcl", "xcomp", "pcomp") and verb.tag_ == "VBG":
            agent = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if agent is not None and agent.lower_ in _RELATIVE and verb.dep_ == "relcl":
            agent = verb.head
        return victims, agent

    def _subject_of(self, token: Token) -> list[Token]:
        """The people an intransitive verb or an adjective is said of."""
        if token.dep_ == "amod":
            return [token.head]
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        head = token
        while not subjects and head.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "attr", "conj") and head.head != head:
            roles = ("dobj", "nsubjpass") if head.dep_ == "oprd" else ("nsubj", "nsubjpass", "dobj")
            head = head.head
            subjects = [c for role in roles for c in head.children if c.dep_ == role][:1]
        return subjects

    def _noun_claims(self, noun: Token, status: ClaimStatus) -> Iterable[CasualtyClaim]:
        """ "the deaths of at least five police officers", "12 deaths", "256 prisoners"."""
        of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if of and status in ("killed", "injured"):  # "the death of a relative" is too often generic to count
            return [c for c in self._claims(of, status, None) if c.toll.value != 1 or c.text[:2].lower() != "a "]
        if noun.dep_ in ("dobj", "nsubjpass", "pobj") and status == "captured":
            governor = noun.head.head if noun.dep_ == "pobj" else noun.head
            verb = self.words.verbs.get(governor.lemma_.lower())
            if verb is not None and verb != "killed":
                return ()  # "freed four prisoners": the verb says it (released), not the noun
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and self._is_number(noun.head.head):
            return self._claims([noun.head.head], status, None, counted=noun)
        return self._claims([noun], status, None, status_noun=True)

    def _toll_claims(self, toll: Token) -> Iterable[CasualtyClaim]:
        """ "the death toll rose to 45": the first count after the toll word in its sentence."""
        if not any(
            c.dep_ == "compound" and c.lemma_.lower() in ("death", "casualty", "fatality") for c in toll.children
        ):
            return ()
        start = toll.idx + self.base + len(toll.text)
        end = self.base + toll.sent.end_char if toll.doc else start
        for q in self.quantities:
            if start <= q.start < end and (q.object is None or self._people_word(q.object)):
                return [CasualtyClaim(q.start, q.end, q.text, "killed", toll_of(q), method="parse")]
        return ()

    def _people_word(self, phrase: str) -> bool:
        words = [w.lower().rstrip("s") for w in _COUNT_OBJECT_WORD.findall(phrase)]
        return bool(words) and (self.words.sector(words)[0] or words[-1] in ("dead", "death"))

    # -- claims --------------------------------------------------------------------------------------------

    def _claims(
        self,
        victims: list[Token],
        status: ClaimStatus,
        agent: Token | None,
        *,
        counted: Token | None = None,
        status_noun: bool = False,
    ) -> list[CasualtyClaim]:
        out: list[CasualtyClaim] = []
        queue = list(victims)
        while queue:
            victim = queue.pop(0)
            queue.extend(c for c in victim.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM"))
            claim = self._claim(victim, status, agent, counted, status_noun)
            if claim is not None:
                out.append(claim)
        return out

    def _is_number(self, token: Token) -> bool:
        return token.pos_ == "NUM" or token.like_num or self._quantity_at(token) is not None

    def _quantity_at(self, token: Token) -> Quantity | None:
        at = token.idx + self.base
        return next((q for q in self.quantities if q.start <= at < q.end), None)

    def _claim(
        self, victim: Token, status: ClaimStatus, agent: Token | None, counted: Token | None, status_noun: bool
    ) -> CasualtyClaim | None:
        number: Token | None = None
        noun = counted or victim
        if self._is_number(victim) and counted is None:
            number = victim
            of = [g for c in victim.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
            noun = next((g for g in of if g.dep_ == "pobj"), victim)
        elif counted is not None:
            number = victim
        else:
            number = next((c for c in victim.children if c.dep_ in ("nummod", "quantmod") and self._is_number(c)), None)
        people, sector = self._people(noun)
        if not (people or status_noun or noun is number):
            return None
        if number is not None and (q := self._quantity_at(number)) is not None:
            start, end, toll = q.start, q.end, toll_of(q)
        elif number is not None and number.lower_ == "one":
            start, end, toll = number.idx + self.base, number.idx + self.base + 3, Toll(1.0)
        elif (det := next((c for c in noun.children if c.dep_ in ("det", "nummod") and c.lower_ in _ONE), None)) and (
            people and not status_noun
        ):
            start, end, toll = det.idx + self.base, noun.idx + self.base + len(noun.text), Toll(1.0)
        else:
            return None
        country, who_text = self._country(noun)
        by_id, by_text = self._agent(agent)
        return CasualtyClaim(
            start=start,
            end=end,
            text=self.text[start:end],
            status=status,
            toll=toll,
            who=sector,
            who_country=country,
            who_text=who_text,
            by_entity_id=by_id,
            by_text=by_text,
            method="parse",
        )

    def _people(self, noun: Token) -> tuple[bool, Sector | None]:
        words = [c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod") and c.i == noun.i - 1]
        found, sector = self.words.sector([*words, noun.lemma_.lower()])
        if not found:
            plain = noun.lower_
            found, sector = self.words.sector(
                [plain[:-1] if plain.endswith("s") and not plain.endswith("ss") else plain]
            )
        if not found:
            mention = self._mention(noun.idx + self.base, noun.idx + self.base + len(noun.text))
            found = mention is not None and mention.type in ("NORP", "PERSON")
        if any(c.lemma_.lower() == "civilian" for c in noun.children if c.dep_ in ("amod", "compound")):
            sector = "civilians"
        return found, sector

    def _mention(self, start: int, end: int) -> Mention | None:
        return next((m for m in self.mentions if m.start < end and start < m.end), None)

    def _country(self, noun: Token) -> tuple[str | None, str | None]:
        """The country of the people counted: a nationality or country named in their noun phrase."""
        left = min((t.idx for t in noun.subtree if t.i <= noun.i), default=noun.idx) + self.base
        right = noun.idx + self.base + len(noun.text)
        for m in self.mentions:
            if m.start >= left and m.end <= right and m.type in ("NORP", "GPE", "ORG") and m.entity_id:
                entity = self.entities.get(m.entity_id)
                if entity is not None and entity.country:
                    return entity.country, self.text[left:right]
        return None, self.text[left:right]

    def _agent(self, agent: Token | None) -> tuple[str | None, str | None]:
        if agent is None or agent.pos_ == "PRON":
            return None, None
        left = min(t.idx for t in agent.subtree) + self.base
        right = max(t.idx + len(t.text) for t in agent.subtree) + self.base
        mention = next(
            (m for m in self.mentions if left <= m.start and m.end <= right and m.type != "WEAPON"), None
        ) or self._mention(agent.idx + self.base, agent.idx + self.base + len(agent.text))
        if mention is not None:
            return mention.entity_id, mention.text
        return None, self.text[agent.idx + self.base : agent.idx + self.base + len(agent.text)]


# -- by rule -------------------------------------------------------------------------------------------


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
