"""Train, cross-validate and calibrate: what ``quotex train`` does.

- :func:`train` fits every chooser in rounds: each round decodes the training
  articles along the gold with the weights of the round before (the first
  with :mod:`quotex.training.prior`), so that features such as "the last
  speaker" are what decoding will see, then refits.
- :func:`cross_validate` trains on all articles but one fold, by document,
  and decodes the held-out fold with those weights: every article is
  attributed by weights that never saw it.
- The calibration curve is fitted on those held-out attributions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from quotex.attribution.scorer import (
    CHOOSERS,
    AttributionModel,
    Calibration,
    Chooser,
)
from quotex.evaluation import (
    EvaluationReport,
    evaluate,
    match_quotes,
    speaker_is_right,
)
from quotex.gold import GoldQuote
from quotex.quote import Quote
from quotex.training.examples import GoldAnalysis, collect_groups
from quotex.training.fit import DEFAULT_L2, fit_calibration, fit_chooser
from quotex.training.prior import prior_model

DEFAULT_ROUNDS = 3
DEFAULT_FOLDS = 5


@dataclass(frozen=True, slots=True)
class Settings:
    """How to fit: rounds of decoding and refitting, and the L2 penalty."""

    rounds: int = DEFAULT_ROUNDS
    l2: float = DEFAULT_L2


def train(
    items: Sequence[GoldAnalysis], settings: Settings = Settings()
) -> AttributionModel:
    """Fit every chooser on ``items``; the calibration is left as it is."""
    model = prior_model()
    for _ in range(settings.rounds):
        groups = collect_groups(items, model)
        model = AttributionModel(
            {
                name: Chooser(fit_chooser(groups.get(name, []), settings.l2))
                for name in CHOOSERS
            }
        )
    return model


def fold_of(document_id: str, folds: int) -> int:
    """Assign a document to a fold by a hash of its id: stable across runs."""
    digest = hashlib.sha256(document_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % folds


@dataclass(frozen=True, slots=True)
class HeldOut:
    """The quotes of one article, attributed by weights that never saw it."""

    item: GoldAnalysis
    quotes: list[Quote]


def cross_validate(
    items: Sequence[GoldAnalysis],
    folds: int = DEFAULT_FOLDS,
    settings: Settings = Settings(),
    on_fold: Callable[[int], None] | None = None,
) -> list[HeldOut]:
    """Attribute every article with weights trained on the other folds.

    The quotes' confidences are raw probabilities (no calibration yet).
    """
    assignment = [fold_of(item.document.id, folds) for item in items]
    held_out: dict[int, HeldOut] = {}
    for fold in range(folds):
        training = [i for i, f in zip(items, assignment, strict=True) if f != fold]
        model = train(training, settings)
        for index, item in enumerate(items):
            if assignment[index] == fold:
                held_out[index] = HeldOut(item, item.analysis.quotes(model))
        if on_fold is not None:
            on_fold(fold)
    return [held_out[index] for index in range(len(items))]


def transfer(
    training: Sequence[GoldAnalysis],
    testing: Sequence[GoldAnalysis],
    settings: Settings = Settings(),
) -> list[HeldOut]:
    """Attribute ``testing`` with weights fitted on ``training`` alone."""
    model = train(training, settings)
    return [HeldOut(item, item.analysis.quotes(model)) for item in testing]


def calibrate(held_out: Iterable[HeldOut]) -> Calibration:
    """Fit the calibration curve on held-out attributions with a named gold speaker."""
    raw: list[float] = []
    right: list[bool] = []
    for result in held_out:
        pairs = _matched(result)
        for gold, quote in pairs:
            if quote.speaker is None or gold.named_speaker is None:
                continue
            raw.append(quote.confidence)
            right.append(speaker_is_right(gold, quote))
    x, y = fit_calibration(raw, right)
    return Calibration(x, y)


def _matched(result: HeldOut) -> Iterator[tuple[GoldQuote, Quote]]:
    gold = result.item.document.quotes
    for g, p in match_quotes(gold, result.quotes):
        yield gold[g], result.quotes[p]


def recalibrated(
    held_out: Sequence[HeldOut], calibration: Calibration
) -> list[HeldOut]:
    """Apply ``calibration`` to held-out quotes' raw confidences."""
    return [
        HeldOut(
            result.item,
            [
                replace(q, confidence=calibration(q.confidence) if q.speaker else 0.0)
                for q in result.quotes
            ],
        )
        for result in held_out
    ]


def score(held_out: Sequence[HeldOut]) -> EvaluationReport:
    """Score held-out attributions against their gold, as ``quotex eval`` does."""
    quotes = [result.quotes for result in held_out]

    def predict(texts: Iterable[str]) -> Iterator[list[Quote]]:
        for index, _ in enumerate(texts):
            yield quotes[index]

    return evaluate([result.item.document for result in held_out], predict)
