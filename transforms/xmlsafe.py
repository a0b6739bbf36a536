"""Untrusted XML bytes to an element tree, safely: the one XML entry point of feeds and sitemaps.

This module owns three defences and one convenience. Entities are never expanded and no DTD or
network resource is loaded (a billion-laughs document parses to a small tree, or to nothing).
Gzipped bytes are inflated up to a cap (a gzip bomb stops there). Broken markup is recovered
rather than refused. And the encoding is found the way a reader would: a byte order mark or the
XML prolog's declaration, else UTF-8 when the bytes are valid UTF-8, else windows-1252.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from lxml import etree

__all__ = ["XmlError", "MAX_XML_BYTES", "gunzip_capped", "maybe_gunzip", "parse_xml", "localname"]

MAX_XML_BYTES = 50_000_000
_GZIP_MAGIC = b"\x1f\x8b"
_PROLOG = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


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


def parse_xml(data: bytes, *, limit: int = MAX_XML_BYTES) -> etree._Element:
    """The root element of ``data`` (gzip inflated, entities left unexpanded, broken markup recovered).

    Raises XmlError when nothing element-like can be recovered.
    """
    data = maybe_gunzip(data, limit)
    if len(data) > limit:
        raise XmlError(f"{len(data)} bytes, over the {limit}-byte cap", field="byte_size", value=len(data))
    if not data.strip():
        raise XmlError("empty document", field="byte_size", value=0)
    declared = _declared(data)
    if not data.startswith(_BOMS) and declared is None:
        data = _as_utf8_without_prolog(data)
    elif declared is not None and declared.lower().replace("_", "-") in ("utf-8", "utf8"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:  # declared UTF-8 but is not: read it as windows-1252
            data = _as_utf8_without_prolog(data)
    try:
        root = etree.fromstring(data, parser=_parser())
    except (etree.XMLSyntaxError, ValueError, LookupError) as exc:
        raise XmlError(f"not XML: {exc}") from exc
    if root is None:
        raise XmlError("not XML: nothing could be recovered")
    return root


def localname(element: etree._Element) -> str:
    """The tag without its namespace (``{http://www.w3.org/2005/Atom}entry`` -> ``entry``); '' for non-elements."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()
