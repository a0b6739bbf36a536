"""Passing large values to Prefect tasks.

Prefect walks every task argument looking for futures and states to wait on and to record as the
run's inputs. For the documents of a batch, the cleaned articles, the dedupe index or a set of ids
that walk cost about 17 ms of the flow process's CPU per document. ``opaque`` wraps such a value in
Prefect's ``quote``: the task still receives the value itself, and Prefect leaves it alone.
"""

from __future__ import annotations

from typing import TypeVar, cast

from prefect.utilities.annotations import quote

__all__ = ["opaque"]

T = TypeVar("T")


def opaque(value: T) -> T:
    """``value``, passed to a task without Prefect walking it (typed as the value for the caller)."""
    return cast(T, quote(value))
