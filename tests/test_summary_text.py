"""The text of a key date: which sentences and which headline actor (data/summary_text).

``collection.tsv`` is a small collection: twelve articles of one site that each carry the
site's stamp line ("Page last updated at ..."), six reports of one death naming several
Jacksons, one reader-comment page with six sentences dated to one day and four reports
of that day.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from timeline.summary.headline import headline, lead_actor
from timeline.summary.sentences import choose_sentences, closeness, statement
from timeline.summary.story import EMPTY, Story, boiler_share, story_of, tokens

DATA = Path(__file__).parent / "data" / "summary_text"
FIELDS = ("doc_id", "sentence", "actors", "trigger", "event")
STAMP = "Page last updated at 10:00 GMT, Tuesday, 4 May 2010"


def _collection() -> pd.DataFrame:
    lines = (DATA / "collection.tsv").read_text(encoding="utf-8").splitlines()
    rows = [dict(zip(FIELDS, line.split("\t"), strict=True))
            for line in lines if line and not line.startswith("#")]
    return pd.DataFrame(rows, columns=list(FIELDS)).assign(lang="en")


def _story() -> Story:
    return story_of(_collection())


def _day(docs: set[str]) -> pd.DataFrame:
    frame = _collection()
    return frame[frame["doc_id"].isin(docs)]


def test_text_many_articles_repeat_verbatim_is_boilerplate_whatever_its_time_stamp() -> None:
    story = _story()
    assert boiler_share(tokens(STAMP), story.boiler) == 1.0
    assert boiler_share(tokens("Page last updated at 23:59 GMT, Tuesday, 4 May 2010"),
                        story.boiler) == 1.0
    # a phrase three of the articles share ("Jackson died") is the story, not boilerplate
    assert boiler_share(tokens("Jackson died on 25 June 2009 after a cardiac arrest at his "
                               "rented home."), story.boiler) == 0.0


def test_a_day_is_told_by_a_report_not_by_the_sites_stamp() -> None:
    rows = _day({"s0", "s1", "s2", "s3", "s4", "s5"})
    # the stamp, in every article of the day, is what they most have in common ...
    assert choose_sentences(rows, 1)[0][0].startswith("Page last updated")
    # ... and the collection shows it is repeated furniture
    chosen, _ = choose_sentences(rows, 1, _story())
    assert "died" in chosen[0]


def test_the_other_reports_vote_once_per_article_however_many_sentences_it_has() -> None:
    rows = _day({"c0", "r1", "r2", "r3", "r4"})
    bags = {s: {w: 1.0 for w in tokens(s)} for s in rows["sentence"]}
    per_sentence = closeness(bags, {s: s for s in bags})  # one vote per sentence
    assert max(per_sentence, key=lambda s: per_sentence[s]).startswith("At ")
    chosen, best = choose_sentences(rows, 2, _story())
    assert all("Mexico" in s for s in chosen)
    assert best is not None and rows.at[best, "doc_id"].startswith("r")


def test_closeness_to_the_other_articles_leaves_the_own_article_out() -> None:
    bags = {"a": {"x": 1.0}, "b": {"x": 1.0}, "c": {"y": 1.0}}
    close = closeness(bags, {"a": "d1", "b": "d1", "c": "d2"})
    # a and b (one article) are compared with d2 alone, c with d1 alone
    assert close == {"a": 0.0, "b": 0.0, "c": 0.0}
    alone = closeness({"a": {"x": 1.0}, "b": {"x": 1.0, "y": 1.0}}, {"a": "d1", "b": "d1"})
    assert alone["a"] > 0.0 and alone["b"] > alone["a"]


def test_a_partial_name_reads_as_the_actor_the_collection_names_most() -> None:
    story = _story()
    sentence = "Jackson died on 25 June 2009 after a cardiac arrest at his rented home."
    assert lead_actor("Michael Jackson II; Jesse Jackson; Conrad Murray", sentence, "died",
                      story, "en") == "Michael Jackson"
    assert lead_actor("Jesse Jackson", "Rev Jesse Jackson, who counselled the family, spoke "
                      "to reporters.", "spoke", story, "en") == "Jesse Jackson"


def test_the_headline_is_led_by_the_actor_named_before_the_trigger() -> None:
    story = _story()
    sentence = "Doctor Conrad Murray said Jackson died of heart failure in June."
    assert lead_actor("Michael Jackson; Conrad Murray", sentence, "said", story,
                      "en") == "Conrad Murray"
    assert headline("Said cause was heart failure", "Michael Jackson; Conrad Murray",
                    sentence, "said", story, "en") == \
        "Conrad Murray: Said cause was heart failure"


def test_an_actor_the_sentence_does_not_name_yields_to_the_one_named_most() -> None:
    story = _story()
    assert lead_actor("Jesse Jackson; Michael Jackson", "Fans gathered on Friday.",
                      "gathered", story, "en") == "Michael Jackson"
    assert lead_actor("", "Fans gathered on Friday.", "gathered", EMPTY, "en") == ""


def test_the_headline_comes_from_a_top_sentence_whose_label_says_who_acted() -> None:
    rows = pd.DataFrame([
        {"doc_id": "a", "sentence": "The previous one, in Beijing on February 4, ended with "
         "a joint statement promising a friendship.", "actors": "", "trigger": "ended",
         "event": "Previous one in Beijing ended with joint statement"},
        {"doc_id": "b", "sentence": "The two men had last met on February 4 in Beijing, "
         "hours before the opening ceremony.", "actors": "Vladimir Putin; Xi Jinping",
         "trigger": "met", "event": "Putin and Xi met in Beijing"},
    ]).assign(lang="en")
    said = statement(rows, 1)
    assert said.headline == "Putin and Xi met in Beijing"
    assert said.sentences[0].startswith("The previous one")  # the sentences keep their rank


def test_a_place_after_a_locative_preposition_does_not_lead_the_headline() -> None:
    sentence = ("In the evening he was due to fly on to Samarkand in neighbouring Uzbekistan "
                "for the summit of the Shanghai Cooperation Organization.")
    actors = "Uzbekistan; Shanghai Cooperation Organization"
    assert lead_actor(actors, sentence, "summit", EMPTY, "en") == \
        "Shanghai Cooperation Organization"
    assert lead_actor("Uzbekistan", sentence, "summit", EMPTY, "en") == "Uzbekistan"
