"""The geocoder (transforms.geo): the compact index, text cues and resolution by context, on a small
index built from hand-made places, and on the real gazetteer for the names of the issue."""

from __future__ import annotations

import pytest

from transforms.geo.geoindex import GeoIndex, build_index, name_key
from transforms.geo.geonames import Place
from transforms.geo.resolver import haversine_km, resolve_places
from transforms.geo.textcues import cue_at, strip_feature_word


def _city(gid: int, name: str, lat: float, lon: float, country: str, admin1: str, pop: int, *alts: str) -> Place:
    return Place(gid, (name, *alts), lat, lon, "P", "PPL", country, admin1, pop)


PLACES = [
    _city(1, "Tripoli", 32.89, 13.19, "LBY", "77", 1_300_000, "Tarabulus"),
    _city(2, "Tripoli", 34.44, 35.85, "LBN", "09", 230_000),
    _city(3, "Beirut", 33.89, 35.50, "LBN", "04", 1_900_000),
    _city(4, "Springfield", 37.21, -93.30, "USA", "MO", 170_000),
    _city(5, "Springfield", 39.80, -89.64, "USA", "IL", 114_000),
    _city(6, "Peoria", 40.69, -89.59, "USA", "IL", 113_000),
    _city(7, "Kharkiv", 49.98, 36.25, "UKR", "07", 1_420_000, "Kharkov"),
    _city(8, "Al Hudaydah", 14.80, 42.95, "YEM", "08", 735_000, "Hodeidah"),
    Place(9, ("Lebanon",), 33.83, 35.83, "A", "PCLI", "LBN", None, 6_800_000),
    Place(10, ("Libya",), 25.0, 17.0, "A", "PCLI", "LBY", None, 6_700_000),
    Place(11, ("Illinois", "Ill."), 40.0, -89.2, "A", "ADM1", "USA", "IL", 12_800_000),
    Place(12, ("Idlib",), 35.9, 36.6, "A", "ADM1", "SYR", "12", 1_500_000),
    _city(13, "Idlib", 35.93, 36.63, "SYR", "12", 128_000),
    Place(None, ("Golan Heights", "Golan"), 33.0, 35.75, "T", "PLAT", None, None, 0),
    _city(14, "Sidon", 33.56, 35.37, "LBN", "05", 160_000),
    _city(15, "Pacific", 38.48, -90.74, "USA", "MO", 7_000),
    _city(16, "Cahokia", 38.57, -90.19, "USA", "IL", 15_000),
    _city(21, "Eureka", 38.50, -90.63, "USA", "MO", 11_000),
    Place(None, ("Pacific Ocean", "Pacific"), 0.0, -160.0, "H", "OCN", None, None, 0),
    _city(17, "Washington", 41.30, -91.69, "USA", "IA", 7_300),
    Place(18, ("Washington",), 47.5, -120.5, "A", "ADM1", "USA", "WA", 7_700_000),
    _city(19, "Ames", 42.03, -93.62, "USA", "IA", 66_000),
    Place(20, ("Iowa",), 42.0, -93.5, "A", "ADM1", "USA", "IA", 3_200_000),
]


@pytest.fixture(scope="module")
def index() -> GeoIndex:
    return build_index(PLACES)


def _one(text: str, name: str, index: GeoIndex, **kw: object) -> object:
    start = text.index(name)
    return resolve_places(text, [(start, start + len(name))], index=index, **kw)[0]  # type: ignore[arg-type]


def test_name_keys_fold_case_diacritics_and_abbreviations() -> None:
    assert name_key("Ţarţūs") == "tartus"
    assert name_key("St. Louis") == name_key("Saint Louis")
    assert name_key("Deir ez-Zor") == "deir ez zor"


def test_index_round_trips_through_bytes(index: GeoIndex) -> None:
    again = GeoIndex.from_bytes(index.to_bytes())
    assert again.lookup("Kharkov") == index.lookup("Kharkov")
    assert again.name == index.name and list(again.lat) == list(index.lat)


