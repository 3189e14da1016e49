"""Find quoted passages in raw text by pairing quotation marks.

This runs on plain strings, before and without spaCy: it is the cheap first pass
that decides where the expensive parse is needed at all. It never raises and runs
in linear time; an unpaired mark is skipped, and because pairing never crosses a
line break a stray mark cannot swallow the rest of the document.

Marks are paired within a paragraph (:mod:`quotex.paragraphs` says where they
are: a line each, or blocks of hard-wrapped lines). A quote continued over
several paragraphs (opening mark repeated at the start of each paragraph,
closing mark only at the end) gives one span per paragraph, the way newspapers
print it and the way annotators count it. Where the paragraphs were joined onto
one line, the repeated opening mark still shows where the next paragraph of the
quotation begins: an opening mark while a quotation of its kind is open, after
a sentence end, ends the open one there as a paragraph break would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from quotex.paragraphs import Layout, find_layout

# Mark families: a mark can only close an opener of its own family. Within a
# family the direction of a mark is read from its neighbours (the way CommonMark
# reads emphasis), with the glyph as a tie-breaker, so mixed styles such as
# “…" or „…“ pair up without a table of every combination.
_DOUBLE = '"“”„‟'
_SINGLE = "'‘’‚‛‹›"
_GUILLEMET = "«»"
_FAMILY = dict.fromkeys(_DOUBLE, "double")
_FAMILY.update(dict.fromkeys(_SINGLE, "single"))
_FAMILY.update(dict.fromkeys(_GUILLEMET, "guillemet"))

# Glyphs that lean one way when the context allows both readings.
_LEANS_OPEN = set("“„‘‚«‹")
_LEANS_CLOSE = set("”’»›")

# Two straight apostrophes ('') and two backticks (``) stand in for a double mark
# in text that came through typewriter-era or TeX conventions; two curly single
# marks (‘‘ ’’) are the same pair after a word processor curled them.
_FAMILY["''"] = _FAMILY["``"] = _FAMILY["‘‘"] = _FAMILY["’’"] = "double"
_LEANS_OPEN.update(("``", "‘‘"))
_LEANS_CLOSE.add("’’")
_MARK_RE = re.compile(
    "'(?='')|''|``|‘‘|’’|[" + re.escape(_DOUBLE + _SINGLE + _GUILLEMET) + "]"
)

# Characters after which a mark may open: start of text, space, brackets, dashes.
_OPEN_AFTER = set("([{<—–-/:;,") | set(_DOUBLE + _SINGLE + _GUILLEMET)
# Characters before which a mark may close: end of text, space, punctuation.
_CLOSE_BEFORE = set(".,;:!?)]}>—–-/…*") | set(_DOUBLE + _SINGLE + _GUILLEMET)

# A single mark before digits is an elision ('90s, ’16), not an opening quote.
_ELISION_RE = re.compile(r"\d\ds?\b|\d0s\b|em\b|n[’']|til\b|cause\b", re.IGNORECASE)


# The end of a sentence, perhaps with a closing bracket or single mark, before
# a space.
_SENTENCE_END_RE = re.compile(r"(?<=\w)[.!?…]+[)\]’']?(?=\s)")
# Quotes nest two or three deep in real text; past this, openers are strays.
_MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Text between a pair of quotation marks (marks and outer spaces excluded).

    ``close_pos`` is ``None`` for a paragraph whose quote is not closed in it:
    a quote continued in the next paragraph, or an opening mark never closed.
    """

    start: int
    end: int
    open_pos: int
    close_pos: int | None
    open_mark: str
    close_mark: str | None

    @property
    def terminated(self) -> bool:
        """Whether a closing mark ends the span in this paragraph."""
        return self.close_pos is not None


@dataclass(slots=True)
class _Mark:
    pos: int
    char: str
    family: str
    can_open: bool
    can_close: bool

    @property
    def end(self) -> int:
        return self.pos + len(self.char)


