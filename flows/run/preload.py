"""Imported once, by the forkserver that starts local cleaning workers (``flows.run.workers.cleaning_pool``).

It warms up as a worker with the entity stage off would: the cleaning stages and the language
identifier. Workers are forked from that process, so each starts with them (the memory pages shared,
not copied) instead of loading its own copy. ``flows.run.preload_entities`` adds the default entity
model. ``clean_job`` returns failures as values, so nothing here can stop the forkserver.
"""

from flows.run.workers import warm_up_worker

warm_up_worker(None)
