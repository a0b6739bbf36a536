"""The rules of the date grammar, one module per family: calendar dates, compact ranges, relative
dates, durations, frequencies and clock times, business reporting periods. Each module exports a
tuple of ``transforms.dates.grammar.Rule``; ``transforms.dates.expressions`` runs them all.
"""