def test_variants_and_article_prefixes_find_the_place(index: GeoIndex) -> None:
    assert [index.name[p] for p, _ in index.lookup("Kharkov")] == ["Kharkiv"]
    assert [index.name[p] for p, _ in index.lookup("Hudaydah")] == ["Al Hudaydah"]  # "al-" dropped
    assert [index.name[p] for p, _ in index.lookup("Hodeida")] == ["Al Hudaydah"]  # geo_variants.toml


def test_tripoli_in_a_lebanon_story_is_not_the_libyan_capital(index: GeoIndex) -> None:
    text = "Shelling hit the port of Tripoli on Monday, officials in Beirut said, as Lebanon's army deployed."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Tripoli", "Beirut", "Lebanon")]
    res = resolve_places(text, spans, index=index)[0]
    assert res is not None and res.country_iso3 == "LBN" and res.method == "context"
    alone = _one("Militias clashed in Tripoli overnight.", "Tripoli", index)
    assert alone is not None and alone.country_iso3 == "LBY"


def test_nationalities_passed_in_count_as_context(index: GeoIndex) -> None:
    res = _one("Gunmen fired on a checkpoint in Tripoli.", "Tripoli", index, countries=["LBN", "LBN"])
    assert res is not None and res.country_iso3 == "LBN"


def test_a_qualifier_after_a_comma_decides(index: GeoIndex) -> None:
    res = _one("A Guard unit from Springfield, Ill., deployed to the border.", "Springfield", index)
    assert res is not None and res.admin1 == "IL" and res.method == "qualifier"
    near = "Soldiers from Peoria and Springfield trained together."
    spans = [
        (near.index("Peoria"), near.index("Peoria") + 6),
        (near.index("Springfield"), near.index("Springfield") + 11),
    ]
    assert [r.admin1 for r in resolve_places(near, spans, index=index) if r] == ["IL", "IL"]


def test_feature_words_pick_the_province_over_the_city(index: GeoIndex) -> None:
    text = "Airstrikes hit villages across Idlib province this week."
    res = _one(text, "Idlib", index)
    assert res is not None and res.feature_code == "ADM1"
    assert strip_feature_word("Idlib Province") == ("Idlib", "A.ADM1")
    assert cue_at("the port of Hodeidah", 12, 20).feature == "P"


def test_areas_resolve_to_their_centroid_and_unknown_names_stay_unresolved(index: GeoIndex) -> None:
    text = "Drones crossed the Golan toward Qaryat Zanzur, a hamlet nobody has mapped."
    golan, unknown = resolve_places(text, [(19, 24), (32, 45)], index=index)
    assert golan is not None and golan.feature_class == "T" and golan.geonames_id is None
    assert unknown is None


def _last(text: str, names: list[str], index: GeoIndex) -> object:
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return resolve_places(text, spans, index=index)[-1]


def test_an_area_written_after_the_is_the_area_not_a_town_of_its_name(index: GeoIndex) -> None:
    names = ["Cahokia", "Pacific"]
    ocean = _last("Hunters of Cahokia, Ill., watch the Pacific flyway.", names, index)
    assert ocean is not None and ocean.feature_code == "OCN"  # type: ignore[attr-defined]
    town = _last("Hunters of Cahokia, Ill., watch Pacific flyways.", names, index)
    assert town is not None and town.feature_code == "PPL"  # type: ignore[attr-defined]


def test_state_after_a_name_picks_the_state(index: GeoIndex) -> None:
    res = _last(
        "Researchers in Ames, Iowa, traced the cow to a Washington state farm.", ["Ames", "Iowa", "Washington"], index
    )
    assert res is not None and res.feature_code == "ADM1" and res.admin1 == "WA"  # type: ignore[attr-defined]


def test_haversine_is_right_on_a_known_distance() -> None:
    assert 180 < haversine_km(33.89, 35.50, 32.0, 35.9) < 220  # Beirut to the Jordan valley, about 200 km


@pytest.fixture(scope="module")
def real_index() -> GeoIndex:
    from flows.run.geo_cache import default_cache_dir, load_geo_index

    return load_geo_index(default_cache_dir())  # the user's cache (honours XDG_CACHE_HOME), as a run uses


