"""What can be a publication date: the one rule every date source of ``articles.published_at`` passes.

A page's metadata, a dateline, a "Published ..." line or a URL can all state a day that no article
was published on: ``0001-01-01`` (a zero timestamp left by a CMS), a year mistyped as ``2199``, an
1899 date from a template, or a day after the page was fetched. Such a date is discarded where it is
read, so that the next source is tried, and it never reaches the table (where the
``dates_in_range`` check would stop the run). The bounds match that check: not before
:data:`EARLIEST_PUBLICATION`, not after ``max_date`` (the fetch date, passed in: nothing here reads
the clock).
"""

from __future__ import annotations

import datetime as dt

__all__ = ["EARLIEST_PUBLICATION", "plausible_publication_date"]

EARLIEST_PUBLICATION = dt.date(1900, 1, 1)


def plausible_publication_date(day: dt.date | None, max_date: dt.date) -> dt.date | None:
    """``day`` when it can be the publication date of a page fetched on ``max_date``, else ``None``."""
    if day is None or day < EARLIEST_PUBLICATION or day > max_date:
        return None
    return day
