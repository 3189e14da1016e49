"""Tests for quotex.pieces: quotes moved back from pieces, context carried over."""

from __future__ import annotations

from quotex.pieces import context_tail, shift_quote
from quotex.quote import Quote, TextSpan


def test_shift_quote_moves_every_offset_and_the_line():
    """Content, mention and cue move by the characters before the piece."""
    quote = Quote(
        TextSpan(5, 9, "word"),
        2,
        "full",
        "Ann Lee",
        TextSpan(0, 3, "Lee"),
        TextSpan(11, 15, "said"),
        0.8,
    )

    moved = shift_quote(quote, 100, 7)

    assert (
        moved.content.start,
        moved.content.end,
        moved.mention.start,
        moved.mention.end,
        moved.cue.start,
        moved.cue.end,
        moved.line,
    ) == (105, 109, 100, 103, 111, 115, 9)
    assert (moved.text, moved.speaker, moved.confidence) == ("word", "Ann Lee", 0.8)


def test_context_tail_is_the_last_whole_paragraphs():
    """The tail starts at a line start and holds three non-blank lines at most."""
    assert context_tail("a\n\nb\nc\n\nd\n\n") == "b\nc\n\nd\n\n"
    assert context_tail("a\nb") == "a\nb"
    assert context_tail("x" * 5000 + "\nlast\n") == "last\n"
    assert context_tail("x" * 5000) == ""
    assert context_tail("a\r\rb\rc\r\rd\r\r") == "b\rc\r\rd\r\r"
    assert context_tail("x" * 5000 + "\r\nlast\r\n") == "last\r\n"