def find_quoted_spans(text: str, layout: Layout | None = None) -> list[QuotedSpan]:
    """Return the outermost quoted spans of ``text``, in order, never overlapping.

    ``layout`` gives the paragraphs (worked out from the text when None).
    """
    paragraphs = (layout or find_layout(text)).paragraphs
    spans: list[QuotedSpan] = []
    for index, (start, end) in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        spans.extend(_pair_line(text, start, end, following))
    return spans


def _classify(text: str, pos: int, char: str, start: int, end: int) -> _Mark | None:
    """Read whether the mark at ``pos`` can open and/or close from its neighbours."""
    stop = pos + len(char)
    before = text[pos - 1] if pos > start else " "
    after = text[stop] if stop < end else " "
    family = _FAMILY[char]
    if family == "single":
        if before.isalnum() and after.isalnum():
            return None  # apostrophe inside a word: don't, O’Brien
        if not after.isspace() and _ELISION_RE.match(text, stop, end):
            return None
    if before.isspace() and after.isspace():
        # A loose mark between spaces ("… that. “" or ", 'Oh " Magel said"):
        # it closes whatever is open, else it opens.
        return _Mark(pos, char, family, True, True)
    left_flanking = not after.isspace() and (before.isspace() or before in _OPEN_AFTER)
    right_flanking = not before.isspace() and (
        after.isspace() or after in _CLOSE_BEFORE
    )
    if (
        family != "single"
        and char not in _LEANS_OPEN
        and before in ",.!?"
        and after.isalpha()
    ):
        # Glued between punctuation and a word: 'hard,"she said' and 'the
        # end."He said' close, 'said,"We are' and 'said."You are' open. The
        # pairing decides, as for a mark between two spaces: a smart-quote
        # converter chose ” from the character before, so that glyph says
        # nothing here (a “ there was chosen on purpose).
        return _Mark(pos, char, family, True, True)
    if left_flanking and right_flanking:
        # Both readings fit ("a"-"b"); the glyph decides when it leans one way.
        if char in _LEANS_OPEN:
            right_flanking = False
        elif char in _LEANS_CLOSE:
            left_flanking = False
    elif not (left_flanking or right_flanking):
        # Glued on both sides: word“quote”, quote”word.
        if char in _LEANS_OPEN:
            left_flanking = True
        elif char in _LEANS_CLOSE and family != "single":
            right_flanking = True
        else:
            return None
    return _Mark(pos, char, family, left_flanking, right_flanking)


def _pair_line(
    text: str, start: int, end: int, next_line: tuple[int, int] | None
) -> Iterator[QuotedSpan]:
    """Pair the marks of one paragraph with a stack; yield outermost spans."""
    stack: list[_Mark] = []
    for match in _MARK_RE.finditer(text, start, end):
        mark = _classify(text, match.start(), match.group(), start, end)
        if mark is None:
            continue
        if _is_stray(text, stack, mark):
            # "Washington D.C.’s radio …" left an apostrophe open as a single
            # mark; a new quotation after the sentence it was in ends it.
            stack = []
        cut = _paragraph_break(text, stack, mark)
        if cut is not None:
            # '"It hurts. It was my mistake. "It won't happen again," she
            # said.': the paragraphs of one quotation, joined on one line. The
            # open quotation ends at its last sentence end, as at a paragraph
            # break, and the mark opens the next.
            span = _span(text, stack[0], cut, None)
            if span is not None:
                yield span
            stack = [mark]
            continue
        opener_index = _open_index(stack, mark.family) if mark.can_close else None
        if opener_index is not None and not (
            mark.can_open and opener_index < len(stack) - 1
        ):
            opener = stack[opener_index]
            del stack[opener_index:]  # inner marks left open were strays
            if not stack:
                span = _span(text, opener, mark.pos, mark.char)
                if span is not None:
                    yield span
        elif mark.can_open and len(stack) < _MAX_DEPTH:
            # Deeper nesting than any prose uses is stray marks; ignoring
            # them keeps every scan of the stack short.
            stack.append(mark)
    if stack:
        opener = stack[0]
        if _continues(text, opener, (start, end), next_line):
            span = _span(text, opener, end, None)
            if span is not None:
                yield span


