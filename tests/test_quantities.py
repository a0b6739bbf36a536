"""transforms.quantities.claims: counts, money, shares and measures in defense-news sentences, and what is not one."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings, strategies as st

from schemas.quantities import QUANTITY_KINDS, Quantity
from transforms.quantities.claims import extract_quantities


def only(text: str) -> Quantity:
    found = extract_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def first(text: str, surface: str) -> Quantity:
    for q in extract_quantities(text):
        if q.text == surface:
            return q
    raise AssertionError(f"{surface!r} not in {[q.text for q in extract_quantities(text)]}")


# --- numbers: digits, words, scales --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("The brigade moved 1,200 vehicles to the border.", "1,200", 1200),
        ("Crews fired 3.5 rounds per minute on average.", "3.5", 3.5),
        ("The regiment lost forty-three soldiers in the assault.", "forty-three", 43),
        ("Two dozen trucks crossed the bridge at dawn.", "Two dozen", 24),
        ("The ministry counted a hundred and two launch sites.", "a hundred and two", 102),
        ("Some 1.2 billion rounds were produced last year.", "Some 1.2 billion", 1.2e9),
        ("The agency says 2.5 million people need food aid.", "2.5 million", 2.5e6),
        ("Officials said half a million residents fled.", "half a million", 5e5),
        ("Engineers laid two and a half miles of pipeline.", "two and a half miles", 2.5 * 1.609344),
        ("The unit received 10 000 rations.", "10 000", 10000),
        ("The plan adds one and a half million shells.", "one and a half million", 1.5e6),
    ],
)
def test_numbers_in_digits_and_words(text: str, surface: str, value: float) -> None:
    q = first(text, surface)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text, surface, value, low",
    [
        ("Hundreds of civilians sheltered in the metro.", "Hundreds", 200, 200),
        ("Tens of thousands of reservists were called up.", "Tens of thousands", 20000, 20000),
        ("Dozens of drones struck the port overnight.", "Dozens", 24, 24),
        ("Several hundred marines landed on the island.", "Several hundred", 300, 300),
    ],
)
def test_plural_scales_are_approximate_lower_bounds(text: str, surface: str, value: float, low: float) -> None:
    q = first(text, surface)
    assert (q.value, q.low, q.high, q.approximate, q.qualifier) == (value, low, None, True, "multiple")


# --- fractions and percentages -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, surface, kind, value, unit, obj",
    [
        ("Russia has lost a quarter of its tanks, analysts say.", "a quarter", "fraction", 0.25, None, "tanks"),
        ("Two-thirds of the fleet is in port.", "Two-thirds", "fraction", 2 / 3, None, "fleet"),
        ("Half of the battalion was rotated out.", "Half", "fraction", 0.5, None, "battalion"),
        ("Readiness fell to 40% this spring.", "40%", "percent", 40, "%", None),
        ("About 40 percent of the budget goes to procurement.", "About 40 percent", "percent", 40, "%", "budget"),
        ("Turnout rose 10 per cent among reservists.", "10 per cent", "percent", 10, "%", None),
        ("The rate rose 1.5 percentage points.", "1.5 percentage points", "percent", 1.5, "pp", None),
        ("Margins widened by 120 basis points.", "120 basis points", "percent", 120, "bp", None),
    ],
)
def test_fractions_and_percentages(
    text: str, surface: str, kind: str, value: float, unit: str | None, obj: str | None
) -> None:
    q = first(text, surface)
    assert (q.kind, q.unit, q.object) == (kind, unit, obj)
    assert q.value == pytest.approx(value)


# --- ranges, hedges and bounds -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, surface, value, low, high",
    [
        ("Between 300 and 400 troops remain at the base.", "Between 300 and 400", 350, 300, 400),
        ("Officials estimate 300 to 400 fighters are in the city.", "300 to 400", 350, 300, 400),
        ("Each battery has 10-15 launchers.", "10-15", 12.5, 10, 15),
        ("Each battery has 10–15 launchers.", "10–15", 12.5, 10, 15),
        ("The deal is worth $1-2 billion.", "$1-2 billion", 1.5e9, 1e9, 2e9),
        ("Between 1 and 2 million people were displaced.", "Between 1 and 2 million", 1.5e6, 1e6, 2e6),
        ("Temperatures ranged from -18 °C to -34 °C.", "from -18 °C to -34 °C", -26, -34, -18),
        ("Guidance was set at $11.40 - $11.60 per share.", "$11.40 - $11.60", 11.5, 11.4, 11.6),
    ],
)
def test_ranges_have_both_ends_and_a_midpoint(text: str, surface: str, value: float, low: float, high: float) -> None:
    q = first(text, surface)
    assert q.qualifier == "range"
    assert (q.value, q.low, q.high) == pytest.approx((value, low, high))


@pytest.mark.parametrize(
    "text, surface, qualifier, approximate, low, high",
    [
        ("The militia has up to 800 fighters.", "up to 800", "up_to", False, None, 800),
        ("At least 17 people were killed.", "At least 17", "at_least", False, 17, None),
        ("More than 6,000 sailors are aboard.", "More than 6,000", "more_than", False, 6000, None),
        ("The coalition flew over 870 missions.", "over 870", "more_than", False, 870, None),
        ("About 250 soldiers are still missing.", "About 250", "about", True, None, None),
        ("Roughly 5,000 troops took part.", "Roughly 5,000", "about", True, None, None),
        ("Nearly 8,000 strikes were launched.", "Nearly 8,000", "nearly", True, None, 8000),
        ("Some 300 vehicles were destroyed.", "Some 300", "about", True, None, None),
        ("An estimated 13,000 personnel took part.", "An estimated 13,000", "about", True, None, None),
        ("Fewer than 50 civilians remain.", "Fewer than 50", "less_than", False, None, 50),
        ("No more than 12 jets will be sold.", "No more than 12", "at_most", False, None, 12),
        ("The order covers 500-plus missiles.", "500-plus", "at_least", False, 500, None),
    ],
)
def test_hedges_and_bounds(
    text: str, surface: str, qualifier: str, approximate: bool, low: float | None, high: float | None
) -> None:
    q = first(text, surface)
    assert (q.qualifier, q.approximate, q.low, q.high) == (qualifier, approximate, low, high)


def test_a_change_from_one_value_to_another_is_two_values_not_a_range() -> None:
    found = extract_quantities("The death toll rose from 12 to 17 overnight.")
    assert [q.text for q in found] == ["12", "17"]
    assert found[1].event == "killed"


# --- money ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, surface, value, currency",
    [
        ("The Navy awarded a $1.2 billion contract.", "$1.2 billion", 1.2e9, "USD"),
        ("Britain pledged $4bn in aid.", "$4bn", 4e9, "USD"),
        ("The Army issued a $624.601M contract.", "$624.601M", 624.601e6, "USD"),
        ("The deal is worth US$ 5 million.", "US$ 5 million", 5e6, "USD"),
        ("Brussels approved €10M for demining.", "€10M", 10e6, "EUR"),
        ("London committed £59.5 million to the appeal.", "£59.5 million", 59.5e6, "GBP"),
        ("Moscow raised the bonus to ₽195,000.", "₽195,000", 195000, "RUB"),
        ("The contract is worth 2.5 billion rubles.", "2.5 billion rubles", 2.5e9, "RUB"),
        ("The EU committed over 9 billion euros since 2011.", "over 9 billion euros", 9e9, "EUR"),
        ("The ministry spent 20 million pounds on drones.", "20 million pounds", 2e7, "GBP"),
        ("Canberra gave A$135 million in aid.", "A$135 million", 135e6, "AUD"),
        ("Fuel rose 40 cents a gallon.", "40 cents a gallon", 0.4 / 3.785411784, "USD"),
        ("Kyiv set aside 1.5 billion hryvnias.", "1.5 billion hryvnias", 1.5e9, "UAH"),
    ],
)
def test_money_has_currency_and_scale(text: str, surface: str, value: float, currency: str) -> None:
    q = first(text, surface)
    assert (q.kind, q.currency) == ("money", currency)
    assert q.value == pytest.approx(value)


def test_ambiguous_pounds_without_scale_are_a_mass() -> None:
    q = first("The bomb carries 2,000 pounds of explosives.", "2,000 pounds")
    assert (q.kind, q.unit, q.object) == ("measure", "kg", "explosives")
    assert q.value == pytest.approx(907.18474)


def test_accounting_parentheses_make_money_negative() -> None:
    assert only("Net cash flow was ($99.99) per unit.").value == pytest.approx(-99.99)


def test_money_rate_keeps_currency_and_a_denominator() -> None:
    q = first("Gallium rose to $680 per kg.", "$680 per kg")
    assert (q.kind, q.currency, q.unit, q.value) == ("money", "USD", "/kg", 680)


# --- measures ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, surface, unit, value",
    [
        ("The drone flew 1,500 kilometres.", "1,500 kilometres", "km", 1500),
        ("The target was 930 mi away.", "930 mi", "km", 930 * 1.609344),
        ("The frigate patrolled 200 nautical miles offshore.", "200 nautical miles", "nmi", 200),
        ("The carrier steamed at 30 knots.", "30 knots", "kn", 30),
        ("The missile reaches 3,500 mph.", "3,500 mph", "km/h", 3500 * 1.609344),
        ("The jet cruised at 900 km/h.", "900 km/h", "km/h", 900),
        ("The glide vehicle flies at Mach 5.", "Mach 5", "mach", 5),
        ("The warhead weighs 450 kg.", "450 kg", "kg", 450),
        ("The convoy carried 5,000 tons of grain.", "5,000 tons", "t", 5000),
        ("A 500-pound bomb hit the depot.", "500-pound", "kg", 500 * 0.45359237),
        ("The runway is 3,000 feet long.", "3,000 feet", "m", 914.4),
        ("The cannon fires 155mm shells.", "155mm", "m", 0.155),
        ("Each tank holds 125,000 barrels of fuel.", "125,000 barrels", "bbl", 125000),
        ("The exclusion zone covers 301,338 km2.", "301,338 km2", "km2", 301338),
        ("The device yields 15 kilotons.", "15 kilotons", "kt", 15),
        ("The radar operates at 2.8 GHz.", "2.8 GHz", "Hz", 2.8e9),
        ("The plant produces 84 MW.", "84 MW", "W", 84e6),
        ("The reactor ran at 300 °C.", "300 °C", "degC", 300),
        ("Highs reached 114 degrees Fahrenheit.", "114 degrees Fahrenheit", "degC", (114 - 32) * 5 / 9),
        ("The barrage can divert up to 9,000 m3/s.", "up to 9,000 m3/s", "m3/s", 9000),
        ("A 27-kilometer tunnel links the bases.", "27-kilometer", "km", 27),
        ("The village lies 8\u00a0km northwest of Baquba.", "8\u00a0km", "km", 8),
        ("The rover crawled a mile from the border.", "a mile", "km", 1.609344),
        ("The projectile is 6” in diameter.", "6”", "m", 0.1524),
    ],
)
def test_measures_convert_to_the_standard_unit(text: str, surface: str, unit: str, value: float) -> None:
    q = first(text, surface)
    assert (q.kind, q.unit) == ("measure", unit)
    assert q.value == pytest.approx(value)


def test_range_of_measures_shares_the_unit_written_once() -> None:
    q = first("Designs call for an 8- to 16-meter mirror.", "8- to 16-meter")
    assert (q.unit, q.low, q.high, q.value) == ("m", 8, 16, 12)


def test_list_shares_the_unit_written_once() -> None:
    found = extract_quantities("They were given 45 and 50 mg doses.")
    assert [(q.text, q.unit) for q in found] == [("45", "kg"), ("50 mg", "kg")]


def test_durations_are_measures_in_days_or_hours() -> None:
    assert first("The two-year program ends soon.", "two-year").value == pytest.approx(2 * 365.2425)
    assert first("The sortie lasted 16 hours.", "16 hours").unit == "h"


# --- counts: what is counted ---------------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    type: str
    entity_id: str | None


def test_counted_noun_and_the_entity_inside_it() -> None:
    text = "Strikes killed 27 Houthi fighters near Hodeidah."
    houthi = Entity(text.index("Houthi"), text.index("Houthi") + 6, "NORP", "Q1139316")
    q = extract_quantities(text, entities=[houthi])[0]
    assert (q.text, q.object, q.object_entity_id, q.event) == ("27", "Houthi fighters", "Q1139316", "killed")


def test_designation_inside_the_counted_phrase_is_linked() -> None:
    text = "Lockheed will deliver 12 F-35A jets to Poland."
    jet = Entity(text.index("F-35A"), text.index("F-35A") + 5, "PLATFORM", "Q1161956")
    q = only_in(extract_quantities(text, entities=[jet]))
    assert (q.value, q.object, q.object_entity_id) == (12, "F-35A jets", "Q1161956")


def only_in(found: list[Quantity]) -> Quantity:
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    "text, surface, obj",
    [
        ("The option procured 1,648 missiles for the Army.", "1,648", "missiles"),
        ("ISIL has killed 70 members of the tribe.", "70", "members"),
        ("Hundreds of thousands of Syrians have fled.", "Hundreds of thousands", "Syrians"),
        ("The operation took 256 more prisoners.", "256", "prisoners"),
        ("More than 28,000 U.S. service members are based there.", "More than 28,000", "U.S. service members"),
        ("The coalition flew 1,322 combat sorties into Syria.", "1,322", "combat sorties"),
    ],
)
def test_counted_objects(text: str, surface: str, obj: str) -> None:
    assert first(text, surface).object == obj


def test_a_count_per_day_keeps_its_time_denominator() -> None:
    q = first("Russia launched 30 drones a day in March.", "30")
    assert (q.object, q.unit) == ("drones", "/d")
    q = first("The base was shelled four times per week.", "four")
    assert (q.object, q.unit, q.value) == ("times", "/wk", 4)


def test_ordinals_count_only_before_counting_nouns() -> None:
    q = only("Turkey marked the 93rd anniversary of the republic.")
    assert (q.value, q.qualifier, q.object) == (93, "ordinal", "anniversary of the republic".split(" of ")[0])
    assert extract_quantities("The first round of talks ended.") == []


# --- casualty events -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, surface, event",
    [
        ("At least 17 killed in the market strike.", "At least 17", "killed"),
        ("The raid left 40 wounded.", "40", "wounded"),
        ("About 250 still missing after the sinking.", "About 250", "missing"),
        ("Shelling killed 12 soldiers on Monday.", "12", "killed"),
        ("The blast, killing 12 soldiers, hit a checkpoint.", "12", "killed"),
        ("Fighters captured 30 conscripts at the crossing.", "30", "captured"),
        ("Eleven sailors were injured in the fire.", "Eleven", "wounded"),
        ("The death toll rose to 45 on Sunday.", "45", "killed"),
        ("The quake caused 12 deaths in the camp.", "12", "killed"),
        ("The army reported 40 casualties.", "40", "casualties"),
        ("Millions have been displaced by the war.", "Millions", "displaced"),
        ("Three soldiers remain in hospital.", "Three", "remaining"),
        ("The operation killed 139 insurgents and took 256 prisoners.", "256", "captured"),
        ("One soldier was killed by a mine.", "One", "killed"),
        ("Rescuers freed 20 hostages from the basement.", "20", "captured"),
    ],
)
def test_casualty_language_is_typed(text: str, surface: str, event: str) -> None:
    assert first(text, surface).event == event


def test_counts_without_casualty_language_have_no_event() -> None:
    assert first("The brigade has 4,000 soldiers.", "4,000").event is None


# --- not quantities ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The F-35A and the MQ-9 flew together.",
        "Turkey bought the S-400 despite warnings.",
        "An Su-24 crashed near Latakia.",
        "China launched another Type 055 destroyer.",
        "The 1st Armored Division deployed to Poland.",
        "The Council adopted Resolution 2254.",
        "Poland ordered Patriot PAC-3 interceptors.",
        "A Boeing 737 was diverted.",
        "Call the press desk at 202-555-0123 or (307)773-7272.",
        "The war began in 2014.",
        "The program ran 2019-2021.",
        "The attack happened on March 3, 2021.",
        "The attack happened on 3 March 2021.",
        "Troops left the base at 10:30.",
        "The meeting starts at 2 pm.",
        "The 5th Fleet patrols the Gulf.",
        "The 82nd Airborne deployed.",
        "Details are in section 119.3 of the code.",
        "Officials cited Resolutions 2254 and 2118.",
        "The village was founded in 575 B.C.",
        "Coordinates: 33°47′N 44°30′E",
        "See the footnote.[3]",
        "The MQ-9B and the A400M flew past.",
        "The 1990s were turbulent.",
        "The FY2024 budget passed.",
        "A 25-year-old sergeant was promoted.",
        "The first time was in May.",
        "A second round of talks begins.",
        "Carrier Strike Group (CSG) 5 sailed with USNS Pecos (T-AO 197).",
        "Third quarter 2025 sales rose.",
        "The score ended 5-4.",
    ],
)
def test_designations_dates_and_codes_are_not_quantities(text: str) -> None:
    assert extract_quantities(text) == []


def test_years_next_to_counts_are_skipped_but_the_counts_kept() -> None:
    found = extract_quantities("In 2014, 2,000 troops crossed the border.")
    assert [(q.text, q.value) for q in found] == [("2,000", 2000)]


def test_entity_spans_hide_the_numbers_inside_them() -> None:
    text = "Regiment 41 deployed 300 soldiers."
    unit = Entity(0, 11, "ORG", "x")
    assert [q.text for q in extract_quantities(text, entities=[unit])] == ["300"]


def test_every_record_is_well_formed() -> None:
    text = (
        "The Navy awarded a $1.2 billion contract for 12 F-35A jets; about 250 sailors, 30 knots, "
        "40%, a quarter of its tanks, between 10 and 15 drones and up to 800 troops."
    )
    found = extract_quantities(text)
    assert len(found) == 8
    for q in found:
        assert text[q.start : q.end] == q.text
        assert q.kind in QUANTITY_KINDS


# --- properties ----------------------------------------------------------------------------------

_NEWSY = st.sampled_from(
    [
        "about",
        "at least",
        "between",
        "and",
        "to",
        "$",
        "€",
        "£",
        "million",
        "billion",
        "bn",
        "%",
        "percent",
        "killed",
        "wounded",
        "troops",
        "F-35A",
        "Type",
        "055",
        "March",
        "2021",
        "1,200",
        "3.5",
        "-",
        "–",
        "(",
        ")",
        "forty-three",
        "a quarter of",
        "half",
        "dozens of",
        "km",
        "knots",
        "Mach",
        "in",
        "2014",
        "10-15",
        "±",
        "½",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=200),
        st.lists(_NEWSY, max_size=30).map(" ".join),
        st.lists(st.one_of(_NEWSY, st.text(max_size=5)), max_size=20).map("".join),
    )
)
def test_never_raises_and_offsets_slice_the_text(text: str) -> None:
    found = extract_quantities(text)
    previous_end = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.start >= previous_end
        previous_end = q.end
        assert q.kind in QUANTITY_KINDS
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
    assert extract_quantities(text) == found


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Canberra is committing A$3.1 billion ($2 billion) to the shipbuilder.", [3.1e9, 2e9]),
        ("Berlin paid 40 million euros ($43 million) for the radars.", [4e7, 4.3e7]),
        ("Net loss per share was ($0.42) in the quarter.", [-0.42]),
    ],
)
def test_parenthesised_money_is_a_conversion_after_an_amount(text: str, values: list[float]) -> None:
    assert [q.value for q in extract_quantities(text) if q.kind == "money"][: len(values)] == values


def test_a_date_mask_never_reaches_across_a_paragraph_break() -> None:
    text = "The talks ended in March\n\n4 soldiers were hurt on March 4 when 12 rockets hit."
    found = [(q.text, q.object) for q in extract_quantities(text)]
    assert found == [("4", "soldiers"), ("12", "rockets")]  # "March 4" stays a date
