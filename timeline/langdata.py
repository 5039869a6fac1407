"""Where a language's data lives, and the one loader that reads and validates it.

A language is a folder ``<lang>/`` of data files: the package's own under
``timeline/data/``, or one under a folder named in the ``TIMELINE_DATA`` environment
variable (``os.pathsep``-separated; searched first), so that a new language is a folder
and no code. ``timeline/data/schema.json`` declares every file a folder may hold and the
keys of each with their types; a missing, unknown or mistyped key is an error naming the
file and the key.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from timeline.errors import TimelineError

ENV_VAR = "TIMELINE_DATA"
SCHEMA_FILE = "schema.json"


def _roots() -> list[Traversable]:
    extra = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return [*extra, resources.files("timeline") / "data"]


def available_languages(marker: str = "lexicon.json") -> list[str]:
    """Codes of the languages that have ``marker`` (by default: temporal data); the data
    folders are listed once per process and ``TIMELINE_DATA`` value, not per article."""
    return list(_listed(marker, os.environ.get(ENV_VAR, "")))


@cache
def _listed(marker: str, env: str) -> tuple[str, ...]:  # env: the cache key of _roots()
    codes = {entry.name for root in _roots() if root.is_dir() for entry in root.iterdir()
             if entry.is_dir() and (entry / marker).is_file()}
    return tuple(sorted(codes))


def language_dir(lang: str) -> Traversable | None:
    """The folder of ``lang``'s data (the first root that has one), or None."""
    for root in _roots():
        folder = root / lang
        if folder.is_dir():
            return folder
    return None


def data_file(lang: str, name: str) -> Traversable:
    """``<lang>/<name>``; an error naming the language and the languages there are."""
    folder = language_dir(lang)
    if folder is None or not (folder / name).is_file():
        known = ", ".join(available_languages()) or "none"
        where = f"{lang}/{name}" if folder is not None else ""
        raise TimelineError(f"no language data for '{lang}' (available: {known}); set the "
                            "article's language to one of those or add a data folder", where)
    return folder / name


@cache
def schema() -> dict[str, dict[str, str]]:
    """File name -> key -> type, from ``timeline/data/schema.json``."""
    text = (resources.files("timeline") / "data" / SCHEMA_FILE).read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def _type_ok(value: Any, typ: str) -> bool:
    if typ == "any":
        return True
    if typ == "text":
        return isinstance(value, str)
    if typ == "words":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if typ == "groups":
        return isinstance(value, list) and all(_type_ok(v, "words") for v in value)
    if typ.startswith("map<") and typ.endswith(">"):
        inner = typ[4:-1]
        return isinstance(value, dict) and all(_value_ok(v, inner) for v in value.values())
    raise TimelineError(f"unknown type '{typ}' in {SCHEMA_FILE}")


def _value_ok(value: Any, inner: str) -> bool:
    if inner == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if inner == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if inner == "list":
        return isinstance(value, list)
    return _type_ok(value, inner)


def validate(data: Any, declared: dict[str, str], where: str) -> None:
    """Check ``data`` against one file's declared keys; raise naming the file and key."""
    if not isinstance(data, dict):
        raise TimelineError("expected a JSON object at the top level", where)
    required = {k for k, t in declared.items() if not t.endswith("?")}
    unknown = sorted(k for k in data if not k.startswith("_") and k not in declared)
    if unknown:
        raise TimelineError(f"unknown key '{unknown[0]}' (not declared in {SCHEMA_FILE})", where)
    missing = sorted(required - set(data))
    if missing:
        raise TimelineError(f"missing key '{missing[0]}'", where)
    for key, typ in declared.items():
        if key in data and not _type_ok(data[key], typ.rstrip("?")):
            raise TimelineError(f"key '{key}' should be {typ.rstrip('?')}", where)


@cache
def load_json(lang: str, name: str) -> dict[str, Any]:
    """``<lang>/<name>`` parsed and validated against the schema (once per process)."""
    declared = schema().get(name)
    file = data_file(lang, name)
    where = f"{lang}/{name}" if not isinstance(file, Path) else str(file)
    if declared is None:
        raise TimelineError(f"'{name}' is not a file declared in {SCHEMA_FILE}", where)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise TimelineError(f"not valid JSON ({exc})", where) from None
    validate(data, declared, where)
    out = {k: v for k, v in data.items() if not k.startswith("_")}
    # an optional key left out reads as empty, so code never asks whether a table exists
    out.update({k: _empty(t[:-1]) for k, t in declared.items() if t.endswith("?") and k not in out})
    return out


def _empty(typ: str) -> Any:
    """The empty value of a declared type: '' for text, [] for word lists, {} for maps."""
    return "" if typ == "text" else {} if typ.startswith("map<") else []
