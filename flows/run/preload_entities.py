"""Imported once, by the forkserver of a run with the default entity model: spaCy, the model and the
gazetteers, for every worker forked from it (see ``flows.run.preload``). A run with another model loads
it in each worker's initializer; a missing model is a failure value, not an error, here.
"""

from flows.run.workers import warm_up_worker
from transforms.entities.ner import DEFAULT_MODEL

warm_up_worker(DEFAULT_MODEL)
