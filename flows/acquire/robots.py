"""robots.txt, fetched once per host and kept for the run: may this URL be fetched, and how slowly.

Status handling follows RFC 9309: a 2xx body is parsed; a 4xx (no file) allows everything; a 5xx
or an unreachable server after retries disallows everything on that host for the run. The fetcher
reads at most ``FetchPolicy.robots_max_bytes`` of the file (the RFC asks for at least 500 KiB) and
parses what it read.

The rules are read by protego (Scrapy's parser), which follows RFC 9309: ``*`` and ``$`` in rules,
the longest matching rule wins and an allow rule wins a tie, percent-encoding is normalized before
comparison, the groups naming one crawler are combined, ``*`` applies only when no group names it.
They are matched for the configured user agent's product token (before the first ``/``), without
regard to case; a group's name matches where it starts a word of that token (protego's rule), and
the longest matching name wins.
"""

from __future__ import annotations

import codecs
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

__all__ = ["RobotsRules", "RobotsCache", "robots_url", "parse_robots"]


@dataclass(frozen=True)
class RobotsRules:
    """The rules of one host: a parser, or a blanket allow/deny with the reason."""

    parser: Protego | None
    allow_all: bool
    reason: str

    def allowed(self, url: str, agent: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(url, agent)

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay is not None else None


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def parse_robots(body: bytes) -> RobotsRules:
    """The rules of a robots.txt body: UTF-8 (a byte order mark skipped, bad bytes replaced)."""
    if body.startswith(codecs.BOM_UTF8):
        body = body[len(codecs.BOM_UTF8) :]
    return RobotsRules(Protego.parse(body.decode("utf-8", errors="replace")), True, "robots.txt")


RobotsFetch = Callable[[str], tuple[int | None, bytes]]
"""``robots_url -> (status or None when unreachable, body)``."""


class RobotsCache:
    """Per-host robots rules for one run; each host's file is fetched at most once, thread-safely."""

    def __init__(self, fetch: RobotsFetch, agent: str) -> None:
        self._fetch = fetch
        self.agent = agent.split("/", 1)[0].strip() or "*"
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules(self, url: str) -> RobotsRules:
        key = robots_url(url)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._rules:
                self._rules[key] = self._load(key)
            return self._rules[key]

    def allowed(self, url: str) -> bool:
        return self.rules(url).allowed(url, self.agent)

    def crawl_delay(self, url: str) -> float | None:
        return self.rules(url).crawl_delay(self.agent)

    def _load(self, key: str) -> RobotsRules:
        status, body = self._fetch(key)
        if status is None or status >= 500:
            return RobotsRules(None, False, f"robots.txt unreachable ({status or 'no answer'}): host disallowed")
        if 400 <= status < 500:
            return RobotsRules(None, True, f"robots.txt {status}: everything allowed")
        if 200 <= status < 300:
            return parse_robots(body)
        return RobotsRules(None, True, f"robots.txt {status}: everything allowed")
