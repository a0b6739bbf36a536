"""robots.txt, fetched once per host and kept for the run: may this URL be fetched, and how slowly.

Status handling follows RFC 9309: a 2xx body is parsed; a 4xx (no file) allows everything; a 5xx
or an unreachable server after retries disallows everything on that host for the run. The rules
are matched for the configured user agent (its product token, before the first ``/``).
"""

from __future__ import annotations

import threading
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

__all__ = ["RobotsRules", "RobotsCache", "robots_url", "parse_robots"]


@dataclass(frozen=True)
class RobotsRules:
    """The rules of one host: a parser, or a blanket allow/deny with the reason."""

    parser: urllib.robotparser.RobotFileParser | None
    allow_all: bool
    reason: str

    def allowed(self, url: str, agent: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(agent, url)

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay is not None else None


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def parse_robots(body: bytes) -> RobotsRules:
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(body.decode("utf-8", errors="replace").splitlines())
    return RobotsRules(parser, True, "robots.txt")


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
