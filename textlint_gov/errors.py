"""Errors shared across the package without importing what raises them."""


class ConfigError(Exception):
    """An invalid configuration; the message names the file and the key."""
