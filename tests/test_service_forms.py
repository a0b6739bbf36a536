"""National bodies called without their country ("the Customs Service") resolve to the article's country's."""

from __future__ import annotations

import pytest

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry
from transforms.entities.mentions import EntityExtractor
from transforms.entities.service_forms import nationality_services, service_table, short_services

_VALDORIA = Entry("gpe:valdoria", "Valdoria", "GPE", "country", "VLD", aliases=("Republic of Valdoria",))
_BOREA = Entry("gpe:borea", "Borea", "GPE", "country", "BRA")
_EXCISE = Entry(
    "org:vld-excise", "Valdoria Excise Board", "ORG", "agency", "VLD", aliases=("Republic of Valdoria Excise Board",)
)
_NAVY = Entry("org:vld-navy", "Valdorian Navy", "ORG", "service", "VLD")
_BOREA_EXCISE = Entry("org:bra-excise", "Borea Excise Board", "ORG", "agency", "BRA")
_TABLE = service_table([_VALDORIA, _BOREA, _EXCISE, _NAVY, _BOREA_EXCISE], ["Navy"])
_WORDS = frozenset(word for _, word in _TABLE)


def _at(text: str, surface: str, at: int = 0, entry: Entry | None = None) -> Candidate:
    start = text.index(surface, at)
    method = "model" if entry is None else "gazetteer"
    return Candidate(
        start=start,
        end=start + len(surface),
        type="ORG" if entry is None else entry.type,
        method=method,
        rank=method,
        entry=entry,
    )  # type: ignore[arg-type]


def test_a_body_without_its_country_is_keyed_by_country() -> None:
    assert _TABLE[("VLD", "Excise Board")] == _EXCISE
    assert _TABLE[("BRA", "Excise Board")] == _BOREA_EXCISE
    assert _TABLE[("VLD", "Navy")] == _NAVY  # a service word ending the name


def test_a_body_without_its_country_is_the_dominant_countrys() -> None:
    text = "Valdoria and Valdoria again. The Excise Board seized goods."
    chosen = [_at(text, "Valdoria", 0, _VALDORIA), _at(text, "Valdoria", 10, _VALDORIA), _at(text, "Excise Board")]
    assert short_services(text, chosen, _TABLE, _WORDS)[2].entry == _EXCISE


def test_a_body_without_its_country_stays_unresolved_when_no_country_dominates() -> None:
    text = "Valdoria and Borea talked. The Excise Board seized goods."
    chosen = [_at(text, "Valdoria", 0, _VALDORIA), _at(text, "Borea", 0, _BOREA), _at(text, "Excise Board")]
    assert short_services(text, chosen, _TABLE, _WORDS)[2].entry is None


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


def test_the_customs_service_of_a_us_story_is_the_us_customs_service(extractor: EntityExtractor) -> None:
    text = (
        "U.S. officials in Texas said the U.S. Border Patrol and U.S. troops were ready. "
        "A Customs Service videotape showed the crossing, the officials said."
    )
    result = extractor.extract(text)
    names = {e.entity_id: e.canonical_name for e in result.entities}
    found = {m.text: names.get(m.entity_id) for m in result.mentions}
    assert found["Customs Service"] == "U.S. Customs Service"


def test_an_organization_worded_as_a_nationality_and_a_service_is_that_countrys_service(
    extractor: EntityExtractor,
) -> None:
    result = extractor.extract("An American Air Force pilot was rescued.")
    names = {e.entity_id: e.canonical_name for e in result.entities}
    found = {m.text: (m.type, names.get(m.entity_id)) for m in result.mentions}
    assert found["American Air Force"] == ("ORG", "U.S. Air Force")


def test_a_nationality_before_a_service_word_in_lower_case_stays_a_nationality(extractor: EntityExtractor) -> None:
    result = extractor.extract("The treaty let the Russian navy keep its base.")
    assert [(m.text, m.type) for m in result.mentions] == [("Russian", "NORP")]


def test_a_nationality_found_alone_before_a_capitalised_service_word_is_that_service() -> None:
    text = "A Valdorian Navy patrol met a Valdorian navy tug."
    demonym = Entry("norp:valdorian", "Valdorian", "NORP", None, "VLD")
    first, second = (_at(text, "Valdorian", at, demonym) for at in (0, text.index("navy") - 10))
    out = nationality_services(text, [first, second], _TABLE, ["Navy"])
    assert (text[out[0].start : out[0].end], out[0].type, out[0].entry) == ("Valdorian Navy", "ORG", _NAVY)
    assert out[1] == second  # the service word in lower case: the nationality stays
