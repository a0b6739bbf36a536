"""The events stage: incidents and casualty claims read from an article's sentences.

``casualties`` reads each stated number of people with a status (killed, injured, captured, missing,
rescued, released, displaced, arrested) from its clause: the dependency parse of the sentences that
hold a casualty cue (``parse``, read by ``clauses``), or the words around the number when no parser is
installed; in Arabic, Japanese, Latvian and Thai articles, from the word tables of ``languages``.
``detect`` finds one ``Event`` per incident with its type and subtype (the cue lexicon of
``data/event_cues.toml``), its actors, weapons, place, date and toll. It reads what the earlier stages
found (sentences, entity mentions, quantities, dates); it may import ``schemas``, ``entities``,
``quantities`` and ``dates`` beside it, never ``transforms.pipeline`` above it, nor flows or warehouse.
"""
