"""Score event anchoring against gold TimeML event-time links (TLINKs).

For each gold TLINK between an EVENT and a TIMEX3 in the text (not the DCT) that lie in
the same sentence, we look at our events whose ``[char_start, char_end)`` overlaps that
timex: the link is *found* if there is one, and *correct* if one of them has a trigger
matching the gold event text (case-insensitive: same token, or a shared prefix of 4+
characters with at most 3 characters left over on each side: ``killed``/``killing``).

Sentences are those of the project's one splitter (:func:`timeline.sentences.split_sentences`,
with the document's language), so a link counts as same-sentence exactly when the event
stage sees the timex and the event in one sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from timeline.evaluation.tagging import Tagger, default_tagger
from timeline.evaluation.timeml import GoldDoc, GoldTimex
from timeline.models import Article, Event, Timex
from timeline.sentences import split_sentences

Extractor = Callable[[Article, list[Timex]], list[Event]]

_TOKEN_RE = re.compile(r"\w+")
MIN_PREFIX = 4
MAX_LEFTOVER = 3


def sentence_spans(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """[start, end) of each sentence (whitespace between sentences belongs to none)."""
    return [(s.start, s.end) for s in split_sentences(text, lang)]


def _sentence_index(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def _words_match(ours: str, gold: str) -> bool:
    if ours == gold:
        return True
    n = 0
    for a, b in zip(ours, gold, strict=False):
        if a != b:
            break
        n += 1
    return n >= MIN_PREFIX and len(ours) - n <= MAX_LEFTOVER and len(gold) - n <= MAX_LEFTOVER


def trigger_matches(trigger: str, gold_text: str) -> bool:
    """Whether our trigger names the gold event (any token pair matching, see module doc)."""
    ours = _TOKEN_RE.findall(trigger.lower())
    gold = _TOKEN_RE.findall(gold_text.lower())
    return any(_words_match(a, b) for a in ours for b in gold)


def _overlaps(event: Event, timex: GoldTimex) -> bool:
    return event.char_start < timex.end and timex.start < event.char_end


def _doc_links(doc: GoldDoc, lang: str) -> list[tuple[GoldTimex, str]]:
    """(gold timex, gold event text) for each same-sentence event-timex link, deduplicated."""
    timexes = {t.tid: t for t in doc.timexes if t.tid and t.tid != doc.dct_tid}
    events = {e.eid: e for e in doc.events}
    starts = [s for s, _ in sentence_spans(doc.text, lang)]
    seen: set[tuple[str, str]] = set()
    links: list[tuple[GoldTimex, str]] = []
    for link in doc.tlinks:
        timex, event = timexes.get(link.tid), events.get(link.eid)
        if timex is None or event is None or (link.eid, link.tid) in seen:
            continue
        if _sentence_index(starts, timex.start) != _sentence_index(starts, event.start):
            continue
        seen.add((link.eid, link.tid))
        links.append((timex, event.text))
    return links


def anchoring_score(docs: Sequence[GoldDoc], extractor: Extractor,
                    tagger: Tagger | None = None, lang: str = "en") -> dict:
    """How often our events anchored to a gold-linked timex carry the gold event trigger.

    Returns n_docs, n_failed_docs (tagger or extractor raised: their links count as not
    found), n_links, n_timex_found, n_correct, accuracy (n_correct / n_links),
    accuracy_found (n_correct / n_timex_found) and failures (``"doc_id: Error: message"``).
    ``lang`` is the documents' language (their sentences and the articles handed on).
    """
    if tagger is None:
        tagger = default_tagger("news")
    counts = {"n_docs": 0, "n_failed_docs": 0, "n_links": 0, "n_timex_found": 0,
              "n_correct": 0}
    failures: list[str] = []
    for doc in docs:
        counts["n_docs"] += 1
        links = _doc_links(doc, lang)
        counts["n_links"] += len(links)
        article = Article(doc_id=doc.doc_id, title="", text=doc.text, published=doc.dct,
                          path=doc.path, lang=lang)
        try:
            events = extractor(article, tagger(doc.text, doc.dct))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            counts["n_failed_docs"] += 1
            failures.append(f"{doc.doc_id}: {type(exc).__name__}: {exc}")
            continue
        for timex, gold_text in links:
            ours = [e for e in events if _overlaps(e, timex)]
            counts["n_timex_found"] += bool(ours)
            counts["n_correct"] += any(trigger_matches(e.trigger, gold_text) for e in ours)
    n_links, n_found = counts["n_links"], counts["n_timex_found"]
    return {
        **counts,
        "accuracy": counts["n_correct"] / n_links if n_links else 0.0,
        "accuracy_found": counts["n_correct"] / n_found if n_found else 0.0,
        "failures": failures,
    }


def anchoring_report(paths: Sequence[Path], nlp: str = "auto", mode: str = "news") -> dict:
    """:func:`anchoring_score` over TimeML files or folders, with our tagger (in ``mode``)
    and ``timeline.events.extract.extract_events`` (``nlp``: auto, spacy or rules)."""
    from timeline.errors import TimelineError
    from timeline.evaluation.timeml import find_timeml_files, read_timeml
    from timeline.events.extract import extract_events, resolve_nlp

    docs = [read_timeml(f) for p in map(Path, paths) for f in find_timeml_files(p)]
    if not docs:
        raise TimelineError("no TimeML files (.tml) found; pass .tml files or folders "
                            "holding them", ", ".join(map(str, paths)))
    used = resolve_nlp(nlp)
    score = anchoring_score(docs, lambda a, t: extract_events(a, t, nlp=used),
                            default_tagger(mode))
    return {"nlp": used, **score}


def format_anchoring(result: dict) -> str:
    """One line for people: links whose event we anchored to the right trigger."""
    return (f"anchoring [{result['nlp']}]: {result['n_correct']} of {result['n_links']} gold "
            f"event-time links in one sentence have our trigger ({100 * result['accuracy']:.1f}%);"
            f" we dated {result['n_timex_found']} of their expressions, "
            f"{100 * result['accuracy_found']:.1f}% of those with the right trigger")
