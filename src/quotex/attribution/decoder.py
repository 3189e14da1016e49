"""The text-order pass: for each quote, choose its candidate, then its person.

Quotes are visited in text order with the reports of speech between them
("He reiterated that …"), so that "he", "the minister" and a quote with no
attribution of its own can follow the thread of who has been speaking. Two
fitted choosers decide, each over its own options: which candidate
attributes the quote (:mod:`quotex.attribution.candidates`), then, for a
pronoun, a description or no mention at all, which earlier person it means
(:mod:`quotex.attribution.resolver`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from quotex.attribution.candidates import (
    Candidate,
    DocumentText,
    QuoteSite,
    distance_features,
    merge_candidates,
)
from quotex.attribution.mentions import Mention
from quotex.attribution.people import PersonRegistry
from quotex.attribution.person import Person
from quotex.attribution.quotation import (
    quotation_starts,
    speech_chances,
    speech_features,
)
from quotex.attribution.resolver import PersonResolver, Resolved
from quotex.attribution.scorer import AttributionModel
from quotex.attribution.trace import QuoteDecision, ScoredOption
from quotex.lexicon import Lexicon

#: Chooses a quote's candidate instead of the model (for training): given the
#: quote's index, its options and the decisions so far, the index of the right
#: option, or None to let the model choose.
Oracle = Callable[[int, Sequence[Candidate], Sequence["Attribution"]], int | None]


@dataclass(frozen=True, slots=True)
class ReportedSpeech:
    """A report of speech outside the quotes: "He reiterated that …"."""

    position: int
    paragraph: int
    mention: Mention


@dataclass(frozen=True, slots=True)
class Attribution:
    """The decision for one quote."""

    speaker: str | None
    mention: Mention | None
    cue: tuple[int, int] | None
    #: calibrated probability that ``speaker`` is right (0 without a speaker)
    confidence: float
    #: the same before calibration
    raw: float
    person: Person | None = None
    decision: QuoteDecision | None = None
    #: how likely the quoted span is speech, and whether it counts as a term
    speech: float = 1.0
    term: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    """What one document offers the decisions: its quotes and who it names."""

    document: DocumentText
    sites: Sequence[QuoteSite]
    #: each site's candidates, merged
    candidates: Sequence[Sequence[Candidate]]
    registry: PersonRegistry
    events: Sequence[ReportedSpeech]
    lexicon: Lexicon


def decode(
    evidence: Evidence,
    quotation: Sequence[dict[str, float]],
    model: AttributionModel,
    *,
    trace: bool = False,
    oracle: Oracle | None = None,
    speech: Collection[int] = (),
) -> list[Attribution]:
    """Decide which quoted spans are speech, then attribute those in text order.

    ``quotation`` holds each span's :mod:`~quotex.attribution.quotation`
    features. A span the ``speech`` chooser finds unlikely to be speech is a
    term: nobody is its speaker and it is left out of the thread of who
    speaks. Spans listed in ``speech`` count as speech whatever the chooser
    says (training follows the gold). ``oracle`` gets indices into ``sites``.
    """
    sites, candidates = evidence.sites, evidence.candidates
    described = [
        speech_features(features, found)
        for features, found in zip(quotation, candidates, strict=True)
    ]
    starts = quotation_starts(evidence.document, sites, candidates)
    probabilities = speech_chances(described, starts, model)
    kept = [
        index
        for index, probability in enumerate(probabilities)
        if index in speech or probability >= model.speech_threshold
    ]
    inner_oracle = None
    if oracle is not None:
        outer = oracle

        def inner_oracle(
            index: int, options: Sequence[Candidate], done: Sequence[Attribution]
        ) -> int | None:
            return outer(kept[index], options, done)

    speaking = replace(
        evidence,
        sites=[sites[i] for i in kept],
        candidates=[candidates[i] for i in kept],
    )
    decoder = Decoder(
        speaking,
        model,
        trace=trace,
        oracle=inner_oracle,
        numbers=[index + 1 for index in kept],
    )
    decided = dict(zip(kept, decoder.run(), strict=True))
    results = []
    for index, site in enumerate(sites):
        probability = probabilities[index]
        if index in decided:
            results.append(replace(decided[index], speech=probability))
            continue
        decision = None
        if trace:
            decision = QuoteDecision(
                site.span.start,
                site.span.end,
                [],
                -1,
                None,
                None,
                0.0,
                0.0,
                [f"not speech (probability {probability:.2f}): a term"],
            )
        results.append(
            Attribution(None, None, None, 0.0, 0.0, None, decision, probability, True)
        )
    return results


class Decoder:
    """Attribute every quote of one document, in text order."""

    def __init__(
        self,
        evidence: Evidence,
        model: AttributionModel,
        *,
        trace: bool = False,
        oracle: Oracle | None = None,
        numbers: Sequence[int] | None = None,
    ) -> None:
        self.document = document = evidence.document
        self.sites = sites = evidence.sites
        # How the trace numbers each quote: among all quoted spans, terms too.
        self.numbers = list(numbers or range(1, len(sites) + 1))
        self.candidates = candidates = evidence.candidates
        self.events = sorted(evidence.events, key=lambda event: event.position)
        self.model = model
        self.trace = trace
        self.oracle = oracle
        self.people = PersonResolver(
            document, evidence.registry, model, evidence.lexicon, trace=trace
        )
        # A quotation running over paragraphs (each opening with a mark, only
        # the last closed) is one quotation: its parts are decided together.
        self._run_start = quotation_starts(document, sites, candidates)
        self._run_end = list(range(len(sites)))
        for index in reversed(range(len(sites) - 1)):
            if self._run_start[index + 1] == self._run_start[index]:
                self._run_end[index] = self._run_end[index + 1]

    def run(self) -> list[Attribution]:
        """Return one attribution per site, in order."""
        results: list[Attribution] = []
        pending = iter(self.events)
        event = next(pending, None)
        for index, site in enumerate(self.sites):
            while event is not None and event.position < site.open_pos:
                self.people.follow_report(event.mention, event.paragraph)
                event = next(pending, None)
            first = self._run_start[index]
            if first != index:
                # One quotation over several paragraphs has one speaker.
                results.append(_continued(results[first], site, self.numbers[first]))
                continue
            results.append(self._attribute(index, site, results))
        return results

    # -- which candidate ----------------------------------------------------

    def _attribute(
        self, index: int, site: QuoteSite, done: list[Attribution]
    ) -> Attribution:
        options = self._options(index, done)
        chooser = self.model.chooser("quote")
        probabilities = chooser.probabilities([o.features for o in options])
        chosen = max(range(len(options)), key=probabilities.__getitem__)
        if self.oracle is not None:
            forced = self.oracle(index, options, done)
            chosen = chosen if forced is None else forced
        candidate = options[chosen]
        mention, cue = candidate.mention, candidate.cue
        if candidate.carried is not None:
            earlier = done[candidate.carried]
            mention, cue = earlier.mention, earlier.cue
            resolved = Resolved(earlier.speaker, earlier.person, earlier.raw or 1.0)
            path = ["carried from the quote before"]
        else:
            resolved = self.people.resolve(
                mention,
                site,
                _opens_paragraph(self.document, site),
                self._since(done),
            )
            path = [mention.kind if mention is not None else "no attribution"]
        raw = probabilities[chosen] * resolved.probability
        confidence = self.model.calibration(raw) if resolved.speaker else 0.0
        if resolved.person is not None:
            self.people.note_quote(site.paragraph, mention, resolved.person)
        decision = None
        if self.trace:
            if resolved.choice is not None:
                path.append(f"{resolved.choice.chooser} -> {resolved.speaker}")
            decision = QuoteDecision(
                site.span.start,
                site.span.end,
                [
                    ScoredOption(self._label(o), o.features, s, p)
                    for o, s, p in zip(
                        options,
                        [chooser.score(o.features) for o in options],
                        probabilities,
                        strict=True,
                    )
                ],
                chosen,
                resolved.choice,
                resolved.speaker,
                round(raw, 6),
                round(confidence, 6),
                path,
            )
        return Attribution(
            resolved.speaker,
            mention,
            cue,
            confidence,
            raw if resolved.speaker else 0.0,
            resolved.person,
            decision,
        )

    def _options(self, index: int, done: list[Attribution]) -> list[Candidate]:
        """The quote's own candidates, then what it can borrow from its neighbours."""
        site = self.sites[index]
        last = self._run_end[index]
        options = merge_candidates(
            candidate
            for part in range(index, last + 1)
            for candidate in self.candidates[part]
        )
        if last > index:
            for option in options:
                option.features["in_a_run"] = 1.0
        opens = _opens_paragraph(self.document, site)
        if index > 0:
            options.append(self._previous_quote(index, done, opens))
        none = {"src:none": 1.0}
        if opens:
            none["none&opens_paragraph"] = 1.0
        if site.paragraph == self.document.headline:
            none["none&headline"] = 1.0
        options.append(Candidate(None, None, none))
        return options

    def _previous_quote(
        self, index: int, done: list[Attribution], opens: bool
    ) -> Candidate:
        """The quote before's speaker: "…," she said. "…" and runs of quotes."""
        site, previous = self.sites[index], self.sites[index - 1]
        features = {"src:previous_quote": 1.0}
        back = site.paragraph - previous.paragraph
        if back == 0:
            features["previous_same_paragraph"] = 1.0
        elif back == 1 and opens:
            features["previous_paragraph_before"] = 1.0
            if not previous.span.terminated:
                features["previous_runs_on"] = 1.0
        else:
            features["previous_far"] = 1.0
        gap = self.document.text[previous.close_end : site.open_pos]
        features.update(distance_features("gap_words", len(gap.split())))
        if done[index - 1].mention is None:
            features["previous_without_mention"] = 1.0
        elif done[index - 1].speaker is None:
            features["previous_without_speaker"] = 1.0
        return Candidate(None, None, features, carried=index - 1)

    def _label(self, candidate: Candidate) -> str:
        """Say in a few words what a candidate proposes, for the trace."""
        if candidate.carried is not None:
            return f"the speaker of quote {self.numbers[candidate.carried]}"
        text = self.document.text
        parts = []
        if candidate.mention is not None:
            parts.append(repr(candidate.mention.text))
        if candidate.cue is not None:
            parts.append(f"cue {text[candidate.cue[0] : candidate.cue[1]]!r}")
        if not parts:
            return "no attribution"
        return " ".join(parts) + f" [{', '.join(candidate.sources)}]"

    def _since(self, done: Sequence[Attribution]) -> int | None:
        """Where the quote before and its attribution ("…," Vosk said) end."""
        if not done:
            return None
        previous = self.sites[len(done) - 1]
        ends = [previous.close_end]
        last = done[-1]
        if last.mention is not None:
            ends.append(last.mention.end)
        if last.cue is not None:
            ends.append(last.cue[1])
        return max(ends)


def _continued(decided: Attribution, site: QuoteSite, number: int) -> Attribution:
    """The decision for a later paragraph of a quotation: its first one's."""
    decision = decided.decision
    if decision is not None:
        decision = replace(
            decision,
            start=site.span.start,
            end=site.span.end,
            path=[f"one quotation with quote {number}", *decision.path],
        )
    return replace(decided, decision=decision)


def _opens_paragraph(document: DocumentText, site: QuoteSite) -> bool:
    start = document.paragraphs[site.paragraph][0]
    return not document.text[start : site.open_pos].strip()
