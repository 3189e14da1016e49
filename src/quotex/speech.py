"""Tell full quotes from partial ones, and a headline's from the body's.

Whether a quoted span is speech at all is the fitted ``speech`` chooser's
decision (:mod:`quotex.attribution.quotation`).
"""

from __future__ import annotations

from quotex.marks import QuotedSpan
from quotex.quote import QuoteType


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
