"""Former first-level regions (transforms.geo.former) and compass-named regions (transforms.geo.subdivisions):
a region abolished or merged is placed at the middle of its successors and read only where the story names
its country; a current region whose name is a compass word alone is found with its type word. On made-up
data and a small index of hand-made places; the package's own data checked for its successors."""

from __future__ import annotations

import pytest

from transforms.geo.former import FormerRegionError, former_regions
from transforms.geo.geoindex import GeoIndex, build_index
from transforms.geo.geonames import Place
from transforms.geo.resolver import resolve_places
from transforms.geo.subdivisions import Subdivision, subdivision_names, subdivisions

# Made-up current subdivisions of a made-up split: "Lakeland" became "North Lakes" and "South Lakes".
CURRENT = [
    Subdivision(("North Lakes",), 2.0, 30.0, "KE", "01", "ADM1", 500_000),
    Subdivision(("South Lakes",), 0.0, 32.0, "KE", "02", "ADM1", 400_000),
    Subdivision(("Hill County",), -1.0, 36.0, "KE", "03", "ADM1", 300_000),
    Subdivision(("Far Isles",), 0.0, 179.0, "FJ", "04", "ADM1", 10_000),
    Subdivision(("Near Isles",), 0.0, -179.0, "FJ", "05", "ADM1", 10_000),
]
DATA = """
[[region]]
country = "KE"
name = "Lakeland Province"
aliases = ["Lakeland"]
until = 2013
successors = ["North Lakes", "South Lakes"]

[[region]]
country = "FJ"
name = "Dateline Province"
until = 2001
successors = ["Far Isles", "Near Isles"]
"""


def test_a_former_region_lies_at_the_middle_of_its_successors_with_its_names() -> None:
    lakeland, dateline = former_regions(CURRENT, DATA)
    assert lakeland.names == ("Lakeland Province", "Lakeland")
    assert lakeland.country == "KE" and lakeland.feature_code == "ADM1H" and lakeland.population == 0
    assert lakeland.lat == pytest.approx(1.0, abs=0.01) and lakeland.lon == pytest.approx(31.0, abs=0.01)
    assert lakeland.admin1 == ""  # it spans two admin1 codes: it links to none of them
    # across the antimeridian the middle is on the date line, not at longitude 0
    assert abs(dateline.lon) == pytest.approx(180.0, abs=0.01)


def test_a_successor_missing_from_the_current_data_is_an_error() -> None:
    broken = DATA.replace('"South Lakes"]', '"South Lake"]')
    with pytest.raises(FormerRegionError, match="South Lake"):
        former_regions(CURRENT, broken)


def test_the_packaged_former_regions_all_find_their_successors() -> None:
    found = {f.names[0]: f for f in former_regions(subdivisions({}))}
    assert {"Nyanza Province", "Orientale", "Rhône-Alpes", "North-West Frontier Province"} <= set(found)
    nyanza = found["Nyanza Province"]
    assert nyanza.country == "KE" and -1.5 < nyanza.lat < 0.5 and 34.0 < nyanza.lon < 35.5  # by Lake Victoria
    assert "NWFP" in found["North-West Frontier Province"].names


def test_a_compass_name_alone_is_found_with_its_type_word() -> None:
    assert subdivision_names("Northern", "province") == ("Northern Province",)
    assert subdivision_names("Southwest", "region") == ("Southwest Region",)
    assert subdivision_names("Western", "military postal region") == ()  # not a word of the name
    assert subdivision_names("Eastern") == ()  # no type: no name


PLACES = [
    Place(1, ("Kenya",), 1.0, 38.0, "A", "PCLI", "KEN", None, 50_000_000),
    Place(2, ("Kisumu",), -0.10, 34.76, "P", "PPL", "KEN", "28", 400_000),
    Place(None, ("Lakeland Province", "Lakeland"), 1.0, 31.0, "A", "ADM1H", "KEN", None, 0),
    Place(3, ("Lakeland",), 28.04, -81.95, "P", "PPL", "USA", "FL", 110_000),
    Place(4, ("Tampa",), 27.95, -82.46, "P", "PPL", "USA", "FL", 390_000),
    Place(5, ("Zambia",), -15.0, 30.0, "A", "PCLI", "ZMB", None, 19_000_000),
    Place(None, ("Western Province",), 0.33, 34.57, "A", "ADM1H", "KEN", None, 0),
]


@pytest.fixture(scope="module")
def index() -> GeoIndex:
    return build_index(PLACES)


def _resolve(index: GeoIndex, text: str, *names: str) -> list[tuple[str | None, str | None]]:
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return [(r.name, r.feature_code) if r else (None, None) for r in resolve_places(text, spans, index=index)]


def test_a_former_region_is_read_where_the_story_names_its_country(index: GeoIndex) -> None:
    text = "Cholera cases rose in Kisumu and across Lakeland Province, Kenya's health ministry said."
    assert _resolve(index, text, "Kisumu", "Lakeland Province", "Kenya")[1] == ("Lakeland Province", "ADM1H")


def test_a_current_place_of_the_name_comes_before_a_former_region(index: GeoIndex) -> None:
    text = "The convoy left Lakeland for Tampa on Tuesday."
    assert _resolve(index, text, "Lakeland", "Tampa")[0] == ("Lakeland", "PPL")


def test_a_former_region_of_a_country_the_story_never_names_is_left_unresolved(index: GeoIndex) -> None:
    text = "Floods hit Zambia's Western Province this week."  # Zambia's own province is not in this index
    assert _resolve(index, text, "Zambia", "Western Province")[1] == (None, None)
