"""People: ranks and offices around a name, and the transliteration key that joins spellings of a name.

- ``TitleFinder`` reads ``data/titles.toml`` and finds, next to a person's name, the rank or office
  ("Navy Adm.", "Marine Corps Lt. Gen.", "Minister of Defence", "spokeswoman") and what it belongs to
  ("Russian Foreign Minister" -> Russian; "commander of U.S. Central Command"; "Pentagon spokeswoman"),
  and titles standing for a person on their own ("the Foreign Secretary said").
- ``name_key`` is a general transliteration skeleton: accents dropped, y/j/i one letter, z/s one letter,
  kh/zh/sh/ch/ts/tch/sch digraphs folded, w = v, q = k, ph = f, doubled letters single, -iy/-yy/-ij
  endings and a final -e dropped, "al-"/"el-" particles ignored. "Zelenskyy", "Zelensky", "Zelenskiy" and
  "Selenskyj" share a key, as do "Shoigu"/"Shoygu" and "Prigozhin"/"Prigojine".
  ``data/name_variants.toml`` adds known spellings the rule cannot join ("Qaddafi"/"Gaddafi").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from transforms.entities.gazetteer import read_data

# function words no affiliation holds, where a title-case headline's words end before a title ("With"; not "US");
# "Under" and "First" open titles ("Under Secretary", "First Deputy Prime Minister")
_HEADLINE_BREAKS = STOP_WORDS - {"under", "first"}

__all__ = [
    "name_key",
    "canonical_person",
    "known_person",
    "TitleFinder",
    "TitleMatch",
    "title_finder",
    "NAME_SUFFIXES",
    "PARTICLES",
]

# generational suffixes after a surname ("Harry B. Harris Jr."): no part of the name a person is matched by
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
PARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "ash",
        "as",
        "ar",
        "bin",
        "ibn",
        "bint",
        "van",
        "von",
        "der",
        "de",
        "da",
        "del",
        "di",
        "la",
        "le",
    }
)
_DIGRAPHS = (
    ("tsch", "ch"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("ck", "k"),
    ("ou", "u"),
    ("ts", "c"),
    ("dj", "j"),
    ("th", "t"),
    ("dh", "d"),
)
_LETTERS = str.maketrans({"y": "i", "j": "i", "z": "s", "w": "v", "q": "k", "x": "ks", "c": "k"})
_DOUBLE = re.compile(r"(.)\1+")
_ENDING = re.compile(r"(?:ii|i)$")


def _skeleton(word: str) -> str:
    text = unicodedata.normalize("NFKD", word.casefold())
    text = "".join(ch for ch in text if ch.isalpha() and not unicodedata.combining(ch))
    for old, new in _DIGRAPHS:
        text = text.replace(old, new)
    text = text.replace("ch", "sh").translate(_LETTERS)
    text = _DOUBLE.sub(r"\1", text)
    if len(text) > 4:
        text = _ENDING.sub("i", text)
        if text.endswith("e"):
            text = text[:-1]
    return text


def name_key(name: str) -> str:
    """The transliteration key of a personal name (words in order, particles left out)."""
    words = [w for w in re.split(r"[\s\-‐]+", name.replace("’", "'")) if w]
    words = [w.split("'")[-1] if w.lower().startswith(("al'", "el'")) else w for w in words]
    keys = [_skeleton(w) for w in words if w.lower().strip(".") not in PARTICLES]
    return " ".join(k for k in keys if k)


@lru_cache(maxsize=1)
def _names() -> dict[str, Any]:
    return read_data("name_variants.toml")


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    data = _names()
    table: dict[str, str] = {}
    for canonical, variants in data["variants"].items():
        for form in (canonical, *variants):
            table.setdefault(name_key(form), canonical)
    for canonical, info in data.get("people", {}).items():
        table.setdefault(name_key(canonical), canonical)
        if info.get("surname"):
            table.setdefault(name_key(canonical.split()[-1]), canonical)
    return table


def known_person(canonical: str) -> tuple[str | None, str | None]:
    """The Wikidata ID and country of a person named across many articles (``[people]``), else (None, None)."""
    info = _names().get("people", {}).get(canonical, {})
    return info.get("wikidata"), info.get("country")


def canonical_person(name: str) -> str | None:
    """The canonical spelling of a known name variant (full name or surname alone), else None; a name with a
    middle name or initial is the person of ``[people]`` named by its first and last words ("Hillary Rodham
    Clinton", "Leon E. Panetta"), where that person's name is two words ("George H.W. Bush" is no "George W.
    Bush")."""
    known = _variants().get(name_key(name))
    words = name.split()
    if known is None and len(words) >= 3 and words[-1] not in NAME_SUFFIXES:
        known = _two_word_people().get(name_key(f"{words[0]} {words[-1]}"))
    return known


@lru_cache(maxsize=1)
def _two_word_people() -> dict[str, str]:
    return {name_key(c): c for c in _names().get("people", {}) if len(c.split()) == 2}


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """A title next to (or instead of) a name: its character span, the title text and the affiliation."""

    start: int
    end: int
    title: str
    affiliation: str | None
    office: str | None = None  # a title kept with its portfolio: the office alone ("Minister" of "Minister of Health")
    portfolio: str | None = None  # and the portfolio ("Health"), which may yet be a place ("Minister of Peru")


_CAP = r"(?:U\.S\.|U\.K\.|U\.N\.|E\.U\.|[A-Z][\w'’&-]*(?:\.[A-Z][\w'’&-]*)*)"
_CAPS = rf"{_CAP}(?:[ \t]+(?:of[ \t]+the[ \t]+|of[ \t]+|for[ \t]+|and[ \t]+)?{_CAP}){{0,5}}"
_AFF = rf"{_CAP}(?:[ \t]+{_CAP}){{0,3}}?"
_DETERMINERS = frozenset({"The", "A", "An", "Its", "His", "Her", "Their", "Our", "This", "That"})


# a navy rating with its class: "Mass Communication Specialist 3rd Class", "Aviation Boatswain's Mate 2nd Class"
_RATING = (
    r"(?:(?!(?:By|The|And|From|With|For|To|Of|In|At)\b)[A-Z][a-z]+(?:['’]s)?[ \t]+){1,4}"
    r"(?:1st|2nd|3rd|First|Second|Third)[ \t]+Class"
)


# offices named by their portfolio: "Under Secretary of Defense for Policy", "Minister for the Middle East" are
# whole titles, where "Chairman of Lockheed Martin" is a title and an affiliation
_PORTFOLIO_OFFICE = re.compile(r"(?:Secretary|Minister)$")
_KNIGHTED = frozenset({"Sir", "Dame"})
_EXECUTIVE = r"CEO|Chief[ \t]+Executive(?:[ \t]+Officer)?|COO|CFO|Chief[ \t]+(?:Operating|Financial)[ \t]+Officer"
_EXECUTIVE_TITLE = re.compile(_EXECUTIVE)
_JOINT = re.compile(r"[ \t]and[ \t]")


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(t).replace(r"\ ", r"[ \t]+") for t in sorted(set(items), key=len, reverse=True))


