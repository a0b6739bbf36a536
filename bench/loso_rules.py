"""Leave-one-source-out selection of the context rules on re3d dev: for each held-out publisher, keep the rules
that do not hurt the other four, then score the held-out one with that rule set.

sitrep's model never saw re3d, so what re3d can overfit is the rule set (``transforms/entities/in_context.py``
and two cues in ``entity_types.py``), written after reading errors on all five sources. This script undoes the
"keep or drop" part of that fit: each rule is switched off in turn, the five sources and CoNLL dev are scored
with and without it, and for held-out source S a rule is kept only when the sum of its effects on the other
four sources is not negative. S is then scored with the rules kept for it, and the rule table is printed so a
rule that helps where it was written and hurts elsewhere is visible. It cannot undo that the rules exist
because someone read all five sources; docs/evaluation.md says so beside the figures.

The spaCy pipeline runs once per document; the rules run again for every setting on the cached docs.

Usage: ``python bench/loso_rules.py [--eval DIR]``. Writes ``bench/results/loso_rules.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eval_entities import (
    CONLL_MAP,
    NOMINAL_SUBTYPES,
    RE3D_MAP,
    RE3D_TYPES,
    Doc,
    Span,
    load_conll,
    load_re3d,
    score,
)

from transforms.entities import (
    common_words,
    compounds,
    coordinated,
    entity_types,
    exercises,
    in_context,
    mentions,
    people,
    titled,
    town_states,
)
from transforms.entities.mentions import EntityExtractor
from transforms.entities.ner import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "loso_rules.json"
_NEVER = re.compile(r"(?!)")

# rule name -> (object, attribute, stand-in that switches the rule off)
RULES: dict[str, tuple[Any, str, Any]] = {
    "city_state_datelines": (in_context, "with_states", lambda text, chosen, *tables: chosen),
    "months_not_places": (in_context.ContextRules, "_calendar_place", lambda self, text, c: False),
    "unit_numbers": (
        in_context.ContextRules,
        "_unit_numbers",
        lambda self, text, chosen, lookup: sorted(chosen, key=lambda c: c.start),
    ),
    "capital_as_government": (in_context.ContextRules, "_government", lambda self, text, c, chosen: c),
    "services_in_titles": (in_context.ContextRules, "_titled_services", lambda self, text, chosen: chosen),
    "short_service_names": (in_context, "short_services", lambda text, chosen, table, words: chosen),
    "rank_credit_headline_words": (in_context.ContextRules, "_not_a_person", lambda self, text, c: False),
    "regional_offices": (in_context, "with_region", lambda text, chosen, nouns, lookup: chosen),
    "particle_names": (in_context, "_with_particle_name", lambda text, c: c),
    "common_word": (in_context, "_common_word", lambda text, c, *names: False),
    "dictionary_openers": (common_words, "_capitalised_inside", lambda text, word: True),
    "service_member_nouns": (in_context.ContextRules, "_member", lambda self, text, c: False),
    "anti_prefixed_isms": (in_context, "_prefixed_ism", lambda text, c: False),
    "technical_acronyms": (in_context.ContextRules, "_technical", lambda self, text, c: False),
    "places_not_people": (
        in_context.ContextRules,
        "_places_not_people",
        lambda self, text, chosen, lookup: chosen,
    ),
    "place_after_over_from": (entity_types, "_WEAK_LOCATIVE", _NEVER),
    "place_described_after": (entity_types, "_PLACE_DESCRIBED", _NEVER),
    "headline_phrases": (entity_types, "_HEADLINE_WORD", _NEVER),
    "names_with_and": (mentions, "join_coordinated", lambda text, cands: cands),
    "hyphen_compounds": (mentions, "join_compounds", lambda text, cands, lookup: cands),
    "rejoined_places": (mentions, "rejoin_places", lambda text, cands, lookup: cands),
    "wire_credits": (mentions, "wire_credits", lambda text: []),
    "tickers": (mentions, "ticker_mentions", lambda text, chosen: chosen),
    "base_short_names": (mentions, "base_short_names", lambda text, chosen: chosen),
    "ship_short_names": (mentions, "ship_short_names", lambda text, chosen: chosen),
    "exercise_names": (mentions, "exercise_names", lambda text, cands: cands),
    "headline_names": (entity_types, "headline_name_end", lambda text, headline, start, end: None),
    "places_in_names_and_titles": (mentions, "places_in_event_names", lambda text, chosen: chosen),
    "legal_forms": (mentions, "with_legal_forms", lambda text, cands: cands),
    "place_pairs": (mentions, "split_place_pairs", lambda text, cands, lookup: cands),
    "state_abbreviations": (mentions, "spelled_states", lambda text, chosen, names, states: chosen),
    "surnames_as_people": (mentions, "surnames_as_people", lambda text, chosen: chosen),
    "towns_in_lists": (mentions, "qualified_places", lambda text, chosen, lookup: chosen),
    "quoted_short_names": (mentions, "quoted_short_names", lambda text, chosen: chosen),
    "concept_initials": (mentions, "concept_initials", lambda text, chosen: chosen),
    "unit_initials": (mentions, "with_unit_numbers", lambda text, chosen: chosen),
    "parent_bodies": (mentions, "parent_bodies", lambda text, chosen, lookup: chosen),
    "surname_heads": (entity_types, "_surname_head", lambda text, cand, surnames, titled: False),
    "double_surnames": (compounds, "_one_person", lambda text, first, second, surnames: False),
    "places_by_context": (mentions, "places_by_context", lambda text, chosen, lookup, titled: chosen),
    "orgs_by_context": (mentions, "orgs_by_context", lambda text, chosen, *lookup: chosen),
    "nationality_services": (in_context, "nationality_services", lambda text, chosen, table, words: chosen),
    "named_bodies_in_titles": (titled, "_named_body", lambda text, c: False),
    "names_after_portfolios": (titled.TitledPeople, "_name_after", lambda self, text, cut, end: False),
    "services_before_ranks": (titled.TitledPeople, "_services", lambda self, text, spans, chosen: chosen),
    "dictionary_phrases": (in_context, "dictionary_phrase", lambda words: False),
    "unknown_word_places": (in_context, "unknown_word_place", lambda text, c, cities: False),
    "offices_alone": (titled.TitledPeople, "_office_alone", lambda self, text, c, chosen: False),
    "lower_case_offices": (people.TitleFinder, "_lower_office", lambda self, text, end: None),
    "parent_units": (mentions, "parent_units", lambda text, chosen: chosen),
    "country_halves": (mentions, "country_halves", lambda text, chosen: chosen),
    "bodies_named_for_places": (mentions, "_opens_body", lambda doc, after, entry: False),
    "station_towns": (town_states, "_station_town", lambda c, surface, state, lookup: c),
    "crew_noun_tails": (in_context.ContextRules, "without_members", lambda self, text, start, end: end),
    "capitalised_exercises": (exercises, "_named_exercise", lambda surface: False),
    "strike_group_short_forms": (mentions, "strike_group_short_forms", lambda text: []),
    "geologic_times": (in_context, "geologic_time", lambda text, c: False),
    "crew_colors": (in_context, "crew_color", lambda text, c: False),
    "dictionary_words_before_and": (coordinated, "dictionary", lambda: frozenset()),
    "facility_runs": (mentions, "facility_runs", lambda text, cands: cands),
    "titles_into_names": (titled.TitledPeople, "_title_into", lambda self, text, c: c),
    "portfolios_as_places": (titled.TitledPeople, "_placed", lambda self, match: match),
    "names_after_offices": (titled.TitledPeople, "_missed_name", lambda self, text, end, chosen: None),
    "meeting_names": (mentions, "meeting_names", lambda text, lookup: []),
    "water_names": (mentions, "water_names", lambda text: []),
    "towns_of_the_state": (town_states, "_towns_of_the_state", lambda chosen: chosen),
}


@contextmanager
def rules_off(names: set[str]) -> Iterator[None]:
    saved = [(obj, attr, getattr(obj, attr)) for name, (obj, attr, _) in RULES.items() if name in names]
    try:
        for name in names:
            obj, attr, stand_in = RULES[name]
            setattr(obj, attr, stand_in)
        yield
    finally:
        for obj, attr, value in saved:
            setattr(obj, attr, value)


def cached_docs(extractor: EntityExtractor, texts: list[str]) -> list[Any]:
    """The spaCy docs after the pipeline, before sitrep's analysis (which is what the rules change)."""
    analyse = EntityExtractor._analyse
    setattr(EntityExtractor, "_analyse", lambda self, doc: doc)  # noqa: B010 (a stand-in, put back below)
    try:
        return list(extractor.pipe(texts))
    finally:
        setattr(EntityExtractor, "_analyse", analyse)  # noqa: B010


