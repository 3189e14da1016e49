"""Tests for pairing quotation marks on raw text (:mod:`quotex.marks`)."""

# Quotation marks and apostrophes are what these tests are about.

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotex.marks import QuotedSpan, find_quoted_spans


def contents(text: str) -> list[str]:
    """Return ``text[start:end]`` of every span found in ``text``."""
    return [text[span.start : span.end] for span in find_quoted_spans(text)]


# -- one style at a time ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'He said "We will win." Then he left.', "We will win.", id="straight"
        ),
        pytest.param("She said “We will win” and left.", "We will win", id="curly"),
        pytest.param(
            "Il a dit «Nous gagnerons» hier.", "Nous gagnerons", id="guillemets"
        ),
        pytest.param(
            "Il a dit « Nous gagnerons » hier.",
            "Nous gagnerons",
            id="spaced-guillemets",
        ),
        pytest.param(
            "Er sagte »Wir gewinnen« gestern.", "Wir gewinnen", id="reversed-guillemets"
        ),
        pytest.param("Er sagte „Wir gewinnen“ gestern.", "Wir gewinnen", id="german"),
        pytest.param("'We will win,' he said.", "We will win,", id="straight-single"),
        pytest.param(
            "He said ''We will win'' and left.", "We will win", id="tex-straight"
        ),
        pytest.param(
            "He said ``We will win'' and left.", "We will win", id="tex-backticks"
        ),
        pytest.param(
            "He said ‘‘We will win’’ and left.", "We will win", id="curled-pairs"
        ),
        pytest.param(
            "“We will win,’’ says the founder.", "We will win,", id="closed-by-pair"
        ),
        pytest.param('"   Padded inside   " he said.', "Padded inside", id="trimmed"),
    ],
)
def test_each_style_gives_the_content_between_the_marks(text, expected):
    """Every quotation style yields exactly the words between its marks, trimmed."""
    spans = find_quoted_spans(text)

    assert [expected] == [text[span.start : span.end] for span in spans]


def test_span_records_both_marks_and_their_positions():
    """A span keeps where each mark stands and which glyph it is."""
    text = "Er sagte „Wir gewinnen“ gestern."

    [span] = find_quoted_spans(text)

    assert QuotedSpan(10, 22, 9, 22, "„", "“") == span
    assert span.terminated


# -- single quotes versus apostrophes ---------------------------------------


def test_curly_single_quote_contains_apostrophes():
    """Apostrophes inside a ‘…’ quote (don’t, O’Brien, ’90s) do not close it."""
    text = "He said ‘we don’t miss O’Brien or the ’90s’ and left."

    spans = contents(text)

    assert spans == ["we don’t miss O’Brien or the ’90s"]


def test_apostrophes_alone_make_no_quote():
    """Apostrophes alone (don’t, players’, O’Brien, ’90s) make no quote."""
    text = "I don’t think the players’ union or O’Brien in the ’90s cared."

    spans = find_quoted_spans(text)

    assert spans == []


def test_possessive_of_an_abbreviation_is_not_a_mark():
    """ "L.A.’s": an apostrophe after a full stop opens nothing."""
    text = "They met at L.A.’s Regent Theater, and Megan “laughed” at it."

    assert contents(text) == ["laughed"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Vosk spoke. "We will rebuild,"she said. "It is our lifeline."',
            ["We will rebuild,", "It is our lifeline."],
            id="comma-then-word",
        ),
        pytest.param(
            'Vosk spoke. "We will rebuild the bridge."She left.',
            ["We will rebuild the bridge."],
            id="stop-then-word",
        ),
        pytest.param(
            'Vosk said."We will rebuild the bridge," she added.',
            ["We will rebuild the bridge,"],
            id="opening-after-stop",
        ),
        pytest.param(
            "Vosk spoke. “We will rebuild,”she said.”It is our lifeline.”",
            ["We will rebuild,", "It is our lifeline."],
            id="smart-quoted-after-stop",
        ),
    ],
)
def test_a_mark_glued_between_punctuation_and_a_word_pairs_either_way(text, expected):
    """Text that lost a space: the pairing, not the glyph, says open or close.

    A smart-quote converter writes ” after any punctuation, so ”It opens a
    quotation as often as ”He closes one.
    """
    assert contents(text) == expected


def test_plural_possessive_before_a_single_quote_is_not_a_mark():
    """A plural possessive (players’) before a ‘…’ quote leaves the quote intact."""
    text = "The players’ coach said ‘we don’t care’ today."

    spans = contents(text)

    assert spans == ["we don’t care"]


@pytest.mark.xfail(
    strict=True,
    reason="a plural possessive inside a ‘…’ quote closes it: gives 'The players'",
)
def test_plural_possessive_inside_a_single_quote_does_not_close_it():
    """A plural possessive (players’) inside a ‘…’ quote does not end the quote."""
    text = "‘The players’ union won’t budge,’ he said."

    spans = contents(text)

    assert spans == ["The players’ union won’t budge,"]


def test_straight_single_quotes_contain_apostrophes():
    """Straight single quotes around speech keep a straight apostrophe inside."""
    text = "'We don't care,' he said."

    spans = contents(text)

    assert spans == ["We don't care,"]


