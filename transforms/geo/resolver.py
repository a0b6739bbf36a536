"""Place names resolved to GeoNames places by the context of their article.

``resolve_places(text, spans, countries=...)`` gives one ``Resolution`` (or ``None``) per span. A name's
candidates are every place of the gazetteer bearing it (``transforms.geo.geoindex``); each is scored by:

- its size (log population; countries and curated areas rank above towns of the same name), and whether
  only an alternate name matched;
- the feature type the text implies ("the port of", "province", "air base": ``transforms.geo.textcues``)
  and a qualifier after a comma or "in" ("Alexandria, La.", "Tripoli, Lebanon", "Ontario in Canada"),
  which is nearly decisive (``transforms.geo.qualifiers``);
- the article's countries: those of its NORP mentions (passed in) and of the other names' current
  choices (a name counts once however often it is repeated), as a share of all that evidence;
- the first-level regions (U.S. states, provinces) named in the article or holding its other places;
- the distance to the other places' first choices (a place near the others);
- the regions the article's other names may lie in, and the other names of a list of places it is in
  (``transforms.geo.coherence``); a national capital ranks above the region of its name ("Washington");
- the dateline: the first place of the text counts twice as context.

The mentions of one name share one place (one sense per article). A first pass picks by size and text
cues; two more re-score with the context those picks give, a name's own choice left out of its
context. At most ``_MAX_CANDIDATES`` places of a name are scored. A name nobody knows stays unresolved,
and so does a small place far from everything else in an article whose context points elsewhere, or a
town whose qualifier names a region none of its namesakes lies in ("Stroud, Ontario" where only England's
Stroud is known): nothing is guessed far away. U.S. counties, which the
reference data lists without coordinates, are placed among the article's other places in their state
(``transforms.geo.counties``), and so is a bare name that a county of the article's own state bears
when no place of that name lies in the state ("DeKalb" in a Georgia story).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from transforms.geo.coherence import Shares, list_members, peer_score, region_shares, support_score
from transforms.geo.counties import County, county_states, place_county
from transforms.geo.geoindex import GeoIndex, geo_index, name_key
from transforms.geo.geopoint import Resolution, haversine_km
from transforms.geo.qualifiers import outside_qualifier, qualifier_region
from transforms.geo.textcues import Cue, cue_at, demonym_stems, name_parts, strip_feature_word, whole_name

__all__ = ["Resolution", "resolve_places", "haversine_km"]

_PRIOR = {
    "A.PCLI": 4.0,
    "A.ADM1": 1.0,
    "P.PPL": 0.0,
    "P.PPLC": 2.5,  # a national capital: what "Washington" alone means
    "A.ADM2": -1.0,  # a county or district: a bare name is more often its town's
}
_CURATED = 4.5  # areas and facilities of the project's TOML files: named because they matter
_THE_AREA = 8.0  # a curated sea, region or landform written after "the" (cue ``after_the``)
_ALT_PENALTY = 1.5  # a place that bears the name only as an alternate name
_W_COUNTRY = 4.0  # times the share of the article's other evidence in the candidate's country
_W_COUNTRY_ANY = 1.0  # once when the article has any evidence in the candidate's country
_W_ADMIN1, _MAX_ADMIN1 = 1.5, 3.0  # per other place in the candidate's first-level region, at most
_W_COUNTY = 3.0  # times the share of the article's U.S. counties that the candidate's state has
_MIN_STATE = 2  # the article's own state: named or holding its places this often, and half its U.S. evidence
_NEAR = ((50.0, 2.5), (200.0, 1.5), (500.0, 0.5))  # (km, bonus): the nearest other place within km
_MAX_CANDIDATES = 60  # the most populous places of a name that are scored ("San Juan" has 120)


@dataclass(slots=True)
class _Mention:
    """One distinct name of the article (its mentions share one place: one sense per article)."""

    name: str
    cue: Cue
    candidates: list[tuple[int, bool]]
    count: int = 1
    pick: int | None = None
    score: float = 0.0
    margin: float = 0.0
    method: str = "population"
    listed: list[_Mention] = field(default_factory=list)  # the other names of its lists ("X, Y and Z")


@dataclass(slots=True)
class _Context:
    countries: Counter[str]
    admin1: Counter[tuple[str, str]]
    anchors: list[tuple[int, float, float]]  # (mention number, lat, lon) of small places picked
    own: dict[int, tuple[str | None, str | None, int]]  # what each name added: country, admin1, weight
    county_states: Counter[str] | None = None  # per state, the share of the article's counties it has
    support: Shares | None = None  # per name, its share of each region it may lie in (transforms.geo.coherence)

    def others_in(self, number: int, country: str | None) -> int:
        """The evidence for ``country`` from the article's names other than name ``number``."""
        own_country, _, weight = self.own.get(number, (None, None, 0))
        return self.countries[country or ""] - (weight if own_country == country else 0)


