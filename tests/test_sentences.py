"""Sentence segmentation of news text: abbreviations, quotes, datelines, headings,
boilerplate, offsets."""

from __future__ import annotations

import pytest

from timeline.sentences import Sentence, is_boilerplate, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_offsets_point_into_the_article_and_indexes_count_up() -> None:
    text = "  Leaders met on Monday.  They signed a deal.\n\nMarkets rose. "
    sentences = split_sentences(text)
    assert [s.index for s in sentences] == [0, 1, 2]
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert sentences[1] == Sentence(1, 26, 45, "They signed a deal.", "body")


def test_titles_and_month_abbreviations_do_not_end_sentences() -> None:
    text = ("Gen. Mark Milley met Mr. Smith and Dr. Jones on Feb. 24 in the capital. "
            "The talks ended late.")
    assert texts(text) == [
        "Gen. Mark Milley met Mr. Smith and Dr. Jones on Feb. 24 in the capital.",
        "The talks ended late.",
    ]


def test_acronyms_and_initials_end_a_sentence_only_before_a_sentence_starter() -> None:
    text = ("U.S. President John F. Kennedy flew to the U.K. on Monday. He then visited the "
            "U.S. The trip ended in Washington.")
    assert texts(text) == [
        "U.S. President John F. Kennedy flew to the U.K. on Monday.",
        "He then visited the U.S.",
        "The trip ended in Washington.",
    ]


def test_quotes_close_the_sentence_they_end() -> None:
    text = '"We will win," he said. "They will lose." Who asked "why?" she wondered. Then he left.'
    assert texts(text) == [
        '"We will win," he said.',
        '"They will lose."',
        'Who asked "why?" she wondered.',
        "Then he left.",
    ]


def test_curly_quotes_and_exclamation() -> None:
    text = "\u201cStop the war!\u201d the crowd shouted. Police watched."
    assert texts(text) == ["\u201cStop the war!\u201d the crowd shouted.", "Police watched."]


def test_agency_dateline_is_cut_off_as_a_heading() -> None:
    text = "SAMARKAND, Uzbekistan (AP) \u2014 Chinese leader Xi Jinping met Putin on Thursday."
    sentences = split_sentences(text)
    assert [(s.text, s.kind) for s in sentences] == [
        ("SAMARKAND, Uzbekistan (AP)", "heading"),
        ("Chinese leader Xi Jinping met Putin on Thursday.", "body"),
    ]


def test_dateline_of_several_cities_without_a_dash() -> None:
    text = "Paris, Kyiv, Warsaw Only a handful of diplomats attended the ceremony on Friday."
    assert [(s.text, s.kind) for s in split_sentences(text)] == [
        ("Paris, Kyiv, Warsaw", "heading"),
        ("Only a handful of diplomats attended the ceremony on Friday.", "body"),
    ]


def test_short_lines_without_final_punctuation_are_headings() -> None:
    text = ("Leaders meet in Astana \u2013 first visit since the war\n\n"
            "The two presidents met on Monday.\n\n"
            "Common ground at the table\n"
            "The talks lasted three hours.\n\n"
            "Tokayev (left) and Erdogan (right) in Astana")
    assert [(s.text, s.kind) for s in split_sentences(text)] == [
        ("Leaders meet in Astana \u2013 first visit since the war", "heading"),
        ("The two presidents met on Monday.", "body"),
        ("Common ground at the table", "heading"),
        ("The talks lasted three hours.", "body"),
        ("Tokayev (left) and Erdogan (right) in Astana", "heading"),
    ]


def test_hard_wrapped_lines_are_joined_into_sentences() -> None:
    text = ("The central bank raised interest rates on Tuesday for the third time this\n"
            "year, saying inflation remained far above its target. Economists had\n"
            "expected the move.")
    sentences = split_sentences(text)
    assert [s.kind for s in sentences] == ["body", "body"]
    assert sentences[0].text.startswith("The central bank raised")
    assert sentences[0].text.endswith("above its target.")
    assert sentences[1].text == "Economists had\nexpected the move."


