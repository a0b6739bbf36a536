"""How a run words an exception it reports instead of raising: one line (the CLI's failures use it too)."""

from __future__ import annotations

__all__ = ["one_line"]


def one_line(exc: BaseException) -> str:
    """``exc``'s message, first line only, with its type when the message does not say what failed."""
    text = str(exc).strip()
    first = text.splitlines()[0].strip() if text else ""
    if not first:
        return type(exc).__name__
    if isinstance(exc, (OSError, LookupError, TypeError, AttributeError, AssertionError)):
        return f"{type(exc).__name__}: {first}"
    return first
