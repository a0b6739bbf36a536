"""Context rules that correct the model's type (and extent) of a span: the evidence a reader uses.

- Head nouns: a name ending in "Brigades", "Group", "Ministry", "Corp" names an organization; one ending in
  "Mountains", "Barrage", "Province", "Airport" a place or facility, whatever the model said.
- Locative context: a one-word "person" right after "in", "at", "near" or "the town of" is a place
  ("attacks in Palmyra", "the town of Tel Tamer").
- Regimes: "the Assad regime", "Assad's regime", "the Obama administration" name a government (ORG),
  the whole phrase, not the person.
- Glosses: names inside a language gloss ("(Arabic: ...; Kurdish: ...)", "also transliterated as ...")
  are spellings of the name before them, not new mentions: they are dropped.
- Kunyas: "Abu Musab al-Zarqawi", "Abu Ghadiya" name people, whatever the model said, unless a gazetteer
  knows the name as a place ("Abu Dhabi", "Abu Ghraib").
- Named after a place: a model "place" that is a known place and more capitalised words ("Las Vegas Sands")
  is an organization, and its last word alone ("Sands") is that organization.
- Head nouns alone: "the Agency", "the Court" is the organization named in the article whose name ends in that
  word ("the Central Intelligence Agency", "the CIA"), if only one does or one is named twice as often as the rest.
- Headlines: a model span holding a capitalised preposition, pronoun or verb after its first word ("Marines Train
  With Allied Partners") is a title-case headline phrase, not a name: it is dropped; so are the phrases and the
  names run into headline words that ``transforms.entities.headlines`` finds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from schemas.entities import EntityType
from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry
from transforms.entities.headlines import headline_name_end, headline_phrase, opening_headline
from transforms.entities.majority_types import majority_types
from transforms.entities.ship_kinds import after_ship_kind

__all__ = [
    "retype",
    "regime_spans",
    "gloss_spans",
    "model_type",
    "is_facility",
    "LEGAL_FORMS",
    "ORG_HEADS",
    "PLACE_HEADS",
    "FACILITY_HEADS",
]

# a company's legal form ending its name ("Garco Construction LLC", "UC Global S.L.", "Kestrel Marine Oy")
LEGAL_FORMS = frozenset(
    "Inc Inc. Corp Corp. Co Co. Cos. Ltd Ltd. Limited PLC Plc AG SA S.A. GmbH LLC L.L.C. LLP NV N.V. BV B.V. Oy Oyj "
    "AB ASA A/S S.L. SL S.r.l. SRL S.p.A. SpA SAS S.A.S. SARL K.K. Pty Bhd KG".split()
)
ORG_HEADS = LEGAL_FORMS | frozenset(
    "Group Brigade Brigades Battalion Battalions Regiment Division Corps Army Navy Front Movement Party Council "
    "Committee Commission Ministry Agency Authority Office Department Bureau Directorate Forces Force Guard Guards "
    "Militia Organization Organisation Association Federation Union League Alliance Coalition Institute Foundation "
    "University College Bank Company Companies Corporation Corp Corp. Inc Inc. Ltd Ltd. Plc PLC Bros Bros. Co Co. "
    "AG SA GmbH Airlines Airways Industries Holdings Systems Technologies Aerospace Dynamics Group's Tribe Clan "
    "Parliament Assembly Senate Congress Court Tribunal Police Service Services Agency's Network News Times Post "
    "Press Radio Television TV Squadron Squadrons Wing Fleet Command Cell Team Detachment Flotilla Academy "
    "School Laboratory Laboratories Lab Labs Program Programme Project Teams Construction Library".split()
)
PLACE_HEADS = frozenset(
    "Mountains Mountain Mount Hills Hill Valley River Lake Sea Gulf Bay Strait Straits Island Islands Peninsula "
    "Desert Plain Plains Basin Coast Province Governorate District Region County Oblast Sound Canal Heights "
    "Ridge Plateau Delta Oasis Atoll Reef Cape Archipelago Lagoon Canyon Glacier Volcano Rivers Lakes Channel".split()
)
# words that continue a place's name rather than start another name after it ("Kansas City", "Old Town")
_PLACE_WORDS = frozenset(
    "City Town Village Township Metro Metropolitan Area Strip Old New Upper Lower Municipality Prefecture Parish "
    "Borough Canton Commune Territory Emirate Suburbs Outskirts Countryside".split()
)
# words that open a place's name in Arabic, Persian and Turkish usage (valley, mountain, mound, cape, well,
# spring, monastery, fort): "Wadi Barada", "Jabal Akhdar", "Ras Tanura" are places whatever the first word is
_PLACE_PREFIXES = frozenset("Wadi Jabal Jebel Jbel Tell Tel Ras Bir Ain Ein Deir Dayr Qasr Kuh Dasht Kafr Beit".split())
# places that are not political units: a CoNLL-style LOC with one of these is LOC, any other is GPE
_ADMIN_HEADS = frozenset({"Province", "Governorate", "District", "Region", "County", "Oblast"})
_NATURAL_HEADS = (PLACE_HEADS - _ADMIN_HEADS) | {"Hemisphere", "Highlands", "Lowlands"}
# a part of a place named by its direction ("Northern Virginia", "Upper Midwest") or a direction's region
_AREA_FIRST = frozenset(
    "Northern Southern Eastern Western Central Upper Lower Northeastern Northwestern Southeastern Southwestern "
    "Inner Outer Greater".split()
)
_AREA_WORDS = frozenset("Northeast Northwest Southeast Southwest Midwest Arctic Antarctic".split())
# a facility whose name goes on after its kind: "Naval Submarine Base Kings Bay", "Naval Air Station Key West"
_FACILITY_INSIDE = re.compile(r"\b(?:Base|(?:Air|Naval|Navy|Coast[ \t]+Guard)[ \t]+Station)[ \t]+[A-Z]")
_JOINED_NAME = re.compile(r"-[A-Z][\w'’]+")  # two bases joined: "Joint Base Lewis-McChord", "Pearl Harbor-Hickam"
_NAME_GOES_ON = re.compile(r"[ \t]+(?:Bay|Harbor|Harbour|Point|Island|Creek|Field|Springs|Beach|Valley|Lake)\b")
# a CoNLL-style MISC ending in one of these names an event; other MISC spans (products, languages) are dropped
_UNIT_NUMBER = re.compile(
    r"\d{1,3}|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|Sixteen|"
    r"Seventeen|Eighteen|Nineteen|Twenty"
)
_EVENT_HEADS = frozenset(
    "War Wars Summit Games Olympics Olympiad Cup Conference Championship Championships Festival Election Elections "
    "Crisis Revolution Uprising Intifada Spring Day Forum Talks Dialogue Expo Show Parade Thanksgiving Christmas "
    "Ramadan Eid Hajj Offensive Massacre Siege Genocide Holocaust Treaty Accord Accords Agreement Convention".split()
)


def model_type(label: str, surface: str) -> EntityType | None:
    """The type of a span a CoNLL-style model labelled LOC or MISC that no gazetteer knows."""
    words = surface.split()
    if label == "LOC":
        if any(w in _NATURAL_HEADS for w in words):
            return "LOC"
        if words[-1] in _ADMIN_HEADS:
            return "GPE"
        areal = (len(words) > 1 and words[0] in _AREA_FIRST) or (len(words) == 1 and words[0] in _AREA_WORDS)
        return "LOC" if areal else "GPE"
    if label == "MISC" and words and words[-1] in _EVENT_HEADS:
        return "EVENT"
    if label == "MISC" and len(words) > 1 and words[-1] in FACILITY_HEADS:
        return "FACILITY"  # "Mosul Dam": the model's MISC, a named structure
    return None


FACILITY_HEADS = frozenset(
    "Barrage Dam Airport Airbase Air Base Bridge Camp Prison Hospital Mosque Church Cathedral Palace Square "
    "Stadium Port Harbour Harbor Refinery Museum Tower Station Street Road Highway Embassy Consulate Base "
    "Barracks Pipeline Plant Field Tunnel Building Site Depot Shipyard Terminal Complex Facility Facilities "
    "Theater Theatre Arena Auditorium Drive Avenue Boulevard Hotel Casino Resort".split()
)
_LOCATIVE = re.compile(
    r"(?:\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|[Aa]round|[Ii]nto|[Tt]owards?|[Aa]cross)|\b(?:town|city|village|province|district|region|governorate|site|suburb|"
    r"outskirts|area|port|capital)[ \t]+of)[ \t]+$"
)
# words after which a one-word "person" is a place only when a gazetteer or city list knows it ("over Sidon")
_WEAK_LOCATIVE = re.compile(r"\b(?:[Oo]ver|[Aa]bove|[Ff]rom|[Bb]eyond|[Ss]outh|[Nn]orth|[Ee]ast|[Ww]est)[ \t]+$")
# a name described as a place right after it: "Amarah, a city in ...", "Hibhib (...) is a village in ..."
_PLACE_DESCRIBED = re.compile(
    r"(?:[ \t]*\([^()\n]{0,80}\))?,?[ \t]+(?:is[ \t]+|was[ \t]+)?(?:a|the)[ \t]+(?:[a-z-]+[ \t]+){0,2}"
    r"(?:city|town|village|district|province|governorate|region|port|capital|suburb|neighbou?rhood)"
    r"[ \t]+(?:in|of|near|on)\b"
)
_REGIME = re.compile(r"(?:['’]s?)?[ \t]+(?:[a-z]+[ \t]+)?(?:regime|dictatorship|administration|government|junta)\b")
_REGIME_OF = re.compile(r"\b(?:regime|dictatorship|administration|junta)[ \t]+of[ \t]+$")
_GLOSS = re.compile(
    r"\((?:[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?:|also[ \t]+(?:transliterated|spelled|spelt|known)[ \t]+as)"
    r"[^()]*\)"
)
_ALSO = re.compile(r"\balso[ \t]+(?:transliterated|spelled|spelt|romanized|romanised)[ \t]+as[ \t]+$")
_KUNYA = re.compile(r"^(?:Abu|Abou|Umm|Um)[ \t]+[A-Z]")
_NAME_CHARS = re.compile(r"[A-Za-z]")
# a capitalised pronoun, verb or preposition after a name's first word: a headline in title case ("Troops Dine
# With ...", "Rift Among Climate Scientists"), not a name ("of", "for", "and", "the", "without" stay out)
_HEADLINE_WORD = re.compile(
    r" (?:With|Among|Amid|Into|Onto|Over|After|Before|About|Against|Our|Your|Their|Its|His|Her|We|They|You|Is|Are|"
    r"Was|Were|Will|Be|Has|Have|Had|As|At|By|From|To|Up|Out|Off|This|That|These|Those)(?= )"
)


def gloss_spans(text: str) -> list[tuple[int, int]]:
    """Language glosses and "also transliterated as" parentheses: "(Arabic: ...)", "(Kurdish: ...; ...)"."""
    return [m.span() for m in _GLOSS.finditer(text)]


def regime_spans(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of "<name> regime" ("Assad regime", "Assad's brutal regime") or "regime of <name>"."""
    after = _REGIME.match(text, end)
    if after is not None:
        return start, after.end()
    before = _REGIME_OF.search(text, max(0, start - 40), start)
    if before is not None:
        return before.start(), end
    return None


