"""A big build's merge: mentions spilled to disk in sorted runs give the rows (and ids)
the merge gives in memory."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from timeline.engine.merging import Mentions, merged_rows
from timeline.engine.spill import Runs
from timeline.events.merge import merge_events
from timeline.models import Event

MakeEvent = Callable[..., Event]


def _stories(make_event: MakeEvent) -> list[list[Event]]:
    """Articles (lists of events) whose mentions merge across articles, some with long
    intervals that keep clusters live, short names that become canonical, duplicates."""
    rng = random.Random(11)
    people = [f"Person{i} Name{i}" for i in range(40)]
    articles: list[list[Event]] = [[] for _ in range(300)]
    for i in range(3_000):
        story = rng.randrange(600)
        first = date(2020, 1, 1) + timedelta(days=story % 200)
        last = first + timedelta(days=rng.choice((0, 0, 0, 30, 400)))
        actor = people[story % 40] if i % 3 else f"Name{story % 40}"
        doc = rng.randrange(300)
        articles[doc].append(make_event(
            event_id=f"e{i}", doc_id=f"doc{doc}", event=f"{actor} met x", trigger="met",
            actors=(actor,), start=first, end=last, char_start=i % 500, char_end=i % 500 + 4,
            granularity="day" if first == last else "month"))
    return articles


def test_spilled_runs_give_the_in_memory_rows(make_event: MakeEvent, tmp_path: Path) -> None:
    articles = _stories(make_event)
    mentions = Mentions(tmp_path, run_items=200)
    for events in articles:
        mentions.add(events)
    assert len(list(tmp_path.glob("mentions-*.pickle"))) > 5  # the merge crossed runs
    spilled = list(merged_rows(mentions))
    in_memory = merge_events([e for events in articles for e in events])
    assert spilled == in_memory
    assert max(e.n_sources for e in spilled) >= 3


def test_runs_read_back_in_key_order(tmp_path: Path) -> None:
    runs = Runs(tmp_path, "n", key=lambda n: n, run_items=7)
    numbers = random.Random(3).sample(range(1_000), 100)
    for n in numbers:
        runs.add((n,))
    assert list(runs.sorted()) == sorted(numbers)
    assert runs.count == 100
