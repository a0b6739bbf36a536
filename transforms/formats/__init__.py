"""The formats stage: the machine-readable documents that list articles rather than hold one, read
from untrusted bytes. News feeds (RSS, Atom, JSON Feed) and sitemaps become items and URLs, through
one safe XML entry point (no entity expansion, damage reported as problems). It may import
``schemas``, the shared ``transforms.errors`` and ``transforms.sentences``; never another stage, nor
flows or warehouse.
"""
