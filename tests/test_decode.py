"""transforms.extract.decode: binary sniffing and charset decoding, in the documented order of evidence."""

from __future__ import annotations

import codecs
import gzip
import zlib

import pytest
from hypothesis import given, settings, strategies as st

from transforms.errors import BinaryContent, EmptyDocument, InvalidEncoding, TransformError
from transforms.extract.decode import (
    Charset,
    decode_document,
    decode_html,
    decode_text,
    normalize_charset,
    sniff_binary,
)

PAGE = "<html><head><title>Test</title></head><body><p>Caf\u00e9 \u201cquoted\u201d \u2014 \u20ac5</p></body></html>"

# Paragraphs in the style of defense news, written for these tests, for pages that declare no charset.
ENGLISH = (
    "The Army\u2019s \u201cExtended Range\u201d howitzer fired its first rounds at Yuma on Tuesday, officials "
    "said. The programme, which cost \u20ac1.2 billion, has slipped two years \u2014 and the caf\u00e9 by the "
    "range stayed open. \u201cWe\u2019re pleased,\u201d the project manager said."
)
SPANISH = (
    "La Armada espa\u00f1ola recibi\u00f3 el martes en Ferrol el nuevo buque de acci\u00f3n mar\u00edtima. "
    "Seg\u00fan el Ministerio de Defensa, la incorporaci\u00f3n del nav\u00edo reforzar\u00e1 la vigilancia en "
    "aguas del Estrecho. \u00bfCu\u00e1ndo zarpar\u00e1? El almirante se\u00f1al\u00f3 que la tripulaci\u00f3n, "
    "de 46 marineros, completar\u00e1 su adiestramiento en oto\u00f1o."
)
PORTUGUESE = (
    "A Marinha do Brasil lan\u00e7ou ao mar nesta ter\u00e7a-feira o quarto submarino convencional do "
    "programa, em cerim\u00f4nia no estaleiro de Itagua\u00ed. Segundo o comandante, a embarca\u00e7\u00e3o "
    "passar\u00e1 por testes de mar at\u00e9 o fim do ano, quando ser\u00e1 incorporada \u00e0 esquadra."
)
GERMAN = (
    "Die Bundeswehr hat am Dienstag in Unterl\u00fc\u00df die ersten Sch\u00fctzenpanzer des neuen Loses "
    "\u00fcbernommen. Nach Angaben des Verteidigungsministeriums sollen bis Jahresende weitere 50 Fahrzeuge "
    "ausgeliefert werden. Die \u00dcbergabe verz\u00f6gerte sich um mehrere Monate."
)
POLISH = (
    "Ministerstwo Obrony Narodowej poinformowa\u0142o we wtorek, \u017ce do jednostek w \u015awi\u0119toszowie "
    "trafi\u0142a kolejna partia czo\u0142g\u00f3w. \u017bo\u0142nierze rozpoczn\u0105 szkolenie na nowym "
    "sprz\u0119cie jeszcze w tym miesi\u0105cu, powiedzia\u0142 rzecznik resortu."
)
RUSSIAN = (
    "\u041c\u0438\u043d\u0438\u0441\u0442\u0435\u0440\u0441\u0442\u0432\u043e \u043e\u0431\u043e\u0440\u043e\u043d\u044b "
    "\u0441\u043e\u043e\u0431\u0449\u0438\u043b\u043e \u0432\u043e \u0432\u0442\u043e\u0440\u043d\u0438\u043a "
    "\u043e \u043f\u043e\u0441\u0442\u0430\u0432\u043a\u0435 \u043f\u0435\u0440\u0432\u043e\u0439 "
    "\u043f\u0430\u0440\u0442\u0438\u0438 \u043d\u043e\u0432\u044b\u0445 \u0431\u0440\u043e\u043d\u0435\u043c\u0430\u0448\u0438\u043d "
    "\u0432 \u0432\u043e\u0439\u0441\u043a\u0430 \u043e\u043a\u0440\u0443\u0433\u0430. \u0414\u043e \u043a\u043e\u043d\u0446\u0430 "
    "\u0433\u043e\u0434\u0430 \u0432 \u0447\u0430\u0441\u0442\u0438 \u043f\u043e\u0441\u0442\u0443\u043f\u044f\u0442 "
    "\u0435\u0449\u0451 \u0441\u043e\u0440\u043e\u043a \u043c\u0430\u0448\u0438\u043d."
)
JAPANESE = "防衛省は火曜日、海上自衛隊の新型護衛艦を報道陣に公開した。同艦は来年春に就役する予定で、対潜能力が強化されている。関係者によると、建造費は約五百億円に上る。"
CHINESE = "国防部新闻发言人在例行记者会上表示，军队将继续加强实战化训练，提高打赢能力。发言人还介绍了近期的国际军事合作情况，包括联合演习和人员交流。"
KOREAN = "국방부는 화요일 새로운 호위함을 해군에 인도했다고 밝혔다. 국방부 관계자에 따르면 이 함정은 내년 봄에 취역할 예정이며 대잠 능력이 크게 강화되었다."
NOISE = bytes.fromhex("9bbfc5c1ca92f3cdf7e5e49ec3b9d0dbc2dca6a9") * 3 + bytes(range(0x80, 0x100))  # high bytes, no text


