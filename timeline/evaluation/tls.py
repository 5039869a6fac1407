"""Timeline summarization scores, as tilse and news-tls compute them.

A reference timeline is a file in the tilse text format (Timeline17, Crisis): a line
``YYYY-MM-DD``, the summary sentences of that date (one a line, tokenized), a line of
dashes. For each reference timeline r with l dates (protocol of news-tls):

- the system timeline keeps its dates inside [first date of r, last date of r] and, of
  those, its l best (by rank);
- **Date-F1**: exact days, P = shared / system dates, R = shared / l;
- **concatenated ROUGE-1/2**: every summary sentence of each timeline in one text;
- **alignment-based ROUGE-1/2** (Martschat and Markert 2017, "align+ m:1"): each system
  date is aligned to the reference date of least cost ``(1 - 1/(|d - d'| + 1)) *
  (1 - ROUGE-1 approximation of the two summaries)`` (precision side; the recall side
  aligns each reference date likewise), the n-gram hits of an aligned pair are weighted
  by ``1/(|d - d'| + 1)``, and P and R are summed hits over summed n-grams.

N-grams come from rouge-score's tokenizer (lower case, runs of ``[a-z0-9]``, Porter stem
on tokens longer than three characters) and its n-gram counter. tilse runs ROUGE-1.5.5
with ``-m -s``: it also drops the SMART stop words, which rouge-score cannot, so figures
here count function words too (higher than tilse's on the same timelines).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.errors import TimelineError
from timeline.evaluation.tls_rouge import PRF, align_rouge, concat_rouge, f_score

__all__ = ["PRF", "Timeline", "TimelineScores", "as_timeline", "date_prf", "evaluate_timeline",
           "mean_scores", "read_timeline", "restrict", "scores_table"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DASHES = re.compile(r"-{3,}")


@dataclass(frozen=True, slots=True)
class Timeline:
    """Dated summaries in date order: ((day, (sentence, ...)), ...); ``ranks`` gives each
    day's rank (1 = best) when the timeline is a system's, else it is empty."""

    name: str
    entries: tuple[tuple[date, tuple[str, ...]], ...]
    ranks: tuple[int, ...] = ()
    #: Blocks of the file left out because their first line is not a date YYYY-MM-DD.
    dropped: int = 0

    @property
    def dates(self) -> tuple[date, ...]:
        return tuple(day for day, _ in self.entries)

    def as_dict(self) -> dict[date, tuple[str, ...]]:
        return dict(self.entries)

    def mean_sentences(self) -> int:
        """Average number of sentences per date, rounded (news-tls's k), at least 1."""
        if not self.entries:
            return 1
        return max(1, round(sum(len(s) for _, s in self.entries) / len(self.entries)))


def read_timeline(path: str | Path) -> Timeline:
    """A reference timeline in the tilse text format. A block whose first line is not a
    date is left out (counted in ``dropped``); a file without any dated block, or one
    that cannot be read, is a one-line TimelineError naming the file."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise TimelineError(f"cannot read the timeline ({reason}); give a reference "
                            "timeline in the tilse text format", str(path)) from None
    entries: dict[date, list[str]] = {}
    current: date | None = None
    dropped = 0
    in_block = False
    for raw in lines:
        line = raw.strip()
        if _DASHES.fullmatch(line):
            current, in_block = None, False
        elif not line:
            continue
        elif not in_block:
            in_block = True
            current = _day(line)
            if current is None:
                dropped += 1
            else:
                entries.setdefault(current, [])
        elif current is not None:
            entries[current].append(line)
    if not entries:
        raise TimelineError("no dated entries; each block is YYYY-MM-DD, sentences, a line "
                            "of dashes", str(path))
    ordered = tuple((day, tuple(entries[day])) for day in sorted(entries))
    return Timeline(path.stem, ordered, dropped=dropped)


def _day(text: str) -> date | None:
    """The day of a block's first line, or None when it is not one (such a block is
    dropped, as tilse cannot use it either)."""
    if not _DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def restrict(system: Timeline, reference: Timeline) -> Timeline:
    """The system's l best dates inside the reference's span (l = the reference's number
    of dates), in date order."""
    first, last = reference.dates[0], reference.dates[-1]
    ranks = system.ranks or tuple(range(1, len(system.entries) + 1))
    inside = [(rank, entry) for rank, entry in zip(ranks, system.entries, strict=True)
              if first <= entry[0] <= last]
    best = sorted(inside, key=lambda item: (item[0], item[1][0]))[:len(reference.entries)]
    kept = sorted(best, key=lambda item: item[1][0])
    return Timeline(system.name, tuple(e for _, e in kept), tuple(r for r, _ in kept))


def date_prf(system: Sequence[date], reference: Sequence[date]) -> PRF:
    """Exact-day precision, recall and F1 of the system's dates."""
    shared = len(set(system) & set(reference))
    prec = shared / len(set(system)) if system else 0.0
    rec = shared / len(set(reference)) if reference else 0.0
    return PRF(prec, rec, f_score(prec, rec))