@pytest.mark.parametrize("line", [
    "Top jobs of the day",
    "Find the best jobs now and be notified by email.",
    "(Photo: via REUTERS)",
    ">> Read here: Why the markets are nervous \u2013 a comment",
    "More: Expert on trade \u2013 \u201cNo deal before the election\u201d",
    "With agency material",
    "Reporting by Jane Doe; Editing by John Roe",
    "Advertisement",
])
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)
    text = f"Troops withdrew on Sunday.\n\n{line}\n\nTalks resume on Monday."
    kinds = [(s.text.replace("\n", " "), s.kind) for s in split_sentences(text)]
    assert kinds == [("Troops withdrew on Sunday.", "body"), (line, "boilerplate"),
                     ("Talks resume on Monday.", "body")]


def test_news_sentences_are_not_boilerplate() -> None:
    assert not is_boilerplate("More than 200 people were arrested on Friday.")
    assert not is_boilerplate("Read the full statement, the minister told reporters.")


def test_wrapped_boilerplate_line_is_joined_before_it_is_recognised() -> None:
    text = "Top jobs of the day\n\nFind the best jobs now and\nbe notified by email.\n\nNext."
    assert [s.kind for s in split_sentences(text)] == ["boilerplate", "boilerplate", "body"]


def test_blank_text_has_no_sentences() -> None:
    assert split_sentences("  \n\n \n") == []


# --- German (the same splitter with the word lists of timeline/data/de) ------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Bundeskanzler Scholz reist am 3. März nach Paris. Dort trifft er Präsident Macron.",
     ["Bundeskanzler Scholz reist am 3. März nach Paris.", "Dort trifft er Präsident Macron."]),
    ("Im 20. Jahrhundert war das anders. Am 1. Mai demonstrierten Tausende.",
     ["Im 20. Jahrhundert war das anders.", "Am 1. Mai demonstrierten Tausende."]),
    ("Es geht z. B. um Energie. Dr. Müller sprach mit Prof. Weber über Nr. 5 der Liste.",
     ["Es geht z. B. um Energie.", "Dr. Müller sprach mit Prof. Weber über Nr. 5 der Liste."]),
    ("Beraten wurden u. a. Handel und Energie bzw. Klima. Ergebnisse gab es keine.",
     ["Beraten wurden u. a. Handel und Energie bzw. Klima.", "Ergebnisse gab es keine."]),
    ("Die Gespräche betrafen u. a. Österreich. Die Minister reisten ab.",
     ["Die Gespräche betrafen u. a. Österreich.", "Die Minister reisten ab."]),
    ("„Wir sind bereit“, sagte der Minister. Über die Details wurde nicht gesprochen.",
     ["„Wir sind bereit“, sagte der Minister.", "Über die Details wurde nicht gesprochen."]),
])
def test_german_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text, "de")] == expected


def test_the_language_decides_what_a_period_after_a_number_means() -> None:
    text = "Scholz reist am 3. März nach Paris."
    assert len(split_sentences(text, "de")) == 1
    assert len(split_sentences(text, "en")) == 2  # English has no ordinal dates with a period


@pytest.mark.parametrize("line", ["Lesen Sie auch: Was der Gipfel bringt", "(Foto: dpa)",
                                  "Mit Material von dpa und Reuters"])
def test_german_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line, "de")
    assert not is_boilerplate("Die Polizei nahm am Freitag drei Menschen fest.", "de")


def test_state_abbreviations_of_the_merged_list_do_not_end_a_sentence() -> None:
    text = "Officials in Lansing, Mich. Gov. Gretchen Whitmer spoke on Monday. Then she left."
    assert texts(text) == ["Officials in Lansing, Mich. Gov. Gretchen Whitmer spoke on Monday.",
                           "Then she left."]