def legacy_page(paragraph: str) -> str:
    """A news page with no charset declared anywhere (no header, no <meta>, no BOM)."""
    title = paragraph.split(".")[0][:60]
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{paragraph}</p></article></body></html>"
    )


# -- sniff_binary ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        (gzip.compress(b"<html>hello</html>"), "GZIP"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
    ],
)
def test_sniff_binary_names_known_signatures(data: bytes, kind: str) -> None:
    with pytest.raises(BinaryContent) as caught:
        sniff_binary(data)
    assert caught.value.value == kind
    assert kind in str(caught.value)


def test_sniff_binary_rejects_a_nul_byte_and_says_where() -> None:
    with pytest.raises(BinaryContent, match="NUL byte at byte 6") as caught:
        sniff_binary(b"<html>\x00</html>")
    assert caught.value.field == "nul_byte"


def test_sniff_binary_rejects_many_control_characters() -> None:
    noise = bytes(range(1, 9)) * 20 + b"<p>some text</p>"
    with pytest.raises(BinaryContent, match="control characters"):
        sniff_binary(noise)


def test_sniff_binary_rejects_compressed_noise_without_a_signature() -> None:
    # raw deflate has no magic number; its bytes are dense in control characters and NULs
    with pytest.raises(BinaryContent):
        sniff_binary(zlib.compress(bytes(range(256)) * 40)[2:])


@pytest.mark.parametrize(
    "data",
    [
        PAGE.encode("utf-8"),
        PAGE.encode("cp1252"),
        b"Plain text\twith tabs\r\nand CRLF\fand a form feed.",
        b"\x1b$B%F%9%H\x1b(B ISO-2022-JP escapes are text",
        codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"),
        codecs.BOM_UTF32_BE + PAGE.encode("utf-32-be"),
    ],
)
def test_sniff_binary_accepts_text(data: bytes) -> None:
    sniff_binary(data)  # raises on binary


# -- decode_html / decode_text ---------------------------------------------------------------


def test_utf8_without_declaration() -> None:
    assert decode_html(PAGE.encode("utf-8")) == PAGE


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_byte_order_mark_wins_over_every_declaration(bom: bytes, codec: str) -> None:
    data = bom + PAGE.replace("<head>", '<head><meta charset="windows-1252">').encode(codec)
    text = decode_html(data, declared="text/html; charset=iso-8859-2")
    assert "Caf\u00e9 \u201cquoted\u201d" in text
    assert not text.startswith("\ufeff")


def test_meta_charset_is_read() -> None:
    data = PAGE.replace("<head>", '<head><meta charset="windows-1252">').encode("cp1252")
    assert "Caf\u00e9 \u201cquoted\u201d \u2014 \u20ac5" in decode_html(data)


def test_http_equiv_content_type_is_read() -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-15">'
    data = PAGE.replace("\u201c", '"').replace("\u201d", '"').replace("\u2014", "-")
    data_bytes = data.replace("<head>", f"<head>{meta}").encode("iso-8859-15")
    assert "Caf\u00e9" in decode_html(data_bytes) and "\u20ac5" in decode_html(data_bytes)


def test_header_charset_wins_over_meta() -> None:
    data = PAGE.replace("<head>", '<head><meta charset="utf-8">').encode("cp1252")
    assert "\u201cquoted\u201d" in decode_html(data, declared="text/html; charset=windows-1252")
    assert "\u201cquoted\u201d" in decode_html(data, declared="windows-1252")


