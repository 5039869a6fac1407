"""What loading a language works out once and may keep between processes.

Checking a language's patterns (each must compile and never match the empty string) and
working out which characters each can begin with take most of a process's start-up.
Both depend only on the language's data files and on the code that reads them, so the
answer is kept in a small JSON file named by a digest of exactly those: the package
version, the Python version, the data folder's ``lexicon.json`` and ``patterns.tsv``,
``schema.json`` and the loading modules' own source. Any changed byte of any of them is
another name, so a changed data folder (or a ``TIMELINE_DATA`` one) is never served an
answer worked out for other content: it is checked afresh.

The files live in the user's cache folder (``$XDG_CACHE_HOME/timeline``, else
``~/.cache/timeline``), or in ``$TIMELINE_CACHE``; ``TIMELINE_CACHE=off`` keeps none.
Never in the installed package. A folder that cannot be written, or a file that cannot
be read, only means the work is done again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

ENV_VAR = "TIMELINE_CACHE"
OFF = "off"
_FORMAT = 1  # bump when the stored fields change
_CODE = ("timeline.temporal.language", "timeline.temporal.patterns",
         "timeline.temporal.firstchars", "timeline.temporal.loadcache", "timeline.langdata")


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    chosen = os.environ.get(ENV_VAR, "")
    if chosen.lower() == OFF:
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "timeline"


def _code_bytes() -> list[bytes]:
    out = []
    for name in _CODE:
        file = getattr(sys.modules.get(name), "__file__", None)
        out.append(Path(file).read_bytes() if file and Path(file).is_file() else name.encode())
    return out


def digest(code: str, files: list[Traversable]) -> str:
    """The name of the answer for language ``code`` whose data are ``files``."""
    from timeline import __version__

    sha = hashlib.sha256(f"{_FORMAT}\0{__version__}\0{sys.version}\0{code}".encode())
    schema = resources.files("timeline") / "data" / "schema.json"
    for blob in [*(f.read_bytes() for f in [*files, schema]), *_code_bytes()]:
        sha.update(len(blob).to_bytes(8, "big"))
        sha.update(blob)
    return sha.hexdigest()[:32]


def read(name: str) -> dict[str, object] | None:
    """The stored answer called ``name``, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == _FORMAT else None


def write(name: str, data: dict[str, object]) -> None:
    """Store ``data`` as ``name``, whole or not at all; a failure is no error."""
    folder = cache_dir()
    if folder is None:
        return
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({**data, "format": _FORMAT}, out)
        os.replace(tmp, folder / f"{name}.json")
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
