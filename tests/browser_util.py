"""Test helpers for the timeline page: event tables (hand-made, realistic, synthetic)
and a headless Chromium page that records console errors and blocks the network."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from timeline.models import Event
from timeline.render.image import chromium_page, find_chromium
from timeline.table.schema import events_to_frame


def make_event(n: int = 0, *, doc: str = "doc-a", title: str = "Article A",
               published: date = date(2022, 9, 15), source: str = "Example News",
               url: str = "https://example.org/a", sentence: str = "",
               event: str = "", timex_text: str = "September 1", value: str = "2022-09-01",
               mod: str = "", relation: str = "on", start: date | None = date(2022, 9, 1),
               end: date | None = date(2022, 9, 1), granularity: str = "day",
               actors: tuple[str, ...] = (), confidence: float = 0.9) -> Event:
    """One Event with sensible defaults; override what a test is about."""
    sentence = sentence or f"The council met on {timex_text} to vote."
    at = max(sentence.find(timex_text), 0)
    return Event(
        event_id=f"{doc}-{n}", doc_id=doc, doc_title=title, published=published,
        source=source, url=url, sentence_index=n, sentence=sentence,
        event=event or f"event {n}", trigger="met", actors=actors, places=(),
        timex_text=timex_text, timex_type="DATE", timex_value=value, timex_mod=mod,
        relation=relation, start=start, end=end, granularity=granularity,
        char_start=at, char_end=at + len(timex_text), confidence=confidence,
        extractor="rules", sources=(doc,), n_sources=1)


def frame_of(*events: Event) -> pd.DataFrame:
    return events_to_frame(list(events))


_STORY = [  # (doc, day offset from publication, timex, value, start, end, relation, mod, gran,
    # actors, event label, sentence)
    ("ports", 0, "on Monday", "2022-09-12", "2022-09-12", "2022-09-12", "on", "", "day",
     ("Dockworkers Union",), "dockworkers walk out",
     "Dockworkers at the two largest ports walked out on Monday after talks collapsed."),
    ("ports", 0, "since June", "2022-06", "2022-06-01", "2022-09-15", "since", "", "month",
     ("Dockworkers Union", "Port Authority"), "wage talks stalled",
     "Wage talks between the union and the Port Authority have stalled since June."),
    ("ports", 0, "from August 30 to September 5", "2022-08-30", "2022-08-30", "2022-09-05",
     "from-to", "", "day", ("Port Authority",), "partial slowdown",
     "A partial slowdown from August 30 to September 5 had already delayed 40 ships."),
    ("ports", 0, "in 2019", "2019", "2019-01-01", "2019-12-31", "on", "", "year",
     ("Dockworkers Union",), "last major strike",
     "The last major strike, in 2019, lasted eleven days."),
    ("ports", 0, "next Thursday", "2022-09-22", "2022-09-22", "2022-09-22", "on", "", "day",
     ("Ministry of Labour",), "mediation session planned",
     "The Ministry of Labour said a mediation session would take place next Thursday."),
    ("ministry", 0, "on Wednesday", "2022-09-14", "2022-09-14", "2022-09-14", "on", "", "day",
     ("Ministry of Labour", "Dockworkers Union"), "minister meets union leaders",
     "The labour minister met union leaders on Wednesday in the capital."),
    ("ministry", 0, "early September", "2022-09", "2022-09-01", "2022-09-10", "on", "START",
     "month", ("Ministry of Labour",), "contingency plan drafted",
     "Officials drafted a contingency plan in early September, a spokesperson said."),
    ("ministry", 0, "until the end of the year", "2022", "", "2022-12-31", "until", "END",
     "year", ("Ministry of Labour",), "emergency rules in force",
     "Emergency shipping rules will stay in force until the end of the year."),
    ("ministry", 0, "recently", "PAST_REF", "2021-09-13", "2022-09-12", "on", "", "",
     ("Port Authority",), "cargo volumes fell",
     "Cargo volumes have recently fallen by a fifth, according to the Port Authority."),
    ("markets", 0, "on Thursday", "2022-09-15", "2022-09-15", "2022-09-15", "on", "", "day",
     ("Shipping Index",), "freight rates jump",
     "Freight rates jumped 12% on Thursday as the strike entered its fourth day."),
    ("markets", 0, "in the third quarter", "2022-Q3", "2022-07-01", "2022-09-30", "on", "",
     "quarter", ("Retailers Association",), "retail imports slow",
     "Retail imports slowed in the third quarter, the Retailers Association said."),
    ("markets", 0, "after August 20", "2022-08-20", "2022-08-20", "", "after", "", "day",
     ("Shipping Index",), "insurers raise premiums",
     "Insurers have raised premiums after August 20, brokers said."),
    ("markets", 0, "around May 2022", "2022-05", "2022-05-01", "2022-05-31", "on", "APPROX",
     "month", ("Retailers Association",), "stockpiling began",
     "Retailers began stockpiling around May 2022 in anticipation of a dispute."),
    ("followup", 0, "on Friday", "2022-09-23", "2022-09-23", "2022-09-23", "on", "", "day",
     ("Dockworkers Union", "Port Authority"), "deal reached",
     "The union and the Port Authority reached a deal on Friday, ending the strike."),
    ("followup", 0, "from October 1", "2022-10-01", "2022-10-01", "", "after", "", "day",
     ("Dockworkers Union",), "new pay scale takes effect",
     "A new pay scale takes effect from October 1, the union said."),
    ("followup", 0, "on September 22", "2022-09-22", "2022-09-22", "2022-09-22", "on", "",
     "day", ("Ministry of Labour",), "mediation session held",
     "Mediation resumed on September 22 under a ministry-appointed chair."),
]
_DOCS = {
    "ports": ("Dockworkers strike shuts two largest ports", date(2022, 9, 15), "Harbour Times",
              "https://harbour-times.example/strike"),
    "ministry": ("Government prepares emergency shipping rules", date(2022, 9, 16),
                 "Capital Post", "https://capital-post.example/rules"),
    "markets": ("Freight rates surge as strike drags on", date(2022, 9, 16), "Markets Daily",
                "https://markets-daily.example/freight"),
    "followup": ("Port strike ends with pay deal", date(2022, 9, 24), "Harbour Times",
                 "https://harbour-times.example/deal"),
}


def realistic_frame() -> pd.DataFrame:
    """A small news story told by four articles: days, intervals, open and fuzzy dates."""
    events = []
    for n, (doc, _, tx, value, start, end, rel, mod, gran, actors, label, sent) in \
            enumerate(_STORY):
        title, published, source, url = _DOCS[doc]
        events.append(make_event(
            n, doc=doc, title=title, published=published, source=source, url=url,
            sentence=sent, event=label, timex_text=tx, value=value, mod=mod, relation=rel,
            start=date.fromisoformat(start) if start else None,
            end=date.fromisoformat(end) if end else None, granularity=gran, actors=actors,
            confidence=round(0.55 + 0.4 * ((n * 7) % 10) / 10, 2)))
    return events_to_frame(events)


_TEXT = ("officials said the plan would change how the city handles budgets and transport "
         "after weeks of debate among residents council members and regional leaders who "
         "warned of delays costs and legal challenges")
_WORDS = tuple(_TEXT.split(" "))
_ACTORS = [f"Actor {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(60)]


def synthetic_frame(n: int, seed: int = 7, per_doc: int = 25) -> pd.DataFrame:
    """``n`` plausible events over ~3 years in ``n / per_doc`` articles: 70 % single
    days, 15 % intervals, 10 % open (since), 5 % fuzzy years; ~150-character sentences."""
    rng = random.Random(seed)
    base = date(2021, 1, 1)
    events = []
    for i in range(n):
        doc = i // per_doc
        published = base + timedelta(days=30 + (doc * 37) % 1000)
        day = published - timedelta(days=rng.randint(0, 400))
        kind = rng.random()
        start, end, rel, gran, value, tx = day, day, "on", "day", day.isoformat(), \
            day.strftime("%B %d")
        if kind > 0.95:
            start, end, gran, value, tx = date(day.year, 1, 1), date(day.year, 12, 31), \
                "year", str(day.year), f"in {day.year}"
        elif kind > 0.85:
            end, rel, tx = published, "since", f"since {day:%B %d}"
        elif kind > 0.70:
            end, rel = day + timedelta(days=rng.randint(2, 60)), "from-to"
        words = rng.sample(_WORDS, 22)
        words.insert(rng.randint(0, 22), tx)
        events.append(make_event(
            i, doc=f"doc-{doc:04d}", title=f"Article {doc}: {' '.join(words[:5])}",
            published=published, source=f"Source {doc % 12}",
            url=f"https://news{doc % 12}.example/{doc}", sentence=" ".join(words).capitalize()
            + ".", event=" ".join(words[2:6]), timex_text=tx, value=value, relation=rel,
            start=start, end=end, granularity=gran,
            actors=tuple(rng.sample(_ACTORS, rng.randint(0, 2))),
            confidence=round(rng.uniform(0.3, 1.0), 2)))
    return events_to_frame(events)


# ---------------------------------------------------------------- browser helpers


INSTALL_HINT = ("install it: apt-get install chromium (Debian/Ubuntu; any chromium, "
                "chromium-browser or google-chrome on PATH will do) and pip install -e "
                "'.[test]' for Playwright")


def missing_browser() -> str:
    """What the browser tests lack ('' when Chromium and Playwright are both there)."""
    if not find_chromium():
        return "no chromium executable on PATH"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed"
    return ""


def require_chromium() -> None:
    """Skip when Chromium or Playwright is missing on a developer machine; fail when the
    CI environment variable is set to anything non-empty (CI=1, CI=true)."""
    missing = missing_browser()
    if not missing:
        return
    if os.environ.get("CI", "") != "":
        pytest.fail(f"CI is set but {missing}; {INSTALL_HINT}")
    pytest.skip(f"{missing}; {INSTALL_HINT} (with CI set this is a failure)")


@dataclass
class PageLog:
    """Console errors, page errors and every network request the page attempted."""
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@contextmanager
def open_timeline(html_file: Path, width: int = 1400, height: int = 900,
                  offline: bool = True) -> Iterator[tuple[object, PageLog]]:
    """Load ``html_file`` in headless Chromium (all network aborted when ``offline``)
    and wait until the page says it is ready."""
    require_chromium()
    log = PageLog()
    with chromium_page(width=width, height=height) as page:
        page.on("console", lambda m: log.console_errors.append(m.text)
                if m.type == "error" else None)
        page.on("pageerror", lambda e: log.page_errors.append(str(e)))
        if offline:
            def block(route: object) -> None:
                log.requests.append(route.request.url)  # type: ignore[attr-defined]
                route.abort()  # type: ignore[attr-defined]

            page.route(lambda url: not url.startswith("file:"), block)
        page.goto(html_file.as_uri())
        page.wait_for_function("() => !!(window.__timeline && window.__timeline.ready)",
                               timeout=60_000)
        yield page, log


# ---------------------------------------------------------------- TimelineJS (npm)


JS_FOLDER = Path(__file__).parent / "js"
TIMELINEJS_DIST = JS_FOLDER / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
TIMELINEJS_HINT = "install it: npm ci --prefix tests/js (needs Node.js and npm)"


def require_timelinejs() -> Path:
    """The dist folder of the npm package @knight-lab/timelinejs (tests/js/package.json),
    after :func:`require_chromium`; when it is not installed, skip on a developer machine
    and fail under CI."""
    require_chromium()
    if (TIMELINEJS_DIST / "js" / "timeline.js").is_file():
        return TIMELINEJS_DIST
    missing = "TimelineJS is not installed in tests/js/node_modules"
    if os.environ.get("CI", "") != "":
        pytest.fail(f"CI is set but {missing}; {TIMELINEJS_HINT}")
    pytest.skip(f"{missing}; {TIMELINEJS_HINT} (with CI set this is a failure)")


TIMELINEJS_PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="{dist}/css/timeline.css">
<script src="{dist}/js/timeline.js"></script>
</head><body>
<div id="timeline-embed" style="width: 1200px; height: 700px"></div>
<script>
window.__tl = new TL.Timeline("timeline-embed", {data}, {{script_path: "{dist}/js/"}});
</script>
</body></html>
"""


