"""The choices a user makes, defined once: the CLI, the pipeline and each stage check
against these tuples (the first entry of each is the default)."""

from __future__ import annotations

#: How relative expressions are anchored: to the publication date (news) or to the last
#: date the text told (narrative: histories, biographies).
MODES: tuple[str, ...] = ("news", "narrative")
#: What finds triggers and actors: spaCy when installed (auto), spaCy only, or the rules.
NLP_CHOICES: tuple[str, ...] = ("auto", "spacy", "rules")
#: One lane of the timeline page per article, per source, or per actor.
LANES: tuple[str, ...] = ("article", "source", "actor")
