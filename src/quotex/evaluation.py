"""Score predicted quotes against gold-annotated documents.

Gold data is read by :mod:`quotex.gold`. The scoring convention:

- A predicted quote matches a gold quote when their character spans overlap by at
  least half of the longer span; matching is one-to-one.
- Attribution of a matched quote is right when the predicted mention overlaps the
  gold speaker mention or, for gold speakers of type ``name``, when the predicted
  speaker names the same person (:func:`quotex.names.names_same_person`). Gold
  quotes without a speaker are counted apart, not judged.
- Name accuracy asks only the second question, on gold speakers of type ``name``.
- Speaker accuracy is what a user sees: on every matched gold quote whose speaker
  has a name (``speaker_name`` where the gold resolves the mention, else the
  speaker when it is a name), whether the predicted ``speaker`` names that
  person, whatever the mention was ("he", "the minister", "Lavrov").
- Its counterpart: on every matched gold quote whose speaker has no name (the
  article names no one: "a senior official"), whether quotex leaves the
  ``speaker`` empty too (``unnamed_left_unnamed``).

No spaCy here: predictions come from any callable that turns texts into quotes.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from quotex.errors import ModelNotFoundError, ResourceError
from quotex.gold import (
    SPEAKER_TYPES,
    BadGoldLine,
    GoldDocument,
    GoldQuote,
    parse_gold_line,
    read_gold,
)
from quotex.names import names_same_person
from quotex.quote import QUOTE_TYPES, Quote

# Gold reading and name matching live in their own modules; their public names
# stay importable from here, where callers first found them.
__all__ = [
    "CONFIDENCE_BANDS",
    "CONTEXT_CHARS",
    "MENTION_KINDS",
    "SPEAKER_TYPES",
    "BadGoldLine",
    "DocumentFailure",
    "EvaluationReport",
    "GoldDocument",
    "GoldQuote",
    "Mismatch",
    "PredictMany",
    "Tally",
    "attribution_is_right",
    "confidence_band",
    "evaluate",
    "match_quotes",
    "match_spans",
    "mention_kind",
    "name_is_right",
    "names_same_person",
    "overlap",
    "parse_gold_line",
    "read_gold",
    "snippet",
    "speaker_is_right",
]
#: Lower bounds of the confidence bands; the last band includes 1.0.
CONFIDENCE_BANDS: tuple[float, ...] = (0.0, 0.5, 0.7, 0.8, 0.9)
#: How the gold attributes a quote, for the speaker-accuracy breakdown.
MENTION_KINDS: tuple[str, ...] = ("name", "pronoun", "description", "no_mention")
_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "him",
        "her",
        "his",
        "hers",
        "they",
        "them",
        "their",
        "we",
        "us",
        "our",
        "i",
        "me",
        "my",
        "it",
        "its",
    ]
)
#: Characters of text shown on each side of a quote in an error listing.
CONTEXT_CHARS = 60

#: Turns texts into one list of quotes per text, in order (like ``extract_many``).
PredictMany = Callable[[Iterable[str]], Iterable[list[Quote]]]

# Errors that mean nothing can run, so retrying document by document is pointless.
_SETUP_ERRORS = (ModelNotFoundError, ResourceError)


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Return how many characters two end-exclusive spans share."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match_quotes(
    gold: Sequence[GoldQuote], predicted: Sequence[Quote]
) -> list[tuple[int, int]]:
    """Pair gold and predicted quotes one-to-one; return ``(gold, predicted)`` indices.

    See :func:`match_spans` for the rule.
    """
    return match_spans(
        [(want.start, want.end) for want in gold],
        [(got.content.start, got.content.end) for got in predicted],
    )


def match_spans(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Pair gold and predicted ``(start, end)`` spans one-to-one, as indices.

    A pair qualifies when the spans overlap by at least half of the longer span.
    Pairs are taken greedily by largest overlap, then closest boundaries, then
    position, so the order of ``predicted`` matters only among identical spans.
    """
    candidates = []
    for g, (want_start, want_end) in enumerate(gold):
        for p, (got_start, got_end) in enumerate(predicted):
            shared = overlap(want_start, want_end, got_start, got_end)
            longer = max(want_end - want_start, got_end - got_start)
            if shared > 0 and 2 * shared >= longer:
                drift = abs(want_start - got_start) + abs(want_end - got_end)
                candidates.append((-shared, drift, g, got_start, got_end, p))
    pairs: list[tuple[int, int]] = []
    used_gold, used_predicted = set(), set()
    for *_, g, _start, _end, p in sorted(candidates):
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return sorted(pairs)


