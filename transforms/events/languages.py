"""Casualty and status claims in languages other than English, read by rule from per-language word tables.

The English reader parses clauses; there is no parser here for Japanese, Latvian or Thai. What is read
instead is the pattern every wire report of a toll shares: a count of people beside a status word in
the same sentence ("31人が死亡", "มีผู้เสียชีวิต 3 ราย", "pieci cilvēki ... tiek meklēti"). The words
are data, ``data/claim_words_languages.toml`` (its header gives the grammar): numerals, counters, the
words for people, hedges and the status words before and after a count. The tables are used only when
the article's language is the table's language; an article in any other language gets no claims from
here. A count must count people (a counter, a people word, or a status word right beside it), so "four
days after the landslide" is no claim.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any, cast

from schemas.events import CasualtyClaim, ClaimStatus, Toll

__all__ = ["LANGUAGES", "Grammar", "grammar", "language_claims", "language_cue"]

LANGUAGES: tuple[str, ...] = ("ar", "ja", "lv", "th")
"""The languages with a word table (ISO 639-1, as ``articles.language`` holds them)."""

_HEDGE_NAMES = {"at_least": "at least", "more_than": "more than", "about": "about", "up_to": "up to"}
_HEDGE_NAMES |= {"less_than": "less than"}
_DIGITS = str.maketrans("０１２３４５６７８９๐๑๒๓๔๕๖๗๘๙٠١٢٣٤٥٦٧٨٩", "012345678901234567890123456789")
_KANJI = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?=\s)|\n")


@dataclass(frozen=True, slots=True)
class Grammar:
    """One language's table, compiled."""

    count: re.Pattern[str]  # groups: hedge_before, number, counter, hedge_after
    numerals: dict[str, float]
    ordinals: re.Pattern[str] | None
    ordinal_values: dict[str, float]
    ordinal_status: str | None
    hedges: dict[str, str]  # phrase (lower case) -> hedge name
    people: re.Pattern[str] | None
    people_words: int
    after: list[tuple[re.Pattern[str], ClaimStatus]]
    before: list[tuple[re.Pattern[str], ClaimStatus]]
    after_gap: int
    before_gap: int
    counters: frozenset[str]
    counter_status: dict[str, ClaimStatus]
    parts: re.Pattern[str] | None
    spaced: bool
    cues: tuple[tuple[re.Pattern[str], str, str], ...]  # pattern, event type, subtype; the first listed wins


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _number_words(table: dict[str, Any], endings: list[str]) -> tuple[str, dict[str, float]]:
    """The alternation of a numeral table's words ("div*" takes the endings) and word -> value."""
    values: dict[str, float] = {}
    for key, value in table.items():
        forms = [key[:-1] + e for e in endings] if key.endswith("*") else [key]
        for form in forms:
            values.setdefault(form.lower(), float(value))
    return _alternation(list(values)), values


def _statuses(table: dict[str, list[str]], spaced: bool) -> list[tuple[re.Pattern[str], ClaimStatus]]:
    edge = r"(?<!\w)" if spaced else ""
    flags = re.IGNORECASE
    return [
        (re.compile(edge + f"(?:{_alternation(words)})", flags), cast(ClaimStatus, s)) for s, words in table.items()
    ]


