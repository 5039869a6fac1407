"""TimeML reading, TempEval-3 scoring and the anchoring scorer, on small hand-made files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from timeline.errors import TimelineError
from timeline.evaluation.anchoring import anchoring_score, sentence_spans, trigger_matches
from timeline.evaluation.evaluate import evaluate, format_report, match_spans
from timeline.evaluation.timeml import GoldTimex, GoldTlink, read_timeml
from timeline.models import Article, Event, Timex

MUSEUM_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-03-10" temporalFunction="false"
 functionInDocument="CREATION_TIME">March 10, 2021</TIMEX3></DCT>
<TEXT>
The museum <EVENT eid="e1" class="OCCURRENCE">reopened</EVENT> <TIMEX3 tid="t1" type="DATE" \
value="2021-03-09">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P5M">five \
months</TIMEX3>. Smith &amp; Sons <EVENT eid="e2" class="OCCURRENCE">repaired</EVENT> the roof \
in <TIMEX3 tid="t3" type="DATE" value="2020-12" mod="END">late December</TIMEX3>. It was \
<EVENT eid="e3" class="OCCURRENCE">inspected</EVENT> by Dr. Jones on <TIMEX3 tid="t4" \
type="DATE" value="2021-03-08">Monday</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST"/>
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="INCLUDES" timeID="t3" relatedToEventInstance="ei2"/>
<TLINK lid="l3" relType="BEFORE" eventInstanceID="ei2" relatedToTime="t0"/>
<TLINK lid="l4" relType="AFTER" eventInstanceID="ei1" relatedToTime="t3"/>
<TLINK lid="l5" relType="IS_INCLUDED" eventInstanceID="ei3" relatedToTime="t4"/>
</TimeML>
"""

MUSEUM_TEXT = (
    "\nThe museum reopened yesterday after five months. Smith & Sons repaired the roof in "
    "late December. It was inspected by Dr. Jones on Monday.\n"
)

SIEGE_KEYINLINE = """<DOC>
<DOCID>W01</DOCID>
<DATETIME> <TIMEX2 val="2010-05-04T12:00:00">2010-05-04T12:00:00</TIMEX2> </DATETIME>
<TEXT>
The siege lasted <TIMEX2 val="P3W">three weeks</TIMEX2> and ended <TIMEX2 val="1812-10" \
mod="END">at the end of <TIMEX2 val="1812-10">October 1812</TIMEX2></TIMEX2>. Patrols went \
out <TIMEX2 val="XXXX-XX-XX" set="YES">every day</TIMEX2> at <TIMEX2 \
val="1812-10-20TNI">night</TIMEX2>.
</TEXT>
</DOC>
"""


def _tml(dct: str, body: str, doc_id: str = "D") -> str:
    return (f'<TimeML><DOCID>{doc_id}</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" '
            f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT><TEXT>{body}</TEXT>'
            "</TimeML>")