def is_facility(surface: str) -> bool:
    """Whether a name is a facility's by its words: "Edwards Air Force Base", "Naval Air Station Key West"."""
    words = surface.split()
    return (len(words) > 1 and words[-1] in FACILITY_HEADS) or _FACILITY_INSIDE.search(surface) is not None


_WEAPON_HEADS = frozenset(
    {"Missile", "Missiles", "Rocket", "Rockets", "Torpedo", "Torpedoes", "Interceptor", "Interceptors"}
)
_WEAPON_PAIRS = frozenset({("Weapon", "System"), ("Weapon", "Systems"), ("Missile", "System"), ("Missile", "Systems")})
# equipment the model reads as an organization: "Integrated Battle Command System", "Improved Target Acquisition
# System", "High Mobility Multipurpose Wheeled Vehicle" ("Department of Motor Vehicles" holds "of": no system)
_SYSTEM_KINDS = frozenset(
    {"Command", "Control", "Acquisition", "Radar", "Sensor", "Launch", "Aircraft", "Combat", "Targeting", "Resupply"}
)
_VEHICLES = frozenset({"Vehicle", "Vehicles"})


def _head_type(surface: str) -> EntityType | None:
    words = surface.split()
    if len(words) > 2 and _UNIT_NUMBER.fullmatch(words[-1]):
        words = words[:-1]  # "Destroyer Squadron Nine", "Submarine Group 7": the head is before the number
    if len(words) < 2:
        return None
    head = words[-1]
    if head in _WEAPON_HEADS or (words[-2], head) in _WEAPON_PAIRS:
        return "WEAPON"  # "TOW Weapon System", "Precision Strike Missiles": not an organization
    if "of" not in words and (head in _VEHICLES or (head in ("System", "Systems") and words[-2] in _SYSTEM_KINDS)):
        return "PLATFORM"
    if head in ORG_HEADS or ("of" in words[1:-1] and words[words.index("of") - 1] in ORG_HEADS):  # "School of Law"
        return "ORG"
    if head in PLACE_HEADS:
        return "LOC"
    if head in FACILITY_HEADS:
        return "FACILITY"
    return None


