"""Rules for military names that follow a pattern rather than a list.

- named operations: "Operation Inherent Resolve", "Operation Rough Rider" (OPERATION); named exercises
  inside a sentence: "Exercise Cyber Shield" (OPERATION, subtype military_exercise);
- named ships with a prefix and optional hull number: "USS Nimitz (CVN 68)", "HMS Diamond",
  "USNS Mercy (T-AH 19)" (PLATFORM, subtype ship); merchant or research vessels: "MV Galaxy Leader",
  "M/T Marlin Luanda" (VEHICLE, subtype ship);
- ship classes: "Arleigh Burke-class destroyers", "Kirov-class" (PLATFORM, subtype ship_class);
- numbered units and formations: "82nd Airborne Division", "5th Fleet", "Carrier Strike Group 11",
  "Task Force 51", "1st Battalion, 5th Marine Regiment", "412th Test Wing", "36th Inf. Div." (ORG, subtype unit;
  an acronym written inside the name is left out of the canonical name: "Carrier Air Wing 9");
- equipment designations in the U.S., Russian, Chinese and NATO styles: "AH-64E", "MQ-9B", "AGM-114R",
  "Su-34", "BM-21", "FAB-500", "ZSU-23-4", "SS-N-27" (WEAPON or PLATFORM by the letters of the prefix), and
  Russian index numbers: "2S19", "9M723", "3M-54" (PLATFORM for the 2S/9P/9A families, WEAPON for 9K/9M/3M);
- bases named before their kind: "Grand Forks Air Force Base", "GRAND FORKS AIR FORCE BASE" (FACILITY).
Each rule returns ``PatternMatch`` values with character offsets into the text.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from schemas.entities import EntityType

__all__ = ["PLATFORM_PREFIXES", "PatternMatch", "find_patterns"]


@dataclass(frozen=True, slots=True)
class PatternMatch:
    start: int
    end: int
    type: EntityType
    subtype: str
    canonical: str
    # the name holds a name a gazetteer entry has and must win over it: a base's name holds a service's
    # ("Grand Forks Air Force Base"), a designation an acronym ("CSG 5" is no company "CSG" with a number after
    # it), a body of water a place ("Gulf of Alaska")
    outranks_gazetteer: bool = False


_NAME = r"[A-Z][A-Za-z'’-]*[A-Za-z]"
_INITIALS = r"(?:[A-Z]\.){1,3}"
_OPERATION = re.compile(rf"\bOperation[ ]+{_NAME}(?:[ ]+(?:{_NAME}|of[ ]+(?:the[ ]+)?{_NAME})){{0,3}}")
# "Exercise Cyber Shield", "Exercise Talisman Sabre 2025", inside a sentence ("Exercise planners said" is none)
_EXERCISE = re.compile(rf"(?<=[a-z,;] )Exercise[ ]+{_NAME}(?:[ ]+{_NAME}){{0,3}}(?:[ ]+\d{{4}}\b)?")
_SHIP_PREFIX = r"(?:USS|USNS|USCGC|HMS|HMAS|HMCS|HMNZS|INS|JS|ROKS|RFS|FS|TCG|ITS|ESPS|HNLMS|HDMS|KRI|BRP|PNS|NRP|SPS)"
_SHIP = re.compile(
    rf"\b{_SHIP_PREFIX}[ ]+{_NAME}(?:[ ]+(?:{_NAME}|{_INITIALS}(?=[ ]+[A-Z]))){{0,3}}"
    r"(?:[ ]+\((?:T-)?[A-Z]{2,4}[- ]?\d{1,4}\))?"
)
# a merchant or research vessel: "MV Galaxy Leader", "M/T Marlin Luanda" (not "9 a.m. MT Monday": a time zone)
_MERCHANT = re.compile(
    r"\b(?:MV|M/V|MT|M/T|RV|R/V)[ ]+(?!(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b)"
    rf"{_NAME}(?:[ ]+{_NAME}){{0,3}}"
)
# a class named after a person or place, with initials or "and" ("Henry J. Kaiser-class", "Lewis and
# Clark-class"); no possessive before it ("JMSDF's Hyuga-class")
_CLASS_WORD = r"(?!(?:The|A|An|Its|Their)\b)(?:[A-Z][A-Za-z-]*[A-Za-z](?![’'])|[A-Z]\.)"
_CLASS = re.compile(
    rf"\b(?:{_CLASS_WORD}[ ]+(?:and[ ]+)?){{0,3}}[A-Z][A-Za-z]*-class"
    r"(?:\s+(?:guided-missile\s+|fast-attack\s+|ballistic-missile\s+|"
    r"attack\s+|nuclear-powered\s+|amphibious\s+)?(?:destroyer|frigate|cruiser|submarine|carrier|"
    r"aircraft carrier|corvette|ship|vessel|amphibious assault ship|littoral combat ship)s?)?"
)
_ORDINAL = r"(?:\d{1,3}(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)"
# unit words, longest first so that "Brigade Combat Team" wins over "Brigade"; "3rd Marines" is a regiment
_UNIT_WORD = (
    r"(?:Marine Expeditionary Unit|Combat Aviation Brigade|Motorized Rifle Brigade|Special Forces Group|"
    r"Brigade Combat Team|Sustainment Brigade|Air Refueling Wing|Combined Arms Army|Expeditionary Unit|"
    r"Mechanized Brigade|Infantry Regiment|Maintenance Group|Cavalry Regiment|Guards Tank Army|"
    r"Operations Group|Ranger Battalion|Assault Brigade|Marine Regiment|Airlift Wing|Fighter Wing|Expeditionary Force|"
    r"Task Force|Air Force|Battalion|Bomb Wing|Air Wing|Division|Regiment|Squadron|Battery|Brigade|"
    r"Command|Company|Marines|Corps|Fleet|Group|Army|Wing)"
)
_UNIT_MOD = (
    r"(?:(?:Airborne|Stryker|Infantry|Armored|Armoured|Mechanized|Marine|Mountain|Cavalry|Special Forces|"
    r"Special Operations|"
    r"Expeditionary|Air Assault|Ranger|Fighter|Bomb|Airlift|Air Refueling|Aviation|Artillery|Field Artillery|"
    r"Air Defense Artillery|Engineer|Signal|Military Police|Sustainment|Guards|Tank|Motorized Rifle|Air|Naval|"
    r"Carrier Air|Logistics|Medical|Combat|Strike|Reconnaissance|Rescue|Wing|Training|Separate|Territorial Defense|"
    r"Assault)\s+){0,3}"
)
_UNIT = re.compile(rf"\b{_ORDINAL}\s+{_UNIT_MOD}{_UNIT_WORD}\b")
# an ordinal coordinated with a numbered unit shares its unit word: "5th" of "the 5th and 7th Fleet", "1st" and
# "2nd" of "1st, 2nd and 3rd Battalions"
_COORDINATED_UNIT = re.compile(
    rf"\b(?P<ord>{_ORDINAL})"
    rf"(?=(?:,[ ]+{_ORDINAL})*,?[ ]+(?:and|or)[ ]+{_ORDINAL}[ ]+(?P<unit>{_UNIT_MOD}{_UNIT_WORD})s?\b)"
)
_LAST_OF_UNITS = re.compile(rf"(?:(?<=and )|(?<=or )){_ORDINAL}[ ]+{_UNIT_MOD}{_UNIT_WORD}(?=s\b)")  # "3rd Battalion|s"
# an ordinal before capitalised words that end in a unit word: "412th Test Wing", "1st Space Brigade",
# "51st Network Operations Squadron" (the modifiers of a unit's name are open-ended)
_NAMED_UNIT = re.compile(
    rf"\b{_ORDINAL}[ ]+(?:(?!(?:and|of|the)\b)[A-Z][a-z]+[ ]+){{1,3}}"
    r"(?:Squadron|Wing|Group|Brigade|Battalion|Regiment|Division|Company|Battery|Command|Detachment|Flotilla)\b"
)
# a numbered unit written with abbreviations: "36th Inf. Div.", "2nd Bn."
_UNIT_ABBREVIATIONS = {
    "Inf.": "Infantry",
    "Armd.": "Armored",
    "Abn.": "Airborne",
    "Cav.": "Cavalry",
    "Mech.": "Mechanized",
    "Div.": "Division",
    "Bde.": "Brigade",
    "Bn.": "Battalion",
    "Regt.": "Regiment",
    "Sqdn.": "Squadron",
}
_ABBREVIATED_UNIT = re.compile(rf"\b{_ORDINAL}[ ]+(?:(?:Inf|Armd|Abn|Cav|Mech)\.[ ]+)?(?:Div|Bde|Bn|Regt|Sqdn)\.")
_NUMBERED = re.compile(
    r"\b(?:Carrier Strike Group|Expeditionary Strike Group|Amphibious Ready Group|Task Force|"
    r"Joint Task Force|Combined Task Force|Destroyer Squadron|Carrier Air Wing|Strike Fighter Squadron|"
    r"Helicopter Sea Combat Squadron|Submarine Squadron|Patrol Squadron|Marine Aircraft Group|"
    r"Marine Fighter Attack Squadron|Task Group|Mission Delta|Space Delta|Space Base Delta|Space Launch Delta)"
    r"\s+(?:\(\w+\)\s+)?\d{1,4}(?:\.\d{1,2})?\b"
)
_NAMED_GROUP = re.compile(
    r"\b(?!The\b)(?:[A-Z][A-Za-z.]+[ ]){1,3}(?:Carrier Strike Group|Amphibious Ready Group|Expeditionary Strike Group)"
    r"(?![ ]+\d)"
)
_DESIGNATION = re.compile(
    r"\b(?P<prefix>[A-Z][A-Za-z]{0,3})-(?P<nato>[NCM]-)?(?P<num>\d{1,4})(?P<suffix>[A-Z]{0,2})"
    r"(?:-\d{1,2}[A-Z]?)?(?:/[A-Z])?(?![\w-])"
)
_BASE_KINDS = (
    "Air Force Base|Space Force Base|Air Reserve Base|Air National Guard Base|Air Force Station|Space Force Station|"
    "Air National Guard Station|Air Reserve Station|"
    "Army Airfield|Army Air Field|Marine Corps Air Station|Marine Corps Base|Naval Air Station|Naval Station|Naval Base"
)
# a base named before its kind: "Grand Forks Air Force Base" (the gazetteer's "Air Force" would split it)
_BASE = re.compile(rf"\b(?!(?:The|At|In|From|To|On|And|Of)\b)(?:{_NAME}[ ]+){{1,3}}(?:{_BASE_KINDS})\b")
_BASE_CAPS = re.compile(rf"\b(?:[A-Z][A-Z'’-]+[ ]+){{1,3}}(?:{_BASE_KINDS.upper()})\b")
# the short forms of a base's kind, written after its name ("Grand Forks AFB") or before it ("NAS Whidbey
# Island", "MCAS Iwakuni"); the canonical name spells the kind out. "AB" and "AAF" are left out: "AB" is also a
# Swedish company's legal form ("Saab AB"), "AAF" the Afghan Air Force as often as an Army airfield
_BASE_SHORT_AFTER = {
    "AFB": "Air Force Base",
    "ARB": "Air Reserve Base",
    "ANGB": "Air National Guard Base",
    "SFB": "Space Force Base",
}
_BASE_SHORT_BEFORE = {"NAS": "Naval Air Station", "MCAS": "Marine Corps Air Station", "MCB": "Marine Corps Base"}
# expeditionary bases, named after their kind: "Forward Operating Base Kalsu", "FOB Kalsu", "COP Keating"
_OUTPOST_SHORT = {
    "FOB": "Forward Operating Base",
    "COP": "Combat Outpost",
    "PB": "Patrol Base",
    "JSS": "Joint Security Station",
}
_BASE_SHORT_BEFORE |= _OUTPOST_SHORT
_BASE_ABBREVIATED = re.compile(
    rf"\b(?!(?:The|At|In|From|To|On|And|Of)\b)(?P<name>(?:{_NAME}[ ]+){{1,3}})(?P<kind>{'|'.join(_BASE_SHORT_AFTER)})\b"
)
# a base named after its kind: "Marine Corps Air Station Miramar", "Joint Base Lewis-McChord", "NAS Whidbey Island"
# (the gazetteer's "Marine Corps" would split the first); the name is one to three capitalised words that are
# no personnel noun, month, weekday or word of an office ("Naval Station Norfolk Sailors" is the base and its
# sailors; "NAS President Jane Doe" is the National Academy of Sciences' president, no base)
_KIND_FIRST = (
    "Marine Corps Air Station|Marine Corps Base|Marine Corps Logistics Base|Naval Air Station|Naval Station|"
    "Naval Base|Naval Support Activity|Joint Base|Contingency Operating (?:Base|Site)|Fire ?[Bb]ase|"
    + "|".join([*_OUTPOST_SHORT.values(), *_BASE_SHORT_BEFORE])
)
_PERSONNEL = (
    r"(?:Command(?:er|ing)?|Sailors?|Airmen|Airman|Marines?|Soldiers?|Guardians?|Personnel|Officials?|Leaders?|"
    r"Residents?|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|President|Director|Chair(?:man|woman)?|Members?|"
    r"Fellows?|Reports?|Study|Studies|Committee|Council|Panel|Board|Press)\b"
)
_BASE_KIND_FIRST = re.compile(
    rf"\b(?P<kind>{_KIND_FIRST})[ ]+(?P<name>(?!{_PERSONNEL}){_NAME}(?:[ ]+(?!{_PERSONNEL}){_NAME}){{0,2}})"
)
_INDEX = re.compile(r"(?<![\w-])(?P<family>2S|9P|9A|9K|9M|3M)-?(?P<num>\d{1,3})(?P<suffix>[A-Z]{0,3}\d?)(?![\w-])")
_INDEX_TYPES: dict[str, EntityType] = {
    "2S": "PLATFORM",
    "9P": "PLATFORM",
    "9A": "PLATFORM",
    "9K": "WEAPON",
    "9M": "WEAPON",
    "3M": "WEAPON",
}
PLATFORM_PREFIXES = frozenset(
    {
        "F",
        "B",
        "A",
        "C",
        "E",
        "K",
        "P",
        "R",
        "S",
        "U",
        "T",
        "V",
        "X",
        "AH",
        "CH",
        "UH",
        "HH",
        "MH",
        "SH",
        "OH",
        "EA",
        "EC",
        "EP",
        "KC",
        "HC",
        "MC",
        "AC",
        "RC",
        "WC",
        "LC",
        "MQ",
        "RQ",
        "CQ",
        "CV",
        "MV",
        "Su",
        "MiG",
        "Tu",
        "Il",
        "An",
        "Ka",
        "Mi",
        "Yak",
        "J",
        "H",
        "Y",
        "KJ",
        "Z",
        "BMP",
        "BTR",
        "BMD",
        "M",
        "CVN",
        "DDG",
        "CG",
        "FFG",
        "LHA",
        "LHD",
        "LPD",
        "LSD",
        "SSN",
        "SSBN",
        "SSGN",
        "LCS",
        "ESB",
        "T-AO",
        "EMB",
        "BM",
        "BRDM",
        "ZSU",
        "TOS",
        "BMPT",
        "Be",
        "WZ",
        "GJ",
        "ZTZ",
        "ZBD",
        "PLZ",
        "PHL",
        "LAV",
        "AAV",
    }
)
_WEAPON_PREFIXES = frozenset(
    {
        "AIM",
        "AGM",
        "RIM",
        "BGM",
        "UGM",
        "MIM",
        "FIM",
        "LGM",
        "GBU",
        "CBU",
        "RGM",
        "ADM",
        "AGR",
        "Kh",
        "DF",
        "YJ",
        "PL",
        "HQ",
        "KN",
        "SS",
        "SA",
        "AT",
        "AS",
        "RPG",
        "AK",
        "Mk",
        "MK",
        "R",
        "FAB",
        "OFAB",
        "KAB",
        "UPAB",
        "ODAB",
        "RBK",
        "HJ",
        "QW",
        "FN",
        "CJ",
        "JL",
        "SPG",
        "ZU",
        "RPO",
        "KS",
        "GMLRS",
    }
)
_NOT_DESIGNATIONS = frozenset({"COVID", "G", "I", "N", "W", "D", "L", "O", "Q"})
_NATO_PREFIXES = frozenset({"SS", "SA", "AS", "AT"})  # SS-N-27, SA-N-6, SS-C-5: naval, coastal, ... variants
_BOMB_PREFIXES = frozenset({"FAB", "OFAB", "KAB", "UPAB", "ODAB"})  # FAB-1500: the only four-digit numbers


def _designation_type(prefix: str) -> EntityType | None:
    if prefix in _NOT_DESIGNATIONS:
        return None
    if prefix in _WEAPON_PREFIXES:
        return "WEAPON"
    if prefix in PLATFORM_PREFIXES:
        return "PLATFORM"
    return None


def _clean_ship(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _unit_name(text: str) -> str:
    """A unit's name without the acronym written inside it: "Carrier Air Wing (CVW) 9" -> "Carrier Air Wing 9"."""
    return _clean_ship(re.sub(r"\s*\([A-Z][A-Za-z0-9]*\)", "", text))