@functools.cache
def grammar(language: str) -> Grammar | None:
    """The compiled table of ``language``, or None when it has none."""
    if language not in LANGUAGES:
        return None
    doc = tomllib.loads(resources.files("transforms.events.data").joinpath("claim_words_languages.toml").read_text())
    t = doc[language]
    spaced = bool(t.get("spaced", True))
    endings = [str(e) for e in t.get("endings", [])]
    words, numerals = _number_words(t.get("numerals", {}), endings)
    hedges = {p.lower(): name for name, ps in t.get("hedges_before", {}).items() for p in ps}
    after_hedges = {p.lower(): name for name, ps in t.get("hedges_after", {}).items() for p in ps}
    w0, w1 = (r"(?<!\w)", r"(?!\w)") if spaced else ("", "")
    gap = r"\s+" if spaced else r"\s*"
    number = r"[0-9０-９๐-๙٠-٩]+(?:[,.٬][0-9٠-٩]{3})*" + (r"|[一二三四五六七八九十百千]+" if language == "ja" else "")
    number += f"|{w0}(?:{words}){w1}" if words else ""
    counters = [str(c) for c in t.get("counters", [])]
    count = (
        rf"(?:(?P<hedge_before>{_alternation(list(hedges))}){gap})?" if hedges else "(?P<hedge_before>(?!))?"
    ) + rf"(?P<number>{number})"
    marks = [str(m) for m in t.get("not_after_counter", [])]
    not_ordinal = f"(?!{_alternation(marks)})" if marks else ""
    count += rf"(?:\s*(?P<counter>{_alternation(counters)}){not_ordinal})?" if counters else "(?P<counter>(?!))?"
    count += rf"(?:\s*(?P<hedge_after>{_alternation(list(after_hedges))}))?" if after_hedges else ""
    count += "(?P<hedge_after>(?!))?" if not after_hedges else ""
    ord_words, ord_values = _number_words(t.get("ordinals", {}), endings)
    people = t.get("people", {}).get("words", [])
    parts = t.get("parts", [])
    return Grammar(
        count=re.compile(count, re.IGNORECASE),
        numerals=numerals,
        ordinals=re.compile(rf"{w0}(?:{ord_words}){w1}", re.IGNORECASE) if ord_words else None,
        ordinal_values=ord_values,
        ordinal_status=t.get("ordinal_status"),
        hedges=hedges | after_hedges,
        people=re.compile(rf"(?<!\w)(?:{_alternation(people)})", re.IGNORECASE) if people else None,
        people_words=int(t.get("people_words", 0)),
        after=_statuses(t.get("after", {}), spaced),
        before=_statuses(t.get("before", {}), spaced),
        after_gap=int(t["after_gap"]),
        before_gap=int(t["before_gap"]),
        counters=frozenset(counters),
        counter_status={c: cast(ClaimStatus, s) for s, cs in t.get("counter_status", {}).items() for c in cs},
        parts=re.compile(_alternation(parts), re.IGNORECASE) if parts else None,
        spaced=spaced,
        cues=tuple(
            (re.compile(rf"{w0}(?:{_alternation(c['words'])})", re.IGNORECASE), str(c["type"]), str(c["subtype"]))
            for c in t.get("cue", [])
        ),
    )


def _kanji_value(text: str) -> float | None:
    total, digit = 0, 0
    for ch in text:
        if ch in _KANJI:
            digit = _KANJI[ch]
        elif ch in _KANJI_UNITS:
            total += (digit or 1) * _KANJI_UNITS[ch]
            digit = 0
        else:
            return None
    return float(total + digit)


def _value(g: Grammar, number: str) -> float | None:
    plain = number.translate(_DIGITS).replace(",", "").replace("٬", "")
    if plain.replace(".", "").isdigit():
        return float(plain.replace(".", "")) if "." in plain and len(plain.split(".")[-1]) == 3 else float(plain)
    return g.numerals.get(number.lower()) or _kanji_value(number)


def _toll(value: float, hedge: str | None) -> Toll:
    low = value if hedge in ("at_least", "more_than") else None
    high = value if hedge in ("up_to", "less_than") else None
    if hedge is None:
        low = high = None
    return Toll(value=value, low=low, high=high, hedge=_HEDGE_NAMES.get(hedge or ""))


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _SENTENCE_END.finditer(text):
        yield start, m.end()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _status(
    g: Grammar, text: str, span: tuple[int, int, int, int], gaps: tuple[int, int] | None = None
) -> ClaimStatus | None:
    """The status word nearest the count at ``start:end`` within the gaps (after, before; the table's by
    default), inside the sentence ``lo:hi`` (``span`` is lo, hi, start, end)."""
    lo, hi, start, end = span
    after_gap, before_gap = gaps or (g.after_gap, g.before_gap)
    best: tuple[int, ClaimStatus] | None = None
    for pattern, status in g.after:
        m = pattern.search(text, end, min(hi, end + after_gap + 30))
        if m is not None and m.start() - end <= after_gap and (best is None or m.start() - end < best[0]):
            best = (m.start() - end, status)
    for pattern, status in g.before:
        for m in pattern.finditer(text, max(lo, start - before_gap - 30), start):
            if start - m.end() <= before_gap and (best is None or start - m.end() < best[0]):
                best = (start - m.end(), status)
    return best[1] if best else None


