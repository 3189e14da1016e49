"""Candidates: what the rules propose as the source of one quote.

Each rule (a *generator*) looks at the quote's surroundings and proposes a
speaker mention, a cue, or both, with features saying how it found them.
Generators decide nothing: :mod:`quotex.attribution.decoder` scores every
candidate with weights fitted on annotated news and picks one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from quotex.attribution.mentions import Clue, Mention, is_speaker_like
from quotex.attribution.paragraph import Paragraph
from quotex.lexicon import Lexicon
from quotex.marks import QuotedSpan


@dataclass(slots=True)
class DocumentText:
    """The document as the generators see it: text and paragraph bounds."""

    text: str
    #: ``(start, end)`` of each paragraph, in order; blank lines are not paragraphs
    paragraphs: list[tuple[int, int]]
    #: paragraphs that the parser read, by index
    parsed: dict[int, Paragraph]
    #: index of the headline paragraph, or -1 when the text has no headline
    headline: int = -1

    def paragraph_text(self, index: int) -> str:
        """Return the text of paragraph ``index``."""
        start, end = self.paragraphs[index]
        return self.text[start:end]


@dataclass(slots=True)
class QuoteSite:
    """One quoted span and where it stands in its document."""

    span: QuotedSpan
    #: index of the paragraph holding the opening mark
    paragraph: int
    #: where the closing mark ends, or the paragraph's end when it is open
    close_end: int

    @property
    def open_pos(self) -> int:
        """Offset of the opening mark."""
        return self.span.open_pos


@dataclass(slots=True)
class Candidate:
    """A proposed source for a quote: a mention, a cue, and how they were found.

    ``carried`` is set on candidates that take another quote's decision (the
    quote before, whose speaker a second half goes on with); its value is that
    quote's index.
    """

    mention: Mention | None
    cue: tuple[int, int] | None
    features: dict[str, float] = field(default_factory=dict)
    carried: int | None = None

    @property
    def sources(self) -> list[str]:
        """The names of the generators that proposed this candidate."""
        return sorted(name[4:] for name in self.features if name.startswith("src:"))

    @property
    def key(self) -> tuple[object, ...]:
        """What makes two proposals the same candidate."""
        if self.carried is not None:
            return ("carried", self.carried)
        if self.mention is not None:
            return ("mention", self.mention.start, self.mention.end)
        return ("cue", self.cue)


def candidate_from_clue(clue: Clue, lexicon: Lexicon, **features: float) -> Candidate:
    """Turn a rule's finding into a candidate with the features of its words."""
    found = {f"src:{clue.source}": 1.0, **features}
    found.update(mention_features(clue.mention, lexicon))
    if clue.cue is not None:
        found["has_cue"] = 1.0
    return Candidate(clue.mention, clue.cue, found)


def mention_features(mention: Mention | None, lexicon: Lexicon) -> dict[str, float]:
    """Features of the speaker phrase alone: its kind and whether it can speak."""
    if mention is None:
        return {"mention:none": 1.0}
    words = mention.text.split()
    lowered = [w.lower() for w in words]
    features = {f"mention:{mention.kind}": 1.0}
    if is_speaker_like(mention, lexicon):
        features["mention_can_speak"] = 1.0
    if mention.kind == "description":
        if mention.key in lexicon.person_nouns:
            features["description_is_person_noun"] = 1.0
        if lowered and lowered[0] in ("a", "an", "one", "another", "some"):
            features["description_is_indefinite"] = 1.0
    if mention.kind == "name" and len(mention.key.split()) > 1:
        features["name_has_several_words"] = 1.0
    if len(words) > 6:
        features["mention_is_long"] = 1.0
    return features


def distance_features(prefix: str, tokens: int) -> dict[str, float]:
    """Bucketed distance, in tokens, with a smooth log term beside it."""
    bucket = "0-2" if tokens <= 2 else "3-6" if tokens <= 6 else "7+"
    return {f"{prefix}:{bucket}": 1.0, f"{prefix}_log": math.log1p(tokens)}


def merge_candidates(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Merge proposals of the same mention: several rules agreeing is evidence.

    The first proposal's mention and cue stand (a cue fills in when it had
    none); the features are the union, taking the larger value.
    """
    merged: dict[tuple[object, ...], Candidate] = {}
    for candidate in candidates:
        known = merged.get(candidate.key)
        if known is None:
            merged[candidate.key] = Candidate(
                candidate.mention,
                candidate.cue,
                dict(candidate.features),
                candidate.carried,
            )
            continue
        if known.cue is None and candidate.cue is not None:
            known.cue = candidate.cue
        for name, value in candidate.features.items():
            known.features[name] = max(value, known.features.get(name, value))
    for candidate in merged.values():
        agreeing = len(candidate.sources)
        if agreeing > 1:
            candidate.features["rules_agreeing"] = float(agreeing - 1)
    return list(merged.values())