def _base(match: re.Match[str], name: str) -> PatternMatch:
    return PatternMatch(match.start(), match.end(), "FACILITY", "military_base", name, outranks_gazetteer=True)


def find_patterns(text: str) -> list[PatternMatch]:
    """Every rule match in ``text``; matches may overlap (the caller keeps the longest)."""
    found: list[PatternMatch] = []
    for match in _OPERATION.finditer(text):
        found.append(
            PatternMatch(match.start(), match.end(), "OPERATION", "military_operation", _clean_ship(match.group()))
        )
    for match in _EXERCISE.finditer(text):
        found.append(PatternMatch(match.start(), match.end(), "OPERATION", "military_exercise", match.group()))
    for match in _SHIP.finditer(text):
        found.append(PatternMatch(match.start(), match.end(), "PLATFORM", "ship", _clean_ship(match.group())))
    for match in _MERCHANT.finditer(text):
        found.append(PatternMatch(match.start(), match.end(), "VEHICLE", "ship", match.group()))
    for match in _CLASS.finditer(text):
        if match.group().split("-class")[0] in {"World", "First", "Second", "High", "Middle", "Working"}:
            continue
        canonical = match.group().split("-class")[0] + "-class"
        found.append(PatternMatch(match.start(), match.end(), "PLATFORM", "ship_class", canonical))
    for regex in (_UNIT, _NAMED_UNIT, _NUMBERED, _NAMED_GROUP):
        for match in regex.finditer(text):
            found.append(PatternMatch(match.start(), match.end(), "ORG", "unit", _unit_name(match.group())))
    for match in _COORDINATED_UNIT.finditer(text):
        name = _unit_name(f"{match.group('ord')} {match.group('unit')}")
        found.append(PatternMatch(match.start(), match.end("ord"), "ORG", "unit", name))
    for match in _LAST_OF_UNITS.finditer(text):
        found.append(PatternMatch(match.start(), match.end() + 1, "ORG", "unit", _unit_name(match.group())))
    for match in _ABBREVIATED_UNIT.finditer(text):
        name = " ".join(_UNIT_ABBREVIATIONS.get(word, word) for word in match.group().split())
        found.append(PatternMatch(match.start(), match.end(), "ORG", "unit", name))
    for match in _DESIGNATION.finditer(text):
        prefix = match.group("prefix")
        if (match.group("nato") and prefix not in _NATO_PREFIXES) or (
            len(match.group("num")) == 4 and prefix not in _BOMB_PREFIXES
        ):
            continue
        type_ = _designation_type(prefix)
        if type_ is not None:
            found.append(PatternMatch(match.start(), match.end(), type_, "designation", match.group()))
    for regex in (_BASE, _BASE_CAPS):
        for match in regex.finditer(text):
            name = match.group() if regex is _BASE else string.capwords(match.group())
            found.append(_base(match, name))
    for match in _BASE_ABBREVIATED.finditer(text):
        name = f"{match.group('name')}{_BASE_SHORT_AFTER[match.group('kind')]}"
        found.append(_base(match, name))
    for match in _BASE_KIND_FIRST.finditer(text):
        kind = _BASE_SHORT_BEFORE.get(match.group("kind"), match.group("kind"))
        name = f"{kind} {match.group('name')}"
        found.append(_base(match, name))
    for match in _INDEX.finditer(text):
        found.append(
            PatternMatch(match.start(), match.end(), _INDEX_TYPES[match.group("family")], "designation", match.group())
        )
    return found
