"""Which language an article is in, and where that came from.

The decision, first answer wins:

1. ``option``: the ``--lang`` the user passed (overrides everything);
2. ``metadata``: the article's own (HTML ``lang`` attribute, front matter ``lang:``, a
   collection's ``lang`` column or field);
3. ``detected``: :func:`timeline.ingest.detect.detect_language` on the text, when the
   text is long enough and the detector sure enough;
4. ``majority``: otherwise the language most of the other inputs of the same run were
   found to be in (metadata or detected), so a title-only row of a German collection is
   German;
5. ``default``: otherwise English, the tool's first language.

The source is kept with the language (the event table's ``lang_from`` column), so a
guess is never silent.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.errors import TimelineError
from timeline.ingest.detect import detect_language

DEFAULT_LANG = "en"
#: Where an article's language came from, strongest first (the ``lang_from`` values).
LANG_SOURCES: tuple[str, ...] = ("option", "metadata", "detected", "majority", "default")
_CODE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True, slots=True)
class LangChoice:
    """A language code ('' while undecided) and where it came from (``LANG_SOURCES``)."""

    lang: str
    source: str


def primary_language(tag: str | None) -> str:
    """``en-US`` -> ``en``; empty or odd values give ''."""
    if not tag:
        return ""
    primary = re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()
    return primary if _CODE.fullmatch(primary) else ""


def option_language(value: str | None) -> str:
    """The ``--lang`` value as a code ('' when not given); anything else is an error."""
    if value is None or not value.strip():
        return ""
    code = primary_language(value)
    if not code:
        raise TimelineError(f"--lang {value!r} is not a language code; write a two-letter "
                            "ISO 639-1 code such as en or de")
    return code


def choose_language(option: str, metadata: str, text: str) -> LangChoice:
    """Steps 1-3 of the decision; ``LangChoice('', '')`` when the text cannot tell."""
    if option:
        return LangChoice(option, "option")
    if metadata:
        return LangChoice(metadata, "metadata")
    found = detect_language(text)
    return LangChoice(found.lang, "detected") if found.lang else LangChoice("", "")


def fallback_language(choices: Sequence[LangChoice]) -> LangChoice:
    """Steps 4-5: the most common decided language of ``choices`` (the first one seen
    on a tie), else the default."""
    counts = Counter(choice.lang for choice in choices if choice.lang)
    if counts:
        return LangChoice(counts.most_common(1)[0][0], "majority")
    return LangChoice(DEFAULT_LANG, "default")


def decide_all(choices: Sequence[LangChoice]) -> list[LangChoice]:
    """``choices`` with every undecided one replaced by :func:`fallback_language`."""
    if all(choice.lang for choice in choices):
        return list(choices)
    fallback = fallback_language(choices)
    return [choice if choice.lang else fallback for choice in choices]


_WHY = {
    "option": "--lang asks for it",
    "metadata": "the article's metadata says so; fix its lang or pass --lang",
    "detected": "detected from its text; pass --lang to override",
    "majority": "assumed from the other inputs (its text is too short to tell); set its "
                "lang or pass --lang",
    "default": "assumed (its text is too short to tell); set its lang or pass --lang",
}


def no_data_message(lang: str, source: str, available: Sequence[str]) -> str:
    """One line: the language, the ones there are, why this one, and the fix."""
    known = ", ".join(available) or "none"
    why = _WHY.get(source, "set its lang or pass --lang")
    return (f"no language data for '{lang}' (available: {known}); {why}, "
            f"or add a '{lang}' data folder through TIMELINE_DATA")


def fallback_note(lang: str, source: str) -> str:
    """Why an article got ``lang`` without saying so itself ('' when it did say)."""
    if source == "majority":
        return (f"language not detectable (text too short or unclear); assumed '{lang}' "
                "like most other inputs; set its lang or pass --lang")
    if source == "default":
        return (f"language not detectable (text too short or unclear); assumed '{lang}'; "
                "set its lang or pass --lang")
    return ""
