"""Guessing the charset of bytes that declare none and are not UTF-8: the last step of decoding.

charset-normalizer proposes the charsets the bytes decode in, each with its "chaos" (how much of the
decoded text looks like mojibake) and the languages the text reads as. Among the proposals with the
least chaos, single-byte Latin code pages often read equally well (a Spanish page decodes without a
fault in windows-1250 and windows-1257 too, with ń for ñ). There the choice follows what browsers do
for an unlabelled page: the legacy charset of the page's language (the HTML Standard's default
encoding per locale; windows-1252 for Western European languages, windows-1250 for Central European
ones, windows-1251 for Cyrillic, Shift_JIS, GB18030, EUC-KR...), then the proposal whose non-ASCII
characters are letters or common punctuation, then windows-1252, then charset-normalizer's order.

Only the charsets a browser can decode are proposed (the WHATWG Encoding Standard's legacy
encodings: no DOS code pages, no UTF-7). A guess is never made for bytes that look binary
(``sniff_binary`` is the caller's gate before this one), nor is a decoding kept whose mess is over
``MAX_CHAOS`` or whose non-ASCII characters are less than ``MIN_PLAIN_SHARE`` letters and everyday
punctuation (random high bytes after a long ASCII head read as box drawing in some code page).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

import charset_normalizer

__all__ = ["guess_charsets", "MAX_CHAOS", "MIN_PLAIN_SHARE", "LANGUAGE_CHARSETS", "WEB_CHARSETS"]

MAX_CHAOS = 0.1
"""charset-normalizer's mess ratio above which a decoding is not a guess (its own default is 0.2)."""

MIN_PLAIN_SHARE = 0.8
"""The least share of a guessed text's non-ASCII characters that must be letters or everyday punctuation."""

WEB_CHARSETS = (
    "cp1250",
    "cp1251",
    "cp1252",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "cp874",
    "latin_1",
    "iso8859_2",
    "iso8859_3",
    "iso8859_4",
    "iso8859_5",
    "iso8859_6",
    "iso8859_7",
    "iso8859_8",
    "iso8859_9",
    "iso8859_10",
    "iso8859_11",
    "iso8859_13",
    "iso8859_14",
    "iso8859_15",
    "iso8859_16",
    "koi8_r",
    "koi8_u",
    "cp866",
    "mac_roman",
    "mac_cyrillic",
    "shift_jis",
    "cp932",
    "euc_jp",
    "iso2022_jp",
    "gb2312",
    "gbk",
    "gb18030",
    "big5",
    "big5hkscs",
    "euc_kr",
    "cp949",
)
"""The legacy charsets of the WHATWG Encoding Standard (and their labels), in charset-normalizer's names."""

_TIE = 0.01  # proposals within this much chaos of the least read equally well

_WESTERN = (
    "English",
    "German",
    "French",
    "Dutch",
    "Italian",
    "Spanish",
    "Portuguese",
    "Swedish",
    "Norwegian",
    "Finnish",
    "Danish",
    "Indonesian",
)
_CENTRAL = ("Polish", "Czech", "Slovak", "Hungarian", "Slovene", "Croatian", "Romanian")
_CYRILLIC = ("Russian", "Ukrainian", "Bulgarian", "Serbian", "Kazakh")

LANGUAGE_CHARSETS: dict[str, str] = {
    **dict.fromkeys(_WESTERN, "cp1252"),
    **dict.fromkeys(_CENTRAL, "cp1250"),
    **dict.fromkeys(_CYRILLIC, "cp1251"),
    "Greek": "cp1253",
    "Turkish": "cp1254",
    "Hebrew": "cp1255",
    "Arabic": "cp1256",
    "Farsi": "cp1256",
    "Lithuanian": "cp1257",
    "Estonian": "cp1257",
    "Vietnamese": "cp1258",
    "Thai": "cp874",
    "Japanese": "cp932",
    "Chinese": "gb18030",
    "Korean": "cp949",
}
"""The legacy charset of unlabelled pages in each language charset-normalizer names (codec names as
``transforms.extract.decode.normalize_charset`` gives them)."""

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_GLUED = re.compile(
    r"(?<=[A-Za-z])[^\x00-\x7f]|[^\x00-\x7f](?=[A-Za-z])"
)  # non-ASCII characters touching ASCII letters
_PUNCTUATION = frozenset(
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u20ac\u00ab\u00bb\u00b7\u2022\u00b0"
    "\u00a9\u00ae\u2122\u00bf\u00a1\u00a7\u00b6\u00a0\u3000"
)


@lru_cache(maxsize=8)
def guess_charsets(data: bytes, normalize: Callable[[str], str | None]) -> tuple[str, ...]:
    """Codec names to try on ``data``, the likeliest first; empty when nothing reads as text.

    ``normalize`` maps charset-normalizer's names to the codec names the caller decodes with. The last
    few answers are remembered, so a caller that decodes a document twice (the cleaner, then the
    worker asking which charset it was) guesses once.
    """
    found = charset_normalizer.from_bytes(data, threshold=MAX_CHAOS, cp_isolation=list(WEB_CHARSETS))
    matches = [m for m in found if m.chaos <= MAX_CHAOS and _plain_share(str(m)) >= MIN_PLAIN_SHARE]
    if not matches:
        return ()
    least = min(m.chaos for m in matches)
    tied = [(order, m) for order, m in enumerate(matches) if m.chaos <= least + _TIE]

    def codecs_of(match: charset_normalizer.CharsetMatch) -> list[str]:
        names = (normalize(name) for name in match.could_be_from_charset)
        return list(dict.fromkeys(name for name in names if name))

    def rank(item: tuple[int, charset_normalizer.CharsetMatch]) -> tuple[bool, float, bool, int]:
        order, match = item
        codecs = codecs_of(match)
        return (LANGUAGE_CHARSETS.get(match.language) in codecs, _plain_share(str(match)), "cp1252" in codecs, -order)

    ranked = [match for _, match in sorted(tied, key=rank, reverse=True)]
    ranked += [m for m in matches if all(m is not t for t in ranked)]
    guesses: list[str] = []
    for match in ranked:
        codecs = codecs_of(match)
        # the same text comes out of each of these codecs: name it as the language's own charset if it is one
        preferred = [c for c in (LANGUAGE_CHARSETS.get(match.language), "cp1252") if c in codecs]
        guesses.extend(c for c in [*preferred, *codecs] if c and c not in guesses)
    return tuple(guesses)


def _plain_share(text: str) -> float:
    """The share of the non-ASCII characters of ``text`` that are letters or everyday punctuation.

    A Cyrillic, Greek, Hebrew or Arabic letter glued to ASCII letters ("Cafй": windows-1252's é read
    as windows-1251) does not count: words of those alphabets do not mix with Latin ones. (Chinese and
    Japanese write Latin acronyms against their own characters, so theirs count.)
    """
    wide = Counter(_NON_ASCII.findall(text))
    total = sum(wide.values())
    if not total:
        return 1.0
    plain = sum(n for ch, n in wide.items() if ch.isalpha() or ch in _PUNCTUATION)
    glued = sum(1 for ch in _GLUED.findall(text) if _alphabet_not_latin(ch))
    return round((plain - glued) / total, 3)


@lru_cache(maxsize=4096)
def _alphabet_not_latin(ch: str) -> bool:
    return ch.isalpha() and unicodedata.name(ch, "").split(" ", 1)[0] in ("CYRILLIC", "GREEK", "HEBREW", "ARABIC")
