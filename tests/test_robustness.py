"""Pathological text: never an exception, offsets always exact, time linear.

The time checks never compare against a fixed number of seconds, which would
depend on the machine: they time the same work on n and k·n characters and
bound the ratio. A linear algorithm gives about k, a quadratic one k².
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotex
from quotex.marks import find_quoted_spans
from quotex.quote import Quote

# Marks of every family, their ASCII stand-ins, line breaks and punctuation,
# with a few words a reporting clause is made of.
_PIECES = st.sampled_from(
    [
        *list("\"“”„‟'‘’‚‛‹›«»`"),
        "''",
        "``",
        *list("\n\n\r ,.:;!?—-()"),
        "said",
        " he ",
        "She",
        " Ann Lee ",
        "according to",
        "The minister",
        "x",
    ]
)
_ANY_TEXT = st.one_of(st.text(), st.lists(_PIECES).map("".join))


def assert_quotes_index(text: str, quotes: list[Quote]) -> None:
    """Every span is the slice it claims, in bounds; quotes never overlap."""
    previous_end = 0
    for quote in sorted(quotes, key=lambda q: q.content.start):
        content = quote.content
        assert 0 <= content.start < content.end <= len(text)
        assert text[content.start : content.end] == quote.text
        for span in (quote.mention, quote.cue):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start : span.end] == span.text
        assert content.start >= previous_end
        assert 0.0 <= quote.confidence <= 1.0
        previous_end = content.end


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
def test_mark_pairing_never_raises_and_stays_in_bounds(text: str) -> None:
    """For any text, spans are in bounds, after their mark and never overlap."""
    spans = find_quoted_spans(text)

    previous_end = 0
    for span in spans:
        assert 0 <= span.open_pos < span.start < span.end <= len(text)
        assert text.startswith(span.open_mark, span.open_pos)
        assert span.start >= previous_end
        previous_end = span.end if span.close_pos is None else span.close_pos


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=30).map("".join)))
def test_extract_never_raises_and_every_offset_is_exact(text: str) -> None:
    """For any text, extract returns quotes whose offsets slice the text exactly."""
    quotes = quotex.extract(text)

    assert_quotes_index(text, quotes)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('"' * 5000, id="thousands-of-straight-marks"),
        pytest.param("“" * 1000 + "\n" + "”" * 1000, id="openers-then-closers"),
        pytest.param("\"“”„‟'‘’‚‛‹›«»``''" * 500, id="marks-only"),
        pytest.param(
            "“a ‘b «c ‹d " * 500 + " e› f» g’ h”" * 500 + " she said.",
            id="deeply-nested",
        ),
        pytest.param('"' + "word " * 20_000 + '," she said.', id="very-long-quote"),
        pytest.param(
            'He said: "' + "More words.\n\n“" * 400 + 'End," she said.',
            id="quote-over-many-paragraphs",
        ),
        pytest.param('"\r\n' * 3000, id="crlf-marks"),
        pytest.param("", id="empty"),
        pytest.param(" \t\r\n\u00a0\u2028", id="whitespace"),
        pytest.param("!?.,;:…—–-*#", id="punctuation"),
    ],
)
def test_pathological_text_gives_exact_offsets(text: str) -> None:
    """Floods of marks, deep nesting and huge quotes raise nothing."""
    quotes = quotex.extract(text)

    assert_quotes_index(text, quotes)


def growth(
    run: Callable[[str], object],
    make: Callable[[int], str],
    k: int,
    *,
    floor: float = 0.004,
    start: int = 1,
) -> float:
    """Return how much longer ``run`` takes on ``make(k * n)`` than ``make(n)``.

    ``n`` doubles from ``start`` until the small input takes ``floor`` seconds, so
    timer resolution doesn't count; each size keeps its best of several runs,
    so a busy machine inflates neither side.
    """

    def seconds(text: str) -> float:
        start = time.perf_counter()
        run(text)
        return time.perf_counter() - start

    n = start
    while seconds(make(n)) < floor and n < 1_000_000:
        n *= 2
    small, large = make(n), make(k * n)
    best_small = best_large = float("inf")
    for _ in range(5):
        best_small = min(best_small, seconds(small))
        best_large = min(best_large, seconds(large))
    return best_large / best_small


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda n: '"a ' * n, id="unbalanced-straight"),
        pytest.param(lambda n: "“" * n, id="openers-only"),
        pytest.param(lambda n: "\"“”„'‘’«»" * n, id="marks-only"),
        pytest.param(lambda n: "“a ‘b «c " * n + " d» e’ f”" * n, id="nested"),
        pytest.param(lambda n: '"' + "word " * n + '"', id="long-quote"),
        pytest.param(lambda n: '"\n' * n, id="one-mark-per-line"),
    ],
)
def test_mark_pairing_takes_linear_time(make: Callable[[int], str]) -> None:
    """Eight times the text takes about eight times as long, not sixty-four."""
    assert growth(find_quoted_spans, make, 8) < 20


def test_mark_pairing_of_mixed_families_takes_linear_time() -> None:
    """Openers of one family and closers of another pair in linear time."""
    make = lambda n: "«a " * n + 'b" ' * n  # noqa: E731
    assert growth(find_quoted_spans, make, 8, floor=0.001) < 20


def marks_heavy_paragraph(i: int) -> str:
    return (
        f'"He said "no" and \'maybe\' «yes» “{i}” „x“ ‘y’ " she said "\n\n'
        f'"We will win race {i}," Ann Lee said. "It is done."\n\n'
        + '" ' * 20
        + f"word{i}\n\n“Unclosed {i}\n\n"
    )


def test_extract_takes_linear_time_in_the_number_of_paragraphs() -> None:
    """Four times as many marks-heavy paragraphs take about four times as long."""

    def make(n: int) -> str:
        return "".join(marks_heavy_paragraph(i) for i in range(n))

    assert growth(quotex.extract, make, 4, floor=0.03) < 10


def test_extract_takes_linear_time_in_the_quotes_of_one_paragraph() -> None:
    """Four times as many quotes in one paragraph take about four times as long."""
    make = 'He said " and " then "'.__mul__

    assert growth(quotex.extract, make, 4, start=16) < 8