def predict(extractor: EntityExtractor, docs: list[Any]) -> list[list[Span]]:
    out: list[list[Span]] = []
    for doc in docs:
        result = extractor._analyse(doc)
        nominal = {e.entity_id for e in result.entities if e.subtype in NOMINAL_SUBTYPES}
        out.append([Span(m.start, m.end, m.type, m.entity_id, m.entity_id in nominal) for m in result.mentions])
    return out


def figures(
    extractor: EntityExtractor, re3d: list[Doc], re3d_docs: list[Any], conll: list[Doc], conll_docs: list[Any]
) -> dict[str, float]:
    """Named-mention overlap F1 per re3d source, and CoNLL dev PER/ORG/LOC overlap F1."""
    pred = predict(extractor, re3d_docs)
    out: dict[str, float] = {}
    for source in sorted({d.source for d in re3d}):
        pairs = [(d, p) for d, p in zip(re3d, pred) if d.source == source]
        table = score([d for d, _ in pairs], [p for _, p in pairs], RE3D_MAP, RE3D_TYPES, named_only=True)
        out[source] = table["overlap"]["ALL"]["f1"]
    conll_pred = predict(extractor, conll_docs)
    table = score(conll, conll_pred, CONLL_MAP, ("PER", "ORG", "LOC"), False, drop_nominal=True)
    out["CoNLL"] = table["overlap"]["ALL"]["f1"]
    return out


