"""Count who is quoted: quotes and files per canonical speaker.

Quotes nobody could be named for are counted in one row whose ``speaker`` is
``None`` (shown as "(unattributed)" in tables), always last, so the ranking
above it is only about people.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from quotex.quote import Quote

#: The speakers command's record fields, in order.
SPEAKER_FIELDS: tuple[str, ...] = ("speaker", "quotes", "files")
#: Their types in typed exports (Parquet), as :data:`quotex.quote.FIELD_TYPES`.
SPEAKER_FIELD_TYPES: dict[str, str] = {
    "speaker": "string",
    "quotes": "int64",
    "files": "int64",
}

UNATTRIBUTED_LABEL = "(unattributed)"


@dataclass(slots=True)
class _Count:
    quotes: int = 0
    files: int = 0


@dataclass(slots=True)
class SpeakerTally:
    """Add documents' quotes one document at a time; read rows at the end.

    Memory grows with the number of speakers, not of documents: a document
    counts once per speaker because each :meth:`add` is one document.
    """

    _counts: dict[str | None, _Count] = field(default_factory=dict)

    def add(self, quotes: Iterable[Quote]) -> None:
        """Count one document's quotes."""
        seen: set[str | None] = set()
        for quote in quotes:
            count = self._counts.setdefault(quote.speaker, _Count())
            count.quotes += 1
            if quote.speaker not in seen:
                seen.add(quote.speaker)
                count.files += 1

    def rows(self) -> list[dict[str, Any]]:
        """Return one record per speaker: most quoted first, then by name.

        Names are compared ignoring case; the unattributed row comes last.
        """
        named = [
            (speaker, count)
            for speaker, count in self._counts.items()
            if speaker is not None
        ]
        named.sort(key=lambda item: (-item[1].quotes, item[0].casefold(), item[0]))
        rows = [_row(speaker, count) for speaker, count in named]
        unattributed = self._counts.get(None)
        if unattributed is not None:
            rows.append(_row(None, unattributed))
        return rows


def _row(speaker: str | None, count: _Count) -> dict[str, Any]:
    return {"speaker": speaker, "quotes": count.quotes, "files": count.files}