def retype(
    text: str,
    cands: list[Candidate],
    lookup: Callable[[str], Entry | None],
    titled: Callable[[str, int], bool] = lambda text, start: False,
) -> list[Candidate]:
    """Model candidates with their type corrected by context; glossed spellings left out. ``titled`` tells
    whether a rank or office ends right before a position ("Lt. Gen. |James Post")."""
    glosses = gloss_spans(text)
    headline = opening_headline(text)
    surnames = {  # one-word model people: "Hill" of "Hill said"
        text[c.start : c.end] for c in cands if c.model_only and c.type == "PERSON" and " " not in text[c.start : c.end]
    }
    out: list[Candidate] = []
    for cand in cands:
        if not cand.model_only:
            out.append(cand)
            continue
        surface = text[cand.start : cand.end]
        if (
            any(s < cand.start and cand.end <= e for s, e in glosses)
            or _ALSO.search(text, max(0, cand.start - 60), cand.start)
            or not _NAME_CHARS.search(surface)
            or (surface == surface.lower() and re.search(r"[a-z]", surface))  # '"is': a name has a capital
            or _HEADLINE_WORD.search(surface)
            or headline_phrase(text, headline, cand.start, cand.end)
        ):
            continue
        name_end = headline_name_end(text, headline, cand.start, cand.end)
        if name_end is not None:  # "Panetta Discuss Diplomatic": the name "Panetta"
            cand = replace(cand, end=name_end)
            surface = text[cand.start : cand.end]
        if cand.type in ("PERSON", "ORG", "GPE", "LOC") and _FACILITY_INSIDE.search(surface):
            goes_on = _NAME_GOES_ON.match(text, cand.end) or _JOINED_NAME.match(text, cand.end)
            end = goes_on.end() if goes_on is not None else cand.end
            out.append(replace(cand, end=end, type="FACILITY"))
            continue
        head = _head_type(surface)
        if head is not None and cand.type == "PERSON" and _surname_head(text, cand, surnames, titled):
            head = None  # "Fiona Hill", "Sen. Frank Church": a person whose surname is a head noun
        if head is not None and head != cand.type and cand.type in ("PERSON", "ORG", "GPE", "LOC", "NORP", "FACILITY"):
            cand = replace(cand, type=head)
        elif cand.type == "PERSON":
            cand = _person(text, cand, lookup)
        elif cand.type in ("ORG", "GPE", "LOC") and after_ship_kind(text, cand.start, cand.end, bare_carrier=False):
            cand = replace(cand, type="PLATFORM")  # "the French frigate Languedoc"
        elif _KUNYA.match(surface) and cand.type in ("ORG", "NORP", "GPE", "LOC") and lookup(surface) is None:
            cand = replace(cand, type="PERSON")
        elif cand.type == "GPE" and _named_after_place(surface, lookup):
            cand = replace(cand, type="ORG")
        out.append(cand)
    return _one_sense(text, out, lookup)


