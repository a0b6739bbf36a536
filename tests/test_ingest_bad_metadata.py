"""``sitrep ingest`` of an ordinary folder of news pages, one of which carries junk metadata.

A page whose JSON-LD and Open Graph tags give the publication date ``0001-01-01`` (a CMS's zero
timestamp) once made the run store that date, fail the ``dates_in_range`` check and exit 1 with
``failed_checks``. The date must be discarded in the cleaner and the dateline taken instead.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import PARAGRAPHS, make_page, sitrep_command

pytestmark = pytest.mark.slow

ZERO = "0001-01-01T00:00:00Z"


def _zero_dated_page() -> str:
    """A page as a misconfigured CMS serves it: zero timestamps in JSON-LD and meta, a real dateline."""
    linked = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Army orders 40 new howitzers",
        "datePublished": ZERO,
        "dateModified": ZERO,
        "author": {"@type": "Person", "name": "National Security Writer"},
        "publisher": {"@type": "Organization", "name": "Defense Dispatch"},
    }
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Army orders 40 new howitzers | Defense Dispatch</title>
<meta property="og:site_name" content="Defense Dispatch">
<meta property="article:published_time" content="{ZERO}">
<meta name="author" content="National Security Writer">
<script type="application/ld+json">{json.dumps(linked)}</script>
<link rel="stylesheet" href="/static/site.css?ver=1.1.1"></head><body>
<nav><ul><li><a href="/land">Land</a></li><li><a href="/air">Air</a></li></ul></nav>
<article><h1>Army orders 40 new howitzers</h1>
<p>WASHINGTON (March 3, 2025) — The Army ordered 40 more self-propelled howitzers on Monday.</p>
{paragraphs}</article>
<footer><p>&copy; 2025 Defense Dispatch. All rights reserved.</p></footer>
<script src="/static/app.js?ver=1.1.1"></script></body></html>"""


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(sitrep_command() + args, env=env, capture_output=True, text=True, timeout=240)


def test_a_zero_dated_page_does_not_fail_the_run(cli_env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "launchers.html").write_text(make_page("Army buys launchers", PARAGRAPHS))
    radars = [p.replace("launchers", "radars").replace("Army", "Navy") for p in PARAGRAPHS[::-1]]
    (folder / "radars.html").write_text(make_page("Navy buys radars", radars, date="2025-04-10"))
    (folder / "howitzers.html").write_text(_zero_dated_page())

    done = run(["ingest", str(folder)], cli_env)
    assert done.returncode == 0, done.stderr
    assert "failed" not in done.stdout + done.stderr

    status = run(["sql", "SELECT status FROM run_history", "--format", "json"], cli_env)
    assert json.loads(status.stdout) == [{"status": "completed"}]
    rows = run(
        [
            "sql",
            "SELECT title, CAST(published_at AS VARCHAR) AS published, published_source, authors "
            "FROM articles ORDER BY title",
            "--format",
            "json",
        ],
        cli_env,
    )
    assert json.loads(rows.stdout) == [
        {
            "title": "Army buys launchers",
            "published": "2025-04-08",
            "published_source": "metadata",
            "authors": ["Sam Writer"],
        },
        {
            "title": "Army orders 40 new howitzers",
            "published": "2025-03-03",
            "published_source": "dateline",
            "authors": [],
        },
        {
            "title": "Navy buys radars",
            "published": "2025-04-10",
            "published_source": "metadata",
            "authors": ["Sam Writer"],
        },
    ]
    rejects = run(["sql", "SELECT count(*) AS n FROM rejects", "--format", "json"], cli_env)
    assert json.loads(rejects.stdout) == [{"n": 0}]
    check = run(["check"], cli_env)
    assert check.returncode == 0, check.stdout + check.stderr
