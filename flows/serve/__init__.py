"""The serve stage: sitrep as a long-running service. Which Prefect API a command uses and ``sitrep
server`` (a local Prefect server with its state file), and ``sitrep serve``: the scheduled
deployments of a sources file, each entry an ingest run on its cron. It may import ``flows.run``,
``flows.acquire``, ``transforms``, ``schemas`` and ``warehouse``; never ``dashboard`` beside it or
``cli`` above it.
"""
