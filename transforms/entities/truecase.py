"""All-caps text recased for the NER model, character for character (offsets stay valid).

Headlines, datelines, slug lines and tables in wire copy come in capitals ("SOCCER - WALES BEAT SAN MARINO",
"JOHANNESBURG 1996-08-30", "HOUSTON 72 63 .533"); a statistical model trained on mixed case reads every
capitalized run there as one organization. ``recase`` rewrites such words the way the same article writes
them elsewhere ("beat" in the body -> "beat", "Wales" -> "Wales"), keeps acronyms (words with dots, known
all-caps aliases, short words without vowels) and gives the rest a capital initial. Function words become
lower case. Only case changes: the result has the length of the input, so spans found in it are spans of
the original text. The extractor feeds the recased text to the model and keeps the original for mentions.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["recase", "is_caps_line", "acronym_forms", "dateline_places", "opens_dateline"]

_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“(]\s*|\n\s*)$")
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3})(?=(?:[ \t]*,[ \t]*[A-Z][a-z])|[ \t]+\d|"
    r"[ \t]*[-–—(]|[ \t]*,[ \t]*[A-Z]{2}[ \t]+[-–—])",  # "BUFFALO, NY - ": a state's postal code
    re.MULTILINE,
)
_VOWELS = frozenset("AEIOUY")
# two or more all-caps words in a row inside a mixed-case line: a shouted phrase ("QUIET CAR.") or acronyms
_CAPS_RUN = re.compile(r"(?<![\w'’-])[A-Z][A-Z'’-]+(?:[ \t]+[A-Z][A-Z'’-]+)+(?![\w'’-])")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}"
_PLACE = r"[A-Z][A-Za-z.'’-]*(?:[ \t]+[A-Z][A-Za-z.'’-]*){0,3}"
_DATELINE_PLACE = re.compile(
    rf"^[ \t]*(?P<place>{_PLACE})(?:[ \t]*,[ \t]*(?P<region>{_PLACE}))?[ \t]*"
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}|\((?:Reuters|AP|AFP|UPI|dpa|DVIDS)\)|[—–]|--|(?(region)-(?=[ \t])|(?!)))",
    re.MULTILINE,
)


def is_caps_line(line: str) -> bool:
    """Whether a line is written in capitals (at least six cased letters, nine in ten upper case)."""
    upper = sum(ch.isupper() for ch in line)
    lower = sum(ch.islower() for ch in line)
    return upper >= 6 and upper >= 9 * lower


def acronym_forms(forms: set[str] | frozenset[str]) -> frozenset[str]:
    """The all-caps names among ``forms`` that have no mixed-case spelling among them ("NATO", not "CHINA")."""
    mixed = {f.casefold() for f in forms if f != f.upper()}
    return frozenset(f for f in forms if f == f.upper() and any(ch.isalpha() for ch in f) and f.casefold() not in mixed)


def _vocabulary(text: str) -> dict[str, str]:
    """The usual spelling of each word in the mixed-case parts of ``text``, sentence starts left out."""
    counts: dict[str, Counter[str]] = {}
    for line in _LINE.finditer(text):
        body = line.group()
        if is_caps_line(body):
            continue
        for match in _WORD.finditer(body):
            word = match.group().rstrip(".'’-")
            if (
                len(word) < 2
                or _SENTENCE_START.search(body[max(0, match.start() - 4) : match.start()])
                or match.start() == 0
            ):
                continue
            counts.setdefault(word.casefold(), Counter())[word] += 1
    return {key: forms.most_common(1)[0][0] for key, forms in counts.items()}


def _capitalize(word: str) -> str:
    parts = re.split(r"([-'’])", word)
    out = []
    for index, part in enumerate(parts):
        after_apostrophe = index >= 2 and parts[index - 1] in "'’" and len(part) <= 2
        out.append(part.lower() if after_apostrophe else part[:1].upper() + part[1:].lower())
    return "".join(out)


def _recase_word(word: str, first: bool, vocab: dict[str, str], acronyms: frozenset[str]) -> str:
    core = word.rstrip(".,'’-&")
    if word != word.upper() or "." in core or core in acronyms:
        return word
    known = vocab.get(core.casefold())
    if known is not None and len(known) == len(core):
        new = known
    elif core.casefold() in STOP_WORDS:
        new = core.lower()
    elif len(core) <= 4 and not _VOWELS & set(core):
        return word
    else:
        new = _capitalize(core)
    if first:
        new = new[:1].upper() + new[1:]
    result = new + word[len(core) :]
    return result if len(result) == len(word) else word


def _shouted(run: str, vocab: dict[str, str], acronyms: frozenset[str]) -> bool:
    """Whether a run of all-caps words in running text is a shouted phrase, not acronyms: one of its words
    (four letters or more, not a known acronym) is a word the article writes in lower case elsewhere."""
    for word in run.split():
        core = word.strip("'’-")
        known = vocab.get(core.casefold())
        if len(core) >= 4 and core not in acronyms and known is not None and known.islower():
            return True
    return False


def _caps_outside(text: str, runs: set[tuple[int, int]]) -> frozenset[str]:
    """The all-caps words of ``runs`` that the article also writes in capitals outside them."""
    found: set[str] = set()
    for start, end in runs:
        for word in _WORD.findall(text, start, end):
            core = word.rstrip(".,'’-&")
            for match in re.finditer(rf"(?<![\w'’-]){re.escape(core)}(?![\w'’-])", text):
                if not any(s <= match.start() < e for s, e in runs):
                    found.add(core)
                    break
    return frozenset(found)


def recase(text: str, acronyms: frozenset[str] = frozenset()) -> str:
    """``text`` with its all-caps lines, datelines and shouted phrases in ordinary case; same length, same
    offsets."""
    if not any(ch.isupper() for ch in text):
        return text
    spans: list[tuple[int, int]] = [m.span() for m in _LINE.finditer(text) if is_caps_line(m.group())]
    spans += [m.span() for m in _DATELINE.finditer(text) if len(m.group()) >= 3]
    runs = [m for m in _CAPS_RUN.finditer(text)]
    if not spans and not runs:
        return text
    vocab = _vocabulary(text)
    shouted = {m.span() for m in runs if _shouted(m.group(), vocab, acronyms)}
    # in a shouted phrase a word keeps its capitals only where the article writes it so outside the phrase
    lower_vocab = {k: v for k, v in vocab.items() if v != v.upper()}
    outside = _caps_outside(text, shouted)
    chars = list(text)
    done: set[int] = set()
    for start, end in sorted([*spans, *shouted]):
        words, kept = (lower_vocab, outside) if (start, end) in shouted else (vocab, acronyms)
        for index, match in enumerate(_WORD.finditer(text, start, end)):
            if match.start() in done:
                continue
            done.add(match.start())
            new = _recase_word(match.group(), index == 0, words, kept)
            chars[match.start() : match.end()] = new
    recased = "".join(chars)
    return recased if len(recased) == len(text) else text


def dateline_places(text: str) -> list[tuple[int, int]]:
    """Place names of datelines opening a line: "BAKU 1996-08-31", "IRVINE, Calif 1996-08-30", "KYIV —"."""
    spans: list[tuple[int, int]] = []
    for match in _DATELINE_PLACE.finditer(text):
        if not _is_dateline(match):
            continue
        spans.append(match.span("place"))
        if match.group("region"):
            spans.append(match.span("region"))
    return spans


def opens_dateline(text: str, start: int) -> bool:
    """Whether the place at ``start`` opens a dateline ("NORFOLK, Va. --", "San Diego, Calif. (DVIDS)")."""
    line_start = text.rfind("\n", 0, start) + 1
    match = _DATELINE_PLACE.match(text, line_start)
    return match is not None and match.start("place") == start and _is_dateline(match)


def _is_dateline(match: re.Match[str]) -> bool:
    """A place in capitals or with its region opens a dateline; a mixed-case place alone only before a dash or
    an ISO date (a sentence such as "Officials March 3 said ..." opens none)."""
    place = match.group("place")
    if place.upper() == place or match.group("region") is not None:
        return True
    dated = re.search(r"\d{4}-\d{2}-\d{2}$", match.group()) is not None
    return dated or match.group().rstrip().endswith(("—", "–", "-"))
