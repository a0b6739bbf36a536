"""The geocoder's general rules beyond the basic resolver (transforms.geo): admin1 codes of province
names, national capitals, regions named in a list, on a small index of hand-made places."""

from __future__ import annotations

import pytest

from transforms.geo.geoindex import GeoIndex, build_index
from transforms.geo.geonames import Place, province_codes
from transforms.geo.resolver import resolve_places
from transforms.geo.subdivisions import subdivision_names, subdivisions
from transforms.geo.textcues import demonym_stems, name_parts


def _town(gid: int, name: str, lat: float, lon: float, country: str, admin1: str, pop: int, code: str = "PPL") -> Place:
    return Place(gid, (name,), lat, lon, "P", code, country, admin1, pop)


PLACES = [
    _town(1, "Washington", 38.90, -77.04, "USA", "DC", 690_000, "PPLC"),
    _town(2, "Washington", 40.17, -80.25, "USA", "PA", 13_000),
    Place(3, ("Washington",), 47.4, -120.5, "A", "ADM1", "USA", "WA", 7_600_000),
    Place(4, ("Oregon",), 44.0, -120.5, "A", "ADM1", "USA", "OR", 4_200_000),
    Place(5, ("Idaho",), 44.4, -114.6, "A", "ADM1", "USA", "ID", 1_900_000),
    _town(6, "Oregon", 42.01, -89.33, "USA", "IL", 3_700),
    _town(7, "Pentagon City", 38.86, -77.06, "USA", "VA", 9_000),
    _town(8, "Easton", 42.10, -91.60, "USA", "IA", 5_000),
    _town(9, "Easton", 38.77, -76.08, "USA", "MD", 14_000),
    _town(10, "Weston", 42.40, -91.90, "USA", "IA", 4_000),
    _town(11, "Weston", 45.81, -118.42, "USA", "OR", 12_000),
    _town(12, "Milford", 41.90, -91.30, "USA", "IA", 5_000),
    _town(13, "Milford", 32.12, -96.94, "USA", "TX", 15_000),
    _town(14, "Atlanta", 33.75, -84.39, "USA", "GA", 500_000),
    Place(15, ("Georgia",), 32.7, -83.4, "A", "ADM1", "USA", "GA", 10_000_000),
    Place(16, ("Ohio",), 40.3, -82.8, "A", "ADM1", "USA", "OH", 11_000_000),
    Place(17, ("South Ossetia",), 42.35, 44.0, "L", "RGN", "GEO", None, 50_000),
    _town(18, "New London", 41.36, -72.10, "USA", "CT", 27_000),
    _town(19, "Los Angeles", 34.05, -118.24, "USA", "CA", 3_900_000),
    _town(20, "DeKalb", 41.93, -88.75, "USA", "IL", 43_000),
    _town(21, "Decatur", 33.77, -84.30, "USA", "GA", 25_000),
    _town(22, "Marietta", 33.95, -84.55, "USA", "GA", 60_000),
    _town(23, "Tripoli", 32.89, 13.19, "LBY", "77", 1_150_000, "PPLC"),
    _town(24, "Tripoli", 34.44, 35.85, "LBN", "09", 230_000),
    Place(None, ("Tripoli District", "Tripoli"), 32.8, 13.2, "A", "ADM1", "LBY", "77", 0),
    Place(25, ("Lebanon",), 33.83, 35.83, "A", "PCLI", "LBN", None, 6_800_000),
    Place(26, ("Libya",), 25.0, 17.0, "A", "PCLI", "LBY", None, 6_700_000),
    _town(27, "Benghazi", 32.12, 20.07, "LBY", "54", 630_000),
    _town(28, "Nashville", 36.17, -86.78, "USA", "TN", 690_000),
    Place(None, ("Africa",), 7.2, 21.1, "L", "CONT", None, None, 0),
    _town(29, "Port-au-Prince", 18.54, -72.34, "HTI", "11", 1_230_000),
    Place(None, ("New South Wales",), -32.0, 147.0, "A", "ADM1", "AUS", "02", 8_100_000),
    Place(30, ("South Africa",), -29.0, 24.0, "A", "PCLI", "ZAF", None, 60_000_000),
    _town(31, "Saint-Marc", 19.11, -72.69, "HTI", "06", 160_000),
    _town(32, "Port", 46.17, 5.77, "FRA", "84", 600),
]


@pytest.fixture(scope="module")
def index() -> GeoIndex:
    return build_index(PLACES)


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def test_a_province_code_claimed_by_several_names_is_dropped() -> None:
    named = {"Dublin": "L", "Kildare": "L", "Cork": "M", "Galway": "", "Sligo": "C"}
    assert province_codes(named) == {"Cork": "M", "Sligo": "C"}


def test_washington_alone_is_the_capital_not_the_state(index: GeoIndex) -> None:
    text = "Officials in Washington said the new drones would ship next year."
    (res,) = resolve_places(text, _spans(text, "Washington"), index=index)
    assert res is not None and res.feature_code == "PPLC" and res.admin1 == "DC"


