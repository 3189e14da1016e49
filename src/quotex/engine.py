"""The document pass: find quotes cheaply, parse only where attribution needs it.

Quote marks are paired on the raw text first (:mod:`quotex.marks`). Only the
paragraphs that hold a quote, and the lead-in paragraph of a quote introduced
by a colon, go through the spaCy pipeline; names in every other paragraph are
read with a cheap capitalisation pattern, which is all pronoun resolution and
canonical names need from them. A document with no quotation mark is never
parsed at all.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from quotex import attribution as rules
from quotex.attribution import LocalAttribution, Mention, Paragraph
from quotex.lexicon import Lexicon
from quotex.marks import QuotedSpan, find_quoted_spans, iter_lines
from quotex.people import CAPITALIZED_RUN_RE, PersonRegistry
from quotex.quote import Quote, QuoteType, TextSpan
from quotex.resolution import GOVERNOR_DISCOUNT, Resolved, Resolver
from quotex.speech import is_scare_quote, is_speech, quote_type

# Context words kept before a name as its possible titles ("Foreign Minister").
_TITLE_WINDOW = 5
_APPOSITION_RE = re.compile(r",\s+((?:the|a|an|[A-Z][\w’']*['’]s)\s+[^,;.\n]{1,60}),")
# Paragraphs longer than this are not parsed (spaCy's own limit is 1,000,000).
MAX_PARSE_CHARS = 100_000
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# Quotations of at least this many words are parsed as a short stand-in.
_SHORTEN_WORDS = 8
# A speaker's name in capitals opening a quoted transcript turn.
_TURN_LABEL_RE = re.compile(r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):\s")
# Lines this short above the headline are page furniture ("All news").
_FURNITURE_WORDS = 4
_HEADLINE_SPEAKER_RE = re.compile(r"\s*:\s*")
_SPEAKER_LABEL_RE = re.compile(r"\s*((?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'.-]*):\s")
# "Obama on Climate Change: The Trends Are 'Terrifying'": who, then the topic.
_ON_TOPIC_LABEL_RE = re.compile(
    r"\s*((?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'.-]*)\s+on\s+[^:]{1,80}:\s"
)


@dataclass(slots=True)
class _Candidate:
    """A quoted span on its way to becoming a Quote."""

    span: QuotedSpan
    line: int
    ordinal: int  # index among non-blank paragraphs: the unit of "recent"
    close_end: int
    local: LocalAttribution | None = None
    mention: Mention | None = None


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
    ) -> None:
        self.nlp = nlp
        self.lexicon = lexicon
        self.full_pipeline = full_pipeline
        self.batch_size = batch_size

    def extract(self, text: str) -> list[Quote]:
        """Return the quotes of one document, in text order."""
        return _Document(self, text).run()

    def extract_from_doc(self, doc: Doc) -> list[Quote]:
        """Return the quotes of a Doc that a full pipeline has already parsed."""
        return _Document(self, doc.text, parsed=doc).run()

    def extract_many(self, texts: Iterable[str]) -> Iterator[list[Quote]]:
        """Yield the quotes of each document in turn."""
        for text in texts:
            yield self.extract(text)

    def parse(self, texts: list[str]) -> list[Doc]:
        return list(self.nlp.pipe(texts, batch_size=self.batch_size))


class _Document:
    """All the state of one document's pass."""

    def __init__(
        self, engine: QuoteEngine, text: str, parsed: Doc | None = None
    ) -> None:
        self.engine = engine
        self.parsed = parsed
        self.lexicon = engine.lexicon
        self.text = text
        self.lines = list(iter_lines(text))
        self.line_starts = [start for start, _ in self.lines]
        self.ordinals: list[int] = []
        count = 0
        for start, end in self.lines:
            self.ordinals.append(count)
            if text[start:end].strip():
                count += 1
        self.paragraphs: dict[int, Paragraph] = {}
        self._spans_by_line: dict[int, list[QuotedSpan]] = {}

    def run(self) -> list[Quote]:
        spans = find_quoted_spans(self.text)
        if not spans and not self.engine.full_pipeline:
            return []
        candidates = [self._candidate(span) for span in spans]
        for candidate in candidates:
            self._spans_by_line.setdefault(candidate.line, []).append(candidate.span)
        ranges: dict[int, list[tuple[int, int]]] = {}
        for candidate in candidates:
            ranges.setdefault(candidate.line, []).append(
                (candidate.span.open_pos, candidate.close_end)
            )
        wanted = set(ranges)
        for candidate in candidates:
            lead = self._colon_lead_line(candidate)
            if lead is not None:
                wanted.add(lead)
        if self.engine.full_pipeline or self.parsed is not None:
            wanted.update(i for i, (s, e) in enumerate(self.lines) if s < e)
        self._parse(sorted(wanted), ranges)
        registry = self._people()
        resolver = Resolver(registry, self.lexicon)
        for candidate in candidates:
            self._attribute_locally(candidate)
        self._attribute_runs_from_their_end(candidates)
        return self._resolve(candidates, resolver)

    def _attribute_runs_from_their_end(self, candidates: list[_Candidate]) -> None:
        """Give a quote running over paragraphs the speaker named where it ends.

        ``"I rebuilt once.`` / ``"So yes, I want the wall," Holm said.``: the
        open paragraphs have no attribution of their own; the closing one does.
        """
        # A run whose opening paragraph has its own speaker ("PENCE: Well,
        # look, …") goes on in that voice; only runs without one borrow.
        spoken_for: set[int] = set()
        for previous, current in itertools.pairwise(candidates):
            if self._runs_on(previous, current) and (
                previous.mention is not None or id(previous) in spoken_for
            ):
                spoken_for.add(id(current))
        for current, following in zip(
            reversed(candidates[:-1]), reversed(candidates[1:]), strict=True
        ):
            if (
                current.mention is None
                and id(current) not in spoken_for
                and following.mention is not None
                and self._runs_on(current, following)
            ):
                current.mention = following.mention
                current.local = following.local

    def _continues(self, previous: _Candidate, current: _Candidate) -> bool:
        """Whether ``current`` goes on with ``previous``'s speaker.

        In the same paragraph, or opening the next one. A quote inside the
        next paragraph's own sentence ("Ted Cruz named “Veep” …") is that
        sentence's, not the last speaker's.
        """
        return current.ordinal == previous.ordinal or self._opens_next_paragraph(
            previous, current
        )

    def _runs_on(self, previous: _Candidate, current: _Candidate) -> bool:
        """Whether ``current`` continues ``previous`` into the next paragraph."""
        return not previous.span.terminated and self._opens_next_paragraph(
            previous, current
        )

    def _opens_next_paragraph(self, previous: _Candidate, current: _Candidate) -> bool:
        return current.ordinal == previous.ordinal + 1 and self._opens_line(current)

    def _opens_line(self, candidate: _Candidate) -> bool:
        """Whether nothing but space stands before the quote on its line."""
        start = self.lines[candidate.line][0]
        return not self.text[start : candidate.span.open_pos].strip()

    # -- structure ---------------------------------------------------------

    def _candidate(self, span: QuotedSpan) -> _Candidate:
        line = bisect.bisect_right(self.line_starts, span.open_pos) - 1
        if span.close_pos is not None and span.close_mark is not None:
            close_end = span.close_pos + len(span.close_mark)
        else:
            close_end = self.lines[line][1]
        return _Candidate(span, line, self.ordinals[line], close_end)

    def _previous_line(self, line: int) -> int | None:
        for index in range(line - 1, max(-1, line - 3), -1):
            start, end = self.lines[index]
            if self.text[start:end].strip():
                return index
        return None

    def _next_line(self, line: int) -> int | None:
        for index in range(line + 1, min(len(self.lines), line + 3)):
            start, end = self.lines[index]
            if self.text[start:end].strip():
                return index
        return None

    def _colon_lead_line(self, candidate: _Candidate) -> int | None:
        """The paragraph before a quote that opens its own, when it ends in ':'."""
        if not self._opens_line(candidate):
            return None
        previous = self._previous_line(candidate.line)
        if previous is None:
            return None
        prev_start, prev_end = self.lines[previous]
        if self.text[prev_start:prev_end].rstrip().endswith(":"):
            return previous
        return None

    def _parse(
        self, lines: list[int], ranges: dict[int, list[tuple[int, int]]]
    ) -> None:
        if self.parsed is not None:
            for line in lines:
                start, end = self.lines[line]
                view = self.parsed.char_span(start, end, alignment_mode="expand")
                if view is not None and len(view):
                    # Token offsets of a Doc are already document offsets.
                    self.paragraphs[line] = Paragraph(
                        view, 0, tuple(ranges.get(line, ()))
                    )
            return
        # A paragraph longer than any prose (a log, a data dump) is not parsed:
        # its quotes are still found, and attributed from the passage.
        lines = [line for line in lines if self._parse_length(line) <= MAX_PARSE_CHARS]
        shortened = [self._shortened(line) for line in lines]
        # spaCy cannot encode half a surrogate pair; a same-length stand-in
        # keeps every offset.
        texts = [_SURROGATE_RE.sub("\ufffd", text) for text, _ in shortened]
        docs = self.engine.parse(texts)
        for line, doc, (_, cuts) in zip(lines, docs, shortened, strict=True):
            start = self.lines[line][0]
            self.paragraphs[line] = Paragraph(
                doc[:], start, tuple(ranges.get(line, ())), cuts
            )

    def _parse_length(self, line: int) -> int:
        start, end = self.lines[line]
        return end - start

    def _shortened(self, line: int) -> tuple[str, tuple[tuple[int, int], ...]]:
        """Return the paragraph's text to parse, long quotations cut short.

        The words inside a long quotation are most of a quote paragraph and
        none of its attribution; parsing a short stand-in instead ("Yes," he
        said) keeps the sentence's shape for a fraction of the cost.
        """
        start, end = self.lines[line]
        pieces: list[str] = []
        cuts: list[tuple[int, int]] = []
        cursor = start
        removed = 0
        for span in (
            () if self.engine.full_pipeline else self._spans_by_line.get(line, ())
        ):
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

    # -- people ------------------------------------------------------------

    def _people(self) -> PersonRegistry:
        """Collect the people the document names, outside its quotes.

        Names are read from runs of capitalised words on every paragraph,
        parsed or not, with the lower-case words before them ("presidential
        candidate") and an apposition after ("Lavrov, the top diplomat,") as
        their possible roles.
        """
        registry = PersonRegistry(self.lexicon)
        for index, (start, end) in enumerate(self.lines):
            if start == end or self._is_title_case_headline(index):
                continue
            para = self.paragraphs.get(index)
            quotes = para.quote_ranges if para is not None else ()
            for match in CAPITALIZED_RUN_RE.finditer(self.text, start, end):
                position = match.start()
                if any(open_ <= position < close for open_, close in quotes):
                    continue
                lead = self.text[max(start, position - 60) : position].split()
                roles = [w for w in lead[-_TITLE_WINDOW:] if w.islower()]
                after = self.text[match.end() : match.end() + 80]
                apposition = _APPOSITION_RE.match(after)
                if apposition:
                    roles.append(apposition.group(1))
                self._add_name(registry, match.group(), position, " ".join(roles))
        return registry

    def _is_title_case_headline(self, line: int) -> bool:
        """Whether ``line`` is a headline In Which Every Word Is Capitalised.

        Its runs of capitals are not names ("Hillary Clinton Goes After Donald
        Trump"); the body names the same people properly.
        """
        if not self._is_title_line(line):
            return False
        start, end = self.lines[line]
        words = [w for w in self.text[start:end].split() if w[:1].isalpha()]
        capitalised = sum(w[:1].isupper() for w in words)
        return len(words) >= 4 and capitalised >= 0.8 * len(words)

    def _add_name(
        self, registry: PersonRegistry, run: str, position: int, context: str
    ) -> None:
        titles, words = registry.split_title(run)
        if not words or all(w.isupper() for w in words):
            return
        looks_like_person = (
            len(words) >= 2 and words[0].lower() in self.lexicon.first_names
        ) or any(t.lower().rstrip(".") in self.lexicon.title_genders for t in titles)
        context = " ".join([*titles, context])
        if looks_like_person or registry.find(words) is not None:
            registry.add(" ".join(words), position, context=context)
        elif len(words) >= 2:
            registry.note_candidate(words, context)

    # -- attribution -------------------------------------------------------

    def _attribute_locally(self, candidate: _Candidate) -> None:
        span = candidate.span
        label = _TURN_LABEL_RE.match(self.text, span.start, span.end)
        if label is not None:
            # A quoted transcript turn: "PENCE: Well, look, …".
            name = label.group(1)
            candidate.mention = Mention(
                label.start(1), label.end(1), name, "name", name
            )
            return
        if self._is_title_line(candidate.line):
            headline_label = self._headline_label(candidate)
            if headline_label is not None:
                # "Lewandowski: FBI director acted as 'judge and jury'": the
                # name before a headline's colon is who the quote is from.
                candidate.mention = headline_label
                return
        para = self.paragraphs.get(candidate.line)
        if para is not None:
            candidate.local = rules.find_attribution(
                para, span.open_pos, candidate.close_end, self.lexicon
            )
        if candidate.local is not None and candidate.local.mention is not None:
            candidate.mention = candidate.local.mention
            return
        line_end = self.lines[candidate.line][1]
        mention = self._dash_or_headline_speaker(candidate, line_end)
        if mention is None:
            mention = self._colon_lead_speaker(candidate)
        if mention is None:
            mention = self._headline_subject(candidate)
        candidate.mention = mention

    def _headline_subject(self, candidate: _Candidate) -> Mention | None:
        """The name a headline opens with: "Cruz 'glad to finish' fight with
        Trump", "DNC issues 'deep and sincere apology'"."""
        line = candidate.line
        if not self._is_title_line(line):
            return None
        para = self.paragraphs.get(line)
        if para is None:
            return None
        # The proper nouns the line opens with, as tagged, up to a reporting
        # verb: "Glenn Beck" of "Glenn Beck Blasts Drudge", and nothing of
        # "Top aide's leaked memo".
        names = list(
            itertools.takewhile(
                lambda t: (
                    t.pos_ == "PROPN" and t.lower_ not in self.lexicon.reporting_forms
                ),
                para.span,
            )
        )
        if not names or para.inside_quote(names[-1]):
            return None
        start = para.offset(names[0])
        end = para.offset(names[-1]) + len(names[-1])
        name = self.text[start:end]
        if end > candidate.span.open_pos or not name[:1].isupper():
            return None
        return Mention(start, end, name, "name", name)

    def _headline_label(self, candidate: _Candidate) -> Mention | None:
        """The speaker label opening the quote's line: "Issa: …", "LOPEZ: …"."""
        line_start = self.lines[candidate.line][0]
        open_pos = candidate.span.open_pos
        lead = _SPEAKER_LABEL_RE.match(self.text, line_start, open_pos)
        if lead is None and self._is_title_line(candidate.line):
            lead = _ON_TOPIC_LABEL_RE.match(self.text, line_start, open_pos)
        if lead is None:
            return None
        name = lead.group(1)
        if {w.lower() for w in name.split()} <= self.lexicon.rubrics | {"the"}:
            return None  # "The Latest: …", "Watch: …"
        return Mention(lead.start(1), lead.end(1), name, "name", name)

    def _dash_or_headline_speaker(
        self, candidate: _Candidate, line_end: int
    ) -> Mention | None:
        lead = self._headline_label(candidate)
        if lead is not None:
            # "Issa: Hillary Clinton’s ‘Honesty Is In Question’" and transcripts
            # ("LOPEZ: Well, …"): the label before the colon is the speaker.
            return lead
        if not candidate.span.terminated:
            return None
        dash = rules.dash_speaker(self.text, candidate.close_end, line_end)
        if dash is None:
            following = self._next_line(candidate.line)
            if (
                following is not None
                and not self.text[candidate.close_end : line_end].strip()
            ):
                dash = rules.dash_speaker(self.text, *self.lines[following])
        if dash is not None:
            name = self.text[dash[0] : dash[1]]
            return Mention(dash[0], dash[1], name, "name", name)
        colon = _HEADLINE_SPEAKER_RE.match(self.text, candidate.close_end, line_end)
        if colon is not None and self.text[candidate.close_end : colon.end()].strip():
            run = CAPITALIZED_RUN_RE.match(self.text, colon.end(), line_end)
            if run is not None:
                name = run.group()
                return Mention(run.start(), run.end(), name, "name", name)
        return None

    def _colon_lead_speaker(self, candidate: _Candidate) -> Mention | None:
        lead_line = self._colon_lead_line(candidate)
        para = self.paragraphs.get(lead_line) if lead_line is not None else None
        if para is None:
            return None
        found = rules.speaker_before_colon(para, para.span, self.lexicon)
        if found is not None and candidate.local is None:
            candidate.local = found
        return found.mention if found else None

    def _resolve(self, candidates: list[_Candidate], resolver: Resolver) -> list[Quote]:
        """Resolve speakers in text order, interleaved with reported speech."""
        events: list[tuple[int, int, Mention]] = []
        for line, para in self.paragraphs.items():
            for found in rules.reported_speech(para, self.lexicon):
                assert found.mention is not None
                events.append((found.mention.start, self.ordinals[line], found.mention))
        events.sort(key=lambda event: event[0])
        quotes: list[Quote] = []
        last: tuple[_Candidate, Resolved] | None = None  # the last quote with a mention
        next_event = 0
        for candidate in candidates:
            while (
                next_event < len(events)
                and events[next_event][0] < candidate.span.open_pos
            ):
                _, ordinal, mention = events[next_event]
                resolved = resolver.resolve(mention, ordinal)
                if resolved.person is not None:
                    resolver.note_speaker(resolved, ordinal)
                next_event += 1
            if not is_speech(self.text, candidate.span):
                continue
            if candidate.mention is not None:
                resolved = resolver.resolve(candidate.mention, candidate.ordinal)
                if candidate.local is not None and candidate.local.method == "governor":
                    # The subject of the carrying sentence, with no reporting
                    # verb between: right less often than a cue's subject.
                    resolved = replace(
                        resolved, confidence=resolved.confidence * GOVERNOR_DISCOUNT
                    )
                last = (candidate, resolved)
            elif last is not None and self._continues(last[0], candidate):
                # The second half of "…," she said. "…" and a quote running on
                # into the next paragraph: the same words attribute both.
                candidate.mention = last[0].mention
                candidate.local = last[0].local
                resolved = resolver.continued(last[1])
            else:
                resolved = resolver.floating(candidate.ordinal)
            has_cue = candidate.local is not None and candidate.local.cue is not None
            if is_scare_quote(self.text, candidate.span, has_cue, resolved.speaker):
                continue
            resolver.note_speaker(resolved, candidate.ordinal)
            quotes.append(self._quote(candidate, resolved))
        return quotes

    def _quote(self, candidate: _Candidate, resolved: Resolved) -> Quote:
        span = candidate.span
        mention = candidate.mention
        cue = candidate.local.cue if candidate.local else None
        kind: QuoteType = quote_type(
            self.text,
            span,
            self._is_title_line(candidate.line),
            self.lines[candidate.line][0],
        )
        return Quote(
            content=TextSpan(span.start, span.end, self.text[span.start : span.end]),
            line=candidate.line + 1,
            type=kind,
            speaker=resolved.speaker,
            mention=TextSpan(
                mention.start, mention.end, self.text[mention.start : mention.end]
            )
            if mention
            else None,
            cue=TextSpan(cue[0], cue[1], self.text[cue[0] : cue[1]]) if cue else None,
            confidence=resolved.confidence,
        )

    def _is_title_line(self, line: int) -> bool:
        """Whether ``line`` is the headline: the first paragraph of substance.

        Lines of a few words before it ("All news", a section name) are page
        furniture, not the headline.
        """
        return line <= self._headline_line

    @functools.cached_property
    def _headline_line(self) -> int:
        """Index of the first line longer than page furniture."""
        for index, (start, end) in enumerate(self.lines):
            if (
                len(self.text[start:end].split(None, _FURNITURE_WORDS))
                > _FURNITURE_WORDS
            ):
                return index
        return len(self.lines)
