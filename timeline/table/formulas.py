"""Spreadsheet formula injection (CSV injection, OWASP): text cells made inert.

A spreadsheet opening ``events.csv`` evaluates a cell that starts with ``=``, ``+``,
``-`` or ``@`` as a formula (``=HYPERLINK(...)`` becomes a live link, ``@SUM(1)`` a
sum), and some also after a leading tab, carriage return or NUL. Article text is
untrusted, so each such TEXT cell is written with a leading apostrophe, as OWASP
recommends: the spreadsheet shows it as text. Dates and numbers are never touched, and
neither is a text cell that is a plain number (``-12``, ``+3.5``): a spreadsheet reads
it as that number, nothing more.

The escape is reversible. A cell that starts with apostrophes followed by a formula
character gets one more apostrophe, so :func:`restore_cell` removes exactly one from
any cell of that shape and every text round-trips unchanged:
``=1`` -> ``'=1`` -> ``=1`` and ``'=1`` -> ``''=1`` -> ``'=1``; ``'Tis`` stays ``'Tis``.
"""

from __future__ import annotations

import re

#: Characters that make a spreadsheet read the rest of a cell as a formula.
FORMULA_STARTS = "=+-@\t\r\0"
MARK = "'"
_RISKY_RE = re.compile(f"^{MARK}*[{re.escape(FORMULA_STARTS)}]")
_ESCAPED_RE = re.compile(f"^{MARK}+[{re.escape(FORMULA_STARTS)}]")
_NUMBER_RE = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)$")


def neutralise_cell(text: str) -> str:
    """``text`` as a spreadsheet-inert CSV cell (a leading apostrophe when it would be
    evaluated as a formula); plain numbers and harmless text are returned as given."""
    if not _RISKY_RE.match(text) or _NUMBER_RE.match(text):
        return text
    return MARK + text


def restore_cell(text: str) -> str:
    """The text :func:`neutralise_cell` was given: one escaping apostrophe removed."""
    return text[1:] if _ESCAPED_RE.match(text) else text
