"""Bytes to text: binary sniffing and charset decoding for fetched or loaded documents.

This module owns the first gate every raw document passes. ``sniff_binary`` rejects bytes that are
not text at all (known file signatures, NUL bytes, many control bytes). ``decode_document`` (and
``decode_html`` and ``decode_text``, which give the text alone) turn the bytes into ``str`` in a fixed
order of evidence: a byte order mark, then the charset declared by the caller (the HTTP
``Content-Type`` header), then for HTML a ``<meta>`` charset in the first 4 KiB, and with no usable
declaration strict UTF-8. When none of these decodes the bytes, and no byte order mark was found, the
charset is guessed as the last step (``transforms.extract.charset``, as browsers and trafilatura do),
unless the bytes look binary. Only when that fails too is :class:`InvalidEncoding` raised, naming the
byte offset where the first choice failed. :class:`Charset` says which codec read the text and on
what evidence (``bom``, ``header``, ``meta``, ``utf8``, ``guessed``).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal

from transforms.errors import BinaryContent, EmptyDocument, InvalidEncoding
from transforms.extract.charset import guess_charsets

__all__ = [
    "sniff_binary",
    "decode_document",
    "decode_html",
    "decode_text",
    "normalize_charset",
    "charset_of",
    "Charset",
    "CharsetSource",
]

CharsetSource = Literal["bom", "header", "meta", "utf8", "guessed"]
"""Where the charset came from: a byte order mark, the HTTP header, an HTML ``<meta>``, the UTF-8
default (no usable declaration, and the bytes are valid UTF-8), or a guess."""

SNIFF_BYTES = 8192
META_SCAN_BYTES = 4096
GUESS_SAMPLE_BYTES = 65536  # a guess reads about this much (``_sample``); the whole document must then decode in it
_CONTEXT = 400  # bytes of ASCII kept on each side of a run of non-ASCII bytes in the sample
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
_LOW_BYTE = re.compile(rb"[\x00-\x3f]")
MAX_CONTROL_SHARE = 0.10

# (signature, offset, what it is); checked against the start of the bytes.
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "PDF"),
    (b"\x89PNG\r\n\x1a\n", 0, "PNG"),
    (b"\xff\xd8\xff", 0, "JPEG"),
    (b"GIF87a", 0, "GIF"),
    (b"GIF89a", 0, "GIF"),
    (b"PK\x03\x04", 0, "ZIP"),
    (b"PK\x05\x06", 0, "ZIP"),
    (b"\x1f\x8b", 0, "GZIP"),
    (b"1AY&SY", 4, "BZIP2"),
    (b"\xfd7zXZ\x00", 0, "XZ"),
    (b"(\xb5/\xfd", 0, "ZSTD"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7Z"),
    (b"Rar!\x1a\x07", 0, "RAR"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "OLE2 (MS Office)"),
    (b"\x7fELF", 0, "ELF"),
    (b"\x00asm", 0, "WASM"),
    (b"wOFF", 0, "WOFF"),
    (b"wOF2", 0, "WOFF2"),
    (b"OggS", 0, "OGG"),
    (b"fLaC", 0, "FLAC"),
    (b"ID3\x02", 0, "MP3"),
    (b"ID3\x03", 0, "MP3"),
    (b"ID3\x04", 0, "MP3"),
    (b"RIFF", 0, "RIFF (WEBP, WAV, AVI)"),
    (b"ftyp", 4, "MP4/ISO media"),
)

# Byte order marks, longest first so UTF-32 LE is not mistaken for UTF-16 LE.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels whose web meaning differs from Python's codec of the same name (WHATWG Encoding Standard):
# Latin-1 and ASCII labels mean windows-1252, and the legacy CJK labels mean their supersets.
_WEB_ALIASES: dict[str, str] = {
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "iso8859_9": "cp1254",
    "iso8859_11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}
# Python codecs that are not web charsets (escapes, IDNA, a charset that is an XSS vector).
_NOT_WEB_CHARSETS = frozenset(
    {"unicode_escape", "raw_unicode_escape", "idna", "punycode", "undefined", "utf_7", "charmap"}
)
_UTF16_OR_32 = frozenset({"utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"})

_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
# windows-1252 leaves five bytes undefined; browsers map them to the C1 controls of the same value.
_CP1252_HOLES = {0xDC00 + b: b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_ESCAPED_HOLE = re.compile("[\udc81\udc8d\udc8f\udc90\udc9d]")


@dataclass(frozen=True, slots=True)
class Charset:
    """How a document's bytes were read: the Python codec (``utf-8``, ``cp1252``, ``koi8_r``, ``cp932``
    for Shift_JIS, ``gb18030`` for GB2312...) and the evidence for it."""

    name: str
    source: CharsetSource


@dataclass(frozen=True, slots=True)
class _Choice:
    codec: str
    skip: int  # bytes of BOM to skip before decoding
    source: CharsetSource = "bom"


def sniff_binary(data: bytes) -> None:
    """Raise :class:`BinaryContent` when ``data`` is evidently not text."""
    for signature, offset, kind in _MAGIC:
        if data[offset : offset + len(signature)] == signature:
            raise BinaryContent(f"binary content: {kind} signature", field="signature", value=kind)
    head = data[:SNIFF_BYTES]
    bom = _bom(head)
    if bom is not None and bom.codec != "utf-8":
        # UTF-16/32 text legitimately contains NUL bytes: judge its characters instead.
        sample = head[bom.skip :].decode(bom.codec, errors="ignore")
        codes = [ord(ch) for ch in sample]
        controls, size = sum(1 for code in codes if _is_control(code)), len(codes)
    else:
        if b"\x00" in head:
            offset = head.index(b"\x00")
            raise BinaryContent(f"binary content: NUL byte at byte {offset}", field="nul_byte", value=offset)
        controls, size = len(head) - len(head.translate(None, _CONTROL_BYTES)), len(head)
    if not size:
        return
    share = controls / size
    if share > MAX_CONTROL_SHARE:
        raise BinaryContent(
            f"binary content: {share:.0%} control characters in the first {len(head)} bytes",
            field="control_share",
            value=round(share, 3),
        )


def decode_document(data: bytes, *, kind: Literal["html", "text"], declared: str | None = None) -> tuple[str, Charset]:
    """The text of a document and how it was read: BOM, then ``declared`` (header), then for HTML the
    ``<meta>`` charset, else UTF-8; a guess when none of them decodes the bytes."""
    _require_content(data)
    candidates: list[tuple[str | None, CharsetSource]] = [(_choose_declared(declared), "header")]
    meta = _META_CHARSET.search(data[:META_SCAN_BYTES]) if kind == "html" else None
    if meta is not None:
        meta_codec = normalize_charset(meta.group(1).decode("ascii", errors="replace"))
        # A <meta> readable as ASCII proves the document is not UTF-16/32 (WHATWG: read as UTF-8).
        candidates.append(("utf-8" if meta_codec in _UTF16_OR_32 else meta_codec, "meta"))
    return _decode(data, candidates)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML document: BOM, then ``declared`` (header), then ``<meta>`` charset, else UTF-8, else a guess."""
    return decode_document(data, kind="html", declared=declared)[0]


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode a plain-text document: BOM, then ``declared`` (header), else UTF-8, else a guess."""
    return decode_document(data, kind="text", declared=declared)[0]


def normalize_charset(label: str | None) -> str | None:
    """Map a charset label to a Python codec name as browsers read it; ``None`` if unknown."""
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except (LookupError, ValueError, TypeError):
        return None
    name = info.name.replace("-", "_")
    # bytes-to-bytes and str-to-str codecs (base64, rot13, ...) are flagged as not text encodings
    if not getattr(info, "_is_text_encoding", True) or name in _NOT_WEB_CHARSETS:
        return None
    name = _WEB_ALIASES.get(name, name)
    return "utf-8" if name == "utf_8" else name


def _choose_declared(declared: str | None) -> str | None:
    if declared is None:
        return None
    found = _HEADER_CHARSET.search(declared)
    return normalize_charset(found.group(1) if found else declared)


def _require_content(data: bytes) -> None:
    if not data.strip():
        raise EmptyDocument("empty document", field="byte_size", value=len(data))


def _decode(data: bytes, candidates: list[tuple[str | None, CharsetSource]]) -> tuple[str, Charset]:
    bom = _bom(data)
    if bom is not None:
        order = [bom]
    else:
        named: dict[str, _Choice] = {}
        for codec, source in candidates:
            if codec is not None and codec not in named:
                named[codec] = _Choice(codec, 0, source)
        order = list(named.values()) or [_Choice("utf-8", 0, "utf8")]
    first_error: InvalidEncoding | None = None
    for choice in order:
        try:
            return _decoded(data[choice.skip :], choice)
        except UnicodeError as err:
            offset = getattr(err, "start", 0) + choice.skip
            if first_error is None:
                first_error = InvalidEncoding(
                    f"not valid {_display(choice.codec)} at byte {offset}", field="encoding", value=choice.codec
                )
    assert first_error is not None
    if bom is None:  # the last step: a guess, never for binary bytes
        sniff_binary(data)
        for codec in guess_charsets(_sample(data), normalize_charset):
            try:
                return _decoded(data, _Choice(codec, 0, "guessed"))
            except UnicodeError:
                continue
    raise first_error


def _sample(data: bytes) -> bytes:
    """What the guess reads: the whole document when it is small, else the text around its non-ASCII bytes.

    A page's head of scripts and styles says nothing of its charset, and a sample of it would be read
    in any code page. So each run of non-ASCII bytes is taken with ``_CONTEXT`` bytes of ASCII on each
    side, up to ``GUESS_SAMPLE_BYTES``. The cuts fall on bytes below 0x40 (white space, digits, ``<``),
    which no multi-byte charset uses inside a character, so every piece holds whole characters.
    """
    if len(data) <= GUESS_SAMPLE_BYTES:
        return data
    pieces: list[bytes] = []
    size, start, end, cut = 0, -1, -1, 0
    for run in _NON_ASCII_RUN.finditer(data):
        if start >= 0 and run.start() <= end:
            end = max(end, run.end() + _CONTEXT)
        else:
            if start >= 0:
                cut = _cut_after(data, end)
                pieces.append(data[start:cut])
                size += cut - start
            start, end = max(run.start() - _CONTEXT, cut), run.end() + _CONTEXT
        if size + end - start >= GUESS_SAMPLE_BYTES:
            end = start + GUESS_SAMPLE_BYTES - size
            break
    if start >= 0:
        pieces.append(data[start : _cut_after(data, end)])
    return b"\n".join(pieces)


def _cut_after(data: bytes, position: int) -> int:
    """The index just past the first byte below 0x40 at or after ``position`` (or the end of ``data``)."""
    found = _LOW_BYTE.search(data, min(position, len(data)))
    return found.end() if found else len(data)


def _decoded(data: bytes, choice: _Choice) -> tuple[str, Charset]:
    text = _decode_with(data, choice.codec)
    if not text.strip():
        raise EmptyDocument("empty document after decoding", field="encoding", value=choice.codec)
    return text, Charset(choice.codec, choice.source)


def _decode_with(data: bytes, codec: str) -> str:
    if codec == "cp1252":
        text = data.decode("cp1252", errors="surrogateescape")
        return text.translate(_CP1252_HOLES) if _ESCAPED_HOLE.search(text) else text
    return data.decode(codec, errors="strict")


def _bom(data: bytes) -> _Choice | None:
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return _Choice(codec, len(mark))
    return None


def _is_control(code: int) -> bool:
    # C0 controls other than tab, LF, VT, FF, CR and ESC (ISO-2022 escapes), plus DEL.
    return (code < 0x20 and code not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B)) or code == 0x7F


_CONTROL_BYTES = bytes(code for code in range(256) if _is_control(code))


def _display(codec: str) -> str:
    return "UTF-8" if codec == "utf-8" else codec


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header value ("text/html; charset=windows-1251")."""
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None
