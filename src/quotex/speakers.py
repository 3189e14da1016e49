"""Count who is quoted: quotes and files per canonical speaker.

Quotes nobody could be named for are counted in one row whose ``speaker`` is
``None`` (shown as "(unattributed)" in tables), always last, so the ranking
above it is only about people.

Each document names its speakers in full where it can ("Helena Vosk"), but
an article that only ever says "Vosk" gives "Vosk". Across the batch, such a
one-word name joins the one full name it can only mean: the only speaker
whose surname it is. With two ("Bill Clinton", "Hillary Clinton") it stays
apart.
"""

from __future__ import annotations

from collections import Counter
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
    #: documents that name a speaker both by surname alone and in full
    _both: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, quotes: Iterable[Quote]) -> None:
        """Count one document's quotes."""
        seen: set[str | None] = set()
        for quote in quotes:
            count = self._counts.setdefault(quote.speaker, _Count())
            count.quotes += 1
            if quote.speaker not in seen:
                seen.add(quote.speaker)
                count.files += 1
        singles = {_key(s): s for s in seen if s is not None and " " not in s}
        for full in seen:
            if full is not None and " " in full and _surname(full) in singles:
                self._both[singles[_surname(full)], full] += 1

    def rows(self) -> list[dict[str, Any]]:
        """Return one record per speaker: most quoted first, then by name.

        Names are compared ignoring case; the unattributed row comes last.
        """
        named = self._joined()
        named.sort(key=lambda item: (-item[1].quotes, item[0].casefold(), item[0]))
        rows = [_row(speaker, count) for speaker, count in named]
        unattributed = self._counts.get(None)
        if unattributed is not None:
            rows.append(_row(None, unattributed))
        return rows

    def _joined(self) -> list[tuple[str, _Count]]:
        """The named speakers, each surname alone joined to its only full name."""
        counts = {s: _Count(c.quotes, c.files) for s, c in self._counts.items() if s}
        full_names: dict[str, list[str]] = {}
        for speaker in counts:
            if " " in speaker:
                full_names.setdefault(_surname(speaker), []).append(speaker)
        for single in [s for s in counts if " " not in s]:
            owners = full_names.get(_key(single), [])
            if len(owners) != 1:
                continue
            owner, alone = counts[owners[0]], counts.pop(single)
            owner.quotes += alone.quotes
            # A document that says both counts once.
            owner.files += alone.files - self._both[single, owners[0]]
        return list(counts.items())


def _key(name: str) -> str:
    return name.casefold()


def _surname(name: str) -> str:
    return _key(name.split()[-1])


def _row(speaker: str | None, count: _Count) -> dict[str, Any]:
    return {"speaker": speaker, "quotes": count.quotes, "files": count.files}