def _counts_people(g: Grammar, text: str, end: int, hi: int, counter: str | None) -> bool:
    if counter:
        return True
    if g.people is None:
        return False
    following = text[end:hi].split()[: g.people_words]
    return any(g.people.match(word) for word in following)


def language_claims(text: str, language: str | None) -> list[CasualtyClaim]:
    """The claims of ``text`` read with the table of ``language``; none when it has no table."""
    g = grammar(language or "")
    if g is None:
        return []
    out: list[CasualtyClaim] = []
    for lo, hi in _sentences(text):
        in_sentence: list[CasualtyClaim] = []
        for m in g.count.finditer(text, lo, hi):
            whole = in_sentence[-1] if in_sentence else None
            if whole is not None and not (g.parts is not None and g.parts.search(text, whole.end, m.start())):
                whole = None
            claim = _claim(g, text, lo, hi, m, whole.status if whole is not None else None)
            if claim is not None:
                in_sentence.append(replace(claim, part_of=whole.start) if whole is not None else claim)
        if g.ordinals is not None and g.ordinal_status is not None:
            in_sentence += _ordinal_claims(g, text, lo, hi)
        out += in_sentence
    return sorted(out, key=lambda c: c.start)


def _claim(
    g: Grammar, text: str, lo: int, hi: int, m: re.Match[str], whole: ClaimStatus | None
) -> CasualtyClaim | None:
    """The claim of the count ``m``; ``whole`` is the status of the count it is a part of, if any."""
    value = _value(g, m.group("number"))
    if not value:
        return None
    counter = m.group("counter")
    if g.counters and not counter:
        return None  # "31" alone in Japanese or Thai: a year, a date, an amount
    span = (lo, hi, m.start(), m.end())
    status = g.counter_status.get(counter or "") or _status(g, text, span) or whole
    if status is None:
        return None
    if not _counts_people(g, text, m.end(), hi, counter) and _status(g, text, span, (1, 1)) is None:
        return None  # no counter, no people word, no status word right beside it ("pieci gāja bojā")
    hedge = m.group("hedge_before") or m.group("hedge_after")
    toll = _toll(value, g.hedges.get(hedge.lower()) if hedge else None)
    return CasualtyClaim(m.start(), m.end(), text[m.start() : m.end()], status, toll, method="rule")


def _ordinal_claims(g: Grammar, text: str, lo: int, hi: int) -> list[CasualtyClaim]:
    """ "atradusi piekto bojāgājušo": the fifth dead found, a toll of five (only beside its status)."""
    assert g.ordinals is not None
    out = []
    for m in g.ordinals.finditer(text, lo, hi):
        value = g.ordinal_values.get(m.group(0).lower())
        if value and _status(g, text, (lo, hi, m.start(), m.end()), (1, 1)) == g.ordinal_status:
            status = cast(ClaimStatus, g.ordinal_status)
            out.append(CasualtyClaim(m.start(), m.end(), m.group(0), status, Toll(value), method="rule"))
    return out


def language_cue(text: str, start: int, end: int, language: str | None) -> tuple[str, str, int, int] | None:
    """The event type and subtype of the sentence ``start:end`` by the first listed cue of ``language``'s
    table found in it, with the cue's span; None without one."""
    g = grammar(language or "")
    for pattern, event_type, subtype in g.cues if g is not None else ():
        m = pattern.search(text, start, end)
        if m is not None:
            return event_type, subtype, m.start(), m.end()
    return None
