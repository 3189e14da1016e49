"""Turn gold-annotated articles into the decisions the choosers learn from.

Each article is parsed once (:meth:`QuoteEngine.analyze`) and matched to its
gold quotes. A decode with an *oracle* then follows the gold: where the gold
says which words attribute a quote, the oracle picks the candidate with those
words, and records every quote's options with which of them are right; the
person decisions taken on the way are recorded the same way.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from quotex.attribution.candidates import Candidate
from quotex.attribution.decoder import Attribution
from quotex.attribution.mentions import Mention
from quotex.attribution.quotation import speech_features
from quotex.attribution.scorer import AttributionModel
from quotex.engine import DocumentAnalysis
from quotex.evaluation import match_spans, overlap
from quotex.gold import GoldDocument, GoldQuote
from quotex.names import names_same_person
from quotex.training.fit import Group


@dataclass(slots=True)
class GoldAnalysis:
    """One gold article, parsed, with each quote site's gold quote."""

    corpus: str
    document: GoldDocument
    analysis: DocumentAnalysis
    #: site index -> the gold quote it matches
    gold: dict[int, GoldQuote] = field(default_factory=dict)

    @classmethod
    def build(
        cls, corpus: str, document: GoldDocument, analysis: DocumentAnalysis
    ) -> GoldAnalysis:
        """Match the analysis' quote sites to the document's gold quotes."""
        sites = [(s.span.start, s.span.end) for s in analysis.sites]
        gold = [(q.start, q.end) for q in document.quotes]
        pairs = match_spans(gold, sites)
        return cls(
            corpus, document, analysis, {p: document.quotes[g] for g, p in pairs}
        )


def mention_is_gold(mention: Mention | None, gold: GoldQuote) -> bool:
    """Whether ``mention`` is the gold's speaker mention (their spans overlap)."""
    if mention is None or gold.speaker_start is None or gold.speaker_end is None:
        return False
    return overlap(mention.start, mention.end, gold.speaker_start, gold.speaker_end) > 0


def names_gold(name: str | None, gold: GoldQuote) -> bool:
    """Whether ``name`` names the person the gold says spoke."""
    wanted = gold.named_speaker
    return name is not None and wanted is not None and names_same_person(name, wanted)


class _Oracle:
    """Pick, for each quote, a candidate the gold says is right."""

    def __init__(self, item: GoldAnalysis, model: AttributionModel) -> None:
        self.item = item
        self.chooser = model.chooser("quote")
        self.groups: list[Group] = []

    def __call__(
        self, index: int, options: Sequence[Candidate], done: Sequence[Attribution]
    ) -> int | None:
        gold = self.item.gold.get(index)
        if gold is None:
            return None
        right = [self._is_right(option, gold, done) for option in options]
        if not any(right):
            # Nothing near the quote names the speaker: the quote floats, and
            # the person comes from the thread of the text (or nobody).
            right[-1] = True
        self.groups.append(Group([o.features for o in options], right))
        best = max(
            (k for k, ok in enumerate(right) if ok),
            key=lambda k: self.chooser.score(options[k].features),
        )
        return best

    @staticmethod
    def _is_right(
        option: Candidate, gold: GoldQuote, done: Sequence[Attribution]
    ) -> bool:
        no_mention = gold.speaker_start is None
        if option.carried is not None:
            earlier = done[option.carried]
            return mention_is_gold(earlier.mention, gold) or (
                no_mention and names_gold(earlier.speaker, gold)
            )
        mention = option.mention
        if mention is None:
            return False
        return mention_is_gold(mention, gold) or (
            no_mention
            and mention.kind in ("name", "organization")
            and names_gold(mention.key, gold)
        )


def collect_groups(
    items: Sequence[GoldAnalysis], model: AttributionModel
) -> dict[str, list[Group]]:
    """Decode each article along the gold and return every chooser's decisions."""
    groups: dict[str, list[Group]] = defaultdict(list)
    # Each corpus counts alike in what is speech: the conventions of one big
    # corpus must not drown those of a small one from another newsroom.
    sizes = Counter(item.corpus for item in items)
    for item in items:
        analysis = item.analysis
        weight = len(items) / (len(sizes) * sizes[item.corpus])
        for index, features in enumerate(analysis.quotation):
            # Speech against not: two options, the second with no features.
            speech = index in item.gold
            groups["speech"].append(
                Group(
                    [speech_features(features, analysis.candidates[index]), {}],
                    [speech, not speech],
                    weight,
                )
            )
        oracle = _Oracle(item, model)
        attributions = analysis.decode(
            model, trace=True, oracle=oracle, speech=frozenset(item.gold)
        )
        groups["quote"].extend(oracle.groups)
        for index, attribution in enumerate(attributions):
            gold = item.gold.get(index)
            decision = attribution.decision
            if gold is None or decision is None or decision.person is None:
                continue
            choice = decision.person
            wanted = gold.named_speaker
            right = [
                wanted is None
                if k == 0
                else wanted is not None and names_same_person(option.label, wanted)
                for k, option in enumerate(choice.options)
            ]
            if wanted is not None and not any(right[1:]):
                continue  # the right person was not among the options
            groups[choice.chooser].append(
                Group([option.features for option in choice.options], right)
            )
    return groups
