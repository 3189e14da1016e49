"""The document pass: find quotes cheaply, parse only where attribution needs it.

Quote marks are paired on the raw text first (:mod:`quotex.marks`). Only the
paragraphs that hold a quote, and the lead-in paragraph of a quote introduced
by a colon, go through the spaCy pipeline; names in every other paragraph are
read with a cheap capitalisation pattern, which is all that resolving pronouns
and canonical names needs from them. A document with no quotation mark is
never parsed at all.

This module schedules that work and assembles records; who said each quote is
decided in :mod:`quotex.attribution`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from quotex.attribution.candidates import (
    Candidate,
    DocumentText,
    QuoteSite,
    merge_candidates,
)
from quotex.attribution.decoder import (
    Attribution,
    Evidence,
    Oracle,
    ReportedSpeech,
    decode,
)
from quotex.attribution.layout import (
    colon_lead_paragraph,
    layout_candidates,
    name_apposition,
)
from quotex.attribution.local import local_candidates
from quotex.attribution.paragraph import Paragraph
from quotex.attribution.people import PersonRegistry
from quotex.attribution.quotation import quotation_features, repeated_quotes
from quotex.attribution.roster import read_people
from quotex.attribution.scorer import AttributionModel, load_model
from quotex.attribution.syntax import reported_speech
from quotex.attribution.trace import QuoteDecision
from quotex.lexicon import Lexicon
from quotex.marks import QuotedSpan, find_quoted_spans
from quotex.paragraphs import find_layout, split_joined
from quotex.quote import Quote, QuoteType, TextSpan
from quotex.speech import quote_type
from quotex.tagmap import PosTable

# Paragraphs longer than this are not parsed (spaCy's own limit is 1,000,000).
MAX_PARSE_CHARS = 100_000
# A line break inside a paragraph, with the spaces around it: the end of a
# wrapped line and the next line's indent read as one space.
_LINE_BREAK_RE = re.compile(r"[^\S\r\n]*(?:\r\n|\r|\n)[^\S\r\n]*")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# Quotations of at least this many words are parsed as a short stand-in.
_SHORTEN_WORDS = 8
# A headline has at most this many words; page furniture above it at most 3.
_HEADLINE_WORDS = 25
_FURNITURE_WORDS = 3
_INTERVIEW_LABEL_RE = re.compile(r"[QA]:\s")
_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]")
# Headlines report speech in the present ("Lavrov says …"); a line that tells
# it in the past ("…, Freeland said: …") is the story's first sentence.
_PAST_REPORT_RE = re.compile(r"\b(?:said|told|added)\b")


def _marks(span: QuotedSpan) -> tuple[int, int]:
    """Where a quotation's marks are: from the opening one past the closing one."""
    end = span.close_pos + 1 if span.close_pos is not None else span.end
    return span.open_pos, end


def _text_span(text: str, start: int, end: int) -> TextSpan:
    """``text[start:end]`` with its offsets, each line break inside the
    paragraph (a hard-wrapped one's), with the spaces around it, shown as
    one space."""
    return TextSpan(start, end, _LINE_BREAK_RE.sub(" ", text[start:end]))


def _stand_in(content: str) -> str:
    """A short quotation that parses like ``content`` in its sentence."""
    word = "Yes" if content[:1].isupper() else "yes"
    last = content.rstrip()[-1:]
    return word + last if last in ",.!?;:—" else word


class QuoteEngine:
    """Extract attributed quotes from documents with a spaCy pipeline."""

    def __init__(
        self,
        nlp: Language,
        lexicon: Lexicon,
        *,
        full_pipeline: bool = False,
        batch_size: int = 64,
        model: AttributionModel | None = None,
        pos_table: PosTable | None = None,
    ) -> None:
        self.nlp = nlp
        #: sets coarse tags after parsing when the pipeline's ruler is off
        self.pos_table = pos_table
        self.lexicon = lexicon
        self.full_pipeline = full_pipeline
        self.batch_size = batch_size
        self.model = model if model is not None else load_model(lexicon.directory)

    def extract(self, text: str) -> list[Quote]:
        """Return the quotes of one document, in text order."""
        return self.analyze(text).quotes(self.model)

    def explain(self, text: str) -> list[tuple[Quote, QuoteDecision | None]]:
        """Return each quote with the trace of the decision that attributed it."""
        return self.analyze(text).explained(self.model)

    def extract_from_doc(self, doc: Doc) -> list[Quote]:
        """Return the quotes of a Doc that a full pipeline has already parsed."""
        return DocumentAnalysis(self, doc.text, parsed=doc).quotes(self.model)

    def extract_many(self, texts: Iterable[str]) -> Iterator[list[Quote]]:
        """Yield the quotes of each document in turn."""
        for text in texts:
            yield self.extract(text)

    def analyze(self, text: str) -> DocumentAnalysis:
        """Find, parse and read everything attribution needs from ``text``.

        The analysis holds no decision: it can be decoded with any weights,
        which is how training and cross-validation reuse one parse.
        """
        return DocumentAnalysis(self, text)

    def parse(self, texts: list[str]) -> list[Doc]:
        """Parse paragraph texts with the pipeline, in batches."""
        docs = self.nlp.pipe(texts, batch_size=self.batch_size)
        if self.pos_table is None:
            return list(docs)
        return [self.pos_table(doc) for doc in docs]


