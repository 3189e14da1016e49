"""The option that a mention names nobody the text names, and its features.

"A spokesman" brings someone new in; "the spokesperson" after "a
spokesperson for the mayor's office" is that unnamed person again; "the
actor" points back to someone named. The ``nobody`` option of every
mention-to-person choice carries these features, weighed like any other.
"""

from __future__ import annotations

import re

from quotex.attribution.mentions import Mention
from quotex.attribution.referents import INDEFINITE, describe, is_plural
from quotex.lexicon import Lexicon

# How far back "a spokesperson" counts as introducing "the spokesperson".
_INTRODUCED_REACH = 1500


def introduced_unnamed(text: str, mention: Mention | None, lexicon: Lexicon) -> bool:
    """Whether a definite description follows "a …" with its head, shortly.

    "A spokesperson for the mayor's office said …" then "the spokesperson
    said": the same unnamed person again.
    """
    if mention is None or mention.kind != "description":
        return False
    if describe(mention, lexicon)[1] != "definite":
        return False
    head = re.escape(mention.key)
    pattern = re.compile(
        r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w’'-]+\s+){0,3}" + head + r"\b"
    )
    return (
        pattern.search(text, max(0, mention.start - _INTRODUCED_REACH), mention.start)
        is not None
    )


def nobody_features(
    mention: Mention | None, lexicon: Lexicon, introduced: bool = False
) -> dict[str, float]:
    """Features of the option that the mention names nobody in the text.

    ``introduced`` is :func:`introduced_unnamed` for the mention.
    """
    features = {"nobody": 1.0}
    if mention is None:
        return features
    head_class = None
    if mention.kind == "description":
        head_class, determiner = describe(mention, lexicon)
        if introduced:
            features["nobody&introduced_unnamed"] = 1.0
        features[f"nobody&{head_class}"] = 1.0
        features[f"nobody&{determiner}"] = 1.0
        # "the actor" points back; "an actor" brings someone new in.
        features[f"nobody&{head_class}&{determiner}"] = 1.0
    words = [w.lower() for w in mention.text.split()]
    if words and words[0] in INDEFINITE:
        features["nobody&indefinite"] = 1.0
    if mention.kind == "description":
        if head_class != "person":
            features["nobody&not_a_person_noun"] = 1.0
        if is_plural(mention):
            features["nobody&plural"] = 1.0  # "officials", "the two lawmakers"
    return features
