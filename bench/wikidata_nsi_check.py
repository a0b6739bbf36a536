"""Check the Wikidata IDs sitrep's reference data carries against a second, independent list of IDs.

The hand check of ``bench/wikidata_pairs.py`` judges IDs by a reviewer's knowledge. This script compares
them with the Wikidata file of the name-suggestion-index (NSI, BSD-3-Clause; ``npm pack
name-suggestion-index`` and take ``package/dist/wikidata/wikidata.json``), which holds the English label
and description of some 27,000 items. For every ID of the gazetteers, the city table and the place data that the file
holds, it reports whether the file's label is one of the entry's names (``agree``) or not (``differ``: to
be read by a reviewer; a differing label may still name the same thing, as "Office of the UN High
Commissioner for Refugees" does). It then lists entries without an ID whose name or alias is exactly an
NSI label, with the label's description, as candidates for a reviewer: a shared label is no proof
("DIA" is also a supermarket chain).

Usage: ``python bench/wikidata_nsi_check.py --nsi PATH/wikidata.json``. Writes
``bench/results/wikidata_nsi_check.json``. The file is not shipped with sitrep and nothing reads it at
run time.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import pycountry

from transforms.entities.gazetteer import load_entries, read_data

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "wikidata_nsi_check.json"


def fold(name: str) -> str:
    """Case, punctuation and the "U.S."/"United States" spellings folded away."""
    name = name.lower().replace("u.s.", "united states").replace("u.k.", "united kingdom")
    return re.sub(r"[^0-9a-z]+", " ", name).strip()


def named_ids() -> list[tuple[str, str, tuple[str, ...]]]:
    """(Wikidata ID, name, all names) of every gazetteer entry, city, region, U.S. state and country that has
    an ID (a country by pycountry's names and the aliases ``countries.toml`` adds)."""
    rows = [(e.wikidata_id, e.name, (e.name, *e.aliases)) for e in load_entries() if e.wikidata_id]
    cities = read_data("city_wikidata.toml")
    for key, qid in cities["city"].items():
        city = key.split("|")[0]
        rows.append((qid, city, (city,)))
    for key, qid in cities.get("city_in_state", {}).items():  # "Buffalo, New York": the label is the town's
        rows.append((qid, key, (key.split(", ")[0],)))
    places = read_data("regions.toml")["region"] + read_data("us_states.toml")["state"]
    places += read_data("areas.toml", package="transforms.geo.data")["area"]
    rows += [(p["wikidata"], p["name"], (p["name"], *p.get("aliases", ()))) for p in places if p.get("wikidata")]
    for code, info in read_data("countries.toml").items():
        if isinstance(info, dict) and info.get("wikidata"):
            country = pycountry.countries.get(alpha_3=code)
            names = [getattr(country, a, None) for a in ("name", "common_name", "official_name")]
            names = [n for n in names if n] + list(info.get("aliases", ()))
            rows.append((info["wikidata"], names[0] if names else code, tuple(names)))
    return rows


def check(items: dict[str, dict]) -> dict:
    by_label: dict[str, list[str]] = {}
    for qid, item in items.items():
        by_label.setdefault(fold(item.get("label", "")), []).append(qid)
    agree, differ, other_id = [], [], []
    for qid, name, names in named_ids():
        state = name.split(", ")[1] if ", " in name else None  # a town named with its state
        for other in sorted({q for n in names for q in by_label.get(fold(n), []) if q != qid}):
            item = items[other]
            if state is not None and state not in item.get("description", ""):
                continue  # a namesake in another state ("Amherst, New Hampshire")
            other_id.append(
                {
                    "wikidata": qid,
                    "name": name,
                    "nsi_wikidata": other,
                    "nsi_label": item.get("label", ""),
                    "nsi_description": item.get("description", ""),
                }
            )
        item = items.get(qid)
        if item is None:
            continue
        row = {
            "wikidata": qid,
            "name": name,
            "nsi_label": item.get("label", ""),
            "nsi_description": item.get("description", ""),
        }
        (agree if fold(row["nsi_label"]) in {fold(n) for n in names} else differ).append(row)
    candidates = []
    for entry in load_entries():
        if entry.wikidata_id:
            continue
        for form in (entry.name, *entry.aliases):
            for qid in by_label.get(fold(form), []):
                candidates.append(
                    {
                        "name": entry.name,
                        "type": entry.type,
                        "subtype": entry.subtype,
                        "country": entry.country,
                        "form": form,
                        "wikidata": qid,
                        "nsi_label": items[qid].get("label", ""),
                        "nsi_description": items[qid].get("description", ""),
                    }
                )
    return {"agree": agree, "differ": differ, "other_id": other_id, "candidates": candidates}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nsi", type=Path, required=True, help="name-suggestion-index dist/wikidata/wikidata.json")
    args = parser.parse_args()
    if not args.nsi.is_file():
        print(f"no such file: {args.nsi}", file=sys.stderr)
        return 2
    items = json.loads(args.nsi.read_text(encoding="utf-8"))["wikidata"]
    out = check(items)
    total = len(named_ids())
    print(f"IDs in sitrep's data: {total}; held by the NSI file: {len(out['agree']) + len(out['differ'])}")
    print(f"  label is one of the entry's names: {len(out['agree'])}")
    print(f"  label differs (read these): {len(out['differ'])}")
    for row in out["differ"]:
        print(f"    {row['wikidata']:>10}  {row['name']!r}  NSI: {row['nsi_label']!r} ({row['nsi_description']})")
    print(f"a name of an entry with an ID is the label of another item (read these): {len(out['other_id'])}")
    for row in out["other_id"]:
        print(f"    {row['wikidata']:>10}  {row['name']!r}  NSI: {row['nsi_wikidata']} ({row['nsi_description']})")
    print(f"entries without an ID whose name is an NSI label (candidates, not proof): {len(out['candidates'])}")
    for row in out["candidates"]:
        print(f"    {row['wikidata']:>10}  {row['name']!r} via {row['form']!r}  NSI: {row['nsi_description']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
