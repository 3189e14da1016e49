"""The record of every attribution decision: what ``quotex explain`` shows.

For each quote: the candidates the rules proposed, their features, scores and
probabilities, the one chosen; then, for a pronoun, a description or a quote
with no attribution of its own, the people it could mean, scored the same
way, and the person chosen. Plain data, ready for JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ScoredOption:
    """One option of a decision, with the evidence and what it scored."""

    #: what the option is: a mention and cue, or a person's name
    label: str
    features: dict[str, float]
    score: float
    probability: float


@dataclass(frozen=True, slots=True)
class PersonChoice:
    """How a mention ("he", "the minister", none) was resolved to a person."""

    #: the decision that chose: person_pronoun, group_pronoun, description...
    chooser: str
    mention: str | None
    options: list[ScoredOption]
    #: index into ``options`` of the one chosen
    chosen: int
    #: the canonical name chosen, or None when no one fits
    speaker: str | None


@dataclass(frozen=True, slots=True)
class QuoteDecision:
    """Why one quote got its speaker."""

    start: int
    end: int
    options: list[ScoredOption]
    #: index into ``options`` of the one chosen (-1: there was none)
    chosen: int
    person: PersonChoice | None
    speaker: str | None
    #: the chosen candidate's probability times the person's, before calibration
    raw_probability: float
    confidence: float
    #: how the speaker was reached, in words: "name", "pronoun -> person", ...
    path: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the decision as JSON-ready data."""
        return asdict(self)