class TitleFinder:
    """Finds titles before and after a name and titles used alone, from ``data/titles.toml``."""

    def __init__(
        self,
        services: list[str],
        ranks: list[str],
        offices: list[str],
        standalone: list[str],
        appositive_heads: tuple[str, ...] = (),
        honorifics: tuple[str, ...] = (),
    ) -> None:
        offices = offices + list(honorifics)  # written before a name like an office
        role = f"(?:{_RATING}|{_alternation(ranks + offices)})"
        service = f"(?:{_alternation(services)})"
        portfolio = rf"(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{_CAPS})?"
        self._before = re.compile(
            rf"(?:(?P<aff>{_AFF})(?:'s|’s)?[ \t]+)??(?P<title>(?:{service}[ \t]+)?{role}{portfolio})[ \t]*,?[ \t]*$"
        )
        # offices joined before a chief executive's name ("Chairman, President and CEO Jane Doe"), tried only after
        # a chief executive's title (the longer pattern is slow); other offices joined by "and" are two people's
        # ("The Prime Minister and President Hollande")
        self._joined = re.compile(
            rf"(?:(?P<aff>{_AFF})(?:'s|’s)?[ \t]+)??(?P<title>(?:{role}[ \t]*,[ \t]*)*{role}[ \t]*,?[ \t]+and[ \t]+"
            rf"(?:{_EXECUTIVE}))[ \t]*,?[ \t]*$"
        )
        self._after = re.compile(
            rf"^[ \t]*,[ \t]*(?:the[ \t]+|a[ \t]+|an[ \t]+|its[ \t]+)?(?:(?P<aff>{_AFF})[ \t]+)??(?P<title>{role})"
            rf"(?:[ \t]+(?:of|for|at|with|to)[ \t]+(?:the[ \t]+)?(?P<aff2>{_CAPS}))?"
            r"(?:[ \t]+\([A-Z][^()\n]{0,80}\))?"  # a portfolio in brackets: "(Acquisition, Logistics and Technology)"
            r"(?=[ \t]*[,.;)]|[ \t]+(?:said|says|told)\b)"
        )
        self._standalone = re.compile(
            rf"(?<![\w.])(?:(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts)[ \t]+)?(?:(?P<aff>{_AFF})(?:'s|’s)?[ \t]+)??"
            rf"(?P<title>(?:{_alternation(standalone)})"
            rf"(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{_CAPS})?)(?![\w-])"
        )
        self._office_after = _office_after(appositive_heads) if appositive_heads else None
        self._known = frozenset(ranks + offices + standalone)
        self._honorifics = frozenset(honorifics)
        self._office_words = frozenset(
            [t for t in self._known if t.isalpha() and t[:1].isupper()] + [h.capitalize() for h in appositive_heads]
        )
        self._leading = re.compile(rf"(?:{service}[ \t]+)?{role}[ \t]+(?=[A-Z])")
        self._service_first = re.compile(rf"(?<![\w.])(?:{service})(?=[ \t]+{role})")

    def known(self, title: str) -> bool:
        """Whether ``title`` is a listed rank or office as written ("Secretary of Defense")."""
        return title in self._known

    def honorific(self, title: str) -> bool:
        """Whether ``title`` is an honorific ("Dr.", "Mr."), which an office after the name outranks."""
        return title in self._honorifics

    def office_word(self, word: str) -> bool:
        """Whether ``word`` is a rank or office of one word, capitalised ("Superintendent", "Commander")."""
        return word in self._office_words

    def before(self, text: str, start: int) -> TitleMatch | None:
        """The title ending right before ``start`` ("Navy Adm. |Jane Doe")."""
        left = max(0, start - 160)
        match = self._before.search(text, left, start)
        if match is None:
            return None
        joint = _JOINT.search(match.group("title"))
        if joint is not None:  # "Secretary of State Kerry and U.S. Secretary of Defense |Ash Carter": the last title
            match = self._before.search(text, match.start("title") + joint.end(), start) or match
        if _EXECUTIVE_TITLE.fullmatch(match.group("title")):
            match = self._joined.search(text, left, start) or match
        if match.group("title") in _KNIGHTED:  # "Air Chief Marshal Sir |Richard Knighton": the rank says more
            match = self._before.search(text, left, match.start("title")) or match
        return self._split(
            match.start("title"),
            match.end("title"),
            match.group("title"),
            match.group("aff"),
            match.start("aff") if match.group("aff") else match.start("title"),
        )

    def services(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The spans of the services that open a rank or office within ``text[start:end]`` ("Navy" of "Navy Rear
        Adm.", "Army" of "Army Sgt. 1st Class")."""
        return [m.span() for m in self._service_first.finditer(text, start, end)]

    def strip_leading(self, text: str, start: int, end: int) -> int:
        """The start of a name span without a title the model included in it ("Gen. Jane Doe" -> "Jane Doe")."""
        match = self._leading.match(text, start, end)
        return start + match.end() - match.start() if match else start

    def after(self, text: str, end: int) -> TitleMatch | None:
        """An appositive title right after ``end`` ("Jane Doe|, a spokeswoman for X,")."""
        match = self._after.match(text[end : end + 200])
        if match is None:
            return self._lower_office(text, end)
        affiliation = match.group("aff2") or match.group("aff")
        title = match.group("title")
        if match.group("aff2") and _PORTFOLIO_OFFICE.search(title):  # "Assistant Secretary of the Army (...)"
            whole = _clean(match.group()[match.start("title") :])
            aff = _clean(affiliation)
            return TitleMatch(end + match.start("title"), end + match.end(), whole, aff, _clean(title), aff)
        return TitleMatch(
            end + match.start("title"),
            end + match.end(),
            _clean(title),
            _clean(affiliation) if affiliation else None,
        )

    def _lower_office(self, text: str, end: int) -> TitleMatch | None:
        """An office in lower case in apposition after a name, with its portfolio: "Jane Doe|, deputy assistant
        secretary of defense for product support", "|, chair, chief executive officer and president". The match
        ends before a capitalised portfolio ("product manager for |Tactical UAS"), which stays a name of its own
        and is the affiliation."""
        match = self._office_after.match(text[end : end + 200]) if self._office_after else None
        if match is None:
            return None
        affiliation = match.group("org") or match.group("aff")
        stop = match.start("org") if match.group("org") else match.end("title")
        return TitleMatch(
            end + match.start("title"),
            end + stop,
            _clean(match.group("title")),
            _clean(affiliation) if affiliation else None,
        )

    def standalone(self, text: str) -> list[TitleMatch]:
        """Titles used alone for a person: "the Foreign Secretary", "Iraqi Prime Minister" (no name after)."""
        found: list[TitleMatch] = []
        for match in self._standalone.finditer(text):
            title = match.group("title")
            if not title[:1].isupper():
                continue
            aff, start = match.group("aff"), match.start("aff") if match.group("aff") else match.start("title")
            words = list(re.finditer(r"\S+", aff or ""))
            cut = max(
                (
                    i + 1
                    for i, w in enumerate(words)
                    if not w.group().isupper() and w.group().lower() in _HEADLINE_BREAKS
                ),
                default=0,
            )
            if cut:  # a title-case headline's words before the title: "Troops Dine With |Under Secretary of Defense"
                rest = words[cut:]
                aff = aff[rest[0].start() :] if rest and aff else None
                start = match.start("aff") + rest[0].start() if rest else match.start("title")
            found.append(self._split(match.start("title"), match.end("title"), title, aff, start))
        return found

    def _split(self, t_start: int, t_end: int, title: str, aff: str | None, start: int) -> TitleMatch:
        title = _clean(title)
        affiliation = _clean(aff) if aff and aff not in _DETERMINERS else None  # "The spokesman for X": X's
        portfolio = re.match(r"^(.*?)\s+(?:of|for)\s+(?:the\s+)?(.+)$", title)
        if portfolio and title not in self._known and portfolio.group(1) in self._known:
            if _PORTFOLIO_OFFICE.search(portfolio.group(1)):  # "Under Secretary of Defense for Policy": one office
                return TitleMatch(start, t_end, title, affiliation, portfolio.group(1), portfolio.group(2))
            title, affiliation = portfolio.group(1), affiliation or portfolio.group(2)
        return TitleMatch(start, t_end, title, affiliation)


_LOWER = r"[a-z][a-z'’-]*"
_FUNCTION = "|".join(sorted((w for w in STOP_WORDS if w.isalpha()), key=len, reverse=True))


def _office_after(heads: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of ``TitleFinder._lower_office``: after the comma, a determiner or an owner ("the", "the
    company's", "Vexcor's"), then offices joined by commas and a final "and", each up to four lower-case words
    that are no function words before a head noun ("chief executive officer"), the last with up to two lower-case
    portfolios ("of defense for product support", "for maintenance policy and programs") and a capitalised one
    ("for Tactical UAS"). It must end the apposition: a comma, period, semicolon, bracket or dash, or "said"."""
    head = rf"(?:{'|'.join(sorted(heads, key=len, reverse=True))})"
    word = rf"(?!(?:{_FUNCTION})\b){_LOWER}"  # a lower-case word that is no function word
    office = rf"(?:(?:former|then-|acting|interim)[ \t]*)?(?:{word}[ \t]+){{0,4}}{head}(?![\w-])"
    # a lower-case portfolio may join its last two words with "and" ("for maintenance policy and programs")
    lower = rf"(?:[ \t]+(?:of|for|at)[ \t]+(?:the[ \t]+)?{word}(?:[ \t]+(?:and[ \t]+)?{word}){{0,3}})"
    body = rf"{_CAP}(?:[ \t]+(?:of[ \t]+the[ \t]+|of[ \t]+|and[ \t]+)?{_CAP}){{0,5}}"
    # the body, then a portfolio that may be a list: "of the Air Force for Acquisition, Technology and Logistics"
    portfolio = rf"(?:[ \t]+for[ \t]+{_CAP}(?:,?[ \t]+(?:and[ \t]+)?{_CAP}){{0,4}})?"
    caps = rf"(?:[ \t]+(?:of|for|at|with)[ \t]+(?:the[ \t]+)?(?P<org>(?:\d+(?:st|nd|rd|th)[ \t]+)?{body}){portfolio})"
    owner = (
        rf"(?:(?:the|a|an|its|his|her|their)[ \t]+)?(?:(?P<aff>{_AFF})(?:'s|’s)[ \t]+|company's[ \t]+|company’s[ \t]+)?"
    )
    return re.compile(
        rf"^[ \t]*,[ \t]*{owner}(?P<title>(?:{office}[ \t]*,[ \t]*)*(?:{office}[ \t]+and[ \t]+)?{office}{lower}{{0,2}}"
        rf"{caps}?)(?=[ \t]*[,.;)—–]|[ \t]+(?:said|says|told)\b)"
    )


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,")


@lru_cache(maxsize=1)
def title_finder() -> TitleFinder:
    data = read_data("titles.toml")
    return TitleFinder(
        data["services"],
        data["ranks"],
        data["offices"],
        data["standalone"],
        tuple(data["appositive_heads"]),
        tuple(data["honorifics"]),
    )
