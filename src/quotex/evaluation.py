"""Score predicted quotes against gold-annotated documents.

Gold data is JSON Lines, one document a line: ``{"id", "text", "quotes": [{start,
end, text, speaker, speaker_start, speaker_end, speaker_type, partial, headline}]}``.
The scoring convention:

- A predicted quote matches a gold quote when their character spans overlap by at
  least half of the longer span; matching is one-to-one.
- Attribution of a matched quote is right when the predicted mention overlaps the
  gold speaker mention or, for gold speakers of type ``name``, when the predicted
  speaker names the same person (:func:`names_same_person`). Gold quotes without
  a speaker are counted apart, not judged.
- Name accuracy asks only the second question, on gold speakers of type ``name``.

No spaCy here: predictions come from any callable that turns texts into quotes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from quotex.errors import InputError, ModelNotFoundError, ResourceError
from quotex.quote import QUOTE_TYPES, Quote, QuoteType

#: Gold speaker types; ``none`` stands for a quote without an annotated source.
SPEAKER_TYPES: tuple[str, ...] = ("name", "pronoun", "nominal", "none")
#: Lower bounds of the confidence bands; the last band includes 1.0.
CONFIDENCE_BANDS: tuple[float, ...] = (0.0, 0.5, 0.7, 0.8, 0.9)
#: Characters of text shown on each side of a quote in an error listing.
CONTEXT_CHARS = 60

#: Turns texts into one list of quotes per text, in order (like ``extract_many``).
PredictMany = Callable[[Iterable[str]], Iterable[list[Quote]]]

# Errors that mean nothing can run, so retrying document by document is pointless.
_SETUP_ERRORS = (ModelNotFoundError, ResourceError)


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One annotated quote; offsets are ``str`` indices into the document text."""

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_type: str | None = None
    partial: bool = False
    headline: bool = False

    @property
    def type(self) -> QuoteType:
        """Return the quote type in quotex's terms: headline, partial or full."""
        if self.headline:
            return "headline"
        return "partial" if self.partial else "full"


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One annotated article and its gold quotes; ``line`` is 1-based."""

    id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class BadGoldLine:
    """A gold line that cannot be used, and why; ``line`` is 1-based."""

    line: int
    reason: str


def read_gold(path: Path) -> Iterator[GoldDocument | BadGoldLine]:
    """Read a gold JSON Lines file lazily, reporting bad lines instead of raising.

    Raises:
        InputError: The file cannot be opened.
    """
    try:
        handle = path.open("rb")
    except OSError as error:
        raise InputError(f"{path}: {error.strerror or error}") from None
    return _read_lines(handle)


def _read_lines(handle: BinaryIO) -> Iterator[GoldDocument | BadGoldLine]:
    with handle:
        for number, raw in enumerate(handle, start=1):
            # Decode line by line so one bad byte costs one document, not the file.
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                yield BadGoldLine(number, f"not UTF-8 (byte {error.start})")
                continue
            if line.strip():
                yield parse_gold_line(line, number)


def parse_gold_line(line: str, number: int = 0) -> GoldDocument | BadGoldLine:
    """Parse one gold line into a document, or say what is wrong with it."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return BadGoldLine(number, f"bad JSON ({error.msg} at column {error.colno})")
    if not isinstance(data, dict):
        return BadGoldLine(number, "not a JSON object")
    text, quotes = data.get("text"), data.get("quotes")
    doc_id = data.get("id", f"line {number}")
    if not isinstance(text, str):
        return BadGoldLine(number, "missing 'text' string")
    if not isinstance(quotes, list):
        return BadGoldLine(number, "missing 'quotes' list")
    if not isinstance(doc_id, str):
        return BadGoldLine(number, "'id' is not a string")
    gold = []
    for i, quote in enumerate(quotes, start=1):
        try:
            gold.append(_gold_quote(quote, text))
        except ValueError as error:
            return BadGoldLine(number, f"quote {i}: {error}")
    return GoldDocument(doc_id, text, tuple(gold), number)


def _gold_quote(data: Any, text: str) -> GoldQuote:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    start, end = _span(data, "start", "end", len(text))
    if data.get("text", text[start:end]) != text[start:end]:
        raise ValueError(f"'text' differs from text[{start}:{end}]")
    speaker, kind = data.get("speaker"), data.get("speaker_type")
    flags = (data.get("partial", False), data.get("headline", False))
    if speaker is not None and not isinstance(speaker, str):
        raise ValueError("'speaker' is not a string")
    if kind not in (None, "name", "pronoun", "nominal"):
        raise ValueError(f"unknown speaker_type {kind!r}")
    if not all(isinstance(flag, bool) for flag in flags):
        raise ValueError("'partial' and 'headline' must be true or false")
    if speaker is None:
        return GoldQuote(start, end, text[start:end], None, None, None, None, *flags)
    # Speaker offsets are checked for range only: the corpus normalizes spacing
    # in a few speaker strings, so they need not equal the text they point at.
    s_start, s_end = _span(data, "speaker_start", "speaker_end", len(text))
    return GoldQuote(start, end, text[start:end], speaker, s_start, s_end, kind, *flags)