_THE = re.compile(r"\b[Tt]he $")
_MODIFIER = re.compile(r"['’]s [a-z]| [a-z]{3,}")  # "Agency's efforts", "Agency operations"


def _dominant(named: dict[str, Candidate], counts: Counter[str]) -> Candidate | None:
    """The one organization of ``named``, or the one the article names at least twice as often as any other."""
    ranked = sorted(named, key=lambda k: -counts[k])
    if len(ranked) == 1 or (len(ranked) > 1 and counts[ranked[0]] >= 2 * max(counts[ranked[1]], 1)):
        return named[ranked[0]]
    return None


def _named_after_place(surface: str, lookup: Callable[[str], Entry | None]) -> bool:
    """A model "place" that is a known place followed by more capitalised words that no place list knows and
    that are no place word: a body named after the place ("Las Vegas Sands", "Manchester United")."""
    words = surface.split()
    if len(words) < 2 or words[0] in _PLACE_PREFIXES or lookup(surface) is not None:
        return False
    for cut in range(len(words) - 1, 0, -1):
        rest = words[cut:]
        if not all(re.fullmatch(r"[A-Z][a-z]+", w) and w not in PLACE_HEADS and w not in _PLACE_WORDS for w in rest):
            return False
        entry = lookup(" ".join(words[:cut]))
        if entry is not None and entry.type == "GPE":
            return True
    return False


