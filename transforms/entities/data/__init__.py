"""Reference data of the entities stage: gazetteers, countries, regions, groups, titles and name variants (TOML)."""
