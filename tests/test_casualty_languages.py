"""Casualty and status claims in Arabic, Japanese, Latvian and Thai (transforms.events.languages).

Every sentence was made up for this test in the style of wire reports of those languages. The word
tables are used only for an article of that language: the same text read as English, or with no
language, gets nothing from them.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from transforms.events.languages import LANGUAGES, grammar, language_claims, language_cue
from transforms.pipeline import normalize_text

Claim = tuple[str, str, float]

CASES: list[tuple[str, str, set[Claim]]] = [
    # Arabic: a count with a noun for people (or for the dead and wounded), the status word before it
    (
        "ar",
        "قتل 12 شخصا وأصيب 20 آخرون في انفجار سيارة مفخخة",
        {("12 شخصا", "killed", 12), ("20 آخرون", "injured", 20)},
    ),
    ("ar", "ارتفع عدد القتلى إلى 30 شخصا", {("30 شخصا", "killed", 30)}),
    ("ar", "12 قتيلا و30 جريحا في قصف على السوق", {("12 قتيلا", "killed", 12), ("30 جريحا", "injured", 30)}),
    ("ar", "اعتقلت الشرطة 14 مشتبها به بعد الهجوم", {("14 مشتبها", "arrested", 14)}),
    ("ar", "قتل ١٢ شخصا في الهجوم", {("١٢ شخصا", "killed", 12)}),
    ("ar", "وصلت 3 طائرات إلى القاعدة الجوية", set()),
    ("ar", "في عام 2019 قتل قائد الجماعة", set()),
    # Japanese: a count with its counter, the status word after it or the status noun before it
    (
        "ja",
        "北部の村で武装勢力の襲撃があり、少なくとも12人が死亡、30人以上が負傷した。",
        {("少なくとも12人", "killed", 12), ("30人以上", "injured", 30)},
    ),
    ("ja", "地震の後、作業員3人が行方不明になっている。", {("3人", "missing", 3)}),
    ("ja", "警察は容疑者5人を逮捕した。", {("5人", "arrested", 5)}),
    ("ja", "当局によると、死者は25人に上った。", {("25人", "killed", 25)}),
    ("ja", "国境付近で兵士二十人が拘束された。", {("二十人", "arrested", 20)}),
    ("ja", "2025年に3人の専門家が防衛会議に出席した。", set()),
    ("ja", "同社は戦闘機12機を受け取った。", set()),
    ("ja", "がれきの下から2人目の死者が見つかった。", set()),
    # Latvian: a numeral word with a people word after it, the status word before or after
    (
        "lv",
        "Uzbrukumā gāja bojā vismaz seši karavīri, bet četri tika ievainoti.",
        {("vismaz seši", "killed", 6), ("četri", "injured", 4)},
    ),
    ("lv", "Divas dienas pēc sprādziena glābēji atrada trīs bojāgājušos.", {("trīs", "killed", 3)}),
    ("lv", "Policija aizturēja divdesmit cilvēkus pie ministrijas.", {("divdesmit", "arrested", 20)}),
    ("lv", "Pēc vētras bez vēsts ir pazuduši divi zvejnieki.", {("divi", "missing", 2)}),
    ("lv", "Ministrs trīs dienas apmeklēja bāzi, kur pirms gada gāja bojā karavīrs.", set()),
    ("lv", "Valdība iegādāsies četras jaunas helikopteru sistēmas.", set()),
    ("lv", "Sprādzienā tika ievainots kāds vīrietis.", {("kāds", "injured", 1)}),
    ("lv", "Kāda ir situācija pilsētā pēc sprādziena?", set()),
    # Thai: a count with its counter, the status word before it (or the counter of bodies)
    ("th", "เหตุระเบิดทำให้มีผู้เสียชีวิต 3 ราย และบาดเจ็บ 12 ราย", {("3 ราย", "killed", 3), ("12 ราย", "injured", 12)}),
    ("th", "ทหาร 2 นาย ถูกยิงเสียชีวิตที่ชายแดน", {("2 นาย", "killed", 2)}),
    ("th", "เจ้าหน้าที่พบ 4 ศพ ในป่า", {("4 ศพ", "killed", 4)}),
    ("th", "ตำรวจจับกุมผู้ต้องหาสามคน", {("สามคน", "arrested", 3)}),
    ("th", "การประชุมมีผู้เข้าร่วม 50 คน เป็นเวลา 3 วัน", set()),
    ("th", "ระบบบันทึกผู้บาดเจ็บ 2 รายการ", set()),
]


@pytest.mark.parametrize(("language", "sentence", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_claims_of_a_sentence(language: str, sentence: str, expected: set[Claim]) -> None:
    assert {(c.text, c.status, c.toll.value) for c in language_claims(sentence, language)} == expected


def test_hedges_give_the_bounds() -> None:
    killed, injured = language_claims("少なくとも12人が死亡、30人以上が負傷した。", "ja")
    assert (killed.toll.hedge, killed.toll.low, injured.toll.hedge, injured.toll.low) == (
        "at least",
        12,
        "at least",
        30,
    )
    (more,) = language_claims("Evakuēti vairāk nekā 300 ciemata iedzīvotāji.", "lv")
    assert (more.status, more.toll.value, more.toll.low, more.toll.hedge) == ("displaced", 300, 300, "more than")


def test_arabic_hedge_before_and_after() -> None:
    (before,) = language_claims("أصيب ما لا يقل عن 8 جنود في الهجوم", "ar")
    assert (before.status, before.toll.value, before.toll.low, before.toll.hedge) == ("injured", 8, 8, "at least")
    (after,) = language_claims("قتل 40 مسلحا على الأقل في المعارك", "ar")
    assert (after.text, after.toll.low, after.toll.hedge) == ("40 مسلحا على الأقل", 40, "at least")


def test_a_part_takes_the_status_of_its_whole_and_is_marked() -> None:
    whole, part = language_claims("Evakuēti vairāk nekā 300 cilvēki, tostarp 40 bērni.", "lv")
    assert (whole.part_of, part.part_of, part.status, part.toll.value) == (None, whole.start, "displaced", 40)


def test_an_ordinal_beside_the_dead_is_the_toll() -> None:
    (claim,) = language_claims("Glābēji atrada piekto bojāgājušo.", "lv")
    assert (claim.text, claim.status, claim.toll.value) == ("piekto", "killed", 5)
    assert language_claims("Piektajā dienā glābēji turpināja darbu.", "lv") == []


def test_tables_are_used_only_for_their_language() -> None:
    text = "北部の村で少なくとも12人が死亡した。"
    assert language_claims(text, None) == [] and language_claims(text, "en") == [] and grammar("de") is None
    assert set(LANGUAGES) == {"ar", "ja", "lv", "th"}
    assert [c.text for c in normalize_text(text, published=None, language="ja").claims] == ["少なくとも12人"]
    assert normalize_text(text, published=None).claims == ()


def test_the_incident_type_comes_from_the_language_cues() -> None:
    text = "ダンボアで自爆攻撃があり、31人が死亡した。"
    cue = language_cue(text, 0, len(text), "ja")
    assert cue is not None and cue[:2] == ("explosions_remote_violence", "suicide_bomb")
    found = normalize_text(text, published=None, language="ja")
    assert [(e.event_type, e.subtype, e.fatalities.value if e.fatalities else None) for e in found.events] == [
        ("explosions_remote_violence", "suicide_bomb", 31)
    ]
    landslide = normalize_text("Zemes nogruvumā gāja bojā pieci cilvēki.", published=None, language="lv")
    assert [c.toll.value for c in landslide.claims] == [5] and landslide.events == ()  # a landslide: no incident


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(LANGUAGES),
    st.text(
        alphabet=st.sampled_from(list("0123456789 ,.。人名が死亡負傷ราย คนศพเสียชีวิต pieci cilvēki gāja bojā tostarp")),
        max_size=80,
    ),
)
def test_never_raises_and_claims_lie_inside_the_text(language: str, text: str) -> None:
    for claim in language_claims(text, language):
        assert 0 <= claim.start < claim.end <= len(text) and text[claim.start : claim.end] == claim.text
        assert claim.toll.value > 0