def test_meta_after_the_first_4_kib_is_ignored() -> None:
    padding = "<!-- " + "x" * 5000 + " -->"
    html = f"<html><head>{padding}<meta charset='windows-1252'></head><p>{SPANISH}</p></html>"
    text, charset = decode_document(html.encode("cp1252"), kind="html")
    assert text == html and charset == Charset("cp1252", "guessed")  # read, but not from the <meta>


def test_latin1_label_reads_as_windows_1252_like_browsers() -> None:
    data = b'<meta charset="iso-8859-1"><p>\x93quoted\x94 \x81</p>'
    assert "\u201cquoted\u201d \x81" in decode_html(data)


def test_unknown_declared_charset_falls_back_to_strict_utf8_then_a_guess() -> None:
    assert decode_document(PAGE.encode(), kind="html", declared="text/html; charset=x-no-such-charset") == (
        PAGE,
        Charset("utf-8", "utf8"),
    )
    page = legacy_page(PORTUGUESE)
    assert decode_document(page.encode("cp1252"), kind="html", declared="x-no-such-charset") == (
        page,
        Charset("cp1252", "guessed"),
    )


def test_utf16_meta_in_an_ascii_document_means_utf8() -> None:
    data = '<meta charset="utf-16"><p>caf\u00e9</p>'.encode()
    assert "caf\u00e9" in decode_html(data)


def test_invalid_utf8_reports_the_byte_offset() -> None:
    data = b"<p>" + b"a" * 1231 + NOISE + b"</p>"  # no charset reads the noise as text either
    with pytest.raises(InvalidEncoding) as caught:
        decode_html(data)
    assert str(caught.value) == "not valid UTF-8 at byte 1234"
    assert caught.value.field == "encoding"


def test_offset_counts_the_byte_order_mark() -> None:
    with pytest.raises(InvalidEncoding, match="at byte 5"):
        decode_text(codecs.BOM_UTF8 + b"ab\xc3(")


def test_decode_text_uses_declared_charset() -> None:
    assert decode_document(
        "Stra\u00dfe".encode("cp1252"), kind="text", declared="text/plain; charset=windows-1252"
    ) == ("Stra\u00dfe", Charset("cp1252", "header"))
    assert decode_document(GERMAN.encode("cp1252"), kind="text") == (GERMAN, Charset("cp1252", "guessed"))
    with pytest.raises(InvalidEncoding):
        decode_text(b"Stra" + NOISE)


# -- the last step: guessing the charset of an undeclared page -----------------------------------


@pytest.mark.parametrize(
    ("paragraph", "encoding", "codec"),
    [
        (ENGLISH, "cp1252", "cp1252"),
        (SPANISH, "cp1252", "cp1252"),
        (PORTUGUESE, "cp1252", "cp1252"),
        (GERMAN, "cp1252", "cp1252"),
        (POLISH, "cp1250", "cp1250"),
        (RUSSIAN, "cp1251", "cp1251"),
        (RUSSIAN, "koi8_r", "koi8_r"),
        (JAPANESE, "shift_jis", "cp932"),  # named as browsers read Shift_JIS: its Windows superset
        (CHINESE, "gb2312", "gb18030"),
        (KOREAN, "euc_kr", "cp949"),
    ],
)
def test_an_undeclared_legacy_page_is_guessed_and_flagged(paragraph: str, encoding: str, codec: str) -> None:
    page = legacy_page(paragraph)
    data = page.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # not UTF-8, and nothing says what it is
    assert decode_document(data, kind="html") == (page, Charset(codec, "guessed"))
    assert decode_html(data) == page


@pytest.mark.parametrize(("paragraph", "encoding"), [(SPANISH, "cp1252"), (POLISH, "cp1250"), (JAPANESE, "shift_jis")])
def test_a_long_head_of_scripts_does_not_mislead_the_guess(paragraph: str, encoding: str) -> None:
    """The guess reads the text around the non-ASCII bytes of a large page, not its first 64 KiB of code."""
    script = "<script>window.dataLayer = window.dataLayer || [];\n" + "dataLayer.push({'section': 'naval'});\n" * 3000
    page = legacy_page(" ".join([paragraph] * 40)).replace("<head>", f"<head>{script}</script>")
    assert len(page) > 100_000
    text, charset = decode_document(page.encode(encoding), kind="html")
    assert text == page and charset.source == "guessed"