def _write(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


class PhraseTagger:
    """Fake tagger: tags every occurrence of the phrases it was given."""

    def __init__(self, phrases: list[tuple[str, str, str, str]]) -> None:
        self.phrases = phrases  # (phrase, type, value, mod)

    def __call__(self, text: str, dct: date) -> list[Timex]:
        if "EXPLODE" in text:
            raise RuntimeError("tagger broke")
        found = []
        for phrase, kind, value, mod in self.phrases:
            start = text.find(phrase)
            while start >= 0:
                found.append(Timex(start, start + len(phrase), phrase, kind, value, mod))
                start = text.find(phrase, start + 1)
        return sorted(found, key=lambda t: t.start)


# --- reading --------------------------------------------------------------------------------


def test_reader_gives_plain_text_offsets_dct_events_and_links(tmp_path: Path) -> None:
    doc = read_timeml(_write(tmp_path / "museum.tml", MUSEUM_TML))
    assert doc.doc_id == "TEST001"
    assert doc.dct == date(2021, 3, 10)
    assert doc.dct_tid == "t0"
    assert doc.text == MUSEUM_TEXT
    assert [(t.text, t.type, t.value, t.mod, t.tid) for t in doc.timexes] == [
        ("yesterday", "DATE", "2021-03-09", "", "t1"),
        ("five months", "DURATION", "P5M", "", "t2"),
        ("late December", "DATE", "2020-12", "END", "t3"),
        ("Monday", "DATE", "2021-03-08", "", "t4"),
    ]
    assert [t.start for t in doc.timexes] == [21, 37, 84, 132]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)
    assert [(e.eid, e.text, e.start) for e in doc.events] == [
        ("e1", "reopened", 12), ("e2", "repaired", 63), ("e3", "inspected", 106)]
    assert doc.tlinks == (
        GoldTlink("l1", "e1", "t1", "IS_INCLUDED"),
        GoldTlink("l2", "e2", "t3", "IS_INCLUDED"),  # timeID-first link: inverse relation
        GoldTlink("l3", "e2", "t0", "BEFORE"),
        GoldTlink("l4", "e1", "t3", "AFTER"),
        GoldTlink("l5", "e3", "t4", "IS_INCLUDED"),
    )


def test_reader_falls_back_on_files_that_are_not_well_formed(tmp_path: Path) -> None:
    body = ('AT&T said <TIMEX3 tid="t1" type="DATE" value="2019-06-03">Monday</TIMEX3> that '
            'costs &lt; 5% <b>rose <TIMEX3 tid="t2" type="DATE" value="2019">this year</TIMEX3>.')
    doc = read_timeml(_write(tmp_path / "bad.tml", _tml("2019-06-05", body)))
    assert doc.text == "AT&T said Monday that costs < 5% rose this year."
    assert [(t.start, t.end, t.value) for t in doc.timexes] == [(10, 16, "2019-06-03"),
                                                                (38, 47, "2019")]
    assert doc.dct == date(2019, 6, 5)