def test_a_region_listed_with_other_regions_is_the_region(index: GeoIndex) -> None:
    text = "Guard units from Washington, Oregon and Idaho fought the fires."
    washington, oregon, idaho = resolve_places(text, _spans(text, "Washington", "Oregon", "Idaho"), index=index)
    assert washington is not None and washington.feature_code == "ADM1" and washington.admin1 == "WA"
    assert oregon is not None and oregon.feature_code == "ADM1" and idaho is not None


def test_regions_apart_in_the_text_do_not_make_washington_a_state(index: GeoIndex) -> None:
    text = "Oregon lawmakers flew to Washington to meet the Idaho delegation at Pentagon City."
    res = resolve_places(text, _spans(text, "Oregon", "Washington", "Idaho", "Pentagon City"), index=index)[1]
    assert res is not None and res.admin1 == "DC"


def test_subdivision_names_drop_the_type_word_and_notes() -> None:
    assert subdivision_names("Idlib Governorate") == ("Idlib Governorate", "Idlib")
    assert subdivision_names("Laayoune-Sakia El Hamra (EH-partial)") == ("Laayoune-Sakia El Hamra",)
    assert subdivision_names("Sindh") == ("Sindh",)


def test_subdivisions_take_the_admin1_code_of_their_nearest_city() -> None:
    cities = {  # made-up towns: one near Durban, one near Johannesburg, with admin1 codes of their own
        "ZA": [(-29.9, 31.0, "K1", 3_000_000), (-26.2, 28.0, "G1", 4_000_000), (-33.9, 18.4, "W1", 1_000_000)],
    }
    found = {s.names[0]: s for s in subdivisions(cities) if s.country == "ZA"}
    natal = found["KwaZulu-Natal"]
    assert natal.admin1 == "K1" and -32 < natal.lat < -27 and 29 < natal.lon < 33
    assert found["Gauteng"].admin1 == "G1"
    shared = [s for s in found.values() if s.admin1 == "W1"]  # the western provinces share the one town's code
    assert len(shared) > 1 and all(s.feature_code == "ADM2" for s in shared)


def test_small_towns_of_one_story_share_the_state_they_all_may_lie_in(index: GeoIndex) -> None:
    text = "Storms cut power in Easton, Weston and Milford overnight, the county sheriff said."
    found = resolve_places(text, _spans(text, "Easton", "Weston", "Milford"), index=index)
    assert [r.admin1 if r else None for r in found] == ["IA", "IA", "IA"]
    alone = resolve_places("A new plant opened in Milford.", [(22, 29)], index=index)[0]
    assert alone is not None and alone.admin1 == "TX"


def test_demonyms_and_titles_lead_to_their_place(index: GeoIndex) -> None:
    assert "Ohio" in demonym_stems("Ohioans") and "South Ossetia" in demonym_stems("South Ossetians")
    assert demonym_stems("New Londoners")[0] == "New London" and demonym_stems("Port of Los Angeles") == ["Los Angeles"]
    assert demonym_stems("Kabul") == []
    text = "Ohioans and South Ossetian troops met New Londoners at the Port of Los Angeles."
    names = ("Ohioans", "South Ossetian", "New Londoners", "Port of Los Angeles")
    found = resolve_places(text, _spans(text, *names), index=index)
    assert [r.name if r else None for r in found] == ["Ohio", "South Ossetia", "New London", "Los Angeles"]


def test_bare_and_abbreviated_county_names_are_counties_of_the_article_state(index: GeoIndex) -> None:
    text = "Deputies in Gwinnett and Cobb Co. joined Atlanta police, Georgia officials said."
    gwinnett, cobb, _, _ = resolve_places(text, _spans(text, "Gwinnett", "Cobb Co.", "Atlanta", "Georgia"), index=index)
    assert gwinnett is not None and gwinnett.feature_code == "ADM2" and gwinnett.admin1 == "GA"
    assert cobb is not None and cobb.name == "Cobb County" and abs(cobb.lat - 33.75) < 0.01


def test_a_county_with_no_place_of_its_state_in_the_story_is_at_the_state_point(index: GeoIndex) -> None:
    text = "Flooding closed roads across Guernsey County on Sunday."
    (res,) = resolve_places(text, _spans(text, "Guernsey County"), index=index)
    assert res is not None and res.admin1 == "OH" and (res.lat, res.lon) == (40.3, -82.8) and res.confidence == 0.1


def test_a_bare_county_name_of_the_story_state_is_the_county_not_a_town_elsewhere(index: GeoIndex) -> None:
    text = "DeKalb commissioners met in Decatur, and Marietta and Atlanta sent officers."
    found = resolve_places(text, _spans(text, "DeKalb", "Decatur", "Marietta", "Atlanta"), index=index)
    assert found[0] is not None and found[0].feature_code == "ADM2" and found[0].admin1 == "GA"
    alone = resolve_places("A plant opened in DeKalb.", [(18, 24)], index=index)[0]
    assert alone is not None and alone.admin1 == "IL" and alone.feature_code == "PPL"