def test_a_few_accents_in_latin_text_are_not_read_as_cyrillic() -> None:
    """Too few words to tell a language; windows-1251 decodes the bytes without a fault too ("Cafй ... яю"),
    but no word mixes the Latin and Cyrillic alphabets."""
    text = "Caf\u00e9 convoy log\n\n" + "convoy " * 40 + "\u00ff\u00fe"
    assert decode_document(text.encode("cp1252"), kind="text") == (text, Charset("cp1252", "guessed"))


def test_a_page_whose_declaration_is_wrong_is_guessed_and_flagged() -> None:
    page = legacy_page(SPANISH).replace("<head>", '<head><meta charset="utf-8">')
    assert decode_document(page.encode("cp1252"), kind="html", declared="text/html; charset=utf-8") == (
        page,
        Charset("cp1252", "guessed"),
    )


@pytest.mark.parametrize(
    ("data", "source", "codec"),
    [
        (codecs.BOM_UTF8 + legacy_page(RUSSIAN).encode(), "bom", "utf-8"),
        (codecs.BOM_UTF16_LE + legacy_page(RUSSIAN).encode("utf-16-le"), "bom", "utf-16-le"),
        (legacy_page(RUSSIAN).encode("cp1251"), "header", "cp1251"),
        (legacy_page(RUSSIAN).replace("<head>", '<head><meta charset="koi8-r">').encode("koi8-r"), "meta", "koi8_r"),
        (legacy_page(RUSSIAN).encode(), "utf8", "utf-8"),
    ],
)
def test_the_charset_and_its_evidence_are_reported(data: bytes, source: str, codec: str) -> None:
    declared = "text/html; charset=windows-1251" if source == "header" else None
    text, charset = decode_document(data, kind="html", declared=declared)
    assert charset == Charset(codec, source) and RUSSIAN in text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(0x80, 0x100)) * 4,
            "PDF",
        ),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(range(0x80, 0x100)) * 4, "JPEG"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(0x80, 0x100)) * 4, "PNG"),
    ],
)
def test_binary_files_are_never_guessed_as_text(data: bytes, kind: str) -> None:
    for decode in (decode_html, decode_text):
        with pytest.raises(BinaryContent) as caught:
            decode(data)
        assert caught.value.value == kind


def test_bytes_no_charset_reads_as_text_stay_invalid() -> None:
    with pytest.raises(InvalidEncoding, match="not valid UTF-8 at byte 0"):
        decode_html(NOISE * 4)
    with pytest.raises(InvalidEncoding):  # not guessed when a byte order mark says UTF-8
        decode_html(codecs.BOM_UTF8 + legacy_page(SPANISH).encode("cp1252"))


@pytest.mark.parametrize("data", [b"", b"   \n\t  \r\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b" \n"])
def test_empty_input_is_empty_document(data: bytes) -> None:
    with pytest.raises(EmptyDocument):
        decode_html(data)
    with pytest.raises(EmptyDocument):
        decode_text(data)


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("UTF8", "utf-8"),
        ("utf-8", "utf-8"),
        ("Windows-1252", "cp1252"),
        ("latin1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("Shift_JIS", "cp932"),
        ("GB2312", "gb18030"),
        ("koi8-r", "koi8_r"),
        ('"iso-8859-2"', "iso8859_2"),
        ("base64", None),
        ("rot13", None),
        ("utf-7", None),
        ("no-such-thing", None),
        ("", None),
    ],
)
def test_normalize_charset(label: str, codec: str | None) -> None:
    assert normalize_charset(label) == codec


# -- properties --------------------------------------------------------------------------------


@settings(max_examples=300)
@given(st.binary(max_size=2048), st.one_of(st.none(), st.text(max_size=40)))
def test_decoding_arbitrary_bytes_raises_only_transform_errors(data: bytes, declared: str | None) -> None:
    try:
        sniff_binary(data)
    except TransformError:
        pass
    for decode in (decode_html, decode_text):
        try:
            text = decode(data, declared)
        except TransformError:
            continue
        assert isinstance(text, str) and text.strip()


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<\x00\ufeff"), min_size=1
    ).filter(str.strip)
)
def test_utf8_round_trips(text: str) -> None:
    assert decode_text(text.encode("utf-8")) == text
    assert decode_html(text.encode("utf-8")) == text