def test_reader_takes_outermost_timex2_and_infers_types(tmp_path: Path) -> None:
    doc = read_timeml(_write(tmp_path / "siege.key.xml", SIEGE_KEYINLINE))
    assert doc.doc_id == "W01"
    assert doc.dct == date(2010, 5, 4)
    assert [(t.text, t.type, t.value, t.mod) for t in doc.timexes] == [
        ("three weeks", "DURATION", "P3W", ""),
        ("at the end of October 1812", "DATE", "1812-10", "END"),
        ("every day", "SET", "XXXX-XX-XX", ""),
        ("night", "TIME", "1812-10-20TNI", ""),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def test_reader_errors_name_the_file(tmp_path: Path) -> None:
    no_dct = _write(tmp_path / "nodct.tml", "<TimeML><TEXT>Rain on Monday.</TEXT></TimeML>")
    with pytest.raises(TimelineError, match=r"nodct\.tml: no document creation time"):
        read_timeml(no_dct)
    no_text = _write(tmp_path / "notext.xml", "<html><body>hello</body></html>")
    with pytest.raises(TimelineError, match=r"notext\.xml: no <TEXT> element"):
        read_timeml(no_text)


# --- scoring --------------------------------------------------------------------------------

GOLD_A = (
    'Prices fell <TIMEX3 tid="t1" type="DATE" value="2022-05-02">on Monday</TIMEX3>, rose '
    '<TIMEX3 tid="t2" type="DATE" value="2022-05-03">Tuesday</TIMEX3> and settled in '
    '<TIMEX3 tid="t3" type="DATE" value="2022-04" mod="END">late April</TIMEX3> for now.'
)
GOLD_B = ('Talks began <TIMEX3 tid="t1" type="DATE" value="2022-01">in January</TIMEX3> and '
          'lasted <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>.')
# 3 gold in A: "on Monday" exact + right value, "Tuesday" exact + wrong value,
# "late April" only overlapped by "April" (type TIME is wrong, mod missing); "now" spurious.
# B: both gold missed.
TAGGER = PhraseTagger([
    ("on Monday", "DATE", "2022-05-02", ""),
    ("Tuesday", "DATE", "2022-05-10", ""),
    ("April", "TIME", "2022-04", ""),
    ("now", "DATE", "PRESENT_REF", ""),
])


@pytest.fixture
def corpora(tmp_path: Path) -> Path:
    _write(tmp_path / "gold" / "alpha" / "a.tml", _tml("2022-05-04", GOLD_A, "A1"))
    _write(tmp_path / "gold" / "beta" / "b.tml", _tml("2022-02-01", GOLD_B, "B1"))
    return tmp_path / "gold"


def test_scores_follow_tempeval3_definitions(corpora: Path) -> None:
    report = evaluate([corpora], tagger=TAGGER)
    alpha, beta = report.corpora
    assert (alpha.name, beta.name) == ("gold/alpha", "gold/beta")
    assert (alpha.n_gold, alpha.n_sys, alpha.n_strict, alpha.n_relaxed) == (3, 4, 2, 3)
    assert alpha.strict == pytest.approx((0.5, 2 / 3, 4 / 7))
    assert alpha.relaxed == pytest.approx((0.75, 1.0, 6 / 7))
    assert alpha.value_f1 == pytest.approx(6 / 7 * 2 / 3)
    assert alpha.type_f1 == pytest.approx(6 / 7 * 2 / 3)
    assert alpha.mod_accuracy == pytest.approx(2 / 3)
    assert (beta.n_gold, beta.n_sys, beta.n_relaxed) == (2, 0, 0)
    assert beta.relaxed == (0.0, 0.0, 0.0)
    overall = report.overall
    assert (overall.n_docs, overall.n_gold, overall.n_sys) == (2, 5, 4)
    assert overall.strict[:2] == pytest.approx((0.5, 0.4))
    assert overall.relaxed[:2] == pytest.approx((0.75, 0.6))
    assert overall.value_f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35 * 2 / 3)
    by_type = overall.by_type
    assert (by_type["DATE"].n_gold, by_type["DATE"].n_found, by_type["DATE"].n_value_ok) == (
        4, 3, 2)
    assert by_type["DURATION"].recall == 0.0


def test_errors_list_missed_spurious_and_wrong_values(corpora: Path) -> None:
    report = evaluate([corpora], tagger=TAGGER)
    rows = [(e.corpus, e.kind, e.text, e.gold_value, e.our_value) for e in report.errors]
    assert rows == [
        ("gold/alpha", "wrong-value", "Tuesday", "2022-05-03", "2022-05-10"),
        ("gold/alpha", "spurious", "now", "", "PRESENT_REF"),
        ("gold/beta", "missed", "in January", "2022-01", ""),
        ("gold/beta", "missed", "two weeks", "P2W", ""),
    ]
    assert report.errors[0].context == (
        "Prices fell on Monday, rose [[Tuesday]] and settled in late April for now.")


def test_tagger_exception_becomes_an_error_row(tmp_path: Path) -> None:
    body = 'Markets EXPLODE <TIMEX3 tid="t1" type="DATE" value="2022-05">in May</TIMEX3>.'
    path = _write(tmp_path / "c" / "boom.tml", _tml("2022-06-01", body, "BOOM"))
    report = evaluate([path], tagger=TAGGER)
    assert (report.overall.n_failed, report.overall.n_gold, report.overall.relaxed[1]) == (
        1, 1, 0.0)
    assert [(e.kind, e.doc_id, e.text) for e in report.errors] == [
        ("tagger-failed", "BOOM", "RuntimeError: tagger broke")]
    assert report.corpora[0].name == "c"