def _prior(index: GeoIndex, place: int, alt: bool) -> float:
    feature = index.feature(place)
    score = math.log10(index.population[place] + 1)
    if index.geonames_id[place] < 0:  # curated area or facility
        score = max(score, _CURATED)
    score += _PRIOR.get(feature, 0.0)
    return score - (_ALT_PENALTY if alt else 0.0)


def _cue_score(index: GeoIndex, place: int, cue: Cue, qualifier: tuple[str | None, str | None] | None) -> float:
    score = 0.0
    feature = index.feature(place)
    if cue.feature is not None:
        score += 3.0 if feature.startswith(cue.feature) else -1.0
    elif cue.after_the and index.geonames_id[place] < 0 and feature.startswith(("H", "L", "T")):
        score += _THE_AREA  # "the Pacific": the ocean, not Pacific, Missouri
    if cue.us_state is not None:
        score += 8.0 if (index.country(place), index.admin1(place)) == ("USA", cue.us_state) else -8.0
    elif qualifier is not None:
        country, admin1 = qualifier
        if admin1 is not None and index.admin1(place) == admin1 and index.country(place) == country:
            score += 8.0
        elif country is not None and index.country(place) == country:
            score += 5.0
        elif country is not None:
            score -= 4.0
    return score


def _context_score(index: GeoIndex, number: int, place: int, ctx: _Context, region_name: bool = False) -> float:
    score = 0.0
    country, admin1 = index.country(place), index.admin1(place)
    own_country, own_admin1, weight = ctx.own.get(number, (None, None, 0))
    total = sum(ctx.countries.values()) - weight
    if country is not None and total > 0:
        count = ctx.others_in(number, country)
        score += _W_COUNTRY * count / total + (_W_COUNTRY_ANY if count > 0 else 0.0)
    if country is not None and admin1 is not None:
        count = ctx.admin1[(country, admin1)] - (weight if (own_country, own_admin1) == (country, admin1) else 0)
        score += min(_MAX_ADMIN1, _W_ADMIN1 * count)
        if country == "USA" and ctx.county_states:
            score += _W_COUNTY * ctx.county_states[admin1]
    if ctx.support and country is not None and admin1 is not None and not region_name:  # not "Mexico"
        score += support_score(ctx.support, number, (country, admin1))
    lat, lon = index.lat[place], index.lon[place]
    near = [haversine_km(lat, lon, a_lat, a_lon) for n, a_lat, a_lon in ctx.anchors if n != number]
    if near:
        closest = min(near)
        score += next((bonus for km, bonus in _NEAR if closest < km), 0.0)
    return score


def _derivable(index: GeoIndex, place: int) -> bool:
    """A place whose people or adjective a name may be: a country, region or area, or a town of 10,000."""
    return not index.feature(place).startswith("P") or index.population[place] >= 10_000


def _substantial(index: GeoIndex, place: int, off_centre: bool) -> bool:
    """A place a longer name may stand in: a country, region or area, or a town of 1,000 people; for a part
    of it off its centre ("Northeast Georgia"), a first- or second-level region or a town only."""
    feature = index.feature(place)
    if off_centre and feature not in ("A.ADM1", "A.ADM2") and not feature.startswith("P"):
        return False
    return not feature.startswith("P") or index.population[place] >= 1_000


def _is_region_name(index: GeoIndex, m: _Mention) -> bool:
    """The name is itself a country's or a first-level region's: a place after it and a comma is the next
    item of a list ("Texas, Oklahoma and Kansas"), not its qualifier. A region no larger than a town of the
    name is the town's namesake ("Tripoli" district): the name is the town's."""
    towns = max((index.population[p] for p, _ in m.candidates if index.feature(p).startswith("P")), default=-1)
    return any(
        not alt and index.feature(p) in ("A.PCLI", "A.ADM1") and index.population[p] > towns for p, alt in m.candidates
    )


def _country_named(
    index: GeoIndex, number: int, place: int, ctx: _Context | None, qualifier: tuple[str | None, str | None] | None
) -> bool:
    """The article speaks of the place's country other than by this name: a qualifier names it, or another
    of its places lies in it. A former region ("Western Province" of Kenya) is only read so; a story that
    names no place of Kenya means another country's region of that name, or one the gazetteer lacks."""
    country = index.country(place)
    named = qualifier is not None and qualifier[0] == country
    return named or (ctx is not None and country is not None and ctx.others_in(number, country) > 0)


