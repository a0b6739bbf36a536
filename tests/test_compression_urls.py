"""The shared capped gunzip and the one canonical URL form."""

from __future__ import annotations

import gzip

import pytest

from transforms.errors import TooLarge
from transforms.extract.compression import BrokenGzip, gunzip_capped
from transforms.extract.urls import canonical_url, domain_of


def test_gunzip_caps_and_refuses_broken_streams() -> None:
    assert gunzip_capped(gzip.compress(b"<p>brief</p>"), 100) == b"<p>brief</p>"
    with pytest.raises(TooLarge):
        gunzip_capped(gzip.compress(b"\0" * 10_000), 1_000)  # a small bomb
    with pytest.raises(BrokenGzip):
        gunzip_capped(b"\x1f\x8b\x08\x00 not really gzip", 100)


def test_canonical_urls_drop_tracking_and_fragments() -> None:
    assert canonical_url("https://www.wire.example/a?utm_source=rss#top") == "https://www.wire.example/a"
    assert canonical_url("file:///tmp/a.html") is None and canonical_url(None) is None
    assert domain_of("https://www.wire.example/a") == "wire.example" and domain_of(None) is None
