"""The rules of the date grammar, one module per family: calendar dates (``calendar``), years, decades
and centuries (``years``), quarters and halves (``quarters``), holidays (``holidays``), compact ranges
(``range``), today, yesterday and weekdays (``deictic``), relative dates (``relative``), durations,
frequencies and clock times (``duration``), business reporting periods (``business``). Each module
exports a tuple of ``transforms.dates.grammar.Rule``; ``transforms.dates.expressions`` runs them all,
in that order.
"""