def _pick(index: GeoIndex, number: int, m: _Mention, ctx: _Context | None) -> None:
    region = _is_region_name(index, m)
    qualifier = None if region and not m.cue.lies_in else qualifier_region(index, m.cue)
    acronym = m.name.isupper() and len(m.name.replace(".", "")) <= 4  # "EU", "U.S.": not the town "Eu"
    scored = []
    for place, alt in m.candidates:
        if index.feature(place) == "A.ADM1H" and not _country_named(index, number, place, ctx, qualifier):
            continue
        score = _prior(index, place, alt) + _cue_score(index, place, m.cue, qualifier)
        if acronym and index.feature(place).startswith("P"):
            score -= 3.0
        if ctx is not None:
            score += _context_score(index, number, place, ctx, region) + peer_score(
                index, place, (n.pick for n in m.listed)
            )
            if index.geonames_id[place] < 0 and index.country(place) is None:  # a sea, a continent: no country
                score += _W_COUNTRY_ANY + _W_COUNTRY / 2  # to weigh against, but an even share of one
        scored.append((score, index.population[place], place))
    if not scored:
        m.pick, m.score, m.margin = None, 0.0, 0.0
        return
    scored.sort(reverse=True)
    m.score, _, m.pick = scored[0]
    m.margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 10.0
    if len(scored) == 1:
        m.method = "only"
    elif m.cue.us_state is not None or qualifier is not None:
        m.method = "qualifier"
    elif ctx is not None and any(c for c in ctx.countries.values()):
        m.method = "context"


def _context(
    index: GeoIndex, mentions: list[_Mention], countries: Sequence[str], counties: Sequence[County] = ()
) -> _Context:
    states: Counter[str] = Counter()
    for _, holders in counties:
        states.update(holders)
    shares = Counter({s: n / len(counties) for s, n in states.items()}) if counties else None
    ctx = _Context(Counter(countries) + Counter({"USA": len(counties)}), Counter(), [], {}, shares)
    for number, m in enumerate(mentions):
        if m.pick is None:
            continue
        weight = 1 + (
            1 if number == 0 else 0
        )  # each name once (a repeated name is one piece of evidence); the first twice
        country, admin1, feature = index.country(m.pick), index.admin1(m.pick), index.feature(m.pick)
        ctx.own[number] = (country, admin1, weight)
        if country is not None:
            ctx.countries[country] += weight
        if country is not None and admin1 is not None:
            ctx.admin1[(country, admin1)] += weight
        if feature.startswith(("P", "S")) or feature == "A.ADM1":
            ctx.anchors.append((number, index.lat[m.pick], index.lon[m.pick]))
    return ctx


def _far_guess(index: GeoIndex, number: int, m: _Mention, ctx: _Context) -> bool:
    """A small place outside the article's countries and far from all its other places: not a guess to keep."""
    assert m.pick is not None
    if len(m.candidates) == 1 or m.method == "qualifier" or not ctx.countries:
        return False
    if index.population[m.pick] >= 5000 or index.geonames_id[m.pick] < 0:
        return False
    if ctx.others_in(number, index.country(m.pick)) > 0:
        return False
    lat, lon = index.lat[m.pick], index.lon[m.pick]
    return all(haversine_km(lat, lon, a, b) > 1000 for n, a, b in ctx.anchors if n != number)


def _merge(a: Cue, b: Cue) -> Cue:
    """The cues of two mentions of one name: what either says."""
    qualifier, lies_in = (a.qualifier, a.lies_in) if a.qualifier else (b.qualifier, b.lies_in)
    return Cue(a.feature or b.feature, a.us_state or b.us_state, qualifier, a.after_the or b.after_the, lies_in)


def _county(index: GeoIndex, county: County, found: list[_Mention], others: Sequence[County]) -> Resolution | None:
    """A U.S. county placed among the article's other places and counties (``transforms.geo.counties``)."""
    states: Counter[str] = Counter()
    for _, holders in others:  # the states that have the article's other counties too
        states.update({s: 0.5 for s in holders})
    points = []
    for m in found:
        if m.pick is None or index.country(m.pick) != "USA" or index.admin1(m.pick) is None:
            continue
        state = index.admin1(m.pick) or ""
        states[state] += m.count
        if index.feature(m.pick).startswith(("P", "S")):
            points.append((state, index.lat[m.pick], index.lon[m.pick]))
    placed = place_county(index, county, states, points)
    if placed is None:
        return None
    state, lat, lon, confidence = placed
    name = f"{county[0]} County"
    return Resolution(None, name, round(lat, 5), round(lon, 5), "A", "ADM2", "USA", state, "context", confidence)


