"""What a language's data cannot say, behind one small interface.

Most of a language is data (``timeline/data/<lang>/``). A few rules are not lists of
words: in German every noun is capitalised, so a capital letter tells the noun 'Morgen'
(morning) from the adverb 'morgen' (tomorrow), and a capitalised word is no verb, except
at the start of a sentence, where every word is capitalised. A language names the module
holding such rules in its lexicon (``"hooks": "timeline.temporal.hooks_de"``); a language
that names none gets :class:`NoHooks`.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from timeline.errors import TimelineError


class LanguageHooks(Protocol):
    """The rules of a language that are code, not data."""

    #: Does a capitalised word inside a sentence mark a name ('the Sunday Times', 'Winter
    #: Olympics')? Not in German, which capitalises every noun.
    capital_means_name: bool

    def case_matters(self, text: str, start: int) -> bool:
        """Does the capitalisation of the word at ``start`` of ``text`` carry meaning (so
        a ``case_sensitive`` word keeps it, and a capitalised word is a noun, no verb)?"""
        ...


class NoHooks:
    """The default: letter case never carries meaning; a capital marks a name."""

    capital_means_name = True

    def case_matters(self, text: str, start: int) -> bool:
        return False


NO_HOOKS = NoHooks()


def load_hooks(module: str, where: str) -> LanguageHooks:
    """The ``HOOKS`` object of ``module`` (a dotted module name), or :data:`NO_HOOKS`."""
    if not module:
        return NO_HOOKS
    try:
        hooks = importlib.import_module(module).HOOKS
    except (ImportError, AttributeError) as exc:
        raise TimelineError(f"lexicon key 'hooks': no HOOKS in module '{module}' ({exc})",
                            where) from None
    if not callable(getattr(hooks, "case_matters", None)):
        raise TimelineError(f"lexicon key 'hooks': '{module}'.HOOKS lacks case_matters", where)
    return hooks
