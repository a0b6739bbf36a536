"""The acquire stage: getting documents' bytes, from the web or from local files. Sources files and
their discovery, the HTTP fetcher (address pinning, robots.txt, per-host limits, the second tier of
retries), feeds and sitemaps walked to article URLs, what the lake has already seen, and loading
files, folders and WARC archives. It may import ``transforms``, ``schemas`` and ``warehouse``; never
the other stages of flows (``run``, ``serve``, ``dashboard``, ``cli``), which build on it.
"""
