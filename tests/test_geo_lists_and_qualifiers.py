"""The geocoder's reading of lists and qualifiers (transforms.geo): a whole list of regions speaks for each
of its members, a qualifier after "in" qualifies a region too, a town whose qualifier names a region none
of its namesakes lies in stays unresolved, and compass words of official names have their English form.
On a small index of hand-made places; the country and subdivision names on the real gazetteer."""

from __future__ import annotations

import pytest

from transforms.geo.geoindex import GeoIndex, build_index
from transforms.geo.geonames import Place
from transforms.geo.resolver import resolve_places
from transforms.geo.subdivisions import english_compass_names, subdivision_names


def _region(gid: int, name: str, lat: float, lon: float, country: str, admin1: str, pop: int) -> Place:
    return Place(gid, (name,), lat, lon, "A", "ADM1", country, admin1, pop)


def _town(gid: int, name: str, lat: float, lon: float, country: str, admin1: str, pop: int) -> Place:
    return Place(gid, (name,), lat, lon, "P", "PPL", country, admin1, pop)


PLACES = [
    Place(1, ("Canada",), 60.0, -96.0, "A", "PCLI", "CAN", None, 38_000_000),
    Place(2, ("United States",), 39.8, -98.5, "A", "PCLI", "USA", None, 330_000_000),
    _region(3, "Quebec", 52.0, -72.0, "CAN", "10", 8_500_000),
    _region(4, "Manitoba", 55.0, -97.0, "CAN", "03", 1_300_000),
    _region(5, "Alberta", 55.0, -115.0, "CAN", "01", 4_300_000),
    _region(6, "Nova Scotia", 45.0, -63.0, "CAN", "07", 970_000),
    _region(7, "Ontario", 50.0, -85.0, "CAN", "08", 14_200_000),
    _town(8, "Ontario", 34.06, -117.65, "USA", "CA", 171_000),
    _region(9, "Vermont", 44.0, -72.7, "USA", "VT", 640_000),
    _town(10, "Vermont", 40.8, -90.4, "USA", "IL", 700),  # made up: a US town bearing a state's name
    _region(11, "California", 37.2, -119.4, "USA", "CA", 39_000_000),
    _region(12, "Nevada", 39.3, -116.6, "USA", "NV", 3_100_000),
    _region(13, "Arizona", 34.3, -111.7, "USA", "AZ", 7_300_000),
    _region(14, "Texas", 31.5, -99.3, "USA", "TX", 29_000_000),
    _town(15, "Halden", 53.79, -1.75, "GBR", "ENG", 300_000),  # made up: an English town
    _town(16, "Halden", 35.0, -97.0, "USA", "OK", 2_000),
    _town(17, "Mississauga", 43.59, -79.64, "CAN", "08", 720_000),
    _town(18, "Fresno", 36.74, -119.79, "USA", "CA", 540_000),
    _town(19, "Reno", 39.53, -119.81, "USA", "NV", 260_000),
    _region(20, "Oregon", 44.0, -120.5, "USA", "OR", 4_200_000),
    _region(21, "Utah", 39.3, -111.7, "USA", "UT", 3_300_000),
    _region(22, "Idaho", 44.4, -114.6, "USA", "ID", 1_900_000),
    _region(23, "Ohio", 40.3, -82.8, "USA", "OH", 11_000_000),
    _town(24, "San Diego", 32.72, -117.16, "USA", "CA", 1_400_000),
]


@pytest.fixture(scope="module")
def index() -> GeoIndex:
    return build_index(PLACES)


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for name in names:
        at = text.index(name, start)
        spans.append((at, at + len(name)))
        start = at + len(name)
    return spans


def test_every_member_of_a_list_of_provinces_speaks_for_the_others(index: GeoIndex) -> None:
    # the U.S. names outnumber the Canadian ones; Ontario's two neighbours alone did not outweigh them
    text = (
        "Cases were confirmed in California, Nevada, Arizona, Texas, Oregon, Utah, Idaho and Ohio, and in "
        "Fresno, San Diego and Reno. In Canada they were found in Quebec, Manitoba, Ontario, Alberta and Nova Scotia."
    )
    names = ("California", "Nevada", "Arizona", "Texas", "Oregon", "Utah", "Idaho", "Ohio", "Fresno", "San Diego")
    names += ("Reno", "Canada", "Quebec", "Manitoba", "Ontario", "Alberta", "Nova Scotia")
    found = resolve_places(text, _spans(text, *names), index=index)
    ontario = found[-3]
    assert ontario is not None and (ontario.country_iso3, ontario.feature_code) == ("CAN", "ADM1")


def test_a_qualifier_after_in_qualifies_a_region_name(index: GeoIndex) -> None:
    text = (
        "The recall began in Fresno, California and Reno, Nevada. The maker is based in Mississauga, Ontario in Canada."
    )
    names = ("Fresno", "California", "Reno", "Nevada", "Mississauga", "Ontario", "Canada")
    found = resolve_places(text, _spans(text, *names), index=index)
    assert found[5] is not None and found[5].country_iso3 == "CAN"


def test_a_town_qualified_by_a_region_none_of_its_namesakes_lies_in_stays_unresolved(index: GeoIndex) -> None:
    text = "Farmers near Halden, Ontario in Canada reported the disease."
    found = resolve_places(text, _spans(text, "Halden", "Ontario", "Canada"), index=index)
    assert found[0] is None  # not the English or the Oklahoma Halden
    assert found[1] is not None and found[1].country_iso3 == "CAN"


def test_a_qualifier_that_names_a_region_of_the_towns_country_keeps_the_town(index: GeoIndex) -> None:
    text = "Officials in Halden, Texas and in Austin said the wells were safe."
    found = resolve_places(text, _spans(text, "Halden", "Texas"), index=index)
    assert found[0] is not None and found[0].country_iso3 == "USA"


def test_the_the_before_one_mention_of_a_name_counts_for_all_its_mentions() -> None:
    from transforms.geo.resolver import _merge
    from transforms.geo.textcues import Cue

    merged = _merge(Cue(after_the=True), Cue(qualifier="Canada", lies_in=True))
    assert merged.after_the and merged.qualifier == "Canada" and merged.lies_in


def test_official_compass_words_have_their_english_form() -> None:
    assert english_compass_names("Jawa Barat") == ("West Java",)
    assert english_compass_names("Sumatera Utara") == ("North Sumatra",)
    assert english_compass_names("Papua Barat Daya") == ("Southwest Papua",)
    assert english_compass_names("Nord-Kivu") == ("North Kivu",)
    assert english_compass_names("Nusa Tenggara") == ()  # "Tenggara" is part of the name
    assert english_compass_names("Nord-Est") == ()  # a compass point alone is no name
    assert subdivision_names("Sud-Kivu") == ("Sud-Kivu", "South Kivu")


@pytest.fixture(scope="module")
def real_index() -> GeoIndex:
    from flows.run.geo_cache import default_cache_dir, load_geo_index

    return load_geo_index(default_cache_dir())


def test_the_english_names_of_provinces_and_countries_resolve_on_the_real_gazetteer(real_index: GeoIndex) -> None:
    text = "Rebels attacked Goma in North Kivu, while floods hit West Java. Troops left the Republic of Congo."
    found = resolve_places(text, _spans(text, "Goma", "North Kivu", "West Java", "Republic of Congo"), index=real_index)
    assert [(r.country_iso3, r.feature_code) if r else None for r in found[1:]] == [
        ("COD", "ADM1"),
        ("IDN", "ADM1"),
        ("COG", "PCLI"),
    ]
