"""Untrusted XML bytes to an element tree, safely: the one XML entry point of feeds and sitemaps.

This module owns three defences and one convenience. Entities are never expanded and no DTD or
network resource is loaded (a billion-laughs document parses to a small tree, or to nothing).
Gzipped bytes are inflated up to a cap (a gzip bomb stops there). Broken markup is recovered
rather than refused. And the encoding is found the way a reader would: a byte order mark or the
XML prolog's declaration (even after stray leading whitespace), else UTF-8 when the bytes are
valid UTF-8, else windows-1252.

Recovery is never silent: ``parse_xml`` returns the tree with the parser's own error log as
``ParseProblem`` records. A problem is ``fatal`` when content after it may be lost: the parser
stopped (a resource limit such as entity amplification or nesting depth, a truncated document,
an unclosed comment, CDATA section or DTD, content after the root element), or, given the names
of the record elements (``<item>``, ``<url>``), the tree holds fewer of them than the bytes
open (``ELEMENTS_LOST``). Other problems (an undeclared entity such as ``&nbsp;``, a bare ``&``,
a mismatched end tag, a stray control character, a namespace slip) are ``recovered``: the parser
kept going and no record was lost.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from lxml import etree

__all__ = [
    "XmlError",
    "MAX_XML_BYTES",
    "gunzip_capped",
    "maybe_gunzip",
    "parse_xml",
    "localname",
    "ParseProblem",
    "ParsedXml",
    "Severity",
]

MAX_XML_BYTES = 50_000_000
_GZIP_MAGIC = b"\x1f\x8b"
_PROLOG = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_MAX_RECOVERED = 20  # recovered problems kept per document (a broken page can log thousands)
# libxml2 error types after which the rest of the input is not read, or not read as markup
_STOPS = frozenset(
    {
        "ERR_RESOURCE_LIMIT",
        "ERR_ENTITY_LOOP",
        "ERR_NO_MEMORY",
        "ERR_INTERNAL_ERROR",
        "ERR_USER_STOP",
        "ERR_DOCUMENT_END",
        "ERR_DOCUMENT_EMPTY",
        "ERR_TAG_NOT_FINISHED",
        "ERR_LTSLASH_REQUIRED",
        "ERR_CDATA_NOT_FINISHED",
        "ERR_COMMENT_NOT_FINISHED",
        "ERR_PI_NOT_FINISHED",
        "ERR_DOCTYPE_NOT_FINISHED",
        "ERR_INT_SUBSET_NOT_FINISHED",
        "ERR_EXT_SUBSET_NOT_FINISHED",
        "ERR_CONDSEC_NOT_FINISHED",
        "ERR_CHARREF_AT_EOF",
        "ERR_ENTITYREF_AT_EOF",
        "ERR_PEREF_AT_EOF",
        "ERR_UNSUPPORTED_ENCODING",
        "ERR_UNKNOWN_ENCODING",
    }
)
_CUTS = frozenset({"ERR_TAG_NOT_FINISHED", "ERR_LTSLASH_REQUIRED", "ERR_CHARREF_AT_EOF", "ERR_ENTITYREF_AT_EOF"})
_SKIPPED = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.DOTALL)  # no element opens in these

Severity = Literal["fatal", "recovered"]


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """One error the XML parser reported (or a count of lost records); ``code`` is libxml2's error type."""

    severity: Severity
    code: str  # e.g. ERR_RESOURCE_LIMIT, ERR_TAG_NOT_FINISHED; ELEMENTS_LOST for the record count
    message: str  # the parser's own words
    line: int = 0  # where the parser was, 1-based; 0 when not known
    column: int = 0

    def __str__(self) -> str:
        where = f" (line {self.line}, column {self.column})" if self.line else ""
        return f"{self.message}{where}"


@dataclass(frozen=True, slots=True)
class ParsedXml:
    """A recovered tree and what the parser said while building it (fatal problems first)."""

    root: etree._Element
    problems: tuple[ParseProblem, ...] = ()


@dataclass(frozen=True)
class XmlError(ValueError):
    """Bytes that are not usable XML; ``field`` names what failed and ``value`` the evidence."""

    message: str
    field: str = "xml"
    value: str | int | None = None

    def __str__(self) -> str:
        return self.message