def attribution_is_right(gold: GoldQuote, predicted: Quote) -> bool:
    """Judge the speaker of a prediction matched to a gold quote that has one."""
    mention = predicted.mention
    if mention is not None and gold.speaker_start is not None:
        shared = overlap(
            mention.start,
            mention.end,
            gold.speaker_start,
            gold.speaker_end or gold.speaker_start,
        )
        if shared:
            return True
    return name_is_right(gold, predicted)


def name_is_right(gold: GoldQuote, predicted: Quote) -> bool:
    """Tell whether the prediction's speaker names a gold speaker of type ``name``."""
    return (
        gold.speaker_type == "name"
        and gold.speaker is not None
        and predicted.speaker is not None
        and names_same_person(predicted.speaker, gold.speaker)
    )


def speaker_is_right(gold: GoldQuote, predicted: Quote) -> bool:
    """Tell whether the predicted speaker names the person the gold names."""
    wanted = gold.named_speaker
    return (
        wanted is not None
        and predicted.speaker is not None
        and names_same_person(predicted.speaker, wanted)
    )


def mention_kind(gold: GoldQuote) -> str:
    """Say how the gold attributes a quote: one of ``MENTION_KINDS``.

    From ``speaker_type`` where it describes the mention; a gold whose
    ``speaker`` is a resolved full name (``speaker_type`` "name" with the
    mention "he") is typed from the mention's words.
    """
    if gold.speaker_type == "pronoun":
        return "pronoun"
    if gold.speaker_type == "nominal":
        return "description"
    mention = gold.speaker_mention
    if mention is None:
        return "no_mention" if gold.speaker_start is None else "name"
    if mention.strip().lower() in _PRONOUNS:
        return "pronoun"
    named = gold.named_speaker
    if named is not None and not names_same_person(mention, named):
        return "description"
    return "name"


def confidence_band(confidence: float) -> int:
    """Return the index in ``CONFIDENCE_BANDS`` of the band holding ``confidence``."""
    return sum(confidence >= low for low in CONFIDENCE_BANDS[1:])


