"""The dates stage: every date, time, duration and frequency in a clean article's text, resolved to a
TIMEX3 value and the interval it denotes, and the article's publication date chosen among its page
metadata, a dateline and its URL. The lexicon, the grammar's fragments and its rules (``rules/``),
calendar arithmetic, tense cues, combining overlapping matches and resolving them against the
publication date. Its words are data in ``data/``. It may import ``schemas``, the earlier stages
(``extract``, ``formats``) and the shared ``transforms.sentences`` and ``transforms.errors``; never
``entities`` or ``quantities`` beside it, ``transforms.pipeline`` above it, nor flows or warehouse.
"""
