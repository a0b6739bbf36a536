"""Place names that stand for teams in sports results: "Leicester 2 Chelsea 1", "Boston beat Detroit".

News wires mix sports results into the same feeds as defense news; there a city, state or county name
names a club, an organization (ORG), not a place. This module finds the spans that are team slots: in a
text that reads as sports (enough results vocabulary), the names in score lines, standings rows and
"X beat Y"/"X v Y" phrases; and retypes the entity stage's place or person candidates in those slots as ORG.
"""

from __future__ import annotations

import re

from transforms.entities.coreference import Candidate, select

__all__ = ["is_sports_text", "team_candidates", "team_slots"]

_SPORTS_WORDS = re.compile(
    r"\b(?:innings|wickets?|goals?|halftime|half-time|scored|scorers?|league|standings|played|won|lost|drawn|"
    r"draws?|beat|defeated|match|matches|points|season|championship|tournament|cup|runs|batting|bowling|"
    r"pitcher|touchdowns?|quarter|seeded|semifinal|quarterfinal|final|soccer|cricket|rugby|baseball|tennis|golf|"
    r"basketball|hockey|football|cycling|athletics|racing)\b",
    re.IGNORECASE,
)
_NAME = r"[A-Z][A-Za-z.'&-]*(?:[ \t]+(?:[A-Z][A-Za-z.'&-]*|of|de|del|la|'s))*"
_QUALIFIED = rf"{_NAME}(?:[ \t]*\([ \t]*[A-Z]{{1,3}}[ \t]*\))?"  # "Mladost ( L )": a club's town initial
_FIGURE = r"(?:\d{1,4}(?:\.\d+)?|\.\d{3}|\d+[ \t]+1/2|1/2|-)"
_SCORE_LINE = re.compile(
    rf"^(?P<a>{_QUALIFIED})[ \t]+\d{{1,3}}[ \t]+(?P<b>{_QUALIFIED})[ \t]+\d{{1,3}}(?:[ \t]+\(.*\))?\s*$", re.MULTILINE
)
_STANDINGS = re.compile(rf"^(?P<a>{_QUALIFIED})(?:[ \t]+{_FIGURE}){{3,}}\s*$", re.MULTILINE)
_SCHEDULE = re.compile(rf"^(?P<a>{_NAME})[ \t]+(?:AT|at|v|vs\.?)[ \t]+(?P<b>{_NAME})[ \t]*(?:\(.*\))?$", re.MULTILINE)
_VERSUS = re.compile(
    rf"(?P<a>{_NAME}) (?i:v|vs\.?|versus|beat|beats|defeated|drew with|draw with|lost to|"
    rf"held|routed|edged|thrashed|crushed) (?P<b>{_NAME})"
)


def is_sports_text(text: str) -> bool:
    """Whether ``text`` reads as a sports report (results vocabulary in at least 2% of its words)."""
    words = max(1, len(text.split()))
    hits = len(_SPORTS_WORDS.findall(text))
    return hits >= 3 and hits / words >= 0.02


def team_slots(text: str) -> list[tuple[int, int]]:
    """Character spans of names in team positions; empty unless the text reads as sports."""
    if not is_sports_text(text):
        return []
    slots: list[tuple[int, int]] = []
    for regex in (_SCORE_LINE, _STANDINGS, _SCHEDULE, _VERSUS):
        for match in regex.finditer(text):
            for group in ("a", "b"):
                if group in regex.groupindex and match.group(group):
                    slots.append((match.start(group), match.end(group)))
    return slots


def team_candidates(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Place and person names in sports team slots become ORG, unresolved; bare slots become ORG too."""
    slots = team_slots(text)
    if not slots:
        return chosen
    out: list[Candidate] = []
    for cand in chosen:
        country = cand.entry is not None and cand.entry.subtype == "country"
        if (
            cand.type in ("GPE", "LOC", "PERSON")
            and not country
            and any(s <= cand.start and cand.end <= e for s, e in slots)
        ):
            cand = Candidate(start=cand.start, end=cand.end, type="ORG", method="rule", rank="rule", subtype="team")
        elif cand.method == "model" and sum(cand.start < e and s < cand.end for s, e in slots) > 1:
            continue  # one model span across two teams of a score line: the slots stand instead
        out.append(cand)
    for start, end in slots:
        if not any(c.start < end and start < c.end for c in out):
            out.append(Candidate(start=start, end=end, type="ORG", method="rule", rank="rule", subtype="team"))
    return select(out)
