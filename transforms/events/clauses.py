"""The clause reader of casualty and status claims: given one parsed sentence, who was killed, injured,
captured, missing, rescued, released, displaced or arrested, how many, and by whom.

The status word's role decides where the people are: a passive verb's subject, an active verb's object,
an intransitive verb's or adjective's subject, a status noun's "of" phrase or number, a toll noun's
count, an idiom's holder ("lost their lives", "claimed the lives of", "suffered injuries", "were taken
prisoner"). A part named in apposition ("23 people, including seven children") is a claim of its own,
marked ``part_of`` the whole so that a toll counts the whole once. ``casualties`` chooses the sentences
and runs the reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from schemas.entities import Entity, Mention
from schemas.events import CasualtyClaim, ClaimStatus, Sector, Toll
from schemas.quantities import Quantity
from transforms.events.cue_words import claim_words

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["ClauseReader", "toll_of"]

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
_CAPTIVE = frozenset({"prisoner", "captive", "hostage"})  # "were taken prisoner", "held hostage"
_SUFFER = frozenset({"suffer", "sustain", "receive", "incur"})  # "three soldiers suffered minor injuries"
_LIFE_TAKERS = frozenset({"claim", "take", "cost"})  # "the fire claimed the lives of 20 sailors"
_STILL = frozenset({"go", "remain", "stay", "be", "turn"})  # "two aid workers went missing"
_NOMINAL = frozenset({"dobj", "obj", "nsubj", "nsubjpass", "pobj", "appos", "conj", "attr"})
_ELLIPTIC = frozenset({"more", "another"})  # people named by the clause before: "and 20 more", "and another"
_PART_OF = frozenset({"including", "among"})  # "23 people, including seven children", "among them"

_COUNT_OBJECT_WORD = re.compile(r"[A-Za-z]+")


def toll_of(q: Quantity) -> Toll:
    """The toll a count states: its value, bounds and hedge."""
    value = q.value if q.value is not None else 0.0
    return Toll(value=value, low=q.low, high=q.high, hedge=_HEDGES.get(q.qualifier or ""))


class ClauseReader:
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
        if token.pos_ in ("VERB", "AUX") and lemma in ("take", "hold") and self._captive(token):
            victims, agent = self._verb_roles(token)
            return self._claims(victims, "captured", agent)
        if token.pos_ in ("VERB", "AUX") and lemma in words.verbs:
            status = words.verbs[lemma]
            if lemma == "shoot" and any(c.lower_ == "dead" for c in token.children):
                status = "killed"  # "shot dead"; "shot" alone is wounded
            if self._mixed(token, status):
                return ()  # "60 civilians were killed and injured": a count of both, no toll of either
            victims, agent = self._verb_roles(token)
            return self._claims(victims, status, agent)
        if token.pos_ in ("VERB", "ADJ", "AUX") and (lemma in words.intransitive or token.lower_ in words.intransitive):
            status = words.intransitive.get(lemma) or words.intransitive[token.lower_]
            if token.dep_ in _NOMINAL and any(self._is_number(c) for c in token.children if c.dep_ == "nummod"):
                return self._claims([token], status, None, status_noun=True)  # "reported 34 dead"
            return self._claims(self._subject_of(token), status, None)
        if token.pos_ == "NOUN" and lemma == "life" and token.dep_ == "dobj":
            return self._life_claims(token)
        if token.pos_ in ("NOUN", "PROPN", "ADJ") and (lemma in words.nouns or token.lower_ in words.nouns):
            return self._noun_claims(token, words.nouns.get(lemma) or words.nouns[token.lower_])
        if token.pos_ == "NOUN" and lemma == "toll":
            return self._toll_claims(token)
        return ()

    # -- roles ---------------------------------------------------------------------------------------------

    def _verb_roles(self, verb: Token) -> tuple[list[Token], Token | None]:
        deps = {c.dep_ for c in verb.children}
        reduced = verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN" and not deps & {"aux", "nsubj"}
        passive = "nsubjpass" in deps or "auxpass" in deps or reduced  # "the soldiers killed", not "it has killed"
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

    def _mixed(self, verb: Token, status: ClaimStatus) -> bool:
        """Whether the verb shares its people with a verb of the other harm ("killed and wounded 60")."""
        other = {"killed": "injured", "injured": "killed"}.get(status)
        head = verb.head
        if other is not None and verb.dep_ == "conj" and self.words.verbs.get(head.lemma_.lower()) == other:
            if not any(g.dep_ in ("dobj", "obj", "nsubjpass") for g in head.children):
                return True  # "killed or wounded 45 people": the object hangs on the second verb
        return other is not None and any(
            c.dep_ == "conj"
            and self.words.verbs.get(c.lemma_.lower()) == other
            and not any(g.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") for g in c.children)
            for c in verb.children
        )

    @staticmethod
    def _captive(verb: Token) -> bool:
        return any(
            c.dep_ in ("oprd", "advmod", "npadvmod", "acomp") and c.lemma_.lower() in _CAPTIVE for c in verb.children
        )

    def _life_claims(self, life: Token) -> Iterable[CasualtyClaim]:
        """ "nine soldiers lost their lives", "the fire claimed the lives of 20 sailors", "the bombings claimed 217
        lives"."""
        verb = life.head
        if verb.lemma_.lower() == "lose":
            return self._claims(self._subject_of(life), "killed", None)
        if verb.lemma_.lower() in _LIFE_TAKERS:
            of = [g for c in life.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
            agent = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if not of and any(self._is_number(c) for c in life.children if c.dep_ == "nummod"):
                return self._claims([life], "killed", agent, status_noun=True)  # "claimed at least 217 lives"
            return self._claims([g for g in of if g.dep_ == "pobj"], "killed", agent)
        return ()

    def _subject_of(self, token: Token) -> list[Token]:
        """The people an intransitive verb or an adjective is said of (or who suffered the injuries)."""
        if token.dep_ == "amod":
            return [token.head]
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        head = token
        if (
            not subjects
            and token.dep_ in ("dobj", "advcl")
            and token.head.lemma_.lower() in _SUFFER | _STILL | {"lose"}
        ):
            head = token.head  # "suffered injuries", "went missing", "lost their lives"
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
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
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _SUFFER and status == "injured":
            return self._claims(self._subject_of(noun), status, None)
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
        queue = [self._antecedent(v) for v in victims]
        while queue:
            victim = queue.pop(0)
            queue.extend(c for c in victim.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM"))
            claim = self._claim(victim, status, agent, counted, status_noun)
            if claim is not None:
                out.append(claim)
                for part in self._parts(victim):
                    sub = self._claim(part, status, agent, None, False)
                    if sub is not None and sub.start != claim.start:
                        out.append(replace(sub, part_of=claim.start))
        return out

    @staticmethod
    def _antecedent(victim: Token) -> Token:
        """ "Four soldiers said they were wounded": "they" is the subject of the sentence's main verb, where
        that comes first; any other word stands for itself."""
        if victim.lower_ not in ("they", "them"):
            return victim
        root = victim.sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < victim.i), None)
        return subject if subject is not None and subject.pos_ != "PRON" else victim

    @staticmethod
    def _parts(whole: Token) -> list[Token]:
        """The people named as a part of ``whole``: "23 people, including seven children", "among them
        seven children" (the parser hangs the latter on the verb, with "among them" under it)."""
        parts = [g for c in whole.children if c.lower_ in _PART_OF for g in c.children if g.dep_ == "pobj"]
        for sibling in whole.head.children if whole.head != whole else ():
            among = [c for c in sibling.children if c.lower_ == "among"]
            if sibling.i > whole.i and sibling.dep_ in ("npadvmod", "appos") and among:
                if any(g.lower_ in ("them", "whom", "those") for c in among for g in c.children):
                    parts.append(sibling)
        return [p for p in parts if p.lower_ not in ("them", "whom", "those")]

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
            number = next(
                (c for c in victim.children if c.dep_ in ("nummod", "quantmod", "amod") and self._is_number(c)), None
            )  # "Eleven crew members": the tagger takes some number words for adjectives
        people, sector = self._people(noun)
        if not (people or status_noun or noun is number):
            return None
        if number is not None and (q := self._quantity_at(number)) is not None:
            start, end, toll = q.start, q.end, toll_of(q)
        elif number is not None and number.lower_ == "one":
            start, end, toll = number.idx + self.base, number.idx + self.base + 3, Toll(1.0)
        elif number is None and noun.lower_ == "another" and not status_noun:  # "and another was injured"
            start, end, toll = noun.idx + self.base, noun.idx + self.base + len(noun.text), Toll(1.0)
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
        if not found and noun.lower_ in _ELLIPTIC:  # "killing 14 civilians and wounding 20 more"
            return True, None
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
