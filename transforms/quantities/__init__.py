"""The quantities stage: every count, amount of money, share and measure in a clean article's text,
as typed records. Numerals in digits or words, units and currencies with their conversion, what is
written against a number (sign, scale, hedge), ranges and bounds around it, the noun a count counts
and the casualty event it reports. Its word lists and rules are data in ``data/``. It may import
``schemas``, the earlier stages (``extract``, ``formats``) and the shared ``transforms.sentences`` and
``transforms.errors``; never ``entities`` or ``dates`` beside it, ``transforms.pipeline`` above it,
nor flows or warehouse.
"""
