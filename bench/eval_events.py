"""Score the events stage (``transforms.events``) on the incident gold and time it against the entity stage.

The gold (``--gold``, default bench/gold; format in its README/INCIDENTS.md) lists the incidents and the
casualty claims of 30 documents of ``--eval`` (defense-news-dvids and newspaper4k-pages). Each document is
normalized as ingest does (entities, quantities, dates, events), with its publication date from the
corpus metadata (DVIDS manifests; newspaper4k's metadata json). Scores:

- incidents: a predicted event matches a gold incident of the same document when their sentences overlap
  (one to one, the same type first); detection precision and recall; event-type and subtype accuracy over
  the matched pairs;
- the place's country: over matched pairs whose gold place has a country, whether the event's agrees;
- actors and place: F1 over all events (a predicted actor is right when its text equals the gold name, or
  one contains the other, case-insensitively); and, over matched pairs, whether actor1's country and sector
  agree with the gold's (a strike group named for the U.S. Navy's actor is wrong by name, right by kind);
- date exact match over matched pairs whose gold date is set (compared at the gold's granularity);
- fatalities exact and within 10% over matched pairs where the gold or the prediction states one;
- casualty claims: precision and recall; a predicted claim is right when its span overlaps the gold's and
  its status and value agree;
- merges: the incidents view (warehouse/sql/views/incidents.sql) run on the predicted events; a false merge
  is a pair of reports given one incident_id whose gold incidents are not the same (``same_as``); a found
  merge a gold ``same_as`` pair given one incident_id;
- reprints: each document with events reprinted a day later with its last paragraph cut, normalized again
  and run through the incidents view beside the originals: the reprinted reports that share their original
  report's incident_id, and the pairs of reports joined only because the reprints were there (``not_joined``
  lists the reprinted reports left apart);
- speed on the whole DVIDS corpus: the events stage's time against the entity stage's.

Every figure is given for all documents and again for the English ones (``english_only``): the
pipeline reads English, and a third of the gold documents are in Arabic, Japanese, Latvian, Nepali
or Thai.

Writes bench/results/eval_events.json. Run:
``PYTHONPATH=. python bench/eval_events.py --eval ../shared/eval --gold bench/gold``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import duckdb  # noqa: E402
import pyarrow as pa  # noqa: E402

from flows.run.rows import event_row  # noqa: E402
from schemas.events import Event  # noqa: E402
from transforms.dates.expressions import extract_dates  # noqa: E402
from transforms.entities.mentions import EntityExtractor  # noqa: E402
from transforms.events.incidents import find_events  # noqa: E402
from transforms.events.parse import load_parser  # noqa: E402
from transforms.extract.clean import detect_language  # noqa: E402
from transforms.pipeline import normalize_text, reconcile  # noqa: E402
from transforms.quantities.claims import extract_quantities  # noqa: E402
from transforms.sentences import split_sentences  # noqa: E402

EVAL = REPO.parent / "shared" / "eval"
GOLD = REPO / "bench" / "gold"
RESULTS = REPO / "bench" / "results" / "eval_events.json"
DVIDS = Path("defense-news-dvids/data/corpus")
PAGES = Path("newspaper4k-pages/tests/data")
_DOC_NAME = re.compile(r"\b([0-9]{3}-[a-z0-9-]+\.txt|[a-z][a-z0-9_]*\.txt)\b")


def _published(eval_dir: Path) -> dict[str, dt.date]:
    dates: dict[str, dt.date] = {}
    for name in ("manifest.csv", "manifest_manual.csv"):
        path = eval_dir / DVIDS / name
        if path.exists():
            for row in csv.DictReader(path.open(encoding="utf-8")):
                if row.get("published_date"):
                    dates[str(DVIDS / f"{row['id']}.txt")] = dt.date.fromisoformat(row["published_date"][:10])
    for meta in (eval_dir / PAGES / "metadata").glob("*.json"):
        stamp = json.loads(meta.read_text(encoding="utf-8")).get("publish_date")
        if stamp:
            dates[str(PAGES / "txt" / f"{meta.stem}.txt")] = dt.date.fromisoformat(stamp[:10])
    return dates


def _gold(gold_dir: Path) -> tuple[list[str], list[dict[str, Any]], list[dict[str, Any]]]:
    incidents = [json.loads(x) for x in (gold_dir / "incidents.jsonl").read_text("utf-8").splitlines() if x.strip()]
    claims = [json.loads(x) for x in (gold_dir / "casualties.jsonl").read_text("utf-8").splitlines() if x.strip()]
    docs = {g["doc"] for g in incidents} | {c["doc"] for c in claims}
    listing = gold_dir / "INCIDENTS.md"
    if listing.exists():  # the chosen documents, those with no incident too
        for name in _DOC_NAME.findall(listing.read_text("utf-8")):
            docs.add(str(DVIDS / name) if name[:3].isdigit() else str(PAGES / "txt" / name))
    return sorted(docs), incidents, claims


def _english(text: str) -> bool:
    """The pipeline reads English: a text whose letters are mostly ASCII and holds common English words."""
    letters = [c for c in text if c.isalpha()]
    ascii_share = sum(c.isascii() for c in letters) / max(1, len(letters))
    return ascii_share > 0.9 and len(re.findall(r"\b(?:the|and|of|to|in)\b", text)) > 5


def _norm(name: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (name or "").lower()).strip()


def _same_name(predicted: list[str | None], gold: str | None) -> bool:
    g = _norm(gold)
    return bool(g) and any(p and (_norm(p) == g or _norm(p) in g or g in _norm(p)) for p in map(_norm, predicted))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(events: list[Event], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs whose sentences overlap: the same type and place first,
    then the same type, then any (a sentence may report several incidents, one per place)."""
    pairs, used_p, used_g = [], set(), set()
    for level in (2, 1, 0):
        for gi, g in enumerate(gold):
            for pi, e in enumerate(events):
                if pi in used_p or gi in used_g or not _overlap((e.start, e.end), tuple(g["sentence"])):
                    continue
                if level >= 1 and e.event_type != g["event_type"]:
                    continue
                if level == 2 and not _same_name([e.place_text], (g.get("place") or {}).get("name")):
                    continue
                pairs.append((pi, gi))
                used_p.add(pi)
                used_g.add(gi)
    return pairs


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def _f1(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f = round(2 * p * r / (p + r), 3) if p and r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def _date_text(event: Event, granularity: str | None) -> str | None:
    if event.date is None or event.date_source != "sentence":
        return None
    iso = event.date.isoformat()
    return {"year": iso[:4], "month": iso[:7]}.get(granularity or "day", iso)


def _merges(
    predicted: dict[str, list[Event]],
    published: dict[str, dt.date],
    texts: Mapping[str, str],
    subtypes: Mapping[str, str] | None = None,
) -> list[list[str]]:
    """Run the incidents view on the predicted events (``texts``: each document's text, the articles' text the
    view reads sentences from; ``subtypes``: entity id -> subtype of the predicted entities, the stg_entities the
    view reads its named ships from); the report keys grouped under one incident_id."""
    rows, articles = [], []
    for doc, events in predicted.items():
        day = published.get(doc)
        at = dt.datetime.combine(day or dt.date(2000, 1, 1), dt.time(), dt.UTC)
        articles.append(
            {"article_id": doc, "revision": "r", "published_at": day, "ingested_at": at, "url": doc, "text": texts[doc]}
        )
        for i, event in enumerate(events):
            row = event_row(event, i) | {"article_id": doc, "revision": "r"}
            rows.append(
                row | {"event_date": row.pop("date"), "start_offset": row.pop("start"), "end_offset": row.pop("end")}
            )
    con = duckdb.connect()
    con.register("stg_events_arrow", pa.Table.from_pylist(rows) if rows else pa.table({"article_id": []}))
    con.execute("CREATE VIEW stg_events AS SELECT * FROM stg_events_arrow")
    ids = sorted(subtypes := subtypes or {})
    entities = {"entity_id": pa.array(ids, pa.string()), "subtype": pa.array([subtypes[i] for i in ids], pa.string())}
    con.register("entities_arrow", pa.table(entities))
    con.execute("CREATE VIEW stg_entities AS SELECT entity_id, subtype FROM entities_arrow")
    art = pa.Table.from_pylist(articles)
    con.register("articles_arrow", art)
    con.execute(
        "CREATE VIEW articles AS SELECT *, NULL::VARCHAR AS canonical_url, NULL::VARCHAR AS title, "
        "NULL::VARCHAR AS source_name FROM articles_arrow"
    )
    sql = (REPO / "warehouse" / "sql" / "views" / "incidents.sql").read_text("utf-8")
    grouped = con.execute(f"SELECT incident_id, list(report_key) FROM ({sql}) GROUP BY 1").fetchall()
    return [keys for _, keys in grouped if len(keys) > 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--no-speed", action="store_true", help="skip the timing on the DVIDS corpus")
    args = parser.parse_args(argv)
    if not (args.gold / "incidents.jsonl").exists() or not args.eval.exists():
        print(f"no gold in {args.gold} or no eval data in {args.eval}", file=sys.stderr)
        return 2
    docs, gold_incidents, gold_claims = _gold(args.gold)
    published = _published(args.eval)
    extractor = EntityExtractor()
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold_incidents:
        by_doc[g["doc"]].append(g)
    predicted: dict[str, list[Event]] = {}
    claims_found: list[tuple[str, Any]] = []
    subtypes: dict[str, str] = {}
    texts = {doc: (args.eval / doc).read_text(encoding="utf-8") for doc in docs}
    for doc in docs:
        text = texts[doc]
        language = detect_language(text)  # as ingest sets articles.language
        found = normalize_text(text, published=published.get(doc), extractor=extractor, language=language)
        predicted[doc] = list(found.events)
        subtypes |= {e.entity_id: e.subtype for e in found.entities if e.subtype}
        claims_found += [(doc, c) for c in found.claims]
    scores = _score(docs, predicted, by_doc, claims_found, gold_claims, published, texts, subtypes)
    english = [d for d in docs if _english(texts[d])]
    scores["english_only"] = _score(
        english,
        {d: predicted[d] for d in english},
        {d: v for d, v in by_doc.items() if d in english},
        [(d, c) for d, c in claims_found if d in english],
        [g for g in gold_claims if g["doc"] in english],
        published,
        texts,
        subtypes,
    )
    scores["english_only"]["documents"] = len(english)
    scores["reprints"] = _reprint_merges(texts, predicted, published, subtypes, extractor)
    if not args.no_speed:
        scores["speed"] = _speed(args.eval, extractor)
    scores["documents"] = len(docs)
    scores["gold_incidents"] = len(gold_incidents)
    scores["gold_claims"] = len(gold_claims)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(scores, indent=2))
    return 0


def _score(
    docs: list[str],
    predicted: dict[str, list[Event]],
    by_doc: dict[str, list[dict[str, Any]]],
    claims_found: list[tuple[str, Any]],
    gold_claims: list[dict[str, Any]],
    published: dict[str, dt.date],
    texts: Mapping[str, str],
    subtypes: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    n_pred = sum(len(v) for v in predicted.values())
    n_gold = sum(len(v) for v in by_doc.values())
    pairs_all, type_ok, subtype_ok = 0, 0, 0
    actor, place = [0, 0, 0], [0, 0, 0]
    date_ok = date_n = fat_exact = fat_10 = fat_n = kind_ok = kind_n = country_ok = country_n = 0
    matched: dict[tuple[str, int], str] = {}
    for doc in docs:
        events, gold = predicted[doc], by_doc.get(doc, [])
        pairs = _match(events, gold)
        pairs_all += len(pairs)
        paired_p = {p for p, _ in pairs}
        paired_g = {g for _, g in pairs}
        for pi, gi in pairs:
            e, g = events[pi], gold[gi]
            matched[(doc, pi)] = f"{doc}#{g['incident']}"
            type_ok += e.event_type == g["event_type"]
            subtype_ok += (e.event_type, e.subtype) == (g["event_type"], g["subtype"])
            for side in ("actor1", "actor2"):
                gname = (g.get(side) or {}).get("name")
                pname = getattr(e, f"{side}_text")
                names = [getattr(e, f"{s}_text") for s in ("actor1", "actor2")]
                if gname and pname and _same_name(names, gname):
                    actor[0] += 1
                else:
                    actor[1] += pname is not None
                    actor[2] += gname is not None
            gold_actor = g.get("actor1") or {}
            if gold_actor.get("country") or gold_actor.get("sector"):
                kind_n += 1
                kind_ok += (e.actor1_country, e.actor1_sector) == (gold_actor.get("country"), gold_actor.get("sector"))
            gplace = (g.get("place") or {}).get("name")
            if (g.get("place") or {}).get("country"):
                country_n += 1
                country_ok += e.place_country == g["place"]["country"]
            if gplace and e.place_text and _same_name([e.place_text], gplace):
                place[0] += 1
            else:
                place[1] += e.place_text is not None
                place[2] += gplace is not None
            if g.get("date"):
                date_n += 1
                date_ok += _date_text(e, g.get("date_granularity")) == g["date"]
            gf = (g.get("fatalities") or {}).get("value")
            pf = e.fatalities.value if e.fatalities else None
            if gf is not None or pf is not None:
                fat_n += 1
                fat_exact += gf is not None and pf is not None and pf == gf
                fat_10 += gf is not None and pf is not None and abs(pf - gf) <= 0.1 * gf
        for pi, e in enumerate(events):
            if pi not in paired_p:
                actor[1] += (e.actor1_text is not None) + (e.actor2_text is not None)
                place[1] += e.place_text is not None
        for gi, g in enumerate(gold):
            if gi not in paired_g:
                actor[2] += bool(g.get("actor1")) + bool(g.get("actor2"))
                place[2] += bool(g.get("place"))
    right = 0
    gold_hit: set[int] = set()
    for doc, c in claims_found:
        for gi, g in enumerate(gold_claims):
            if g["doc"] == doc and _overlap((c.start, c.end), (g["start"], g["end"])) and g["status"] == c.status:
                if g.get("value") is not None and float(g["value"]) == c.toll.value:
                    right += 1
                    gold_hit.add(gi)
                    break
    same_as = {
        frozenset((f"{g['doc']}#{g['incident']}", g["same_as"])) for v in by_doc.values() for g in v if g.get("same_as")
    }
    groups = _merges(predicted, published, texts, subtypes)
    false_merges, found_merges = [], set()
    for keys in groups:
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                da, ia = a.rsplit(":", 1)
                db, ib = b.rsplit(":", 1)
                ga, gb = matched.get((da, int(ia))), matched.get((db, int(ib)))
                if ga and gb and frozenset((ga, gb)) in same_as:
                    found_merges.add(frozenset((ga, gb)))
                else:
                    false_merges.append([a, b, ga, gb])
    return {
        "incidents": {"predicted": n_pred, "gold": n_gold, "matched": pairs_all}
        | {"precision": _ratio(pairs_all, n_pred), "recall": _ratio(pairs_all, n_gold)},
        "event_type_accuracy": _ratio(type_ok, pairs_all),
        "subtype_accuracy": _ratio(subtype_ok, pairs_all),
        "actor": _f1(*actor),
        "actor1_country_and_sector": {"accuracy": _ratio(kind_ok, kind_n), "n": kind_n},
        "place": _f1(*place),
        "place_country": {"accuracy": _ratio(country_ok, country_n), "n": country_n},
        "date_exact": {"accuracy": _ratio(date_ok, date_n), "n": date_n},
        "fatalities": {"exact": _ratio(fat_exact, fat_n), "within_10pct": _ratio(fat_10, fat_n), "n": fat_n},
        "casualty_claims": {
            "precision": _ratio(right, len(claims_found)),
            "recall": _ratio(len(gold_hit), len(gold_claims)),
            "predicted": len(claims_found),
            "gold": len(gold_claims),
            "right": right,
        },
        "merges": {
            "gold_same_as_pairs": len(same_as),
            "found": len(found_merges),
            "false_merges": len(false_merges),
            "false_merge_pairs": false_merges[:20],
        },
    }


def _reprint(text: str) -> str:
    """A wire reprint of ``text``: the same story a day later, its last paragraph cut when it has three or more."""
    paragraphs = text.rstrip().split("\n\n")
    return "\n\n".join(paragraphs[:-1] if len(paragraphs) >= 3 else paragraphs) + "\n"


def _told(doc: str, text: str, events: list[Event]) -> list[tuple[str, str, str, str, int]]:
    """Each event of ``doc`` as (doc, sentence text, type, subtype, rank among the doc's events of them): the
    k-th port visit of one sentence in a reprint is the k-th of its original."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for e in events:
        key = (text[e.start : e.end], e.event_type, e.subtype)
        seen[key] += 1
        out.append((doc, *key, seen[key]))
    return out


def _reprint_merges(
    texts: Mapping[str, str],
    predicted: dict[str, list[Event]],
    published: dict[str, dt.date],
    subtypes: dict[str, str],
    extractor: EntityExtractor,
) -> dict[str, Any]:
    """Each document with events reprinted (``_reprint``), normalized again and put beside the originals in the
    incidents view: how many reprinted reports that tell an original report's sentence with its type share its
    incident_id (joined), and how many pairs of reports the view puts in one incident that it kept apart without
    the reprints or that are not a report and its own reprint (false)."""
    sentence = {  # (doc, sentence text, type, subtype, rank) -> the original's report key
        key: f"{doc}:{i}"
        for doc in texts
        if predicted[doc]
        for i, key in enumerate(_told(doc, texts[doc], predicted[doc]))
    }
    reprints: dict[str, list[Event]] = {}
    copies: dict[str, str] = {}  # a reprint's name -> its text
    days: dict[str, dt.date] = {}  # a reprint's name -> its publication day
    own: dict[str, str] = {}  # a reprint's report key -> its original's
    for doc, text in texts.items():
        if not predicted[doc]:
            continue
        name, copy, day = f"{doc}#reprint", _reprint(text), published.get(doc)
        if day is not None:
            days[name] = day + dt.timedelta(days=1)
        found = normalize_text(copy, published=days.get(name), extractor=extractor, language=detect_language(copy))
        reprints[name], copies[name] = list(found.events), copy
        subtypes = subtypes | {e.entity_id: e.subtype for e in found.entities if e.subtype}
        own |= {f"{name}:{i}": sentence[k] for i, k in enumerate(_told(doc, copy, reprints[name])) if k in sentence}
    published, everything = published | days, {**texts, **copies}
    before = {k: tuple(sorted(g)) for g in _merges(predicted, published, everything, subtypes) for k in g}
    group_of = {k: i for i, g in enumerate(_merges(predicted | reprints, published, everything, subtypes)) for k in g}
    apart = sorted(k for k, o in own.items() if group_of.get(k) is None or group_of.get(k) != group_of.get(o))
    members: dict[int, set[str]] = defaultdict(set)
    for key, group in group_of.items():
        members[group].add(own.get(key, key))  # a reprint stands for its original
    false = []
    for keys in members.values():
        ordered = sorted(keys)
        for i, a in enumerate(ordered):  # a reprint left in a pair joined another report
            false += [[a, b] for b in ordered[i + 1 :] if "#reprint" in a + b or b not in before.get(a, ())]
    return {
        "documents": len(reprints),
        "reprinted_reports": sum(len(v) for v in reprints.values()),
        "with_an_original": len(own),
        "joined": len(own) - len(apart),
        "share_joined": _ratio(len(own) - len(apart), len(own)),
        "false_merges": len(false),
        "false_merge_pairs": false[:20],
        "not_joined": apart[:20],
    }


def _speed(eval_dir: Path, extractor: EntityExtractor) -> dict[str, Any]:
    """The entity stage's time and the events stage's (parse included) on every DVIDS text, one process."""
    parser = load_parser()
    entity_s = events_s = 0.0
    words = 0
    for path in sorted((eval_dir / DVIDS).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        words += len(text.split())
        t0 = time.perf_counter()
        found = extractor.extract(text)
        t1 = time.perf_counter()
        dates, quantities = reconcile(
            extract_dates(text, published=None), extract_quantities(text, entities=found.mentions)
        )
        sentences = tuple(split_sentences(text))
        t2 = time.perf_counter()
        find_events(
            text,
            sentences=sentences,
            mentions=found.mentions,
            entities=found.entities,
            quantities=quantities,
            dates=dates,
            published=None,
            parser=parser,
        )
        t3 = time.perf_counter()
        entity_s += t1 - t0
        events_s += t3 - t2
    return {
        "words": words,
        "entity_stage_s": round(entity_s, 3),
        "events_stage_s": round(events_s, 3),
        "events_over_entities": _ratio(events_s, entity_s),
    }


if __name__ == "__main__":
    sys.exit(main())
