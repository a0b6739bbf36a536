"""The words of the dates stage: months, weekdays, seasons, holidays, units, cues (TOML)."""
