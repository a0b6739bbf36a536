"""Boilerplate filtering: dropping page chrome from a sequence of article paragraphs.

This module owns how the rules in ``boilerplate.toml`` are applied, for plain-text pastes and for
trafilatura's output alike:

- a paragraph matching a ``[lines]`` rule is dropped wherever it is (share buttons, newsletter
  prompts, photo credits, cookie notices, date stamps, copyright lines);
- a ``[related]`` header ("Related Stories", "More from this section") is dropped together with the
  short headline-link lines that follow it;
- bylines leading the text and ``[tail]`` lines trailing it (author bios, "contributed to this
  report") are dropped from the ends.

Filtering is idempotent: the output passed through again comes back unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from transforms.extract.boilerplate_rules import BoilerplateRules, load_rules
from transforms.extract.byline import is_byline

__all__ = ["classify_line", "is_related_header", "is_link_line", "strip_boilerplate"]

_LIST_MARKERS = "-–—•·*▪►>» "
_CLOSERS = "\"'”’»)]"


def classify_line(line: str, rules: BoilerplateRules | None = None) -> str | None:
    """The ``[lines]`` category a paragraph falls in (``"share"``, ``"credits"``, ...), else ``None``."""
    r = rules or load_rules()
    text = line.strip()
    for rule in r.lines:
        if rule.pattern.fullmatch(text):
            return rule.category
    return None


def is_related_header(line: str, rules: BoilerplateRules | None = None) -> bool:
    """Whether a paragraph opens a block of related-article links."""
    r = rules or load_rules()
    text = line.strip().rstrip(":：»›>|-–— ").strip()
    return any(p.fullmatch(text) for p in r.related_headers)


def is_link_line(line: str, rules: BoilerplateRules | None = None) -> bool:
    """Whether a paragraph reads like a headline link: short, and not a sentence."""
    r = rules or load_rules()
    text = line.strip().lstrip(_LIST_MARKERS).strip()
    if not r.link_line_min_chars <= len(text) <= r.link_line_max_chars:
        return False
    if text.endswith(("...", "…")):
        return True
    end = text.rstrip(_CLOSERS)
    return bool(end) and end[-1] not in ".,;:。"


def strip_boilerplate(paragraphs: Sequence[str], rules: BoilerplateRules | None = None) -> tuple[str, ...]:
    """Drop chrome paragraphs; keeps the others in order, unchanged."""
    r = rules or load_rules()
    kept: list[str] = []
    links_left = 0  # how many more link lines the current related block may swallow
    for paragraph in paragraphs:
        if not paragraph.strip():
            continue
        if is_related_header(paragraph, r):
            links_left = r.link_block_max_lines
            continue
        if classify_line(paragraph, r) is not None:
            continue
        if links_left and is_link_line(paragraph, r):
            links_left -= 1
            continue
        links_left = 0
        kept.append(paragraph)
    start, end = 0, len(kept)
    while start < end and is_byline(kept[start], r):
        start += 1
    while end > start and _is_tail(kept[end - 1], r):
        end -= 1
    return tuple(kept[start:end])


def _is_tail(paragraph: str, rules: BoilerplateRules) -> bool:
    text = paragraph.strip()
    return any(p.fullmatch(text) for p in rules.tail)
