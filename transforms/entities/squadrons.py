"""Aviation units named the way navies and air arms write them, which the numbered-unit rules do not cover.

- a unit name with its designator in parentheses before the number: "Electronic Attack Squadron (VAQ) 139",
  "Helicopter Maritime Strike Squadron (HSM) 73" (ORG, canonical without the designator, as for
  "Carrier Air Wing (CVW) 9"); where the kind's official long form is settled (``squadron_kinds``), the
  canonical takes it whatever name the article writes, so that an older name is the same unit ("Tactical
  Electronic Warfare Squadron (VAQ) 139" is Electronic Attack Squadron 139);
- a squadron designation: "VFA-94", "VFA 94", "HSC-6", "VMFA-232", "CVW 5" (ORG): the U.S. Navy and Marine
  Corps letter codes of squadron kinds (V fixed wing, H helicopter, then the mission). Its canonical name is
  the long form when the article spells that kind out ("Strike Fighter Squadron (VFA) 22" makes "VFA-94"
  "Strike Fighter Squadron 94"), else the kind's official long form where it is settled ("CVW-14" is "Carrier
  Air Wing 14": ``squadron_kinds`` of ``data/context.toml``), else the designation;
- a squadron's nickname in quotes before "of" and the unit, or right after the unit: "“Kestrels” of
  VFA-137", "VFA-136 “Knighthawks,”" name that unit (ORG, the unit's canonical name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from transforms.entities.gazetteer import read_data
from transforms.entities.military_patterns import PatternMatch

__all__ = ["squadron_patterns", "SQUADRON_CODES"]

# the letter codes of U.S. Navy and Marine Corps squadron kinds (fixed wing V..., helicopter H..., Marine VM/HM), of
# the carrier air wing (CVW) that holds them, and of the strike groups and destroyer squadrons they sail with
SQUADRON_CODES = frozenset(
    "VA VAQ VAW VC VF VFA VFC VP VPU VQ VR VRC VRM VS VT VX VXS VUP HC HM HS HSC HSL HSM HT HX "
    "VMA VMAQ VMFA VMFAT VMGR VMM VMU VMX HMH HMLA HMLAT HMM HMT CVW CSG ESG DESRON".split()
)
_UNIT_HEAD = r"(?:Squadron|Wing|Group|Detachment|Flotilla)"
_WORDS = r"(?:(?!(?:The|And|Of)\b)[A-Z][a-z]+(?:-[A-Z][a-z]+)?[ ]+){1,6}"  # "Helicopter Anti-Submarine"
_CODED_UNIT = re.compile(rf"\b{_WORDS}{_UNIT_HEAD}[ ]+\((?P<code>[A-Z]{{2,6}})\)(?:[ ]+(?P<num>\d{{1,4}}))?")
_DESIGNATION = re.compile(r"(?<![\w-])(?P<code>[A-Z]{2,6})(?P<sep>[- ])(?P<num>\d{1,3})(?![\w-])")
_NICKNAME = re.compile(r"[“\"](?P<name>[A-Z][\w’' -]{1,40}?)[”\"][ ]+of[ ]+(?:the[ ]+)?$")
_NICKNAME_AFTER = re.compile(r"[ ]+[“\"](?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,3})[,.]?[”\"]")  # title case


@lru_cache(maxsize=1)
def _official_long_forms() -> dict[str, str]:
    return dict(read_data("context.toml")["squadron_kinds"])


def squadron_patterns(text: str, units: Iterable[PatternMatch] = ()) -> list[PatternMatch]:
    """The coded units, designations and nicknames of ``text``; ``units`` are the unit matches of the other
    rules, so that a nickname before one of them names it too."""
    found: list[PatternMatch] = []
    long_forms: dict[str, str] = {}
    official = _official_long_forms()
    for match in _CODED_UNIT.finditer(text):
        written = re.sub(r"\s+", " ", text[match.start() : match.start("code") - 1].strip())
        name = official.get(match.group("code"), written)  # "Tactical Electronic Warfare Squadron (VAQ) 139": VAQ-139
        long_forms.setdefault(match.group("code"), name)
        if match.group("num"):
            found.append(PatternMatch(match.start(), match.end(), "ORG", "unit", f"{name} {match.group('num')}"))
    for match in _DESIGNATION.finditer(text):
        code = match.group("code")
        if code in SQUADRON_CODES and (match.group("sep") == "-" or len(code) >= 3):  # "VFA 94"; not "VA 22"
            number = str(int(match.group("num")))
            long_form = long_forms.get(code) or official.get(code)
            canonical = f"{long_form} {number}" if long_form else f"{code}-{number}"
            found.append(PatternMatch(match.start(), match.end(), "ORG", "unit", canonical, outranks_gazetteer=True))
    for unit in [*found, *units]:
        if unit.type != "ORG" or unit.subtype != "unit":
            continue
        nickname = _NICKNAME.search(text, max(0, unit.start - 60), unit.start)
        if nickname is None:
            nickname = _NICKNAME_AFTER.match(text, unit.end)
        if nickname is not None:  # quoted beside its unit, a nickname wins over a gazetteer's ("Stingers" of VFA-113)
            start, end = nickname.start("name"), nickname.end("name")
            found.append(PatternMatch(start, end, "ORG", "unit", unit.canonical, outranks_gazetteer=True))
    return found