def test_report_json_and_table(corpora: Path) -> None:
    report = evaluate([corpora], tagger=TAGGER)
    data = json.loads(json.dumps(report.to_json()))
    assert data["overall"]["relaxed"] == {"precision": 0.75, "recall": 0.6, "f1": 0.6667}
    assert data["corpora"][0]["by_type"]["DATE"]["value_accuracy"] == 0.6667
    assert len(data["errors"]) == 4
    table = format_report(report, errors=False).splitlines()
    main = table[2:6]  # header, rule, alpha, beta ... overall follows
    assert len({len(line) for line in table[2:7]}) == 1  # aligned columns
    assert main[2].split()[:10] == ["gold/alpha", "1", "3", "4", "50.0", "66.7", "57.1",
                                    "75.0", "100.0", "85.7"]
    assert table[6].split()[:4] == ["overall", "2", "5", "4"]
    with_errors = format_report(report, errors=True)
    assert "Errors (4)" in with_errors
    assert "spurious      A1 66-69 'now' gold=- ours=PRESENT_REF" in with_errors


def test_evaluate_without_timeml_files_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(TimelineError, match="no TimeML files"):
        evaluate([tmp_path / "empty"], tagger=TAGGER)


def test_relaxed_matching_is_one_to_one_and_prefers_exact() -> None:
    gold = [GoldTimex(0, 5, "a", "DATE", "1"), GoldTimex(5, 10, "b", "DATE", "2")]
    wide = Timex(0, 10, "ab", "DATE", "1")
    exact_b = Timex(5, 10, "b", "DATE", "2")
    assert match_spans(gold, [wide, exact_b]) == [(0, 0), (1, 1)]
    assert match_spans(gold, [wide]) == [(0, 0)]
    assert match_spans(gold[:1], [Timex(5, 9, "x", "DATE", "1")]) == []


# --- anchoring ------------------------------------------------------------------------------


def _event(trigger: str, start: int, end: int) -> Event:
    return Event("ev", "TEST001", "", date(2021, 3, 10), "", "", 0, "", trigger, trigger, (),
                 (), "", "DATE", "", "", "on", None, None, "", start, end, 1.0, "rules")


def test_sentence_splitter_skips_abbreviations() -> None:
    text = "It was inspected by Dr. Jones on Monday. The U.S. team left! \"Why?\" she asked."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "It was inspected by Dr. Jones on Monday.", "The U.S. team left!",
        '"Why?" she asked.']


def test_trigger_match_rules() -> None:
    assert trigger_matches("killed", "killing")
    assert trigger_matches("Went off", "went")
    assert not trigger_matches("present", "president")
    assert not trigger_matches("said", "say")


def test_anchoring_score_counts_same_sentence_links(tmp_path: Path) -> None:
    doc = read_timeml(_write(tmp_path / "museum.tml", MUSEUM_TML))
    tagger = PhraseTagger([("yesterday", "DATE", "2021-03-09", ""),
                           ("late December", "DATE", "2020-12", "END")])

    def last_word_extractor(article: Article, timexes: list[Timex]) -> list[Event]:
        # trigger = the word just before the timex: right for "reopened yesterday",
        # wrong for "in late December"
        return [_event(article.text[: t.start].split()[-1], t.start, t.end) for t in timexes]

    body = 'Markets EXPLODE <TIMEX3 tid="t1" type="DATE" value="2022-05">in May</TIMEX3>.'
    broken = read_timeml(_write(tmp_path / "boom.tml", _tml("2022-06-01", body, "BOOM")))
    score = anchoring_score([doc, broken], last_word_extractor, tagger)
    # links: e1-t1, e2-t3, e3-t4 (same sentence); l3 goes to the DCT, l4 crosses sentences
    assert score == {"n_docs": 2, "n_failed_docs": 1, "n_links": 3, "n_timex_found": 2,
                     "n_correct": 1, "accuracy": pytest.approx(1 / 3),
                     "accuracy_found": 0.5, "failures": ["BOOM: RuntimeError: tagger broke"]}