def _span(data: dict[str, Any], first: str, last: str, size: int) -> tuple[int, int]:
    start, end = data.get(first), data.get(last)
    for key, value in ((first, start), (last, end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"'{key}' is not an integer")
    assert isinstance(start, int) and isinstance(end, int)  # for the type checker
    if not 0 <= start < end <= size:
        raise ValueError(f"{first}:{last} {start}:{end} outside text of {size}")
    return start, end


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that precede a name in a mention without being part of it.
_TITLES = _words("""
    mr mrs ms miss mx messrs dr prof professor sir dame lord lady king queen prince
    princess pope rev reverend father pastor rabbi imam bishop cardinal sen senator
    sens rep reps representative congressman congresswoman assemblyman
    assemblywoman councilman councilwoman delegate del gov governor lt gen general
    col capt captain maj sgt adm admiral cmdr president vice vp secretary sec
    speaker leader chairman chairwoman chair judge justice attorney atty mayor
    sheriff ambassador minister premier chancellor commissioner director
    spokesman spokeswoman spokesperson candidate nominee democrat republican
""")
_SUFFIXES = _words("jr sr ii iii iv")
_PARTICLES = _words("de da di del della der den van von du la le bin ibn al")
# Lowercase words after which a mention goes on to describe the person.
_CONNECTIVES = _words("of from who whose which that at in for with on to as said says")
_HEAD_END = re.compile(r"[,;:()\[\]{}]|\s[-\u2013\u2014]+\s|--")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def names_same_person(predicted: str, gold: str) -> bool:
    """Tell whether a predicted speaker name names the gold speaker.

    Both sides are reduced to a name: the mention is cut at the first comma,
    parenthesis, dash or describing word ("Sen. Marco Rubio of Florida"), the
    last run of capitalized words is kept ("Trump's campaign manager Corey
    Lewandowski" gives "Corey Lewandowski"), and titles before the name ("Sen.",
    "Spokeswoman"), suffixes ("Jr."), possessives, accents, case and punctuation
    are dropped. The names match when they are equal or their last words (the
    surnames) are. By that convention "Bill Clinton" names "Hillary Clinton":
    the gold mention is often a bare surname, and a scorer cannot tell which
    Clinton it means without coreference. A bare first name ("Hillary") names
    only itself.
    """
    mine, theirs = _name_tokens(predicted), _name_tokens(gold)
    return bool(mine and theirs) and (mine == theirs or mine[-1] == theirs[-1])


def _name_tokens(mention: str) -> list[str]:
    head = _HEAD_END.split(unicodedata.normalize("NFKC", mention), maxsplit=1)[0]
    words = re.findall(r"[^\s\-\u2010\u2013\u2014]+", head)
    runs: list[list[str]] = [[]]
    every: list[str] = []
    seen_capital = False
    for position, word in enumerate(words):
        possessive = _POSSESSIVE.search(word) is not None
        token = _fold(_POSSESSIVE.sub("", word))
        if not token:
            continue
        every.append(token)
        if next((c for c in word if c.isalpha()), "").isupper():
            seen_capital = True
            runs[-1].append(token)
            # A possessive belongs to someone else: in "Trump's campaign manager
            # Corey Lewandowski" the speaker's name starts after it.
            if possessive and position < len(words) - 1:
                runs.append([])
        elif seen_capital and token in _CONNECTIVES:
            break
        elif token in _PARTICLES and runs[-1]:  # "Charles de Gaulle"
            runs[-1].append(token)
        else:
            runs.append([])
    # A mention in lower case ("the minister") has no capitalized run: use it all.
    name = next((run for run in reversed(runs) if run), every)
    while name and name[-1] in _PARTICLES:
        name = name[:-1]
    while len(name) > 1 and name[-1] in _SUFFIXES:
        name = name[:-1]
    # The name starts after the last title, never at one that ends it ("Mr. King").
    titles = [i for i, token in enumerate(name[:-1]) if token in _TITLES]
    return name[titles[-1] + 1 :] if titles else name


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Return how many characters two end-exclusive spans share."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match_quotes(
    gold: Sequence[GoldQuote], predicted: Sequence[Quote]
) -> list[tuple[int, int]]:
    """Pair gold and predicted quotes one-to-one; return ``(gold, predicted)`` indices.

    A pair qualifies when the spans overlap by at least half of the longer span.
    Pairs are taken greedily by largest overlap, then closest boundaries, then
    position, so the order of ``predicted`` matters only among identical spans.
    """
    candidates = []
    for g, want in enumerate(gold):
        for p, quote in enumerate(predicted):
            got = quote.content
            shared = overlap(want.start, want.end, got.start, got.end)
            longer = max(want.end - want.start, got.end - got.start)
            if shared > 0 and 2 * shared >= longer:
                drift = abs(want.start - got.start) + abs(want.end - got.end)
                candidates.append((-shared, drift, g, got.start, got.end, p))
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
    attribution is wrong) or ``wrong_name`` (the mention is right, but the speaker
    does not name the gold person).
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
            "by_confidence": self._band_rows(),
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
        gold_speaker=gold.speaker if gold else None,
        gold_speaker_type=gold.speaker_type if gold else None,
        predicted_speaker=quote.speaker if quote else None,
        predicted_mention=mention.text if mention else None,
        confidence=quote.confidence if quote else None,
    )
