"""Article bytes to text: which encoding, and mojibake repaired.

Decoding policy (:func:`decode_text`), first answer wins:

1. Nothing but whitespace: an empty file, rejected.
2. A byte-order mark names the encoding (UTF-8, UTF-16, UTF-32); else a front matter
   line ``encoding: iso-8859-2`` (or ``charset:``) in an ASCII front matter block does.
3. Bytes with NUL in them are UTF-16 or UTF-32 without a mark when charset-normalizer
   says so and the text has no control characters; anything else with NUL is a binary
   file, rejected.
4. UTF-8.
5. Windows-1252 (what old Windows editors save) when *all* of these hold: the bytes
   decode strictly (cp1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined), the result
   has no C0/C1 control characters other than tab, newline, carriage return and form
   feed, no non-ASCII symbol sits inside a word ("poniedzia\u00b3ek" is Polish in
   ISO-8859-2), and at most one visible character in ten is non-ASCII (English text
   with curly quotes, dashes and the odd accented name).
6. charset-normalizer's best guess (Shift-JIS, GB18030, KOI8-R, Greek, ...) when it
   is unambiguous and not Latin: every other guess about as plausible (chaos and language coherence
   within :data:`CHAOS_MARGIN` / :data:`COHERENCE_MARGIN`) reads the same text; guesses
   with control characters or a symbol inside a word are not plausible. A reading whose
   non-ASCII letters are mostly Latin is refused: the Latin single-byte code pages tell
   each other apart by a few letters only and the detector picks among them at random
   (cp1250, ISO-8859-2, ISO-8859-10 read "ł" as "ł", "³" or "ī"; French came out as
   cp1257). Such a file is an error naming the candidates and the fix (UTF-8, or the
   encoding named in front matter), never silently wrong text.
7. Anything else: "not UTF-8 text", with the offset of the first bad byte.

Line endings are normalised to ``\\n`` so offsets are the same on every platform, and
mojibake (UTF-8 read as Windows-1252 somewhere upstream: "Ã¼" for "ü", "â€™" for "’")
is repaired through ftfy, only where ftfy finds the text looks like mojibake
(:func:`repair_text`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from timeline.errors import TimelineError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
#: A character that is no letter (nor an apostrophe or hyphen) inside a word: the mark
#: of a text read in the wrong code page ("poniedzia\u00b3ek", ISO-8859-2 read as cp1252).
#: (The symbols of the Latin-1 range, which a wrong single-byte code page produces; not
#: the soft hyphen, nor the middle dot of Catalan "l\u00b7l".)
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u00a1-\u00ac\u00ae-\u00b6\u00b8-\u00bf\u00d7\u00f7]"
                             r"(?=[^\W\d_])")
#: Byte-order marks, longest first (UTF-32-LE's starts with UTF-16-LE's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NON_ASCII_RUN = re.compile(r".?[^\x00-\x7f]+.?", re.DOTALL)
#: ``encoding:``/``charset:`` inside a leading ``---`` block (read before decoding).
_DECLARED = re.compile(
    rb"\A---[ \t]*\r?\n(?:(?!---|\.\.\.)[^\n]*\n)*?(?:encoding|charset)[ \t]*:[ \t]*"
    rb"[\"']?(?P<name>[A-Za-z0-9_.:-]+)", re.IGNORECASE)
#: A guess this much more chaotic than the best one is not a rival.
CHAOS_MARGIN = 0.05
#: A guess whose language coherence is this much below the best one's is not a rival.
COHERENCE_MARGIN = 0.1
#: Rivals named in the error about an ambiguous encoding.
MAX_NAMED = 3
_EMPTY = "empty file; add the article text or remove the file"
_BINARY = "binary file (contains NUL bytes), not text; save the article as UTF-8 text"


def check_not_binary(data: bytes) -> None:
    """Reject empty and binary (NUL-containing) content."""
    if not data.strip():
        raise TimelineError(_EMPTY)
    if b"\x00" in data:
        raise TimelineError(_BINARY)


def decode_text(data: bytes) -> str:
    """Decode article bytes following the policy in the module docstring."""
    if not data.strip():
        raise TimelineError(_EMPTY)
    text = _by_mark(data)
    if text is None and (declared := _DECLARED.match(data)):
        text = _as_declared(data, declared["name"].decode("ascii"))
    if text is None and b"\x00" in data:
        text = _wide(data)
        if text is None:
            raise TimelineError(_BINARY)
    if text is None:
        text = _utf8_or_guess(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise TimelineError(_EMPTY)
    return repair_text(text)


def repair_text(text: str) -> str:
    """``text`` with its mojibake repaired ("MÃ¼nchen" -> "München"); a text that does not
    look like mojibake is returned as it is."""
    import ftfy

    return ftfy.fix_encoding(text) if _looks_like_mojibake(text) else text


def _looks_like_mojibake(text: str) -> bool:
    """ftfy's badness test on the runs of non-ASCII characters (with a neighbour each
    side), which is where mojibake is: the same answer at a fraction of the cost on
    English news, whose non-ASCII characters are a few quotes and dashes."""
    from ftfy.badness import is_bad

    if text.isascii():
        return False
    return is_bad("\n".join(found.group() for found in _NON_ASCII_RUN.finditer(text)))


def _by_mark(data: bytes) -> str | None:
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _as_declared(data: bytes, name: str) -> str:
    try:
        return data.decode(codecs.lookup(name).name)
    except LookupError:
        raise TimelineError(f"the front matter names an unknown encoding {name!r}; write "
                            "one such as iso-8859-2 or cp1250, or re-save the file as UTF-8"
                            ) from None
    except UnicodeDecodeError as err:
        raise TimelineError(f"not {name} text (undecodable byte 0x{data[err.start]:02x} at "
                            f"offset {err.start}); fix the front matter's encoding or "
                            "re-save the file as UTF-8") from None


def _wide(data: bytes) -> str | None:
    """UTF-16/32 text without a byte-order mark, or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or not best.encoding.startswith(("utf_16", "utf_32")):
        return None
    text = str(best)
    return None if _CONTROL.search(text) else text


