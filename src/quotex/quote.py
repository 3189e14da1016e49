"""The plain data quotex hands out: no spaCy objects, so records pickle anywhere."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

QuoteType = Literal["full", "partial", "headline", "term"]
#: ``term`` marks quoted words that are not speech: a scare quote, a word cited
#: as a word, a title, a nickname. Left out unless asked for.
QUOTE_TYPES: tuple[QuoteType, ...] = ("full", "partial", "headline", "term")

#: The public record schema, in order. New fields go at the end; renaming or
#: removing one is a breaking change for every export format.
FIELDS: tuple[str, ...] = (
    "file",
    "line",
    "quote",
    "start",
    "end",
    "speaker",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "cue",
    "cue_start",
    "cue_end",
    "type",
    "confidence",
)

#: Each field's type in typed exports (Parquet, Dask frames); any may be null.
FIELD_TYPES: dict[str, str] = {
    "file": "string",
    "line": "int64",
    "quote": "string",
    "start": "int64",
    "end": "int64",
    "speaker": "string",
    "speaker_mention": "string",
    "speaker_start": "int64",
    "speaker_end": "int64",
    "cue": "string",
    "cue_start": "int64",
    "cue_end": "int64",
    "type": "string",
    "confidence": "float64",
}


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A slice of the input text: ``source_text[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    """One direct quotation found in a document.

    Offsets are Python ``str`` indices into the document text, end-exclusive.
    ``content`` is the text between the quotation marks (marks and surrounding
    whitespace excluded). ``speaker`` is the canonical name of whoever said it
    (the fullest form of the name in the document, without titles), or ``None``
    when nobody can be named with reasonable evidence. ``mention`` is the local
    phrase that attributes the quote ("he", "the minister", "Lavrov").
    ``confidence`` estimates how likely the speaker is right, in [0, 1].
    """

    content: TextSpan
    line: int
    type: QuoteType
    speaker: str | None = None
    mention: TextSpan | None = None
    cue: TextSpan | None = None
    confidence: float = 0.0

    @property
    def text(self) -> str:
        """The quoted words."""
        return self.content.text

    def to_record(self, file: str = "-") -> dict[str, Any]:
        """Return the public record: a flat dict keyed by ``FIELDS``, in order."""
        mention, cue = self.mention, self.cue
        return {
            "file": file,
            "line": self.line,
            "quote": self.content.text,
            "start": self.content.start,
            "end": self.content.end,
            "speaker": self.speaker,
            "speaker_mention": mention.text if mention else None,
            "speaker_start": mention.start if mention else None,
            "speaker_end": mention.end if mention else None,
            "cue": cue.text if cue else None,
            "cue_start": cue.start if cue else None,
            "cue_end": cue.end if cue else None,
            "type": self.type,
            "confidence": round(self.confidence, 3),
        }
