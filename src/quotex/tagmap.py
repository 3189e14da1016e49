"""Coarse part-of-speech tags from fine ones, without spaCy's attribute ruler.

In the small English pipelines, the attribute ruler sets each token's
coarse tag (``pos_``) from its fine tag (``tag_``), with a few dozen
exceptions by word, dependency and neighbour ("that" as a pronoun, "but" as
an adverb, the "is" of "there is" as a verb). Its token matcher costs about
a fifth of quotex's parsing time. quotex reads only ``pos_`` from it, so
:class:`PosTable` applies the same rules with plain dictionary lookups: the
same tags, a fraction of the time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

# The token attributes a rule may test, as the matcher names them, and where
# each stands in a token's row of values (read once per token, not per test).
_SLOTS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_TESTS = set(_SLOTS)
# The attributes a rule may set that quotex reads, by the token's own names.
_ATTRIBUTES = {"POS": "pos_", "TAG": "tag_", "DEP": "dep_"}
_SETS = frozenset(_ATTRIBUTES)

#: (slot of the attribute, values, whether the values are excluded) per test
_Tests = tuple[tuple[int, frozenset[Any], bool], ...]
#: A token's tested attributes: fine tag, lower case, dependency, is a space
_Row = tuple[str, str, str, bool]


@dataclass(frozen=True, slots=True)
class _Rule:
    """One pattern of the ruler that sets a coarse tag.

    ``tests`` has one entry per token of the pattern; the tag goes to the
    token at ``index``.
    """

    tests: tuple[_Tests, ...]
    index: int
    #: the attributes it sets: coarse tag, and for spaces fine tag and label
    sets: tuple[tuple[str, str], ...]

    def matches(self, rows: list[_Row], at: int) -> bool:
        # Plain loops over rows read once: this runs for every parsed token.
        start = at - self.index
        if start < 0 or start + len(self.tests) > len(rows):
            return False
        for offset, tests in enumerate(self.tests):
            row = rows[start + offset]
            for slot, values, excluded in tests:
                if (row[slot] in values) == excluded:
                    return False
        return True


@dataclass(slots=True)
class PosTable:
    """The attribute ruler's coarse-tag rules, in the ruler's order."""

    #: rules for one token, by the fine tags they test; the last match wins
    by_tag: dict[str, list[tuple[int, _Rule]]] = field(default_factory=dict)
    #: every other rule (no fine tag tested, or several tokens)
    other: list[tuple[int, _Rule]] = field(default_factory=list)

    @classmethod
    def from_patterns(cls, patterns: Iterable[Mapping[str, Any]]) -> PosTable | None:
        """Build the table from ``AttributeRuler.patterns``; None if it cannot.

        A ruler that sets these by testing anything else than the
        attributes above, with other operators than ``IN`` and ``NOT_IN``, or
        with several patterns in one rule, is left to spaCy.
        """
        table = cls()
        for order, pattern in enumerate(patterns):
            sets = tuple(
                (name, value)
                for name, value in sorted(pattern["attrs"].items())
                if name in _SETS
            )
            if not sets:
                continue  # lemmas and morphology: quotex reads neither
            if len(pattern["patterns"]) != 1:
                return None
            tokens = pattern["patterns"][0]
            if any(not set(token) <= _TESTS for token in tokens) or any(
                isinstance(v, dict) and not set(v) <= {"IN", "NOT_IN"}
                for token in tokens
                for v in token.values()
            ):
                return None
            tests = tuple(
                tuple(
                    (_SLOTS[name], *_condition(value))
                    for name, value in sorted(token.items())
                )
                for token in tokens
            )
            rule = _Rule(tests, pattern.get("index", 0), sets)
            tags = None
            if len(tokens) == 1:
                tag = next(
                    (t for t in tests[0] if t[0] == _SLOTS["TAG"] and not t[2]), None
                )
                tags = tag[1] if tag is not None else None
            if tags is None:
                table.other.append((order, rule))
            else:
                for tag in tags:
                    table.by_tag.setdefault(tag, []).append((order, rule))
        return table

    def __call__(self, doc: Doc) -> Doc:
        """Set the coarse tag of every token of ``doc`` (and mark spaces)."""
        other = self.other
        tokens = list(doc)
        rows = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in tokens]
        for at, token in enumerate(tokens):
            matched = [
                pair
                for pair in self.by_tag.get(rows[at][0], ())
                if pair[1].matches(rows, at)
            ]
            matched += [pair for pair in other if pair[1].matches(rows, at)]
            if len(matched) > 1:
                # In the ruler's order: a later rule overrides an earlier one.
                matched.sort(key=lambda pair: pair[0])
            for _, rule in matched:
                for name, value in rule.sets:
                    setattr(token, _ATTRIBUTES[name], value)
        return doc


def _condition(value: Any) -> tuple[frozenset[Any], bool]:
    """A matcher condition as (values, excluded): a value, ``IN`` or ``NOT_IN``."""
    if isinstance(value, dict):
        if "NOT_IN" in value:
            return frozenset(value["NOT_IN"]), True
        return frozenset(value.get("IN", ())), False
    return frozenset([value]), False