def _paragraph_break(text: str, stack: list[_Mark], mark: _Mark) -> int | None:
    """Where the open quotation ends if ``mark`` opens another, or None.

    Only a mark that can only open, of the double kind the open quotation
    began with, while that quotation holds the end of a sentence: it ends
    there. A quotation nested in another starts mid-sentence, with no
    sentence end before it (``"He said "no" to me"``).
    """
    if len(stack) != 1 or mark.can_close or mark.family != "double":
        return None
    if stack[0].family != "double":
        return None
    ends = list(_SENTENCE_END_RE.finditer(text, stack[0].end, mark.pos))
    return ends[-1].end() if ends else None


def _is_stray(text: str, stack: list[_Mark], mark: _Mark) -> bool:
    """Whether the single marks left open outermost were never a quotation.

    A new quotation opens (``mark`` can only open) after the end of the
    sentence the single mark stood in: quotations in single marks at the
    outside are short (a headline's, a nested one's), and an apostrophe the
    marks could not tell from a quote must not swallow the rest of the text.
    Nor must a mistyped pair ("‘’It’s not …”"), two single marks left open.
    """
    if not stack or mark.can_close:
        return False
    if any(open_.family != "single" for open_ in stack):
        return False
    return _SENTENCE_END_RE.search(text, stack[0].end, mark.pos) is not None


def _open_index(stack: list[_Mark], family: str) -> int | None:
    """Return the index of the innermost open mark of ``family``, if any."""
    for index in range(len(stack) - 1, -1, -1):
        if stack[index].family == family:
            return index
    return None


def _continues(
    text: str,
    opener: _Mark,
    paragraph: tuple[int, int],
    next_line: tuple[int, int] | None,
) -> bool:
    """Decide whether an opener left open at the paragraph's end starts a quote.

    It does when the next paragraph opens with a mark of the same family (the
    convention for quotes running over paragraphs), or when the mark opens the
    paragraph or follows a colon (a quotation whose closing mark was dropped).

    A single mark is as often an apostrophe as a quotation mark, so it
    continues only on the stronger evidence: a sentence or more in the
    quotation, and the next paragraph opening with a single mark before a
    word (the British convention: 'First paragraph. / 'Second one.').
    """
    if not opener.can_open:
        return False
    if opener.family == "single":
        return next_line is not None and _reopens_in_single_marks(
            text, opener, paragraph[1], next_line
        )
    if next_line is not None:
        first = text[next_line[0] : next_line[1]].lstrip()[:1]
        if first and _FAMILY.get(first) == opener.family:
            return True
    before = text[paragraph[0] : opener.pos].rstrip()
    return not before or before.endswith(":")


def _reopens_in_single_marks(
    text: str, opener: _Mark, end: int, next_line: tuple[int, int]
) -> bool:
    """Whether a single mark left open runs on into a next paragraph in single marks."""
    following = text[next_line[0] : next_line[1]].lstrip()
    if len(following) < 2 or _FAMILY.get(following[0]) != "single":
        return False
    if not following[1].isalpha():
        return False
    inside = text[opener.end : end].rstrip()
    return inside[-1:] in ".!?…" and _SENTENCE_END_RE.search(inside + " ") is not None


def _span(
    text: str, opener: _Mark, close: int, close_mark: str | None
) -> QuotedSpan | None:
    """Build the span between ``opener`` and ``close``, trimmed; None if empty."""
    start, end = opener.end, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    close_pos = close if close_mark is not None else None
    return QuotedSpan(start, end, opener.pos, close_pos, opener.char, close_mark)
