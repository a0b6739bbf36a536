"""The dashboard stage: ``sitrep dashboard``, a small web app over the warehouse. Its routes answer
the page, its script and style (``static/``), the map data and the JSON of its panels, read from the
DuckDB catalog and the search index. It may import ``warehouse``, ``schemas`` and ``transforms``, and
``flows.run`` or ``flows.acquire`` below it; never ``serve`` beside it or ``cli`` above it.
"""
