"""German: a language that is data plus a small hook module. What the spec corpus
(tests/data/timex_cases_de.tsv) cannot show: narrative mode, letters beyond A-Z,
lower-casing that keeps offsets, case-sensitive words and the hook interface."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from timeline.errors import TimelineError
from timeline.temporal.firstchars import ANY, dispatch_keys
from timeline.temporal.hooks import NO_HOOKS, LanguageHooks, load_hooks
from timeline.temporal.language import load_language, lower_keep
from timeline.temporal.recognize import _raw_matches
from timeline.temporal.tagger import tag

# (text, the expression, its value) in narrative mode: dated from the last date told
NARRATIVE = [
    ("Die Offensive begann am 1. Mai 1940. Zwei Tage später fiel die Stadt.",
     "Zwei Tage später", "1940-05-03"),
    ("Die Offensive begann im Mai 1940. Zwei Tage später fiel die Stadt.",
     "Zwei Tage später", "1940-05"),  # a day after a month: of that month
    ("Die Stadt wurde im Mai 1940 belagert. Ende des Jahres war sie erobert.",
     "Ende des Jahres", "1940"),
    ("Die Kämpfe begannen im Juni 1941. Am 24. rückten die Truppen vor.", "24.", "1941-06-24"),
    ("Die Kämpfe begannen am 3. Mai 1941. Am selben Tag fiel die Festung.",
     "Am selben Tag", "1941-05-03"),
    ("Die Kämpfe begannen am 3. Mai 1941. Am Morgen griffen die Truppen an.",
     "Morgen", "1941-05-03TMO"),
    ("Die Kämpfe begannen am 3. Mai 1941. Am Tag darauf fiel die Festung.",
     "Am Tag darauf", "1941-05-04"),
    ("Im Herbst 1916 stockte der Angriff. Im Mai/Juni 1917 folgte die nächste Offensive.",
     "Mai", "1917-05"),
    ("Im Mai 1916 griff die Armee an, nachdem sie im Vorjahr gewartet hatte. Am 3. Juni "
     "fiel die Festung.", "3. Juni", "1916-06-03"),  # 'im Vorjahr' (1915) is an aside
    ("Im Mai 1916 griff die Armee an, nachdem sie im Vorjahr gewartet hatte.", "Vorjahr",
     "1915"),
    ("Die Armee landete im Juni 1944. Noch heute erinnert ein Denkmal daran.",
     "heute", "PRESENT_REF"),
    ("Die Armee landete im Juni 1944. In der Nacht vom 5. auf den 6. Juni sprangen "
     "Fallschirmjäger ab.", "Nacht vom 5.", "1944-06-05TNI"),
]


@pytest.mark.parametrize(("text", "expression", "value"), NARRATIVE,
                         ids=[n[1] for n in NARRATIVE])
def test_narrative_dates_count_from_the_last_date_told(text: str, expression: str,
                                                        value: str) -> None:
    found = {t.text: t.value for t in tag(text, date(2011, 2, 16), mode="narrative", lang="de")}
    assert found[expression] == value


# words beginning with a letter outside A-Z are found (first-character dispatch)
UNICODE_STARTS = [
    ("Übermorgen beginnt der Streik.", "Übermorgen", "2023-03-17"),
    ("Der Streik beginnt übermorgen.", "übermorgen", "2023-03-17"),
    ("Die Wahl fand im März statt.", "März", "2023-03"),
    ("Öffentliche Gebäude bleiben am Freitag geschlossen.", "Freitag", "2023-03-17"),
    ("Über drei Jahre dauerte der Bau.", "Über drei Jahre", "P3Y"),
]


@pytest.mark.parametrize(("text", "expression", "value"), UNICODE_STARTS,
                         ids=[u[1] for u in UNICODE_STARTS])
def test_words_beginning_beyond_a_to_z_are_found(text: str, expression: str,
                                                 value: str) -> None:
    found = [(t.text, t.value) for t in tag(text, date(2023, 3, 15), lang="de")]
    assert found == [(expression, value)]


def test_dispatch_is_keyed_by_any_character() -> None:
    lang = load_language("de")
    assert "ü" in lang.dispatch  # 'übermorgen'
    assert dispatch_keys(r"\bü\w+") == {"ü"}
    assert dispatch_keys(r"\w+") == {ANY}  # any letter of any alphabet


@pytest.mark.parametrize("text", [
    "ÄÖÜ ärger Über", "İstanbul am 3. Mai", "ΣΊΣΥΦΟΣ Straße ẞ", "ǅemal Ǆ", "ﬁnal",
])
def test_lowering_keeps_offsets(text: str) -> None:
    low = lower_keep(text)
    assert len(low) == len(text)
    if len(text.lower()) == len(text):
        assert low == text.lower()
    else:  # a character whose lower case is longer stays as it is
        assert all(lo == ch or lo == ch.lower() for ch, lo in zip(text, low, strict=True))
    assert lower_keep("ÄÖÜ") == "äöü"
    assert lower_keep("İ") == "İ"  # its lower case is two characters: kept as it is


def test_tagged_text_is_the_original_text_whatever_its_letters() -> None:
    text = "İn İstanbul trafen sich die Minister am 3. Mai 2021 um 14.30 Uhr."
    for t in tag(text, date(2023, 3, 15), lang="de"):
        assert text[t.start : t.end] == t.text
    assert [t.text for t in tag(text, date(2023, 3, 15), lang="de")] == [
        "3. Mai 2021", "14.30 Uhr"]


# 'Morgen' (the morning, a noun) and 'morgen' (tomorrow) differ only by case
CASED = [
    ("Am Morgen kam der Zug an.", "Morgen", "TIME", "2023-03-15TMO"),
    ("Der Zug kommt morgen an.", "morgen", "DATE", "2023-03-16"),
    ("Morgen kommt der Zug an.", "Morgen", "DATE", "2023-03-16"),  # a sentence start says nothing
    ("Heute Morgen kam der Zug an.", "Heute Morgen", "TIME", "2023-03-15TMO"),
    ("Gestern Morgen kam der Zug an.", "Gestern Morgen", "TIME", "2023-03-14TMO"),
]


@pytest.mark.parametrize(("text", "expression", "typ", "value"), CASED,
                         ids=[c[0] for c in CASED])
def test_case_sensitive_words(text: str, expression: str, typ: str, value: str) -> None:
    found = [(t.text, t.type, t.value) for t in tag(text, date(2023, 3, 15), lang="de")]
    assert found == [(expression, typ, value)]


def test_case_sensitive_words_keep_their_capitals_only_where_case_matters() -> None:
    lang = load_language("de")
    text = "Am Morgen. Morgen kommt er, morgen."
    assert lang.lower(text) == "am Morgen. morgen kommt er, morgen."
    assert load_language("en").lower("Tomorrow MORNING") == "tomorrow morning"


def test_gate_loses_no_match_in_german() -> None:
    """Patterns tried at every word start find nothing the gated scan misses."""
    lang = load_language("de")
    text = "\n".join(n[0] for n in NARRATIVE + UNICODE_STARTS + CASED)
    low = lang.lower(text)
    found = [(m.start, m.end) for m in _raw_matches(lang, low)]
    lost = []
    for word in re.finditer(r"(?<!\w)\w", low):
        regex = lang.dispatch.get(low[word.start()], lang.dispatch.get(ANY))
        match = regex.match(low, word.start()) if regex else None
        if match and not any(a <= match.start() < b for a, b in found):
            lost.append(match.group())
    assert lost == []


class _Shouting:
    capital_means_name = True

    def case_matters(self, text: str, start: int) -> bool:
        return True


HOOKS = _Shouting()


def test_hooks_are_named_by_the_data_and_default_to_none() -> None:
    assert load_language("en").hooks is NO_HOOKS
    assert not NO_HOOKS.case_matters("Morgen", 0)
    german: LanguageHooks = load_language("de").hooks
    assert not german.capital_means_name
    assert german.case_matters("Er kam am Morgen.", 10)
    assert not german.case_matters("Er kam. Morgen geht er.", 8)  # a sentence start
    assert isinstance(load_hooks(__name__, "test"), _Shouting)
    with pytest.raises(TimelineError, match="no HOOKS in module 'timeline.models'"):
        load_hooks("timeline.models", "test")


def test_an_unknown_language_names_the_languages_there_are() -> None:
    with pytest.raises(TimelineError, match=r"language 'xx' \(available: de, en"):
        tag("Am Montag.", date(2023, 3, 15), lang="xx")


def test_a_language_is_a_folder_of_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder under TIMELINE_DATA is a language: here German data under another code,
    and a broken copy whose error names the file and the key."""
    from importlib import resources

    german = resources.files("timeline") / "data" / "de"
    for code in ("dz", "dy"):
        (tmp_path / code).mkdir()
        for name in ("lexicon.json", "patterns.tsv"):
            (tmp_path / code / name).write_text((german / name).read_text(encoding="utf-8"),
                                                encoding="utf-8")
    broken = tmp_path / "dy" / "lexicon.json"
    broken.write_text(broken.read_text(encoding="utf-8").replace('"months"', '"monate"', 1),
                      encoding="utf-8")
    monkeypatch.setenv("TIMELINE_DATA", str(tmp_path))
    found = tag("Am Donnerstag kam er.", date(2023, 3, 15), lang="dz")
    assert [(t.text, t.value) for t in found] == [("Donnerstag", "2023-03-09")]
    with pytest.raises(TimelineError, match="unknown key 'monate'") as err:
        load_language("dy")
    assert "lexicon.json" in str(err.value)
