"""Score the geocoder (transforms.geo) on the two geoparsing corpora of ../shared/eval/geoparsing: LGL
(local U.S. news, GeoNames gold) and GeoVirus (WikiNews disease-outbreak news, Wikipedia coordinates).

Two tasks, as Gritta, Pilehvar and Collier ("A Pragmatic Guide to Geoparsing Evaluation", 2019) score them:
- ``gold``: resolution alone, on the gold toponym spans. The resolver sees the article text and the
  other gold spans of the article as its places, never the gold coordinates.
- ``e2e``: sitrep's own recognition (``EntityExtractor``: GPE, LOC and FACILITY mentions) then
  resolution; a gold span is found when a mention overlaps it. Recall is the share of gold spans found;
  the distance figures are over the found spans.

Figures per task and corpus, for sitrep and for a population baseline (the largest place of that name
in the same gazetteer, no context):
- ``acc161``: the share of spans resolved within 161 km (100 miles) of the gold point;
- ``mean_km``, ``median_km`` of the error;
- ``auc``: the area under the curve of the log error, sorted ascending: ``trapezoid(sorted(ln(1 + e)))``
  over the rank axis scaled to [0, 1], divided by ``ln(20039)`` (half the Earth's circumference, the
  largest error). 0 is perfect, 1 the worst; lower is better.
A span left unresolved counts as the largest error (20039 km) in all figures, and ``resolved`` gives the
share resolved. LGL toponyms without a gazetteer tag are left out (they have no gold point).

Generalization: every figure is also given on the two halves of each corpus's documents (``half_a``:
even positions in the file, where the rules were tuned; ``half_b``: odd positions, looked at only for
the report). Speed (``speed_dvids``): the geocoder's seconds against the entity stage's on the DVIDS
corpus (the issue's bound: under a tenth), and ``index_load_seconds``: the cached index loaded in this
process. Usage: ``python bench/eval_geoparsing.py [--eval DIR] [--no-e2e] [--no-gate]``; writes
``bench/results/eval_geoparsing.json``; exits 1 when a figure falls below ``bench/baselines/geoparsing.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.run.geo_cache import load_geo_index  # noqa: E402
from transforms.geo.geoindex import GeoIndex  # noqa: E402
from transforms.geo.resolver import haversine_km, resolve_places  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
RESULTS = ROOT / "bench" / "results" / "eval_geoparsing.json"
BASELINE = ROOT / "bench" / "baselines" / "geoparsing.json"
MAX_KM = 20039.0
PLACE_TYPES = ("GPE", "LOC", "FACILITY")


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    toponyms: tuple[Toponym, ...]


def read_lgl(path: Path) -> list[Document]:
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        tops = []
        for t in article.iter("toponym"):
            tag = t.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue
            tops.append(
                Toponym(
                    int(t.findtext("start") or 0),
                    int(t.findtext("end") or 0),
                    float(tag.findtext("lat") or 0),
                    float(tag.findtext("lon") or 0),
                )
            )
        docs.append(Document(text, tuple(tops)))
    return docs


def read_geovirus(path: Path) -> list[Document]:
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        tops = []
        for loc in article.iter("location"):
            start = _align(text, loc.findtext("name") or "", int(loc.findtext("start") or 0))
            if start is not None:
                name = loc.findtext("name") or ""
                lat, lon = float(loc.findtext("lat") or 0), float(loc.findtext("lon") or 0)
                tops.append(Toponym(start, start + len(name), lat, lon))
        docs.append(Document(text, tuple(tops)))
    return docs


def _align(text: str, name: str, start: int) -> int | None:
    """GeoVirus's offsets are often one or two characters off its text: the occurrence of the name nearest
    the given offset (within 10 characters), else ``None`` (the span is left out)."""
    near = [i for i in range(max(0, start - 10), start + 11) if text.startswith(name, i)]
    return min(near, key=lambda i: abs(i - start)) if near and name else None


def figures(errors: list[float], total: int) -> dict[str, float]:
    """The figures of a list of errors (km; ``MAX_KM`` for unresolved) over ``total`` spans."""
    if not errors:
        return {"n": 0}
    logs = sorted(math.log(1 + e) for e in errors)
    n = len(logs)
    area = sum((logs[i] + logs[i + 1]) / 2 for i in range(n - 1)) / (n - 1) if n > 1 else logs[0]
    return {
        "n": n,
        "recall": round(n / total, 4) if total else 0.0,
        "resolved": round(sum(e < MAX_KM for e in errors) / n, 4),
        "acc161": round(sum(e <= 161 for e in errors) / n, 4),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
        "auc": round(area / math.log(MAX_KM), 4),
    }


def _error(res: tuple[float, float] | None, top: Toponym) -> float:
    return MAX_KM if res is None else haversine_km(res[0], res[1], top.lat, top.lon)


def baseline_point(index: GeoIndex, name: str) -> tuple[float, float] | None:
    found = index.lookup(name)
    if not found:
        return None
    best = max(found, key=lambda f: (index.population[f[0]], not f[1]))[0]
    return index.lat[best], index.lon[best]


def score_gold(index: GeoIndex, docs: list[Document]) -> dict[str, list[float]]:
    errors: dict[str, list[float]] = {"sitrep": [], "population": []}
    for doc in docs:
        spans = [(t.start, t.end) for t in doc.toponyms]
        for top, res in zip(doc.toponyms, resolve_places(doc.text, spans, index=index)):
            errors["sitrep"].append(_error((res.lat, res.lon) if res else None, top))
            errors["population"].append(_error(baseline_point(index, doc.text[top.start : top.end]), top))
    return errors


def score_e2e(index: GeoIndex, docs: list[Document]) -> tuple[dict[str, list[float]], float]:
    from transforms.entities.mentions import EntityExtractor

    extractor = EntityExtractor()
    errors: dict[str, list[float]] = {"sitrep": [], "population": []}
    seconds = 0.0
    for doc, found in zip(docs, extractor.pipe([d.text for d in docs], batch_size=16)):
        places = [m for m in found.mentions if m.type in PLACE_TYPES]
        started = time.perf_counter()
        resolved = resolve_places(doc.text, [(m.start, m.end) for m in places], index=index)
        seconds += time.perf_counter() - started
        for top in doc.toponyms:
            hit = next((i for i, m in enumerate(places) if m.start < top.end and top.start < m.end), None)
            if hit is None:
                continue
            res = resolved[hit]
            errors["sitrep"].append(_error((res.lat, res.lon) if res else None, top))
            errors["population"].append(_error(baseline_point(index, places[hit].text), top))
    return errors, seconds


def report(index: GeoIndex, docs: list[Document], e2e: bool) -> dict[str, object]:
    out: dict[str, object] = {"documents": len(docs), "toponyms": sum(len(d.toponyms) for d in docs)}
    for half, part in (("all", docs), ("half_a", docs[0::2]), ("half_b", docs[1::2])):
        total = sum(len(d.toponyms) for d in part)
        gold = score_gold(index, part)
        out[f"gold.{half}"] = {k: figures(v, total) for k, v in gold.items()}
        if e2e and half == "all":
            found, seconds = score_e2e(index, part)
            out["e2e.all"] = {k: figures(v, total) for k, v in found.items()}
            out["e2e.resolve_seconds"] = round(seconds, 2)
    return out


def speed(folder: Path) -> dict[str, object]:
    """Seconds of the entity stage (``EntityExtractor.extract``) and of geocoding its place mentions
    (``transforms.geo.geocode.geocode``) over the DVIDS corpus, one process; each text twice, the second
    round timed (the first warms caches of both stages alike)."""
    from transforms.entities.mentions import EntityExtractor
    from transforms.geo.geocode import geocode

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        return {}
    extractor = EntityExtractor()
    entity_s = geo_s = 0.0
    places = 0
    for round_ in range(2):
        entity_s = geo_s = 0.0
        for text in texts:
            started = time.perf_counter()
            found = extractor.extract(text)
            middle = time.perf_counter()
            mentions, _ = geocode(text, found.mentions, found.entities)
            geo_s += time.perf_counter() - middle
            entity_s += middle - started
            places += round_ * sum(m.place is not None for m in mentions)
    return {
        "documents": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "places_resolved": places,
        "entity_seconds": round(entity_s, 3),
        "geo_seconds": round(geo_s, 3),
        "geo_share_of_entity_time": round(geo_s / entity_s, 4),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--no-e2e", action="store_true", help="skip recognition (no spaCy model)")
    parser.add_argument("--no-gate", action="store_true", help="do not compare with the baseline floors")
    args = parser.parse_args()
    folder = args.eval / "geoparsing"
    if not folder.exists():
        print(f"no {folder}: nothing to score", file=sys.stderr)
        return 0
    started = time.perf_counter()
    index = load_geo_index()
    results: dict[str, object] = {"index_load_seconds": round(time.perf_counter() - started, 3), "places": len(index)}
    results["lgl"] = report(index, read_lgl(folder / "lgl.xml"), not args.no_e2e)
    results["geovirus"] = report(index, read_geovirus(folder / "GeoVirus.xml"), not args.no_e2e)
    if not args.no_e2e:
        results["speed_dvids"] = speed(args.eval / "defense-news-dvids" / "data" / "corpus")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    if args.no_gate or not BASELINE.exists():
        return 0
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    failed = []
    for bound, worse in (("floors", lambda v, b: v < b), ("ceilings", lambda v, b: v > b)):
        for key, limit in baseline.get(bound, {}).items():
            corpus, task, half, who, figure = key.split(".")
            part = results[corpus].get(f"{task}.{half}")  # type: ignore[attr-defined]
            if part is None:  # e2e figures of a run with --no-e2e
                continue
            value = part[who][figure]
            if worse(value, limit):
                failed.append(f"{key}: {value} (the {bound[:-1]} is {limit})")
    for line in failed:
        print("BELOW FLOOR:", line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
