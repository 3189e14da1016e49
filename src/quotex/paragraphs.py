"""Where the paragraphs of a text are: one a line, or hard-wrapped blocks.

News comes in two layouts. Most files give each paragraph a line of its own
(maybe with blank lines between). Plain-text archives, e-mail, wire feeds and
text exported from PDF break every paragraph into lines of about 72 columns.
The shape of the lines tells them apart: in wrapped text nearly every line
is close to one width, and a paragraph ends where a line stops short of it
(the next word would have fit), at a blank line, or before an indented line.

Offsets are never touched: a paragraph is a ``(start, end)`` slice of the
text, which may hold line breaks when it was wrapped.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
# Fewer full lines than this say nothing about wrapping.
_MIN_LINES = 4
_MIN_LINES_IN_BLOCKS = 2
# Wrapped text breaks lines at a width in this range (72 is the usual).
_MIN_WIDTH, _MAX_WIDTH = 40, 100
# How far below the width a line may end and still be "full".
_SLACK = 12
# Share of lines (of those followed by another) that must be full.
_FULL_SHARE = 0.6
_BULLET_RE = re.compile(r"\s|[-*•–—]\s|\d+[.)]\s")

LayoutKind = Literal["lines", "wrapped", "joined"]


@dataclass(frozen=True, slots=True)
class Layout:
    """The paragraphs of a text and the lines they are made of."""

    kind: LayoutKind
    #: ``(start, end)`` of each paragraph, in order, without its line breaks
    #: at either end; blank lines are not paragraphs
    paragraphs: tuple[tuple[int, int], ...]
    #: offset where each line starts
    line_starts: tuple[int, ...]
    #: the width lines were wrapped at (0 for one paragraph a line)
    width: int = 0

    def line_of(self, position: int) -> int:
        """Return the 1-based number of the line holding ``position``."""
        return bisect.bisect_right(self.line_starts, position)


def iter_lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each line, without its line break.

    A line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r`` (old Mac files), so no
    file is one giant paragraph for want of the expected line break.
    """
    start = 0
    for match in _LINE_BREAK_RE.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def find_layout(text: str) -> Layout:
    """Decide how ``text`` is laid out and return its paragraphs."""
    lines = list(iter_lines(text))
    starts = tuple(start for start, _ in lines)
    width = _wrap_width(text, lines)
    if not width:
        return Layout("lines", _trimmed(text, _continued_lines(text, lines)), starts)
    margin = _margin(text, lines)
    paragraphs = _blocks(text, lines, width, margin)
    return Layout("wrapped", _trimmed(text, paragraphs), starts, width)


def _margin(text: str, lines: list[tuple[int, int]]) -> int:
    """How many characters of space every non-blank line opens with.

    Text indented as a whole (quoted in an e-mail, pasted from a column)
    has every line indented: that indent is a margin, and only a deeper one
    starts a paragraph.
    """
    indents = [
        len(line) - len(line.lstrip())
        for line in (text[start:end] for start, end in lines)
        if line.strip()
    ]
    return min(indents, default=0)


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int:
    """Return the width the text is hard-wrapped at, or 0 if it is not."""
    lengths = [len(text[s:e].rstrip()) for s, e in lines]
    # Lines followed by another non-blank line: in wrapped text, most are full.
    inner = [
        length
        for length, following in itertools.pairwise(lengths)
        if length and following
    ]
    # Blank lines between blocks already say where paragraphs end: then a
    # couple of full lines inside blocks is enough to tell wrapping.
    blocks = 0 in lengths[:-1]
    if len(inner) < (_MIN_LINES_IN_BLOCKS if blocks else _MIN_LINES):
        return 0
    width = max(lengths)
    if not _MIN_WIDTH <= width <= _MAX_WIDTH:
        return 0
    full = sum(length >= width - _SLACK for length in inner)
    return width if full >= _FULL_SHARE * len(inner) else 0


# A line that ends a sentence: a stop, maybe inside closing marks.
_SENTENCE_END_RE = re.compile(r"[.!?…][\"”’')\]]*\s*$")


