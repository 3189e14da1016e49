"""Mark a document's quotes up in HTML: highlights, speakers, cues, mentions.

The text is cut at every place where a quotation, a cue or a mention starts
or ends. Each quotation becomes one ``<mark>``, whatever falls inside it;
cues and mentions are wrapped piece by piece, so they may overlap a
quotation (a cue inside a quote, a mention shared by two quotes) and the
elements still nest. After each quotation's closing quotation mark comes the
speaker's name, linked to the speaker's row in the report.

Every piece of text goes through ``markupsafe.escape``: nothing from the
input can open a tag or leave an attribute.
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from quotex.quote import Quote

#: The key and colour class of quotes nobody could be named for.
UNATTRIBUTED_KEY = "none"
UNATTRIBUTED_CLASS = "cx"


@dataclass(slots=True)
class SpeakerKeys:
    """Give each speaker a stable key (``s0``, ``s1``…) and a colour class.

    Keys go by first appearance, so a document can be rendered as soon as it
    is done; colours cycle through ``colours`` classes ``c0``… .
    """

    colours: int
    _keys: dict[str, str] = field(default_factory=dict)

    def of(self, speaker: str | None) -> tuple[str, str]:
        """Return ``(key, colour class)`` for a speaker (None: unattributed)."""
        if speaker is None:
            return UNATTRIBUTED_KEY, UNATTRIBUTED_CLASS
        key = self._keys.get(speaker)
        if key is None:
            key = self._keys[speaker] = f"s{len(self._keys)}"
        return key, f"c{int(key[1:]) % self.colours}"


def describe(quote: Quote) -> str:
    """What hovering or focusing a quotation shows: cue, mention, confidence."""
    cue = f"“{quote.cue.text}”" if quote.cue else "none"
    mention = f"“{quote.mention.text}”" if quote.mention else "none"
    return (
        f"cue: {cue} · mention: {mention} · "
        f"confidence {quote.confidence:.2f} · {quote.type}"
    )


def marked_text(
    text: str, quotes: Sequence[Quote], ids: Sequence[str], keys: SpeakerKeys
) -> Markup:
    """Return ``text`` as HTML with its quotes marked.

    Args:
        text: the document (shown with its line breaks: ``white-space: pre-wrap``).
        quotes: its quotes, non-overlapping, offsets into ``text``.
        ids: an element id for each quote, in the same order.
        keys: the report's speaker keys.
    """
    opens: dict[int, list[Markup]] = {}
    closes: dict[int, list[Markup]] = {}
    spans: set[tuple[int, int, str]] = set()
    reached = 0
    pairs = sorted(zip(ids, quotes, strict=True), key=lambda p: p[1].content.start)
    for quote_id, quote in pairs:
        key, colour = keys.of(quote.speaker)
        # Quotes never overlap; if one did, its mark would close another's.
        start = max(quote.content.start, reached)
        end = reached = max(start, quote.content.end)
        opens.setdefault(start, []).append(_mark_open(quote, quote_id, key, colour))
        closes.setdefault(end, []).append(Markup("</mark>"))
        anchor = after_closing_mark(text, end)
        closes.setdefault(anchor, []).append(_badge(quote, key, colour))
        if quote.cue is not None:
            spans.add((quote.cue.start, quote.cue.end, "cue"))
        if quote.mention is not None and quote.mention.end > quote.mention.start:
            spans.add((quote.mention.start, quote.mention.end, f"mention {colour}"))
    cuts = sorted({0, len(text), *opens, *closes, *(p for s in spans for p in s[:2])})
    by_start = sorted(spans)
    starts = [span[0] for span in by_start]
    parts: list[str] = []
    for left, right in itertools.pairwise(cuts):
        parts += closes.pop(left, ())  # ends of quotes, then their speakers
        parts += opens.pop(left, ())
        piece: str = escape(text[left:right])
        # The spans covering this piece: they start at or before it and
        # reach its end (no cut falls inside a span's piece).
        for _, end, kind in by_start[: bisect.bisect_right(starts, left)]:
            if end >= right:
                piece = f'<span class="{kind}">{piece}</span>'
        parts.append(piece)
    parts += closes.pop(len(text), ())
    return Markup("".join(parts))  # every piece was escaped above


def quote_list(
    quotes: Sequence[Quote], ids: Sequence[str], keys: SpeakerKeys
) -> Markup:
    """The quotes alone, one per line, for a text too large to show."""
    items = []
    for quote_id, quote in zip(ids, quotes, strict=True):
        key, colour = keys.of(quote.speaker)
        items.append(
            Markup("<li>{}{}</mark>{}</li>").format(
                _mark_open(quote, quote_id, key, colour),
                quote.text,
                _badge(quote, key, colour),
            )
        )
    return Markup('<ol class="quotes">{}</ol>').format(Markup("").join(items))


def _mark_open(quote: Quote, quote_id: str, key: str, colour: str) -> Markup:
    # tabindex lets a keyboard reach each quotation and show its details.
    return Markup(
        '<mark class="q {}" id="{}" data-s="{}" tabindex="0" data-tip="{}">'
    ).format(colour, quote_id, key, describe(quote))


def _badge(quote: Quote, key: str, colour: str) -> Markup:
    """The speaker's name after a quotation; the mention when none was named."""
    if quote.speaker is not None:
        return Markup('<a class="who {}" href="#{}">{}</a>').format(
            colour, f"speaker-{key}", quote.speaker
        )
    hint = f"{quote.mention.text}?" if quote.mention is not None else "?"
    return Markup('<span class="who unnamed">{}</span>').format(hint)


def after_closing_mark(text: str, end: int) -> int:
    """The offset past the quotation mark closing a quote that ends at ``end``.

    The quoted words stop before the mark (and any space before it); a
    speaker's name reads better after it. Without a mark there, ``end``.
    """
    position = end
    while position < len(text) and text[position] in " \t":
        position += 1
    if position < len(text) and _is_quotation_mark(text[position]):
        return position + 1
    return end


def _is_quotation_mark(char: str) -> bool:
    return char in "\"'`" or unicodedata.category(char) in ("Pi", "Pf")