@dataclass(frozen=True, slots=True)
class TimelineScores:
    """The scores of one system timeline against one reference timeline."""

    name: str
    n_reference: int
    n_system: int
    dates: PRF
    concat_1: PRF
    concat_2: PRF
    align_1: PRF
    align_2: PRF

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "reference_dates": self.n_reference,
                "system_dates": self.n_system,
                **{key: prf.to_json() for key, prf in self.metrics().items()}}

    def metrics(self) -> dict[str, PRF]:
        return {"date_f1": self.dates, "concat_rouge_1": self.concat_1,
                "concat_rouge_2": self.concat_2, "align_rouge_1": self.align_1,
                "align_rouge_2": self.align_2}


def evaluate_timeline(system: Timeline, reference: Timeline) -> TimelineScores:
    """Score ``system`` (already restricted, see :func:`restrict`) against ``reference``."""
    sys_map, ref_map = system.as_dict(), reference.as_dict()
    return TimelineScores(
        reference.name, len(reference.entries), len(system.entries),
        date_prf(system.dates, reference.dates),
        concat_rouge(sys_map, ref_map, 1), concat_rouge(sys_map, ref_map, 2),
        align_rouge(sys_map, ref_map, 1), align_rouge(sys_map, ref_map, 2))


def mean_scores(scores: Sequence[TimelineScores]) -> dict[str, dict[str, float]]:
    """Per metric over the timelines: mean precision, mean recall, ``f`` = F of those
    means (news-tls's average) and ``f_mean`` = mean of the per-timeline F."""
    out: dict[str, dict[str, float]] = {}
    if not scores:
        return out
    for key in scores[0].metrics():
        parts = [s.metrics()[key] for s in scores]
        prec = sum(p.precision for p in parts) / len(parts)
        rec = sum(p.recall for p in parts) / len(parts)
        out[key] = {"precision": prec, "recall": rec, "f": f_score(prec, rec),
                    "f_mean": sum(p.f for p in parts) / len(parts)}
    return out


def scores_table(scores: Sequence[TimelineScores]) -> str:
    """Per timeline and mean, F of each metric, aligned for people."""
    heads = ("Date-F1", "cR-1", "cR-2", "aR-1", "aR-2")
    width = max([len(s.name) for s in scores] + [len("mean (F of mean P, R)")])
    lines = [f"{'timeline':<{width}}  {'l':>4}  " + "  ".join(f"{h:>7}" for h in heads)]
    for s in scores:
        cells = "  ".join(f"{p.f:7.3f}" for p in s.metrics().values())
        lines.append(f"{s.name:<{width}}  {s.n_reference:>4}  {cells}")
    mean = mean_scores(scores)
    for label, key in (("mean of F", "f_mean"), ("mean (F of mean P, R)", "f")):
        cells = "  ".join(f"{m[key]:7.3f}" for m in mean.values())
        lines.append(f"{label:<{width}}  {'':>4}  {cells}")
    return "\n".join(lines)


def as_timeline(name: str, rows: Mapping[date, Sequence[str]],
                ranks: Sequence[int] = ()) -> Timeline:
    """A Timeline from day -> sentences (and each day's rank, in date order)."""
    days = sorted(rows)
    return Timeline(name, tuple((d, tuple(rows[d])) for d in days), tuple(ranks))
