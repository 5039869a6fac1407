"""news-timeline: temporal expressions -> events -> an event table and a timeline.

The public Python API (loaded on first use, so ``import timeline`` stays light)::

    from timeline import build
    result = build(["sample_articles/"], out_dir="output", formats=("csv", "html"))
    result.frame  # the event table as a pandas DataFrame
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "build": "timeline.pipeline",
    "BuildResult": "timeline.pipeline",
    "render_table": "timeline.pipeline",
    "tag_documents": "timeline.pipeline",
    "tag": "timeline.temporal.tagger",
    "load_articles": "timeline.ingest.loader",
    "events_to_frame": "timeline.table.schema",
    "read_table": "timeline.table.schema",
    "Article": "timeline.models",
    "Event": "timeline.models",
    "Timex": "timeline.models",
    "TimelineError": "timeline.errors",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