class DocumentAnalysis:
    """One document's quotes, parsed paragraphs, people and candidates."""

    def __init__(
        self, engine: QuoteEngine, text: str, parsed: Doc | None = None
    ) -> None:
        self.engine = engine
        self.lexicon = engine.lexicon
        self.text = text
        layout = find_layout(text)
        spans = find_quoted_spans(text, layout)
        self.layout = split_joined(text, layout, [_marks(span) for span in spans])
        paragraphs = list(self.layout.paragraphs)
        self.document = DocumentText(text, paragraphs, {})
        self._paragraph_starts = [start for start, _ in paragraphs]
        self.sites = [self._site(span) for span in spans]
        if not self.sites and not engine.full_pipeline and parsed is None:
            self.registry = PersonRegistry(self.lexicon)
            self.candidates: list[list[Candidate]] = []
            self.quotation: list[dict[str, float]] = []
            self.events: list[ReportedSpeech] = []
            return
        self.document.headline = self._headline()
        self._parse(parsed)
        self.registry = read_people(
            self.document, self._quote_ranges(), self.lexicon, self._read_closely
        )
        self.candidates = [self._candidates(site) for site in self.sites]
        repeats = repeated_quotes(text, self.sites)
        self.quotation = [
            {
                **quotation_features(
                    self.document, site, self.sites, index, self.lexicon
                ),
                **repeats[index],
            }
            for index, site in enumerate(self.sites)
        ]
        self.events = [
            ReportedSpeech(clue.mention.start, index, clue.mention)
            for index, para in self.document.parsed.items()
            if index in self._read_closely
            for clue in reported_speech(para, self.lexicon)
            if clue.mention is not None
        ]
        # Elsewhere, a name followed by a reporting verb ("Ruth Adeyemi, the
        # chief of staff, says …") reports speech just the same.
        self.events += [
            ReportedSpeech(mention.start, index, mention)
            for index, mention in self.registry.reports
            if index not in self._read_closely
        ]

    # -- decisions -----------------------------------------------------------

    def decode(
        self,
        model: AttributionModel,
        *,
        trace: bool = False,
        oracle: Oracle | None = None,
        speech: Collection[int] = (),
    ) -> list[Attribution]:
        """Attribute every quote with ``model``'s weights, in text order.

        See :func:`quotex.attribution.decoder.decode` for ``oracle`` and
        ``speech``, which training uses.
        """
        evidence = Evidence(
            self.document,
            self.sites,
            self.candidates,
            self.registry,
            self.events,
            self.lexicon,
        )
        return decode(
            evidence, self.quotation, model, trace=trace, oracle=oracle, speech=speech
        )

    def quotes(self, model: AttributionModel) -> list[Quote]:
        """Return the document's quotes, attributed with ``model``."""
        return [quote for quote, _ in self._records(self.decode(model))]

    def explained(
        self, model: AttributionModel
    ) -> list[tuple[Quote, QuoteDecision | None]]:
        """Return the quotes with the trace of each decision."""
        return [
            (quote, attribution.decision)
            for quote, attribution in self._records(self.decode(model, trace=True))
        ]

    def _records(
        self, attributions: list[Attribution]
    ) -> Iterator[tuple[Quote, Attribution]]:
        for site, attribution in zip(self.sites, attributions, strict=True):
            yield self._quote(site, attribution), attribution

    def _quote(self, site: QuoteSite, attribution: Attribution) -> Quote:
        span, mention, cue = site.span, attribution.mention, attribution.cue
        line = self.layout.line_of(span.open_pos)
        kind: QuoteType = "term"
        if not attribution.term:
            kind = quote_type(
                self.text,
                span,
                site.paragraph == self.document.headline,
                self.document.paragraphs[site.paragraph][0],
            )
        return Quote(
            content=_text_span(self.text, span.start, span.end),
            line=line,
            type=kind,
            speaker=attribution.speaker,
            mention=_text_span(self.text, mention.start, mention.end)
            if mention
            else None,
            cue=_text_span(self.text, *cue) if cue else None,
            confidence=attribution.confidence,
        )

    # -- structure -----------------------------------------------------------

    def _site(self, span: QuotedSpan) -> QuoteSite:
        paragraph = bisect.bisect_right(self._paragraph_starts, span.open_pos) - 1
        paragraph = max(paragraph, 0)
        if span.close_pos is not None and span.close_mark is not None:
            close_end = span.close_pos + len(span.close_mark)
        else:
            close_end = span.end
        return QuoteSite(span, paragraph, close_end)

    def _headline(self) -> int:
        """Index of the headline paragraph, or -1 when the text has none.

        Only a first paragraph that looks like a title (short, one sentence,
        not a line of reported speech) and has more text after it is a
        headline. A line of a few words above it ("All news") is furniture.
        """
        count = len(self.document.paragraphs)
        first = 0
        if (
            count > 2
            and len(self.document.paragraph_text(0).split()) <= _FURNITURE_WORDS
            and self._looks_like_title(1)
        ):
            first = 1
        if first + 1 < count and self._looks_like_title(first):
            return first
        return -1

    def _looks_like_title(self, index: int) -> bool:
        text = self.document.paragraph_text(index).strip()
        words = text.split()
        if not words or len(words) > _HEADLINE_WORDS:
            return False
        if _SENTENCE_BREAK_RE.search(text.rstrip(".!?\"”’' ")):
            return False  # two sentences are body text
        if _INTERVIEW_LABEL_RE.match(text):
            return False  # an interview's "Q: …"
        if _PAST_REPORT_RE.search(text):
            return False
        last = words[-1].strip(".,!?\"”’'").lower()
        return last not in self.lexicon.reporting_forms  # '"…," Vosk said.'

    def _quote_ranges(self) -> dict[int, list[tuple[int, int]]]:
        ranges: dict[int, list[tuple[int, int]]] = {}
        for site in self.sites:
            ranges.setdefault(site.paragraph, []).append(
                (site.span.open_pos, site.close_end)
            )
        return ranges

    def _parse(self, parsed: Doc | None) -> None:
        """Parse the paragraphs that hold quotes and the colon leads before them."""
        document = self.document
        ranges = self._quote_ranges()
        wanted = set(ranges)
        for site in self.sites:
            lead = colon_lead_paragraph(document, site)
            if lead is not None:
                wanted.add(lead)
        # What attribution reads from the parse must not depend on how much
        # was parsed: the full pipeline parses more, to the same effect.
        self._read_closely = frozenset(wanted)
        if self.engine.full_pipeline or parsed is not None:
            wanted = set(range(len(document.paragraphs)))
        if parsed is not None:
            for index in sorted(wanted):
                start, end = document.paragraphs[index]
                view = parsed.char_span(start, end, alignment_mode="expand")
                if view is not None and len(view):
                    # Token offsets of a Doc are already document offsets.
                    document.parsed[index] = Paragraph(
                        view, 0, tuple(ranges.get(index, ()))
                    )
            return
        # A paragraph longer than any prose (a log, a data dump) is not parsed:
        # its quotes are still found, and attributed from the passage.
        order = [
            index
            for index in sorted(wanted)
            if document.paragraphs[index][1] - document.paragraphs[index][0]
            <= MAX_PARSE_CHARS
        ]
        shortened = [self._shortened(index) for index in order]
        # spaCy cannot encode half a surrogate pair; a same-length stand-in
        # keeps every offset.
        # A wrapped paragraph's line breaks are spaces to the parser; one
        # character for one keeps every offset.
        texts = [
            _SURROGATE_RE.sub("\ufffd", text).replace("\r", " ").replace("\n", " ")
            for text, _ in shortened
        ]
        docs = self.engine.parse(texts)
        for index, doc, (_, cuts) in zip(order, docs, shortened, strict=True):
            start = document.paragraphs[index][0]
            document.parsed[index] = Paragraph(
                doc[:], start, tuple(ranges.get(index, ())), cuts
            )

    def _shortened(self, index: int) -> tuple[str, tuple[tuple[int, int], ...]]:
        """Return the paragraph's text to parse, long quotations cut short.

        The words inside a long quotation are most of a quote paragraph and
        none of its attribution; parsing a short stand-in instead ("Yes," he
        said) keeps the sentence's shape for a fraction of the cost.
        """
        start, end = self.document.paragraphs[index]
        pieces: list[str] = []
        cuts: list[tuple[int, int]] = []
        cursor = start
        removed = 0
        spans = (
            ()
            if self.engine.full_pipeline
            else [s.span for s in self.sites if s.paragraph == index]
        )
        for span in spans:
            content = self.text[span.start : span.end]
            if content.count(" ") + 1 < _SHORTEN_WORDS:
                continue
            stand_in = _stand_in(content)
            pieces.append(self.text[cursor : span.start])
            pieces.append(stand_in)
            # Where the text after the stand-in starts, in parsed positions.
            resume = span.start - start - removed + len(stand_in)
            removed += (span.end - span.start) - len(stand_in)
            cuts.append((resume, removed))
            cursor = span.end
        pieces.append(self.text[cursor:end])
        return "".join(pieces), tuple(cuts)

    # -- candidates ----------------------------------------------------------

    def _candidates(self, site: QuoteSite) -> list[Candidate]:
        found: list[Candidate] = []
        para = self.document.parsed.get(site.paragraph)
        if para is not None:
            found.extend(
                local_candidates(para, site.open_pos, site.close_end, self.lexicon)
            )
        found.extend(layout_candidates(self.document, site, self.lexicon))
        return merge_candidates(name_apposition(self.document, c) for c in found)
