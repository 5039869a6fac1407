"""German rules that are not data (see :mod:`timeline.temporal.hooks`).

German capitalises every noun and the first word of a sentence: a capital letter says
"noun" everywhere but at a sentence start (after . ! ? : or a quotation mark opening
it, or at the start of a line), where it says nothing.
"""

from __future__ import annotations

import re

_SENTENCE_START = re.compile(r"(?:^|[.!?:;]|\n)[\s\"'„“‚‘»«()\[\]–-]*$")
_REACH = 8  # characters looked back for the end of the previous sentence


class GermanHooks:
    capital_means_name = False  # every noun is capitalised

    def case_matters(self, text: str, start: int) -> bool:
        return not _SENTENCE_START.search(text, max(0, start - _REACH), start)


HOOKS = GermanHooks()
