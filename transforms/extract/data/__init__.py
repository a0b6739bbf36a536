"""Rules of the extract stage as data: authors, boilerplate and page-title words (TOML)."""
