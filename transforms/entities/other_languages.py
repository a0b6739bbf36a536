"""What the entity stage keeps of the statistical model in an article not written in English.

The model learnt English news. On a Spanish or Latvian page it still finds people's names written in full
("Pedro Horrach", "Cristina de Borbón"), but most of its other spans are common words of that language read as
names ("Asimismo", "Grecia el", "Naktī"). There, a model span is kept only when it is a person named in two to
four capitalised words, with lower-case particles inside the name only ("de", "van", "al"); the gazetteers,
patterns and rules, which match names and not words, run as in English.
"""

from __future__ import annotations

from transforms.entities.coreference import Candidate

__all__ = ["trusted_span", "english"]

_PARTICLES = frozenset(
    {
        "de",
        "del",
        "della",
        "der",
        "di",
        "da",
        "do",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "y",
        "al",
        "el",
        "bin",
        "ibn",
    }
)


def english(language: str | None) -> bool:
    """Whether an article of ``language`` (ISO 639-1, ``None`` when unknown) is read as English."""
    return language is None or language == "en"


def trusted_span(text: str, c: Candidate) -> bool:
    """Whether the model-only span ``c`` of a non-English article is kept: a person of two to four
    capitalised words, particles only inside ("Cristina de Borbón", not "de Castro" or "Rey de")."""
    if not c.model_only:
        return True
    words = text[c.start : c.end].split()
    if c.type != "PERSON" or not 2 <= len(words) <= 4:
        return False
    return (
        _capitalised(words[0])
        and _capitalised(words[-1])
        and all(w in _PARTICLES or _capitalised(w) for w in words[1:-1])
    )


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower()