def snippet(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """Show ``text[start:end]`` in brackets with ``width`` characters around it."""
    inner = text[start:end]
    if len(inner) > 2 * width:  # a listing must stay readable for long quotes
        inner = f"{inner[:width]}\u2026{inner[-width:]}"
    left = ("\u2026" if start > width else "") + text[max(0, start - width) : start]
    right = text[end : end + width] + ("\u2026" if end + width < len(text) else "")
    return re.sub(r"\s+", " ", f"{left}[{inner}]{right}").strip()


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass(slots=True)
class Tally:
    """The cases a ratio is taken over (``total``) and those that count (``hits``)."""

    total: int = 0
    hits: int = 0

    def add(self, hit: bool) -> None:
        """Count one case."""
        self.total += 1
        self.hits += hit

    @property
    def ratio(self) -> float | None:
        """Return ``hits / total`` to four places, or ``None`` when there are none."""
        return _ratio(self.hits, self.total)


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One difference from the gold, with a one-line ``context`` to show it.

    ``kind`` is ``missed`` (a gold quote nothing matched), ``spurious`` (a
    prediction that matched no gold quote), ``wrong_speaker`` (matched, but the
    attribution is wrong), ``wrong_name`` (the mention is right, but the speaker
    does not name the gold person) or ``wrong_person`` (the mention is right,
    but it was resolved to someone else: "he" bound to the wrong man).
    """

    kind: str
    document: str
    start: int
    end: int
    context: str
    gold_speaker: str | None = None
    gold_speaker_type: str | None = None
    predicted_speaker: str | None = None
    predicted_mention: str | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class DocumentFailure:
    """A document the predictor raised on; it is left out of every figure."""

    document: str
    line: int
    error: str


def _by_key(keys: Iterable[str]) -> dict[str, Tally]:
    return {key: Tally() for key in keys}


@dataclass(slots=True)
class EvaluationReport:
    """Counts gathered over the documents; every ratio is derived from them.

    A failed document counts in ``documents`` and ``documents_failed`` only.
    """

    documents: int = 0
    documents_failed: int = 0
    gold_quotes: int = 0
    predicted_quotes: int = 0
    true_positives: int = 0
    #: Matched gold quotes with a gold speaker; hits: attribution right.
    attribution: Tally = field(default_factory=Tally)
    #: Matched gold quotes with a speaker of type ``name``; hits: names him or her.
    names: Tally = field(default_factory=Tally)
    #: Matched gold quotes whose speaker has a name; hits: the speaker names them.
    speakers: Tally = field(default_factory=Tally)
    #: Matched gold quotes whose speaker has no name; hits: no speaker predicted.
    unnamed: Tally = field(default_factory=Tally)
    #: As ``speakers``, by how the gold attributes the quote (``MENTION_KINDS``).
    speakers_by_mention: dict[str, Tally] = field(
        default_factory=lambda: _by_key(MENTION_KINDS)
    )
    #: As ``speakers``, by the band of the predicted confidence.
    speakers_by_band: list[Tally] = field(
        default_factory=lambda: [Tally() for _ in CONFIDENCE_BANDS]
    )
    #: Sum of predicted confidences in each band of ``speakers_by_band``.
    confidence_sums: list[float] = field(
        default_factory=lambda: [0.0] * len(CONFIDENCE_BANDS)
    )
    null_speaker_gold: int = 0
    null_speaker_matched: int = 0
    #: Predictions; hits: those without a speaker.
    speaker_none: Tally = field(default_factory=Tally)
    #: True positives; hits: the predicted type is the gold type.
    same_type: Tally = field(default_factory=Tally)
    #: Gold quotes by gold type; hits: matched.
    recall_by_type: dict[str, Tally] = field(
        default_factory=lambda: _by_key(QUOTE_TYPES)
    )
    #: Predictions by predicted type; hits: matched.
    precision_by_type: dict[str, Tally] = field(
        default_factory=lambda: _by_key(QUOTE_TYPES)
    )
    gold_by_speaker_type: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(SPEAKER_TYPES, 0)
    )
    #: Matched gold quotes with a gold speaker, by its type; hits: attribution right.
    by_speaker_type: dict[str, Tally] = field(
        default_factory=lambda: _by_key(SPEAKER_TYPES)
    )
    predictions_by_band: list[int] = field(
        default_factory=lambda: [0] * len(CONFIDENCE_BANDS)
    )
    #: As ``attribution``, by the band of the predicted confidence.
    by_band: list[Tally] = field(
        default_factory=lambda: [Tally() for _ in CONFIDENCE_BANDS]
    )
    failures: list[DocumentFailure] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def quote_precision(self) -> float | None:
        """Return the share of predicted quotes that match a gold quote."""
        return _ratio(self.true_positives, self.predicted_quotes)

    @property
    def quote_recall(self) -> float | None:
        """Return the share of gold quotes that some prediction matches."""
        return _ratio(self.true_positives, self.gold_quotes)

    @property
    def quote_f1(self) -> float | None:
        """Return the harmonic mean of quote precision and recall."""
        return _ratio(2 * self.true_positives, self.predicted_quotes + self.gold_quotes)

    def to_dict(self, *, include_errors: bool = False) -> dict[str, Any]:
        """Return the report as JSON-ready data; ``None`` marks an empty ratio.

        Args:
            include_errors: Add ``errors``, the list of every mismatch.
        """
        tp = self.true_positives
        result: dict[str, Any] = {
            "quote_precision": self.quote_precision,
            "quote_recall": self.quote_recall,
            "quote_f1": self.quote_f1,
            "attribution_accuracy": self.attribution.ratio,
            "name_accuracy": self.names.ratio,
            "speaker_accuracy": self.speakers.ratio,
            "unnamed_left_unnamed": self.unnamed.ratio,
            "documents": self.documents,
            "documents_failed": self.documents_failed,
            "counts": {
                "gold_quotes": self.gold_quotes,
                "predicted_quotes": self.predicted_quotes,
                "true_positives": tp,
                "false_positives": self.predicted_quotes - tp,
                "false_negatives": self.gold_quotes - tp,
                "attribution_judged": self.attribution.total,
                "attribution_right": self.attribution.hits,
                "name_judged": self.names.total,
                "name_right": self.names.hits,
                "speaker_judged": self.speakers.total,
                "speaker_right": self.speakers.hits,
                "unnamed_judged": self.unnamed.total,
                "unnamed_left_unnamed": self.unnamed.hits,
                "null_speaker_gold": self.null_speaker_gold,
                "null_speaker_matched": self.null_speaker_matched,
                "predicted_speaker_none": self.speaker_none.hits,
                "predicted_speaker_none_fraction": self.speaker_none.ratio,
                "same_type": self.same_type.hits,
                "same_type_fraction": self.same_type.ratio,
            },
            "by_quote_type": {kind: self._type_row(kind) for kind in QUOTE_TYPES},
            "by_speaker_type": {
                kind: {
                    "gold": self.gold_by_speaker_type[kind],
                    "judged": self.by_speaker_type[kind].total,
                    "right": self.by_speaker_type[kind].hits,
                    "accuracy": self.by_speaker_type[kind].ratio,
                }
                for kind in SPEAKER_TYPES
            },
            "speaker_by_mention": {
                kind: {
                    "judged": tally.total,
                    "right": tally.hits,
                    "accuracy": tally.ratio,
                }
                for kind, tally in self.speakers_by_mention.items()
            },
            "by_confidence": self._band_rows(),
            "speaker_by_confidence": self._speaker_band_rows(),
            "failures": [asdict(failure) for failure in self.failures],
        }
        if include_errors:
            result["errors"] = [asdict(mismatch) for mismatch in self.mismatches]
        return result

    def _type_row(self, kind: str) -> dict[str, Any]:
        recall, precision = self.recall_by_type[kind], self.precision_by_type[kind]
        f1 = None
        if recall.total and precision.total:
            r, p = recall.hits / recall.total, precision.hits / precision.total
            f1 = round(2 * p * r / (p + r), 4) if p + r else 0.0
        return {
            "gold": recall.total,
            "recalled": recall.hits,
            "recall": recall.ratio,
            "predicted": precision.total,
            "correct": precision.hits,
            "precision": precision.ratio,
            "f1": f1,
        }

    def _speaker_band_rows(self) -> list[dict[str, Any]]:
        """Speaker accuracy by confidence band, beside the band's mean confidence.

        Where confidence is a calibrated probability the two columns agree.
        """
        rows = []
        for i, (band, total) in enumerate(
            zip(self.speakers_by_band, self.confidence_sums, strict=True)
        ):
            low = CONFIDENCE_BANDS[i]
            high = CONFIDENCE_BANDS[i + 1] if i + 1 < len(CONFIDENCE_BANDS) else 1.0
            mean = round(total / band.total, 4) if band.total else None
            rows.append(
                {
                    "band": f"{low:.1f}-{high:.1f}",
                    "judged": band.total,
                    "right": band.hits,
                    "accuracy": band.ratio,
                    "mean_confidence": mean,
                }
            )
        return rows

    def _band_rows(self) -> list[dict[str, Any]]:
        # Also count each band together with the bands above it: that is what
        # a --min-confidence at the band's lower bound would keep.
        rows, above, kept = [], Tally(), 0
        for i in reversed(range(len(CONFIDENCE_BANDS))):
            band, low = self.by_band[i], CONFIDENCE_BANDS[i]
            high = CONFIDENCE_BANDS[i + 1] if i + 1 < len(CONFIDENCE_BANDS) else 1.0
            above.total, above.hits = above.total + band.total, above.hits + band.hits
            kept += self.predictions_by_band[i]
            rows.append(
                {
                    "band": f"{low:.1f}-{high:.1f}",
                    "low": low,
                    "high": high,
                    "predictions": self.predictions_by_band[i],
                    "judged": band.total,
                    "right": band.hits,
                    "accuracy": band.ratio,
                    "at_or_above": {
                        "predictions": kept,
                        "judged": above.total,
                        "right": above.hits,
                        "accuracy": above.ratio,
                    },
                }
            )
        return rows[::-1]


def evaluate(
    documents: Iterable[GoldDocument],
    predict: PredictMany,
    *,
    on_document: Callable[[GoldDocument], None] | None = None,
) -> EvaluationReport:
    """Run ``predict`` over the documents' texts and score it against the gold.

    The texts go to ``predict`` in one lazy stream, so a batching predictor such
    as ``lambda texts: quotex.extract_many(texts)`` keeps batching. When it
    raises, the oldest unanswered document is retried alone: if that fails too,
    the document goes to ``failures`` and the stream resumes after it.

    Args:
        documents: Gold documents, read as needed.
        predict: Turns texts into one list of quotes per text, in order.
        on_document: Called after each document, e.g. to advance a progress bar.

    Raises:
        ModelNotFoundError: Raised by ``predict``; nothing could be scored.
        ResourceError: Raised by ``predict``; nothing could be scored.
    """
    report = EvaluationReport()
    for document, outcome in _iter_predictions(documents, predict):
        report.documents += 1
        if isinstance(outcome, Exception):
            report.documents_failed += 1
            error = f"{type(outcome).__name__}: {outcome}"
            report.failures.append(DocumentFailure(document.id, document.line, error))
        else:
            _score(report, document, outcome)
        if on_document is not None:
            on_document(document)
    return report


def _iter_predictions(
    documents: Iterable[GoldDocument], predict: PredictMany
) -> Iterator[tuple[GoldDocument, list[Quote] | Exception]]:
    unread = iter(documents)
    backlog: deque[GoldDocument] = deque()  # read, to feed again after a failure
    pending: deque[GoldDocument] = deque()  # fed to the predictor, not answered

    def texts() -> Iterator[str]:
        while True:
            document = backlog.popleft() if backlog else next(unread, None)
            if document is None:
                return
            pending.append(document)
            yield document.text

    while True:
        try:
            for quotes in predict(texts()):
                if not pending:
                    raise ValueError("the predictor gave more results than texts")
                yield pending.popleft(), list(quotes)
        except _SETUP_ERRORS:
            raise
        except Exception:
            if not pending:  # about no document in particular: a predictor bug
                raise
            # A batch fails as a whole: retrying its first document alone tells
            # whether that one is the culprit, and always makes progress.
            suspect = pending.popleft()
            backlog.extendleft(reversed(pending))
            pending.clear()
            yield suspect, _predict_one(suspect, predict)
            continue
        for document in (*pending, *backlog, *unread):
            yield document, ValueError("the predictor gave no result for this text")
        return


def _predict_one(
    document: GoldDocument, predict: PredictMany
) -> list[Quote] | Exception:
    try:
        results = [list(quotes) for quotes in predict(iter([document.text]))]
    except _SETUP_ERRORS:
        raise
    except Exception as error:
        return error
    if len(results) != 1:
        return ValueError(f"the predictor gave {len(results)} results for one text")
    return results[0]


def _score(
    report: EvaluationReport, document: GoldDocument, quotes: list[Quote]
) -> None:
    gold = document.quotes
    report.gold_quotes += len(gold)
    report.predicted_quotes += len(quotes)
    report.null_speaker_gold += sum(want.speaker is None for want in gold)
    for want in gold:
        report.gold_by_speaker_type[want.speaker_type or "none"] += 1
    for quote in quotes:
        report.speaker_none.add(quote.speaker is None)
        report.predictions_by_band[confidence_band(quote.confidence)] += 1
    pairs = match_quotes(gold, quotes)
    report.true_positives += len(pairs)
    found = dict(pairs)
    used = set(found.values())
    for g, want in enumerate(gold):
        report.recall_by_type[want.type].add(g in found)
    for p, quote in enumerate(quotes):
        report.precision_by_type[quote.type].add(p in used)
    mismatches = []
    for g, p in pairs:
        want, quote = gold[g], quotes[p]
        report.same_type.add(want.type == quote.type)
        person_right = speaker_is_right(want, quote)
        if want.named_speaker is not None:
            band = confidence_band(quote.confidence)
            report.speakers.add(person_right)
            report.speakers_by_mention[mention_kind(want)].add(person_right)
            report.speakers_by_band[band].add(person_right)
            report.confidence_sums[band] += quote.confidence
        else:
            report.unnamed.add(quote.speaker is None)
        if want.speaker is None:
            report.null_speaker_matched += 1
            continue
        right = attribution_is_right(want, quote)
        report.attribution.add(right)
        report.by_speaker_type[want.speaker_type or "none"].add(right)
        report.by_band[confidence_band(quote.confidence)].add(right)
        named = name_is_right(want, quote)
        if want.speaker_type == "name":
            report.names.add(named)
        if not right:
            mismatches.append(_mismatch("wrong_speaker", document, want, quote))
        elif want.speaker_type == "name" and not named:
            mismatches.append(_mismatch("wrong_name", document, want, quote))
        elif want.named_speaker is not None and not person_right:
            mismatches.append(_mismatch("wrong_person", document, want, quote))
    mismatches += [
        _mismatch("missed", document, want, None)
        for g, want in enumerate(gold)
        if g not in found
    ]
    mismatches += [
        _mismatch("spurious", document, None, quote)
        for p, quote in enumerate(quotes)
        if p not in used
    ]
    report.mismatches += sorted(mismatches, key=lambda m: (m.start, m.end, m.kind))


def _mismatch(
    kind: str, document: GoldDocument, gold: GoldQuote | None, quote: Quote | None
) -> Mismatch:
    if gold is not None:
        start, end = gold.start, gold.end
    else:
        assert quote is not None  # a mismatch has a gold quote, a prediction or both
        start, end = quote.content.start, quote.content.end
    mention = quote.mention if quote else None
    return Mismatch(
        kind=kind,
        document=document.id,
        start=start,
        end=end,
        context=snippet(document.text, start, end),
        gold_speaker=gold.named_speaker or gold.speaker if gold else None,
        gold_speaker_type=gold.speaker_type if gold else None,
        predicted_speaker=quote.speaker if quote else None,
        predicted_mention=mention.text if mention else None,
        confidence=quote.confidence if quote else None,
    )
