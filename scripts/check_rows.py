"""Check built event tables against the bars real collections must meet.

    python scripts/check_rows.py output/events.csv [more events.csv ...] [--examples N]

For every row it checks what a reader would see at once:

- ``far_future``: the interval ends more than 30 years after the article's publication
  and the expression writes no year that far ahead (a duration stretched a dated event, a count
  read as a year);
- ``impossible``: a value that names a day the calendar lacks (``2011-02-30``);
- ``not_timex3``: a value the TIMEX3 grammar does not know;
- ``clock_or_amount_year``: a 4-digit year value whose digits stand right before a time
  zone or a currency word of the row's language (``1430 GMT``, ``1500 dollars``).

It prints the count of each check per table and the first ``--examples`` offending rows,
and exits 1 when any row fails (0 otherwise), so it can guard a build of held-back data.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd

from timeline.langdata import load_json
from timeline.table.schema import read_table
from timeline.timex3 import TimexValue

FUTURE_YEARS = 30
CHECKS = ("far_future", "impossible", "not_timex3", "clock_or_amount_year")
_YEAR_VALUE = re.compile(r"\d{4}")
_WRITTEN_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)(s?)")  # '2080', '2080s', '2030-2040'



def _words_after(lang: str) -> frozenset[str]:
    lex = load_json(lang, "lexicon.json")
    return frozenset(w.lower() for key in ("time_zone_words", "currency_words")
                     for w in lex.get(key, ()))


def _impossible(value: TimexValue) -> bool:
    if value.kind != "calendar" or None in (value.year, value.month, value.day) or value.bc:
        return False
    try:
        date(value.year or 1, value.month or 1, value.day or 1)
    except ValueError:
        return True
    return False


def _far_future(row: pd.Series) -> bool:
    end, published = row["end"], row["published"]
    if pd.isna(end) or pd.isna(published):
        return False
    end, published = pd.Timestamp(end).date(), pd.Timestamp(published).date()
    if end.year - published.year <= FUTURE_YEARS:
        return False
    named = (int(year) + (9 if decade else 0)  # the 2030s run to 2039
             for year, decade in _WRITTEN_YEAR.findall(str(row["timex_text"])))
    return not any(year - published.year > FUTURE_YEARS for year in named)


def _clock_or_amount(row: pd.Series, after: frozenset[str]) -> bool:
    text, sentence = str(row["timex_text"]), str(row["sentence"])
    if not _YEAR_VALUE.fullmatch(str(row["timex_value"])) or not text.isdigit():
        return False
    at = sentence.find(text)
    following = sentence[at + len(text):].split()[:1] if at >= 0 else []
    return bool(following) and following[0].strip(".,;:").lower() in after


def failures(frame: pd.DataFrame) -> Iterator[tuple[str, pd.Series]]:
    """(check, row) for every row of an event table that fails a check."""
    after = {lang: _words_after(lang) for lang in frame["lang"].dropna().unique()}
    for _, row in frame.iterrows():
        value = TimexValue.parse(str(row["timex_value"]))
        if value.kind == "unknown":
            yield "not_timex3", row
        if _impossible(value):
            yield "impossible", row
        if _far_future(row):
            yield "far_future", row
        if _clock_or_amount(row, after.get(row["lang"], frozenset())):
            yield "clock_or_amount_year", row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tables", nargs="+", type=Path)
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args(argv)
    failed = 0
    for path in args.tables:
        frame = read_table(path)
        found: dict[str, list[pd.Series]] = {check: [] for check in CHECKS}
        for check, row in failures(frame):
            found[check].append(row)
        counts = "  ".join(f"{check} {len(rows)}" for check, rows in found.items())
        print(f"{path}: {len(frame)} rows  {counts}")
        for check, rows in found.items():
            for row in rows[:args.examples]:
                print(f"  {check}: {row['timex_value']} {row['start']}..{row['end']} "
                      f"{row['doc_id']}: {str(row['sentence'])[:110]!r}")
        failed += sum(len(rows) for rows in found.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
