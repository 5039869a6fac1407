"""The one adapter to the language detector (py3langid): which language a text is in.

py3langid (a naive Bayes model over byte n-grams, trained on news, encyclopedia and
web text) was chosen over lingua for speed, size and memory; see
``benchmarks/bench_langdetect.py``. It may answer any of the languages it ships that
have a two-letter ISO 639-1 code (over a hundred), not just the ones the tool has data
for: an article in French must come out as French (and be refused), never as the
nearest language the tool knows. The regional languages and creoles it also knows by
three-letter codes only (Nigerian Pidgin, Central Bikol, ...) are left out: close kin
of big languages, they took one-sentence English news away from English more often
than they could be right. Its types do not leave this module.

A text too short to judge, or one the model is not sure about, is *undecided*
(``Detection.lang == ""``): the caller then falls back and says so.

The shipped model is an LZMA-compressed archive: unpacking it costs about half a CPU
second, more than tagging a short article. So the unpacked, language-restricted model is
kept in the cache folder of :mod:`timeline.temporal.loadcache` (``TIMELINE_CACHE=off``
keeps none), named by a digest of the model file's path, size and modification time,
py3langid's version and this module's source, and later processes map its arrays from
disk instead (the same numbers, so the same answers). A missing, stale or unreadable
copy only means the model is unpacked again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import shutil
import tempfile
from array import array
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from timeline.temporal.loadcache import cache_dir

#: Fewer letters than this is a title or a caption, too little to judge.
MIN_LETTERS = 20
#: The model's normalised probability for its best language must reach this.
MIN_CONFIDENCE = 0.8
#: Only the start of a long article is read: it decides as well and costs far less.
MAX_CHARS = 600
#: The model's label for text in no language (numbers, code): undecided.
NO_LANGUAGE = "zxx"


@dataclass(frozen=True, slots=True)
class Detection:
    """The detector's answer: ``lang`` ('' when undecided) and its probability."""

    lang: str
    confidence: float


_FORMAT = 1  # bump when the stored files change
#: The integer tables of the model's automaton, stored as raw machine words.
_TABLES = ("tk_nextmove", "tk_row", "tk_output")
_WORDS: dict[str, Literal["H", "I", "L", "i", "l"]] = {
    "H": "H", "I": "I", "L": "L", "i": "i", "l": "l"}


@cache
def _identifier() -> Any:
    folder = _cached_model_dir()
    if folder is not None:
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            return _load_cached(folder)
    identifier = _unpacked_identifier()
    if folder is not None:
        _store(identifier, folder)
    return identifier


def _unpacked_identifier() -> Any:
    """The identifier from py3langid's own compressed model file (the slow way)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in identifier.labels
                              if len(code) == 2 or code == NO_LANGUAGE])
    return identifier


def _cached_model_dir() -> Path | None:
    """Where the unpacked model of this py3langid and this module lives (None: no cache)."""
    folder = cache_dir()
    if folder is None:
        return None
    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    model = Path(MODEL_DIR, MODEL_FILE).resolve()
    stat = model.stat()  # as Python's own .pyc files: a reinstalled model is another name
    sha = hashlib.sha256(f"{_FORMAT}\0{py3langid.__version__}\0{model}\0{stat.st_size}\0"
                         f"{stat.st_mtime_ns}\0".encode())
    sha.update(Path(__file__).read_bytes())
    return folder / f"langid-{sha.hexdigest()[:32]}"


def _mapped(path: Path, typecode: str, length: int) -> memoryview:
    """The machine words of ``path``, mapped read-only (not read into memory)."""
    word = _WORDS[typecode]  # a KeyError for anything but an integer type code
    with path.open("rb") as file:
        words = memoryview(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)).cast(word)
    if len(words) != length:
        raise ValueError(f"{path}: {len(words)} words, expected {length}")
    return words


def _load_cached(folder: Path) -> Any:
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    tables = {name: _mapped(folder / f"{name}.bin", *meta[name]) for name in _TABLES}
    ptc = np.load(folder / "nb_ptc.npy", mmap_mode="r")
    pc = np.load(folder / "nb_pc.npy")
    if ptc.ndim != 2 or not ptc.shape[1] == len(pc) == len(meta["classes"]):
        raise ValueError(f"{folder}: the model's tables do not fit together")
    return LanguageIdentifier(ptc, pc, list(meta["classes"]), tables["tk_nextmove"],
                              tables["tk_output"], norm_probs=True, tk_row=tables["tk_row"])


def _store(identifier: Any, folder: Path) -> None:
    """Keep ``identifier``'s tables in ``folder``, whole or not at all; a failure is no error."""
    import numpy as np

    meta: dict[str, object] = {"format": _FORMAT, "classes": list(identifier.nb_classes)}
    tmp: str | None = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = tempfile.mkdtemp(dir=folder.parent, prefix=".tmp-langid-")
        for name in _TABLES:
            words = array("i", getattr(identifier, name)) if name == "tk_output" \
                else getattr(identifier, name)
            Path(tmp, f"{name}.bin").write_bytes(words.tobytes())
            meta[name] = [words.typecode, len(words)]
        np.save(Path(tmp, "nb_ptc.npy"), np.ascontiguousarray(identifier.nb_ptc))
        np.save(Path(tmp, "nb_pc.npy"), np.asarray(identifier.nb_pc))
        Path(tmp, "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        Path(tmp).rename(folder)  # atomic; fails when another process was first
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def detect_language(text: str) -> Detection:
    """The language of ``text`` (an ISO 639 code), or undecided (``lang == ""``)."""
    sample = text[:MAX_CHARS]
    letters = sum(map(str.isalpha, sample))
    if letters < MIN_LETTERS:
        return Detection("", 0.0)
    lang, confidence = _identifier().classify(sample)
    confidence = float(confidence)
    if confidence < MIN_CONFIDENCE or lang == NO_LANGUAGE:
        return Detection("", confidence)
    return Detection(str(lang), confidence)