def _utf8_or_guess(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = f"not UTF-8 text (undecodable byte 0x{data[err.start]:02x} at offset {err.start})"
        try:
            text = _decode_cp1252(data) or _detected(data)
        except TimelineError as unsure:
            raise TimelineError(f"{bad}, {unsure}") from None
        if text is None:
            raise TimelineError(f"{bad}; re-save the file as UTF-8") from None
        return text


def _decode_cp1252(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text) or _misread(text):
        return None
    visible = [ch for ch in text if not ch.isspace()]
    non_ascii = sum(1 for ch in visible if ord(ch) > 0x7F)
    if visible and non_ascii * 10 > len(visible):
        return None
    return text


def _misread(text: str) -> bool:
    """Whether a non-ASCII symbol sits inside a word of ``text`` (a wrong code page)."""
    return _SYMBOL_IN_WORD.search(text) is not None


def _detected(data: bytes) -> str | None:
    """charset-normalizer's unambiguous reading of ``data`` (step 6), or None when it has
    none; an ambiguous one is an error naming the rival encodings."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    plausible = [m for m in matches if not _CONTROL.search(str(m)) and not _misread(str(m))]
    if not plausible or plausible[0].coherence <= 0:
        return None
    best, text = plausible[0], str(plausible[0])
    rivals = [m.encoding for m in plausible[1:]
              if m.chaos <= best.chaos + CHAOS_MARGIN
              and m.coherence >= best.coherence - COHERENCE_MARGIN and str(m) != text]
    if rivals or _latin(text):
        named = ", ".join([best.encoding, *rivals][:MAX_NAMED])
        raise TimelineError(f"and its code page cannot be told ({named}?); re-save the file "
                            "as UTF-8 or name its encoding in front matter "
                            "('encoding: iso-8859-2')")
    return text


def _latin(text: str) -> bool:
    """Whether most non-ASCII letters of ``text`` are Latin ones: then the reading is one
    of the many Latin single-byte code pages, which tell each other apart by a few
    letters only (a French text came out as cp1257 with "ą" for "à")."""
    letters = [ch for ch in text if ord(ch) > 0x7F and ch.isalpha()]
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    return bool(letters) and latin * 2 >= len(letters)