def test_real_gazetteer_resolves_the_issue_names(real_index: GeoIndex) -> None:
    text = (
        "KHARKIV, Ukraine - Russian drones struck Kharkov and the port of Hodeidah; the Golan Heights and Red Sea too."
    )
    names = ["Kharkov", "Hodeidah", "Golan Heights", "Red Sea"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    kharkiv, hodeidah, golan, red_sea = resolve_places(text, spans, index=real_index)
    assert kharkiv is not None and kharkiv.country_iso3 == "UKR" and kharkiv.geonames_id == 706483
    assert hodeidah is not None and hodeidah.country_iso3 == "YEM"
    assert golan is not None and red_sea is not None and red_sea.feature_class == "H"


def test_oceans_islands_and_regions_are_areas_not_towns_of_their_name(real_index: GeoIndex) -> None:
    text = (
        "The destroyer sailed from Pearl Harbor into the Pacific, then exercised off Luzon and Java "
        "with partners from South Asia, while fighting went on in Chechnya."
    )
    names = ["Pacific", "Luzon", "Java", "South Asia", "Chechnya"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    pacific, luzon, java, south_asia, chechnya = resolve_places(text, spans, index=real_index)
    assert pacific is not None and pacific.feature_code == "OCN"  # not Pacific, Missouri
    assert luzon is not None and luzon.feature_code == "ISL" and luzon.country_iso3 == "PHL"
    assert java is not None and java.feature_code == "ISL" and java.country_iso3 == "IDN"  # not a Georgian village
    assert south_asia is not None and south_asia.feature_code == "RGN"
    assert chechnya is not None and chechnya.country_iso3 == "RUS" and chechnya.feature_code == "ADM1"


def test_a_us_state_is_at_its_middle_not_at_its_largest_city(real_index: GeoIndex) -> None:
    text = "Flights from Alaska and New York landed."
    alaska, new_york = resolve_places(text, [(13, 19), (24, 32)], index=real_index)
    assert alaska is not None and alaska.feature_code == "ADM1" and alaska.lat > 63  # Anchorage is at 61.2
    assert new_york is not None and haversine_km(new_york.lat, new_york.lon, 40.71, -74.0) > 100


def test_a_mention_that_holds_its_qualifier_is_the_town(index: GeoIndex) -> None:
    text = "Guardsmen from Springfield, Ill., and from Tripoli, Lebanon, trained together."
    spans = [(15, 32), (43, 59)]  # "Springfield, Ill." and "Tripoli, Lebanon" as the recognizer may give them
    springfield, tripoli = resolve_places(text, spans, index=index)
    assert springfield is not None and springfield.admin1 == "IL" and springfield.method == "qualifier"
    assert tripoli is not None and tripoli.country_iso3 == "LBN"


def test_parts_of_the_pacific_have_points_of_their_own(real_index: GeoIndex) -> None:
    text = "The carrier left the Western Pacific for the South Pacific."
    west, south = resolve_places(text, [(21, 36), (45, 58)], index=real_index)
    assert west is not None and haversine_km(west.lat, west.lon, 13.4, 144.8) < 1500  # near Guam, not mid-ocean
    assert south is not None and south.lat < 0


def test_rivers_and_lakes_of_conflict_news_are_water_not_the_country_or_town_of_their_name(
    real_index: GeoIndex,
) -> None:
    text = (
        "Fighters crossed Lake Chad from Nigeria, troops held the Siverskyi Donets near Izium, "
        "and barges moved up the Volga while patrols watched the Yalu."
    )
    names = ["Lake Chad", "Siverskyi Donets", "Volga", "Yalu"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    lake, donets, volga, yalu = resolve_places(text, spans, index=real_index)
    assert lake is not None and lake.feature_code == "LK"  # not the country Chad
    assert (
        donets is not None and donets.feature_code == "STM" and haversine_km(donets.lat, donets.lon, 49.2, 37.3) < 200
    )
    assert volga is not None and volga.feature_code == "STM"  # after "the": the river, not a town named Volga
    assert yalu is not None and yalu.feature_code == "STM" and 39 < yalu.lat < 42
