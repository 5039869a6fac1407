"""The one exception type the CLI turns into a one-line error and a non-zero exit."""

from __future__ import annotations


class TimelineError(Exception):
    """A user-facing problem: bad input, unwritable output. ``str()`` is one line
    that names the file and says how to fix it."""

    def __init__(self, message: str, path: str = "") -> None:
        self.path = path
        super().__init__(message if not path else f"{path}: {message}")