def test_facilities_have_points_on_earth_and_names_of_their_own() -> None:
    from transforms.geo.geonames import geo_toml

    seen: set[str] = set()
    for item in geo_toml("facilities.toml")["facility"]:
        assert -90 <= item["lat"] <= 90 and -180 <= item["lon"] <= 180 and len(item["country"]) == 3
        for name in (item["name"], *item.get("aliases", ())):
            assert name.casefold() not in seen, name
            seen.add(name.casefold())
    assert {"fort moore", "fort benning", "fort novosel"} <= seen  # the renamed posts under both names


def test_curated_regions_take_the_admin1_code_of_their_subdivision() -> None:
    from transforms.geo.geonames import _areas_and_facilities

    places = {p.names[0]: p for p in _areas_and_facilities({("CAN", "ontario"): "08"})}
    assert places["Ontario"].admin1 == "08" and places["Quebec"].admin1 is None
    assert places["Fort Benning"].admin1 is None  # a facility: no region code


def test_a_place_in_a_named_region_lies_in_it(index: GeoIndex) -> None:
    text = "Jets struck a depot near Tripoli in northern Lebanon, while militias in Benghazi and Libya fought on."
    tripoli = resolve_places(text, _spans(text, "Tripoli", "Lebanon", "Benghazi", "Libya"), index=index)[0]
    assert tripoli is not None and tripoli.country_iso3 == "LBN" and tripoli.method == "qualifier"
    text = "Jets struck a depot near Tripoli in March, while militias in Benghazi and Libya fought on."
    tripoli = resolve_places(text, _spans(text, "Tripoli", "Benghazi", "Libya"), index=index)[0]
    assert tripoli is not None and tripoli.country_iso3 == "LBY"  # "March" names no region: no qualifier


def test_a_longer_name_stands_in_its_place_unless_it_is_a_feature_of_its_own() -> None:
    assert name_parts("Guernsey County Sheriff") == [("Guernsey County", False)]
    assert name_parts("Metropolitan Atlanta") == [("Atlanta", False)]
    assert name_parts("Board of Charleston County") == [("Charleston County", False)]
    assert name_parts("Northeast Georgia") == [("Georgia", True)]
    assert name_parts("Neches River") == [] and name_parts("Gulf of Mexico") == []
    assert name_parts("Salinas Valley") == [("Salinas", False)] and name_parts("Lake Valley") == []
    assert name_parts("Education Minnesota") == []  # an organization's name, not a place in one


def test_recognized_spans_with_more_than_the_place_resolve_to_it(index: GeoIndex) -> None:
    text = "The Metro Nashville police and the Ohio State Highway crews met; aid reached West Africa."
    metro, ohio, africa = resolve_places(
        text, _spans(text, "Metro Nashville", "Ohio State Highway", "West Africa"), index=index
    )
    assert metro is not None and metro.name == "Nashville"
    assert ohio is not None and ohio.name == "Ohio"
    assert africa is None  # off the centre of a continent: not guessed at its point


def test_saint_and_mount_abbreviations_anywhere_but_last_and_schools_of_a_town() -> None:
    from transforms.geo.geoindex import name_key

    assert name_key("South St. Paul") == "south saint paul" and name_key("Port St. Lucie") == "port saint lucie"
    assert name_key("Main St") == "main st"
    assert ("Mount Pleasant", False) in name_parts("Mount Pleasant High School")


def test_a_span_cut_short_takes_the_whole_name_the_text_goes_on_to(index: GeoIndex) -> None:
    text = "Aid flights reached Port-au-Prince while crews in New South Wales fought fires."
    port = text.index("Port")
    new_south = text.index("New South")
    found = resolve_places(text, [(port, port + 4), (new_south, new_south + 9)], index=index)
    assert [r.name if r else None for r in found] == ["Port-au-Prince", "New South Wales"]
    assert subdivision_names("South Governorate") == ("South Governorate",)  # no bare compass word


def test_a_compass_word_before_a_region_and_a_hyphen_after_a_span_make_the_longer_name(index: GeoIndex) -> None:
    text = "Cholera spread from Saint-Marc to Port-au-Prince; South Africa sent aid."
    saint, port, africa = (text.index("Saint-"), text.index("Port-"), text.index("Africa"))
    spans = [(saint, saint + 6), (port, port + 4), (africa, africa + 6)]
    found = resolve_places(text, spans, index=index)
    assert [r.name if r else None for r in found] == ["Saint-Marc", "Port-au-Prince", "South Africa"]


def test_former_names_of_renamed_countries_only() -> None:
    from transforms.geo.geonames import former_names

    former = former_names()
    assert "Zaire" in former["CD"] and "Upper Volta" in former["BF"] and "Burma" in former["MM"]
    assert all("Sikkim" not in names for names in former.values())  # merged into India, not India's name
