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

from quotex.attribution.quotation import (
    quotation_starts,
    speech_chances,
    speech_features,
)
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
    match_spans,
    speaker_is_right,
)
from quotex.gold import GoldQuote
from quotex.quote import Quote
from quotex.training import DEFAULT_FOLDS, DEFAULT_L2, DEFAULT_ROUNDS
from quotex.training.examples import GoldAnalysis, collect_groups
from quotex.training.fit import fit_calibration, fit_chooser
from quotex.training.prior import prior_model


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


@dataclass(frozen=True, slots=True)
class CrossValidation:
    """Weights fitted on all folds but one, for each fold, and the articles."""

    items: Sequence[GoldAnalysis]
    assignment: Sequence[int]
    models: Sequence[AttributionModel]

    def model_for(self, index: int, threshold: float) -> AttributionModel:
        """The weights that never saw article ``index``, with ``threshold``."""
        return replace(self.models[self.assignment[index]], speech_threshold=threshold)

    def held_out(self, threshold: float) -> list[HeldOut]:
        """Attribute every article with the weights that never saw it."""
        return [
            HeldOut(
                item, speech_only(item.analysis.quotes(self.model_for(i, threshold)))
            )
            for i, item in enumerate(self.items)
        ]

    def speech_probabilities(self) -> list[list[float]]:
        """How likely each quoted span of each article is speech, held out."""
        return [
            speech_probabilities(item, self.models[self.assignment[i]])
            for i, item in enumerate(self.items)
        ]


def speech_probabilities(item: GoldAnalysis, model: AttributionModel) -> list[float]:
    """How likely each quoted span of ``item`` is speech, by ``model``."""
    analysis = item.analysis
    described = [
        speech_features(features, found)
        for features, found in zip(analysis.quotation, analysis.candidates, strict=True)
    ]
    starts = quotation_starts(analysis.document, analysis.sites, analysis.candidates)
    return speech_chances(described, starts, model)


def speech_only(quotes: list[Quote]) -> list[Quote]:
    """Leave out the quoted words that are not speech (type ``term``)."""
    return [quote for quote in quotes if quote.type != "term"]


def cross_validate(
    items: Sequence[GoldAnalysis],
    folds: int = DEFAULT_FOLDS,
    settings: Settings = Settings(),
    on_fold: Callable[[int], None] | None = None,
) -> CrossValidation:
    """Fit weights on every fold but one, for each fold, by document."""
    assignment = [fold_of(item.document.id, folds) for item in items]
    models = []
    for fold in range(folds):
        training = [i for i, f in zip(items, assignment, strict=True) if f != fold]
        models.append(train(training, settings))
        if on_fold is not None:
            on_fold(fold)
    return CrossValidation(items, assignment, models)


#: The share of annotated quotes of every corpus the speech threshold must keep:
#: finding every quotation comes before leaving out every term.
MIN_RECALL = 0.95


def tune_threshold(cv: CrossValidation) -> float:
    """Choose the speech threshold on held-out articles.

    The highest mean quote F1 over the corpora (each counts alike, so a small
    corpus from another newsroom weighs as much as a big one) among the
    thresholds that keep ``MIN_RECALL`` of every corpus's quotes; if none
    does, the one that keeps the most.
    """
    probabilities = cv.speech_probabilities()
    corpora = sorted({item.corpus for item in cv.items})
    scored = []
    for step in range(1, 40):
        threshold = step / 40
        f1s, recalls = [], []
        for corpus in corpora:
            found = gold = right = 0
            for item, chances in zip(cv.items, probabilities, strict=True):
                if item.corpus != corpus:
                    continue
                kept = [
                    (site.span.start, site.span.end)
                    for site, p in zip(item.analysis.sites, chances, strict=True)
                    if p >= threshold
                ]
                wanted = [(q.start, q.end) for q in item.document.quotes]
                right += len(match_spans(wanted, kept))
                found += len(kept)
                gold += len(wanted)
            f1s.append(2 * right / (found + gold) if found + gold else 0.0)
            recalls.append(right / gold if gold else 1.0)
        scored.append(
            (min(recalls) >= MIN_RECALL, sum(f1s) / len(f1s), min(recalls), threshold)
        )
    feasible = [row for row in scored if row[0]]
    if feasible:
        return max(feasible, key=lambda row: row[1])[3]
    return max(scored, key=lambda row: row[2])[3]


def transfer(
    training: Sequence[GoldAnalysis],
    testing: Sequence[GoldAnalysis],
    settings: Settings = Settings(),
    threshold: float = 0.5,
) -> list[HeldOut]:
    """Attribute ``testing`` with weights fitted on ``training`` alone."""
    model = replace(train(training, settings), speech_threshold=threshold)
    return [HeldOut(item, speech_only(item.analysis.quotes(model))) for item in testing]


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


def cross_calibrated(held_out: Sequence[HeldOut], folds: int) -> list[HeldOut]:
    """Calibrate each fold's articles with a curve fitted on the other folds.

    The curve fitted on every held-out attribution matches them by
    construction; this is the honest check of how far its confidences carry
    to articles it was not fitted on.
    """
    assignment = [fold_of(result.item.document.id, folds) for result in held_out]
    curves = [
        calibrate(r for r, f in zip(held_out, assignment, strict=True) if f != fold)
        for fold in range(folds)
    ]
    return [
        recalibrated([result], curves[fold])[0]
        for result, fold in zip(held_out, assignment, strict=True)
    ]


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