def _county_of_state(index: GeoIndex, m: _Mention, ctx: _Context) -> County | None:
    """A bare name that a county of the article's own state bears, where no place of the name lies in that
    state and the one picked is a small town elsewhere ("DeKalb" in a Georgia story: DeKalb County)."""
    assert m.pick is not None
    if m.method == "qualifier" or not index.feature(m.pick).startswith("P") or index.population[m.pick] >= 100_000:
        return None
    states = Counter({a: n for (c, a), n in ctx.admin1.items() if c == "USA"})
    if not states:
        return None
    (state, count), *_ = states.most_common(1)
    if count < _MIN_STATE or count < sum(states.values()) / 2:
        return None
    if any(index.country(p) == "USA" and index.admin1(p) == state for p, _ in m.candidates):
        return None
    county = county_states(f"{m.name} County")
    return (county[0], (state,)) if county is not None and state in county[1] else None


def resolve_places(
    text: str, spans: Sequence[tuple[int, int]], *, countries: Sequence[str] = (), index: GeoIndex | None = None
) -> list[Resolution | None]:
    """One resolution per ``(start, end)`` span of ``text`` (or ``None``); ``countries``: the ISO3 codes of
    the article's other evidence (its nationalities), counted as context."""
    index = index if index is not None else geo_index()
    mentions: list[_Mention | None] = []
    groups: dict[str, _Mention] = {}
    counties: dict[int, County] = {}
    for start, end in spans:
        surface = text[start:end].strip()
        if ", " in surface and not index.lookup(surface):  # "Louisville, Ky." as one mention: the town, qualified
            end = start + text[start:end].index(", ")
            surface = text[start:end].strip()
        if surface.endswith(("'s", "’s")):
            surface = surface[:-2]
        surface = whole_name(index, text, start, end, surface)
        county = county_states(surface)
        cue = cue_at(text, start, end)
        candidates = index.lookup(surface) if county is None else []
        if not candidates and county is None:
            name, implied = strip_feature_word(surface)
            if implied is not None and cue.feature is None:
                cue = replace(cue, feature=implied)
            candidates = index.lookup(name) if name != surface else []
            county = county_states(f"{surface} County") if not candidates else None  # "Gwinnett"
        for stem in demonym_stems(surface) if not candidates and county is None else ():  # "Ohioans"
            candidates = [c for c in index.lookup(stem) if _derivable(index, c[0])]
            if candidates:
                break
        for part, off_centre in name_parts(surface) if not candidates and county is None else ():  # "Metro Nashville"
            county = county_states(part)
            found_part = [] if county else index.lookup(part)
            candidates = [c for c in found_part if not c[1] and _substantial(index, c[0], off_centre)]
            if county or candidates:
                break
        if county is not None:
            counties[len(mentions)] = county
            mentions.append(None)
            continue
        if not candidates:
            mentions.append(None)
            continue
        if len(candidates) > _MAX_CANDIDATES:
            candidates = sorted(candidates, key=lambda c: -index.population[c[0]])[:_MAX_CANDIDATES]
        key = name_key(surface)
        known = groups.get(key)
        if known is None:
            known = groups[key] = _Mention(surface, cue, candidates)
        else:
            known.count += 1
            known.cue = _merge(known.cue, cue)
        mentions.append(known)
    found = list(groups.values())
    for members in list_members(text, spans):
        in_list = list({id(m): m for i in members if (m := mentions[i]) is not None}.values())
        for m in in_list:
            seen = {id(other) for other in m.listed}
            m.listed += [other for other in in_list if other is not m and id(other) not in seen]
    for number, m in enumerate(found):
        _pick(index, number, m, None)
    support = region_shares(index, [m.candidates for m in found])
    for _ in range(2):
        ctx = _context(index, found, countries, list(counties.values()))
        ctx.support = support
        for number, m in enumerate(found):
            _pick(index, number, m, ctx)
    ctx = _context(index, found, countries, list(counties.values()))
    numbers = {id(m): n for n, m in enumerate(found)}
    picks = {key: m.pick for key, m in groups.items()}
    results: list[Resolution | None] = []
    for position, mention in enumerate(mentions):
        if position in counties:
            results.append(_county(index, counties[position], found, list(counties.values())))
            continue
        if mention is None or mention.pick is None or _far_guess(index, numbers[id(mention)], mention, ctx):
            results.append(None)
            continue
        if outside_qualifier(index, mention.cue, mention.pick, mention.candidates, picks):
            results.append(None)
            continue
        county = _county_of_state(index, mention, ctx)
        if county is not None:
            results.append(_county(index, county, found, list(counties.values())))
            continue
        m, pick = mention, mention.pick
        fclass, _, fcode = index.feature(pick).partition(".")
        gid = index.geonames_id[pick]
        results.append(
            Resolution(
                gid if gid >= 0 else None,
                index.name[pick],
                round(index.lat[pick], 5),
                round(index.lon[pick], 5),
                fclass,
                fcode,
                index.country(pick),
                index.admin1(pick),
                m.method,
                round(1 - math.exp(-max(m.margin, 0.0) / 2), 3),
            )
        )
    return results
