"""The tagger that evaluation scores: any ``(text, dct) -> timexes`` callable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from timeline.models import Timex

Tagger = Callable[[str, date], list[Timex]]


def default_tagger(mode: str = "news", lang: str = "en") -> Tagger:
    """``timeline.temporal.tagger.tag`` bound to ``mode`` and ``lang``."""
    from timeline.temporal.tagger import tag

    return partial(tag, mode=mode, lang=lang)