def _one_sense(text: str, cands: list[Candidate], lookup: Callable[[str], Entry | None]) -> list[Candidate]:
    """``cands``, a one-word model "person" spelled like a place found elsewhere in the article made that place,
    a model "place" of two or three words, no known place's name, whose last word is a one-word person there
    made a person, and a one-word model "person" or "place" that is the last word of an organization named after a place
    ("Sands" after "Las Vegas Sands") and of no person's name made that organization."""
    places: dict[str, Candidate] = {}
    surnames: set[str] = set()
    lone_persons: set[str] = set()  # one-word model persons: "Geremek"
    bodies: dict[str, str] = {}
    heads: dict[str, dict[str, Candidate]] = {}  # "Agency" -> the organizations named in full that end in it
    counts: Counter[str] = Counter()
    for cand in cands:
        surface = text[cand.start : cand.end]
        if cand.type in ("GPE", "LOC") and cand.rank != "weak":
            places.setdefault(surface, cand)
        elif cand.type == "PERSON" and len(surface.split()) > 1:
            surnames.add(surface.split()[-1])
        elif cand.type == "PERSON" and cand.method == "model":
            lone_persons.add(surface)
        elif cand.type == "ORG" and cand.entry is None and _named_after_place(surface, lookup):
            bodies.setdefault(surface.split()[-1], surface)
        name = (cand.entry.name if cand.entry is not None else cand.canonical or surface).split()
        if cand.type == "ORG" and len(name) > 1 and name[-1] in ORG_HEADS:  # "CIA": Central Intelligence Agency
            key = cand.entry.entity_id if cand.entry is not None else " ".join(name)
            heads.setdefault(name[-1], {}).setdefault(key, cand)
            counts[key] += 1
    out: list[Candidate] = []
    for cand in cands:
        surface = text[cand.start : cand.end]
        words = surface.split()
        if (
            cand.method == "model"
            and cand.type == "PERSON"
            and surface in places
            and surface not in surnames
            and surface not in bodies  # "Sands", typed a place elsewhere too, of "Las Vegas Sands"
        ):
            cand = replace(cand, type=places[surface].type, entry=places[surface].entry)
        elif (
            cand.method == "model"
            and cand.entry is None
            and cand.type in ("GPE", "LOC")
            and 2 <= len(words) <= 3
            and words[-1] in lone_persons
            and _head_type(surface) is None
            and lookup(surface) is None
            and not _named_after_place(surface, lookup)
        ):  # "Bronislaw Geremek" typed a place where "Geremek" alone is a person: a person
            cand = replace(cand, type="PERSON")
        elif (
            cand.method == "model"
            and cand.entry is None
            and cand.type in ("PERSON", "GPE")
            and surface in bodies
            and surface not in surnames
            and lookup(surface) is None
        ):
            cand = replace(cand, type="ORG", canonical=bodies[surface])
        elif (
            cand.method == "model"
            and cand.entry is None
            and (named := _dominant(heads.get(surface, {}), counts)) is not None
            and (_THE.search(text, max(0, cand.start - 4), cand.start) or _MODIFIER.match(text, cand.end))
        ):  # "the Agency", "Agency operations" in an article about the Central Intelligence Agency
            canonical = None if named.entry is not None else named.canonical or text[named.start : named.end]
            cand = replace(cand, type="ORG", entry=named.entry, canonical=canonical)
        out.append(cand)
    return majority_types(text, out)


