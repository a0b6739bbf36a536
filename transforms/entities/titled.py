"""Titles around people: a person's title and affiliation ("Defense Minister Jane Doe of Ruritania"), titles
standing alone for a person ("the defense minister said"), the spans titles cover (a nationality inside a
title is no mention of its own), and the service that opens a rank ("Navy" of "Navy Rear Adm. Jane Doe", an
organization mention).

Public API: ``TitledPeople(finder, lookup, country_names).apply(text, candidates) -> (candidates, titled spans)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from transforms.entities.common_words import dictionary
from transforms.entities.coreference import Candidate, select
from transforms.entities.entity_types import ORG_HEADS
from transforms.entities.gazetteer import Entry
from transforms.entities.people import TitleFinder, TitleMatch
from transforms.entities.spans import looks_like_name

__all__ = ["TitledPeople"]

_NAME_AFTER_TITLE = re.compile(
    r"[ \t]+(?P<name>[A-Z][a-z]+(?:[ \t]+(?:[A-Z]\.|[A-Z][a-z]+(?:-[A-Z][a-z]+)?)){1,2})(?=[ \t]*[,.;:]|[ \t]+[a-z])"
)
_GIVEN_BEFORE = re.compile(r"(?<![\w.])[A-Z][a-z]+[ \t]+$")  # a given name the model left before a surname


class TitledPeople:
    """Applies the title finder to the candidates of one text; build once per extractor."""

    def __init__(
        self, finder: TitleFinder, lookup: Callable[[str], Entry | None], country_names: Mapping[str, str]
    ) -> None:
        self._finder = finder
        self._lookup = lookup
        self._country_names = country_names

    def apply(self, text: str, chosen: list[Candidate]) -> tuple[list[Candidate], list[tuple[int, int]]]:
        """Titles and affiliations of people; titles standing for people; the spans titles cover."""
        titled: list[tuple[int, int]] = []
        with_titles: list[Candidate] = []  # ``chosen``, model persons with their titles and affiliations
        chosen = [self._title_into(text, c) for c in chosen if not self._office_alone(text, c, chosen)]
        for cand in chosen:
            named_by_rule = cand.method == "rule" and cand.type == "PERSON" and cand.rank != "title"  # "The Honorable"
            if cand.method != "model" and not named_by_rule:
                prior = self._finder.before(text, cand.start) if cand.type == "PERSON" else None
                if prior is not None:
                    titled.append((prior.start, prior.end))
                with_titles.append(cand)
                continue
            if cand.type != "PERSON":
                start = self._finder.strip_leading(text, cand.start, cand.end)
                if start == cand.start or cand.entry is not None or not looks_like_name(text[start : cand.end]):
                    with_titles.append(cand)
                    continue
                cand = replace(cand, type="PERSON", start=start)
            cand = replace(cand, start=self._finder.strip_leading(text, cand.start, cand.end))
            given = _GIVEN_BEFORE.search(text, max(0, cand.start - 20), cand.start)
            if self._finder.before(text, cand.start) is None and given and self._finder.before(text, given.start()):
                cand = replace(cand, start=given.start())  # "Sgt. 1st Class |Tyrone| C. Marshall": the model left it
            match = self._finder.before(text, cand.start)
            if match is None or self._finder.honorific(match.title):  # an office after the name says more
                match = self._finder.after(text, cand.end) or match
            if match is not None:
                match = self._placed(match)
                cand = replace(cand, title=match.title, affiliation=self._affiliation(match.affiliation))
                titled.append((match.start, match.end))
            with_titles.append(cand)
        chosen = with_titles
        people = [c for c in chosen if c.type == "PERSON" and c.end > c.start]
        extra: list[Candidate] = []
        for match in map(self._placed, self._finder.standalone(text)):
            start, end = match.start, match.end
            if any(s < start and end < e for s, e in titled):
                continue  # a word inside a person's title ("President" of "Chairman, President and CEO Jim Taiclet")
            if any(start < c.end and c.start < end for c in chosen if c.type != "PERSON"):
                if any(c.start <= start and end <= c.end for c in chosen):
                    continue
            name = self._missed_name(text, end, chosen)
            if name is not None:  # "Secretary of the Army |Jane Roe| spoke": a name the model missed or ran into
                chosen = [c for c in chosen if not (c.start < name[1] and name[0] < c.end)]
                prior = self._finder.before(text, name[0]) or match
                extra.append(
                    Candidate(
                        start=name[0],
                        end=name[1],
                        type="PERSON",
                        method="rule",
                        rank="rule",
                        title=prior.title,
                        affiliation=self._affiliation(prior.affiliation),
                    )
                )
                titled.append((prior.start, prior.end))
                continue
            split = self._trailing_name(text, start, end)
            if split is not None:  # the model's span over the title's words and the name is neither
                chosen = [c for c in chosen if not (c.model_only and start <= c.start < split[0] < c.end <= end)]
                prior = self._finder.before(text, split[0])  # "Under Secretary", not the standalone's "Secretary"
                extra.append(
                    Candidate(
                        start=split[0],
                        end=end,
                        type="PERSON",
                        method="rule",
                        rank="model",
                        title=prior.title if prior is not None else match.title,
                        affiliation=self._affiliation(split[1]),
                    )
                )
                continue
            if any(  # "Minister for Foreign Affairs Julie Bishop": the span ran on into the titled person's name
                start < p.start and p.end == end and p.title is not None and " " in text[p.start : p.end].strip()
                for p in people
            ):
                continue
            inside = [p for p in people if p.method == "model" and start <= p.start and p.end <= end]
            if inside:  # "Minister of Defence": the model's "Defence" is a word of the title, not a person
                chosen = [c for c in chosen if c not in inside]
                people = [c for c in people if c not in inside]
            # a person right after the title, maybe after a rank ("Chief of Naval Operations Adm. Jane Roe")
            following = next((p for p in people if p.start >= end and self._rank_gap(text[end : p.start])), None)
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
                (c.type == "PERSON" and (c.method != "model" or c.title is not None))
                or (c.method != "model" and c.type not in ("NORP", "PERSON"))
                or _named_body(text, c)
                or not any(s <= c.start and c.end <= e for s, e in titled)
            )
        ]  # a model "person" inside another's title is a word of it ("Mate" of "Boatswain's Mate 2nd Class")
        kept = [c for c in kept if c.type == "PERSON" or not any(x.start <= c.start and c.end <= x.end for x in extra)]
        return select(self._services(text, titled, kept + extra)), titled

    def _placed(self, match: TitleMatch) -> TitleMatch:
        """A title kept with its portfolio, unless the portfolio is a place: "Minister of Health" stays whole,
        "Prime Minister of Georgia" is the office "Prime Minister" with the affiliation Georgia."""
        if match.office is None or match.portfolio is None:
            return match
        entry = self._lookup(match.portfolio)
        if entry is None or entry.type not in ("GPE", "LOC", "NORP"):
            return match
        return replace(match, title=match.office, affiliation=match.portfolio, office=None, portfolio=None)

    def _title_into(self, text: str, c: Candidate) -> Candidate:
        """A model span that begins inside an office's name and goes on into a person's name ("Secretary of
        |Defense Lloyd Austin|", "Minister of |Defence Ben Wallace|") cut to the name: a person with that title.
        The office is a listed one; the name is two to four capitalised words, no organization's or place's name
        of the gazetteers."""
        if not c.model_only or c.type not in ("PERSON", "ORG", "GPE", "LOC", "NORP"):
            return c
        for word in list(re.finditer(r"[ \t]+(?=[A-Z])", text[c.start : c.end]))[:2]:
            start = c.start + word.end()
            name = text[start : c.end]
            title = self._finder.before(text, start)
            if (
                title is None
                or title.start >= c.start
                or not self._finder.known(" ".join(text[title.start : start].split()))
            ):
                continue  # "Secretary of the Navy |Carlos| Del Toro": no listed office takes the given name
            if len(name.split()) < 2 or not looks_like_name(name):
                continue
            known = self._lookup(name)
            if (known is not None and known.type != "PERSON") or name.split()[-1] in ORG_HEADS:
                return c
            return replace(c, start=start, type="PERSON", entry=known, title=title.title)
        return c

    def _office_alone(self, text: str, c: Candidate, chosen: list[Candidate]) -> bool:
        """A model person that is one word of rank or office ("Dustin Hoover, Superintendent, Advanced Programs";
        "the Friar"), unless a person of the article bears it as a surname ("Coretta King" beside "King")."""
        word = re.sub(r"['’]s?$", "", text[c.start : c.end])
        if c.method != "model" or c.type != "PERSON" or " " in word or not self._finder.office_word(word):
            return False
        return not any(
            p.type == "PERSON"
            and p is not c
            and text[p.start : p.end].split()[-1] == word
            and " " in text[p.start : p.end]
            for p in chosen
        )

    def _services(self, text: str, titled: list[tuple[int, int]], chosen: list[Candidate]) -> list[Candidate]:
        """``chosen`` with the service that opens a title as an organization ("Navy" of "Navy Rear Adm. Jane
        Doe"; the context rules resolve it to the article's service), in place of a model person the model ran
        from it into the rank ("Navy Rear")."""
        for s, e in sorted({span for start, end in titled for span in self._finder.services(text, start, end)}):
            hit = [c for c in chosen if c.start < e and s < c.end]
            if any(not (c.method == "model" and c.type == "PERSON" and c.start == s) for c in hit):
                continue
            chosen = [c for c in chosen if c not in hit]
            entry = self._lookup(text[s:e])
            entry = entry if entry is not None and entry.name == text[s:e] else None  # "Royal Navy"; not "Army"
            chosen.append(Candidate(start=s, end=e, type="ORG", method="rule", rank="rule", entry=entry))
        return chosen

    def _trailing_name(self, text: str, start: int, end: int) -> tuple[int, str] | None:
        """Where a person's name begins at the end of a title span ("Minister for the Middle East Jane Doe")."""
        words = list(re.finditer(r"[A-Z][\w'’-]+", text[start:end]))
        for k in (2, 3):
            if len(words) > k + 1:
                cut = start + words[-k].start()
                portfolio = re.search(r"\b(?:of|for)[ \t]+(?:the[ \t]+)?(.+)$", text[start:cut].rstrip())
                if portfolio and (self._lookup(portfolio.group(1)) is not None or self._name_after(text, cut, end)):
                    return cut, portfolio.group(1)
        return None

    def _rank_gap(self, gap: str) -> bool:
        """Whether the words between a title and a name are nothing or one rank ("Adm.", "Lt. Gen.")."""
        return gap.strip() == "" or self._finder.known(" ".join(gap.split()))

    def _missed_name(self, text: str, end: int, chosen: list[Candidate]) -> tuple[int, int] | None:
        """The span of a name right after a title standing alone that no candidate holds: two or three
        capitalised words, the first no English word (a given name), none a name the gazetteers know, then a
        comma, a period or a word in lower case. A model span that runs from the title into it does not count
        ("Under Secretary of the |Air Force Jane Roe|")."""
        match = _NAME_AFTER_TITLE.match(text, end)
        if match is None:
            return None
        start, stop = match.span("name")
        words = match.group("name").split()
        if _english(words[0]) or any(self._lookup(w.rstrip(".")) is not None for w in words):
            return None
        if any(c.start < stop and start < c.end and not (c.model_only and c.start < start) for c in chosen):
            return None
        return start, stop

    def _name_after(self, text: str, cut: int, end: int) -> bool:
        """``text[cut:end]`` reads as a name after a portfolio of common words ("Under Secretary of Defense for
        Acquisition and Sustainment |Ellen Lord"): capitalised words only, the first no English word (a given
        name), none a name the gazetteers know ("Europe"), after an English word ("Sustainment")."""
        name, before = text[cut:end].split(), text[max(0, cut - 40) : cut].split()  # the words just before
        return (
            bool(before)
            and all(w[:1].isupper() for w in name)
            and not _english(name[0])
            and all(self._lookup(w) is None for w in name)
            and _english(before[-1])
        )

    def _affiliation(self, text: str | None) -> str | None:
        text = re.sub(r"^(?:[Tt]he|An?|Its|His|Her)\s+", "", text or "")
        if not text:
            return None
        entry = self._lookup(text)
        if entry is None:
            return text if len(text.split()) <= 5 else None
        if entry.type == "NORP" and entry.country:
            return self._country_names.get(entry.country, entry.name)
        return entry.name


def _english(word: str) -> bool:
    """A word of the English dictionary, or its plural ("Affairs")."""
    lower = word.lower()
    return lower in dictionary() or (lower.endswith("s") and lower[:-1] in dictionary())


def _named_body(text: str, c: Candidate) -> bool:
    """A model organization of two or more words ending in a head noun: a body the title names ("Indonesian
    Democratic Party" of "Indonesian Democratic Party leader Megawati Sukarnoputri"), a mention of its own."""
    words = text[c.start : c.end].split()
    return c.type == "ORG" and len(words) > 1 and words[-1] in ORG_HEADS