@contextmanager
def open_timelinejs(data_file: Path, folder: Path) -> Iterator[tuple[object, PageLog]]:
    """The TimelineJS3 JSON in ``data_file`` shown by the real TimelineJS (from the npm
    package) in headless Chromium, offline; alert/confirm dialogs are logged as page
    errors (``dialog: <message>``)."""
    dist = require_timelinejs().as_uri()
    data = data_file.read_text(encoding="utf-8").replace("</", "<\\/")
    page_file = folder / "timelinejs.html"
    page_file.write_text(TIMELINEJS_PAGE.format(dist=dist, data=data), encoding="utf-8")
    log = PageLog()
    with chromium_page(width=1280, height=800) as page:
        page.on("pageerror", lambda e: log.page_errors.append(str(e)))
        page.on("console", lambda m: log.console_errors.append(m.text)
                if m.type == "error" else None)
        page.on("dialog", lambda d: (log.page_errors.append(f"dialog: {d.message}"),
                                     d.dismiss()))

        def block(route: object) -> None:
            log.requests.append(route.request.url)  # type: ignore[attr-defined]
            route.abort()  # type: ignore[attr-defined]

        page.route(lambda url: not url.startswith("file:"), block)
        page.goto(page_file.as_uri())
        page.wait_for_function("() => document.querySelectorAll('.tl-timemarker').length > 0",
                               timeout=30_000)
        page.wait_for_timeout(300)
        yield page, log


