"""transforms.decode: binary sniffing and charset decoding, in the documented order of evidence."""

from __future__ import annotations

import codecs
import gzip
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.decode import decode_html, decode_text, normalize_charset, sniff_binary
from transforms.errors import BinaryContent, EmptyDocument, InvalidEncoding, TransformError

PAGE = "<html><head><title>Test</title></head><body><p>Caf\u00e9 \u201cquoted\u201d \u2014 \u20ac5</p></body></html>"


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
        "Plain text\twith tabs\r\nand CRLF\fand a form feed.".encode(),
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
    data = f"<html><head>{padding}<meta charset='windows-1252'></head><p>caf\u00e9</p></html>".encode("cp1252")
    with pytest.raises(InvalidEncoding, match="not valid UTF-8"):
        decode_html(data)


def test_latin1_label_reads_as_windows_1252_like_browsers() -> None:
    data = b'<meta charset="iso-8859-1"><p>\x93quoted\x94 \x81</p>'
    assert "\u201cquoted\u201d \x81" in decode_html(data)


def test_unknown_declared_charset_falls_back_to_strict_utf8() -> None:
    assert decode_html(PAGE.encode(), declared="text/html; charset=x-no-such-charset") == PAGE
    with pytest.raises(InvalidEncoding, match="not valid UTF-8"):
        decode_html(PAGE.encode("cp1252"), declared="x-no-such-charset")


def test_utf16_meta_in_an_ascii_document_means_utf8() -> None:
    data = '<meta charset="utf-16"><p>caf\u00e9</p>'.encode()
    assert "caf\u00e9" in decode_html(data)


def test_invalid_utf8_reports_the_byte_offset() -> None:
    data = b"<p>" + b"a" * 1231 + b"\xff</p>"
    with pytest.raises(InvalidEncoding) as caught:
        decode_html(data)
    assert str(caught.value) == "not valid UTF-8 at byte 1234"
    assert caught.value.field == "encoding"


def test_offset_counts_the_byte_order_mark() -> None:
    with pytest.raises(InvalidEncoding, match="at byte 5"):
        decode_text(codecs.BOM_UTF8 + b"ab\xc3(")


def test_decode_text_uses_declared_charset() -> None:
    assert decode_text("Stra\u00dfe".encode("cp1252"), declared="text/plain; charset=windows-1252") == "Stra\u00dfe"
    with pytest.raises(InvalidEncoding):
        decode_text("Stra\u00dfe".encode("cp1252"))


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


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<\x00\ufeff"),
               min_size=1).filter(str.strip))
def test_utf8_round_trips(text: str) -> None:
    assert decode_text(text.encode("utf-8")) == text
    assert decode_html(text.encode("utf-8")) == text
