"""Every core pattern of every language folder carries examples (``#!example:`` lines above
it in patterns.tsv); each example is matched by that very pattern and tagged as one mention.

An example is matched as a whole, or only its ``[bracketed]`` part when it needs context
words around it ("for [years]"). A range pattern's match ("1861-1863") may come out as its
two ends, which then tile the example.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from timeline import langdata
from timeline.errors import TimelineError
from timeline.temporal import interpret as interpret_module
from timeline.temporal.language import load_language
from timeline.temporal.patterns import FLAGS, TEMPLATES, CorePattern, parse_patterns
from timeline.temporal.recognize import find_mentions
from timeline.temporal.tagger import tag

_MARK = re.compile(r"\[(?P<span>[^\]]+)\]")
_DCT = date(2022, 9, 15)
LANGUAGES = langdata.available_languages("patterns.tsv")


def _cases() -> list[tuple[str, int, CorePattern, str]]:
    return [(code, i, pat, example) for code in LANGUAGES
            for i, pat in enumerate(load_language(code).patterns) for example in pat.examples]


def _span(example: str) -> tuple[str, int, int]:
    """The example without brackets, and where its matched part starts and ends."""
    marked = _MARK.search(example)
    text = _MARK.sub(lambda m: m["span"], example)
    if not marked:
        return text, 0, len(text)
    return text, marked.start(), marked.start() + len(marked["span"])


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_pattern_has_an_example(code: str) -> None:
    assert [p.name for p in load_language(code).patterns if not p.examples] == []


@pytest.mark.parametrize(("code", "index", "pattern", "example"), _cases(),
                         ids=[f"{c}-{p.name}-{e}" for c, _, p, e in _cases()])
def test_example_is_found_by_its_pattern(code: str, index: int, pattern: CorePattern,
                                         example: str) -> None:
    check_example(code, pattern, example)


def check_example(code: str, pattern: CorePattern, example: str) -> None:
    """``example`` is tagged in language ``code`` as a mention of ``pattern`` (see above)."""
    text, start, end = _span(example)
    found = find_mentions(text, code)
    assert found, "not recognised"
    assert (found[0].start, found[-1].end) == (start, end)
    assert {m.type for m in found} == {pattern.type}
    if len(found) == 1:
        assert found[0].pattern == pattern.name
    # where the pattern's own match begins (after 'early', 'about'...), no earlier pattern
    # of the file matches first, and this one matches up to the end
    core = found[0].core_start if found[0].core_start >= 0 else start
    low = load_language(code).lower(text)  # as the recognizer lowers it
    first = next((p for p in load_language(code).patterns if p.regex.match(low, core)), None)
    assert first is pattern, f"{first.name if first else None} matches first"
    assert pattern.regex.match(low, core).end() == end  # type: ignore[union-attr]
    timexes = tag(text, _DCT, lang=code)
    assert [(t.start, t.end) for t in timexes] == [(m.start, m.end) for m in found]
    assert all(t.value for t in timexes)


def test_every_template_has_an_interpreter() -> None:
    assert set(interpret_module._BY_TEMPLATE) == set(TEMPLATES)


def _parse(text: str) -> list[CorePattern]:
    return parse_patterns(text, {"unit": "(?:day|days)"}, "xx/patterns.tsv")


def test_an_unknown_template_is_an_error_naming_file_and_line() -> None:
    with pytest.raises(TimelineError, match=r"xx/patterns.tsv:2: unknown template 'dat'"):
        _parse("# a comment\nDATE\tsome_name\tdat\t\\bfoo\\b\n")


def test_a_line_without_a_template_is_an_error_naming_file_and_line() -> None:
    with pytest.raises(TimelineError, match=r"xx/patterns.tsv:2: expected TYPE<tab>name<tab>"):
        _parse("#!example: two days\nDURATION\tduration\t\\btwo\\s+%unit%\\b\n")


def test_flags_belong_to_the_pattern_below_them() -> None:
    first, second = _parse("#!flags: title_prone\n#!flags: pod_context\nDATE\ta\tdate\tfoo\n"
                           "DATE\tb\tdate\tbar\n")
    assert (first.flags, second.flags) == ({"title_prone", "pod_context"}, frozenset())
    with pytest.raises(TimelineError, match="flags lines after the last pattern"):
        _parse("DATE\ta\tdate\tfoo\n#!flags: title_prone\n")


def test_an_unknown_flag_is_an_error_naming_file_and_line() -> None:
    with pytest.raises(TimelineError, match=r"xx/patterns.tsv:2: unknown flag 'titel_prone'"):
        _parse("#!example: foo\n#!flags: titel_prone\nDATE\ta\tdate\tfoo\n")


def test_every_flag_is_set_on_some_pattern() -> None:
    used = {f for code in LANGUAGES for p in load_language(code).patterns for f in p.flags}
    assert sorted(set(FLAGS) - used) == []


def test_examples_belong_to_the_pattern_below_them() -> None:
    first, second = _parse("#!example: foo\nDATE\ta\tdate\tfoo\n#!example: bar\n"
                           "#!example: bars\nDATE\tb\tdate\tbars?\n")
    assert (first.examples, second.examples) == (("foo",), ("bar", "bars"))
    with pytest.raises(TimelineError, match="example lines after the last pattern"):
        _parse("DATE\ta\tdate\tfoo\n#!example: foo\n")


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_line_names_its_template(code: str) -> None:
    text = langdata.data_file(code, "patterns.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    assert [ln.split("\t")[1] for ln in lines if len(ln.split("\t")) != 4] == []
