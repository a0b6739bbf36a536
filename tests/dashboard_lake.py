"""A fuller fixture lake for the dashboard: the small lake of ``lakes.py`` plus articles over several
years, two without a publication date, contract amounts naming companies, systems and countries, a
health story's huge death toll, a long entity name, and a text with markup characters and an emoji."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lakes import build_tables, write_lake

from warehouse.lake import Lake

LONG_NAME = "United States Department of Defense"

EXTRA_ENTITIES: dict[str, tuple[str, str, str | None, str | None]] = {
    "e:dod": (LONG_NAME, "ORG", "ministry", "USA"),
    "e:lockheed": ("Lockheed Martin", "ORG", "company", "USA"),
    "e:patriot": ("MIM-104 Patriot", "WEAPON", "air_defense_system", "USA"),
    "e:poland": ("Poland", "GPE", "country", "POL"),
    "e:who": ("World Health Organization", "ORG", "international_organization", None),
}

REPORT = "The ministry published its annual report on Monday, listing budgets and staff numbers. "

EXTRA_ARTICLES: list[dict[str, Any]] = [
    {
        "key": "p1",
        "source": "Harbor Watch",
        "published": dt.date(2021, 3, 2),
        "lang": "en",
        "title": "Poland signs Patriot contract",
        "text": "Poland signed a $4 billion contract with Lockheed Martin on March 1, 2021 for MIM-104 Patriot batteries.\n\n"
        "The Department of Defense approved the sale in February. Poland also agreed to pay €300 million for training.",
        "mentions": [
            ("Poland", "e:poland"),
            ("Lockheed Martin", "e:lockheed"),
            ("MIM-104 Patriot", "e:patriot"),
            ("Department of Defense", "e:dod"),
        ],
        "quantities": [("$4 billion", 4e9, "money", None, None), ("€300 million", 3e8, "money", None, None)],
        "dates": [("March 1, 2021", dt.date(2021, 3, 1), "day")],
    },
    {
        "key": "u1",
        "source": "Defense Dispatch",
        "published": None,
        "lang": "en",
        "title": "Army orders more interceptors",
        "text": "Lockheed Martin won a $1 billion Army order for Patriot interceptors, the Department of Defense said.",
        "mentions": [("Lockheed Martin", "e:lockheed"), ("Patriot", "e:patriot"), ("Department of Defense", "e:dod")],
        "quantities": [("$1 billion", 1e9, "money", None, None)],
        "dates": [],
    },
    {
        "key": "u2",
        "source": "Defense Dispatch",
        "published": None,
        "lang": "en",
        "title": "Shelling reported overnight",
        "text": "Officials in Kharkiv reported new shelling overnight, with no word on damage.",
        "mentions": [("Kharkiv", "e:kharkiv")],
        "quantities": [],
        "dates": [],
    },
    {
        "key": "h1",
        "source": "Harbor Watch",
        "published": dt.date(2025, 4, 10),
        "lang": "en",
        "title": "Heart disease remains the top killer",
        "text": "Heart disease causes 9 million deaths a year worldwide, the World Health Organization said on Thursday.",
        "mentions": [("World Health Organization", "e:who")],
        "quantities": [("9 million deaths", 9e6, "count", "killed", "deaths")],
        "dates": [],
    },
    {
        "key": "m1",
        "source": "Defense Dispatch",
        "published": dt.date(2025, 4, 12),
        "lang": "en",
        "title": "Patrol boats leave port",
        "text": REPORT * 8 + "Sirens \U0001f6a8 sounded as a <b>frigate</b> & two patrol boats left port at dawn.",
        "mentions": [],
        "quantities": [],
        "dates": [],
    },
]


def dashboard_tables() -> dict[str, list[dict[str, Any]]]:
    tables = build_tables(articles=EXTRA_ARTICLES, entities=EXTRA_ENTITIES)
    for row in tables["quantities"]:
        if row["text"].startswith("€"):
            row["currency"] = "EUR"
    return tables


def write_dashboard_lake(root: Path) -> Lake:
    """The fuller lake at ``root``, catalog built (articles ingested on 2025-05-01, as in ``lakes``)."""
    return write_lake(root, dashboard_tables())
