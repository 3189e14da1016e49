"""Keep the quotes a user asked for: by speaker, confidence and type."""

from __future__ import annotations

from dataclasses import dataclass

from quotex.quote import Quote


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Keep the quotes a user asked for; an empty filter keeps all speech.

    Quoted words that are not speech (type ``term``) are kept only when asked
    for, by ``all_quoted`` or by naming the type.
    """

    speaker: str | None = None
    min_confidence: float = 0.0
    types: frozenset[str] = frozenset()
    #: keep quoted words that are not speech (type ``term``) too
    all_quoted: bool = False

    def __call__(self, quote: Quote) -> bool:
        if quote.confidence < self.min_confidence:
            return False
        if self.types and quote.type not in self.types:
            return False
        if quote.type == "term" and not (self.all_quoted or "term" in self.types):
            return False
        return self.speaker is None or speaker_matches(quote.speaker, self.speaker)


def speaker_matches(speaker: str | None, wanted: str) -> bool:
    """Whether ``wanted`` is the speaker's name or surname, ignoring case."""
    if speaker is None:
        return False
    wanted = " ".join(wanted.split()).casefold()
    name = " ".join(speaker.split()).casefold()
    return wanted in (name, name.rsplit(" ", 1)[-1])
