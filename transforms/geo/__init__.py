"""Geocoding: every place mention resolved, offline and by context, to a GeoNames place with coordinates."""
