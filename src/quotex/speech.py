"""Tell speech from other quoted strings, and full quotes from partial ones.

Quotation marks also wrap titles of works (a film titled "…"), scare quotes and
so-called terms. Those are not speech: without a reporting cue, a short quoted
string or one that reads like a title is left out.
"""

from __future__ import annotations

import re

from quotex.attribution import LocalAttribution
from quotex.lexicon import Lexicon
from quotex.marks import QuotedSpan
from quotex.quote import QuoteType
from quotex.resolution import Resolved

# Words right before a quoted string that announce a name, term or title.
_NAMING_WORDS = frozenset(
    {
        "titled", "entitled", "called", "named", "dubbed", "nicknamed",
        "so-called", "headlined", "labeled", "labelled", "term", "terms",
        "word", "words", "phrase", "slogan", "hashtag", "motto", "known",
        "branded", "coined", "marked", "reads", "read", "the",
    }
)  # fmt: skip
_WORD_RE = re.compile(r"[\w’'-]+")
# A floating quoted string shorter than this is a term, not a statement.
MIN_FLOATING_WORDS = 4
_SENTENCE_END = ".!?…"


def is_speech(
    text: str,
    span: QuotedSpan,
    local: LocalAttribution | None,
    resolved: Resolved,
    lexicon: Lexicon,
) -> bool:
    """Decide whether a quoted span reports what someone said or wrote."""
    content = text[span.start : span.end]
    words = _WORD_RE.findall(content)
    if not words:
        return False
    before = _WORD_RE.findall(text[max(0, span.open_pos - 40) : span.open_pos])
    previous = before[-1].lower() if before else ""
    has_cue = local is not None and (local.cue is not None or local.mention is not None)
    if previous in _NAMING_WORDS and len(words) <= 8 and previous != "the":
        return False
    if _looks_like_title(words) and not _ends_sentence(content):
        return has_cue and len(words) > 3
    if has_cue:
        return True
    return len(words) >= MIN_FLOATING_WORDS


def _looks_like_title(words: list[str]) -> bool:
    """Title Case: most words capitalised, as in names of films or shows."""
    if len(words) > 8:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised == len(words) or (len(words) >= 3 and capitalised >= len(words) - 1)


def _ends_sentence(content: str) -> bool:
    return content.rstrip("\"'”’»)")[-1:] in _SENTENCE_END


def quote_type(text: str, span: QuotedSpan, title_line: bool) -> QuoteType:
    """Classify a quote as a headline, a full sentence or more, or a partial one."""
    if title_line:
        return "headline"
    content = text[span.start : span.end]
    first = content.lstrip("…. -—'‘\"“")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return "partial"
    line_start = text.rfind("\n", 0, span.open_pos) + 1
    lead = text[line_start : span.open_pos].rstrip()
    if not lead or lead[-1] in ":,.!?\"”’—–-(":
        return "full"
    # "… the plan was “Very Bad”": woven into the sentence.
    return "partial"
