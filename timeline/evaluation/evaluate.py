"""Score a temporal tagger against gold TimeML (TempEval-3 definitions), for ``timeline eval``.

- strict span P/R/F1: a system timex matches a gold one with exactly the same offsets;
- relaxed span P/R/F1: spans overlap; matching is one-to-one (exact matches first, then
  by largest overlap);
- type F1 / value F1: relaxed F1 x the share of relaxed matches whose type / value string
  equals the gold one; mod accuracy is that share for ``mod``;
- per gold type: gold count, relaxed matches, recall, value accuracy.

Every missed gold timex, spurious system timex and wrong value is listed in
``EvalReport.errors`` with a snippet of context; a tagger that raises on a document gives
one ``tagger-failed`` row and its gold timexes count as missed.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

from timeline.errors import TimelineError
from timeline.evaluation.anchoring import anchoring_score, sentence_spans
from timeline.evaluation.tagging import Tagger, default_tagger
from timeline.evaluation.timeml import GoldDoc, GoldTimex, find_timeml_files, read_timeml
from timeline.models import Timex

CONTEXT_CHARS = 40

__all__ = [
    "CorpusScore", "ErrorRow", "EvalReport", "Tagger", "TypeScore", "anchoring_score",
    "default_tagger", "evaluate", "evaluate_docs", "format_report", "match_spans",
    "score_docs", "sentence_spans",
]


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class TypeScore:
    """Counts for one gold type."""

    n_gold: int = 0
    n_found: int = 0
    n_value_ok: int = 0

    @property
    def recall(self) -> float:
        return _ratio(self.n_found, self.n_gold)

    @property
    def value_accuracy(self) -> float:
        return _ratio(self.n_value_ok, self.n_found)


@dataclass
class CorpusScore:
    """Counts for one corpus (or the overall row); the metrics are derived properties."""

    name: str
    n_docs: int = 0
    n_failed: int = 0
    n_chars: int = 0
    seconds: float = 0.0
    n_gold: int = 0
    n_sys: int = 0
    n_strict: int = 0
    n_relaxed: int = 0
    n_type_ok: int = 0
    n_value_ok: int = 0
    n_mod_ok: int = 0
    by_type: dict[str, TypeScore] = field(default_factory=dict)

    def _prf(self, n_match: int) -> tuple[float, float, float]:
        p, r = _ratio(n_match, self.n_sys), _ratio(n_match, self.n_gold)
        return p, r, _f1(p, r)

    @property
    def strict(self) -> tuple[float, float, float]:
        return self._prf(self.n_strict)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        return self._prf(self.n_relaxed)

    @property
    def type_accuracy(self) -> float:
        return _ratio(self.n_type_ok, self.n_relaxed)

    @property
    def value_accuracy(self) -> float:
        return _ratio(self.n_value_ok, self.n_relaxed)

    @property
    def mod_accuracy(self) -> float:
        return _ratio(self.n_mod_ok, self.n_relaxed)

    @property
    def type_f1(self) -> float:
        return self.relaxed[2] * self.type_accuracy

    @property
    def value_f1(self) -> float:
        return self.relaxed[2] * self.value_accuracy

    @property
    def chars_per_second(self) -> float:
        return self.n_chars / self.seconds if self.seconds > 0 else 0.0

    def add(self, other: CorpusScore) -> None:
        """Add ``other``'s counts to this one (for the overall row)."""
        for name in ("n_docs", "n_failed", "n_chars", "seconds", "n_gold", "n_sys",
                     "n_strict", "n_relaxed", "n_type_ok", "n_value_ok", "n_mod_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, score in other.by_type.items():
            mine = self.by_type.setdefault(kind, TypeScore())
            mine.n_gold += score.n_gold
            mine.n_found += score.n_found
            mine.n_value_ok += score.n_value_ok

    def to_json(self) -> dict:
        sp, sr, sf = self.strict
        rp, rr, rf = self.relaxed
        r4 = partial(round, ndigits=4)
        return {
            "name": self.name, "n_docs": self.n_docs, "n_failed": self.n_failed,
            "n_gold": self.n_gold, "n_sys": self.n_sys, "n_strict": self.n_strict,
            "n_relaxed": self.n_relaxed, "n_type_ok": self.n_type_ok,
            "n_value_ok": self.n_value_ok, "n_mod_ok": self.n_mod_ok,
            "strict": {"precision": r4(sp), "recall": r4(sr), "f1": r4(sf)},
            "relaxed": {"precision": r4(rp), "recall": r4(rr), "f1": r4(rf)},
            "type_f1": r4(self.type_f1), "value_f1": r4(self.value_f1),
            "type_accuracy": r4(self.type_accuracy), "value_accuracy": r4(self.value_accuracy),
            "mod_accuracy": r4(self.mod_accuracy),
            "chars": self.n_chars, "seconds": round(self.seconds, 3),
            "by_type": {kind: {"n_gold": s.n_gold, "n_found": s.n_found,
                               "n_value_ok": s.n_value_ok, "recall": r4(s.recall),
                               "value_accuracy": r4(s.value_accuracy)}
                        for kind, s in sorted(self.by_type.items())},
        }


@dataclass(frozen=True, slots=True)
class ErrorRow:
    """One missed / spurious / wrong-value timex, or a tagger failure on a document."""

    corpus: str
    doc_id: str
    kind: str  # "missed" | "spurious" | "wrong-value" | "tagger-failed"
    start: int
    end: int
    text: str
    gold_value: str = ""
    our_value: str = ""
    gold_type: str = ""
    our_type: str = ""
    context: str = ""


@dataclass
class EvalReport:
    corpora: list[CorpusScore]
    overall: CorpusScore
    errors: list[ErrorRow]
    mode: str = "news"

    def to_json(self) -> dict:
        return {
            "mode": self.mode,
            "corpora": [c.to_json() for c in self.corpora],
            "overall": self.overall.to_json(),
            "errors": [asdict(e) for e in self.errors],
        }


def match_spans(gold: Sequence[GoldTimex], system: Sequence[Timex]) -> list[tuple[int, int]]:
    """One-to-one relaxed matching: (gold index, system index) pairs of overlapping spans,
    exact matches first, then the largest overlaps."""
    candidates: list[tuple[bool, int, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                exact = (g.start, g.end) == (s.start, s.end)
                candidates.append((not exact, -overlap, gi, si))
    candidates.sort()
    used_gold: set[int] = set()
    used_sys: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, gi, si in candidates:
        if gi not in used_gold and si not in used_sys:
            used_gold.add(gi)
            used_sys.add(si)
            pairs.append((gi, si))
    return sorted(pairs)


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT_CHARS) : start]
    right = text[end : end + CONTEXT_CHARS]
    return " ".join(f"{left}[[{text[start:end]}]]{right}".split())


def _score_one(doc: GoldDoc, system: list[Timex], score: CorpusScore) -> list[ErrorRow]:
    """Add one document's counts to ``score``; return its error rows."""
    gold = doc.timexes
    score.n_gold += len(gold)
    score.n_sys += len(system)
    pairs = match_spans(gold, system)
    matched_gold = {gi for gi, _ in pairs}
    matched_sys = {si for _, si in pairs}
    errors: list[ErrorRow] = []
    row = partial(ErrorRow, score.name, doc.doc_id)
    for g in gold:
        score.by_type.setdefault(g.type, TypeScore()).n_gold += 1
    for gi, si in pairs:
        g, s = gold[gi], system[si]
        by_type = score.by_type[g.type]
        by_type.n_found += 1
        score.n_strict += (g.start, g.end) == (s.start, s.end)
        score.n_relaxed += 1
        score.n_type_ok += g.type == s.type
        score.n_mod_ok += g.mod == s.mod
        if g.value.strip() == s.value.strip():
            score.n_value_ok += 1
            by_type.n_value_ok += 1
        else:
            errors.append(row("wrong-value", g.start, g.end, g.text, g.value, s.value, g.type,
                              s.type, _context(doc.text, g.start, g.end)))
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            errors.append(row("missed", g.start, g.end, g.text, g.value, "", g.type, "",
                              _context(doc.text, g.start, g.end)))
    for si, s in enumerate(system):
        if si not in matched_sys:
            errors.append(row("spurious", s.start, s.end, s.text, "", s.value, "", s.type,
                              _context(doc.text, s.start, s.end)))
    return sorted(errors, key=lambda e: (e.start, e.end, e.kind))


def score_docs(docs: Sequence[GoldDoc], tagger: Tagger,
               name: str = "corpus") -> tuple[CorpusScore, list[ErrorRow]]:
    """Tag every document and score it against its gold timexes."""
    score = CorpusScore(name)
    errors: list[ErrorRow] = []
    for doc in docs:
        score.n_docs += 1
        score.n_chars += len(doc.text)
        began = time.perf_counter()
        try:
            system = sorted(tagger(doc.text, doc.dct), key=lambda t: (t.start, t.end))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            score.seconds += time.perf_counter() - began
            score.n_failed += 1
            for g in doc.timexes:
                score.by_type.setdefault(g.type, TypeScore()).n_gold += 1
            score.n_gold += len(doc.timexes)
            errors.append(ErrorRow(name, doc.doc_id, "tagger-failed", 0, 0,
                                   f"{type(exc).__name__}: {exc}"))
            continue
        score.seconds += time.perf_counter() - began
        errors.extend(_score_one(doc, system, score))
    return score, errors


def evaluate_docs(corpora: Mapping[str, Sequence[GoldDoc]], tagger: Tagger,
                  mode: str = "news") -> EvalReport:
    """Score already-read documents, grouped by corpus name, plus an overall row."""
    overall = CorpusScore("overall")
    scores: list[CorpusScore] = []
    errors: list[ErrorRow] = []
    for name, docs in corpora.items():
        score, rows = score_docs(docs, tagger, name)
        scores.append(score)
        errors.extend(rows)
        overall.add(score)
    return EvalReport(scores, overall, errors, mode)


def _corpus_name(arg: Path, file: Path) -> str:
    if arg.is_file():
        return file.parent.name or str(file.parent)
    base = arg.resolve().parent
    return file.resolve().parent.relative_to(base).as_posix()


def evaluate(paths: Sequence[Path], tagger: Tagger | None = None,
             mode: str = "news", lang: str = "en") -> EvalReport:
    """Read TimeML files (or folders of them, recursively), tag and score them.

    Results are grouped per folder (= per corpus) with an overall row. ``tagger``
    defaults to ``timeline.temporal.tagger.tag`` in ``mode`` and ``lang``.
    """
    groups: dict[str, list[GoldDoc]] = {}
    for arg in map(Path, paths):
        for file in find_timeml_files(arg):
            groups.setdefault(_corpus_name(arg, file), []).append(read_timeml(file))
    if not groups:
        where = ", ".join(str(p) for p in paths) or "(no paths)"
        raise TimelineError("no TimeML files (.tml) found; pass .tml files or folders "
                            "holding them", where)
    return evaluate_docs(groups, tagger or default_tagger(mode, lang), mode)


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def _table(header: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    fmt = [f"{{:<{w}}}" if i < left else f"{{:>{w}}}" for i, w in enumerate(widths)]
    line = lambda cells: "  ".join(f.format(c) for f, c in zip(fmt, cells, strict=True))  # noqa: E731
    return [line(header), "  ".join("-" * w for w in widths), *map(line, rows)]


def _score_row(s: CorpusScore) -> list[str]:
    return [s.name, str(s.n_docs), str(s.n_gold), str(s.n_sys), *map(_pct, s.strict),
            *map(_pct, s.relaxed), _pct(s.type_f1), _pct(s.value_f1), _pct(s.mod_accuracy),
            f"{s.chars_per_second / 1000:.0f}k"]


def _error_line(e: ErrorRow) -> str:
    if e.kind == "tagger-failed":
        return f"{e.kind:<13} {e.doc_id}: {e.text}"
    values = f"gold={e.gold_value or '-'} ours={e.our_value or '-'}"
    return f"{e.kind:<13} {e.doc_id} {e.start}-{e.end} {e.text!r} {values} | {e.context}"


def format_report(report: EvalReport, errors: bool = False) -> str:
    """An aligned, readable table of the scores (in %); with ``errors``, every error row."""
    scores = [*report.corpora, report.overall]
    header = ["corpus", "docs", "gold", "sys", "strict P", "R", "F1", "relaxed P", "R", "F1",
              "type F1", "value F1", "mod acc", "chars/s"]
    lines = [f"Temporal tagging scores (mode={report.mode}, TempEval-3, %)", ""]
    lines += _table(header, [_score_row(s) for s in scores])
    type_rows = [[s.name, kind, str(t.n_gold), str(t.n_found), _pct(t.recall),
                  _pct(t.value_accuracy)]
                 for s in scores for kind, t in sorted(s.by_type.items())]
    lines += ["", "By gold type", ""]
    lines += _table(["corpus", "type", "gold", "found", "recall", "value acc"], type_rows, 2)
    failed = [e for e in report.errors if e.kind == "tagger-failed"]
    if failed and not errors:
        lines += ["", f"{len(failed)} document(s) made the tagger fail (see --errors)."]
    if errors:
        lines += ["", f"Errors ({len(report.errors)})", ""]
        lines += [_error_line(e) for e in report.errors]
    return "\n".join(lines)