# ---------------------------------------------------------------- key-event summaries


def summary_of(*rows: tuple[str, str, int, str, tuple[str, ...], str]) -> pd.DataFrame:
    """A key-event table by hand: (date, headline, n_sources, summary, event_ids,
    first_reported) per row; rank follows n_sources, sources are made up."""
    from timeline.table.summary_schema import SUMMARY_COLUMN_NAMES

    order = sorted(range(len(rows)), key=lambda i: -rows[i][2])
    rank = {i: r + 1 for r, i in enumerate(order)}
    top = max((r[2] for r in rows), default=1)
    records = [{"date": day, "rank": rank[i], "salience": round(n / top, 3),
                "headline": head, "summary": text, "n_sources": n,
                "sources": "; ".join(f"doc-{k}" for k in range(n)),
                "event_ids": "; ".join(ids), "first_reported": first}
               for i, (day, head, n, text, ids, first) in enumerate(rows)]
    return pd.DataFrame(records, columns=list(SUMMARY_COLUMN_NAMES))


def top_dates_summary(frame: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """A stand-in summary for page tests (not the summarizer): the ``n`` single days
    that the most distinct articles mention, each with its most confident label."""
    from timeline.table.summary_schema import SUMMARY_COLUMN_NAMES

    days = frame[(frame["start"] != "") & (frame["start"] == frame["end"])]
    groups = []
    for day, rows in days.groupby("start"):
        best = rows.sort_values("confidence", ascending=False).iloc[0]
        groups.append((rows["doc_id"].nunique(), str(day), best, rows))
    groups.sort(key=lambda g: (-g[0], g[1]))
    records = []
    for rank, (count, day, best, rows) in enumerate(groups[:n], 1):
        records.append({"date": day, "rank": rank, "salience": round(count / groups[0][0], 3),
                        "headline": best["event"], "summary": best["sentence"],
                        "n_sources": count, "sources": "; ".join(rows["doc_id"].unique()),
                        "event_ids": "; ".join(rows["event_id"]),
                        "first_reported": min(rows["published"])})
    return pd.DataFrame(records, columns=list(SUMMARY_COLUMN_NAMES)).sort_values("date")
