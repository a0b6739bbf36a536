"""The entities stage: every person, organization, place, nationality, weapon, platform and operation
mentioned in a clean article's text, typed and resolved to canonical entities with stable IDs. The
spaCy NER model (with all-caps text recased for it), gazetteers and places, pattern and class-noun
rules, acronyms, ranks and offices, context rules that correct types, and coreference. Its reference
data is in ``data/``. It may import ``schemas``, the earlier stages (``extract``, ``formats``) and
the shared ``transforms.sentences`` and ``transforms.errors``; never ``quantities`` or ``dates``
beside it, ``transforms.pipeline`` above it, nor flows or warehouse.
"""
