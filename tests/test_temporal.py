"""Temporal normalizer: table-driven cases in the style of defense news, plus Hypothesis properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from schemas.temporal import TemporalExpression
from transforms.dates.expressions import extract_dates
from transforms.dates.timex import Period, easter, nth_weekday, period_of

D = dt.date
THU = D(2019, 11, 21)  # a Thursday in ISO week 47


def one(text: str, published: dt.date | None = THU, **kw: bool) -> TemporalExpression:
    found = extract_dates(text, published=published, **kw)
    assert len(found) == 1, [(e.text, e.value) for e in found]
    return found[0]


# (sentence, publication date, expected span text, TIMEX3 value, start_date, end_date)
ABSOLUTE = [
    (
        "The Army awarded the contract March 3, 2021, officials said.",
        THU,
        "March 3, 2021",
        "2021-03-03",
        D(2021, 3, 3),
        D(2021, 3, 3),
    ),
    (
        "The frigate was commissioned on 3 March 2021 in Brest.",
        THU,
        "3 March 2021",
        "2021-03-03",
        D(2021, 3, 3),
        D(2021, 3, 3),
    ),
    ("Flight testing resumed 2021-03-03 at Edwards.", THU, "2021-03-03", "2021-03-03", D(2021, 3, 3), D(2021, 3, 3)),
    ("The order, dated 03/04/2021, covers 12 jets.", THU, "03/04/2021", "2021-03-04", D(2021, 3, 4), D(2021, 3, 4)),
    (
        "The strike came Tuesday, March 3, 2020, near Basra.",
        THU,
        "Tuesday, March 3, 2020",
        "2020-03-03",
        D(2020, 3, 3),
        D(2020, 3, 3),
    ),
    (
        "Sailors returned to Norfolk Sept. 30, 2018.",
        THU,
        "Sept. 30, 2018",
        "2018-09-30",
        D(2018, 9, 30),
        D(2018, 9, 30),
    ),
    ("The brigade deployed in July 2021 to Poland.", THU, "July 2021", "2021-07", D(2021, 7, 1), D(2021, 7, 31)),
    ("The base was handed over in May 2014.", THU, "May 2014", "2014-05", D(2014, 5, 1), D(2014, 5, 31)),
    ("The program began in 2014 under a pilot contract.", THU, "2014", "2014", D(2014, 1, 1), D(2014, 12, 31)),
    ("Tank production peaked in the 1990s.", THU, "the 1990s", "199", D(1990, 1, 1), D(1999, 12, 31)),
    (
        "Trench warfare defined the 20th century battlefield.",
        THU,
        "the 20th century",
        "19",
        D(1900, 1, 1),
        D(1999, 12, 31),
    ),
    (
        "Deliveries are planned for the summer of 2022.",
        THU,
        "the summer of 2022",
        "2022-SU",
        D(2022, 6, 1),
        D(2022, 8, 31),
    ),
    (
        "Lockheed reported results for Q3 2021, beating forecasts.",
        THU,
        "Q3 2021",
        "2021-Q3",
        D(2021, 7, 1),
        D(2021, 9, 30),
    ),
    (
        "Revenue rose in the second quarter of 2020.",
        THU,
        "the second quarter of 2020",
        "2020-Q2",
        D(2020, 4, 1),
        D(2020, 6, 30),
    ),
    ("Funds for fiscal 2021 were cut.", THU, "fiscal 2021", "2021", D(2021, 1, 1), D(2021, 12, 31)),
    (
        "The exercise ended on Veterans Day 2018.",
        THU,
        "Veterans Day 2018",
        "2018-11-11",
        D(2018, 11, 11),
        D(2018, 11, 11),
    ),
]


@pytest.mark.parametrize("text,published,span,value,start,end", ABSOLUTE)
def test_absolute_dates(text: str, published: dt.date, span: str, value: str, start: dt.date, end: dt.date) -> None:
    e = one(text, published)
    assert (e.text, e.value, e.start_date, e.end_date, e.type) == (span, value, start, end, "DATE")
    assert e.anchor == "none" and text[e.start : e.end] == span


APRIL = D(2021, 4, 14)
JANUARY = D(2020, 1, 5)
# Partial dates resolved against the publication date and the tense of the sentence.
PARTIAL = [
    ("Troops crossed the border on March 3.", APRIL, "March 3", "2021-03-03"),
    ("The convoy was ambushed Mar. 3 near Kandahar.", APRIL, "Mar. 3", "2021-03-03"),
    ("Ministers will meet on March 3 to review the deal.", APRIL, "March 3", "2022-03-03"),
    ("The destroyer arrived in port Dec. 28.", JANUARY, "Dec. 28", "2019-12-28"),
    ("Rebels shelled the town on 28 December.", JANUARY, "28 December", "2019-12-28"),
    ("The carrier left Yokosuka in July.", THU, "July", "2019-07"),
    ("The squadron will redeploy in March.", THU, "March", "2020-03"),
    ("A ceasefire took hold in early March.", APRIL, "early March", "2021-03"),
    ("Drills resumed in mid-November.", THU, "mid-November", "2019-11"),
    ("The unit trained in Alaska last spring.", THU, "last spring", "2019-SP"),
    ("The fleet will exercise this summer.", JANUARY, "this summer", "2020-SU"),
    ("Officials said on Tuesday the base was hit.", THU, "Tuesday", "2019-11-19"),
    ("The delegation will travel to Seoul on Tuesday.", THU, "Tuesday", "2019-11-26"),
    ("The general spoke Thursday at the Pentagon.", THU, "Thursday", "2019-11-21"),
    ("Earnings fell in the third quarter.", THU, "the third quarter", "2019-Q3"),
    ("The contract is payable Jan. 2, the Navy said.", THU, "Jan. 2", "2020-01-02"),
    ("The truce held over Thanksgiving.", D(2019, 12, 2), "Thanksgiving", "2019-11-28"),
]


@pytest.mark.parametrize("text,published,span,value", PARTIAL)
def test_partial_dates_take_the_right_year(text: str, published: dt.date, span: str, value: str) -> None:
    e = one(text, published)
    assert (e.text, e.value) == (span, value)
    assert e.anchor == "publication" and e.anchor_date == published
    assert e.start_date is not None and e.end_date is not None and e.start_date <= e.end_date


def test_early_march_narrows_the_interval() -> None:
    e = one("A ceasefire took hold in early March.", APRIL)
    assert (e.mod, e.start_date, e.end_date) == ("START", D(2021, 3, 1), D(2021, 3, 10))


@pytest.mark.parametrize(
    "text,span,value",
    [
        ("Troops crossed the border on March 3.", "March 3", "XXXX-03-03"),
        ("Drones struck the depot Nov. 21.", "Nov. 21", "XXXX-11-21"),
        ("The carrier left port in July.", "July", "XXXX-07"),
        ("Officials briefed reporters on Tuesday.", "Tuesday", "XXXX-WXX-2"),
        ("The battalion rotated home last week.", "last week", "XXXX-WXX"),
    ],
)
def test_without_publication_date_partial_dates_stay_unresolved(text: str, span: str, value: str) -> None:
    e = one(text, None)
    assert (e.text, e.value, e.start_date, e.end_date, e.anchor) == (span, value, None, None, "none")


# Relative expressions against Thursday 2019-11-21.
RELATIVE = [
    ("The battalion rotated home last week.", "last week", "2019-W46", D(2019, 11, 11), D(2019, 11, 17)),
    ("Two soldiers were wounded two days ago.", "two days ago", "2019-11-19", D(2019, 11, 19), D(2019, 11, 19)),
    ("The ministry confirmed the sale earlier this month.", "earlier this month", "2019-11", D(2019, 11, 1), THU),
    ("The budget request is due next year.", "next year", "2020", D(2020, 1, 1), D(2020, 12, 31)),
    ("Militants attacked the outpost yesterday.", "yesterday", "2019-11-20", D(2019, 11, 20), D(2019, 11, 20)),
    ("The Pentagon announced the award today.", "today", "2019-11-21", THU, THU),
    ("The inspection team arrives this week.", "this week", "2019-W47", D(2019, 11, 18), D(2019, 11, 24)),
    ("The regiment moved north last month.", "last month", "2019-10", D(2019, 10, 1), D(2019, 10, 31)),
    ("Procurement slowed last year.", "last year", "2018", D(2018, 1, 1), D(2018, 12, 31)),
    ("The frigate sank three years ago.", "three years ago", "2016", D(2016, 1, 1), D(2016, 12, 31)),
    ("The sanctions take effect tomorrow.", "tomorrow", "2019-11-22", D(2019, 11, 22), D(2019, 11, 22)),
]


@pytest.mark.parametrize("text,span,value,start,end", RELATIVE)
def test_relative_expressions(text: str, span: str, value: str, start: dt.date, end: dt.date) -> None:
    e = one(text)
    assert (e.text, e.value, e.start_date, e.end_date) == (span, value, start, end)
    assert e.anchor == "publication" and e.anchor_date == THU


@pytest.mark.parametrize(
    "text,span,value",
    [
        ("Recently, the Navy shifted two destroyers.", "Recently", "PAST_REF"),
        ("The radar is now operational.", "now", "PRESENT_REF"),
        ("More drones will be fielded in the future.", "the future", "FUTURE_REF"),
    ],
)
def test_vague_references_have_no_interval(text: str, span: str, value: str) -> None:
    e = one(text)
    assert (e.text, e.value, e.start_date, e.end_date, e.granularity) == (span, value, None, None, None)


def test_a_year_earlier_is_anchored_to_the_date_in_the_text() -> None:
    found = extract_dates("The exercise began in 2015. A year earlier, the base had closed.", published=THU)
    assert [(e.text, e.value, e.anchor) for e in found] == [
        ("2015", "2015", "none"),
        ("A year earlier", "2014", "text"),
    ]
    assert found[1].anchor_date == D(2015, 1, 1)


def test_the_next_day_follows_the_text() -> None:
    found = extract_dates("The raid began on June 4, 2017. The next day, troops withdrew.", published=THU)
    assert (found[1].text, found[1].value, found[1].anchor) == ("The next day", "2017-06-05", "text")


def test_that_year_and_the_end_of_the_year() -> None:
    found = extract_dates(
        "The base opened in 2003. That year the wing arrived. Work ends at the end of the year.", published=THU
    )
    assert [(e.text, e.value, e.mod) for e in found] == [
        ("2003", "2003", None),
        ("That year", "2003", None),
        ("the end of the year", "2019", "END"),
    ]
    assert (found[2].start_date, found[2].end_date) == (D(2019, 9, 2), D(2019, 12, 31))


def test_modal_clause_reads_the_nearest_date() -> None:
    e = one("Officials said the ban would be lifted in January.", D(2019, 10, 30))
    assert e.value == "2020-01"


RANGES = [
    (
        "Patrols ran between May 2 and May 9 along the border.",
        "between May 2 and May 9",
        "2019-05-02/2019-05-09",
        D(2019, 5, 2),
        D(2019, 5, 9),
    ),
    ("The unit served in Iraq from 2014 to 2016.", "from 2014 to 2016", "2014/2016", D(2014, 1, 1), D(2016, 12, 31)),
    ("The exercise runs May 2-9, 2021.", "May 2-9, 2021", "2021-05-02/2021-05-09", D(2021, 5, 2), D(2021, 5, 9)),
    ("The 2014-2016 campaign cost billions.", "2014-2016", "2014/2016", D(2014, 1, 1), D(2016, 12, 31)),
    ("Budgets for 2019-21 were frozen.", "2019-21", "2019/2021", D(2019, 1, 1), D(2021, 12, 31)),
    (
        "The drills lasted from March 3 to April 5, 2021.",
        "from March 3 to April 5, 2021",
        "2021-03-03/2021-04-05",
        D(2021, 3, 3),
        D(2021, 4, 5),
    ),
    (
        "Talks are set for Nov. 25 through Nov. 27.",
        "Nov. 25 through Nov. 27",
        "2019-11-25/2019-11-27",
        D(2019, 11, 25),
        D(2019, 11, 27),
    ),
]


@pytest.mark.parametrize("text,span,value,start,end", RANGES)
def test_ranges_are_one_expression(text: str, span: str, value: str, start: dt.date, end: dt.date) -> None:
    e = one(text)
    assert (e.text, e.value, e.start_date, e.end_date, e.type) == (span, value, start, end, "DATE")


def test_ranges_can_be_split_for_timeml() -> None:
    found = extract_dates("The unit served in Iraq from 2014 to 2016.", published=THU, merge_ranges=False)
    assert [e.value for e in found] == ["2014", "2016"]


DURATIONS = [
    ("The deployment lasted three days.", "three days", "P3D", None),
    ("The war dragged on for a decade.", "a decade", "P10Y", None),
    ("The refit will take 18 months.", "18 months", "P18M", None),
    ("Crews trained for two weeks.", "two weeks", "P2W", None),
    ("The siege lasted more than two years.", "more than two years", "P2Y", "MORE_THAN"),
    ("The base has been closed for nearly a century.", "nearly a century", "P100Y", "LESS_THAN"),
    ("Pilots flew 12 hours without rest.", "12 hours", "PT12H", None),
    ("Fighting raged over the past two months.", "the past two months", "P2M", None),
    ("A 10-year lease was signed.", "10-year", "P10Y", None),
    ("The talks stalled for several years.", "several years", "PXY", None),
    ("The crew had half an hour to respond.", "half an hour", "PT30M", None),
]


@pytest.mark.parametrize("text,span,value,mod", DURATIONS)
def test_durations(text: str, span: str, value: str, mod: str | None) -> None:
    e = one(text)
    assert (e.text, e.type, e.value, e.mod, e.start_date, e.end_date) == (span, "DURATION", value, mod, None, None)


@pytest.mark.parametrize(
    "text,span,type_,value",
    [
        ("The base was shelled at 10:30 a.m.", "10:30 a.m.", "TIME", "2019-11-21T10:30"),
        ("The blast hit Tuesday morning.", "Tuesday morning", "TIME", "2019-11-19TMO"),
        ("The ceasefire began at 10 p.m. Tuesday.", "10 p.m. Tuesday", "TIME", "2019-11-19T22:00"),
        ("Curfew starts at 1800 hours.", "1800 hours", "TIME", "2019-11-21T18:00"),
        ("Patrols go out every Tuesday.", "every Tuesday", "SET", "XXXX-WXX-2"),
        ("The ministry publishes casualty figures daily.", "daily", "SET", "P1D"),
        ("Inspectors visit twice a year.", "a year", "SET", "P1Y"),
    ],
)
def test_times_and_sets(text: str, span: str, type_: str, value: str) -> None:
    e = one(text)
    assert (e.text, e.type, e.value) == (span, type_, value)


@pytest.mark.parametrize(
    "text",
    [
        "The F-35A and MQ-9 flew with an S-400 battery nearby.",
        "The Type 055 destroyer and a Su-24 were tracked.",
        "UN Resolution 2254 calls for a political settlement.",
        "The 1st Armored Division fired 1,648 missiles.",
        "Theresa May said the troops may march at dawn.",
        "The army began to fall apart after the defeat.",
        "The contract is worth $2014 million.",
        "Call 703-555-0123 for details.",
        "The Sun reported that Jan Kavan signed.",
        "Sales rose 2020% in a single quarter-turn.",
    ],
)
def test_designations_and_ordinary_words_are_not_dates(text: str) -> None:
    assert extract_dates(text, published=THU) == []


def test_offsets_and_order_on_a_dense_paragraph() -> None:
    text = (
        "WASHINGTON (May 31, 2022) — The Army said Tuesday it will field the system by 2025. Between May 2 "
        "and May 9, units trained for three days; a year earlier they had waited 18 months."
    )
    found = extract_dates(text, published=D(2022, 5, 31))
    assert [e.text for e in found] == [
        "May 31, 2022",
        "Tuesday",
        "2025",
        "Between May 2 and May 9",
        "three days",
        "a year earlier",
        "18 months",
    ]
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


# --- calendar arithmetic ---------------------------------------------------------------------------------
def test_period_values_and_bounds() -> None:
    assert period_of(THU, "week").value == "2019-W47"
    assert period_of(D(2021, 1, 15), "season").value == "2020-WI"
    assert period_of(D(2020, 2, 10), "season").end == D(2020, 2, 29)
    assert period_of(THU, "quarter").shift(-1) == Period("quarter", D(2019, 7, 1))
    assert period_of(THU, "decade").value == "201"
    assert period_of(THU, "half").value == "2019-H2"
    assert easter(2024) == D(2024, 3, 31)
    assert nth_weekday(2019, 11, 4, 4) == D(2019, 11, 28)
    assert nth_weekday(2021, 5, 1, -1) == D(2021, 5, 31)


# --- properties --------------------------------------------------------------------------------------------
_TOKENS = [
    "March 3",
    ", 2021",
    "May",
    "2-9",
    "Tuesday",
    "last week",
    " ",
    "the 1990s",
    "between",
    "and",
    "from",
    "to",
    "three days",
    "ago",
    "Q3",
    "fiscal",
    "10:30 a.m.",
    "-",
    "–",
    "/",
    "2014",
    "'90s",
    "early",
    "the",
    "next",
    "year",
    "quarter",
    "every",
    "mid-",
    "\n\n",
    ".",
    "Sept.",
    "31",
    "Feb. 29",
    "yesterday",
    "12/31/99",
]
_TEXT = st.one_of(
    st.text(max_size=200), st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=5)), max_size=40).map(" ".join)
)
_DATES = st.one_of(st.none(), st.dates(min_value=D(1001, 1, 1), max_value=D(2998, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, published=_DATES)
def test_never_raises_and_offsets_slice_to_the_text(text: str, published: dt.date | None) -> None:
    found = extract_dates(text, published=published)
    for e in found:
        assert text[e.start : e.end] == e.text and e.start < e.end
        assert (e.start_date is None) == (e.end_date is None)
        if e.start_date is not None and e.end_date is not None:
            assert e.start_date <= e.end_date
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


@settings(max_examples=150, deadline=None)
@given(text=_TEXT, published=_DATES)
def test_deterministic_for_a_fixed_publication_date(text: str, published: dt.date | None) -> None:
    assert extract_dates(text, published=published) == extract_dates(text, published=published)


# --- rules added with the TimeBank error analysis (tense, business periods, spoken years, spans) -----
WED = D(2021, 3, 10)  # a Wednesday
TENSE_CASES = [
    # a verb of planning: the planned day may lie ahead (nearest reading)
    ("The task force planned to leave Souda Bay on Thursday.", WED, "Thursday", "2021-03-11"),
    # a modal: nearest reading, not the last Thursday
    ("The minister would be traveling to Kyiv Thursday, aides said.", WED, "Thursday", "2021-03-11"),
    # a deadline word: nearest reading
    ("The convoy could cross the border as soon as Friday.", WED, "Friday", "2021-03-12"),
    ("Talks are set to resume Monday in Geneva.", WED, "Monday", "2021-03-15"),
    # a past verb in a new clause after "will" reads as past
    ("Rebels will keep fighting, the ministry predicted Monday.", WED, "Monday", "2021-03-08"),
    # a participle after "will be" keeps the future reading, also for irregular verbs
    ("The new dividend will be paid Dec. 14 to holders of record.", D(2021, 10, 26), "Dec. 14", "2021-12-14"),
    # a fronted date whose verb comes late in the sentence
    (
        "In January, after the anniversary of the treaty signing in the capital and a long debate in parliament, "
        "a car bomb outside the defense ministry killed a guard.",
        D(2021, 10, 25),
        "January",
        "2021-01",
    ),
    # a future cue before a deadline word: the next occurrence
    ("The airline will double its flights to Kabul by August.", D(2021, 2, 13), "August", "2021-08"),
    # "On Friday, X planned to": the plan was made on the past Friday
    ("On Friday, the government planned to pay the first claims.", WED, "Friday", "2021-03-05"),
    # quarters are reported once they have begun
    ("Net income rose in the third quarter, Raytheon said.", D(2021, 3, 12), "the third quarter", "2020-Q3"),
]


@pytest.mark.parametrize("text,published,span,value", TENSE_CASES)
def test_tense_cues_pick_the_occurrence(text: str, published: dt.date, span: str, value: str) -> None:
    e = one(text, published)
    assert (e.text, e.value) == (span, value)


OCT30 = D(1989, 10, 30)
BUSINESS = [
    ("The sale should close by year-end, the shipyard said.", OCT30, "year-end", "1989-12-31", "DATE"),
    ("The index has fallen 12% since year-end.", OCT30, "year-end", "1988-12-31", "DATE"),
    ("For the year ended Sept. 30, the contractor earned $422 million.", OCT30, "the year", "P1Y", "DURATION"),
    ("Sales for the full year were $6.6 billion.", OCT30, "the full year", "1989", "DATE"),
    ("Deliveries were delayed earlier in the year by strikes.", OCT30, "earlier in the year", "1989", "DATE"),
    ("Margins fell in the last half of 1989.", OCT30, "the last half of 1989", "1989-H2", "DATE"),
    ("A decade ago, the alliance bombed Serbia.", D(1999, 3, 12), "A decade ago", "1989", "DATE"),
    ("The year-ago figure was lower.", OCT30, "The year-ago", "1988", "DATE"),
]


@pytest.mark.parametrize("text,published,span,value,type_", BUSINESS)
def test_reporting_periods(text: str, published: dt.date, span: str, value: str, type_: str) -> None:
    found = [e for e in extract_dates(text, published=published) if e.text == span]
    assert [(e.value, e.type) for e in found] == [(value, type_)]


def test_the_year_period_is_the_quarter_under_discussion_in_that_year() -> None:
    found = extract_dates("Profit rose in the third quarter. Costs in the 1988 period were higher.", published=OCT30)
    assert [(e.text, e.value) for e in found] == [("the third quarter", "1989-Q3"), ("the 1988 period", "1988-Q3")]


SPOKEN = [
    ("In nineteen ninety-one the brigade deployed to the Gulf.", "nineteen ninety-one", "1991"),
    ("The army promised to modernize by the year two thousand.", "the year two thousand", "2000"),
    ("Oil fell to the level of the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "1994-WI"),
    ("The blast came in January nineteen ninety-seven.", "January nineteen ninety-seven", "1997-01"),
    ("The war ended in nineteen hundred and forty-five.", "nineteen hundred and forty-five", "1945"),
]


@pytest.mark.parametrize("text,span,value", SPOKEN)
def test_spoken_years(text: str, span: str, value: str) -> None:
    e = one(text, D(1998, 2, 1))
    assert (e.text, e.value) == (span, value)


@pytest.mark.parametrize(
    "text",
    [
        "Some two thousand troops crossed the river.",
        "Nineteen soldiers were wounded.",
        "Twelve hundred sailors man the carrier.",
    ],
)
def test_spoken_numbers_are_not_years(text: str) -> None:
    assert extract_dates(text, published=D(1998, 2, 1)) == []


SPANS = [
    ("The summit in Washington is set for April 24 and 25.", "25", "2021-04-25", "DATE"),
    ("The exiles made the late-November crossing by boat.", "late-November", "2020-11", "DATE"),
    ("Post-1959 politics split the island's families.", "1959", "1959", "DATE"),
    ("The decades-long insurgency wound down.", "decades-long", "PXY", "DURATION"),
    ("Negotiators ended their third day-long session.", "day-long", "P1D", "DURATION"),
    ("The index lagged for eight trading days.", "eight trading days", "P8D", "DURATION"),
    ("The lease may be extended for an additional year.", "an additional year", "P1Y", "DURATION"),
    ("The strike lasted a minute and a half.", "a minute and a half", "PT1M30S", "DURATION"),
    ("A few days later, the battalion withdrew.", "A few days", "PXD", "DURATION"),
    ("Just over an hour later, the drones returned.", "Just over an hour", "PT1H", "DURATION"),
    ("The father will leave at 4 in the morning.", "4 in the morning", "2021-04-05T04:00", "TIME"),
    ("The prisoner is due in court at midday.", "midday", "2021-04-05T12:00", "TIME"),
    ("The fleet will sail in coming weeks.", "coming weeks", "FUTURE_REF", "DATE"),
    ("A clock was stopped a week or so ago.", "a week or so ago", "2021-W13", "DATE"),
]


@pytest.mark.parametrize("text,span,value,type_", SPANS)
def test_spans_and_values_of_new_rules(text: str, span: str, value: str, type_: str) -> None:
    found = [e for e in extract_dates(text, published=D(2021, 4, 5)) if e.text == span]
    assert [(e.value, e.type) for e in found] == [(value, type_)], extract_dates(text, published=D(2021, 4, 5))


def test_two_days_sharing_a_year() -> None:
    found = extract_dates("Talks were held on March 3 and 4, 2019 in Geneva.", published=THU)
    assert [(e.text, e.value) for e in found] == [("March 3", "2019-03-03"), ("4, 2019", "2019-03-04")]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Reupke, 52 years old, will retire.",
        "Iraq imports about three-quarters of its food.",
        "Funds account for more than a quarter of the market.",
        "A second group of directors objected.",
        "Traders put it at 5% of the average daily volume.",
        "The quarter-to-quarter comparison improved.",
    ],
)
def test_ages_fractions_ordinals_and_statistics_are_not_dates(text: str) -> None:
    assert extract_dates(text, published=THU) == []


def test_a_year_in_a_day_range_is_not_a_day() -> None:
    found = extract_dates("from 26th june of 2020 to 28th june of 2020", published=THU)
    assert [(e.value, e.start_date, e.end_date) for e in found] == [
        ("2020-06-26/2020-06-28", D(2020, 6, 26), D(2020, 6, 28))
    ]


@pytest.mark.parametrize(
    "text, spans",
    [
        ("The frigate returns this upcoming Friday.", ["Friday"]),  # not "coming Friday" from inside "upcoming"
        ("The depot reopened in 2017 April.", ["2017", "April"]),  # not "17 April" from inside "2017"
    ],
)
def test_expressions_start_at_a_word_start(text: str, spans: list[str]) -> None:
    found = [e.text for e in extract_dates(text, published=dt.date(2024, 6, 1))]
    assert found == spans


def test_rules_skipping_paragraphs_without_their_cue_still_find_every_date() -> None:
    text = (
        "The brigade trained for two weeks.\n"
        "No dates here at all.\n"
        "Officials said on Tuesday, March 4, that the drills would resume in the spring of 2026.\n"
        "Inspectors visit twice a year.\n"
        "The crews met at 0600 hours, and again on Valentine's Day."
    )
    found = [e.text for e in extract_dates(text, published=dt.date(2025, 3, 6))]
    assert found == ["two weeks", "Tuesday, March 4", "the spring of 2026", "a year", "0600 hours", "Valentine's Day"]


_EVERY_RULE = (
    "Today the battalion moved out; yesterday it trained, and tonight it sails. This morning the crew met.\n"
    "A year ago the base closed, twelve months earlier than planned, and that same week the unit left.\n"
    "Over the weekend, and at year-end, the year ended to March with results for the fiscal year.\n"
    "In the coming months, and for the foreseeable future, the plant is currently idle; recently, right now, at present.\n"
    "Patrols run daily, weekly and annually, every other Tuesday, each morning, twice a week and 3 times per year.\n"
    "On March 4, 2025, at 0600 hours, in the spring of 2026 and during the first quarter, for two weeks."
)


def test_the_cue_words_skip_only_paragraphs_without_a_match(monkeypatch: pytest.MonkeyPatch) -> None:
    import transforms.dates.expressions as temporal

    published = dt.date(2025, 3, 6)
    with_cues = extract_dates(_EVERY_RULE, published=published)
    monkeypatch.setattr(temporal, "_cues", lambda: {})  # every rule over every paragraph
    assert extract_dates(_EVERY_RULE, published=published) == with_cues
    assert len(with_cues) > 25
