"""ROUGE-N counts for timelines: concatenated and alignment-based (many-to-one).

Tokens and n-grams are rouge-score's (:mod:`rouge_score.tokenizers`, Porter stemmer on);
the counts are ROUGE-1.5.5's raw counts as tilse reads them: hits (clipped n-gram
matches), the system's n-grams and the reference's n-grams. The sentences of one
summary are joined before n-grams are formed, as ROUGE-1.5.5 does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from rouge_score import rouge_scorer, tokenizers

Summaries = Mapping[date, Sequence[str]]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1."""

    precision: float
    recall: float
    f: float

    def to_json(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f": self.f}


def f_score(prec: float, rec: float) -> float:
    return 0.0 if prec + rec == 0 else 2 * prec * rec / (prec + rec)


@cache
def _tokenizer() -> tokenizers.DefaultTokenizer:
    return tokenizers.DefaultTokenizer(use_stemmer=True)


@cache
def _tokens(sentence: str) -> tuple[str, ...]:
    return tuple(_tokenizer().tokenize(sentence))


def ngrams(sentences: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """The n-grams of the sentences joined into one text (rouge-score's counter)."""
    tokens = [tok for sentence in sentences for tok in _tokens(sentence)]
    return Counter(rouge_scorer._create_ngrams(tokens, n))


@dataclass(frozen=True, slots=True)
class Counts:
    hits: float
    system: int
    reference: int


def counts(system: Sequence[str], reference: Sequence[str], n: int) -> Counts:
    sys_grams, ref_grams = ngrams(system, n), ngrams(reference, n)
    return Counts(sum((sys_grams & ref_grams).values()), sum(sys_grams.values()),
                  sum(ref_grams.values()))


def _prf(hits_p: float, denom_p: int, hits_r: float, denom_r: int) -> PRF:
    prec = hits_p / denom_p if denom_p else 0.0
    rec = hits_r / denom_r if denom_r else 0.0
    return PRF(prec, rec, f_score(prec, rec))


def concat_rouge(system: Summaries, reference: Summaries, n: int) -> PRF:
    """ROUGE-n over all sentences of each timeline, in date order."""
    sys_text = [s for day in sorted(system) for s in system[day]]
    ref_text = [s for day in sorted(reference) for s in reference[day]]
    c = counts(sys_text, ref_text, n)
    return _prf(c.hits, c.system, c.hits, c.reference)


def _approx_rouge_1(system: Sequence[str], reference: Sequence[str]) -> float:
    """tilse's content similarity for the alignment: unigram F of the two summaries."""
    c = counts(system, reference, 1)
    return _prf(c.hits, c.system, c.hits, c.reference).f


def _weight(a: date, b: date) -> float:
    return 1 / (abs(a.toordinal() - b.toordinal()) + 1)


def _align(source: Summaries, target: Summaries, source_is_system: bool) -> dict[date, date]:
    """Each source date -> its target date of least cost (first one on ties)."""
    out: dict[date, date] = {}
    for s_day in sorted(source):
        best: tuple[float, date] | None = None
        for t_day in sorted(target):
            pair = (source[s_day], target[t_day]) if source_is_system else \
                (target[t_day], source[s_day])
            cost = (1 - _weight(s_day, t_day)) * (1 - _approx_rouge_1(*pair))
            if best is None or cost < best[0]:
                best = (cost, t_day)
        if best is not None:
            out[s_day] = best[1]
    return out


def align_rouge(system: Summaries, reference: Summaries, n: int) -> PRF:
    """Alignment-based ROUGE-n, many-to-one (tilse's ``align_date_content_costs_many_to_one``):
    precision aligns every system date, recall every reference date, each to its
    least-cost date of the other timeline; hits weighted by the dates' distance."""
    if not system or not reference:
        return PRF(0.0, 0.0, 0.0)
    hits_p = denom_p = 0.0
    for s_day, r_day in _align(system, reference, True).items():
        c = counts(system[s_day], reference[r_day], n)
        hits_p += _weight(s_day, r_day) * c.hits
        denom_p += c.system
    hits_r = denom_r = 0.0
    for r_day, s_day in _align(reference, system, False).items():
        c = counts(system[s_day], reference[r_day], n)
        hits_r += _weight(s_day, r_day) * c.hits
        denom_r += c.reference
    return _prf(hits_p, int(denom_p), hits_r, int(denom_r))