# -- nesting, paragraphs, strays --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'He said "I heard her say ‘never again’ twice" and left.',
            "I heard her say ‘never again’ twice",
            id="single-in-double",
        ),
        pytest.param(
            'He said “I heard her say "never" twice” and left.',
            'I heard her say "never" twice',
            id="straight-in-curly",
        ),
        pytest.param(
            "He said «I heard “never” twice» and left.",
            "I heard “never” twice",
            id="curly-in-guillemets",
        ),
    ],
)
def test_nested_quote_stays_inside_the_outer_one(text, expected):
    """A quote within a quote gives one span: the outer quote, inner marks kept."""
    spans = contents(text)

    assert [expected] == spans


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "“First paragraph.\n\n“Second paragraph.\n\n“Third and last.” Then news.",
            id="double-marks",
        ),
        pytest.param(
            # The British convention: a paragraph left open in single marks
            # runs on when the next one opens with a single mark.
            "'First paragraph.\n\n'Second paragraph.\n\n'Third and last.' Then news.",
            id="single-marks",
        ),
    ],
)
def test_quote_over_paragraphs_gives_one_span_per_paragraph(text):
    """A quote reopened at each paragraph and closed at the end gives a span each."""
    spans = find_quoted_spans(text)

    assert [text[span.start : span.end] for span in spans] == [
        "First paragraph.",
        "Second paragraph.",
        "Third and last.",
    ]
    assert [span.terminated for span in spans] == [False, False, True]


def test_an_apostrophe_left_open_does_not_run_on_into_a_quote():
    """A single mark left open runs on only after a whole sentence: one
    before a few words with no sentence end stays a stray."""
    text = "The 'new look was everywhere\n\n'Every shop had it,' she said."

    assert contents(text) == ["Every shop had it,"]


def test_unclosed_mark_does_not_swallow_the_next_paragraph():
    """An unclosed mark mid-paragraph leaves the next paragraph's quote exact."""
    text = (
        "He said “this never ends and goes on.\n\n"
        'She said, "A proper quote." Then she left.'
    )

    spans = find_quoted_spans(text)

    assert [text[span.start : span.end] for span in spans] == ["A proper quote."]
    assert spans[0].terminated


def test_a_mistyped_pair_of_single_marks_does_not_swallow_a_joined_text():
    """Two single marks left open ("‘’It’s …”") end where the sentence does."""
    text = (
        "‘’It’s not a question of who wins, we all lose.” Pelosi showed no "
        "sign of budging. “Our goal is to keep our promises,” she said."
    )

    assert contents(text) == ["Our goal is to keep our promises,"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('"', id="lone-mark"),
        pytest.param("“ ” \" \" « » ‘ ’ „ ‚ ‹ › `` ''", id="marks-only"),
        pytest.param("”Backwards“ and »« and ’‘", id="reversed"),
        pytest.param('He said " and then "" and """ stop.', id="runs"),
        pytest.param("", id="empty"),
        pytest.param("\n\r\n\n", id="blank-lines"),
    ],
)
def test_unbalanced_marks_never_raise(text):
    """Stray, reversed or lone marks give a list and raise nothing."""
    spans = find_quoted_spans(text)

    assert all(text[span.start : span.end].strip() for span in spans)


def test_stray_mark_before_a_quote_in_the_next_line_keeps_it_exact():
    """A stray opening mark at a line's end does not pair with the next line's marks."""
    text = 'The sign read 5" wide and "\nThe mayor said "We are ready." Done.'

    spans = contents(text)

    assert spans == ["We are ready."]


# -- line endings -----------------------------------------------------------


def test_crlf_offsets_are_exact():
    """With CRLF line breaks the offsets still index the original text exactly."""
    text = (
        'Intro line.\r\n\r\nHe said "We will win." Then left.\r\n“One\r\n\r\n“Two.”\r\n'
    )

    spans = contents(text)

    assert spans == ["We will win.", "One", "Two."]


def test_crlf_paragraph_quote_excludes_the_carriage_return():
    """An unterminated paragraph of a CRLF quote ends before the carriage return."""
    text = "“First part\r\n“Second part.”\r\n"

    first, second = find_quoted_spans(text)

    assert (text[first.start : first.end], first.close_pos) == ("First part", None)
    assert text[second.start : second.end] == "Second part."


# -- properties -------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [*list("\"“”„‟'‘’‚‛‹›«»`"), "''", "``", *list("\n\n\r ,.:;!?—-()"), *list("aZ9 x")]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=200).map("".join))
def test_spans_are_ordered_trimmed_and_in_bounds(text):
    """For any text, spans are in bounds, ordered, disjoint and trimmed."""
    spans = find_quoted_spans(text)

    previous_end = 0
    for span in spans:
        content = text[span.start : span.end]
        assert 0 <= span.open_pos < span.start < span.end <= len(text)
        assert span.start >= previous_end
        assert content == content.strip() and content
        assert text.startswith(span.open_mark, span.open_pos)
        if span.close_pos is not None:
            assert span.end <= span.close_pos
            assert text.startswith(span.close_mark or "", span.close_pos)
        previous_end = span.close_pos if span.close_pos is not None else span.end


def test_long_text_of_random_marks_finishes():
    """200,000 characters of random marks, words and line breaks are paired."""
    rng = random.Random(1)
    pieces = [*list("\"“”„'‘’«»"), "''", "``", "\n", " ", "word", "O’Brien", ", "]
    text = "".join(rng.choice(pieces) for _ in range(150_000))[:200_000]

    spans = find_quoted_spans(text)

    assert all(0 <= span.start < span.end <= len(text) for span in spans)
    assert len(text) == 200_000
