"""Errors raised by transforms. Each carries data; the flow decides whether it becomes a reject row.

``error_type`` in the ``rejects`` table is the class name; ``message`` is ``str(error)``.
"""

from __future__ import annotations

__all__ = [
    "TransformError",
    "EmptyDocument",
    "BinaryContent",
    "InvalidEncoding",
    "TooLarge",
    "NoArticleText",
]


class TransformError(Exception):
    """Base class: a document could not be turned into a record. ``field`` and ``value`` say why."""

    def __init__(self, message: str, *, field: str | None = None, value: object = None) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


class EmptyDocument(TransformError):
    """The input has no bytes, or only white space."""


class BinaryContent(TransformError):
    """The bytes are not text (NUL bytes, control characters, a known binary signature)."""


class InvalidEncoding(TransformError):
    """The bytes do not decode in the declared or default (UTF-8) encoding."""


class TooLarge(TransformError):
    """The input exceeds the configured size cap."""


class NoArticleText(TransformError):
    """The document decoded, but no article text could be extracted from it."""
