"""Tell speech from other quoted strings, and full quotes from partial ones.

Quotation marks also wrap titles of works (a film titled "…") and so-called
terms; those are left out.
"""

from __future__ import annotations

import re

from quotex.marks import QuotedSpan
from quotex.quote import QuoteType

# Words right before a quoted string in Title Case that announce the title of
# a work or a programme: on "Meet the Press", the book "Man of the World".
_TITLE_LEAD_WORDS = frozenset(
    {
        "on", "in", "show", "program", "programme", "film", "movie", "book",
        "album", "song", "series", "documentary", "titled", "entitled",
        "headlined", "column", "article", "op-ed", "editorial", "essay",
    }
)  # fmt: skip
# Words that mark the quoted string as a term, not a statement.
_TERM_LEAD_WORDS = frozenset({"so-called", "quote-unquote", "hashtag"})
_POSSESSIVE_END_RE = re.compile(r"(?:['’]s|s['’])$")
_WORD_RE = re.compile(r"[\w’'-]+")


def is_speech(text: str, span: QuotedSpan) -> bool:
    """Decide whether a quoted span reports what someone said or wrote.

    News quotes partial phrases as readily as whole statements ("called it a
    “brazen breach”"), so a quoted string counts unless it is plainly the
    title of a work or a term flagged as such.
    """
    words = _WORD_RE.findall(text[span.start : span.end])
    if not any(c.isalpha() for c in text[span.start : span.end]):
        return False
    before = _WORD_RE.findall(text[max(0, span.open_pos - 40) : span.open_pos])
    previous = before[-1].lower() if before else ""
    if previous in _TERM_LEAD_WORDS:
        return False
    if not _looks_like_title(words):
        return True
    # A title after a possessive is a programme or a work: MSNBC's "Morning Joe".
    lead = text[max(0, span.open_pos - 4) : span.open_pos].rstrip()
    return previous not in _TITLE_LEAD_WORDS and not _POSSESSIVE_END_RE.search(lead)


def is_scare_quote(
    text: str, span: QuotedSpan, has_cue: bool, speaker: str | None
) -> bool:
    """A single quoted word that no reporting verb introduces and nobody said.

    ``the “provisional” period``, ``rated "confidential"``: one word in marks
    is a term held at arm's length unless a cue or a speaker goes with it.
    """
    words = _WORD_RE.findall(text[span.start : span.end])
    return len(words) == 1 and not has_cue and speaker is None


def _looks_like_title(words: list[str]) -> bool:
    """Title Case: every word capitalised but short function words."""
    if not words or len(words) > 10:
        return False
    return all(w[:1].isupper() or w.lower() in _MINOR_WORDS for w in words) and (
        words[0][:1].isupper()
    )


_MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "as",
        "but",
        "nor",
    ]
)


def quote_type(
    text: str, span: QuotedSpan, title_line: bool, line_start: int
) -> QuoteType:
    """Classify a quote as a headline, a full sentence or more, or a partial one."""
    if title_line:
        return "headline"
    content = text[span.start : span.end]
    first = content.lstrip("…. -—'‘\"“")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return "partial"
    lead = text[line_start : span.open_pos].rstrip()
    if not lead or lead[-1] in ':,.!?"”’—–-(':
        return "full"
    # "… the plan was “Very Bad”": woven into the sentence.
    return "partial"
