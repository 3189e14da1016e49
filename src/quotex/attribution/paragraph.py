"""A parsed paragraph and how its tokens map back to document offsets."""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Span, Token


class Paragraph:
    """A parsed paragraph and how its characters map back to the document.

    The parsed text may have long quotations cut short (see
    :mod:`quotex.engine`): ``cuts`` lists, in order, ``(parsed_position,
    extra)`` pairs meaning that from that position of the parsed text on,
    ``extra`` more characters stood in the document.

    Token offsets and whether each token is inside a quote are worked out
    once, so that attributing many quotes in one paragraph stays linear.
    """

    def __init__(
        self,
        span: Span,
        base: int,
        quote_ranges: tuple[tuple[int, int], ...],
        cuts: tuple[tuple[int, int], ...] = (),
    ) -> None:
        self.span = span
        self.base = base
        self.quote_ranges = quote_ranges
        self.cuts = cuts
        self._offsets = [self._map(token.idx) for token in span]
        self._inside: list[bool] = []
        ranges = sorted(quote_ranges)
        current = 0
        for position in self._offsets:
            while current < len(ranges) and ranges[current][1] <= position:
                current += 1
            self._inside.append(
                current < len(ranges) and ranges[current][0] <= position
            )
        self._inside_before = [0]
        for inside in self._inside:
            self._inside_before.append(self._inside_before[-1] + inside)
        #: Per-paragraph results worked out once by the rules (the cue index).
        self.memo: dict[str, Any] = {}

    @property
    def start(self) -> int:
        """Document offset of the paragraph's first token."""
        return self._offsets[0] if self._offsets else self.base

    def _map(self, position: int) -> int:
        shift = 0
        for cut, extra in self.cuts:
            if position < cut:
                break
            shift = extra
        return position + shift + self.base

    def _index(self, token: Token) -> int | None:
        index = token.i - self.span.start
        return index if 0 <= index < len(self._offsets) else None

    def offset(self, token: Token) -> int:
        """Return the document offset of ``token``."""
        index = self._index(token)
        return self._offsets[index] if index is not None else self._map(token.idx)

    def bounds(self, token: Token) -> tuple[int, int]:
        """Return the document offsets ``(start, end)`` of ``token``."""
        start = self.offset(token)
        return start, start + len(token)

    def inside_quote(self, token: Token) -> bool:
        """Whether ``token`` lies between the marks of a quote (marks included)."""
        index = self._index(token)
        if index is not None:
            return self._inside[index]
        position = self.offset(token)
        return any(start <= position < end for start, end in self.quote_ranges)

    def has_quote_in(self, tokens: Span) -> bool:
        """Whether any of ``tokens`` lies inside a quote."""
        first = max(tokens.start - self.span.start, 0)
        last = min(tokens.end - self.span.start, len(self._inside))
        if first >= last:
            return False
        prefix = self._inside_before
        return prefix[last] - prefix[first] > 0

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """Return the tokens that start at document offsets in [start, end)."""
        first = bisect.bisect_left(self._offsets, start)
        last = bisect.bisect_left(self._offsets, end)
        return list(self.span[first:last])

    def token_at(self, position: int) -> Token | None:
        """Return the token starting at or covering document offset ``position``."""
        index = bisect.bisect_right(self._offsets, position) - 1
        return self.span[index] if 0 <= index < len(self._offsets) else None