_STREETS = frozenset({"Street", "Road", "Avenue", "Drive", "Boulevard", "Highway", "Lane"})


def _surname_head(text: str, cand: Candidate, surnames: set[str], titled: Callable[[str, int], bool]) -> bool:
    """Whether a model person of two or three words that ends in a head noun ("Fiona Hill", "James Post") is a
    person: a rank or office is written right before it, or the article calls someone by its last word alone
    and no locative word comes before it ("at Quarry Hill" stays a place)."""
    words = text[cand.start : cand.end].split()
    if not 2 <= len(words) <= 3:
        return False
    if titled(text, cand.start):
        return True
    return (
        words[-1] in surnames
        and words[-1] not in _STREETS  # "'Drive' instead of 'Street'": a word, no one's surname
        and _LOCATIVE.search(text, max(0, cand.start - 40), cand.start) is None
    )


def _person(text: str, cand: Candidate, lookup: Callable[[str], Entry | None]) -> Candidate:
    """A model "person": a ship after its kind, a place after a locative word, or a regime; else ``cand``."""
    if after_ship_kind(text, cand.start, cand.end):  # "the carrier Dwight D. Eisenhower": a ship named after a person
        return replace(cand, type="PLATFORM")
    surface = text[cand.start : cand.end]
    regime = regime_spans(text, cand.start, cand.end)
    if regime is not None:
        return replace(cand, start=regime[0], end=regime[1], type="ORG")
    short = len(surface.split()) <= 2 and not re.search(r"\b[A-Z]\.", surface)
    window = max(0, cand.start - 40)
    known = short and _WEAK_LOCATIVE.search(text, window, cand.start) is not None and lookup(surface) is not None
    described = short and _PLACE_DESCRIBED.match(text, cand.end) is not None  # "Amarah, a city in Southern Iraq"
    if short and (known or described or _LOCATIVE.search(text, window, cand.start)):
        after = text[cand.end : cand.end + 3]
        if not after.startswith(("'s", "’s")):
            entry = lookup(surface)
            place: EntityType = entry.type if entry is not None and entry.type in ("GPE", "LOC", "FACILITY") else "GPE"
            return replace(cand, type=place, entry=entry if entry is not None and entry.type == place else None)
    return cand