def gunzip_capped(data: bytes, limit: int = MAX_XML_BYTES) -> bytes:
    """Inflate gzip ``data`` to at most ``limit`` bytes; raise XmlError past it or on corrupt input."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise XmlError(f"broken gzip: {exc}", field="gzip") from exc
    if len(out) > limit:
        raise XmlError(f"gzip inflates to more than {limit} bytes", field="gzip", value=limit)
    return out


def maybe_gunzip(data: bytes, limit: int = MAX_XML_BYTES) -> bytes:
    """``data`` inflated when it starts with the gzip signature, else unchanged."""
    return gunzip_capped(data, limit) if data[:2] == _GZIP_MAGIC else data


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=True,
        remove_comments=True,
        remove_pis=True,
        strip_cdata=True,
    )


def _problems(log: etree._ListErrorLog) -> list[ParseProblem]:
    fatal: list[ParseProblem] = []
    recovered: list[ParseProblem] = []
    for entry in log:
        message = " ".join(str(entry.message).split())
        if entry.type_name in _STOPS:
            fatal.append(ParseProblem("fatal", entry.type_name, message, entry.line, entry.column))
        elif len(recovered) < _MAX_RECOVERED:
            recovered.append(ParseProblem("recovered", entry.type_name, message, entry.line, entry.column))
    return fatal + recovered


def _records_opened_closed(data: bytes, records: Sequence[str]) -> tuple[dict[str, int], int]:
    """How often each record element is opened in ``data`` (outside comments and CDATA), and closed in all."""
    names = b"|".join(re.escape(name.encode("ascii")) for name in records)
    text = _SKIPPED.sub(b"", data)
    opened: dict[str, int] = {}
    for match in re.finditer(rb"<(?:[A-Za-z_][\w.-]*:)?(" + names + rb")(?=[\s/>])", text, re.IGNORECASE):
        name = match.group(1).decode("ascii").lower()
        opened[name] = opened.get(name, 0) + 1
    closed = len(
        re.findall(
            rb"</(?:[A-Za-z_][\w.-]*:)?(?:"
            + names
            + rb")\s*>|<(?:[A-Za-z_][\w.-]*:)?(?:"
            + names
            + rb")(?:\s[^<>]*)?/>",
            text,
            re.IGNORECASE,
        )
    )
    return opened, closed


def _check_records(data: bytes, root: etree._Element, records: Sequence[str], cut: bool) -> ParseProblem | None:
    """After a damaged parse: drop a record the document was cut inside (``cut``), and report
    ``ELEMENTS_LOST`` when the tree holds fewer record elements than the bytes open."""
    if not records or data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: the byte count would not work
        return None
    opened, closed = _records_opened_closed(data, records)
    found = [element for element in root.iter() if localname(element) in records]
    if cut and found and closed < sum(opened.values()):  # the last record is the one the cut went through
        last = found.pop()
        parent = last.getparent()
        if parent is not None:
            parent.remove(last)
    if len(found) >= sum(opened.values()):
        return None
    shown = "> or <".join(name for name in records if opened.get(name))
    return ParseProblem(
        "fatal", "ELEMENTS_LOST", f"only {len(found)} of {sum(opened.values())} <{shown}> elements could be read"
    )


def _declared(data: bytes) -> str | None:
    found = _PROLOG.match(data[:512])
    return found.group(1).decode("ascii") if found else None


def _as_utf8_without_prolog(data: bytes) -> bytes:
    """Bytes with no usable declared encoding, re-encoded as UTF-8 (strict UTF-8, else windows-1252)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    return text.encode("utf-8")


def parse_xml(data: bytes, *, limit: int = MAX_XML_BYTES, records: Sequence[str] = ()) -> ParsedXml:
    """The tree of ``data`` (gzip inflated, entities left unexpanded, broken markup recovered) and the
    parser's problems; ``records`` names the repeated elements whose loss is counted (``item``, ``entry``).

    Raises XmlError when nothing element-like can be recovered (its message is the parser's first fatal error).
    """
    data = maybe_gunzip(data, limit)
    if len(data) > limit:
        raise XmlError(f"{len(data)} bytes, over the {limit}-byte cap", field="byte_size", value=len(data))
    if not data.strip():
        raise XmlError("empty document", field="byte_size", value=0)
    if not data.startswith(_BOMS):  # whitespace before the declaration would make the parser ignore it
        data = data.lstrip(b" \t\r\n")
    declared = _declared(data)
    if not data.startswith(_BOMS) and declared is None:
        data = _as_utf8_without_prolog(data)
    elif declared is not None and declared.lower().replace("_", "-") in ("utf-8", "utf8"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:  # declared UTF-8 but is not: read it as windows-1252
            data = _as_utf8_without_prolog(data)
    parser = _parser()
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError, LookupError) as exc:
        raise XmlError(f"not XML: {exc}") from exc
    problems = _problems(parser.error_log)
    if root is None:
        reason = str(problems[0]) if problems else "nothing could be recovered"
        raise XmlError(f"not XML: {reason}", value=problems[0].code if problems else None)
    cut = any(p.code in _CUTS for p in problems)
    lost = _check_records(data, root, records, cut) if problems else None
    if lost is not None:
        problems.insert(len([p for p in problems if p.severity == "fatal"]), lost)
    return ParsedXml(root, tuple(problems))


def localname(element: etree._Element) -> str:
    """The tag without its namespace (``{http://www.w3.org/2005/Atom}entry`` -> ``entry``); '' for non-elements."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()