def _continued_lines(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One paragraph a line, except where a line goes on in lower case.

    A paragraph never opens in the middle of a sentence: a line that starts
    with a lower-case letter right after a line that ends no sentence is the
    same paragraph broken by hand (too few lines, or too ragged, to tell
    wrapping from their widths), as in '"We will build it this year,\n
    whatever it costs," she said.'
    """
    paragraphs: list[tuple[int, int]] = []
    previous = ""
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            previous = ""
            continue
        if (
            paragraphs
            and previous
            and line.lstrip()[:1].islower()
            and not _SENTENCE_END_RE.search(previous)
        ):
            paragraphs[-1] = (paragraphs[-1][0], end)
        else:
            paragraphs.append((start, end))
        previous = line
    return paragraphs


def _blocks(
    text: str, lines: list[tuple[int, int]], width: int, margin: int = 0
) -> list[tuple[int, int]]:
    """Group wrapped lines into paragraphs."""
    paragraphs: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        if not line.strip():
            if current is not None:
                paragraphs.append(current)
            current = None
            continue
        current = (start, end) if current is None else (current[0], end)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is None or _ends_paragraph(
            text, line, (following[0] + margin, following[1]), width
        ):
            paragraphs.append(current)
            current = None
    return paragraphs


def _ends_paragraph(
    text: str, line: str, following: tuple[int, int], width: int
) -> bool:
    """Whether a wrapped ``line`` ends its paragraph, given the line after it."""
    after = text[following[0] : following[1]]
    if not after.strip():
        return False  # the blank line ends it
    if _BULLET_RE.match(after):
        return True  # an indented or bulleted line starts another
    first_word = after.split(None, 1)[0]
    # The next word would have fit on this line: the writer ended it here.
    return len(line.rstrip()) + 1 + len(first_word) <= width


def _trimmed(
    text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Take the spaces off both ends of each paragraph."""
    result = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            result.append((start, end))
    return tuple(result)


#: A line this long with this many sentences is paragraphs run together.
JOINED_CHARS = 1500
_JOINED_SENTENCES = 8
# Where a sentence ends and the next begins: ". The", "?” “We", ".' Mr".
_SENTENCE_BOUNDARY_RE = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘']?[A-Z0-9])")
_OPENING_MARK_RE = re.compile(r"[\"“‘']")
# A sentence end that is an abbreviation or an initial: "Dr.", "Rep.", "M.".
_ABBREVIATION_RE = re.compile(
    r"(?<![\w.])(?:[A-Z][a-z]{0,2}|Capt|Prof|Supt|Sgt|Gen|Col|[A-Z]\.[A-Z])\.$"
)
_WIDE_GAP_RE = re.compile(r"\S(?:[^\S\n]{2,})(?=\S)")
# A transcript's turn: "LOPEZ: …", "Matthews: …".
_LABEL_RE = re.compile(r"[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2}:\s")
# A dash credit under a quotation, up to where the next quotation opens.
_CREDIT_RE = re.compile(r"[”\"][^\S\n]*[—―–][^\S\n]*[A-Z][^“\"\n]{1,80}?(?=[“\"])")
# Sentences a paragraph of narrative holds, at most, when the breaks are lost.
_SENTENCES_PER_PARAGRAPH = 3


def split_joined(text: str, layout: Layout, quotes: list[tuple[int, int]]) -> Layout:
    """Cut paragraphs that were run together on one line back into paragraphs.

    Archives that lost their line breaks put a whole article on one line. Its
    paragraphs are cut where news paragraphs usually end: where two spaces
    stand for a lost break, before a sentence that opens with a quotation
    mark or a speaker's label, after a sentence that holds a quotation or a
    credit under one, and otherwise every three sentences. ``quotes`` are the
    ``(open, close)`` offsets of the quotations, which are never cut.
    """
    paragraphs: list[tuple[int, int]] = []
    joined = False
    for start, end in layout.paragraphs:
        if end - start < JOINED_CHARS or not _many_sentences(text, start, end):
            paragraphs.append((start, end))
            continue
        joined = True
        paragraphs.extend(_cut(text, start, end, quotes))
    if not joined:
        return layout
    return Layout("joined", tuple(paragraphs), layout.line_starts, layout.width)


def _many_sentences(text: str, start: int, end: int) -> bool:
    boundaries = _SENTENCE_BOUNDARY_RE.finditer(text, start, end)
    return any(count >= _JOINED_SENTENCES for count, _ in enumerate(boundaries, 1))


def _cut(
    text: str, start: int, end: int, quotes: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    inside = sorted((o, c) for o, c in quotes if start <= o < end)
    opens = [o for o, _ in inside]
    closes = sorted(c for _, c in inside)
    cuts = set()
    # Sentence ends that close a quotation: '“Are there prizes?” Lincicome
    # asked' may go on with the quotation's attribution.
    at_close = set()
    for match in _SENTENCE_BOUNDARY_RE.finditer(text, start, end):
        if _ABBREVIATION_RE.search(
            text, max(start, match.start() - 5), match.start() + 1
        ):
            continue  # "said Dr. Harold Varmus", "Virgie M. Rollins"
        cuts.add(match.end())
        first_close = bisect.bisect_right(closes, match.start())
        if first_close < len(closes) and closes[first_close] <= match.end():
            at_close.add(match.end())
    # A credit after a quotation ("… ” ― Krystal Correa “He …") ends its
    # paragraph where the next quotation opens.
    strong = set()
    for match in _CREDIT_RE.finditer(text, start, end):
        if match.end() in opens:
            strong.add(match.end())
    # Two spaces where one would do: a paragraph break that became spaces.
    strong.update(m.end() for m in _WIDE_GAP_RE.finditer(text, start, end))
    cuts |= strong
    pieces: list[tuple[int, int]] = []
    begin, sentences, quoted = start, 0, False
    for cut in sorted(cuts):
        last = bisect.bisect_left(opens, cut) - 1
        if last >= 0 and cut < inside[last][1]:
            continue  # inside a quotation: not a paragraph's end
        sentences += 1
        quoted = quoted or (last >= 0 and opens[last] >= begin)
        new_voice = _OPENING_MARK_RE.match(text, cut) or _LABEL_RE.match(text, cut)
        first = not pieces
        if cut in at_close and not (first or new_voice or cut in strong):
            # The sentence after a quotation keeps it company: its speaker
            # ("… ?” Lincicome asked") is often there.
            continue
        if (
            first  # the headline, where there is one, is a sentence
            or new_voice
            or quoted
            or cut in strong
            or sentences >= _SENTENCES_PER_PARAGRAPH
        ):
            pieces.append((begin, cut))
            begin, sentences, quoted = cut, 0, False
    pieces.append((begin, end))
    return list(_trimmed(text, pieces))
