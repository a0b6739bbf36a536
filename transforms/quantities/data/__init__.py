"""Word lists and rules of the quantities stage: numbers, units, currencies, qualifiers, casualty events (TOML)."""
