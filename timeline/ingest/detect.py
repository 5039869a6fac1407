"""The one adapter to the language detector (py3langid): which language a text is in.

py3langid (a naive Bayes model over byte n-grams, trained on news, encyclopedia and
web text) was chosen over lingua for speed, size and memory; see
``benchmarks/bench_langdetect.py``. It may answer any of the languages it ships that
have a two-letter ISO 639-1 code (over a hundred), not just the ones the tool has data
for: an article in French must come out as French (and be refused), never as the
nearest language the tool knows. The regional languages and creoles it also knows by
three-letter codes only (Nigerian Pidgin, Central Bikol, ...) are left out: close kin
of big languages, they took one-sentence English news away from English more often
than they could be right. Its types do not leave this module.

A text too short to judge, or one the model is not sure about, is *undecided*
(``Detection.lang == ""``): the caller then falls back and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

#: Fewer letters than this is a title or a caption, too little to judge.
MIN_LETTERS = 20
#: The model's normalised probability for its best language must reach this.
MIN_CONFIDENCE = 0.8
#: Only the start of a long article is read: it decides as well and costs far less.
MAX_CHARS = 600
#: The model's label for text in no language (numbers, code): undecided.
NO_LANGUAGE = "zxx"


@dataclass(frozen=True, slots=True)
class Detection:
    """The detector's answer: ``lang`` ('' when undecided) and its probability."""

    lang: str
    confidence: float


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in identifier.labels
                              if len(code) == 2 or code == NO_LANGUAGE])
    return identifier


def detect_language(text: str) -> Detection:
    """The language of ``text`` (an ISO 639 code), or undecided (``lang == ""``)."""
    sample = text[:MAX_CHARS]
    letters = sum(map(str.isalpha, sample))
    if letters < MIN_LETTERS:
        return Detection("", 0.0)
    lang, confidence = _identifier().classify(sample)
    confidence = float(confidence)
    if confidence < MIN_CONFIDENCE or lang == NO_LANGUAGE:
        return Detection("", confidence)
    return Detection(str(lang), confidence)
