"""Temporal expressions: language data, recognition, interpretation, normalization, tense
and relation cues, discourse, intervals and holidays. The entry point is
:func:`timeline.temporal.tagger.tag`.
"""
