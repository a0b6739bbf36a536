"""Reference data of the geocoder (TOML), read with importlib.resources."""