def select(effects: dict[str, dict[str, float]], held_out: str, sources: list[str], strict: bool) -> set[str]:
    """Rules to switch off for ``held_out``: those whose summed effect on the other sources is negative, or
    with ``strict``, not positive (a rule must then earn its place on the four sources it may be tuned on)."""
    return {
        rule
        for rule, by in effects.items()
        if (total := sum(by[s] for s in sources if s != held_out)) < 0 or (strict and total <= 0)
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()
    if not (args.eval / "re3d-dev").is_dir() or not (args.eval / "conll2003-dev").is_dir():
        print(f"eval data not found under {args.eval}: skipped")
        return 0
    extractor = EntityExtractor(model=args.model)
    re3d = load_re3d(args.eval / "re3d-dev")
    conll = load_conll(args.eval / "conll2003-dev" / "eng.testa")
    re3d_docs = cached_docs(extractor, [d.text for d in re3d])
    conll_docs = cached_docs(extractor, [d.text for d in conll])

    def run(off: set[str]) -> dict[str, float]:
        with rules_off(off):
            return figures(extractor, re3d, re3d_docs, conll, conll_docs)

    every = run(set())
    sources = [s for s in every if s != "CoNLL"]
    effects = {rule: {s: every[s] - f for s, f in run({rule}).items()} for rule in RULES}
    results: dict[str, Any] = {
        "model": args.model,
        "all_rules": {k: round(v, 4) for k, v in every.items()},
        "rule_effects": {r: {s: round(v, 4) for s, v in by.items()} for r, by in effects.items()},
    }
    for key, strict in (("not_harmful", False), ("helpful", True)):
        loso: dict[str, dict[str, Any]] = {}
        for held_out in sources:
            dropped = select(effects, held_out, sources, strict)
            loso[held_out] = {"rules_dropped": sorted(dropped), "f1": round(run(dropped)[held_out], 4)}
        results[f"loso_{key}"] = {"by_source": loso, "mean": round(sum(v["f1"] for v in loso.values()) / len(loso), 4)}
    _print(results, sources)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def _print(results: dict[str, Any], sources: list[str]) -> None:
    columns = [*sources, "CoNLL"]
    fmt: Callable[[float], str] = lambda v: f"{v:+.4f}"  # noqa: E731
    print("effect of each rule (F1 with it minus F1 without it), named-mention overlap F1:")
    print(f"  {'rule':28}" + "".join(f"{c[:10]:>11}" for c in columns))
    print(f"  {'(all rules on: F1)':28}" + "".join(f"{results['all_rules'][c]:>11.4f}" for c in columns))
    for rule, by in results["rule_effects"].items():
        print(f"  {rule:28}" + "".join(f"{fmt(by[c]):>11}" for c in columns))
    for key, what in (("not_harmful", "not harmful"), ("helpful", "helpful (strict)")):
        print(f"\nleave one source out: rules kept when {what} on the other four, scored on the held-out source")
        for source, row in results[f"loso_{key}"]["by_source"].items():
            print(f"  {source[:26]:28}{row['f1']:.4f}  off: {', '.join(row['rules_dropped']) or '-'}")
        print(f"  {'mean':28}{results[f'loso_{key}']['mean']:.4f}")


if __name__ == "__main__":
    sys.exit(main())
