"""Errors the user caused: the CLI prints them as one line and exits with code 2."""


class UserError(Exception):
    """Bad input, bad config or bad usage. The message is shown as-is, so make it specific."""
