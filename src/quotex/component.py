"""The ``quotex`` spaCy component: quotes on a Doc parsed by your own pipeline.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("quotex")
    doc = nlp(text)
    for span in doc.spans["quotes"]:
        print(span._.quotex_speaker, span.text)

The factory is registered through the ``spacy_factories`` entry point, so
``nlp.add_pipe("quotex")`` works without importing quotex first.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from quotex.engine import QuoteEngine
from quotex.lexicon import load_lexicon
from quotex.quote import Quote, TextSpan

DEFAULT_SPANS_KEY = "quotes"

# Only plain values go on the Doc, so it stays msgpack-safe for DocBin and
# nlp.pipe(n_process=...): offsets as (start, end) tuples, never objects.
_SPAN_EXTENSIONS = {
    "quotex_speaker": None,
    "quotex_mention": None,
    "quotex_cue": None,
    "quotex_type": None,
    "quotex_confidence": 0.0,
    "quotex_line": 0,
}
for _name, _default in _SPAN_EXTENSIONS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


@Language.factory(
    "quotex",
    assigns=["doc.spans"],
    requires=["token.dep", "token.pos", "token.tag"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "lexicon": None,
        "all_quoted": False,
    },
)
def make_quote_finder(
    nlp: Language, name: str, spans_key: str, lexicon: str | None, all_quoted: bool
) -> QuoteFinder:
    """Build the component; ``lexicon`` is a folder of word lists, or None.

    ``all_quoted`` also puts quoted words that are not speech (type ``term``)
    in the spans.
    """
    return QuoteFinder(
        nlp, name, spans_key=spans_key, lexicon=lexicon, all_quoted=all_quoted
    )


class QuoteFinder:
    """Put quotes in ``doc.spans[spans_key]`` with speaker, cue and type."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        spans_key: str,
        lexicon: str | None,
        all_quoted: bool = False,
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.all_quoted = all_quoted
        self.engine = QuoteEngine(nlp, load_lexicon(lexicon))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for quote in self.engine.extract_from_doc(doc):
            if quote.type == "term" and not self.all_quoted:
                continue
            span = doc.char_span(
                quote.content.start, quote.content.end, alignment_mode="expand"
            )
            if span is None:
                continue
            span._.quotex_speaker = quote.speaker
            span._.quotex_mention = _bounds(quote.mention)
            span._.quotex_cue = _bounds(quote.cue)
            span._.quotex_type = quote.type
            span._.quotex_confidence = quote.confidence
            span._.quotex_line = quote.line
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


def _bounds(span: TextSpan | None) -> tuple[int, int] | None:
    return (span.start, span.end) if span else None


def quotes_from_doc(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> list[Quote]:
    """Rebuild the plain Quote records the component stored on ``doc``."""
    quotes = []
    text = doc.text
    for span in doc.spans.get(spans_key, []):
        mention, cue = span._.quotex_mention, span._.quotex_cue
        start, end = span.start_char, span.end_char
        quotes.append(
            Quote(
                content=TextSpan(start, end, text[start:end]),
                line=span._.quotex_line,
                type=span._.quotex_type,
                speaker=span._.quotex_speaker,
                mention=_text_span(text, mention),
                cue=_text_span(text, cue),
                confidence=span._.quotex_confidence,
            )
        )
    return quotes


def _text_span(text: str, bounds: tuple[int, int] | None) -> TextSpan | None:
    if bounds is None:
        return None
    start, end = bounds
    return TextSpan(start, end, text[start:end])
