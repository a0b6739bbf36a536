"""The extract stage: one fetched or loaded document's bytes to one clean article. Decoding (binary
sniffing, charsets, capped gzip), trafilatura's HTML extraction and the plain-text path, boilerplate
rules, bylines and authors, titles, publication dates from page metadata and their bounds, canonical
URLs, article links of index pages, and the keys that deduplicate articles. Its rules are data in
``data/``. It may import ``schemas`` and the shared ``transforms.sentences`` and ``transforms.errors``;
never ``formats`` beside it, a later stage (``entities``, ``quantities``, ``dates``, ``pipeline``),
flows or warehouse.
"""
