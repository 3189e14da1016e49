"""Read gold-annotated articles: the data quotex is scored against.

Gold data is JSON Lines, one document a line: ``{"id", "text", "quotes": [{start,
end, text, speaker, speaker_name, speaker_start, speaker_end, speaker_mention,
speaker_type, partial, headline}]}`` (the README's "Gold data" section describes
every field). Fields the format allows to be null are read as absent: a quote
whose speaker the annotators named without a mention nearby has null speaker
offsets. Reading never raises on a bad line: it yields a :class:`BadGoldLine`
saying what is wrong, so one broken document costs that document only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from quotex.errors import InputError
from quotex.quote import QuoteType

#: Gold speaker types; ``none`` stands for a quote without an annotated source.
SPEAKER_TYPES: tuple[str, ...] = ("name", "pronoun", "nominal", "none")


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One annotated quote; offsets are ``str`` indices into the document text."""

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_type: str | None = None
    partial: bool = False
    headline: bool = False
    #: Who said it, as a canonical name, where the annotation resolves the
    #: mention ("he" -> "Haley Morris"); None where it does not say.
    speaker_name: str | None = None
    #: The words that attribute the quote ("he", "the minister"), if given.
    speaker_mention: str | None = None

    @property
    def named_speaker(self) -> str | None:
        """Return the person who said it, by name, when the gold names one.

        ``speaker_name`` where the annotation resolves the speaker, else the
        speaker itself when it is a name; None for "a spokesman" and the like.
        """
        if self.speaker_name is not None:
            return self.speaker_name
        return self.speaker if self.speaker_type == "name" else None

    @property
    def type(self) -> QuoteType:
        """Return the quote type in quotex's terms: headline, partial or full."""
        if self.headline:
            return "headline"
        return "partial" if self.partial else "full"


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One annotated article and its gold quotes; ``line`` is 1-based."""

    id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class BadGoldLine:
    """A gold line that cannot be used, and why; ``line`` is 1-based."""

    line: int
    reason: str


def read_gold(path: Path) -> Iterator[GoldDocument | BadGoldLine]:
    """Read a gold JSON Lines file lazily, reporting bad lines instead of raising.

    Raises:
        InputError: The file cannot be opened.
    """
    try:
        handle = path.open("rb")
    except OSError as error:
        raise InputError(f"{path}: {error.strerror or error}") from None
    return _read_lines(handle)


def _read_lines(handle: BinaryIO) -> Iterator[GoldDocument | BadGoldLine]:
    with handle:
        for number, raw in enumerate(handle, start=1):
            # Decode line by line so one bad byte costs one document, not the file.
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                yield BadGoldLine(number, f"not UTF-8 (byte {error.start})")
                continue
            if line.strip():
                yield parse_gold_line(line, number)


def parse_gold_line(line: str, number: int = 0) -> GoldDocument | BadGoldLine:
    """Parse one gold line into a document, or say what is wrong with it."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return BadGoldLine(number, f"bad JSON ({error.msg} at column {error.colno})")
    if not isinstance(data, dict):
        return BadGoldLine(number, "not a JSON object")
    text, quotes = data.get("text"), data.get("quotes")
    doc_id = data.get("id", f"line {number}")
    if not isinstance(text, str):
        return BadGoldLine(number, "missing 'text' string")
    if not isinstance(quotes, list):
        return BadGoldLine(number, "missing 'quotes' list")
    if not isinstance(doc_id, str):
        return BadGoldLine(number, "'id' is not a string")
    gold = []
    for i, quote in enumerate(quotes, start=1):
        try:
            gold.append(_gold_quote(quote, text))
        except ValueError as error:
            return BadGoldLine(number, f"quote {i}: {error}")
    return GoldDocument(doc_id, text, tuple(gold), number)


def _gold_quote(data: Any, text: str) -> GoldQuote:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    start, end = _span(data, "start", "end", len(text))
    if data.get("text", text[start:end]) != text[start:end]:
        raise ValueError(f"'text' differs from text[{start}:{end}]")
    speaker, kind = data.get("speaker"), data.get("speaker_type")
    partial, headline = (data.get("partial") or False, data.get("headline") or False)
    for key in ("speaker", "speaker_name", "speaker_mention"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise ValueError(f"'{key}' is not a string")
    if kind not in (None, "name", "pronoun", "nominal"):
        raise ValueError(f"unknown speaker_type {kind!r}")
    if not all(isinstance(flag, bool) for flag in (partial, headline)):
        raise ValueError("'partial' and 'headline' must be true or false")
    if speaker is None:
        return GoldQuote(
            start, end, text[start:end], partial=partial, headline=headline
        )
    # Speaker offsets are checked for range only: the corpus normalizes spacing
    # in a few speaker strings, so they need not equal the text they point at.
    # Both null: the annotators named the speaker with no mention nearby.
    s_start: int | None = None
    s_end: int | None = None
    if data.get("speaker_start") is not None or data.get("speaker_end") is not None:
        s_start, s_end = _span(data, "speaker_start", "speaker_end", len(text))
    return GoldQuote(
        start,
        end,
        text[start:end],
        speaker,
        s_start,
        s_end,
        kind,
        partial,
        headline,
        speaker_name=data.get("speaker_name"),
        speaker_mention=data.get("speaker_mention"),
    )


def _span(data: dict[str, Any], first: str, last: str, size: int) -> tuple[int, int]:
    start, end = data.get(first), data.get(last)
    for key, value in ((first, start), (last, end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"'{key}' is not an integer")
    assert isinstance(start, int) and isinstance(end, int)  # for the type checker
    if not 0 <= start < end <= size:
        raise ValueError(f"{first}:{last} {start}:{end} outside text of {size}")
    return start, end


#: How ``relayout`` can lay a gold text out again, offsets unchanged.
LAYOUTS: tuple[str, ...] = ("original", "joined", "wrapped")
#: The column ``relayout(..., "wrapped")`` breaks lines at.
WRAP_COLUMNS = 72


def relayout(document: GoldDocument, layout: str) -> GoldDocument:
    """Return the document with its text laid out another way, offsets kept.

    ``joined``: every line break becomes a space, as in archives that lost
    them (paragraphs run together on one line). ``wrapped``: each paragraph
    is broken into lines of at most ``WRAP_COLUMNS`` characters by turning
    spaces into line breaks, as in plain-text archives and e-mail. Either
    way each character keeps its offset, so the gold quotes still point at
    the same words.

    Raises:
        ValueError: ``layout`` is not one of ``LAYOUTS``.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    if layout == "original":
        return document
    text = document.text
    if layout == "joined":
        text = text.replace("\r", " ").replace("\n", " ")
    else:
        text = "\n".join(_wrap(line) for line in text.split("\n"))
    return GoldDocument(document.id, text, document.quotes, document.line)


def _wrap(line: str) -> str:
    """Break ``line`` at spaces into pieces of at most ``WRAP_COLUMNS``."""
    chars = list(line)
    start = 0
    while len(line) - start > WRAP_COLUMNS:
        cut = line.rfind(" ", start, start + WRAP_COLUMNS + 1)
        if cut <= start:
            cut = line.find(" ", start + WRAP_COLUMNS)
            if cut < 0:
                break
        chars[cut] = "\n"
        start = cut + 1
    return "".join(chars)
