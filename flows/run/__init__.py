"""The run stage: one ingest or reprocess run, from its sources to stored tables. The ingest and
reprocess flows, settings and options built once at the entry point, batches of acquired documents,
the cleaning workers (a warmed-up forkserver, or a Dask cluster) calling the transforms, the reprocess
cache, the rows written to the lake and the artifacts and progress a run reports. It may import
``flows.acquire``, ``transforms``, ``schemas`` and ``warehouse``; never ``serve``, ``dashboard`` or
``cli``, which start runs (one listed exception: ``ingest`` uses ``flows.cli.failures.one_line``).
"""
