"""Who a pronoun or a description can refer to at all: the options of a choice.

Generation rules, not decisions: they leave out people a mention cannot mean,
so that the fitted chooser weighs only real options. "He" means a person;
"the two lawmakers" a group and "the company" a body, never one person; "a
spokesman" someone new, unless the phrase names the body they speak for; "the
statement" its author, one of those the text shows speaking or writing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quotex.attribution.mentions import PERSON_PRONOUNS, Mention
from quotex.attribution.person import (
    AFTER_THE,
    ALONE,
    POSSESSIVE_RE,
    REPORTS,
    SUBJECT,
    Person,
)
from quotex.lexicon import Lexicon, name_key, word_set

POSSESSIVE_PRONOUNS = {"his": "m", "her": "f", "their": "", "its": ""}
INDEFINITE = frozenset({"a", "an", "one", "another", "some", "several", "many"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Adverbs that may stand before a determiner: "even a top strategist".
_LEADING_ADVERBS = frozenset({"even", "also", "only", "just", "still", "yet"})
# An age standing for a person: "the 46-year-old", "a 16-year-old".
_AGE_RE = re.compile(r"(?:\d+|[a-z]+)-year-old")
# Nouns for a crowd: never one person, whatever their number.
_CROWDS = word_set("crowd audience mob throng congregation chorus choir")


def describe(mention: Mention, lexicon: Lexicon) -> tuple[str, str]:
    """Classify a description by its head and its determiner.

    The head says what it stands for: a ``person`` ("the senator"), a
    ``body`` ("the network"), a ``text`` someone wrote ("the statement") or
    ``other``; the determiner whether it points back (``definite``,
    ``possessive``) or brings someone new in (``indefinite``, ``bare``).
    """
    head = mention.key
    words = [w.lower() for w in mention.text.split()]
    # "the 46-year-old": the tokenizer makes "old" the head of the age.
    last = words[-1].strip(",.") if words else ""
    if (
        head in lexicon.person_nouns
        or _AGE_RE.fullmatch(head)
        or _AGE_RE.fullmatch(last)
    ):
        head_class = "person"
    elif head in lexicon.organization_nouns:
        head_class = "body"
    elif head in lexicon.reporting_nouns:
        head_class = "text"
    else:
        head_class = "other"
    while len(words) > 1 and words[0] in _LEADING_ADVERBS:
        words = words[1:]
    first = words[0] if words else ""
    if first in _DEFINITE:
        determiner = "definite"
    elif first in POSSESSIVE_PRONOUNS or first.endswith(("'s", "’s")):
        determiner = "possessive"
    elif first in INDEFINITE:
        determiner = "indefinite"
    else:
        determiner = "bare"
    return head_class, determiner


def is_plural(mention: Mention) -> bool:
    """Whether a description means more than one person.

    Its head is plural ("officials", "the two lawmakers") or names a crowd
    ("the crowd chanted", "the audience replied").
    """
    words = [w.lower().strip(",.") for w in mention.text.split()]
    head = mention.key
    if mention.plural or head in _CROWDS:
        return True
    return any(w != head and w.startswith(head) and w.endswith("s") for w in words)


def possible_referents(
    mention: Mention | None, people: Sequence[Person], lexicon: Lexicon
) -> list[Person]:
    """Keep the people ``mention`` can refer to, in the order given."""
    if mention is None:
        return list(people)
    if mention.kind == "pronoun":
        if mention.key in PERSON_PRONOUNS:
            # A place stays an option ("Jordan" may be a man): its features
            # weigh it down. A line of capitals on its own ("Article
            # Continued Below", a byline) is no one the story goes on about.
            return [
                p
                for p in people
                if p.kind != "organization"
                and not p.every_mention_before(mention.start, ALONE)
            ]
        return list(people)
    # "Fans chanted": the roster may take a capitalised head for a name, but
    # a description is never its own referent.
    people = [
        p
        for p in people
        if len(p.tokens) > 1 or lexicon.noun_key(name_key(p.tokens[0])) != mention.key
    ]
    named = [p for p in people if named_inside(p, mention)]
    head_class, determiner = describe(mention, lexicon)
    if head_class == "person" and _owned_by_a_name(mention):
        # "Trump's campaign manager", "Obama's wife": never the owner.
        people = [p for p in people if p not in named]
        named = []
    if determiner == "indefinite" or (head_class == "text" and named):
        # "a spokesman for Disney", "the IMF report", "Berg's tweet": only
        # whoever the phrase itself names.
        return named
    if is_plural(mention):
        return [p for p in people if is_body(p, mention.start) or p in named]
    if head_class == "body" and determiner == "definite":
        # "the company said": a body, which the registry may have taken for a
        # person ("Twitter"), but never someone the text shows is one.
        return [p for p in people if not _surely_a_person(p) or p in named]
    owner = mention.text.split()[0].lower()
    if head_class == "text" and POSSESSIVE_PRONOUNS.get(owner):
        # "her statement said": its author is whoever "her" means.
        return [p for p in people if p.kind == "person" or p in named]
    if head_class == "text":
        # "the statement said": its author is someone the text shows
        # speaking or writing, not anyone named near it.
        return [
            p
            for p in people
            if is_body(p, mention.start)
            or p.all_flags_before(mention.start) & (REPORTS | SUBJECT)
        ]
    return list(people)


def _owned_by_a_name(mention: Mention) -> bool:
    """Whether a capitalised possessive stands before the head: "Trump's aide"."""
    return any(
        w[:1].isupper() and POSSESSIVE_RE.search(w) for w in mention.text.split()[:-1]
    )


def named_inside(person: Person, mention: Mention) -> bool:
    """Whether the mention's own words name ``person``: "a Twitter spokesman"."""
    return any(mention.start <= at < mention.end for at in person.positions)


def _surely_a_person(person: Person) -> bool:
    """A person the text shows is one: a known given name ("Sarah Patel"), a
    title ("Mayor Vosk") or a gender."""
    return person.kind == "person" and (
        person.known_given_name or person.has_title or person.gender is not None
    )


def is_body(person: Person, position: int) -> bool:
    """An organisation or a place, or a name written after "the": not a person."""
    return person.kind in ("organization", "place") or bool(
        person.all_flags_before(position) & AFTER_THE
    )
