"""Cut a document too long to parse at once into pieces, and put quotes back.

Big files, and texts with a line too long to parse at once, are cut into
pieces at paragraph breaks (else at spaces). Each piece after the first
starts with the last paragraphs of the one before, as context, and the quotes
found in a piece are moved back to their place in the whole text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from quotex.decoding import (
    count_line_breaks,
    has_long_line,
    iter_line_starts,
    iter_text_pieces,
)
from quotex.inputs import Document, LargeDocument
from quotex.quote import Quote, TextSpan

#: Characters per piece of a big file; pieces end at paragraph breaks. Small
#: enough that a piece, with the context carried over, stays far below spaCy's
#: limit of 1,000,000 characters per text, and that parsing one paragraph of a
#: text without line breaks keeps to a few hundred megabytes.
PIECE_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class Piece:
    """Text to extract: a whole document, or a piece of one with its place."""

    index: int  # of the document in the batch
    text: str
    chars: int  # characters of the document before ``text``
    lines: int  # line breaks of the document before ``text``
    skip: int = 0  # leading characters that are context, not new text


def iter_pieces(
    index: int, item: Document | LargeDocument, piece_chars: int = PIECE_CHARS
) -> Iterator[Piece]:
    """Yield a document's text: whole, or in pieces with their offsets.

    Each piece after the first starts with the last paragraphs of the one
    before, as context: a pronoun at the top of a piece can then find its
    antecedent, and the piece's first paragraph isn't taken for a
    headline. Quotes found in that context belong to the previous piece
    and are dropped (``Piece.skip``).

    A document in memory is cut only if one of its lines is longer than
    a piece: the engine reads a line as a paragraph, and spaCy refuses
    (or takes gigabytes for) one of a million characters.

    Raises:
        InputError: a big file can no longer be read or decoded.
    """
    if isinstance(item, Document):
        if not has_long_line(item.text, piece_chars):
            yield Piece(index, item.text, 0, 0)
            return
        texts = iter_text_pieces(item.text, piece_chars)
    else:
        texts = item.iter_pieces(piece_chars)
    chars = lines = 0
    context = ""
    for text in texts:
        yield Piece(
            index,
            context + text,
            chars - len(context),
            lines - count_line_breaks(context),
            skip=len(context),
        )
        chars += len(text)
        lines += count_line_breaks(text)
        context = context_tail(text)


def shift_quote(quote: Quote, chars: int, lines: int) -> Quote:
    """Move a quote found in a piece to its place in the whole text.

    ``chars`` is the number of characters before the piece and ``lines`` the
    number of line breaks (LF, CRLF or CR) before it.
    """

    def shift(span: TextSpan | None) -> TextSpan | None:
        if span is None:
            return None
        return TextSpan(span.start + chars, span.end + chars, span.text)

    content = shift(quote.content)
    assert content is not None
    return dataclasses.replace(
        quote,
        content=content,
        mention=shift(quote.mention),
        cue=shift(quote.cue),
        line=quote.line + lines,
    )


def shifted(quotes: Iterable[Quote], piece: Piece) -> list[Quote]:
    """Move the quotes found in a piece to the whole text, dropping its context's."""
    if not piece.chars and not piece.lines and not piece.skip:
        return list(quotes)
    return [
        shift_quote(q, piece.chars, piece.lines)
        for q in quotes
        if q.content.start >= piece.skip
    ]


def context_tail(text: str, paragraphs: int = 3, max_chars: int = 3000) -> str:
    """Return the end of ``text`` from the start of its last non-blank lines.

    At most ``paragraphs`` non-blank lines and about ``max_chars`` characters
    (whole lines only, ending at LF, CRLF or CR); empty if the last line alone
    is longer.
    """
    window_start = max(0, len(text) - max_chars)
    # Only whole lines: inside the window, a line starts after a line break.
    starts = [0] if window_start == 0 else []
    starts += iter_line_starts(text, max(0, window_start - 1))
    cut = len(text)
    found = 0
    for start in reversed(starts):
        if found == paragraphs:
            break
        if text[start:cut].strip():
            found += 1
        cut = start
    return text[cut:]
